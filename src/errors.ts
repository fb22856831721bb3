import { sanitizeForTerminal } from './text/sanitize.js';

/** A failure the user can act on: what happened, and one line saying what to try next. */
export class TutorError extends Error {
  constructor(
    message: string,
    readonly tryMessage?: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'TutorError';
  }
}

/** A command-line usage mistake: reported in one line, exit code 2. */
export class UsageError extends TutorError {
  constructor(message: string, tryMessage?: string) {
    super(message, tryMessage, 2);
    this.name = 'UsageError';
  }
}

/** File-system failures the learner can fix, in words: [why, what to try]. */
const FS_WORDS: Record<string, [string, string]> = {
  EROFS: [
    'the file system is read-only',
    'make it writable, or point ECR_TUTOR_HOME at a writable folder',
  ],
  ENOSPC: ['the disk is full', 'free some disk space and run the command again'],
  EDQUOT: ['the disk quota is used up', 'free some disk space and run the command again'],
  EACCES: [
    'permission denied',
    'check who owns that folder, or point ECR_TUTOR_HOME at a folder you own',
  ],
  EPERM: [
    'permission denied',
    'check who owns that folder, or point ECR_TUTOR_HOME at a folder you own',
  ],
};

/**
 * Formats any thrown value for a terminal, without a stack trace for expected failures. The
 * text is sanitised: messages quote file names, AWS answers and lesson text, all from outside.
 */
export function formatError(err: unknown): string {
  return sanitizeForTerminal(describeError(err));
}

function describeError(err: unknown): string {
  if (err instanceof TutorError) {
    return err.tryMessage
      ? `error: ${err.message}\n  try: ${err.tryMessage}`
      : `error: ${err.message}`;
  }
  const fsCode = (err as NodeJS.ErrnoException | undefined)?.code;
  const fsPath = (err as NodeJS.ErrnoException | undefined)?.path;
  if (
    err instanceof Error &&
    fsPath &&
    fsCode === 'ENOENT' &&
    (err as NodeJS.ErrnoException).syscall === 'mkdir'
  ) {
    // Node's recursive mkdir reports a read-only file system as ENOENT.
    return `error: could not create the folder ${fsPath}: a parent folder is missing or read-only\n  try: make it writable, or point ECR_TUTOR_HOME at a writable folder`;
  }
  if (err instanceof Error && fsPath && fsCode && FS_WORDS[fsCode]) {
    // A raw errno line ("EROFS: read-only file system, open ...") says neither why nor what to do.
    const [why, fix] = FS_WORDS[fsCode]!;
    return `error: could not write ${fsPath}: ${why} (${fsCode})\n  try: ${fix}`;
  }
  if (err instanceof Error) return `error: ${err.message}`;
  return `error: ${String(err)}`;
}
