import { Box, Text } from 'ink';
import type { QuizQuestion } from '../../engine/types.js';
import type { QuizAnswer } from '../hooks/use-tutor.js';
import { useTheme } from '../theme-context.js';

/** The concept check: answered questions with their explanation, then the open one. */
export function QuizView({
  quiz,
  answers,
  cursor,
  passed,
  lastAnswered,
}: {
  quiz: QuizQuestion[];
  answers: Record<string, QuizAnswer>;
  cursor: number;
  passed: boolean;
  /** id of the question answered last (its explanation stays visible) */
  lastAnswered?: string;
}) {
  const theme = useTheme();
  const open = passed ? undefined : quiz.find((q) => !answers[q.id]?.correct);
  // Earlier right answers shrink to one line; the latest keeps its explanation: the open
  // question must stay on screen at 80x24.
  const latest = lastAnswered;
  return (
    <Box flexDirection="column" gap={1}>
      {quiz.map((q, n) => {
        const a = answers[q.id];
        if (q !== open) {
          if (!a?.correct && !passed) return null;
          return (
            <Box key={q.id} flexDirection="column">
              <Text wrap="truncate-end">
                <Text {...theme.style('ok')}>{theme.ascii ? '[x]' : '✔'} </Text>Q{n + 1}.{' '}
                {q.question}
              </Text>
              {q.id === latest || passed ? (
                <Text {...theme.style('muted')}>{q.explanation}</Text>
              ) : null}
            </Box>
          );
        }
        return (
          <Box key={q.id} flexDirection="column">
            <Text {...theme.style('strong')}>
              Q{n + 1}. {q.question}
            </Text>
            {q.choices.map((c, i) => (
              <Text key={c.value} {...(i === cursor ? theme.style('accent') : {})}>
                {i === cursor ? (theme.ascii ? '> ' : '❯ ') : '  '}
                {i + 1}) {c.label}
              </Text>
            ))}
            {a && !a.correct ? (
              <Text {...theme.style('bad')}>
                {theme.ascii ? 'x' : '✘'} Not quite: {a.explanation}
              </Text>
            ) : null}
          </Box>
        );
      })}
    </Box>
  );
}
