/**
 * The verify step on a target that says it is real AWS, where IAM is eventually consistent:
 * a brand-new temporary key that STS already accepts may still be unknown to ECR for seconds.
 * That is `pending` (the engine retries within its budget), never a failure; on other targets
 * the same answer is an error with a fix. The lag is made deterministic: the CI user's ECR
 * client signs with an access key id the sandbox does not know, as a lagging ECR would see it.
 */
import { ListAccessKeysCommand } from '@aws-sdk/client-iam';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, type AwsSession } from '../../src/aws/session.js';
import { checkPushPullAsCiUser } from '../../src/checks/verify.js';
import type { LabContext } from '../../src/checks/types.js';
import type { StepDef } from '../../src/engine/types.js';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';

const REPO = 'fcj-workshop-app';
const CI = 'fcj-ecr-ci-cd-user';
let tsb: TestSandbox;
let scratch: string;
let base: AwsSession;
let saved: NodeJS.ProcessEnv;

beforeAll(async () => {
  tsb = await startTestSandbox();
  scratch = await mkdtemp(join(tmpdir(), 'ecr-tutor-verify-aws-'));
  saved = { ...process.env };
  const admin = tsb.sandbox.user().credentials;
  process.env.AWS_ACCESS_KEY_ID = admin.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = admin.secretAccessKey;
  delete process.env.AWS_PROFILE;
  delete process.env.AWS_SESSION_TOKEN;
  // an endpoint the tutor does not know as a sandbox: the CI user gets a temporary key
  base = await openSession(
    { endpointUrl: tsb.sandbox.endpoint, region: 'us-east-1' },
    { env: process.env, sandboxStateDir: join(scratch, 'none') },
  );
});
afterAll(async () => {
  process.env = saved;
  await base?.close();
  await tsb?.cleanup();
  await rm(scratch, { recursive: true, force: true });
});

const STEP: StepDef = {
  id: 'verify',
  title: 'verify',
  body: '',
  view: 'text',
  check: { name: 'push-pull-as-ci-user', params: {} },
  hints: ['h'],
};

function ctxFor(s: AwsSession): LabContext {
  return {
    env: { session: s, cwd: scratch, dataDir: join(scratch, 'data') },
    lesson: { id: 'l', title: 'l', summary: '', params: {}, steps: [STEP], dir: '/' },
    step: STEP,
    vars: {},
    setVar: () => undefined,
    answers: {},
    setAnswer: () => undefined,
    signal: new AbortController().signal,
    report: () => undefined,
  } as LabContext;
}

/** The session, as `kind`, whose CI clients reach ECR with a key ECR does not know yet. */
function lagging(kind: AwsSession['kind']): AwsSession {
  return {
    ...base,
    kind,
    place: kind === 'aws' ? 'aws' : 'endpoint',
    clientsAs(cred) {
      const real = base.clientsAs(cred);
      const stale = base.clientsAs({
        accessKeyId: 'AKIANOTYETPROPAGATED',
        secretAccessKey: 'x'.repeat(40),
      });
      return { ...real, ecr: stale.ecr };
    },
  };
}

async function ciKeyCount(): Promise<number> {
  const r = await tsb.iam().send(new ListAccessKeysCommand({ UserName: CI }));
  return r.AccessKeyMetadata?.length ?? 0;
}

describe('a new temporary key not yet known to ECR', () => {
  it('on AWS: pending (IAM takes a few seconds), and the key is deleted', async () => {
    const before = await ciKeyCount();
    const r = await checkPushPullAsCiUser(ctxFor(lagging('aws')), { repository: REPO, ciUser: CI });
    expect(r.status).toBe('pending');
    expect(r.summary).toBe(
      `AWS does not know ${CI}'s new temporary access key everywhere yet (IAM takes a few seconds)`,
    );
    expect(r.details?.[0]).toMatch(
      /^AWS said: The security token included in the request is invalid/,
    );
    expect(await ciKeyCount()).toBe(before);
  });

  it('on another endpoint: an error with a fix, not pending (only AWS is eventually consistent)', async () => {
    const r = await checkPushPullAsCiUser(ctxFor(lagging('endpoint')), {
      repository: REPO,
      ciUser: CI,
    });
    expect(r.status).toBe('error');
    expect(r.summary).toBe(
      `The test push/pull as ${CI} stopped: the endpoint ${tsb.sandbox.endpoint} does not recognise the access key id.`,
    );
  });
});
