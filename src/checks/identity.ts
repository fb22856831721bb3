/** Steps 1 and 2: who am I, and does the learner know their account ID. */
import type { LabAction, LabCheck } from './types.js';
import { errorResult, param } from './util.js';

/** Passes when STS answers GetCallerIdentity; records identityArn. */
export const checkCallerIdentity: LabCheck = async (ctx) => {
  const s = ctx.env.session;
  let me;
  try {
    me = await s.whoAmI();
  } catch (err) {
    return errorResult(ctx, err, 'ask AWS who you are');
  }
  ctx.setVar('identityArn', me.arn);
  const where =
    s.kind === 'sandbox'
      ? `the sandbox at ${s.endpoint}`
      : s.kind === 'endpoint'
        ? `the endpoint ${s.endpoint}`
        : 'real AWS';
  return {
    status: 'pass',
    summary: `Connected to ${where} as ${me.arn} in ${s.region}.`,
    details: [
      `identity: ${me.arn}`,
      `region: ${s.region}`,
      ...(s.profile ? [`profile: ${s.profile}`] : []),
    ],
    evidence: { arn: me.arn, region: s.region, kind: s.kind },
    view: {
      kind: 'identity',
      arn: me.arn,
      accountId: me.accountId,
      region: s.region,
      target: s.kind,
    },
  };
};

/** Passes when the typed account ID equals the one STS reports. */
export const checkAccountIdMatches: LabCheck = async (ctx, params) => {
  const answer = typeof params.answer === 'string' ? params.answer.trim() : '';
  if (!answer) {
    return {
      status: 'fail',
      summary: 'Type your 12-digit account ID first.',
      hintKey: 'no-answer',
    };
  }
  if (!/^\d{12}$/.test(answer)) {
    return {
      status: 'fail',
      summary: `"${answer}" is not an account ID: it has exactly 12 digits.`,
      hintKey: 'format',
    };
  }
  let me;
  try {
    me = await ctx.env.session.whoAmI();
  } catch (err) {
    return errorResult(ctx, err, 'ask AWS for your account ID');
  }
  if (me.accountId !== answer) {
    return {
      status: 'fail',
      summary: `${answer} is not the account you are signed in to.`,
      details: [
        'STS says your identity is in a different account (look at the "Account" field of `aws sts get-caller-identity`).',
      ],
      hintKey: 'wrong-account',
      evidence: { typed: answer },
    };
  }
  return {
    status: 'pass',
    summary: `Right: you are in account ${answer}.`,
    evidence: { accountId: answer },
  };
};

/** Solve: records the account ID from STS as if the learner had typed it. */
export const fillAccountId: LabAction = async (ctx, params) => {
  const variable = param(params, 'variable');
  const me = await ctx.env.session.whoAmI();
  ctx.setVar(variable, me.accountId);
  return { summary: `Filled in your account ID, ${me.accountId}.` };
};
