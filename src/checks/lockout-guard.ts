/**
 * Explicit-deny lesson: SetRepositoryPolicy's lockout guard. In the sandbox the tutor tries a
 * policy that would deny you ecr:SetRepositoryPolicy, without `force`, and shows the refusal;
 * on real AWS it only shows it on paper (if AWS's undocumented check missed it, you would be
 * locked out for real). Plus the step's question.
 */
import { t as msg } from '../i18n/index.js';
import { GetRepositoryPolicyCommand, SetRepositoryPolicyCommand } from '@aws-sdk/client-ecr';
import { decisionWhy, parsePolicy } from '../policy/index.js';
import { readRepositoryPolicy } from './apply.js';
import { ALLOW_ALL, decideOnPaper } from './deny-policy.js';
import { withStatement } from './probes.js';
import { quizResult } from './quiz.js';
import type { LabCheck } from './types.js';
import { errName, errorResult, param, repositoryArn, userArn } from './util.js';

export const LOCKOUT_SID = 'DenyEverythingExceptCi';

/** Passes when the guard was shown (live in the sandbox, on paper elsewhere) and the question answered. */
export const checkLockoutGuardMet: LabCheck = async (ctx, params) => {
  const repository = param(params, 'repository');
  const ciUser = param(params, 'ciUser');
  const s = ctx.env.session;
  let me;
  let current: string | undefined;
  try {
    me = await s.whoAmI();
    current = await readRepositoryPolicy(ctx, repository);
  } catch (err) {
    return errorResult(ctx, err, msg('check.doing.readPolicy', { repository }));
  }
  const lockout = withStatement(current, {
    Sid: LOCKOUT_SID,
    Effect: 'Deny',
    Principal: '*',
    Action: 'ecr:*',
    Condition: { ArnNotEquals: { 'aws:PrincipalArn': userArn(me.accountId, ciUser) } },
  });
  const resource = repositoryArn(s.region, me.accountId, repository);
  const onPaper = decideOnPaper(parsePolicy(lockout), me.arn, 'ecr:SetRepositoryPolicy', resource, [
    { name: msg('checks.lockout.yourIdentityPolicy'), document: ALLOW_ALL },
  ]);
  const details = [
    msg('checks.lockout.trial', {
      sid: LOCKOUT_SID,
      ciUser,
      reason: decisionWhy(onPaper, 'ecr:SetRepositoryPolicy'),
    }),
  ];
  if (s.sandbox) {
    try {
      await s.clients.ecr.send(
        new SetRepositoryPolicyCommand({ repositoryName: repository, policyText: lockout }),
      );
      return {
        status: 'error',
        summary: msg('checks.lockout.applied'),
        fix: msg('checks.lockout.appliedFix'),
      };
    } catch (err) {
      if (errName(err) !== 'InvalidParameterException')
        return errorResult(ctx, err, msg('checks.lockout.doing'));
      details.push(msg('checks.lockout.refused', { message: (err as Error).message }));
    }
    const after = await s.clients.ecr
      .send(new GetRepositoryPolicyCommand({ repositoryName: repository }))
      .then((r) => r.policyText)
      .catch(() => undefined);
    if (after !== current) details.push(msg('checks.lockout.changed'));
  } else {
    details.push(msg('checks.lockout.notOnAws'));
  }
  const q = quizResult(ctx);
  if (q) return { ...q, details: [...details, ...(q.details ?? [])] };
  return {
    status: 'pass',
    summary: 'SetRepositoryPolicy refuses a policy that would lock you out, unless you pass force.',
    details,
  };
};
