/**
 * A learner's evidence report, rebuilt from LIVE state: every step's check is re-run and the
 * saved progress only adds what live state cannot know (when, hints used, whether the tutor
 * solved it). A step the progress file claims but live state does not support is not passed.
 * Pure: the caller runs the checks (engine.checkAll) and hands in the rows.
 */
import { currentStepId } from '../engine/rules.js';
import type { CheckAllRow } from '../engine/engine.js';
import type { CheckRef, CheckStatus, EngineSnapshot, StepStatus } from '../engine/types.js';
import { renderTemplate } from '../engine/template.js';
import { sanitizeLine } from '../text/sanitize.js';
import { redactValue, type RedactOptions } from './redact.js';

/** Check parameters with the learner's values filled in (unknown ones stay as <name>). */
function renderParams(
  params: Record<string, unknown>,
  vars: Record<string, string>,
): Record<string, unknown> {
  const show = (x: unknown): unknown =>
    typeof x === 'string'
      ? renderTemplate(x, vars)
      : Array.isArray(x)
        ? x.map(show)
        : x && typeof x === 'object'
          ? Object.fromEntries(Object.entries(x).map(([k, y]) => [k, show(y)]))
          : x;
  return show(params) as Record<string, unknown>;
}

export const REPORT_KIND = 'ecr-tutor-report';
export const REPORT_VERSION = 1;

export interface StepReport {
  id: string;
  title: string;
  optional: boolean;
  /** rebuilt from live state: passed, skipped (solved by the tutor), failed, not-started */
  status: StepStatus;
  /** what the live check said */
  check: CheckStatus;
  summary: string;
  details?: string[];
  /** what the saved progress claimed (differs from status when live state disagrees) */
  claimed: StepStatus;
  /** ISO time: first pass or skip, else the last attempt */
  when?: string;
  /** ISO time the step started failing, when it is failing */
  failingSince?: string;
  attempts: number;
  hintsUsed: number;
  /** the step's state was removed on purpose by the lesson's clean-up */
  cleanedUp?: boolean;
  evidence?: Record<string, unknown>;
  /** the check the step runs (name and parameters), for facilitators and CI logs */
  checkRef: CheckRef;
}

export interface LearnerReport {
  kind: typeof REPORT_KIND;
  version: typeof REPORT_VERSION;
  generatedAt: string;
  learner?: string;
  lesson: { id: string; title: string };
  target: { kind: string; region: string; accountId?: string; endpoint?: string };
  /** the first required step that is neither passed nor skipped (undefined = finished) */
  currentStep?: string;
  finished: boolean;
  totals: { passed: number; skipped: number; failed: number; notStarted: number; steps: number };
  steps: StepReport[];
}

export interface BuildReportInput {
  /** the engine's snapshot taken BEFORE checkAll (what the progress file claimed) */
  before: EngineSnapshot;
  rows: CheckAllRow[];
  generatedAt: Date;
  redact: RedactOptions;
}

/** Live status of one step: live pass keeps "skipped" when the tutor solved it. */
function liveStatus(
  row: CheckAllRow,
  claimed: StepStatus,
  attempts: number,
  cleanupTooEarly: boolean,
): StepStatus {
  if (row.undoneByCleanup) return claimed === 'skipped' ? 'skipped' : 'passed';
  if (row.result.status === 'pass') {
    if (cleanupTooEarly) return 'not-started';
    return claimed === 'skipped' ? 'skipped' : 'passed';
  }
  if (claimed === 'not-started' && attempts === 0) return 'not-started';
  return 'failed';
}

