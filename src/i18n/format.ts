/**
 * ICU MessageFormat through formatjs: the parser from @formatjs/icu-messageformat-parser and the
 * formatter of intl-messageformat (`formatToParts`, its public API).
 *
 * Why not `new IntlMessageFormat(...)`: its constructor resolves the locale with
 * Intl.NumberFormat.supportedLocalesOf, and the first Intl call of a process loads ICU's locale
 * data (~20 ms measured here), which would land on the TUI's first frame for a message as plain
 * as "step {n} of {total}". formatToParts with lazily created formatters touches Intl only when
 * a message really formats a number or picks a plural form.
 */
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { formatToParts, IntlMessageFormat, type Formatters } from 'intl-messageformat';

/** A value a message may interpolate. */
export type MessageValue = string | number;
export type MessageValues = Readonly<Record<string, MessageValue>>;

/** Parses one ICU message; `<tags>` are literal text (lesson text uses <YOUR_AWS_ACCOUNT_ID>). */
export function parseMessage(message: string): MessageFormatElement[] {
  return parse(message, { ignoreTag: true, requiresOtherClause: true });
}

const cache = new Map<string, Intl.NumberFormat | Intl.PluralRules | Intl.DateTimeFormat>();
function memo<T extends Intl.NumberFormat | Intl.PluralRules | Intl.DateTimeFormat>(
  kind: string,
  args: unknown[],
  make: () => T,
): T {
  const key = `${kind}:${JSON.stringify(args)}`;
  let f = cache.get(key) as T | undefined;
  if (!f) cache.set(key, (f = make()));
  return f;
}
const formatters: Formatters = {
  getNumberFormat: (...args) => memo('n', args, () => new Intl.NumberFormat(...args)),
  getDateTimeFormat: (...args) => memo('d', args, () => new Intl.DateTimeFormat(...args)),
  getPluralRules: (...args) => memo('p', args, () => new Intl.PluralRules(...args)),
};

/** Formats a parsed message in `locale`. Throws when a value the message needs is missing. */
export function formatMessage(
  ast: MessageFormatElement[],
  locale: string,
  values: MessageValues = {},
  original?: string,
): string {
  const parts = formatToParts(
    ast,
    locale,
    formatters,
    IntlMessageFormat.formats,
    values,
    undefined,
    original,
  );
  return parts.map((p) => String(p.value)).join('');
}

/** A parsed message ready to format: `format(locale, values)`. */
export interface CompiledMessage {
  format(locale: string, values?: MessageValues): string;
}

/**
 * Parses a message once for many formats. Most of the catalogs' messages are text and plain
 * `{name}` arguments; those are put together by concatenation, as formatToParts would (String()
 * of the value, the same error for a missing one), without its per-call parts array and element
 * dispatch: policy lint says one message per finding, and a 100-action policy makes 100 of them
 * (bench/policy.bench.ts). Plurals, selects, numbers and dates go through formatToParts.
 */
export function compileMessage(message: string): CompiledMessage {
  const ast = parseMessage(message);
  const plain = ast.every((el) => el.type === TYPE.literal || el.type === TYPE.argument);
  if (!plain) return { format: (locale, values) => formatMessage(ast, locale, values, message) };
  // literal text at even indexes, argument names at odd ones
  const pieces: string[] = [''];
  for (const el of ast) {
    if (el.type === TYPE.literal) pieces[pieces.length - 1] += el.value;
    else if (el.type === TYPE.argument) pieces.push(el.value, '');
  }
  if (pieces.length === 1) {
    const text = pieces[0]!;
    return { format: () => text };
  }
  return {
    format: (locale, values) => {
      let out = pieces[0]!;
      for (let i = 1; i < pieces.length; i += 2) {
        const name = pieces[i]!;
        if (!values || !(name in values)) {
          // formatToParts throws its MissingValueError, the same as for any other message
          return formatMessage(ast, locale, values, message);
        }
        const v: unknown = values[name];
        out += (typeof v === 'string' || typeof v === 'number' ? String(v) : '') + pieces[i + 1]!;
      }
      return out;
    },
  };
}

/** The names of the arguments a message uses ({name}, {n, plural, ...}), nested ones included. */
export function argumentNames(ast: MessageFormatElement[]): Set<string> {
  const names = new Set<string>();
  const walk = (els: MessageFormatElement[]): void => {
    for (const el of els) {
      if (el.type !== TYPE.literal && el.type !== TYPE.pound && el.type !== TYPE.tag) {
        names.add(el.value);
      }
      if ('options' in el) {
        for (const opt of Object.values(el.options)) walk(opt.value);
      }
      if ('children' in el) walk(el.children);
    }
  };
  walk(ast);
  return names;
}
