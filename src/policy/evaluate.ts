/**
 * Request evaluation the way AWS documents it for ECR (see ../shared AWS-FACTS):
 * explicit Deny anywhere wins; same account: an Allow from the identity OR the resource
 * policy; cross account: the resource policy must allow the caller (or its account) AND an
 * identity policy must allow. The root user is allowed in its own account by default and
 * sts:GetCallerIdentity needs no permission at all.
 *
 * Documents are compiled once (wildcards to RegExp, principals to sets) and cached per
 * document object in a WeakMap: the sandbox calls this on every request.
 */
import {
  canonicalAwsPrincipal,
  isAccountPrincipal,
  accountOfPrincipal,
  principalLabel,
} from './principal.js';
import {
  compileConditions,
  evaluateConditions,
  type AbsentKeyClause,
  type CompiledConditions,
  type ConditionContext,
} from './conditions.js';
import { arnRegExp, globRegExp, hasWildcard, splitArn } from './wildcard.js';
import type {
  AbsentKey,
  DecisionBasis,
  EvaluationInput,
  EvaluationRequest,
  EvaluationResult,
  NamedPolicy,
  PolicyDocument,
  PrincipalElement,
  RequestPrincipal,
  Statement,
  TraceEntry,
  Words,
} from './types.js';

interface ActionMatcher {
  exact: Set<string>;
  globs: RegExp[];
  all: boolean;
  text: string;
}

interface ResourceMatcher {
  exact: Set<string>;
  globs: RegExp[];
  all: boolean;
  /** patterns with ${...} policy variables, resolved per request */
  variable: string[];
  text: string;
}

interface PrincipalMatcher {
  everyone: boolean;
  /** exact user, role and session ARNs */
  arns: Set<string>;
  /** `ACCOUNT:ROLENAME` of role principals, to match that role's sessions (paths ignored) */
  roles: Set<string>;
  /** accounts named as a whole (`123456789012` / `...:root`) */
  accounts: Set<string>;
  text: string;
}

interface CompiledStatement {
  index: number;
  statement: Statement;
  action?: ActionMatcher;
  notAction?: ActionMatcher;
  resource?: ResourceMatcher;
  notResource?: ResourceMatcher;
  principal?: PrincipalMatcher;
  notPrincipal?: PrincipalMatcher;
  conditions?: CompiledConditions;
}

const compiledDocs = new WeakMap<PolicyDocument, CompiledStatement[]>();

function list(values: string[]): string {
  return values.length === 1 ? values[0]! : `[${values.join(', ')}]`;
}

function compileActions(values: string[]): ActionMatcher {
  const m: ActionMatcher = { exact: new Set(), globs: [], all: false, text: list(values) };
  for (const v of values) {
    if (v === '*') m.all = true;
    else if (hasWildcard(v)) m.globs.push(globRegExp(v, true));
    else m.exact.add(v.toLowerCase());
  }
  return m;
}

function compileResources(values: string[], version: string): ResourceMatcher {
  const m: ResourceMatcher = {
    exact: new Set(),
    globs: [],
    all: false,
    variable: [],
    text: list(values),
  };
  for (const v of values) {
    if (v === '*') m.all = true;
    else if (version === '2012-10-17' && v.includes('${')) m.variable.push(v);
    else if (hasWildcard(v)) m.globs.push(arnRegExp(v));
    else m.exact.add(v);
  }
  return m;
}

function compilePrincipal(el: PrincipalElement): PrincipalMatcher {
  const m: PrincipalMatcher = {
    everyone: false,
    arns: new Set(),
    roles: new Set(),
    accounts: new Set(),
    text: '',
  };
  if (el === '*') {
    m.everyone = true;
    m.text = '*';
    return m;
  }
  const shown: string[] = [];
  for (const [type, values] of Object.entries(el)) {
    for (const raw of values) {
      shown.push(type === 'AWS' ? principalLabel(raw) : `${type} ${raw}`);
      // Service, Federated and CanonicalUser principals never match an IAM caller.
      if (type !== 'AWS') continue;
      const v = canonicalAwsPrincipal(raw);
      if (v === '*') m.everyone = true;
      else if (isAccountPrincipal(v)) m.accounts.add(accountOfPrincipal(v)!);
      else {
        m.arns.add(v);
        const role = /^arn:[^:]+:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(v);
        if (role) m.roles.add(`${role[1]}:${role[2]}`);
      }
    }
  }
  m.text = list(shown);
  return m;
}

