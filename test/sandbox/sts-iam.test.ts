/** STS (GetCallerIdentity, AssumeRole + session expiry) and IAM through the real SDK. */
import {
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeletePolicyCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  GetRolePolicyCommand,
  UpdateAccessKeyCommand,
  DeleteUserCommand,
  DeleteUserPolicyCommand,
  DetachUserPolicyCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetUserCommand,
  GetUserPolicyCommand,
  ListAccessKeysCommand,
  ListAttachedRolePoliciesCommand,
  ListAttachedUserPoliciesCommand,
  ListPoliciesCommand,
  ListRolePoliciesCommand,
  ListRolesCommand,
  ListUserPoliciesCommand,
  ListUsersCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
  SimulatePrincipalPolicyCommand,
  UpdateAssumeRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { DescribeRepositoriesCommand } from '@aws-sdk/client-ecr';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  SANDBOX_ADMIN_USER,
  SANDBOX_CI_USER,
  SANDBOX_PARTNER_USER,
  startSandbox,
} from '../../src/sandbox/index.js';
import { workshopRepositoryPolicy, type TestSandbox } from '../helpers/sandbox.js';
import { sandboxForEachTest } from '../helpers/sandbox-hooks.js';

let sb: TestSandbox;
sandboxForEachTest((s) => (sb = s));

const trust = (principal: string): string =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:AssumeRole' }],
  });

