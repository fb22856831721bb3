import { Box, Text, useApp } from 'ink';
import { useEffect, useState } from 'react';
import type { CheckResult, Engine, EngineSnapshot } from '../../engine/types.js';
import { App, type AppProps } from '../App.js';
import { useTheme } from '../theme-context.js';
import { t as msg } from '../../i18n/index.js';

/**
 * An engine that shows `preview` (the lesson as read from local files) until the live engine
 * opens, then becomes the live one. Moves and answers made meanwhile go to the preview (so the
 * screen follows the keys) and are replayed on the live engine when it arrives; checks, skips
 * and setups wait for it: nothing is decided without live state.
 */
export function deferredEngine(preview: Engine, live: Promise<Engine>): Engine {
  let current: Engine | undefined;
  const replay: Array<(e: Engine) => void> = [];
  const listeners = new Set<(s: EngineSnapshot) => void>();
  const forward = (s: EngineSnapshot) => {
    for (const l of listeners) l(s);
  };
  let unsubscribe = preview.subscribe(forward);
  const ready = live.then((e) => {
    unsubscribe();
    const was = preview.snapshot().target;
    const now = e.snapshot().target;
    // Same lab (account and region): what the learner did meanwhile counts. Otherwise the
    // live engine's own state wins.
    if (was.accountId === now.accountId && was.region === now.region) {
      for (const op of replay.splice(0)) op(e);
    }
    current = e;
    unsubscribe = e.subscribe(forward);
    forward(e.snapshot());
    return e;
  });
  ready.catch(() => undefined); // Boot reports the failure
  function sync<R>(op: (e: Engine) => R): R {
    if (current) return op(current);
    replay.push(op);
    return op(preview);
  }
  const later = <R,>(op: (e: Engine) => Promise<R>): Promise<R> => ready.then(op);
  return {
    snapshot: () => (current ?? preview).snapshot(),
    subscribe(l) {
      listeners.add(l);
      return () => void listeners.delete(l);
    },
    setInput: (value) => sync((e) => e.setInput(value)),
    answerQuiz: (id, value) => sync((e) => e.answerQuiz(id, value)),
    nextHint: () => sync((e) => e.nextHint()),
    next: () => sync((e) => e.next()),
    back: () => sync((e) => e.back()),
    jump: (i) => sync((e) => e.jump(i)),
    acceptTarget: () => sync((e) => e.acceptTarget?.()),
    check: (opts) => later((e) => e.check(opts)),
    // re-checks (live marks) run on the live engine; a save failure is the live engine's to tell
    recheck: (i) => later(async (e) => (e.recheck ? e.recheck(i) : undefined)),
    flush: () => (current?.flush ? current.flush() : Promise.resolve()),
    skip: (opts) => later((e) => e.skip(opts)),
    prepare: (): Promise<CheckResult | undefined> =>
      later(async (e) => (e.prepare ? e.prepare() : undefined)),
    watch(opts) {
      if (current) return current.watch(opts);
      let stop: (() => void) | undefined;
      let stopped = false;
      void ready.then(
        (e) => {
          if (!stopped) stop = e.watch(opts);
        },
        () => undefined,
      );
      return () => {
        stopped = true;
        stop?.();
      };
    },
    close: async () => {
      const e = await ready.catch(() => undefined);
      await e?.close();
    },
  };
}

/**
 * Paints a first frame at once, then opens the lesson (AWS SDK, sandbox, one STS call) and
 * swaps in the tutor. With a `preview` (the lesson from local files, see previewLesson) the
 * first frame is already the whole tutor, and the live engine takes over under it. A failure
 * to open ends the app with the error; the caller prints it.
 */
export function Boot({
  open,
  preview,
  what,
  onEngine,
  ...rest
}: Omit<AppProps, 'engine'> & {
  open: () => Promise<Engine>;
  /** the lesson as read from local files, drawn until `open` resolves */
  preview?: Engine;
  /** what is being started, e.g. "the sandbox (local AWS)" */
  what: string;
  onEngine?: (e: Engine) => void;
}) {
  const { exit } = useApp();
  const theme = useTheme();
  const [engine, setEngine] = useState<Engine>();
  const [deferred] = useState(() => {
    if (!preview) return undefined;
    // Opened after the first frame is committed (in the effect below), not while it is drawn.
    let resolve!: (e: Engine) => void;
    let reject!: (err: unknown) => void;
    const live = new Promise<Engine>((res, rej) => ((resolve = res), (reject = rej)));
    return { engine: deferredEngine(preview, live), resolve, reject };
  });
  useEffect(() => {
    let live = true;
    open().then(
      (e) => {
        onEngine?.(e);
        deferred?.resolve(e);
        if (live && !deferred) setEngine(e);
      },
      (err: unknown) => {
        deferred?.reject(err);
        exit(err instanceof Error ? err : new Error(String(err)));
      },
    );
    return () => {
      live = false;
    };
    // Opened once per mount.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const shown = deferred?.engine ?? engine;
  if (shown) return <App engine={shown} {...rest} />;
  return (
    <Box flexDirection="column">
      <Text {...theme.style('accent')}>ECR tutor</Text>
      <Text {...theme.style('muted')}>
        {theme.spinnerFrames[0]} {msg('tui.boot.connecting', { what })}
      </Text>
    </Box>
  );
}
