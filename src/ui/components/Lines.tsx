import { Box, Text } from 'ink';
import { wrapSpans, type Line, type SpanStyle } from '../../text/wrap.js';
import { useTheme } from '../theme-context.js';
import type { TextStyle, Theme } from '../theme.js';

function spanStyle(theme: Theme, style: SpanStyle | undefined): TextStyle {
  if (!theme.color || !style) return {};
  switch (style) {
    case 'strong':
      return { bold: true };
    case 'em':
      return { italic: true };
    case 'del':
      return { dimColor: true };
    case 'code':
      return theme.style('code');
    case 'link':
      return { ...theme.style('accent'), bold: false, underline: true };
    case 'heading':
      return theme.style('accent');
    case 'muted':
    case 'quote':
      return theme.style('muted');
    case 'marker':
      return {};
    case 'accent':
    case 'ok':
    case 'bad':
    case 'warn':
      return theme.style(style);
  }
}

/**
 * Lines already laid out to the width (src/text/): each is drawn as it is, one row each, so
 * Ink never wraps them again (its wrapping would put a stray space at the start of the next
 * row and break commands inside words).
 */
export function Lines({ lines }: { lines: Line[] }) {
  const theme = useTheme();
  return (
    <>
      {lines.map((l, i) => (
        <Text key={i} wrap="truncate-end">
          {l.spans.length === 0
            ? ' '
            : l.spans.map((s, j) => (
                <Text key={j} {...spanStyle(theme, s.style)}>
                  {s.text}
                </Text>
              ))}
        </Text>
      ))}
    </>
  );
}

/**
 * A paragraph of styled pieces wrapped at `width` by src/text/wrap.ts; `indent` is put before
 * every line after the first (a hanging indent under a marker such as "✘ " or "1) ").
 */
export function Para({
  width,
  spans,
  indent = '',
}: {
  width: number;
  spans: Array<{ text: string; style?: SpanStyle }>;
  indent?: string;
}) {
  // leading spaces are part of the first line's layout (a marker's column), not a break
  const lead = /^ */.exec(spans[0]?.text ?? '')![0];
  const body = lead
    ? [{ ...spans[0]!, text: spans[0]!.text.slice(lead.length) }, ...spans.slice(1)]
    : spans;
  const lines: Line[] = wrapSpans(
    body,
    Math.max(1, width - lead.length),
    Math.max(1, width - indent.length),
  ).map((sp, i) => ({
    spans: i ? (indent ? [{ text: indent }, ...sp] : sp) : lead ? [{ text: lead }, ...sp] : sp,
  }));
  return (
    <Box flexDirection="column" flexShrink={0}>
      <Lines lines={lines} />
    </Box>
  );
}
