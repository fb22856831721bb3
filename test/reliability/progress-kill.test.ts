/**
 * The progress file killed mid-write, 12 times (200 with ECR_TUTOR_SOAK=1) at seeded random
 * moments of a tight save loop: after every kill the file is whole and readable, the store opens
 * without a "could not be read" notice, its payload matches its counter (no mix of two saves),
 * the counter never goes backwards, and no temp file is left behind once it is opened again.
 */
import { readdir, readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ProgressStore } from '../../src/engine/progress.js';
import { killHard, prng, spawnTs } from './child.js';
import { SOAK } from './soak.js';

const CHURN = fileURLToPath(new URL('./fixtures/progress-churn.ts', import.meta.url));
const KILLS = SOAK ? 200 : 12;
const ACCOUNT = '123456789012';
const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe(`progress killed mid-write, ${KILLS} times`, () => {
  it(
    'is never corrupt, never mixed, never goes backwards',
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'ecr-tutor-progress-kill-'));
      dirs.push(dir);
      const rand = prng(42);
      let last = 0;
      for (let k = 0; k < KILLS; k++) {
        const child = spawnTs(CHURN, [dir, ACCOUNT]);
        await new Promise<void>((resolve, reject) => {
          child.stdout!.once('data', () => resolve());
          child.once('exit', (code) => reject(new Error(`writer exited early (${code})`)));
        });
        await new Promise((r) => setTimeout(r, Math.floor(rand() * 60)));
        await killHard(child);
        const file = join(dir, 'progress', `sandbox-${ACCOUNT}.json`);
        const data = JSON.parse(await readFile(file, 'utf8')) as {
          lessons: Record<string, { vars: Record<string, string> }>;
        };
        const vars = data.lessons['repository-policy']!.vars;
        const n = Number(vars.n);
        expect(vars.payload).toBe('p'.repeat((n * 7919) % 60_000));
        expect(n).toBeGreaterThanOrEqual(last);
        last = n;
        const store = await ProgressStore.open(dir, {
          kind: 'sandbox',
          region: 'us-east-1',
          accountId: ACCOUNT,
        });
        expect(store.notices).toEqual([]);
        expect(store.lesson('repository-policy').vars.n).toBe(String(n));
        expect((await readdir(join(dir, 'progress'))).filter((f) => f.endsWith('.tmp'))).toEqual(
          [],
        );
      }
      console.log(`progress kill: ${KILLS} kills, ${last} saves survived intact`);
      expect(last).toBeGreaterThan(KILLS);
    },
    SOAK ? 900_000 : 120_000,
  );
});
