/**
 * kill -9 of a sandbox process at random points of a push (8 times; 50 with ECR_TUTOR_SOAK=1).
 * The kill lands just after a seeded, randomly chosen request of the push was handed to the
 * socket, so it hits the server while it writes a part, renames a blob or saves state.json.
 * After every restart: the sandbox loads, every image whose PutImage was answered is pullable
 * and byte-identical, every blob file's content matches its digest (no half-written blob is
 * served), and every layer the state lists has its whole blob.
 */
import {
  CreateRepositoryCommand,
  ECRClient,
  GetDownloadUrlForLayerCommand,
} from '@aws-sdk/client-ecr';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildImage, type BuiltImage } from '../../src/sandbox/image.js';
import { pullImage, pushImage } from '../helpers/sandbox.js';
import { killHard, prng, startChildSandbox, type ChildSandbox } from './child.js';
import { SOAK } from './soak.js';

const ROUNDS = SOAK ? 50 : 8;
const REPO = 'kill-test';
const dirs: string[] = [];
let current: ChildSandbox | undefined;

afterAll(async () => {
  if (current) await killHard(current.child);
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

function randomBytes(rand: () => number, n: number): Buffer {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i += 4) b.writeUInt32LE(Math.floor(rand() * 2 ** 32), Math.min(i, n - 4));
  return b;
}

/** A client that calls `onSend(n)` as the n-th request leaves (counting from 1). */
function countingClient(sb: ChildSandbox, onSend: (n: number) => void): ECRClient {
  const ecr = new ECRClient({
    endpoint: sb.endpoint,
    region: 'us-east-1',
    credentials: sb.credentials,
    maxAttempts: 1,
  });
  let n = 0;
  ecr.middlewareStack.add(
    (next) => async (args) => {
      n += 1;
      const sent = next(args);
      onSend(n);
      return sent;
    },
    { step: 'finalizeRequest', name: 'countRequests' },
  );
  return ecr;
}

function sha256Hex(b: Buffer): string {
  return createHash('sha256').update(b).digest('hex');
}

/** Checks the blob folder and state.json agree and hold no torn writes. */
async function checkStore(stateDir: string): Promise<number> {
  const blobDir = join(stateDir, 'blobs', 'sha256');
  const files = await readdir(blobDir);
  expect(files.filter((f) => f.includes('.tmp'))).toEqual([]);
  for (const f of files) expect(sha256Hex(await readFile(join(blobDir, f))), `blob ${f}`).toBe(f);
  const state = JSON.parse(await readFile(join(stateDir, 'state.json'), 'utf8')) as {
    accounts: Record<string, { repositories: Record<string, { layers: Record<string, number> }> }>;
  };
  let layers = 0;
  for (const account of Object.values(state.accounts)) {
    for (const repo of Object.values(account.repositories)) {
      for (const [digest, size] of Object.entries(repo.layers)) {
        layers += 1;
        expect(
          (await stat(join(blobDir, digest.slice('sha256:'.length)))).size,
          `layer ${digest}`,
        ).toBe(size);
      }
    }
  }
  return layers;
}

describe(`kill -9 during a push, ${ROUNDS} times`, () => {
  it(
    'restarts every time with every completed image intact and no torn blob',
    async () => {
      const stateDir = await mkdtemp(join(tmpdir(), 'ecr-tutor-kill-'));
      dirs.push(stateDir);
      const rand = prng(0xdead);
      /** tag -> what was pushed, for every image whose PutImage was answered */
      const completed = new Map<string, BuiltImage>();
      let kills = 0;
      let killedDuringPutOrComplete = 0;
      current = await startChildSandbox(stateDir);
      {
        const admin = countingClient(current, () => undefined);
        await admin.send(new CreateRepositoryCommand({ repositoryName: REPO }));
        admin.destroy();
      }
      for (let round = 0; round < ROUNDS; round++) {
        const sb = current;
        // Three images per round: small, one with a two-part 5 MiB+ layer, small.
        const images = [0, 1, 2].map((i) =>
          buildImage([
            {
              name: `r${round}-${i}.bin`,
              content:
                i === 1 ? randomBytes(rand, 5 * 1024 * 1024 + 300_000) : randomBytes(rand, 2000),
            },
          ]),
        );
        const killAt = 1 + Math.floor(rand() * 26); // anywhere in the ~26 requests of the round
        const delayMs = Math.floor(rand() * 4);
        let killed: Promise<void> | undefined;
        const ops: string[] = [];
        const ecr = countingClient(sb, (n) => {
          if (n === killAt && !killed)
            killed = new Promise((r) => setTimeout(r, delayMs)).then(() => killHard(sb.child));
        });
        ecr.middlewareStack.add(
          (next, context) => async (args) => {
            ops.push(context.commandName ?? '?');
            return next(args);
          },
          { step: 'initialize', name: 'recordOps' },
        );
        let inFlight: { tag: string; image: BuiltImage } | undefined;
        try {
          for (const [i, image] of images.entries()) {
            const tag = `r${round}-${i}`;
            inFlight = { tag, image };
            await pushImage(ecr, REPO, image, { tag, partSize: 5 * 1024 * 1024 });
            completed.set(tag, image);
            inFlight = undefined;
          }
        } catch {
          // The kill cut the push short: expected.
        }
        ecr.destroy();
        if (!killed) killed = killHard(sb.child);
        await killed;
        kills += 1;
        const last = ops.at(-1);
        if (last === 'PutImageCommand' || last === 'CompleteLayerUploadCommand')
          killedDuringPutOrComplete += 1;

        current = await startChildSandbox(stateDir); // must load whatever the kill left
        const reader = countingClient(current, () => undefined);
        // An image whose PutImage reached disk but whose answer was lost counts as completed.
        if (inFlight) {
          const got = await pullImage(reader, REPO, { imageTag: inFlight.tag }).catch(
            () => undefined,
          );
          if (got) completed.set(inFlight.tag, inFlight.image);
          // Its layers are either absent or whole: never a prefix.
          for (const blob of inFlight.image.blobs) {
            const url = await reader
              .send(
                new GetDownloadUrlForLayerCommand({
                  repositoryName: REPO,
                  layerDigest: blob.digest,
                }),
              )
              .catch(() => undefined);
            if (!url?.downloadUrl) continue;
            const res = await fetch(url.downloadUrl);
            if (res.ok) expect(Buffer.from(await res.arrayBuffer()).equals(blob.bytes)).toBe(true);
          }
        }
        for (const [tag, image] of completed) {
          const got = await pullImage(reader, REPO, { imageTag: tag });
          expect(got.manifest, tag).toBe(image.manifest);
          for (const blob of image.blobs)
            expect(got.blobs.get(blob.digest)?.equals(blob.bytes), `${tag} ${blob.digest}`).toBe(
              true,
            );
        }
        reader.destroy();
        await checkStore(stateDir);
      }
      console.log(
        `kill -9 during push: ${kills} kills (${killedDuringPutOrComplete} right after CompleteLayerUpload/PutImage left), ${completed.size} completed images verified byte-identical after each restart`,
      );
      expect(kills).toBe(ROUNDS);
      expect(completed.size).toBeGreaterThan(0);
    },
    SOAK ? 900_000 : 240_000,
  );
});
