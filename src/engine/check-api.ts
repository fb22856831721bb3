/**
 * How the engine calls checks and solves. The engine is generic over the environment `E` the
 * checks need (an AWS session, the working directory, ...), so it never imports the AWS SDK;
 * src/checks supplies the real registry, engine tests supply their own.
 */
import type { CheckProgress, CheckResult, LessonDef, StepDef } from './types.js';

export interface StepContext<E> {
  env: E;
  lesson: LessonDef;
  step: StepDef;
  /** lesson parameters and recorded values, merged (recorded values win) */
  vars: Readonly<Record<string, string>>;
  /** records a value for later steps ({{name}} in text and parameters) */
  setVar(name: string, value: string): void;
  /** this step's concept-check answers so far */
  answers: Readonly<Record<string, string>>;
  /** records a concept-check answer for this step (solves of quiz steps use it) */
  setAnswer(questionId: string, value: string): void;
  signal: AbortSignal;
  /** live progress for the front-end (verify rows, upload bytes) */
  report(p: CheckProgress): void;
}

/** A named check: reads live state, never changes it. */
export type CheckFn<E> = (
  ctx: StepContext<E>,
  params: Record<string, unknown>,
) => Promise<CheckResult>;

export interface ActionOutcome {
  /** one line: what was done */
  summary: string;
  details?: string[];
}

/** A named action: a solve, a step setup or a verify setup. May change state. */
export type ActionFn<E> = (
  ctx: StepContext<E>,
  params: Record<string, unknown>,
) => Promise<ActionOutcome>;

export interface CheckRegistry<E> {
  checks: Record<string, CheckFn<E>>;
  actions: Record<string, ActionFn<E>>;
  /** turns a thrown error into a CheckResult (`error` with a fix); default: the message */
  describeError?: (err: unknown) => CheckResult;
  /** which actions change AWS state (front-ends confirm before running them) */
  changesState?: ReadonlySet<string>;
}
