/**
 * Facilitator mode: any step can be skipped (the solve runs; a step without one is simply
 * marked skipped), solutions and the exact checks are visible from the start, in the engine
 * snapshot and in the plain front-end (no confirmation asked).
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionForSandbox, type AwsSession } from '../../src/aws/session.js';
import { openLesson } from '../../src/app/index.js';
import { builtinLessonsDir } from '../../src/paths.js';
import { runPlain } from '../../src/plain/run-plain.js';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';

let tsb: TestSandbox;
let session: AwsSession;
let home: string;
let cwd: string;

beforeAll(async () => {
  tsb = await startTestSandbox();
  session = sessionForSandbox(tsb.sandbox);
  home = await mkdtemp(join(tmpdir(), 'ecr-tutor-fac-home-'));
  cwd = await mkdtemp(join(tmpdir(), 'ecr-tutor-fac-cwd-'));
});

afterAll(async () => {
  await session?.close();
  await tsb?.cleanup();
  await rm(home, { recursive: true, force: true });
  await rm(cwd, { recursive: true, force: true });
});

const open = (learner: string, facilitator: boolean) =>
  openLesson({
    target: {},
    session,
    cwd,
    env: { ...process.env, ECR_TUTOR_HOME: home },
    learner,
    facilitator,
  });

describe('facilitator mode', () => {
  it('skips a step that has no solve only in facilitator mode', async () => {
    const learner = await open('dee', false);
    expect(learner.snapshot().facilitator).toBeUndefined();
    expect(learner.snapshot().steps[0]!.facilitator).toBeUndefined();
    const refused = await learner.skip(); // connect has no solve
    expect(refused.status).toBe('error');
    await learner.close();

    const fac = await open('dee', true);
    const snap = fac.snapshot();
    expect(snap.facilitator).toBe(true);
    expect(snap.steps[0]!.facilitator).toMatchObject({
      check: { name: 'caller-identity', params: {} },
    });
    expect(snap.steps.find((s) => s.def.id === 'apply')!.facilitator).toMatchObject({
      check: {
        name: 'policy-applied',
        params: { repository: 'fcj-workshop-app-dee', file: 'fcj-workshop-app-policy-dee.json' },
      },
      solve: { name: 'apply-policy' },
      solution: expect.stringContaining(
        'aws ecr set-repository-policy --repository-name fcj-workshop-app-dee',
      ),
    });
    const r = await fac.skip();
    expect(r.status).toBe('pass');
    expect(fac.snapshot().steps[0]!.progress.status).toBe('skipped');
    await fac.close();
  });

  it('warns a learner when the lesson does not give learners their own names', async () => {
    const pack = join(home, 'pack');
    await cp(join(builtinLessonsDir, 'examples'), pack, { recursive: true });
    const manifest = join(pack, 'first-repository', 'lesson.yaml');
    await writeFile(
      manifest,
      (await readFile(manifest, 'utf8')).replace(/^learnerParams:.*\n/m, ''),
    );
    const e = await openLesson({
      target: {},
      session,
      cwd,
      env: { ...process.env, ECR_TUTOR_HOME: home },
      lessonsDir: pack,
      learner: 'zed',
    });
    const snap = e.snapshot();
    await e.close();
    expect(snap.notices?.join()).toMatch(
      /names no learnerParams, so --learner zed only keeps your progress apart/,
    );
    expect(snap.lesson.params.repository).toBe('my-first-repo');
  });

  it('records how long a step has been failing, and clears it on pass', async () => {
    const e = await open('eve', false);
    await e.check();
    e.next();
    e.setInput('000000000000');
    const r = await e.check();
    expect(r.status).toBe('fail');
    const since = e.snapshot().steps[1]!.progress.failingSince;
    expect(since).toMatch(/^\d{4}-\d\d-\d\dT/);
    await e.check(); // failing again: the start of the failure stays
    expect(e.snapshot().steps[1]!.progress.failingSince).toBe(since);
    e.setInput(tsb.sandbox.accountId);
    expect((await e.check()).status).toBe('pass');
    expect(e.snapshot().steps[1]!.progress.failingSince).toBeUndefined();
    await e.close();
  });

  it('the plain front-end shows the check and the solution, and skips without asking', async () => {
    const fac = await open('fay', true);
    const input = new PassThrough();
    const output = new PassThrough();
    let text = '';
    output.on('data', (d: Buffer) => (text += d.toString()));
    // step 1 is checked on arrival (Enter goes on), step 2 skip (no confirmation), then quit
    input.end(['', 's', 'q'].join('\n') + '\n');
    const code = await runPlain(fac, { input, output });
    await fac.close();
    expect(code).toBe(0);
    expect(text).toMatch(/Learner: fay · facilitator mode/);
    expect(text).toMatch(/Facilitator: this step runs the check caller-identity\n/);
    // a value not known yet (the account ID is not typed) shows by name
    expect(text).toMatch(
      /Facilitator: this step runs the check account-id-matches answer="<accountId>"\n/,
    );
    expect(text).toMatch(/Solution: It is the 12 digits/);
    expect(text).not.toMatch(/Skip ".*"\?/);
    const again = await open('fay', false);
    const s = again.snapshot();
    await again.close();
    expect(s.steps.slice(0, 2).map((x) => x.progress.status)).toEqual(['passed', 'skipped']);
  });
  it('skipping cross-account-pull step 2 records partnerAccount, so step 4 can be checked and solved', async () => {
    const fac = await openLesson({
      target: {},
      session,
      cwd,
      env: { ...process.env, ECR_TUTOR_HOME: home },
      // no learner suffix: the sandbox has the lesson's repository built in
      facilitator: true,
      lessonId: 'cross-account-pull',
    });
    try {
      expect((await fac.skip()).status).toBe('pass'); // connect
      fac.next();
      expect(fac.snapshot().steps[fac.snapshot().currentIndex]!.def.id).toBe('partner-account');
      expect((await fac.skip()).status).toBe('pass');
      expect(fac.snapshot().vars.partnerAccount).toMatch(/^\d{12}$/);
      fac.next();
      await fac.skip(); // partner-denied
      fac.next();
      expect(fac.snapshot().steps[fac.snapshot().currentIndex]!.def.id).toBe('grant-partner');
      const grant = await fac.skip();
      expect(grant.summary + JSON.stringify(grant.details ?? [])).not.toMatch(/partnerAccount/);
      expect(grant.status).toBe('pass');
    } finally {
      await fac.close();
    }
  });
});
