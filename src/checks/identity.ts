/** Steps 1 and 2: who am I, and does the learner know their account ID. */
import type { LabAction, LabCheck } from './types.js';
import { errorResult, param } from './util.js';
import { t } from '../i18n/index.js';

/** Passes when STS answers GetCallerIdentity; records identityArn. */
export const checkCallerIdentity: LabCheck = async (ctx) => {
  const s = ctx.env.session;
  let me;
  try {
    me = await s.whoAmI();
  } catch (err) {
    return errorResult(ctx, err, t('check.doing.whoAmI'));
  }
  ctx.setVar('identityArn', me.arn);
  return {
    status: 'pass',
    summary: t('check.identity.connected', {
      target: s.kind,
      endpoint: s.endpoint ?? '',
      arn: me.arn,
      region: s.region,
    }),
    details: [
      t('check.identity.identity', { arn: me.arn }),
      t('check.identity.region', { region: s.region }),
      ...(s.profile ? [t('check.identity.profile', { profile: s.profile })] : []),
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
      summary: t('check.account.noAnswer'),
      hintKey: 'no-answer',
    };
  }
  if (!/^\d{12}$/.test(answer)) {
    return {
      status: 'fail',
      summary: t('check.account.format', { answer }),
      hintKey: 'format',
    };
  }
  let me;
  try {
    me = await ctx.env.session.whoAmI();
  } catch (err) {
    return errorResult(ctx, err, t('check.doing.accountId'));
  }
  if (me.accountId !== answer) {
    return {
      status: 'fail',
      summary: t('check.account.wrong', { answer }),
      details: [t('check.account.wrongDetail')],
      hintKey: 'wrong-account',
      evidence: { typed: answer },
    };
  }
  return {
    status: 'pass',
    summary: t('check.account.right', { answer }),
    evidence: { accountId: answer },
  };
};

/** Solve: records the account ID from STS as if the learner had typed it. */
export const fillAccountId: LabAction = async (ctx, params) => {
  const variable = param(params, 'variable');
  const me = await ctx.env.session.whoAmI();
  ctx.setVar(variable, me.accountId);
  return { summary: t('check.account.filled', { accountId: me.accountId }) };
};
