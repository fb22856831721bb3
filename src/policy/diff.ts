/**
 * Semantic comparison of policies. Each document is expanded into atomic grants
 * (effect, principal, action, resource, condition); two documents mean the same when their
 * grant sets are equal, whatever their statement split, Sids, order, case or string-vs-list
 * spelling. The diff is worded for learners ("the applied policy lacks ecr:PutImage for
 * fcj-ecr-ci-cd-user").
 */
import { canonicalAwsPrincipal, principalLabel } from './principal.js';
import type { PolicyDocument, PrincipalElement, Statement } from './types.js';
import { t } from '../i18n/index.js';

interface Grant {
  effect: 'Allow' | 'Deny';
  /** `*`, `AWS:arn...`, `Service:...`, `-` (none: identity policy), `not:...` for NotPrincipal */
  principal: string;
  /** canonical action, or `not:[...]` for NotAction */
  action: string;
  /** resource, `not:[...]` for NotResource, `-` when absent (the repository itself) */
  resource: string;
  /** canonical JSON of the Condition block, `` when none */
  condition: string;
}

const key = (g: Grant): string =>
  [g.effect, g.principal, g.action, g.resource, g.condition].join('\u0001');

function principalKeys(el: PrincipalElement | undefined, prefix = ''): string[] {
  if (el === undefined) return ['-'];
  if (el === '*') return [`${prefix}*`];
  const out: string[] = [];
  for (const [type, values] of Object.entries(el)) {
    for (const v of values) {
      const canon = type === 'AWS' ? canonicalAwsPrincipal(v) : v;
      out.push(type === 'AWS' && canon === '*' ? `${prefix}*` : `${prefix}${type}:${canon}`);
    }
  }
  return out;
}

function conditionKey(s: Statement): string {
  if (!s.condition || Object.keys(s.condition).length === 0) return '';
  // Keys are case-insensitive in AWS; operators and values are not.
  const norm: Record<string, Record<string, string[]>> = {};
  for (const op of Object.keys(s.condition).sort()) {
    const inner: Record<string, string[]> = {};
    const block = s.condition[op]!;
    for (const k of Object.keys(block).sort((a, b) =>
      a.toLowerCase().localeCompare(b.toLowerCase()),
    )) {
      inner[k.toLowerCase()] = block[k]!.map(String).sort();
    }
    norm[op] = inner;
  }
  return JSON.stringify(norm);
}

function grantsOf(doc: PolicyDocument): Map<string, Grant> {
  const out = new Map<string, Grant>();
  for (const s of doc.statements) {
    const principals = s.notPrincipal
      ? principalKeys(s.notPrincipal).map((p) => `not:${p}`)
      : principalKeys(s.principal);
    const actions = s.notAction
      ? [`not:[${s.notAction.map((a) => a.toLowerCase()).join(',')}]`]
      : (s.action ?? []);
    const resources = s.notResource ? [`not:[${s.notResource.join(',')}]`] : (s.resource ?? ['-']);
    const condition = conditionKey(s);
    for (const principal of principals) {
      for (const action of actions) {
        for (const resource of resources) {
          const g: Grant = { effect: s.effect, principal, action, resource, condition };
          out.set(key(g), g);
        }
      }
    }
  }
  return out;
}

/** Policy variables only work in 2012-10-17; otherwise the Version does not change the meaning. */
function versionMatters(a: PolicyDocument, b: PolicyDocument): boolean {
  const uses = (d: PolicyDocument): boolean => JSON.stringify(d.statements).includes('${');
  return a.version !== b.version && (uses(a) || uses(b));
}

/** True when two documents mean the same thing. */
export function policiesEquivalent(a: PolicyDocument, b: PolicyDocument): boolean {
  if (versionMatters(a, b)) return false;
  const ga = grantsOf(a);
  const gb = grantsOf(b);
  if (ga.size !== gb.size) return false;
  for (const k of ga.keys()) if (!gb.has(k)) return false;
  return true;
}

/** Who a grant is for, in words ("fcj-ecr-ci-cd-user", "everyone (*)"); '' for none. */
function who(principal: string): string {
  if (principal === '-') return '';
  if (principal.startsWith('not:'))
    return t('policy.diff.principal', { kind: 'except', label: who(principal.slice(4)) });
  if (principal === '*') return t('policy.diff.principal', { kind: 'everyone', label: '' });
  const i = principal.indexOf(':');
  const type = principal.slice(0, i);
  const value = principal.slice(i + 1);
  return type === 'AWS' ? principalLabel(value) : `${type} ${value}`;
}

function what(
  g: { action: string; resource: string; condition: string },
  actions: string[],
): string {
  const list = actions
    .map((a) =>
      a.startsWith('not:[') ? t('policy.diff.everyActionExcept', { list: a.slice(5, -1) }) : a,
    )
    .join(', ');
  const except = g.resource.startsWith('not:[');
  return t('policy.diff.what', {
    actions: list,
    on: g.resource === '-' ? 'none' : except ? 'except' : 'one',
    resource: except ? g.resource.slice(5, -1) : g.resource,
    hasCondition: g.condition ? 'yes' : 'no',
    condition: g.condition,
  });
}

function grouped(grants: Grant[]): Array<{ g: Grant; actions: string[] }> {
  const groups = new Map<string, { g: Grant; actions: string[] }>();
  for (const g of grants) {
    const k = [g.effect, g.principal, g.resource, g.condition].join('\u0001');
    const e = groups.get(k);
    if (e) e.actions.push(g.action);
    else groups.set(k, { g, actions: [g.action] });
  }
  return [...groups.values()];
}

/**
 * Human-readable differences, e.g. "the applied policy lacks ecr:PutImage for
 * fcj-ecr-ci-cd-user", in the language t() speaks (labels are the caller's, already in it).
 */
export function describePolicyDiff(
  expected: PolicyDocument,
  actual: PolicyDocument,
  labels: { expected?: string; actual?: string } = {},
): string[] {
  const exp = labels.expected ?? t('policy.diff.expectedDefault');
  const act = labels.actual ?? t('policy.diff.actualDefault');
  const lines: string[] = [];
  if (versionMatters(expected, actual)) {
    lines.push(
      t('policy.diff.version', {
        act,
        actual: actual.version,
        exp,
        expected: expected.version,
        variable: '${aws:username}',
      }),
    );
  }
  const ge = grantsOf(expected);
  const ga = grantsOf(actual);
  const missing = [...ge].filter(([k]) => !ga.has(k)).map(([, g]) => g);
  const extra = [...ga].filter(([k]) => !ge.has(k)).map(([, g]) => g);
  const principalsIn = (m: Map<string, Grant>): Set<string> =>
    new Set([...m.values()].map((g) => g.principal));
  const actualPrincipals = principalsIn(ga);
  const expectedPrincipals = principalsIn(ge);

  for (const { g, actions } of grouped(missing)) {
    const whom = who(g.principal);
    lines.push(
      t('policy.diff.lacks', {
        act,
        effect: g.effect,
        what: what(g, actions),
        hasWho: whom ? 'yes' : 'no',
        who: whom,
        absent: g.principal !== '-' && !actualPrincipals.has(g.principal) ? 'yes' : 'no',
      }),
    );
  }
  for (const { g, actions } of grouped(extra)) {
    const whom = who(g.principal);
    lines.push(
      t('policy.diff.extra', {
        act,
        exp,
        effect: g.effect,
        what: what(g, actions),
        hasWho: whom ? 'yes' : 'no',
        who: whom,
        unknown: g.principal !== '-' && !expectedPrincipals.has(g.principal) ? 'yes' : 'no',
      }),
    );
  }
  return lines;
}
