/**
 * Markdown to plain lines for the line-by-line front-end (screen readers, dumb terminals):
 * no escape codes, emphasis dropped, inline code kept in backticks so it stays recognisable,
 * code blocks indented so they can be copied.
 */
import { lexer, type Token, type Tokens } from 'marked';
import { decodeEntities } from '../html-entities.js';

function inline(tokens: Token[] | undefined): string {
  if (!tokens) return '';
  return tokens
    .map((t) => {
      switch (t.type) {
        case 'codespan':
          return `\`${decodeEntities((t as Tokens.Codespan).text)}\``;
        case 'link': {
          const l = t as Tokens.Link;
          const text = inline(l.tokens);
          return text === l.href ? text : `${text} (${l.href})`;
        }
        case 'br':
          return '\n';
        case 'strong':
        case 'em':
        case 'del':
          return inline((t as Tokens.Strong).tokens);
        case 'text': {
          const tt = t as Tokens.Text;
          return tt.tokens ? inline(tt.tokens) : decodeEntities(tt.text);
        }
        default:
          return decodeEntities('text' in t ? String(t.text) : t.raw);
      }
    })
    .join('');
}

function block(t: Token): string[] {
  switch (t.type) {
    case 'heading': {
      const h = t as Tokens.Heading;
      return [`${'#'.repeat(h.depth)} ${inline(h.tokens)}`];
    }
    case 'paragraph':
      return inline((t as Tokens.Paragraph).tokens).split('\n');
    case 'text': {
      const tt = t as Tokens.Text;
      return (tt.tokens ? inline(tt.tokens) : decodeEntities(tt.text)).split('\n');
    }
    case 'list': {
      const l = t as Tokens.List;
      const start = typeof l.start === 'number' ? l.start : 1;
      const out: string[] = [];
      l.items.forEach((item, i) => {
        const bullet = l.ordered ? `${start + i}. ` : '- ';
        const inner = item.tokens.filter((c) => c.type !== 'checkbox').flatMap((c) => block(c));
        inner.forEach((line, j) =>
          out.push(`${j === 0 ? bullet : ' '.repeat(bullet.length)}${line}`),
        );
      });
      return out;
    }
    case 'code':
      return (t as Tokens.Code).text.split('\n').map((l) => `    ${l}`);
    case 'blockquote':
      return (t as Tokens.Blockquote).tokens.flatMap((c) => block(c)).map((l) => `> ${l}`);
    case 'hr':
      return ['----'];
    case 'space':
      return [];
    default:
      return t.raw.trim() ? [t.raw.trim()] : [];
  }
}

/** Renders Markdown as plain text lines, one blank line between blocks. */
export function markdownToText(source: string): string {
  const blocks = lexer(source)
    .filter((t) => t.type !== 'space')
    .map((t) => block(t).join('\n'));
  return blocks.join('\n\n');
}
