import { describe, expect, it } from 'vitest';
import {
  parsePolicy,
  parsePolicyWithPositions,
  PolicyParseError,
  principalFromArn,
  principalsOf,
} from '../../src/policy/index.js';
import { ACCOUNT, CI_USER, seedPolicy, SEED_ACTIONS } from './fixtures.js';

function parseError(text: string): PolicyParseError {
  try {
    parsePolicy(text);
  } catch (err) {
    if (err instanceof PolicyParseError) return err;
    throw err;
  }
  throw new Error('expected a PolicyParseError');
}

describe('parsePolicy', () => {
  it('parses the seed policy into normal form', () => {
    const doc = parsePolicy(seedPolicy());
    expect(doc.version).toBe('2008-10-17');
    expect(doc.statements).toHaveLength(1);
    const s = doc.statements[0]!;
    expect(s.sid).toBe('AllowPushPullFromCICDUser');
    expect(s.effect).toBe('Allow');
    expect(s.principal).toEqual({ AWS: [CI_USER] });
    expect(s.action).toEqual([...SEED_ACTIONS].sort());
  });

  it('tells where each element is', () => {
    const { document, positionOf } = parsePolicyWithPositions(seedPolicy());
    expect(document.statements).toHaveLength(1);
    expect(positionOf('Statement[0].Action[3]')).toEqual({ line: 14, column: 9 });
    expect(positionOf('Statement[0].Principal.AWS')).toEqual({ line: 8, column: 16 });
    // a missing element: its nearest existing parent
    expect(positionOf('Statement[0].Condition')).toEqual({ line: 4, column: 5 });
  });

  it('normalises strings to lists, action case and order, accounts to root ARNs', () => {
    const a = parsePolicy(
      `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"${ACCOUNT}"},"Action":["ECR:putimage","ecr:BatchGetImage","ecr:PutImage"]}}`,
    );
    expect(a.statements[0]!.principal).toEqual({ AWS: [`arn:aws:iam::${ACCOUNT}:root`] });
    expect(a.statements[0]!.action).toEqual(['ecr:BatchGetImage', 'ecr:PutImage']);
    const b = parsePolicy(
      '{"Statement":[{"Effect":"Deny","Principal":{"AWS":"*"},"NotAction":"s3:*"}]}',
    );
    expect(b.version).toBe('2008-10-17');
    expect(b.statements[0]!.principal).toBe('*');
    expect(b.statements[0]!.notAction).toEqual(['s3:*']);
  });

  it('rejects duplicate keys with the line and column of the second one', () => {
    const err = parseError(
      '{\n  "Version": "2012-10-17",\n  "Version": "2008-10-17",\n  "Statement": []\n}',
    );
    expect(err.code).toBe('duplicate-key');
    expect([err.line, err.column]).toEqual([3, 3]);
    expect(err.message).toContain('first on line 2');
  });

  it('says "trailing comma" at the comma', () => {
    const err = parseError('{\n  "Version": "2012-10-17",\n  "Statement": [1, 2,]\n}');
    expect(err.code).toBe('json-trailing-comma');
    expect([err.line, err.column]).toEqual([3, 21]);
  });

  it('says which brace is unclosed and where a quote is missing', () => {
    const open = parseError('{\n  "Version": "2012-10-17",\n  "Statement": [\n');
    expect(open.code).toBe('json-unclosed');
    expect(open.line).toBe(3);
    const quote = parseError('{\n  "Version": "2012-10-17,\n  "Statement": []\n}');
    expect(quote.code).toBe('json-missing-quote');
    expect(quote.line).toBe(2);
  });

  it('names a missing quote, a bracket that does not pair, an extra brace', () => {
    const stmt = (body: string) =>
      `{\n  "Version": "2012-10-17",\n  "Statement": [\n    ${body}\n  ]\n}`;
    const bare = parseError(stmt('{"Effect": Allow", "Principal": "*", "Action": "ecr:*"}'));
    expect([bare.code, bare.line, bare.column]).toEqual(['json-missing-quote', 4, 16]);
    expect(bare.message).toContain('"Allow"');
    const early = parseError(stmt('{"Effect": "Allow, "Principal": "*", "Action": "ecr:*"}'));
    expect([early.code, early.line, early.column]).toEqual(['json-missing-quote', 4, 16]);
    const list = parseError(
      stmt('{"Effect": "Allow", "Principal": "*", "Action": "ecr:*"}').replace('\n  ]', '\n'),
    );
    expect(list.code).toBe('json-unclosed');
    expect(list.message).toContain('list [ opened on line 3, column 16');
    const extra = parseError(
      stmt('{"Effect": "Allow", "Principal": "*", "Action": "ecr:*"}') + '}',
    );
    expect([extra.code, extra.line]).toEqual(['json-extra-bracket', 6]);
  });

  it('accepts a byte-order mark without shifting columns', () => {
    const err = parseError('\uFEFF{"Version": "2012-10-18", "Statement": []}');
    expect([err.code, err.column]).toEqual(['invalid-version', 13]);
  });

  it('reports shape errors at the offending element', () => {
    const err = parseError(
      '{\n "Version": "2012-10-17",\n "Statement": [\n  {"Effect": "allow", "Action": "ecr:*"}\n ]\n}',
    );
    expect(err.code).toBe('invalid-effect');
    expect(err.path).toBe('Statement[0].Effect');
    expect([err.line, err.column]).toEqual([4, 14]);
  });
});

describe('principalFromArn', () => {
  it('recognises users, roles, sessions and root', () => {
    expect(principalFromArn(CI_USER)).toMatchObject({
      type: 'user',
      accountId: ACCOUNT,
      name: 'fcj-ecr-ci-cd-user',
    });
    expect(principalFromArn(`arn:aws:iam::${ACCOUNT}:user/ci/deployer`)).toMatchObject({
      name: 'deployer',
    });
    expect(principalFromArn(`arn:aws:iam::${ACCOUNT}:root`)).toMatchObject({
      type: 'root',
      accountId: ACCOUNT,
    });
    expect(
      principalFromArn(`arn:aws:sts::${ACCOUNT}:assumed-role/builder/session-1`),
    ).toMatchObject({
      type: 'assumed-role',
      name: 'builder',
      roleArn: `arn:aws:iam::${ACCOUNT}:role/builder`,
    });
    expect(principalFromArn(`arn:aws:iam::${ACCOUNT}:role/svc/builder`)).toMatchObject({
      type: 'role',
      name: 'builder',
    });
  });

  it('refuses what is not a principal ARN, saying what was expected', () => {
    expect(() => principalFromArn('fcj-ecr-ci-cd-user')).toThrow(/arn:aws:iam::ACCOUNT:user\/NAME/);
    expect(() => principalFromArn(`arn:aws:ecr:us-east-1:${ACCOUNT}:repository/x`)).toThrow();
  });
});

describe('principalsOf', () => {
  it('lists principals of Principal and NotPrincipal, accounts as root ARNs', () => {
    const doc = parsePolicy(
      `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":["${CI_USER}","${ACCOUNT}"]},"Action":"ecr:*"},{"Effect":"Deny","NotPrincipal":{"AWS":"${CI_USER}"},"Action":"ecr:*"}]}`,
    );
    expect(principalsOf(doc).sort()).toEqual([`arn:aws:iam::${ACCOUNT}:root`, CI_USER].sort());
  });
});