/** Builds the report from the rows of a live checkAll and the progress as it was before it. */
export function buildReport(i: BuildReportInput): LearnerReport {
  const at = i.generatedAt.toISOString();
  const byId = new Map(i.before.steps.map((s) => [s.def.id, s]));
  const passedLive = new Set(
    i.rows.filter((r) => r.result.status === 'pass' || r.undoneByCleanup).map((r) => r.stepId),
  );
  const steps: StepReport[] = i.rows.map((row) => {
    const s = byId.get(row.stepId)!;
    const p = s.progress;
    // A clean-up check passes trivially before the lesson changed anything: not done yet.
    const cleanupTooEarly = Boolean(
      s.def.undoes?.length &&
      p.status === 'not-started' &&
      !s.def.undoes.every((u) => passedLive.has(u)),
    );
    const status = liveStatus(row, p.status, p.attempts, cleanupTooEarly);
    const done = status === 'passed' || status === 'skipped';
    return {
      id: row.stepId,
      title: row.title,
      optional: row.optional,
      status,
      check: row.result.status,
      summary: row.undoneByCleanup
        ? `Done, then removed by the clean-up step.`
        : row.result.summary,
      ...(row.result.details?.length && !done ? { details: row.result.details } : {}),
      claimed: p.status,
      when: done ? (p.completedAt ?? at) : (p.last?.at ?? (status === 'failed' ? at : undefined)),
      ...(status === 'failed' ? { failingSince: p.failingSince ?? p.last?.at ?? at } : {}),
      attempts: p.attempts,
      hintsUsed: p.hintsShown,
      ...(row.undoneByCleanup ? { cleanedUp: true } : {}),
      ...(row.result.evidence ? { evidence: row.result.evidence } : {}),
      checkRef: s.facilitator?.check ?? {
        name: s.def.check.name,
        params: renderParams(s.def.check.params, { ...i.before.lesson.params, ...i.before.vars }),
      },
    };
  });
  const count = (st: StepStatus): number => steps.filter((s) => s.status === st).length;
  const current = steps.find((s) => !s.optional && s.status !== 'passed' && s.status !== 'skipped');
  // "Now on" is the step the learner is on, as `ecr-tutor status` says it (the engine's rule)
  const here = currentStepId(
    i.before.steps.map((s) => s.def.id),
    i.before,
  );
  const t = i.before.target;
  const report: LearnerReport = {
    kind: REPORT_KIND,
    version: REPORT_VERSION,
    generatedAt: at,
    ...(i.before.learner ? { learner: i.before.learner } : {}),
    lesson: { id: i.before.lesson.id, title: i.before.lesson.title },
    target: {
      kind: t.kind,
      region: t.region,
      ...(t.accountId ? { accountId: t.accountId } : {}),
      ...(t.endpoint ? { endpoint: t.endpoint } : {}),
    },
    ...(here ? { currentStep: here } : {}),
    finished: !current,
    totals: {
      passed: count('passed'),
      skipped: count('skipped'),
      failed: count('failed'),
      notStarted: count('not-started'),
      steps: steps.length,
    },
    steps,
  };
  return redactValue(report, i.redact);
}

const MARK: Record<StepStatus, string> = {
  passed: 'passed',
  skipped: 'skipped (solved by the tutor)',
  failed: 'FAILED',
  'not-started': 'not started',
};

/** A Markdown table cell of outside text (lesson pack, live AWS answers): one safe line. */
const mdCell = (s: string): string => sanitizeLine(s).replace(/\|/g, '\\|');
/** One line of outside text in the Markdown body. */
const md = (s: string | undefined): string => sanitizeLine(s ?? '');

