import { Box, Text } from 'ink';
import type { EngineSnapshot } from '../../engine/types.js';
import { isStale } from '../../engine/rules.js';
import { useTheme } from '../theme-context.js';
import type { Tone } from '../theme.js';

const TONE: Record<string, Tone> = {
  passed: 'ok',
  skipped: 'warn',
  failed: 'bad',
  'not-started': 'muted',
  stale: 'bad',
};

/** The lesson's steps with a status mark each; the current one (or the jump cursor) stands out. */
export function StepList({
  snap,
  width,
  height,
  cursor,
  reachable,
}: {
  snap: EngineSnapshot;
  width: number;
  height: number;
  /** jump-dialog cursor, when the dialog is open */
  cursor?: number;
  reachable: number;
}) {
  const theme = useTheme();
  // Keep the current step (or the cursor) in view when the list is longer than the column.
  const focus = cursor ?? snap.currentIndex;
  const first = Math.max(0, Math.min(focus - Math.floor(height / 2), snap.steps.length - height));
  const shown = snap.steps.slice(first, first + height);
  return (
    <Box flexDirection="column" width={width} flexShrink={0} paddingRight={1}>
      {shown.map(({ def, progress }, k) => {
        const i = first + k;
        const current = i === snap.currentIndex;
        const status = isStale(progress) ? 'stale' : progress.status;
        const mark = theme.mark(status);
        const pointer =
          cursor === i ? (theme.ascii ? '>' : '›') : current ? theme.mark('current') : ' ';
        const locked = i > reachable;
        return (
          <Text key={def.id} wrap="truncate-end">
            <Text {...(current || cursor === i ? theme.style('accent') : {})}>{pointer}</Text>
            <Text {...theme.style(TONE[status] ?? 'muted')}>{mark}</Text>
            <Text
              {...(current
                ? theme.style('strong')
                : locked
                  ? theme.style('muted')
                  : cursor === i
                    ? theme.style('accent')
                    : {})}
            >
              {' '}
              {i + 1}. {def.title}
            </Text>
          </Text>
        );
      })}
    </Box>
  );
}
