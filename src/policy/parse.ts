/**
 * Position-aware JSON parsing for policy text. Momoa gives every node a line and column;
 * this file adds what JSON.parse hides: duplicate keys (JSON.parse silently keeps the last)
 * and syntax errors said in plain words (trailing comma, missing quote, unclosed brace).
 */
import { parse as parseJsonAst, evaluate as evaluateAst } from '@humanwhocodes/momoa';
import { t } from '../i18n/index.js';
import type {
  ArrayNode,
  DocumentNode,
  MemberNode,
  ObjectNode,
  ValueNode,
} from '@humanwhocodes/momoa';

/** A problem in policy text, with the 1-based line/column where it is. */
export class PolicyParseError extends Error {
  constructor(
    message: string,
    /** stable finding code, e.g. `json-syntax`, `duplicate-key`, `invalid-effect` */
    readonly code: string,
    readonly line: number,
    readonly column: number,
    /** JSON path of the element (`` for the whole document) */
    readonly path = '',
    readonly suggestion?: string,
  ) {
    super(message);
    this.name = 'PolicyParseError';
  }
}

export interface Position {
  line: number;
  column: number;
}

/** Parses JSON text into a Momoa AST; throws PolicyParseError for syntax errors and duplicate keys. */
export function parseJsonText(text: string): DocumentNode {
  let doc: DocumentNode;
  try {
    doc = parseJsonAst(withoutBom(text), { mode: 'json' });
  } catch (err) {
    throw syntaxError(text, err);
  }
  const dups = findDuplicateKeys(doc.body, '', []);
  if (dups[0]) throw dups[0];
  return doc;
}

/** Parses JSON text into a Momoa AST without the duplicate-key check (lint reports them all). */
export function parseJsonTextLenient(text: string): DocumentNode {
  let doc: DocumentNode;
  try {
    doc = parseJsonAst(withoutBom(text), { mode: 'json' });
  } catch (err) {
    throw syntaxError(text, err);
  }
  return doc;
}

/** Drops a byte-order mark (Windows editors add one; it is invisible, so columns match the editor). */
function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** An object member's key as written, whether quoted or a bare identifier. */
export function memberKey(m: MemberNode): string {
  return m.name.type === 'String' ? m.name.value : m.name.name;
}

/** The plain JavaScript value of an AST node. */
export function valueOf(node: ValueNode | DocumentNode): unknown {
  return evaluateAst(node);
}

/** Every key that appears twice in one object, as errors at the second occurrence. */
export function findDuplicateKeys(
  node: ValueNode,
  path: string,
  out: PolicyParseError[],
): PolicyParseError[] {
  if (node.type === 'Object') {
    const seen = new Map<string, Position>();
    for (const m of node.members) {
      const key = memberKey(m);
      const childPath = joinPath(path, key);
      const first = seen.get(key);
      if (first) {
        out.push(
          new PolicyParseError(
            t('policy.parse.duplicateKey', { key, first: first.line }),
            'duplicate-key',
            m.name.loc.start.line,
            m.name.loc.start.column,
            childPath,
            t('policy.parse.duplicateKeyFix', { key }),
          ),
        );
      } else seen.set(key, m.name.loc.start);
      findDuplicateKeys(m.value, childPath, out);
    }
  } else if (node.type === 'Array') {
    for (let i = 0; i < node.elements.length; i++) {
      findDuplicateKeys(node.elements[i]!.value, `${path}[${i}]`, out);
    }
  }
  return out;
}

/** `Statement` + `0` -> `Statement[0]`; `Statement[0]` + `Action` -> `Statement[0].Action`. */
export function joinPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}

/** Finds the node at a JSON path like `Statement[0].Action[2]` (undefined when absent). */
export function nodeAt(doc: DocumentNode, path: string): ValueNode | undefined {
  let node: ValueNode | undefined = doc.body;
  if (path === '') return node;
  const parts = path.match(/[^.[\]]+|\[\d+\]/g) ?? [];
  for (const part of parts) {
    if (!node) return undefined;
    if (part.startsWith('[')) {
      if (node.type !== 'Array') return undefined;
      node = (node as ArrayNode).elements[Number(part.slice(1, -1))]?.value;
    } else {
      if (node.type !== 'Object') return undefined;
      const member = (node as ObjectNode).members.find((m) => memberKey(m) === part);
      node = member?.value;
    }
  }
  return node;
}

/** The position of the node at `path`, else of its nearest existing ancestor, else 1:1. */
export function positionOf(doc: DocumentNode, path: string): Position {
  let p = path;
  for (;;) {
    const node = nodeAt(doc, p);
    if (node) return { line: node.loc.start.line, column: node.loc.start.column };
    if (p === '') return { line: 1, column: 1 };
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
    p = cut <= 0 ? '' : p.slice(0, cut);
  }
}

