/**
 * State survives: a restart keeps every repository, policy, image and key; kill -9 in the middle
 * of an upload leaves a folder the next sandbox loads and serves; a second sandbox on the same
 * folder is refused with the holder's pid.
 */
import {
  CreateRepositoryCommand,
  ECRClient,
  GetRepositoryPolicyCommand,
  InitiateLayerUploadCommand,
  PutImageCommand,
  SetRepositoryPolicyCommand,
  UploadLayerPartCommand,
} from '@aws-sdk/client-ecr';
import { CreateAccessKeyCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import {
  findRunningSandbox,
  SANDBOX_REPOSITORY,
  startSandbox,
  type SandboxCredentials,
} from '../../src/sandbox/index.js';
import { pullImage, pushImage, sampleImage, workshopRepositoryPolicy } from '../helpers/sandbox.js';

const dirs: string[] = [];
const children: ChildProcess[] = [];
afterEach(async () => {
  for (const c of children.splice(0))
    if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'ecr-tutor-persist-'));
  dirs.push(d);
  return d;
}

const fixture = fileURLToPath(new URL('./fixtures/run-sandbox.ts', import.meta.url));

/** Starts a sandbox in a child process and waits for its endpoint line. */
async function spawnSandbox(stateDir: string): Promise<{
  child: ChildProcess;
  endpoint: string;
  credentials: SandboxCredentials;
  accountId: string;
}> {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture, stateDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
  children.push(child);
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const line = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    rl.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`sandbox child exited with ${code}: ${stderr}`)));
  });
  return {
    child,
    ...(JSON.parse(line) as {
      endpoint: string;
      credentials: SandboxCredentials;
      accountId: string;
    }),
  };
}

describe('persistence', () => {
  it('keeps repositories, policies, images and keys across a restart', async () => {
    const stateDir = await tempDir();
    const first = await startSandbox({ stateDir, port: 0 });
    const cfg = {
      endpoint: first.endpoint,
      region: 'us-east-1',
      credentials: first.user().credentials,
      maxAttempts: 1,
    };
    const ecr = new ECRClient(cfg);
    const policy = workshopRepositoryPolicy(first.accountId);
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'kept' }));
    await ecr.send(
      new SetRepositoryPolicyCommand({ repositoryName: SANDBOX_REPOSITORY, policyText: policy }),
    );
    const img = sampleImage('persist me\n');
    await pushImage(ecr, 'kept', img, { tag: 'v1' });
    const { IAMClient } = await import('@aws-sdk/client-iam');
    const iam = new IAMClient(cfg);
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'fcj-ecr-ci-cd-user' })))
      .AccessKey!;
    const account = first.accountId;
    ecr.destroy();
    iam.destroy();
    await first.stop();

    const second = await startSandbox({ stateDir, port: 0 });
    try {
      expect(second.accountId).toBe(account);
      const ecr2 = new ECRClient({ ...cfg, endpoint: second.endpoint });
      expect(
        (await ecr2.send(new GetRepositoryPolicyCommand({ repositoryName: SANDBOX_REPOSITORY })))
          .policyText,
      ).toBe(policy);
      const pulled = await pullImage(ecr2, 'kept', { imageTag: 'v1' });
      expect(pulled.manifest).toBe(img.manifest);
      for (const b of img.blobs) expect(pulled.blobs.get(b.digest)?.equals(b.bytes)).toBe(true);
      const sts = new STSClient({
        ...cfg,
        endpoint: second.endpoint,
        credentials: { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! },
      });
      expect((await sts.send(new GetCallerIdentityCommand({}))).Arn).toContain(
        'fcj-ecr-ci-cd-user',
      );
      ecr2.destroy();
      sts.destroy();
    } finally {
      await second.stop();
    }
  });

  it('refuses a second sandbox on the same folder, naming the process', async () => {
    const stateDir = await tempDir();
    const child = await spawnSandbox(stateDir);
    await expect(startSandbox({ stateDir, port: 0 })).rejects.toThrow(
      `the sandbox state in ${stateDir} is in use by process ${child.child.pid} (a sandbox listening on ${child.endpoint})`,
    );
    expect(await findRunningSandbox(stateDir)).toEqual({
      pid: child.child.pid,
      endpoint: child.endpoint,
    });
    child.child.kill('SIGTERM');
    await new Promise((r) => child.child.once('exit', r));
    expect(await findRunningSandbox(stateDir)).toBeUndefined();
  });

  it('starts and serves after kill -9 in the middle of an upload', async () => {
    const stateDir = await tempDir();
    const { child, endpoint, credentials, accountId } = await spawnSandbox(stateDir);
    const ecr = new ECRClient({ endpoint, region: 'us-east-1', credentials, maxAttempts: 1 });
    // Completed before the kill: a policy and a whole image.
    const policy = workshopRepositoryPolicy(accountId);
    await ecr.send(
      new SetRepositoryPolicyCommand({ repositoryName: SANDBOX_REPOSITORY, policyText: policy }),
    );
    const done = sampleImage('completed before the crash\n');
    await pushImage(ecr, SANDBOX_REPOSITORY, done, { tag: 'done' });
    // In flight at the kill: a 6 MiB part and a manifest write.
    const { uploadId } = await ecr.send(
      new InitiateLayerUploadCommand({ repositoryName: SANDBOX_REPOSITORY }),
    );
    const part = Buffer.alloc(6 * 1024 * 1024, 7);
    const inflight = [
      ecr.send(
        new UploadLayerPartCommand({
          repositoryName: SANDBOX_REPOSITORY,
          uploadId,
          partFirstByte: 0,
          partLastByte: part.length - 1,
          layerPartBlob: part,
        }),
      ),
      ecr.send(
        new PutImageCommand({
          repositoryName: SANDBOX_REPOSITORY,
          imageManifest: done.manifest,
          imageTag: 'racing',
        }),
      ),
    ].map((p) => p.catch((e: unknown) => e));
    await new Promise((r) => setTimeout(r, 15));
    child.kill('SIGKILL');
    await Promise.all(inflight);
    ecr.destroy();

    const again = await startSandbox({ stateDir, port: 0 });
    try {
      const ecr2 = new ECRClient({
        endpoint: again.endpoint,
        region: 'us-east-1',
        credentials,
        maxAttempts: 1,
      });
      expect(
        (await ecr2.send(new GetRepositoryPolicyCommand({ repositoryName: SANDBOX_REPOSITORY })))
          .policyText,
      ).toBe(policy);
      const pulled = await pullImage(ecr2, SANDBOX_REPOSITORY, { imageTag: 'done' });
      for (const b of done.blobs) expect(pulled.blobs.get(b.digest)?.equals(b.bytes)).toBe(true);
      // the interrupted upload is gone (AWS expires them too); a new push works
      await expect(
        ecr2.send(
          new UploadLayerPartCommand({
            repositoryName: SANDBOX_REPOSITORY,
            uploadId,
            partFirstByte: 0,
            partLastByte: 0,
            layerPartBlob: Buffer.from('x'),
          }),
        ),
      ).rejects.toMatchObject({ name: 'UploadNotFoundException' });
      await pushImage(ecr2, SANDBOX_REPOSITORY, sampleImage('after the crash\n'), { tag: 'after' });
      expect(await readdir(join(stateDir, 'uploads'))).toEqual([]);
      ecr2.destroy();
    } finally {
      await again.stop();
    }
  });
});

