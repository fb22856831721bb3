/**
 * The instructor commands through the CLI (`main`), against the learner's own running sandbox:
 * report / class / cleanup / --learner validation / facilitator lines in check and status.
 */
import { GetRepositoryPolicyCommand, ListImagesCommand } from '@aws-sdk/client-ecr';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { openLesson, type TutorEngine } from '../../src/app/index.js';
import { memoryIo } from '../../src/io.js';
import { defaultSandboxStateDir } from '../../src/sandbox/index.js';
import { pushImage, sampleImage, startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';

let tsb: TestSandbox;
let home: string;
let cwd: string;
let reports: string;
const savedHome = process.env.ECR_TUTOR_HOME;

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo();
  const code = await main(argv, io);
  return { code, out: io.stdout(), err: io.stderr() };
}

async function imageTags(repositoryName: string): Promise<string[]> {
  const r = await tsb.ecr().send(new ListImagesCommand({ repositoryName }));
  return (r.imageIds ?? []).flatMap((i) => (i.imageTag ? [i.imageTag] : [])).sort();
}

async function workUntil(engine: TutorEngine, untilId: string): Promise<void> {
  for (;;) {
    const snap = engine.snapshot();
    const def = snap.steps[snap.currentIndex]!.def;
    if (def.id === untilId) return;
    const r = def.solve ? await engine.skip() : await engine.check();
    if (r.status !== 'pass') throw new Error(`${def.id}: ${r.summary}`);
    engine.next();
  }
}

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'ecr-tutor-instr-home-'));
  cwd = await mkdtemp(join(tmpdir(), 'ecr-tutor-instr-cwd-'));
  reports = await mkdtemp(join(tmpdir(), 'ecr-tutor-instr-reports-'));
  process.env.ECR_TUTOR_HOME = home;
  tsb = await startTestSandbox({ stateDir: defaultSandboxStateDir(process.env) });
  // cleo (a learner) reaches the compose step; the default learner applies the policy to the
  // workshop's own repository (which the tutor did not create).
  const cleo = await openLesson({ target: {}, cwd, learner: 'cleo' });
  await workUntil(cleo, 'compose');
  await cleo.close();
  const solo = await openLesson({ target: {}, cwd });
  await workUntil(solo, 'verify');
  await solo.close();
}, 60_000);

afterAll(async () => {
  await tsb?.cleanup();
  if (savedHome === undefined) delete process.env.ECR_TUTOR_HOME;
  else process.env.ECR_TUTOR_HOME = savedHome;
  for (const d of [home, cwd, reports]) await rm(d, { recursive: true, force: true });
});

describe('--learner names', () => {
  it.each([
    ['Ana', /lowercase letters, digits/],
    ['a b', /lowercase letters, digits/],
    ['-ana', /lowercase letters, digits/],
    ['x'.repeat(50), /longer than 64 characters/],
  ])('refuses %s in one line with exit 2', async (name, why) => {
    const r = await run('report', '--learner', name);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(why);
    expect(r.err.split('\n').filter(Boolean)).toHaveLength(2); // the error and its "try:" line
  });

  it('start refuses a bad name before opening anything', async () => {
    const r = await run('start', '--learner', 'Bad_Name!', '--plain');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^error: The learner name "Bad_Name!" cannot be used/);
    expect(process.env.ECR_TUTOR_LEARNER).toBeUndefined();
  });

  it('refuses an empty one', async () => {
    const r = await run('status', '--learner', '');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/it is empty/);
  });
});

describe('ecr-tutor report and class', () => {
  it('writes md, json and junit; account ids only with --show-account', async () => {
    const md = await run('report', '--learner', 'cleo');
    expect(md.code).toBe(0);
    expect(md.out).toMatch(/evidence report for cleo/);
    expect(md.out).toMatch(/\| 3 \| Check the repository and the CI user \| skipped/);
    expect(md.out).not.toContain(tsb.sandbox.accountId);
    const shown = await run('report', '--learner', 'cleo', '--format', 'json', '--show-account');
    expect(JSON.parse(shown.out).target.accountId).toBe(tsb.sandbox.accountId);
    const j = await run('report', '--learner', 'cleo', '--format', 'junit');
    expect(j.out).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="ecr-tutor" tests="9"/,
    );
    // reading a learner who never started leaves no progress file behind
    const progress = join(home, 'state', 'progress');
    const files = await readdir(progress);
    expect((await run('report', '--learner', 'nobody-yet')).code).toBe(0);
    expect(await readdir(progress)).toEqual(files);
    const bad = await run('report', '--format', 'pdf');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/use one of md, json, junit/);
  }, 30_000);

  it('class reads the reports written with --out', async () => {
    expect(
      (
        await run(
          'report',
          '--learner',
          'cleo',
          '--format',
          'json',
          '--out',
          join(reports, 'cleo.json'),
        )
      ).code,
    ).toBe(0);
    expect(
      (await run('report', '--format', 'json', '--out', join(reports, 'solo.json'))).code,
    ).toBe(0);
    const saved = JSON.parse(await readFile(join(reports, 'cleo.json'), 'utf8'));
    expect(saved.kind).toBe('ecr-tutor-report');
    const csv = await run('class', reports, '--format', 'csv');
    expect(csv.code).toBe(0);
    const lines = csv.out.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines.find((l) => l.startsWith('cleo,'))).toMatch(
      /^cleo,repository-policy,compose,not-started,4,9,false,/,
    );
    expect(lines.find((l) => l.startsWith('solo,'))).toMatch(
      // at verify: the learner has not pushed the step's tag yet
      /^solo,repository-policy,verify,not-started,6,9,false,/,
    );
    const json = JSON.parse((await run('class', reports, '--format', 'json')).out);
    expect(json.steps.find((s: { id: string }) => s.id === 'apply')).toMatchObject({
      skipped: 1,
      notStarted: 1,
      completionPercent: 50,
    });
    const empty = await run('class', cwd); // a folder with no reports (the policy files only)
    expect(empty.code).toBe(1);
    expect(empty.out).toBe('');
    // the learners' policy files there are named and skipped, then the error
    expect(empty.err).toMatch(
      /^skipped .*fcj-workshop-app-policy.*\.json: it is not an ecr-tutor report/,
    );
    expect(empty.err).toMatch(
      /\nerror: no learner reports in .*\n {2}try: on each learner's machine run/,
    );
    const missing = await run('class', join(reports, 'nope'));
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/is not a folder/);
  }, 30_000);
});

