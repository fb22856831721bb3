/**
 * The tutor's first frame from local files alone (previewLesson): kept apart from ./index.ts so
 * that drawing it loads neither the YAML parser nor the lesson loader when the lesson's cached
 * copy is current, let alone the AWS SDK or the sandbox.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { wantsExternalTarget } from '../aws/target.js';
import { FACILITATOR_ENV, learnerFrom } from '../instructor/learner.js';
import { builtinLessonsDir, tutorPaths } from '../paths.js';
import { pidAlive, readLock } from '../sandbox/lock.js';
import { SANDBOX_ADMIN_USER, SANDBOX_DEFAULT_PORT } from '../sandbox/names.js';
import { loadState } from '../sandbox/store/metadata.js';
import { VERSION } from '../version.js';
import { getLanguage } from '../i18n/index.js';
import { createEngine, type TutorEngine } from '../engine/engine.js';
import type { OpenLessonOptions } from './index.js';
import { progressDir, progressKey, ProgressStore } from '../engine/progress.js';
import type { LessonDef } from '../engine/types.js';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../private-files.js';
import { tutorCommand } from '../text/tutor-command.js';

/**
 * Lesson parameters from the environment: ECR_TUTOR_PARAM_ciProfile=ci-user sets `ciProfile`
 * (e.g. the profile holding the CI user's keys on real AWS) without editing the lesson.
 */
export function paramsFromEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) {
    if (k.startsWith('ECR_TUTOR_PARAM_') && v !== undefined)
      out[k.slice('ECR_TUTOR_PARAM_'.length)] = v;
  }
  return out;
}

/**
 * The lesson as the learner left it, read from local files alone (the lesson, the sandbox's
 * state file for account and region, the progress file): what the TUI draws while the sandbox
 * starts and STS answers, so the first frame needs neither the AWS SDK nor the sandbox. Only for
 * the default sandbox target; undefined when anything is missing or odd (first start, damaged
 * progress file: openLesson then handles it). The engine is read-only and has no checks: it
 * draws, it never decides (see openLesson for the live one; mirrors its lesson and target parts).
 */
export async function previewLesson(o: OpenLessonOptions): Promise<TutorEngine | undefined> {
  const env = o.env ?? process.env;
  if (wantsExternalTarget(o.target) || o.session) return undefined;
  try {
    const paths = tutorPaths(env);
    // the same folder as defaultSandboxStateDir(), whose module would load the whole sandbox
    const stateDir = join(paths.data, 'sandbox');
    const packDir = resolve(o.lessonsDir ?? builtinLessonsDir);
    const learner = learnerFrom(o.learner, env);
    const params = { ...paramsFromEnv(env), ...(o.params ?? {}) };
    const [state, lock, lesson] = await Promise.all([
      loadState(stateDir),
      readLock(stateDir).catch(() => undefined),
      cachedLesson(join(paths.data, 'cache'), packDir, o.lessonId, params, learner),
    ]);
    const account = state?.accounts[state.primaryAccountId];
    const admin = account?.users[SANDBOX_ADMIN_USER];
    if (!state || !lesson || !admin) return undefined;
    const target = {
      kind: 'sandbox' as const,
      region: state.region,
      accountId: state.primaryAccountId,
      identityArn: admin.arn,
    };
    // A progress file that does not parse is set aside by ProgressStore.open: leave that (and
    // its notice) to the live open.
    const file = join(progressDir(paths.state), `${progressKey(target, learner)}.json`);
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text !== undefined) JSON.parse(text);
    const store = await ProgressStore.open(paths.state, target, undefined, { learner });
    if (store.notices.length) return undefined;
    const endpoint =
      lock?.endpoint && pidAlive(lock.pid)
        ? lock.endpoint
        : `http://127.0.0.1:${SANDBOX_DEFAULT_PORT}`;
    const cwd = resolve(o.cwd ?? process.cwd());
    return createEngine({
      lesson,
      target,
      registry: { checks: {}, actions: {} },
      env: undefined,
      store,
      cwd,
      baseVars: {
        region: state.region,
        targetKind: 'sandbox',
        cwd,
        endpointFlag: ` --endpoint-url ${endpoint}`,
        profileFlag: '',
        regionFlag: ` --region ${state.region}`,
        tutor: tutorCommand(),
        secondAccountId: state.secondAccountId,
        learner: learner ?? '',
      },
      prepareOnOpen: false,
      facilitator: o.facilitator ?? env[FACILITATOR_ENV] === '1',
      readOnly: true,
    });
  } catch {
    return undefined;
  }
}

/**
 * The lesson previewLesson shows, kept as JSON under the data folder next to the size and time
 * of every file of the pack: parsing the YAML and Markdown again costs more than the rest of
 * the first frame. Any change to the pack, the parameters, the learner, the language or the tutor's version
 * loads it afresh (and refreshes the copy).
 */
async function cachedLesson(
  cacheDir: string,
  packDir: string,
  lessonId: string | undefined,
  params: Record<string, string>,
  learner: string | undefined,
): Promise<LessonDef | undefined> {
  const stamps: string[] = [];
  for (const d of (await readdir(packDir, { withFileTypes: true })).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    if (!d.isDirectory()) continue;
    const dir = join(packDir, d.name);
    const names = (await readdir(dir)).sort();
    const stats = await Promise.all(names.map((n) => stat(join(dir, n))));
    names.forEach((n, i) => stamps.push(`${d.name}/${n}:${stats[i]!.size}:${stats[i]!.mtimeMs}`));
  }
  // the language too: the copy holds the lesson as localized (a Vietnamese learner's first
  // frame showed the English copy an English run had cached)
  const lang = getLanguage();
  const key = JSON.stringify({ VERSION, packDir, lessonId, params, learner, lang, stamps });
  const file = join(
    cacheDir,
    `lesson-${createHash('sha256').update(key).digest('hex').slice(0, 16)}.json`,
  );
  try {
    const hit = JSON.parse(await readFile(file, 'utf8')) as { key: string; lesson: LessonDef };
    if (hit.key === key) return hit.lesson;
  } catch {
    // no copy yet, or a damaged one: load the lesson
  }
  const { listLessons, loadLesson } = await import('../engine/lesson-loader.js');
  const all = await listLessons(packDir);
  const summary = lessonId ? all.find((l) => l.id === lessonId) : all[0];
  if (!summary) return undefined;
  const { lesson } = await loadLesson(summary.dir, { params, learner, lang });
  if (!lesson) return undefined;
  const { default: writeFileAtomic } = await import('write-file-atomic');
  await ensurePrivateDir(cacheDir);
  await writeFileAtomic(file, JSON.stringify({ key, lesson }), { mode: PRIVATE_FILE_MODE });
  return lesson;
}
