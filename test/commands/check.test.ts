/**
 * `ecr-tutor check` against the learner's own running sandbox: a finished lesson passes;
 * after the policy is changed behind the tutor's back (a separate SDK client), the apply step
 * fails and says why. Also `status` and `reset` on the same progress.
 */
import { SetRepositoryPolicyCommand } from '@aws-sdk/client-ecr';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '../../src/commands/check.js';
import { runReset } from '../../src/commands/reset.js';
import { runStatus } from '../../src/commands/status.js';
import { openLesson } from '../../src/app/index.js';
import { memoryIo } from '../../src/io.js';
import { defaultSandboxStateDir } from '../../src/sandbox/index.js';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';

let tsb: TestSandbox;
let home: string;
let cwd: string;
const savedHome = process.env.ECR_TUTOR_HOME;

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'ecr-tutor-check-home-'));
  cwd = await mkdtemp(join(tmpdir(), 'ecr-tutor-check-cwd-'));
  process.env.ECR_TUTOR_HOME = home;
  // The learner's own sandbox (`ecr-tutor sandbox start`): the commands must find and use it.
  tsb = await startTestSandbox({ stateDir: defaultSandboxStateDir(process.env) });
  const engine = await openLesson({ target: {}, cwd });
  for (let i = 0; i < 8; i++) {
    const step = engine.snapshot().steps[engine.snapshot().currentIndex]!.def;
    const r = step.solve ? await engine.skip() : await engine.check();
    if (r.status !== 'pass') throw new Error(`setup: step ${step.id} did not pass: ${r.summary}`);
    engine.next();
  }
  await engine.close();
});

afterAll(async () => {
  await tsb?.cleanup();
  if (savedHome === undefined) delete process.env.ECR_TUTOR_HOME;
  else process.env.ECR_TUTOR_HOME = savedHome;
  await rm(home, { recursive: true, force: true });
  await rm(cwd, { recursive: true, force: true });
});

interface CheckJson {
  ok: boolean;
  lesson: string;
  target: { kind: string; accountId: string };
  steps: Array<{
    id: string;
    status: string;
    summary: string;
    details?: string[];
    optional: boolean;
  }>;
}

async function check(): Promise<{ code: number; json: CheckJson }> {
  const io = memoryIo();
  const code = await runCheck(io, { target: {}, json: true });
  return { code, json: JSON.parse(io.stdout()) as CheckJson };
}

