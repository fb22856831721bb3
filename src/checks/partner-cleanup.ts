/** Cross-account lesson, clean-up: the partner statement and the partner's pull policy removed. */
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
    return errorResult(ctx, err, `read the policy of ${repository}`);
  }
  const left: string[] = [];
  if (text?.includes(`"${PARTNER_SID}"`))
    left.push(`the statement "${PARTNER_SID}" in the policy of ${repository}`);
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
      left.push(`the inline policy ${partnerPolicyName(repository)} of ${partnerUser}`);
    } catch (err) {
      if (errName(err) !== 'NoSuchEntity' && errName(err) !== 'NoSuchEntityException')
        return errorResult(ctx, err, `read the policies of ${partnerUser}`);
    }
  }
  const p = partnerClients(ctx, partnerUser, optionalParam(params, 'partnerProfile'));
  if (p) {
    const me = await s.whoAmI();
    const r = await probePull(p.clients.ecr, me.accountId, repository);
    if (r.outcome === 'allowed') left.push(`${partnerUser} can still pull`);
  }
  if (left.length)
    return { status: 'fail', summary: `Still there: ${left.join('; ')}.`, hintKey: 'still-there' };
  return {
    status: 'pass',
    summary: `${partnerUser} can no longer pull from ${repository}; the lesson's changes are gone.`,
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
    done.push(`removed "${PARTNER_SID}" from the policy of ${repository}`);
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
    done.push(`deleted ${partnerPolicyName(repository)} of ${param(params, 'partnerUser')}`);
  return { summary: done.length ? done.join('; ') : 'nothing to remove' };
};
