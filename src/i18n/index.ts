/**
 * The tutor's words in the learner's language: `t(key, values)` looks the key up in the catalog
 * of the current language, falls back to English for a key that has no translation yet, and
 * formats it as an ICU message (plurals, select, interpolation). One language per process, set
 * once at start-up from --lang / ECR_TUTOR_LANG / the saved choice / the locale (see
 * language.ts and cli.ts).
 */
import { en, type MessageKey } from './messages/en.js';
import { vi } from './messages/vi.js';
import { compileMessage, type CompiledMessage, type MessageValues } from './format.js';
import { DEFAULT_LANG, type Lang } from './language.js';

export { LANGUAGES, type Lang } from './language.js';
export type { MessageKey } from './messages/en.js';
export type { MessageValues } from './format.js';

/** A catalog: English has every key; another language may lack some (English is shown). */
export type Catalog = Partial<Record<MessageKey, string>>;

const CATALOGS: Record<Lang, Catalog> = { en, vi };
/** BCP 47 tags for Intl (plural rules, numbers). */
const LOCALES: Record<Lang, string> = { en: 'en', vi: 'vi' };

let current: Lang = DEFAULT_LANG;
const compiled = new Map<string, CompiledMessage>();

/** Sets the language of every later t(). */
export function setLanguage(lang: Lang): void {
  current = lang;
}

/** The language t() speaks now. */
export function getLanguage(): Lang {
  return current;
}

/** Runs fn with another language, then puts the previous one back (tests, reports). */
export function withLanguage<T>(lang: Lang, fn: () => T): T {
  const before = current;
  current = lang;
  try {
    return fn();
  } finally {
    current = before;
  }
}

/** The raw message of a key in a language, or undefined when that catalog lacks it. */
export function rawMessage(key: MessageKey, lang: Lang = current): string | undefined {
  return CATALOGS[lang][key];
}

function render(lang: Lang, key: MessageKey, message: string, values?: MessageValues): string {
  const cacheKey = `${lang}\u0000${key}`;
  let c = compiled.get(cacheKey);
  if (!c) compiled.set(cacheKey, (c = compileMessage(message)));
  return c.format(LOCALES[lang], values);
}

/** The message `key` in the current language, with `values` put in. */
export function t(key: MessageKey, values?: MessageValues): string {
  const own = CATALOGS[current][key];
  if (own !== undefined && current !== 'en') {
    try {
      return render(current, key, own, values);
    } catch {
      // a broken translation must not hide the message: English below (the catalog test
      // catches this before it ships)
    }
  }
  try {
    return render('en', key, en[key], values);
  } catch {
    return en[key];
  }
}
