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
import { t } from '../i18n/index.js';
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
      summary: row.undoneByCleanup ? t('report.cleanedUpSummary') : row.result.summary,
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
  const tg = i.before.target;
  const report: LearnerReport = {
    kind: REPORT_KIND,
    version: REPORT_VERSION,
    generatedAt: at,
    ...(i.before.learner ? { learner: i.before.learner } : {}),
    lesson: { id: i.before.lesson.id, title: i.before.lesson.title },
    target: {
      kind: tg.kind,
      region: tg.region,
      ...(tg.accountId ? { accountId: tg.accountId } : {}),
      ...(tg.endpoint ? { endpoint: tg.endpoint } : {}),
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

/** A step's status as the Markdown report names it. */
const mark = (status: StepStatus): string => t('report.md.status', { status });

/** A Markdown table cell of outside text (lesson pack, live AWS answers): one safe line. */
const mdCell = (s: string): string => sanitizeLine(s).replace(/\|/g, '\\|');
/** One line of outside text in the Markdown body. */
const md = (s: string | undefined): string => sanitizeLine(s ?? '');

/** The report as Markdown (the default format). */
export function reportMarkdown(r: LearnerReport): string {
  const title = md(r.lesson.title);
  const t0 = r.totals;
  const lines = [
    `# ${r.learner ? t('report.md.titleLearner', { title, learner: md(r.learner) }) : t('report.md.title', { title })}`,
    '',
    `- ${t('report.md.generated', { at: md(r.generatedAt) })}`,
    `- ${
      r.target.accountId
        ? t('report.md.target', {
            kind: md(r.target.kind),
            account: md(r.target.accountId),
            region: md(r.target.region),
          })
        : t('report.md.targetNoAccount', { kind: md(r.target.kind), region: md(r.target.region) })
    }`,
    `- ${t('report.md.completion', { ...t0, finished: r.finished ? 'yes' : 'no' })}`,
    ...(r.currentStep ? [`- ${t('report.md.nowOn', { step: md(r.currentStep) })}`] : []),
    '',
    t('report.md.tableHead'),
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  const optional = t('tui.pane.optional').toLowerCase();
  r.steps.forEach((s, n) => {
    const status =
      s.claimed !== s.status && s.claimed !== 'not-started'
        ? t('report.md.claimed', { status: mark(s.status), claimed: s.claimed })
        : mark(s.status);
    const stepTitle = mdCell(s.title);
    const titleCell =
      s.optional && !stepTitle.toLowerCase().includes(optional)
        ? t('report.md.optionalTitle', { title: stepTitle })
        : stepTitle;
    lines.push(
      `| ${n + 1} | ${titleCell} | ${status} | ${md(s.when)} | ${s.hintsUsed} | ${s.attempts} | ${mdCell(s.summary)} |`,
    );
  });
  const failing = r.steps.filter((s) => s.status === 'failed');
  if (failing.length) {
    lines.push('', `## ${t('report.md.notPassing')}`, '');
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
    const out = `      <system-out>${xml(
      t(s.when ? 'report.junit.outWhen' : 'report.junit.out', {
        check: s.checkRef.name,
        status: s.check,
        summary: s.summary,
        attempts: s.attempts,
        hints: s.hintsUsed,
        when: s.when ?? '',
      }),
    )}</system-out>\n`;
    if (s.status === 'passed') return `${head}>\n${out}    </testcase>`;
    if (s.status === 'skipped' || (s.optional && s.status === 'not-started')) {
      skipped++;
      const why = t(
        s.status === 'skipped' ? 'report.junit.skippedSolved' : 'report.junit.skippedOptional',
      );
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
