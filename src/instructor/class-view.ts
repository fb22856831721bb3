/**
 * The class view: many learners' JSON reports (from `ecr-tutor report --format json`) read from
 * one folder and summed up: who is on which step, who is stuck, completion per step. Files
 * that are not reports (or are broken) are named and skipped, never fatal.
 */
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { StepStatus } from '../engine/types.js';
import { csvCell, sanitizeLine } from '../text/sanitize.js';
import { t } from '../i18n/index.js';
import { REPORT_KIND, REPORT_VERSION, type LearnerReport } from './report.js';

export interface StuckRules {
  /** a step failing for at least this long (by the report's own clock) is stuck; default 15 */
  minutes: number;
  /** this many hints on the current step is stuck; default 3 (all of them: the answer) */
  hints: number;
  /** this many failed attempts on the current step is stuck; default 5 */
  attempts: number;
}

export const DEFAULT_STUCK: StuckRules = { minutes: 15, hints: 3, attempts: 5 };

export interface LearnerRow {
  learner: string;
  file: string;
  lesson: string;
  /** the step they are on (first required step not done), or "finished" */
  currentStep: string;
  currentStatus: StepStatus | 'finished';
  done: number;
  steps: number;
  stuck: boolean;
  /** why they count as stuck, in words */
  stuckReasons: string[];
  generatedAt: string;
}

export interface StepColumn {
  lesson: string;
  id: string;
  title: string;
  passed: number;
  skipped: number;
  failed: number;
  notStarted: number;
  /** passed + skipped over learners, 0..100 */
  completionPercent: number;
  /** learners whose current step this is */
  onIt: string[];
}

export interface ClassView {
  generatedFrom: string;
  learners: LearnerRow[];
  steps: StepColumn[];
  /** files that were not usable reports, with why */
  skippedFiles: Array<{ file: string; why: string }>;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Why a parsed file is not a learner report (undefined = it is one). */
export function reportProblem(v: unknown): string | undefined {
  if (!isRecord(v)) return t('class.problem.notObject');
  if (v.kind !== REPORT_KIND)
    return t('class.problem.notReport', { kind: String(JSON.stringify(v.kind)) });
  if (v.version !== REPORT_VERSION)
    return t('class.problem.version', { version: String(v.version), reads: REPORT_VERSION });
  if (!isRecord(v.lesson) || typeof v.lesson.id !== 'string')
    return t('class.problem.missing', { field: 'lesson' });
  if (!Array.isArray(v.steps)) return t('class.problem.missing', { field: 'steps' });
  for (const s of v.steps) {
    if (!isRecord(s) || typeof s.id !== 'string' || typeof s.status !== 'string')
      return t('class.problem.badStep');
  }
  if (typeof v.generatedAt !== 'string' || Number.isNaN(Date.parse(v.generatedAt)))
    return t('class.problem.noTime');
  return undefined;
}

/** Reads every *.json file of `dir` (not recursive); other files are ignored silently. */
export async function readReports(dir: string): Promise<{
  reports: Array<{ file: string; report: LearnerReport }>;
  skippedFiles: ClassView['skippedFiles'];
}> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  const reports: Array<{ file: string; report: LearnerReport }> = [];
  const skippedFiles: ClassView['skippedFiles'] = [];
  for (const n of names) {
    const file = join(dir, n);
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(file, 'utf8'));
    } catch (err) {
      skippedFiles.push({
        file,
        why: t('class.problem.notJson', { why: (err as Error).message.split('\n')[0] ?? '' }),
      });
      continue;
    }
    const problem = reportProblem(parsed);
    if (problem) skippedFiles.push({ file, why: problem });
    else reports.push({ file, report: parsed as LearnerReport });
  }
  return { reports, skippedFiles };
}

