import { Box, Text } from 'ink';
import type { TutorState } from '../hooks/use-tutor.js';
import { useTheme } from '../theme-context.js';
import { Markdown } from './Markdown.js';
import { StepView } from './StepView.js';

/** The current step: title, Markdown text and its step view, scrolled inside a fixed height. */
export function StepPane({ s }: { s: TutorState }) {
  const theme = useTheme();
  const n = s.index + 1;
  return (
    <Box flexDirection="column" flexGrow={1} flexShrink={1} flexBasis={0} overflow="hidden">
      {/* A negative top margin scrolls: Ink clips what moves above the box. */}
      <Box flexDirection="column" marginTop={-s.scroll} flexShrink={0}>
        <Text {...theme.style('accent')}>
          {n}. {s.def.title}
          {s.def.optional ? <Text {...theme.style('muted')}> (optional)</Text> : null}
        </Text>
        <Box marginTop={1} flexDirection="column">
          <Markdown source={s.def.body} />
        </Box>
        <StepView s={s} />
      </Box>
    </Box>
  );
}
