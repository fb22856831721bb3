/**
 * The one text layout both front-ends use: Markdown, read with marked's lexer, laid out as
 * styled lines at a width (the TUI's pane, the terminal for `--plain`, or Infinity when the
 * output is piped). No Markdown mark reaches the screen: emphasis and code become styles, lists
 * get a hanging indent, quotes a bar on every line, tables aligned columns (or, too wide,
 * one "header: cell" line per cell), and shell commands the layout of shell.ts. Lesson text is
 * outside text (a pack may be anyone's), so every piece of it is sanitised here.
 */
import { lexer, type Token, type Tokens } from 'marked';
import { decodeEntities } from '../html-entities.js';
import { sanitizeForTerminal, sanitizeLine } from './sanitize.js';
import { layoutCommand, shellWords } from './shell.js';
import { expandTabs, splitAtWidth, textWidth } from './width.js';
import { mergeSpans, wrapSpans, type Line, type Span, type SpanStyle } from './wrap.js';

export interface LayoutOptions {
  /** cells per line; Infinity lays out without wrapping */
  width: number;
  /** ASCII only (TERM=dumb, --ascii): `-` bullets, `|` quote bar, `-` rules */
  ascii?: boolean;
  /** drop a leading heading with this text (the screen already shows the step's title) */
  skipHeading?: string;
}

export interface Layout {
  lines: Line[];
  /** every shell command in the text, in order, each as one line (for copying) */
  commands: string[];
}

const COMMAND_LANGS = new Set(['sh', 'bash', 'shell', 'console', 'zsh', 'shell-session']);
/** Programs whose code blocks are commands even without a language tag. */
const COMMAND_START =
  /^(aws|ecr-tutor|npx|npm|node|eval|export|docker|skopeo|curl|git|cd|ls|cat|jq|\$) /;

/** True when a fenced block holds shell commands (tagged sh/bash/…, or starting with a known program). */
export function isCommandBlock(lang: string | undefined, text: string): boolean {
  if (lang && COMMAND_LANGS.has(lang.toLowerCase())) return true;
  if (lang) return false;
  return text.split('\n').every((l) => !l.trim() || COMMAND_START.test(l.trim()));
}

/** The commands of a command block, one per logical line (` \` continuations joined). */
export function commandsOf(text: string): string[] {
  return text
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((l) => l.trim().replace(/^\$ /, ''))
    .filter((l) => l && !l.startsWith('#'));
}

function clean(text: string): string {
  return sanitizeLine(decodeEntities(text));
}

function inline(tokens: Token[] | undefined, style?: SpanStyle): Span[] {
  if (!tokens) return [];
  const out: Span[] = [];
  for (const t of tokens) {
    switch (t.type) {
      case 'strong':
        out.push(...inline((t as Tokens.Strong).tokens, style ?? 'strong'));
        break;
      case 'em':
        out.push(...inline((t as Tokens.Em).tokens, style ?? 'em'));
        break;
      case 'del':
        out.push(...inline((t as Tokens.Del).tokens, style ?? 'del'));
        break;
      case 'codespan': {
        const text = clean((t as Tokens.Codespan).text);
        // a command in a sentence stays whole on its line (a line of its own when too wide)
        out.push(
          COMMAND_START.test(text) ? { text, style: 'code', keep: true } : { text, style: 'code' },
        );
        break;
      }
      case 'link': {
        const l = t as Tokens.Link;
        const label = inline(l.tokens, 'link');
        out.push(...label);
        const labelText = label.map((s) => s.text).join('');
        // a space before the address: a full stop after it must not look like part of it
        if (labelText !== l.href && `mailto:${labelText}` !== l.href)
          out.push({ text: ` (${clean(l.href)})`, style: 'muted' });
        break;
      }
      case 'br':
        out.push({ text: '\n' });
        break;
      case 'text': {
        const tt = t as Tokens.Text;
        if (tt.tokens) out.push(...inline(tt.tokens, style));
        else out.push({ text: clean(tt.text.replace(/\s*\n\s*/g, ' ')), style });
        break;
      }
      case 'escape':
        out.push({ text: clean((t as Tokens.Escape).text), style });
        break;
      case 'html':
        out.push({ text: clean(t.raw.replace(/<[^>]*>/g, '')), style });
        break;
      default:
        out.push({ text: clean('text' in t ? String(t.text) : t.raw), style });
    }
  }
  return out;
}

function plainText(spans: Span[]): string {
  return spans.map((s) => s.text).join('');
}

const line = (spans: Span[], command?: string): Line => (command ? { spans, command } : { spans });
const BLANK: Line = { spans: [] };

function prefixed(lines: Line[], first: Span[], rest: Span[]): Line[] {
  return lines.map((l, i) => ({
    ...l,
    spans: mergeSpans([...(i === 0 ? first : rest), ...l.spans]),
  }));
}

