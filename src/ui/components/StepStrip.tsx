import { Text } from 'ink';
import type { EngineSnapshot } from '../../engine/types.js';
import { isStale } from '../../engine/rules.js';
import { useTheme } from '../theme-context.js';
import type { Tone } from '../theme.js';
import { t as msg } from '../../i18n/index.js';

const TONE: Record<string, Tone> = {
  passed: 'ok',
  skipped: 'warn',
  failed: 'bad',
  'not-started': 'muted',
  stale: 'bad',
};

/** The step list in one line, for narrow terminals: a mark per step, the current one boxed. */
export function StepStrip({ snap }: { snap: EngineSnapshot }) {
  const theme = useTheme();
  return (
    <Text wrap="truncate-end">
      <Text {...theme.style('muted')}>{msg('tui.strip.steps')} </Text>
      {snap.steps.map(({ def, progress }, i) => {
        const status = isStale(progress) ? 'stale' : progress.status;
        const mark = theme.mark(status);
        const current = i === snap.currentIndex;
        return (
          <Text key={def.id} {...theme.style(current ? 'accent' : (TONE[status] ?? 'muted'))}>
            {current ? `[${mark}]` : ` ${mark} `}
          </Text>
        );
      })}
      <Text {...theme.style('muted')}> {msg('tui.strip.list')}</Text>
    </Text>
  );
}
