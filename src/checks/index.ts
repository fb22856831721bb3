/** The registry of named checks and actions that lesson manifests refer to. */
import { describeAwsError, type DescribeContext } from '../aws/errors.js';
import type { ActionFn, CheckFn, CheckRegistry, StepContext } from '../engine/check-api.js';
import type { ParamSpec } from '../engine/lesson-loader.js';
import type { CheckResult } from '../engine/types.js';
import {
  applyPolicy,
  backupRepositoryPolicy,
  checkLessonChangesRemoved,
  checkPolicyApplied,
  restorePolicy,
} from './apply.js';
import { checkCiUserMayPush, grantCiPush } from './ci-push-ready.js';
import { checkDenyRemoved, removeDenyStatement } from './deny-cleanup.js';
import { checkDenyProvedLive } from './deny-live.js';
import {
  applyDenyPushPolicy,
  checkPushDeniedExceptCi,
  writeDenyPolicyFile,
} from './deny-policy.js';
import { checkExplainDecisions } from './explain.js';
import { checkLockoutGuardMet } from './lockout-guard.js';
import { checkPartnerAccountReady } from './partner-account.js';
import { checkPartnerAccessRemoved, removePartnerAccess } from './partner-cleanup.js';
import {
  checkRepositoryPolicyNamesPartner,
  grantPartnerPull,
  writePartnerPolicyFile,
} from './partner-grant.js';
import { attachPartnerPullPolicy, writePartnerIdentityFile } from './partner-identity.js';
import { checkPartnerCanPull, checkPartnerPullDenied } from './partner-pull.js';
import { checkAccountIdMatches, checkCallerIdentity, fillAccountId } from './identity.js';
import { checkPolicyFileGrants, writeSolutionPolicy, writeStarterPolicy } from './policy-file.js';
import { answerQuiz, checkQuizAnswered } from './quiz.js';
import { checkResourcesExist, createResources, deleteRepository } from './resources.js';
import type { LabEnv } from './types.js';
import { checkPushPullAsCiUser } from './verify.js';
import { DEFAULT_ACTION_RULES } from '../engine/pack-boundary.js';
import { checkCiPushArrived, prepareCiPush, pushAsCiUser } from './learner-push.js';

export type { LabEnv, LabContext, LabCheck, LabAction } from './types.js';

/** The parameters each check and action reads (`lessons validate` reports others as mistakes). */
export const PARAM_SPECS: Readonly<Record<string, ParamSpec>> = {
  'caller-identity': { required: [] },
  'account-id-matches': { required: ['answer'] },
  'resources-exist': { required: ['repository', 'ciUser'] },
  'quiz-answered': { required: [] },
  'policy-file-grants': { required: ['file', 'repository', 'ciUser'] },
  'policy-applied': { required: ['repository', 'ciUser', 'file'] },
  'push-pull-as-ci-user': { required: ['repository', 'ciUser'], optional: ['ciProfile'] },
  'ci-push-arrived': { required: ['repository', 'ciUser'], optional: ['ciProfile', 'tag'] },
  'prepare-ci-push': { required: ['repository', 'ciUser'], optional: ['ciProfile', 'imageFile'] },
  'push-as-ci-user': { required: ['repository', 'ciUser'], optional: ['ciProfile', 'tag'] },
  'explain-decisions': {
    required: ['repository', 'ciUser', 'partnerUser'],
    optional: ['partnerAccount'],
  },
  'lesson-changes-removed': { required: ['repository'], optional: ['ciUser'] },
  'fill-account-id': { required: ['variable'] },
  'create-resources': { required: ['repository', 'ciUser'] },
  'delete-repository': { required: ['repository'] },
  'answer-quiz': { required: [] },
  'write-starter-policy': { required: ['file', 'ciUser'] },
  'write-solution-policy': { required: ['file', 'ciUser'] },
  'backup-repository-policy': { required: ['repository'] },
  'apply-policy': { required: ['repository', 'ciUser', 'file'] },
  'restore-policy': { required: ['repository'] },
  // lesson cross-account-pull
  'partner-account-ready': { required: ['partnerUser'], optional: ['partnerProfile'] },
  'partner-pull-denied': {
    required: ['repository', 'partnerUser'],
    optional: ['partnerProfile', 'because'],
  },
  'repository-policy-names-partner': { required: ['repository', 'partnerUser', 'partnerAccount'] },
  'partner-can-pull': { required: ['repository', 'partnerUser'], optional: ['partnerProfile'] },
  'partner-access-removed': {
    required: ['repository', 'partnerUser', 'partnerAdmin'],
    optional: ['partnerProfile'],
  },
  'write-partner-policy-file': { required: ['file', 'repository', 'partnerUser'] },
  'grant-partner-pull': { required: ['repository', 'partnerUser'] },
  'write-partner-identity-file': { required: ['file', 'repository'] },
  'attach-partner-pull-policy': { required: ['repository', 'partnerUser', 'partnerAdmin'] },
  'remove-partner-access': { required: ['repository', 'partnerUser', 'partnerAdmin'] },
  // lesson explicit-deny
  'ci-user-may-push': { required: ['repository', 'ciUser'] },
  'push-denied-except-ci': { required: ['repository', 'ciUser'] },
  'deny-proved-live': { required: ['repository', 'ciUser'], optional: ['ciProfile'] },
  'lockout-guard-met': { required: ['repository', 'ciUser'] },
  'deny-removed': { required: ['repository'] },
  'grant-ci-push': { required: ['repository', 'ciUser'] },
  'write-deny-policy-file': { required: ['file', 'repository'] },
  'apply-deny-push-policy': { required: ['repository', 'ciUser'] },
  'remove-deny-statement': { required: ['repository'] },
};

