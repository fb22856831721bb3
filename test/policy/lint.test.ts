import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { lintPolicy, type Finding } from '../../src/policy/index.js';
import { ACCOUNT, OTHER, SEED_TEMPLATE, seedPolicy } from './fixtures.js';

const codes = (fs: Finding[]): string[] => fs.map((f) => f.code);
const only = (text: string, code: string, opts = {}): Finding => {
  const found = lintPolicy(text, opts).findings.filter((f) => f.code === code);
  expect(found, `expected one ${code}`).toHaveLength(1);
  return found[0]!;
};
const lineOf = (text: string, needle: string): number =>
  text.slice(0, text.indexOf(needle)).split('\n').length;

describe('lintPolicy on the workshop policy', () => {
  it('the seed policy with the account filled in lints clean', () => {
    const r = lintPolicy(seedPolicy(), { account: ACCOUNT });
    expect(r.findings).toEqual([]);
    expect(r.document?.statements[0]?.sid).toBe('AllowPushPullFromCICDUser');
  });

  it('flags the placeholder left in, at its line and column', () => {
    const f = only(SEED_TEMPLATE, 'placeholder', { account: ACCOUNT });
    expect(f).toMatchObject({
      severity: 'error',
      line: 8,
      column: 30,
      path: 'Statement[0].Principal.AWS',
    });
    expect(f.suggestion).toContain(ACCOUNT);
  });

  it('ecr:PutImages: unknown action with did-you-mean', () => {
    const text = seedPolicy().replace('"ecr:PutImage"', '"ecr:PutImages"');
    const f = only(text, 'unknown-action');
    expect(f.line).toBe(lineOf(text, 'ecr:PutImages'));
    expect(f.path).toBe('Statement[0].Action[3]');
    expect(f.suggestion).toBe('Did you mean ecr:PutImage?');
    // and the push set is now incomplete
    expect(only(text, 'incomplete-push').message).toContain('ecr:PutImage');
  });

  it('a trailing comma is named as such at the comma', () => {
    const text = seedPolicy().replace('"ecr:CompleteLayerUpload"', '"ecr:CompleteLayerUpload",');
    const r = lintPolicy(text);
    expect(codes(r.findings)).toEqual(['json-trailing-comma']);
    expect(r.findings[0]).toMatchObject({ line: lineOf(text, 'ecr:CompleteLayerUpload') });
    expect(r.findings[0]!.message).toMatch(/[Tt]railing comma/);
  });

  it('"Principal": "*" without a condition is a security warning', () => {
    const text = seedPolicy().replace(/"Principal": \{[^}]*\}/, '"Principal": "*"');
    const f = only(text, 'public-principal');
    expect(f.severity).toBe('warning');
    expect(f.line).toBe(lineOf(text, '"Principal": "*"'));
    expect(f.message).toMatch(/anyone in any AWS account/);
    const withCondition = text.replace(
      '"Principal": "*",',
      '"Principal": "*", "Condition": {"StringEquals": {"aws:PrincipalAccount": "123456789012"}},',
    );
    expect(codes(lintPolicy(withCondition).findings)).not.toContain('public-principal');
  });

  it('ecr:GetAuthorizationToken in a repository policy is an error that says where it belongs', () => {
    const text = seedPolicy().replace(
      '"ecr:BatchGetImage",',
      '"ecr:BatchGetImage",\n        "ecr:GetAuthorizationToken",',
    );
    const f = only(text, 'auth-token-in-repository-policy');
    expect(f.line).toBe(lineOf(text, 'ecr:GetAuthorizationToken'));
    expect(f.suggestion).toMatch(/IAM policy/);
    // fine in an identity policy
    const id =
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ecr:GetAuthorizationToken","Resource":"*"}]}';
    expect(lintPolicy(id, { kind: 'identity' }).findings).toEqual([]);
  });
});

