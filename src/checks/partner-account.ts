/** Cross-account lesson, step 2: is there a partner account to act in, and which is it. */
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { LabCheck } from './types.js';
import { NEEDS_PARTNER_ACCOUNT, partnerClients } from './probes.js';
import { errorResult, optionalParam, param } from './util.js';

/** Recorded value: the partner's 12-digit account id. */
export const PARTNER_ACCOUNT_VAR = 'partnerAccount';

/** Passes when the tutor can act as the partner user in a second account; records partnerAccount. */
export const checkPartnerAccountReady: LabCheck = async (ctx, params) => {
  const partnerUser = param(params, 'partnerUser');
  const p = partnerClients(ctx, partnerUser, optionalParam(params, 'partnerProfile'));
  if (!p) {
    return {
      status: 'fail',
      summary: 'There is no partner account to act in.',
      details: [NEEDS_PARTNER_ACCOUNT],
      hintKey: 'no-partner-account',
    };
  }
  let mine: string;
  let partner: { Account?: string; Arn?: string };
  try {
    mine = (await ctx.env.session.whoAmI()).accountId;
    partner = await p.clients.sts.send(new GetCallerIdentityCommand({}));
  } catch (err) {
    return errorResult(ctx, err, `sign in to the partner account with ${p.how}`);
  }
  if (!partner.Account || partner.Account === mine) {
    return {
      status: 'fail',
      summary: `${p.how} signs in to your own account ${mine}, not a second one.`,
      details: [NEEDS_PARTNER_ACCOUNT],
      hintKey: 'same-account',
    };
  }
  ctx.setVar(PARTNER_ACCOUNT_VAR, partner.Account);
  return {
    status: 'pass',
    summary: `The partner account is ${partner.Account}; the tutor acts there as ${partner.Arn} (${p.how}).`,
    evidence: { partnerAccount: partner.Account },
  };
};
