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
import { createEngine, type TutorEngine } from '../engine/engine.js';
import { listLessons, loadLesson, type LessonSummary } from '../engine/lesson-loader.js';
import { paramsFromEnv } from './preview.js';
import {
  otherAccountsWithProgress,
  otherRegionsWithProgress,
  ProgressStore,
} from '../engine/progress.js';
import { tutorCommand } from '../text/tutor-command.js';
import { cliFlag } from '../text/shell.js';

export type * from '../engine/types.js';
export type { CheckAllRow, TutorEngine } from '../engine/engine.js';
export type { LessonSummary, LessonProblem } from '../engine/lesson-loader.js';
export { createEngine } from '../engine/engine.js';
export { loadLesson, listLessons } from '../engine/lesson-loader.js';
export { ProgressStore, progressKey } from '../engine/progress.js';
export { paramsFromEnv, previewLesson } from './preview.js';

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
    const d = describeAwsError(err, session.adviceContext());
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
    // The identity lock across accounts: another profile's account has its own progress.
    const accounts = await otherAccountsWithProgress(paths.state, target, loaded.lesson.id);
    if (accounts[0]) {
      const a = accounts[0];
      notices.push(
        `This lesson has progress in AWS account ${a.accountId} (${a.region}${a.arn ? `, as ${a.arn}` : ''}), ` +
          `but you are signed in to account ${target.accountId}${target.profile ? ` (profile "${target.profile}")` : ''}: ` +
          `this is a new lab. To continue the other one, use the profile or credentials of account ${a.accountId}.`,
      );
    }
  }
  // Temporary credentials that run out mid-lesson stop a check part-way: say so before one runs.
  const expiring = await session.credentialWarning();
  if (expiring) notices.push(expiring);
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
      // shell-quoted: a profile named `my lab` or `o'brien` must not break the commands shown
      endpointFlag: cliFlag('endpoint-url', session.endpoint),
      profileFlag: cliFlag('profile', session.profile),
      regionFlag: cliFlag('region', session.region),
      tutor: tutorCommand(),
      ...(session.sandbox ? { secondAccountId: session.sandbox.secondAccountId } : {}),
      learner: learner ?? '',
    },
    onClose: ownSession ? () => session.close() : undefined,
    prepareOnOpen: o.prepareOnOpen,
    facilitator: o.facilitator ?? env[FACILITATOR_ENV] === '1',
    readOnly: o.readOnly,
  });
}
