/**
 * Cross-account lesson, step 6: the partner account's own side, an identity policy of the
 * partner user that allows the pull (and the login token docker needs). In the sandbox the
 * solve attaches it as the partner account's admin; on real AWS the learner does that.
 */
import { t as msg } from '../i18n/index.js';
import { DeleteUserPolicyCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { writeLessonFile } from './lesson-files.js';
import { PARTNER_PULL_ACTIONS } from './partner-grant.js';
import type { LabAction, LabContext } from './types.js';
import { errName, param, repositoryArn } from './util.js';

/** The inline policy's name on the partner user. */
export const partnerPolicyName = (repository: string): string => `pull-${repository}`;

/** The partner user's identity policy: pull this one repository, and get a login token. */
export function partnerIdentityPolicy(region: string, owner: string, repository: string): string {
  return JSON.stringify(
    {
      Version: '2012-10-17',
      Statement: [
        { Sid: 'EcrLogin', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
        {
          Sid: 'PullFromPartnerRepository',
          Effect: 'Allow',
          Action: PARTNER_PULL_ACTIONS,
          Resource: repositoryArn(region, owner, repository),
        },
      ],
    },
    null,
    2,
  );
}

/** The partner account's admin in the sandbox (real AWS: the learner acts there themselves). */
function partnerAdminIam(ctx: LabContext, partnerAdmin: string) {
  const s = ctx.env.session;
  if (!s.sandbox) throw new Error(msg('checks.partner.noAdminOnAws'));
  return s.clientsAs(s.sandbox.user(partnerAdmin, s.sandbox.secondAccountId).credentials).iam;
}

/** Setup: writes the identity policy file the learner attaches in the partner account. */
export const writePartnerIdentityFile: LabAction = async (ctx, params) => {
  const me = await ctx.env.session.whoAmI();
  const text = partnerIdentityPolicy(
    ctx.env.session.region,
    me.accountId,
    param(params, 'repository'),
  );
  return { summary: await writeLessonFile(ctx, param(params, 'file'), text) };
};

/** Solve (sandbox): as the partner admin, puts the pull policy on the partner user. */
export const attachPartnerPullPolicy: LabAction = async (ctx, params) => {
  const repository = param(params, 'repository');
  const partnerUser = param(params, 'partnerUser');
  const me = await ctx.env.session.whoAmI();
  await partnerAdminIam(ctx, param(params, 'partnerAdmin')).send(
    new PutUserPolicyCommand({
      UserName: partnerUser,
      PolicyName: partnerPolicyName(repository),
      PolicyDocument: partnerIdentityPolicy(ctx.env.session.region, me.accountId, repository),
    }),
  );
  return {
    summary: msg('checks.partner.putInline', {
      name: partnerPolicyName(repository),
      partnerUser,
      admin: param(params, 'partnerAdmin'),
    }),
  };
};

/** Removes the lesson's inline policy from the partner user (sandbox); true when it was there. */
export async function removePartnerPullPolicy(
  ctx: LabContext,
  partnerAdmin: string,
  partnerUser: string,
  repository: string,
): Promise<boolean> {
  try {
    await partnerAdminIam(ctx, partnerAdmin).send(
      new DeleteUserPolicyCommand({
        UserName: partnerUser,
        PolicyName: partnerPolicyName(repository),
      }),
    );
    return true;
  } catch (err) {
    if (errName(err) === 'NoSuchEntity' || errName(err) === 'NoSuchEntityException') return false;
    throw err;
  }
}
