/** `ecr-tutor check` when the target cannot be reached: one clear reason and what to try. */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '../../src/commands/check.js';
import { memoryIo } from '../../src/io.js';

const saved = { ...process.env };
let home: string;
let port: number;

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'ecr-tutor-check-err-'));
  process.env.ECR_TUTOR_HOME = home;
  process.env.AWS_ACCESS_KEY_ID = 'AKIAFAKEFAKEFAKEFAKE';
  process.env.AWS_SECRET_ACCESS_KEY = 'fake-secret-fake-secret-fake-secret-0000';
  delete process.env.AWS_PROFILE;
  port = await new Promise<number>((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const p = (srv.address() as { port: number }).port;
      srv.close(() => resolve(p));
    });
  });
});
afterAll(async () => {
  process.env = saved;
  await rm(home, { recursive: true, force: true });
});

describe('ecr-tutor check with nothing listening', () => {
  it('--json reports the reason and the fix, exit 1', async () => {
    const io = memoryIo();
    const code = await runCheck(io, {
      target: { endpointUrl: `http://127.0.0.1:${port}`, region: 'us-east-1' },
      json: true,
    });
    expect(code).toBe(1);
    const out = JSON.parse(io.stdout());
    expect(out).toMatchObject({
      ok: false,
      error: `Could not reach the endpoint http://127.0.0.1:${port} (ECONNREFUSED).`,
    });
    expect(out.fix).toMatch(/ecr-tutor sandbox start/);
  });

  it('text mode throws a TutorError the CLI prints with its fix', async () => {
    await expect(
      runCheck(memoryIo(), { target: { endpointUrl: `http://127.0.0.1:${port}` }, json: false }),
    ).rejects.toMatchObject({
      message: expect.stringMatching(/Could not reach/),
      tryMessage: expect.stringMatching(/sandbox start/),
    });
  });
});
