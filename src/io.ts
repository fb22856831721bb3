import { sanitizeForTerminal } from './text/sanitize.js';

/** Where a command writes. Commands take one so tests can capture output without spawning. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
}

export const processIo: Io = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
};

/** Collects output in memory (tests, reports). */
export function memoryIo(): Io & { stdout: () => string; stderr: () => string } {
  let o = '';
  let e = '';
  return {
    out: (t) => void (o += t),
    err: (t) => void (e += t),
    stdout: () => o,
    stderr: () => e,
  };
}

/**
 * The last guard before the terminal: every line a command prints passes the sanitiser, so text
 * from outside (policy files, lesson packs, reports, AWS messages, file names) can carry no
 * escape sequence or control character to the terminal even where a command forgot to clean
 * it. JSON output is escaped where it is made (jsonForTerminal) and passes unchanged.
 */
export function terminalSafeIo(io: Io): Io {
  return {
    out: (text) => io.out(sanitizeForTerminal(text)),
    err: (text) => io.err(sanitizeForTerminal(text)),
  };
}
