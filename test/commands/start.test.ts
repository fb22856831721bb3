/**
 * `ecr-tutor` picks a front-end the terminal can carry, and with no terminal it explains what
 * to do instead of crashing with Ink's "Raw mode is not supported".
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseFrontEnd, runStart, NO_TERMINAL_MESSAGE } from '../../src/commands/start.js';
import { memoryIo } from '../../src/io.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
let home: string;

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'ecr-tutor-start-'));
});
afterAll(async () => {
  await rm(home, { recursive: true, force: true });
});

/** Runs the CLI from source in a child process with piped stdio (no TTY anywhere). */
function runCli(args: string[], stdin: string, env: NodeJS.ProcessEnv = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        join(root, 'node_modules/tsx/dist/esm/index.mjs'),
        '-e',
        `const m = await import(${JSON.stringify(join(root, 'src/cli.ts'))}); process.exitCode = await m.main(process.argv.slice(1));`,
        '--',
        ...args,
      ],
      {
        cwd: home,
        env: {
          ...process.env,
          TSX_TSCONFIG_PATH: join(root, 'tsconfig.json'),
          ECR_TUTOR_HOME: home,
          FORCE_COLOR: '0',
          ...env,
        },
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe('choosing the front-end', () => {
  const tty = { stdinIsTTY: true, stdoutIsTTY: true, rawMode: true, term: 'xterm-256color' };
  it('uses the TUI only on a raw-mode terminal on both sides', () => {
    expect(chooseFrontEnd(tty, false)).toBe('tui');
    expect(chooseFrontEnd({ ...tty, rawMode: false }, false)).toBe('plain');
    expect(chooseFrontEnd({ ...tty, stdinIsTTY: false }, false)).toBe('plain');
    expect(chooseFrontEnd({ ...tty, stdoutIsTTY: false }, false)).toBe('plain');
    expect(chooseFrontEnd({ ...tty, term: 'dumb' }, false)).toBe('plain');
  });
  it('honours --plain, and has nothing to offer without any terminal unless asked', () => {
    expect(chooseFrontEnd(tty, true)).toBe('plain');
    expect(chooseFrontEnd({ stdinIsTTY: false, stdoutIsTTY: false, rawMode: false }, false)).toBe(
      'none',
    );
    expect(chooseFrontEnd({ stdinIsTTY: false, stdoutIsTTY: false, rawMode: false }, true)).toBe(
      'plain',
    );
  });
});

describe('ecr-tutor without a terminal', () => {
  it('prints what to do instead and exits 2 (in process)', async () => {
    const io = memoryIo();
    const stdin = Object.assign(new PassThrough(), {
      isTTY: false,
    }) as unknown as NodeJS.ReadStream;
    const stdout = Object.assign(new PassThrough(), {
      isTTY: false,
    }) as unknown as NodeJS.WriteStream;
    const code = await runStart(io, { target: {}, plain: false }, { stdin, stdout, env: {} });
    expect(code).toBe(2);
    expect(io.stderr()).toBe(NO_TERMINAL_MESSAGE);
  });

  it('does not crash when started with stdin and stdout piped (child process)', async () => {
    const r = await runCli([], '');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the interactive tutor needs a terminal');
    expect(r.stderr).toContain('ecr-tutor --plain');
    expect(r.stderr).toContain('ecr-tutor check');
    expect(r.stderr).not.toMatch(/Raw mode|at .*\.js:\d+/);
  });

  it('--plain runs the lesson from piped answers on its own sandbox, and saves progress', async () => {
    const r = await runCli(['--plain'], '\nq\n');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Connecting to the sandbox (local AWS)');
    expect(r.stdout).toContain('== Step 1 of 9: Connect ==');
    expect(r.stdout).toMatch(/PASSED: Connected to the sandbox at http:\/\/127\.0\.0\.1:\d+/);
    expect(r.stdout).toContain('== Step 2 of 9: Find your account ID ==');
    expect(r.stdout).toContain('Progress saved.');
    // the second run resumes at step 2: progress was written under ECR_TUTOR_HOME
    const again = await runCli(['--plain'], 'q\n');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('== Step 2 of 9: Find your account ID ==');
    expect(again.stdout).not.toContain('== Step 1 of 9');
  });
});

/** Whether util-linux `script` (a pseudo-terminal for a command) is available. */
function hasScript(): boolean {
  try {
    return spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
  } catch {
    return false;
  }
}

describe.skipIf(!hasScript())('ecr-tutor in a pseudo-terminal', () => {
  it('draws the lesson at 80x24, and Ctrl-C quits cleanly with progress saved and the cursor restored', async () => {
    const cmd =
      `stty cols 80 rows 24; exec ${JSON.stringify(process.execPath)} --import ${join(root, 'node_modules/tsx/dist/esm/index.mjs')} ` +
      `-e ${JSON.stringify(`const m = await import(${JSON.stringify(join(root, 'src/cli.ts'))}); process.exitCode = await m.main([]);`)}`;
    const child = spawn('script', ['-qfec', cmd, '/dev/null'], {
      cwd: home,
      env: {
        ...process.env,
        TSX_TSCONFIG_PATH: join(root, 'tsconfig.json'),
        ECR_TUTOR_HOME: home,
        TERM: 'xterm-256color',
        FORCE_COLOR: '0',
        // A person at a terminal whose shell exports CI=true still gets live frames (Ink
        // otherwise draws only the last frame when it believes it runs in CI).
        CI: 'true',
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let errOut = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (errOut += d.toString()));
    // Generous: this runs the TypeScript sources through tsx, which is slow on a loaded machine.
    const until = Date.now() + 60_000;
    while (!out.includes('Enter') || !out.includes('quit')) {
      if (Date.now() > until) {
        child.kill('SIGKILL');
        throw new Error(`no lesson frame; output so far:\n${out}\nstderr:\n${errOut}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(out).toContain('ECR tutor · 5.1 Repository access policy');
    expect(out).toMatch(/Steps .*\[○\]/);
    expect(out).not.toContain('Raw mode is not supported');
    child.stdin.write('\u0003');
    const code = await new Promise<number | null>((res) => child.on('close', res));
    expect(code).toBe(0);
    expect(out).toContain('Progress saved:');
    // Ink shows the cursor again on the way out
    expect(out).toContain('\u001b[?25h');
  }, 90_000);
});