/** The report as Markdown (the default format). */
export function reportMarkdown(r: LearnerReport): string {
  const who = r.learner ? ` for ${md(r.learner)}` : '';
  const lines = [
    `# ${md(r.lesson.title)}: evidence report${who}`,
    '',
    `- Generated: ${md(r.generatedAt)} (every step re-checked against live state)`,
    `- Target: ${md(r.target.kind)}${r.target.accountId ? ` account ${md(r.target.accountId)}` : ''}, ${md(r.target.region)}`,
    `- Completion: ${r.totals.passed} passed, ${r.totals.skipped} skipped, ${r.totals.failed} failed, ${r.totals.notStarted} not started (${r.totals.steps} steps)${r.finished ? ': finished' : ''}`,
    ...(r.currentStep ? [`- Now on: ${md(r.currentStep)}`] : []),
    '',
    '| # | Step | Status | When | Hints | Attempts | Evidence |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  r.steps.forEach((s, n) => {
    const claim =
      s.claimed !== s.status && s.claimed !== 'not-started'
        ? ` (progress file said ${s.claimed})`
        : '';
    lines.push(
      `| ${n + 1} | ${mdCell(s.title)}${s.optional && !/\(optional\)/i.test(s.title) ? ' (optional)' : ''} | ${MARK[s.status]}${claim} | ${md(s.when)} | ${s.hintsUsed} | ${s.attempts} | ${mdCell(s.summary)} |`,
    );
  });
  const failing = r.steps.filter((s) => s.status === 'failed');
  if (failing.length) {
    lines.push('', '## Not passing', '');
    for (const s of failing) {
      lines.push(`- **${md(s.title)}**: ${md(s.summary)}`);
      for (const d of s.details ?? []) lines.push(`  - ${md(d)}`);
    }
  }
  return lines.join('\n') + '\n';
}

const xml = (s: string): string =>
  sanitizeLine(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // characters XML 1.0 does not allow at all
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

/**
 * JUnit XML (one testsuite, one testcase per step) for lab runners and CI: a failed or
 * not-started required step is a failure; skipped or optional-not-started steps are skipped.
 */
export function reportJunit(r: LearnerReport): string {
  const suite = `${r.lesson.id}${r.learner ? `.${r.learner}` : ''}`;
  let failures = 0;
  let skipped = 0;
  const cases = r.steps.map((s, n) => {
    const name = xml(`${String(n + 1).padStart(2, '0')} ${s.id}: ${s.title}`);
    const head = `    <testcase classname="${xml(`ecr-tutor.${suite}`)}" name="${name}" time="0"`;
    const out = `      <system-out>${xml(`check ${s.checkRef.name}: ${s.check}; ${s.summary}; attempts ${s.attempts}; hints ${s.hintsUsed}${s.when ? `; when ${s.when}` : ''}`)}</system-out>\n`;
    if (s.status === 'passed') return `${head}>\n${out}    </testcase>`;
    if (s.status === 'skipped' || (s.optional && s.status === 'not-started')) {
      skipped++;
      const why =
        s.status === 'skipped' ? 'solved by the tutor (skipped)' : 'optional, not started';
      return `${head}>\n      <skipped message="${xml(why)}"/>\n${out}    </testcase>`;
    }
    failures++;
    const type = s.status === 'not-started' ? 'not-started' : 'failed';
    const body = xml([s.summary, ...(s.details ?? [])].join('\n'));
    return `${head}>\n      <failure type="${type}" message="${xml(s.summary)}">${body}</failure>\n${out}    </testcase>`;
  });
  const props = [
    ['learner', r.learner ?? ''],
    ['lesson', r.lesson.id],
    [
      'target',
      `${r.target.kind} ${r.target.accountId ?? ''} ${r.target.region}`.replace(/\s+/g, ' ').trim(),
    ],
  ]
    .map(([k, v]) => `      <property name="${xml(k!)}" value="${xml(v!)}"/>`)
    .join('\n');
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<testsuites name="ecr-tutor" tests="${r.steps.length}" failures="${failures}" errors="0" skipped="${skipped}">\n` +
    `  <testsuite name="${xml(suite)}" tests="${r.steps.length}" failures="${failures}" errors="0" skipped="${skipped}" time="0" timestamp="${xml(r.generatedAt.replace(/\.\d+Z$/, ''))}">\n` +
    `    <properties>\n${props}\n    </properties>\n` +
    cases.join('\n') +
    `\n  </testsuite>\n</testsuites>\n`
  );
}
