/**
 * Progress: one small JSON file per target (the sandbox's account, or an AWS account + region)
 * under tutorPaths().state/progress. Written atomically (a temp file in the same folder, then
 * rename), so a kill at any moment leaves either the old or the new file. A file that cannot be
 * read is reported and moved aside as a backup, never silently replaced.
 *
 * Why not write-file-atomic: it measured ~4.7 ms per save here (ownership and lock
 * bookkeeping we do not need), more than the AWS call a check makes; temp + rename is the same
 * guarantee against a killed process. No fsync: it would only help against power loss, and then
 * a damaged file is still detected and kept aside.
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { readFile, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { StepProgress, TargetInfo } from './types.js';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../private-files.js';

export const PROGRESS_VERSION = 1;

export interface LessonProgress {
  currentIndex: number;
  furthestIndex: number;
  /** values recorded by steps (accountId, ...) */
  vars: Record<string, string>;
  steps: Record<string, StepProgress>;
  /** the identity and region the lab started with (the lock) */
  lockedIdentity?: { arn: string; region: string };
  startedAt: string;
  updatedAt: string;
}

export interface ProgressFile {
  version: number;
  target: { kind: TargetInfo['kind']; accountId?: string; region: string; endpoint?: string };
  /** the learner of a shared account this file belongs to (--learner), when any */
  learner?: string;
  lessons: Record<string, LessonProgress>;
}

/** Marks a learner's own progress file in a shared account: sandbox-ACCT--learner-ana.json. */
const LEARNER_SEP = '--learner-';

/**
 * The file name for a target: sandbox-ACCOUNT, aws-ACCOUNT-REGION, endpoint-ACCOUNT-REGION;
 * a learner of a shared account gets their own file (suffix --learner-NAME).
 */
export function progressKey(t: TargetInfo, learner?: string): string {
  const acct = t.accountId ?? 'unknown-account';
  const safe = (s: string): string => s.replace(/[^A-Za-z0-9_.-]/g, '_');
  const who = learner ? `${LEARNER_SEP}${learner}` : '';
  if (t.kind === 'sandbox') return safe(`sandbox-${acct}${who}`);
  return safe(`${t.kind}-${acct}-${t.region}${who}`);
}

