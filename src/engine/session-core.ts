/**
 * The interactive lesson as a pure state machine: `(snapshot, state, intent) -> {state,
 * effects}`, no I/O. It holds what a learner's session adds to saved progress (the answer
 * being typed, the quiz cursor, whether a check is running, the one message to show) and
 * decides every rule through ./rules.ts; the runner (./session.ts) performs the effects and
 * feeds their outcomes back as intents, one at a time, in order. Both front-ends send the
 * same intents; they only draw the state and read keys.
 */
import { t } from '../i18n/index.js';
import {
  advancesAfterPass,
  checksOnArrival,
  completion,
  furthestReachable,
  isDone,
  isStale,
  staleMessage,
  validateAnswer,
  watchesByDefault,
  type Presentation,
} from './rules.js';
import type { CheckResult, EngineSnapshot } from './types.js';

export interface QuizAnswer {
  value: string;
  correct: boolean;
  explanation: string;
}

export interface Flash {
  tone: 'ok' | 'bad' | 'warn' | 'muted';
  text: string;
}

export interface SessionState {
  /** `${index}|${stepId}`: the step the per-step fields below belong to */
  stepKey: string;
  input: string;
  inputError?: string;
  quizCursor: number;
  quizAnswers: Record<string, QuizAnswer>;
  /** the question answered last (its explanation stays visible) */
  lastAnswered?: string;
  busy?: 'check' | 'skip';
  /** a check was asked for while one ran: run it right after */
  checkQueued: boolean;
  /** the learner's watch switch (on by default) */
  watchOn: boolean;
  /** the one line to tell the learner now */
  flash?: Flash;
  /** steps whose live state is being re-checked (resume, revisit) */
  rechecking: string[];
  /** how the front-end presents the lesson (decides what a pass does, see rules.ts) */
  presentation: Presentation;
  /** the running check was started by arriving on the step (its pass waits for the learner) */
  arrivalCheck?: boolean;
  /** a skip waits for the learner's yes or no */
  confirm?: 'skip';
  /** a transcript waits here until the step passes (watch on while it does) */
  waiting: boolean;
  /** the last step's pass has just completed the lesson */
  completedNow?: boolean;
  /** the learner quit: the front-end closes once this is drawn */
  quit?: boolean;
  /** the learner's own check or skip passed this step: a watch pass behind it changes nothing */
  passedByLearner?: boolean;
}

export type Intent =
  | { type: 'open' }
  | { type: 'arrived' }
  | { type: 'type'; text: string }
  | { type: 'backspace' }
  | { type: 'submit'; value?: string }
  | { type: 'check' }
  /** Enter: the step's main action (next when done, else check or submit; wait in a transcript) */
  | { type: 'enter' }
  | { type: 'skip' }
  /** the answer to a skip's confirmation */
  | { type: 'confirm'; yes: boolean }
  /** wait here until the step passes (re-checked on save and on a timer) */
  | { type: 'wait' }
  | { type: 'stop-wait' }
  | { type: 'quit' }
  | { type: 'hint' }
  | { type: 'next' }
  | { type: 'back' }
  | { type: 'jump'; index: number }
  | { type: 'quiz-move'; delta: number }
  | { type: 'quiz-answer'; choice?: number; value?: string }
  | { type: 'accept-target' }
  | { type: 'toggle-watch' }
  | {
      type: 'checked';
      stepId: string;
      via: 'check' | 'skip' | 'watch';
      result?: CheckResult;
      error?: string;
    }
  | { type: 'rechecked'; stepId: string; result?: CheckResult }
  | { type: 'hinted'; text?: string }
  | { type: 'save-failed'; message: string };

export type Effect =
  | { type: 'check' }
  | { type: 'skip' }
  | { type: 'set-input'; value: string }
  | { type: 'answer-quiz'; questionId: string; value: string }
  | { type: 'hint' }
  | { type: 'move'; to: 'next' | 'back' | number }
  | { type: 'accept-target' }
  | { type: 'recheck'; indexes: number[] }
  | { type: 'quit' }
  | { type: 'abort' };

export interface Step {
  state: SessionState;
  effects: Effect[];
}

export function initialState(presentation: Presentation = 'screen'): SessionState {
  return {
    stepKey: '',
    input: '',
    quizCursor: 0,
    quizAnswers: {},
    checkQueued: false,
    watchOn: true,
    rechecking: [],
    presentation,
    waiting: false,
  };
}

function keyOf(snap: EngineSnapshot): string {
  const i = snap.currentIndex;
  return `${i}|${snap.steps[i]?.def.id ?? ''}`;
}

