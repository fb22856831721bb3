/**
 * The credential chain a learner really has, as the AWS CLI has it, through the SDK's own
 * providers: each case writes ~/.aws/credentials and ~/.aws/config under a temporary HOME, runs
 * the built tutor against a sandbox on port 0 (it checks every signature, so a wrong key is
 * really wrong), and asserts the line the learner reads.
 */
import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { learnerHome, type LearnerHome } from '../helpers/tutor-cli.js';

let tsb: TestSandbox;
let admin: { accessKeyId: string; secretAccessKey: string };
let ci: { accessKeyId: string; secretAccessKey: string };
let account: string;
beforeAll(async () => {
  tsb = await startTestSandbox();
  admin = tsb.sandbox.user().credentials;
  ci = tsb.sandbox.user('fcj-ecr-ci-cd-user').credentials;
  account = tsb.sandbox.accountId;
});
afterAll(async () => {
  await tsb?.cleanup();
});

let l: LearnerHome;
beforeEach(async () => {
  l = await learnerHome();
});
afterEach(async () => {
  await l.remove();
});

const ADMIN_ARN = () => `arn:aws:iam::${account}:user/workshop-admin`;

function keysIni(name: string, k: { accessKeyId: string; secretAccessKey: string }): string {
  return `[${name}]\naws_access_key_id = ${k.accessKeyId}\naws_secret_access_key = ${k.secretAccessKey}\n`;
}

/** `ecr-tutor check` (the whole lesson, no prompts) against the sandbox, with these flags. */
function check(flags: string[], env?: Record<string, string | undefined>) {
  return l.run(['check', '--endpoint-url', tsb.sandbox.endpoint, ...flags], env);
}

