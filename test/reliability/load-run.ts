/**
 * The load scenario shared by test/reliability/load.test.ts and bench/load.bench.ts: N clients
 * push and pull against one sandbox for a while; afterwards every image the sandbox lists must be
 * one that was pushed, every pushed image must be listed, and each must pull byte-identical.
 */
import {
  BatchCheckLayerAvailabilityCommand,
  CompleteLayerUploadCommand,
  CreateRepositoryCommand,
  ECRClient,
  InitiateLayerUploadCommand,
  ListImagesCommand,
  PutImageCommand,
  UploadLayerPartCommand,
} from '@aws-sdk/client-ecr';
import { buildImage, type BuiltImage } from '../../src/sandbox/image.js';
import { pullImage } from '../helpers/sandbox.js';
import { prng } from './child.js';

export interface LoadOptions {
  endpoint: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  clients: number;
  seconds: number;
  seed?: number;
  /** called between the warm-up and the measured phase, and at the end (RSS sampling) */
  onPhase?: (phase: 'warm' | 'end') => void | Promise<void>;
}

export interface LoadResult {
  pushes: number;
  pulls: number;
  errors: string[];
  /** bytes uploaded and downloaded */
  bytes: number;
  listed: number;
  lost: string[];
  unexpected: string[];
  mismatched: string[];
  seconds: number;
}

const REPOS = ['load-a', 'load-b', 'load-c', 'load-d'];

/** `docker push` as docker does it: a layer someone else finished meanwhile is not an error. */
async function push(
  ecr: ECRClient,
  repositoryName: string,
  image: BuiltImage,
  tag: string,
): Promise<void> {
  const check = await ecr.send(
    new BatchCheckLayerAvailabilityCommand({
      repositoryName,
      layerDigests: image.blobs.map((b) => b.digest),
    }),
  );
  const have = new Set(
    (check.layers ?? [])
      .filter((l) => l.layerAvailability === 'AVAILABLE')
      .map((l) => l.layerDigest),
  );
  for (const blob of image.blobs) {
    if (have.has(blob.digest)) continue;
    const { uploadId } = await ecr.send(new InitiateLayerUploadCommand({ repositoryName }));
    await ecr.send(
      new UploadLayerPartCommand({
        repositoryName,
        uploadId,
        partFirstByte: 0,
        partLastByte: blob.bytes.length - 1,
        layerPartBlob: blob.bytes,
      }),
    );
    try {
      await ecr.send(
        new CompleteLayerUploadCommand({ repositoryName, uploadId, layerDigests: [blob.digest] }),
      );
    } catch (err) {
      if ((err as Error).name !== 'LayerAlreadyExistsException') throw err;
    }
  }
  await ecr.send(
    new PutImageCommand({
      repositoryName,
      imageManifest: image.manifest,
      imageManifestMediaType: image.mediaType,
      imageTag: tag,
    }),
  );
}