describe('reset', () => {
  it('puts a running sandbox back to the workshop state with a new account and new keys', async () => {
    const stateDir = await tempDir();
    const sb = await startSandbox({ stateDir, port: 0 });
    try {
      const oldAccount = sb.accountId;
      const oldKeys = sb.user().credentials;
      const ecr = new ECRClient({
        endpoint: sb.endpoint,
        region: 'us-east-1',
        credentials: oldKeys,
        maxAttempts: 1,
      });
      await ecr.send(
        new SetRepositoryPolicyCommand({
          repositoryName: SANDBOX_REPOSITORY,
          policyText: workshopRepositoryPolicy(oldAccount),
        }),
      );
      await ecr.send(new CreateRepositoryCommand({ repositoryName: 'extra' }));
      await sb.reset();
      expect(sb.accountId).not.toBe(oldAccount);
      await expect(
        ecr.send(new GetRepositoryPolicyCommand({ repositoryName: SANDBOX_REPOSITORY })),
      ).rejects.toMatchObject({
        name: 'UnrecognizedClientException',
      });
      ecr.destroy();
      const fresh = new ECRClient({
        endpoint: sb.endpoint,
        region: 'us-east-1',
        credentials: sb.user().credentials,
        maxAttempts: 1,
      });
      await expect(
        fresh.send(new GetRepositoryPolicyCommand({ repositoryName: SANDBOX_REPOSITORY })),
      ).rejects.toMatchObject({
        name: 'RepositoryPolicyNotFoundException',
      });
      const { DescribeRepositoriesCommand } = await import('@aws-sdk/client-ecr');
      expect(
        (await fresh.send(new DescribeRepositoriesCommand({}))).repositories?.map(
          (r) => r.repositoryName,
        ),
      ).toEqual([SANDBOX_REPOSITORY]);
      const pulled = await pullImage(fresh, SANDBOX_REPOSITORY, { imageTag: 'latest' });
      expect(pulled.blobs.size).toBe(2);
      fresh.destroy();
    } finally {
      await sb.stop();
    }
  });
});

describe('unusable state', () => {
  it('says what is wrong with a damaged state file and how to recover, and releases the lock', async () => {
    const stateDir = await tempDir();
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(stateDir, 'state.json'), '{"version":1,"accounts":');
    await expect(startSandbox({ stateDir, port: 0 })).rejects.toMatchObject({
      message: `the sandbox state file ${join(stateDir, 'state.json')} is not valid JSON`,
      tryMessage: 'run `ecr-tutor sandbox reset` to start again from the workshop state',
    });
    expect(await findRunningSandbox(stateDir)).toBeUndefined();
    const { resetSandboxState } = await import('../../src/sandbox/index.js');
    await resetSandboxState(stateDir);
    const sb = await startSandbox({ stateDir, port: 0 });
    expect(sb.accountId).toMatch(/^\d{12}$/);
    await sb.stop();
  });
});
