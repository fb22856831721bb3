/**
 * The workshop's core path against a real sandbox with the real SDK: the CI user is denied
 * before the repository policy is applied, pushes layer by layer and pulls back byte-identical
 * after; explicit Deny wins; the admin needs no mention; cross-account needs both sides.
 */
import {
  AttachUserPolicyCommand,
  DeleteUserPolicyCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import {
  BatchCheckLayerAvailabilityCommand,
  BatchGetImageCommand,
  GetAuthorizationTokenCommand,
  InitiateLayerUploadCommand,
  SetRepositoryPolicyCommand,
} from '@aws-sdk/client-ecr';
import { describe, expect, it } from 'vitest';
import {
  SANDBOX_CI_USER,
  SANDBOX_PARTNER_ADMIN_USER,
  SANDBOX_PARTNER_USER,
  SANDBOX_REPOSITORY,
} from '../../src/sandbox/index.js';
import { workshopImage } from '../../src/sandbox/image.js';
import {
  pullImage,
  pushImage,
  sampleImage,
  workshopRepositoryPolicy,
  type TestSandbox,
} from '../helpers/sandbox.js';
import { sandboxForEachTest } from '../helpers/sandbox-hooks.js';

let sb: TestSandbox;
sandboxForEachTest((s) => (sb = s));

const repoArn = (acct: string): string =>
  `arn:aws:ecr:us-east-1:${acct}:repository/${SANDBOX_REPOSITORY}`;

describe('the CI user and the repository policy', () => {
  it('is denied every push/pull action before the policy, with the identity-based wording', async () => {
    const ci = sb.ecr(SANDBOX_CI_USER);
    const acct = sb.sandbox.accountId;
    const userArn = `arn:aws:iam::${acct}:user/${SANDBOX_CI_USER}`;
    const err = await ci
      .send(new InitiateLayerUploadCommand({ repositoryName: SANDBOX_REPOSITORY }))
      .catch((e: unknown) => e as Error & { $metadata: { httpStatusCode: number } });
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).name).toBe('AccessDeniedException');
    expect((err as Error).message).toBe(
      `User: ${userArn} is not authorized to perform: ecr:InitiateLayerUpload on resource: ${repoArn(acct)} ` +
        'because no identity-based policy allows the ecr:InitiateLayerUpload action',
    );
    await expect(
      ci.send(
        new BatchGetImageCommand({
          repositoryName: SANDBOX_REPOSITORY,
          imageIds: [{ imageTag: 'latest' }],
        }),
      ),
    ).rejects.toThrow(/no identity-based policy allows the ecr:BatchGetImage action/);
    await expect(
      ci.send(
        new BatchCheckLayerAvailabilityCommand({
          repositoryName: SANDBOX_REPOSITORY,
          layerDigests: ['sha256:' + 'a'.repeat(64)],
        }),
      ),
    ).rejects.toThrow(/ecr:BatchCheckLayerAvailability/);
    // ...but the one action its identity policy allows works.
    const token = await ci.send(new GetAuthorizationTokenCommand({}));
    expect(
      Buffer.from(token.authorizationData![0]!.authorizationToken!, 'base64').toString(),
    ).toMatch(/^AWS:/);
    // the sandbox's registry of this account, on loopback (docker speaks plain HTTP to 127/8)
    expect(token.authorizationData![0]!.proxyEndpoint).toBe(`http://127.0.0.1:${sb.sandbox.port}`);
  });

  it('pushes layer by layer and pulls back byte-identical once the policy names it', async () => {
    const admin = sb.ecr();
    await admin.send(
      new SetRepositoryPolicyCommand({
        repositoryName: SANDBOX_REPOSITORY,
        policyText: workshopRepositoryPolicy(sb.sandbox.accountId),
      }),
    );
    const ci = sb.ecr(SANDBOX_CI_USER);
    // A layer bigger than one part (5 MiB parts) proves the chunked upload.
    const big = Buffer.alloc(11 * 1024 * 1024 + 123);
    for (let i = 0; i < big.length; i += 4096) big.writeUInt32LE((i * 2654435761) >>> 0, i);
    const image = sampleImage();
    image.blobs.push({
      digest: `sha256:${(await import('node:crypto')).createHash('sha256').update(big).digest('hex')}`,
      bytes: big,
      mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
    });
    const manifest = JSON.parse(image.manifest) as { layers: unknown[] };
    manifest.layers.push({
      mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
      size: big.length,
      digest: image.blobs[2]!.digest,
    });
    image.manifest = JSON.stringify(manifest);
    await pushImage(ci, SANDBOX_REPOSITORY, image, { tag: 'v2', partSize: 5 * 1024 * 1024 });
    const pulled = await pullImage(ci, SANDBOX_REPOSITORY, { imageTag: 'v2' });
    expect(pulled.manifest).toBe(image.manifest);
    for (const b of image.blobs) expect(pulled.blobs.get(b.digest)?.equals(b.bytes)).toBe(true);
    // the seeded image is real and pullable too
    const seeded = await pullImage(ci, SANDBOX_REPOSITORY, { imageTag: 'latest' });
    for (const b of workshopImage().blobs)
      expect(seeded.blobs.get(b.digest)?.equals(b.bytes)).toBe(true);
  });

  it('lets an explicit Deny for the CI user win over the Allow', async () => {
    const acct = sb.sandbox.accountId;
    const policy = JSON.parse(workshopRepositoryPolicy(acct)) as { Statement: unknown[] };
    policy.Statement.push({
      Sid: 'NoPulls',
      Effect: 'Deny',
      Principal: { AWS: `arn:aws:iam::${acct}:user/${SANDBOX_CI_USER}` },
      Action: 'ecr:BatchGetImage',
    });
    await sb.ecr().send(
      new SetRepositoryPolicyCommand({
        repositoryName: SANDBOX_REPOSITORY,
        policyText: JSON.stringify(policy),
      }),
    );
    const ci = sb.ecr(SANDBOX_CI_USER);
    await expect(
      ci.send(
        new BatchGetImageCommand({
          repositoryName: SANDBOX_REPOSITORY,
          imageIds: [{ imageTag: 'latest' }],
        }),
      ),
    ).rejects.toThrow(
      // IAM "Troubleshoot access denied error messages": an explicit deny has no "because"
      new RegExp(
        `on resource: ${repoArn(sb.sandbox.accountId)} with an explicit deny in a resource-based policy$`,
      ),
    );
    // the other actions stay allowed
    await expect(
      ci.send(new InitiateLayerUploadCommand({ repositoryName: SANDBOX_REPOSITORY })),
    ).resolves.toHaveProperty('uploadId');
    // and an identity-policy Deny wins over the repository policy's Allow
    await sb.iam().send(
      new PutUserPolicyCommand({
        UserName: SANDBOX_CI_USER,
        PolicyName: 'deny-uploads',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Deny', Action: 'ecr:InitiateLayerUpload', Resource: '*' }],
        }),
      }),
    );
    await expect(
      ci.send(new InitiateLayerUploadCommand({ repositoryName: SANDBOX_REPOSITORY })),
    ).rejects.toThrow(/with an explicit deny in an identity-based policy/);
  });

  it('lets the admin push without being named in the repository policy', async () => {
    await sb.ecr().send(
      new SetRepositoryPolicyCommand({
        repositoryName: SANDBOX_REPOSITORY,
        policyText: workshopRepositoryPolicy(sb.sandbox.accountId),
      }),
    );
    const admin = sb.ecr();
    const image = sampleImage('admin was here\n');
    await pushImage(admin, SANDBOX_REPOSITORY, image, { tag: 'admin' });
    const pulled = await pullImage(admin, SANDBOX_REPOSITORY, { imageTag: 'admin' });
    expect(pulled.manifest).toBe(image.manifest);
  });
});

