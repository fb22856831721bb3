/**
 * The journal of temporary access keys the verify step creates for the CI user (on real AWS, or
 * any target whose CI keys the tutor does not know). A key is written here right after AWS
 * returns it and struck off once it is deleted, so a run that was interrupted (Ctrl-C, kill, a
 * crash, a closed laptop) leaves a record: the next verify and `ecr-tutor cleanup` find the key
 * and delete it. Only the key id is kept, never the secret. One small JSON file under the
 * tutor's data folder (ECR_TUTOR_HOME), replaced atomically.
 */
import { DeleteAccessKeyCommand, ListAccessKeysCommand } from '@aws-sdk/client-iam';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { AwsSession } from '../aws/session.js';

export interface TempKeyEntry {
  accessKeyId: string;
  userName: string;
  accountId: string;
  region: string;
  /** set when the target was an --endpoint-url: the same account id may exist on many */
  endpoint?: string;
  /** ISO time the key was created */
  createdAt: string;
  /** the tutor process that created it (a live one may still be using it) */
  pid: number;
}

interface Journal {
  version: 1;
  keys: TempKeyEntry[];
}

/** Which target a journal entry belongs to: the account, and the endpoint unless it is AWS. */
export function journalTarget(
  session: Pick<AwsSession, 'kind' | 'endpoint' | 'region'>,
  accountId: string,
): { accountId: string; region: string; endpoint?: string } {
  return {
    accountId,
    region: session.region,
    ...(session.kind !== 'aws' && session.endpoint ? { endpoint: session.endpoint } : {}),
  };
}

/** The journal file inside the tutor's data folder. */
export function tempKeyJournalPath(dataDir: string): string {
  return join(dataDir, 'temp-access-keys.json');
}

async function readJournal(dataDir: string): Promise<Journal> {
  let text: string;
  try {
    text = await readFile(tempKeyJournalPath(dataDir), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, keys: [] };
    throw err;
  }
  try {
    const j = JSON.parse(text) as Partial<Journal>;
    const keys = Array.isArray(j.keys)
      ? j.keys.filter(
          (k): k is TempKeyEntry =>
            !!k &&
            typeof k.accessKeyId === 'string' &&
            typeof k.userName === 'string' &&
            typeof k.accountId === 'string',
        )
      : [];
    return { version: 1, keys };
  } catch {
    // A damaged journal must not stop a check; what it named is still findable by `cleanup`
    // on a tutor-created user (tagged), and a fresh journal starts here.
    return { version: 1, keys: [] };
  }
}

// One writer at a time inside this process (a check and a cleanup may overlap in tests).
let queue: Promise<unknown> = Promise.resolve();

async function update(dataDir: string, change: (keys: TempKeyEntry[]) => TempKeyEntry[]) {
  const next = queue.then(async () => {
    const j = await readJournal(dataDir);
    const keys = change(j.keys);
    await writeFileAtomic(
      tempKeyJournalPath(dataDir),
      `${JSON.stringify({ version: 1, keys }, null, 2)}\n`,
      { mode: 0o600 },
    );
  });
  queue = next.catch(() => undefined);
  return next;
}

/** Records a key just created (before anything else can go wrong with it). */
export async function recordTempKey(dataDir: string, entry: TempKeyEntry): Promise<void> {
  const { mkdir } = await import('node:fs/promises');
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  await update(dataDir, (keys) => [
    ...keys.filter((k) => k.accessKeyId !== entry.accessKeyId),
    entry,
  ]);
}

/** Strikes a key off once it is deleted (or found gone). */
export async function forgetTempKey(dataDir: string, accessKeyId: string): Promise<void> {
  await update(dataDir, (keys) => keys.filter((k) => k.accessKeyId !== accessKeyId));
}

/** The journal's keys for one target (account, and endpoint when there is one). */
export async function tempKeysFor(
  dataDir: string,
  where: { accountId: string; endpoint?: string },
): Promise<TempKeyEntry[]> {
  const j = await readJournal(dataDir);
  return j.keys.filter(
    (k) => k.accountId === where.accountId && (k.endpoint ?? '') === (where.endpoint ?? ''),
  );
}

/** True while the process that created the key still runs (then it may be using the key). */
export function creatorIsRunning(entry: TempKeyEntry): boolean {
  if (entry.pid === process.pid) return true;
  try {
    process.kill(entry.pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function notFound(err: unknown): boolean {
  const n = (err as { name?: string } | undefined)?.name;
  return n === 'NoSuchEntityException' || n === 'NoSuchEntity';
}

/** Whether the key still exists on the target (ListAccessKeys of its user). */
export async function tempKeyExists(session: AwsSession, entry: TempKeyEntry): Promise<boolean> {
  try {
    const r = await session.clients.iam.send(
      new ListAccessKeysCommand({ UserName: entry.userName }),
    );
    return (r.AccessKeyMetadata ?? []).some((k) => k.AccessKeyId === entry.accessKeyId);
  } catch (err) {
    if (notFound(err)) return false;
    throw err;
  }
}

/** Deletes the key (gone already is fine) and strikes it off the journal. */
export async function deleteTempKey(
  session: AwsSession,
  dataDir: string,
  entry: Pick<TempKeyEntry, 'accessKeyId' | 'userName'>,
): Promise<void> {
  try {
    await session.clients.iam.send(
      new DeleteAccessKeyCommand({ UserName: entry.userName, AccessKeyId: entry.accessKeyId }),
    );
  } catch (err) {
    if (!notFound(err)) throw err;
  }
  await forgetTempKey(dataDir, entry.accessKeyId);
}

/** "AKIA…WXYZ": enough to recognise a key in the IAM console, not the whole id. */
export function shortKeyId(id: string): string {
  return `${id.slice(0, 4)}…${id.slice(-4)}`;
}

/**
 * Before a verify creates a new key: deletes the keys earlier runs left on this target (their
 * process is gone). Best effort: a failure here is for `cleanup` to report, not the check.
 */
export async function sweepLeftoverTempKeys(
  session: AwsSession,
  dataDir: string,
  where: { accountId: string; endpoint?: string },
): Promise<string[]> {
  const removed: string[] = [];
  let keys: TempKeyEntry[];
  try {
    keys = await tempKeysFor(dataDir, where);
  } catch {
    return removed;
  }
  for (const k of keys) {
    if (creatorIsRunning(k)) continue;
    try {
      await deleteTempKey(session, dataDir, k);
      removed.push(k.accessKeyId);
    } catch {
      // left for `ecr-tutor cleanup`, which says why
    }
  }
  return removed;
}
