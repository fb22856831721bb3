import type { Io } from '../io.js';
import type { TargetOptions } from '../aws/target.js';
import { TutorError, UsageError } from '../errors.js';

/** `ecr-tutor reset [LESSON]`: forgets saved progress for the target; AWS is not touched. */
export async function runReset(
  io: Io,
  opts: { lesson?: string; target: TargetOptions; lessonsDir?: string; learner?: string },
): Promise<number> {
  const { listLessonsIn, ProgressStore } = await import('../engine/index.js');
  const { quietTargetInfo } = await import('../aws/session.js');
  const { describeAwsError } = await import('../aws/errors.js');
  const { tutorPaths } = await import('../paths.js');
  const { assertLearner, learnerFrom } = await import('../instructor/learner.js');
  const learner = learnerFrom(opts.learner, process.env);
  if (learner !== undefined) assertLearner(learner);
  if (opts.lesson) {
    const all = await listLessonsIn(opts.lessonsDir);
    if (!all.some((l) => l.id === opts.lesson)) {
      throw new UsageError(
        `There is no lesson "${opts.lesson}".`,
        `Run \`ecr-tutor lessons list\`${all[0] ? ` (e.g. ${all[0].id})` : ''}.`,
      );
    }
  }
  let target;
  try {
    target = await quietTargetInfo(opts.target);
  } catch (err) {
    if (err instanceof TutorError) throw err;
    const d = describeAwsError(err);
    throw new TutorError(d.summary, d.fix);
  }
  const store = await ProgressStore.open(tutorPaths().state, target, undefined, { learner });
  for (const n of store.notices) io.err(`note: ${n}\n`);
  store.reset(opts.lesson);
  await store.save();
  io.out(
    `Forgot your progress in ${opts.lesson ? `the lesson ${opts.lesson}` : 'every lesson'}${learner ? ` of ${learner}` : ''} for ${target.kind} account ${target.accountId} (${target.region}).\n` +
      "Your AWS resources were not touched (to undo the lesson's changes, do its clean-up step first).\n",
  );
  return 0;
}
