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
  /** how many measured repetitions the median `value` is taken over (shown as "n=") */
  runs?: number;
  /** smallest and largest of those repetitions, so the spread is visible next to the median */
  spread?: { min: number; max: number };
  /** true when a smaller value is better (ms, MiB); false or absent for rates (ops/s, MiB/s) */
  lowerIsBetter?: boolean;
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
  return (await timeRuns(fn, reps, warmup)).median;
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

/** A median with the repetitions it came from (for BenchRow.runs / BenchRow.spread). */
export interface Sample {
  median: number;
  min: number;
  max: number;
  runs: number;
  values: number[];
}

/** Summarises repeated measurements. */
export function sample(values: number[]): Sample {
  return {
    median: median(values),
    min: Math.min(...values),
    max: Math.max(...values),
    runs: values.length,
    values,
  };
}

/**
 * Runs `fn` `reps` times (after `warmup` untimed runs) and returns every duration in ms, so a
 * row can show its median together with n and the spread.
 */
export async function timeRuns(
  fn: () => unknown | Promise<unknown>,
  reps: number,
  warmup = 2,
): Promise<Sample> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return sample(times);
}

/**
 * Measures `subject` and `baseline` alternately (ABAB..., so drift on a shared machine hits
 * both alike) and returns both samples plus the median of the per-pair ratios subject/baseline.
 */
export async function pairedRuns(
  subject: () => Promise<number>,
  baseline: () => Promise<number>,
  reps: number,
): Promise<{ subject: Sample; baseline: Sample; ratio: number }> {
  const a: number[] = [];
  const b: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < reps; i++) {
    const x = await subject();
    const y = await baseline();
    a.push(x);
    b.push(y);
    ratios.push(x / y);
  }
  return { subject: sample(a), baseline: sample(b), ratio: median(ratios) };
}
