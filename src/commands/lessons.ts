import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import type { Io } from '../io.js';
import { UsageError } from '../errors.js';
import { builtinLessonsDir } from '../paths.js';
import { sanitizeLine } from '../text/sanitize.js';

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
export async function runLessonsList(io: Io, opts: { lessonsDir?: string }): Promise<number> {
  const { listLessonsIn } = await import('../app/index.js');
  const all = await listLessonsIn(opts.lessonsDir);
  // A broken lesson is named and skipped; the others are still listed.
  const listed = new Set(all.map((l) => l.dir));
  const pack = opts.lessonsDir ?? builtinLessonsDir;
  for (const d of await lessonFolders(pack)) {
    if (!listed.has(d))
      io.err(
        `skipped ${sanitizeLine(d)}: it has problems (\`ecr-tutor lessons validate ${sanitizeLine(pack)}\` names them)\n`,
      );
  }
  if (!all.length) {
    io.err(
      `No lessons in ${opts.lessonsDir ?? builtinLessonsDir}.\n  try: \`ecr-tutor lessons validate ${opts.lessonsDir ?? ''}\` to see what is wrong.\n`,
    );
    return 1;
  }
  // Titles and summaries are the pack author's text: one safe line each.
  for (const l of all)
    io.out(
      `${sanitizeLine(l.id)}  ${sanitizeLine(l.title)} (${l.steps} steps)\n    ${sanitizeLine(l.summary)}\n`,
    );
  return 0;
}

/** `ecr-tutor lessons validate [DIR]`: schema, files, templates and check names, with file:line. */
export async function runLessonsValidate(io: Io, opts: { dir?: string }): Promise<number> {
  const { loadLesson } = await import('../engine/lesson-loader.js');
  const { builtinRegistry, PARAM_SPECS } = await import('../checks/index.js');
  const { translationProblems } = await import('../i18n/lesson-translation.js');
  const dir = resolve(opts.dir ?? builtinLessonsDir);
  const folders = await lessonFolders(dir);
  if (!folders.length)
    throw new UsageError(
      `No lesson folders (with lesson.yaml) in ${dir}.`,
      'Point at a lesson pack or a lesson folder.',
    );
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
          `${join(f, 'lesson.yaml')}: the lesson id "${r.lesson.id}" is also used by ${prev}\n`,
        );
        problems++;
      }
      ids.set(r.lesson.id, f);
    }
    for (const p of r.problems)
      io.out(`${sanitizeLine(p.file)}${p.line ? `:${p.line}` : ''}: ${sanitizeLine(p.message)}\n`);
    problems += r.problems.length;
    if (!r.problems.length) io.out(`ok  ${basename(f)} (${r.lesson?.steps.length} steps)\n`);
  }
  if (problems) {
    io.err(`${problems} problem(s) found.\n`);
    return 1;
  }
  return 0;
}

/**
 * `ecr-tutor lessons verify [DIR]`: each lesson on a fresh throw-away sandbox (port 0, temp
 * folders): every step's check fails before its solve and passes after it, in order.
 */
export async function runLessonsVerify(io: Io, opts: { dir?: string }): Promise<number> {
  const dir = resolve(opts.dir ?? builtinLessonsDir);
  if ((await runLessonsValidate({ out: () => {}, err: () => {} }, { dir })) !== 0) {
    io.err(
      `The lessons in ${dir} have problems: run \`ecr-tutor lessons validate ${opts.dir ?? ''}\` first.\n`,
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
      io.out(`${lesson.id}: verifying on a throw-away sandbox (${sandbox.endpoint})\n`);
      const reports = await verifyLesson(engine, (r) => {
        io.out(`  ${r.ok ? 'ok  ' : 'FAIL'} ${r.stepId}\n`);
        for (const n of r.notes) io.out(`         ${n}\n`);
      });
      await engine.close();
      const ok = reports.length === lesson.steps.length && reports.every((r) => r.ok);
      if (!ok) allOk = false;
      io.out(ok ? `${lesson.id}: every step verified\n` : `${lesson.id}: verification FAILED\n`);
    } finally {
      await session.close();
      await sandbox.stop();
      await rm(scratch, { recursive: true, force: true });
    }
  }
  return allOk ? 0 : 1;
}
