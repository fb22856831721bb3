/** Explicit-deny lesson, clean-up: the lesson's Deny statements removed, your pushes back. */
import { t as msg } from '../i18n/index.js';
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
    return errorResult(ctx, err, msg('check.doing.readPolicy', { repository }));
  }
  const left = LESSON_SIDS.filter((sid) => text?.includes(`"${sid}"`));
  if (left.length)
    return {
      status: 'fail',
      summary: msg('checks.deny.stillHas', {
        repository,
        sids: left.map((s) => `"${s}"`).join(msg('checks.and')),
      }),
      hintKey: 'still-there',
    };
  return {
    status: 'pass',
    summary: msg('checks.deny.gone', { repository }),
  };
};

/** Solve: removes the lesson's statements (the policy goes when nothing else is left). */
export const removeDenyStatement: LabAction = async (ctx, params) => {
  const repository = param(params, 'repository');
  const ecr = ctx.env.session.clients.ecr;
  const text = await readRepositoryPolicy(ctx, repository);
  if (!text || !LESSON_SIDS.some((sid) => text.includes(`"${sid}"`)))
    return { summary: msg('checks.nothingToRemove') };
  const rest = withoutStatements(text, LESSON_SIDS);
  if (rest)
    await ecr.send(
      new SetRepositoryPolicyCommand({ repositoryName: repository, policyText: rest }),
    );
  else await ecr.send(new DeleteRepositoryPolicyCommand({ repositoryName: repository }));
  return {
    summary: msg('checks.deny.removed', { sids: LESSON_SIDS.join(msg('checks.and')), repository }),
  };
};
