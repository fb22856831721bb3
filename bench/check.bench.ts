/**
 * A step check through the engine against the same raw SDK calls it makes, in the same run,
 * on a sandbox on port 0 (loopback, so the calls are as cheap as they ever get). Goal: engine
 * overhead (parameters, lint, evaluation, semantic compare, progress) under 20% of the calls.
 * Measured in steady state, i.e. the re-check that watch mode and `check` repeat: the policy
 * work is memoised by text and an unchanged outcome is saved lazily (see engine.ts).
 */
import { GetRepositoryPolicyCommand, SetRepositoryPolicyCommand } from '@aws-sdk/client-ecr';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sessionForSandbox } from '../src/aws/session.js';
import { lessonPolicyText } from '../src/checks/policy-file.js';
import { openLesson } from '../src/engine/index.js';
import { startSandbox } from '../src/sandbox/index.js';
import { median, type BenchModule, type BenchRow } from './lib.js';

/** Alternates a and b (so drift hits both alike) and returns their median milliseconds. */
async function paired(
  a: () => Promise<unknown>,
  b: () => Promise<unknown>,
  reps: number,
): Promise<[number, number]> {
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < 20; i++) {
    await a();
    await b();
  }
  for (let i = 0; i < reps; i++) {
    let t0 = performance.now();
    await a();
    ta.push(performance.now() - t0);
    t0 = performance.now();
    await b();
    tb.push(performance.now() - t0);
  }
  return [median(ta), median(tb)];
}

const bench: BenchModule = {
  title: 'Step checks: engine vs the raw SDK calls they make (sandbox, loopback)',
  async run(ctx) {
    const reps = ctx.quick ? 30 : 150;
    const sandbox = await startSandbox({
      stateDir: join(ctx.tmpDir, 'sandbox'),
      port: 0,
      region: 'us-east-1',
    });
    const session = sessionForSandbox(sandbox);
    const cwd = join(ctx.tmpDir, 'work');
    await mkdir(cwd, { recursive: true });
    const engine = await openLesson({
      target: {},
      session,
      cwd,
      env: { ...process.env, ECR_TUTOR_HOME: join(ctx.tmpDir, 'home') },
    });
    const rows: BenchRow[] = [];
    try {
      const { sts, ecr } = session.clients;
      const policy = lessonPolicyText(sandbox.accountId, 'fcj-ecr-ci-cd-user');
      await writeFile(join(cwd, 'fcj-workshop-app-policy.json'), policy);
      await ecr.send(
        new SetRepositoryPolicyCommand({ repositoryName: 'fcj-workshop-app', policyText: policy }),
      );

      const row = (name: string, ms: number, rawName: string, raw: number): BenchRow => {
        const ratio = ms / raw;
        return {
          name,
          value: ms,
          unit: 'ms',
          baseline: { name: rawName, value: raw },
          ratio,
          goal: 'engine overhead < 20% (ratio < 1.20)',
          met: ratio < 1.2,
        };
      };

      // Step 1 (connect): one STS call.
      const [c1, r1] = await paired(
        async () => {
          const r = await engine.check();
          if (r.status !== 'pass') throw new Error(r.summary);
        },
        () => sts.send(new GetCallerIdentityCommand({})),
        reps,
      );
      rows.push(row('connect step check (engine.check)', c1, 'raw GetCallerIdentity', r1));

      // Step 6 (apply): STS + GetRepositoryPolicy, then lint, evaluation and semantic diff.
      for (let i = 0; i < 5; i++) engine.next();
      if (engine.snapshot().steps[engine.snapshot().currentIndex]!.def.id !== 'apply')
        throw new Error('not on the apply step');
      const [c6, r6] = await paired(
        async () => {
          const r = await engine.check();
          if (r.status !== 'pass') throw new Error(r.summary);
        },
        async () => {
          await sts.send(new GetCallerIdentityCommand({}));
          await ecr.send(new GetRepositoryPolicyCommand({ repositoryName: 'fcj-workshop-app' }));
        },
        reps,
      );
      rows.push(
        row(
          'apply step check (engine.check)',
          c6,
          'raw GetCallerIdentity + GetRepositoryPolicy',
          r6,
        ),
      );
    } finally {
      await engine.close();
      await session.close();
      await sandbox.stop();
    }
    return rows;
  },
};

export default bench;