/** Runs the load; never throws for a failed request (those are counted in `errors`). */
export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const rand = prng(o.seed ?? 7);
  // Tags of this run only: the same sandbox may serve several runs (the bench does that).
  const prefix = `s${o.seed ?? 7}-`;
  const make = (): ECRClient =>
    new ECRClient({
      endpoint: o.endpoint,
      region: 'us-east-1',
      credentials: o.credentials,
      maxAttempts: 1,
    });
  const admin = make();
  for (const r of REPOS) {
    await admin.send(new CreateRepositoryCommand({ repositoryName: r })).catch((err: Error) => {
      if (err.name !== 'RepositoryAlreadyExistsException') throw err;
    });
  }
  // A few "popular" images pushed under many tags by many clients at once (shared layers race).
  const popular = [0, 1, 2].map((i) =>
    buildImage([
      { name: 'base.txt', content: Buffer.from(`popular base image ${i}\n`.repeat(2000)) },
    ]),
  );
  /** repo:tag -> image, for every PutImage that was answered */
  const pushed = new Map<string, BuiltImage>();
  const errors: string[] = [];
  let pushes = 0;
  let pulls = 0;
  let bytes = 0;
  let serial = 0;
  /** Incompressible bytes (gzip must not shrink the layer to nothing). */
  const noise = (n: number): Buffer => {
    const b = Buffer.alloc(n);
    for (let i = 0; i + 4 <= n; i += 4) b.writeUInt32LE(Math.floor(rand() * 2 ** 32), i);
    return b;
  };
  const warmUntil = Date.now() + Math.min(2000, (o.seconds * 1000) / 4);
  let warmed = false;
  const t0 = Date.now();
  const stopAt = t0 + o.seconds * 1000;

  async function client(id: number): Promise<void> {
    const ecr = make();
    try {
      while (Date.now() < stopAt) {
        if (!warmed && Date.now() >= warmUntil) {
          warmed = true;
          await o.onPhase?.('warm');
        }
        const done = [...pushed.entries()];
        const doPull = done.length > 0 && rand() < 0.5;
        try {
          if (doPull) {
            const [key, image] = done[Math.floor(rand() * done.length)]!;
            const [repo, tag] = key.split(':') as [string, string];
            const got = await pullImage(ecr, repo, { imageTag: tag });
            // A tag can be re-pointed by a later push of the same key only if keys repeat; they do not.
            if (got.manifest !== image.manifest) errors.push(`pull ${key}: manifest differs`);
            for (const b of image.blobs) {
              const g = got.blobs.get(b.digest);
              if (!g?.equals(b.bytes)) errors.push(`pull ${key}: blob ${b.digest} differs`);
              bytes += g?.length ?? 0;
            }
            pulls += 1;
          } else {
            const n = serial++;
            const image =
              rand() < 0.15
                ? popular[n % popular.length]!
                : buildImage([
                    {
                      name: `c${id}-${n}.bin`,
                      content: noise(1024 + Math.floor(rand() * 127 * 1024)),
                    },
                  ]);
            const repo = REPOS[n % REPOS.length]!;
            const tag = `${prefix}c${id}-n${n}`;
            await push(ecr, repo, image, tag);
            pushed.set(`${repo}:${tag}`, image);
            bytes += image.blobs.reduce((s, b) => s + b.bytes.length, 0);
            pushes += 1;
          }
        } catch (err) {
          errors.push(
            `${doPull ? 'pull' : 'push'} by client ${id}: ${(err as Error).name}: ${(err as Error).message}`,
          );
        }
      }
    } finally {
      ecr.destroy();
    }
  }
  await Promise.all(Array.from({ length: o.clients }, (_, i) => client(i)));
  const seconds = (Date.now() - t0) / 1000;
  await o.onPhase?.('end');

  // Afterwards: what is listed is exactly what was pushed, and all of it pulls byte-identical.
  const listed = new Set<string>();
  for (const r of REPOS) {
    let nextToken: string | undefined;
    do {
      const page = await admin.send(
        new ListImagesCommand({ repositoryName: r, nextToken, filter: { tagStatus: 'TAGGED' } }),
      );
      for (const id of page.imageIds ?? [])
        if (id.imageTag?.startsWith(prefix)) listed.add(`${r}:${id.imageTag}`);
      nextToken = page.nextToken;
    } while (nextToken);
  }
  const lost = [...pushed.keys()].filter((k) => !listed.has(k));
  const unexpected = [...listed].filter((k) => !pushed.has(k));
  const mismatched: string[] = [];
  for (const [key, image] of pushed) {
    const [repo, tag] = key.split(':') as [string, string];
    const got = await pullImage(admin, repo, { imageTag: tag }).catch(() => undefined);
    if (
      !got ||
      got.manifest !== image.manifest ||
      image.blobs.some((b) => !got.blobs.get(b.digest)?.equals(b.bytes))
    )
      mismatched.push(key);
  }
  admin.destroy();
  return {
    pushes,
    pulls,
    errors,
    bytes,
    listed: listed.size,
    lost,
    unexpected,
    mismatched,
    seconds,
  };
}