describe('ecr-tutor check', () => {
  it('passes on a finished lesson (the optional clean-up not done)', async () => {
    const { code, json } = await check();
    expect(json.target).toMatchObject({ kind: 'sandbox', accountId: tsb.sandbox.accountId });
    expect(json.steps.map((s) => [s.id, s.status])).toEqual([
      ['connect', 'pass'],
      ['account-id', 'pass'],
      ['prerequisites', 'pass'],
      ['concepts', 'pass'],
      ['compose', 'pass'],
      ['apply', 'pass'],
      ['verify', 'pass'],
      ['explain', 'pass'],
      ['cleanup', 'fail'],
    ]);
    expect(json.steps[8]!.optional).toBe(true);
    expect(json.ok).toBe(true);
    expect(code).toBe(0);
  });

  it('fails the apply step, saying why, after the policy is changed behind its back', async () => {
    const lacking = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${tsb.sandbox.accountId}:user/fcj-ecr-ci-cd-user` },
          Action: [
            'ecr:BatchCheckLayerAvailability',
            'ecr:InitiateLayerUpload',
            'ecr:UploadLayerPart',
            'ecr:CompleteLayerUpload',
            'ecr:BatchGetImage',
            'ecr:GetDownloadUrlForLayer',
          ],
        },
      ],
    };
    await tsb.ecr().send(
      new SetRepositoryPolicyCommand({
        repositoryName: 'fcj-workshop-app',
        policyText: JSON.stringify(lacking),
      }),
    );
    const { code, json } = await check();
    expect(code).toBe(1);
    expect(json.ok).toBe(false);
    const apply = json.steps.find((s) => s.id === 'apply')!;
    expect(apply.status).toBe('fail');
    expect(apply.summary).toMatch(/would not be allowed: ecr:PutImage/);
    expect(apply.details?.join('\n')).toMatch(/lacks ecr:PutImage for fcj-ecr-ci-cd-user/);
    const verify = json.steps.find((s) => s.id === 'verify')!;
    expect(verify).toMatchObject({
      status: 'fail',
      summary: 'fcj-ecr-ci-cd-user was denied ecr:PutImage.',
    });
    expect(json.steps.find((s) => s.id === 'compose')!.status).toBe('pass');
  });

  it('prints the failing step in plain text with what to do', async () => {
    const io = memoryIo();
    expect(await runCheck(io, { target: {}, json: false })).toBe(1);
    expect(io.stdout()).toMatch(
      /Apply the policy to the repository: FAIL\n {6}The policy on fcj-workshop-app is not right/,
    );
    expect(io.stdout()).toMatch(/Clean up \(optional\): optional/);
    expect(io.stdout()).toMatch(/3 step\(s\) do not pass yet\./);
  });
});

describe('ecr-tutor status and reset', () => {
  it('shows the recorded progress, including the failure check just found', async () => {
    const io = memoryIo();
    expect(await runStatus(io, { target: {}, json: true })).toBe(0);
    const s = JSON.parse(io.stdout());
    const lesson = s.lessons.find((l: { id: string }) => l.id === 'repository-policy');
    expect(lesson.started).toBe(true);
    const byId = Object.fromEntries(
      lesson.steps.map((x: { id: string; status: string; stale?: boolean }) => [
        x.id,
        x.stale ? `${x.status}, fails now` : x.status,
      ]),
    );
    expect(byId).toMatchObject({
      connect: 'passed',
      'account-id': 'skipped',
      apply: 'skipped, fails now',
      verify: expect.stringMatching(/^(passed|skipped), fails now$/),
      cleanup: 'failed',
    });
    expect(s.saved).toBe(true);
    const text = memoryIo();
    await runStatus(text, { target: {}, json: false });
    expect(text.stdout()).toMatch(/\[s\] Find your account ID \(skipped: solved by the tutor\)/);
    expect(text.stdout()).toMatch(
      /^Saved progress .*\n {2}\(as recorded at the last checks, not checked now/,
    );
    expect(text.stdout()).toMatch(
      /\[~\] Apply the policy to the repository \(was done, but its check failed since\)/,
    );
  });

  it('forgets a lesson on reset without touching AWS', async () => {
    const io = memoryIo();
    expect(await runReset(io, { lesson: 'repository-policy', target: {} })).toBe(0);
    expect(io.stdout()).toMatch(/Forgot your progress in the lesson repository-policy/);
    const st = memoryIo();
    await runStatus(st, { target: {}, json: true });
    expect(JSON.parse(st.stdout()).lessons[0].started).toBe(false);
    await expect(runReset(memoryIo(), { lesson: 'nope', target: {} })).rejects.toThrow(
      /no lesson "nope"/,
    );
  });
});

describe('a corrupt progress file', () => {
  it('is reported by status and kept as a backup, never silently reset', async () => {
    const dir = join(home, 'state', 'progress');
    const file = join(dir, `sandbox-${tsb.sandbox.accountId}.json`);
    await writeFile(file, '{"version": 1, "lessons": {"repository-policy": {"currentInd');
    const io = memoryIo();
    expect(await runStatus(io, { target: {}, json: false })).toBe(0);
    expect(io.stderr()).toMatch(
      /^note: Your saved progress could not be read: it is not valid JSON/,
    );
    const backups = (await readdir(dir)).filter((f) => f.includes('.corrupt-'));
    expect(backups).toHaveLength(1);
    expect(await readFile(join(dir, backups[0]!), 'utf8')).toContain('"currentInd');
  });
});
