/**
 * Real-terminal test helper: runs the bundle that ships (`node bin/ecr-tutor.js`, built by
 * test/global-setup.ts) in a real pseudo-terminal (@lydell/node-pty) and keeps what a person
 * would see in a headless xterm (@xterm/headless), so tests read whole screens, not fragments
 * of the byte stream. Waits are for a change on screen, never a fixed sleep.
 *
 *   const t = await spawnTutor(['--lessons', dir], { cols: 80, rows: 24 });
 *   await t.waitFor('step 1/9');
 *   t.press('enter');                 // one key, one write
 *   t.write('\u001b[B\r');            // keys arriving in one chunk
 *   expect(await t.waitFor(/✔/)).toMatchInlineSnapshot();
 *   await t.kill();
 */
import { spawn, type IPty } from '@lydell/node-pty';
import xtermHeadless from '@xterm/headless';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const { Terminal } = xtermHeadless;
type HeadlessTerminal = InstanceType<typeof Terminal>;

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const launcher = join(root, 'bin/ecr-tutor.js');

/** Key names a test may press, as the bytes a terminal sends for them. */
export const KEYS = {
  enter: '\r',
  tab: '\t',
  backspace: '\u007f',
  esc: '\u001b',
  up: '\u001b[A',
  down: '\u001b[B',
  right: '\u001b[C',
  left: '\u001b[D',
  home: '\u001b[H',
  end: '\u001b[F',
  pgup: '\u001b[5~',
  pgdn: '\u001b[6~',
  'ctrl-c': '\u0003',
  'ctrl-d': '\u0004',
} as const;
export type KeyName = keyof typeof KEYS;

export interface SpawnOptions {
  cols?: number;
  rows?: number;
  /** added to (and overriding) the minimal environment below */
  env?: Record<string, string | undefined>;
  /** working folder (default: a fresh temporary folder, also used as HOME and ECR_TUTOR_HOME) */
  cwd?: string;
  /** ECR_TUTOR_HOME and HOME (default: the working folder) */
  home?: string;
}

export interface Exit {
  exitCode: number;
  signal?: number;
}

export interface PtySession {
  /** the visible screen: `rows` lines, trailing spaces trimmed */
  screen(): string;
  /** everything the program wrote, raw (escape sequences included) */
  output(): string;
  /**
   * every row the terminal holds, scrollback first, trailing spaces trimmed; `wrapped` marks a
   * row the terminal itself continued from the row above (the line was wider than the screen)
   */
  history(): Array<{ text: string; wrapped: boolean }>;
  /** bytes as typed: a string sent in one write arrives as one chunk */
  write(data: string): void;
  /** keys, one write per key: a name from KEYS ('enter', 'down', 'ctrl-c', …) or literal text ('q') */
  press(...keys: (KeyName | (string & {}))[]): void;
  /** resolves with the screen once it contains `text` / matches / satisfies the predicate */
  waitFor(
    what: string | RegExp | ((screen: string) => boolean),
    timeoutMs?: number,
  ): Promise<string>;
  /** resolves with the screen once it differs from `previous` (default: the screen now) */
  waitForChange(previous?: string, timeoutMs?: number): Promise<string>;
  /** resolves once the program has exited */
  waitForExit(timeoutMs?: number): Promise<Exit>;
  resize(cols: number, rows: number): void;
  /** ends the program (SIGKILL if it does not go on SIGTERM) and removes the temporary folder */
  kill(): Promise<void>;
  /** undefined while running */
  exit(): Exit | undefined;
  readonly cwd: string;
  readonly home: string;
}

const DEFAULT_TIMEOUT_MS = 20_000;

/** Starts `node bin/ecr-tutor.js ARGS` in a pty of the given size (default 80x24). */
export function spawnTutor(args: string[], opts: SpawnOptions = {}): Promise<PtySession> {
  return spawnNode([launcher, ...args], opts);
}

/**
 * Starts `node ARGS` in a pty as spawnTutor does: the same terminal, environment and screen, so
 * a baseline (bench/tui.bench.ts: `node -e` printing a line) is measured like the tutor.
 */
