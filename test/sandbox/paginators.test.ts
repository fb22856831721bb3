/**
 * Every SDK paginator of the list operations the sandbox implements walks all pages with a
 * small page size and sees each item once; ranges are validated and a token from another list
 * is refused, as on AWS.
 */
import {
  CreateRepositoryCommand,
  DescribeImagesCommand,
  ListImagesCommand,
  paginateDescribeImages,
  paginateDescribeRepositories,
  paginateListImages,
  PutImageCommand,
} from '@aws-sdk/client-ecr';
import {
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  ListUsersCommand,
  paginateListAccessKeys,
  paginateListAttachedRolePolicies,
  paginateListAttachedUserPolicies,
  paginateListPolicies,
  paginateListRolePolicies,
  paginateListRoles,
  paginateListUserPolicies,
  paginateListUsers,
  AttachRolePolicyCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_REPOSITORY } from '../../src/sandbox/index.js';
import { pushImage, sampleImage, type TestSandbox } from '../helpers/sandbox.js';
import { sandboxForFile } from '../helpers/sandbox-hooks.js';

let sb: TestSandbox;
sandboxForFile((s) => (sb = s));

async function all<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const p of pages) out.push(p);
  return out;
}

const ALLOW = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'ecr:ListImages', Resource: '*' }],
});

beforeAll(async () => {
  const ecr = sb.ecr();
  for (let i = 0; i < 5; i++)
    await ecr.send(new CreateRepositoryCommand({ repositoryName: `page/repo-${i}` }));
  const image = sampleImage('paged');
  await pushImage(ecr, SANDBOX_REPOSITORY, image, { tag: 't0' });
  for (let i = 1; i < 5; i++)
    await ecr.send(
      new PutImageCommand({
        repositoryName: SANDBOX_REPOSITORY,
        imageManifest: image.manifest,
        imageTag: `t${i}`,
      }),
    );
  for (let i = 0; i < 3; i++) await pushImage(ecr, SANDBOX_REPOSITORY, sampleImage(`other ${i}`));
  const iam = sb.iam();
  for (let i = 0; i < 5; i++) {
    await iam.send(new CreateUserCommand({ UserName: `page-user-${i}` }));
    await iam.send(
      new CreateRoleCommand({
        RoleName: `page-role-${i}`,
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: { AWS: sb.sandbox.accountId }, Action: 'sts:AssumeRole' },
          ],
        }),
      }),
    );
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'page-user-0',
        PolicyName: `inline-${i}`,
        PolicyDocument: ALLOW,
      }),
    );
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: 'page-role-0',
        PolicyName: `inline-${i}`,
        PolicyDocument: ALLOW,
      }),
    );
    const p = await iam.send(
      new CreatePolicyCommand({ PolicyName: `page-policy-${i}`, PolicyDocument: ALLOW }),
    );
    await iam.send(
      new AttachUserPolicyCommand({ UserName: 'page-user-0', PolicyArn: p.Policy!.Arn! }),
    );
    await iam.send(
      new AttachRolePolicyCommand({ RoleName: 'page-role-0', PolicyArn: p.Policy!.Arn! }),
    );
  }
  await iam.send(new CreateAccessKeyCommand({ UserName: 'page-user-0' }));
  await iam.send(new CreateAccessKeyCommand({ UserName: 'page-user-0' }));
});

