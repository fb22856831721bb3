/**
 * The sandbox's front door under the body flood of issue 14: 40 connections each declare a
 * 28 MiB layer part, send all but its last MiB and stall. Figures: the sandbox's (a child
 * process) peak RSS growth while unauthenticated and while signed bodies hang, against the
 * 1,120 MiB the declared bodies add up to, and how long another client's DescribeRepositories
 * takes meanwhile.
 */
import { DescribeRepositoriesCommand, ECRClient } from '@aws-sdk/client-ecr';
import { join } from 'node:path';
import { median, type BenchContext, type BenchModule, type BenchRow } from './lib.js';
import { bodyFlood } from '../test/helpers/body-flood.js';
import { killHard, startChildSandbox } from '../test/reliability/child.js';

const DECLARED_MIB = 40 * 28;

async function run(ctx: BenchContext): Promise<BenchRow[]> {
  // shorter waits than the defaults (10 s idle, 15 s for room) keep the bench quick
  process.env.SANDBOX_CHILD_LIMITS = JSON.stringify({ bodyIdleMs: 2000, budgetWaitMs: 3000 });
  const sb = (await startChildSandbox(join(ctx.tmpDir, 'flood'))) as Awaited<
    ReturnType<typeof startChildSandbox>
  > & { pid: number };
  delete process.env.SANDBOX_CHILD_LIMITS;
  const ecr = new ECRClient({
    endpoint: sb.endpoint,
    region: 'us-east-1',
    credentials: sb.credentials,
    maxAttempts: 1,
  });
  try {
    await ecr.send(new DescribeRepositoriesCommand({}));
    const rows: BenchRow[] = [];
    for (const signed of [false, true]) {
      const r = await bodyFlood({
        endpoint: sb.endpoint,
        pid: sb.pid,
        credentials: sb.credentials,
        region: 'us-east-1',
        signed,
        other: () => ecr.send(new DescribeRepositoriesCommand({})),
      });
      const who = signed ? 'signed' : 'unauthenticated';
      rows.push({
        name: `sandbox peak RSS growth, 40 stalled ${who} 28 MiB bodies`,
        value: r.peakGrowthMiB,
        unit: 'MiB',
        baseline: { name: 'the declared bodies', value: DECLARED_MIB },
        goal: signed ? '<= 200 MiB (budget 96 MiB)' : '<= 48 MiB (nothing read)',
        met: r.peakGrowthMiB <= (signed ? 200 : 48),
        lowerIsBetter: true,
      });
      rows.push({
        name: `another client's DescribeRepositories during the ${who} flood (median)`,
        value: median(r.otherMs),
        unit: 'ms',
        runs: r.otherMs.length,
        spread: { min: Math.min(...r.otherMs), max: Math.max(...r.otherMs) },
        goal: 'every call served',
        met: r.otherFailures.length === 0 && r.otherMs.length > 0,
        lowerIsBetter: true,
      });
    }
    return rows;
  } finally {
    ecr.destroy();
    await killHard(sb.child);
  }
}

const bench: BenchModule = { title: 'Sandbox front door: the body flood', run };
export default bench;
