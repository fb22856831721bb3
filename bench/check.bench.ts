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
import { openLesson } from '../src/app/index.js';
import { startSandbox } from '../src/sandbox/index.js';
import { pairedRuns, type BenchModule, type BenchRow, type Sample } from './lib.js';

/** Times one call in ms. */
async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/**
 * Alternates the engine's check and the raw calls (ABAB..., so drift on a shared machine hits
 * both alike); the ratio is the median of the per-pair ratios.
 */
async function paired(
  a: () => Promise<unknown>,
  b: () => Promise<unknown>,
  reps: number,
): Promise<{ check: Sample; raw: Sample; ratio: number }> {
  for (let i = 0; i < 20; i++) {
    await a();
    await b();
  }
  const r = await pairedRuns(
    () => timed(a),
    () => timed(b),
    reps,
  );
  return { check: r.subject, raw: r.baseline, ratio: r.ratio };
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

      const row = (
        name: string,
        m: { check: Sample; raw: Sample; ratio: number },
        rawName: string,
      ): BenchRow => ({
        name,
        value: m.check.median,
        unit: 'ms',
        runs: m.check.runs,
        spread: { min: m.check.min, max: m.check.max },
        lowerIsBetter: true,
        baseline: { name: rawName, value: m.raw.median },
        ratio: m.ratio,
        goal: 'engine overhead < 20% (ratio < 1.20)',
        met: m.ratio < 1.2,
      });

      // Step 1 (connect): one STS call.
      const connect = await paired(
        async () => {
          const r = await engine.check();
          if (r.status !== 'pass') throw new Error(r.summary);
        },
        () => sts.send(new GetCallerIdentityCommand({})),
        reps,
      );
      rows.push(row('connect step check (engine.check)', connect, 'raw GetCallerIdentity'));

      // Step 6 (apply): STS + GetRepositoryPolicy, then lint, evaluation and semantic diff.
      for (let i = 0; i < 5; i++) engine.next();
      if (engine.snapshot().steps[engine.snapshot().currentIndex]!.def.id !== 'apply')
        throw new Error('not on the apply step');
      const apply = await paired(
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
          apply,
          'raw GetCallerIdentity + GetRepositoryPolicy',
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
