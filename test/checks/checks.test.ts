/** Individual checks and actions against a real sandbox: the cases the e2e walk does not reach. */
import {
  ListImagesCommand,
  GetRepositoryPolicyCommand,
  SetRepositoryPolicyCommand,
} from '@aws-sdk/client-ecr';
import {
  DeleteUserPolicyCommand,
  ListAccessKeysCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, sessionForSandbox, type AwsSession } from '../../src/aws/session.js';
import {
  applyPolicy,
  checkLessonChangesRemoved,
  checkPolicyApplied,
  restorePolicy,
} from '../../src/checks/apply.js';
import {
  checkPolicyFileGrants,
  lessonPolicyText,
  writeStarterPolicy,
} from '../../src/checks/policy-file.js';
import type { LabContext } from '../../src/checks/types.js';
import { checkPushPullAsCiUser } from '../../src/checks/verify.js';
import type { CheckProgress, StepDef } from '../../src/engine/types.js';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { PUSH_PULL_ACTIONS as ALL7 } from '../helpers/workshop.js';

let tsb: TestSandbox;
let session: AwsSession;
let scratch: string;
const REPO = 'fcj-workshop-app';
const CI = 'fcj-ecr-ci-cd-user';

beforeAll(async () => {
  tsb = await startTestSandbox();
  session = sessionForSandbox(tsb.sandbox);
  scratch = await mkdtemp(join(tmpdir(), 'ecr-tutor-checks-'));
});
afterAll(async () => {
  await session?.close();
  await tsb?.cleanup();
  await rm(scratch, { recursive: true, force: true });
});

const STEP: StepDef = {
  id: 's',
  title: 's',
  body: '',
  view: 'text',
  check: { name: 'x', params: {} },
  hints: ['h'],
};

function ctxFor(
  s: AwsSession = session,
  vars: Record<string, string> = {},
): LabContext & { vars: Record<string, string>; reported: CheckProgress[] } {
  const v: Record<string, string> = { ...vars };
  const reported: CheckProgress[] = [];
  return {
    env: { session: s, cwd: scratch, dataDir: join(scratch, 'data') },
    lesson: { id: 'l', title: 'l', summary: '', params: {}, steps: [STEP], dir: '/' },
    step: STEP,
    vars: v,
    setVar: (n, x) => void (v[n] = x),
    answers: {},
    setAnswer: () => undefined,
    signal: new AbortController().signal,
    report: (p) => void reported.push(p),
    reported,
  };
}

function policyWith(principal: string | Record<string, string>, actions: string[]): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: principal, Action: actions }],
  });
}

describe('policy-file-grants', () => {
  const params = { file: 'p.json', repository: REPO, ciUser: CI };
  it('rejects a policy open to everyone', async () => {
    await writeFile(join(scratch, 'p.json'), policyWith('*', ALL7));
    const r = await checkPolicyFileGrants(ctxFor(), params);
    expect(r.status).toBe('fail');
    expect(r.details?.join('\n')).toMatch(
      /also lets in other users of account \d{12} and identities of other AWS accounts/,
    );
  });

  it('explains that naming the account is not naming the CI user', async () => {
    await writeFile(
      join(scratch, 'p.json'),
      policyWith({ AWS: `arn:aws:iam::${tsb.sandbox.accountId}:root` }, ALL7),
    );
    const r = await checkPolicyFileGrants(ctxFor(), params);
    expect(r.status).toBe('fail');
    expect(r.details?.join('\n')).toContain(
      `the CI user's ARN is arn:aws:iam::${tsb.sandbox.accountId}:user/${CI}`,
    );
  });

  it("rejects another account's ARN for the CI user", async () => {
    await writeFile(join(scratch, 'p.json'), lessonPolicyText('123456789012', CI));
    const r = await checkPolicyFileGrants(ctxFor(), params);
    expect(r.status).toBe('fail');
  });

  it('never overwrites an existing file with the starter', async () => {
    await writeFile(join(scratch, 'mine.json'), 'my own work');
    const out = await writeStarterPolicy(ctxFor(), { file: 'mine.json', ciUser: CI });
    expect(out.summary).toMatch(/already exists: left as it is/);
    expect(await readFile(join(scratch, 'mine.json'), 'utf8')).toBe('my own work');
  });
});

