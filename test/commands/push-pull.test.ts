/**
 * `ecr-tutor push` / `pull` (the path for machines without docker or skopeo) against a real
 * sandbox over HTTP, acting as the CI user the way `eval "$(ecr-tutor sandbox env --user …)"`
 * leaves the shell: denied with AWS's sentence before the policy, then a push, a verified pull
 * written as a skopeo `dir:` folder, and a second push of that folder.
 */
import { DescribeImagesCommand, SetRepositoryPolicyCommand } from '@aws-sdk/client-ecr';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseImageRef, runPull, runPush } from '../../src/commands/push-pull.js';
import { memoryIo } from '../../src/io.js';
import { SANDBOX_CI_USER, SANDBOX_REPOSITORY } from '../../src/sandbox/index.js';
import { workshopRepositoryPolicy, type TestSandbox } from '../helpers/sandbox.js';
import { sandboxForFile } from '../helpers/sandbox-hooks.js';

let sb: TestSandbox;
sandboxForFile((s) => (sb = s));
let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'ecr-tutor-pushpull-'));
  const ci = sb.sandbox.user(SANDBOX_CI_USER).credentials;
  vi.stubEnv('AWS_ACCESS_KEY_ID', ci.accessKeyId);
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', ci.secretAccessKey);
  vi.stubEnv('AWS_REGION', 'us-east-1');
  vi.stubEnv('AWS_ENDPOINT_URL', sb.sandbox.endpoint);
  vi.stubEnv('AWS_CONFIG_FILE', '/nonexistent');
  vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', '/nonexistent');
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await rm(tmp, { recursive: true, force: true });
});

describe('ecr-tutor push and pull as the CI user', () => {
  it('is denied before the policy, then pushes, pulls back verified, and pushes the pulled folder', async () => {
    const acct = sb.sandbox.accountId;
    const denied = memoryIo();
    expect(
      await runPush(denied, {
        target: {},
        generate: true,
        image: `${SANDBOX_REPOSITORY}:from-node`,
      }),
    ).toBe(1);
    expect(denied.stderr()).toContain(
      `denied: User: arn:aws:iam::${acct}:user/${SANDBOX_CI_USER} is not authorized to perform: ecr:InitiateLayerUpload`,
    );

    await sb.ecr().send(
      new SetRepositoryPolicyCommand({
        repositoryName: SANDBOX_REPOSITORY,
        policyText: workshopRepositoryPolicy(acct),
      }),
    );
    const push = memoryIo();
    expect(
      await runPush(push, { target: {}, generate: true, image: `${SANDBOX_REPOSITORY}:from-node` }),
    ).toBe(0);
    const registry = `127.0.0.1:${sb.sandbox.port}`;
    const digest = /digest (sha256:[0-9a-f]{64})/.exec(push.stdout())?.[1];
    expect(push.stdout()).toBe(
      `pushed ${registry}/${SANDBOX_REPOSITORY}:from-node digest ${digest}\n`,
    );
    const described = await sb.ecr().send(
      new DescribeImagesCommand({
        repositoryName: SANDBOX_REPOSITORY,
        imageIds: [{ imageTag: 'from-node' }],
      }),
    );
    expect(described.imageDetails?.[0]?.imageDigest).toBe(digest);

    const out = join(tmp, 'pulled');
    const pull = memoryIo();
    expect(
      await runPull(pull, { target: {}, image: `${SANDBOX_REPOSITORY}:from-node`, output: out }),
    ).toBe(0);
    expect(pull.stdout()).toMatch(
      new RegExp(
        `^pulled ${registry}/${SANDBOX_REPOSITORY}:from-node digest ${digest} \\(2 blobs, \\d+ bytes, every digest verified\\), written to ${out}\\n$`,
      ),
    );
    expect((await readdir(out)).sort()).toHaveLength(4);

    const again = memoryIo();
    expect(
      await runPush(again, {
        target: {},
        generate: false,
        source: out,
        image: `${SANDBOX_REPOSITORY}:again`,
      }),
    ).toBe(0);
    expect(again.stdout()).toContain(`digest ${digest}`);
    expect(again.stderr()).toContain('already in fcj-workshop-app');
  });

  it('says what is wrong with a bad reference or a folder that is no image', async () => {
    expect(() => parseImageRef('Bad:Name')).toThrow(/not an image reference REPO:TAG/);
    expect(parseImageRef('127.0.0.2:4510/team/app@sha256:' + 'a'.repeat(64))).toEqual({
      registry: '127.0.0.2:4510',
      repository: 'team/app',
      reference: 'sha256:' + 'a'.repeat(64),
    });
    const io = memoryIo();
    expect(
      await runPush(io, { target: {}, generate: false, source: tmp, image: 'fcj-workshop-app:x' }),
    ).toBe(1);
    expect(io.stderr()).toContain('is not an image folder');
    const both = memoryIo();
    expect(await runPush(both, { target: {}, generate: true, source: tmp, image: 'a1:x' })).toBe(2);
  });
});
