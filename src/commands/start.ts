/**
 * `ecr-tutor [start] [LESSON]`: the interactive tutor. Picks the front-end the terminal can
 * carry: the Ink TUI on a real terminal, line-by-line prompts (--plain, TERM=dumb, or when
 * only one side is a terminal), and with no terminal at all a pointer to what works instead,
 * never Ink's "Raw mode is not supported" crash.
 */
import { setFlagsFromString } from 'node:v8';
import type { Io } from '../io.js';
import type { TargetOptions } from '../aws/target.js';
import { wantsExternalTarget } from '../aws/target.js';
import type { Engine } from '../engine/types.js';
import { formatError, TutorError } from '../errors.js';
import { tutorCommand } from '../text/tutor-command.js';
import { isDone } from '../engine/rules.js';
import { columnsOf, humanIo } from './human-io.js';
import { textWidth, toAscii } from '../text/width.js';
import { t as msg } from '../i18n/index.js';
import { loadTutorUi } from '../ui/load-tutor-ui.js';

export type FrontEnd = 'tui' | 'plain' | 'none';

/** What the streams allow, as far as choosing a front-end goes. */
export interface TerminalFacts {
  stdinIsTTY: boolean;
  stdoutIsTTY: boolean;
  /** stdin.setRawMode exists (false on some Windows shells and in pipes) */
  rawMode: boolean;
  term?: string;
}

/** Chooses the front-end: TUI only with a raw-mode terminal on both sides. */
export function chooseFrontEnd(t: TerminalFacts, plainFlag: boolean): FrontEnd {
  const anyTTY = t.stdinIsTTY || t.stdoutIsTTY;
  if (plainFlag) return 'plain';
  if (!anyTTY) return 'none';
  if (t.stdinIsTTY && t.stdoutIsTTY && t.rawMode && t.term !== 'dumb') return 'tui';
  return 'plain';
}

/**
 * Ink draws nothing but the last frame when it believes it runs in CI (its is-in-ci package
 * reads CI / CONTINUOUS_INTEGRATION once, when Ink is first imported). The TUI is only chosen
 * with a raw-mode terminal on both sides, so a person is at the keyboard whatever those
 * variables say (a shell that exports CI=true, a terminal opened inside a CI job): tell Ink so.
 */
export function letInkDrawInThisTerminal(env: NodeJS.ProcessEnv = process.env): void {
  for (const key of ['CI', 'CONTINUOUS_INTEGRATION']) {
    if (key in env) env[key] = 'false';
  }
}

/** Reads the facts off the real process streams. */
export function terminalFacts(
  stdin: NodeJS.ReadStream = process.stdin,
  stdout: NodeJS.WriteStream = process.stdout,
  env: NodeJS.ProcessEnv = process.env,
): TerminalFacts {
  return {
    stdinIsTTY: stdin.isTTY === true,
    stdoutIsTTY: stdout.isTTY === true,
    rawMode: typeof stdin.setRawMode === 'function',
    term: env.TERM,
  };
}

/** In the process language: this module is loaded after the language is chosen (cli.ts). */
export const NO_TERMINAL_MESSAGE = `${msg('cmd.start.noTerminal', { me: tutorCommand() })}\n`;

/** Bench hook (documented in bench/tui.bench.ts): quit as soon as the lesson's first frame is
 *  drawn, then report the CPU time used by then and when the live engine (sandbox, STS
 *  identity) was ready behind it, on the tutor's own clock. */
const EXIT_AFTER_FIRST_FRAME = 'ECR_TUTOR_EXIT_AFTER_FIRST_FRAME';
/** Bench hook: print the process's peak resident memory on the way out. */
const REPORT_PEAK_RSS = 'ECR_TUTOR_REPORT_PEAK_RSS';

/**
 * Once the first frame is up, V8 trades peak JIT speed for memory (bench/tui.bench.ts: peak RSS
 * through a whole lesson ~147 -> ~125 MiB; the tutor waits on people and AWS, not on the JIT).
 * Not before: it would slow the start-up with more garbage collections. Set at run time because
 * a launcher cannot pass V8 flags without starting a second process (~100 ms).
 * ECR_TUTOR_V8_DEFAULTS=0 leaves V8 alone.
 */
function optimizeForSize(env: NodeJS.ProcessEnv): void {
  if (env.ECR_TUTOR_V8_DEFAULTS !== '0') setFlagsFromString('--optimize-for-size');
}

