import { Box, Text } from 'ink';
import type { StepInput } from '../../engine/types.js';
import { useTheme } from '../theme-context.js';
import { t as msg } from '../../i18n/index.js';
import { Para } from '../components/Lines.js';

/** The one-line answer field (account ID) with validation as the learner types. */
export function AnswerInput({
  input,
  value,
  focused,
  error,
  saved,
  width = 80,
}: {
  input: StepInput;
  value: string;
  focused: boolean;
  error?: string;
  saved?: string;
  /** cells available: the message under the field wraps at spaces, continued under its start */
  width?: number;
}) {
  const theme = useTheme();
  const ok =
    value !== '' && !error && input.pattern ? new RegExp(input.pattern).test(value) : false;
  return (
    <Box flexDirection="column">
      <Text {...theme.style('strong')}>{input.prompt}</Text>
      <Text>
        <Text {...theme.style(focused ? 'accent' : 'muted')}>{focused ? '› ' : '  '}</Text>
        {value === '' && input.placeholder ? (
          <Text {...theme.style('muted')}>
            {/* Without colour a bare placeholder would look typed. */}
            {theme.color
              ? input.placeholder
              : msg('tui.input.example', { example: input.placeholder })}
          </Text>
        ) : (
          <Text>{value}</Text>
        )}
        {focused ? <Text {...theme.style('accent')}>{theme.ascii ? '_' : '▌'}</Text> : null}
      </Text>
      {error ? (
        <Para width={width} indent="  " spans={[{ text: `  ${error}`, style: 'warn' }]} />
      ) : ok && saved !== value ? (
        // only before this answer was checked: after, the check's own result says it
        <Para
          width={width}
          indent="  "
          spans={[
            { text: `  ${theme.ascii ? 'ok' : '✔'} ${msg('tui.input.looksRight')}`, style: 'ok' },
          ]}
        />
      ) : null}
    </Box>
  );
}
