/** The sandbox's one authorization module, without HTTP: which policies count, which error. */
import { describe, expect, it } from 'vitest';
import { authorize, decide, identityPoliciesOf } from '../../src/sandbox/authorize.js';
import type { Caller, RequestContext, SandboxCore } from '../../src/sandbox/context.js';
import {
  SANDBOX_ADMIN_USER,
  SANDBOX_CI_USER,
  SANDBOX_PARTNER_USER,
} from '../../src/sandbox/names.js';
import { AwsError } from '../../src/sandbox/protocols/errors.js';
import { seedState } from '../../src/sandbox/seed.js';
import { MetadataStore } from '../../src/sandbox/store/metadata.js';
import type { SandboxState } from '../../src/sandbox/store/model.js';

function contextFor(
  state: SandboxState,
  userName: string,
  accountId = state.primaryAccountId,
): RequestContext {
  const user = state.accounts[accountId]!.users[userName]!;
  const caller: Caller = {
    accessKeyId: 'AKIATEST',
    accountId,
    arn: user.arn,
    userId: user.userId,
    type: 'user',
    userName,
  };
  const core = { metadata: new MetadataStore('/nonexistent', state) } as unknown as SandboxCore;
  return { core, caller, requestId: 'r', region: 'us-east-1', sourceIp: '127.0.0.1' };
}

describe('authorize', () => {
  const { state } = seedState('us-east-1');
  const acct = state.primaryAccountId;
  const repoArn = `arn:aws:ecr:us-east-1:${acct}:repository/fcj-workshop-app`;

  it('collects inline, AWS managed and customer managed identity policies', () => {
    const ci = state.accounts[acct]!.users[SANDBOX_CI_USER]!;
    const arn = `arn:aws:iam::${acct}:policy/extra`;
    state.accounts[acct]!.policies[arn] = {
      policyName: 'extra',
      policyId: 'ANPATEST',
      arn,
      path: '/',
      document: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'ecr:ListImages', Resource: '*' }],
      }),
      createDate: '2024-01-01T00:00:00Z',
      updateDate: '2024-01-01T00:00:00Z',
    };
    ci.attachedPolicies = [arn, 'arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly'];
    const names = identityPoliciesOf(state, contextFor(state, SANDBOX_CI_USER).caller).map(
      (p) => p.name,
    );
    expect(names).toEqual([
      `inline policy ecr-get-authorization-token of user ${SANDBOX_CI_USER}`,
      'managed policy extra',
      'managed policy AmazonEC2ContainerRegistryReadOnly',
    ]);
    expect(decide(contextFor(state, SANDBOX_CI_USER), 'ecr:ListImages', repoArn).decision).toBe(
      'allowed',
    );
    ci.attachedPolicies = [];
  });

  it('skips a stored policy that no longer parses instead of failing the request', () => {
    const ci = state.accounts[acct]!.users[SANDBOX_CI_USER]!;
    ci.inlinePolicies.broken = '{"Version":';
    expect(identityPoliciesOf(state, contextFor(state, SANDBOX_CI_USER).caller)).toHaveLength(1);
    delete ci.inlinePolicies.broken;
  });

  it("answers a denial in each protocol's shape with AWS's message", () => {
    const ctx = contextFor(state, SANDBOX_CI_USER);
    const json = (() => {
      try {
        authorize(ctx, 'ecr:PutImage', repoArn, { protocol: 'json' });
      } catch (e) {
        return e;
      }
    })() as AwsError;
    expect(json).toBeInstanceOf(AwsError);
    expect(json.code).toBe('AccessDeniedException');
    expect(json.status).toBe(400);
    expect(json.message).toBe(
      `User: arn:aws:iam::${acct}:user/${SANDBOX_CI_USER} is not authorized to perform: ecr:PutImage on resource: ${repoArn} because no identity-based policy allows the ecr:PutImage action`,
    );
    expect(() => authorize(ctx, 'iam:ListUsers', '*', { protocol: 'query' })).toThrow(
      expect.objectContaining({ code: 'AccessDenied', status: 403 }),
    );
    expect(() =>
      authorize(contextFor(state, SANDBOX_ADMIN_USER), 'ecr:PutImage', repoArn, {
        protocol: 'json',
      }),
    ).not.toThrow();
  });

  it('applies the repository policy: enough in the same account, not alone across accounts', () => {
    const policy = (principal: string) => ({
      name: 'repository policy',
      text: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { AWS: principal }, Action: 'ecr:BatchGetImage' },
        ],
      }),
    });
    const ci = contextFor(state, SANDBOX_CI_USER);
    expect(
      decide(ci, 'ecr:BatchGetImage', repoArn, { resourcePolicy: policy(ci.caller.arn) }).decision,
    ).toBe('allowed');
    const partner = contextFor(state, SANDBOX_PARTNER_USER, state.secondAccountId);
    const r = decide(partner, 'ecr:BatchGetImage', repoArn, {
      resourceAccount: acct,
      resourcePolicy: policy(partner.caller.arn),
    });
    expect(r.decision).toBe('implicit-deny');
    expect(r.reason).toBe('no identity-based policy allows the ecr:BatchGetImage action');
  });
});

describe('persist', () => {
  it('puts memory back to what is on disk when a write fails', async () => {
    const { mkdtemp, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { persist } = await import('../../src/sandbox/context.js');
    const dir = await mkdtemp(join(tmpdir(), 'ecr-tutor-persist-'));
    try {
      const { state } = seedState('us-east-1');
      const store = new MetadataStore(dir, state);
      await store.save();
      class FullDisk extends MetadataStore {
        override save(): Promise<void> {
          return Promise.reject(
            Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' }),
          );
        }
      }
      const failing = new FullDisk(dir, structuredClone(state));
      const ctx = contextFor(failing.state, SANDBOX_ADMIN_USER);
      (ctx.core as { metadata: MetadataStore }).metadata = failing;
      const repo = failing.state.accounts[acctOf(failing.state)]!.repositories['fcj-workshop-app']!;
      repo.policyText = '{"changed":true}';
      await expect(persist(ctx)).rejects.toThrow('ENOSPC');
      expect(
        failing.state.accounts[acctOf(failing.state)]!.repositories['fcj-workshop-app']!.policyText,
      ).toBeUndefined();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

function acctOf(state: SandboxState): string {
  return state.primaryAccountId;
}
