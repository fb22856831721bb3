/** SDK errors, produced for real against the sandbox where it can, in the learner's words. */
import {
  SetRepositoryPolicyCommand,
  DescribeRepositoriesCommand,
  ECRClient,
} from '@aws-sdk/client-ecr';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeAwsError } from '../../src/aws/errors.js';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';

let tsb: TestSandbox;
beforeAll(async () => {
  tsb = await startTestSandbox();
});
afterAll(async () => {
  await tsb?.cleanup();
});

async function caught(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected the call to fail');
}

const fakeKeys = {
  accessKeyId: 'AKIAFAKEFAKEFAKEFAKE',
  secretAccessKey: 'not-a-real-secret-key-0000000000000000000',
};

describe('describeAwsError', () => {
  it('explains an access key the target does not know (STS and ECR)', async () => {
    const sts = new STSClient({
      endpoint: tsb.sandbox.endpoint,
      region: 'us-east-1',
      credentials: fakeKeys,
      maxAttempts: 1,
    });
    const d = describeAwsError(await caught(sts.send(new GetCallerIdentityCommand({}))), {
      targetKind: 'sandbox',
    });
    expect(d).toMatchObject({ kind: 'bad-credentials', code: 'InvalidClientTokenId' });
    expect(d.summary).toBe('the sandbox does not recognise the access key id.');
    expect(d.fix).toMatch(/ecr-tutor sandbox env/);
    const ecr = new ECRClient({
      endpoint: tsb.sandbox.endpoint,
      region: 'us-east-1',
      credentials: fakeKeys,
      maxAttempts: 1,
    });
    const e = describeAwsError(await caught(ecr.send(new DescribeRepositoriesCommand({}))), {
      targetKind: 'aws',
    });
    expect(e).toMatchObject({ kind: 'bad-credentials', code: 'UnrecognizedClientException' });
    expect(e.fix).toMatch(/create a new access key/);
    sts.destroy();
    ecr.destroy();
  });

  it('quotes AWS on an access denial', async () => {
    const err = await caught(
      tsb
        .ecr('fcj-ecr-ci-cd-user')
        .send(
          new SetRepositoryPolicyCommand({ repositoryName: 'fcj-workshop-app', policyText: '{}' }),
        ),
    );
    const d = describeAwsError(err);
    expect(d.kind).toBe('access-denied');
    expect(d.summary).toMatch(
      /^Access denied: User: arn:aws:iam::\d{12}:user\/fcj-ecr-ci-cd-user is not authorized to perform: ecr:SetRepositoryPolicy/,
    );
  });

  it('says the sandbox is not running when nothing listens', async () => {
    const port = await new Promise<number>((resolve) => {
      const srv = createServer().listen(0, '127.0.0.1', () => {
        const p = (srv.address() as { port: number }).port;
        srv.close(() => resolve(p));
      });
    });
    const sts = new STSClient({
      endpoint: `http://127.0.0.1:${port}`,
      region: 'us-east-1',
      credentials: fakeKeys,
      maxAttempts: 1,
    });
    const d = describeAwsError(await caught(sts.send(new GetCallerIdentityCommand({}))), {
      targetKind: 'sandbox',
    });
    expect(d).toMatchObject({ kind: 'network', code: 'ECONNREFUSED' });
    expect(d.summary).toBe('Could not reach the sandbox (ECONNREFUSED).');
    expect(d.fix).toMatch(/ecr-tutor sandbox start/);
    sts.destroy();
  });

  it('says there are no credentials, naming the profile', async () => {
    const saved = { ...process.env };
    for (const k of [
      'AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_SESSION_TOKEN',
      'AWS_PROFILE',
      'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
      'AWS_CONTAINER_CREDENTIALS_FULL_URI',
      'AWS_WEB_IDENTITY_TOKEN_FILE',
    ])
      delete process.env[k];
    process.env.AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/credentials';
    process.env.AWS_CONFIG_FILE = '/nonexistent/config';
    process.env.AWS_EC2_METADATA_DISABLED = 'true';
    try {
      const sts = new STSClient({
        endpoint: tsb.sandbox.endpoint,
        region: 'us-east-1',
        profile: 'workshop',
        maxAttempts: 1,
      });
      const d = describeAwsError(await caught(sts.send(new GetCallerIdentityCommand({}))), {
        targetKind: 'aws',
        profile: 'workshop',
      });
      expect(d.kind).toBe('no-credentials');
      expect(d.summary).toBe('No AWS credentials were found (profile "workshop").');
      expect(d.fix).toMatch(/aws configure --profile workshop/);
      sts.destroy();
    } finally {
      process.env = saved;
    }
  });

  it('recognises an expired session (shape as AWS sends it; the sandbox issues no expiring tokens)', () => {
    const err = Object.assign(new Error('The security token included in the request is expired'), {
      name: 'ExpiredTokenException',
      $metadata: { httpStatusCode: 400 },
    });
    const d = describeAwsError(err, { targetKind: 'aws', profile: 'sso-dev' });
    expect(d.kind).toBe('expired');
    expect(d.fix).toMatch(/aws sso login --profile sso-dev/);
  });

  it('does not blame AWS for a local failure', () => {
    const d = describeAwsError(new Error("EACCES: permission denied, open '/x'"));
    expect(d.summary).toMatch(/^The tutor hit a problem: EACCES/);
  });
});