describe('cross-account access', () => {
  it('denies the partner until both its identity policy and the repository policy allow', async () => {
    const acct = sb.sandbox.accountId;
    const partnerAcct = sb.sandbox.secondAccountId;
    const partner = sb.ecr(SANDBOX_PARTNER_USER);
    const partnerArn = `arn:aws:iam::${partnerAcct}:user/${SANDBOX_PARTNER_USER}`;
    const pull = () =>
      partner.send(
        new BatchGetImageCommand({
          registryId: acct,
          repositoryName: SANDBOX_REPOSITORY,
          imageIds: [{ imageTag: 'latest' }],
        }),
      );
    // neither side allows
    await expect(pull()).rejects.toThrow(
      `User: ${partnerArn} is not authorized to perform: ecr:BatchGetImage on resource: ${repoArn(acct)} because no resource-based policy allows the ecr:BatchGetImage action`,
    );
    // the partner's identity policy alone is not enough (its account's admin grants it)
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
          Resource: '*',
        },
      ],
    });
    await expect(
      sb.iam(SANDBOX_PARTNER_USER).send(
        new PutUserPolicyCommand({
          UserName: SANDBOX_PARTNER_USER,
          PolicyName: 'pull',
          PolicyDocument: policy,
        }),
      ),
    ).rejects.toThrow(/not authorized to perform: iam:PutUserPolicy/);
    await sb.iam(SANDBOX_PARTNER_ADMIN_USER).send(
      new PutUserPolicyCommand({
        UserName: SANDBOX_PARTNER_USER,
        PolicyName: 'pull',
        PolicyDocument: policy,
      }),
    );
    await expect(pull()).rejects.toThrow(
      /because no resource-based policy allows the ecr:BatchGetImage action/,
    );
    // the repository policy alone is not enough either
    await sb
      .iam(SANDBOX_PARTNER_ADMIN_USER)
      .send(new DeleteUserPolicyCommand({ UserName: SANDBOX_PARTNER_USER, PolicyName: 'pull' }));
    await sb.ecr().send(
      new SetRepositoryPolicyCommand({
        repositoryName: SANDBOX_REPOSITORY,
        policyText: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: partnerArn },
              Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
            },
          ],
        }),
      }),
    );
    await expect(pull()).rejects.toThrow(
      /because no identity-based policy allows the ecr:BatchGetImage action/,
    );
    // both sides: allowed, and the partner pulls the real image
    await sb.iam(SANDBOX_PARTNER_ADMIN_USER).send(
      new AttachUserPolicyCommand({
        UserName: SANDBOX_PARTNER_USER,
        PolicyArn: 'arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly',
      }),
    );
    const pulled = await pullImage(partner, SANDBOX_REPOSITORY, { imageTag: 'latest' }, acct);
    expect(pulled.manifest).toBe(workshopImage().manifest);
  });
});
