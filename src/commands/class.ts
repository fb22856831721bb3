/**
 * `ecr-tutor class DIR [--format md|csv|json]`: the class view over the learners' JSON reports
 * in DIR (`ecr-tutor report --format json --out DIR/NAME.json` on each machine).
 */
import { stat } from 'node:fs/promises';
import { UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { jsonForTerminal, sanitizeLine } from '../text/sanitize.js';
import { t } from '../i18n/index.js';

export type ClassFormat = 'md' | 'csv' | 'json';
export const CLASS_FORMATS: readonly ClassFormat[] = ['md', 'csv', 'json'];

export interface ClassOptions {
  dir: string;
  format: ClassFormat;
  /** minutes a step must fail before its learner counts as stuck */
  stuckMinutes?: number;
  /** hints on one step that make a learner count as stuck */
  stuckHints?: number;
}

/**
 * The step titles of the built-in lessons in the instructor's language: learners' reports carry
 * the titles in each learner's language, and one table reads better in one language.
 */
async function builtinStepTitles(): Promise<Map<string, string>> {
  const { listLessonsIn, loadLesson } = await import('../app/index.js');
  const out = new Map<string, string>();
  for (const summary of await listLessonsIn()) {
    const { lesson } = await loadLesson(summary.dir);
    for (const s of lesson?.steps ?? []) out.set(`${lesson!.id}\u0000${s.id}`, s.title);
  }
  return out;
}

/** Prints who is on which step, who is stuck and completion per step. */
export async function runClass(io: Io, opts: ClassOptions): Promise<number> {
  if (!CLASS_FORMATS.includes(opts.format)) {
    throw new UsageError(
      t('class.unknownFormat', { format: String(opts.format) }),
      t('class.unknownFormatTry', { formats: `--format ${CLASS_FORMATS.join(', --format ')}` }),
    );
  }
  const isDir = await stat(opts.dir).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isDir) {
    throw new UsageError(t('class.notFolder', { dir: opts.dir }), t('class.notFolderTry'));
  }
  const { buildClassView, classCsv, classMarkdown, readReports } =
    await import('../instructor/class-view.js');
  const { reports, skippedFiles } = await readReports(opts.dir);
  const titles = await builtinStepTitles();
  const view = buildClassView(reports, {
    dir: opts.dir,
    skippedFiles,
    stepTitle: (lesson, step) => titles.get(`${lesson}\u0000${step}`),
    stuck: {
      ...(opts.stuckMinutes !== undefined ? { minutes: opts.stuckMinutes } : {}),
      ...(opts.stuckHints !== undefined ? { hints: opts.stuckHints } : {}),
    },
  });
  for (const f of view.skippedFiles)
    io.err(`${t('class.skippedFile', { file: sanitizeLine(f.file), why: sanitizeLine(f.why) })}\n`);
  if (!view.learners.length) {
    io.err(
      `${t('error.label', { message: t('class.noReports', { dir: opts.dir }) })}\n` +
        `${t('error.try', { tryMessage: t('class.noReportsTry', { dir: opts.dir }) })}\n`,
    );
    return 1;
  }
  if (opts.format === 'json') io.out(jsonForTerminal(view, null, 2) + '\n');
  else if (opts.format === 'csv') io.out(classCsv(view, reports));
  else io.out(classMarkdown(view));
  return 0;
}
