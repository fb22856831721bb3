/** Choosing the target: the tutor's own sandbox, or the one the learner already runs. */
import { DescribeRepositoriesCommand } from '@aws-sdk/client-ecr';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSession } from '../../src/aws/session.js';
import { defaultSandboxStateDir } from '../../src/sandbox/index.js';
import { startTestSandbox } from '../helpers/sandbox.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function home(): Promise<NodeJS.ProcessEnv> {
  const d = await mkdtemp(join(tmpdir(), 'ecr-tutor-session-'));
  dirs.push(d);
  return { ...process.env, ECR_TUTOR_HOME: d };
}

describe('openSession', () => {
  it('starts its own sandbox when none runs, and stops it on close', async () => {
    const env = await home();
    const s = await openSession({}, { env });
    expect(s.kind).toBe('sandbox');
    const me = await s.whoAmI();
    expect(me.arn).toMatch(/^arn:aws:iam::\d{12}:user\/workshop-admin$/);
    expect(s.cliFlags()).toBe(` --endpoint-url ${s.endpoint} --region us-east-1`);
    const endpoint = s.endpoint!;
    await s.close();
    await expect(fetch(endpoint)).rejects.toThrow();
  });

  it("uses the learner's running sandbox instead of starting another", async () => {
    const env = await home();
    const tsb = await startTestSandbox({ stateDir: defaultSandboxStateDir(env) });
    try {
      const s = await openSession({}, { env });
      expect(s.endpoint).toBe(tsb.sandbox.endpoint);
      expect((await s.whoAmI()).accountId).toBe(tsb.sandbox.accountId);
      expect(s.sandbox?.user('fcj-ecr-ci-cd-user').arn).toBe(
        `arn:aws:iam::${tsb.sandbox.accountId}:user/fcj-ecr-ci-cd-user`,
      );
      await s.close();
      // closing the tutor's session must not stop the learner's sandbox
      expect((await fetch(tsb.sandbox.endpoint)).status).toBeGreaterThan(0);
    } finally {
      await tsb.cleanup();
    }
  });

  it('treats --endpoint-url as an endpoint target and knows the sandbox behind it', async () => {
    const env = await home();
    const tsb = await startTestSandbox({ stateDir: defaultSandboxStateDir(env) });
    try {
      const s = await openSession(
        { endpointUrl: tsb.sandbox.endpoint, region: 'us-east-1' },
        { env, sandboxStateDir: defaultSandboxStateDir(env) },
      );
      expect(s.kind).toBe('endpoint');
      expect(s.sandbox?.accountId).toBe(tsb.sandbox.accountId);
      await s.close();
    } finally {
      await tsb.cleanup();
    }
  });

  it("asked for another region at the learner's sandbox: works in the sandbox's, where its ARNs are", async () => {
    const env = await home();
    const tsb = await startTestSandbox({
      stateDir: defaultSandboxStateDir(env),
      region: 'eu-west-3',
    });
    try {
      const s = await openSession(
        { endpointUrl: tsb.sandbox.endpoint, region: 'ap-southeast-1' },
        { env, sandboxStateDir: defaultSandboxStateDir(env) },
      );
      try {
        expect(s.region).toBe('eu-west-3');
        expect(s.cliFlags()).toContain('--region eu-west-3');
        const repos = await s.clients.ecr.send(new DescribeRepositoriesCommand({}));
        expect(repos.repositories?.[0]?.repositoryArn).toMatch(/^arn:aws:ecr:eu-west-3:/);
      } finally {
        await s.close();
      }
    } finally {
      await tsb.cleanup();
    }
  });
});

describe('the SDK configuration per target', () => {
  it('on AWS: the standard retry mode with three attempts (throttling is real there); sandbox: two', async () => {
    const env: NodeJS.ProcessEnv = {
      ...(await home()),
      AWS_ACCESS_KEY_ID: 'AKIAEXAMPLEEXAMPLE00',
      AWS_SECRET_ACCESS_KEY: 'x',
    };
    delete env.AWS_ENDPOINT_URL;
    const aws = await openSession({ aws: true, region: 'eu-west-1' }, { env });
    try {
      expect(aws.place).toBe('aws');
      for (const c of [aws.clients.ecr, aws.clients.iam, aws.clients.sts]) {
        expect(await c.config.retryStrategy()).toMatchObject({ mode: 'standard' });
        expect(await c.config.maxAttempts()).toBe(3);
      }
    } finally {
      await aws.close();
    }
    const sb = await openSession({}, { env: await home() });
    try {
      expect(sb.place).toBe('tutor-sandbox');
      expect(await sb.clients.ecr.config.maxAttempts()).toBe(2);
      expect(await sb.clients.ecr.config.retryStrategy()).toMatchObject({ mode: 'standard' });
    } finally {
      await sb.close();
    }
  });

  it('AWS_ENDPOINT_URL (as `sandbox env` exports it) makes --aws an endpoint target, named as such', async () => {
    const env = await home();
    const tsb = await startTestSandbox();
    try {
      const k = tsb.sandbox.user().credentials;
      const s = await openSession(
        { aws: true },
        {
          env: {
            ...env,
            AWS_ENDPOINT_URL: tsb.sandbox.endpoint,
            AWS_ACCESS_KEY_ID: k.accessKeyId,
            AWS_SECRET_ACCESS_KEY: k.secretAccessKey,
            AWS_REGION: 'us-east-1',
          },
        },
      );
      try {
        expect(s.kind).toBe('endpoint');
        expect(s.endpoint).toBe(tsb.sandbox.endpoint);
        expect(s.adviceContext()).toMatchObject({
          place: 'endpoint',
          endpoint: tsb.sandbox.endpoint,
        });
      } finally {
        await s.close();
      }
    } finally {
      await tsb.cleanup();
    }
  });
});
