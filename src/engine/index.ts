/**
 * The engine's entry points for the front-ends and commands: open a lesson against a target,
 * list lessons. Types are in ./types.ts; the AWS side is imported lazily so that listing and
 * validating lessons never load the SDK.
 */
import { resolve } from 'node:path';
import { TutorError } from '../errors.js';
import { builtinLessonsDir, tutorPaths } from '../paths.js';
import type { TargetOptions } from '../aws/target.js';
import type { AwsSession } from '../aws/session.js';
import type { LessonDef } from './types.js';
import { createEngine, type TutorEngine } from './engine.js';
import { listLessons, loadLesson, type LessonSummary } from './lesson-loader.js';
import { otherRegionsWithProgress, progressDir, progressKey, ProgressStore } from './progress.js';

export type * from './types.js';
export type { CheckAllRow, TutorEngine } from './engine.js';
export type { LessonSummary, LessonProblem } from './lesson-loader.js';
export { createEngine } from './engine.js';
export { loadLesson, listLessons } from './lesson-loader.js';
export { ProgressStore, progressKey } from './progress.js';

export interface OpenLessonOptions {
  /** lesson id (default: the first lesson of the pack) */
  lessonId?: string;
  /** lesson pack folder (default: the built-in lessons) */
  lessonsDir?: string;
  /** which AWS: sandbox by default */
  target: TargetOptions;
  /** the learner's working directory (default: process.cwd()) */
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** lesson parameter overrides (repository, ciUser, ciProfile, ...) */
  params?: Record<string, string>;
  /** an already open session (tests, `lessons verify`); the engine does not close it */
  session?: AwsSession;
  /** sandbox log lines */
  log?: (line: string) => void;
  /** run the current step's setup (e.g. write the starter file) on open; default true */
  prepareOnOpen?: boolean;
  /** a learner of a shared account: own resource names and progress (default: ECR_TUTOR_LEARNER) */
  learner?: string;
  /** facilitator mode (default: ECR_TUTOR_FACILITATOR=1) */
  facilitator?: boolean;
  /** never write the progress file (`report`) */
  readOnly?: boolean;
}

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

/** The lessons of a pack, sorted (default pack: the built-in lessons). */
export function listLessonsIn(dir?: string): Promise<LessonSummary[]> {
  return listLessons(dir ?? builtinLessonsDir);
}

/**
 * Opens a lesson: loads it, connects to the target (starting the sandbox if needed), opens the
 * progress file of that target and returns the engine. Throws TutorError (with a fix) when the
 * lesson is broken or the target cannot be reached.
 */
