/**
 * The same scripted lesson through both front-ends as they ship (the built bundle): the TUI in
 * a real pty, keys pressed as a learner would, and `--plain` with its answers piped in. Each
 * runs against a sandbox of its own on port 0. Both must visit the same steps and leave the
 * same saved progress (the files compared whole, with what differs by nature normalised:
 * times, the random account, the port, the home folder, the push test's tag and digests).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { learnerEnv, startOwnSandbox, type OwnSandbox } from '../helpers/own-sandbox.js';
import { launcher, spawnTutor } from '../helpers/pty.js';

/** The one progress file a run leaves, normalised to what both front-ends must agree on. */
async function savedProgress(home: string, sb: OwnSandbox): Promise<unknown> {
  const dir = join(home, 'state', 'progress');
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json'));
  expect(files).toHaveLength(1);
  const text = (await readFile(join(dir, files[0]!), 'utf8'))
    .replaceAll(sb.accountId, 'ACCOUNT')
    .replaceAll(sb.endpoint, 'ENDPOINT')
    .replaceAll(new URL(sb.endpoint).host, 'HOST')
    .replaceAll(home, 'HOME')
    .replace(/ecr-tutor-check-[0-9a-f]{8}/g, 'TAG')
    .replace(/sha256:[0-9a-f]+…?/g, 'DIGEST');
  const drop = new Set([
    'at',
    'startedAt',
    'updatedAt',
    'completedAt',
    'failingSince',
    'staleSince',
    'evidence',
  ]);
  const walk = (x: unknown): unknown =>
    Array.isArray(x)
      ? x.map(walk)
      : x && typeof x === 'object'
        ? Object.fromEntries(
            Object.entries(x)
              .filter(([k]) => !drop.has(k))
              .map(([k, v]) => [k, walk(v)]),
          )
        : x;
  return walk(JSON.parse(text));
}

async function withHome<T>(work: (home: string, sb: OwnSandbox) => Promise<T>): Promise<T> {
  const home = await mkdtemp(join(tmpdir(), 'ecr-tutor-both-'));
  const sb = await startOwnSandbox(home);
  try {
    return await work(home, sb);
  } finally {
    await sb.stop();
    await rm(home, { recursive: true, force: true });
  }
}

/** `--plain` with every answer piped in at once; resolves with the transcript once it exits. */
function runPlain(home: string, answers: string[]): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, [launcher, '--plain'], {
    cwd: home,
    env: learnerEnv(home),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  child.stdin.end(answers.join('\n') + '\n');
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, out })));
}

describe('the same lesson through the TUI and through --plain', () => {
  it('visits the same steps and saves the same progress', async () => {
    const plain = await withHome(async (home, sb) => {
      const answers = [
        '', // 1: checked on arrival; Enter goes on
        sb.accountId, // 2
        '', // 3: checked on arrival
        '1', // 4: the four questions
        '2',
        '2',
        '2',
        's', // 5: skip, confirmed
        'y',
        's', // 6
        'y',
        's', // 7: the tutor pushes as the CI user
        'y',
        '3', // 8: the question about the trace
        's', // 9: the optional clean-up
        'y',
      ];
      const { code, out } = await runPlain(home, answers);
      expect(code, out).toBe(0);
      expect(out).toContain('Lesson complete: 5.1 Repository access policy.');
      const steps = [...out.matchAll(/== Step (\d) of 9/g)].map((m) => Number(m[1]));
      return { steps, progress: await savedProgress(home, sb) };
    });

    const tui = await withHome(async (home, sb) => {
      const t = await spawnTutor([], { cols: 100, rows: 30, cwd: home });
      const steps: number[] = [];
      const at = async (n: number): Promise<void> => {
        await t.waitFor(`step ${n}/9`);
        steps.push(n);
      };
      const skip = async (): Promise<void> => {
        t.press('s');
        await t.waitFor('Skip this step?');
        t.press('y');
        await t.waitFor('↷ Skipped: the solution was applied', 30_000);
        t.press('enter');
      };
      try {
        await at(1);
        await t.waitFor('✔ Passed: Connected to the sandbox');
        t.press('enter');
        await at(2);
        t.write(sb.accountId); // typed in one chunk, as a paste
        t.press('enter');
        await t.waitFor(`✔ Passed: Right: you are in account ${sb.accountId}.`);
        t.press('enter');
        await at(3);
        await t.waitFor('✔ Passed: Found the repository');
        t.press('enter');
        await at(4);
        await t.waitFor('questions below the text');
        t.press('enter');
        await t.waitFor('Q1. ');
        t.press('1');
        await t.waitFor('Q2. ');
        t.press('2');
        await t.waitFor('Q3. ');
        t.press('2');
        await t.waitFor('Q4. ');
        t.press('2');
        await t.waitFor('✔ Passed: All 4 answers are right.');
        t.press('enter');
        await at(5);
        await skip();
        await at(6);
        await skip();
        await at(7);
        await skip();
        await at(8);
        await t.waitFor('Q1. What would partner-developer');
        t.press('3');
        await t.waitFor('✔ Passed: fcj-ecr-ci-cd-user is allowed');
        t.press('enter');
        await at(9);
        t.press('s');
        await t.waitFor('Skip this step?');
        t.press('y');
        await t.waitFor('Lesson complete: every step is done.', 30_000);
        t.press('q');
        expect((await t.waitForExit()).exitCode).toBe(0);
      } finally {
        await t.kill();
      }
      return { steps, progress: await savedProgress(home, sb) };
    });

    expect(plain.steps).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(tui.steps).toEqual(plain.steps);
    expect(tui.progress).toEqual(plain.progress);
    // what both agree on, spelled out: how each step was done
    const lesson = (
      plain.progress as { lessons: Record<string, { steps: Record<string, { status: string }> }> }
    ).lessons['repository-policy']!;
    expect(Object.values(lesson.steps).map((s) => s.status)).toEqual([
      'passed',
      'passed',
      'passed',
      'passed',
      'skipped',
      'skipped',
      'skipped',
      'passed',
      'skipped',
    ]);
  }, 180_000);
});
