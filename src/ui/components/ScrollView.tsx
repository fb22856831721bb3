import { Box, Text, measureElement, type DOMElement } from 'ink';
import { useEffect, useRef, type ReactNode } from 'react';
import type { Scroll } from '../hooks/use-scroll.js';
import { useTheme } from '../theme-context.js';
import { t as msg } from '../../i18n/index.js';

/**
 * A pane that shows its content from `scroll.offset` on and, when the content is taller than
 * the pane, a status row at the bottom saying that more is below (or that this is the end).
 * It reports its measured size to the scroll state after every layout.
 */
export function ScrollView({
  scroll,
  children,
  minHeight,
}: {
  scroll: Scroll;
  children: ReactNode;
  minHeight?: number;
}) {
  const theme = useTheme();
  const outer = useRef<DOMElement>(null);
  const inner = useRef<DOMElement>(null);
  const { measured } = scroll;
  useEffect(() => {
    if (!outer.current || !inner.current) return;
    measured(measureElement(outer.current).height, measureElement(inner.current).height);
  });
  const last = Math.min(scroll.content, scroll.offset + scroll.rows);
  const where = msg('tui.scroll.where', {
    first: scroll.offset + 1,
    last,
    total: scroll.content,
  });
  return (
    <Box
      ref={outer}
      flexDirection="column"
      flexGrow={1}
      flexShrink={1}
      flexBasis={0}
      minHeight={minHeight}
      overflow="hidden"
    >
      <Box flexDirection="column" flexGrow={1} flexShrink={1} flexBasis={0} overflow="hidden">
        {/* A negative top margin scrolls: Ink clips what moves above the box. */}
        <Box ref={inner} flexDirection="column" marginTop={-scroll.offset} flexShrink={0}>
          {children}
        </Box>
      </Box>
      {scroll.scrollable ? (
        // never shrunk: a shrunk row is still drawn, over the text's last row
        <Box flexShrink={0}>
          <Text {...theme.style('muted')} wrap="truncate-end">
            {scroll.moreBelow
              ? msg('tui.scroll.more', {
                  mark: theme.ascii ? 'v' : '↓',
                  key: theme.ascii ? msg('tui.key.down') : '↓',
                  where,
                })
              : msg('tui.scroll.end', {
                  mark: theme.ascii ? '^' : '↑',
                  key: theme.ascii ? msg('tui.key.up') : '↑',
                  where,
                })}
          </Text>
        </Box>
      ) : null}
    </Box>
  );
}
