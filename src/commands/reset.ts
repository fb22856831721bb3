import type { Io } from '../io.js';
import type { TargetOptions } from '../aws/target.js';
import { UsageError } from '../errors.js';
import { t } from '../i18n/index.js';
import { humanIo } from './human-io.js';
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
        t('lessons.noSuch', { lesson: opts.lesson }),
        all[0] ? t('lessons.noSuchTryExample', { example: all[0].id }) : t('lessons.noSuchTry'),
      );
    }
  }
  const { target, store } = await openTargetProgress(io, opts.target, learner);
  store.reset(opts.lesson);
  await store.save();
  humanIo(io).out(
    `${t('reset.done', {
      lesson: opts.lesson ?? '',
      which: opts.lesson ? 'one' : 'all',
      who: learner ? 'yes' : 'no',
      learner: learner ?? '',
      kind: target.kind,
      account: target.accountId ?? '?',
      region: target.region,
    })}\n` + `${t('reset.untouched')}\n`,
  );
  return 0;
}
