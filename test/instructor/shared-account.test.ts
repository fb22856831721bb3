/**
 * Two learners in ONE sandbox account work the lesson side by side (--learner ana / ben):
 * their own repositories, CI users, policy files and progress; reports and the class view
 * show each one's real state; clean-up of one leaves the other (and the workshop's own
 * resources) intact, and a second clean-up finds nothing to do.
 */
import {
  DescribeRepositoriesCommand,
  GetRepositoryPolicyCommand,
  ListTagsForResourceCommand,
} from '@aws-sdk/client-ecr';
import { GetUserCommand } from '@aws-sdk/client-iam';
import { parseXML } from '@aws-sdk/xml-builder';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionForSandbox, type AwsSession } from '../../src/aws/session.js';
import { openLesson, type TutorEngine } from '../../src/app/index.js';
import {
  buildClassView,
  classCsv,
  classMarkdown,
  readReports,
} from '../../src/instructor/class-view.js';
import { planCleanup, runCleanup, type CleanupInput } from '../../src/instructor/cleanup.js';
import { liveReport } from '../../src/instructor/live-report.js';
import { reportJunit, reportMarkdown, type LearnerReport } from '../../src/instructor/report.js';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';

let tsb: TestSandbox;
let session: AwsSession;
let home: string;
let cwd: string;
let reportsDir: string;
const env = (): NodeJS.ProcessEnv => ({ ...process.env, ECR_TUTOR_HOME: home });

function open(learner: string): Promise<TutorEngine> {
  return openLesson({ target: {}, session, cwd, env: env(), learner });
}

/** Solves (or, without a solve, checks) steps until `untilId` is the current step. */
async function workUntil(engine: TutorEngine, untilId: string): Promise<void> {
  for (;;) {
    const snap = engine.snapshot();
    const def = snap.steps[snap.currentIndex]!.def;
    if (def.id === untilId) return;
    const r = def.solve ? await engine.skip() : await engine.check();
    if (r.status !== 'pass')
      throw new Error(`${def.id} did not pass: ${r.summary} ${r.details?.join(' ') ?? ''}`);
    engine.next();
  }
}

async function reportOf(learner: string): Promise<LearnerReport> {
  const e = await open(learner);
  try {
    return await liveReport(e, { redact: {} });
  } finally {
    await e.close();
  }
}

function cleanupInput(learner: string, vars: Record<string, string>): CleanupInput {
  return {
    session,
    lessonId: 'repository-policy',
    learner,
    repository: `fcj-workshop-app-${learner}`,
    ciUser: `fcj-ecr-ci-cd-user-${learner}`,
    vars,
  };
}

async function progressVars(learner: string): Promise<Record<string, string>> {
  const e = await open(learner);
  const vars = e.snapshot().vars;
  await e.close();
  return vars;
}

async function repoExists(name: string): Promise<boolean> {
  try {
    await tsb.ecr().send(new DescribeRepositoriesCommand({ repositoryNames: [name] }));
    return true;
  } catch {
    return false;
  }
}

async function userExists(name: string): Promise<boolean> {
  try {
    await tsb.iam().send(new GetUserCommand({ UserName: name }));
    return true;
  } catch {
    return false;
  }
}

beforeAll(async () => {
  tsb = await startTestSandbox();
  session = sessionForSandbox(tsb.sandbox);
  home = await mkdtemp(join(tmpdir(), 'ecr-tutor-class-home-'));
  // Both learners share one working folder: their policy files must not collide either.
  cwd = await mkdtemp(join(tmpdir(), 'ecr-tutor-class-cwd-'));
  reportsDir = await mkdtemp(join(tmpdir(), 'ecr-tutor-class-reports-'));
  const ana = await open('ana');
  const ben = await open('ben');
  try {
    // Interleaved: ana and ben take turns in the same account.
    await workUntil(ana, 'prerequisites');
    await workUntil(ben, 'prerequisites');
    await workUntil(ana, 'concepts');
    await workUntil(ben, 'concepts');
    await workUntil(ana, 'cleanup');
    // ben is stuck on the concept questions: wrong answers, every hint.
    ben.answerQuiz('same-account', 'no');
    expect((await ben.check()).status).toBe('fail');
    while (ben.nextHint() !== undefined);
  } finally {
    await ana.close();
    await ben.close();
  }
}, 60_000);

afterAll(async () => {
  await session?.close();
  await tsb?.cleanup();
  for (const d of [home, cwd, reportsDir]) if (d) await rm(d, { recursive: true, force: true });
});

