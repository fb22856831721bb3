/**
 * Start-up: decides the language of this process before a word is printed (help included),
 * from argv and the environment, and remembers an explicit --lang. Called by cli.ts main().
 */
import type { Io } from '../io.js';
import { UsageError } from '../errors.js';
import { setLanguage, t } from './index.js';
import { chooseLanguage, langFlag, LANGUAGES, parseLang, type Lang } from './language.js';
import { readSavedLanguage, saveLanguage } from './saved-language.js';

/** The value of `--learner X` / `--learner=X`, else ECR_TUTOR_LEARNER (whose language to read). */
function learnerOf(argv: readonly string[], env: NodeJS.ProcessEnv): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    if (a === '--learner') return argv[i + 1];
    if (a.startsWith('--learner=')) return a.slice('--learner='.length);
  }
  return env.ECR_TUTOR_LEARNER || undefined;
}

/**
 * Sets the process language and returns it. A `--lang` we have no catalog for is a usage error
 * (said in the language the other sources choose); an ECR_TUTOR_LANG we cannot use is reported
 * on stderr and the next source decides.
 */
export async function chooseProcessLanguage(
  argv: readonly string[],
  io: Io,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Lang> {
  const learner = learnerOf(argv, env);
  const rawFlag = langFlag(argv);
  const flag = rawFlag === undefined ? undefined : parseLang(rawFlag);
  let saved: Lang | undefined;
  try {
    saved = readSavedLanguage(env, learner);
  } catch {
    saved = undefined;
  }
  const choice = chooseLanguage({ flag, env, saved });
  setLanguage(choice.lang);
  if (rawFlag !== undefined && flag === undefined) {
    throw new UsageError(
      t('lang.unknownFlag', { value: rawFlag, languages: LANGUAGES.join(', ') }),
      t('lang.unknownFlagTry'),
    );
  }
  if (choice.ignored) {
    io.err(
      t('lang.unknownEnv', { value: choice.ignored.value, languages: LANGUAGES.join(', ') }) + '\n',
    );
  }
  if (choice.source === 'flag') {
    try {
      await saveLanguage(choice.lang, env, learner);
    } catch {
      // remembering is a convenience: a read-only home must not stop the command
    }
  }
  return choice.lang;
}
