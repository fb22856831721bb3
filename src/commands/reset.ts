import type { Io } from '../io.js';
import type { TargetOptions } from '../aws/target.js';
import { UsageError } from '../errors.js';
import { learnerOption, openTargetProgress } from './progress-target.js';

/** `ecr-tutor reset [LESSON]`: forgets saved progress for the target; AWS is not touched. */
export async function runReset(
  io: Io,
  opts: { lesson?: string; target: TargetOptions; lessonsDir?: string; learner?: string },
): Promise<number> {
  const { listLessonsIn } = await import('../app/index.js');
  const learner = await learnerOption(opts.learner);
  if (opts.lesson) {
    const all = await listLessonsIn(opts.lessonsDir);
    if (!all.some((l) => l.id === opts.lesson)) {
      throw new UsageError(
        `There is no lesson "${opts.lesson}".`,
        `Run \`ecr-tutor lessons list\`${all[0] ? ` (e.g. ${all[0].id})` : ''}.`,
      );
    }
  }
  const { target, store } = await openTargetProgress(io, opts.target, learner);
  store.reset(opts.lesson);
  await store.save();
  io.out(
    `Forgot your progress in ${opts.lesson ? `the lesson ${opts.lesson}` : 'every lesson'}${learner ? ` of ${learner}` : ''} for ${target.kind} account ${target.accountId} (${target.region}).\n` +
      "Your AWS resources were not touched (to undo the lesson's changes, do its clean-up step first).\n",
  );
  return 0;
}
