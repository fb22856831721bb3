/** Cross-account lesson, clean-up: the partner statement and the partner's pull policy removed. */
import { t as msg } from '../i18n/index.js';
import { DeleteRepositoryPolicyCommand, SetRepositoryPolicyCommand } from '@aws-sdk/client-ecr';
import { GetUserPolicyCommand } from '@aws-sdk/client-iam';
import { readRepositoryPolicy } from './apply.js';
import { PARTNER_SID } from './partner-grant.js';
import { partnerPolicyName, removePartnerPullPolicy } from './partner-identity.js';
import { partnerClients, probePull, withoutStatements } from './probes.js';
import type { LabAction, LabCheck } from './types.js';
import { errName, errorResult, optionalParam, param } from './util.js';

/** Passes when the partner can no longer pull and the lesson's pull policy is gone (sandbox). */
export const checkPartnerAccessRemoved: LabCheck = async (ctx, params) => {
  const repository = param(params, 'repository');
  const partnerUser = param(params, 'partnerUser');
  const s = ctx.env.session;
  let text: string | undefined;
  try {
    text = await readRepositoryPolicy(ctx, repository);
  } catch (err) {
    return errorResult(ctx, err, msg('check.doing.readPolicy', { repository }));
  }
  const left: string[] = [];
  if (text?.includes(`"${PARTNER_SID}"`))
    left.push(msg('checks.partner.leftStatement', { sid: PARTNER_SID, repository }));
  if (s.sandbox) {
    const admin = s.clientsAs(
      s.sandbox.user(param(params, 'partnerAdmin'), s.sandbox.secondAccountId).credentials,
    );
    try {
      await admin.iam.send(
        new GetUserPolicyCommand({
          UserName: partnerUser,
          PolicyName: partnerPolicyName(repository),
        }),
      );
      left.push(
        msg('checks.partner.leftInline', { name: partnerPolicyName(repository), partnerUser }),
      );
    } catch (err) {
      if (errName(err) !== 'NoSuchEntity' && errName(err) !== 'NoSuchEntityException')
        return errorResult(ctx, err, msg('checks.partner.readPolicies', { partnerUser }));
    }
  }
  const p = partnerClients(ctx, partnerUser, optionalParam(params, 'partnerProfile'));
  if (p) {
    const me = await s.whoAmI();
    const r = await probePull(p.clients.ecr, me.accountId, repository);
    if (r.outcome === 'allowed') left.push(msg('checks.partner.leftPull', { partnerUser }));
  }
  if (left.length)
    return {
      status: 'fail',
      summary: msg('checks.partner.stillThere', { left: left.join('; ') }),
      hintKey: 'still-there',
    };
  return {
    status: 'pass',
    summary: msg('checks.partner.cleaned', { partnerUser, repository }),
  };
};

/** Solve: removes the partner statement (the policy goes if nothing else is left) and the pull policy. */
export const removePartnerAccess: LabAction = async (ctx, params) => {
  const repository = param(params, 'repository');
  const ecr = ctx.env.session.clients.ecr;
  const text = await readRepositoryPolicy(ctx, repository);
  const done: string[] = [];
  if (text?.includes(`"${PARTNER_SID}"`)) {
    const rest = withoutStatements(text, [PARTNER_SID]);
    if (rest)
      await ecr.send(
        new SetRepositoryPolicyCommand({ repositoryName: repository, policyText: rest }),
      );
    else await ecr.send(new DeleteRepositoryPolicyCommand({ repositoryName: repository }));
    done.push(msg('checks.deny.removed', { sids: `"${PARTNER_SID}"`, repository }));
  }
  if (
    ctx.env.session.sandbox &&
    (await removePartnerPullPolicy(
      ctx,
      param(params, 'partnerAdmin'),
      param(params, 'partnerUser'),
      repository,
    ))
  )
    done.push(
      msg('checks.partner.deletedInline', {
        name: partnerPolicyName(repository),
        partnerUser: param(params, 'partnerUser'),
      }),
    );
  return { summary: done.length ? done.join('; ') : msg('checks.nothingToRemove') };
};
