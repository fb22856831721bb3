/** Random identifiers in the shapes AWS uses (account ids, access keys, unique ids). */
import { randomBytes, randomInt, randomUUID } from 'node:crypto';

const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const SECRET_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function pick(alphabet: string, n: number): string {
  const bytes = randomBytes(n);
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[bytes[i]! % alphabet.length];
  return s;
}

/** A 12-digit account id that does not start with 0 (easier to read aloud). */
export function newAccountId(): string {
  let s = String(randomInt(1, 10));
  for (let i = 0; i < 11; i++) s += String(randomInt(0, 10));
  return s;
}

/** `AKIA` + 16 characters, like a long-term IAM access key id. */
export function newAccessKeyId(prefix: 'AKIA' | 'ASIA' = 'AKIA'): string {
  return prefix + pick(UPPER_ALNUM, 16);
}

/** A 40-character secret access key. */
export function newSecretAccessKey(): string {
  return pick(SECRET_CHARS, 40);
}

/** IAM unique ids: AIDA (user), AROA (role), ANPA (managed policy). */
export function newUniqueId(prefix: 'AIDA' | 'AROA' | 'ANPA'): string {
  return prefix + pick(UPPER_ALNUM, 17);
}

export function newSessionToken(): string {
  return 'FwoGZXIvYXdzE' + randomBytes(96).toString('base64');
}

export function newRequestId(): string {
  return randomUUID();
}

export function newUploadId(): string {
  return randomUUID();
}
