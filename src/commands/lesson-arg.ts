/**
 * `ecr-tutor WORD` and `ecr-tutor start WORD`: WORD must be a lesson of the pack. Decided before
 * any screen is drawn, so a typo exits at once (code 2) with a did-you-mean, in a terminal or not.
 */
import { resolve } from 'node:path';
import { distance } from 'fastest-levenshtein';
import { UsageError } from '../errors.js';
import { t } from '../i18n/index.js';
import { listLessons, type LessonSummary } from '../engine/lesson-loader.js';
import { builtinLessonsDir } from '../paths.js';

/** The closest of `names` to `word`, when it is close enough to be a typo. */
export function didYouMean(word: string, names: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const n of names) {
    const d = distance(word.toLowerCase(), n.toLowerCase());
    if (d < bestD) [best, bestD] = [n, d];
  }
  // one edit in a short word, about a third of a longer one
  return best !== undefined && bestD <= Math.max(1, Math.floor(best.length / 3)) ? best : undefined;
}

function lessonLines(all: LessonSummary[]): string {
  return all.map((l) => `    ${l.id.padEnd(24)} ${l.title}`).join('\n');
}

/**
 * Throws a UsageError unless `word` names a lesson. `explicitStart`: the learner typed `start`
 * (so WORD can only be a lesson); without it WORD may also be a mistyped command.
 */
export async function assertLessonArg(
  word: string,
  o: { lessonsDir?: string; commands: readonly string[]; explicitStart: boolean },
): Promise<void> {
  const packDir = resolve(o.lessonsDir ?? builtinLessonsDir);
  const all = await listLessons(packDir);
  if (all.some((l) => l.id === word)) return;
  const ids = all.map((l) => l.id);
  const lesson = didYouMean(word, ids);
  const command = o.explicitStart ? undefined : didYouMean(word, o.commands);
  const list = all.length
    ? `  ${t('lessonArg.lessonsIn', { dir: packDir })}\n${lessonLines(all)}`
    : `  ${t('lessonArg.noUsable', { dir: packDir, command: `ecr-tutor lessons validate ${packDir}` })}`;
  if (command && !lesson) {
    throw new UsageError(
      t('lessonArg.unknownCommand', { word, command }),
      t('lessonArg.unknownCommandTry', { command: `ecr-tutor ${command}` }),
    );
  }
  if (o.explicitStart || lesson) {
    throw new UsageError(
      `${lesson ? t('lessonArg.noLessonDidYouMean', { word, lesson }) : t('lessonArg.noLesson', { word })}\n${list}`,
      `ecr-tutor start ${lesson ?? ids[0] ?? 'LESSON'}`,
    );
  }
  throw new UsageError(
    `${t('lessonArg.neither', { word })}\n  ${t('lessonArg.commands', { commands: o.commands.join(', ') })}\n${list}`,
    t('lessonArg.neitherTry'),
  );
}
