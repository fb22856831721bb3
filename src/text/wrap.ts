/**
 * Styled text broken into lines of at most a given width (in terminal cells, see width.ts).
 * Breaks at spaces; a continuation line never starts with the space it broke at. A word longer
 * than the whole line is split between graphemes (never inside one), since the alternative is
 * to lose its end to the clip.
 */
import { splitAtWidth, textWidth } from './width.js';

/** How a piece of text is meant to look; each front-end maps these to its own styling. */
export type SpanStyle =
  | 'strong'
  | 'em'
  | 'del'
  | 'code'
  | 'link'
  | 'muted'
  | 'heading'
  | 'marker'
  | 'quote'
  | 'accent'
  | 'ok'
  | 'bad'
  | 'warn';

export interface Span {
  text: string;
  style?: SpanStyle;
  /** never broken at its spaces (a command inside a sentence: pasted, it must be whole) */
  keep?: boolean;
}

/** One screen line. `command` is set on the lines of a shell command: the whole command. */
export interface Line {
  spans: Span[];
  command?: string;
}

/** The text of a line without its styles. */
export function lineText(line: Line): string {
  return line.spans.map((s) => s.text).join('');
}

/** The width of a line in cells. */
export function lineWidth(line: Line): number {
  return textWidth(lineText(line));
}

/** Adjacent spans of one style merged into one. */
export function mergeSpans(spans: Span[]): Span[] {
  const out: Span[] = [];
  for (const s of spans) {
    if (!s.text) continue;
    const last = out[out.length - 1];
    if (last && last.style === s.style && !last.keep && !s.keep) last.text += s.text;
    else out.push({ ...s });
  }
  return out;
}

type Word = Span[];

/** Splits spans into words (runs without spaces, possibly of several styles) and hard breaks. */
function words(spans: Span[]): Array<Word | '\n'> {
  const out: Array<Word | '\n'> = [];
  let cur: Word = [];
  const end = () => {
    if (cur.length) out.push(cur);
    cur = [];
  };
  for (const s of spans) {
    if (s.keep) {
      cur.push({ text: s.text, style: s.style, keep: true });
      continue;
    }
    for (const part of s.text.split(/( +|\n)/)) {
      if (!part) continue;
      if (part === '\n') {
        end();
        out.push('\n');
      } else if (part.startsWith(' ')) end();
      else cur.push({ text: part, style: s.style });
    }
  }
  end();
  return out;
}

function wordWidth(w: Word): number {
  return w.reduce((n, s) => n + textWidth(s.text), 0);
}

/** Splits a word that is wider than `width` into pieces that fit. */
function splitWord(w: Word, width: number): Word[] {
  const pieces: Word[] = [];
  let cur: Word = [];
  let used = 0;
  for (const s of w) {
    let rest = s.text;
    while (rest) {
      const room = width - used;
      if (textWidth(rest) <= room) {
        cur.push({ text: rest, style: s.style });
        used += textWidth(rest);
        break;
      }
      const [head, tail] = splitAtWidth(rest, room);
      if (textWidth(head) > room && cur.length) {
        // not even one grapheme fits in what is left: next line
        pieces.push(cur);
        cur = [];
        used = 0;
        continue;
      }
      cur.push({ text: head, style: s.style });
      pieces.push(cur);
      cur = [];
      used = 0;
      rest = tail;
    }
  }
  if (cur.length) pieces.push(cur);
  return pieces;
}

/**
 * Lays out `spans` in lines of at most `firstWidth` cells for the first line and `restWidth`
 * for the others (Infinity: no wrapping; an explicit `\n` still breaks). Runs of spaces
 * between words become one space.
 */
export function wrapSpans(spans: Span[], firstWidth: number, restWidth = firstWidth): Span[][] {
  const lines: Span[][] = [];
  let width = firstWidth;
  let cur: Span[] = [];
  let used = 0;
  const flush = () => {
    lines.push(mergeSpans(cur));
    cur = [];
    used = 0;
    width = restWidth;
  };
  for (const w of words(spans)) {
    if (w === '\n') {
      flush();
      continue;
    }
    const ww = wordWidth(w);
    if (used > 0 && used + 1 + ww <= width) {
      cur.push(
        { text: ' ', style: w[0]!.style === cur[cur.length - 1]?.style ? w[0]!.style : undefined },
        ...w,
      );
      used += 1 + ww;
      continue;
    }
    if (used > 0) flush();
    if (ww <= width) {
      cur.push(...w);
      used = ww;
      continue;
    }
    const pieces = splitWord(w, Math.max(1, width));
    for (const [i, p] of pieces.entries()) {
      cur.push(...p);
      used = wordWidth(p);
      if (i < pieces.length - 1) flush();
    }
  }
  if (cur.length || lines.length === 0) flush();
  return lines;
}
