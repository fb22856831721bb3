/**
 * Consent for a lesson pack that is not built in: before its first change, the learner sees
 * what the lesson will create, change, write and delete (every setup and solve action, with the
 * lesson's own values filled in) and says yes or no. The answer is remembered per pack content
 * (a changed lesson.yaml asks again). Without a terminal to ask on, `--trust-pack` is the yes.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, realpath } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import writeFileAtomic from 'write-file-atomic';
import { TutorError } from '../errors.js';
import type { Io } from '../io.js';
import { builtinLessonsDir, tutorPaths } from '../paths.js';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../private-files.js';
import { sanitizeLine } from '../text/sanitize.js';
import { t } from '../i18n/index.js';

/** What one action of a lesson will do, in words (templates filled in with the lesson's params). */
export function describeAction(name: string, params: Record<string, unknown>, cwd: string): string {
  const p = (k: string): string => sanitizeLine(String(params[k] ?? ''));
  switch (name) {
    case 'create-resources':
      return t('pack.action.createResources', {
        repository: p('repository'),
        ciUser: p('ciUser'),
      });
    case 'apply-policy':
      return t('pack.action.applyPolicy', { repository: p('repository'), file: p('file') });
    case 'restore-policy':
      return t('pack.action.restorePolicy', { repository: p('repository') });
    case 'backup-repository-policy':
      return t('pack.action.backupPolicy', { repository: p('repository') });
    case 'delete-repository':
      return t('pack.action.deleteRepository', { repository: p('repository') });
    case 'write-starter-policy':
      return t('pack.action.writeStarter', { file: join(cwd, p('file')) });
    case 'write-solution-policy':
      return t('pack.action.writeSolution', { file: join(cwd, p('file')) });
    case 'fill-account-id':
    case 'answer-quiz':
      return t('pack.action.answer', { action: name });
    default:
      return t('pack.action.other', { action: sanitizeLine(name) });
  }
}

/** Every change a lesson may make: its steps' setup and solve actions (verifySetup is verify-only). */
export async function lessonPlan(lessonDir: string, cwd: string): Promise<string[]> {
  const { loadLesson } = await import('../engine/lesson-loader.js');
  const { renderValue } = await import('../engine/template.js');
  const { lesson } = await loadLesson(lessonDir);
  if (!lesson) return [];
  const out: string[] = [];
  for (const s of lesson.steps) {
    for (const [when, ref] of [
      ['setup', s.setup],
      ['solve', s.solve],
    ] as const) {
      if (!ref) continue;
      const params = renderValue(ref.params, lesson.params) as Record<string, unknown>;
      out.push(
        t('pack.planLine', {
          step: sanitizeLine(s.title),
          when,
          action: describeAction(ref.name, params, cwd),
        }),
      );
    }
  }
  return out;
}

function consentFile(env: NodeJS.ProcessEnv): string {
  return join(tutorPaths(env).state, 'pack-consent.json');
}

async function readConsents(env: NodeJS.ProcessEnv): Promise<Record<string, string>> {
  try {
    return JSON.parse(await readFile(consentFile(env), 'utf8')) as Record<string, string>;
  } catch {
    return {};
  }
}

/** One line from standard input (a terminal), or undefined when there is none. */
function askLine(question: string, stdin: NodeJS.ReadStream, io: Io): Promise<string | undefined> {
  return new Promise((resolveAnswer) => {
    io.err(question);
    const rl = createInterface({ input: stdin, terminal: false });
    let answered = false;
    rl.once('line', (line) => {
      answered = true;
      rl.close();
      resolveAnswer(line);
    });
    rl.once('close', () => {
      if (!answered) resolveAnswer(undefined);
    });
  });
}

export interface ConsentOptions {
  lessonsDir?: string;
  lessonId?: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdin: NodeJS.ReadStream;
  /** --trust-pack: yes without asking */
  trust?: boolean;
}

/**
 * Asks before a pack that is not built in runs its first change. Resolves when the lesson may
 * run; throws TutorError (nothing changed) when the learner says no or cannot be asked.
 */
export async function ensurePackConsent(io: Io, o: ConsentOptions): Promise<void> {
  if (!o.lessonsDir) return;
  const pack = await realpath(resolve(o.lessonsDir)).catch(() => resolve(o.lessonsDir!));
  const builtin = await realpath(builtinLessonsDir).catch(() => builtinLessonsDir);
  if (pack === builtin) return;
  const { listLessons } = await import('../engine/lesson-loader.js');
  const all = await listLessons(pack);
  const summary = o.lessonId ? all.find((l) => l.id === o.lessonId) : all[0];
  if (!summary) return; // openLesson says what is wrong
  const manifest = await readFile(join(summary.dir, 'lesson.yaml'));
  const key = `${summary.dir}\0${createHash('sha256').update(manifest).digest('hex')}`;
  const consents = await readConsents(o.env);
  if (consents[key]) return;
  const plan = await lessonPlan(summary.dir, o.cwd);
  io.err(
    `${t('pack.from', { lesson: sanitizeLine(summary.id), pack: sanitizeLine(pack) })}\n` +
      (plan.length
        ? `${t('pack.mayDo')}\n${plan.map((l) => `  - ${l}\n`).join('')}`
        : `${t('pack.nothing')}\n`),
  );
  let yes = o.trust === true;
  if (!yes && plan.length === 0) yes = true;
  if (!yes) {
    if (!o.stdin.isTTY) {
      throw new TutorError(t('pack.noTerminal'), t('pack.noTerminalTry'));
    }
    const answer = await askLine(`${t('pack.ask')} `, o.stdin, io);
    yes = /^\s*y(es)?\s*$/i.test(answer ?? '');
    // Ink (or the plain prompts) reads standard input next; on a no, nothing holds the process.
    if (yes) o.stdin.resume();
    else o.stdin.pause();
  }
  if (!yes) {
    throw new TutorError(t('pack.refused'), t('pack.refusedTry'));
  }
  consents[key] = new Date().toISOString();
  await mkdir(tutorPaths(o.env).state, { recursive: true, mode: PRIVATE_DIR_MODE });
  await writeFileAtomic(consentFile(o.env), JSON.stringify(consents, null, 2) + '\n', {
    mode: PRIVATE_FILE_MODE,
  });
}
