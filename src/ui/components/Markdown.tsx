/**
 * A Markdown document on screen: laid out by src/text/markdown.ts (marked's lexer -> lines at
 * the pane's width), the same layout `--plain` prints, then drawn line by line.
 */
import { Box } from 'ink';
import { useMemo } from 'react';
import { layoutMarkdown } from '../../text/markdown.js';
import { useTheme } from '../theme-context.js';
import { Lines } from './Lines.js';

export function Markdown({
  source,
  skipHeading,
  width,
}: {
  source: string;
  /** drop a leading heading with this text (the screen already shows the step title) */
  skipHeading?: string;
  /** cells available (default 80) */
  width?: number;
}) {
  const theme = useTheme();
  const w = width ?? 80;
  const { lines } = useMemo(
    () => layoutMarkdown(source, { width: w, ascii: theme.ascii, skipHeading }),
    [source, w, theme.ascii, skipHeading],
  );
  return (
    <Box flexDirection="column" flexShrink={0}>
      <Lines lines={lines} />
    </Box>
  );
}
