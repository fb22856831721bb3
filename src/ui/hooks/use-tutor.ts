/**
 * What the TUI shows between key presses, and the intents it sends. The lesson's rules and
 * the session (typed answer, quiz cursor, running check, messages) live in the engine's
 * session (src/engine/session.ts): this hook only adds what is purely on screen (which dialog
 * is open, the jump cursor, scroll, whether the pane shows the text or the results).
 */
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import {
  furthestReachable as reachable,
  isDone,
  watchesByDefault as stepWatchesByDefault,
} from '../../engine/rules.js';
import { createSession, type TutorSession } from '../../engine/session.js';
import {
  lessonState,
  watching as isWatching,
  type Flash,
  type QuizAnswer,
} from '../../engine/session-core.js';
import type { Engine, EngineSnapshot, StepDef } from '../../engine/types.js';

export type { Flash, QuizAnswer } from '../../engine/session-core.js';

export type Dialog = 'none' | 'confirm-skip' | 'jump';

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
  /** steps whose live state is being re-checked (resume, revisit) */
  rechecking: string[];
  /** where the lesson stands, by the engine's one rule (open, optional-left, complete) */
  lesson: ReturnType<typeof lessonState>;
}

export interface TutorActions {
  check(): void;
  /** Enter: the step's main action, decided by the engine (next, check or submit) */
  enter(): void;
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
  /** quit once every key before it is processed */
  quit(): void;
  /** quit now (Ctrl-C) */
  quitNow(): void;
  /** resolves once every intent sent so far is processed */
  settled(): Promise<void>;
}

/** Whether the step is watched unless the learner switches it off (the engine's rule). */
export function watchesByDefault(def: StepDef): boolean {
  return stepWatchesByDefault(def);
}

/** Whether the learner may move past this step (done, and still holding). */
export function stepDone(snap: EngineSnapshot, i = snap.currentIndex): boolean {
  return isDone(snap.steps[i]?.progress);
}

/** The furthest step the learner may jump to. */
export function furthestReachable(snap: EngineSnapshot): number {
  return reachable(snap.steps, snap.currentIndex, snap.furthestIndex);
}

/** State and intents of the tutor screen; `onQuit` is called once when the learner quits. */
export function useTutor(
  engine: Engine,
  onQuit: () => void,
  opts: { watchIntervalMs?: number; session?: TutorSession } = {},
): [TutorState, TutorActions] {
  const [session] = useState(
    () => opts.session ?? createSession(engine, { watchIntervalMs: opts.watchIntervalMs }),
  );
  useEffect(() => () => session.close(), [session]);
  const { snap, state: ss } = useSyncExternalStore(session.subscribe, session.view);
  const send = session.dispatch;
  const index = snap.currentIndex;
  const def = snap.steps[index]!.def;

  const [localDialog, setDialog] = useState<Dialog>('none');
  // the skip's confirmation is the engine's (it decides who must confirm); the jump list is ours
  const dialog: Dialog = ss.confirm === 'skip' ? 'confirm-skip' : localDialog;
  const [jumpCursor, setJumpCursor] = useState(0);
  const [inputFocused, setInputFocused] = useState(true);
  const [scroll, setScroll] = useState(0);
  const [resultsOverride, setResultsOverride] = useState<{ key: string; show: boolean }>();
  const quitting = useRef(false);

  // A new step starts with a clean screen (reset during render, not in an effect: a key
  // pressed between the frame and the effect would act on the old step's screen).
  const stepKey = `${index}|${def.id}`;
  const [seenStep, setSeenStep] = useState('');
  if (seenStep !== stepKey) {
    setSeenStep(stepKey);
    setInputFocused(Boolean(def.input));
    setScroll(0);
    setDialog('none');
  }
  const done = stepDone(snap, index);

  // A new result with rich data (file, actions, trace) or a quiz in progress takes the pane;
  // `t` overrides the choice until the content changes.
  const lastView = snap.lastResult?.view;
  const resultKey =
    lastView && lastView.kind !== 'identity' && lastView.kind !== 'resources'
      ? `${snap.lastResult!.status}|${snap.lastResult!.summary}|${lastView.kind}`
      : '';
  const answered = Object.keys(ss.quizAnswers).length;
  const contentKey = `${index}|${resultKey}|${answered}`;
  const showResults =
    resultsOverride?.key === contentKey ? resultsOverride.show : Boolean(resultKey) || answered > 0;
  const [seenContent, setSeenContent] = useState(contentKey);
  if (seenContent !== contentKey) {
    setSeenContent(contentKey);
    setScroll(0);
  }
  const watching = isWatching(snap, ss);
  const quitDrawn = useRef(false);
  // a quit sent after other keys runs once they are processed and drawn
  useEffect(() => {
    if (!ss.quit || quitDrawn.current) return;
    quitDrawn.current = true;
    quit();
  });
  function quit(): void {
    if (quitting.current) return;
    quitting.current = true;
    session.close();
    onQuit();
  }

  const actions: TutorActions = {
    check: () => void send({ type: 'check' }),
    enter: () => void send({ type: 'enter' }),
    type: (text) => void send({ type: 'type', text }),
    backspace: () => void send({ type: 'backspace' }),
    submitInput: () => void send({ type: 'submit' }),
    setInputFocus(focused) {
      setInputFocused(focused && Boolean(def.input));
    },
    hint: () => void send({ type: 'hint' }),
    askSkip: () => void send({ type: 'skip' }),
    answerSkip: (yes) => void send({ type: 'confirm', yes }),
    next: () => void send({ type: 'next' }),
    back: () => void send({ type: 'back' }),
    openJump() {
      if (ss.busy) return;
      setJumpCursor(index);
      setDialog('jump');
    },
    moveJump(delta) {
      const max = furthestReachable(snap);
      setJumpCursor((c) => Math.max(0, Math.min(max, c + delta)));
    },
    confirmJump() {
      setDialog('none');
      void send({ type: 'jump', index: jumpCursor });
    },
    closeDialog: () => setDialog('none'),
    acceptTarget: () => void send({ type: 'accept-target' }),
    toggleWatch: () => void send({ type: 'toggle-watch' }),
    toggleResults() {
      setResultsOverride({ key: contentKey, show: !showResults });
      setScroll(0);
    },
    scrollBy: (delta) => setScroll((s) => Math.max(0, s + delta)),
    quizMove: (delta) => void send({ type: 'quiz-move', delta }),
    quizAnswer: (choice) => void send({ type: 'quiz-answer', choice }),
    quit: () => void send({ type: 'quit' }),
    quitNow: quit,
    settled: () => session.settled(),
  };

  return [
    {
      snap,
      index,
      def,
      busy: ss.busy,
      watchOn: ss.watchOn,
      watching,
      dialog,
      jumpCursor,
      input: ss.input,
      inputFocused,
      typing: Boolean(def.input) && inputFocused && !done && !ss.busy,
      inputError: ss.inputError,
      quizCursor: ss.quizCursor,
      quizAnswers: ss.quizAnswers,
      flash: ss.flash,
      scroll,
      showResults: showResults && (Boolean(snap.lastResult?.view) || Boolean(def.quiz?.length)),
      lastAnswered: ss.lastAnswered,
      rechecking: ss.rechecking,
      lesson: lessonState(snap),
    },
    actions,
  ];
}
