/**
 * Sentences a person reads, fitted to their terminal: each line wrapped at spaces to the
 * terminal's width, continuation lines indented two more than their line (fitLines of
 * src/plain/format.ts, which counts terminal cells: Vietnamese letters, combining marks and wide
 * characters included). Without this the terminal's own hard wrap cuts a word in two ("bài họ|c").
 * Only where the stream IS a terminal: pipes, files, scripts and tests get the lines unchanged.
 * Never for what a program reads (export lines, JSON, Markdown, CSV, JUnit) or a prompt.
 */
import type { Io } from '../io.js';
import { fitLines } from '../plain/format.js';
import { textWidth } from '../text/width.js';

interface Stream {
  isTTY?: boolean;
  columns?: number;
}

/** The width to fit lines to on `stream`: its columns when it is a terminal, else no limit. */
export function columnsOf(stream: Stream): number {
  return stream.isTTY === true && (stream.columns ?? 0) > 0 ? stream.columns! : Infinity;
}

/** Lines that fit stay exactly as they are (aligned columns keep their spaces); longer ones wrap. */
function fit(text: string, width: number, keep: (line: string) => boolean): string {
  if (!Number.isFinite(width)) return text;
  return text
    .split('\n')
    .map((line) => (textWidth(line) > width && !keep(line) ? fitLines(line, width) : line))
    .join('\n');
}

/** `io` with every line fitted to the terminal it goes to. */
export function humanIo(
  io: Io,
  o: {
    streams?: { out: Stream; err: Stream };
    /** lines to leave whole however long (a Markdown table row must stay one line) */
    keep?: (line: string) => boolean;
  } = {},
): Io {
  const streams = o.streams ?? { out: process.stdout, err: process.stderr };
  const keep = o.keep ?? (() => false);
  return {
    out: (text) => io.out(fit(text, columnsOf(streams.out), keep)),
    err: (text) => io.err(fit(text, columnsOf(streams.err), keep)),
  };
}
