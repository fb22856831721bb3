/**
 * Disk full and read-only state: a real tiny tmpfs in a private mount namespace (`unshare -rm`,
 * no real root needed). A full disk gives the client a clear AWS-shaped error naming the cause,
 * the sandbox keeps serving and state.json stays whole; a read-only home makes `sandbox start`
 * and `status` exit 1 at once with what happened and what to try (no stack, no retry loop).
 * Skipped, saying why, where the kernel refuses unprivileged mount namespaces.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const SCRIPT = fileURLToPath(new URL('./fixtures/disk-scenarios.ts', import.meta.url));

function namespacesWork(): boolean {
  try {
    execFileSync(
      'unshare',
      [
        '-rm',
        'sh',
        '-c',
        'd=$(mktemp -d) && mount -t tmpfs -o size=1m tmpfs "$d" && umount "$d"; rmdir "$d"',
      ],
      { stdio: 'ignore' },
    );
    return true;
  } catch {
    return false;
  }
}
const CAN = namespacesWork();
if (!CAN)
  console.warn(
    'disk.test.ts skipped: `unshare -rm` with a tmpfs mount is not allowed on this machine',
  );

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

interface Observed {
  bigPush: { name: string; message: string; status?: number; ok?: boolean };
  createOnFull: { name: string; message: string; status?: number; ok?: boolean };
  readsOnFull: string[];
  stateJsonValid: boolean;
  fullLogs: string[];
  readOnlyStart: { code: unknown; stderr: string; ms: number };
  readOnlyStatus: { code: unknown; stderr: string };
}

async function runScenarios(): Promise<Observed> {
  const dir = await mkdtemp(join(tmpdir(), 'ecr-tutor-disk-'));
  dirs.push(dir);
  const mnt = join(dir, 'mnt');
  const child = spawn('unshare', ['-rm', process.execPath, '--import', 'tsx', SCRIPT, mnt], {
    env: {
      ...process.env,
      ECR_TUTOR_HOME: join(mnt, 'home'),
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const code = await new Promise<number | null>((r) => child.on('exit', r));
  const line = out.split('\n').find((l) => l.startsWith('{'));
  if (code !== 0 || !line) throw new Error(`scenario script failed (${code}): ${out}\n${err}`);
  return JSON.parse(line) as Observed;
}

describe.skipIf(!CAN)('disk full and read-only state', () => {
  let seen: Observed;

  it('answers a push that fills the disk with a clear AWS error and keeps serving', async () => {
    seen = await runScenarios();
    for (const r of [seen.bigPush, seen.createOnFull]) {
      expect(r.ok).toBeUndefined();
      expect(r.status).toBe(500);
      expect(r.name).toBe('ServerException');
      expect(r.message).toMatch(
        /could not save its state in .*: the disk is full \(ENOSPC\); free some space/,
      );
      expect(r.message).not.toMatch(/\bat .*\.(ts|js):\d+/);
    }
    expect(seen.readsOnFull).toContain('fcj-workshop-app');
    // The client was told the change failed, so it must not linger in memory either.
    expect(seen.readsOnFull).not.toContain('made-on-full-disk');
    expect(seen.stateJsonValid).toBe(true);
    expect(seen.fullLogs.every((l) => /ENOSPC/.test(l) && !/internal error/.test(l))).toBe(true);
  }, 120_000);

  it('refuses to start on a read-only home with what happened and what to try, at once', () => {
    expect(seen.readOnlyStart.code).toBe(1);
    expect(seen.readOnlyStart.stderr).toMatch(
      /^error: could not write .*sandbox(\.lock)?: the file system is read-only \(EROFS\)\n {2}try: .*ECR_TUTOR_HOME/,
    );
    expect(seen.readOnlyStatus.code).toBe(1);
    expect(seen.readOnlyStatus.stderr).toMatch(/read-only/);
    expect(seen.readOnlyStatus.stderr).toMatch(/try: /);
  });
});
