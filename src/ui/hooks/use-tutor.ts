/**
 * Everything the TUI remembers between key presses, and the intents it sends to the engine.
 * Components stay thin: they render this state and call these actions. The engine owns the
 * lesson state (progress, results, hints); this hook owns only what is on screen (typed text,
 * which dialog is open, scroll position, watch toggle).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CheckResult, Engine, EngineSnapshot, StepDef } from '../../engine/types.js';
import { useSnapshot } from './use-snapshot.js';

export type Dialog = 'none' | 'confirm-skip' | 'jump';

export interface QuizAnswer {
  value: string;
  correct: boolean;
  explanation: string;
}

export interface Flash {
  tone: 'ok' | 'bad' | 'warn' | 'muted';
  text: string;
}

export interface TutorState {
  snap: EngineSnapshot;
  index: number;
  def: StepDef;
  busy?: 'check' | 'skip';
  /** the learner's watch-mode switch (on by default) */
  watchOn: boolean;
  /** whether the current step is being watched right now */
  watching: boolean;
  dialog: Dialog;
  jumpCursor: number;
  /** typed answer for an input step, and whether keys go to it */
  input: string;
  inputFocused: boolean;
  /** keys go to the answer field: it is focused, and the step is not done or busy */
  typing: boolean;
  inputError?: string;
  quizCursor: number;
  quizAnswers: Record<string, QuizAnswer>;
  flash?: Flash;
  scroll: number;
  /** show only the live part (the last check's file, actions, trace) over the whole pane */
  showResults: boolean;
  /** the concept question answered last */
  lastAnswered?: string;
}

export interface TutorActions {
  check(): void;
  type(text: string): void;
  backspace(): void;
  submitInput(): void;
  setInputFocus(focused: boolean): void;
  hint(): void;
  askSkip(): void;
  answerSkip(yes: boolean): void;
  next(): void;
  back(): void;
  openJump(): void;
  moveJump(delta: number): void;
  confirmJump(): void;
  closeDialog(): void;
  toggleWatch(): void;
  /** keep going with the identity/region now signed in, after a target warning */
  acceptTarget(): void;
  scrollBy(delta: number): void;
  /** switch the pane between the step's text and the last check's results */
  toggleResults(): void;
  quizMove(delta: number): void;
  quizAnswer(choiceIndex?: number): void;
  quit(): void;
}

/**
 * Whether the step is watched unless the learner switches it off: where the lesson says so,
 * and where the learner acts elsewhere (editing the file, applying in the console or CLI).
 */
export function watchesByDefault(def: StepDef): boolean {
  return def.watch ?? (def.view === 'policy-file' || def.view === 'apply');
}

/** Whether the learner may move past this step. */
export function stepDone(snap: EngineSnapshot, i = snap.currentIndex): boolean {
  const s = snap.steps[i]?.progress.status;
  return s === 'passed' || s === 'skipped';
}

