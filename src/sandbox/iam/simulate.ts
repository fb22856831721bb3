/**
 * SimulatePrincipalPolicy: "would this be allowed?" for a user or role, optionally with a
 * resource policy, answered by the same evaluator that enforces requests.
 */
import {
  evaluate,
  principalFromArn,
  type ContextValues,
  type NamedPolicy,
} from '../../policy/index.js';
import { cachedPolicy, identityPoliciesOfEntity } from '../authorize.js';
import { stateOf, type RequestContext } from '../context.js';
import { AwsError, validationError } from '../protocols/errors.js';
import type { QueryParams, XmlFields } from '../protocols/query.js';
import { iamAuthorize, noSuchEntity, reqParam, validateIamDocument } from './common.js';
import { AWS_MANAGED_POLICIES } from './managed.js';

const AWS_MANAGED_NAMES = new Set([...AWS_MANAGED_POLICIES.values()].map((p) => p.policyName));

/**
 * A matched statement's source as IAM's model names it: SourcePolicyId is the policy's name
 * (`PolicyInputList.N`, `ResourcePolicy` for the inputs), SourcePolicyType one of the
 * PolicySourceType values (user, role, aws-managed, user-managed, resource, none).
 */
function policySource(name: string, resource: boolean): XmlFields {
  if (resource) return { SourcePolicyId: 'ResourcePolicy', SourcePolicyType: 'resource' };
  const inline = /^inline policy (.+) of (user|role) .+$/.exec(name);
  if (inline) return { SourcePolicyId: inline[1]!, SourcePolicyType: inline[2]! };
  const managed = /^managed policy (.+)$/.exec(name);
  if (managed) {
    return {
      SourcePolicyId: managed[1]!,
      SourcePolicyType: AWS_MANAGED_NAMES.has(managed[1]!) ? 'aws-managed' : 'user-managed',
    };
  }
  return { SourcePolicyId: name, SourcePolicyType: 'none' };
}

const DECISION = {
  allowed: 'allowed',
  'explicit-deny': 'explicitDeny',
  'implicit-deny': 'implicitDeny',
} as const;

function contextOf(q: QueryParams): ContextValues {
  const out: ContextValues = {};
  const entries = q.structList('ContextEntries');
  entries.forEach((get, i) => {
    const key = get('ContextKeyName');
    if (!key) return;
    const values = q.nestedList('ContextEntries', i + 1, 'ContextKeyValues');
    const type = (get('ContextKeyType') ?? 'string').toLowerCase();
    const conv = (v: string): string | number | boolean =>
      type.startsWith('numeric') ? Number(v) : type.startsWith('boolean') ? v === 'true' : v;
    out[key] = type.endsWith('list') ? values.map((v) => String(conv(v))) : conv(values[0] ?? '');
  });
  return out;
}

export const SIMULATE_HANDLERS = {
  async SimulatePrincipalPolicy(ctx: RequestContext, q: QueryParams): Promise<XmlFields> {
    const source = reqParam(q, 'PolicySourceArn');
    const actions = q.list('ActionNames');
    if (actions.length === 0)
      throw validationError([
        "Value null at 'actionNames' failed to satisfy constraint: Member must not be null",
      ]);
    const resources = q.list('ResourceArns');
    iamAuthorize(ctx, 'SimulatePrincipalPolicy', source);
    let principal;
    try {
      principal = principalFromArn(source);
    } catch {
      throw new AwsError('InvalidInput', `Invalid ARN: ${source}`, 400);
    }
    if (principal.accountId !== ctx.caller.accountId) {
      throw noSuchEntity(
        `The principal ${source} cannot be found in account ${ctx.caller.accountId}.`,
      );
    }
    const state = stateOf(ctx);
    const acct = state.accounts[principal.accountId]!;
    let identity: NamedPolicy[];
    if (principal.type === 'user') {
      const u = acct.users[principal.name!];
      if (!u) throw noSuchEntity(`The user with name ${principal.name} cannot be found.`);
      principal = { ...principal, userId: u.userId };
      identity = identityPoliciesOfEntity(state, principal.accountId, 'user', principal.name!);
    } else if (principal.type === 'role' || principal.type === 'assumed-role') {
      if (!acct.roles[principal.name!])
        throw noSuchEntity(`The role with name ${principal.name} cannot be found.`);
      identity = identityPoliciesOfEntity(state, principal.accountId, 'role', principal.name!);
    } else {
      throw new AwsError(
        'InvalidInput',
        `PolicySourceArn must be a user, group or role: ${source}`,
        400,
      );
    }
    q.list('PolicyInputList').forEach((text, i) => {
      validateIamDocument(text, 'identity', 10240);
      identity.push({ name: `PolicyInputList.${i + 1}`, document: cachedPolicy(text)! });
    });
    const resourcePolicyText = q.get('ResourcePolicy');
    const resourcePolicy =
      resourcePolicyText === undefined ? undefined : cachedPolicy(resourcePolicyText);
    if (resourcePolicyText !== undefined && !resourcePolicy) {
      throw new AwsError('MalformedPolicyDocument', 'Syntax errors in the resource policy.', 400);
    }
    const callerArn = q.get('CallerArn');
    const requestPrincipal = callerArn ? { ...principalFromArn(callerArn) } : principal;
    const owner = q.get('ResourceOwner');
    const context = contextOf(q);
    const results: XmlFields[] = [];
    for (const action of actions) {
      for (const resource of resources.length ? resources : ['*']) {
        const arnAccount = /^arn:aws:[^:]+:[^:]*:(\d{12}):/.exec(resource)?.[1];
        const resourceAccount = owner
          ? (owner.match(/\d{12}/)?.[0] ?? owner)
          : (arnAccount ?? principal.accountId);
        const r = evaluate({
          request: { principal: requestPrincipal, action, resource, resourceAccount, context },
          identityPolicies: identity,
          ...(resourcePolicy
            ? { resourcePolicy: { name: 'ResourcePolicy', document: resourcePolicy } }
            : {}),
        });
        results.push({
          EvalActionName: action,
          EvalResourceName: resource,
          EvalDecision: DECISION[r.decision],
          MatchedStatements: r.trace
            .filter(
              (t) =>
                t.matched &&
                (r.decision === 'explicit-deny' ? t.effect === 'Deny' : t.effect === 'Allow'),
            )
            .map((t) => policySource(t.policy, t.policyType === 'resource')),
          MissingContextValues: [],
        });
      }
    }
    return { EvaluationResults: results, IsTruncated: false };
  },
};
