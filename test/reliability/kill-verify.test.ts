/**
 * The temporary access key the verify step creates for the CI user (where the tutor does not
 * know the CI user's keys: real AWS, any --endpoint-url) is not left behind when the tutor is
 * killed mid-check: the journal names it, and the next run's `ecr-tutor cleanup --yes` deletes
 * it. The built tutor runs against a sandbox through a small proxy that holds the CI user's
 * first ECR call, so the kill lands while the key is in use, every time, without a sleep.
 */
import { ListAccessKeysCommand } from '@aws-sdk/client-iam';
import { readFile } from 'node:fs/promises';
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { learnerHome, type LearnerHome } from '../helpers/tutor-cli.js';

const CI = 'fcj-ecr-ci-cd-user';

let tsb: TestSandbox;
let proxy: Server;
let proxyUrl: string;
/** resolves when the tutor's first layer check (as the CI user) reaches the proxy */
let held: { promise: Promise<void>; resolve: () => void };
let holding = true;
const parked: IncomingMessage[] = [];

function newHeld() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  held = { promise, resolve };
}

beforeAll(async () => {
  tsb = await startTestSandbox();
  const target = new URL(tsb.sandbox.endpoint);
  proxy = createServer((req, res) => {
    const op = String(req.headers['x-amz-target'] ?? '');
    if (holding && op.endsWith('.BatchCheckLayerAvailability')) {
      parked.push(req); // never answered: the tutor waits here until it is killed
      held.resolve();
      return;
    }
    const up = request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      },
    );
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as { port: number }).port}`;
});
afterAll(async () => {
  for (const r of parked) r.socket.destroy();
  await new Promise((r) => proxy?.close(r));
  await tsb?.cleanup();
});

let l: LearnerHome;
beforeEach(async () => {
  l = await learnerHome();
  holding = true;
  newHeld();
});
afterEach(async () => {
  await l.remove();
});

function adminEnv() {
  const k = tsb.sandbox.user().credentials;
  return {
    AWS_ACCESS_KEY_ID: k.accessKeyId,
    AWS_SECRET_ACCESS_KEY: k.secretAccessKey,
    AWS_REGION: 'us-east-1',
  };
}

async function ciKeys(): Promise<string[]> {
  const r = await tsb.iam().send(new ListAccessKeysCommand({ UserName: CI }));
  return (r.AccessKeyMetadata ?? []).map((k) => k.AccessKeyId!);
}

async function journal(): Promise<Array<{ accessKeyId: string; userName: string }>> {
  try {
    const text = await readFile(join(l.tutorHome, 'data', 'temp-access-keys.json'), 'utf8');
    return (JSON.parse(text) as { keys: Array<{ accessKeyId: string; userName: string }> }).keys;
  } catch {
    return [];
  }
}

describe.each([
  ['SIGKILL', 'killed'],
  ['SIGINT', 'interrupted with Ctrl-C'],
] as const)('the tutor %s during verify', (signal, how) => {
  it(`leaves its temporary key in the journal when ${how}, and the next cleanup removes it`, async () => {
    const before = await ciKeys();
    const child = l.spawn(['check', '--endpoint-url', proxyUrl], adminEnv());
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    await held.promise;
    // The key exists and is journaled while the CI user's call is in flight.
    const during = (await ciKeys()).filter((k) => !before.includes(k));
    expect(during).toHaveLength(1);
    const temp = during[0]!;
    expect(await journal()).toEqual([expect.objectContaining({ accessKeyId: temp, userName: CI })]);
    child.kill(signal);
    await exited;
    // Killed: nothing ran its finally; the key is still in IAM.
    expect(await ciKeys()).toContain(temp);
    // The secret is never written anywhere the tutor keeps files.
    const text = await readFile(join(l.tutorHome, 'data', 'temp-access-keys.json'), 'utf8');
    expect(text).not.toMatch(/SecretAccessKey|secret/i);

    holding = false;
    const dry = await l.run(['cleanup', '--endpoint-url', proxyUrl], adminEnv());
    const short = `${temp.slice(0, 4)}…${temp.slice(-4)}`;
    expect(dry.stdout).toContain(
      `  - delete the temporary access key ${short} of ${CI}, created by a verify step that was interrupted (`,
    );
    expect(dry.stdout).toContain('Nothing was changed. Run again with --yes to do the above.');
    expect(await ciKeys()).toContain(temp);

    const run = await l.run(['cleanup', '--yes', '--endpoint-url', proxyUrl], adminEnv());
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`  done: delete the temporary access key ${short} of ${CI}`);
    expect(run.stdout).toContain('Checked: nothing the lesson made or changed is left.');
    expect(await ciKeys()).toEqual(before);
    expect(await journal()).toEqual([]);

    const again = await l.run(['cleanup', '--endpoint-url', proxyUrl], adminEnv());
    expect(again.stdout).toMatch(/Nothing to clean up/);
  });
});

it('a verify that is not interrupted deletes its key and strikes it off the journal', async () => {
  holding = false;
  const before = await ciKeys();
  const r = await l.run(['check', '--endpoint-url', proxyUrl], adminEnv());
  expect(r.stdout).toMatch(/7\. Push and pull as the CI user: FAIL/);
  expect(await ciKeys()).toEqual(before);
  expect(await journal()).toEqual([]);
});
