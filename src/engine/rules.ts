/**
 * The rules of a lesson, in one place and without I/O: what "done" means, what may be reached,
 * what a check result does to a step's record, how a typed answer is judged, which steps are
 * watched or checked on arrival, and when the lesson is complete. The engine, the session
 * core, both front-ends and the commands (`check`, `status`, `report`) all ask these.
 */
import type { CheckResult, CheckStatus, StepDef, StepProgress } from './types.js';

export const EMPTY_PROGRESS: StepProgress = { status: 'not-started', attempts: 0, hintsShown: 0 };

/** Done = passed or skipped, and the live check has not been seen failing since. */
export function isDone(p: StepProgress | undefined): boolean {
  return (p?.status === 'passed' || p?.status === 'skipped') && !p.staleSince;
}

/** Was done once, and a later re-check found it no longer holds ("was done, fails now"). */
export function isStale(p: StepProgress | undefined): boolean {
  return (p?.status === 'passed' || p?.status === 'skipped') && Boolean(p.staleSince);
}

/**
 * Whether a finished clean-up removed this step's work on purpose: every step is done and a
 * done step (the clean-up) lists it in `undoes`. Its failing check then means "cleaned up",
 * not "was done, fails now".
 */
export function undoneByCleanup(
  steps: ReadonlyArray<{ def: Pick<StepDef, 'id' | 'undoes'>; progress: StepProgress }>,
  stepId: string,
): boolean {
  if (!steps.every((s) => isDone(s.progress))) return false;
  return steps.some((s) => s.def.undoes?.includes(stepId) === true);
}

/** Every required step is done (optional steps, e.g. clean-up, do not hold the lesson back). */
export function lessonFinished(
  steps: ReadonlyArray<{ def: Pick<StepDef, 'optional'>; progress: StepProgress }>,
): boolean {
  return steps.every((s) => s.def.optional || isDone(s.progress));
}

/** Every step is done, the optional ones too: only then is "Lesson complete" said. */
export function lessonComplete(
  steps: ReadonlyArray<{ def: Pick<StepDef, 'optional'>; progress: StepProgress }>,
): boolean {
  return steps.every((s) => isDone(s.progress));
}

/**
 * Where the lesson stands, the one answer every front-end and command shows: `open` (a
 * required step is not done), `optional-left` (every required step is done, an optional one
 * is still open: the learner is told so, not "complete") or `complete` (every step is done).
 */
export function completion(
  steps: ReadonlyArray<{ def: Pick<StepDef, 'optional'>; progress: StepProgress }>,
): 'open' | 'optional-left' | 'complete' {
  if (!lessonFinished(steps)) return 'open';
  return lessonComplete(steps) ? 'complete' : 'optional-left';
}

/**
 * How a front-end presents a lesson: `screen` (the TUI: a new step replaces what was on
 * screen) or `transcript` (--plain: every line stays in the scrollback).
 */
export type Presentation = 'screen' | 'transcript';

/** A passing result with something to read (the verify step's seven-action table). */
export function holdsResult(def: Pick<StepDef, 'view'>): boolean {
  return def.view === 'verify';
}

/**
 * Whether a pass moves on to the next step by itself. A pass the tutor found on arrival
 * (who am I, what exists) waits for the learner; on a screen, only a pass found while the
 * learner worked elsewhere (watch) moves on, and never one with something to read, which
 * would vanish with the step; in a transcript every result stays printed above, so a pass
 * moves on (the next step is printed below it).
 */
export function advancesAfterPass(
  def: Pick<StepDef, 'view'>,
  via: 'check' | 'skip' | 'watch' | 'arrival',
  presentation: Presentation,
): boolean {
  if (via === 'arrival') return false;
  if (presentation === 'transcript') return true;
  return via === 'watch' && !holdsResult(def);
}

/**
 * The furthest step the learner may open: every step up to the furthest reached, and the one
 * after the current step once it is done (never past the end).
 */
export function furthestReachable(
  steps: ReadonlyArray<{ progress: StepProgress }>,
  current: number,
  furthestIndex?: number,
): number {
  let reached = furthestIndex ?? 0;
  if (furthestIndex === undefined)
    while (reached < steps.length - 1 && isDone(steps[reached]?.progress)) reached++;
  const next = isDone(steps[current]?.progress) ? current + 1 : current;
  return Math.min(steps.length - 1, Math.max(reached, current, next));
}