class Layouter {
  readonly commands: string[] = [];
  constructor(private readonly o: LayoutOptions) {}

  blocks(tokens: Token[], width: number, depth: number, loose = true): Line[] {
    const out: Line[] = [];
    for (const t of tokens) {
      const lines = this.block(t, width, depth);
      if (!lines.length) continue;
      if (out.length && loose) out.push(BLANK);
      out.push(...lines);
    }
    return out;
  }

  paragraph(spans: Span[], width: number): Line[] {
    // A command too wide for the line is laid out as a command (continued with ` \` at
    // argument boundaries) on lines of its own, between the words before and after it.
    const out: Line[] = [];
    let run: Span[] = [];
    const flush = () => {
      if (run.some((s) => s.text.trim())) out.push(...wrapSpans(run, width).map((s) => line(s)));
      run = [];
    };
    for (const s of spans) {
      if (s.keep && textWidth(s.text) > width) {
        flush();
        const command = shellWords(s.text).join(' ');
        for (const l of layoutCommand(command, Math.max(1, width - 2)))
          out.push(line([{ text: '  ' }, { text: l, style: 'code' }], command));
      } else run.push(s);
    }
    flush();
    return out.length ? out : [line([])];
  }

  block(t: Token, width: number, depth: number): Line[] {
    switch (t.type) {
      case 'heading':
        return this.paragraph(inline((t as Tokens.Heading).tokens, 'heading'), width);
      case 'paragraph':
        return this.paragraph(inline((t as Tokens.Paragraph).tokens), width);
      case 'text': {
        const tt = t as Tokens.Text;
        return this.paragraph(
          tt.tokens ? inline(tt.tokens) : [{ text: clean(tt.text.replace(/\s*\n\s*/g, ' ')) }],
          width,
        );
      }
      case 'list':
        return this.list(t as Tokens.List, width, depth);
      case 'code':
        return this.code(t as Tokens.Code, width);
      case 'blockquote': {
        const bar: Span = { text: this.o.ascii ? '| ' : '│ ', style: 'quote' };
        const inner = this.blocks((t as Tokens.Blockquote).tokens, Math.max(1, width - 2), depth);
        return prefixed(inner, [bar], [bar]).map((l) =>
          l.spans.length === 1 ? { spans: [{ text: bar.text.trimEnd(), style: 'quote' }] } : l,
        );
      }
      case 'hr':
        return [
          line([{ text: (this.o.ascii ? '-' : '─').repeat(Math.min(width, 40)), style: 'muted' }]),
        ];
      case 'table':
        return this.table(t as Tokens.Table, width);
      case 'space':
      case 'def':
      case 'checkbox':
        return [];
      case 'html':
        return this.paragraph([{ text: clean(t.raw.replace(/<[^>]*>/g, '')) }], width);
      default:
        return t.raw.trim() ? this.paragraph([{ text: clean(t.raw.trim()) }], width) : [];
    }
  }

  list(l: Tokens.List, width: number, depth: number): Line[] {
    const start = typeof l.start === 'number' ? l.start : 1;
    const markers = l.items.map((_, i) =>
      l.ordered ? `${start + i}.` : this.o.ascii ? '-' : depth % 2 === 0 ? '•' : '◦',
    );
    const mw = Math.max(...markers.map((m) => textWidth(m))) + 1;
    const out: Line[] = [];
    for (const [i, item] of l.items.entries()) {
      const check = item.task ? (item.checked ? '[x] ' : '[ ] ') : '';
      const inner = this.blocks(
        item.tokens.filter((c) => c.type !== 'checkbox'),
        Math.max(1, width - mw - check.length),
        depth + 1,
        false,
      );
      if (!inner.length) inner.push(line([]));
      if (i > 0 && l.loose) out.push(BLANK);
      const marker: Span = { text: markers[i]!.padEnd(mw), style: 'marker' };
      const lines = check
        ? prefixed(inner, [{ text: check }], [{ text: ' '.repeat(check.length) }])
        : inner;
      out.push(...prefixed(lines, [marker], [{ text: ' '.repeat(mw) }]));
    }
    return out;
  }

  code(c: Tokens.Code, width: number): Line[] {
    const indent: Span = { text: '  ' };
    const w = Math.max(1, width - 2);
    if (isCommandBlock(c.lang || undefined, c.text)) {
      const out: Line[] = [];
      for (const raw of commandsOf(sanitizeForTerminal(c.text))) {
        const command = shellWords(raw).join(' ');
        this.commands.push(command);
        for (const l of layoutCommand(command, w))
          out.push(line([indent, { text: l, style: 'code' }], command));
      }
      return out;
    }
    const out: Line[] = [];
    for (const raw of sanitizeForTerminal(c.text).replace(/\n$/, '').split('\n')) {
      let rest = expandTabs(raw);
      if (!rest) {
        out.push(line([]));
        continue;
      }
      while (rest) {
        const [head, tail] = textWidth(rest) <= w ? [rest, ''] : splitAtWidth(rest, w);
        out.push(line([indent, { text: head, style: 'code' }]));
        rest = tail;
      }
    }
    return out;
  }

