/**
 * `ecr-tutor report [LESSON] [--format md|json|junit] [--show-account] [--out FILE]`: the
 * learner's evidence report, rebuilt from live state (every check re-run). Exit 0 when the
 * report was written, whatever it says: it is evidence, not a gate (`check` is the gate).
 */
import writeFileAtomic from 'write-file-atomic';
import type { TargetOptions } from '../aws/target.js';
import { UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { jsonForTerminal } from '../text/sanitize.js';
import { t } from '../i18n/index.js';
import { humanIo } from './human-io.js';

export type ReportFormat = 'md' | 'json' | 'junit';
export const REPORT_FORMATS: readonly ReportFormat[] = ['md', 'json', 'junit'];

export interface ReportOptions {
  lesson?: string;
  target: TargetOptions;
  format: ReportFormat;
  showAccount: boolean;
  out?: string;
  lessonsDir?: string;
  learner?: string;
  facilitator?: boolean;
}

/** Builds the report of one learner and prints it (or writes it to --out). */
export async function runReport(io: Io, opts: ReportOptions): Promise<number> {
  if (!REPORT_FORMATS.includes(opts.format)) {
    throw new UsageError(
      t('report.unknownFormat', { format: String(opts.format) }),
      t('report.unknownFormatTry', { formats: `--format ${REPORT_FORMATS.join(', --format ')}` }),
    );
  }
  const { openLesson } = await import('../app/index.js');
  const { liveReport } = await import('../instructor/live-report.js');
  const { reportJunit, reportMarkdown } = await import('../instructor/report.js');
  const engine = await openLesson({
    lessonId: opts.lesson,
    lessonsDir: opts.lessonsDir,
    target: opts.target,
    learner: opts.learner,
    facilitator: opts.facilitator,
    // a report only reads: no starter file written wherever it runs, no progress file touched
    prepareOnOpen: false,
    readOnly: true,
  });
  let text: string;
  try {
    for (const n of engine.snapshot().notices ?? []) io.err(`${t('cmd.note', { text: n })}\n`);
    const report = await liveReport(engine, { redact: { showAccount: opts.showAccount } });
    text =
      opts.format === 'json'
        ? jsonForTerminal(report, null, 2) + '\n'
        : opts.format === 'junit'
          ? reportJunit(report)
          : reportMarkdown(report);
  } finally {
    await engine.close();
  }
  if (opts.out) {
    await writeFileAtomic(opts.out, text);
    io.err(`${t('report.wrote', { file: opts.out })}\n`);
  } else if (opts.format === 'md') {
    // read in a terminal: its sentences wrap at spaces; table rows stay whole (valid Markdown)
    humanIo(io, { keep: (line) => line.startsWith('|') }).out(text);
  } else io.out(text);
  return 0;
}
