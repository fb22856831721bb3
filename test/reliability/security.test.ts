/**
 * Security: secrets never leak (a whole lesson run plus the CLI, with every file the tutor writes
 * under ECR_TUTOR_HOME and every line of output searched for every secret the sandbox ever held),
 * the sandbox's own state file is owner-only, non-loopback binding is refused unless asked for
 * (and then warned about), request sizes are capped, and no repository name, tag, digest, upload
 * id or download URL reaches outside the state folder.
 */
import { CreateRepositoryCommand } from '@aws-sdk/client-ecr';
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionForSandbox } from '../../src/aws/session.js';
import { main } from '../../src/cli.js';
import { formatError, TutorError } from '../../src/errors.js';
import { openLesson } from '../../src/app/index.js';
import { memoryIo } from '../../src/io.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { awsShapeProblem, ECR_PREFIX, listFiles, send, signedHeaders } from './wire.js';

const dirs: string[] = [];
const saved = { home: process.env.ECR_TUTOR_HOME };
afterAll(async () => {
  if (saved.home === undefined) delete process.env.ECR_TUTOR_HOME;
  else process.env.ECR_TUTOR_HOME = saved.home;
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});
async function tempDir(prefix: string): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
}

/** Every secret in a sandbox state file: secret keys, session tokens, the URL signing key. */
async function secretsIn(stateFile: string, into: Set<string>): Promise<void> {
  const state = JSON.parse(await readFile(stateFile, 'utf8')) as {
    accessKeys: Record<string, { secretAccessKey: string }>;
    sessions: Record<string, { secretAccessKey: string; sessionToken: string }>;
    urlSigningKey: string;
  };
  for (const k of Object.values(state.accessKeys)) into.add(k.secretAccessKey);
  for (const s of Object.values(state.sessions ?? {})) {
    into.add(s.secretAccessKey);
    into.add(s.sessionToken);
  }
  into.add(state.urlSigningKey);
}

describe('secrets never leak across a whole lesson run', () => {
  let home: string;
  let cwd: string;
  const secrets = new Set<string>();
  /** everything the tutor said or logged: results, CLI output, sandbox log */
  const said: string[] = [];
  let stateFile: string;

  beforeAll(async () => {
    home = await tempDir('ecr-tutor-sec-home-');
    cwd = await tempDir('ecr-tutor-sec-cwd-');
    process.env.ECR_TUTOR_HOME = home;
    stateFile = join(home, 'data', 'sandbox', 'state.json');
  });

  it("runs every step (check, solve, check) with the tutor's own sandbox", async () => {
    const engine = await openLesson({
      target: {},
      cwd,
      env: { ...process.env, ECR_TUTOR_HOME: home },
      log: (l) => said.push(l),
    });
    try {
      const n = engine.snapshot().steps.length;
      for (let i = 0; i < n; i++) {
        said.push(JSON.stringify(await engine.check()));
        said.push(JSON.stringify(await engine.skip()));
        await secretsIn(stateFile, secrets);
        said.push(JSON.stringify(engine.snapshot()));
        engine.next();
      }
      expect(
        engine
          .snapshot()
          .steps.every((s) => s.progress.status === 'passed' || s.progress.status === 'skipped'),
      ).toBe(true);
    } finally {
      await engine.close();
    }
    expect(secrets.size).toBeGreaterThanOrEqual(4);
  }, 120_000);

  it('runs the CLI commands a learner uses (status, check, lessons list, policy lint), JSON and text', async () => {
    for (const argv of [
      ['status'],
      ['status', '--json'],
      ['check'],
      ['check', '--json'],
      ['lessons', 'list'],
      ['policy', 'lint', join(cwd, 'fcj-workshop-app-policy.json')],
    ]) {
      const io = memoryIo();
      await main(argv, io);
      said.push(io.stdout(), io.stderr());
    }
    await secretsIn(stateFile, secrets);
  }, 120_000);

  it('finds no secret in any output, log, result or file the tutor wrote (its own key store aside)', async () => {
    const leaks: string[] = [];
    const allOutput = said.join('\n');
    for (const s of secrets)
      if (allOutput.includes(s)) leaks.push(`output contains ${s.slice(0, 4)}…`);
    const files = [
      ...(await listFiles(home)).map((f) => join(home, f)),
      ...(await listFiles(cwd)).map((f) => join(cwd, f)),
    ];
    expect(files.length).toBeGreaterThan(3);
    for (const f of files) {
      if (f === stateFile) continue;
      const text = (await readFile(f)).toString('latin1');
      for (const s of secrets) if (text.includes(s)) leaks.push(`${f} contains ${s.slice(0, 4)}…`);
    }
    expect(leaks).toEqual([]);
  });

  it('keeps every folder under ECR_TUTOR_HOME 0700 and every file 0600 (progress, cache, sandbox state)', async () => {
    const wrong: string[] = [];
    const kinds = new Set<string>();
    async function walk(d: string): Promise<void> {
      for (const e of await readdir(d, { withFileTypes: true })) {
        const p = join(d, e.name);
        const mode = (await stat(p)).mode & 0o777;
        const want = e.isDirectory() ? 0o700 : 0o600;
        if (mode !== want) wrong.push(`${p.slice(home.length)} ${mode.toString(8)}`);
        kinds.add(p.slice(home.length).split('/')[1]!);
        if (e.isDirectory()) await walk(p);
      }
    }
    await walk(home);
    expect(wrong).toEqual([]);
    // the lesson run wrote progress (state), the sandbox (data) and the lesson cache
    expect([...kinds].sort()).toEqual(expect.arrayContaining(['data', 'state']));
  });

  it('keeps the sandbox key store owner-only, and only `sandbox env` prints a secret', async () => {
    expect((await stat(stateFile)).mode & 0o077).toBe(0);
    const io = memoryIo();
    expect(await main(['sandbox', 'env'], io)).toBe(0);
    // The search above can find a secret: here one is, on purpose.
    expect([...secrets].some((s) => io.stdout().includes(s))).toBe(true);
  });
});