function compile(doc: PolicyDocument): CompiledStatement[] {
  let c = compiledDocs.get(doc);
  if (c) return c;
  c = doc.statements.map((s, index) => {
    const cs: CompiledStatement = { index, statement: s };
    if (s.action) cs.action = compileActions(s.action);
    if (s.notAction) cs.notAction = compileActions(s.notAction);
    if (s.resource) cs.resource = compileResources(s.resource, doc.version);
    if (s.notResource) cs.notResource = compileResources(s.notResource, doc.version);
    if (s.principal) cs.principal = compilePrincipal(s.principal);
    if (s.notPrincipal) cs.notPrincipal = compilePrincipal(s.notPrincipal);
    if (s.condition && Object.keys(s.condition).length > 0)
      cs.conditions = compileConditions(s.condition, doc.version);
    return cs;
  });
  compiledDocs.set(doc, c);
  return c;
}

function actionMatches(m: ActionMatcher, actionLower: string): boolean {
  if (m.all || m.exact.has(actionLower)) return true;
  for (const re of m.globs) if (re.test(actionLower)) return true;
  return false;
}

function resourceMatches(m: ResourceMatcher, resource: string, ctx: LazyContext): boolean {
  if (m.all || m.exact.has(resource)) return true;
  for (const re of m.globs) if (re.test(resource)) return true;
  for (const v of m.variable) {
    let missing = false;
    const c = ctx.get();
    const resolved = v.replace(/\$\{([^}]*)\}/g, (_m, name: string) => {
      if (name === '*' || name === '?' || name === '$') return `\u0000${name}`;
      const value = c.get(name.trim().toLowerCase());
      if (typeof value === 'string') return value;
      missing = true;
      return '';
    });
    if (missing) continue;
    // ${*} and ${?} stand for literal characters: compare them outside the glob.
    if (resolved.includes('\u0000')) {
      if (resolved.replaceAll('\u0000', '') === resource) return true;
      continue;
    }
    if (
      hasWildcard(resolved)
        ? (splitArn(resolved) ? arnRegExp(resolved) : globRegExp(resolved)).test(resource)
        : resolved === resource
    ) {
      return true;
    }
  }
  return false;
}

type PrincipalMatch = 'direct' | 'account' | 'none';

function principalMatches(m: PrincipalMatcher, p: RequestPrincipal): PrincipalMatch {
  if (m.everyone) return 'direct';
  if (p.type === 'anonymous') return 'none';
  if (m.arns.has(p.arn)) return 'direct';
  // A role principal also matches every session of that role.
  if (p.type === 'assumed-role' && p.name && m.roles.has(`${p.accountId}:${p.name}`))
    return 'direct';
  if (m.accounts.has(p.accountId)) return 'account';
  return 'none';
}

const PRINCIPAL_TYPE: Record<RequestPrincipal['type'], string> = {
  user: 'User',
  role: 'AssumedRole',
  'assumed-role': 'AssumedRole',
  root: 'Account',
  anonymous: 'Anonymous',
};

/** Condition context: keys derived from the caller, overridden by the request's own context. */
function buildContext(req: EvaluationRequest): ConditionContext {
  const ctx: ConditionContext = new Map();
  const p = req.principal;
  if (p.type !== 'anonymous') {
    ctx.set('aws:principalarn', p.type === 'assumed-role' && p.roleArn ? p.roleArn : p.arn);
    ctx.set('aws:principalaccount', p.accountId);
    if (p.type === 'user' && p.name) ctx.set('aws:username', p.name);
    if (p.userId) ctx.set('aws:userid', p.userId);
  }
  ctx.set('aws:principaltype', PRINCIPAL_TYPE[p.type]);
  ctx.set('aws:currenttime', new Date().toISOString());
  for (const [k, v] of Object.entries(req.context ?? {})) {
    // An undefined value (e.g. `'aws:userid': caller.userId` when there is none) means absent.
    if (v === undefined || v === null) continue;
    ctx.set(k.toLowerCase(), Array.isArray(v) ? v.map(String) : String(v));
  }
  return ctx;
}

interface StatementOutcome {
  matched: boolean;
  principal: PrincipalMatch;
  why: Words;
  unsupported: string[];
  absent?: AbsentKeyClause[];
}

const NO_UNSUPPORTED: string[] = [];

