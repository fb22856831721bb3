/** Explicit-deny lesson: the Deny proved live: your push is refused, the CI user's is not. */
import type { LabCheck, LabContext } from './types.js';
import { describeProbe, probePush } from './probes.js';
import type { AwsClients } from '../aws/session.js';
import { errorResult, optionalParam, param } from './util.js';

/** The CI user's clients: sandbox keys, or on real AWS the profile given as ciProfile. */
function ciClients(
  ctx: LabContext,
  ciUser: string,
  ciProfile: string | undefined,
): AwsClients | undefined {
  const s = ctx.env.session;
  if (s.sandbox) return s.clientsAs(s.sandbox.user(ciUser).credentials);
  if (ciProfile) return s.clientsAs({ profile: ciProfile });
  return undefined;
}

/** Passes when your InitiateLayerUpload gets an explicit deny and the CI user's is allowed. */
export const checkDenyProvedLive: LabCheck = async (ctx, params) => {
  const repository = param(params, 'repository');
  const ciUser = param(params, 'ciUser');
  let me;
  try {
    me = await ctx.env.session.whoAmI();
  } catch (err) {
    return errorResult(ctx, err, 'ask AWS who you are');
  }
  const mine = await probePush(ctx.env.session.clients.ecr, me.accountId, repository);
  const details = [describeProbe('you', 'start a push', mine)];
  if (mine.outcome !== 'denied' || !mine.explicit)
    return {
      status: 'fail',
      summary:
        'Your own push is not refused with an explicit deny: the Deny is not on the repository yet.',
      details,
      hintKey: 'admin-not-denied',
    };
  const ci = ciClients(ctx, ciUser, optionalParam(params, 'ciProfile'));
  if (!ci) {
    details.push(
      `(the tutor has no keys of ${ciUser} here: give the lesson ciProfile to try its push too)`,
    );
  } else {
    const theirs = await probePush(ci.ecr, me.accountId, repository);
    details.push(describeProbe(ciUser, 'start a push', theirs));
    if (theirs.outcome !== 'allowed')
      return {
        status: 'fail',
        summary: `${ciUser}'s push is refused too: the Deny must leave it out.`,
        details,
        hintKey: 'ci-denied',
      };
  }
  return {
    status: 'pass',
    summary: `Your push is refused "with an explicit deny in a resource-based policy"${ci ? `; ${ciUser}'s is allowed` : ''}.`,
    details,
  };
};
