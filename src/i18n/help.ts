/**
 * `--help` in the learner's language, through commander's own extension points (configureHelp,
 * helpOption, helpCommand; Option.description, Command.description): the English words stay
 * where the commands are declared (cli.ts), the Vietnamese ones live in messages/help-vi.ts keyed
 * by command path, and every command gets `--lang`. test/i18n/help.test.ts fails when a command,
 * option or argument has no Vietnamese text.
 */
import { Help, Option, type Argument, type Command } from 'commander';
import { getLanguage, t, type Lang, type MessageKey } from './index.js';
import { HELP_VI } from './messages/help-vi.js';

/** Help tables by language; English is the text in cli.ts itself. */
const HELP: Partial<Record<Lang, Readonly<Record<string, string>>>> = { vi: HELP_VI };

const TITLES: Record<string, MessageKey> = {
  'Usage:': 'help.usage',
  'Options:': 'help.options',
  'Commands:': 'help.commands',
  'Arguments:': 'help.arguments',
  'Global Options:': 'help.globalOptions',
};

/** "lessons validate": the command's path below the program, '' for the program itself. */
export function commandPath(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** The translation keys of one command: its description, each option, each argument. */
export function helpKeys(cmd: Command): { description: string; options: string[]; args: string[] } {
  const path = commandPath(cmd);
  return {
    description: path === '' ? '(program)' : path,
    options: cmd.options.map((o) => `${path} ${o.long ?? o.short ?? ''}`.trim()),
    args: cmd.registeredArguments.map((a) => `${path} <${a.name()}>`.trim()),
  };
}

/** The Vietnamese text of a key: the command's own, else the one shared by every command. */
export function helpText(
  key: string,
  table: Readonly<Record<string, string>> = HELP[getLanguage()] ?? HELP_VI,
): string | undefined {
  if (table[key] !== undefined) return table[key];
  const shared = key.slice(key.lastIndexOf(' ') + 1);
  return shared.startsWith('--') || shared.startsWith('<') ? table[shared] : undefined;
}

/** Words commander adds itself: "(default: …)", "(choices: …)". */
function localizeExtras(text: string): string {
  return text
    .replace(/\(default: ([^()]*)\)$/, (_, v: string) => `(${t('help.default', { value: v })})`)
    .replace(/\(choices: ([^()]*)\)/, (_, v: string) => `(${t('help.choices', { value: v })})`);
}

const base = new Help();

function translate(cmd: Command, table: Readonly<Record<string, string>>): void {
  const keys = helpKeys(cmd);
  const lookup = (k: string) => helpText(k, table);
  const d = lookup(keys.description);
  if (d !== undefined) cmd.description(d);
  cmd.options.forEach((o: Option, i) => {
    const text = lookup(keys.options[i]!);
    if (text !== undefined) o.description = text;
  });
  cmd.registeredArguments.forEach((a: Argument, i) => {
    const text = lookup(keys.args[i]!);
    if (text !== undefined) a.description = text;
  });
}

/**
 * Gives every command of the program `--lang`, and in a language other than English puts the
 * help in that language. Call once, after every command is declared.
 */
export function localizeProgram(program: Command): void {
  const all = (c: Command): Command[] => [c, ...c.commands.flatMap(all)];
  const lang = getLanguage();
  for (const cmd of all(program)) {
    if (!cmd.options.some((o) => o.long === '--lang')) {
      cmd.addOption(new Option('--lang <lang>', t('help.langOption')));
    }
    cmd.helpOption('-h, --help', t('help.helpOption'));
    if (cmd.commands.length > 0) cmd.helpCommand('help [command]', t('help.helpCommand'));
    const table = HELP[lang];
    if (table) translate(cmd, table);
    cmd.configureHelp({
      styleTitle: (s) => (TITLES[s] ? t(TITLES[s]) : s),
      optionDescription: (o) => localizeExtras(base.optionDescription(o)),
      argumentDescription: (a) => localizeExtras(base.argumentDescription(a)),
    });
  }
}
