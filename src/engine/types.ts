/**
 * The engine's public contract: what lessons are, what a check returns, and the headless
 * Engine that both front-ends (Ink TUI in src/ui, plain prompts in src/plain) drive.
 * The engine imports no Ink and no AWS SDK; checks reach AWS through CheckContext.
 */

/** pass = done; fail = not yet (learner's move); pending = AWS has not caught up, retry;
 *  error = could not check at all (credentials, network): `fix` says what to do. */
export type CheckStatus = 'pass' | 'fail' | 'pending' | 'error';

/** A policy-lint finding, as shown against the learner's file (mirrors src/policy Finding). */
export interface FindingView {
  severity: 'error' | 'warning' | 'info';
  code: string;
  message: string;
  line: number;
  column: number;
  path: string;
  suggestion?: string;
}

/** One row of the verify step's action table. */
export interface ActionRow {
  action: string;
  status: 'waiting' | 'running' | 'allowed' | 'denied' | 'error' | 'not-run';
  /** AWS's own message on denial or error */
  message?: string;
}

/** One line of an evaluation trace, for the explain step. */
export interface TraceLineView {
  policy: string;
  policyType: 'identity' | 'resource';
  sid?: string;
  effect: 'Allow' | 'Deny';
  matched: boolean;
  why: string;
}

/** Step-specific data a front-end may render richly; plain text is always in summary/details. */
export type CheckView =
  | { kind: 'identity'; arn: string; accountId: string; region: string; target: TargetKind }
  | { kind: 'policy-file'; file: string; text: string; findings: FindingView[] }
  | { kind: 'applied-policy'; cliCommand: string; diff: string[]; appliedText?: string }
  | {
      kind: 'verify';
      rows: ActionRow[];
      pulledDigest?: string;
      pushedDigest?: string;
      note?: string;
    }
  | {
      kind: 'explain';
      cases: Array<{
        principal: string;
        action: string;
        decision: 'allowed' | 'implicit-deny' | 'explicit-deny';
        reason: string;
        trace: TraceLineView[];
      }>;
    }
  | { kind: 'resources'; items: Array<{ what: string; name: string; exists: boolean }> };

export interface CheckResult {
  status: CheckStatus;
  /** one line, in the learner's words */
  summary: string;
  /** what was read, what was expected: one short line each */
  details?: string[];
  /** for `error`: the one thing to try */
  fix?: string;
  /** which hint level to point at, if the failure matches a known mistake */
  hintKey?: string;
  /** what was observed, kept for reports (never secrets) */
  evidence?: Record<string, unknown>;
  view?: CheckView;
}

/** Live progress a long check reports while it runs (verify: actions and upload bytes). */
export type CheckProgress =
  | { kind: 'action'; row: ActionRow }
  | { kind: 'upload'; doneBytes: number; totalBytes: number }
  | { kind: 'message'; text: string };

export type TargetKind = 'sandbox' | 'aws' | 'endpoint';

/** Who and where the lab runs: shown in the header and locked into progress. */
export interface TargetInfo {
  kind: TargetKind;
  region: string;
  accountId?: string;
  identityArn?: string;
  endpoint?: string;
  profile?: string;
}

// The lesson's own shapes are declared once, as schemas, in ./lesson-schema.ts.
import type { CheckRef, LessonManifest, StepManifest, StepViewKind } from './lesson-schema.js';
export type {
  CheckRef,
  QuizQuestion,
  StepInput,
  StepManifest,
  StepViewKind,
} from './lesson-schema.js';

/**
 * A step as the engine uses it: the manifest's keys (see lesson-schema.ts for what each
 * means), with `body` holding the Markdown text itself and `view` defaulted.
 */
export type StepDef = Omit<StepManifest, 'view' | 'records'> & {
  view: StepViewKind;
  /** whether running the solve changes AWS state (front-ends must confirm first) */
  solveChangesState?: boolean;
  /** the exact file the solve writes in the working folder, if any (named in the confirmation) */
  solveWritesFile?: string;
};

export type LessonDef = Pick<LessonManifest, 'id' | 'title' | 'summary'> & {
  /** lesson parameters (repository, ciUser, ...) after defaults and overrides */
  params: Record<string, string>;
  steps: StepDef[];
  /** folder the lesson was loaded from */
  dir: string;
  /** parameters that get a per-learner suffix in a shared account (--learner NAME) */
  learnerParams?: string[];
  /** the learner these params were derived for, when any */
  learner?: string;
};