/** The per-step fields as a step is entered: its saved answer and quiz answers shown again. */
function enter(snap: EngineSnapshot, s: SessionState): SessionState {
  const entry = snap.steps[snap.currentIndex]!;
  const def = entry.def;
  const given = entry.progress.answers ?? {};
  const quizAnswers: Record<string, QuizAnswer> = {};
  for (const q of def.quiz ?? []) {
    const v = given[q.id];
    if (v !== undefined)
      quizAnswers[q.id] = { value: v, correct: v === q.answer, explanation: q.explanation };
  }
  return {
    ...s,
    stepKey: keyOf(snap),
    input: (def.input ? snap.vars[def.input.variable] : undefined) ?? '',
    inputError: undefined,
    quizCursor: 0,
    quizAnswers,
    lastAnswered: undefined,
    checkQueued: false,
    confirm: undefined,
    waiting: false,
    arrivalCheck: undefined,
    passedByLearner: undefined,
  };
}

/** Whether the current step is done (passed or skipped, and still holding). */
export function currentDone(snap: EngineSnapshot): boolean {
  return isDone(snap.steps[snap.currentIndex]?.progress);
}

/**
 * Whether the current step is re-checked by itself right now: on a screen, a watched step
 * while the learner's switch is on; in a transcript (no prompt may be open while results
 * print), only while the learner waits.
 */
export function watching(snap: EngineSnapshot, s: SessionState): boolean {
  const entry = snap.steps[snap.currentIndex];
  if (!entry || isDone(entry.progress)) return false;
  if (s.presentation === 'transcript') return s.waiting;
  return watchesByDefault(entry.def) && s.watchOn && !snap.finished;
}

/** "Lesson complete" may be said: every step is done, the optional ones too. */
export function complete(snap: EngineSnapshot): boolean {
  return completion(snap.steps) === 'complete';
}

/** Where the lesson stands (`open`, `optional-left`, `complete`): see rules.ts completion(). */
export function lessonState(snap: EngineSnapshot): ReturnType<typeof completion> {
  return completion(snap.steps);
}

/** Whether a skip of the current step asks first (a learner, and the tutor would change something). */
export function skipAsks(snap: EngineSnapshot): boolean {
  const def = snap.steps[snap.currentIndex]?.def;
  return Boolean(def?.solve) && !snap.facilitator;
}

/** The first question not answered right yet, if the quiz is open. */
export function openQuestion(snap: EngineSnapshot, s: SessionState) {
  if (currentDone(snap)) return undefined;
  return snap.steps[snap.currentIndex]?.def.quiz?.find((q) => !s.quizAnswers[q.id]?.correct);
}

const say = (s: SessionState, tone: Flash['tone'], text: string): SessionState => ({
  ...s,
  flash: { tone, text },
});

