/**
 * One sanitiser for every piece of text that came from outside (policy files, AWS messages,
 * lesson packs, learners' reports, resource names) before it reaches a terminal or a CSV cell.
 * Pure: no I/O, no dependency. Written here rather than taken from `strip-ansi` because that
 * removes only ANSI escape sequences: bare C0/C1 controls (BEL, backspace, CR overwrites, the
 * 8-bit CSI U+009B), and the invisible bidi/format characters that reorder or hide text
 * ("Trojan Source", CVE-2021-42574) would still get through.
 */

// ESC-introduced sequences (ECMA-48): CSI `ESC [ … final`, OSC/DCS/SOS/PM/APC strings ended by
// BEL or ST (`ESC \`) — or by nothing, when a hostile string is cut short —, and two-byte escapes.
// The 8-bit forms (U+009B CSI, U+009D OSC, U+0090 DCS, …) likewise.
const ESCAPE_SEQUENCE = new RegExp(
  [
    '(?:\\u001b\\[|\\u009b)[\\u0030-\\u003f]*[\\u0020-\\u002f]*[\\u0040-\\u007e]?', // CSI
    '(?:\\u001b[\\]PX^_]|[\\u0090\\u0098\\u009d\\u009e\\u009f])[^\\u0007\\u001b\\u009c]*(?:\\u0007|\\u001b\\\\|\\u009c)?', // OSC, DCS, SOS, PM, APC
    '\\u001b[\\u0020-\\u002f]*[\\u0030-\\u007e]?', // other ESC sequences (and a lone ESC)
  ].join('|'),
  'g',
);

// C0 controls but tab and newline, DEL, C1 controls.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

// Invisible characters that change how the text around them is ordered or read: bidi
// embeddings, overrides and isolates, the directional marks, zero-width and word-joiner
// characters, the BOM, and the interlinear annotation marks. Shown, not dropped, so that a
// reader sees that something was there. The zero-width joiner and non-joiner (U+200C, U+200D)
// stay: they build emoji sequences (👩‍👩‍👧) and shape letters in some scripts, and reorder nothing.
const FORMAT_CONTROL =
  /[\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]/g;

function visible(ch: string): string {
  return `<U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}>`;
}

/**
 * Text safe to write to a terminal: escape sequences removed, control characters other than
 * newline and tab removed (CR too: a lone CR would let a line overwrite itself), bidi and other
 * invisible format characters shown as `<U+202E>`. Newlines and tabs are kept for the layout to
 * handle (tabs are expanded where text is laid out).
 */
export function sanitizeForTerminal(text: string): string {
  return text
    .replace(/\r\n/g, '\n')
    .replace(ESCAPE_SEQUENCE, '')
    .replace(CONTROL, '')
    .replace(FORMAT_CONTROL, visible);
}

/** `sanitizeForTerminal`, for text that must stay on one line: newlines and tabs become spaces. */
export function sanitizeLine(text: string): string {
  return sanitizeForTerminal(text).replace(/[\n\t]/g, ' ');
}

/** True when `text` would be changed by `sanitizeForTerminal` (worth a note to the reader). */
export function needsSanitizing(text: string): boolean {
  return sanitizeForTerminal(text.replace(/\r\n/g, '\n')) !== text.replace(/\r\n/g, '\n');
}

/**
 * One CSV cell (RFC 4180 quoting), neutralised against formula injection as OWASP's "CSV
 * Injection" page describes: a cell beginning with `=`, `+`, `-`, `@`, tab or CR is prefixed
 * with a single quote so that spreadsheets read it as text. Controls and escape sequences are
 * removed first (a report is someone else's text).
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  let cell = value
    .replace(ESCAPE_SEQUENCE, '')
    // eslint-disable-next-line no-control-regex -- as above
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, '')
    .replace(FORMAT_CONTROL, visible);
  if (/^[=+\-@\t\r]/.test(cell)) cell = `'${cell}`;
  return /[",\r\n]/.test(cell) || cell !== cell.trim() ? `"${cell.replace(/"/g, '""')}"` : cell;
}

// What JSON.stringify leaves raw that a terminal acts on or hides: DEL, the C1 controls, the
// format characters above, and the line/paragraph separators. (It already escapes C0.)
const JSON_UNSAFE = new RegExp(`[\\u007f-\\u009f\\u2028\\u2029]|${FORMAT_CONTROL.source}`, 'g');

/**
 * JSON.stringify for output a terminal may show: every control or invisible format character in
 * a string is written as its `\uXXXX` escape, so the JSON means the same and shows no surprise.
 */
export function jsonForTerminal(value: unknown, replacer?: null, space?: number): string {
  return JSON.stringify(value, replacer, space).replace(
    JSON_UNSAFE,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** Tabs to spaces at stops of `size` columns (per line), for text printed as it is. */
export function expandTabs(text: string, size = 4): string {
  if (!text.includes('\t')) return text;
  return text
    .split('\n')
    .map((line) => {
      let out = '';
      for (const ch of line) out += ch === '\t' ? ' '.repeat(size - (out.length % size)) : ch;
      return out;
    })
    .join('\n');
}
