/** Check results and step views as plain lines (no colour, no cursor movement). */
import type {
  ActionRow,
  CheckResult,
  CheckView,
  EngineSnapshot,
  StepStatus,
} from '../engine/types.js';
import { sanitizeLine } from '../text/sanitize.js';
import { layoutCommand } from '../text/shell.js';
import { wrapSpans } from '../text/wrap.js';

/**
 * Lines wrapped to `width` (Infinity: as they are), each continuation indented two more than
 * its line: printed once, the terminal never wraps them again.
 */
export function fitLines(text: string, width = Infinity): string {
  if (!Number.isFinite(width)) return text;
  return text
    .split('\n')
    .flatMap((line) => {
      const indent = /^ */.exec(line)![0];
      const w = Math.max(10, width - indent.length);
      return wrapSpans([{ text: line.slice(indent.length) }], w, Math.max(10, w - 2)).map(
        (l, i) => `${indent}${i ? '  ' : ''}${l.map((x) => x.text).join('')}`,
      );
    })
    .join('\n');
}

/** `text` without a leading status word ("Not yet: …"): the line's head already says it. */
function withoutPrefix(text: string, words: string[]): string {
  let t = text.trim();
  for (const w of words) {
    const re = new RegExp(`^${w}\\s*[:.!-]\\s*`, 'i');
    t = t.replace(re, '');
  }
  return t;
}

const norm = (x: string) =>
  x
    .trim()
    .replace(/[.\s]+$/, '')
    .toLowerCase();

const HEAD: Record<CheckResult['status'], string> = {
  pass: 'PASSED',
  fail: 'NOT YET',
  pending: 'WAITING for AWS to apply the change',
  error: 'COULD NOT CHECK',
};

export const STATUS_WORD: Record<StepStatus, string> = {
  passed: 'done',
  skipped: 'skipped',
  failed: 'not yet',
  'not-started': 'to do',
};

/** A check's rich data as lines. */
export function formatView(v: CheckView, width = Infinity): string[] {
  switch (v.kind) {
    case 'identity':
      return [`  identity: ${v.arn}`, `  account: ${v.accountId}, region: ${v.region}`];
    case 'policy-file':
      return [
        `  ${v.file}: ${v.findings.length ? `${v.findings.length} finding(s)` : 'no findings'}`,
        ...v.findings.map(
          (f) =>
            `  line ${f.line}, column ${f.column}: ${f.severity}: ${f.message}${f.suggestion ? ` (did you mean ${f.suggestion}?)` : ''}`,
        ),
      ];
    case 'applied-policy':
      return [
        '  Command to apply your file:',
        // laid out with \ continuations: pasted, it runs as one command
        ...layoutCommand(sanitizeLine(v.cliCommand), width - 4).map((l) => `    ${l}`),
        ...(v.diff.length
          ? ['  What AWS has compared with your file:', ...v.diff.map((d) => `    ${d}`)]
          : []),
      ];
    case 'verify':
      return [...v.rows.map(formatRow), ...(v.note ? [`  ${v.note}`] : [])];
    case 'explain':
      return v.cases.flatMap((c) => [
        `  ${c.action} by ${c.principal}: ${c.decision} (${c.reason})`,
        ...c.trace.map(
          (t) =>
            `    ${t.matched ? 'matched' : 'no match'}: ${t.effect} in ${t.policyType} policy ${t.policy}${t.sid ? ` (${t.sid})` : ''}: ${t.why}`,
        ),
      ]);
    case 'resources':
      return v.items.map((i) => `  ${i.exists ? 'found' : 'MISSING'}: ${i.what} ${i.name}`);
  }
}

/** One verify row. */
export function formatRow(r: ActionRow): string {
  return `  ${r.status.padEnd(8)} ${r.action}${r.message ? `: ${r.message}` : ''}`;
}

/** A check result as lines: the verdict, what was read and expected, the fix, the view. */
export function formatResult(r: CheckResult, withView = true, width = Infinity): string {
  const summary = withoutPrefix(sanitizeLine(r.summary), ['not yet', 'passed', 'error']);
  const lines = [`${HEAD[r.status]}: ${summary}`];
  // each thing once: a detail or fix that repeats the summary (or an earlier line) is left out
  const said = new Set([norm(summary)]);
  for (const d of (r.details ?? []).map(sanitizeLine)) {
    if (said.has(norm(d))) continue;
    said.add(norm(d));
    lines.push(`  ${d}`);
  }
  if (r.fix && !said.has(norm(sanitizeLine(r.fix)))) lines.push(`  try: ${sanitizeLine(r.fix)}`);
  // The identity view repeats the header (who, where): only the other views add something.
  const text = fitLines(lines.join('\n'), width);
  const view =
    withView && r.view && r.view.kind !== 'identity'
      ? formatView(r.view, width).map((l) =>
          l.endsWith(' \\') || /^ {4}\S/.test(l) ? l : fitLines(l, width),
        )
      : [];
  return [text, ...view].join('\n') + '\n';
}

/** The step list as lines: number, status word, title; the current one marked. */
export function formatStepList(s: EngineSnapshot): string {
  return (
    s.steps
      .map(
        ({ def, progress }, i) =>
          `${i === s.currentIndex ? '>' : ' '} ${String(i + 1).padStart(2)}. [${STATUS_WORD[progress.status]}] ${def.title}`,
      )
      .join('\n') + '\n'
  );
}

/** Header lines: lesson and where the checks run. */
export function formatHeader(s: EngineSnapshot, width = Infinity): string {
  const t = s.target;
  const where =
    t.kind === 'sandbox'
      ? 'the sandbox (local AWS)'
      : t.kind === 'aws'
        ? 'AWS'
        : `endpoint ${t.endpoint}`;
  return fitLines(
    `ECR tutor: ${s.lesson.title}\n` +
      `Checking against ${where}, account ${t.accountId ?? 'unknown'}, region ${t.region}` +
      (t.identityArn ? `, as ${t.identityArn}` : '') +
      '\n' +
      (s.targetWarning ? `Warning: ${sanitizeLine(s.targetWarning)}\n` : '') +
      (s.notices ?? []).map((n) => `Note: ${sanitizeLine(n)}\n`).join(''),
    width,
  );
}
