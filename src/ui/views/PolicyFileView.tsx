import { Box, Text } from 'ink';
import { sanitizeLine } from '../../text/sanitize.js';
import { Para } from '../components/Lines.js';
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
  width = 80,
}: {
  file: string;
  text: string;
  findings: FindingView[];
  /** cells available: a finding wraps at spaces, continued under its message */
  width?: number;
}) {
  const theme = useTheme();
  const marks = new Map<number, FindingView['severity']>();
  for (const f of findings) {
    const prev = marks.get(f.line);
    if (prev !== 'error') marks.set(f.line, f.severity);
  }
  const name = sanitizeLine(file.split(/[\\/]/).pop() ?? file);
  return (
    <Box flexDirection="column">
      <Text {...theme.style('muted')} wrap="truncate-middle">
        {name}
        {' · '}
        {msg('tui.policyFile.findings', { count: findings.length })}
      </Text>
      {findings.map((f, i) => (
        // the message quotes the learner's file: sanitised (a BEL, a bidi override) and laid
        // out by the tutor, so Ink never wraps it with a stray space
        <Para
          key={i}
          width={width}
          indent="  "
          spans={[
            {
              text: msg('tui.policyFile.at', {
                line: f.line,
                column: f.column,
                severity: f.severity,
              }),
              style: f.severity === 'error' ? 'bad' : f.severity === 'warning' ? 'warn' : 'muted',
            },
            { text: ` ${sanitizeLine(f.message)}` },
            ...(f.suggestion
              ? [{ text: ` → ${sanitizeLine(f.suggestion)}`, style: 'accent' as const }]
              : []),
          ]}
        />
      ))}
      <CodeBlock text={text || ' '} lang="json" numbered marks={marks} />
    </Box>
  );
}