/** Sums up the reports. The newest report of a learner wins; older ones are listed as skipped. */
export function buildClassView(
  input: Array<{ file: string; report: LearnerReport }>,
  o: {
    dir: string;
    stuck?: Partial<StuckRules>;
    skippedFiles?: ClassView['skippedFiles'];
    /** a step's title in the instructor's language (built-in lessons), else the report's own */
    stepTitle?: (lesson: string, step: string) => string | undefined;
  },
): ClassView {
  const rules = { ...DEFAULT_STUCK, ...(o.stuck ?? {}) };
  const skippedFiles = [...(o.skippedFiles ?? [])];
  const latest = new Map<string, { file: string; report: LearnerReport }>();
  for (const x of input) {
    const who = `${x.report.lesson.id}\u0000${x.report.learner ?? basename(x.file, '.json')}`;
    const prev = latest.get(who);
    if (!prev || Date.parse(x.report.generatedAt) > Date.parse(prev.report.generatedAt)) {
      if (prev)
        skippedFiles.push({
          file: prev.file,
          why: t('class.problem.older', { newer: x.file }),
        });
      latest.set(who, x);
    } else
      skippedFiles.push({
        file: x.file,
        why: t('class.problem.older', { newer: prev.file }),
      });
  }
  const learners: LearnerRow[] = [];
  const columns = new Map<string, StepColumn>();
  for (const { file, report: r } of latest.values()) {
    const name = r.learner ?? basename(file, '.json');
    const current = r.steps.find(
      (s) => !s.optional && s.status !== 'passed' && s.status !== 'skipped',
    );
    const reasons: string[] = [];
    if (current && current.status === 'failed') {
      const since = current.failingSince ? Date.parse(current.failingSince) : NaN;
      const mins = (Date.parse(r.generatedAt) - since) / 60_000;
      if (Number.isFinite(mins) && mins >= rules.minutes)
        reasons.push(t('class.stuck.failing', { step: current.id, minutes: Math.floor(mins) }));
      if (current.attempts >= rules.attempts)
        reasons.push(t('class.stuck.attempts', { step: current.id, count: current.attempts }));
    }
    if (current && current.hintsUsed >= rules.hints)
      reasons.push(t('class.stuck.hints', { step: current.id, count: current.hintsUsed }));
    learners.push({
      learner: name,
      file,
      lesson: r.lesson.id,
      currentStep: current?.id ?? 'finished',
      currentStatus: current?.status ?? 'finished',
      done: r.steps.filter((s) => s.status === 'passed' || s.status === 'skipped').length,
      steps: r.steps.length,
      stuck: reasons.length > 0,
      stuckReasons: reasons,
      generatedAt: r.generatedAt,
    });
    for (const s of r.steps) {
      const key = `${r.lesson.id}\u0000${s.id}`;
      let c = columns.get(key);
      if (!c) {
        c = {
          lesson: r.lesson.id,
          id: s.id,
          title: o.stepTitle?.(r.lesson.id, s.id) ?? s.title,
          passed: 0,
          skipped: 0,
          failed: 0,
          notStarted: 0,
          completionPercent: 0,
          onIt: [],
        };
        columns.set(key, c);
      }
      if (s.status === 'passed') c.passed++;
      else if (s.status === 'skipped') c.skipped++;
      else if (s.status === 'failed') c.failed++;
      else c.notStarted++;
      if (current?.id === s.id) c.onIt.push(name);
    }
  }
  for (const c of columns.values()) {
    const n = c.passed + c.skipped + c.failed + c.notStarted;
    c.completionPercent = n ? Math.round(((c.passed + c.skipped) * 100) / n) : 0;
  }
  learners.sort((a, b) => Number(b.stuck) - Number(a.stuck) || a.learner.localeCompare(b.learner));
  return { generatedFrom: o.dir, learners, steps: [...columns.values()], skippedFiles };
}

/** A Markdown table cell of a learner's text (reports are someone else's files): one safe line. */
const cell = (s: string | number | boolean): string =>
  sanitizeLine(String(s)).replace(/\|/g, '\\|');

/** The class view as Markdown. */
export function classMarkdown(v: ClassView): string {
  const out = [
    `# ${t('class.md.title', { count: v.learners.length, dir: cell(v.generatedFrom) })}`,
    '',
  ];
  const stuck = v.learners.filter((l) => l.stuck);
  out.push(
    stuck.length
      ? t('class.md.stuck', {
          who: stuck
            .map((l) =>
              t('class.md.stuckOne', {
                learner: cell(l.learner),
                reasons: cell(l.stuckReasons.join('; ')),
              }),
            )
            .join(', '),
        })
      : t('class.md.nobodyStuck'),
    '',
  );
  out.push(t('class.md.learnersHead'), '| --- | --- | --- | --- | --- | --- | --- |');
  for (const l of v.learners) {
    const finished = l.currentStatus === 'finished';
    out.push(
      `| ${cell(l.learner)} | ${cell(l.lesson)} | ${finished ? t('class.md.finished') : cell(l.currentStep)} | ${t('class.md.status', { status: l.currentStatus.replace(/-/g, '_'), raw: cell(l.currentStatus) })} | ${l.done}/${l.steps} | ${l.stuck ? t('class.md.stuckYes', { reasons: cell(l.stuckReasons.join('; ')) }) : t('class.md.stuckNo')} | ${cell(l.generatedAt)} |`,
    );
  }
  out.push(
    '',
    `## ${t('class.md.perStep')}`,
    '',
    t('class.md.stepsHead'),
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const c of v.steps) {
    out.push(
      `| ${cell(c.lesson)} | ${cell(c.title)} | ${c.passed} | ${c.skipped} | ${c.failed} | ${c.notStarted} | ${c.completionPercent}% | ${cell(c.onIt.join(', '))} |`,
    );
  }
  if (v.skippedFiles.length) {
    out.push('', `## ${t('class.md.skippedFiles')}`, '');
    for (const f of v.skippedFiles) out.push(`- ${cell(f.file)}: ${cell(f.why)}`);
  }
  return out.join('\n') + '\n';
}

/** One CSV field: RFC 4180 quoting, formula injection neutralised (OWASP), controls removed. */
const csvField = (s: string | number | boolean): string => csvCell(s);

/** The class view as CSV: one row per learner, one column per step status. */
export function classCsv(
  v: ClassView,
  reports: Array<{ file: string; report: LearnerReport }>,
): string {
  const stepIds = v.steps.map((c) => `${c.lesson}:${c.id}`);
  const header = [
    'learner',
    'lesson',
    'current_step',
    'current_status',
    'done',
    'steps',
    'stuck',
    'stuck_reasons',
    'report_time',
    ...stepIds,
  ];
  const rows = [header.map(csvField).join(',')];
  for (const l of v.learners) {
    const r = reports.find((x) => x.file === l.file)?.report;
    const statusOf = (key: string): string => {
      const [lesson, id] = key.split(':');
      return r && r.lesson.id === lesson ? (r.steps.find((s) => s.id === id)?.status ?? '') : '';
    };
    rows.push(
      [
        l.learner,
        l.lesson,
        l.currentStep,
        l.currentStatus,
        l.done,
        l.steps,
        l.stuck,
        l.stuckReasons.join('; '),
        l.generatedAt,
        ...stepIds.map(statusOf),
      ]
        .map(csvField)
        .join(','),
    );
  }
  return rows.join('\n') + '\n';
}
