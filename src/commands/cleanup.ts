/**
 * `ecr-tutor cleanup [LESSON] [--learner NAME] [--yes]`: lists what the lesson created or
 * changed for the learner (tagged repositories and users, their keys and policies, the
 * repository policy to restore from its backup, test images); changes nothing without --yes;
 * then removes or restores it and checks that it is gone. A second run finds nothing to do.
 */
import type { TargetOptions } from '../aws/target.js';
import { TutorError, UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { t } from '../i18n/index.js';
import { humanIo } from './human-io.js';

export interface CleanupOptions {
  lesson?: string;
  target: TargetOptions;
  learner?: string;
  yes: boolean;
  lessonsDir?: string;
}

/** Plans the clean-up, prints it, and runs it with --yes. */
export async function runCleanupCommand(rawIo: Io, opts: CleanupOptions): Promise<number> {
  const io = humanIo(rawIo);
  const env = process.env;
  const { listLessonsIn, loadLesson, paramsFromEnv, ProgressStore } =
    await import('../app/index.js');
  const { assertLearner, learnerFrom } = await import('../instructor/learner.js');
  const { planCleanup, runCleanup } = await import('../instructor/cleanup.js');
  const { openSession, describeTarget } = await import('../aws/session.js');
  const { describeAwsError } = await import('../aws/errors.js');
  const { tutorPaths } = await import('../paths.js');
  const learner = learnerFrom(opts.learner, env);
  if (learner !== undefined) assertLearner(learner);
  const all = await listLessonsIn(opts.lessonsDir);
  const summary = opts.lesson ? all.find((l) => l.id === opts.lesson) : all[0];
  if (!summary) {
    throw new UsageError(
      t('lessons.noSuch', { lesson: opts.lesson ?? '' }),
      all[0] ? t('lessons.noSuchTryExample', { example: all[0].id }) : t('lessons.noSuchTry'),
    );
  }
  const { lesson } = await loadLesson(summary.dir, { params: paramsFromEnv(env), learner });
  if (!lesson) {
    throw new TutorError(
      t('lessons.hasProblems', { lesson: summary.id }),
      t('lessons.hasProblemsTry'),
    );
  }
  if (learner !== undefined) assertLearner(learner, lesson.params);
  const repository = lesson.params.repository;
  const ciUser = lesson.params.ciUser;
  if (!repository || !ciUser) {
    throw new TutorError(t('cleanup.noParams', { lesson: lesson.id }), t('cleanup.noParamsTry'));
  }
  const session = await openSession(opts.target, { env });
  try {
    let target;
    try {
      target = await describeTarget(session);
    } catch (err) {
      const d = describeAwsError(err, session.adviceContext());
      throw new TutorError(d.summary, d.fix);
    }
    const store = await ProgressStore.open(tutorPaths(env).state, target, undefined, { learner });
    const vars = store.has(lesson.id) ? { ...store.lesson(lesson.id).vars } : {};
    const input = {
      session,
      lessonId: lesson.id,
      learner: learner ?? '',
      repository,
      ciUser,
      vars,
      dataDir: tutorPaths(env).data,
      tempKeys: target.accountId
        ? { dataDir: tutorPaths(env).data, accountId: target.accountId }
        : undefined,
    };
    // who and where, as every message below names them
    const words = {
      who: learner ? 'yes' : 'no',
      learner: learner ?? '',
      kind: target.kind,
      account: target.accountId ?? '?',
      region: target.region,
      lesson: lesson.id,
    };
    let plan;
    try {
      plan = await planCleanup(input);
    } catch (err) {
      const d = describeAwsError(err, session.adviceContext());
      throw new TutorError(t('cleanup.couldNotRead', { ...words, summary: d.summary }), d.fix);
    }
    for (const k of plan.kept) io.out(`  ${t('cleanup.keep', { what: k })}\n`);
    if (!plan.items.length) {
      io.out(`${t('cleanup.nothing', words)}\n`);
      return 0;
    }
    io.out(`${t('cleanup.left', words)}\n`);
    for (const item of plan.items) io.out(`  - ${item.what}\n`);
    if (!opts.yes) {
      io.out(`${t('cleanup.dryRun')}\n`);
      return 0;
    }
    let outcome;
    try {
      outcome = await runCleanup(input, plan);
    } catch (err) {
      const d = describeAwsError(err, session.adviceContext());
      throw new TutorError(
        t('cleanup.stopped', { summary: d.summary }),
        t('cleanup.stoppedTry', {
          fix: d.fix ?? '',
          command: `ecr-tutor cleanup${learner ? ` --learner ${learner}` : ''} --yes`,
        }),
      );
    }
    for (const item of outcome.done) io.out(`  ${t('cleanup.done', { what: item.what })}\n`);
    if (outcome.leftover.length) {
      io.err(
        `${t('error.label', { message: t('cleanup.leftover') })}\n${outcome.leftover.map((i) => `  - ${i.what}\n`).join('')}` +
          `${t('error.try', { tryMessage: t('cleanup.leftoverTry') })}\n`,
      );
      return 1;
    }
    io.out(`${t('cleanup.checked', words)}\n`);
    return 0;
  } finally {
    await session.close();
  }
}
