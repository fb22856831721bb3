/**
 * Mounts the TUI on the terminal and resolves when the learner quits (the cli-kit pattern:
 * callers get a Promise and never touch Ink). Ctrl-C, q, SIGINT and SIGTERM all end the same
 * way: watch stopped, Ink unmounted (terminal restored), then the caller closes the engine.
 */
import { render } from 'ink';
import type { Engine } from '../engine/types.js';
import { App } from './App.js';
import { makeTheme } from './theme.js';

export interface TutorRunOptions {
  stdin?: NodeJS.ReadStream;
  stdout?: NodeJS.WriteStream;
  stderr?: NodeJS.WriteStream;
  env?: NodeJS.ProcessEnv;
  /** re-check interval of watch mode (default: the engine's, a few seconds) */
  watchIntervalMs?: number;
  /** called once after the first frame is on screen (bench hook) */
  onFirstFrame?: () => void;
}

/** Runs the tutor until the learner quits. */
export async function runTutor(engine: Engine, o: TutorRunOptions = {}): Promise<void> {
  const stdin = o.stdin ?? process.stdin;
  const stdout = o.stdout ?? process.stdout;
  const env = o.env ?? process.env;
  // After an @inquirer prompt stdin may be paused; Ink would then never see a key.
  stdin.resume();
  const theme = makeTheme(env, Boolean(stdout.isTTY));
  let first = true;
  const instance = render(
    <App engine={engine} theme={theme} watchIntervalMs={o.watchIntervalMs} />,
    {
      stdin,
      stdout,
      stderr: o.stderr ?? process.stderr,
      // The App handles Ctrl-C itself so that a running check is aborted first.
      exitOnCtrlC: false,
      // Only changed lines are rewritten: no flicker when a spinner ticks.
      incrementalRendering: true,
      onRender: () => {
        if (!first) return;
        first = false;
        // Let Ink finish writing this frame before anyone acts on it.
        if (o.onFirstFrame) setImmediate(o.onFirstFrame);
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
  }
}
