import { describe, expect, it } from 'vitest';
import { describePolicyDiff, parsePolicy, policiesEquivalent } from '../../src/policy/index.js';
import { ACCOUNT, OTHER, seedPolicy } from './fixtures.js';

const seed = parsePolicy(seedPolicy());

describe('policiesEquivalent', () => {
  it('ignores string vs list, action order and case, account spelling, whitespace, Sid and statement split', () => {
    const same = parsePolicy(`{"Version":"2012-10-17","Statement":[
      {"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::${ACCOUNT}:user/fcj-ecr-ci-cd-user"]},
       "Action":["ECR:PutImage","ecr:uploadlayerpart","ecr:InitiateLayerUpload","ecr:CompleteLayerUpload","ecr:BatchCheckLayerAvailability"]},
      {"Sid":"Pull","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::${ACCOUNT}:user/fcj-ecr-ci-cd-user"},
       "Action":["ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"]}]}`);
    expect(policiesEquivalent(seed, same)).toBe(true);
    const a = parsePolicy(
      `{"Statement":{"Effect":"Allow","Principal":{"AWS":"${ACCOUNT}"},"Action":"ecr:BatchGetImage"}}`,
    );
    const b = parsePolicy(
      `{"Statement":[{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::${ACCOUNT}:root"]},"Action":["ecr:batchgetimage"]}]}`,
    );
    expect(policiesEquivalent(a, b)).toBe(true);
  });

  it('sees a missing action, another principal, another effect or condition', () => {
    expect(policiesEquivalent(seed, parsePolicy(seedPolicy().replace('"ecr:PutImage",', '')))).toBe(
      false,
    );
    expect(policiesEquivalent(seed, parsePolicy(seedPolicy(OTHER)))).toBe(false);
    expect(policiesEquivalent(seed, parsePolicy(seedPolicy().replace('"Allow"', '"Deny"')))).toBe(
      false,
    );
    const cond = seedPolicy().replace(
      '"Effect": "Allow",',
      '"Effect": "Allow", "Condition": {"Bool": {"aws:SecureTransport": "true"}},',
    );
    expect(policiesEquivalent(seed, parsePolicy(cond))).toBe(false);
  });
});

describe('describePolicyDiff', () => {
  it('says what the applied policy lacks, for whom', () => {
    const applied = parsePolicy(seedPolicy().replace('"ecr:PutImage",', ''));
    expect(describePolicyDiff(seed, applied)).toEqual([
      'the applied policy lacks ecr:PutImage for fcj-ecr-ci-cd-user',
    ]);
    expect(describePolicyDiff(seed, seed)).toEqual([]);
  });

  it('says when the principal is not named at all, and what is extra', () => {
    const lines = describePolicyDiff(seed, parsePolicy(seedPolicy(OTHER)), {
      actual: 'your policy',
      expected: 'the workshop policy',
    });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^your policy lacks ecr:BatchCheckLayerAvailability, .* for fcj-ecr-ci-cd-user \(it does not name fcj-ecr-ci-cd-user at all\)$/,
    );
    expect(lines[1]).toMatch(
      /^your policy also allows .* for fcj-ecr-ci-cd-user, a principal the workshop policy does not name/,
    );
    const extra = parsePolicy(
      seedPolicy().replace('"ecr:PutImage",', '"ecr:PutImage", "ecr:DeleteRepository",'),
    );
    expect(describePolicyDiff(seed, extra)).toEqual([
      'the applied policy also allows ecr:DeleteRepository for fcj-ecr-ci-cd-user (the expected policy does not)',
    ]);
  });
});
