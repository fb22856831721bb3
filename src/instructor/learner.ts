/**
 * Learners of a shared account: each gets their own resource names (the lesson's
 * `learnerParams` with "-NAME" appended) and their own progress file. The name is checked so
 * that every derived name is one AWS accepts.
 */
import { UsageError } from '../errors.js';
import { t } from '../i18n/index.js';

/** Environment variable that names the learner when --learner is not given. */
export const LEARNER_ENV = 'ECR_TUTOR_LEARNER';
/** Environment variable that turns on facilitator mode (set by --facilitator). */
export const FACILITATOR_ENV = 'ECR_TUTOR_FACILITATOR';

// ECR repository names: lowercase groups joined by single separators, optional "/" namespaces,
// at most 256 characters (ECR CreateRepository's repositoryName pattern).
const ECR_REPOSITORY = /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/;
// IAM user names: [\w+=,.@-], at most 64 characters.
const IAM_USER = /^[\w+=,.@-]+$/;
// The learner part itself: what both of the above accept when appended after "-".
const LEARNER_NAME = /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/;

/** Why `name` (as typed) cannot be a learner name, or undefined when it can. */
export function learnerNameProblem(name: string): string | undefined {
  if (name === '') return t('learner.empty');
  if (!LEARNER_NAME.test(name)) return t('learner.characters');
  return undefined;
}

/** Why a derived resource name breaks AWS's rules, or undefined when AWS accepts it. */
export function derivedNameProblem(
  kind: 'repository' | 'iam-user',
  value: string,
): string | undefined {
  if (kind === 'repository') {
    if (value.length > 256) return t('learner.repositoryTooLong', { name: value, max: '256' });
    if (!ECR_REPOSITORY.test(value)) return t('learner.repositoryInvalid', { name: value });
    return undefined;
  }
  if (value.length > 64) return t('learner.userTooLong', { name: value, max: '64' });
  if (!IAM_USER.test(value)) return t('learner.userInvalid', { name: value });
  return undefined;
}

/** Which lesson parameters hold which kind of AWS name (the built-in lesson's names). */
const PARAM_KINDS: Record<string, 'repository' | 'iam-user'> = {
  repository: 'repository',
  ciUser: 'iam-user',
};

/**
 * Throws a one-line UsageError (exit 2) when the learner name, or a resource name derived from
 * it, is not one AWS accepts. `params` are the lesson's parameters after derivation.
 */
export function assertLearner(name: string, params?: Record<string, string>): void {
  const p = learnerNameProblem(name);
  if (p) {
    throw new UsageError(t('learner.cannotUse', { name, problem: p }), t('learner.cannotUseTry'));
  }
  for (const [param, kind] of Object.entries(PARAM_KINDS)) {
    const v = params?.[param];
    if (v === undefined) continue;
    const problem = derivedNameProblem(kind, v);
    if (problem) {
      throw new UsageError(t('learner.cannotUse', { name, problem }), t('learner.shorterTry'));
    }
  }
}

/** The learner from the option or the environment (empty counts as none). */
export function learnerFrom(
  option: string | undefined,
  env: NodeJS.ProcessEnv,
): string | undefined {
  if (option !== undefined) return option; // an empty --learner is a mistake to report
  const v = env[LEARNER_ENV];
  return v === undefined || v === '' ? undefined : v;
}