  table(tb: Tokens.Table, width: number): Line[] {
    const header = tb.header.map((c) => inline(c.tokens));
    const rows = tb.rows.map((r) => r.map((c) => inline(c.tokens)));
    const all = [header, ...rows];
    const widths = header.map((_, i) =>
      Math.max(...all.map((r) => textWidth(plainText(r[i] ?? [])))),
    );
    const gap = 2;
    const n = widths.length;
    const fixed = widths.slice(0, -1).reduce((a, b) => a + b + gap, 0);
    // Columns when they fit, the last one wrapped in what the others leave if need be.
    const lastWidth = Math.min(widths[n - 1] ?? 0, width - fixed);
    if (lastWidth >= Math.min(widths[n - 1] ?? 0, 16)) {
      const out: Line[] = [];
      const row = (cells: Span[][], strong: boolean) => {
        const styled = (cell: Span[]) =>
          strong ? cell.map((s) => ({ ...s, style: s.style ?? ('strong' as const) })) : cell;
        const lead = cells
          .slice(0, -1)
          .flatMap((cell, i) => [
            ...styled(cell),
            { text: ' '.repeat((widths[i] ?? 0) - textWidth(plainText(cell)) + gap) },
          ]);
        const last = wrapSpans(styled(cells[n - 1] ?? []), Math.max(1, lastWidth));
        for (const [i, l] of last.entries())
          out.push(line(mergeSpans([...(i === 0 ? lead : [{ text: ' '.repeat(fixed) }]), ...l])));
      };
      row(header, true);
      out.push(
        line([
          {
            text: (this.o.ascii ? '-' : '─').repeat(fixed + Math.max(0, lastWidth)),
            style: 'muted',
          },
        ]),
      );
      for (const r of rows) row(r, false);
      return out.map((l) => ({
        spans: mergeSpans(
          l.spans.map((s, i, a) => (i === a.length - 1 ? { ...s, text: s.text.trimEnd() } : s)),
        ).filter((s) => s.text),
      }));
    }
    // Too wide for columns: each row as a list item, one "header: cell" line per cell.
    const out: Line[] = [];
    const marker = this.o.ascii ? '- ' : '• ';
    for (const [ri, r] of rows.entries()) {
      if (ri > 0) out.push(BLANK);
      for (const [ci, cell] of r.entries()) {
        const label: Span[] =
          ci === 0 ? [] : [{ text: `${plainText(header[ci] ?? [])}: `, style: 'muted' }];
        const inner = this.paragraph([...label, ...cell], Math.max(1, width - 2));
        out.push(
          ...prefixed(
            inner,
            [{ text: ci === 0 ? marker : '  ', style: 'marker' }],
            [{ text: '  ' }],
          ),
        );
      }
    }
    return out;
  }
}

/**
 * A one-line text with Markdown marks (a lesson's hint, after a label such as "Hint 2/3:")
 * as lines at `width`: no marks shown, commands whole. A text that is itself one command (the
 * last hint level often is) goes under the label, laid out as a command, to copy as it is.
 */
export function layoutHint(label: Span, text: string, o: LayoutOptions): Line[] {
  const width = Number.isFinite(o.width) ? Math.max(1, Math.floor(o.width)) : Infinity;
  const l = new Layouter(o);
  const source = text.trim();
  if (!source.includes('`') && isCommandBlock(undefined, source)) {
    const command = shellWords(sanitizeForTerminal(source)).join(' ');
    return [
      line([label]),
      ...layoutCommand(command, Math.max(1, width - 2)).map((c) =>
        line([{ text: '  ' }, { text: c, style: 'code' }], command),
      ),
    ];
  }
  const para = lexer(source).find((t) => t.type === 'paragraph') as Tokens.Paragraph | undefined;
  const spans = para ? inline(para.tokens) : [{ text: clean(source) }];
  return l.paragraph([label, { text: ' ' }, ...spans], width);
}

/** Lays out a Markdown document as lines at `o.width`; blocks are separated by one blank line. */
export function layoutMarkdown(source: string, o: LayoutOptions): Layout {
  let tokens = lexer(source).filter((t) => t.type !== 'space');
  const first = tokens[0];
  if (
    first?.type === 'heading' &&
    o.skipHeading !== undefined &&
    clean((first as Tokens.Heading).text).trim() === o.skipHeading.trim()
  )
    tokens = tokens.slice(1);
  const l = new Layouter(o);
  const width = Number.isFinite(o.width) ? Math.max(1, Math.floor(o.width)) : Infinity;
  const lines = l.blocks(tokens, width, 0);
  return { lines, commands: l.commands };
}
