/**
 * kill -9 during `sandbox reset` (8 times; 40 with ECR_TUTOR_SOAK=1): a learner's Ctrl-C or a
 * crash in the middle of a reset must leave either the old state or the fresh workshop state,
 * and in both cases every image the state lists must have all of its blobs on disk (an image
 * listed but not pullable would be a half-reset sandbox).
 */
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { TutorError } from '../../src/errors.js';
import { buildImage } from '../../src/sandbox/image.js';
import { resetSandboxState, startSandbox } from '../../src/sandbox/index.js';
import { pushImage, startTestSandbox } from '../helpers/sandbox.js';
import { killHard, prng, spawnTs } from './child.js';
import { SOAK } from './soak.js';

const RESET_CHILD = fileURLToPath(new URL('./fixtures/reset-child.ts', import.meta.url));
const KILLS = SOAK ? 40 : 8;
const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

interface StateDoc {
  accounts: Record<
    string,
    {
      repositories: Record<
        string,
        { images: Record<string, { blobDigests: string[] }>; layers: Record<string, number> }
      >;
    }
  >;
}

/** Images whose blobs are not all on disk, as "repo@digest: missing blob". */
async function brokenImages(stateDir: string): Promise<string[]> {
  const state = JSON.parse(await readFile(join(stateDir, 'state.json'), 'utf8')) as StateDoc;
  const out: string[] = [];
  for (const account of Object.values(state.accounts)) {
    for (const [name, repo] of Object.entries(account.repositories)) {
      for (const [digest, image] of Object.entries(repo.images)) {
        for (const b of image.blobDigests) {
          const size = await stat(
            join(stateDir, 'blobs', 'sha256', b.slice('sha256:'.length)),
          ).then(
            (s) => s.size,
            () => undefined,
          );
          if (size === undefined || size !== repo.layers[b])
            out.push(
              `${name}@${digest.slice(7, 19)}: blob ${b.slice(7, 19)} ${size === undefined ? 'missing' : 'wrong size'}`,
            );
        }
      }
    }
  }
  return out;
}

describe(`kill -9 during sandbox reset, ${KILLS} times`, () => {
  it(
    'always leaves a state whose every image has all its blobs',
    async () => {
      const rand = prng(7);
      const problems: string[] = [];
      for (let k = 0; k < KILLS; k++) {
        const dir = await mkdtemp(join(tmpdir(), 'ecr-tutor-kill-reset-'));
        dirs.push(dir);
        // A lab in progress: a few pushed images beside the seed one.
        const sb = await startTestSandbox({ stateDir: dir });
        const ecr = sb.ecr();
        for (let i = 0; i < 6; i++) {
          await pushImage(
            ecr,
            'fcj-workshop-app',
            buildImage([{ name: `f${i}`, content: Buffer.alloc(200_000 + i, i) }]),
            { tag: `t${i}` },
          );
        }
        await sb.cleanup();
        const child = spawnTs(RESET_CHILD, [dir]);
        await new Promise<void>((resolve, reject) => {
          child.stdout!.once('data', () => resolve());
          child.once('exit', (code) => reject(new Error(`reset child exited early (${code})`)));
        });
        await new Promise((r) => setTimeout(r, Math.floor(rand() * 25)));
        await killHard(child);
        const broken = await brokenImages(dir);
        if (broken.length) problems.push(`kill ${k}: ${broken.join('; ')}`);
      }
      expect(problems).toEqual([]);
    },
    SOAK ? 600_000 : 120_000,
  );
});

describe('a damaged sandbox state file (60 truncations and edits)', () => {
  it('is refused with what to do, never a crash, and `sandbox reset` recovers', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ecr-tutor-bad-state-'));
    dirs.push(dir);
    const sb = await startTestSandbox({ stateDir: dir });
    await sb.cleanup();
    const file = join(dir, 'state.json');
    const good = await readFile(file, 'utf8');
    const rand = prng(11);
    for (let k = 0; k < 60; k++) {
      const cut = Math.floor(rand() * good.length);
      const text =
        k % 3 === 0
          ? good.slice(0, cut)
          : k % 3 === 1
            ? good.slice(0, cut) + '\u0000' + good.slice(cut + 1)
            : '{"version":1,"accounts":{}}';
      await writeFile(file, text);
      const started = await startSandbox({ stateDir: dir, port: 0 }).catch((err: unknown) => err);
      if (started instanceof TutorError) {
        expect(started.message).toMatch(/sandbox state file .*state\.json/);
        expect(started.tryMessage).toMatch(/ecr-tutor sandbox reset/);
      } else if (started instanceof Error) {
        throw new Error(`a damaged state.json gave a raw error: ${started.message}`);
      } else {
        await (started as Awaited<ReturnType<typeof startSandbox>>).stop();
      }
    }
    await resetSandboxState(dir);
    const back = await startSandbox({ stateDir: dir, port: 0 });
    expect(back.accountId).toMatch(/^\d{12}$/);
    await back.stop();
  }, 60_000);
});