function miss(
  key: Words['key'],
  values: Words['values'],
  principal: PrincipalMatch = 'none',
): StatementOutcome {
  return { matched: false, principal, why: { key, values }, unsupported: NO_UNSUPPORTED };
}

/** Builds the condition context only when a condition or policy variable needs it. */
class LazyContext {
  private ctx: ConditionContext | undefined;
  constructor(private readonly req: EvaluationRequest) {}
  get(): ConditionContext {
    return (this.ctx ??= buildContext(this.req));
  }
}

function evaluateStatement(
  cs: CompiledStatement,
  req: EvaluationRequest,
  actionLower: string,
  ctx: LazyContext,
  kind: 'identity' | 'resource',
): StatementOutcome {
  if (cs.action && !actionMatches(cs.action, actionLower)) {
    return miss('policy.eval.notInAction', { action: req.action, list: cs.action.text });
  }
  if (cs.notAction && actionMatches(cs.notAction, actionLower)) {
    return miss('policy.eval.excludedByNotAction', { action: req.action, list: cs.notAction.text });
  }
  if (cs.resource && !resourceMatches(cs.resource, req.resource, ctx)) {
    return miss('policy.eval.notInResource', { resource: req.resource, list: cs.resource.text });
  }
  if (cs.notResource && resourceMatches(cs.notResource, req.resource, ctx)) {
    return miss('policy.eval.excludedByNotResource', {
      resource: req.resource,
      list: cs.notResource.text,
    });
  }
  if (kind === 'identity' && !cs.resource && !cs.notResource) {
    return miss('policy.eval.noResourceElement', {});
  }
  let principal: PrincipalMatch = 'direct';
  let notPrincipalNote: Words | undefined;
  if (kind === 'resource') {
    const who = principalWords(req.principal);
    if (cs.principal) {
      principal = principalMatches(cs.principal, req.principal);
      if (principal === 'none')
        return miss('policy.eval.notNamed', { ...who, list: cs.principal.text });
    } else if (cs.notPrincipal) {
      if (cs.statement.effect === 'Allow') {
        const u = 'NotPrincipal with "Effect": "Allow" (AWS supports NotPrincipal only with Deny)';
        return {
          matched: false,
          principal: 'none',
          why: { key: 'policy.eval.notPrincipalWithAllow' },
          unsupported: [u],
        };
      }
      const exempt = notPrincipalExempts(cs.notPrincipal, req.principal);
      if (exempt.exempt)
        return miss('policy.eval.excludedByNotPrincipal', { ...who, list: cs.notPrincipal.text });
      if (exempt.note) notPrincipalNote = exempt.note;
    } else {
      return miss('policy.eval.noPrincipal', {});
    }
  }
  let conditionsWhy: Words | undefined;
  let absent: AbsentKeyClause[] | undefined;
  if (cs.conditions) {
    const c = evaluateConditions(cs.conditions, ctx.get());
    if (!c.matched)
      return {
        matched: false,
        principal,
        why: c.why ?? { key: 'policy.eval.conditionsMet' },
        unsupported: c.unsupported,
        absent: c.absent,
      };
    conditionsWhy = c.why;
    absent = c.absent;
  }
  const via = kind === 'resource' && principal === 'account';
  return {
    matched: true,
    principal,
    why: {
      key: 'policy.eval.matches',
      values: {
        action: req.action,
        resource: req.resource,
        via: via ? 'account' : 'no',
        account: req.principal.accountId,
        note: notPrincipalNote ?? '',
        conditions: conditionsWhy
          ? { key: 'policy.eval.andConditions', values: { conditions: conditionsWhy } }
          : '',
      },
    },
    unsupported: NO_UNSUPPORTED,
    ...(absent ? { absent } : {}),
  };
}

/**
 * The one place for NotPrincipal with Deny (IAM User Guide, "AWS JSON policy elements:
 * NotPrincipal"): AWS may check the caller's account first, then its role, then the user or
 * session, so a caller is exempt only when its account ARN AND its own ARN (for a session: its
 * role's ARN) are both listed. AWS's example: NotPrincipal [Bob, account root] denies everyone
 * but Bob, the account's other users included; without the account ARN, Bob may be denied too.
 */
