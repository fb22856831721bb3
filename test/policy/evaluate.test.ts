import { describe, expect, it } from 'vitest';
import {
  accessDeniedMessage,
  evaluate,
  parsePolicy,
  principalFromArn,
  type EvaluationInput,
  type ContextValues,
  traceWhy,
} from '../../src/policy/index.js';
import {
  ACCOUNT,
  ADMIN,
  CI_LOGIN_POLICY,
  CI_USER,
  ECR_FULL_POLICY,
  OTHER,
  REPO,
  seedPolicy,
} from './fixtures.js';

const CI_IN_OTHER = `arn:aws:iam::${OTHER}:user/fcj-ecr-ci-cd-user`;

function decide(opts: {
  principal: string;
  action: string;
  resource?: string;
  identity?: string[];
  resourcePolicy?: string;
  context?: ContextValues;
}): ReturnType<typeof evaluate> {
  const input: EvaluationInput = {
    request: {
      principal: principalFromArn(opts.principal),
      action: opts.action,
      resource: opts.resource ?? REPO,
      ...(opts.context ? { context: opts.context } : {}),
    },
    identityPolicies: (opts.identity ?? []).map((t, i) => ({
      name: `identity policy ${i}`,
      document: parsePolicy(t),
    })),
    ...(opts.resourcePolicy
      ? {
          resourcePolicy: {
            name: 'repository policy of fcj-workshop-app',
            document: parsePolicy(opts.resourcePolicy),
          },
        }
      : {}),
  };
  return evaluate(input);
}

const denyPut = (principal: string) => `{
  "Version": "2012-10-17",
  "Statement": [
    ${seedPolicy().slice(seedPolicy().indexOf('{', 40), seedPolicy().lastIndexOf(']'))}
    ,{ "Sid": "NoPush", "Effect": "Deny", "Principal": {"AWS": "${principal}"}, "Action": "ecr:PutImage" }
  ]
}`;

