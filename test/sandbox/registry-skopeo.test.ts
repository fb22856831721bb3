/**
 * The sandbox's registry with the real skopeo, as a learner would use it after
 * `aws ecr get-login-password`: the CI user's push is denied with AWS's sentence before the
 * repository policy and allowed after, pulls back byte-identical and shows in DescribeImages;
 * the partner account's pull needs both policies; an expired password is refused.
 */
import { DescribeImagesCommand, SetRepositoryPolicyCommand } from '@aws-sdk/client-ecr';
import { PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxCore } from '../../src/sandbox/context.js';
import {
  SANDBOX_CI_USER,
  SANDBOX_PARTNER_ADMIN_USER,
  SANDBOX_PARTNER_USER,
  SANDBOX_REPOSITORY,
} from '../../src/sandbox/index.js';
import { issueRegistryPassword } from '../../src/sandbox/registry/token.js';
import type { SandboxState } from '../../src/sandbox/store/model.js';
import { loginPassword, readDirImage, writeDirImage } from '../helpers/registry.js';
import { sampleImage, workshopRepositoryPolicy, type TestSandbox } from '../helpers/sandbox.js';
import { sandboxForEachTest } from '../helpers/sandbox-hooks.js';
import { requireSkopeoOrNotice, skopeo } from '../helpers/skopeo.js';

const run = requireSkopeoOrNotice('test/sandbox/registry-skopeo.test.ts');

let sb: TestSandbox;
sandboxForEachTest((s) => (sb = s));
let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'ecr-tutor-skopeo-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const repoArn = (acct: string): string =>
  `arn:aws:ecr:us-east-1:${acct}:repository/${SANDBOX_REPOSITORY}`;

function pushArgs(password: string, src: string, dest: string): string[] {
  return ['copy', '--dest-tls-verify=false', '--dest-creds', `AWS:${password}`, src, dest];
}
function pullArgs(password: string, src: string, dest: string): string[] {
  return ['copy', '--src-tls-verify=false', '--src-creds', `AWS:${password}`, src, dest];
}

