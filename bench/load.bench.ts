/**
 * Cross-cutting load: a sandbox process under 16 concurrent clients pushing and pulling, against
 * the same load from one client in the same run (so the ratio says how throughput holds up under
 * concurrency, whatever the machine), plus the sandbox's memory growth over a sustained run.
 * The scenario is test/reliability/load-run.ts (the same one the load test asserts on).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { killHard, startChildSandbox } from '../test/reliability/child.js';
import { runLoad, type LoadResult } from '../test/reliability/load-run.js';
import { median, sample, type BenchModule, type BenchRow } from './lib.js';

async function rssMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN) / 1024;
}

const rate = (r: LoadResult): number => (r.pushes + r.pulls) / r.seconds;
const broken = (r: LoadResult): number =>
  r.errors.length + r.lost.length + r.unexpected.length + r.mismatched.length;

const bench: BenchModule = {
  title: 'Load: the sandbox under 16 concurrent clients (push + pull)',
  async run({ quick, tmpDir }) {
    const child = await startChildSandbox(join(tmpDir, 'sandbox'));
    const pid = child.child.pid!;
    try {
      const rounds = quick ? 2 : 3;
      const seconds = quick ? 2 : 4;
      const many: number[] = [];
      const one: number[] = [];
      const ratios: number[] = [];
      let failures = 0;
      for (let i = 0; i < rounds; i++) {
        // Alternate 16-client and 1-client rounds so machine drift hits both alike.
        const a = await runLoad({
          endpoint: child.endpoint,
          credentials: child.credentials,
          clients: 16,
          seconds,
          seed: 100 + i,
        });
        const b = await runLoad({
          endpoint: child.endpoint,
          credentials: child.credentials,
          clients: 1,
          seconds,
          seed: 200 + i,
        });
        many.push(rate(a));
        one.push(rate(b));
        ratios.push(rate(a) / rate(b));
        failures += broken(a) + broken(b);
      }
      // Sustained run: RSS after a warm-up versus at the end.
      const rss: Record<string, number> = {};
      const sustained = await runLoad({
        endpoint: child.endpoint,
        credentials: child.credentials,
        clients: 16,
        seconds: quick ? 4 : 10,
        seed: 999,
        onPhase: async (p) => {
          rss[p] = await rssMiB(pid);
        },
      });
      failures += broken(sustained);
      const s16 = sample(many);
      const s1 = sample(one);
      const ratio = median(ratios);
      const growth = rss.end! - rss.warm!;
      const rows: BenchRow[] = [
        {
          name: '16 clients pushing + pulling small images (images/s)',
          value: s16.median,
          unit: 'images/s',
          runs: s16.runs,
          spread: { min: s16.min, max: s16.max },
          baseline: { name: 'same load from 1 client', value: s1.median },
          ratio,
          goal: '16 clients >= 1.0x one client (no collapse under concurrency)',
          met: ratio >= 1.0,
        },
        {
          name: 'failed requests, lost writes or differing bytes under load',
          value: failures,
          unit: 'count',
          runs: rounds * 2 + 1,
          lowerIsBetter: true,
          goal: '0',
          met: failures === 0,
        },
        {
          name: `sandbox RSS growth over ${sustained.seconds.toFixed(0)} s of 16-client load (after warm-up)`,
          value: growth,
          unit: 'MiB',
          runs: 1,
          lowerIsBetter: true,
          baseline: { name: 'RSS after warm-up (MiB)', value: rss.warm! },
          ratio: rss.end! / rss.warm!,
          goal: '< 64 MiB',
          met: Number.isFinite(growth) ? growth < 64 : undefined,
        },
      ];
      return rows;
    } finally {
      await killHard(child.child);
    }
  },
};

export default bench;
