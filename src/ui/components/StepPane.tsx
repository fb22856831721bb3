import { Box, Text } from 'ink';
import type { TutorState } from '../hooks/use-tutor.js';
import { useTheme } from '../theme-context.js';
import { Markdown } from './Markdown.js';
import { StepView } from './StepView.js';

/**
 * The current step: its Markdown text (scrollable) above its live part (answer field, quiz,
 * the last check's file/diff/actions/trace). The live part keeps its place however long the
 * text is, so the learner never has to scroll to see what changed.
 */
export function StepPane({ s, textMin }: { s: TutorState; textMin: number }) {
  const theme = useTheme();
  const n = s.index + 1;
  return (
    <Box flexDirection="column" flexGrow={1} flexShrink={1} flexBasis={0} overflow="hidden">
      <Text {...theme.style('accent')} wrap="truncate-end">
        {n}. {s.def.title}
        {s.def.optional ? <Text {...theme.style('muted')}> (optional)</Text> : null}
      </Text>
      <Text> </Text>
      <Box
        flexDirection="column"
        flexGrow={1}
        flexShrink={1}
        flexBasis={0}
        minHeight={textMin}
        overflow="hidden"
      >
        {/* A negative top margin scrolls: Ink clips what moves above the box. */}
        <Box flexDirection="column" marginTop={-s.scroll} flexShrink={0}>
          <Markdown source={s.def.body} skipHeading={s.def.title} />
        </Box>
      </Box>
      <Box flexDirection="column" flexShrink={1} overflow="hidden">
        <StepView s={s} />
      </Box>
    </Box>
  );
}
