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

/** Formats any thrown value for a terminal, without a stack trace for expected failures. */
export function formatError(err: unknown): string {
  if (err instanceof TutorError) {
    return err.tryMessage
      ? `error: ${err.message}\n  try: ${err.tryMessage}`
      : `error: ${err.message}`;
  }
  if (err instanceof Error) return `error: ${err.message}`;
  return `error: ${String(err)}`;
}