export async function spawnNode(args: string[], opts: SpawnOptions = {}): Promise<PtySession> {
  const cols = opts.cols ?? 80;
  const rows = opts.rows ?? 24;
  const made = opts.cwd ? undefined : await mkdtemp(join(tmpdir(), 'ecr-tutor-pty-'));
  const cwd = opts.cwd ?? made!;
  const home = opts.home ?? cwd;
  const env: Record<string, string> = {};
  const base: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: home,
    ECR_TUTOR_HOME: home,
    TERM: 'xterm-256color',
    LANG: 'C.UTF-8',
    // a learner's machine has no AWS config here; neither may the runner's leak in
    AWS_CONFIG_FILE: '/nonexistent',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    // as in CI: the tutor must draw live frames even when CI is set
    CI: process.env.CI,
    ...opts.env,
  };
  for (const [k, v] of Object.entries(base)) if (v !== undefined) env[k] = v;

  const term: HeadlessTerminal = new Terminal({ cols, rows, allowProposedApi: true });
  const child: IPty = spawn(process.execPath, args, {
    name: env.TERM ?? 'xterm-256color',
    cols,
    rows,
    cwd,
    env,
  });

  let raw = '';
  let exited: Exit | undefined;
  const listeners = new Set<() => void>();
  const notify = (): void => {
    for (const l of [...listeners]) l();
  };
  child.onData((data) => {
    raw += data;
    term.write(data, notify);
  });
  // the terminal answers the program's queries (cursor position, device attributes) as xterm does
  term.onData((reply) => {
    if (!exited) child.write(reply);
  });
  const exitPromise = new Promise<Exit>((resolve) => {
    child.onExit(({ exitCode, signal }) => {
      // let the last bytes reach the screen first
      term.write('', () => {
        exited = { exitCode, ...(signal ? { signal } : {}) };
        resolve(exited);
        notify();
      });
    });
  });

  function screen(): string {
    const buf = term.buffer.active;
    const lines: string[] = [];
    for (let y = 0; y < term.rows; y++) {
      // trailing blanks trimmed whether the program erased or wrote them (a wrap may leave one)
      lines.push((buf.getLine(buf.viewportY + y)?.translateToString(true) ?? '').trimEnd());
    }
    return lines.join('\n');
  }

  function waitFor(
    what: string | RegExp | ((s: string) => boolean),
    timeoutMs = DEFAULT_TIMEOUT_MS,
  ): Promise<string> {
    const test =
      typeof what === 'string'
        ? (s: string) => s.includes(what)
        : what instanceof RegExp
          ? (s: string) => what.test(s)
          : what;
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const s = screen();
        if (test(s)) {
          done();
          resolve(s);
        } else if (exited) {
          done();
          reject(
            new Error(
              `the program exited (${JSON.stringify(exited)}) before the screen showed ${String(what)}:\n${s}`,
            ),
          );
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(
          new Error(
            `timed out after ${timeoutMs} ms waiting for ${String(what)}; the screen:\n${screen()}`,
          ),
        );
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        listeners.delete(check);
      };
      listeners.add(check);
      // the screen may already show it (flush anything still being parsed first)
      term.write('', check);
    });
  }

  function history(): Array<{ text: string; wrapped: boolean }> {
    const buf = term.buffer.active;
    const rows: Array<{ text: string; wrapped: boolean }> = [];
    for (let y = 0; y < buf.length; y++) {
      const line = buf.getLine(y);
      rows.push({
        text: (line?.translateToString(true) ?? '').trimEnd(),
        wrapped: line?.isWrapped ?? false,
      });
    }
    return rows;
  }

  return {
    cwd,
    home,
    screen,
    history,
    output: () => raw,
    write: (data) => child.write(data),
    press: (...keys) => {
      for (const k of keys) child.write(k in KEYS ? KEYS[k as KeyName] : k);
    },
    waitFor,
    waitForChange: (previous, timeoutMs) => {
      const before = previous ?? screen();
      return waitFor((s) => s !== before, timeoutMs);
    },
    waitForExit: (timeoutMs = DEFAULT_TIMEOUT_MS) =>
      new Promise<Exit>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`still running after ${timeoutMs} ms; the screen:\n${screen()}`)),
          timeoutMs,
        );
        void exitPromise.then((e) => {
          clearTimeout(timer);
          resolve(e);
        });
      }),
    resize: (c, r) => {
      term.resize(c, r);
      child.resize(c, r);
    },
    exit: () => exited,
    kill: async () => {
      if (!exited) {
        child.kill('SIGTERM');
        const t = setTimeout(() => {
          if (!exited) child.kill('SIGKILL');
        }, 3000);
        await exitPromise;
        clearTimeout(t);
      }
      term.dispose();
      if (made) await rm(made, { recursive: true, force: true });
    },
  };
}
