/**
 * Tiny benchmark kit shared by every bench/*.bench.ts file. Every figure is a median over
 * repeated runs, reported next to a baseline measured in the same run (these machines are
 * noisy, so absolute numbers mean little; ratios are what goals are stated in).
 */

export interface BenchRow {
  /** what was measured, e.g. "policy evaluate (seed + 1 identity policy)" */
  name: string;
  /** the figure, e.g. 1_234_567 */
  value: number;
  /** its unit, e.g. "ops/s", "ms", "MiB" */
  unit: string;
  /** the baseline measured in the same run, when there is one */
  baseline?: { name: string; value: number };
  /** value / baseline.value (or its inverse when `lowerIsBetter` is false), as displayed */
  ratio?: number;
  /** the goal in words, e.g. ">= 50x faster than iam-simulate" */
  goal?: string;
  /** whether the goal is met in this run */
  met?: boolean;
}

export interface BenchContext {
  /** quick mode for CI smoke runs: fewer repetitions */
  quick: boolean;
  /** a fresh scratch folder for this bench file */
  tmpDir: string;
}

export interface BenchModule {
  title: string;
  run(ctx: BenchContext): Promise<BenchRow[]>;
}

/** Median of numbers (empty -> NaN). */
export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Runs fn `reps` times (after `warmup` untimed runs) and returns the median milliseconds. */
export async function medianMs(
  fn: () => unknown | Promise<unknown>,
  reps: number,
  warmup = 2,
): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

/**
 * Throughput in operations per second: runs `fn` in batches of `batch` for about `ms`
 * milliseconds, `rounds` times, and returns the median rate.
 */
export async function opsPerSecond(
  fn: () => unknown | Promise<unknown>,
  opts: { batch?: number; ms?: number; rounds?: number } = {},
): Promise<number> {
  const batch = opts.batch ?? 100;
  const ms = opts.ms ?? 300;
  const rounds = opts.rounds ?? 5;
  const rates: number[] = [];
  for (let r = 0; r < rounds; r++) {
    let n = 0;
    const t0 = performance.now();
    let el = 0;
    while (el < ms) {
      for (let i = 0; i < batch; i++) await fn();
      n += batch;
      el = performance.now() - t0;
    }
    rates.push((n * 1000) / el);
  }
  return median(rates);
}
