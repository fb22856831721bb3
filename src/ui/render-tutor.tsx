/**
 * Mounts the TUI on the terminal and resolves when the learner quits (the cli-kit pattern:
 * callers get a Promise and never touch Ink). Ctrl-C, q, SIGINT and SIGTERM all end the same
 * way: watch stopped, Ink unmounted (terminal restored); the caller then closes the engine,
 * which saves progress and stops the sandbox.
 */
import { render } from 'ink';
import type { Engine } from '../engine/types.js';
import { Boot } from './components/Boot.js';
import { ThemeContext } from './theme-context.js';
import { makeTheme } from './theme.js';

export interface TutorRunOptions {
  stdin?: NodeJS.ReadStream;
  stdout?: NodeJS.WriteStream;
  stderr?: NodeJS.WriteStream;
  env?: NodeJS.ProcessEnv;
  /** what is being connected to, for the first frame */
  what?: string;
  /** re-check interval of watch mode (default: the engine's, a few seconds) */
  watchIntervalMs?: number;
  /** the lesson as read from local files (previewLesson): the first frame, until `open` resolves */
  preview?: Engine;
  /** called once the lesson's first frame is on screen (the bench quits there) */
  onLessonFrame?: (quit: () => void) => void;
}

/**
 * Runs the tutor until the learner quits; returns the engine it opened (for closing), or
 * throws what opening the lesson threw.
 */
export async function runTutor(
  open: () => Promise<Engine>,
  o: TutorRunOptions = {},
): Promise<Engine | undefined> {
  const stdin = o.stdin ?? process.stdin;
  const stdout = o.stdout ?? process.stdout;
  const env = o.env ?? process.env;
  // After an @inquirer prompt stdin may be paused; Ink would then never see a key.
  stdin.resume();
  const theme = makeTheme(env, Boolean(stdout.isTTY));
  let engine: Engine | undefined;
  let lessonFrameSeen = false;
  const instance = render(
    <ThemeContext.Provider value={theme}>
      <Boot
        open={open}
        preview={o.preview}
        what={o.what ?? 'AWS'}
        theme={theme}
        watchIntervalMs={o.watchIntervalMs}
        onEngine={(e) => (engine = e)}
      />
    </ThemeContext.Provider>,
    {
      stdin,
      stdout,
      stderr: o.stderr ?? process.stderr,
      // The App handles Ctrl-C itself so that a running check is aborted first.
      exitOnCtrlC: false,
      // Only changed lines are rewritten: no flicker when a spinner ticks.
      incrementalRendering: false,
      onRender: () => {
        if (lessonFrameSeen || !(engine || o.preview)) return;
        lessonFrameSeen = true;
        // Let Ink finish writing this frame before anyone acts on it.
        const cb = o.onLessonFrame;
        if (cb) setImmediate(() => cb(() => instance.unmount()));
      },
    },
  );
  const onSignal = () => instance.unmount();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    await instance.waitUntilExit();
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    // The resume() above keeps a flowing, referenced stdin alive after Ink is gone: without
    // this, a lesson that fails to open (`ecr-tutor chek`) printed its error and never exited.
    stdin.pause();
  }
  return engine;
}
