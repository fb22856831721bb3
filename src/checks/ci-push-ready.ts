/** Explicit-deny lesson, step 2: the starting point of lesson 5.1, the CI user may push and pull. */
import { t as msg } from '../i18n/index.js';
import { SetRepositoryPolicyCommand } from '@aws-sdk/client-ecr';
import { parsePolicy, PULL_ACTIONS, PUSH_ACTIONS, type PolicyDocument } from '../policy/index.js';
import { readRepositoryPolicy } from './apply.js';
import { decideOnPaper } from './deny-policy.js';
import { userIdentityPolicies } from './iam-policies.js';
import { withStatement } from './probes.js';
import type { LabAction, LabCheck } from './types.js';
import { errorResult, param, repositoryArn, userArn } from './util.js';

export const CI_SID = 'AllowPushPullFromCICDUser';

/** Passes when the live policies let the CI user run every push and pull action. */
export const checkCiUserMayPush: LabCheck = async (ctx, params) => {
  const repository = param(params, 'repository');
  const ciUser = param(params, 'ciUser');
  let me;
  let text: string | undefined;
  try {
    me = await ctx.env.session.whoAmI();
    text = await readRepositoryPolicy(ctx, repository);
  } catch (err) {
    return errorResult(ctx, err, msg('check.doing.readPolicy', { repository }));
  }
  const ci = userArn(me.accountId, ciUser);
  const resource = repositoryArn(ctx.env.session.region, me.accountId, repository);
  const identity = await userIdentityPolicies(ctx, ciUser).catch(() => []);
  let doc: PolicyDocument = { version: '2012-10-17', statements: [] };
  try {
    if (text) doc = parsePolicy(text);
  } catch {
    // an unreadable policy grants nothing here; lesson 5.1's step 6 says why
  }
  const denied = [...PUSH_ACTIONS, ...PULL_ACTIONS].filter(
    (a) => decideOnPaper(doc, ci, a, resource, identity).decision !== 'allowed',
  );
  if (denied.length)
    return {
      status: 'fail',
      summary: msg('checks.ciReady.notYet', {
        ciUser,
        all: denied.length === 7 ? 'yes' : 'no',
        actions: denied.join(', '),
      }),
      hintKey: 'ci-cannot-push',
    };
  return {
    status: 'pass',
    summary: msg('checks.ciReady.passed', { ciUser }),
  };
};

/** Solve: lesson 5.1's statement, added to the repository policy. */
export const grantCiPush: LabAction = async (ctx, params) => {
  const repository = param(params, 'repository');
  const me = await ctx.env.session.whoAmI();
  const current = await readRepositoryPolicy(ctx, repository);
  const policyText = withStatement(current, {
    Sid: CI_SID,
    Effect: 'Allow',
    Principal: { AWS: userArn(me.accountId, param(params, 'ciUser')) },
    Action: [...PULL_ACTIONS, ...PUSH_ACTIONS],
  });
  await ctx.env.session.clients.ecr.send(
    new SetRepositoryPolicyCommand({ repositoryName: repository, policyText }),
  );
  return { summary: msg('checks.ciReady.added', { sid: CI_SID, repository }) };
};
