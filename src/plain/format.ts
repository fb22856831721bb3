/** Check results and step views as plain lines (no colour, no cursor movement). */
import type {
  ActionRow,
  CheckResult,
  CheckView,
  EngineSnapshot,
  StepStatus,
} from '../engine/types.js';
import { sanitizeLine } from '../text/sanitize.js';

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
export function formatView(v: CheckView): string[] {
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
        `    ${v.cliCommand}`,
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
export function formatResult(r: CheckResult, withView = true): string {
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
  if (withView && r.view && r.view.kind !== 'identity') lines.push(...formatView(r.view));
  return lines.join('\n') + '\n';
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
export function formatHeader(s: EngineSnapshot): string {
  const t = s.target;
  const where =
    t.kind === 'sandbox'
      ? 'the sandbox (local AWS)'
      : t.kind === 'aws'
        ? 'AWS'
        : `endpoint ${t.endpoint}`;
  return (
    `ECR tutor: ${s.lesson.title}\n` +
    `Checking against ${where}, account ${t.accountId ?? 'unknown'}, region ${t.region}` +
    (t.identityArn ? `, as ${t.identityArn}` : '') +
    '\n' +
    (s.targetWarning ? `Warning: ${s.targetWarning}\n` : '') +
    (s.notices ?? []).map((n) => `Note: ${n}\n`).join('')
  );
}