describe('STS', () => {
  it('answers GetCallerIdentity even under an explicit deny of everything', async () => {
    await sb.iam().send(
      new PutUserPolicyCommand({
        UserName: SANDBOX_CI_USER,
        PolicyName: 'deny-all',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }],
        }),
      }),
    );
    const who = await sb.sts(SANDBOX_CI_USER).send(new GetCallerIdentityCommand({}));
    expect(who.Account).toBe(sb.sandbox.accountId);
    expect(who.UserId).toMatch(/^AIDA[A-Z2-7]{17}$/);
  });

  it('assumes a role its trust policy names, and the session acts as the role', async () => {
    const acct = sb.sandbox.accountId;
    const iam = sb.iam();
    const created = await iam.send(
      new CreateRoleCommand({
        RoleName: 'ecr-reader',
        AssumeRolePolicyDocument: trust(`arn:aws:iam::${acct}:user/${SANDBOX_CI_USER}`),
      }),
    );
    expect(created.Role?.Arn).toBe(`arn:aws:iam::${acct}:role/ecr-reader`);
    expect(decodeURIComponent(created.Role!.AssumeRolePolicyDocument!)).toContain('sts:AssumeRole');
    await iam.send(
      new AttachRolePolicyCommand({
        RoleName: 'ecr-reader',
        PolicyArn: 'arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly',
      }),
    );
    // The admin is not named by the trust policy: refused despite AdministratorAccess.
    await expect(
      sb
        .sts()
        .send(new AssumeRoleCommand({ RoleArn: created.Role!.Arn!, RoleSessionName: 'admin' })),
    ).rejects.toMatchObject({
      name: 'AccessDenied',
      message: `User: arn:aws:iam::${acct}:user/${SANDBOX_ADMIN_USER} is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${acct}:role/ecr-reader`,
    });
    const out = await sb
      .sts(SANDBOX_CI_USER)
      .send(new AssumeRoleCommand({ RoleArn: created.Role!.Arn!, RoleSessionName: 'ci-build-42' }));
    const c = out.Credentials!;
    expect(c.AccessKeyId).toMatch(/^ASIA/);
    expect(c.Expiration!.getTime() - Date.now()).toBeGreaterThan(3500_000);
    expect(out.AssumedRoleUser?.Arn).toBe(
      `arn:aws:sts::${acct}:assumed-role/ecr-reader/ci-build-42`,
    );
    const session = {
      accessKeyId: c.AccessKeyId!,
      secretAccessKey: c.SecretAccessKey!,
      sessionToken: c.SessionToken!,
    };
    const who = await sb.sts({ credentials: session }).send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toBe(`arn:aws:sts::${acct}:assumed-role/ecr-reader/ci-build-42`);
    // The role may describe repositories (AmazonEC2ContainerRegistryReadOnly) ...
    const repos = await sb.ecr({ credentials: session }).send(new DescribeRepositoriesCommand({}));
    expect(repos.repositories?.[0]?.repositoryName).toBe('fcj-workshop-app');
    // ... but not list IAM users.
    await expect(sb.iam({ credentials: session }).send(new ListUsersCommand({}))).rejects.toThrow(
      `User: arn:aws:sts::${acct}:assumed-role/ecr-reader/ci-build-42 is not authorized to perform: iam:ListUsers`,
    );
    // A wrong session token is an invalid token.
    await expect(
      sb
        .sts({ credentials: { ...session, sessionToken: 'nope' } })
        .send(new GetCallerIdentityCommand({})),
    ).rejects.toMatchObject({ name: 'InvalidClientTokenId' });
  });

  it('refuses a cross-account assume until the caller has an identity policy for it', async () => {
    const acct = sb.sandbox.accountId;
    const partner = sb.sandbox.user(SANDBOX_PARTNER_USER);
    await sb.iam().send(
      new CreateRoleCommand({
        RoleName: 'partner-pull',
        AssumeRolePolicyDocument: trust(partner.accountId),
      }),
    );
    const assume = () =>
      sb.sts(SANDBOX_PARTNER_USER).send(
        new AssumeRoleCommand({
          RoleArn: `arn:aws:iam::${acct}:role/partner-pull`,
          RoleSessionName: 'partner',
        }),
      );
    await expect(assume()).rejects.toThrow(
      /because no identity-based policy allows the sts:AssumeRole action/,
    );
    await sb.iam('partner-admin').send(
      new PutUserPolicyCommand({
        UserName: SANDBOX_PARTNER_USER,
        PolicyName: 'assume',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }],
        }),
      }),
    );
    await expect(assume()).resolves.toHaveProperty('Credentials');
  });

  it('refuses an expired session with ExpiredToken, after a restart too', async () => {
    const acct = sb.sandbox.accountId;
    await sb.iam().send(
      new CreateRoleCommand({
        RoleName: 'short',
        AssumeRolePolicyDocument: trust(`arn:aws:iam::${acct}:user/${SANDBOX_ADMIN_USER}`),
      }),
    );
    const out = await sb.sts().send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${acct}:role/short`,
        RoleSessionName: 'short-lived',
        DurationSeconds: 900,
      }),
    );
    const c = out.Credentials!;
    const session = {
      accessKeyId: c.AccessKeyId!,
      secretAccessKey: c.SecretAccessKey!,
      sessionToken: c.SessionToken!,
    };
    await expect(
      sb.sts({ credentials: session }).send(new GetCallerIdentityCommand({})),
    ).resolves.toHaveProperty('Arn');
    // Move the expiry into the past in the stored state, then restart on the same folder.
    await sb.sandbox.stop();
    const file = join(sb.stateDir, 'state.json');
    const state = JSON.parse(await readFile(file, 'utf8')) as {
      sessions: Record<string, { expiration: string }>;
    };
    state.sessions[session.accessKeyId]!.expiration = new Date(Date.now() - 1000).toISOString();
    await writeFile(file, JSON.stringify(state));
    const again = await startSandbox({ stateDir: sb.stateDir, port: 0 });
    try {
      const { STSClient } = await import('@aws-sdk/client-sts');
      const sts = new STSClient({
        endpoint: again.endpoint,
        region: 'us-east-1',
        credentials: session,
        maxAttempts: 1,
      });
      await expect(sts.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
        name: 'ExpiredToken',
        message: 'The security token included in the request is expired',
      });
      sts.destroy();
    } finally {
      await again.stop();
    }
  });

  it('validates AssumeRole input', async () => {
    await expect(
      sb.sts().send(
        new AssumeRoleCommand({
          RoleArn: 'arn:aws:iam::123456789012:role/x',
          RoleSessionName: 'a b',
        }),
      ),
    ).rejects.toMatchObject({
      name: 'ValidationError',
      message: expect.stringContaining("at 'roleSessionName' failed to satisfy constraint"),
    });
    await expect(
      sb.sts().send(
        new AssumeRoleCommand({
          RoleArn: 'arn:aws:iam::123456789012:role/x',
          RoleSessionName: 'a',
        }),
      ),
    ).rejects.toThrow('Member must have length greater than or equal to 2');
    // a role that does not exist is an access denial, as on AWS
    await expect(
      sb.sts().send(
        new AssumeRoleCommand({
          RoleArn: `arn:aws:iam::${sb.sandbox.accountId}:role/none`,
          RoleSessionName: 'ab',
        }),
      ),
    ).rejects.toMatchObject({
      name: 'AccessDenied',
    });
  });
});

describe('IAM', () => {
  it('manages users, access keys and inline policies', async () => {
    const iam = sb.iam();
    const u = await iam.send(new CreateUserCommand({ UserName: 'builder' }));
    expect(u.User?.Arn).toBe(`arn:aws:iam::${sb.sandbox.accountId}:user/builder`);
    expect(u.User?.CreateDate).toBeInstanceOf(Date);
    await expect(iam.send(new CreateUserCommand({ UserName: 'builder' }))).rejects.toMatchObject({
      name: 'EntityAlreadyExistsException',
    });
    expect((await iam.send(new GetUserCommand({ UserName: 'builder' }))).User?.UserName).toBe(
      'builder',
    );
    expect((await iam.send(new GetUserCommand({}))).User?.UserName).toBe(SANDBOX_ADMIN_USER);
    await expect(iam.send(new GetUserCommand({ UserName: 'ghost' }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: 'The user with name ghost cannot be found.',
    });
    const names = (await iam.send(new ListUsersCommand({}))).Users!.map((x) => x.UserName);
    expect(names).toEqual(['builder', SANDBOX_CI_USER, SANDBOX_ADMIN_USER]); // by name, as IAM lists them

    const key = await iam.send(new CreateAccessKeyCommand({ UserName: 'builder' }));
    expect(key.AccessKey?.SecretAccessKey).toHaveLength(40);
    const builder = {
      accessKeyId: key.AccessKey!.AccessKeyId!,
      secretAccessKey: key.AccessKey!.SecretAccessKey!,
    };
    expect(
      (await sb.sts({ credentials: builder }).send(new GetCallerIdentityCommand({}))).Arn,
    ).toContain(':user/builder');
    expect(
      (await iam.send(new ListAccessKeysCommand({ UserName: 'builder' }))).AccessKeyMetadata,
    ).toHaveLength(1);

    const doc = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'ecr:DescribeRepositories', Resource: '*' }],
    });
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'builder',
        PolicyName: 'describe',
        PolicyDocument: doc,
      }),
    );
    expect(
      (await iam.send(new ListUserPoliciesCommand({ UserName: 'builder' }))).PolicyNames,
    ).toEqual(['describe']);
    const got = await iam.send(
      new GetUserPolicyCommand({ UserName: 'builder', PolicyName: 'describe' }),
    );
    expect(decodeURIComponent(got.PolicyDocument!)).toBe(doc);
    await expect(
      sb.ecr({ credentials: builder }).send(new DescribeRepositoriesCommand({})),
    ).resolves.toHaveProperty('repositories');
    await expect(
      iam.send(
        new PutUserPolicyCommand({
          UserName: 'builder',
          PolicyName: 'bad',
          PolicyDocument: '{"Version":"2012-10-17","Statement":[',
        }),
      ),
    ).rejects.toMatchObject({ name: 'MalformedPolicyDocumentException' });
    await expect(
      iam.send(
        new PutUserPolicyCommand({
          UserName: 'builder',
          PolicyName: 'principal',
          PolicyDocument: JSON.stringify({
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }],
          }),
        }),
      ),
    ).rejects.toMatchObject({
      name: 'MalformedPolicyDocumentException',
      message: 'Policy document should not specify a principal.',
    });

    await expect(iam.send(new DeleteUserCommand({ UserName: 'builder' }))).rejects.toMatchObject({
      name: 'DeleteConflictException',
    });
    await iam.send(
      new DeleteAccessKeyCommand({ UserName: 'builder', AccessKeyId: builder.accessKeyId }),
    );
    await iam.send(new DeleteUserPolicyCommand({ UserName: 'builder', PolicyName: 'describe' }));
    await iam.send(new DeleteUserCommand({ UserName: 'builder' }));
    await expect(
      sb.sts({ credentials: builder }).send(new GetCallerIdentityCommand({})),
    ).rejects.toMatchObject({ name: 'InvalidClientTokenId' });
  });

  it('manages customer and AWS managed policies', async () => {
    const iam = sb.iam();
    const doc = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'ecr:ListImages', Resource: '*' }],
    });
    const p = await iam.send(
      new CreatePolicyCommand({ PolicyName: 'list-images', PolicyDocument: doc }),
    );
    const arn = p.Policy!.Arn!;
    expect(arn).toBe(`arn:aws:iam::${sb.sandbox.accountId}:policy/list-images`);
    await iam.send(new AttachUserPolicyCommand({ UserName: SANDBOX_CI_USER, PolicyArn: arn }));
    await iam.send(
      new AttachUserPolicyCommand({
        UserName: SANDBOX_CI_USER,
        PolicyArn: 'arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPowerUser',
      }),
    );
    const attached = await iam.send(
      new ListAttachedUserPoliciesCommand({ UserName: SANDBOX_CI_USER }),
    );
    expect(attached.AttachedPolicies?.map((a) => a.PolicyName)).toEqual([
      'list-images',
      'AmazonEC2ContainerRegistryPowerUser',
    ]);
    expect((await iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy?.AttachmentCount).toBe(
      1,
    );
    const v = await iam.send(
      new GetPolicyVersionCommand({
        PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
        VersionId: 'v1',
      }),
    );
    expect(JSON.parse(decodeURIComponent(v.PolicyVersion!.Document!))).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
    });
    const aws = (await iam.send(new ListPoliciesCommand({ Scope: 'AWS' }))).Policies!.map(
      (x) => x.PolicyName,
    );
    expect(aws).toEqual(
      expect.arrayContaining([
        'AdministratorAccess',
        'AmazonEC2ContainerRegistryReadOnly',
        'AmazonEC2ContainerRegistryPowerUser',
        'AmazonEC2ContainerRegistryFullAccess',
      ]),
    );
    await expect(iam.send(new DeletePolicyCommand({ PolicyArn: arn }))).rejects.toMatchObject({
      name: 'DeleteConflictException',
    });
    await iam.send(new DetachUserPolicyCommand({ UserName: SANDBOX_CI_USER, PolicyArn: arn }));
    await iam.send(new DeletePolicyCommand({ PolicyArn: arn }));
    await expect(
      iam.send(new AttachUserPolicyCommand({ UserName: SANDBOX_CI_USER, PolicyArn: arn })),
    ).rejects.toMatchObject({ name: 'NoSuchEntityException' });
  });

  it('manages roles: trust, inline and attached policies', async () => {
    const iam = sb.iam();
    const acct = sb.sandbox.accountId;
    await iam.send(
      new CreateRoleCommand({
        RoleName: 'deployer',
        AssumeRolePolicyDocument: trust(acct),
        Description: 'd',
      }),
    );
    await expect(
      iam.send(
        new CreateRoleCommand({
          RoleName: 'bad',
          AssumeRolePolicyDocument: JSON.stringify({
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole' }],
          }),
        }),
      ),
    ).rejects.toMatchObject({ name: 'MalformedPolicyDocumentException' });
    await iam.send(
      new UpdateAssumeRolePolicyCommand({
        RoleName: 'deployer',
        PolicyDocument: trust(`arn:aws:iam::${acct}:user/${SANDBOX_CI_USER}`),
      }),
    );
    const role = await iam.send(new GetRoleCommand({ RoleName: 'deployer' }));
    expect(decodeURIComponent(role.Role!.AssumeRolePolicyDocument!)).toContain(SANDBOX_CI_USER);
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: 'deployer',
        PolicyName: 'p',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'ecr:*', Resource: '*' }],
        }),
      }),
    );
    expect(
      (await iam.send(new ListRolePoliciesCommand({ RoleName: 'deployer' }))).PolicyNames,
    ).toEqual(['p']);
    await iam.send(
      new AttachRolePolicyCommand({
        RoleName: 'deployer',
        PolicyArn: 'arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryFullAccess',
      }),
    );
    expect(
      (await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'deployer' })))
        .AttachedPolicies,
    ).toHaveLength(1);
    expect((await iam.send(new ListRolesCommand({}))).Roles?.map((r) => r.RoleName)).toEqual([
      'deployer',
    ]);
    await expect(iam.send(new DeleteRoleCommand({ RoleName: 'deployer' }))).rejects.toMatchObject({
      name: 'DeleteConflictException',
    });
    // The CI user has no IAM permissions at all.
    await expect(
      sb.iam(SANDBOX_CI_USER).send(new GetRoleCommand({ RoleName: 'deployer' })),
    ).rejects.toThrow(
      `User: arn:aws:iam::${acct}:user/${SANDBOX_CI_USER} is not authorized to perform: iam:GetRole on resource: arn:aws:iam::${acct}:role/deployer because no identity-based policy allows the iam:GetRole action`,
    );
  });

  it('deactivates a key, and removes role policies and the role', async () => {
    const iam = sb.iam();
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: SANDBOX_CI_USER })))
      .AccessKey!;
    const creds = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
    await iam.send(
      new UpdateAccessKeyCommand({
        UserName: SANDBOX_CI_USER,
        AccessKeyId: key.AccessKeyId!,
        Status: 'Inactive',
      }),
    );
    await expect(
      sb.sts({ credentials: creds }).send(new GetCallerIdentityCommand({})),
    ).rejects.toMatchObject({
      name: 'InvalidClientTokenId',
    });
    await iam.send(
      new UpdateAccessKeyCommand({
        UserName: SANDBOX_CI_USER,
        AccessKeyId: key.AccessKeyId!,
        Status: 'Active',
      }),
    );
    await expect(
      sb.sts({ credentials: creds }).send(new GetCallerIdentityCommand({})),
    ).resolves.toHaveProperty('Arn');

    const acct = sb.sandbox.accountId;
    await iam.send(
      new CreateRoleCommand({ RoleName: 'temp', AssumeRolePolicyDocument: trust(acct) }),
    );
    const doc = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'ecr:ListImages', Resource: '*' }],
    });
    await iam.send(
      new PutRolePolicyCommand({ RoleName: 'temp', PolicyName: 'list', PolicyDocument: doc }),
    );
    expect(
      decodeURIComponent(
        (await iam.send(new GetRolePolicyCommand({ RoleName: 'temp', PolicyName: 'list' })))
          .PolicyDocument!,
      ),
    ).toBe(doc);
    await iam.send(new DeleteRolePolicyCommand({ RoleName: 'temp', PolicyName: 'list' }));
    await expect(
      iam.send(new GetRolePolicyCommand({ RoleName: 'temp', PolicyName: 'list' })),
    ).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: 'The role policy with name list cannot be found.',
    });
    const ro = 'arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly';
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'temp', PolicyArn: ro }));
    await iam.send(new DetachRolePolicyCommand({ RoleName: 'temp', PolicyArn: ro }));
    await expect(
      iam.send(new DetachRolePolicyCommand({ RoleName: 'temp', PolicyArn: ro })),
    ).rejects.toMatchObject({
      name: 'NoSuchEntityException',
    });
    await iam.send(new DeleteRoleCommand({ RoleName: 'temp' }));
    await expect(iam.send(new GetRoleCommand({ RoleName: 'temp' }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: 'The role with name temp cannot be found.',
    });
  });

  it('simulates a principal with and without a resource policy', async () => {
    const acct = sb.sandbox.accountId;
    const iam = sb.iam();
    const repo = `arn:aws:ecr:us-east-1:${acct}:repository/fcj-workshop-app`;
    const sim = (resourcePolicy?: string) =>
      iam.send(
        new SimulatePrincipalPolicyCommand({
          PolicySourceArn: `arn:aws:iam::${acct}:user/${SANDBOX_CI_USER}`,
          ActionNames: ['ecr:PutImage', 'ecr:GetAuthorizationToken'],
          ResourceArns: [repo],
          ...(resourcePolicy ? { ResourcePolicy: resourcePolicy } : {}),
        }),
      );
    const before = await sim();
    expect(before.EvaluationResults?.map((r) => [r.EvalActionName, r.EvalDecision])).toEqual([
      ['ecr:PutImage', 'implicitDeny'],
      ['ecr:GetAuthorizationToken', 'allowed'],
    ]);
    const after = await sim(workshopRepositoryPolicy(acct));
    expect(after.EvaluationResults?.[0]?.EvalDecision).toBe('allowed');
    expect(after.EvaluationResults?.[0]?.MatchedStatements?.[0]).toMatchObject({
      SourcePolicyId: 'ResourcePolicy',
      SourcePolicyType: 'resource',
    });
    // the CI user's inline policy, by its name, as IAM names the source
    expect(before.EvaluationResults?.[1]?.MatchedStatements?.[0]).toMatchObject({
      SourcePolicyId: 'ecr-get-authorization-token',
      SourcePolicyType: 'user',
    });
    await expect(
      iam.send(
        new SimulatePrincipalPolicyCommand({
          PolicySourceArn: `arn:aws:iam::${acct}:user/ghost`,
          ActionNames: ['ecr:PutImage'],
        }),
      ),
    ).rejects.toMatchObject({ name: 'NoSuchEntityException' });
  });
});
