/** Explicit-deny lesson, clean-up: the lesson's Deny statements removed, your pushes back. */
import { DeleteRepositoryPolicyCommand, SetRepositoryPolicyCommand } from '@aws-sdk/client-ecr';
import { readRepositoryPolicy } from './apply.js';
import { DENY_SID } from './deny-policy.js';
import { LOCKOUT_SID } from './lockout-guard.js';
import { withoutStatements } from './probes.js';
import type { LabAction, LabCheck } from './types.js';
import { errorResult, param } from './util.js';

const LESSON_SIDS = [DENY_SID, LOCKOUT_SID];

/** Passes when no statement of this lesson is left on the repository policy. */
export const checkDenyRemoved: LabCheck = async (ctx, params) => {
  const repository = param(params, 'repository');
  let text: string | undefined;
  try {
    text = await readRepositoryPolicy(ctx, repository);
  } catch (err) {
    return errorResult(ctx, err, `read the policy of ${repository}`);
  }
  const left = LESSON_SIDS.filter((sid) => text?.includes(`"${sid}"`));
  if (left.length)
    return {
      status: 'fail',
      summary: `The policy of ${repository} still has ${left.map((s) => `"${s}"`).join(' and ')}.`,
      hintKey: 'still-there',
    };
  return {
    status: 'pass',
    summary: `The lesson's Deny is gone from ${repository}: pushes work as before.`,
  };
};

/** Solve: removes the lesson's statements (the policy goes when nothing else is left). */
export const removeDenyStatement: LabAction = async (ctx, params) => {
  const repository = param(params, 'repository');
  const ecr = ctx.env.session.clients.ecr;
  const text = await readRepositoryPolicy(ctx, repository);
  if (!text || !LESSON_SIDS.some((sid) => text.includes(`"${sid}"`)))
    return { summary: 'nothing to remove' };
  const rest = withoutStatements(text, LESSON_SIDS);
  if (rest)
    await ecr.send(
      new SetRepositoryPolicyCommand({ repositoryName: repository, policyText: rest }),
    );
  else await ecr.send(new DeleteRepositoryPolicyCommand({ repositoryName: repository }));
  return { summary: `removed ${LESSON_SIDS.join(' and ')} from the policy of ${repository}` };
};