/** Actions that change AWS state: front-ends confirm before running them. */
export const STATE_CHANGING_ACTIONS: ReadonlySet<string> = DEFAULT_ACTION_RULES.stateChanging;

/** The target an error came from, attached by adviceOnThrow (not enumerable: never printed). */
const ADVICE = Symbol('ecr-tutor advice context');

/** Wraps checks or actions so a thrown error carries its session's target for describeError. */
function adviceOnThrow<F extends CheckFn<LabEnv> | ActionFn<LabEnv>>(
  fns: Record<string, F>,
): Record<string, F> {
  const out: Record<string, F> = {};
  for (const [name, fn] of Object.entries(fns)) {
    out[name] = (async (ctx: StepContext<LabEnv>, params: Record<string, unknown>) => {
      try {
        return await fn(ctx, params);
      } catch (err) {
        if (err && typeof err === 'object' && !(ADVICE in err))
          Object.defineProperty(err, ADVICE, { value: ctx.env.session.adviceContext() });
        throw err;
      }
    }) as F;
  }
  return out;
}

function describeError(err: unknown): CheckResult {
  const advice =
    err && typeof err === 'object' ? (err as { [ADVICE]?: DescribeContext })[ADVICE] : undefined;
  const d = describeAwsError(err, advice);
  return {
    status: 'error',
    summary: d.summary,
    fix: d.fix,
    evidence: { errorKind: d.kind, code: d.code },
  };
}

/** Every check and action the built-in lessons may name. */
export function builtinRegistry(): CheckRegistry<LabEnv> {
  return {
    checks: adviceOnThrow({
      'caller-identity': checkCallerIdentity,
      'account-id-matches': checkAccountIdMatches,
      'resources-exist': checkResourcesExist,
      'quiz-answered': checkQuizAnswered,
      'policy-file-grants': checkPolicyFileGrants,
      'policy-applied': checkPolicyApplied,
      'push-pull-as-ci-user': checkPushPullAsCiUser,
      'ci-push-arrived': checkCiPushArrived,
      'explain-decisions': checkExplainDecisions,
      'lesson-changes-removed': checkLessonChangesRemoved,
      'partner-account-ready': checkPartnerAccountReady,
      'partner-pull-denied': checkPartnerPullDenied,
      'repository-policy-names-partner': checkRepositoryPolicyNamesPartner,
      'partner-can-pull': checkPartnerCanPull,
      'partner-access-removed': checkPartnerAccessRemoved,
      'ci-user-may-push': checkCiUserMayPush,
      'push-denied-except-ci': checkPushDeniedExceptCi,
      'deny-proved-live': checkDenyProvedLive,
      'lockout-guard-met': checkLockoutGuardMet,
      'deny-removed': checkDenyRemoved,
    }),
    actions: adviceOnThrow({
      'fill-account-id': fillAccountId,
      'create-resources': createResources,
      'delete-repository': deleteRepository,
      'answer-quiz': answerQuiz,
      'write-starter-policy': writeStarterPolicy,
      'write-solution-policy': writeSolutionPolicy,
      'backup-repository-policy': backupRepositoryPolicy,
      'apply-policy': applyPolicy,
      'restore-policy': restorePolicy,
      'write-partner-policy-file': writePartnerPolicyFile,
      'grant-partner-pull': grantPartnerPull,
      'write-partner-identity-file': writePartnerIdentityFile,
      'attach-partner-pull-policy': attachPartnerPullPolicy,
      'remove-partner-access': removePartnerAccess,
      'grant-ci-push': grantCiPush,
      'write-deny-policy-file': writeDenyPolicyFile,
      'apply-deny-push-policy': applyDenyPushPolicy,
      'remove-deny-statement': removeDenyStatement,
      'prepare-ci-push': prepareCiPush,
      'push-as-ci-user': pushAsCiUser,
    }),
    describeError,
    changesState: STATE_CHANGING_ACTIONS,
  };
}