describe('binding', () => {
  it('refuses a non-loopback address unless asked explicitly, and warns when asked', async () => {
    const stateDir = await tempDir('ecr-tutor-sec-bind-');
    await expect(startSandbox({ stateDir, host: '0.0.0.0', port: 0 })).rejects.toThrow(
      /refusing to listen on 0\.0\.0\.0/,
    );
    const log: string[] = [];
    const sb = await startSandbox({
      stateDir,
      host: '0.0.0.0',
      port: 0,
      allowNonLoopback: true,
      log: (l) => log.push(l),
    });
    try {
      expect(log.join('\n')).toMatch(/warning: listening on 0\.0\.0\.0, not loopback/);
    } finally {
      await sb.stop();
    }
    const quiet: string[] = [];
    const local = await startSandbox({ stateDir, port: 0, log: (l) => quiet.push(l) });
    await local.stop();
    expect(quiet.join('\n')).not.toMatch(/warning/);
  });

  it('the CLI refuses --host 0.0.0.0 with what to do', async () => {
    process.env.ECR_TUTOR_HOME = await tempDir('ecr-tutor-sec-cli-');
    const io = memoryIo();
    expect(await main(['sandbox', 'start', '--host', '0.0.0.0', '--port', '0'], io)).toBe(1);
    expect(io.stderr()).toMatch(/refusing to listen on 0\.0\.0\.0[^\n]*\n {2}try: /);
  });
});

