/** Small helpers shared by the lesson checks. */
import { basename, resolve } from 'node:path';
import { describeAwsError, type PlainAwsError } from '../aws/errors.js';
import type { CheckResult } from '../engine/types.js';
import { TutorError } from '../errors.js';
import { plainFileNameProblem } from '../engine/pack-boundary.js';
import type { LabContext } from './types.js';
import { t } from '../i18n/index.js';

/** A string parameter (templates already rendered); throws when a required one is empty. */
export function param(params: Record<string, unknown>, name: string): string {
  const v = params[name];
  if (typeof v !== 'string' || v === '') {
    throw new Error(`the lesson gives this check no "${name}" parameter`);
  }
  return v;
}

export function optionalParam(params: Record<string, unknown>, name: string): string | undefined {
  const v = params[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** Plain words for an SDK error, pointed at this lab's target. */
export function plainError(ctx: LabContext, err: unknown): PlainAwsError {
  return describeAwsError(err, ctx.env.session.adviceContext());
}

/**
 * An `error` result for an SDK failure that stopped the check from reading state. `doing` is
 * what the check was doing, as a verb phrase in the learner's language (t('check.doing.*')).
 */
export function errorResult(ctx: LabContext, err: unknown, doing: string): CheckResult {
  const d = plainError(ctx, err);
  return {
    status: 'error',
    summary: t('check.couldNot', { doing, reason: d.summary }),
    fix: d.fix,
    evidence: { errorKind: d.kind, code: d.code },
  };
}

/** The repository's ARN. */
export function repositoryArn(region: string, accountId: string, repository: string): string {
  return `arn:aws:ecr:${region}:${accountId}:repository/${repository}`;
}

/** The IAM user's ARN. */
export function userArn(accountId: string, user: string): string {
  return `arn:aws:iam::${accountId}:user/${user}`;
}

/** The SDK error's code (`RepositoryNotFoundException`, ...). */
export function errName(err: unknown): string | undefined {
  return (err as { name?: string } | undefined)?.name;
}

/** Recorded value: the absolute path of the learner's policy file (so later runs find it from any folder). */
export const POLICY_PATH_VAR = 'policyPath';

/** Where the policy file is: the path recorded when it was first written, else relative to cwd. */
export function policyFilePath(ctx: LabContext, file: string): string {
  // A lesson names plain files of the working folder only (pack-boundary.ts): never ~/.bashrc.
  const why = plainFileNameProblem(file);
  if (why) throw new TutorError(`the lesson names the file "${file}", which is refused: ${why}`);
  const recorded = ctx.vars[POLICY_PATH_VAR];
  if (recorded && basename(recorded) === basename(file)) return recorded;
  return resolve(ctx.env.cwd, file);
}