export async function runStart(
  io: Io,
  opts: {
    lesson?: string;
    target: TargetOptions;
    plain: boolean;
    lessonsDir?: string;
    /** --trust-pack: run a pack that is not built in without asking */
    trustPack?: boolean;
  },
  streams: { stdin?: NodeJS.ReadStream; stdout?: NodeJS.WriteStream; env?: NodeJS.ProcessEnv } = {},
): Promise<number> {
  const stdin = streams.stdin ?? process.stdin;
  const stdout = streams.stdout ?? process.stdout;
  const env = streams.env ?? process.env;
  const mode = chooseFrontEnd(terminalFacts(stdin, stdout, env), opts.plain);
  // The launcher sets this too; a Node-version notice from the AWS SDK would tear a frame.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  if (mode === 'none') {
    io.err(NO_TERMINAL_MESSAGE);
    return 2;
  }
  // A pack from elsewhere says what it will change, and asks, before anything runs.
  const { ensurePackConsent } = await import('./pack-consent.js');
  await ensurePackConsent(io, {
    lessonsDir: opts.lessonsDir,
    lessonId: opts.lesson,
    cwd: process.cwd(),
    env,
    stdin,
    trust: opts.trustPack === true,
  });
  const what = wantsExternalTarget(opts.target)
    ? opts.target.endpointUrl
      ? opts.target.endpointUrl
      : 'AWS'
    : msg('cmd.start.theSandbox');
  const open = async (): Promise<Engine> => {
    const { openLesson } = await import('../app/index.js');
    return openLesson({
      lessonId: opts.lesson,
      lessonsDir: opts.lessonsDir,
      target: opts.target,
      cwd: process.cwd(),
      env,
    });
  };

  if (mode === 'plain') {
    const { runPlain } = await import('../plain/run-plain.js');
    const connecting = msg('tui.boot.connecting', { what });
    io.out(`${env.TERM === 'dumb' ? toAscii(connecting) : connecting}\n`);
    const engine = await open();
    try {
      return await runPlain(engine, { input: stdin, output: stdout, io });
    } finally {
      await engine.close();
    }
  }

  // Paint a line at once: loading Ink and the AWS SDK and starting the sandbox take a few
  // hundred milliseconds on a cold start. Ink's first frame replaces the line.
  stdout.write(`ECR tutor · ${msg('cmd.start.connecting', { what })}`);
  let opening: Promise<Engine> | undefined;
  let liveAt: number | undefined;
  let frameCpu: NodeJS.CpuUsage | undefined;
  const openOnce = () => {
    if (!opening) {
      opening = open();
      // a failure is reported through runTutor below
      opening.then(() => (liveAt = performance.now())).catch(() => undefined);
    }
    return opening;
  };
  // The sandbox's account and region are in its state file: the whole first frame can be
  // drawn from local files (previewLesson) while the SDK loads, the sandbox starts and STS
  // answers behind it. Elsewhere (real AWS, an endpoint) open the lesson while Ink loads.
  const previewing = wantsExternalTarget(opts.target)
    ? Promise.resolve(undefined)
    : import('../app/preview.js').then((m) =>
        m.previewLesson({
          lessonId: opts.lesson,
          lessonsDir: opts.lessonsDir,
          target: opts.target,
          cwd: process.cwd(),
          env,
        }),
      );
  const external = wantsExternalTarget(opts.target);
  if (external) void openOnce();
  letInkDrawInThisTerminal();
  const [{ runTutor }, preview] = await Promise.all([
    // the AWS SDK may be loading beside Ink (external target): leave its world as it is
    loadTutorUi({ hideFetch: !external }),
    previewing.catch(() => undefined),
  ]);
  stdout.write('\r\u001b[2K');
  let engine: Engine | undefined;
  try {
    engine = await runTutor(openOnce, {
      stdin,
      stdout,
      env,
      what,
      preview,
      onLessonFrame: (quit) => {
        frameCpu = process.cpuUsage();
        optimizeForSize(env);
        if (env[EXIT_AFTER_FIRST_FRAME] === '1') quit();
      },
    });
  } catch (err) {
    // Opening the lesson failed: Ink has restored the terminal, now say why.
    io.err(formatError(err) + '\n');
    return err instanceof TutorError ? err.exitCode : 1;
  }
  engine ??= await opening?.catch(() => undefined);
  if (env[EXIT_AFTER_FIRST_FRAME] === '1' && liveAt !== undefined) {
    const cpuMs = frameCpu ? Math.round((frameCpu.user + frameCpu.system) / 1000) : -1;
    io.err(`frame-cpu-ms=${cpuMs} live-ms=${Math.round(liveAt)}\n`);
  }
  if (engine) {
    const snap = engine.snapshot();
    await engine.close();
    const done = snap.steps.filter((s) => isDone(s.progress)).length;
    if (env[EXIT_AFTER_FIRST_FRAME] !== '1') {
      // in the words of the shell that started it: `ecr-tutor` may not be on PATH
      const me = tutorCommand();
      // the sentence wraps at spaces to the terminal (a title cut mid-word read "repos|itory");
      // a line holding the command stays whole, to be copied as it is
      const columns = columnsOf(process.stdout);
      const said = `${
        done === snap.steps.length
          ? msg('cmd.start.savedAll', { done, title: snap.lesson.title, me })
          : msg('cmd.start.saved', {
              done,
              total: snap.steps.length,
              title: snap.lesson.title,
              me,
            })
      }\n`;
      // a line too wide for the terminal puts its command on a line of its own, whole
      const fitted = said
        .split('\n')
        .map((line) =>
          line.includes(me) && textWidth(line) > columns
            ? line.replace(`: ${me}`, `:\n  ${me}`)
            : line,
        )
        .join('\n');
      humanIo(io, { keep: (line) => line.includes(me) }).out(fitted);
    }
  }
  if (env[REPORT_PEAK_RSS] === '1') {
    io.err(`peak-rss-kb=${process.resourceUsage().maxRSS}\n`);
  }
  return 0;
}
