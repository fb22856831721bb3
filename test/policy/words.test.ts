/**
 * The evaluator's words (policy/words.ts): every decision basis has an explanation in both
 * languages; the short English one is exactly AWS's clause (`reason`), so English views keep
 * AWS's words, and the Vietnamese one is Vietnamese, not a copy of the English.
 */
import { describe, expect, it } from 'vitest';
import {
  decisionWhy,
  evaluate,
  parsePolicy,
  principalFromArn,
  traceWhy,
  type DecisionBasis,
  type EvaluationResult,
} from '../../src/policy/index.js';
import { withLanguage } from '../../src/i18n/index.js';
import { ACCOUNT, ADMIN, CI_USER, ECR_FULL_POLICY, OTHER, REPO, seedPolicy } from './fixtures.js';

const seed = { name: 'repository policy', document: parsePolicy(seedPolicy()) };
const full = { name: 'admin', document: parsePolicy(ECR_FULL_POLICY) };
const doc = (statement: object) =>
  parsePolicy(JSON.stringify({ Version: '2012-10-17', Statement: [statement] }));
const denyAll = (principal: object | string) => ({
  name: 'deny',
  document: doc({ Effect: 'Deny', Principal: principal, Action: 'ecr:*' }),
});
const publicRead = {
  name: 'public',
  document: doc({ Effect: 'Allow', Principal: '*', Action: 'ecr:BatchGetImage' }),
};
const partnerAccount = {
  name: 'partner',
  document: doc({ Effect: 'Allow', Principal: { AWS: OTHER }, Action: 'ecr:BatchGetImage' }),
};
const partner = `arn:aws:iam::${OTHER}:user/partner-developer`;

function run(
  who: string,
  action: string,
  identity: (typeof full)[] = [],
  resource?: typeof seed,
): EvaluationResult {
  return evaluate({
    request: { principal: principalFromArn(who), action, resource: REPO },
    identityPolicies: identity,
    ...(resource ? { resourcePolicy: resource } : {}),
  });
}

const CASES: Array<[DecisionBasis, () => EvaluationResult, string]> = [
  ['no-permission-needed', () => run(CI_USER, 'sts:GetCallerIdentity'), 'sts:GetCallerIdentity'],
  [
    'identity-deny',
    () =>
      run(CI_USER, 'ecr:PutImage', [
        { name: 'd', document: doc({ Effect: 'Deny', Action: 'ecr:*', Resource: '*' }) },
      ]),
    'ecr:PutImage',
  ],
  ['resource-deny', () => run(CI_USER, 'ecr:PutImage', [], denyAll('*')), 'ecr:PutImage'],
  ['anonymous-public', () => run('*', 'ecr:BatchGetImage', [], publicRead), 'ecr:BatchGetImage'],
  ['anonymous-denied', () => run('*', 'ecr:BatchGetImage', [], seed), 'ecr:BatchGetImage'],
  ['root', () => run(`arn:aws:iam::${ACCOUNT}:root`, 'ecr:PutImage'), 'ecr:PutImage'],
  ['both', () => run(CI_USER, 'ecr:PutImage', [full], seed), 'ecr:PutImage'],
  ['identity', () => run(ADMIN, 'ecr:PutImage', [full], seed), 'ecr:PutImage'],
  ['resource', () => run(CI_USER, 'ecr:PutImage', [], seed), 'ecr:PutImage'],
  ['same-none', () => run(ADMIN, 'ecr:PutImage', [], seed), 'ecr:PutImage'],
  ['cross-no-resource', () => run(partner, 'ecr:BatchGetImage', [full], seed), 'ecr:BatchGetImage'],
  [
    'cross-no-identity',
    () => run(partner, 'ecr:BatchGetImage', [], partnerAccount),
    'ecr:BatchGetImage',
  ],
  [
    'cross-both',
    () => run(partner, 'ecr:BatchGetImage', [full], partnerAccount),
    'ecr:BatchGetImage',
  ],
];

describe('decision words', () => {
  it('covers every basis the evaluator returns', () => {
    const all: DecisionBasis[] = [
      'no-permission-needed',
      'identity-deny',
      'resource-deny',
      'anonymous-public',
      'anonymous-denied',
      'root',
      'both',
      'identity',
      'resource',
      'same-none',
      'cross-no-resource',
      'cross-no-identity',
      'cross-both',
    ];
    expect(CASES.map(([b]) => b).sort()).toEqual([...all].sort());
  });

  it.each(CASES)(
    '%s: short English is AWS’s clause; Vietnamese explains it',
    (basis, make, action) => {
      const r = make();
      expect(r.basis).toBe(basis);
      expect(withLanguage('en', () => decisionWhy(r, action))).toBe(r.reason);
      const vi = withLanguage('vi', () => [decisionWhy(r, action), decisionWhy(r, action, 'long')]);
      for (const v of vi) {
        expect(v).not.toBe(r.reason);
        expect(v).not.toMatch(/\{|\}/); // a broken ICU message falls back to its raw text
        expect(v).toMatch(/[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/);
      }
    },
  );

  it('a trace line in both languages', () => {
    const r = run(ADMIN, 'ecr:PutImage', [], seed);
    expect(withLanguage('en', () => traceWhy(r.trace[0]!))).toBe(
      `does not apply: ${ADMIN} is not named in Principal fcj-ecr-ci-cd-user`,
    );
    expect(withLanguage('vi', () => traceWhy(r.trace[0]!))).toBe(
      `không áp dụng: ${ADMIN} không được nêu tên trong Principal fcj-ecr-ci-cd-user`,
    );
  });
});
