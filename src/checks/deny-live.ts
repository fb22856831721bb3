/** Explicit-deny lesson: the Deny proved live: your push is refused, the CI user's is not. */
import { t as msg } from '../i18n/index.js';
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
    return errorResult(ctx, err, msg('check.doing.whoAmI'));
  }
  const mine = await probePush(ctx.env.session.clients.ecr, me.accountId, repository);
  const details = [describeProbe('you', 'push', mine)];
  if (mine.outcome !== 'denied' || !mine.explicit)
    return {
      status: 'fail',
      summary: msg('checks.deny.liveNotDenied'),
      details,
      hintKey: 'admin-not-denied',
    };
  const ci = ciClients(ctx, ciUser, optionalParam(params, 'ciProfile'));
  if (!ci) {
    details.push(msg('checks.deny.noCiKeys', { ciUser }));
  } else {
    const theirs = await probePush(ci.ecr, me.accountId, repository);
    details.push(describeProbe(ciUser, 'push', theirs));
    if (theirs.outcome !== 'allowed')
      return {
        status: 'fail',
        summary: msg('checks.deny.ciRefused', { ciUser }),
        details,
        hintKey: 'ci-denied',
      };
  }
  return {
    status: 'pass',
    summary: msg('checks.deny.livePassed', { ciUser, ci: ci ? 'yes' : 'no' }),
    details,
  };
};
