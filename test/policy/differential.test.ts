/**
 * Differential test: our evaluator against @cloud-copilot/iam-simulate (AGPL, a devDependency
 * used only here) on thousands of generated requests and policies: same and cross account,
 * Allow/Deny, Not* elements, wildcards and conditions. Every decision must agree.
 *
 * NotPrincipal: the simulator is given the list rewritten to the IAM User Guide's documented
 * rule (see withDocumentedNotPrincipal); the cases where that rule and the simulator's own
 * differ are counted, not hidden.
 *
 * Outside the compared set (documented differences, not generated): the root user (we apply
 * AWS's "root is allowed by default in its own account"; the simulator evaluates root like any
 * principal), anonymous callers, policy variables, and Principal types other than AWS.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { runSimulation } from '@cloud-copilot/iam-simulate';
import {
  evaluate,
  normaliseDocument,
  principalFromArn,
  type Decision,
} from '../../src/policy/index.js';

const A = '111111111111';
const B = '222222222222';
const user = (acct: string, name: string) => `arn:aws:iam::${acct}:user/${name}`;
const session = (acct: string, role: string, s: string) =>
  `arn:aws:sts::${acct}:assumed-role/${role}/${s}`;
const repo = (acct: string, name: string) => `arn:aws:ecr:us-east-1:${acct}:repository/${name}`;

const CALLERS = [
  user(A, 'alice'),
  user(A, 'bob'),
  user(B, 'alice'),
  user(B, 'carol'),
  session(A, 'builder', 'run-1'),
  session(B, 'builder', 'run-2'),
];
const ACTIONS = [
  'ecr:PutImage',
  'ecr:BatchGetImage',
  'ecr:GetDownloadUrlForLayer',
  'ecr:InitiateLayerUpload',
  'ecr:DeleteRepository',
  'ecr:ListImages',
];
const RESOURCES = [repo(A, 'app'), repo(A, 'web'), repo(B, 'app')];

const actionPattern = fc.constantFrom(
  '*',
  'ecr:*',
  'ecr:PutImage',
  'ECR:putimage',
  'ecr:Batch*',
  'ecr:*Image*',
  'ecr:Get?ownloadUrlForLayer',
  'ecr:DeleteRepository',
  'ecr:ListImages',
  'ecr:InitiateLayerUpload',
);
const resourcePattern = fc.constantFrom(
  '*',
  repo(A, 'app'),
  repo(B, 'app'),
  `arn:aws:ecr:*:${A}:repository/*`,
  'arn:aws:ecr:us-east-1:*:repository/a?p',
  'arn:aws:ecr:us-east-1:*:repository/w*',
  `arn:aws:ecr:us-west-2:${A}:repository/app`,
);
const principalValue = fc.constantFrom(
  user(A, 'alice'),
  user(B, 'alice'),
  user(A, 'bob'),
  user(B, 'carol'),
  A,
  B,
  `arn:aws:iam::${A}:root`,
  `arn:aws:iam::${B}:root`,
  `arn:aws:iam::${A}:role/builder`,
  `arn:aws:iam::${B}:role/builder`,
  session(A, 'builder', 'run-1'),
  session(A, 'builder', 'other'),
);
const condition = fc.constantFrom<Record<string, Record<string, string | string[]>>>(
  { StringEquals: { 'aws:PrincipalAccount': A } },
  { StringNotEquals: { 'aws:PrincipalAccount': B } },
  { StringLike: { 'aws:PrincipalArn': `arn:aws:iam::${A}:*` } },
  { StringEquals: { 'aws:username': 'alice' } },
  { StringNotEqualsIgnoreCase: { 'aws:username': 'ALICE' } },
  { StringEquals: { 'aws:PrincipalType': 'AssumedRole' } },
  { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/build*' } },
  { ArnNotEquals: { 'aws:PrincipalArn': user(A, 'bob') } },
  { Bool: { 'aws:SecureTransport': 'true' } },
  { BoolIfExists: { 'aws:SecureTransport': 'false' } },
  { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '192.168.1.0/24'] } },
  { NotIpAddress: { 'aws:SourceIp': '10.1.0.0/16' } },
  { Null: { 'aws:SourceIp': 'true' } },
  { Null: { 'aws:SecureTransport': 'false' } },
  { DateLessThan: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' } },
  { DateGreaterThanEquals: { 'aws:CurrentTime': '2026-06-01T00:00:00Z' } },
  { StringLikeIfExists: { 'aws:SourceIp': '10.*' } },
  { 'ForAnyValue:StringEquals': { 'aws:PrincipalAccount': [A, B] } },
  { 'ForAllValues:StringLike': { 'aws:username': ['a*', 'b*'] } },
  { StringEquals: { 'aws:PrincipalAccount': A }, Bool: { 'aws:SecureTransport': 'true' } },
  // keys the request may lack (issue 13): IfExists, Null, negated and set operators decide
  { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-abc' } },
  { StringEqualsIfExists: { 'aws:PrincipalOrgID': 'o-abc' } },
  { StringEquals: { 'aws:PrincipalOrgID': 'o-abc' } },
  { StringNotEquals: { 'aws:PrincipalOrgID': 'o-abc' } },
  { Null: { 'aws:PrincipalOrgID': 'true' } },
  { Null: { 'aws:PrincipalTag/team': 'false' } },
  { StringEquals: { 'aws:PrincipalTag/team': 'ci' } },
  { StringLikeIfExists: { 'aws:PrincipalTag/team': 'c*' } },
  { IpAddressIfExists: { 'aws:SourceIp': '10.0.0.0/8' } },
  { NotIpAddressIfExists: { 'aws:SourceIp': '10.0.0.0/8' } },
  { 'ForAllValues:StringLike': { 'aws:TagKeys': ['team*'] } },
  { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['team-a', 'owner'] } },
  { 'ForAllValues:StringEquals': { 'aws:PrincipalOrgID': ['o-abc', 'o-def'] } },
);
const oneOrList = <T>(arb: fc.Arbitrary<T>) =>
  fc.oneof(arb, fc.array(arb, { minLength: 1, maxLength: 3 }));

const identityStatement = fc
  .record(
    {
      Effect: fc.constantFrom('Allow', 'Allow', 'Deny'),
      act: fc.tuple(fc.boolean(), oneOrList(actionPattern)),
      res: fc.tuple(fc.integer({ min: 0, max: 5 }), oneOrList(resourcePattern)),
      Condition: condition,
    },
    { requiredKeys: ['Effect', 'act', 'res'] },
  )
  .map(({ Effect, act, res, Condition }) => ({
    Effect,
    [act[0] ? 'NotAction' : 'Action']: act[1],
    [res[0] === 0 ? 'NotResource' : 'Resource']: res[1],
    ...(Condition ? { Condition } : {}),
  }));

const resourceStatement = fc
  .record(
    {
      Effect: fc.constantFrom('Allow', 'Allow', 'Deny'),
      who: fc.tuple(fc.integer({ min: 0, max: 6 }), oneOrList(principalValue)),
      act: fc.tuple(fc.integer({ min: 0, max: 4 }), oneOrList(actionPattern)),
      Condition: condition,
    },
    { requiredKeys: ['Effect', 'who', 'act'] },
  )
  .map(({ Effect, who, act, Condition }) => ({
    Effect,
    // mostly named principals; sometimes "*"; NotPrincipal only with Deny (its documented use)
    ...(who[0] === 0
      ? { Principal: '*' }
      : who[0] === 1 && Effect === 'Deny'
        ? { NotPrincipal: { AWS: who[1] } }
        : { Principal: { AWS: who[1] } }),
    [act[0] === 0 ? 'NotAction' : 'Action']: act[1],
    ...(Condition ? { Condition } : {}),
  }));

const policy = <T>(st: fc.Arbitrary<T>) =>
  fc.record({
    Version: fc.constantFrom('2012-10-17', '2008-10-17'),
    Statement: fc.array(st, { minLength: 1, maxLength: 3 }),
  });

const scenario = fc.record({
  caller: fc.constantFrom(...CALLERS),
  action: fc.constantFrom(...ACTIONS),
  resource: fc.constantFrom(...RESOURCES),
  identity: fc.array(policy(identityStatement), { maxLength: 2 }),
  resourcePolicy: fc.option(policy(resourceStatement), { nil: undefined }),
  sourceIp: fc.option(fc.constantFrom('10.0.3.4', '10.1.2.3', '192.168.1.9', '172.16.0.1'), {
    nil: undefined,
  }),
  secure: fc.option(fc.boolean(), { nil: undefined }),
  orgId: fc.option(fc.constantFrom('o-abc', 'o-other'), { nil: undefined }),
  team: fc.option(fc.constantFrom('ci', 'ops'), { nil: undefined }),
  tagKeys: fc.option(fc.constantFrom(['team-a'], ['team-a', 'owner'], ['x']), { nil: undefined }),
});

/**
 * NotPrincipal with Deny, as the IAM User Guide documents it ("AWS JSON policy elements:
 * NotPrincipal", the "Bob" example): a caller is exempt only when its account ARN AND its own
 * ARN (a session: its role's ARN) are listed; listing an account does not exempt the account's
 * other users. iam-simulate exempts every caller an account entry matches (its source marks that
 * as untested). To compare everything else, the simulator gets the list rewritten to what the
 * documented rule exempts: the user and role entries whose account is listed too.
 */
