import { Box, Text } from 'ink';
import type { FindingView } from '../../engine/types.js';
import { CodeBlock } from '../components/CodeBlock.js';
import { useTheme } from '../theme-context.js';
import { t as msg } from '../../i18n/index.js';

/**
 * The learner's policy file with each finding marked against its line. The findings come
 * first (they are what to fix), then the numbered file; ↑↓ scroll through it.
 */
export function PolicyFileView({
  file,
  text,
  findings,
}: {
  file: string;
  text: string;
  findings: FindingView[];
}) {
  const theme = useTheme();
  const marks = new Map<number, FindingView['severity']>();
  for (const f of findings) {
    const prev = marks.get(f.line);
    if (prev !== 'error') marks.set(f.line, f.severity);
  }
  const name = file.split(/[\\/]/).pop() ?? file;
  return (
    <Box flexDirection="column">
      <Text {...theme.style('muted')} wrap="truncate-middle">
        {name}
        {' · '}
        {msg('tui.policyFile.findings', { count: findings.length })}
      </Text>
      {findings.map((f, i) => (
        <Text key={i}>
          <Text
            {...theme.style(
              f.severity === 'error' ? 'bad' : f.severity === 'warning' ? 'warn' : 'muted',
            )}
          >
            {msg('tui.policyFile.at', { line: f.line, column: f.column, severity: f.severity })}
          </Text>{' '}
          {f.message}
          {f.suggestion ? <Text {...theme.style('accent')}> → {f.suggestion}</Text> : null}
        </Text>
      ))}
      <CodeBlock text={text || ' '} lang="json" numbered marks={marks} />
    </Box>
  );
}
