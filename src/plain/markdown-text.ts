/**
 * Markdown to plain lines for the line-by-line front-end (screen readers, dumb terminals, piped
 * output): the same layout as the TUI (src/text/markdown.ts), printed as text: no Markdown
 * marks and no escape codes, wrapped once to the terminal's width (not at all when piped, so
 * that whatever reads the output wraps it), commands on their own lines, ASCII-only marks
 * under TERM=dumb.
 */
import { layoutHint, layoutMarkdown } from '../text/markdown.js';
import { toAscii } from '../text/width.js';
import { lineText } from '../text/wrap.js';

export interface PlainTextOptions {
  /** cells per line (default: no wrapping) */
  width?: number;
  ascii?: boolean;
  /** the title printed just before (not repeated) */
  skipHeading?: string;
}

/** Renders Markdown as plain text lines, one blank line between blocks. */
export function markdownToText(source: string, o: PlainTextOptions = {}): string {
  const { lines } = layoutMarkdown(source, {
    width: o.width ?? Infinity,
    ascii: o.ascii,
    skipHeading: o.skipHeading,
  });
  const text = lines.map((l) => lineText(l).trimEnd()).join('\n');
  return o.ascii ? toAscii(text) : text;
}

/** A hint after its label ("Hint 2/3:"), as text: no Markdown marks, a command on lines of its own. */
export function hintToText(label: string, hint: string, o: PlainTextOptions = {}): string {
  const lines = layoutHint({ text: label }, hint, { width: o.width ?? Infinity, ascii: o.ascii });
  const text = lines.map((l) => lineText(l).trimEnd()).join('\n');
  return o.ascii ? toAscii(text) : text;
}

/** ASCII-only output: TERM=dumb (what docs/tui.md promises) or ECR_TUTOR_ASCII=1. */
export function plainAscii(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.TERM === 'dumb' || env.ECR_TUTOR_ASCII === '1';
}

/** The width to wrap at: the terminal's when the output is one, else none. */
export function plainWidth(output: NodeJS.WritableStream): number {
  const o = output as NodeJS.WriteStream;
  return o.isTTY && o.columns ? o.columns : Infinity;
}
