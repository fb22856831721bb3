import { spawn } from 'node:child_process';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ProgressStore, progressDir } from '../../src/engine/progress.js';
import { tempDir } from './helpers.js';

const writer = fileURLToPath(new URL('./fixtures/progress-writer.ts', import.meta.url));

/** Starts the writer, waits for its first save, lets it run `ms` more, then SIGKILLs it. */
function runAndKill(dir: string, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', writer, dir], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout.once('data', () => setTimeout(() => child.kill('SIGKILL'), ms));
    child.on('exit', (_code, signal) =>
      signal === 'SIGKILL'
        ? resolve()
        : reject(new Error(`writer exited without being killed (${signal})`)),
    );
    child.on('error', reject);
  });
}

describe('progress under a kill', () => {
  it('is always a whole, readable file after SIGKILL mid-write', async () => {
    const dir = await tempDir();
    for (const ms of [5, 40, 120]) {
      await runAndKill(dir, ms);
      const files = (await readdir(progressDir(dir))).filter((f) => f.endsWith('.json'));
      expect(files).toEqual(['sandbox-123456789012.json']);
      const data = JSON.parse(await readFile(join(progressDir(dir), files[0]!), 'utf8'));
      expect(Number(data.lessons.demo.vars.n)).toBeGreaterThanOrEqual(0);
      const store = await ProgressStore.open(dir, {
        kind: 'sandbox',
        region: 'us-east-1',
        accountId: '123456789012',
      });
      expect(store.notices).toEqual([]);
      expect(store.lesson('demo').vars.padding).toBe(
        'x'.repeat((Number(data.lessons.demo.vars.n) % 7) * 500),
      );
    }
  }, 60_000);
});
