/**
 * `ecr-tutor class DIR [--format md|csv|json]`: the class view over the learners' JSON reports
 * in DIR (`ecr-tutor report --format json --out DIR/NAME.json` on each machine).
 */
import { stat } from 'node:fs/promises';
import { UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { jsonForTerminal, sanitizeLine } from '../text/sanitize.js';

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

/** Prints who is on which step, who is stuck and completion per step. */
export async function runClass(io: Io, opts: ClassOptions): Promise<number> {
  if (!CLASS_FORMATS.includes(opts.format)) {
    throw new UsageError(
      `Unknown class view format "${String(opts.format)}".`,
      `Use --format ${CLASS_FORMATS.join(', --format ')}.`,
    );
  }
  const isDir = await stat(opts.dir).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isDir) {
    throw new UsageError(
      `${opts.dir} is not a folder.`,
      "Collect the learners' reports (`ecr-tutor report --format json --out NAME.json`) in one folder and pass that folder.",
    );
  }
  const { buildClassView, classCsv, classMarkdown, readReports } =
    await import('../instructor/class-view.js');
  const { reports, skippedFiles } = await readReports(opts.dir);
  const view = buildClassView(reports, {
    dir: opts.dir,
    skippedFiles,
    stuck: {
      ...(opts.stuckMinutes !== undefined ? { minutes: opts.stuckMinutes } : {}),
      ...(opts.stuckHints !== undefined ? { hints: opts.stuckHints } : {}),
    },
  });
  for (const f of view.skippedFiles)
    io.err(`skipped ${sanitizeLine(f.file)}: ${sanitizeLine(f.why)}\n`);
  if (!view.learners.length) {
    io.err(
      `error: no learner reports in ${opts.dir}.\n  try: on each learner's machine run \`ecr-tutor report --format json --out ${opts.dir}/NAME.json\`, then collect the files there.\n`,
    );
    return 1;
  }
  if (opts.format === 'json') io.out(jsonForTerminal(view, null, 2) + '\n');
  else if (opts.format === 'csv') io.out(classCsv(view, reports));
  else io.out(classMarkdown(view));
  return 0;
}
