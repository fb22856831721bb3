/**
 * Test helper: a sandbox on port 0 with a throw-away state folder, plus SDK client factories
 * signed as any sandbox user. Use `withSandbox(async (sb) => ...)` or `startTestSandbox()` +
 * `cleanup()` in beforeAll/afterAll.
 */
import { ECRClient } from '@aws-sdk/client-ecr';
import { IAMClient } from '@aws-sdk/client-iam';
import { STSClient } from '@aws-sdk/client-sts';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type RunningSandbox, type SandboxCredentials, type SandboxOptions } from '../../src/sandbox/index.js';

export interface ClientOptions {
  /** sandbox IAM user (default: the admin) */
  user?: string;
  /** account of that user (default: searched in both accounts) */
  accountId?: string;
  /** explicit credentials instead of a user's (e.g. from AssumeRole) */
  credentials?: SandboxCredentials;
  /** signing region (default: the sandbox's) */
  region?: string;
}

export interface TestSandbox {
  sandbox: RunningSandbox;
  stateDir: string;
  ecr(opts?: ClientOptions | string): ECRClient;
  sts(opts?: ClientOptions | string): STSClient;
  iam(opts?: ClientOptions | string): IAMClient;
  /** stops the sandbox, destroys the clients and deletes the state folder */
  cleanup(): Promise<void>;
}

function clientConfig(sb: RunningSandbox, o: ClientOptions | string | undefined) {
  const opts: ClientOptions = typeof o === 'string' ? { user: o } : (o ?? {});
  const credentials = opts.credentials ?? sb.user(opts.user, opts.accountId).credentials;
  return {
    endpoint: sb.endpoint,
    region: opts.region ?? sb.region,
    credentials,
    // Fail fast in tests: a denial or validation error is the answer, not a retry reason.
    maxAttempts: 1,
  };
}

/** Starts a sandbox in a fresh temp folder on port 0. */
export async function startTestSandbox(opts: Partial<SandboxOptions> = {}): Promise<TestSandbox> {
  const stateDir = opts.stateDir ?? (await mkdtemp(join(tmpdir(), 'ecr-tutor-sandbox-')));
  const sandbox = await startSandbox({ port: 0, region: 'us-east-1', ...opts, stateDir });
  const clients: Array<{ destroy(): void }> = [];
  const track = <T extends { destroy(): void }>(c: T): T => {
    clients.push(c);
    return c;
  };
  return {
    sandbox,
    stateDir,
    ecr: (o) => track(new ECRClient(clientConfig(sandbox, o))),
    sts: (o) => track(new STSClient(clientConfig(sandbox, o))),
    iam: (o) => track(new IAMClient(clientConfig(sandbox, o))),
    async cleanup() {
      for (const c of clients) c.destroy();
      await sandbox.stop();
      if (!opts.stateDir) await rm(stateDir, { recursive: true, force: true });
    },
  };
}

/** Runs `fn` against a fresh sandbox and always cleans up. */
export async function withSandbox<T>(fn: (sb: TestSandbox) => Promise<T>, opts: Partial<SandboxOptions> = {}): Promise<T> {
  const sb = await startTestSandbox(opts);
  try {
    return await fn(sb);
  } finally {
    await sb.cleanup();
  }
}