describe('ECR paginators', () => {
  it('DescribeRepositories, DescribeImages and ListImages walk every page of 2', async () => {
    const ecr = sb.ecr();
    const repos = await all(paginateDescribeRepositories({ client: ecr, pageSize: 2 }, {}));
    expect(repos.length).toBeGreaterThanOrEqual(3);
    const names = repos.flatMap((p) => p.repositories!.map((r) => r.repositoryName));
    expect(new Set(names).size).toBe(names.length);
    expect(names.filter((n) => n!.startsWith('page/'))).toHaveLength(5);
    expect(names).toContain(SANDBOX_REPOSITORY);

    const images = await all(
      paginateDescribeImages({ client: ecr, pageSize: 2 }, { repositoryName: SANDBOX_REPOSITORY }),
    );
    const digests = images.flatMap((p) => p.imageDetails!.map((d) => d.imageDigest));
    expect(images.length).toBe(Math.ceil(digests.length / 2));
    expect(new Set(digests).size).toBe(5); // the seed, the tagged sample and three untagged

    const ids = await all(
      paginateListImages({ client: ecr, pageSize: 3 }, { repositoryName: SANDBOX_REPOSITORY }),
    );
    const flat = ids.flatMap((p) => p.imageIds!);
    expect(flat.filter((i) => i.imageTag?.startsWith('t'))).toHaveLength(5);
    expect(flat.filter((i) => !i.imageTag)).toHaveLength(3);
    expect(new Set(flat.map((i) => `${i.imageDigest}:${i.imageTag}`)).size).toBe(flat.length);
  });

  it('validates maxResults and refuses a token from another list', async () => {
    const ecr = sb.ecr();
    await expect(
      ecr.send(new ListImagesCommand({ repositoryName: SANDBOX_REPOSITORY, maxResults: 1001 })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
    const first = await ecr.send(
      new ListImagesCommand({ repositoryName: SANDBOX_REPOSITORY, maxResults: 1 }),
    );
    expect(first.nextToken).toBeTruthy();
    await expect(
      ecr.send(
        new DescribeImagesCommand({
          repositoryName: SANDBOX_REPOSITORY,
          nextToken: first.nextToken,
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: expect.stringMatching(/nextToken/),
    });
    await expect(
      ecr.send(
        new ListImagesCommand({ repositoryName: 'page/repo-1', nextToken: first.nextToken }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(
      ecr.send(new ListImagesCommand({ repositoryName: SANDBOX_REPOSITORY, nextToken: 'made-up' })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });
});

describe('IAM paginators', () => {
  it('every list the sandbox implements walks pages of 2 with MaxItems/Marker', async () => {
    const iam = sb.iam();
    const cfg = { client: iam, pageSize: 2 };
    const users = (await all(paginateListUsers(cfg, {}))).flatMap((p) =>
      p.Users!.map((u) => u.UserName),
    );
    expect(users.filter((u) => u!.startsWith('page-user-'))).toHaveLength(5);
    expect(new Set(users).size).toBe(users.length);
    const roles = (await all(paginateListRoles(cfg, {}))).flatMap((p) =>
      p.Roles!.map((r) => r.RoleName),
    );
    expect(roles.filter((r) => r!.startsWith('page-role-'))).toHaveLength(5);
    const local = (await all(paginateListPolicies(cfg, { Scope: 'Local' }))).flatMap(
      (p) => p.Policies!,
    );
    expect(local.filter((p) => p.PolicyName!.startsWith('page-policy-'))).toHaveLength(5);
    const inlineU = (await all(paginateListUserPolicies(cfg, { UserName: 'page-user-0' }))).flatMap(
      (p) => p.PolicyNames!,
    );
    expect(inlineU.sort()).toEqual(['inline-0', 'inline-1', 'inline-2', 'inline-3', 'inline-4']);
    const inlineR = (await all(paginateListRolePolicies(cfg, { RoleName: 'page-role-0' }))).flatMap(
      (p) => p.PolicyNames!,
    );
    expect(inlineR).toHaveLength(5);
    const attU = (
      await all(paginateListAttachedUserPolicies(cfg, { UserName: 'page-user-0' }))
    ).flatMap((p) => p.AttachedPolicies!);
    expect(attU).toHaveLength(5);
    const attR = (
      await all(paginateListAttachedRolePolicies(cfg, { RoleName: 'page-role-0' }))
    ).flatMap((p) => p.AttachedPolicies!);
    expect(attR).toHaveLength(5);
    const keys = await all(
      paginateListAccessKeys({ client: iam, pageSize: 1 }, { UserName: 'page-user-0' }),
    );
    expect(keys).toHaveLength(2);
  });

  it('validates MaxItems and Marker', async () => {
    const iam = sb.iam();
    await expect(iam.send(new ListUsersCommand({ MaxItems: 0 }))).rejects.toMatchObject({
      name: 'ValidationError',
    });
    const first = await iam.send(new ListUsersCommand({ MaxItems: 1 }));
    expect(first.IsTruncated).toBe(true);
    await expect(iam.send(new ListUsersCommand({ Marker: 'made-up' }))).rejects.toMatchObject({
      name: 'ValidationError',
    });
  });
});
