import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import type { Io } from '../io.js';
import { UsageError } from '../errors.js';
import { builtinLessonsDir } from '../paths.js';
import { sanitizeLine } from '../text/sanitize.js';
import { t } from '../i18n/index.js';
import { humanIo } from './human-io.js';

/** The lesson folders of DIR: DIR itself when it is one lesson, else its sub-folders. */
async function lessonFolders(dir: string): Promise<string[]> {
  const { lessonDirs, MANIFEST } = await import('../engine/lesson-loader.js');
  try {
    if ((await stat(join(dir, MANIFEST))).isFile()) return [dir];
  } catch {
    // a pack, not a single lesson
  }
  return lessonDirs(dir);
}

/** `ecr-tutor lessons list`. */
export async function runLessonsList(rawIo: Io, opts: { lessonsDir?: string }): Promise<number> {
  const io = humanIo(rawIo);
  const { listLessonsIn } = await import('../app/index.js');
  const all = await listLessonsIn(opts.lessonsDir);
  // A broken lesson is named and skipped; the others are still listed.
  const listed = new Set(all.map((l) => l.dir));
  const pack = opts.lessonsDir ?? builtinLessonsDir;
  for (const d of await lessonFolders(pack)) {
    if (!listed.has(d))
      io.err(
        `${t('lessons.skipped', { dir: sanitizeLine(d), command: `ecr-tutor lessons validate ${sanitizeLine(pack)}` })}\n`,
      );
  }
  if (!all.length) {
    io.err(
      `${t('lessons.none', { dir: opts.lessonsDir ?? builtinLessonsDir })}\n` +
        `${t('error.try', { tryMessage: t('lessons.noneTry', { command: `ecr-tutor lessons validate ${opts.lessonsDir ?? ''}` }) })}\n`,
    );
    return 1;
  }
  // Titles and summaries are the pack author's text: one safe line each.
  for (const l of all)
    io.out(
      `${t('lessons.listItem', { id: sanitizeLine(l.id), title: sanitizeLine(l.title), steps: l.steps })}\n    ${sanitizeLine(l.summary)}\n`,
    );
  return 0;
}

/** `ecr-tutor lessons validate [DIR]`: schema, files, templates and check names, with file:line. */
export async function runLessonsValidate(rawIo: Io, opts: { dir?: string }): Promise<number> {
  const io = humanIo(rawIo);
  const { loadLesson } = await import('../engine/lesson-loader.js');
  const { builtinRegistry, PARAM_SPECS } = await import('../checks/index.js');
  const { translationProblems } = await import('../i18n/lesson-translation.js');
  const dir = resolve(opts.dir ?? builtinLessonsDir);
  const folders = await lessonFolders(dir);
  if (!folders.length)
    throw new UsageError(t('lessons.noFolders', { dir }), t('lessons.noFoldersTry'));
  const reg = builtinRegistry();
  let problems = 0;
  const ids = new Map<string, string>();
  for (const f of folders) {
    const r = await loadLesson(f, {
      knownChecks: new Set(Object.keys(reg.checks)),
      knownActions: new Set(Object.keys(reg.actions)),
      paramSpecs: PARAM_SPECS,
      lang: 'en', // the translations are checked against the English below
    });
    if (r.lesson) r.problems.push(...(await translationProblems(r.lesson)));
    if (r.lesson) {
      const prev = ids.get(r.lesson.id);
      if (prev) {
        io.out(
          `${join(f, 'lesson.yaml')}: ${t('lessons.duplicateId', { id: r.lesson.id, other: prev })}\n`,
        );
        problems++;
      }
      ids.set(r.lesson.id, f);
    }
    for (const p of r.problems)
      io.out(`${sanitizeLine(p.file)}${p.line ? `:${p.line}` : ''}: ${sanitizeLine(p.message)}\n`);
    problems += r.problems.length;
    if (!r.problems.length)
      io.out(`${t('lessons.ok', { name: basename(f), steps: r.lesson?.steps.length ?? 0 })}\n`);
  }
  if (problems) {
    io.err(`${t('lessons.problems', { count: problems })}\n`);
    return 1;
  }
  return 0;
}

/**
 * `ecr-tutor lessons verify [DIR]`: each lesson on a fresh throw-away sandbox (port 0, temp
 * folders): every step's check fails before its solve and passes after it, in order.
 */
export async function runLessonsVerify(rawIo: Io, opts: { dir?: string }): Promise<number> {
  const io = humanIo(rawIo);
  const dir = resolve(opts.dir ?? builtinLessonsDir);
  if ((await runLessonsValidate({ out: () => {}, err: () => {} }, { dir })) !== 0) {
    io.err(
      `${t('lessons.verifyInvalid', { dir, command: `ecr-tutor lessons validate ${opts.dir ?? ''}` })}\n`,
    );
    return 1;
  }
  const { loadLesson } = await import('../engine/lesson-loader.js');
  const { openLesson } = await import('../app/index.js');
  const { verifyLesson } = await import('../engine/verify.js');
  const { startSandbox } = await import('../sandbox/index.js');
  const { sessionForSandbox } = await import('../aws/session.js');
  let allOk = true;
  for (const folder of await lessonFolders(dir)) {
    const { lesson } = await loadLesson(folder);
    if (!lesson) continue;
    const scratch = await mkdtemp(join(tmpdir(), 'ecr-tutor-verify-'));
    const sandbox = await startSandbox({
      stateDir: join(scratch, 'sandbox'),
      port: 0,
      region: 'us-east-1',
    });
    const session = sessionForSandbox(sandbox);
    try {
      const cwd = join(scratch, 'work');
      await mkdir(cwd, { recursive: true });
      const engine = await openLesson({
        lessonId: lesson.id,
        lessonsDir: dirname(folder),
        target: {},
        session,
        cwd,
        env: { ...process.env, ECR_TUTOR_HOME: join(scratch, 'home') },
      });
      io.out(`${t('lessons.verifying', { id: lesson.id, endpoint: sandbox.endpoint })}\n`);
      const reports = await verifyLesson(engine, (r) => {
        io.out(`  ${t(r.ok ? 'lessons.verifyOk' : 'lessons.verifyFail', { step: r.stepId })}\n`);
        for (const n of r.notes) io.out(`         ${n}\n`);
      });
      await engine.close();
      const ok = reports.length === lesson.steps.length && reports.every((r) => r.ok);
      if (!ok) allOk = false;
      io.out(`${t(ok ? 'lessons.verified' : 'lessons.verifyFailed', { id: lesson.id })}\n`);
    } finally {
      await session.close();
      await sandbox.stop();
      await rm(scratch, { recursive: true, force: true });
    }
  }
  return allOk ? 0 : 1;
}
