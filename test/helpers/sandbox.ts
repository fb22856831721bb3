/**
 * Test helper: a sandbox on port 0 with a throw-away state folder, plus SDK client factories
 * signed as any sandbox user. Use `withSandbox(async (sb) => ...)` or `startTestSandbox()` +
 * `cleanup()` in beforeAll/afterAll.
 */
import {
  BatchCheckLayerAvailabilityCommand,
  BatchGetImageCommand,
  CompleteLayerUploadCommand,
  GetDownloadUrlForLayerCommand,
  InitiateLayerUploadCommand,
  PutImageCommand,
  UploadLayerPartCommand,
  ECRClient,
} from '@aws-sdk/client-ecr';
import { buildImage, type BuiltImage } from '../../src/sandbox/image.js';
import { IAMClient } from '@aws-sdk/client-iam';
import { STSClient } from '@aws-sdk/client-sts';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  startSandbox,
  type RunningSandbox,
  type SandboxCredentials,
  type SandboxOptions,
} from '../../src/sandbox/index.js';

export interface ClientOptions {
  /** sandbox IAM user (default: the admin) */
  user?: string;
  /** account of that user (default: searched in both accounts) */
  accountId?: string;
  /** explicit credentials instead of a user's (e.g. from AssumeRole) */
  credentials?: SandboxCredentials;
  /** signing region (default: the sandbox's) */
  region?: string;
}

export interface TestSandbox {
  sandbox: RunningSandbox;
  stateDir: string;
  ecr(opts?: ClientOptions | string): ECRClient;
  sts(opts?: ClientOptions | string): STSClient;
  iam(opts?: ClientOptions | string): IAMClient;
  /** stops the sandbox, destroys the clients and deletes the state folder */
  cleanup(): Promise<void>;
}

function clientConfig(sb: RunningSandbox, o: ClientOptions | string | undefined) {
  const opts: ClientOptions = typeof o === 'string' ? { user: o } : (o ?? {});
  const credentials = opts.credentials ?? sb.user(opts.user, opts.accountId).credentials;
  return {
    endpoint: sb.endpoint,
    region: opts.region ?? sb.region,
    credentials,
    // Fail fast in tests: a denial or validation error is the answer, not a retry reason.
    maxAttempts: 1,
  };
}

/** Starts a sandbox in a fresh temp folder on port 0. */
export async function startTestSandbox(opts: Partial<SandboxOptions> = {}): Promise<TestSandbox> {
  const stateDir = opts.stateDir ?? (await mkdtemp(join(tmpdir(), 'ecr-tutor-sandbox-')));
  const sandbox = await startSandbox({ port: 0, region: 'us-east-1', ...opts, stateDir });
  const clients: Array<{ destroy(): void }> = [];
  const track = <T extends { destroy(): void }>(c: T): T => {
    clients.push(c);
    return c;
  };
  return {
    sandbox,
    stateDir,
    ecr: (o) => track(new ECRClient(clientConfig(sandbox, o))),
    sts: (o) => track(new STSClient(clientConfig(sandbox, o))),
    iam: (o) => track(new IAMClient(clientConfig(sandbox, o))),
    async cleanup() {
      for (const c of clients) c.destroy();
      await sandbox.stop();
      if (!opts.stateDir) await rm(stateDir, { recursive: true, force: true });
    },
  };
}

/** Runs `fn` against a fresh sandbox and always cleans up. */
export async function withSandbox<T>(
  fn: (sb: TestSandbox) => Promise<T>,
  opts: Partial<SandboxOptions> = {},
): Promise<T> {
  const sb = await startTestSandbox(opts);
  try {
    return await fn(sb);
  } finally {
    await sb.cleanup();
  }
}

