import { Box, Text } from 'ink';
import { sanitizeLine } from '../../text/sanitize.js';
import { layoutCommand } from '../../text/shell.js';
import { useTheme } from '../theme-context.js';

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
      <Text {...theme.style('muted')}>Run this (or use the console), then wait here:</Text>
      {lines.map((l, i) => (
        <Text key={i} {...theme.style('code')} wrap="truncate-end">
          {'  '}
          {l}
        </Text>
      ))}
      {diff.length > 0 ? (
        <Box flexDirection="column" marginTop={1}>
          <Text {...theme.style('strong')}>What AWS has vs your file:</Text>
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