/** Turns Momoa's terse error into a plain-words one at the most useful position. */
function syntaxError(text: string, err: unknown): PolicyParseError {
  const e = err as { message?: string; line?: number; column?: number; offset?: number };
  const line = e.line ?? 1;
  const column = e.column ?? 1;
  const raw = String(e.message ?? err).replace(/\s*\(\d+:\d+\)\s*$/, '');
  if (text.trim() === '') {
    return new PolicyParseError(
      t('policy.parse.empty'),
      'json-syntax',
      1,
      1,
      '',
      t('policy.parse.emptyFix', { open: '{', close: '}' }),
    );
  }
  const offset = offsetOf(text, line, column);
  // Trailing comma: the parser stops at `}` or `]` right after a comma.
  if (/Unexpected token (RBrace|RBracket)/.test(raw)) {
    const before = previousNonSpace(text, offset);
    if (before && text[before.index] === ',') {
      const pos = lineColumnOf(text, before.index);
      return new PolicyParseError(
        t('policy.parse.trailingComma', { line: pos.line, ch: text[offset] === '}' ? '}' : ']' }),
        'json-trailing-comma',
        pos.line,
        pos.column,
        '',
        t('policy.parse.trailingCommaFix'),
      );
    }
  }
  // Two values with no comma between them.
  if (/Unexpected token (String|Number|LBrace|LBracket|Boolean|Null|True|False)/.test(raw)) {
    const before = previousNonSpace(text, offset);
    if (before && /["}\]0-9el]/.test(text[before.index] ?? '')) {
      const pos = lineColumnOf(text, before.index);
      return new PolicyParseError(
        t('policy.parse.missingComma', { line: pos.line, column: pos.column }),
        'json-missing-comma',
        line,
        column,
        '',
        t('policy.parse.missingCommaFix'),
      );
    }
  }
  if (/Unexpected end of input/.test(raw)) {
    const openQuote = unclosedStringStart(text);
    if (openQuote !== undefined) {
      const pos = lineColumnOf(text, openQuote);
      return new PolicyParseError(
        t('policy.parse.unclosedString', { line: pos.line, column: pos.column }),
        'json-unclosed-string',
        pos.line,
        pos.column,
        '',
        t('policy.parse.unclosedStringFix'),
      );
    }
    const open = unclosedBracket(text);
    if (open !== undefined) {
      const pos = lineColumnOf(text, open);
      const ch = text[open];
      return new PolicyParseError(
        t('policy.parse.unclosed', {
          opener: ch === '{' ? 'brace' : 'bracket',
          ch: ch === '{' ? '{' : '[',
          line: pos.line,
          column: pos.column,
        }),
        'json-unclosed',
        pos.line,
        pos.column,
        '',
        t('policy.parse.unclosedFix', {
          close: ch === '{' ? '}' : ']',
          opener: ch === '{' ? 'brace' : 'bracket',
        }),
      );
    }
    return new PolicyParseError(
      t('policy.parse.endsEarly'),
      'json-syntax',
      line,
      column,
      '',
      t('policy.parse.endsEarlyFix', { open: '{' }),
    );
  }
  // Quotes pasted from a web page or word processor look right but are not JSON quotes.
  const curly = /Unexpected character '([\u201c\u201d\u2018\u2019\u00ab\u00bb])'/.exec(raw);
  if (curly) {
    return new PolicyParseError(
      t('policy.parse.curlyQuote', { quote: curly[1]!, line, column }),
      'json-curly-quote',
      line,
      column,
      '',
      t('policy.parse.curlyQuoteFix'),
    );
  }
  const bare = /Unexpected character '([A-Za-z_$])'/.exec(raw);
  if (bare) {
    const word = /^[A-Za-z0-9_$:*.-]+/.exec(text.slice(offset))?.[0] ?? bare[1]!;
    const before = previousNonSpace(text, offset);
    if (before && text[before.index] === '"') {
      // Text right after a closed string: that string ended early, so a quote is missing in it.
      const start = text.lastIndexOf('"', before.index - 1);
      const pos = lineColumnOf(text, Math.max(0, start));
      const str = text.slice(start + 1, before.index);
      return new PolicyParseError(
        t('policy.parse.afterString', { word: JSON.stringify(word), line, column, str }),
        'json-missing-quote',
        pos.line,
        pos.column,
        '',
        t('policy.parse.afterStringFix', { str: str.trim().replace(/,$/, '') }),
      );
    }
    return new PolicyParseError(
      t('policy.parse.bareWord', {
        word: JSON.stringify(word.replace(/[",]+$/, '')),
        line,
        column,
      }),
      'json-missing-quote',
      line,
      column,
      '',
      t('policy.parse.bareWordFix', { word: word.replace(/[",]+$/, '') }),
    );
  }
  // Brackets that do not pair up: an extra closer, or a closer for the wrong opener.
  const closer = /Unexpected token (RBrace|RBracket)/.exec(raw);
  if (closer) {
    const open = unclosedBracket(text.slice(0, offset));
    const ch = closer[1] === 'RBrace' ? '}' : ']';
    if (open === undefined) {
      return new PolicyParseError(
        t('policy.parse.extraCloser', { ch, line, column }),
        'json-extra-bracket',
        line,
        column,
        '',
        t('policy.parse.extraCloserFix', { ch }),
      );
    }
    const pos = lineColumnOf(text, open);
    const opener = text[open];
    return new PolicyParseError(
      t('policy.parse.wrongCloser', {
        ch,
        line,
        column,
        opener: opener === '[' ? 'bracket' : 'brace',
        open: opener === '[' ? '[' : '{',
        openLine: pos.line,
        openColumn: pos.column,
      }),
      'json-unclosed',
      line,
      column,
      '',
      t('policy.parse.wrongCloserFix', { close: opener === '[' ? ']' : '}', ch }),
    );
  }
  // A string value broken by a raw line break means a missing closing quote.
  // A string value broken by a raw line break means a missing closing quote.
  const strStart = unclosedStringOnLine(text, line);
  if (/Unexpected character/.test(raw) && strStart !== undefined) {
    const pos = lineColumnOf(text, strStart);
    return new PolicyParseError(
      t('policy.parse.stringBroken', { line: pos.line, column: pos.column }),
      'json-unclosed-string',
      pos.line,
      pos.column,
      '',
      t('policy.parse.unclosedStringFix'),
    );
  }
  const m = /Unexpected character '(.)'/.exec(raw);
  if (m && m[1] === "'") {
    return new PolicyParseError(
      t('policy.parse.singleQuote', { line, column }),
      'json-single-quote',
      line,
      column,
      '',
      t('policy.parse.singleQuoteFix'),
    );
  }
  if (m && /[A-Za-z_$]/.test(m[1]!)) {
    return new PolicyParseError(
      t('policy.parse.unquoted', { line, column }),
      'json-missing-quote',
      line,
      column,
      '',
      t('policy.parse.unquotedFix'),
    );
  }
  const ident = /Unexpected identifier '([^']*)'/.exec(raw);
  if (ident) {
    return new PolicyParseError(
      t('policy.parse.bareWord', { word: JSON.stringify(ident[1]), line, column }),
      'json-missing-quote',
      line,
      column,
      '',
      t('policy.parse.bareWordFix', { word: ident[1]! }),
    );
  }
  return new PolicyParseError(
    t('policy.parse.invalid', { line, column, raw: raw.replace(/\.$/, '') }),
    'json-syntax',
    line,
    column,
    '',
    t('policy.parse.invalidFix'),
  );
}

function offsetOf(text: string, line: number, column: number): number {
  let l = 1;
  let i = 0;
  while (l < line && i < text.length) {
    if (text[i] === '\n') l++;
    i++;
  }
  return Math.min(i + column - 1, text.length);
}

function lineColumnOf(text: string, index: number): Position {
  let line = 1;
  let lastNl = -1;
  for (let i = 0; i < index; i++) {
    if (text[i] === '\n') {
      line++;
      lastNl = i;
    }
  }
  return { line, column: index - lastNl };
}

function previousNonSpace(text: string, offset: number): { index: number } | undefined {
  for (let i = offset - 1; i >= 0; i--) {
    if (!/\s/.test(text[i]!)) return { index: i };
  }
  return undefined;
}

/** Scans strings and brackets; returns the index of the quote of a string left open at EOF. */
function unclosedStringStart(text: string): number | undefined {
  let inString = false;
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
      start = i;
    }
  }
  return inString ? start : undefined;
}

/** The index of the innermost `{`/`[` never closed (strings skipped). */
function unclosedBracket(text: string): number | undefined {
  const stack: number[] = [];
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') stack.push(i);
    else if (c === '}' || c === ']') stack.pop();
  }
  return stack.length > 0 ? stack[stack.length - 1] : undefined;
}

/** When a line holds an odd number of unescaped quotes, the index of the last opening one. */
function unclosedStringOnLine(text: string, line: number): number | undefined {
  // Momoa reports the raw newline inside the string on the line where the string began.
  const lines = text.split('\n');
  for (const l of [line, line - 1]) {
    if (l < 1 || l > lines.length) continue;
    const s = lines[l - 1]!;
    let inString = false;
    let start = -1;
    for (let i = 0; i < s.length; i++) {
      if (inString) {
        if (s[i] === '\\') i++;
        else if (s[i] === '"') inString = false;
      } else if (s[i] === '"') {
        inString = true;
        start = i;
      }
    }
    if (inString) return offsetOf(text, l, start + 1);
  }
  return undefined;
}