describe.runIf(run)('skopeo against the sandbox registry', () => {
  it('logs in with aws ecr get-login-password, as the workshop does', async () => {
    const ci = sb.sandbox.user(SANDBOX_CI_USER).credentials;
    const password = await new Promise<string>((resolve, reject) =>
      execFile(
        'aws',
        [
          'ecr',
          'get-login-password',
          '--endpoint-url',
          sb.sandbox.endpoint,
          '--region',
          'us-east-1',
        ],
        {
          env: {
            PATH: process.env.PATH,
            HOME: tmp,
            AWS_ACCESS_KEY_ID: ci.accessKeyId,
            AWS_SECRET_ACCESS_KEY: ci.secretAccessKey,
            AWS_CONFIG_FILE: '/nonexistent',
            AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
          },
        },
        (err, stdout, stderr) => (err ? reject(new Error(stderr)) : resolve(stdout.trim())),
      ),
    );
    const registry = `127.0.0.1:${sb.sandbox.port}`;
    const authfile = join(tmp, 'auth-login.json');
    const login = await skopeo(
      [
        'login',
        '--tls-verify=false',
        '--authfile',
        authfile,
        '-u',
        'AWS',
        '--password-stdin',
        registry,
      ],
      { input: password },
    );
    expect(login.stderr).toBe('');
    expect(login.stdout).toContain('Login Succeeded');
    const wrong = await skopeo(
      [
        'login',
        '--tls-verify=false',
        '--authfile',
        authfile,
        '-u',
        'AWS',
        '--password-stdin',
        registry,
      ],
      { input: password.slice(0, -2) + 'xx' },
    );
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toContain('invalid username/password');
  });

  it('denies the CI user push with AWS sentence before the policy, allows it after, pulls back byte-identical', async () => {
    const acct = sb.sandbox.accountId;
    const { password, registry } = await loginPassword(sb.ecr(SANDBOX_CI_USER));
    expect(registry).toBe(`127.0.0.1:${sb.sandbox.port}`);
    const image = sampleImage();
    const src = join(tmp, 'push-src');
    await writeDirImage(src, image);
    const dest = `docker://${registry}/${SANDBOX_REPOSITORY}:ci-skopeo`;

    const denied = await skopeo(pushArgs(password, `dir:${src}`, dest));
    expect(denied.code).not.toBe(0);
    expect(denied.stderr).toContain(
      `denied: User: arn:aws:iam::${acct}:user/${SANDBOX_CI_USER} is not authorized to perform: ecr:InitiateLayerUpload on resource: ${repoArn(acct)} because no identity-based policy allows the ecr:InitiateLayerUpload action`,
    );

    await sb.ecr().send(
      new SetRepositoryPolicyCommand({
        repositoryName: SANDBOX_REPOSITORY,
        policyText: workshopRepositoryPolicy(acct),
      }),
    );
    const pushed = await skopeo(pushArgs(password, `dir:${src}`, dest));
    expect(pushed.stderr).toBe('');
    expect(pushed.code).toBe(0);

    // What skopeo pushed is what the ECR API describes, under the same digest.
    const described = await sb.ecr().send(
      new DescribeImagesCommand({
        repositoryName: SANDBOX_REPOSITORY,
        imageIds: [{ imageTag: 'ci-skopeo' }],
      }),
    );
    expect(described.imageDetails?.[0]).toMatchObject({
      imageDigest: image.manifestDigest,
      imageTags: ['ci-skopeo'],
      imageManifestMediaType: 'application/vnd.docker.distribution.manifest.v2+json',
      artifactMediaType: 'application/vnd.docker.container.image.v1+json',
    });

    const back = join(tmp, 'pull-back');
    const pulled = await skopeo(pullArgs(password, dest, `dir:${back}`));
    expect(pulled.code).toBe(0);
    const files = await readDirImage(back);
    expect(files.get('manifest.json')?.toString()).toBe(image.manifest);
    for (const b of image.blobs) expect(files.get(b.digest.slice(7))?.equals(b.bytes)).toBe(true);
  });

  it('pulls with skopeo an image the ECR API pushed (the seed image)', async () => {
    const acct = sb.sandbox.accountId;
    await sb.ecr().send(
      new SetRepositoryPolicyCommand({
        repositoryName: SANDBOX_REPOSITORY,
        policyText: workshopRepositoryPolicy(acct),
      }),
    );
    const { password, registry } = await loginPassword(sb.ecr(SANDBOX_CI_USER));
    const out = await skopeo([
      'inspect',
      '--tls-verify=false',
      '--creds',
      `AWS:${password}`,
      `docker://${registry}/${SANDBOX_REPOSITORY}:latest`,
    ]);
    expect(out.code).toBe(0);
    const seen = JSON.parse(out.stdout) as { Name: string; Layers: string[] };
    expect(seen.Name).toBe(`${registry}/${SANDBOX_REPOSITORY}`);
    expect(seen.Layers).toHaveLength(1);
  });

  it("pulls cross-account from the owner's registry only once both policies allow it", async () => {
    const owner = sb.sandbox.accountId;
    const partnerAcct = sb.sandbox.secondAccountId;
    const partnerArn = `arn:aws:iam::${partnerAcct}:user/${SANDBOX_PARTNER_USER}`;
    const partnerIam = sb.iam({ user: SANDBOX_PARTNER_ADMIN_USER, accountId: partnerAcct });
    const identity = (actions: string[]): PutUserPolicyCommand =>
      new PutUserPolicyCommand({
        UserName: SANDBOX_PARTNER_USER,
        PolicyName: 'partner-ecr',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }],
        }),
      });
    await partnerIam.send(identity(['ecr:GetAuthorizationToken']));
    const partner = sb.ecr({ user: SANDBOX_PARTNER_USER, accountId: partnerAcct });
    const { password } = await loginPassword(partner, owner);
    // The partner's own registry is another address; the owner's is the sandbox's own.
    expect((await loginPassword(partner)).registry).toBe(`127.0.0.2:${sb.sandbox.port}`);
    const ownerRepo = `docker://127.0.0.1:${sb.sandbox.port}/${SANDBOX_REPOSITORY}:latest`;
    const dest = (n: string): string => `dir:${join(tmp, `partner-${n}`)}`;

    const noResourcePolicy = await skopeo(pullArgs(password, ownerRepo, dest('1')));
    expect(noResourcePolicy.stderr).toContain(
      `denied: User: ${partnerArn} is not authorized to perform: ecr:BatchGetImage on resource: ${repoArn(owner)} because no resource-based policy allows the ecr:BatchGetImage action`,
    );

    await sb.ecr().send(
      new SetRepositoryPolicyCommand({
        repositoryName: SANDBOX_REPOSITORY,
        policyText: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'PartnerPull',
              Effect: 'Allow',
              Principal: { AWS: partnerArn },
              Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
            },
          ],
        }),
      }),
    );
    const noIdentityPolicy = await skopeo(pullArgs(password, ownerRepo, dest('2')));
    expect(noIdentityPolicy.stderr).toContain(
      `denied: User: ${partnerArn} is not authorized to perform: ecr:BatchGetImage on resource: ${repoArn(owner)} because no identity-based policy allows the ecr:BatchGetImage action`,
    );

    await partnerIam.send(
      identity(['ecr:GetAuthorizationToken', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer']),
    );
    const allowed = await skopeo(pullArgs(password, ownerRepo, dest('3')));
    expect(allowed.stderr).toBe('');
    expect(allowed.code).toBe(0);
  });

  it('refuses an expired password with ECR sentence, and no password with a Basic challenge', async () => {
    const state = JSON.parse(
      await readFile(join(sb.stateDir, 'state.json'), 'utf8'),
    ) as SandboxState;
    const core = { metadata: { state } } as unknown as SandboxCore;
    const ci = sb.sandbox.user(SANDBOX_CI_USER);
    const expired = issueRegistryPassword(
      core,
      {
        accessKeyId: ci.credentials.accessKeyId,
        accountId: ci.accountId,
        arn: ci.arn,
        userId: 'AIDAEXAMPLE',
        type: 'user',
        userName: SANDBOX_CI_USER,
      },
      Math.floor(Date.now() / 1000) - 1,
    );
    const registry = `127.0.0.1:${sb.sandbox.port}`;
    const out = await skopeo([
      'inspect',
      '--tls-verify=false',
      '--creds',
      `AWS:${expired}`,
      `docker://${registry}/${SANDBOX_REPOSITORY}:latest`,
    ]);
    expect(out.code).not.toBe(0);
    expect(out.stderr).toContain(
      'Your authorization token has expired. Reauthenticate and try again.',
    );

    const anonymous = await fetch(`http://${registry}/v2/`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe(
      `Basic realm="http://${registry}/",service="ecr.amazonaws.com"`,
    );
  });
});
