import { Box, Text } from 'ink';
import type { CheckView } from '../../engine/types.js';
import { sanitizeLine } from '../../text/sanitize.js';
import { Para } from '../components/Lines.js';
import { useTheme } from '../theme-context.js';
import { t as msg } from '../../i18n/index.js';

type ExplainCases = Extract<CheckView, { kind: 'explain' }>['cases'];

/** `arn:aws:iam::123:user/name` -> `name` (the account is in the reason line when it matters). */
function shortName(arn: string): string {
  return arn.split(/[:/]/).pop() || arn;
}

/**
 * Each request's decision and the statement-by-statement evaluation trace behind it, each
 * labelled "Request N of M" so that no trace is left without saying whose it is.
 */
export function ExplainView({ cases, width }: { cases: ExplainCases; width: number }) {
  const theme = useTheme();
  return (
    <Box flexDirection="column" gap={1}>
      {cases.map((c, i) => (
        <Box key={i} flexDirection="column">
          <Text wrap="truncate-end">
            <Text {...theme.style('strong')}>
              {msg('tui.explain.request', { n: i + 1, total: cases.length })}
            </Text>{' '}
            {msg('tui.explain.calls', {
              principal: sanitizeLine(shortName(c.principal)),
              action: sanitizeLine(c.action),
            })}{' '}
            <Text {...theme.style(c.decision === 'allowed' ? 'ok' : 'bad')}>
              {msg('tui.explain.decision', { decision: c.decision.replace(/-/g, '_') })}
            </Text>
          </Text>
          <Para
            width={width}
            indent="  "
            spans={[{ text: `  ${sanitizeLine(c.reason)}`, style: 'muted' }]}
          />
          {c.trace.map((t, j) => (
            <Text key={j} wrap="truncate-end">
              {'  '}
              <Text {...theme.style(t.matched ? (t.effect === 'Allow' ? 'ok' : 'bad') : 'muted')}>
                {t.matched ? (theme.ascii ? '*' : '●') : theme.ascii ? 'o' : '○'}{' '}
                {msg('policy.explain.effect', { effect: t.effect })}
              </Text>{' '}
              {sanitizeLine(
                msg('policy.explain.entry', {
                  type: t.policyType,
                  policy: t.policy,
                  sid: t.sid ? `#${t.sid}` : '',
                  why: t.why,
                }),
              )}
            </Text>
          ))}
        </Box>
      ))}
    </Box>
  );
}
