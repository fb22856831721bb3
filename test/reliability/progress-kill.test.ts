/**
 * The progress file killed mid-write, 12 times (200 with ECR_TUTOR_SOAK=1) at seeded random
 * moments of a tight save loop: after every kill the file is whole and readable, the store opens
 * without a "could not be read" notice, its payload matches its counter (no mix of two saves),
 * the counter never goes backwards, and no temp file is left behind once it is opened again.
 */
import fc from 'fast-check';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
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

describe('a progress file damaged on disk (300 corruptions)', () => {
  it('never stops the tutor: a bad file is set aside with a notice, a good one is used', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ecr-tutor-progress-bad-'));
    dirs.push(dir);
    const target = { kind: 'sandbox' as const, region: 'us-east-1', accountId: ACCOUNT };
    const store = await ProgressStore.open(dir, target);
    const l = store.lesson('repository-policy');
    l.vars.accountId = ACCOUNT;
    l.steps.connect = { status: 'passed', attempts: 1, hintsShown: 0 };
    await store.save();
    const file = join(dir, 'progress', `sandbox-${ACCOUNT}.json`);
    const good = await readFile(file, 'utf8');
    const damage = fc.sample(
      fc.oneof(
        fc.nat({ max: good.length - 1 }).map((n) => good.slice(0, n)),
        fc
          .tuple(
            fc.nat({ max: good.length - 1 }),
            fc.string({ minLength: 1, maxLength: 3, unit: 'binary' }),
          )
          .map(([i, c]) => good.slice(0, i) + c + good.slice(i + 1)),
        fc.jsonValue().map((v) => JSON.stringify(v)),
        fc.constantFrom(
          '',
          '\u0000\u0000',
          '{}',
          '[]',
          'null',
          '{"version":1}',
          '{"version":1,"target":{},"lessons":{}}',
          '{"version":1,"target":{"region":"x"},"lessons":{"a":null}}',
          '{"version":99,"target":{"region":"x"},"lessons":{}}',
        ),
      ),
      { numRuns: 300, seed: 3 },
    );
    let setAside = 0;
    for (const text of damage) {
      await writeFile(file, text);
      const opened = await ProgressStore.open(dir, target);
      if (opened.notices.length) {
        setAside += 1;
        expect(opened.notices[0]).toMatch(/could not be read: .* It was kept as .*corrupt-/s);
        expect(opened.lessonIds()).toEqual([]);
      }
      // Whatever was there, the tutor can go on saving.
      opened.lesson('repository-policy').vars.after = 'ok';
      await opened.save();
      expect(JSON.parse(await readFile(file, 'utf8')).lessons['repository-policy'].vars.after).toBe(
        'ok',
      );
      await rm(join(dir, 'progress'), { recursive: true, force: true });
      await mkdir(join(dir, 'progress'), { recursive: true });
    }
    expect(setAside).toBeGreaterThan(200);
  }, 60_000);
});
