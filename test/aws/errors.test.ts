/** SDK errors, produced for real against the sandbox where it can, in the learner's words. */
import {
  SetRepositoryPolicyCommand,
  DescribeRepositoriesCommand,
  ECRClient,
} from '@aws-sdk/client-ecr';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { createServer as createHttpServer, type Server } from 'node:http';
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
    expect(d.fix).not.toMatch(/~\/\.aws/);
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

  it("says the learner's sandbox is not running when nothing listens", async () => {
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
      place: 'learner-sandbox',
    });
    expect(d).toMatchObject({ kind: 'network', code: 'ECONNREFUSED' });
    expect(d.summary).toBe('Could not reach your sandbox (ECONNREFUSED).');
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

  it('says "not AWS\'s format" for an HTML answer, never SyntaxError, with advice for each target', async () => {
    // A real HTTP server answering what moto answers for an operation it lacks.
    const srv: Server = createHttpServer((_req, res) => {
      res.writeHead(500, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><title>500 Internal Server Error</title>');
    });
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const endpoint = `http://127.0.0.1:${(srv.address() as { port: number }).port}`;
    const ecr = new ECRClient({
      endpoint,
      region: 'us-east-1',
      credentials: fakeKeys,
      maxAttempts: 1,
    });
    try {
      const err = await caught(ecr.send(new DescribeRepositoriesCommand({})));
      const d = describeAwsError(err, { place: 'endpoint', endpoint });
      expect(d).toMatchObject({ kind: 'not-aws-format', code: 'HTTP 500' });
      expect(d.summary).toBe(
        `the endpoint ${endpoint} answered something that is not AWS's format (HTTP 500, text/html).`,
      );
      expect(d.fix).toMatch(/may not implement this operation/);
      expect(`${d.summary} ${d.fix}`).not.toMatch(/SyntaxError|sandbox log|parse/i);
      const onAws = describeAwsError(err, { place: 'aws' });
      expect(onAws.summary).toBe(
        "AWS answered something that is not AWS's format (HTTP 500, text/html).",
      );
      expect(onAws.fix).toMatch(/proxy, a captive portal/);
      const onOurs = describeAwsError(err, { place: 'tutor-sandbox' });
      expect(onOurs.fix).toMatch(/bug in the sandbox/);
    } finally {
      ecr.destroy();
      await new Promise((r) => srv.close(r));
    }
  });

  it('gives each target its own fix when nothing answers', async () => {
    const err = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), {
      code: 'ECONNREFUSED',
    });
    const e = 'http://127.0.0.1:9';
    expect(describeAwsError(err, { place: 'tutor-sandbox' }).fix).toMatch(/start the tutor again/);
    expect(describeAwsError(err, { place: 'learner-sandbox', endpoint: e }).summary).toBe(
      `Could not reach your sandbox at ${e} (ECONNREFUSED).`,
    );
    expect(describeAwsError(err, { place: 'learner-sandbox', endpoint: e }).fix).toMatch(
      /ecr-tutor sandbox start/,
    );
    const other = describeAwsError(err, { place: 'endpoint', endpoint: e });
    expect(other.summary).toBe(`Could not reach the endpoint ${e} (ECONNREFUSED).`);
    expect(other.fix).toBe(
      `Is the service behind ${e} running, and is that the right address and port? If it was a sandbox you started, start it again with \`ecr-tutor sandbox start\`.`,
    );
    const far = 'https://aws-compatible.example.test';
    expect(describeAwsError(err, { place: 'endpoint', endpoint: far }).fix).toBe(
      `Is the service behind ${far} running, and is that the right address and port?`,
    );
    expect(describeAwsError(err, { place: 'aws' }).fix).toMatch(
      /internet connection.*health\.aws\.amazon\.com/,
    );
  });

  it('on AWS, names the missing permission, the CLI command that shows the same decision and the console page', async () => {
    const err = await caught(
      tsb
        .ecr('fcj-ecr-ci-cd-user')
        .send(
          new SetRepositoryPolicyCommand({ repositoryName: 'fcj-workshop-app', policyText: '{}' }),
        ),
    );
    const arn = `arn:aws:iam::${tsb.sandbox.accountId}:user/fcj-ecr-ci-cd-user`;
    const d = describeAwsError(err, { place: 'aws', profile: 'lab', region: 'eu-west-1' });
    expect(d.fix).toBe(
      `The permission missing is ecr:SetRepositoryPolicy for ${arn}. Ask your administrator to grant it (docs/real-aws.md has the least-privilege policy for this lesson), or add it on the identity's page: https://console.aws.amazon.com/iam/home#/users/details/fcj-ecr-ci-cd-user?section=permissions. ` +
        `To see the same decision: \`aws iam simulate-principal-policy --policy-source-arn ${arn} --action-names ecr:SetRepositoryPolicy --profile lab --region eu-west-1\`.`,
    );
    const sb = describeAwsError(err, { place: 'tutor-sandbox' });
    expect(sb.fix).toMatch(
      /^The identity you are using lacks ecr:SetRepositoryPolicy\. In the sandbox, act as its admin/,
    );
    const ep = describeAwsError(err, { place: 'endpoint', endpoint: 'http://127.0.0.1:1' });
    expect(ep.fix).toMatch(/not AWS, so its permission rules may differ/);
  });

  it("says which SSO profile to sign in again, from the SDK's own SSO error", () => {
    const err = Object.assign(
      new Error(
        "The SSO session token associated with profile=lab-sso was not found or is invalid. To refresh this SSO session run 'aws sso login' with the corresponding profile.",
      ),
      { name: 'TokenProviderError' },
    );
    const d = describeAwsError(err, { place: 'aws' });
    expect(d.kind).toBe('sso-login');
    expect(d.summary).toBe(
      'Your AWS SSO sign-in for the profile "lab-sso" has expired or was never made.',
    );
    expect(d.fix).toBe('Run `aws sso login --profile lab-sso`, then try again.');
  });

  it('explains credentials the tutor found expired before sending', () => {
    const err = Object.assign(new Error('credentials expired'), {
      name: 'ExpiredCredentialsBeforeSend',
      expiration: new Date('2026-12-01T09:30:00Z'),
      credentialSource: 'env',
    });
    const d = describeAwsError(err, { place: 'aws' });
    expect(d.summary).toBe(
      'Your AWS credentials expired at 2026-12-01 09:30 UTC, so the tutor did not send the request.',
    );
    expect(d.fix).toMatch(
      /^Get new temporary keys \(AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN\)/,
    );
    const sso = describeAwsError(
      { ...err, name: err.name, message: err.message, credentialSource: 'sso' },
      {
        place: 'aws',
        profile: 'lab-sso',
      },
    );
    expect(sso.fix).toMatch(/^Sign in again: `aws sso login --profile lab-sso`/);
  });
});
