/**
 * The one place the sandbox decides access: identity policies of the caller (inline + attached)
 * and, when given, the resource's policy, evaluated by the policy toolkit the way AWS documents.
 */
import {
  accessDeniedMessage,
  evaluate,
  parsePolicy,
  principalFromArn,
  type EvaluationResult,
  type NamedPolicy,
  type PolicyDocument,
  type RequestPrincipal,
} from '../policy/index.js';
import { AWS_MANAGED_POLICIES } from './iam/managed.js';
import type { Caller, RequestContext } from './context.js';
import { AwsError } from './protocols/errors.js';
import type { SandboxState } from './store/model.js';

const parsed = new Map<string, PolicyDocument | null>();

/** Parses policy text once (documents are immutable strings); null when it does not parse. */
export function cachedPolicy(text: string): PolicyDocument | null {
  let doc = parsed.get(text);
  if (doc === undefined) {
    try {
      doc = parsePolicy(text);
    } catch {
      doc = null;
    }
    if (parsed.size > 2000) parsed.clear();
    parsed.set(text, doc);
  }
  return doc;
}

function named(name: string, text: string, out: NamedPolicy[]): void {
  const document = cachedPolicy(text);
  if (document) out.push({ name, document });
}

/** Identity policies of a user or role (inline first, then attached managed ones). */
export function identityPoliciesOfEntity(
  state: SandboxState,
  accountId: string,
  kind: 'user' | 'role',
  name: string,
): NamedPolicy[] {
  const acct = state.accounts[accountId];
  const entity = kind === 'user' ? acct?.users[name] : acct?.roles[name];
  if (!acct || !entity) return [];
  const out: NamedPolicy[] = [];
  for (const [pname, text] of Object.entries(entity.inlinePolicies))
    named(`inline policy ${pname} of ${kind} ${name}`, text, out);
  for (const arn of entity.attachedPolicies) {
    const p = AWS_MANAGED_POLICIES.get(arn) ?? acct.policies[arn];
    if (p) named(`managed policy ${p.policyName}`, p.document, out);
  }
  return out;
}

export function identityPoliciesOf(state: SandboxState, caller: Caller): NamedPolicy[] {
  return caller.type === 'user'
    ? identityPoliciesOfEntity(state, caller.accountId, 'user', caller.userName!)
    : identityPoliciesOfEntity(state, caller.accountId, 'role', caller.roleName!);
}

/** ARNs of callers, parsed once: the same few callers make every request (bounded). */
const principals = new Map<string, RequestPrincipal>();

function parsedPrincipal(arn: string): RequestPrincipal {
  let p = principals.get(arn);
  if (!p) {
    if (principals.size >= 1000) principals.clear();
    p = principalFromArn(arn);
    principals.set(arn, p);
  }
  return p;
}

/**
 * The caller as the evaluator sees it. A role session's aws:PrincipalArn is its role's ARN with
 * the role's path (IAM "AWS global condition context keys"); a session ARN has no path, so the
 * role's real ARN comes from the sandbox state.
 */
export function requestPrincipal(caller: Caller, state?: SandboxState): RequestPrincipal {
  const p: RequestPrincipal = { ...parsedPrincipal(caller.arn), userId: caller.userId };
  if (p.type === 'assumed-role' && state) {
    const role = state.accounts[caller.accountId]?.roles[caller.roleName ?? p.name ?? ''];
    if (role) p.roleArn = role.arn;
  }
  return p;
}

export interface AuthorizeOptions {
  /** resource policy text (repository policy, trust policy) */
  resourcePolicy?: { name: string; text: string };
  /** account owning the resource (default: from the ARN, else the caller's) */
  resourceAccount?: string;
  /** awsJson services say AccessDeniedException (HTTP 400); awsQuery ones AccessDenied (403) */
  protocol: 'json' | 'query';
}

/** Evaluates a request without throwing. */
export function decide(
  ctx: RequestContext,
  action: string,
  resource: string,
  opts: Omit<AuthorizeOptions, 'protocol'> = {},
): EvaluationResult {
  const state = ctx.core.metadata.state;
  const resourcePolicyDoc = opts.resourcePolicy ? cachedPolicy(opts.resourcePolicy.text) : null;
  return evaluate({
    request: {
      principal: requestPrincipal(ctx.caller, state),
      action,
      resource,
      ...(opts.resourceAccount ? { resourceAccount: opts.resourceAccount } : {}),
      context: {
        'aws:SourceIp': ctx.sourceIp,
        // "always present" (IAM global condition keys), and true on the ECR API, which AWS
        // serves over HTTPS only: the sandbox's loopback HTTP stands in for that HTTPS.
        'aws:SecureTransport': true,
        'aws:CurrentTime': new Date().toISOString(),
        'aws:EpochTime': Math.floor(Date.now() / 1000),
        // aws:PrincipalArn/Account/Type, aws:username and aws:userid are derived by evaluate()
        // from the principal (for an assumed role, PrincipalArn is the role's ARN, as on AWS).
        // the endpoint's region (the front door sets ctx.region), not the client's signature
        'aws:RequestedRegion': ctx.region,
      },
    },
    identityPolicies: identityPoliciesOf(state, ctx.caller),
    ...(opts.resourcePolicy && resourcePolicyDoc
      ? { resourcePolicy: { name: opts.resourcePolicy.name, document: resourcePolicyDoc } }
      : {}),
  });
}

/** Throws AWS's access-denied error unless the caller may perform `action` on `resource`. */
export function authorize(
  ctx: RequestContext,
  action: string,
  resource: string,
  opts: AuthorizeOptions,
): void {
  const result = decide(ctx, action, resource, opts);
  if (result.decision === 'allowed') return;
  const message = accessDeniedMessage(ctx.caller.arn, action, resource, result);
  throw opts.protocol === 'json'
    ? new AwsError('AccessDeniedException', message, 400)
    : new AwsError('AccessDenied', message, 403);
}
