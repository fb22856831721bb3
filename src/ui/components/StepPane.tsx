import { Box, Text } from 'ink';
import type { TutorState } from '../hooks/use-tutor.js';
import { useTheme } from '../theme-context.js';
import { Markdown } from './Markdown.js';
import { StepView } from './StepView.js';

/**
 * The current step: its title, then either its Markdown text with the live part below
 * (answer field, quiz, last check's data), or, after a check with rich data or a quiz
 * answer, the live part alone over the whole pane (80x24 has no room for both). `t` switches.
 * Whichever is shown scrolls with the arrow keys.
 */
export function StepPane({ s, textMin }: { s: TutorState; textMin: number }) {
  const theme = useTheme();
  const n = s.index + 1;
  return (
    <Box flexDirection="column" flexGrow={1} flexShrink={1} flexBasis={0} overflow="hidden">
      <Box flexShrink={0} marginBottom={1}>
        <Text {...theme.style('accent')} wrap="truncate-end">
          {n}. {s.def.title}
          {s.def.optional && !/optional/i.test(s.def.title) ? (
            <Text {...theme.style('muted')}> (optional)</Text>
          ) : null}
          {s.showResults ? <Text {...theme.style('muted')}> · results (t: text)</Text> : null}
        </Text>
      </Box>
      {s.showResults ? (
        <Box flexDirection="column" flexGrow={1} flexShrink={1} flexBasis={0} overflow="hidden">
          {/* A negative top margin scrolls: Ink clips what moves above the box. */}
          <Box flexDirection="column" marginTop={-s.scroll} flexShrink={0}>
            <StepView s={s} />
          </Box>
        </Box>
      ) : (
        <>
          <Box
            flexDirection="column"
            flexGrow={1}
            flexShrink={1}
            flexBasis={0}
            minHeight={textMin}
            overflow="hidden"
          >
            <Box flexDirection="column" marginTop={-s.scroll} flexShrink={0}>
              <Markdown source={s.def.body} skipHeading={s.def.title} />
            </Box>
          </Box>
          <Box flexDirection="column" flexShrink={1} overflow="hidden">
            <StepView s={s} />
          </Box>
        </>
      )}
    </Box>
  );
}
