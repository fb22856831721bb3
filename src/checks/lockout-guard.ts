/**
 * Explicit-deny lesson: SetRepositoryPolicy's lockout guard. In the sandbox the tutor tries a
 * policy that would deny you ecr:SetRepositoryPolicy, without `force`, and shows the refusal;
 * on real AWS it only shows it on paper (if AWS's undocumented check missed it, you would be
 * locked out for real). Plus the step's question.
 */
import { GetRepositoryPolicyCommand, SetRepositoryPolicyCommand } from '@aws-sdk/client-ecr';
import { parsePolicy } from '../policy/index.js';
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
    return errorResult(ctx, err, `read the policy of ${repository}`);
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
    { name: 'your identity policy', document: ALLOW_ALL },
  ]);
  const details = [
    `The trial policy adds "${LOCKOUT_SID}": Deny ecr:* to everyone but ${ciUser}. With it you would be denied ecr:SetRepositoryPolicy (${onPaper.reason}).`,
  ];
  if (s.sandbox) {
    try {
      await s.clients.ecr.send(
        new SetRepositoryPolicyCommand({ repositoryName: repository, policyText: lockout }),
      );
      return {
        status: 'error',
        summary: 'The sandbox applied the lockout policy without force: its guard did not fire.',
        fix: 'Reset the sandbox (ecr-tutor sandbox reset) and report this as a bug.',
      };
    } catch (err) {
      if (errName(err) !== 'InvalidParameterException')
        return errorResult(ctx, err, 'try the lockout policy');
      details.push(`Live, without force, the sandbox refused it: ${(err as Error).message}`);
    }
    const after = await s.clients.ecr
      .send(new GetRepositoryPolicyCommand({ repositoryName: repository }))
      .then((r) => r.policyText)
      .catch(() => undefined);
    if (after !== current) details.push('(the policy on the repository changed meanwhile)');
  } else {
    details.push(
      'On real AWS the tutor does not try it: how AWS detects a lockout is not documented, and if it missed this one you could not change the policy again.',
    );
  }
  const q = quizResult(ctx);
  if (q) return { ...q, details: [...details, ...(q.details ?? [])] };
  return {
    status: 'pass',
    summary: 'SetRepositoryPolicy refuses a policy that would lock you out, unless you pass force.',
    details,
  };
};
