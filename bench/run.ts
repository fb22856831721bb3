/**
 * `npm run bench [-- --json] [-- --quick] [-- FILTER]`: runs every bench/*.bench.ts and prints
 * one table (or JSON). Exit code 1 when a stated goal is missed, so a regression is visible.
 */
import { readdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchModule, BenchRow } from './lib.js';

const args = process.argv.slice(2);
const json = args.includes('--json');
const quick = args.includes('--quick') || process.env.BENCH_QUICK === '1';
const filters = args.filter((a) => !a.startsWith('--'));

const dir = fileURLToPath(new URL('.', import.meta.url));
const files = (await readdir(dir))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();

const results: Array<{ file: string; title: string; rows: BenchRow[]; error?: string }> = [];
for (const file of files) {
  const mod = (await import(pathToFileURL(join(dir, file)).href)).default as BenchModule;
  const tmpDir = await mkdtemp(join(tmpdir(), 'ecr-tutor-bench-'));
  if (!json) process.stderr.write(`running ${file} ...\n`);
  try {
    results.push({ file, title: mod.title, rows: await mod.run({ quick, tmpDir }) });
  } catch (err) {
    results.push({
      file,
      title: mod.title,
      rows: [],
      error: String(err instanceof Error ? err.stack : err),
    });
  } finally {
    await rm(tmpDir, { recursive: true, force: true });
  }
}

const fmt = (n: number): string =>
  !Number.isFinite(n)
    ? String(n)
    : Math.abs(n) >= 100
      ? Math.round(n).toLocaleString('en-US')
      : n.toFixed(2);

if (json) {
  process.stdout.write(JSON.stringify({ node: process.version, quick, results }, null, 2) + '\n');
} else {
  for (const r of results) {
    process.stdout.write(`\n${r.title}\n`);
    if (r.error) process.stdout.write(`  FAILED: ${r.error}\n`);
    for (const row of r.rows) {
      const base = row.baseline ? `  vs ${row.baseline.name}: ${fmt(row.baseline.value)}` : '';
      const ratio = row.ratio !== undefined ? `  ratio ${row.ratio.toFixed(2)}x` : '';
      const goal = row.goal ? `  goal ${row.goal}: ${row.met ? 'met' : 'MISSED'}` : '';
      process.stdout.write(`  ${row.name}: ${fmt(row.value)} ${row.unit}${base}${ratio}${goal}\n`);
    }
  }
}
const missed = results.some((r) => r.error || r.rows.some((row) => row.goal && row.met === false));
process.exitCode = missed ? 1 : 0;