export type StepStatus = 'not-started' | 'passed' | 'skipped' | 'failed';

export interface StepProgress {
  status: StepStatus;
  attempts: number;
  hintsShown: number;
  /** ISO time of the first pass or skip */
  completedAt?: string;
  last?: { at: string; status: CheckStatus; summary: string };
  evidence?: Record<string, unknown>;
  /** concept-check answers given so far (question id -> value) */
  answers?: Record<string, string>;
  /** ISO time the step started failing (cleared on pass): how long a learner has been stuck */
  failingSince?: string;
  /** ISO time a re-check found a passed/skipped step no longer holding (cleared on pass) */
  staleSince?: string;
}

/** What a facilitator sees of a step: the exact check (and solve) it runs, and the solution. */
export interface FacilitatorView {
  check: CheckRef;
  solve?: CheckRef;
  /** the last hint level (the answer), rendered */
  solution?: string;
}

export interface EngineSnapshot {
  lesson: LessonDef;
  target: TargetInfo;
  currentIndex: number;
  /** `facilitator` is present only in facilitator mode */
  steps: Array<{
    def: StepDef;
    progress: StepProgress;
    facilitator?: FacilitatorView;
    /** a finished clean-up step removed this step's work on purpose */
    undoneByCleanup?: boolean;
  }>;
  /** the learner of a shared account (--learner), when any */
  learner?: string;
  /** facilitator mode: any step may be skipped, solutions and checks are shown */
  facilitator?: boolean;
  /** values recorded by steps (accountId, policyFile, ...) */
  vars: Record<string, string>;
  /** the check currently running, if any */
  running?: { stepId: string; progress: CheckProgress[] };
  /** the latest result for the current step (cleared on move) */
  lastResult?: CheckResult;
  /** a warning that the lab's identity or region changed since it started */
  targetWarning?: string;
  finished: boolean;
  /** the furthest step index reached (jump() accepts 0..furthestIndex) */
  furthestIndex?: number;
  /** things the learner must be told once (e.g. a corrupt progress file was set aside) */
  notices?: string[];
}

/** The headless step engine. Every mutating call saves progress atomically before resolving. */
export interface Engine {
  snapshot(): EngineSnapshot;
  /** called after every state change; returns an unsubscribe function */
  subscribe(listener: (s: EngineSnapshot) => void): () => void;
  /** record the learner's answer for the current step's input (validated against pattern) */
  setInput(value: string): { ok: true } | { ok: false; message: string };
  /** run the current step's check (retrying `pending` within a time budget); `via: 'watch'`
   *  = a watch-mode re-check, counted as an attempt only when its outcome is new */
  check(opts?: { signal?: AbortSignal; via?: 'learner' | 'watch' }): Promise<CheckResult>;
  /** answer a concept question of the current step; returns whether it was right */
  answerQuiz(questionId: string, value: string): { correct: boolean; explanation: string };
  /** next hint level for the current step, or undefined when all are shown */
  nextHint(): string | undefined;
  /** run the step's solve, then its check; on pass the step is recorded as skipped */
  skip(opts?: { signal?: AbortSignal }): Promise<CheckResult>;
  next(): void;
  back(): void;
  /** move to any step at or before the furthest reached */
  jump(index: number): void;
  /**
   * Watch mode for the current step: re-check when a watched file changes and every
   * `intervalMs`; stops itself on pass, on move, or when the returned function is called.
   */
  watch(opts?: { intervalMs?: number; onResult?: (r: CheckResult) => void }): () => void;
  close(): Promise<void>;
  /** run the current step's setup (e.g. write the starter file) now; also runs on entering */
  prepare?(): Promise<CheckResult | undefined>;
  /** accept the current identity/region as the lab's own after a targetWarning */
  acceptTarget?(): void;
  /**
   * re-check a step (resume, revisit) without moving: not an attempt; a done step that fails
   * now is marked stale ("was done, fails now"). Runs beside the learner's own checks.
   */
  recheck?(index: number): Promise<CheckResult | undefined>;
  /** waits for every save so far; throws the first one that failed since the last flush */
  flush?(): Promise<void>;
}
