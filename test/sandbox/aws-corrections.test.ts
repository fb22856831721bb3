/**
 * The audit's corrections as the sandbox enforces them, with the real SDK over real HTTP; each
 * test names the AWS page it comes from (docs/accuracy.md).
 */
import { CreateRoleCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import {
  BatchGetImageCommand,
  InitiateLayerUploadCommand,
  SetRepositoryPolicyCommand,
} from '@aws-sdk/client-ecr';
import { describe, expect, it } from 'vitest';
import {
  SANDBOX_ADMIN_USER,
  SANDBOX_CI_USER,
  SANDBOX_REPOSITORY,
} from '../../src/sandbox/index.js';
import { type TestSandbox } from '../helpers/sandbox.js';
import { sandboxForEachTest } from '../helpers/sandbox-hooks.js';

let sb: TestSandbox;
sandboxForEachTest((s) => (sb = s));

const ciArn = (acct: string) => `arn:aws:iam::${acct}:user/${SANDBOX_CI_USER}`;
const allowCi = (acct: string) => ({
  Sid: 'AllowCi',
  Effect: 'Allow',
  Principal: { AWS: ciArn(acct) },
  Action: ['ecr:BatchGetImage', 'ecr:InitiateLayerUpload'],
});
const setPolicy = (statements: unknown[]) =>
  sb.ecr().send(
    new SetRepositoryPolicyCommand({
      repositoryName: SANDBOX_REPOSITORY,
      policyText: JSON.stringify({ Version: '2012-10-17', Statement: statements }),
    }),
  );
const pull = (user?: string) =>
  sb.ecr(user).send(
    new BatchGetImageCommand({
      repositoryName: SANDBOX_REPOSITORY,
      imageIds: [{ imageTag: 'latest' }],
    }),
  );

describe('IAM "AWS global condition context keys": aws:SecureTransport is present and true on ECR', () => {
  it('the common "deny unless SecureTransport" statement locks nobody out', async () => {
    const acct = sb.sandbox.accountId;
    await setPolicy([
      allowCi(acct),
      {
        Sid: 'DenyInsecure',
        Effect: 'Deny',
        Principal: '*',
        Action: 'ecr:*',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ]);
    await expect(pull()).resolves.toHaveProperty('images');
    await expect(pull(SANDBOX_CI_USER)).resolves.toHaveProperty('images');
    // and the admin can still change the policy
    await expect(setPolicy([allowCi(acct)])).resolves.toBeDefined();
  });
});

describe('IAM "AWS JSON policy elements: NotPrincipal"', () => {
  it('ECR refuses Allow with NotPrincipal as an invalid policy', async () => {
    await expect(
      setPolicy([
        { Effect: 'Allow', NotPrincipal: { AWS: ciArn(sb.sandbox.accountId) }, Action: 'ecr:*' },
      ]),
    ).rejects.toThrow(
      "Invalid parameter at 'PolicyText' failed to satisfy constraint: 'Invalid repository policy provided'",
    );
  });

  it('Deny with NotPrincipal [CI user, account root]: the admin is denied, the CI user is not', async () => {
    const acct = sb.sandbox.accountId;
    const repo = `arn:aws:ecr:us-east-1:${acct}:repository/${SANDBOX_REPOSITORY}`;
    await setPolicy([
      allowCi(acct),
      {
        Sid: 'OnlyCiUploads',
        Effect: 'Deny',
        NotPrincipal: { AWS: [ciArn(acct), `arn:aws:iam::${acct}:root`] },
        Action: 'ecr:InitiateLayerUpload',
      },
    ]);
    await expect(
      sb.ecr().send(new InitiateLayerUploadCommand({ repositoryName: SANDBOX_REPOSITORY })),
    ).rejects.toThrow(
      `User: arn:aws:iam::${acct}:user/${SANDBOX_ADMIN_USER} is not authorized to perform: ecr:InitiateLayerUpload on resource: ${repo} with an explicit deny in a resource-based policy`,
    );
    await expect(
      sb
        .ecr(SANDBOX_CI_USER)
        .send(new InitiateLayerUploadCommand({ repositoryName: SANDBOX_REPOSITORY })),
    ).resolves.toHaveProperty('uploadId');
  });
});

describe('IAM "AWS global condition context keys": aws:PrincipalArn of a role session', () => {
  it('is the role ARN with its path', async () => {
    const acct = sb.sandbox.accountId;
    const iam = sb.iam();
    const role = await iam.send(
      new CreateRoleCommand({
        RoleName: 'deployer',
        Path: '/teams/ci/',
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: `arn:aws:iam::${acct}:user/${SANDBOX_ADMIN_USER}` },
              Action: 'sts:AssumeRole',
            },
          ],
        }),
      }),
    );
    expect(role.Role!.Arn).toBe(`arn:aws:iam::${acct}:role/teams/ci/deployer`);
    await setPolicy([
      {
        Effect: 'Allow',
        Principal: '*',
        Action: 'ecr:BatchGetImage',
        Condition: { ArnEquals: { 'aws:PrincipalArn': role.Role!.Arn } },
      },
    ]);
    const assumed = await sb
      .sts()
      .send(new AssumeRoleCommand({ RoleArn: role.Role!.Arn, RoleSessionName: 'run-7' }));
    const c = assumed.Credentials!;
    const ecr = sb.ecr({
      credentials: {
        accessKeyId: c.AccessKeyId!,
        secretAccessKey: c.SecretAccessKey!,
        sessionToken: c.SessionToken!,
      },
    });
    await expect(
      ecr.send(
        new BatchGetImageCommand({
          repositoryName: SANDBOX_REPOSITORY,
          imageIds: [{ imageTag: 'latest' }],
        }),
      ),
    ).resolves.toHaveProperty('images');
  });
});

describe('IAM "AWS global condition context keys": aws:RequestedRegion', () => {
  it("is the endpoint's region: a policy keyed on it allows or denies as written", async () => {
    const region = sb.sandbox.region;
    const denyUnless = (r: string) => [
      {
        Sid: 'OnlyHere',
        Effect: 'Deny',
        Principal: '*',
        Action: 'ecr:BatchGetImage',
        Condition: { StringNotEquals: { 'aws:RequestedRegion': r } },
      },
    ];
    await setPolicy(denyUnless(region));
    await expect(pull()).resolves.toHaveProperty('images');
    await setPolicy(denyUnless(region === 'eu-west-1' ? 'us-east-1' : 'eu-west-1'));
    await expect(pull()).rejects.toThrow(/with an explicit deny in a resource-based policy$/);
    // a client signing for another region is served, but does not get to choose the region:
    // the deny still applies when it signs for the very region the policy names
    const elsewhere = region === 'eu-west-1' ? 'us-east-1' : 'eu-west-1';
    const signedElsewhere = () =>
      sb.ecr({ region: elsewhere }).send(
        new BatchGetImageCommand({
          repositoryName: SANDBOX_REPOSITORY,
          imageIds: [{ imageTag: 'latest' }],
        }),
      );
    await expect(signedElsewhere()).rejects.toThrow(
      /with an explicit deny in a resource-based policy$/,
    );
    await setPolicy(denyUnless(region));
    await expect(signedElsewhere()).resolves.toHaveProperty('images');
  });
});
