/**
 * `--plain` from a script: the built bundle started with child_process.spawn and a pipe for
 * stdin. When the answers run out (or were never there) it must say so and exit, never hang:
 * before, answers that ended while the tutor waited on a watched step ("Enter = wait here
 * until it passes") left it waiting forever. The waits below have no timeout of their own:
 * a hang fails the test by the test's time limit.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { learnerEnv, startOwnSandbox } from '../helpers/own-sandbox.js';
import { launcher } from '../helpers/pty.js';

async function plainWith(
  answers: (accountId: string) => string | undefined,
): Promise<{ code: number | null; out: string }> {
  const home = await mkdtemp(join(tmpdir(), 'ecr-tutor-stdin-'));
  const sb = await startOwnSandbox(home);
  try {
    const child = spawn(process.execPath, [launcher, '--plain'], {
      cwd: home,
      env: learnerEnv(home),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const text = answers(sb.accountId);
    if (text === undefined) child.stdin.end();
    else child.stdin.end(text);
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    return { code, out };
  } finally {
    await sb.stop();
    await rm(home, { recursive: true, force: true });
  }
}

describe('--plain when its input ends', () => {
  it('exits with a clear message when stdin is closed before the first prompt', async () => {
    const { code, out } = await plainWith(() => undefined);
    expect(code).toBe(0);
    expect(out).toContain('== Step 1 of 9: Connect ==');
    expect(out).toMatch(/Input ended: progress saved\..*ecr-tutor\.js --plain/);
  }, 60_000);

  it('exits when the answers end while it waits on a watched step', async () => {
    // connect, the account, step 3, the four answers, then Enter on step 5: wait here
    const { code, out } = await plainWith(
      (account) => ['', account, '', '1', '2', '2', '2', ''].join('\n') + '\n',
    );
    expect(code).toBe(0);
    expect(out).toContain('== Step 5 of 9: Compose the policy ==');
    expect(out).toContain('Waiting: re-checking when you save');
    expect(out).toMatch(/Input ended: progress saved\..*ecr-tutor\.js --plain\n*$/);
  }, 60_000);

  it('exits when the pipe closes part-way through a question', async () => {
    const { code, out } = await plainWith(() => '\n12345');
    expect(code).toBe(0);
    expect(out).toContain('== Step 2 of 9');
    expect(out).toContain('Input ended: progress saved.');
  }, 60_000);
});
