/**
 * Commander's own usage errors ("error: unknown option '--frob'", "too many arguments"…) in the
 * learner's language. Commander has no message catalog, so its few fixed sentences (commander
 * 14, lib/command.js and lib/suggestSimilar.js) are recognised by shape and said again through
 * t(); English passes unchanged, and a sentence this table does not know keeps commander's
 * words after a translated "error:" label.
 */
import { getLanguage, t } from './index.js';
import type { MessageKey } from './messages/en.js';

type Rule = [RegExp, (m: RegExpExecArray) => string];

const RULES: Rule[] = [
  [/^unknown option '(.+?)'$/, (m) => t('cliError.unknownOption', { flag: m[1]! })],
  [/^unknown command '(.+?)'$/, (m) => t('cliError.unknownCommand', { name: m[1]! })],
  [/^missing required argument '(.+?)'$/, (m) => t('cliError.missingArgument', { name: m[1]! })],
  [
    /^option '(.+?)' argument missing$/,
    (m) => t('cliError.optionArgumentMissing', { flags: m[1]! }),
  ],
  [
    /^required option '(.+?)' not specified$/,
    (m) => t('cliError.requiredOption', { flags: m[1]! }),
  ],
  [
    /^option '(.+?)' argument '(.*?)' is invalid\.(?: (.*))?$/s,
    (m) => t('cliError.invalidOptionArgument', { flags: m[1]!, value: m[2]!, why: reason(m[3]) }),
  ],
  [
    /^command-argument value '(.*?)' is invalid for argument '(.+?)'\.(?: (.*))?$/s,
    (m) => t('cliError.invalidArgument', { value: m[1]!, name: m[2]!, why: reason(m[3]) }),
  ],
  [
    /^too many arguments(?: for '(.+?)')?\. Expected (\d+) arguments? but got (\d+)\.$/,
    (m) =>
      t('cliError.tooManyArguments', {
        command: m[1] ?? 'none',
        expected: Number(m[2]),
        got: Number(m[3]),
      }),
  ],
];

/** Our own parsers' reasons (InvalidArgumentError in cli.ts), by their English words. */
const REASONS: Array<[RegExp, MessageKey, (m: RegExpExecArray) => Record<string, string>]> = [
  [/^use one of (.+)\.$/, 'cliError.useOneOf', (m) => ({ choices: m[1]! })],
  [/^use a whole number\.$/, 'cliError.wholeNumber', () => ({})],
  [/^a port is a whole number from 0 to 65535\.$/, 'cliError.port', () => ({})],
];

function reason(why: string | undefined): string {
  if (why === undefined) return '';
  for (const [re, key, values] of REASONS) {
    const m = re.exec(why.trim());
    if (m) return t(key, values(m));
  }
  return why;
}

/** One of commander's error texts (with its "error: " and trailing newline) in the current language. */
export function localizeCommanderError(text: string): string {
  if (getLanguage() === 'en') return text;
  const nl = text.endsWith('\n') ? '\n' : '';
  const body = text.slice(0, text.length - nl.length).replace(/^error: /, '');
  // "(Did you mean --format?)" / "(Did you mean one of a, b?)" on a line of its own
  const [sentence, ...rest] = body.split('\n');
  const suggestion = rest
    .map((line) => {
      const m = /^\(Did you mean (?:one of )?(.+)\?\)$/.exec(line);
      return m ? t('cliError.didYouMean', { options: m[1]! }) : line;
    })
    .map((l) => `\n${l}`)
    .join('');
  let said: string | undefined;
  for (const [re, say] of RULES) {
    const m = re.exec(sentence!);
    if (m) {
      said = say(m);
      break;
    }
  }
  return `${t('cliError.label')} ${said ?? sentence}${suggestion}${nl}`;
}
