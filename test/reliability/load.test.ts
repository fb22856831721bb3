/**
 * Load: 16 concurrent clients push and pull against one sandbox process for 8 seconds (30 with
 * ECR_TUTOR_SOAK=1). No request may fail, no write may be lost (every image listed afterwards
 * was pushed, every pushed image is listed, and each pulls byte-identical), and the sandbox's
 * resident memory must stay flat: its growth from the end of the warm-up to the end of the run
 * is reported and bounded (a leak of every request's body would blow the bound many times over).
 */
import {
  CompleteLayerUploadCommand,
  InitiateLayerUploadCommand,
  UploadLayerPartCommand,
} from '@aws-sdk/client-ecr';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestSandbox } from '../helpers/sandbox.js';
import { killHard, startChildSandbox, type ChildSandbox } from './child.js';
import { runLoad } from './load-run.js';
import { SOAK } from './soak.js';

const SECONDS = SOAK ? 30 : 8;
let child: ChildSandbox | undefined;
let dir: string | undefined;
afterAll(async () => {
  if (child) await killHard(child.child);
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Resident memory of a process in MiB (Linux /proc). */
async function rssMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]) / 1024;
}

describe(`the sandbox under 16 clients for ${SECONDS} s`, () => {
  it(
    'serves every push and pull, loses nothing, and keeps its memory flat',
    async () => {
      dir = await mkdtemp(join(tmpdir(), 'ecr-tutor-load-'));
      child = await startChildSandbox(dir);
      const pid = child.child.pid!;
      const rss: Record<string, number> = { start: await rssMiB(pid) };
      const r = await runLoad({
        endpoint: child.endpoint,
        credentials: child.credentials,
        clients: 16,
        seconds: SECONDS,
        onPhase: async (phase) => {
          rss[phase] = await rssMiB(pid);
        },
      });
      console.log(
        `load: ${r.pushes} pushes + ${r.pulls} pulls in ${r.seconds.toFixed(1)} s by 16 clients ` +
          `(${((r.pushes + r.pulls) / r.seconds).toFixed(0)} images/s, ${(r.bytes / r.seconds / 1048576).toFixed(1)} MiB/s); ` +
          `${r.listed} images listed; sandbox RSS start ${rss.start!.toFixed(0)} MiB, after warm-up ${rss.warm!.toFixed(0)} MiB, end ${rss.end!.toFixed(0)} MiB`,
      );
      expect(r.errors.slice(0, 5)).toEqual([]);
      expect(r.pushes).toBeGreaterThan(16);
      expect(r.pulls).toBeGreaterThan(16);
      expect(r.lost).toEqual([]);
      expect(r.unexpected).toEqual([]);
      expect(r.mismatched).toEqual([]);
      expect(rss.end! - rss.warm!).toBeLessThan(SOAK ? 100 : 150);
    },
    SOAK ? 300_000 : 120_000,
  );
});

describe('parts of one upload racing each other', () => {
  it('accepts each byte range once, refuses the racers with lastValidByteReceived, and stores the exact layer', async () => {
    const tsb = await startTestSandbox();
    try {
      const ecr = tsb.ecr();
      const repositoryName = 'fcj-workshop-app';
      const results = await Promise.all(
        [0, 1, 2, 3, 4, 5].map(async (i) => {
          const bytes = Buffer.alloc(5 * 1024 * 1024 + 1000 + i);
          for (let k = 0; k < bytes.length; k += 4093) bytes[k] = (k * 31 + i) & 0xff;
          const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
          const { uploadId } = await ecr.send(new InitiateLayerUploadCommand({ repositoryName }));
          const cut = 5 * 1024 * 1024;
          const part = (first: number, last: number) =>
            ecr
              .send(
                new UploadLayerPartCommand({
                  repositoryName,
                  uploadId,
                  partFirstByte: first,
                  partLastByte: last,
                  layerPartBlob: bytes.subarray(first, last + 1),
                }),
              )
              .then(
                () => 'ok',
                (err: Error & { lastValidByteReceived?: number }) =>
                  `${err.name}@${err.lastValidByteReceived}`,
              );
          // The same first part twice and the second part, all at once.
          const raced = await Promise.all([
            part(0, cut - 1),
            part(0, cut - 1),
            part(cut, bytes.length - 1),
          ]);
          // A client then resumes from what the server says it has, as the SDK docs describe.
          for (let tries = 0; tries < 3; tries++) {
            const r = await part(cut, bytes.length - 1);
            if (r === 'ok') break;
          }
          const done = await ecr.send(
            new CompleteLayerUploadCommand({ repositoryName, uploadId, layerDigests: [digest] }),
          );
          return { raced, digest, done: done.layerDigest, bytes };
        }),
      );
      for (const r of results) {
        expect(r.raced.filter((x) => x === 'ok').length, r.raced.join(' ')).toBeGreaterThanOrEqual(
          1,
        );
        // Each refused racer is told where the upload really stands: nothing yet, or the first part.
        const told = new Set([
          'InvalidLayerPartException@-1',
          `InvalidLayerPartException@${5 * 1024 * 1024 - 1}`,
        ]);
        expect(
          r.raced.filter((x) => x !== 'ok').every((x) => told.has(x)),
          r.raced.join(' '),
        ).toBe(true);
        expect(r.done).toBe(r.digest);
        const stored = await readFile(join(tsb.stateDir, 'blobs', 'sha256', r.digest.slice(7)));
        expect(stored.equals(r.bytes)).toBe(true);
      }
    } finally {
      await tsb.cleanup();
    }
  }, 120_000);
});
