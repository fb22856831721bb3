/**
 * previewLesson: the tutor's first frame from local files alone (sandbox state file, progress
 * file, a cached copy of the parsed lesson), without starting the sandbox or calling STS.
 */
import { cp, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProgressStore } from '../../src/engine/progress.js';
import { setLanguage } from '../../src/i18n/index.js';
import { previewLesson } from '../../src/app/preview.js';
import { builtinLessonsDir, tutorPaths } from '../../src/paths.js';
import { defaultSandboxStateDir, readSandboxUsers } from '../../src/sandbox/index.js';

/** A learner's home with a seeded sandbox state (no server) and a copy of the built-in lessons. */
async function home() {
  const dir = await mkdtemp(join(tmpdir(), 'ecr-tutor-preview-'));
  const env = { ECR_TUTOR_HOME: dir };
  const users = await readSandboxUsers(defaultSandboxStateDir(env));
  const lessonsDir = join(dir, 'lessons');
  await cp(builtinLessonsDir, lessonsDir, { recursive: true });
  return { dir, env, users, lessonsDir };
}

describe('the first frame from local files', () => {
  it("shows the sandbox's account and the learner's saved step, and writes no progress", async () => {
    const h = await home();
    const target = {
      kind: 'sandbox' as const,
      region: h.users.region,
      accountId: h.users.accountId,
      identityArn: h.users.user().arn,
    };
    const store = await ProgressStore.open(tutorPaths(h.env).state, target);
    const first = (await previewLesson({ target: {}, env: h.env, lessonsDir: h.lessonsDir }))!;
    const lessonId = first.snapshot().lesson.id;
    const lp = store.lesson(lessonId);
    lp.currentIndex = 2;
    lp.furthestIndex = 2;
    lp.steps[first.snapshot().steps[0]!.def.id] = { status: 'passed', attempts: 1, hintsShown: 0 };
    await store.save();
    const before = await readFile(store.file, 'utf8');

    const engine = (await previewLesson({ target: {}, env: h.env, lessonsDir: h.lessonsDir }))!;
    const snap = engine.snapshot();
    expect(snap.target).toMatchObject({ kind: 'sandbox', accountId: h.users.accountId });
    expect(snap.currentIndex).toBe(2);
    expect(snap.steps[0]!.progress.status).toBe('passed');
    // templates are filled from local values (the region, the sandbox's endpoint)
    expect(JSON.stringify(snap.steps)).not.toContain('{{region}}');
    engine.next();
    expect(await readFile(store.file, 'utf8')).toBe(before);
  });

  it("keeps one copy per language: a Vietnamese learner's first frame is not an English run's copy", async () => {
    const h = await home();
    const o = { target: {}, env: h.env, lessonsDir: h.lessonsDir };
    try {
      setLanguage('en');
      const en = (await previewLesson(o))!.snapshot().steps[0]!.def.title;
      setLanguage('vi');
      const vi = (await previewLesson(o))!.snapshot().steps[0]!.def.title;
      expect(en).toBe('Connect');
      expect(vi).not.toBe(en);
      expect((await readdir(join(tutorPaths(h.env).data, 'cache'))).length).toBe(2);
    } finally {
      setLanguage('en');
    }
  });

  it('reads the lesson again when one of its files changes', async () => {
    const h = await home();
    const o = { target: {}, env: h.env, lessonsDir: h.lessonsDir };
    const first = (await previewLesson(o))!.snapshot().lesson;
    const cacheDir = join(tutorPaths(h.env).data, 'cache');
    expect((await readdir(cacheDir)).length).toBe(1);
    const manifest = join(first.dir, 'lesson.yaml');
    const text = await readFile(manifest, 'utf8');
    await writeFile(manifest, text.replace(first.title, 'Renamed for the test'));
    expect((await previewLesson(o))!.snapshot().lesson.title).toBe('Renamed for the test');
  });

  it('is not used for real AWS, or before the sandbox has any state', async () => {
    const h = await home();
    expect(await previewLesson({ target: { aws: true }, env: h.env })).toBeUndefined();
    const empty = await mkdtemp(join(tmpdir(), 'ecr-tutor-preview-'));
    expect(await previewLesson({ target: {}, env: { ECR_TUTOR_HOME: empty } })).toBeUndefined();
  });
});
