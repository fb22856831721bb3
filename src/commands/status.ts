import type { Io } from '../io.js';
import type { TargetOptions } from '../aws/target.js';
import { learnerOption, openTargetProgress } from './progress-target.js';
import { jsonForTerminal, sanitizeLine } from '../text/sanitize.js';

/** `ecr-tutor status`: saved progress of every lesson for the chosen target (no checks run). */
export async function runStatus(
  io: Io,
  opts: {
    target: TargetOptions;
    json: boolean;
    lessonsDir?: string;
    learner?: string;
    facilitator?: boolean;
  },
): Promise<number> {
  const { listLessonsIn, loadLesson } = await import('../engine/index.js');
  const { renderValue } = await import('../engine/template.js');
  const { describeRef } = await import('../instructor/facilitator.js');
  const learner = await learnerOption(opts.learner);
  const { target, store } = await openTargetProgress(io, opts.target, learner);
  const lessons = [];
  for (const summary of await listLessonsIn(opts.lessonsDir)) {
    const { lesson } = await loadLesson(summary.dir, { learner });
    if (!lesson) continue;
    const p = store.has(lesson.id) ? store.lesson(lesson.id) : undefined;
    const steps = lesson.steps.map((s) => ({
      id: s.id,
      title: s.title,
      optional: Boolean(s.optional),
      status: p?.steps[s.id]?.status ?? 'not-started',
      attempts: p?.steps[s.id]?.attempts ?? 0,
      completedAt: p?.steps[s.id]?.completedAt,
      // facilitators see the exact check each step runs
      ...(opts.facilitator
        ? {
            check: {
              name: s.check.name,
              params: renderValue(s.check.params, { ...lesson.params, ...(p?.vars ?? {}) }),
            },
          }
        : {}),
    }));
    const done = steps.filter((s) => s.status === 'passed' || s.status === 'skipped').length;
    const finished = steps.every(
      (s) => s.optional || s.status === 'passed' || s.status === 'skipped',
    );
    lessons.push({
      id: lesson.id,
      title: lesson.title,
      started: Boolean(p),
      currentStep: p ? lesson.steps[p.currentIndex]?.id : undefined,
      done,
      total: steps.length,
      finished,
      steps,
    });
  }
  if (opts.json) {
    io.out(
      jsonForTerminal(
        { target, ...(learner ? { learner } : {}), progressFile: store.file, lessons },
        null,
        2,
      ) + '\n',
    );
    return 0;
  }
  io.out(
    `Progress${learner ? ` of ${sanitizeLine(learner)}` : ''} for ${target.kind === 'sandbox' ? 'the sandbox' : target.kind} account ${target.accountId} (${target.region}):\n`,
  );
  for (const l of lessons) {
    if (!l.started) {
      io.out(`  ${sanitizeLine(l.title)}: not started\n`);
      continue;
    }
    io.out(
      `  ${sanitizeLine(l.title)}: ${l.done}/${l.total} steps done${l.finished ? ' (finished)' : ''}\n`,
    );
    for (const s of l.steps) {
      const mark =
        s.status === 'passed'
          ? 'x'
          : s.status === 'skipped'
            ? 's'
            : s.status === 'failed'
              ? '!'
              : ' ';
      io.out(
        `    [${mark}] ${sanitizeLine(s.title)}${s.status === 'skipped' ? ' (skipped: solved by the tutor)' : ''}${l.currentStep === s.id ? '   <- you are here' : ''}\n`,
      );
      if ('check' in s && s.check)
        io.out(
          `        check: ${sanitizeLine(describeRef(s.check as { name: string; params: Record<string, unknown> }))}\n`,
        );
    }
  }
  return 0;
}