describe('lintPolicy findings', () => {
  const stmt = (body: string, version = '"Version": "2012-10-17",') =>
    `{\n  ${version}\n  "Statement": [\n    ${body}\n  ]\n}`;
  const ci = `"Principal": {"AWS": "arn:aws:iam::${ACCOUNT}:user/ci"}`;

  it('Version missing (warning) or wrong (error)', () => {
    expect(
      only(stmt(`{"Effect": "Allow", ${ci}, "Action": "ecr:*"}`, ''), 'missing-version').severity,
    ).toBe('warning');
    const bad = only(
      stmt(`{"Effect": "Allow", ${ci}, "Action": "ecr:*"}`, '"Version": "2012-10-18",'),
      'invalid-version',
    );
    expect([bad.line, bad.path, bad.severity]).toEqual([2, 'Version', 'error']);
  });

  it('Statement missing or empty', () => {
    expect(codes(lintPolicy('{"Version": "2012-10-17"}').findings)).toEqual(['missing-statement']);
    expect(codes(lintPolicy('{"Version": "2012-10-17", "Statement": []}').findings)).toEqual([
      'empty-statement',
    ]);
  });

  it('unknown keys with a suggestion, Effect spelled wrong, Principal missing', () => {
    const r = lintPolicy(stmt(`{"Effect": "allow", "Actions": "ecr:PutImage"}`));
    expect(codes(r.findings).sort()).toEqual(
      ['invalid-effect', 'missing-action', 'missing-principal', 'unknown-key'].sort(),
    );
    const unknown = r.findings.find((f) => f.code === 'unknown-key')!;
    expect(unknown.suggestion).toBe('Did you mean "Action"?');
    expect(unknown.path).toBe('Statement[0].Actions');
    expect(r.findings.find((f) => f.code === 'invalid-effect')!.suggestion).toBe('Use "Allow".');
  });

  it('malformed principal ARN, bad account id, wildcard inside an ARN', () => {
    const p = (v: string) =>
      stmt(`{"Effect": "Allow", "Principal": {"AWS": "${v}"}, "Action": "ecr:BatchGetImage"}`);
    expect(codes(lintPolicy(p('arn:aws:iam::12345:user/ci')).findings)).toContain(
      'invalid-account-id',
    );
    expect(codes(lintPolicy(p('1234567890')).findings)).toContain('invalid-account-id');
    expect(codes(lintPolicy(p('arn:aws:iam:123456789012:user/ci')).findings)).toContain(
      'invalid-principal-arn',
    );
    expect(codes(lintPolicy(p(`arn:aws:iam::${ACCOUNT}:user/*`)).findings)).toContain(
      'principal-wildcard',
    );
    expect(codes(lintPolicy(p(ACCOUNT)).findings)).not.toContain('invalid-account-id');
  });

  it('principal in another account than expected', () => {
    const f = only(seedPolicy(OTHER), 'principal-account-mismatch', { account: ACCOUNT });
    expect(f.message).toContain(OTHER);
    expect(f.suggestion).toContain(ACCOUNT);
    expect(codes(lintPolicy(seedPolicy(OTHER)).findings)).toEqual([]);
  });

  it('non-ECR action in a repository policy; Resource is a warning', () => {
    const r = lintPolicy(
      stmt(
        `{"Effect": "Allow", ${ci}, "Action": ["s3:GetObject", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"], "Resource": "*"}`,
      ),
    );
    expect(codes(r.findings).sort()).toEqual(['non-ecr-action', 'resource-in-repository-policy']);
    expect(r.findings.find((f) => f.code === 'resource-in-repository-policy')!.severity).toBe(
      'warning',
    );
  });

  it('incomplete push and pull sets name the failing call', () => {
    const push = only(
      stmt(`{"Effect": "Allow", ${ci}, "Action": ["ecr:PutImage", "ecr:InitiateLayerUpload"]}`),
      'incomplete-push',
    );
    expect(push.message).toContain('docker push would fail at ecr:BatchCheckLayerAvailability');
    const pull = only(
      stmt(`{"Effect": "Allow", ${ci}, "Action": "ecr:BatchGetImage"}`),
      'incomplete-pull',
    );
    expect(pull.message).toContain('docker pull would fail at ecr:GetDownloadUrlForLayer');
    // split across two statements for the same principal is complete
    const split = stmt(
      `{"Effect": "Allow", ${ci}, "Action": "ecr:BatchGetImage"}, {"Effect": "Allow", ${ci}, "Action": "ecr:GetDownloadUrlForLayer"}`,
    );
    expect(lintPolicy(split).findings).toEqual([]);
  });

  it('duplicate and invalid Sid, unknown condition operator, duplicate keys', () => {
    const r = lintPolicy(
      stmt(
        `{"Sid": "A", "Effect": "Allow", ${ci}, "Action": "ecr:BatchCheckLayerAvailability"},\n    {"Sid": "A", "Effect": "Deny", ${ci}, "Action": "ecr:DeleteRepository"},\n    {"Sid": "bad sid!", "Effect": "Deny", ${ci}, "Action": "ecr:DeleteRepository", "Condition": {"StringEqual": {"aws:username": "x"}}}`,
      ),
    );
    expect(codes(r.findings)).toEqual([
      'duplicate-sid',
      'invalid-sid',
      'unknown-condition-operator',
    ]);
    expect(r.findings[0]!.line).toBe(5);
    expect(r.findings[2]!.suggestion).toBe('Did you mean StringEquals?');
    const dup = lintPolicy(
      '{"Version": "2012-10-17", "Version": "2012-10-17", "Statement": {"Effect": "Allow", "Effect": "Deny", "Principal": "*", "Action": "ecr:DeleteRepository"}}',
    );
    expect(codes(dup.findings).filter((c) => c === 'duplicate-key')).toHaveLength(2);
  });

  it('a Vietnamese Sid: the suggestion keeps the letters without their accents', () => {
    const viet = seedPolicy().replace('"AllowPushPullFromCICDUser"', '"Cho phép CI đẩy và kéo 🚀"');
    const f = lintPolicy(viet).findings.find((x) => x.code === 'invalid-sid')!;
    expect(f.suggestion).toBe('Use "ChophepCIdayvakeo".');
  });

  it('curly quotes and stray spaces from copy-paste', () => {
    const curly = seedPolicy().replace('"Effect": "Allow"', '"Effect": \u201cAllow\u201d');
    const f = lintPolicy(curly).findings;
    expect(codes(f)).toEqual(['json-curly-quote']);
    expect(f[0]!.line).toBe(lineOf(curly, 'Effect'));
    const spaced = seedPolicy()
      .replace('"ecr:PutImage"', '" ecr:PutImage"')
      .replace(':user/fcj-ecr-ci-cd-user"', ':user/fcj-ecr-ci-cd-user "');
    expect(codes(lintPolicy(spaced).findings).filter((c) => c === 'stray-whitespace')).toHaveLength(
      2,
    );
  });

  it('policy over 10,240 characters', () => {
    const long = seedPolicy().replace('"Version"', `${' '.repeat(10_300)}"Version"`);
    expect(only(long, 'policy-too-long').message).toContain('10,240');
  });

  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.jsonValue().map((v) => JSON.stringify({ Statement: v })),
        ),
        (text) => {
          const r = lintPolicy(text);
          expect(Array.isArray(r.findings)).toBe(true);
          for (const f of r.findings) {
            expect(f.code).not.toBe('internal-error');
            expect(f.line).toBeGreaterThanOrEqual(1);
          }
        },
      ),
      { seed: 42, numRuns: 500 },
    );
    expect(lintPolicy(undefined as unknown as string).findings[0]!.code).toBe('not-text');
  });
});
