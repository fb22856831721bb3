/** Cross-account lesson, step 2: is there a partner account to act in, and which is it. */
import { t as msg } from '../i18n/index.js';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { LabCheck } from './types.js';
import { needsPartnerAccount, partnerClients } from './probes.js';
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
      summary: msg('checks.partner.noAccount'),
      details: [needsPartnerAccount()],
      hintKey: 'no-partner-account',
    };
  }
  let mine: string;
  let partner: { Account?: string; Arn?: string };
  try {
    mine = (await ctx.env.session.whoAmI()).accountId;
    partner = await p.clients.sts.send(new GetCallerIdentityCommand({}));
  } catch (err) {
    return errorResult(ctx, err, msg('checks.partner.signIn', { how: p.how }));
  }
  if (!partner.Account || partner.Account === mine) {
    return {
      status: 'fail',
      summary: msg('checks.partner.sameAccount', { how: p.how, mine }),
      details: [needsPartnerAccount()],
      hintKey: 'same-account',
    };
  }
  ctx.setVar(PARTNER_ACCOUNT_VAR, partner.Account);
  return {
    status: 'pass',
    summary: msg('checks.partner.ready', {
      account: partner.Account,
      arn: partner.Arn ?? '',
      how: p.how,
    }),
    evidence: { partnerAccount: partner.Account },
  };
};