describe('apply and clean-up with a pre-existing policy', () => {
  it('backs up the old policy, applies, and restores it on clean-up', async () => {
    const ecr = tsb.ecr();
    const original = policyWith({ AWS: tsb.sandbox.user().arn }, ['ecr:DescribeImages']);
    await ecr.send(new SetRepositoryPolicyCommand({ repositoryName: REPO, policyText: original }));
    await writeFile(join(scratch, 'apply.json'), lessonPolicyText(tsb.sandbox.accountId, CI));
    const ctx = ctxFor();
    const params = { repository: REPO, ciUser: CI, file: 'apply.json' };
    expect((await checkPolicyApplied(ctx, params)).status).toBe('fail');
    await applyPolicy(ctx, params);
    expect(ctx.vars.policyBefore).toMatch(
      /backups\/\d{12}-us-east-1-fcj-workshop-app-policy-.*\.json$/,
    );
    expect(JSON.parse(await readFile(ctx.vars.policyBefore!, 'utf8'))).toEqual(
      JSON.parse(original),
    );
    expect((await checkPolicyApplied(ctx, params)).status).toBe('pass');
    expect((await checkLessonChangesRemoved(ctx, params)).summary).toMatch(
      /differs from the one it had before/,
    );
    await restorePolicy(ctx, params);
    const back = await ecr.send(new GetRepositoryPolicyCommand({ repositoryName: REPO }));
    expect(JSON.parse(back.policyText!)).toEqual(JSON.parse(original));
    expect((await checkLessonChangesRemoved(ctx, params)).status).toBe('pass');
  });
});

/** Sets the lesson's own repository policy on the repository (the CI user may push and pull). */
async function applyLessonPolicy(): Promise<void> {
  await tsb.ecr().send(
    new SetRepositoryPolicyCommand({
      repositoryName: REPO,
      policyText: lessonPolicyText(tsb.sandbox.accountId, CI),
    }),
  );
}

/** Gives the CI user an inline policy of one statement; returns what deletes it again. */
async function putCiInlinePolicy(
  policyName: string,
  statement: Record<string, string>,
): Promise<() => Promise<void>> {
  const iam = tsb.iam();
  await iam.send(
    new PutUserPolicyCommand({
      UserName: CI,
      PolicyName: policyName,
      PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [statement] }),
    }),
  );
  return async () => {
    await iam.send(new DeleteUserPolicyCommand({ UserName: CI, PolicyName: policyName }));
  };
}

describe('push-pull-as-ci-user', () => {
  it('says the repository policy is not what grants access when the CI user has broad IAM rights', async () => {
    await applyLessonPolicy();
    const removeInline = await putCiInlinePolicy('too-broad', {
      Effect: 'Allow',
      Action: 'ecr:*',
      Resource: '*',
    });
    try {
      const r = await checkPushPullAsCiUser(ctxFor(), {
        repository: REPO,
        ciUser: CI,
        ciProfile: '',
      });
      expect(r.status).toBe('pass');
      expect(r.view?.kind === 'verify' && r.view.note).toMatch(
        /own IAM policies already allow push and pull.*not what grants the access/,
      );
    } finally {
      await removeInline();
    }
  });

  it('acts as the CI user with a temporary access key when no sandbox keys are known, and deletes it', async () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      AWS_ACCESS_KEY_ID: tsb.sandbox.user().credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: tsb.sandbox.user().credentials.secretAccessKey,
    };
    delete env.AWS_PROFILE;
    delete env.AWS_SESSION_TOKEN;
    const saved = { ...process.env };
    Object.assign(process.env, env);
    const s = await openSession(
      { endpointUrl: tsb.sandbox.endpoint, region: 'us-east-1' },
      { env, sandboxStateDir: join(scratch, 'no-sandbox-here') },
    );
    try {
      expect(s.sandbox).toBeUndefined();
      const iam = tsb.iam();
      const before = (await iam.send(new ListAccessKeysCommand({ UserName: CI }))).AccessKeyMetadata
        ?.length;
      const ctx = ctxFor(s);
      const r = await checkPushPullAsCiUser(ctx, { repository: REPO, ciUser: CI, ciProfile: '' });
      expect(r.status).toBe('pass');
      expect(r.details?.[0]).toBe(`acting as a temporary access key for ${CI} (deleted again)`);
      expect(
        (await iam.send(new ListAccessKeysCommand({ UserName: CI }))).AccessKeyMetadata?.length,
      ).toBe(before);
      const tags =
        (await tsb.ecr().send(new ListImagesCommand({ repositoryName: REPO }))).imageIds?.map(
          (i) => i.imageTag,
        ) ?? [];
      expect(tags.some((t) => t?.startsWith('ecr-tutor-check-'))).toBe(false);
    } finally {
      process.env = saved;
      await s.close();
    }
  });
});