/** The workshop's repository policy: the CI user may run the seven push/pull actions. */
export function workshopRepositoryPolicy(
  accountId: string,
  userName = 'fcj-ecr-ci-cd-user',
): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AllowPushPull',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${accountId}:user/${userName}` },
        Action: [
          'ecr:BatchCheckLayerAvailability',
          'ecr:BatchGetImage',
          'ecr:CompleteLayerUpload',
          'ecr:GetDownloadUrlForLayer',
          'ecr:InitiateLayerUpload',
          'ecr:PutImage',
          'ecr:UploadLayerPart',
        ],
      },
    ],
  });
}

/** A small, real, unique image (one text file) for push tests. */
export function sampleImage(text = `sample ${Date.now()} ${Math.random()}\n`): BuiltImage {
  return buildImage([{ name: 'sample.txt', content: Buffer.from(text) }]);
}

/**
 * Pushes an image the way `docker push` does: BatchCheckLayerAvailability, then for each
 * missing blob InitiateLayerUpload / UploadLayerPart... / CompleteLayerUpload, then PutImage.
 */
export async function pushImage(
  ecr: ECRClient,
  repositoryName: string,
  image: BuiltImage,
  opts: { tag?: string; registryId?: string; partSize?: number } = {},
): Promise<void> {
  const base = { repositoryName, ...(opts.registryId ? { registryId: opts.registryId } : {}) };
  const check = await ecr.send(
    new BatchCheckLayerAvailabilityCommand({
      ...base,
      layerDigests: image.blobs.map((b) => b.digest),
    }),
  );
  const available = new Set(
    (check.layers ?? [])
      .filter((l) => l.layerAvailability === 'AVAILABLE')
      .map((l) => l.layerDigest),
  );
  for (const blob of image.blobs) {
    if (available.has(blob.digest)) continue;
    const { uploadId } = await ecr.send(new InitiateLayerUploadCommand(base));
    const partSize = opts.partSize ?? 10 * 1024 * 1024;
    for (let first = 0; first < blob.bytes.length; first += partSize) {
      const part = blob.bytes.subarray(first, Math.min(first + partSize, blob.bytes.length));
      await ecr.send(
        new UploadLayerPartCommand({
          ...base,
          uploadId,
          partFirstByte: first,
          partLastByte: first + part.length - 1,
          layerPartBlob: part,
        }),
      );
    }
    await ecr.send(
      new CompleteLayerUploadCommand({ ...base, uploadId, layerDigests: [blob.digest] }),
    );
  }
  await ecr.send(
    new PutImageCommand({
      ...base,
      imageManifest: image.manifest,
      imageManifestMediaType: image.mediaType,
      ...(opts.tag ? { imageTag: opts.tag } : {}),
    }),
  );
}

/** Pulls an image the way `docker pull` does; returns its manifest and every blob's bytes. */
export async function pullImage(
  ecr: ECRClient,
  repositoryName: string,
  ref: { imageTag?: string; imageDigest?: string },
  registryId?: string,
): Promise<{ manifest: string; blobs: Map<string, Buffer> }> {
  const base = { repositoryName, ...(registryId ? { registryId } : {}) };
  const got = await ecr.send(new BatchGetImageCommand({ ...base, imageIds: [ref] }));
  const manifest = got.images?.[0]?.imageManifest;
  if (!manifest) throw new Error(`image not found: ${JSON.stringify(got.failures)}`);
  const m = JSON.parse(manifest) as {
    config: { digest: string };
    layers: Array<{ digest: string }>;
  };
  const blobs = new Map<string, Buffer>();
  for (const d of [m.config.digest, ...m.layers.map((l) => l.digest)]) {
    const { downloadUrl } = await ecr.send(
      new GetDownloadUrlForLayerCommand({ ...base, layerDigest: d }),
    );
    const res = await fetch(downloadUrl!);
    if (!res.ok) throw new Error(`download of ${d} failed: HTTP ${res.status}`);
    blobs.set(d, Buffer.from(await res.arrayBuffer()));
  }
  return { manifest, blobs };
}
