/** ECR breadth through the real SDK: repositories, images, tags, policies, upload errors. */
import {
  BatchDeleteImageCommand,
  CompleteLayerUploadCommand,
  CreateRepositoryCommand,
  DeleteRepositoryCommand,
  DeleteRepositoryPolicyCommand,
  DescribeImagesCommand,
  DescribeRepositoriesCommand,
  GetDownloadUrlForLayerCommand,
  GetRepositoryPolicyCommand,
  InitiateLayerUploadCommand,
  ListImagesCommand,
  ListTagsForResourceCommand,
  PutImageCommand,
  SetRepositoryPolicyCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UploadLayerPartCommand,
} from '@aws-sdk/client-ecr';
import { describe, expect, it } from 'vitest';
import { SANDBOX_CI_USER, SANDBOX_REPOSITORY } from '../../src/sandbox/index.js';
import { workshopImage } from '../../src/sandbox/image.js';
import {
  pushImage,
  sampleImage,
  workshopRepositoryPolicy,
  type TestSandbox,
} from '../helpers/sandbox.js';
import { sandboxForEachTest } from '../helpers/sandbox-hooks.js';

let sb: TestSandbox;
sandboxForEachTest((s) => (sb = s));

const repo = SANDBOX_REPOSITORY;

describe('repositories', () => {
  it('creates, describes and deletes repositories', async () => {
    const ecr = sb.ecr();
    const acct = sb.sandbox.accountId;
    const created = await ecr.send(
      new CreateRepositoryCommand({
        repositoryName: 'team/api',
        imageTagMutability: 'IMMUTABLE',
        tags: [{ Key: 'team', Value: 'a' }],
      }),
    );
    expect(created.repository).toMatchObject({
      repositoryArn: `arn:aws:ecr:us-east-1:${acct}:repository/team/api`,
      repositoryUri: `127.0.0.1:${sb.sandbox.port}/team/api`,
      imageTagMutability: 'IMMUTABLE',
    });
    expect(created.repository?.createdAt).toBeInstanceOf(Date);
    await expect(
      ecr.send(new CreateRepositoryCommand({ repositoryName: 'team/api' })),
    ).rejects.toMatchObject({
      name: 'RepositoryAlreadyExistsException',
      message: `The repository with name 'team/api' already exists in the registry with id '${acct}'`,
    });
    await expect(
      ecr.send(new CreateRepositoryCommand({ repositoryName: 'Bad_Name' })),
    ).rejects.toMatchObject({
      name: 'ValidationException',
    });
    const all = await ecr.send(new DescribeRepositoriesCommand({}));
    expect(all.repositories?.map((r) => r.repositoryName).sort()).toEqual([repo, 'team/api']);
    await expect(
      ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ['nope'] })),
    ).rejects.toMatchObject({
      name: 'RepositoryNotFoundException',
      message: `The repository with name 'nope' does not exist in the registry with id '${acct}'`,
    });
    await expect(
      ecr.send(new DeleteRepositoryCommand({ repositoryName: repo })),
    ).rejects.toMatchObject({
      name: 'RepositoryNotEmptyException',
    });
    await ecr.send(new DeleteRepositoryCommand({ repositoryName: 'team/api' }));
    await ecr.send(new DeleteRepositoryCommand({ repositoryName: repo, force: true }));
    expect((await ecr.send(new DescribeRepositoriesCommand({}))).repositories).toEqual([]);
    // the CI user may not create repositories
    await expect(
      sb.ecr(SANDBOX_CI_USER).send(new CreateRepositoryCommand({ repositoryName: 'mine' })),
    ).rejects.toThrow(/not authorized to perform: ecr:CreateRepository/);
  });

  it('tags and untags a repository by ARN', async () => {
    const ecr = sb.ecr();
    const arn = `arn:aws:ecr:us-east-1:${sb.sandbox.accountId}:repository/${repo}`;
    await ecr.send(
      new TagResourceCommand({
        resourceArn: arn,
        tags: [
          { Key: 'env', Value: 'lab' },
          { Key: 'owner', Value: 'me' },
        ],
      }),
    );
    await ecr.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['owner'] }));
    expect((await ecr.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags).toEqual([
      { Key: 'env', Value: 'lab' },
    ]);
    await expect(
      ecr.send(new ListTagsForResourceCommand({ resourceArn: 'not-an-arn' })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
    await expect(
      sb.ecr(SANDBOX_CI_USER).send(new ListTagsForResourceCommand({ resourceArn: arn })),
    ).rejects.toMatchObject({
      name: 'AccessDeniedException',
    });
  });
});

