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

  // lesson translations (src/i18n/lesson-translation.ts, `lessons validate`)
  'lessonI18n.whereLesson': 'the lesson',
  'lessonI18n.whereStep': 'step "{step}"',
  'lessonI18n.hint': 'hint {n}',
  'lessonI18n.choice': 'quiz {question}: label of choice "{value}"',
  'lessonI18n.missing': '{lang}: {where} has no translation of its {what}',
  'lessonI18n.paramDropped':
    '{lang}: {where}, {what}: the translation drops {param}, which the English uses',
  'lessonI18n.paramAdded':
    '{lang}: {where}, {what}: the translation uses {param}, which the English does not (renamed?)',
  'lessonI18n.notNfc': '{lang}: {where}, {what}: not in precomposed Unicode (NFC); save it as NFC',
  'lessonI18n.unknownKey': '{lang}: unknown key "{key}" in a translation (allowed: {allowed})',
  'lessonI18n.undeclared':
    'this "{lang}:" translation is never shown: the lesson has no top-level "{lang}:" (its title and summary) declaring the language',
  'lessonI18n.notMapping':
    '"{lang}:" must be a mapping of translated texts (see lessons/README.md, "Translations")',
  'lessonI18n.stepMissing':
    '{lang}: step "{step}" has no "{lang}:" translation (title, hints, and its input or quiz)',
  'lessonI18n.extraHints': '{lang}: step "{step}" has {tr} translated hints for {en} English ones',
  'lessonI18n.noSuchInput': '{lang}: step "{step}" translates an input it does not have',
  'lessonI18n.questionMissing':
    '{lang}: step "{step}" has no translation of quiz question "{question}"',
  'lessonI18n.noSuchChoice':
    '{lang}: step "{step}", quiz {question}: no choice has the value "{value}"',
  'lessonI18n.noSuchQuestion':
    '{lang}: step "{step}" translates quiz question "{question}", which the step does not have',
  'lessonI18n.bodyMissing':
    '{lang}: step "{step}" has no translated text: {file} does not exist beside the English file',
  'lessonI18n.bodyParamDropped': '{lang}: the translation drops {param}, which {english} uses',
  'lessonI18n.bodyParamAdded': '{lang}: {param} is not in the English text of this step (renamed?)',
  'lessonI18n.bodyNotNfc': '{lang}: not in precomposed Unicode (NFC); save the file as NFC',
} as const satisfies Record<string, string>;

/** Every message key. */
export type MessageKey = keyof typeof en;
