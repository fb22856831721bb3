/**
 * Cross-account lesson, step 4: the repository policy names the partner user for the pull
 * actions. Judged by the evaluator on the repository's side alone (as if the partner's account
 * allowed everything), so only what the repository policy grants is tested.
 */
import { t as msg } from '../i18n/index.js';
import { SetRepositoryPolicyCommand } from '@aws-sdk/client-ecr';
import { evaluate, principalFromArn, type PolicyDocument } from '../policy/index.js';
import { readRepositoryPolicy, readRepositoryPolicyDoc } from './apply.js';
import { writeLessonFile } from './lesson-files.js';
import { withStatement } from './probes.js';
import { PARTNER_ACCOUNT_VAR } from './partner-account.js';
import type { LabAction, LabCheck, LabContext } from './types.js';
import { param, repositoryArn, userArn } from './util.js';

/** The Sid of the statement the lesson adds (and its clean-up removes). */
export const PARTNER_SID = 'AllowPartnerPull';
export const PARTNER_PLACEHOLDER = '<PARTNER_ACCOUNT_ID>';
/** What a pull needs (AWS's pull examples also grant BatchCheckLayerAvailability). */
export const PARTNER_PULL_ACTIONS = [
  'ecr:BatchGetImage',
  'ecr:GetDownloadUrlForLayer',
  'ecr:BatchCheckLayerAvailability',
];

/** The statement that lets the partner user pull. */
export function partnerStatement(
  partnerAccount: string,
  partnerUser: string,
): Record<string, unknown> & { Sid: string } {
  return {
    Sid: PARTNER_SID,
    Effect: 'Allow',
    Principal: { AWS: `arn:aws:iam::${partnerAccount}:user/${partnerUser}` },
    Action: PARTNER_PULL_ACTIONS,
  };
}

const ALLOW_ALL: PolicyDocument = {
  version: '2012-10-17',
  statements: [{ effect: 'Allow', action: ['*'], resource: ['*'] }],
};

/** Does the repository policy, on its own side, let `principal` run `action`? */
function repositorySideAllows(
  doc: PolicyDocument,
  principal: string,
  action: string,
  resource: string,
  owner: string,
): boolean {
  return (
    evaluate({
      request: { principal: principalFromArn(principal), action, resource, resourceAccount: owner },
      identityPolicies: [
        { name: 'an identity policy that allows everything', document: ALLOW_ALL },
      ],
      resourcePolicy: { name: 'repository policy', document: doc },
    }).decision === 'allowed'
  );
}

/** Passes when the repository policy lets the partner user pull, and no one else from outside. */
export const checkRepositoryPolicyNamesPartner: LabCheck = async (ctx, params) => {
  const repository = param(params, 'repository');
  const partnerUser = param(params, 'partnerUser');
  const partnerAccount = param(params, 'partnerAccount');
  const read = await readRepositoryPolicyDoc(
    ctx,
    repository,
    msg('check.apply.none', { repository }),
  );
  if ('result' in read) return read.result;
  const { me, doc } = read;
  const resource = repositoryArn(ctx.env.session.region, me.accountId, repository);
  const partner = userArn(partnerAccount, partnerUser);
  const missing = ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'].filter(
    (a) => !repositorySideAllows(doc, partner, a, resource, me.accountId),
  );
  if (missing.length)
    return {
      status: 'fail',
      summary: msg('checks.partner.notNamed', {
        partner,
        actions: missing.join(msg('checks.and')),
      }),
      details: [msg('checks.partner.notNamedFix', { principal: `{"AWS": "${partner}"}` })],
      hintKey: 'partner-not-named',
    };
  const outsider = userArn(
    partnerAccount === '999999999999' ? '999999999998' : '999999999999',
    'someone-else',
  );
  if (repositorySideAllows(doc, outsider, 'ecr:BatchGetImage', resource, me.accountId))
    return {
      status: 'fail',
      summary: msg('checks.partner.tooOpen'),
      details: [msg('checks.partner.tooOpenWhy', { outsider })],
      hintKey: 'too-open',
    };
  return {
    status: 'pass',
    summary: msg('checks.partner.granted', { partnerUser, partnerAccount }),
  };
};

/** Setup: the policy file to apply: the repository's current statements plus the partner's, with a placeholder. */
export const writePartnerPolicyFile: LabAction = async (ctx, params) => {
  const repository = param(params, 'repository');
  const current = await readRepositoryPolicy(ctx, repository);
  const text = withStatement(
    current,
    partnerStatement(PARTNER_PLACEHOLDER, param(params, 'partnerUser')),
  );
  return { summary: await writeLessonFile(ctx, param(params, 'file'), text) };
};

/** The partner account recorded by the partner-account step (a recorded value, not a lesson param). */
function recordedPartnerAccount(ctx: LabContext): string {
  const a = ctx.vars[PARTNER_ACCOUNT_VAR] ?? ctx.env.session.sandbox?.secondAccountId;
  if (!a) throw new Error(msg('checks.partner.unknownAccount'));
  return a;
}

/** Solve: adds the partner's statement to the live repository policy (the others are kept). */
export const grantPartnerPull: LabAction = async (ctx, params) => {
  const repository = param(params, 'repository');
  const current = await readRepositoryPolicy(ctx, repository);
  const policyText = withStatement(
    current,
    partnerStatement(recordedPartnerAccount(ctx), param(params, 'partnerUser')),
  );
  await ctx.env.session.clients.ecr.send(
    new SetRepositoryPolicyCommand({ repositoryName: repository, policyText }),
  );
  return { summary: msg('checks.addedStatement', { sid: PARTNER_SID, repository }) };
};
