/**
 * The audit's corrections (issue 13), one test per rule, each naming the AWS page it comes
 * from (docs/accuracy.md maps every rule to its page and to these tests).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryIo } from '../../src/io.js';
import { runPolicyExplain, runPolicyLint } from '../../src/commands/policy.js';
import {
  accessDeniedMessage,
  evaluate,
  lintPolicy,
  parsePolicy,
  principalFromArn,
  type ContextValues,
  type EvaluationResult,
  type RequestPrincipal,
  traceWhy,
} from '../../src/policy/index.js';
import { globMatch, globRegExp } from '../../src/policy/wildcard.js';
import { ACCOUNT, ADMIN, CI_USER, ECR_FULL_POLICY, OTHER, REPO, seedPolicy } from './fixtures.js';

const BOB = `arn:aws:iam::${ACCOUNT}:user/Bob`;
const ALICE = `arn:aws:iam::${ACCOUNT}:user/Alice`;
const ROOT = `arn:aws:iam::${ACCOUNT}:root`;

function run(opts: {
  principal: string | RequestPrincipal;
  action?: string;
  identity?: string[];
  resourcePolicy?: string;
  context?: ContextValues;
}): EvaluationResult {
  return evaluate({
    request: {
      principal:
        typeof opts.principal === 'string' ? principalFromArn(opts.principal) : opts.principal,
      action: opts.action ?? 'ecr:PutImage',
      resource: REPO,
      ...(opts.context ? { context: opts.context } : {}),
    },
    identityPolicies: (opts.identity ?? []).map((t, i) => ({
      name: `identity ${i}`,
      document: parsePolicy(t),
    })),
    ...(opts.resourcePolicy
      ? {
          resourcePolicy: { name: 'repository policy', document: parsePolicy(opts.resourcePolicy) },
        }
      : {}),
  });
}

const repoPolicy = (statements: unknown[], version = '2012-10-17'): string =>
  JSON.stringify({ Version: version, Statement: statements }, null, 2);
const codes = (text: string, opts = {}): string[] =>
  lintPolicy(text, opts).findings.map((f) => f.code);

describe('IAM "Troubleshoot access denied error messages": the explicit-deny wording', () => {
  it('an explicit deny ends "with an explicit deny in a resource-based policy", no "because"', () => {
    const p = repoPolicy([{ Effect: 'Deny', Principal: { AWS: ADMIN }, Action: 'ecr:PutImage' }]);
    const r = run({ principal: ADMIN, identity: [ECR_FULL_POLICY], resourcePolicy: p });
    expect(accessDeniedMessage(ADMIN, 'ecr:PutImage', REPO, r)).toBe(
      `User: ${ADMIN} is not authorized to perform: ecr:PutImage on resource: ${REPO} with an explicit deny in a resource-based policy`,
    );
    const id = run({
      principal: ADMIN,
      identity: [
        '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"ecr:*","Resource":"*"}]}',
      ],
    });
    expect(accessDeniedMessage(ADMIN, 'ecr:PutImage', REPO, id)).toMatch(
      /on resource: \S+ with an explicit deny in an identity-based policy$/,
    );
  });

  it('only an implicit deny says "because no ... policy allows", naming one policy type', () => {
    const r = run({ principal: CI_USER });
    expect(accessDeniedMessage(CI_USER, 'ecr:PutImage', REPO, r)).toBe(
      `User: ${CI_USER} is not authorized to perform: ecr:PutImage on resource: ${REPO} because no identity-based policy allows the ecr:PutImage action`,
    );
  });
});

describe('IAM "AWS JSON policy elements: NotPrincipal"', () => {
  const bobAndAccount = repoPolicy([
    { Effect: 'Deny', NotPrincipal: { AWS: [BOB, ROOT] }, Action: 'ecr:*' },
  ]);
  it('AWS\'s "Bob" example: [Bob, account root] denies every principal but Bob, the account\'s other users too', () => {
    expect(
      run({ principal: BOB, identity: [ECR_FULL_POLICY], resourcePolicy: bobAndAccount }).decision,
    ).toBe('allowed');
    const alice = run({
      principal: ALICE,
      identity: [ECR_FULL_POLICY],
      resourcePolicy: bobAndAccount,
    });
    expect(alice.decision).toBe('explicit-deny');
    expect(traceWhy(alice.trace.find((t) => t.effect === 'Deny')!)).toContain(
      `lists account ${ACCOUNT}, but that exempts only the principals also listed by name`,
    );
    expect(
      run({ principal: `arn:aws:iam::${OTHER}:user/Bob`, resourcePolicy: bobAndAccount }).decision,
    ).toBe('explicit-deny');
  });

  it('without the account ARN the exempted user is denied too ("might deny access to the entire account")', () => {
    const bobOnly = repoPolicy([{ Effect: 'Deny', NotPrincipal: { AWS: BOB }, Action: 'ecr:*' }]);
    const r = run({ principal: BOB, identity: [ECR_FULL_POLICY], resourcePolicy: bobOnly });
    expect(r.decision).toBe('explicit-deny');
    expect(traceWhy(r.trace.find((t) => t.effect === 'Deny')!)).toContain('not its account');
  });

  it('a role session is exempt when its role and its account are listed', () => {
    const role = `arn:aws:iam::${ACCOUNT}:role/builder`;
    const session = `arn:aws:sts::${ACCOUNT}:assumed-role/builder/run-1`;
    const p = repoPolicy([
      { Effect: 'Deny', NotPrincipal: { AWS: [role, ROOT] }, Action: 'ecr:*' },
    ]);
    expect(
      run({ principal: session, identity: [ECR_FULL_POLICY], resourcePolicy: p }).decision,
    ).toBe('allowed');
  });

  it('NotPrincipal with Allow is not supported: the evaluator says so and grants nothing; lint errors', () => {
    const p = repoPolicy([{ Effect: 'Allow', NotPrincipal: { AWS: BOB }, Action: 'ecr:*' }]);
    const r = run({ principal: CI_USER, resourcePolicy: p });
    expect(r.decision).toBe('implicit-deny');
    expect(r.unsupported[0]).toContain('NotPrincipal with "Effect": "Allow"');
    expect(lintPolicy(p).findings.find((f) => f.code === 'not-principal-with-allow')).toMatchObject(
      {
        severity: 'error',
        path: 'Statement[0].NotPrincipal',
      },
    );
  });

  it("lint warns when an exempted principal's account ARN is missing, and points to aws:PrincipalArn", () => {
    const p = repoPolicy([{ Effect: 'Deny', NotPrincipal: { AWS: [BOB] }, Action: 'ecr:*' }]);
    const f = lintPolicy(p).findings.find((x) => x.code === 'not-principal-account-missing')!;
    expect(f).toMatchObject({ severity: 'warning', path: 'Statement[0].NotPrincipal.AWS[0]' });
    expect(f.suggestion).toContain(`arn:aws:iam::${ACCOUNT}:root`);
    expect(codes(bobAndAccount)).not.toContain('not-principal-account-missing');
    expect(codes(bobAndAccount)).toContain('not-principal');
  });
});

describe('IAM "Condition operators" and "...IfExists": keys absent from the request', () => {
  const deny = (condition: unknown) =>
    repoPolicy([
      { Effect: 'Allow', Principal: { AWS: CI_USER }, Action: 'ecr:*' },
      { Effect: 'Deny', Principal: '*', Action: 'ecr:*', Condition: condition },
    ]);
  const decisionFor = (condition: unknown, context?: ContextValues) =>
    run({ principal: CI_USER, resourcePolicy: deny(condition), ...(context ? { context } : {}) });

  it('...IfExists on an absent key is true (the Deny applies), not "unsupported"', () => {
    const r = decisionFor({ StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-abc' } });
    expect(r.decision).toBe('explicit-deny');
    expect(r.unsupported).toEqual([]);
    expect(r.absentKeys).toEqual([
      expect.objectContaining({ key: 'aws:PrincipalOrgID', held: true, effect: 'Deny' }),
    ]);
    expect(
      decisionFor(
        { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-abc' } },
        { 'aws:PrincipalOrgID': 'o-abc' },
      ).decision,
    ).toBe('allowed');
  });

  it('Null is decided by presence', () => {
    expect(decisionFor({ Null: { 'aws:PrincipalTag/team': 'true' } }).decision).toBe(
      'explicit-deny',
    );
    expect(
      decisionFor({ Null: { 'aws:PrincipalTag/team': 'true' } }, { 'aws:PrincipalTag/team': 'ci' })
        .decision,
    ).toBe('allowed');
    expect(decisionFor({ Null: { 'aws:PrincipalTag/team': 'false' } }).decision).toBe('allowed');
  });

  it('ForAllValues: on an absent key is true; ForAnyValue: false; a plain operator false', () => {
    expect(decisionFor({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['a'] } }).decision).toBe(
      'explicit-deny',
    );
    expect(decisionFor({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['a'] } }).decision).toBe(
      'allowed',
    );
    const plain = decisionFor({ StringEquals: { 'aws:PrincipalOrgID': 'o-abc' } });
    expect(plain.decision).toBe('allowed');
    expect(traceWhy(plain.trace[1]!)).toContain('aws:PrincipalOrgID is absent from the request');
  });
});

describe('IAM "AWS global condition context keys"', () => {
  it('aws:PrincipalArn of a role session is the role ARN with its path', () => {
    const session: RequestPrincipal = {
      ...principalFromArn(`arn:aws:sts::${ACCOUNT}:assumed-role/deployer/run-7`),
      roleArn: `arn:aws:iam::${ACCOUNT}:role/teams/ci/deployer`,
    };
    const p = repoPolicy([
      {
        Effect: 'Allow',
        Principal: '*',
        Action: 'ecr:PutImage',
        Condition: {
          ArnEquals: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:role/teams/ci/deployer` },
        },
      },
    ]);
    expect(run({ principal: session, resourcePolicy: p }).decision).toBe('allowed');
  });
});

describe('IAM "Version" and "Sid" elements; ECR "Repository policy examples"', () => {
  it('a Sid with spaces (ECR\'s own "ECR Repository Policy") is a warning, other characters an error', () => {
    const spaced = seedPolicy().replace('"AllowPushPullFromCICDUser"', '"ECR Repository Policy"');
    const f = lintPolicy(spaced).findings;
    expect(f.map((x) => [x.code, x.severity])).toEqual([['sid-with-spaces', 'warning']]);
    expect(codes(seedPolicy().replace('"AllowPushPullFromCICDUser"', '"Allow-Push"'))).toContain(
      'invalid-sid',
    );
  });

  it('${...} under Version 2008-10-17 (or none) is literal text: a warning', () => {
    const p = repoPolicy(
      [
        {
          Effect: 'Allow',
          Principal: '*',
          Action: 'ecr:BatchGetImage',
          Condition: { StringEquals: { 'aws:username': '${aws:username}' } },
        },
      ],
      '2008-10-17',
    );
    const f = lintPolicy(p).findings.find((x) => x.code === 'variable-in-old-version')!;
    expect(f).toMatchObject({
      severity: 'warning',
      path: 'Statement[0].Condition.StringEquals.aws:username',
    });
    expect(f.message).toContain('${aws:username} is literal text');
    expect(codes(p.replace('2008-10-17', '2012-10-17'))).not.toContain('variable-in-old-version');
  });
});

describe('ECR "Pushing a Docker image": the push permissions include ecr:BatchGetImage', () => {
  it('a push-only grant is told that AWS also lists BatchGetImage', () => {
    const push = repoPolicy([
      {
        Effect: 'Allow',
        Principal: { AWS: CI_USER },
        Action: [
          'ecr:BatchCheckLayerAvailability',
          'ecr:InitiateLayerUpload',
          'ecr:UploadLayerPart',
          'ecr:CompleteLayerUpload',
          'ecr:PutImage',
        ],
      },
    ]);
    const f = lintPolicy(push).findings.find((x) => x.code === 'push-without-batch-get-image')!;
    expect(f.message).toContain("AWS's push page also lists ecr:BatchGetImage");
    const partial = push.replace('"ecr:PutImage"', '"ecr:ListImages"');
    const incomplete = lintPolicy(partial).findings.find((x) => x.code === 'incomplete-push')!;
    expect(incomplete.suggestion).toBe('Add ecr:PutImage, ecr:BatchGetImage.');
  });
});

describe('ECR "Repository policies": naming the account delegates to IAM, in the same account too', () => {
  it('a repository policy naming only the account does not grant the CI user by itself', () => {
    for (const who of [ACCOUNT, ROOT]) {
      const p = repoPolicy([{ Effect: 'Allow', Principal: { AWS: who }, Action: 'ecr:PutImage' }]);
      expect(run({ principal: CI_USER, resourcePolicy: p }).decision).toBe('implicit-deny');
      expect(
        run({ principal: CI_USER, resourcePolicy: p, identity: [ECR_FULL_POLICY] }).decision,
      ).toBe('allowed');
    }
  });
});

describe('policy explain: --account, --context, the resource it assumed, aws:SecureTransport', () => {
  let dir: string;
  const file = (n: string) => join(dir, n);
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ecr-tutor-corrections-'));
    await writeFile(
      file('partner.json'),
      repoPolicy([
        {
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${OTHER}:user/partner-developer` },
          Action: 'ecr:BatchGetImage',
        },
        {
          Effect: 'Deny',
          Principal: '*',
          Action: 'ecr:*',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
        {
          Effect: 'Deny',
          Principal: '*',
          Action: 'ecr:*',
          Condition: { NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
        },
      ]),
    );
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));
  const base = { identityPolicies: [], json: false, action: 'ecr:BatchGetImage' };

  it("a partner probe without --resource lands in --account's repository: cross-account, and says so", async () => {
    const io = memoryIo();
    await runPolicyExplain(io, {
      ...base,
      policy: file('partner.json'),
      principal: `arn:aws:iam::${OTHER}:user/partner-developer`,
      account: ACCOUNT,
      context: ['aws:SourceIp=203.0.113.9'],
    });
    const out = io.stdout();
    expect(out).toContain(
      `resource:  arn:aws:ecr:us-east-1:${ACCOUNT}:repository/fcj-workshop-app (assumed: fcj-workshop-app in --account ${ACCOUNT}, us-east-1; pass --resource to change it)`,
    );
    expect(out).toContain(`cross-account (${OTHER} -> ${ACCOUNT})`);
    // the SecureTransport Deny does not lock the partner out: the key is present and true
    expect(out).toContain(
      'context:   aws:SourceIp=203.0.113.9, aws:SecureTransport=true (aws:SecureTransport: always present',
    );
    expect(out).toMatch(/^Decision: DENIED \(implicit deny/);
    expect(out).toContain('because no identity-based policy allows the ecr:BatchGetImage action');
  });

  it('names the keys that were absent and what that decided; --context supplies them', async () => {
    const io = memoryIo();
    await runPolicyExplain(io, {
      ...base,
      policy: file('partner.json'),
      principal: `arn:aws:iam::${OTHER}:user/partner-developer`,
      account: ACCOUNT,
      json: true,
    });
    const j = JSON.parse(io.stdout()) as {
      decision: string;
      absentKeys: unknown[];
      request: { sameAccount: boolean };
      resourceAssumed: boolean;
    };
    expect(j.decision).toBe('explicit-deny');
    expect(j.request.sameAccount).toBe(false);
    expect(j.resourceAssumed).toBe(true);
    expect(j.absentKeys).toEqual([
      expect.objectContaining({
        key: 'aws:SourceIp',
        op: 'NotIpAddress',
        held: true,
        effect: 'Deny',
        statementIndex: 2,
      }),
    ]);
    const plain = memoryIo();
    await runPolicyExplain(plain, {
      ...base,
      policy: file('partner.json'),
      principal: `arn:aws:iam::${OTHER}:user/partner-developer`,
      account: ACCOUNT,
    });
    expect(plain.stdout()).toContain(
      'Condition keys absent from the request (give them with --context KEY=VALUE):\n  - aws:SourceIp: NotIpAddress was true without it, so repository policy',
    );
  });

  it('bad --context and --account are usage errors (exit 2) with a try line', async () => {
    const io = memoryIo();
    expect(
      await runPolicyExplain(io, {
        ...base,
        policy: file('partner.json'),
        principal: CI_USER,
        context: ['SourceIp'],
      }),
    ).toBe(2);
    expect(io.stderr()).toContain('--context "SourceIp" is not KEY=VALUE');
    const io2 = memoryIo();
    expect(
      await runPolicyExplain(io2, {
        ...base,
        policy: file('partner.json'),
        principal: CI_USER,
        account: '12345',
      }),
    ).toBe(2);
  });

  it('lint quotes at most a window of a long line (a one-line policy is not printed per finding)', async () => {
    const actions = Array.from({ length: 100 }, () => `ecr:${'?'.repeat(48)}*`);
    await writeFile(
      file('wild.json'),
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { AWS: CI_USER }, Action: actions }],
      }),
    );
    const io = memoryIo();
    expect(await runPolicyLint(io, { file: file('wild.json'), json: false })).toBe(1);
    const lines = io.stdout().split('\n');
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThan(200);
    expect(io.stdout()).toContain('matches no ecr action');
  });
});

describe('lint in near-linear time (issue 14)', () => {
  it('a policy over 10,240 characters gets the limit finding alone, before any other rule', () => {
    const actions = Array.from({ length: 800 }, () => `ecr:${'?'.repeat(48)}*`);
    const text = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: CI_USER }, Action: actions }],
    });
    const r = lintPolicy(text);
    expect(r.findings.map((f) => f.code)).toEqual(['policy-too-long']);
  });

  it('globMatch (no RegExp, no backtracking) agrees with the RegExp glob on generated patterns', () => {
    const alphabet = fc.constantFrom('a', 'b', '*', '?', ':');
    fc.assert(
      fc.property(
        fc.string({ unit: alphabet, maxLength: 12 }),
        fc.string({ unit: fc.constantFrom('a', 'b', ':'), maxLength: 14 }),
        (pattern, text) => {
          expect(globMatch(pattern, text)).toBe(globRegExp(pattern).test(text));
        },
      ),
      { seed: 13, numRuns: 3000 },
    );
  });

  it('a near-miss against many stars stays fast', () => {
    const pattern = `${'a*'.repeat(200)}b`;
    const t = performance.now();
    expect(globMatch(pattern, 'a'.repeat(5000))).toBe(false);
    expect(performance.now() - t).toBeLessThan(500);
  });
});
