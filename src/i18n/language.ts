/**
 * Which language the tutor speaks: `--lang`, else ECR_TUTOR_LANG, else the language the learner
 * chose last time (saved only when they passed --lang), else the POSIX locale (LC_ALL,
 * LC_MESSAGES, LANG, in that order of precedence), else English. Pure: the caller passes argv,
 * the environment and the saved choice.
 */

/** The languages the tutor has catalogs for; the first is the default and the fallback. */
export const LANGUAGES = ['en', 'vi'] as const;
export type Lang = (typeof LANGUAGES)[number];
export const DEFAULT_LANG: Lang = 'en';

export const LANG_ENV = 'ECR_TUTOR_LANG';

/** Where a language choice came from (the order of precedence). */
export type LangSource = 'flag' | 'env' | 'saved' | 'locale' | 'default';

export interface LangChoice {
  lang: Lang;
  source: LangSource;
  /** a value that was given but is not a language we have (reported, then the next source wins) */
  ignored?: { source: 'env'; value: string };
}

/**
 * Reads a language tag or POSIX locale: "vi", "VI", "vi-VN", "vi_VN.UTF-8", "vi_VN@euro" -> "vi".
 * "C", "POSIX", "C.UTF-8" and every language without a catalog -> undefined.
 */
export function parseLang(value: string | undefined): Lang | undefined {
  if (!value) return undefined;
  const m = /^([A-Za-z]{2,3})(?:[-_.@]|$)/.exec(value.trim());
  if (!m) return undefined;
  const code = m[1]!.toLowerCase();
  return (LANGUAGES as readonly string[]).includes(code) ? (code as Lang) : undefined;
}

/** The language the POSIX locale asks for. LC_ALL wins over LC_MESSAGES, which wins over LANG. */
export function localeLang(env: NodeJS.ProcessEnv): Lang | undefined {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG;
  return parseLang(locale);
}

/** The value of `--lang X` or `--lang=X` in argv (the last one wins), stopping at `--`. */
export function langFlag(argv: readonly string[]): string | undefined {
  let found: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    if (a === '--lang') found = argv[i + 1] ?? '';
    else if (a.startsWith('--lang=')) found = a.slice('--lang='.length);
  }
  return found;
}

/** Decides the language. A bad `--lang` is the caller's usage error (see langFlag/parseLang). */
export function chooseLanguage(opts: {
  flag?: Lang;
  env: NodeJS.ProcessEnv;
  saved?: Lang;
}): LangChoice {
  if (opts.flag) return { lang: opts.flag, source: 'flag' };
  const envValue = opts.env[LANG_ENV];
  const fromEnv = parseLang(envValue);
  const ignored =
    envValue && !fromEnv ? { ignored: { source: 'env' as const, value: envValue } } : {};
  if (fromEnv) return { lang: fromEnv, source: 'env' };
  if (opts.saved) return { lang: opts.saved, source: 'saved', ...ignored };
  const fromLocale = localeLang(opts.env);
  if (fromLocale) return { lang: fromLocale, source: 'locale', ...ignored };
  return { lang: DEFAULT_LANG, source: 'default', ...ignored };
}