describe('evaluate: the rules of AWS-FACTS', () => {
  it('same account: the CI user is allowed by the repository policy alone', () => {
    const r = decide({
      principal: CI_USER,
      action: 'ecr:PutImage',
      identity: [CI_LOGIN_POLICY],
      resourcePolicy: seedPolicy(),
    });
    expect(r.decision).toBe('allowed');
    expect(r.reason).toMatch(/resource-based policy/);
    const matched = r.trace.filter((t) => t.matched);
    expect(matched).toHaveLength(1);
    expect(matched[0]).toMatchObject({
      policyType: 'resource',
      sid: 'AllowPushPullFromCICDUser',
      effect: 'Allow',
    });
  });

  it('same account without a repository policy: denied, naming the identity side', () => {
    const r = decide({ principal: CI_USER, action: 'ecr:PutImage', identity: [CI_LOGIN_POLICY] });
    expect(r.decision).toBe('implicit-deny');
    expect(r.reason).toBe('no identity-based policy allows the ecr:PutImage action');
    expect(accessDeniedMessage(CI_USER, 'ecr:PutImage', REPO, r)).toBe(
      `User: ${CI_USER} is not authorized to perform: ecr:PutImage on resource: ${REPO} because no identity-based policy allows the ecr:PutImage action`,
    );
  });

  it('same account: an admin not named in the repository policy pushes through IAM', () => {
    const r = decide({
      principal: ADMIN,
      action: 'ecr:PutImage',
      identity: [ECR_FULL_POLICY],
      resourcePolicy: seedPolicy(),
    });
    expect(r.decision).toBe('allowed');
    expect(r.reason).toMatch(/identity-based policy/);
  });

  it('cross account: the same user needs both the repository policy and its identity policy', () => {
    const named = seedPolicy().replace(
      `arn:aws:iam::${ACCOUNT}:user/fcj-ecr-ci-cd-user`,
      CI_IN_OTHER,
    );
    // resource policy alone: not enough
    const onlyResource = decide({
      principal: CI_IN_OTHER,
      action: 'ecr:PutImage',
      resource: REPO,
      identity: [CI_LOGIN_POLICY],
      resourcePolicy: named,
    });
    expect(onlyResource.decision).toBe('implicit-deny');
    expect(onlyResource.reason).toBe('no identity-based policy allows the ecr:PutImage action');
    // identity alone: not enough, and AWS names the resource side
    const onlyIdentity = decide({
      principal: CI_IN_OTHER,
      action: 'ecr:PutImage',
      identity: [ECR_FULL_POLICY],
      resourcePolicy: seedPolicy(),
    });
    expect(onlyIdentity.decision).toBe('implicit-deny');
    expect(onlyIdentity.reason).toBe('no resource-based policy allows the ecr:PutImage action');
    // neither: the resource-based wording (matches the real cross-account example)
    const neither = decide({
      principal: CI_IN_OTHER,
      action: 'ecr:InitiateLayerUpload',
      identity: [CI_LOGIN_POLICY],
    });
    expect(neither.reason).toBe(
      'no resource-based policy allows the ecr:InitiateLayerUpload action',
    );
    // both: allowed
    const both = decide({
      principal: CI_IN_OTHER,
      action: 'ecr:PutImage',
      identity: [ECR_FULL_POLICY],
      resourcePolicy: named,
    });
    expect(both.decision).toBe('allowed');
  });

  it('an account principal delegates to that account’s IAM (cross and same account)', () => {
    const toAccount = (acct: string) =>
      `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"${acct}"},"Action":"ecr:*"}]}`;
    expect(
      decide({
        principal: CI_IN_OTHER,
        action: 'ecr:PutImage',
        identity: [CI_LOGIN_POLICY],
        resourcePolicy: toAccount(OTHER),
      }).decision,
    ).toBe('implicit-deny');
    expect(
      decide({
        principal: CI_IN_OTHER,
        action: 'ecr:PutImage',
        identity: [ECR_FULL_POLICY],
        resourcePolicy: toAccount(`arn:aws:iam::${OTHER}:root`),
      }).decision,
    ).toBe('allowed');
    // same account: naming the account does not by itself grant the CI user anything
    const sameAccount = decide({
      principal: CI_USER,
      action: 'ecr:PutImage',
      identity: [CI_LOGIN_POLICY],
      resourcePolicy: toAccount(ACCOUNT),
    });
    expect(sameAccount.decision).toBe('implicit-deny');
    expect(sameAccount.reason).toBe('no identity-based policy allows the ecr:PutImage action');
    expect(traceWhy(sameAccount.trace[1]!)).toContain(
      'naming an account delegates to its IAM policies',
    );
  });

  it('explicit deny in either policy wins over any allow', () => {
    const resourceDeny = decide({
      principal: CI_USER,
      action: 'ecr:PutImage',
      identity: [ECR_FULL_POLICY],
      resourcePolicy: denyPut(CI_USER),
    });
    expect(resourceDeny.decision).toBe('explicit-deny');
    expect(resourceDeny.reason).toBe('with an explicit deny in a resource-based policy');
    const identityDeny = decide({
      principal: CI_USER,
      action: 'ecr:PutImage',
      identity: [
        ECR_FULL_POLICY,
        '{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"ecr:Put*","Resource":"*"}}',
      ],
      resourcePolicy: seedPolicy(),
    });
    expect(identityDeny.decision).toBe('explicit-deny');
    expect(identityDeny.reason).toBe('with an explicit deny in an identity-based policy');
    // a Deny naming the account applies to every principal in it
    const accountDeny = decide({
      principal: ADMIN,
      action: 'ecr:PutImage',
      identity: [ECR_FULL_POLICY],
      resourcePolicy: denyPut(ACCOUNT),
    });
    expect(accountDeny.decision).toBe('explicit-deny');
  });

  it('root is allowed by default in its own account, not against an explicit deny', () => {
    const root = `arn:aws:iam::${ACCOUNT}:root`;
    expect(decide({ principal: root, action: 'ecr:DeleteRepository' }).decision).toBe('allowed');
    expect(
      decide({ principal: root, action: 'ecr:PutImage', resourcePolicy: denyPut('*') }).decision,
    ).toBe('explicit-deny');
    expect(
      decide({ principal: `arn:aws:iam::${OTHER}:root`, action: 'ecr:PutImage' }).decision,
    ).toBe('implicit-deny');
  });

  it('sts:GetCallerIdentity is allowed even under an explicit deny', () => {
    const r = decide({
      principal: CI_USER,
      action: 'sts:GetCallerIdentity',
      resource: '*',
      identity: [
        '{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"*","Resource":"*"}}',
      ],
    });
    expect(r.decision).toBe('allowed');
  });
});