/** The furthest step the learner may jump to: every done step and the first undone one. */
export function furthestReachable(snap: EngineSnapshot): number {
  if (snap.furthestIndex !== undefined) return Math.max(snap.furthestIndex, snap.currentIndex);
  let i = 0;
  while (i < snap.steps.length - 1 && stepDone(snap, i)) i++;
  return Math.max(i, snap.currentIndex);
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** State and intents of the tutor screen; `onQuit` is called once when the learner quits. */
export function useTutor(
  engine: Engine,
  onQuit: () => void,
  opts: { watchIntervalMs?: number } = {},
): [TutorState, TutorActions] {
  const snap = useSnapshot(engine);
  const index = snap.currentIndex;
  const entry = snap.steps[index]!;
  const def = entry.def;

  const [busy, setBusy] = useState<TutorState['busy']>();
  const [watchOn, setWatchOn] = useState(true);
  const [dialog, setDialog] = useState<Dialog>('none');
  const [jumpCursor, setJumpCursor] = useState(0);
  const [input, setInputState] = useState('');
  // Keys can arrive faster than React commits (a fast typist, a paste, a terminal multiplexer):
  // edits read and write this ref so that no keystroke works on a stale value.
  const inputRef = useRef('');
  const setInput = (v: string) => {
    inputRef.current = v;
    setInputState(v);
  };
  const [inputFocused, setInputFocused] = useState(true);
  const [inputError, setInputError] = useState<string>();
  const [quizCursor, setQuizCursor] = useState(0);
  const [quizAnswers, setQuizAnswers] = useState<Record<string, QuizAnswer>>({});
  const [flash, setFlash] = useState<Flash>();
  const [scroll, setScroll] = useState(0);
  const [resultsOverride, setResultsOverride] = useState<{ key: string; show: boolean }>();
  const [lastAnswered, setLastAnswered] = useState<string>();
  const abort = useRef<AbortController | undefined>(undefined);
  const quitting = useRef(false);
  const recheck = useRef(false);

  // A new step starts with a clean screen: its own input, quiz, scroll and dialogs. Reset
  // during render (React's "adjust state when a prop changes"), not in an effect: an effect
  // runs after the frame, and a key pressed in between would act on the old step's state.
  const stepKey = `${index}|${def.id}`;
  const [seenStep, setSeenStep] = useState('');
  if (seenStep !== stepKey) {
    setSeenStep(stepKey);
    setInput((def.input ? snap.vars[def.input.variable] : undefined) ?? '');
    setInputFocused(Boolean(def.input));
    setInputError(undefined);
    setQuizCursor(0);
    // Answers given on an earlier visit are kept by the engine; show them again.
    const given = entry.progress.answers ?? {};
    const restored: Record<string, QuizAnswer> = {};
    for (const q of def.quiz ?? []) {
      const v = given[q.id];
      if (v !== undefined)
        restored[q.id] = { value: v, correct: v === q.answer, explanation: q.explanation };
    }
    setQuizAnswers(restored);
    setScroll(0);
    setLastAnswered(undefined);
    setDialog('none');
  }

  const done = stepDone(snap, index);

  // A new result with rich data (file, actions, trace) or a quiz in progress takes the pane:
  // it is what the learner looks at next, and at 80x24 it does not fit under the text. The
  // key is what the result says, so a watch re-check with the same answer changes nothing;
  // `t` overrides the choice until the content changes.
  const lastView = snap.lastResult?.view;
  const resultKey =
    lastView && lastView.kind !== 'identity' && lastView.kind !== 'resources'
      ? `${snap.lastResult!.status}|${snap.lastResult!.summary}|${lastView.kind}`
      : '';
  const answered = Object.keys(quizAnswers).length;
  const contentKey = `${index}|${resultKey}|${answered}`;
  const showResults =
    resultsOverride?.key === contentKey ? resultsOverride.show : Boolean(resultKey) || answered > 0;
  // New content starts at its top; reset during render, like the step reset above.
  const [seenContent, setSeenContent] = useState(contentKey);
  if (seenContent !== contentKey) {
    setSeenContent(contentKey);
    setScroll(0);
  }

  // Steps that only read state (who am I, what exists, why) show their answer on arrival.
  const autoCheck =
    !done && (def.view === 'connect' || def.view === 'resources' || def.view === 'explain');
  const watching = Boolean(watchesByDefault(def) && watchOn && !done && !snap.finished);

  // Watch mode: the engine re-checks on file save and on a timer; a pass moves on by itself.
  useEffect(() => {
    if (!watching) return;
    const title = def.title;
    const stop = engine.watch({
      intervalMs: opts.watchIntervalMs,
      onResult: (r: CheckResult) => {
        if (r.status !== 'pass') return;
        setFlash({ tone: 'ok', text: `✔ ${title}: passed. Moved on to the next step.` });
        const s = engine.snapshot();
        if (s.currentIndex < s.steps.length - 1 && s.steps[s.currentIndex]?.def.id === def.id) {
          try {
            engine.next();
          } catch {
            // The engine refused (it may have advanced itself): nothing to do.
          }
        }
      },
    });
    return stop;
  }, [engine, index, def.id, def.title, watching, opts.watchIntervalMs]);

  const run = useCallback(
    async (kind: 'check' | 'skip'): Promise<void> => {
      if (abort.current) {
        // Something changed while a check ran (a quiz answer): check again right after it.
        if (kind === 'check') recheck.current = true;
        return;
      }
      const ac = new AbortController();
      abort.current = ac;
      setBusy(kind);
      setFlash(undefined);
      try {
        const r =
          kind === 'check'
            ? await engine.check({ signal: ac.signal })
            : await engine.skip({ signal: ac.signal });
        if (kind === 'skip' && r.status === 'pass') {
          setFlash({
            tone: 'warn',
            text: `↷ Skipped: the solution was applied and the check passed.`,
          });
        }
      } catch (err) {
        if (!ac.signal.aborted) {
          setFlash({ tone: 'bad', text: `The ${kind} could not run: ${errorText(err)}` });
        }
      } finally {
        abort.current = undefined;
        if (!quitting.current) setBusy(undefined);
      }
      if (recheck.current && !quitting.current) {
        recheck.current = false;
        await run('check');
      }
    },
    [engine],
  );

  useEffect(() => {
    if (autoCheck) void run('check');
    // Once per arrival at a step, not on every change of `run`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [index, def.id]);

  const validate = useCallback(
    (value: string): string | undefined => {
      const p = def.input?.pattern;
      if (!p || value === '') return undefined;
      return new RegExp(p).test(value)
        ? undefined
        : (def.input?.patternMessage ?? 'That does not match what is expected.');
    },
    [def.input],
  );

  const actions: TutorActions = {
    check() {
      if (snap.finished && done) return;
      if (def.input && !snap.vars[def.input.variable]) {
        actions.submitInput();
        return;
      }
      void run('check');
    },
    type(text) {
      const v = inputRef.current + text.replace(/[\r\n]/g, '');
      setInput(v);
      setInputError(validate(v));
    },
    backspace() {
      const v = inputRef.current.slice(0, -1);
      setInput(v);
      setInputError(validate(v));
    },
    submitInput() {
      if (!def.input) return;
      const value = inputRef.current.trim();
      if (value === '') {
        setInputError(`Type ${def.input.prompt.toLowerCase()} first.`);
        return;
      }
      const r = engine.setInput(value);
      if (!r.ok) {
        setInputError(r.message);
        return;
      }
      setInputError(undefined);
      void run('check');
    },
    setInputFocus(focused) {
      setInputFocused(focused && Boolean(def.input));
    },
    hint() {
      const h = engine.nextHint();
      if (h === undefined) {
        setFlash({
          tone: 'muted',
          text: 'No more hints for this step. Press s to skip it (the tutor applies the solution).',
        });
      } else setFlash(undefined);
    },
    askSkip() {
      if (busy || done) return;
      // A facilitator skips any step at once: they are demonstrating, not learning.
      if (snap.facilitator) {
        void run('skip');
        return;
      }
      if (!def.solve) {
        setFlash({
          tone: 'muted',
          text: 'This step has no automatic solution: it only needs a check (see the hints).',
        });
        return;
      }
      setDialog('confirm-skip');
    },
    answerSkip(yes) {
      setDialog('none');
      if (yes) void run('skip');
    },
    next() {
      if (!done) {
        setFlash({
          tone: 'muted',
          text: 'This step is not done yet: press Enter to check it, or s to skip it.',
        });
        return;
      }
      if (index >= snap.steps.length - 1) return;
      setFlash(undefined);
      engine.next();
    },
    back() {
      if (index === 0 || busy) return;
      setFlash(undefined);
      engine.back();
    },
    openJump() {
      if (busy) return;
      setJumpCursor(index);
      setDialog('jump');
    },
    moveJump(delta) {
      const max = furthestReachable(snap);
      setJumpCursor((c) => Math.max(0, Math.min(max, c + delta)));
    },
    confirmJump() {
      setDialog('none');
      if (jumpCursor === index) return;
      try {
        setFlash(undefined);
        engine.jump(jumpCursor);
      } catch (err) {
        setFlash({ tone: 'bad', text: errorText(err) });
      }
    },
    closeDialog() {
      setDialog('none');
    },
    acceptTarget() {
      if (!snap.targetWarning || !engine.acceptTarget) return;
      engine.acceptTarget();
      setFlash({
        tone: 'muted',
        text: 'This lab now continues with the identity you are signed in as.',
      });
    },
    toggleWatch() {
      setWatchOn((w) => !w);
    },
    toggleResults() {
      setResultsOverride({ key: contentKey, show: !showResults });
      setScroll(0);
    },
    scrollBy(delta) {
      setScroll((s) => Math.max(0, s + delta));
    },
    quizMove(delta) {
      const q = def.quiz?.find((x) => !quizAnswers[x.id]?.correct);
      if (!q) return;
      setQuizCursor((c) => (c + delta + q.choices.length) % q.choices.length);
    },
    quizAnswer(choiceIndex) {
      const q = def.quiz?.find((x) => !quizAnswers[x.id]?.correct);
      if (!q) return;
      const choice = q.choices[choiceIndex ?? quizCursor];
      if (!choice) return;
      const r = engine.answerQuiz(q.id, choice.value);
      const answers = { ...quizAnswers, [q.id]: { value: choice.value, ...r } };
      setQuizAnswers(answers);
      if (r.correct) setLastAnswered(q.id);
      if (r.correct) {
        setQuizCursor(0);
        // The last right answer completes the step: let the engine confirm it.
        if (def.quiz!.every((x) => answers[x.id]?.correct)) void run('check');
      }
    },
    quit() {
      if (quitting.current) return;
      quitting.current = true;
      abort.current?.abort();
      onQuit();
    },
  };

  return [
    {
      snap,
      index,
      def,
      busy,
      watchOn,
      watching,
      dialog,
      jumpCursor,
      input,
      inputFocused,
      typing: Boolean(def.input) && inputFocused && !done && !busy,
      inputError,
      quizCursor,
      quizAnswers,
      flash,
      scroll,
      showResults: showResults && (Boolean(snap.lastResult?.view) || Boolean(def.quiz?.length)),
      lastAnswered,
    },
    actions,
  ];
}
