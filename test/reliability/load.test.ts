/**
 * Load: 16 concurrent clients push and pull against one sandbox process for 8 seconds (30 with
 * ECR_TUTOR_SOAK=1). No request may fail, no write may be lost (every image listed afterwards
 * was pushed, every pushed image is listed, and each pulls byte-identical), and the sandbox's
 * resident memory must stay flat: its growth from the end of the warm-up to the end of the run
 * is reported and bounded (a leak of every request's body would blow the bound many times over).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
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