describe('evaluate: elements', () => {
  const session = `arn:aws:sts::${ACCOUNT}:assumed-role/builder/run-42`;
  it('an assumed-role session matches principals naming its role or the session itself', () => {
    const naming = (p: string) =>
      `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"${p}"},"Action":"ecr:BatchGetImage"}]}`;
    expect(
      decide({
        principal: session,
        action: 'ecr:BatchGetImage',
        resourcePolicy: naming(`arn:aws:iam::${ACCOUNT}:role/builder`),
      }).decision,
    ).toBe('allowed');
    expect(
      decide({ principal: session, action: 'ecr:BatchGetImage', resourcePolicy: naming(session) })
        .decision,
    ).toBe('allowed');
    expect(
      decide({
        principal: session,
        action: 'ecr:BatchGetImage',
        resourcePolicy: naming(`arn:aws:iam::${ACCOUNT}:role/other`),
      }).decision,
    ).toBe('implicit-deny');
  });

  it('NotAction, NotResource and NotPrincipal invert their element', () => {
    const id =
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":"ecr:Delete*","NotResource":"arn:aws:ecr:*:*:repository/secret-*"}]}';
    expect(decide({ principal: ADMIN, action: 'ecr:PutImage', identity: [id] }).decision).toBe(
      'allowed',
    );
    expect(
      decide({ principal: ADMIN, action: 'ecr:DeleteRepository', identity: [id] }).decision,
    ).toBe('implicit-deny');
    expect(
      decide({
        principal: ADMIN,
        action: 'ecr:PutImage',
        resource: `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/secret-x`,
        identity: [id],
      }).decision,
    ).toBe('implicit-deny');
    // NotPrincipal names the CI user AND its account (IAM User Guide, NotPrincipal: without the
    // account ARN AWS may deny the whole account); see test/policy/aws-corrections.test.ts.
    const notPrincipal = `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","NotPrincipal":{"AWS":["${CI_USER}","arn:aws:iam::${ACCOUNT}:root"]},"Action":"ecr:PutImage"}]}`;
    expect(
      decide({
        principal: ADMIN,
        action: 'ecr:PutImage',
        identity: [ECR_FULL_POLICY],
        resourcePolicy: notPrincipal,
      }).decision,
    ).toBe('explicit-deny');
    expect(
      decide({
        principal: CI_USER,
        action: 'ecr:PutImage',
        identity: [ECR_FULL_POLICY],
        resourcePolicy: notPrincipal,
      }).decision,
    ).toBe('allowed');
  });

  it('wildcards: actions case-insensitively, ARN fields kept apart', () => {
    const id = (r: string) =>
      `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ECR:Batch*","Resource":"${r}"}]}`;
    expect(
      decide({
        principal: ADMIN,
        action: 'ecr:BatchGetImage',
        identity: [id('arn:aws:ecr:*:*:repository/fcj-*')],
      }).decision,
    ).toBe('allowed');
    expect(decide({ principal: ADMIN, action: 'ecr:PutImage', identity: [id('*')] }).decision).toBe(
      'implicit-deny',
    );
    // `*` in the region field does not swallow the account field
    expect(
      decide({
        principal: ADMIN,
        action: 'ecr:BatchGetImage',
        identity: [id('arn:aws:ecr:*:repository/fcj-workshop-app')],
      }).decision,
    ).toBe('implicit-deny');
    expect(
      decide({
        principal: ADMIN,
        action: 'ecr:BatchGetImage',
        identity: [id('arn:aws:ecr:us-east-1:?????????????:repository/*')],
      }).decision,
    ).toBe('implicit-deny');
  });

  it('conditions: global keys derived from the caller, IfExists, Null, IpAddress, set operators', () => {
    const cond = (c: string) =>
      `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"ecr:*","Condition":${c}}]}`;
    const run = (c: string, context?: ContextValues, principal = CI_USER) =>
      decide({
        principal,
        action: 'ecr:BatchGetImage',
        resourcePolicy: cond(c),
        ...(context ? { context } : {}),
      }).decision;
    expect(run(`{"StringEquals":{"aws:PrincipalAccount":"${ACCOUNT}"}}`)).toBe('allowed');
    expect(run(`{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::${ACCOUNT}:user/fcj-*"}}`)).toBe(
      'allowed',
    );
    expect(run('{"StringEquals":{"aws:username":"someone-else"}}')).toBe('implicit-deny');
    expect(run('{"StringEquals":{"aws:PrincipalType":"User"}}')).toBe('allowed');
    expect(run('{"Bool":{"aws:SecureTransport":"true"}}', { 'aws:SecureTransport': true })).toBe(
      'allowed',
    );
    expect(run('{"Bool":{"aws:SecureTransport":"true"}}')).toBe('implicit-deny');
    expect(run('{"BoolIfExists":{"aws:SecureTransport":"true"}}')).toBe('allowed');
    expect(run('{"Null":{"aws:SourceIp":"true"}}')).toBe('allowed');
    expect(
      run('{"IpAddress":{"aws:SourceIp":["10.0.0.0/8","192.168.1.0/24"]}}', {
        'aws:SourceIp': '192.168.1.77',
      }),
    ).toBe('allowed');
    expect(
      run('{"NotIpAddress":{"aws:SourceIp":"10.0.0.0/8"}}', { 'aws:SourceIp': '10.1.2.3' }),
    ).toBe('implicit-deny');
    expect(
      run('{"IpAddress":{"aws:SourceIp":"2001:db8::/32"}}', { 'aws:SourceIp': '2001:db8:0:1::5' }),
    ).toBe('allowed');
    expect(run('{"DateLessThan":{"aws:CurrentTime":"2100-01-01T00:00:00Z"}}')).toBe('allowed');
    expect(run('{"DateGreaterThan":{"aws:CurrentTime":"2100-01-01T00:00:00Z"}}')).toBe(
      'implicit-deny',
    );
    expect(run('{"NumericLessThan":{"ecr:count":"5"}}', { 'ecr:count': 3 })).toBe('allowed');
    expect(
      run('{"ForAllValues:StringEquals":{"aws:TagKeys":["a","b"]}}', { 'aws:TagKeys': ['a'] }),
    ).toBe('allowed');
    expect(
      run('{"ForAllValues:StringEquals":{"aws:TagKeys":["a","b"]}}', { 'aws:TagKeys': ['a', 'c'] }),
    ).toBe('implicit-deny');
    expect(
      run('{"ForAnyValue:StringLike":{"aws:TagKeys":"c*"}}', { 'aws:TagKeys': ['a', 'cat'] }),
    ).toBe('allowed');
    expect(run('{"StringNotEquals":{"aws:userid":"AIDAX"}}')).toBe('allowed');
    // an undefined context value counts as absent, not as the text "undefined"
    expect(
      run('{"Null":{"aws:userid":"true"}}', {
        'aws:userid': undefined,
      } as unknown as ContextValues),
    ).toBe('allowed');
  });

  it('reports unsupported operators, and does not let such a statement match', () => {
    const p = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"ecr:*","Condition":{"StringMatchesRegex":{"aws:username":"x"},"StringEquals":{"aws:PrincipalOrgID":"o-1"}}}]}`;
    const r = decide({ principal: CI_USER, action: 'ecr:BatchGetImage', resourcePolicy: p });
    expect(r.decision).toBe('implicit-deny');
    // an unknown operator is unsupported; a key the request lacks is absent, not unsupported
    expect(r.unsupported).toEqual(['condition operator StringMatchesRegex']);
    expect(traceWhy(r.trace[0]!)).toMatch(/unsupported/);
  });

  it('policy variables resolve in 2012-10-17 resources only', () => {
    const id = (v: string) =>
      `{"Version":"${v}","Statement":[{"Effect":"Allow","Action":"ecr:*","Resource":"arn:aws:ecr:us-east-1:${ACCOUNT}:repository/\${aws:username}-*"}]}`;
    const mine = `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/fcj-ecr-ci-cd-user-app`;
    expect(
      decide({
        principal: CI_USER,
        action: 'ecr:PutImage',
        resource: mine,
        identity: [id('2012-10-17')],
      }).decision,
    ).toBe('allowed');
    expect(
      decide({
        principal: CI_USER,
        action: 'ecr:PutImage',
        resource: mine,
        identity: [id('2008-10-17')],
      }).decision,
    ).toBe('implicit-deny');
  });

  it('traces every statement with plain reasons', () => {
    const r = decide({
      principal: ADMIN,
      action: 'ecr:PutImage',
      identity: [CI_LOGIN_POLICY],
      resourcePolicy: seedPolicy(),
    });
    expect(r.trace).toHaveLength(2);
    expect(r.trace[0]).toMatchObject({ policyType: 'identity', matched: false });
    expect(traceWhy(r.trace[0]!)).toContain(
      'ecr:PutImage is not in Action ecr:GetAuthorizationToken',
    );
    expect(traceWhy(r.trace[1]!)).toContain(
      `${ADMIN} is not named in Principal fcj-ecr-ci-cd-user`,
    );
    expect(r.decision).toBe('implicit-deny');
  });
});