describe('push-pull-as-ci-user on real AWS (the session says aws)', () => {
  it('reports an explicit Deny as a failure at once, not as a policy still propagating', async () => {
    await applyLessonPolicy();
    const removeInline = await putCiInlinePolicy('no-put', {
      Effect: 'Deny',
      Action: 'ecr:PutImage',
      Resource: '*',
    });
    try {
      const asAws: AwsSession = { ...session, kind: 'aws' };
      const r = await checkPushPullAsCiUser(ctxFor(asAws), {
        repository: REPO,
        ciUser: CI,
        ciProfile: '',
      });
      expect(r.status).toBe('fail');
      expect(r.summary).toBe(`${CI} was denied ecr:PutImage.`);
      expect(r.details?.[0]).toMatch(/with an explicit deny in an identity-based policy/);
      const rows = r.view?.kind === 'verify' ? r.view.rows : [];
      expect(rows.filter((x) => x.status === 'allowed').map((x) => x.action)).toEqual([
        'ecr:BatchCheckLayerAvailability',
        'ecr:InitiateLayerUpload',
        'ecr:UploadLayerPart',
        'ecr:CompleteLayerUpload',
        // the pull is tried on the image already there, and works
        'ecr:BatchGetImage',
        'ecr:GetDownloadUrlForLayer',
      ]);
    } finally {
      await removeInline();
    }
  });
});

describe('push-pull-as-ci-user with a named profile (ciProfile)', () => {
  it("uses the profile's keys from the shared credentials file", async () => {
    const ci = tsb.sandbox.user(CI).credentials;
    const file = join(scratch, 'credentials');
    await writeFile(
      file,
      `[ci-user]\naws_access_key_id = ${ci.accessKeyId}\naws_secret_access_key = ${ci.secretAccessKey}\n`,
    );
    const saved = { ...process.env };
    process.env.AWS_SHARED_CREDENTIALS_FILE = file;
    process.env.AWS_CONFIG_FILE = join(scratch, 'no-config');
    try {
      await applyLessonPolicy();
      const r = await checkPushPullAsCiUser(ctxFor(), {
        repository: REPO,
        ciUser: CI,
        ciProfile: 'ci-user',
      });
      expect(r.status).toBe('pass');
      expect(r.details?.[0]).toBe('acting as the profile ci-user');
      const bad = await checkPushPullAsCiUser(ctxFor(), {
        repository: REPO,
        ciUser: CI,
        ciProfile: 'no-such-profile',
      });
      expect(bad.status).toBe('error');
      expect(bad.summary).toBe(
        `The test push/pull as ${CI} stopped: The AWS profile "no-such-profile" is not in ~/.aws/credentials or ~/.aws/config, or holds no credentials.`,
      );
      expect(bad.fix).toMatch(/aws configure --profile no-such-profile/);
    } finally {
      process.env = saved;
    }
  });
});
