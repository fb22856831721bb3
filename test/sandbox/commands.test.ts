/** `ecr-tutor sandbox start | env | reset` through their command functions. */
import { ECRClient, PutImageCommand } from '@aws-sdk/client-ecr';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { EventEmitter } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runSandboxEnv, runSandboxReset, runSandboxStart } from '../../src/commands/sandbox.js';
import { memoryIo } from '../../src/io.js';
import { defaultSandboxStateDir, findRunningSandbox } from '../../src/sandbox/index.js';

let home: string;
const saved = process.env.ECR_TUTOR_HOME;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'ecr-tutor-home-'));
  process.env.ECR_TUTOR_HOME = home;
});
afterEach(async () => {
  if (saved === undefined) delete process.env.ECR_TUTOR_HOME;
  else process.env.ECR_TUTOR_HOME = saved;
  await rm(home, { recursive: true, force: true });
});

/** Parses `export NAME='value'` lines. */
function exportsOf(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of text.matchAll(/^export ([A-Z_]+)='([^']*)'$/gm)) out[m[1]!] = m[2]!;
  return out;
}

describe('sandbox commands', () => {
  it('env works before any start, with a note on stderr and the default port', async () => {
    const io = memoryIo();
    expect(await runSandboxEnv(io, {})).toBe(0);
    const env = exportsOf(io.stdout());
    expect(env.AWS_ENDPOINT_URL).toBe('http://127.0.0.1:4510');
    expect(env.AWS_ACCESS_KEY_ID).toMatch(/^AKIA[A-Z2-7]{16}$/);
    expect(env.AWS_SECRET_ACCESS_KEY).toHaveLength(40);
    expect(env.AWS_REGION).toBe(env.AWS_DEFAULT_REGION);
    expect(io.stderr()).toMatch(/no sandbox is running .*`ecr-tutor sandbox start`/);
    const bad = memoryIo();
    expect(await runSandboxEnv(bad, { user: 'nobody' })).toBe(1);
    expect(bad.stderr()).toMatch(
      /^error: there is no sandbox user named nobody\n {2}try: pick one of: workshop-admin, fcj-ecr-ci-cd-user/,
    );
  });

  it('start listens, env points at it and its keys work, a signal stops it cleanly', async () => {
    const signals = new EventEmitter();
    const io = memoryIo();
    const running = runSandboxStart(io, { port: 0, host: '127.0.0.1' }, signals);
    const stateDir = defaultSandboxStateDir();
    let found;
    for (let i = 0; i < 800 && !(found = await findRunningSandbox(stateDir)); i++)
      await new Promise((r) => setTimeout(r, 25));
    expect(io.stdout()).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+\n$/);
    const envIo = memoryIo();
    expect(await runSandboxEnv(envIo, { user: 'fcj-ecr-ci-cd-user' })).toBe(0);
    expect(envIo.stderr()).toBe('');
    const env = exportsOf(envIo.stdout());
    expect(env.AWS_ENDPOINT_URL).toBe(found!.endpoint);
    const sts = new STSClient({
      endpoint: env.AWS_ENDPOINT_URL,
      region: env.AWS_REGION,
      credentials: {
        accessKeyId: env.AWS_ACCESS_KEY_ID!,
        secretAccessKey: env.AWS_SECRET_ACCESS_KEY!,
      },
    });
    expect((await sts.send(new GetCallerIdentityCommand({}))).Arn).toMatch(
      /:user\/fcj-ecr-ci-cd-user$/,
    );
    sts.destroy();
    // each call shows up in the access log on stderr, keys never do
    expect(io.stderr()).toMatch(
      /\d\d:\d\d:\d\d sts:GetCallerIdentity by fcj-ecr-ci-cd-user -> 200\n/,
    );
    const ecr = new ECRClient({
      endpoint: env.AWS_ENDPOINT_URL,
      region: env.AWS_REGION,
      credentials: {
        accessKeyId: env.AWS_ACCESS_KEY_ID!,
        secretAccessKey: env.AWS_SECRET_ACCESS_KEY!,
      },
      maxAttempts: 1,
    });
    await expect(
      ecr.send(new PutImageCommand({ repositoryName: 'fcj-workshop-app', imageManifest: '{}' })),
    ).rejects.toThrow();
    ecr.destroy();
    expect(io.stderr()).toMatch(
      / ecr:PutImage by fcj-ecr-ci-cd-user -> 400 AccessDeniedException\n/,
    );
    expect(io.stderr()).not.toContain(env.AWS_SECRET_ACCESS_KEY!);
    // reset is refused while it runs
    const resetIo = memoryIo();
    expect(await runSandboxReset(resetIo)).toBe(1);
    expect(resetIo.stderr()).toMatch(/a sandbox is running on this state \(process \d+/);
    signals.emit('SIGTERM');
    expect(await running).toBe(0);
    expect(await findRunningSandbox(stateDir)).toBeUndefined();
  });

  it('reset gives a new account and new keys', async () => {
    const before = memoryIo();
    await runSandboxEnv(before, {});
    const io = memoryIo();
    expect(await runSandboxReset(io)).toBe(0);
    expect(io.stdout()).toMatch(/^sandbox reset to the workshop state: new account \d{12}/);
    const after = memoryIo();
    await runSandboxEnv(after, {});
    expect(exportsOf(after.stdout()).AWS_ACCESS_KEY_ID).not.toBe(
      exportsOf(before.stdout()).AWS_ACCESS_KEY_ID,
    );
  });

  it('start refuses a non-loopback address with what to do', async () => {
    const io = memoryIo();
    expect(await runSandboxStart(io, { port: 0, host: '0.0.0.0' }, new EventEmitter())).toBe(1);
    expect(io.stderr()).toMatch(/refusing to listen on 0\.0\.0\.0.*\n {2}try: bind 127\.0\.0\.1/);
  });
});

describe('startSandbox options', () => {
  it('falls back to any free port when asked and the preferred one is taken', async () => {
    const { createServer } = await import('node:net');
    const { startSandbox } = await import('../../src/sandbox/index.js');
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const taken = (blocker.address() as { port: number }).port;
    try {
      await expect(startSandbox({ stateDir: join(home, 'a'), port: taken })).rejects.toThrow(
        `port ${taken} on 127.0.0.1 is already in use`,
      );
      const sb = await startSandbox({
        stateDir: join(home, 'b'),
        port: taken,
        fallbackToAnyPort: true,
      });
      expect(sb.port).not.toBe(taken);
      await sb.stop();
    } finally {
      blocker.close();
    }
  });
});
