import { Box, Text } from 'ink';
import { sanitizeLine } from '../../text/sanitize.js';
import { layoutCommand } from '../../text/shell.js';
import { useTheme } from '../theme-context.js';
import { t as msg } from '../../i18n/index.js';

/** The AWS CLI command to copy, and how the policy in AWS differs from the learner's file. */
export function ApplyView({
  cliCommand,
  diff,
  width = 80,
}: {
  cliCommand: string;
  diff: string[];
  /** cells available */
  width?: number;
}) {
  const theme = useTheme();
  // Laid out with ` \` continuations at argument boundaries: pasted, it runs as one command.
  const lines = layoutCommand(sanitizeLine(cliCommand), Math.max(20, width - 2));
  return (
    <Box flexDirection="column">
      <Text {...theme.style('muted')}>{msg('tui.apply.run')}</Text>
      {lines.map((l, i) => (
        <Text key={i} {...theme.style('code')} wrap="truncate-end">
          {'  '}
          {l}
        </Text>
      ))}
      {diff.length > 0 ? (
        <Box flexDirection="column" marginTop={1}>
          <Text {...theme.style('strong')}>{msg('tui.apply.diff')}</Text>
          {diff.map((line, i) => (
            <Text
              key={i}
              {...theme.style(line.startsWith('+') ? 'ok' : line.startsWith('-') ? 'bad' : 'muted')}
            >
              {sanitizeLine(line)}
            </Text>
          ))}
        </Box>
      ) : null}
    </Box>
  );
}
