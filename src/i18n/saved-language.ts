/**
 * The language a learner chose with --lang, kept beside their progress (state/language.json) so
 * the next `ecr-tutor` speaks it without the flag. Only an explicit --lang is saved: a language
 * that came from the locale or ECR_TUTOR_LANG stays where it came from. One entry per learner of
 * a shared account ("*" when there is none). Read synchronously: it decides the words of the
 * very first line printed.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tutorPaths } from '../paths.js';
import { parseLang, type Lang } from './language.js';

const FILE = 'language.json';
const NO_LEARNER = '*';

interface SavedFile {
  version: 1;
  byLearner: Record<string, Lang>;
}

export function savedLanguagePath(env: NodeJS.ProcessEnv = process.env): string {
  return join(tutorPaths(env).state, FILE);
}

function readFile(env: NodeJS.ProcessEnv): SavedFile {
  try {
    const v = JSON.parse(readFileSync(savedLanguagePath(env), 'utf8')) as unknown;
    if (typeof v === 'object' && v !== null && 'byLearner' in v) {
      const by = (v as { byLearner: unknown }).byLearner;
      if (typeof by === 'object' && by !== null) {
        const out: Record<string, Lang> = {};
        for (const [k, l] of Object.entries(by)) {
          const lang = typeof l === 'string' ? parseLang(l) : undefined;
          if (lang) out[k] = lang;
        }
        return { version: 1, byLearner: out };
      }
    }
  } catch {
    // no file yet, or one we cannot read: nothing was saved that we can use
  }
  return { version: 1, byLearner: {} };
}

/** The language this learner chose last time with --lang, if any. */
export function readSavedLanguage(
  env: NodeJS.ProcessEnv = process.env,
  learner?: string,
): Lang | undefined {
  return readFile(env).byLearner[learner ?? NO_LEARNER];
}

/**
 * Remembers an explicit --lang for this learner (atomic write; the file is private).
 * write-file-atomic is loaded only here: it costs ~9 ms of CPU to load, on every start otherwise.
 */
export async function saveLanguage(
  lang: Lang,
  env: NodeJS.ProcessEnv = process.env,
  learner?: string,
): Promise<void> {
  const file = readFile(env);
  if (file.byLearner[learner ?? NO_LEARNER] === lang) return;
  file.byLearner[learner ?? NO_LEARNER] = lang;
  mkdirSync(tutorPaths(env).state, { recursive: true, mode: 0o700 });
  const { default: writeFileAtomic } = await import('write-file-atomic');
  await writeFileAtomic(savedLanguagePath(env), JSON.stringify(file, null, 2) + '\n', {
    mode: 0o600,
  });
}
