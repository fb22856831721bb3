import { Box, Text } from 'ink';
import { sanitizeForTerminal } from '../../text/sanitize.js';
import { expandTabs } from '../../text/width.js';
import { jsonLineTokens, looksLikeJson, type JsonTokenKind } from '../json-tokens.js';
import { useTheme } from '../theme-context.js';
import type { TextStyle } from '../theme.js';

const JSON_COLORS: Record<JsonTokenKind, TextStyle> = {
  key: { color: 'cyan' },
  string: { color: 'green' },
  number: { color: 'magenta' },
  literal: { color: 'magenta' },
  punct: {},
  plain: {},
};

/** A fenced code block; JSON is coloured token by token, other languages are shown as is. */
export function CodeBlock({
  text,
  lang,
  numbered,
  marks,
}: {
  text: string;
  lang?: string;
  /** show line numbers starting at 1 */
  numbered?: boolean;
  /** per line number: a marker drawn in the gutter (findings) */
  marks?: Map<number, 'error' | 'warning' | 'info'>;
}) {
  const theme = useTheme();
  const json = looksLikeJson(lang, text);
  // The text may come from the learner's file or a lesson pack: no escape or control
  // character reaches the terminal, and tabs become spaces (a raw tab moves the cursor to the
  // terminal's own tab stop, which Ink cannot see: the rest of the line was drawn over).
  const lines = sanitizeForTerminal(text)
    .replace(/\n$/, '')
    .split('\n')
    .map((l) => expandTabs(l) || ' ');
  const width = String(lines.length).length;
  return (
    <Box flexDirection="column" paddingLeft={2}>
      {lines.map((line, i) => {
        const mark = marks?.get(i + 1);
        const gutter = numbered
          ? `${String(i + 1).padStart(width)}${mark ? (mark === 'error' ? '!' : '~') : ' '}│ `
          : '';
        return (
          // Numbered file views truncate (line numbers must stay aligned); commands wrap so
          // that they can still be copied whole.
          <Text key={i} wrap={numbered ? 'truncate-end' : 'wrap'}>
            {numbered ? (
              <Text {...theme.style(mark === 'error' ? 'bad' : mark ? 'warn' : 'muted')}>
                {gutter}
              </Text>
            ) : null}
            {json ? (
              jsonLineTokens(line).map((t, j) => (
                <Text key={j} {...(theme.color ? JSON_COLORS[t.kind] : {})}>
                  {t.text}
                </Text>
              ))
            ) : (
              <Text {...theme.style('code')}>{line}</Text>
            )}
          </Text>
        );
      })}
    </Box>
  );
}