export async function openLesson(o: OpenLessonOptions): Promise<TutorEngine> {
  const env = o.env ?? process.env;
  const packDir = resolve(o.lessonsDir ?? builtinLessonsDir);
  const all = await listLessons(packDir);
  const summary = o.lessonId ? all.find((l) => l.id === o.lessonId) : all[0];
  if (!summary) {
    if (o.lessonId) {
      throw new TutorError(
        `There is no lesson "${o.lessonId}" in ${packDir}.`,
        `Run \`ecr-tutor lessons list\` to see the lessons${all.length ? ` (e.g. ${all[0]!.id})` : ''}.`,
      );
    }
    throw new TutorError(
      `No usable lesson in ${packDir}.`,
      `Run \`ecr-tutor lessons validate ${packDir}\` to see what is wrong.`,
    );
  }
  const { builtinRegistry, PARAM_SPECS } = await import('../checks/index.js');
  const { assertLearner, learnerFrom, FACILITATOR_ENV } = await import('../instructor/learner.js');
  const learner = learnerFrom(o.learner, env);
  if (learner !== undefined) assertLearner(learner);
  const registry = builtinRegistry();
  const loaded = await loadLesson(summary.dir, {
    params: { ...paramsFromEnv(env), ...(o.params ?? {}) },
    knownChecks: new Set(Object.keys(registry.checks)),
    knownActions: new Set(Object.keys(registry.actions)),
    paramSpecs: PARAM_SPECS,
    learner,
  });
  if (learner !== undefined && loaded.lesson) assertLearner(learner, loaded.lesson.params);
  if (!loaded.lesson) {
    const first = loaded.problems[0];
    throw new TutorError(
      `The lesson "${summary.id}" has ${loaded.problems.length} problem(s), e.g. ${first?.file}${first?.line ? `:${first.line}` : ''}: ${first?.message}`,
      `Run \`ecr-tutor lessons validate ${packDir}\` for the full list.`,
    );
  }
  const { openSession, describeTarget } = await import('../aws/session.js');
  const { describeAwsError } = await import('../aws/errors.js');
  const paths = tutorPaths(env);
  const session = o.session ?? (await openSession(o.target, { env, log: o.log }));
  const ownSession = !o.session;
  let target;
  try {
    target = await describeTarget(session);
  } catch (err) {
    if (ownSession) await session.close();
    const d = describeAwsError(err, {
      targetKind: session.kind,
      profile: session.profile,
      endpoint: session.endpoint,
    });
    throw new TutorError(d.summary, d.fix);
  }
  const store = await ProgressStore.open(paths.state, target, undefined, { learner });
  const notices: string[] = [];
  if (learner !== undefined && !loaded.lesson.learnerParams?.length) {
    notices.push(
      `The lesson "${loaded.lesson.id}" names no learnerParams, so --learner ${learner} only keeps your progress apart: ` +
        'the AWS resources are the same for every learner in this account.',
    );
  }
  if (!store.has(loaded.lesson.id)) {
    const others = await otherRegionsWithProgress(paths.state, target);
    if (others.length) {
      notices.push(
        `You have progress for account ${target.accountId} in ${others.join(', ')}, but the tutor is now using ${target.region}: ` +
          `that is a separate lab. Pass --region ${others[0]} to continue where you were.`,
      );
    }
  }
  const cwd = resolve(o.cwd ?? process.cwd());
  return createEngine({
    lesson: loaded.lesson,
    target,
    registry,
    env: { session, cwd, dataDir: paths.data },
    store,
    cwd,
    notices,
    baseVars: {
      region: session.region,
      targetKind: session.kind,
      cwd,
      endpointFlag: session.endpoint ? ` --endpoint-url ${session.endpoint}` : '',
      profileFlag: session.profile ? ` --profile ${session.profile}` : '',
      regionFlag: ` --region ${session.region}`,
      ...(session.sandbox ? { secondAccountId: session.sandbox.secondAccountId } : {}),
      learner: learner ?? '',
    },
    onClose: ownSession ? () => session.close() : undefined,
    prepareOnOpen: o.prepareOnOpen,
    facilitator: o.facilitator ?? env[FACILITATOR_ENV] === '1',
    readOnly: o.readOnly,
  });
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
  const { wantsExternalTarget } = await import('../aws/target.js');
  if (wantsExternalTarget(o.target) || o.session) return undefined;
  try {
    const { loadState } = await import('../sandbox/store/metadata.js');
    const { readLock, pidAlive } = await import('../sandbox/lock.js');
    const { SANDBOX_ADMIN_USER, SANDBOX_DEFAULT_PORT } = await import('../sandbox/names.js');
    const { learnerFrom, FACILITATOR_ENV } = await import('../instructor/learner.js');
    const { readFile } = await import('node:fs/promises');
    const { join } = await import('node:path');
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
 * the first frame. Any change to the pack, the parameters, the learner or the tutor's version
 * loads it afresh (and refreshes the copy).
 */
async function cachedLesson(
  cacheDir: string,
  packDir: string,
  lessonId: string | undefined,
  params: Record<string, string>,
  learner: string | undefined,
): Promise<LessonDef | undefined> {
  const { readdir, readFile, stat, mkdir } = await import('node:fs/promises');
  const { join } = await import('node:path');
  const { createHash } = await import('node:crypto');
  const { VERSION } = await import('../version.js');
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
  const key = JSON.stringify({ VERSION, packDir, lessonId, params, learner, stamps });
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
  const all = await listLessons(packDir);
  const summary = lessonId ? all.find((l) => l.id === lessonId) : all[0];
  if (!summary) return undefined;
  const { lesson } = await loadLesson(summary.dir, { params, learner });
  if (!lesson) return undefined;
  const { default: writeFileAtomic } = await import('write-file-atomic');
  await mkdir(cacheDir, { recursive: true });
  await writeFileAtomic(file, JSON.stringify({ key, lesson }));
  return lesson;
}
