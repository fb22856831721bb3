import { Box, Text } from 'ink';
import type { Scroll } from '../hooks/use-scroll.js';
import type { TutorState } from '../hooks/use-tutor.js';
import { useTheme } from '../theme-context.js';
import { isDone } from '../../engine/rules.js';
import { Markdown } from './Markdown.js';
import { ScrollView } from './ScrollView.js';
import { StepView } from './StepView.js';
import { t as msg } from '../../i18n/index.js';

/**
 * The current step: its title, then either its Markdown text with the live part below
 * (answer field, quiz, last check's data), or, after a check with rich data or a quiz
 * answer, the live part alone over the whole pane (80x24 has no room for both). `t` switches.
 * Whichever is shown scrolls with the arrow keys and PgUp/PgDn.
 */
export function StepPane({
  s,
  scroll,
  width,
  textMin,
}: {
  s: TutorState;
  scroll: Scroll;
  /** cells the pane has */
  width: number;
  textMin: number;
}) {
  const theme = useTheme();
  const n = s.index + 1;
  // While the learner reads, the questions wait as one line under the text: the text (the rule
  // they ask about) gets the pane first.
  const quizWaiting = scroll.focus === 'text' && quizOpen(s);
  return (
    // the title and `textMin` rows stay however tall the panel under the pane is
    <Box
      flexDirection="column"
      flexGrow={1}
      flexShrink={1}
      flexBasis={0}
      minHeight={textMin + 2}
      overflow="hidden"
    >
      <Box flexShrink={0} marginBottom={1}>
        <Text {...theme.style('accent')} wrap="truncate-end">
          {n}. {s.def.title}
          {s.def.optional && !/optional|không bắt buộc/i.test(s.def.title) ? (
            <Text {...theme.style('muted')}> {msg('tui.pane.optional')}</Text>
          ) : null}
          {s.showResults ? (
            <Text {...theme.style('muted')}> · {msg('tui.pane.results')}</Text>
          ) : null}
        </Text>
      </Box>
      {s.showResults ? (
        <ScrollView scroll={scroll}>
          <StepView s={s} width={width} />
        </ScrollView>
      ) : (
        <>
          <ScrollView scroll={scroll} minHeight={textMin}>
            <Markdown source={s.def.body} skipHeading={s.def.title} width={width} />
          </ScrollView>
          <Box flexDirection="column" flexShrink={1} overflow="hidden">
            <StepView s={s} width={width} quizWaiting={quizWaiting} />
          </Box>
        </>
      )}
    </Box>
  );
}

/** The step has questions not yet answered right. */
export function quizOpen(s: TutorState): boolean {
  // the engine's rule: a stale quiz ("was done, fails now") is open again
  if (isDone(s.snap.steps[s.index]?.progress)) return false;
  return (s.def.quiz ?? []).some((q) => !s.quizAnswers[q.id]?.correct);
}
