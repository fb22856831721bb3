import { Box, Text } from 'ink';
import { useTheme } from '../theme-context.js';
import { t as msg } from '../../i18n/index.js';

/** The AWS CLI command to copy, and how the policy in AWS differs from the learner's file. */
export function ApplyView({ cliCommand, diff }: { cliCommand: string; diff: string[] }) {
  const theme = useTheme();
  return (
    <Box flexDirection="column">
      <Text {...theme.style('muted')}>{msg('tui.apply.run')}</Text>
      {/* Wrapped, never truncated: the learner copies it. */}
      <Text {...theme.style('code')}>{cliCommand}</Text>
      {diff.length > 0 ? (
        <Box flexDirection="column" marginTop={1}>
          <Text {...theme.style('strong')}>{msg('tui.apply.diff')}</Text>
          {diff.map((line, i) => (
            <Text
              key={i}
              {...theme.style(line.startsWith('+') ? 'ok' : line.startsWith('-') ? 'bad' : 'muted')}
            >
              {line}
            </Text>
          ))}
        </Box>
      ) : null}
    </Box>
  );
}
