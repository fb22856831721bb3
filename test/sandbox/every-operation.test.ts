/**
 * Every ECR and IAM operation the sandbox serves, through the SDK: refused for a caller without
 * permission (with the action named), and refused with a validation error for missing input.
 */
import * as ecrSdk from '@aws-sdk/client-ecr';
import * as iamSdk from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { ECR_HANDLERS } from '../../src/sandbox/ecr/index.js';
import { IAM_HANDLERS } from '../../src/sandbox/iam/index.js';
import { SANDBOX_PARTNER_USER, SANDBOX_REPOSITORY } from '../../src/sandbox/index.js';
import type { TestSandbox } from '../helpers/sandbox.js';
import { sandboxForFile } from '../helpers/sandbox-hooks.js';

let sb: TestSandbox;
sandboxForFile((s) => (sb = s));

const digest = 'sha256:' + 'a'.repeat(64);
const uploadId = '00000000-0000-0000-0000-000000000000';

/** A well-formed input for each ECR operation (names the workshop repository). */
function ecrInput(op: string, acct: string): Record<string, unknown> {
  const repo = { repositoryName: SANDBOX_REPOSITORY };
  const arn = `arn:aws:ecr:us-east-1:${acct}:repository/${SANDBOX_REPOSITORY}`;
  const inputs: Record<string, Record<string, unknown>> = {
    GetAuthorizationToken: {},
    BatchCheckLayerAvailability: { ...repo, layerDigests: [digest] },
    InitiateLayerUpload: repo,
    UploadLayerPart: {
      ...repo,
      uploadId,
      partFirstByte: 0,
      partLastByte: 0,
      layerPartBlob: new Uint8Array([1]),
    },
    CompleteLayerUpload: { ...repo, uploadId, layerDigests: [digest] },
    PutImage: { ...repo, imageManifest: '{"schemaVersion":2}', imageTag: 't' },
    BatchGetImage: { ...repo, imageIds: [{ imageTag: 'latest' }] },
    GetDownloadUrlForLayer: { ...repo, layerDigest: digest },
    GetRepositoryPolicy: repo,
    SetRepositoryPolicy: { ...repo, policyText: '{}' },
    DeleteRepositoryPolicy: repo,
    CreateRepository: { repositoryName: 'new-repo' },
    DescribeRepositories: { repositoryNames: [SANDBOX_REPOSITORY] },
    DeleteRepository: repo,
    DescribeImages: repo,
    ListImages: repo,
    BatchDeleteImage: { ...repo, imageIds: [{ imageTag: 'latest' }] },
    TagResource: { resourceArn: arn, tags: [{ Key: 'k', Value: 'v' }] },
    UntagResource: { resourceArn: arn, tagKeys: ['k'] },
    ListTagsForResource: { resourceArn: arn },
  };
  const input = inputs[op];
  if (!input) throw new Error(`no sample input for ECR ${op}`);
  return input;
}

function command<T>(sdk: Record<string, unknown>, op: string): new (input: object) => T {
  const ctor = sdk[`${op}Command`];
  if (typeof ctor !== 'function') throw new Error(`the SDK has no ${op}Command`);
  return ctor as new (input: object) => T;
}

describe('every ECR operation', () => {
  const ops = Object.keys(ECR_HANDLERS);

  it.each(ops)('%s is denied to a user of another account without policies', async (op) => {
    const partner = sb.ecr(SANDBOX_PARTNER_USER);
    const Cmd = command<Parameters<ecrSdk.ECRClient['send']>[0]>(ecrSdk, op);
    const input = { ...ecrInput(op, sb.sandbox.accountId) };
    if (op !== 'GetAuthorizationToken' && op !== 'CreateRepository' && !('resourceArn' in input))
      input.registryId = sb.sandbox.accountId;
    await expect(partner.send(new Cmd(input))).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: expect.stringContaining(`is not authorized to perform: ecr:${op} on resource: `),
    });
  });

  it.each(ops.filter((op) => op !== 'GetAuthorizationToken' && op !== 'DescribeRepositories'))(
    '%s refuses an input without its required members',
    async (op) => {
      const Cmd = command<Parameters<ecrSdk.ECRClient['send']>[0]>(ecrSdk, op);
      await expect(sb.ecr().send(new Cmd({}))).rejects.toMatchObject({
        name: 'ValidationException',
        message: expect.stringMatching(
          /^1 validation error detected: Value null at '\w+' failed to satisfy constraint: Member must not be null$/,
        ),
      });
    },
  );
});

describe('every IAM operation', () => {
  const ops = Object.keys(IAM_HANDLERS);
  const sample: Record<string, string> = {
    UserName: 'fcj-ecr-ci-cd-user',
    RoleName: 'some-role',
    PolicyName: 'p',
    PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
    PolicyDocument:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}',
    AssumeRolePolicyDocument:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]}',
    AccessKeyId: 'AKIAAAAAAAAAAAAAAAAA',
    Status: 'Inactive',
    VersionId: 'v1',
  };

  it.each(ops)('%s is denied to a user without IAM permissions', async (op) => {
    const input: Record<string, unknown> = { ...sample };
    if (op === 'SimulatePrincipalPolicy') {
      Object.assign(input, {
        PolicySourceArn: `arn:aws:iam::${sb.sandbox.secondAccountId}:user/${SANDBOX_PARTNER_USER}`,
        ActionNames: ['ecr:PutImage'],
      });
    }
    const Cmd = command<Parameters<iamSdk.IAMClient['send']>[0]>(iamSdk, op);
    await expect(sb.iam(SANDBOX_PARTNER_USER).send(new Cmd(input))).rejects.toMatchObject({
      name: 'AccessDenied',
      $metadata: { httpStatusCode: 403 },
      message: expect.stringContaining(`is not authorized to perform: iam:${op} on resource: `),
    });
  });

  it.each(
    ops.filter(
      (op) =>
        ![
          'ListUsers',
          'ListRoles',
          'ListPolicies',
          'GetUser',
          'CreateAccessKey',
          'ListAccessKeys',
        ].includes(op),
    ),
  )('%s refuses an input without its required parameters', async (op) => {
    const Cmd = command<Parameters<iamSdk.IAMClient['send']>[0]>(iamSdk, op);
    await expect(sb.iam().send(new Cmd({}))).rejects.toMatchObject({
      name: 'ValidationError',
      message: expect.stringMatching(/failed to satisfy constraint: Member must not be null/),
    });
  });
});