function withDocumentedNotPrincipal<T>(policy: T): T {
  const p = policy as { Statement: Array<Record<string, unknown>> };
  const isAccount = (v: string) => /^\d{12}$/.test(v) || /:root$/.test(v);
  const accountOf = (v: string) => (/^\d{12}$/.test(v) ? v : v.split(':')[4]!);
  return {
    ...p,
    Statement: p.Statement.map((st) => {
      const np = st.NotPrincipal as { AWS: string | string[] } | undefined;
      if (!np) return st;
      const list = Array.isArray(np.AWS) ? np.AWS : [np.AWS];
      const accounts = new Set(list.filter(isAccount).map(accountOf));
      const kept = list.filter(
        (v) => !isAccount(v) && !v.includes(':assumed-role/') && accounts.has(accountOf(v)),
      );
      // nobody exempt: a principal that exists nowhere in the generated cases
      return {
        ...st,
        NotPrincipal: { AWS: kept.length ? kept : ['arn:aws:iam::333333333333:user/nobody'] },
      };
    }),
  } as T;
}

const SIM_DECISION: Record<string, Decision> = {
  Allowed: 'allowed',
  ImplicitlyDenied: 'implicit-deny',
  ExplicitlyDenied: 'explicit-deny',
};
const CURRENT_TIME = '2027-03-01T12:00:00Z';

