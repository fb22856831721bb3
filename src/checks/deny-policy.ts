/**
 * Explicit-deny lesson: a Deny on pushes for everyone except the CI user, written the way AWS
 * recommends (Principal "*" with an ArnNotEquals aws:PrincipalArn condition, not NotPrincipal).
 * Judged on paper with the evaluator: the learner's own push is explicitly denied, the CI user
 * still pushes and pulls, and the learner can still change the policy.
 */
import { t as msg } from '../i18n/index.js';
import { SetRepositoryPolicyCommand } from '@aws-sdk/client-ecr';
import {
  evaluate,
  principalFromArn,
  PUSH_ACTIONS,
  type NamedPolicy,
  type PolicyDocument,
  decisionWhy,
} from '../policy/index.js';
import { readRepositoryPolicy, readRepositoryPolicyDoc } from './apply.js';
import { userIdentityPolicies } from './iam-policies.js';
import { writeLessonFile } from './lesson-files.js';
import { withStatement } from './probes.js';
import type { LabAction, LabCheck } from './types.js';
import { param, repositoryArn, userArn } from './util.js';

export const DENY_SID = 'DenyPushExceptCi';
export const CI_ARN_PLACEHOLDER = '<CI_USER_ARN>';
/** The writes of a push; BatchCheckLayerAvailability is left out because pulls use it too. */
export const PUSH_WRITES = [
  'ecr:InitiateLayerUpload',
  'ecr:UploadLayerPart',
  'ecr:CompleteLayerUpload',
  'ecr:PutImage',
];

/** The Deny statement of the lesson. */
export function denyStatement(ciArn: string): Record<string, unknown> & { Sid: string } {
  return {
    Sid: DENY_SID,
    Effect: 'Deny',
    Principal: '*',
    Action: PUSH_WRITES,
    Condition: { ArnNotEquals: { 'aws:PrincipalArn': ciArn } },
  };
}

export const ALLOW_ALL: PolicyDocument = {
  version: '2012-10-17',
  statements: [{ effect: 'Allow', action: ['*'], resource: ['*'] }],
};

/** Decides one request against the repository policy with the given identity policies. */
export function decideOnPaper(
  doc: PolicyDocument,
  principal: string,
  action: string,
  resource: string,
  identity: NamedPolicy[],
) {
  return evaluate({
    request: {
      principal: principalFromArn(principal),
      action,
      resource,
      context: { 'aws:SecureTransport': true },
    },
    identityPolicies: identity,
    resourcePolicy: { name: 'repository policy', document: doc },
  });
}

/** Passes when pushes are explicitly denied to the learner, the CI user still pushes, and no lockout. */
export const checkPushDeniedExceptCi: LabCheck = async (ctx, params) => {
  const repository = param(params, 'repository');
  const ciUser = param(params, 'ciUser');
  const read = await readRepositoryPolicyDoc(
    ctx,
    repository,
    msg('checks.deny.noPolicy', { repository }),
  );
  if ('result' in read) return read.result;
  const { me, doc } = read;
  const ciPolicies: NamedPolicy[] = await userIdentityPolicies(ctx, ciUser).catch(() => []);
  if (doc.statements.some((s) => s.notPrincipal))
    return {
      status: 'fail',
      summary: msg('checks.deny.notPrincipal'),
      details: [msg('checks.deny.notPrincipalWhy')],
      hintKey: 'not-principal',
    };
  const resource = repositoryArn(ctx.env.session.region, me.accountId, repository);
  const ci = userArn(me.accountId, ciUser);
  const all = [{ name: msg('checks.deny.allowAllName'), document: ALLOW_ALL }];
  const mineAllowed = PUSH_WRITES.filter(
    (a) => decideOnPaper(doc, me.arn, a, resource, all).decision !== 'explicit-deny',
  );
  if (mineAllowed.length)
    return {
      status: 'fail',
      summary: msg('checks.deny.mineAllowed', {
        actions: mineAllowed.join(', '),
        count: mineAllowed.length,
      }),
      hintKey: 'admin-not-denied',
    };
  const ciDenied = [...PUSH_ACTIONS, 'ecr:BatchGetImage'].filter(
    (a) => decideOnPaper(doc, ci, a, resource, ciPolicies).decision !== 'allowed',
  );
  if (ciDenied.length) {
    const r = decideOnPaper(doc, ci, ciDenied[0]!, resource, ciPolicies);
    return {
      status: 'fail',
      summary: msg('checks.deny.ciDenied', {
        ciUser,
        actions: ciDenied.join(', '),
        reason: decisionWhy(r, ciDenied[0]!),
      }),
      details: [msg('checks.deny.ciDeniedFix')],
      hintKey: 'ci-denied',
    };
  }
  if (
    decideOnPaper(doc, me.arn, 'ecr:SetRepositoryPolicy', resource, all).decision ===
    'explicit-deny'
  )
    return {
      status: 'fail',
      summary: msg('checks.deny.lockout'),
      hintKey: 'lockout',
    };
  return {
    status: 'pass',
    summary: msg('checks.deny.passed', { ciUser }),
  };
};

/** Setup: the policy file: the current statements plus the Deny, with the CI user's ARN to fill in. */
export const writeDenyPolicyFile: LabAction = async (ctx, params) => {
  const current = await readRepositoryPolicy(ctx, param(params, 'repository'));
  return {
    summary: await writeLessonFile(
      ctx,
      param(params, 'file'),
      withStatement(current, denyStatement(CI_ARN_PLACEHOLDER)),
    ),
  };
};

/** Solve: adds the Deny to the live repository policy (the other statements are kept). */
export const applyDenyPushPolicy: LabAction = async (ctx, params) => {
  const repository = param(params, 'repository');
  const me = await ctx.env.session.whoAmI();
  const current = await readRepositoryPolicy(ctx, repository);
  const policyText = withStatement(
    current,
    denyStatement(userArn(me.accountId, param(params, 'ciUser'))),
  );
  await ctx.env.session.clients.ecr.send(
    new SetRepositoryPolicyCommand({ repositoryName: repository, policyText }),
  );
  return { summary: msg('checks.addedStatement', { sid: DENY_SID, repository }) };
};
