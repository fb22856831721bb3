import type { Io } from '../io.js';
import type { TargetOptions } from '../aws/target.js';
import { learnerOption, openTargetProgress } from './progress-target.js';
import { currentStepId, isDone, isStale, lessonFinished } from '../engine/rules.js';
import { jsonForTerminal, sanitizeLine } from '../text/sanitize.js';
import { t } from '../i18n/index.js';
import { humanIo } from './human-io.js';

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
  const { listLessonsIn, loadLesson } = await import('../app/index.js');
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
      // was done, and the last re-check found it failing
      ...(isStale(p?.steps[s.id]) ? { stale: true } : {}),
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
    const rows = lesson.steps.map((s) => ({
      def: s,
      progress: p?.steps[s.id] ?? { status: 'not-started' as const, attempts: 0, hintsShown: 0 },
    }));
    const done = rows.filter((r) => isDone(r.progress)).length;
    const finished = lessonFinished(rows);
    lessons.push({
      id: lesson.id,
      title: lesson.title,
      started: Boolean(p),
      currentStep: currentStepId(
        lesson.steps.map((s) => s.id),
        p,
      ),
      done,
      total: steps.length,
      finished,
      steps,
    });
  }
  if (opts.json) {
    io.out(
      jsonForTerminal(
        {
          target,
          ...(learner ? { learner } : {}),
          progressFile: store.file,
          // what was saved at the last check, not a live check (that is `ecr-tutor check`)
          saved: true,
          lessons,
        },
        null,
        2,
      ) + '\n',
    );
    return 0;
  }
  io = humanIo(io);
  io.out(
    `${t(learner ? 'status.headingLearner' : 'status.heading', {
      learner: sanitizeLine(learner ?? ''),
      target: target.kind,
      account: target.accountId ?? '?',
      region: target.region,
    })}\n` + `  ${t('status.notChecked')}\n`,
  );
  for (const l of lessons) {
    const title = sanitizeLine(l.title);
    if (!l.started) {
      io.out(`  ${t('status.notStarted', { title })}\n`);
      continue;
    }
    io.out(
      `  ${t('status.lesson', { title, done: l.done, total: l.total, finished: l.finished ? 'yes' : 'no' })}\n`,
    );
    for (const s of l.steps) {
      const mark =
        'stale' in s
          ? '~'
          : s.status === 'passed'
            ? 'x'
            : s.status === 'skipped'
              ? 's'
              : s.status === 'failed'
                ? '!'
                : ' ';
      const stepTitle = sanitizeLine(s.title);
      const line =
        'stale' in s
          ? t('status.step.stale', { title: stepTitle })
          : s.status === 'skipped'
            ? t('status.step.skipped', { title: stepTitle })
            : stepTitle;
      io.out(`    [${mark}] ${l.currentStep === s.id ? t('status.step.here', { line }) : line}\n`);
      if ('check' in s && s.check)
        io.out(
          `        ${t('cmd.check.check', { check: sanitizeLine(describeRef(s.check as { name: string; params: Record<string, unknown> })) })}\n`,
        );
    }
  }
  return 0;
}