/** Whether the learner may move on from the current step. */
export function mayGoNext(p: StepProgress | undefined, current: number, total: number): boolean {
  return isDone(p) && current < total - 1;
}

/** Re-checked automatically while the learner works elsewhere (file save, a timer). */
export function watchesByDefault(def: Pick<StepDef, 'watch' | 'view'>): boolean {
  return def.watch ?? (def.view === 'policy-file' || def.view === 'apply');
}

/** Steps that only read state (who am I, what exists, why) show their answer on arrival. */
export function checksOnArrival(def: Pick<StepDef, 'view'>): boolean {
  return def.view === 'connect' || def.view === 'resources' || def.view === 'explain';
}

/** Judges a typed answer; `undefined` = acceptable. The same words in every front-end. */
export function validateAnswer(
  input: NonNullable<StepDef['input']>,
  value: string,
): string | undefined {
  const v = value.trim();
  if (v === '')
    return `Type ${input.prompt.charAt(0).toLowerCase()}${input.prompt.slice(1)} first.`;
  if (input.pattern && !new RegExp(input.pattern).test(v))
    return input.patternMessage ?? `That does not look right: expected ${input.pattern}.`;
  return undefined;
}

/** How a check was started: by the learner, after the tutor's solve, by watch mode, or by the tutor. */
export type CheckVia = 'learner' | 'solve' | 'watch' | 'recheck';

/**
 * Records a check result on a step. Only the learner's own checks and skips count as attempts:
 * the tutor's re-checks (resume, revisit, `ecr-tutor check`, watch polling of a step already
 * passing) must not inflate the instructor's report. Returns whether anything but the time
 * changed (callers save at once only then).
 */
export function recordResult(
  p: StepProgress,
  r: CheckResult,
  via: CheckVia,
  now = new Date().toISOString(),
): boolean {
  const before = JSON.stringify([
    p.status,
    p.staleSince,
    p.last?.status,
    p.last?.summary,
    p.evidence,
  ]);
  const wasDone = isDone(p);
  const sameAsLast = p.last?.status === r.status && p.last?.summary === r.summary;
  // a watch re-check counts when its outcome is new (the learner saved a change); its very
  // first look, before anything was on record, is the tutor's, not an attempt
  const counts =
    via === 'learner' ||
    via === 'solve' ||
    (via === 'watch' && p.last !== undefined && !sameAsLast);
  if (counts && !(wasDone && r.status === 'pass')) p.attempts += 1;
  p.last = { at: now, status: r.status, summary: r.summary };
  if (r.evidence) p.evidence = r.evidence;
  if (r.status === 'pass') {
    // A pass after a skip stays "skipped": the learner did not do it themselves.
    if (via === 'solve') p.status = 'skipped';
    else if (p.status !== 'skipped') p.status = 'passed';
    p.completedAt ??= now;
    delete p.failingSince;
    delete p.staleSince;
  } else if (r.status === 'fail') {
    if (p.status === 'passed' || p.status === 'skipped') {
      // it was done: keep how it was done, and say it no longer holds
      p.staleSince ??= now;
    } else p.status = 'failed';
    p.failingSince ??= now;
  }
  // `error` and `pending` say nothing about the learner's work: keep the status.
  return (
    before !== JSON.stringify([p.status, p.staleSince, p.last.status, p.last.summary, p.evidence])
  );
}

/** The step the learner is on, as `status` and `report` both say it (saved progress). */
export function currentStepId(
  stepIds: readonly string[],
  saved: { currentIndex: number } | undefined,
): string | undefined {
  if (!saved) return undefined;
  const i = saved.currentIndex >= 0 && saved.currentIndex < stepIds.length ? saved.currentIndex : 0;
  return stepIds[i];
}

/** A mark for a step status, shared by the front-ends (plain list, status). */
export function markOf(
  p: StepProgress | undefined,
): 'done' | 'skipped' | 'stale' | 'failed' | 'todo' {
  if (isStale(p)) return 'stale';
  if (p?.status === 'passed') return 'done';
  if (p?.status === 'skipped') return 'skipped';
  if (p?.status === 'failed') return 'failed';
  return 'todo';
}

/** What a re-check that no longer passes tells the learner. */
export function staleMessage(title: string, n: number, r: CheckResult): string {
  return `Step ${n} "${title}" was done, but its check fails now: ${r.summary}`;
}

export type { CheckStatus };