export function progressDir(stateDir: string): string {
  return join(stateDir, 'progress');
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Why a parsed file is not a progress file, or undefined when it is one. */
function shapeProblem(v: unknown): string | undefined {
  if (!isRecord(v)) return 'it is not a JSON object';
  if (v.version !== PROGRESS_VERSION)
    return `it has version ${String(v.version)}, expected ${PROGRESS_VERSION}`;
  if (!isRecord(v.target) || typeof v.target.region !== 'string') return 'its "target" is missing';
  if (!isRecord(v.lessons)) return 'its "lessons" is missing';
  for (const [id, l] of Object.entries(v.lessons)) {
    if (
      !isRecord(l) ||
      typeof l.currentIndex !== 'number' ||
      !isRecord(l.steps) ||
      !isRecord(l.vars)
    ) {
      return `lesson "${id}" is incomplete`;
    }
  }
  return undefined;
}

export function emptyLessonProgress(now = new Date()): LessonProgress {
  return {
    currentIndex: 0,
    furthestIndex: 0,
    vars: {},
    steps: {},
    startedAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
}

/** The progress of one target, loaded once and saved atomically after each change. */
export class ProgressStore {
  private chain: Promise<void> = Promise.resolve();

  private constructor(
    readonly file: string,
    private data: ProgressFile,
    /** messages the learner must see (a corrupt file was set aside, ...) */
    readonly notices: string[],
  ) {}

  /** Opens (or starts) the progress file for `target`; never throws for a bad file. */
  static async open(
    stateDir: string,
    target: TargetInfo,
    now = new Date(),
    opts: { learner?: string } = {},
  ): Promise<ProgressStore> {
    const dir = progressDir(stateDir);
    await ensurePrivateDir(dir);
    const key = progressKey(target, opts.learner);
    const file = join(dir, `${key}.json`);
    const notices: string[] = [];
    // A process killed mid-save leaves its temp file behind: the real file is intact, drop it.
    for (const n of await readdir(dir)) {
      const m = n.startsWith(`${key}.json.`) ? /\.(\d+)\.tmp$/.exec(n) : null;
      if (m && !pidAlive(Number(m[1]))) await rm(join(dir, n), { force: true });
    }
    const fresh: ProgressFile = {
      version: PROGRESS_VERSION,
      target: {
        kind: target.kind,
        accountId: target.accountId,
        region: target.region,
        endpoint: target.endpoint,
      },
      ...(opts.learner ? { learner: opts.learner } : {}),
      lessons: {},
    };
    let text: string | undefined;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    if (text === undefined) return new ProgressStore(file, fresh, notices);
    let problem: string | undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
      problem = shapeProblem(parsed);
    } catch (err) {
      problem = `it is not valid JSON (${(err as Error).message})`;
    }
    if (!problem) return new ProgressStore(file, parsed as ProgressFile, notices);
    const stamp = now.toISOString().replace(/[:.]/g, '-');
    const backup = `${file}.corrupt-${stamp}`;
    await rename(file, backup);
    notices.push(
      `Your saved progress could not be read: ${problem}. It was kept as ${backup} and this lab starts ` +
        `again from its first step (your AWS resources were not touched). Checks will quickly re-pass the steps you had done.`,
    );
    return new ProgressStore(file, fresh, notices);
  }

  get target(): ProgressFile['target'] {
    return this.data.target;
  }

  /** the learner this file belongs to, when any */
  get learner(): string | undefined {
    return this.data.learner;
  }

  lessonIds(): string[] {
    return Object.keys(this.data.lessons);
  }

  has(lessonId: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.data.lessons, lessonId);
  }

  /** The lesson's progress object (created on first use). Mutate it, then call save(). */
  lesson(lessonId: string): LessonProgress {
    let l = this.data.lessons[lessonId];
    if (!l) {
      l = emptyLessonProgress();
      this.data.lessons[lessonId] = l;
    }
    return l;
  }

  /** Forgets one lesson, or every lesson when none is named. */
  reset(lessonId?: string): void {
    if (lessonId) delete this.data.lessons[lessonId];
    else this.data.lessons = {};
  }

  /** Writes the file atomically; saves are serialised so the last state always wins. */
  save(): Promise<void> {
    const text = JSON.stringify(this.data, null, 2) + '\n';
    const tmp = `${this.file}.${process.pid}.tmp`;
    // Synchronous on purpose: two syscalls on a few-KB file cost ~0.1 ms, a quarter of the
    // thread-pool round trips of the async versions (measured in bench/check.bench.ts).
    const write = async (): Promise<void> => {
      try {
        writeFileSync(tmp, text, { mode: PRIVATE_FILE_MODE });
        renameSync(tmp, this.file);
      } catch (err) {
        rmSync(tmp, { force: true });
        throw err;
      }
    };
    const next = this.chain.then(write);
    this.chain = next.catch(() => undefined);
    return next;
  }
}

/** Progress files of other regions of the same AWS account (to warn about a region switch). */
export async function otherRegionsWithProgress(
  stateDir: string,
  target: TargetInfo,
): Promise<string[]> {
  if (target.kind === 'sandbox' || !target.accountId) return [];
  const prefix = `${target.kind}-${target.accountId}-`;
  let names: string[] = [];
  try {
    names = await readdir(progressDir(stateDir));
  } catch {
    return [];
  }
  return names
    .filter((n) => n.startsWith(prefix) && n.endsWith('.json') && !n.includes(LEARNER_SEP))
    .map((n) => n.slice(prefix.length, -'.json'.length))
    .filter((r) => r !== target.region);
}

/**
 * Real AWS only: other accounts this lesson has progress in (another profile was used before).
 * Each with the region and the identity that lab started as, so the learner can tell which
 * profile to switch back to. Sandbox and endpoint account ids change with the server: skipped.
 */
export async function otherAccountsWithProgress(
  stateDir: string,
  target: TargetInfo,
  lessonId: string,
): Promise<Array<{ accountId: string; region: string; arn?: string }>> {
  if (target.kind !== 'aws' || !target.accountId) return [];
  let names: string[] = [];
  try {
    names = await readdir(progressDir(stateDir));
  } catch {
    return [];
  }
  const out: Array<{ accountId: string; region: string; arn?: string }> = [];
  for (const n of names) {
    const m = /^aws-(\d{12})-([a-z0-9-]+)\.json$/.exec(n);
    if (!m || m[1] === target.accountId) continue;
    try {
      const file = JSON.parse(
        await readFile(join(progressDir(stateDir), n), 'utf8'),
      ) as ProgressFile;
      const lp = file.lessons?.[lessonId];
      if (lp) out.push({ accountId: m[1]!, region: m[2]!, arn: lp.lockedIdentity?.arn });
    } catch {
      // unreadable: ProgressStore.open reports it when that lab is opened
    }
  }
  return out;
}