describe('differential: evaluate vs @cloud-copilot/iam-simulate', () => {
  it('agrees on every decision for 2,500 generated cases', async () => {
    const cases = fc.sample(scenario, { seed: 20260101, numRuns: 2500 });
    const disagreements: string[] = [];
    const seen = {
      allowed: 0,
      'implicit-deny': 0,
      'explicit-deny': 0,
      cross: 0,
      conditions: 0,
      notPrincipalRule: 0,
      absentKeys: 0,
    };
    for (const c of cases) {
      const principal = principalFromArn(c.caller);
      const resourceAccount = c.resource.split(':')[4]!;
      const context: Record<string, string> = { 'aws:CurrentTime': CURRENT_TIME };
      if (c.sourceIp) context['aws:SourceIp'] = c.sourceIp;
      if (c.secure !== undefined) context['aws:SecureTransport'] = String(c.secure);
      if (c.orgId) context['aws:PrincipalOrgID'] = c.orgId;
      if (c.team) context['aws:PrincipalTag/team'] = c.team;
      const fullContext: Record<string, string | string[]> = { ...context };
      if (c.tagKeys) fullContext['aws:TagKeys'] = [...c.tagKeys];
      // the simulator is told the keys we derive from the caller
      const simContext: Record<string, string | string[]> = {
        ...fullContext,
        'aws:PrincipalArn': principal.roleArn ?? principal.arn,
        'aws:PrincipalAccount': principal.accountId,
        'aws:PrincipalType': principal.type === 'user' ? 'User' : 'AssumedRole',
        ...(principal.type === 'user' ? { 'aws:username': principal.name! } : {}),
      };
      const ours = evaluate({
        request: { principal, action: c.action, resource: c.resource, context: fullContext },
        identityPolicies: c.identity.map((p, i) => ({
          name: `id${i}`,
          document: normaliseDocument(p),
        })),
        ...(c.resourcePolicy
          ? { resourcePolicy: { name: 'repo', document: normaliseDocument(c.resourcePolicy) } }
          : {}),
      });
      const sim = await runSimulation(
        {
          identityPolicies: c.identity.map((p, i) => ({ name: `id${i}`, policy: p })),
          serviceControlPolicies: [],
          resourceControlPolicies: [],
          ...(c.resourcePolicy
            ? { resourcePolicy: withDocumentedNotPrincipal(c.resourcePolicy) }
            : {}),
          request: {
            action: c.action,
            principal: c.caller,
            resource: { accountId: resourceAccount, resource: c.resource },
            contextVariables: simContext,
          },
        } as Parameters<typeof runSimulation>[0],
        {},
      );
      // How often the documented NotPrincipal rule decides differently from iam-simulate's own.
      if (c.resourcePolicy && JSON.stringify(c.resourcePolicy).includes('NotPrincipal')) {
        const asSimulatorHasIt = await runSimulation(
          {
            identityPolicies: c.identity.map((p, i) => ({ name: `id${i}`, policy: p })),
            serviceControlPolicies: [],
            resourceControlPolicies: [],
            resourcePolicy: c.resourcePolicy,
            request: {
              action: c.action,
              principal: c.caller,
              resource: { accountId: resourceAccount, resource: c.resource },
              contextVariables: simContext,
            },
          } as Parameters<typeof runSimulation>[0],
          {},
        );
        if (
          asSimulatorHasIt.resultType === 'single' &&
          SIM_DECISION[asSimulatorHasIt.overallResult] !== ours.decision
        )
          seen.notPrincipalRule++;
      }
      const absentRule = ours.absentKeys.length > 0;
      if (absentRule) seen.absentKeys++;
      if (sim.resultType !== 'single') {
        disagreements.push(`simulator could not run: ${JSON.stringify(sim).slice(0, 400)}`);
        continue;
      }
      expect(ours.unsupported).toEqual([]);
      const theirs = SIM_DECISION[sim.overallResult];
      seen[ours.decision]++;
      if (resourceAccount !== principal.accountId) seen.cross++;
      if (JSON.stringify(c).includes('Condition')) seen.conditions++;
      if (theirs !== ours.decision) {
        disagreements.push(
          `ours ${ours.decision} (${ours.reason}) vs simulator ${sim.overallResult} for ${JSON.stringify(c)}`,
        );
      }
    }
    expect(disagreements.slice(0, 5)).toEqual([]);
    // the generator really covers every outcome, cross-account requests and conditions
    expect(seen.allowed).toBeGreaterThan(200);
    expect(seen['implicit-deny']).toBeGreaterThan(200);
    expect(seen['explicit-deny']).toBeGreaterThan(200);
    expect(seen.cross).toBeGreaterThan(500);
    expect(seen.conditions).toBeGreaterThan(1000);
    // the documented NotPrincipal rule and the absent-key rules really were exercised
    expect(seen.notPrincipalRule).toBeGreaterThan(10);
    expect(seen.absentKeys).toBeGreaterThan(150);
  }, 120_000);

  it('agrees on account-scoped actions (resource "*", identity policies only) for 500 cases', async () => {
    const accountScoped = fc.record({
      caller: fc.constantFrom(...CALLERS),
      action: fc.constantFrom(
        'ecr:GetAuthorizationToken',
        'ecr:DescribeRegistry',
        'sts:GetSessionToken',
      ),
      identity: fc.array(policy(identityStatement), { maxLength: 2 }),
      secure: fc.option(fc.boolean(), { nil: undefined }),
    });
    const cases = fc.sample(accountScoped, { seed: 777, numRuns: 500 });
    const disagreements: string[] = [];
    let allowed = 0;
    for (const c of cases) {
      const principal = principalFromArn(c.caller);
      const context: Record<string, string> = { 'aws:CurrentTime': CURRENT_TIME };
      if (c.secure !== undefined) context['aws:SecureTransport'] = String(c.secure);
      const ours = evaluate({
        request: { principal, action: c.action, resource: '*', context },
        identityPolicies: c.identity.map((p, i) => ({
          name: `id${i}`,
          document: normaliseDocument(p),
        })),
      });
      const sim = await runSimulation(
        {
          identityPolicies: c.identity.map((p, i) => ({ name: `id${i}`, policy: p })),
          serviceControlPolicies: [],
          resourceControlPolicies: [],
          request: {
            action: c.action,
            principal: c.caller,
            resource: { accountId: principal.accountId, resource: '*' },
            contextVariables: {
              ...context,
              'aws:PrincipalArn': principal.roleArn ?? principal.arn,
              'aws:PrincipalAccount': principal.accountId,
              'aws:PrincipalType': principal.type === 'user' ? 'User' : 'AssumedRole',
              ...(principal.type === 'user' ? { 'aws:username': principal.name! } : {}),
            },
          },
        } as Parameters<typeof runSimulation>[0],
        {},
      );
      if (sim.resultType !== 'single') {
        disagreements.push(`simulator could not run: ${JSON.stringify(sim).slice(0, 400)}`);
        continue;
      }
      if (ours.decision === 'allowed') allowed++;
      if (SIM_DECISION[sim.overallResult] !== ours.decision) {
        disagreements.push(
          `ours ${ours.decision} vs simulator ${sim.overallResult} for ${JSON.stringify(c)}`,
        );
      }
    }
    expect(disagreements.slice(0, 5)).toEqual([]);
    expect(allowed).toBeGreaterThan(50);
  }, 60_000);
});
