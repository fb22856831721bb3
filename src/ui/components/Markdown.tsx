/**
 * Markdown to Ink elements by walking marked's tokens (the Gemini CLI approach): headings,
 * paragraphs, lists, emphasis, inline code, links, quotes and fenced code blocks with JSON
 * coloured. No pre-rendered ANSI strings, so Ink measures and wraps the text correctly.
 */
import { Box, Text } from 'ink';
import { lexer, type Token, type Tokens } from 'marked';
import { decodeEntities } from '../../html-entities.js';
import { Fragment, useMemo, type ReactNode } from 'react';
import { useTheme } from '../theme-context.js';
import type { Theme } from '../theme.js';
import { CodeBlock } from './CodeBlock.js';

function inline(tokens: Token[] | undefined, theme: Theme, keyPrefix = ''): ReactNode[] {
  if (!tokens) return [];
  return tokens.map((t, i) => {
    const key = `${keyPrefix}${i}`;
    switch (t.type) {
      case 'strong':
        return (
          <Text key={key} bold={theme.color || undefined}>
            {inline((t as Tokens.Strong).tokens, theme, key)}
          </Text>
        );
      case 'em':
        return (
          <Text key={key} italic={theme.color || undefined}>
            {inline((t as Tokens.Em).tokens, theme, key)}
          </Text>
        );
      case 'del':
        return (
          <Text key={key} strikethrough={theme.color || undefined}>
            {inline((t as Tokens.Del).tokens, theme, key)}
          </Text>
        );
      case 'codespan':
        // Without colour the backticks stay, so inline code is still recognisable.
        return (
          <Text key={key} {...theme.style('code')}>
            {theme.color ? (t as Tokens.Codespan).text : `\`${(t as Tokens.Codespan).text}\``}
          </Text>
        );
      case 'link': {
        const l = t as Tokens.Link;
        const label = inline(l.tokens, theme, key);
        return (
          <Text key={key} {...theme.style('accent')}>
            {label}
            {l.text !== l.href ? <Text {...theme.style('muted')}> ({l.href})</Text> : null}
          </Text>
        );
      }
      case 'br':
        return <Text key={key}>{'\n'}</Text>;
      case 'text': {
        const tt = t as Tokens.Text;
        return tt.tokens ? (
          <Fragment key={key}>{inline(tt.tokens, theme, key)}</Fragment>
        ) : (
          // A newline inside a paragraph is a soft break: Ink should wrap, not break there.
          <Fragment key={key}>{decodeEntities(tt.text).replace(/\s*\n\s*/g, ' ')}</Fragment>
        );
      }
      case 'escape':
        return <Fragment key={key}>{(t as Tokens.Escape).text}</Fragment>;
      default:
        return (
          <Fragment key={key}>{decodeEntities('text' in t ? String(t.text) : t.raw)}</Fragment>
        );
    }
  });
}

function block(t: Token, theme: Theme, key: string, depth = 0): ReactNode {
  switch (t.type) {
    case 'heading': {
      const h = t as Tokens.Heading;
      return (
        <Text key={key} {...theme.style(h.depth <= 2 ? 'accent' : 'strong')}>
          {theme.color ? null : `${'#'.repeat(h.depth)} `}
          {inline(h.tokens, theme, key)}
        </Text>
      );
    }
    case 'paragraph':
      return <Text key={key}>{inline((t as Tokens.Paragraph).tokens, theme, key)}</Text>;
    case 'text': {
      const tt = t as Tokens.Text;
      return (
        <Text key={key}>
          {tt.tokens
            ? inline(tt.tokens, theme, key)
            : decodeEntities(tt.text).replace(/\s*\n\s*/g, ' ')}
        </Text>
      );
    }
    case 'list': {
      const l = t as Tokens.List;
      const start = typeof l.start === 'number' ? l.start : 1;
      return (
        <Box key={key} flexDirection="column">
          {l.items.map((item, i) => {
            const bullet = l.ordered ? `${start + i}. ` : depth % 2 === 0 ? '• ' : '◦ ';
            const marker = theme.ascii && !l.ordered ? '- ' : bullet;
            const check = item.task ? (item.checked ? '[x] ' : '[ ] ') : '';
            return (
              <Box key={i} flexDirection="row">
                {/* A marker that may shrink lends its column to the text, which then wraps one
                    column too wide and loses its last character to the clip. */}
                <Box flexShrink={0}>
                  <Text>{marker}</Text>
                </Box>
                <Box flexDirection="column" flexShrink={1}>
                  {item.tokens.map((c, j) =>
                    c.type === 'checkbox' ? null : (
                      <Fragment key={j}>
                        {j === 0 && check ? <Text>{check}</Text> : null}
                        {block(c, theme, `${key}.${i}.${j}`, depth + 1)}
                      </Fragment>
                    ),
                  )}
                </Box>
              </Box>
            );
          })}
        </Box>
      );
    }
    case 'code': {
      const c = t as Tokens.Code;
      return <CodeBlock key={key} text={c.text} lang={c.lang || undefined} />;
    }
    case 'blockquote':
      return (
        <Box key={key} flexDirection="row">
          <Box flexShrink={0}>
            <Text {...theme.style('muted')}>│ </Text>
          </Box>
          <Box flexDirection="column" flexShrink={1}>
            {(t as Tokens.Blockquote).tokens.map((c, j) => block(c, theme, `${key}.${j}`, depth))}
          </Box>
        </Box>
      );
    case 'hr':
      return (
        <Text key={key} {...theme.style('muted')}>
          {theme.ascii ? '----' : '────'}
        </Text>
      );
    case 'space':
      return null;
    case 'table': {
      // Tables are rare in lessons; show them as aligned plain rows rather than drop them.
      const tb = t as Tokens.Table;
      const rows = [tb.header.map((c) => c.text), ...tb.rows.map((r) => r.map((c) => c.text))];
      const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
      return (
        <Box key={key} flexDirection="column">
          {rows.map((r, i) => (
            <Text key={i} {...(i === 0 ? theme.style('strong') : {})}>
              {r.map((c, j) => c.padEnd(widths[j] ?? 0)).join('  ')}
            </Text>
          ))}
        </Box>
      );
    }
    default:
      return t.raw.trim() ? <Text key={key}>{t.raw.trim()}</Text> : null;
  }
}

/**
 * Renders a Markdown document; blocks are separated by one blank line. `skipHeading` drops a
 * leading heading with that text (the screen already shows the step title).
 */
export function Markdown({ source, skipHeading }: { source: string; skipHeading?: string }) {
  const theme = useTheme();
  const tokens = useMemo(() => lexer(source), [source]);
  let blocks = tokens.filter((t) => t.type !== 'space');
  const first = blocks[0];
  if (
    first?.type === 'heading' &&
    skipHeading &&
    (first as Tokens.Heading).text.trim() === skipHeading.trim()
  ) {
    blocks = blocks.slice(1);
  }
  return (
    <Box flexDirection="column" gap={1}>
      {blocks.map((t, i) => block(t, theme, String(i)))}
    </Box>
  );
}
