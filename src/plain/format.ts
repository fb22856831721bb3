/** Check results and step views as plain lines (no colour, no cursor movement). */
import type {
  ActionRow,
  CheckResult,
  CheckView,
  EngineSnapshot,
  StepStatus,
} from '../engine/types.js';
import { isStale } from '../engine/rules.js';
import { sanitizeLine } from '../text/sanitize.js';
import { layoutCommand } from '../text/shell.js';
import { textWidth } from '../text/width.js';
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
      // a line that fits stays as it is: rewrapping would squeeze a table's column padding
      if (!line.includes('\t') && textWidth(line) <= width) return [line];
      const indent = /^ */.exec(line)![0];
      const w = Math.max(10, width - indent.length);
      return wrapSpans([{ text: line.slice(indent.length) }], w, Math.max(10, w - 2)).map(
        (l, i) => `${indent}${i ? '  ' : ''}${l.map((x) => x.text).join('')}`,
      );
    })
    .join('\n');
}
import { t as msg, type MessageKey } from '../i18n/index.js';

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

const HEAD: Record<CheckResult['status'], MessageKey> = {
  pass: 'plain.head.pass',
  fail: 'plain.head.fail',
  pending: 'plain.head.pending',
  error: 'plain.head.error',
};

const STATUS_KEYS: Record<StepStatus, MessageKey> = {
  passed: 'plain.status.passed',
  skipped: 'plain.status.skipped',
  failed: 'plain.status.failed',
  'not-started': 'plain.status.notStarted',
};

/** A step's status as a word in the learner's language ("done", "to do"). */
export function statusWord(status: StepStatus): string {
  return msg(STATUS_KEYS[status]);
}

/** A check's rich data as lines. */
export function formatView(v: CheckView, width = Infinity): string[] {
  switch (v.kind) {
    case 'identity':
      return [
        `  ${msg('plain.view.identity', { arn: v.arn })}`,
        `  ${msg('plain.view.account', { account: v.accountId, region: v.region })}`,
      ];
    case 'policy-file':
      return [
        `  ${v.file}: ${msg('tui.policyFile.findings', { count: v.findings.length })}`,
        ...v.findings.map(
          (f) =>
            `  ${msg('plain.view.finding', { line: f.line, column: f.column, severity: f.severity, message: f.message })}${f.suggestion ? ` ${msg('plain.view.didYouMean', { suggestion: f.suggestion })}` : ''}`,
        ),
      ];
    case 'applied-policy':
      return [
        `  ${msg('plain.view.applyCommand')}`,
        // laid out with \ continuations: pasted, it runs as one command
        ...layoutCommand(sanitizeLine(v.cliCommand), width - 4).map((l) => `    ${l}`),
        ...(v.diff.length ? [`  ${msg('plain.view.diff')}`, ...v.diff.map((d) => `    ${d}`)] : []),
      ];
    case 'verify':
      return [...v.rows.map(formatRow), ...(v.note ? [`  ${v.note}`] : [])];
    case 'explain':
      return v.cases.flatMap((c) => [
        `  ${msg('plain.view.request', {
          action: c.action,
          principal: c.principal,
          decision: msg('tui.explain.decision', { decision: c.decision.replace(/-/g, '_') }),
          reason: c.reason,
        })}`,
        ...c.trace.map(
          (t) =>
            `    ${msg('plain.view.trace', {
              matched: t.matched ? 'yes' : 'no',
              effect: t.effect,
              type: t.policyType,
              policy: t.sid ? `${t.policy} (${t.sid})` : t.policy,
              why: t.why,
            })}`,
        ),
      ]);
    case 'resources':
      return v.items.map(
        (i) =>
          `  ${msg(i.exists ? 'plain.view.found' : 'plain.view.missing', { what: i.what, name: i.name })}`,
      );
  }
}

/** One verify row. */
export function formatRow(r: ActionRow): string {
  const status = msg('tui.verify.status', { status: r.status.replace(/-/g, '_') });
  return `  ${status.padEnd(Math.max(8, status.length))} ${r.action}${r.message ? `: ${r.message}` : ''}`;
}

/** A check result as lines: the verdict, what was read and expected, the fix, the view. */
export function formatResult(r: CheckResult, withView = true, width = Infinity): string {
  const summary = withoutPrefix(sanitizeLine(r.summary), [
    msg('tui.check.notYet'),
    msg('tui.check.passed'),
    'error',
  ]);
  const lines = [`${msg(HEAD[r.status])}: ${summary}`];
  // each thing once: a detail or fix that repeats the summary (or an earlier line) is left out
  const said = new Set([norm(summary)]);
  for (const d of (r.details ?? []).map(sanitizeLine)) {
    if (said.has(norm(d))) continue;
    said.add(norm(d));
    lines.push(`  ${d}`);
  }
  if (r.fix && !said.has(norm(sanitizeLine(r.fix))))
    lines.push(`  ${msg('tui.check.try')} ${sanitizeLine(r.fix)}`);
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
          `${i === s.currentIndex ? '>' : ' '} ${String(i + 1).padStart(2)}. [${isStale(progress) ? msg('plain.status.stale') : statusWord(progress.status)}] ${def.title}`,
      )
      .join('\n') + '\n'
  );
}

/** Header lines: lesson and where the checks run. */
export function formatHeader(s: EngineSnapshot, width = Infinity): string {
  const t = s.target;
  const where = {
    target: t.kind,
    endpoint: t.endpoint ?? '',
    account: t.accountId ?? '?',
    region: t.region,
  };
  return fitLines(
    `${msg('plain.header.title', { title: s.lesson.title })}\n` +
      (t.identityArn
        ? msg('plain.header.whereAs', { ...where, arn: t.identityArn })
        : msg('plain.header.where', where)) +
      '\n' +
      (s.targetWarning ? `${msg('plain.header.warning', { text: s.targetWarning })}\n` : '') +
      (s.notices ?? []).map((n) => `${msg('plain.header.note', { text: n })}\n`).join(''),
    width,
  );
}
