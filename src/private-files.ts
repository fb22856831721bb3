/**
 * Owner-only modes for everything under ECR_TUTOR_HOME (progress, caches, sandbox state, keys,
 * backups): folders 0700, files 0600, whatever the umask. Other users of the machine see none
 * of it (the sandbox's keys, the learner's account id and policies).
 */
import { chmod, mkdir } from 'node:fs/promises';
import { mkdirSync, chmodSync } from 'node:fs';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates `dir` (and missing parents) owner-only; an existing folder is made owner-only. */
export async function ensurePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  await chmod(dir, PRIVATE_DIR_MODE);
}

/** ensurePrivateDir, synchronously. */
export function ensurePrivateDirSync(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  chmodSync(dir, PRIVATE_DIR_MODE);
}
