/**
 * Shell commands laid out so that they still work when copied: a command is never broken
 * inside a word; when it is wider than the screen it is continued on the next line with
 * ` \` (which every POSIX shell, and PowerShell's bash-like hosts such as Git Bash, joins back),
 * at an argument boundary, keeping an option with its value where they fit together.
 */
import { textWidth } from './width.js';

/**
 * A word the shell reads back as exactly `word`: left bare when it holds only characters no
 * shell treats specially, else single-quoted (a `'` inside written as `'\\''`).
 */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** ` --name VALUE` for a command shown to the learner (VALUE shell-quoted), or '' without a value. */
export function cliFlag(name: string, value: string | undefined): string {
  return value ? ` --${name} ${shellQuote(value)}` : '';
}

/**
 * The words of a command line as the shell splits them (quotes, backslash escapes and `$(…)`
 * kept in the word's raw text, not interpreted).
 */
export function shellWords(command: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: "'" | '"' | undefined;
  let depth = 0; // inside $( … ) or ` … `
  let backtick = false;
  for (let i = 0; i < command.length; i++) {
    const c = command[i]!;
    if (quote === "'") {
      cur += c;
      if (c === "'") quote = undefined;
      continue;
    }
    if (c === '\\' && i + 1 < command.length) {
      if (command[i + 1] === '\n' && !quote) {
        i++; // a line continuation joins the lines
        continue;
      }
      cur += c + command[i + 1];
      i++;
      continue;
    }
    if (c === '$' && command[i + 1] === '(') {
      depth++;
      cur += '$(';
      i++;
      continue;
    }
    if (depth > 0 && c === ')') {
      depth--;
      cur += c;
      continue;
    }
    if (c === '`') {
      backtick = !backtick;
      cur += c;
      continue;
    }
    if (quote === '"') {
      cur += c;
      if (c === '"' && depth === 0 && !backtick) quote = undefined;
      continue;
    }
    if ((c === '"' || c === "'") && depth === 0 && !backtick) {
      quote = c;
      cur += c;
      continue;
    }
    if (/\s/.test(c) && depth === 0 && !backtick) {
      if (cur) out.push(cur);
      cur = '';
      continue;
    }
    cur += c;
  }
  if (cur) out.push(cur);
  return out;
}

/** Groups words into what should stay together: the program and its subcommands, then each option with its values. */
function argumentGroups(words: string[]): string[][] {
  const groups: string[][] = [];
  let cur: string[] = [];
  for (const w of words) {
    const option = w.startsWith('-') && cur.length > 0;
    const operator = /^(\||&&|\|\||;)$/.test(w);
    if ((option || operator) && cur.length) {
      groups.push(cur);
      cur = [];
    }
    cur.push(w);
  }
  if (cur.length) groups.push(cur);
  return groups;
}

/** Continuation lines are indented this much under the command. */
export const CONTINUATION_INDENT = 2;

/**
 * One command as lines of at most `width` cells where it can be done: every line but the last
 * ends with ` \`, continuation lines are indented. A single word wider than the line is left
 * whole (the terminal wraps it visually; copying still gets it whole).
 */
export function layoutCommand(command: string, width: number): string[] {
  const oneLine = shellWords(command).join(' ');
  if (textWidth(oneLine) <= width) return [oneLine];
  const lines: string[] = [];
  const indent = ' '.repeat(CONTINUATION_INDENT);
  let cur = '';
  const fits = (text: string, last: boolean) => textWidth(text) + (last ? 0 : 2) <= width;
  const groups = argumentGroups(shellWords(command));
  for (const [gi, g] of groups.entries()) {
    const last = gi === groups.length - 1;
    const joined = g.join(' ');
    if (!cur) {
      if (fits(joined, last)) {
        cur = joined;
        continue;
      }
    } else if (fits(`${cur} ${joined}`, last)) {
      cur = `${cur} ${joined}`;
      continue;
    } else if (fits(indent + joined, last)) {
      lines.push(`${cur} \\`);
      cur = indent + joined;
      continue;
    }
    // the group is too wide for a line of its own: its words go one after another
    for (const [wi, w] of g.entries()) {
      const lastWord = last && wi === g.length - 1;
      if (!cur) cur = w;
      else if (fits(`${cur} ${w}`, lastWord)) cur = `${cur} ${w}`;
      else {
        lines.push(`${cur} \\`);
        cur = indent + w;
      }
    }
  }
  lines.push(cur);
  return lines;
}
