/**
 * The English catalog: every message key the tutor uses, in ICU MessageFormat
 * (`{name}` interpolation, `{n, plural, one {...} other {...}}`). English is the default and the
 * fallback for any key another catalog lacks. Keys are grouped by where the words appear.
 * A literal `{` or `}` is written '{' / '}' (ICU quoting); `<tags>` are plain text.
 */
export const en = {
  // language choice (src/i18n/process-language.ts)
  'lang.unknownFlag': 'the tutor has no language "{value}" (it speaks: {languages}).',
  'lang.unknownFlagTry': 'use --lang en or --lang vi.',
  'lang.unknownEnv':
    'warning: ECR_TUTOR_LANG="{value}" is not a language the tutor speaks ({languages}); using the next choice (your locale, else English).',

  // commander help layout (src/i18n/help.ts)
  'help.usage': 'Usage:',
  'help.options': 'Options:',
  'help.commands': 'Commands:',
  'help.arguments': 'Arguments:',
  'help.globalOptions': 'Global Options:',
  'help.default': 'default: {value}',
  'help.choices': 'choices: {value}',
  'help.helpOption': 'show help',
  'help.helpCommand': 'show help for a command',
  'help.langOption': 'language of the tutor: en or vi (remembered for next time)',
} as const satisfies Record<string, string>;

/** Every message key. */
export type MessageKey = keyof typeof en;
