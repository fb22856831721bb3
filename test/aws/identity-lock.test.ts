/**
 * The identity lock across accounts on real AWS: progress saved in one account, then the tutor
 * opened with a profile of another. The second account gets a lab of its own, and the learner
 * is told where the first one is (account, region, identity) instead of silently starting over.
 * Two sandboxes stand in for the two accounts; the session says `aws`, as it would there.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionForSandbox, type AwsSession } from '../../src/aws/session.js';
import { openLesson } from '../../src/app/index.js';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';

let a: TestSandbox;
let b: TestSandbox;
let dir: string;
beforeAll(async () => {
  [a, b] = await Promise.all([startTestSandbox(), startTestSandbox()]);
  dir = await mkdtemp(join(tmpdir(), 'ecr-tutor-lock-'));
});
afterAll(async () => {
  await a?.cleanup();
  await b?.cleanup();
  await rm(dir, { recursive: true, force: true });
});

function asAws(s: AwsSession, profile: string): AwsSession {
  return { ...s, kind: 'aws', place: 'aws', profile };
}

describe('progress in another AWS account', () => {
  it('is named when a profile of another account opens the lesson', async () => {
    const env = { ...process.env, ECR_TUTOR_HOME: dir };
    const first = asAws(sessionForSandbox(a.sandbox), 'account-a');
    const e1 = await openLesson({ target: { aws: true }, env, session: first, cwd: dir });
    expect(e1.snapshot().notices ?? []).toEqual([]);
    await e1.close();
    const second = asAws(sessionForSandbox(b.sandbox), 'account-b');
    const e2 = await openLesson({ target: { aws: true }, env, session: second, cwd: dir });
    try {
      expect(e2.snapshot().notices).toContain(
        `This lesson has progress in AWS account ${a.sandbox.accountId} (us-east-1, as arn:aws:iam::${a.sandbox.accountId}:user/workshop-admin), ` +
          `but you are signed in to account ${b.sandbox.accountId} (profile "account-b"): this is a new lab. ` +
          `To continue the other one, use the profile or credentials of account ${a.sandbox.accountId}.`,
      );
    } finally {
      await e2.close();
      await first.close();
      await second.close();
    }
  });
});
