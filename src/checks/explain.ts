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
  traceWhy,
  type NamedPolicy,
  type TraceEntry,
} from '../policy/index.js';
import type { CheckResult, TraceLineView } from '../engine/types.js';
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
    return errorResult(ctx, err, `read the policy of ${repository}`);
  }
  try {
    ciPolicies = await userIdentityPolicies(ctx, ciUser);
  } catch {
    ciPoliciesRead = false;
  }
  const resource = repositoryArn(s.region, me.accountId, repository);
  const resourcePolicy = policyText
    ? { name: `repository policy of ${repository}`, document: parsePolicy(policyText) }
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
    return { principal, action, decision: r.decision, reason: r.reason, trace: traceView(r.trace) };
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
        name: `repository policy of ${repository} without ecr:PutImage`,
        document: without,
      },
    });
    cases.push({
      principal: userArn(me.accountId, ciUser),
      action: 'ecr:PutImage',
      decision: r.decision,
      reason: `experiment, the policy without ecr:PutImage: ${r.reason}`,
      trace: traceView(r.trace),
    });
  }
  const details = cases.map((c) => `${c.principal} ${c.action}: ${c.decision} (${c.reason})`);
  if (!ciPoliciesRead)
    details.push(
      `(the tutor could not read ${ciUser}'s IAM policies, so its trace shows the repository policy only)`,
    );
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
      details.push(`Live: ${partnerUser} was able to call BatchGetImage on ${repository}.`);
      partnerCase.decision = 'allowed';
    } catch (err) {
      const name = errName(err);
      if (name === 'AccessDeniedException')
        details.push(`Live: the sandbox denied ${partnerUser}: ${(err as Error).message}`);
      else
        details.push(
          `Live: the partner's pull could not be tried (${name ?? (err as Error).message}).`,
        );
    }
  }
  const view = { kind: 'explain' as const, cases };
  if (ciCase.decision !== 'allowed') {
    return {
      status: 'fail',
      summary: `${ciUser} is not allowed ecr:PutImage by the live policies: ${ciCase.reason}.`,
      details: [...details, 'Apply the policy again (step 6) before explaining it.'],
      hintKey: 'ci-denied',
      view,
    };
  }
  if (partnerCase.decision === 'allowed') {
    return {
      status: 'fail',
      summary: `${partnerUser} from account ${partnerAccount} is allowed to pull: the repository policy lets in more than the CI user.`,
      details,
      hintKey: 'partner-allowed',
      view,
    };
  }
  const q = quizResult(ctx);
  if (q) return { ...q, details: [...details, ...(q.details ?? [])], view };
  return {
    status: 'pass',
    summary: `${ciUser} is allowed by the repository policy; ${partnerUser} (another account) is denied.`,
    details,
    evidence: { decisions: details },
    view,
  };
};
