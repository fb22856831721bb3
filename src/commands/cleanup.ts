/**
 * `ecr-tutor cleanup [LESSON] [--learner NAME] [--yes]`: lists what the lesson created or
 * changed for the learner (tagged repositories and users, their keys and policies, the
 * repository policy to restore from its backup, test images); changes nothing without --yes;
 * then removes or restores it and checks that it is gone. A second run finds nothing to do.
 */
import type { TargetOptions } from '../aws/target.js';
import { TutorError, UsageError } from '../errors.js';
import type { Io } from '../io.js';

export interface CleanupOptions {
  lesson?: string;
  target: TargetOptions;
  learner?: string;
  yes: boolean;
  lessonsDir?: string;
}

/** Plans the clean-up, prints it, and runs it with --yes. */
export async function runCleanupCommand(io: Io, opts: CleanupOptions): Promise<number> {
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
      `There is no lesson "${opts.lesson ?? ''}".`,
      `Run \`ecr-tutor lessons list\`${all[0] ? ` (e.g. ${all[0].id})` : ''}.`,
    );
  }
  const { lesson } = await loadLesson(summary.dir, { params: paramsFromEnv(env), learner });
  if (!lesson) {
    throw new TutorError(
      `The lesson "${summary.id}" has problems.`,
      `Run \`ecr-tutor lessons validate\` to see them.`,
    );
  }
  if (learner !== undefined) assertLearner(learner, lesson.params);
  const repository = lesson.params.repository;
  const ciUser = lesson.params.ciUser;
  if (!repository || !ciUser) {
    throw new TutorError(
      `The lesson "${lesson.id}" has no repository and ciUser parameters, so the tutor cannot tell what it created.`,
      'Clean-up knows the lessons whose parameters name a repository and a CI user.',
    );
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
    const who = learner ? ` for ${learner}` : '';
    const where = `${target.kind} account ${target.accountId} (${target.region})`;
    let plan;
    try {
      plan = await planCleanup(input);
    } catch (err) {
      const d = describeAwsError(err, session.adviceContext());
      throw new TutorError(`Could not read what the lesson left${who}: ${d.summary}`, d.fix);
    }
    for (const k of plan.kept) io.out(`  keep: ${k}\n`);
    if (!plan.items.length) {
      io.out(
        `Nothing to clean up${who} in the ${where}: the lesson "${lesson.id}" left nothing the tutor made or changed.\n`,
      );
      return 0;
    }
    io.out(`The lesson "${lesson.id}" left${who} in the ${where}:\n`);
    for (const item of plan.items) io.out(`  - ${item.what}\n`);
    if (!opts.yes) {
      io.out('Nothing was changed. Run again with --yes to do the above.\n');
      return 0;
    }
    let outcome;
    try {
      outcome = await runCleanup(input, plan);
    } catch (err) {
      const d = describeAwsError(err, session.adviceContext());
      throw new TutorError(
        `Clean-up stopped part-way: ${d.summary}`,
        `${d.fix} Then run \`ecr-tutor cleanup${learner ? ` --learner ${learner}` : ''} --yes\` again: it picks up what is left.`,
      );
    }
    for (const item of outcome.done) io.out(`  done: ${item.what}\n`);
    if (outcome.leftover.length) {
      io.err(
        `error: after clean-up these are still there:\n${outcome.leftover.map((i) => `  - ${i.what}\n`).join('')}` +
          '  try: run the same command again; if they stay, remove them by hand.\n',
      );
      return 1;
    }
    io.out(`Checked: nothing the lesson made or changed is left${who}.\n`);
    return 0;
  } finally {
    await session.close();
  }
}