describe('facilitator mode in check and status', () => {
  it('shows the exact check of each step', async () => {
    const c = await run('check', '--learner', 'cleo', '--facilitator');
    expect(c.out).toMatch(/^5\.1 Repository access policy \(learner cleo\): checking/);
    expect(c.out).toMatch(
      /check: resources-exist repository="fcj-workshop-app-cleo" ciUser="fcj-ecr-ci-cd-user-cleo"/,
    );
    const s = await run('status', '--learner', 'cleo', '--facilitator');
    expect(s.out).toMatch(/Saved progress of cleo/);
    expect(s.out).toMatch(/check: policy-file-grants file="fcj-workshop-app-policy-cleo.json"/);
    const plain = await run('status', '--learner', 'cleo');
    expect(plain.out).not.toMatch(/check:/);
  }, 30_000);
});

describe('status and reset per learner', () => {
  it("reset --learner forgets only that learner's progress", async () => {
    const before = JSON.parse((await run('status', '--json')).out);
    expect(before.lessons[0].done).toBeGreaterThan(0);
    expect(
      JSON.parse((await run('status', '--learner', 'gus', '--json')).out).lessons[0].started,
    ).toBe(false);
    const r = await run('reset', '--learner', 'cleo');
    expect(r.out).toMatch(/Forgot your progress in every lesson of cleo/);
    expect(
      JSON.parse((await run('status', '--learner', 'cleo', '--json')).out).lessons[0].started,
    ).toBe(false);
    expect(JSON.parse((await run('status', '--json')).out).lessons[0].done).toBe(
      before.lessons[0].done,
    );
  });
});

describe('ecr-tutor cleanup', () => {
  it('restores what it changed on a repository it did not create, and keeps the repository and user', async () => {
    // a test image a crashed verify left behind, next to the workshop's own image
    await pushImage(tsb.ecr(), 'fcj-workshop-app', sampleImage(), {
      tag: 'ecr-tutor-check-dead1234',
    });
    const tagsBefore = await imageTags('fcj-workshop-app');
    expect(tagsBefore).toContain('ecr-tutor-check-dead1234');
    const dry = await run('cleanup');
    expect(dry.out).toMatch(/delete 1 test image the verify step pushed to fcj-workshop-app/);
    expect(dry.code).toBe(0);
    expect(dry.out).toMatch(
      /remove the lesson's policy from fcj-workshop-app \(it had none before the lesson\)/,
    );
    expect(dry.out).toMatch(/keep: the repository fcj-workshop-app: the tutor did not create it/);
    expect(dry.out).toMatch(/keep: the IAM user fcj-ecr-ci-cd-user: the tutor did not create it/);
    expect(dry.out).toMatch(/Nothing was changed\. Run again with --yes/);
    // still there after the dry run
    await tsb.ecr().send(new GetRepositoryPolicyCommand({ repositoryName: 'fcj-workshop-app' }));
    const done = await run('cleanup', '--yes');
    expect(done.code).toBe(0);
    expect(done.out).toMatch(/Checked: nothing the lesson made or changed is left/);
    await expect(
      tsb.ecr().send(new GetRepositoryPolicyCommand({ repositoryName: 'fcj-workshop-app' })),
    ).rejects.toMatchObject({ name: 'RepositoryPolicyNotFoundException' });
    // only the test image went: the workshop's own image stays
    expect(await imageTags('fcj-workshop-app')).toEqual(
      tagsBefore.filter((t) => t !== 'ecr-tutor-check-dead1234'),
    );
    expect(tagsBefore.length).toBeGreaterThan(1);
    const again = await run('cleanup', '--yes');
    expect(again.out).toMatch(/Nothing to clean up/);
  }, 30_000);

  it("removes a learner's tagged repository and user", async () => {
    const r = await run('cleanup', '--learner', 'cleo', '--yes');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/done: delete the repository fcj-workshop-app-cleo/);
    expect(r.out).toMatch(/done: delete the IAM user fcj-ecr-ci-cd-user-cleo/);
    expect((await run('cleanup', '--learner', 'cleo')).out).toMatch(/Nothing to clean up for cleo/);
  }, 30_000);
});
