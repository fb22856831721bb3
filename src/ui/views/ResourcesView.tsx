import { Box, Text } from 'ink';
import type { CheckView } from '../../engine/types.js';
import { useTheme } from '../theme-context.js';
import { t as msg } from '../../i18n/index.js';

/** Resources the step looked for, found or not; and the identity the checks run as. */
export function ResourcesView({
  view,
}: {
  view: Extract<CheckView, { kind: 'resources' | 'identity' }>;
}) {
  const theme = useTheme();
  if (view.kind === 'identity') {
    return (
      <Box flexDirection="column">
        <Text>
          <Text {...theme.style('muted')}>{msg('tui.resources.identity')} </Text>
          {view.arn}
        </Text>
        <Text>
          <Text {...theme.style('muted')}>{msg('tui.resources.account')} </Text>
          {view.accountId} <Text {...theme.style('muted')}>{msg('tui.resources.region')}</Text>{' '}
          {view.region}
        </Text>
      </Box>
    );
  }
  return (
    <Box flexDirection="column">
      {view.items.map((it, i) => (
        <Text key={i}>
          <Text {...theme.style(it.exists ? 'ok' : 'bad')}>
            {it.exists ? theme.mark('passed') : theme.mark('failed')}
          </Text>{' '}
          {it.what} <Text {...theme.style('strong')}>{it.name}</Text>
          {it.exists ? '' : ` ${msg('tui.resources.notFound')}`}
        </Text>
      ))}
    </Box>
  );
}
