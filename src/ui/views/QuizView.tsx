import { Box, Text } from 'ink';
import type { QuizQuestion } from '../../engine/types.js';
import { sanitizeLine } from '../../text/sanitize.js';
import { Para } from '../components/Lines.js';
import type { QuizAnswer } from '../hooks/use-tutor.js';
import { useTheme } from '../theme-context.js';
import { t as msg } from '../../i18n/index.js';

/** The concept check: answered questions with their explanation, then the open one. */
export function QuizView({
  quiz,
  answers,
  cursor,
  passed,
  lastAnswered,
  width,
}: {
  quiz: QuizQuestion[];
  answers: Record<string, QuizAnswer>;
  cursor: number;
  passed: boolean;
  /** id of the question answered last (its explanation stays visible) */
  lastAnswered?: string;
  /** cells available */
  width: number;
}) {
  const theme = useTheme();
  const open = passed ? undefined : quiz.find((q) => !answers[q.id]?.correct);
  // Earlier right answers shrink to one line; the latest keeps its explanation.
  const latest = lastAnswered;
  // The open question comes first, so that it is on screen at any size (60x20 too); the
  // answered ones follow, the latest with its explanation.
  const order = quiz.map((q, n) => ({ q, n }));
  order.sort((a, b) => Number(b.q === open) - Number(a.q === open));
  return (
    <Box flexDirection="column" gap={1}>
      {order.map(({ q, n }) => {
        const a = answers[q.id];
        const question = sanitizeLine(q.question);
        if (q !== open) {
          if (!a?.correct && !passed) return null;
          return (
            <Box key={q.id} flexDirection="column">
              <Text wrap="truncate-end">
                <Text {...theme.style('ok')}>{theme.ascii ? '[x]' : '✔'} </Text>
                {msg('tui.quiz.question', { n: n + 1, question })}
              </Text>
              {q.id === latest || passed ? (
                <Para
                  width={width}
                  spans={[{ text: sanitizeLine(q.explanation), style: 'muted' }]}
                />
              ) : null}
            </Box>
          );
        }
        return (
          <Box key={q.id} flexDirection="column">
            <Para
              width={width}
              spans={[{ text: msg('tui.quiz.question', { n: n + 1, question }), style: 'strong' }]}
            />
            {q.choices.map((c, i) => {
              const mark = i === cursor ? (theme.ascii ? '> ' : '❯ ') : '  ';
              const label = `${mark}${i + 1}) `;
              return (
                <Box key={c.value} flexDirection="column">
                  <Para
                    width={width}
                    indent={' '.repeat(label.length)}
                    spans={[
                      {
                        text: label + sanitizeLine(c.label),
                        style: i === cursor ? 'accent' : undefined,
                      },
                    ]}
                  />
                </Box>
              );
            })}
            {a && !a.correct ? (
              <Para
                width={width}
                indent="  "
                spans={[
                  {
                    text: `${theme.ascii ? 'x' : '✘'} ${msg('tui.quiz.notQuite', { explanation: sanitizeLine(a.explanation) })}`,
                    style: 'bad',
                  },
                ]}
              />
            ) : null}
          </Box>
        );
      })}
    </Box>
  );
}
