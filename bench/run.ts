/**
 * `npm run bench [-- --json] [-- --quick] [-- --out FILE] [-- FILTER...]`: runs every
 * bench/*.bench.ts and prints one report: a table per bench file (median, repetitions, spread,
 * same-run baseline, ratio, goal) and a summary; `--json` prints the same as JSON, `--out FILE`
 * also writes the JSON to FILE. A fixed CPU task timed at the start and at the end of the run
 * shows how fast and how steady the machine was (absolute figures only compare between runs
 * with similar machine baselines; ratios compare anywhere). Exit code 1 when a goal is missed
 * or a bench fails, so a regression is visible in CI.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { timeRuns, type BenchModule, type BenchRow, type Sample } from './lib.js';

// The SDK's Node-version notice on stderr would interleave with the report.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const args = process.argv.slice(2);
const json = args.includes('--json');
const quick = args.includes('--quick') || process.env.BENCH_QUICK === '1';
const outIndex = args.indexOf('--out');
const outFile = outIndex >= 0 ? args[outIndex + 1] : undefined;
const filters = args.filter((a, i) => !a.startsWith('--') && (outIndex < 0 || i !== outIndex + 1));

const dir = fileURLToPath(new URL('.', import.meta.url));
const files = (await readdir(dir))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();

/** The machine baseline: sha256 of 4 MiB, a task whose cost depends only on the CPU. */
const calibrationData = Buffer.alloc(4 * 1024 * 1024, 0x5a);
function calibrate(): Promise<Sample> {
  return timeRuns(() => createHash('sha256').update(calibrationData).digest(), quick ? 9 : 21, 3);
}

interface FileResult {
  file: string;
  title: string;
  ms: number;
  rows: BenchRow[];
  error?: string;
}

const startedAt = new Date();
const t0 = performance.now();
const machineStart = await calibrate();
const results: FileResult[] = [];
for (const file of files) {
  const mod = (await import(pathToFileURL(join(dir, file)).href)).default as BenchModule;
  const tmpDir = await mkdtemp(join(tmpdir(), 'ecr-tutor-bench-'));
  if (!json) process.stderr.write(`running ${file} ...\n`);
  const started = performance.now();
  try {
    const rows = await mod.run({ quick, tmpDir });
    // A baseline without a ratio gets the plain one, as displayed (value / baseline).
    for (const row of rows)
      if (row.baseline && row.ratio === undefined) row.ratio = row.value / row.baseline.value;
    results.push({ file, title: mod.title, ms: performance.now() - started, rows });
  } catch (err) {
    results.push({
      file,
      title: mod.title,
      ms: performance.now() - started,
      rows: [],
      error: String(err instanceof Error ? err.stack : err),
    });
  } finally {
    await rm(tmpDir, { recursive: true, force: true });
  }
}
const machineEnd = await calibrate();
const driftPct = ((machineEnd.median - machineStart.median) / machineStart.median) * 100;

const allRows = results.flatMap((r) => r.rows);
const summary = {
  benches: results.length,
  failed: results.filter((r) => r.error).map((r) => r.file),
  figures: allRows.length,
  withBaseline: allRows.filter((r) => r.baseline).length,
  goals: allRows.filter((r) => r.goal).length,
  met: allRows.filter((r) => r.goal && r.met === true).length,
  missed: allRows.filter((r) => r.goal && r.met === false).map((r) => r.name),
};

const fmt = (n: number | undefined): string =>
  n === undefined
    ? ''
    : !Number.isFinite(n)
      ? String(n)
      : Math.abs(n) >= 100
        ? Math.round(n).toLocaleString('en-US')
        : Math.abs(n) >= 1 || n === 0
          ? n.toFixed(2).replace(/\.00$/, '')
          : n.toPrecision(2);

const report = {
  node: process.version,
  platform: `${process.platform}-${process.arch}`,
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model,
  loadavgAtStart: loadavg().map((x) => Number(x.toFixed(2))),
  quick,
  startedAt: startedAt.toISOString(),
  durationMs: Math.round(performance.now() - t0),
  machineBaseline: {
    name: 'sha256 of 4 MiB (ms, median)',
    start: Number(machineStart.median.toFixed(3)),
    end: Number(machineEnd.median.toFixed(3)),
    driftPct: Number(driftPct.toFixed(1)),
  },
  results,
  summary,
};

if (outFile) await writeFile(outFile, JSON.stringify(report, null, 2) + '\n');

if (json) {
  process.stdout.write(JSON.stringify(report, null, 2) + '\n');
} else {
  const w = (s: string): boolean => process.stdout.write(s);
  w(
    `ecr-tutor bench — ${report.startedAt}, Node ${report.node}, ${report.cpus} CPU (${report.cpuModel ?? '?'}), load ${report.loadavgAtStart.join(' ')}${quick ? ', QUICK mode' : ''}\n`,
  );
  w(
    `machine baseline: sha256 of 4 MiB = ${fmt(machineStart.median)} ms at start, ${fmt(machineEnd.median)} ms at end (drift ${driftPct >= 0 ? '+' : ''}${driftPct.toFixed(1)}%)\n`,
  );
  if (Math.abs(driftPct) > 25)
    w(
      '  note: the machine got much faster or slower during the run; compare ratios, not absolute figures\n',
    );
  for (const r of results) {
    w(`\n${r.title}  [${r.file}, ${(r.ms / 1000).toFixed(1)} s]\n`);
    if (r.error) {
      w(`  FAILED: ${r.error}\n`);
      continue;
    }
    const table = r.rows.map((row) => [
      row.name,
      `${fmt(row.value)} ${row.unit}`,
      row.runs !== undefined ? `n=${row.runs}` : '',
      row.spread ? `${fmt(row.spread.min)}..${fmt(row.spread.max)}` : '',
      row.baseline ? `${row.baseline.name}: ${fmt(row.baseline.value)}` : '(no baseline)',
      row.ratio !== undefined ? `${row.ratio.toFixed(2)}x` : '',
      row.goal ? `${row.goal}: ${row.met ? 'met' : 'MISSED'}` : '',
    ]);
    const head = ['figure', 'median', 'runs', 'spread', 'same-run baseline', 'ratio', 'goal'];
    const widths = head.map((h, i) =>
      Math.min(
        i === 0 ? 56 : i === 4 ? 52 : 40,
        Math.max(h.length, ...table.map((t) => t[i]!.length)),
      ),
    );
    const line = (cells: string[]): string =>
      '  ' +
      cells
        .map((c, i) =>
          i === cells.length - 1
            ? c
            : c.length > widths[i]!
              ? c.slice(0, widths[i]! - 1) + '…'
              : c.padEnd(widths[i]!),
        )
        .join('  ')
        .trimEnd() +
      '\n';
    w(line(head));
    w(line(widths.map((x) => '-'.repeat(x))));
    for (const t of table) {
      // A long figure name gets a line of its own rather than being cut.
      if (t[0]!.length > widths[0]!) w(`  ${t[0]}\n`);
      w(line(t[0]!.length > widths[0]! ? ['', ...t.slice(1)] : t));
    }
  }
  w(
    `\nsummary: ${summary.figures} figures from ${summary.benches} bench files in ${(report.durationMs / 1000).toFixed(0)} s; ` +
      `${summary.withBaseline} with a same-run baseline; goals ${summary.met}/${summary.goals} met` +
      (summary.missed.length ? `; MISSED: ${summary.missed.join('; ')}` : '') +
      (summary.failed.length ? `; FAILED benches: ${summary.failed.join(', ')}` : '') +
      '\n',
  );
}
process.exitCode = summary.failed.length || summary.missed.length ? 1 : 0;