describe('two learners in one account', () => {
  it('each has their own tagged repository and CI user, policy file and progress file', async () => {
    for (const who of ['ana', 'ben']) {
      const repo = await tsb
        .ecr()
        .send(new DescribeRepositoriesCommand({ repositoryNames: [`fcj-workshop-app-${who}`] }));
      const tags = await tsb
        .ecr()
        .send(
          new ListTagsForResourceCommand({ resourceArn: repo.repositories![0]!.repositoryArn }),
        );
      expect(tags.tags).toEqual(
        expect.arrayContaining([
          { Key: 'ecr-tutor', Value: 'true' },
          { Key: 'ecr-tutor:lesson', Value: 'repository-policy' },
          { Key: 'ecr-tutor:learner', Value: who },
        ]),
      );
      const user = await tsb
        .iam()
        .send(new GetUserCommand({ UserName: `fcj-ecr-ci-cd-user-${who}` }));
      expect(user.User?.Tags).toEqual(
        expect.arrayContaining([{ Key: 'ecr-tutor:learner', Value: who }]),
      );
    }
    // only ana reached the compose step: her file, named for her
    const work = await readdir(cwd);
    expect(work).toContain('fcj-workshop-app-policy-ana.json');
    expect(work.filter((n) => !n.includes('-ana.json') && !n.includes('-ana.tar'))).toEqual([]);
    const files = (await readdir(join(home, 'state', 'progress')))
      .filter((n) => n.endsWith('.json'))
      .sort();
    expect(files).toEqual([
      `sandbox-${tsb.sandbox.accountId}--learner-ana.json`,
      `sandbox-${tsb.sandbox.accountId}--learner-ben.json`,
    ]);
  });

  it("ana's policy is on her repository only: ben's and the workshop's repositories have none", async () => {
    const policy = await tsb
      .ecr()
      .send(new GetRepositoryPolicyCommand({ repositoryName: 'fcj-workshop-app-ana' }));
    expect(policy.policyText).toContain(`user/fcj-ecr-ci-cd-user-ana`);
    for (const other of ['fcj-workshop-app-ben', 'fcj-workshop-app']) {
      await expect(
        tsb.ecr().send(new GetRepositoryPolicyCommand({ repositoryName: other })),
      ).rejects.toMatchObject({ name: 'RepositoryPolicyNotFoundException' });
    }
  });

  it('the lesson text, hints and checks use the learner names', async () => {
    const e = await openLesson({
      target: {},
      session,
      cwd,
      env: env(),
      learner: 'ben',
      facilitator: true,
    });
    const snap = e.snapshot();
    await e.close();
    expect(snap.learner).toBe('ben');
    const pre = snap.steps.find((s) => s.def.id === 'prerequisites')!;
    expect(pre.def.body).toContain('`fcj-workshop-app-ben`');
    expect(pre.def.hints.join('\n')).toContain('--user-name fcj-ecr-ci-cd-user-ben');
    expect(pre.facilitator?.check).toEqual({
      name: 'resources-exist',
      params: { repository: 'fcj-workshop-app-ben', ciUser: 'fcj-ecr-ci-cd-user-ben' },
    });
    expect(pre.facilitator?.solution).toContain(
      'aws ecr create-repository --repository-name fcj-workshop-app-ben',
    );
  });

  it("reports show each learner's live state; the class view finds ben stuck", async () => {
    const ana = await reportOf('ana');
    const ben = await reportOf('ben');
    expect(ana.learner).toBe('ana');
    expect(ana.finished).toBe(true);
    expect(Object.fromEntries(ana.steps.map((s) => [s.id, s.status]))).toEqual({
      connect: 'passed',
      'account-id': 'skipped',
      prerequisites: 'skipped',
      concepts: 'skipped',
      compose: 'skipped',
      apply: 'skipped',
      // the tutor pushed as the CI user (the step's solve): no learner push in this test
      verify: 'skipped',
      explain: 'skipped',
      cleanup: 'not-started',
    });
    expect(ben.currentStep).toBe('concepts');
    expect(ben.steps.find((s) => s.id === 'concepts')).toMatchObject({
      status: 'failed',
      hintsUsed: 3,
    });
    expect(ben.steps.find((s) => s.id === 'apply')?.status).toBe('not-started');
    expect(ben.steps.find((s) => s.id === 'prerequisites')?.checkRef).toEqual({
      name: 'resources-exist',
      params: { repository: 'fcj-workshop-app-ben', ciUser: 'fcj-ecr-ci-cd-user-ben' },
    });
    // no secret of any sandbox user appears, in any format
    const all = [
      JSON.stringify(ana),
      reportMarkdown(ana),
      reportJunit(ana),
      JSON.stringify(ben),
    ].join('\n');
    for (const u of ['workshop-admin', 'fcj-ecr-ci-cd-user']) {
      expect(all).not.toContain(tsb.sandbox.user(u).credentials.secretAccessKey);
    }
    // account ids are redacted by default
    expect(JSON.stringify(ana)).not.toContain(tsb.sandbox.accountId);
    expect(reportMarkdown(ana)).toMatch(
      /\| 7 \| Push and pull as the CI user \| skipped \(solved by the tutor\) \|/,
    );

    await writeFile(join(reportsDir, 'ana.json'), JSON.stringify(ana));
    await writeFile(join(reportsDir, 'ben.json'), JSON.stringify(ben));
    await writeFile(join(reportsDir, 'notes.json'), '{"kind":"something-else"}');
    await writeFile(join(reportsDir, 'broken.json'), '{"kind": "ecr-tutor-report", ');
    const { reports, skippedFiles } = await readReports(reportsDir);
    const view = buildClassView(reports, { dir: reportsDir, skippedFiles });
    expect(view.learners.map((l) => [l.learner, l.currentStep, l.stuck])).toEqual([
      ['ben', 'concepts', true],
      ['ana', 'finished', false],
    ]);
    expect(view.learners[0]!.stuckReasons.join()).toMatch(/3 hints on "concepts"/);
    expect(view.steps.find((c) => c.id === 'prerequisites')).toMatchObject({
      skipped: 2,
      completionPercent: 100,
    });
    expect(view.steps.find((c) => c.id === 'apply')).toMatchObject({
      skipped: 1,
      notStarted: 1,
      completionPercent: 50,
    });
    expect(view.steps.find((c) => c.id === 'concepts')?.onIt).toEqual(['ben']);
    expect(skippedFiles.map((f) => f.file.split('/').pop()).sort()).toEqual([
      'broken.json',
      'notes.json',
    ]);
    expect(classMarkdown(view)).toMatch(/\*\*Stuck:\*\* ben \(3 hints on "concepts"\)/);
    const csv = classCsv(view, reports).split('\n');
    expect(csv[0]).toMatch(/^learner,lesson,current_step,.*repository-policy:connect/);
    expect(csv[1]).toMatch(/^ben,repository-policy,concepts,failed,3,9,true,/);

    // JUnit: well-formed XML, one testcase per step, failures for ben's unfinished steps
    const doc = parseXML(reportJunit(ben)) as {
      testsuites: {
        testsuite: {
          tests: string;
          failures: string;
          testcase: Array<{ name: string; failure?: unknown; skipped?: unknown }>;
        };
      };
    };
    const suite = doc.testsuites.testsuite;
    expect(suite.testcase).toHaveLength(9);
    expect(suite.tests).toBe('9');
    expect(suite.testcase.filter((c) => c.failure).map((c) => c.name.split(':')[0])).toEqual([
      '04 concepts',
      '05 compose',
      '06 apply',
      '07 verify',
      '08 explain',
    ]);
    expect(suite.failures).toBe('5');
  }, 60_000);

  it("clean-up lists only ana's things, does nothing until run, leaves ben intact, and runs twice safely", async () => {
    const input = cleanupInput('ana', await progressVars('ana'));
    const plan = await planCleanup(input);
    expect(plan.items.map((i) => `${i.kind}:${i.action}:${i.name}`)).toEqual([
      'repository:delete:fcj-workshop-app-ana',
      'user-policy:delete:ecr-login',
      'user:delete:fcj-ecr-ci-cd-user-ana',
    ]);
    // planning changed nothing
    expect(await repoExists('fcj-workshop-app-ana')).toBe(true);
    const outcome = await runCleanup(input, plan);
    expect(outcome.leftover).toEqual([]);
    expect(await repoExists('fcj-workshop-app-ana')).toBe(false);
    expect(await userExists('fcj-ecr-ci-cd-user-ana')).toBe(false);
    // ben's and the workshop's own resources are untouched
    expect(await repoExists('fcj-workshop-app-ben')).toBe(true);
    expect(await userExists('fcj-ecr-ci-cd-user-ben')).toBe(true);
    expect(await repoExists('fcj-workshop-app')).toBe(true);
    expect(await userExists('fcj-ecr-ci-cd-user')).toBe(true);
    // second run: nothing to do
    expect((await planCleanup(input)).items).toEqual([]);
    // and ben's report still shows his state
    expect((await reportOf('ben')).steps.find((s) => s.id === 'prerequisites')?.status).toBe(
      'skipped',
    );
  }, 60_000);

  it('a progress file edited by hand to claim steps does not make them pass', async () => {
    const file = join(
      home,
      'state',
      'progress',
      `sandbox-${tsb.sandbox.accountId}--learner-ben.json`,
    );
    const data = JSON.parse(await readFile(file, 'utf8'));
    const lp = data.lessons['repository-policy'];
    const at = '2026-01-01T00:00:00.000Z';
    for (const id of ['concepts', 'compose', 'apply', 'verify', 'explain']) {
      lp.steps[id] = { status: 'passed', attempts: 1, hintsShown: 0, completedAt: at };
    }
    lp.currentIndex = 8;
    lp.furthestIndex = 8;
    await mkdir(join(home, 'state', 'progress'), { recursive: true });
    await writeFile(file, JSON.stringify(data));
    const r = await reportOf('ben');
    const status = Object.fromEntries(r.steps.map((s) => [s.id, s.status]));
    // the concept answers were wrong, no file, no policy, no push: live state says no
    for (const id of ['concepts', 'compose', 'apply', 'verify', 'explain'])
      expect(status[id]).toBe('failed');
    expect(r.steps.find((s) => s.id === 'apply')?.claimed).toBe('passed');
    expect(r.finished).toBe(false);
    expect(reportMarkdown(r)).toMatch(
      /Apply the policy to the repository \| FAILED \(progress file said passed\)/,
    );
  }, 60_000);
});