describe('images', () => {
  it('describes, lists and deletes images', async () => {
    const ecr = sb.ecr();
    const seeded = workshopImage();
    const described = await ecr.send(new DescribeImagesCommand({ repositoryName: repo }));
    expect(described.imageDetails).toHaveLength(1);
    expect(described.imageDetails![0]).toMatchObject({
      imageDigest: seeded.manifestDigest,
      imageTags: ['latest'],
    });
    expect(described.imageDetails![0]!.imagePushedAt).toBeInstanceOf(Date);
    const img = sampleImage();
    await pushImage(ecr, repo, img, { tag: 'v1' });
    await ecr.send(
      new PutImageCommand({
        repositoryName: repo,
        imageManifest: img.manifest,
        imageTag: 'v1-alias',
      }),
    );
    const listed = await ecr.send(new ListImagesCommand({ repositoryName: repo }));
    expect(listed.imageIds).toHaveLength(3);
    await expect(
      ecr.send(
        new PutImageCommand({ repositoryName: repo, imageManifest: img.manifest, imageTag: 'v1' }),
      ),
    ).rejects.toMatchObject({
      name: 'ImageAlreadyExistsException',
    });
    const del = await ecr.send(
      new BatchDeleteImageCommand({
        repositoryName: repo,
        imageIds: [{ imageTag: 'v1-alias' }, { imageTag: 'gone' }],
      }),
    );
    expect(del.imageIds).toEqual([{ imageDigest: img.manifestDigest, imageTag: 'v1-alias' }]);
    expect(del.failures).toEqual([
      {
        imageId: { imageTag: 'gone' },
        failureCode: 'ImageNotFound',
        failureReason: 'Requested image not found',
      },
    ]);
    await ecr.send(
      new BatchDeleteImageCommand({
        repositoryName: repo,
        imageIds: [{ imageDigest: img.manifestDigest }],
      }),
    );
    expect((await ecr.send(new ListImagesCommand({ repositoryName: repo }))).imageIds).toEqual([
      { imageDigest: seeded.manifestDigest, imageTag: 'latest' },
    ]);
    await expect(
      ecr.send(new DescribeImagesCommand({ repositoryName: repo, imageIds: [{ imageTag: 'v1' }] })),
    ).rejects.toMatchObject({
      name: 'ImageNotFoundException',
    });
  });

  it('refuses a manifest whose layers were never uploaded', async () => {
    const img = sampleImage();
    await expect(
      sb
        .ecr()
        .send(
          new PutImageCommand({ repositoryName: repo, imageManifest: img.manifest, imageTag: 'x' }),
        ),
    ).rejects.toMatchObject({
      name: 'LayersNotFoundException',
      message: expect.stringContaining(img.blobs[0]!.digest),
    });
    await expect(
      sb
        .ecr()
        .send(
          new PutImageCommand({ repositoryName: repo, imageManifest: '{not json', imageTag: 'x' }),
        ),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
  });
});

describe('layer uploads', () => {
  it('verifies the digest, the part order and the upload id', async () => {
    const ecr = sb.ecr();
    const { uploadId } = await ecr.send(new InitiateLayerUploadCommand({ repositoryName: repo }));
    const part = Buffer.from('hello layer');
    await ecr.send(
      new UploadLayerPartCommand({
        repositoryName: repo,
        uploadId,
        partFirstByte: 0,
        partLastByte: part.length - 1,
        layerPartBlob: part,
      }),
    );
    await expect(
      ecr.send(
        new UploadLayerPartCommand({
          repositoryName: repo,
          uploadId,
          partFirstByte: 5,
          partLastByte: 7,
          layerPartBlob: Buffer.from('abc'),
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidLayerPartException',
      lastValidByteReceived: part.length - 1,
    });
    await expect(
      ecr.send(
        new CompleteLayerUploadCommand({
          repositoryName: repo,
          uploadId,
          layerDigests: ['sha256:' + '0'.repeat(64)],
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidLayerException',
      message: expect.stringContaining('does not match'),
    });
    // the failed upload is gone
    await expect(
      ecr.send(
        new UploadLayerPartCommand({
          repositoryName: repo,
          uploadId,
          partFirstByte: 11,
          partLastByte: 11,
          layerPartBlob: Buffer.from('x'),
        }),
      ),
    ).rejects.toMatchObject({ name: 'UploadNotFoundException' });
    const second = await ecr.send(new InitiateLayerUploadCommand({ repositoryName: repo }));
    await expect(
      ecr.send(
        new CompleteLayerUploadCommand({
          repositoryName: repo,
          uploadId: second.uploadId,
          layerDigests: ['sha256:' + '0'.repeat(64)],
        }),
      ),
    ).rejects.toMatchObject({ name: 'EmptyUploadException' });
  });

  it('refuses parts under 5 MiB before the last one', async () => {
    const ecr = sb.ecr();
    const { uploadId } = await ecr.send(new InitiateLayerUploadCommand({ repositoryName: repo }));
    const a = Buffer.alloc(1024, 1);
    await ecr.send(
      new UploadLayerPartCommand({
        repositoryName: repo,
        uploadId,
        partFirstByte: 0,
        partLastByte: 1023,
        layerPartBlob: a,
      }),
    );
    await ecr.send(
      new UploadLayerPartCommand({
        repositoryName: repo,
        uploadId,
        partFirstByte: 1024,
        partLastByte: 2047,
        layerPartBlob: a,
      }),
    );
    const { createHash } = await import('node:crypto');
    const digest =
      'sha256:' +
      createHash('sha256')
        .update(Buffer.concat([a, a]))
        .digest('hex');
    await expect(
      ecr.send(
        new CompleteLayerUploadCommand({ repositoryName: repo, uploadId, layerDigests: [digest] }),
      ),
    ).rejects.toMatchObject({
      name: 'LayerPartTooSmallException',
      message: 'Layer parts must be at least 5 MiB in size.',
    });
  });

  it('serves download URLs only while valid and untampered', async () => {
    const ecr = sb.ecr();
    const layer = workshopImage().blobs[1]!;
    const { downloadUrl } = await ecr.send(
      new GetDownloadUrlForLayerCommand({ repositoryName: repo, layerDigest: layer.digest }),
    );
    expect(downloadUrl!.startsWith(sb.sandbox.endpoint)).toBe(true);
    expect(Buffer.from(await (await fetch(downloadUrl!)).arrayBuffer()).equals(layer.bytes)).toBe(
      true,
    );
    const tampered = downloadUrl!.slice(0, -2) + (downloadUrl!.endsWith('AA') ? 'BB' : 'AA');
    expect((await fetch(tampered)).status).toBe(403);
    await expect(
      ecr.send(
        new GetDownloadUrlForLayerCommand({
          repositoryName: repo,
          layerDigest: 'sha256:' + 'f'.repeat(64),
        }),
      ),
    ).rejects.toMatchObject({ name: 'LayersNotFoundException' });
    // an expired URL (same key, expiry in the past) is refused
    const { readFile } = await import('node:fs/promises');
    const { createHmac } = await import('node:crypto');
    const { join } = await import('node:path');
    const key = (
      JSON.parse(await readFile(join(sb.stateDir, 'state.json'), 'utf8')) as {
        urlSigningKey: string;
      }
    ).urlSigningKey;
    const payload = Buffer.from(
      JSON.stringify({
        a: sb.sandbox.accountId,
        r: repo,
        d: layer.digest,
        e: Math.floor(Date.now() / 1000) - 1,
      }),
    ).toString('base64url');
    const expired = `${sb.sandbox.endpoint}/_sandbox/layers/${payload}.${createHmac('sha256', key).update(payload).digest('base64url')}`;
    const res = await fetch(expired);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Request has expired');
  });
});

describe('repository policies', () => {
  const set = (policyText: string, force?: boolean) =>
    sb.ecr().send(
      new SetRepositoryPolicyCommand({
        repositoryName: repo,
        policyText,
        ...(force ? { force } : {}),
      }),
    );

  it('sets, gets and deletes the policy', async () => {
    const ecr = sb.ecr();
    await expect(
      ecr.send(new GetRepositoryPolicyCommand({ repositoryName: repo })),
    ).rejects.toMatchObject({
      name: 'RepositoryPolicyNotFoundException',
      message: `Repository policy does not exist for the repository with name '${repo}' in the registry with id '${sb.sandbox.accountId}'`,
    });
    const text = workshopRepositoryPolicy(sb.sandbox.accountId);
    expect((await set(text)).policyText).toBe(text);
    expect(
      (await ecr.send(new GetRepositoryPolicyCommand({ repositoryName: repo }))).policyText,
    ).toBe(text);
    expect(
      (await ecr.send(new DeleteRepositoryPolicyCommand({ repositoryName: repo }))).policyText,
    ).toBe(text);
    await expect(
      ecr.send(new DeleteRepositoryPolicyCommand({ repositoryName: repo })),
    ).rejects.toMatchObject({
      name: 'RepositoryPolicyNotFoundException',
    });
  });

  it("validates policies with ECR's messages", async () => {
    const acct = sb.sandbox.accountId;
    const prefix = "Invalid parameter at 'PolicyText' failed to satisfy constraint: ";
    await expect(set('{"Version":')).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: `${prefix}'Invalid repository policy provided'`,
    });
    await expect(set(workshopRepositoryPolicy(acct, 'no-such-user'))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: `${prefix}'Principal not found'`,
    });
    const login = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${acct}:user/${SANDBOX_CI_USER}` },
          Action: 'ecr:GetAuthorizationToken',
        },
      ],
    });
    await expect(set(login)).rejects.toMatchObject({
      message: `${prefix}'Invalid repository policy provided'`,
    });
    const noPrincipal = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'ecr:BatchGetImage' }],
    });
    await expect(set(noPrincipal)).rejects.toMatchObject({
      message: `${prefix}'Invalid repository policy provided'`,
    });
    const big = JSON.stringify({
      Version: '2012-10-17',
      Id: 'x'.repeat(10_300),
      Statement: JSON.parse(workshopRepositoryPolicy(acct)).Statement,
    });
    await expect(set(big)).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: expect.stringContaining('10240'),
    });
    // an account principal is accepted (it delegates to that account's IAM)
    await expect(
      set(
        JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: sb.sandbox.secondAccountId },
              Action: 'ecr:BatchGetImage',
            },
          ],
        }),
      ),
    ).resolves.toHaveProperty('policyText');
  });

  it('needs force for a policy that would lock the caller out', async () => {
    const acct = sb.sandbox.accountId;
    const lockout = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Deny',
          Principal: { AWS: `arn:aws:iam::${acct}:root` },
          Action: 'ecr:SetRepositoryPolicy',
        },
      ],
    });
    await expect(set(lockout)).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: expect.stringContaining('would prevent you from setting another policy'),
    });
    await expect(set(lockout, true)).resolves.toHaveProperty('policyText', lockout);
    // and it does lock out: even the admin can no longer change it
    await expect(set(workshopRepositoryPolicy(acct))).rejects.toThrow(
      /with an explicit deny in a resource-based policy/,
    );
  });
});