function notPrincipalExempts(
  m: PrincipalMatcher,
  p: RequestPrincipal,
): { exempt: boolean; note?: Words } {
  if (m.everyone) return { exempt: true };
  if (p.type === 'anonymous') return { exempt: false };
  const accountListed = m.accounts.has(p.accountId);
  if (p.type === 'root') return { exempt: accountListed };
  const selfListed =
    p.type === 'assumed-role'
      ? !!p.name && m.roles.has(`${p.accountId}:${p.name}`)
      : m.arns.has(p.arn) ||
        (p.type === 'role' && !!p.name && m.roles.has(`${p.accountId}:${p.name}`));
  if (accountListed && selfListed) return { exempt: true };
  if (selfListed)
    return {
      exempt: false,
      note: { key: 'policy.eval.notPrincipalSelfOnly', values: { account: p.accountId } },
    };
  if (accountListed)
    return {
      exempt: false,
      note: {
        key: 'policy.eval.notPrincipalAccountOnly',
        values: { account: p.accountId, others: p.type === 'assumed-role' ? 'roles' : 'users' },
      },
    };
  return { exempt: false };
}

function principalWords(p: RequestPrincipal): { who: string; arn: string } {
  return p.type === 'anonymous' ? { who: 'anonymous', arn: '' } : { who: 'arn', arn: p.arn };
}

const RESOURCE_ACCOUNT = /^arn:[^:]*:[^:]*:[^:]*:(\d{12}):/;

/** The account that owns the resource: explicit, else from its ARN, else the caller's. */
function resourceAccountOf(req: EvaluationRequest): string {
  if (req.resourceAccount) return req.resourceAccount;
  const m = RESOURCE_ACCOUNT.exec(req.resource);
  return m ? m[1]! : req.principal.accountId;
}

/**
 * The one place for the account-delegation rule (AWS-FACTS: "a principal naming an account
 * delegates to that account's IAM"). A resource-policy Allow that matched the caller only
 * because it names the caller's ACCOUNT grants nothing by itself: an identity policy of that
 * account must allow too. This is documented for cross-account requests and applied to the
 * same account as well (UNVERIFIED there): change it here if AWS is seen to differ.
 */
function resourceSideGrants(match: PrincipalMatch, identityAllows: boolean): boolean {
  return match === 'direct' || (match === 'account' && identityAllows);
}

interface Tally {
  identityAllow: boolean;
  identityDeny: boolean;
  resourceAllowDirect: boolean;
  resourceAllowAccount: boolean;
  resourceDeny: boolean;
  trace: TraceEntry[];
  unsupported: string[];
  absent: AbsentKey[];
}

function runPolicy(
  t: Tally,
  policy: NamedPolicy,
  kind: 'identity' | 'resource',
  req: EvaluationRequest,
  actionLower: string,
  ctx: LazyContext,
): void {
  for (const cs of compile(policy.document)) {
    const o = evaluateStatement(cs, req, actionLower, ctx, kind);
    for (const u of o.unsupported) if (!t.unsupported.includes(u)) t.unsupported.push(u);
    const effect = cs.statement.effect;
    for (const a of o.absent ?? []) {
      const entry: AbsentKey = { ...a, policy: policy.name, statementIndex: cs.index, effect };
      if (cs.statement.sid !== undefined) entry.sid = cs.statement.sid;
      t.absent.push(entry);
    }
    const entry: TraceEntry = {
      policy: policy.name,
      policyType: kind,
      statementIndex: cs.index,
      effect,
      matched: o.matched,
      because: {
        key: 'policy.eval.entry',
        values: {
          verdict: o.matched ? (effect === 'Allow' ? 'allows' : 'denies') : 'skip',
          why: o.why,
        },
      },
    };
    if (cs.statement.sid !== undefined) entry.sid = cs.statement.sid;
    t.trace.push(entry);
    if (!o.matched) continue;
    if (kind === 'identity') {
      if (effect === 'Deny') t.identityDeny = true;
      else t.identityAllow = true;
    } else if (effect === 'Deny') {
      // A Deny naming the caller's account applies to everyone in it.
      t.resourceDeny = true;
    } else if (o.principal === 'direct') t.resourceAllowDirect = true;
    else t.resourceAllowAccount = true;
  }
}

function finish(
  t: Tally,
  decision: EvaluationResult['decision'],
  basis: DecisionBasis,
  reason: string,
): EvaluationResult {
  return {
    decision,
    reason,
    basis,
    trace: t.trace,
    unsupported: t.unsupported,
    absentKeys: t.absent,
  };
}

