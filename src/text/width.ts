/**
 * Display widths in terminal cells, by grapheme: East Asian wide and fullwidth characters take
 * two cells, combining marks (Vietnamese written with combining accents, for instance) none,
 * an emoji sequence two. fast-string-width is what Ink measures with here too (package.json
 * `overrides`: string-width's top level alone cost ~40 ms of the first frame), so a line laid out
 * here is exactly as wide as Ink thinks it is. It differs from string-width on tabs, U+200B and
 * U+202E, which never reach it: tabs are expanded and format characters sanitised first.
 */
import stringWidth from 'fast-string-width';

let segmenter: Intl.Segmenter | undefined;

/** The width of `text` in terminal cells (escape sequences count as nothing). */
export function textWidth(text: string): number {
  return stringWidth(text);
}

/** The user-perceived characters of `text` (a letter with its combining marks, one emoji sequence). */
export function graphemes(text: string): string[] {
  // Plain ASCII is one grapheme per code unit (CR LF aside, which laid-out text never holds).
  if (/^[\u0020-\u007e]*$/.test(text)) return text.split('');
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

/** Tab stops every this many cells: what most editors use for JSON and YAML. */
export const TAB_SIZE = 4;

/**
 * One line with its tabs replaced by spaces up to the next tab stop, counted in display
 * cells. A terminal would move a raw tab to its own tab stops, which no layout can predict.
 */
export function expandTabs(line: string, tabSize = TAB_SIZE): string {
  if (!line.includes('\t')) return line;
  let out = '';
  let col = 0;
  for (const part of line.split(/(\t)/)) {
    if (part === '\t') {
      const n = tabSize - (col % tabSize);
      out += ' '.repeat(n);
      col += n;
    } else {
      out += part;
      col += textWidth(part);
    }
  }
  return out;
}

/** The longest start of `text` that fits in `width` cells, and the rest, split between graphemes. */
export function splitAtWidth(text: string, width: number): [string, string] {
  let used = 0;
  let i = 0;
  const gs = graphemes(text);
  for (; i < gs.length; i++) {
    const w = textWidth(gs[i]!);
    if (used + w > width && i > 0) break;
    used += w;
  }
  return [gs.slice(0, i).join(''), gs.slice(i).join('')];
}

const ASCII_FOR: Record<string, string> = {
  '…': '...',
  '—': '--',
  '–': '-',
  '‘': "'",
  '’': "'",
  '“': '"',
  '”': '"',
  '→': '->',
  '←': '<-',
  '•': '-',
  '◦': '-',
  '│': '|',
  '─': '-',
  '✔': '[ok]',
  '✘': '[x]',
  '×': 'x',
  '\u00a0': ' ',
};

/**
 * `text` in ASCII for terminals that may draw nothing else (TERM=dumb): typographic marks get
 * their ASCII spelling, letters lose their accents (é -> e, đ -> d), anything else becomes `?`.
 */
export function toAscii(text: string): string {
  // eslint-disable-next-line no-control-regex -- ASCII is the point
  if (/^[\u0000-\u007f]*$/.test(text)) return text;
  return (
    text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[đĐ]/g, (c) => (c === 'đ' ? 'd' : 'D'))
      // eslint-disable-next-line no-control-regex -- ASCII is the point
      .replace(/[^\u0000-\u007f]/gu, (c) => ASCII_FOR[c] ?? '?')
  );
}