describe('the credential chain, as the AWS CLI reads it', () => {
  it('a named profile in ~/.aws/credentials, its region only in ~/.aws/config', async () => {
    // A sandbox that serves eu-west-1 only: the region must come from the profile.
    const eu = await startTestSandbox({ region: 'eu-west-1' });
    try {
      const k = eu.sandbox.user().credentials;
      await l.write('.aws/credentials', keysIni('lab', k));
      await l.write('.aws/config', '[profile lab]\nregion = eu-west-1\n');
      const r = await l.run(['check', '--endpoint-url', eu.sandbox.endpoint, '--profile', 'lab']);
      const arn = `arn:aws:iam::${eu.sandbox.accountId}:user/workshop-admin`;
      expect(r.stdout).toContain(
        `checking the endpoint ${eu.sandbox.endpoint} (account ${eu.sandbox.accountId}, eu-west-1)`,
      );
      expect(r.stdout).toContain(
        `1. Connect: pass\n      Connected to the endpoint ${eu.sandbox.endpoint} as ${arn} in eu-west-1.`,
      );
      expect(r.stdout).toContain('3. Check the repository and the CI user: pass');
      // the commands shown carry the same profile and region, as the learner must type them
      expect(r.stdout).toMatch(/aws ecr set-repository-policy .* --profile lab --region eu-west-1/);
    } finally {
      await eu.cleanup();
    }
  });

  it('a profile in another region than the sandbox: served, as the SDK signs for its own region', async () => {
    await l.write('.aws/credentials', keysIni('lab', admin));
    await l.write('.aws/config', '[profile lab]\nregion = ap-south-1\n');
    const r = await check(['--profile', 'lab']);
    expect(r.stdout).toContain('1. Connect: pass');
    expect(r.stdout).toContain('3. Check the repository and the CI user: pass');
    expect(r.stderr).not.toContain('does not accept requests signed');
  });

  it('a profile whose region is no region name: says so, not "wrong secret"', async () => {
    await l.write('.aws/credentials', keysIni('lab', admin));
    await l.write('.aws/config', '[profile lab]\nregion = local\n');
    const r = await check(['--profile', 'lab']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(
      `error: the endpoint ${tsb.sandbox.endpoint} does not accept requests signed for the region local.`,
    );
    expect(r.stderr).toContain('--region');
    expect(r.stderr).not.toContain('secret access key');
  });

  it('AWS_PROFILE picks the profile, as it does for the AWS CLI', async () => {
    await l.write('.aws/credentials', keysIni('default', ci) + keysIni('lab', admin));
    await l.write('.aws/config', '[profile lab]\nregion = us-east-1\n');
    const r = await check([], { AWS_PROFILE: 'lab' });
    expect(r.stdout).toContain(`as ${ADMIN_ARN()} in us-east-1.`);
  });

  it('a profile that does not exist: says so and how to create it', async () => {
    await l.write('.aws/credentials', keysIni('lab', admin));
    const r = await check(['--profile', 'typo', '--region', 'us-east-1']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(
      'error: The AWS profile "typo" is not in ~/.aws/credentials or ~/.aws/config, or holds no credentials.',
    );
    expect(r.stderr).toContain('aws configure --profile typo');
  });

  it('SSO with no token cached: run `aws sso login --profile NAME`', async () => {
    await l.write(
      '.aws/config',
      [
        '[profile lab-sso]',
        'sso_session = lab',
        'sso_account_id = 111122223333',
        'sso_role_name = WorkshopLearner',
        'region = us-east-1',
        '[sso-session lab]',
        'sso_start_url = https://example-lab.awsapps.com/start',
        'sso_region = us-east-1',
        'sso_registration_scopes = sso:account:access',
        '',
      ].join('\n'),
    );
    const r = await check(['--profile', 'lab-sso']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(
      'error: Your AWS SSO sign-in for the profile "lab-sso" has expired or was never made.\n  try: Run `aws sso login --profile lab-sso`, then try again.',
    );
  });

  it('SSO with an expired token in the cache: the same advice, never a stack trace', async () => {
    await l.write(
      '.aws/config',
      [
        '[profile lab-sso]',
        'sso_session = lab',
        'sso_account_id = 111122223333',
        'sso_role_name = WorkshopLearner',
        'region = us-east-1',
        '[sso-session lab]',
        'sso_start_url = https://example-lab.awsapps.com/start',
        'sso_region = us-east-1',
        '',
      ].join('\n'),
    );
    // The cache file the AWS CLI writes: ~/.aws/sso/cache/<sha1 of the session name>.json
    const file = createHash('sha1').update('lab').digest('hex');
    await l.write(
      `.aws/sso/cache/${file}.json`,
      JSON.stringify({
        startUrl: 'https://example-lab.awsapps.com/start',
        region: 'us-east-1',
        accessToken: 'expired-token',
        expiresAt: '2026-11-30T08:00:00Z',
      }),
    );
    const r = await check(['--profile', 'lab-sso']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('Run `aws sso login --profile lab-sso`, then try again.');
    expect(r.stderr).not.toMatch(/\n\s+at |TokenProviderError|CredentialsProviderError/);
  });

  it('credential_process: keys from a program, as the AWS CLI runs it', async () => {
    const out = await l.write(
      'creds.json',
      JSON.stringify({
        Version: 1,
        AccessKeyId: admin.accessKeyId,
        SecretAccessKey: admin.secretAccessKey,
      }),
    );
    const prog = await l.write('get-creds.sh', `#!/bin/sh\ncat '${out}'\n`, 0o755);
    await l.write(
      '.aws/config',
      `[profile proc]\ncredential_process = ${prog}\nregion = us-east-1\n`,
    );
    const r = await check(['--profile', 'proc']);
    expect(r.stdout).toContain(`as ${ADMIN_ARN()} in us-east-1.`);
  });

  it('credential_process handing out expired keys: named as such, with what to run', async () => {
    const out = await l.write(
      'creds.json',
      JSON.stringify({
        Version: 1,
        AccessKeyId: admin.accessKeyId,
        SecretAccessKey: admin.secretAccessKey,
        Expiration: '2026-11-30T08:00:00Z',
      }),
    );
    const prog = await l.write('get-creds.sh', `#!/bin/sh\ncat '${out}'\n`, 0o755);
    await l.write(
      '.aws/config',
      `[profile proc]\ncredential_process = ${prog}\nregion = us-east-1\n`,
    );
    const r = await check(['--profile', 'proc']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(
      'error: The credential_process of the profile "proc" returned expired credentials.',
    );
    expect(r.stderr).toContain("Run the profile's credential_process command yourself");
  });

  it('environment keys win over the shared files, as in the AWS CLI', async () => {
    await l.write('.aws/credentials', keysIni('default', ci));
    const r = await check([], {
      AWS_ACCESS_KEY_ID: admin.accessKeyId,
      AWS_SECRET_ACCESS_KEY: admin.secretAccessKey,
      AWS_REGION: 'us-east-1',
    });
    expect(r.stdout).toContain(`as ${ADMIN_ARN()} in us-east-1.`);
  });

  it('a wrong secret: the signature is rejected, and the fix is about the key', async () => {
    const r = await check([], {
      AWS_ACCESS_KEY_ID: admin.accessKeyId,
      AWS_SECRET_ACCESS_KEY: 'x'.repeat(40),
      AWS_REGION: 'us-east-1',
    });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(
      `error: the endpoint ${tsb.sandbox.endpoint} rejected the request signature: the secret access key does not match the access key id.`,
    );
  });

  it('temporary keys that expire within minutes: noticed before the checks run', async () => {
    const soon = new Date(Date.now() + 8 * 60_000);
    const out = await l.write(
      'creds.json',
      JSON.stringify({
        Version: 1,
        AccessKeyId: admin.accessKeyId,
        SecretAccessKey: admin.secretAccessKey,
        Expiration: soon.toISOString(),
      }),
    );
    const prog = await l.write('get-creds.sh', `#!/bin/sh\ncat '${out}'\n`, 0o755);
    await l.write(
      '.aws/config',
      `[profile proc]\ncredential_process = ${prog}\nregion = us-east-1\n`,
    );
    const r = await check(['--profile', 'proc']);
    const at = `${soon.toISOString().slice(11, 16)} UTC`;
    expect(r.stderr).toMatch(
      new RegExp(
        `note: AWS credentials \\(profile "proc"\\) expire at ${at}, in [78] min: refresh them \\(new temporary keys\\) first, or a check will stop part-way\\.`,
      ),
    );
    expect(r.stdout).toContain(`as ${ADMIN_ARN()} in us-east-1.`);
  });

  it('a session token that has expired: not sent, and explained with the time it ran out', async () => {
    const r = await check([], {
      AWS_ACCESS_KEY_ID: admin.accessKeyId,
      AWS_SECRET_ACCESS_KEY: admin.secretAccessKey,
      AWS_SESSION_TOKEN: 'FwoGZXIvYXdzEXAMPLETOKEN',
      AWS_CREDENTIAL_EXPIRATION: '2026-12-01T09:30:00Z',
      AWS_REGION: 'us-east-1',
    });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(
      'error: Your AWS credentials expired at 2026-12-01 09:30 UTC, so the tutor did not send the request.\n  try: Get new temporary keys (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN) into this shell',
    );
  });

  it('the identity lock: progress saved as one user, then a profile of another', async () => {
    await l.write('.aws/credentials', keysIni('lab', admin) + keysIni('ci', ci));
    await l.write(
      '.aws/config',
      '[profile lab]\nregion = us-east-1\n[profile ci]\nregion = us-east-1\n',
    );
    const first = await check(['--profile', 'lab']);
    expect(first.stderr).not.toContain('warning:');
    const second = await check(['--profile', 'ci']);
    expect(second.stderr).toContain(
      `warning: This lab started as ${ADMIN_ARN()} in us-east-1, but you are now signed in as arn:aws:iam::${account}:user/fcj-ecr-ci-cd-user.`,
    );
  });
});
