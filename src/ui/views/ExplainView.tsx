import { Box, Text } from 'ink';
import type { CheckView } from '../../engine/types.js';
import { useTheme } from '../theme-context.js';

type ExplainCases = Extract<CheckView, { kind: 'explain' }>['cases'];

/** Each request's decision and the statement-by-statement evaluation trace behind it. */
export function ExplainView({ cases }: { cases: ExplainCases }) {
  const theme = useTheme();
  return (
    <Box flexDirection="column" gap={1}>
      {cases.map((c, i) => (
        <Box key={i} flexDirection="column">
          <Text wrap="truncate-end">
            <Text {...theme.style(c.decision === 'allowed' ? 'ok' : 'bad')}>{c.decision}</Text>{' '}
            {c.action} by {c.principal}
          </Text>
          <Text {...theme.style('muted')}> {c.reason}</Text>
          {c.trace.map((t, j) => (
            <Text key={j} wrap="truncate-end">
              {'  '}
              <Text {...theme.style(t.matched ? (t.effect === 'Allow' ? 'ok' : 'bad') : 'muted')}>
                {t.matched ? (theme.ascii ? '*' : '●') : theme.ascii ? 'o' : '○'} {t.effect}
              </Text>{' '}
              {t.policyType} {t.policy}
              {t.sid ? `#${t.sid}` : ''}: {t.why}
            </Text>
          ))}
        </Box>
      ))}
    </Box>
  );
}
