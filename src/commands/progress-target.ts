/** Shared opening of the commands that read or change saved progress (status, reset). */
import type { TargetOptions } from '../aws/target.js';
import type { ProgressStore } from '../app/index.js';
import type { TargetInfo } from '../engine/types.js';
import { TutorError } from '../errors.js';
import type { Io } from '../io.js';
import { t } from '../i18n/index.js';

/** The learner from --learner or the environment, refused early when it is not a valid name. */
export async function learnerOption(raw: string | undefined): Promise<string | undefined> {
  const { assertLearner, learnerFrom } = await import('../instructor/learner.js');
  const learner = learnerFrom(raw, process.env);
  if (learner !== undefined) assertLearner(learner);
  return learner;
}

/**
 * The target's account (without starting the sandbox) and the learner's progress file for it;
 * notes about a progress file that was set aside go to stderr.
 */
export async function openTargetProgress(
  io: Io,
  targetOptions: TargetOptions,
  learner: string | undefined,
): Promise<{ target: TargetInfo; store: ProgressStore }> {
  const { ProgressStore } = await import('../app/index.js');
  const { adviceForTarget, quietTargetInfo } = await import('../aws/session.js');
  const { describeAwsError } = await import('../aws/errors.js');
  const { tutorPaths } = await import('../paths.js');
  let target;
  try {
    target = await quietTargetInfo(targetOptions);
  } catch (err) {
    if (err instanceof TutorError) throw err;
    const d = describeAwsError(err, adviceForTarget(targetOptions));
    throw new TutorError(d.summary, d.fix);
  }
  const store = await ProgressStore.open(tutorPaths().state, target, undefined, { learner });
  for (const n of store.notices) io.err(`${t('cmd.note', { text: n })}\n`);
  return { target, store };
}
