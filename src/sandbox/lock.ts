/**
 * One sandbox per state folder: a lock file records the holder's pid and endpoint. A lock whose
 * process is gone (kill -9, crash) is stale and taken over.
 */
import { open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { TutorError } from '../errors.js';
import { PRIVATE_FILE_MODE } from '../private-files.js';

export interface LockInfo {
  pid: number;
  endpoint?: string;
  startedAt: string;
}

export function lockFile(stateDir: string): string {
  return join(stateDir, 'sandbox.lock');
}

/** True when a process with this pid exists (EPERM means it exists but is not ours). */
export function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function readLock(stateDir: string): Promise<LockInfo | undefined> {
  try {
    const info = JSON.parse(await readFile(lockFile(stateDir), 'utf8')) as LockInfo;
    return typeof info.pid === 'number' ? info : undefined;
  } catch {
    return undefined;
  }
}

/** Locks held by this process (a second sandbox on the same folder in one process is refused too). */
const heldHere = new Set<string>();

/** Takes the lock or throws a TutorError naming the process that holds it. */
export async function acquireLock(stateDir: string): Promise<void> {
  const file = lockFile(stateDir);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fh = await open(file, 'wx', PRIVATE_FILE_MODE);
      try {
        await fh.writeFile(
          JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString() }),
        );
      } finally {
        await fh.close();
      }
      heldHere.add(file);
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const info = await readLock(stateDir);
    if (info && pidAlive(info.pid) && (info.pid !== process.pid || heldHere.has(file))) {
      throw new TutorError(
        `the sandbox state in ${stateDir} is in use by process ${info.pid}` +
          (info.endpoint ? ` (a sandbox listening on ${info.endpoint})` : ''),
        `use that sandbox (\`eval "$(ecr-tutor sandbox env)"\`), or stop it first (kill ${info.pid})`,
      );
    }
    // Stale (its process is gone) or unreadable: remove it and try again.
    await rm(file, { force: true });
  }
  throw new TutorError(
    `could not lock the sandbox state in ${stateDir}`,
    'another sandbox is starting on the same folder; wait a moment and try again',
  );
}

/** Records the endpoint in our lock so `sandbox env` and the tutor can find the server. */
export async function recordEndpoint(stateDir: string, endpoint: string): Promise<void> {
  const info: LockInfo = { pid: process.pid, endpoint, startedAt: new Date().toISOString() };
  await writeFileAtomic(lockFile(stateDir), JSON.stringify(info), { mode: PRIVATE_FILE_MODE });
}

export async function releaseLock(stateDir: string): Promise<void> {
  const file = lockFile(stateDir);
  heldHere.delete(file);
  const info = await readLock(stateDir);
  if (info?.pid === process.pid) await rm(file, { force: true });
}
