import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryIo } from '../../src/io.js';
import { runPolicyExplain, runPolicyLint } from '../../src/commands/policy.js';
import { ACCOUNT, CI_LOGIN_POLICY, CI_USER, OTHER, SEED_TEMPLATE, seedPolicy } from './fixtures.js';

let dir: string;
const file = (name: string) => join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ecr-tutor-policy-cli-'));
  await writeFile(file('seed.json'), seedPolicy());
  await writeFile(file('template.json'), SEED_TEMPLATE);
  await writeFile(file('warn.json'), seedPolicy().replace('"Version": "2008-10-17",\n', ''));
  await writeFile(file('login.json'), CI_LOGIN_POLICY);
  await writeFile(
    file('broken.json'),
    seedPolicy().replace('"ecr:CompleteLayerUpload"', '"ecr:CompleteLayerUpload",'),
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('policy lint', () => {
  it('exit 0 and "no problems" for the filled-in seed policy', async () => {
    const io = memoryIo();
    expect(
      await runPolicyLint(io, { file: file('seed.json'), account: ACCOUNT, json: false }),
    ).toBe(0);
    expect(io.stdout()).toBe(`${file('seed.json')}: no problems found\n`);
  });

  it('exit 1 with FILE:LINE:COL, the source line, a caret and the fix', async () => {
    const io = memoryIo();
    expect(
      await runPolicyLint(io, { file: file('template.json'), account: ACCOUNT, json: false }),
    ).toBe(1);
    const out = io.stdout();
    expect(out).toContain(`${file('template.json')}:8:30: error [placeholder]`);
    expect(out).toContain('"AWS": "arn:aws:iam::<YOUR_AWS_ACCOUNT_ID>:user/fcj-ecr-ci-cd-user"');
    expect(out).toMatch(/\n {4} {29}\^\n/);
    expect(out).toContain(`fix: Replace <YOUR_AWS_ACCOUNT_ID> with your account id ${ACCOUNT}.`);
    expect(out).toContain('1 error, 0 warnings');
  });

  it('warnings alone exit 0', async () => {
    const io = memoryIo();
    expect(await runPolicyLint(io, { file: file('warn.json'), json: false })).toBe(0);
    expect(io.stdout()).toContain('0 errors, 1 warning (AWS would accept it)');
  });

  it('--json prints the findings contract', async () => {
    const io = memoryIo();
    expect(await runPolicyLint(io, { file: file('broken.json'), json: true })).toBe(1);
    const parsed = JSON.parse(io.stdout()) as { findings: Array<Record<string, unknown>> };
    expect(parsed.findings).toHaveLength(1);
    expect(Object.keys(parsed.findings[0]!).sort()).toEqual(
      ['code', 'column', 'line', 'message', 'path', 'severity', 'suggestion'].sort(),
    );
    expect(parsed.findings[0]).toMatchObject({
      severity: 'error',
      code: 'json-trailing-comma',
      line: 17,
    });
  });

  it('exit 2 for a missing file or a bad --account, saying what to try', async () => {
    const io = memoryIo();
    expect(await runPolicyLint(io, { file: file('nope.json'), json: false })).toBe(2);
    expect(io.stderr()).toContain('cannot read');
    expect(io.stderr()).toContain('no such file');
    expect(io.stderr()).toContain('try:');
    const io2 = memoryIo();
    expect(
      await runPolicyLint(io2, { file: file('seed.json'), account: '1234', json: false }),
    ).toBe(2);
    expect(io2.stderr()).toContain('12-digit');
  });
});

describe('policy explain', () => {
  const base = { identityPolicies: [] as string[], json: false };

  it('same account: the CI user is allowed by the repository policy alone (exit 0)', async () => {
    const io = memoryIo();
    const code = await runPolicyExplain(io, {
      ...base,
      policy: file('seed.json'),
      principal: CI_USER,
      action: 'ecr:PutImage',
      identityPolicies: [file('login.json')],
    });
    expect(code).toBe(0);
    const out = io.stdout();
    expect(out).toMatch(/^Decision: ALLOWED\n/);
    expect(out).toContain(
      `resource:  arn:aws:ecr:us-east-1:${ACCOUNT}:repository/fcj-workshop-app (assumed: fcj-workshop-app in the principal's account ${ACCOUNT}, us-east-1; pass --resource to change it)`,
    );
    expect(out).toContain('same account');
    expect(out).toMatch(
      /ALLOW repository policy .* statement #1 "AllowPushPullFromCICDUser" \(Allow\)/,
    );
  });

  it('cross account: denied with the AWS message, exit 1, --json has decision', async () => {
    const io = memoryIo();
    const other = `arn:aws:iam::${OTHER}:user/fcj-ecr-ci-cd-user`;
    const code = await runPolicyExplain(io, {
      ...base,
      policy: file('seed.json'),
      principal: other,
      action: 'ecr:PutImage',
      resource: `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/fcj-workshop-app`,
      json: true,
    });
    expect(code).toBe(1);
    const parsed = JSON.parse(io.stdout()) as Record<string, unknown>;
    expect(parsed.decision).toBe('implicit-deny');
    expect(parsed.message).toBe(
      `User: ${other} is not authorized to perform: ecr:PutImage on resource: arn:aws:ecr:us-east-1:${ACCOUNT}:repository/fcj-workshop-app because no resource-based policy allows the ecr:PutImage action`,
    );
    expect((parsed.request as Record<string, unknown>).sameAccount).toBe(false);
    expect(Array.isArray(parsed.trace)).toBe(true);
  });

  it('account-scoped actions use resource "*" and identity policies only', async () => {
    const io = memoryIo();
    const code = await runPolicyExplain(io, {
      ...base,
      policy: file('seed.json'),
      principal: CI_USER,
      action: 'ecr:getauthorizationtoken',
      identityPolicies: [file('login.json')],
    });
    expect(code).toBe(0);
    expect(io.stdout()).toContain('action:    ecr:GetAuthorizationToken');
    expect(io.stderr()).toContain('account-scoped');
  });

  it('exit 2 for a bad principal, a bad action or a policy that does not parse', async () => {
    const io = memoryIo();
    expect(
      await runPolicyExplain(io, {
        ...base,
        policy: file('seed.json'),
        principal: 'fcj-ecr-ci-cd-user',
        action: 'ecr:PutImage',
      }),
    ).toBe(2);
    expect(io.stderr()).toContain('--principal');
    const io2 = memoryIo();
    expect(
      await runPolicyExplain(io2, {
        ...base,
        policy: file('seed.json'),
        principal: CI_USER,
        action: 'PutImage',
      }),
    ).toBe(2);
    const io3 = memoryIo();
    expect(
      await runPolicyExplain(io3, {
        ...base,
        policy: file('broken.json'),
        principal: CI_USER,
        action: 'ecr:PutImage',
      }),
    ).toBe(2);
    expect(io3.stderr()).toMatch(/broken\.json:17:\d+: Trailing comma/);
  });

  it('warns about an unknown action and still explains it', async () => {
    const io = memoryIo();
    expect(
      await runPolicyExplain(io, {
        ...base,
        policy: file('seed.json'),
        principal: CI_USER,
        action: 'ecr:PutImages',
      }),
    ).toBe(1);
    expect(io.stderr()).toContain('did you mean ecr:PutImage?');
  });
});