/** Decides a request the way AWS documents it (explicit deny > allow; same vs cross account). */
export function evaluate(input: EvaluationInput): EvaluationResult {
  const { request: req } = input;
  const p = req.principal;
  const trace: TraceEntry[] = [];
  const actionLower = req.action.toLowerCase();
  const ctx = new LazyContext(req);

  if (actionLower === 'sts:getcalleridentity') {
    return {
      decision: 'allowed',
      reason: 'sts:GetCallerIdentity needs no permission (it works even under an explicit deny)',
      basis: 'no-permission-needed',
      trace,
      unsupported: [],
      absentKeys: [],
    };
  }

  const state: Tally = {
    identityAllow: false,
    identityDeny: false,
    resourceAllowDirect: false,
    resourceAllowAccount: false,
    resourceDeny: false,
    trace,
    unsupported: [],
    absent: [],
  };
  // Identity policies do not apply to the root user or to anonymous callers.
  const identityApplies = p.type !== 'root' && p.type !== 'anonymous';
  if (identityApplies) {
    for (const policy of input.identityPolicies)
      runPolicy(state, policy, 'identity', req, actionLower, ctx);
  }
  if (input.resourcePolicy)
    runPolicy(state, input.resourcePolicy, 'resource', req, actionLower, ctx);
  const { identityAllow, identityDeny, resourceAllowDirect, resourceAllowAccount, resourceDeny } =
    state;
  const noIdentity = `no identity-based policy allows the ${req.action} action`;
  const noResource = `no resource-based policy allows the ${req.action} action`;

  if (identityDeny)
    return finish(
      state,
      'explicit-deny',
      'identity-deny',
      'with an explicit deny in an identity-based policy',
    );
  if (resourceDeny)
    return finish(
      state,
      'explicit-deny',
      'resource-deny',
      'with an explicit deny in a resource-based policy',
    );

  if (p.type === 'anonymous') {
    return resourceAllowDirect
      ? finish(
          state,
          'allowed',
          'anonymous-public',
          'allowed by a resource-based policy that allows everyone (*)',
        )
      : finish(state, 'implicit-deny', 'anonymous-denied', noResource);
  }

  const sameAccount = resourceAccountOf(req) === p.accountId;
  // The root user has every permission of its own account: its "identity side" always allows.
  const identitySide = p.type === 'root' ? true : identityAllow;
  const resourceMatch: PrincipalMatch = resourceAllowDirect
    ? 'direct'
    : resourceAllowAccount
      ? 'account'
      : 'none';
  const resourceGrants = resourceSideGrants(resourceMatch, identitySide);

  if (sameAccount) {
    // Same account: one Allow from either side is enough.
    if (p.type === 'root')
      return finish(
        state,
        'allowed',
        'root',
        'the root user is allowed by default in its own account',
      );
    if (identitySide && resourceGrants)
      return finish(
        state,
        'allowed',
        'both',
        'allowed by an identity-based policy and by the resource-based policy',
      );
    if (identitySide)
      return finish(
        state,
        'allowed',
        'identity',
        'allowed by an identity-based policy (same account: that is enough)',
      );
    if (resourceGrants)
      return finish(
        state,
        'allowed',
        'resource',
        'allowed by the resource-based policy (same account: that is enough)',
      );
    return finish(state, 'implicit-deny', 'same-none', noIdentity);
  }
  // Cross account: the resource policy must allow the caller or its account, AND the identity side.
  if (resourceMatch === 'none')
    return finish(state, 'implicit-deny', 'cross-no-resource', noResource);
  if (!identitySide || !resourceGrants)
    return finish(state, 'implicit-deny', 'cross-no-identity', noIdentity);
  return finish(
    state,
    'allowed',
    'cross-both',
    'allowed by the resource-based policy and by an identity-based policy (cross-account needs both)',
  );
}

/**
 * AWS's closing clause of an access-denied message (IAM "Troubleshoot access denied error
 * messages"): an implicit deny says `because no identity-based policy allows the ACTION action`,
 * an explicit deny says `with an explicit deny in a resource-based policy`, with no "because".
 */
export function denialClause(result: Pick<EvaluationResult, 'decision' | 'reason'>): string {
  return result.decision === 'explicit-deny' ? result.reason : `because ${result.reason}`;
}

/** `User: ARN is not authorized to perform: ACTION on resource: RES because REASON` (or `RES with an explicit deny in ...`) */
export function accessDeniedMessage(
  principalArn: string,
  action: string,
  resource: string,
  result: EvaluationResult,
): string {
  return `User: ${principalArn} is not authorized to perform: ${action} on resource: ${resource} ${denialClause(result)}`;
}
