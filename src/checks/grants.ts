/**
 * What a repository policy grants, judged with the policy toolkit's evaluator rather than by
 * reading the JSON: the CI user must be allowed exactly the push and pull actions, and nobody
 * else may be let in. Shared by the compose and apply steps.
 */
import { t as msg } from '../i18n/index.js';
import {
  actionsOfService,
  evaluate,
  findAction,
  principalFromArn,
  principalsOf,
  PULL_ACTIONS,
  PUSH_ACTIONS,
  type PolicyDocument,
} from '../policy/index.js';
import { repositoryArn, userArn } from './util.js';

/** The seven actions the lesson's policy grants: push, then pull. */
export const REQUIRED_ACTIONS: readonly string[] = [...PUSH_ACTIONS, ...PULL_ACTIONS];

export interface GrantTarget {
  accountId: string;
  region: string;
  repository: string;
  ciUser: string;
}

export interface GrantAnalysis {
  /** required actions the CI user is not allowed */
  missing: string[];
  /** repository actions the CI user is allowed beyond push and pull */
  extra: string[];
  /** other callers the policy lets in (same-account users, other accounts, everyone) */
  others: string[];
  /** the principals the policy names */
  named: string[];
  /** evaluator features the policy uses that could not be judged */
  unsupported: string[];
}

const REPO_ACTIONS = actionsOfService('ecr').filter((a) => findAction(a)?.scope !== '*');
const PROBE = 'ecr-tutor-probe';
const OTHER_ACCOUNT = '999999999999';

/** Evaluates the policy for the CI user and for stand-in strangers. */
export function analyseGrant(doc: PolicyDocument, t: GrantTarget): GrantAnalysis {
  const resource = repositoryArn(t.region, t.accountId, t.repository);
  const resourcePolicy = {
    name: msg('checks.explain.repositoryPolicyOf', { repository: t.repository }),
    document: doc,
  };
  const unsupported = new Set<string>();
  const allowed = (arn: string, action: string, identityAllowsAll: boolean): boolean => {
    const r = evaluate({
      request: { principal: principalFromArn(arn), action, resource },
      identityPolicies: identityAllowsAll
        ? [
            {
              name: msg('checks.grants.standIn'),
              document: {
                version: '2012-10-17',
                statements: [{ effect: 'Allow', action: ['ecr:*'], resource: ['*'] }],
              },
            },
          ]
        : [],
      resourcePolicy,
    });
    r.unsupported.forEach((u) => unsupported.add(u));
    return r.decision === 'allowed';
  };
  const ci = userArn(t.accountId, t.ciUser);
  const missing = REQUIRED_ACTIONS.filter((a) => !allowed(ci, a, false));
  const extra = REPO_ACTIONS.filter((a) => !REQUIRED_ACTIONS.includes(a) && allowed(ci, a, false));
  const others: string[] = [];
  const sameAccountStranger = userArn(t.accountId, PROBE);
  if (REQUIRED_ACTIONS.some((a) => allowed(sameAccountStranger, a, false)))
    others.push(msg('checks.grants.otherUsers', { account: t.accountId }));
  const foreign = userArn(OTHER_ACCOUNT, PROBE);
  if (REQUIRED_ACTIONS.some((a) => allowed(foreign, a, true)))
    others.push(msg('checks.grants.otherAccounts'));
  return { missing, extra, others, named: principalsOf(doc), unsupported: [...unsupported] };
}

/** Plain-words lines for everything wrong with a grant; [] when it is exactly right. */
export function grantProblems(a: GrantAnalysis, t: GrantTarget): string[] {
  const out: string[] = [];
  const ci = userArn(t.accountId, t.ciUser);
  if (a.missing.length === REQUIRED_ACTIONS.length && !a.named.includes(ci)) {
    out.push(
      msg('checks.grants.notNamed', {
        ciUser: t.ciUser,
        named: a.named.join(', '),
        hasNamed: a.named.length ? 'yes' : 'no',
        ci,
      }),
    );
  } else if (a.missing.length) {
    out.push(msg('checks.grants.missing', { ciUser: t.ciUser, actions: a.missing.join(', ') }));
  }
  if (a.extra.length) out.push(msg('checks.grants.extra', { actions: a.extra.join(', ') }));
  if (a.others.length)
    out.push(msg('checks.grants.others', { others: a.others.join(msg('checks.and')), ci }));
  if (a.unsupported.length)
    out.push(msg('checks.grants.unsupported', { what: a.unsupported.join('; ') }));
  return out;
}
