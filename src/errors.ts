import { sanitizeForTerminal } from './text/sanitize.js';
import { t, type MessageKey } from './i18n/index.js';

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

/** File-system failures the learner can fix, in words: [why, what to try] (message keys). */
const FS_WORDS: Record<string, [MessageKey, MessageKey]> = {
  EROFS: ['fs.readOnly', 'fs.readOnlyTry'],
  ENOSPC: ['fs.diskFull', 'fs.diskFullTry'],
  EDQUOT: ['fs.quota', 'fs.diskFullTry'],
  EACCES: ['fs.denied', 'fs.deniedTry'],
  EPERM: ['fs.denied', 'fs.deniedTry'],
};

/** "error: MESSAGE" and, when there is one, "  try: WHAT TO DO", in the learner's language. */
function errorLines(message: string, tryMessage?: string): string {
  return tryMessage
    ? `${t('error.label', { message })}\n${t('error.try', { tryMessage })}`
    : t('error.label', { message });
}

/**
 * Formats any thrown value for a terminal, without a stack trace for expected failures. The
 * text is sanitised: messages quote file names, AWS answers and lesson text, all from outside.
 */
export function formatError(err: unknown): string {
  return sanitizeForTerminal(describeError(err));
}

function describeError(err: unknown): string {
  if (err instanceof TutorError) {
    return errorLines(err.message, err.tryMessage);
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
    return errorLines(t('fs.mkdir', { path: fsPath }), t('fs.readOnlyTry'));
  }
  if (err instanceof Error && fsPath && fsCode && FS_WORDS[fsCode]) {
    // A raw errno line ("EROFS: read-only file system, open ...") says neither why nor what to do.
    const [why, fix] = FS_WORDS[fsCode]!;
    return errorLines(t('fs.write', { path: fsPath, why: t(why), code: fsCode }), t(fix));
  }
  if (err instanceof Error) return errorLines(err.message);
  return errorLines(String(err));
}
