/**
 * Step 8: evaluate the live policies the way AWS does, for the CI user (allowed by the
 * repository policy) and for the partner in the second account (denied), with the traces;
 * in the sandbox the partner's denial is also tried for real. Plus the step's question.
 */
import { BatchGetImageCommand } from '@aws-sdk/client-ecr';
import {
  evaluate,
  parsePolicy,
  principalFromArn,
  decisionWhy,
  traceWhy,
  type NamedPolicy,
  type TraceEntry,
} from '../policy/index.js';
import type { CheckResult, TraceLineView } from '../engine/types.js';
import { t as msg } from '../i18n/index.js';
import { readRepositoryPolicy } from './apply.js';
import { userIdentityPolicies } from './iam-policies.js';
import { quizResult } from './quiz.js';
import type { LabCheck } from './types.js';
import { errName, errorResult, optionalParam, param, repositoryArn, userArn } from './util.js';

/** A stand-in second account for real AWS, where the tutor knows no partner account. */
export const EXAMPLE_PARTNER_ACCOUNT = '111122223333';

type Case = Extract<NonNullable<CheckResult['view']>, { kind: 'explain' }>['cases'][number];

/** The evaluator's trace as the explain view shows it (only the fields the view has). */
function traceView(trace: TraceEntry[]): TraceLineView[] {
  return trace.map((t) => ({
    policy: t.policy,
    policyType: t.policyType,
    sid: t.sid,
    effect: t.effect,
    matched: t.matched,
    why: traceWhy(t),
  }));
}

/** Passes when the CI user is allowed, the partner is denied, and the question is answered. */
export const checkExplainDecisions: LabCheck = async (ctx, params) => {
  const repository = param(params, 'repository');
  const ciUser = param(params, 'ciUser');
  const partnerUser = param(params, 'partnerUser');
  const s = ctx.env.session;
  let me;
  let policyText: string | undefined;
  let ciPolicies: NamedPolicy[] = [];
  let ciPoliciesRead = true;
  try {
    me = await s.whoAmI();
    policyText = await readRepositoryPolicy(ctx, repository);
  } catch (err) {
    return errorResult(ctx, err, msg('check.doing.readPolicy', { repository }));
  }
  try {
    ciPolicies = await userIdentityPolicies(ctx, ciUser);
  } catch {
    ciPoliciesRead = false;
  }
  const resource = repositoryArn(s.region, me.accountId, repository);
  const resourcePolicy = policyText
    ? {
        name: msg('checks.explain.repositoryPolicyOf', { repository }),
        document: parsePolicy(policyText),
      }
    : undefined;
  const partnerAccount =
    s.sandbox?.secondAccountId ??
    optionalParam(params, 'partnerAccount') ??
    EXAMPLE_PARTNER_ACCOUNT;
  const toView = (principal: string, action: string, identityPolicies: NamedPolicy[]): Case => {
    const r = evaluate({
      request: { principal: principalFromArn(principal), action, resource },
      identityPolicies,
      resourcePolicy,
    });
    return {
      principal,
      action,
      decision: r.decision,
      reason: decisionWhy(r, action),
      trace: traceView(r.trace),
    };
  };
  const ciCase = toView(userArn(me.accountId, ciUser), 'ecr:PutImage', ciPolicies);
  const partnerCase = toView(userArn(partnerAccount, partnerUser), 'ecr:BatchGetImage', []);
  const cases = [ciCase, partnerCase];
  // The experiment of the step text, done on paper first: the same policy without ecr:PutImage.
  if (
    resourcePolicy &&
    resourcePolicy.document.statements.some((st) => st.action?.includes('ecr:PutImage'))
  ) {
    const without = {
      ...resourcePolicy.document,
      statements: resourcePolicy.document.statements.map((st) => ({
        ...st,
        action: st.action?.filter((a) => a !== 'ecr:PutImage'),
      })),
    };
    const r = evaluate({
      request: {
        principal: principalFromArn(userArn(me.accountId, ciUser)),
        action: 'ecr:PutImage',
        resource,
      },
      identityPolicies: ciPolicies,
      resourcePolicy: {
        name: msg('checks.explain.withoutPutImage', { repository }),
        document: without,
      },
    });
    cases.push({
      principal: userArn(me.accountId, ciUser),
      action: 'ecr:PutImage',
      decision: r.decision,
      reason: msg('checks.explain.experiment', { why: decisionWhy(r, 'ecr:PutImage') }),
      trace: traceView(r.trace),
    });
  }
  const details = cases.map((c) =>
    msg('checks.explain.case', {
      principal: c.principal,
      action: c.action,
      decision: c.decision.replace(/-/g, '_'),
      reason: c.reason,
    }),
  );
  if (!ciPoliciesRead) details.push(msg('checks.explain.iamUnread', { ciUser }));
  // In the sandbox, try the partner's pull for real: the evaluator and the service must agree.
  if (s.sandbox) {
    try {
      const partner = s.clientsAs(s.sandbox.user(partnerUser, partnerAccount).credentials);
      await partner.ecr.send(
        new BatchGetImageCommand({
          registryId: me.accountId,
          repositoryName: repository,
          imageIds: [{ imageTag: 'latest' }],
        }),
      );
      details.push(msg('checks.explain.liveAllowed', { partnerUser, repository }));
      partnerCase.decision = 'allowed';
    } catch (err) {
      const name = errName(err);
      if (name === 'AccessDeniedException')
        details.push(
          msg('checks.explain.liveDenied', { partnerUser, message: (err as Error).message }),
        );
      else details.push(msg('checks.explain.liveUntried', { why: name ?? (err as Error).message }));
    }
  }
  const view = { kind: 'explain' as const, cases };
  if (ciCase.decision !== 'allowed') {
    return {
      status: 'fail',
      summary: msg('checks.explain.ciDenied', { ciUser, reason: ciCase.reason }),
      details: [...details, msg('checks.explain.applyAgain')],
      hintKey: 'ci-denied',
      view,
    };
  }
  if (partnerCase.decision === 'allowed') {
    return {
      status: 'fail',
      summary: msg('checks.explain.partnerAllowed', { partnerUser, partnerAccount }),
      details,
      hintKey: 'partner-allowed',
      view,
    };
  }
  const q = quizResult(ctx);
  if (q) return { ...q, details: [...details, ...(q.details ?? [])], view };
  return {
    status: 'pass',
    summary: msg('checks.explain.passed', { ciUser, partnerUser }),
    details,
    evidence: { decisions: details },
    view,
  };
};
