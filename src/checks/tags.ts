/**
 * The tags on everything the tutor creates, so an instructor's clean-up can find it later and
 * never touches what the tutor did not create. (IAM access keys cannot be tagged: the tutor
 * only removes the keys of users it created itself.)
 */
import type { LabContext } from './types.js';

export const TAG_TUTOR = 'ecr-tutor';
export const TAG_LESSON = 'ecr-tutor:lesson';
export const TAG_LEARNER = 'ecr-tutor:learner';

/** The tutor's tags for a lesson and learner ('' = no learner named). */
export function tutorTags(
  lessonId: string,
  learner: string,
): Array<{ Key: string; Value: string }> {
  return [
    { Key: TAG_TUTOR, Value: 'true' },
    { Key: TAG_LESSON, Value: lessonId },
    { Key: TAG_LEARNER, Value: learner },
  ];
}

/** The tutor's tags for the step being run. */
export function tagsFor(ctx: LabContext): Array<{ Key: string; Value: string }> {
  return tutorTags(ctx.lesson.id, ctx.vars.learner ?? '');
}

/** Whether `tags` mark a resource the tutor created for this lesson and learner. */
export function carriesTutorTags(
  tags: ReadonlyArray<{ Key?: string; Value?: string }> | undefined,
  lessonId: string,
  learner: string,
): boolean {
  const get = (k: string): string | undefined => tags?.find((t) => t.Key === k)?.Value;
  return (
    get(TAG_TUTOR) === 'true' &&
    get(TAG_LESSON) === lessonId &&
    (get(TAG_LEARNER) ?? '') === learner
  );
}