/** One transition. `snap` is the engine's state as the previous effects left it. */
export function reduce(snap: EngineSnapshot, s0: SessionState, intent: Intent): Step {
  let s = s0;
  // Every intent acts on the step on screen now: a move since the last intent resets it first.
  if (s.stepKey !== keyOf(snap)) s = enter(snap, s);
  const i = snap.currentIndex;
  const entry = snap.steps[i]!;
  const def = entry.def;
  const done = isDone(entry.progress);
  const last = i >= snap.steps.length - 1;
  const none: Effect[] = [];
  const check = (st: SessionState): Step =>
    st.busy
      ? { state: { ...st, checkQueued: true }, effects: none }
      : {
          state: { ...st, busy: 'check', flash: undefined, arrivalCheck: false },
          effects: [{ type: 'check' }],
        };

  switch (intent.type) {
    case 'open': {
      // Resuming: what was passed or skipped is re-checked against live state.
      const indexes = snap.steps.flatMap((x, n) =>
        isDone(x.progress) || isStale(x.progress) ? [n] : [],
      );
      const opened = arrive(
        snap,
        { ...s, rechecking: indexes.map((n) => snap.steps[n]!.def.id) },
        false,
      );
      return {
        state: opened.state,
        effects: [
          ...(indexes.length ? [{ type: 'recheck' as const, indexes }] : []),
          ...opened.effects,
        ],
      };
    }
    case 'arrived':
      return arrive(snap, s, true);
    case 'type': {
      if (!def.input || done || s.busy) return { state: s, effects: none };
      const input = s.input + intent.text.replace(/[\r\n]/g, '');
      return { state: { ...s, input, inputError: liveProblem(def.input, input) }, effects: none };
    }
    case 'backspace': {
      if (!def.input) return { state: s, effects: none };
      const input = s.input.slice(0, -1);
      return { state: { ...s, input, inputError: liveProblem(def.input, input) }, effects: none };
    }
    case 'submit': {
      if (!def.input || s.busy) return { state: s, effects: none };
      const value = (intent.value ?? s.input).trim();
      const problem = validateAnswer(def.input, value);
      if (problem)
        return {
          state: { ...s, input: intent.value ?? s.input, inputError: problem },
          effects: none,
        };
      const st = check({ ...s, input: value, inputError: undefined });
      return { state: st.state, effects: [{ type: 'set-input', value }, ...st.effects] };
    }
    case 'check':
      if (snap.finished && done) return { state: s, effects: none };
      if (def.input && !snap.vars[def.input.variable]) return reduce(snap, s, { type: 'submit' });
      return check(s);
    case 'enter':
      if (s.confirm) return { state: s, effects: none };
      if (done) return last ? { state: s, effects: none } : reduce(snap, s, { type: 'next' });
      // a transcript cannot re-check while a prompt is open: Enter on a watched step waits
      if (s.presentation === 'transcript' && watchesByDefault(def) && !def.input)
        return reduce(snap, s, { type: 'wait' });
      return reduce(snap, s, { type: 'check' });
    case 'wait':
      if (done || s.busy) return { state: s, effects: none };
      return check({ ...s, waiting: true });
    case 'stop-wait':
      return { state: { ...s, waiting: false }, effects: none };
    case 'skip':
      if (s.busy) return { state: s, effects: none };
      if (done) return { state: say(s, 'muted', t('tui.session.alreadyDone')), effects: none };
      if (!def.solve && !snap.facilitator)
        return { state: say(s, 'muted', t('tui.session.noSolve')), effects: none };
      if (skipAsks(snap) && !s.confirm)
        return { state: { ...s, confirm: 'skip', flash: undefined }, effects: none };
      return {
        state: { ...s, confirm: undefined, busy: 'skip', flash: undefined, waiting: false },
        effects: [{ type: 'skip' }],
      };
    case 'confirm':
      if (!s.confirm) return { state: s, effects: none };
      if (!intent.yes) return { state: { ...s, confirm: undefined }, effects: none };
      return reduce(snap, { ...s, confirm: 'skip' }, { type: 'skip' });
    case 'quit':
      return { state: { ...s, quit: true, waiting: false }, effects: [{ type: 'quit' }] };
    case 'hint':
      return { state: s, effects: [{ type: 'hint' }] };
    case 'hinted':
      return intent.text === undefined
        ? { state: say(s, 'muted', t('tui.session.noMoreHints')), effects: none }
        : { state: { ...s, flash: undefined }, effects: none };
    case 'next':
      if (!done) return { state: say(s, 'muted', t('tui.session.notDone')), effects: none };
      if (last) return { state: s, effects: none };
      return { state: { ...s, flash: undefined }, effects: [{ type: 'move', to: 'next' }] };
    case 'back':
      if (i === 0) return { state: say(s, 'muted', t('tui.session.firstStep')), effects: none };
      if (s.busy) return { state: s, effects: none };
      return { state: { ...s, flash: undefined }, effects: [{ type: 'move', to: 'back' }] };
    case 'jump': {
      const furthest = furthestReachable(snap.steps, i, snap.furthestIndex);
      if (!Number.isInteger(intent.index) || intent.index < 0 || intent.index > furthest)
        return {
          state: say(s, 'muted', t('tui.session.jumpRange', { last: furthest + 1 })),
          effects: none,
        };
      if (intent.index === i || s.busy) return { state: s, effects: none };
      return { state: { ...s, flash: undefined }, effects: [{ type: 'move', to: intent.index }] };
    }
    case 'quiz-move': {
      const q = openQuestion(snap, s);
      if (!q) return { state: s, effects: none };
      const n = q.choices.length;
      return {
        state: { ...s, quizCursor: (((s.quizCursor + intent.delta) % n) + n) % n },
        effects: none,
      };
    }
    case 'quiz-answer': {
      const q = openQuestion(snap, s);
      if (!q) return { state: s, effects: none };
      const choice =
        intent.value !== undefined
          ? q.choices.find((c) => c.value === intent.value)
          : q.choices[intent.choice ?? s.quizCursor];
      if (!choice) return { state: s, effects: none };
      const correct = choice.value === q.answer;
      const quizAnswers = {
        ...s.quizAnswers,
        [q.id]: { value: choice.value, correct, explanation: q.explanation },
      };
      let st: SessionState = {
        ...s,
        quizAnswers,
        ...(correct ? { lastAnswered: q.id, quizCursor: 0 } : {}),
      };
      const effects: Effect[] = [{ type: 'answer-quiz', questionId: q.id, value: choice.value }];
      // The last right answer completes the step: the check confirms it.
      if (correct && (def.quiz ?? []).every((x) => quizAnswers[x.id]?.correct)) {
        const c = check(st);
        st = c.state;
        effects.push(...c.effects);
      }
      return { state: st, effects };
    }
    case 'accept-target':
      if (!snap.targetWarning) return { state: s, effects: none };
      return {
        state: say(s, 'muted', t('tui.session.accepted')),
        effects: [{ type: 'accept-target' }],
      };
    case 'toggle-watch':
      return { state: { ...s, watchOn: !s.watchOn }, effects: none };
    case 'checked': {
      const here = intent.stepId === def.id;
      // A watch re-check runs beside the learner's own: it leaves their check, its message and
      // anything queued alone, and counts only as a pass on the step on screen that the
      // learner's own check or skip did not already pass (the skip's file write wakes it).
      if (
        intent.via === 'watch' &&
        (!here || intent.result?.status !== 'pass' || s.passedByLearner)
      )
        return { state: s, effects: none };
      const fromArrival = s.arrivalCheck === true && intent.via === 'check';
      // the result on screen is now what the learner reads: an older message goes
      let st: SessionState = {
        ...s,
        busy: undefined,
        arrivalCheck: undefined,
        ...(here ? { flash: undefined } : {}),
      };
      const effects: Effect[] = [];
      if (intent.error !== undefined)
        st = say(
          st,
          'bad',
          t(intent.via === 'skip' ? 'tui.session.skipFailed' : 'tui.session.checkFailed', {
            error: intent.error,
          }),
        );
      else if (intent.result?.status === 'pass' && here) {
        st = { ...st, waiting: false, passedByLearner: intent.via !== 'watch' };
        if (intent.via === 'skip') st = say(st, 'warn', t('tui.session.skipped'));
        if (advancesAfterPass(def, fromArrival ? 'arrival' : intent.via, s.presentation)) {
          if (!last) {
            if (intent.via === 'watch')
              st = say(st, 'ok', t('tui.session.movedOn', { title: def.title }));
            effects.push({ type: 'move', to: 'next' });
          } else if (completion(snap.steps) === 'complete') st = { ...st, completedNow: true };
        }
      }
      if (st.checkQueued && !effects.length) {
        const c = check({ ...st, checkQueued: false });
        return { state: c.state, effects: c.effects };
      }
      return { state: st, effects };
    }
    case 'rechecked': {
      const st = { ...s, rechecking: s.rechecking.filter((x) => x !== intent.stepId) };
      const n = snap.steps.findIndex((x) => x.def.id === intent.stepId);
      const e = snap.steps[n];
      if (e && intent.result && isStale(e.progress))
        return {
          state: say(st, 'warn', staleMessage(e.def.title, n + 1, intent.result)),
          effects: none,
        };
      // revisiting a step the finished clean-up removed on purpose: say so, it is not stale
      if (e?.undoneByCleanup && n === i && intent.result?.status === 'fail')
        return { state: say(st, 'ok', t('tui.session.cleanedUp')), effects: none };
      return { state: st, effects: none };
    }
    case 'save-failed':
      return { state: say(s, 'bad', intent.message), effects: none };
  }
}

/** While typing, only a mismatch is shown; an empty field is not a mistake yet. */
function liveProblem(
  input: NonNullable<EngineSnapshot['steps'][number]['def']['input']>,
  value: string,
) {
  return value.trim() === '' ? undefined : validateAnswer(input, value);
}

/** Entering a step (open, move): a revisit re-checks it; a read-only step checks at once. */
function arrive(snap: EngineSnapshot, s0: SessionState, revisit: boolean): Step {
  const s = s0.stepKey === keyOf(snap) ? s0 : enter(snap, s0);
  const i = snap.currentIndex;
  const entry = snap.steps[i]!;
  if (isDone(entry.progress) || isStale(entry.progress)) {
    if (!revisit) return { state: s, effects: [] };
    return {
      state: { ...s, rechecking: [...new Set([...s.rechecking, entry.def.id])] },
      effects: [{ type: 'recheck', indexes: [i] }],
    };
  }
  // what was said before (e.g. "moved on") stays until this check's result replaces it
  if (checksOnArrival(entry.def) && !s.busy)
    return { state: { ...s, busy: 'check', arrivalCheck: true }, effects: [{ type: 'check' }] };
  return { state: s, effects: [] };
}