describe('size caps and path traversal', () => {
  let sb: TestSandbox;
  let parent: string;
  beforeAll(async () => {
    parent = await tempDir('ecr-tutor-sec-trav-');
    sb = await startTestSandbox({ stateDir: join(parent, 'state') });
  });
  afterAll(async () => {
    await sb.cleanup();
  });

  const ecrCall = async (op: string, body: unknown): Promise<{ status: number; body: string }> => {
    const text = JSON.stringify(body);
    const h = await signedHeaders(sb.sandbox.endpoint, sb.sandbox.user().credentials, 'ecr', text, {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': ECR_PREFIX + op,
    });
    const a = await send(sb.sandbox.endpoint, { headers: h, body: text });
    expect(awsShapeProblem(a, 'json')).toBeUndefined();
    return a;
  };

  it('caps request bodies (1 MiB for STS/IAM, 30 MiB for ECR) and headers, answering AWS-shaped', async () => {
    const q = Buffer.alloc(1024 * 1024 + 1, 0x61);
    const h = await signedHeaders(sb.sandbox.endpoint, sb.sandbox.user().credentials, 'iam', q, {
      'content-type': 'application/x-www-form-urlencoded',
    });
    const a = await send(sb.sandbox.endpoint, { headers: h, body: q });
    expect(a.status).toBe(413);
    expect(a.body).toContain('<Code>RequestEntityTooLarge</Code>');
    const signedPart = await signedHeaders(
      sb.sandbox.endpoint,
      sb.sandbox.user().credentials,
      'ecr',
      '{',
      { 'x-amz-target': ECR_PREFIX + 'UploadLayerPart' },
    );
    const j = await send(sb.sandbox.endpoint, {
      headers: { ...signedPart, 'content-length': String(31 * 1024 * 1024) },
      body: '{',
    }).catch(() => undefined);
    if (j) expect(j.status).toBe(413);
    const big = await send(sb.sandbox.endpoint, {
      headers: { 'x-big': 'x'.repeat(64 * 1024) },
      body: '',
    }).catch((e: unknown) => e as Error);
    if (!(big instanceof Error)) expect(big.status).toBeGreaterThanOrEqual(400);
  });

  it('rejects traversal in repository names, tags, digests and upload ids, and forged download URLs', async () => {
    const evil = [
      '../../../etc',
      '..',
      'a/../../b',
      '%2e%2e/x',
      'a\\..\\b',
      '/abs',
      'fcj-workshop-app/../../x',
    ];
    for (const name of evil) {
      const r = await ecrCall('CreateRepository', { repositoryName: name });
      expect(r.status, name).toBe(400);
    }
    for (const digest of [
      'sha256:../../state.json',
      'sha256:' + '../'.repeat(21) + 'x',
      'sha256:/etc/passwd',
      '../blobs/sha256/x',
      'sha512:' + 'a'.repeat(128),
    ]) {
      const g = await ecrCall('GetDownloadUrlForLayer', {
        repositoryName: 'fcj-workshop-app',
        layerDigest: digest,
      });
      expect(g.status, digest).toBe(400);
      const c = await ecrCall('BatchCheckLayerAvailability', {
        repositoryName: 'fcj-workshop-app',
        layerDigests: [digest],
      });
      expect(c.status === 400 || JSON.parse(c.body).failures?.length === 1, digest).toBe(true);
    }
    const { uploadId } = JSON.parse(
      (await ecrCall('InitiateLayerUpload', { repositoryName: 'fcj-workshop-app' })).body,
    ) as { uploadId: string };
    const part = await ecrCall('UploadLayerPart', {
      repositoryName: 'fcj-workshop-app',
      uploadId: '../../state.json',
      partFirstByte: 0,
      partLastByte: 0,
      layerPartBlob: 'YQ==',
    });
    expect(part.status).toBe(400);
    const complete = await ecrCall('CompleteLayerUpload', {
      repositoryName: 'fcj-workshop-app',
      uploadId,
      layerDigests: ['sha256:../../../evil'],
    });
    expect(complete.status).toBe(400);
    for (const tag of ['../x', '..', 'a/b', '\u0000']) {
      const p = await ecrCall('PutImage', {
        repositoryName: 'fcj-workshop-app',
        imageManifest: '{}',
        imageTag: tag,
      });
      expect(p.status, tag).toBe(400);
    }
    for (const path of [
      '/_sandbox/layers/../../state.json',
      '/_sandbox/layers/..%2F..%2Fstate.json',
      '/_sandbox/layers/eyJkIjoiLi4vLi4vc3RhdGUuanNvbiJ9.x',
    ]) {
      const d = await send(sb.sandbox.endpoint, { method: 'GET', path });
      expect(d.status, path).toBeGreaterThanOrEqual(400);
      expect(d.body, path).not.toContain('accessKeys');
    }
    // A valid repository name with slashes stays a name inside state.json, never a folder.
    await sb.ecr().send(new CreateRepositoryCommand({ repositoryName: 'team/app/service' }));
    expect(await readdir(parent)).toEqual(['state']);
    const files = await listFiles(join(parent, 'state'));
    const allowed =
      /^(state\.json|sandbox\.lock|blobs\/sha256\/[0-9a-f]{64}|uploads\/[0-9a-f-]{36})$/;
    expect(files.filter((f) => !allowed.test(f))).toEqual([]);
  });

  it('a forged or expired download URL serves nothing', async () => {
    const forged = Buffer.from(
      JSON.stringify({
        a: sb.sandbox.accountId,
        r: 'fcj-workshop-app',
        d: 'sha256:' + '0'.repeat(64),
        e: 9_999_999_999,
      }),
    ).toString('base64url');
    const d = await send(sb.sandbox.endpoint, {
      method: 'GET',
      path: `/_sandbox/layers/${forged}.AAAA`,
    });
    expect(d.status).toBe(403);
    expect(awsShapeProblem(d, 'download')).toBeUndefined();
  });
});

describe('secrets in failure messages', () => {
  it('a wrong secret key, an unknown key and a bad session token never echo a secret back', async () => {
    const tsb = await startTestSandbox();
    try {
      const sb = tsb.sandbox;
      const right = sb.user().credentials;
      const wrongSecret = right.secretAccessKey.replace(/^./, (c) => (c === 'Z' ? 'Y' : 'Z'));
      const token = 'FQoGZXIvYXdzEXAMPLETOKENVALUEFORTESTS1234567890';
      const said: string[] = [];
      for (const credentials of [
        { accessKeyId: right.accessKeyId, secretAccessKey: wrongSecret },
        { accessKeyId: 'AKIAUNKNOWNUNKNOWN00', secretAccessKey: right.secretAccessKey },
        {
          accessKeyId: right.accessKeyId,
          secretAccessKey: right.secretAccessKey,
          sessionToken: token,
        },
      ]) {
        const session = sessionForSandbox({
          endpoint: sb.endpoint,
          region: sb.region,
          accountId: sb.accountId,
          secondAccountId: sb.secondAccountId,
          user: () => ({ ...sb.user(), credentials }),
        });
        const home = await tempDir('ecr-tutor-sec-err-');
        const err = await openLesson({
          target: {},
          session,
          cwd: home,
          env: { ...process.env, ECR_TUTOR_HOME: home },
        }).then(
          async (e) => {
            await e.close();
            return undefined;
          },
          (e: unknown) => e as TutorError,
        );
        await session.close();
        expect(err).toBeInstanceOf(TutorError);
        said.push(err!.message, err!.tryMessage ?? '', formatError(err));
        for (const f of await listFiles(home)) said.push(await readFile(join(home, f), 'latin1'));
      }
      const text = said.join('\n');
      expect(text).toMatch(/signature|access key/i);
      for (const secret of [right.secretAccessKey, wrongSecret, token])
        expect(text.includes(secret)).toBe(false);
    } finally {
      await tsb.cleanup();
    }
  });
});
