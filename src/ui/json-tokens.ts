/**
 * Splits JSON (or JSON-ish text the learner is still typing) into coloured runs, line by line.
 * A tiny scanner instead of highlight.js: JSON is the only language the lessons show, and a
 * tolerant scanner keeps colouring half-written policies instead of giving up on them.
 */
export type JsonTokenKind = 'key' | 'string' | 'number' | 'literal' | 'punct' | 'plain';

export interface JsonToken {
  kind: JsonTokenKind;
  text: string;
}

const TOKEN =
  /("(?:[^"\\\n]|\\.)*"?)(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|\b(true|false|null)\b|([{}[\],:])/g;

/** Tokenises one line of JSON text. */
export function jsonLineTokens(line: string): JsonToken[] {
  const out: JsonToken[] = [];
  let last = 0;
  for (const m of line.matchAll(TOKEN)) {
    const at = m.index ?? 0;
    if (at > last) out.push({ kind: 'plain', text: line.slice(last, at) });
    if (m[1] !== undefined) {
      out.push({ kind: m[2] ? 'key' : 'string', text: m[1] });
      if (m[2]) out.push({ kind: 'punct', text: m[2] });
    } else if (m[3] !== undefined) out.push({ kind: 'number', text: m[3] });
    else if (m[4] !== undefined) out.push({ kind: 'literal', text: m[4] });
    else out.push({ kind: 'punct', text: m[5] ?? '' });
    last = at + m[0].length;
  }
  if (last < line.length) out.push({ kind: 'plain', text: line.slice(last) });
  return out;
}

/** Whether a fenced code block should be coloured as JSON. */
export function looksLikeJson(lang: string | undefined, text: string): boolean {
  if (lang) return /^(json|jsonc|json5)$/i.test(lang);
  return /^\s*[{[]/.test(text);
}
