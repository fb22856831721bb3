/**
 * The runner around the pure session core (./session-core.ts): it takes intents from a
 * front-end, reduces them ONE AT A TIME, IN ORDER, each against the state the previous one
 * left (a burst of keys can never be graded against stale state), and performs the effects
 * through the engine: checks and skips with their time budget (in the background, their
 * outcome fed back as an intent), re-checks of done steps, watch mode, and saves, every one
 * awaited and its failure told to the learner the same way in every front-end.
 */
import { formatError } from '../errors.js';
import { t } from '../i18n/index.js';
import type { Presentation } from './rules.js';
import {
  initialState,
  reduce,
  watching,
  type Effect,
  type Intent,
  type SessionState,
} from './session-core.js';
import type { CheckResult, Engine, EngineSnapshot } from './types.js';

export interface SessionView {
  snap: EngineSnapshot;
  state: SessionState;
}

export interface TutorSession {
  /** the engine's snapshot and the session state, as of the last processed intent */
  view(): SessionView;
  /** called after every change; returns an unsubscribe function */
  subscribe(listener: () => void): () => void;
  /** queues an intent; resolves once it (and everything queued before it) is processed */
  dispatch(intent: Intent): Promise<void>;
  /** resolves when no intent is queued and no check, skip or re-check is running */
  idle(): Promise<void>;
  /** resolves once every intent queued so far is processed (checks may still run) */
  settled(): Promise<void>;
  /** stops watching and aborts what runs; the engine stays open (its owner closes it) */
  close(): void;
  readonly engine: Engine;
}

export interface SessionOptions {
  /** watch-mode interval (default: the engine's) */
  watchIntervalMs?: number;
  /** re-check done steps on open (default true) */
  recheckOnOpen?: boolean;
  /** how the front-end presents the lesson (default `screen`, the TUI; `transcript` for --plain) */
  presentation?: Presentation;
  /** called once the learner's quit is processed (after every key before it) */
  onQuit?: () => void;
}

/** The words for a failed save, the same in the TUI and in `--plain`. */
export function saveFailedMessage(err: unknown): string {
  return t('tui.session.saveFailed', { error: formatError(err).replace(/^error: /, '') });
}

/** Starts a session over an open engine and sends the `open` intent. */
export function createSession(engine: Engine, o: SessionOptions = {}): TutorSession {
  let state = initialState(o.presentation);
  let snap = engine.snapshot();
  let view: SessionView = { snap, state };
  let queue: Promise<void> = Promise.resolve();
  let closed = false;
  const listeners = new Set<() => void>();
  const running = new Set<Promise<unknown>>();
  let abort: AbortController | undefined;
  let stopWatch: (() => void) | undefined;
  let watchedKey: string | undefined;
  let quitting = false;

  const notify = (): void => {
    view = { snap, state };
    for (const l of [...listeners]) l();
  };
  const unsubscribe = engine.subscribe((s) => {
    snap = s;
    notify();
  });

  function track<T>(p: Promise<T>): Promise<T> {
    running.add(p);
    void p.finally(() => running.delete(p)).catch(() => undefined);
    return p;
  }

  async function saved(): Promise<void> {
    try {
      await engine.flush?.();
    } catch (err) {
      state = reduce(engine.snapshot(), state, {
        type: 'save-failed',
        message: saveFailedMessage(err),
      }).state;
    }
  }

  function background(
    stepId: string,
    via: 'check' | 'skip',
    work: (signal: AbortSignal) => Promise<CheckResult>,
  ): void {
    const ac = new AbortController();
    abort = ac;
    track(
      work(ac.signal).then(
        (result) => dispatch({ type: 'checked', stepId, via, result }),
        (err: unknown) =>
          dispatch({
            type: 'checked',
            stepId,
            via,
            ...(ac.signal.aborted
              ? {}
              : { error: err instanceof Error ? err.message : String(err) }),
          }),
      ),
    );
  }

  function perform(e: Effect): void {
    const stepId = engine.snapshot().steps[engine.snapshot().currentIndex]!.def.id;
    switch (e.type) {
      case 'check':
        return background(stepId, 'check', (signal) => engine.check({ signal }));
      case 'skip':
        return background(stepId, 'skip', (signal) => engine.skip({ signal }));
      case 'set-input': {
        const r = engine.setInput(e.value);
        if (!r.ok) state = { ...state, inputError: r.message };
        return;
      }
      case 'answer-quiz':
        engine.answerQuiz(e.questionId, e.value);
        return;
      case 'hint': {
        const text = engine.nextHint();
        state = reduce(engine.snapshot(), state, { type: 'hinted', text }).state;
        return;
      }
      case 'move':
        if (e.to === 'next') engine.next();
        else if (e.to === 'back') engine.back();
        else engine.jump(e.to);
        void dispatch({ type: 'arrived' });
        return;
      case 'accept-target':
        engine.acceptTarget?.();
        return;
      case 'recheck':
        if (!engine.recheck) return;
        for (const index of e.indexes) {
          const id = engine.snapshot().steps[index]?.def.id ?? '';
          track(
            engine.recheck(index).then(
              (result) => dispatch({ type: 'rechecked', stepId: id, result }),
              () => dispatch({ type: 'rechecked', stepId: id }),
            ),
          );
        }
        return;
      case 'abort':
        abort?.abort();
        return;
      case 'quit':
        quitting = true;
        return;
    }
  }

  /** Watch mode follows the rule for the step on screen: on where it applies, off elsewhere. */
  function syncWatch(): void {
    const s = engine.snapshot();
    const want =
      !closed && watching(s, state)
        ? `${s.currentIndex}|${s.steps[s.currentIndex]!.def.id}`
        : undefined;
    if (want === watchedKey) return;
    stopWatch?.();
    stopWatch = undefined;
    watchedKey = want;
    if (!want) return;
    const stepId = s.steps[s.currentIndex]!.def.id;
    stopWatch = engine.watch({
      intervalMs: o.watchIntervalMs,
      onResult: (r) => {
        if (r.status === 'pass')
          void dispatch({ type: 'checked', stepId, via: 'watch', result: r });
      },
    });
  }

  async function process(intent: Intent): Promise<void> {
    if (closed) return;
    const step = reduce(engine.snapshot(), state, intent);
    state = step.state;
    for (const e of step.effects) perform(e);
    // every save is awaited before the next intent; a failure becomes the learner's message
    await saved();
    snap = engine.snapshot();
    syncWatch();
    notify();
    if (quitting && !closed) {
      session.close();
      o.onQuit?.();
    }
  }

  function dispatch(intent: Intent): Promise<void> {
    const p = queue.then(() => process(intent));
    queue = p.catch(() => undefined);
    return p;
  }

  const session: TutorSession = {
    engine,
    view: () => view,
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    dispatch,
    settled: () => queue,
    async idle() {
      for (;;) {
        await queue;
        if (running.size === 0) {
          await queue;
          if (running.size === 0) return;
        }
        await Promise.allSettled([...running]);
      }
    },
    close() {
      if (closed) return;
      closed = true;
      abort?.abort();
      stopWatch?.();
      unsubscribe();
    },
  };
  if (o.recheckOnOpen === false) void dispatch({ type: 'arrived' });
  else void dispatch({ type: 'open' });
  return session;
}
