import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/engine.js';
import { ProgressStore, progressDir, progressKey } from '../../src/engine/progress.js';
import { newWorld, openTestEngine, tempDir, TARGET, testLesson, testRegistry } from './helpers.js';

describe('the step engine', () => {
  it('passes a step only on a passing check, and records failures', async () => {
    const dir = await tempDir();
    const world = newWorld();
    const { engine } = await openTestEngine(dir, world);
    const r1 = await engine.check();
    expect(r1.status).toBe('fail');
    expect(engine.snapshot().steps[0]!.progress.status).toBe('failed');
    world.done.one = true;
    const r2 = await engine.check();
    expect(r2.status).toBe('pass');
    const p = engine.snapshot().steps[0]!.progress;
    expect(p).toMatchObject({ status: 'passed', attempts: 2 });
    expect(p.completedAt).toBeTruthy();
    expect(p.evidence).toEqual({ saw: 'one' });
    expect(engine.snapshot().lastResult?.summary).toBe('one is done');
  });

  it('records a solved step as skipped, not passed, and keeps it skipped after a later pass', async () => {
    const world = newWorld();
    const { engine } = await openTestEngine(await tempDir(), world);
    const r = await engine.skip();
    expect(r.status).toBe('pass');
    expect(world.calls).toEqual(['solve:one', 'check:one']);
    expect(engine.snapshot().steps[0]!.progress.status).toBe('skipped');
    expect(engine.snapshot().vars.solvedBy).toBe('tutor');
    await engine.check();
    expect(engine.snapshot().steps[0]!.progress.status).toBe('skipped');
  });

  it('does not mark a step skipped when the check after the solve fails', async () => {
    const world = newWorld();
    const { engine } = await openTestEngine(await tempDir(), world);
    world.scripted.push({ status: 'fail', summary: 'still broken' });
    const r = await engine.skip();
    expect(r.status).toBe('fail');
    expect(engine.snapshot().steps[0]!.progress.status).toBe('failed');
  });

  it('refuses to skip a step that has no solve', async () => {
    const world = newWorld();
    const { engine } = await openTestEngine(await tempDir(), world);
    engine.next();
    const r = await engine.skip();
    expect(r.status).toBe('error');
    expect(r.summary).toMatch(/no automatic solution/);
    expect(engine.snapshot().steps[1]!.progress.status).toBe('not-started');
  });

  it('retries pending results within the time budget', async () => {
    const world = newWorld();
    const { engine } = await openTestEngine(await tempDir(), world);
    world.done.one = true;
    world.scripted.push(
      { status: 'pending', summary: 'not visible yet' },
      { status: 'pending', summary: 'not visible yet' },
    );
    const r = await engine.check();
    expect(r.status).toBe('pass');
    expect(world.calls.filter((c) => c === 'check:one')).toHaveLength(3);
  });

  it('gives up on pending after the budget and leaves the step unpassed', async () => {
    const world = newWorld();
    const lesson = testLesson();
    lesson.steps[0]!.timeoutMs = 150;
    const { engine } = await openTestEngine(await tempDir(), world, { lesson });
    for (let i = 0; i < 1000; i++)
      world.scripted.push({ status: 'pending', summary: 'propagating' });
    const r = await engine.check();
    expect(r.status).toBe('pending');
    expect(r.summary).toMatch(/still not visible after/);
    expect(engine.snapshot().steps[0]!.progress.status).toBe('not-started');
  });

  it('turns a throwing check into an error result without changing the step status', async () => {
    const world = newWorld();
    const dir = await tempDir();
    const { engine } = await openTestEngine(dir, world, {
      lesson: {
        id: 'x',
        title: 'x',
        summary: '',
        params: {},
        dir: '/',
        steps: [
          {
            id: 'a',
            title: 'a',
            body: '',
            view: 'text',
            check: { name: 'throws', params: {} },
            hints: ['h'],
          },
        ],
      },
    });
    const r = await engine.check();
    expect(r.status).toBe('error');
    expect(r.summary).toMatch(/boom/);
    expect(engine.snapshot().steps[0]!.progress.status).toBe('not-started');
  });

  it('validates input against the pattern and substitutes recorded values into later text', async () => {
    const world = newWorld();
    const { engine } = await openTestEngine(await tempDir(), world);
    expect(engine.setInput('x')).toEqual({
      ok: false,
      message: 'This step does not ask for an answer.',
    });
    engine.next();
    expect(engine.setInput('12')).toEqual({ ok: false, message: 'three digits' });
    expect(engine.snapshot().steps[1]!.def.body).toBe('Your answer was <answer>.');
    expect(engine.setInput(' 999 ')).toEqual({ ok: true });
    expect((await engine.check()).summary).toBe('wrong answer 999');
    engine.setInput('123');
    expect((await engine.check()).status).toBe('pass');
    expect(engine.snapshot().steps[1]!.def.body).toBe('Your answer was 123.');
    expect(engine.snapshot().steps[0]!.def.title).toBe('Make widget');
  });

  it('shows hints level by level, then nothing', async () => {
    const { engine } = await openTestEngine(await tempDir(), newWorld());
    expect(engine.nextHint()).toBe('nudge');
    expect(engine.nextHint()).toBe('more about widget');
    expect(engine.nextHint()).toBe('the answer');
    expect(engine.nextHint()).toBeUndefined();
    expect(engine.snapshot().steps[0]!.progress.hintsShown).toBe(3);
  });

  it('records quiz answers and checks them', async () => {
    const { engine } = await openTestEngine(await tempDir(), newWorld());
    engine.next();
    engine.next();
    expect(engine.answerQuiz('q1', 'a')).toEqual({ correct: false, explanation: 'because b' });
    expect((await engine.check()).status).toBe('fail');
    expect(engine.answerQuiz('q1', 'b').correct).toBe(true);
    expect((await engine.check()).status).toBe('pass');
    expect(engine.snapshot().steps[2]!.progress.answers).toEqual({ q1: 'b' });
  });

  it('moves next and back, and jumps only up to the furthest step reached', async () => {
    const { engine } = await openTestEngine(await tempDir(), newWorld());
    engine.jump(2);
    expect(engine.snapshot().currentIndex).toBe(0);
    engine.next();
    engine.next();
    expect(engine.snapshot().currentIndex).toBe(2);
    engine.back();
    engine.back();
    engine.back();
    expect(engine.snapshot().currentIndex).toBe(0);
    engine.jump(2);
    expect(engine.snapshot().currentIndex).toBe(2);
    engine.jump(3);
    expect(engine.snapshot().currentIndex).toBe(2);
  });

  it('is finished when every non-optional step is passed or skipped', async () => {
    const world = newWorld();
    const { engine } = await openTestEngine(await tempDir(), world);
    await engine.skip();
    engine.next();
    engine.setInput('123');
    await engine.check();
    expect(engine.snapshot().finished).toBe(false);
    engine.next();
    await engine.skip();
    expect(engine.snapshot().finished).toBe(true);
  });

  it('notifies subscribers, including live progress of a running check', async () => {
    const { engine } = await openTestEngine(await tempDir(), newWorld());
    const seen: boolean[] = [];
    const off = engine.subscribe((s) => seen.push(s.running !== undefined));
    await engine.check();
    off();
    expect(seen).toContain(true);
    expect(seen[seen.length - 1]).toBe(false);
  });
});

describe('progress', () => {
  it('survives closing and reopening: same step, statuses, values and answers', async () => {
    const dir = await tempDir();
    const world = newWorld();
    const a = await openTestEngine(dir, world);
    await a.engine.skip();
    a.engine.next();
    a.engine.setInput('123');
    await a.engine.check();
    a.engine.next();
    a.engine.answerQuiz('q1', 'a');
    await a.engine.close();
    const b = await openTestEngine(dir, world);
    const s = b.engine.snapshot();
    expect(s.currentIndex).toBe(2);
    expect(s.steps.map((x) => x.progress.status)).toEqual([
      'skipped',
      'passed',
      'not-started',
      'not-started',
    ]);
    expect(s.vars.answer).toBe('123');
    expect(s.steps[2]!.progress.answers).toEqual({ q1: 'a' });
  });

  it('keeps one file per target', async () => {
    const dir = await tempDir();
    const a = await openTestEngine(dir, newWorld());
    await a.engine.check();
    const other = {
      ...TARGET,
      kind: 'aws' as const,
      accountId: '210987654321',
      identityArn: 'arn:aws:iam::210987654321:user/me',
      region: 'eu-west-1',
    };
    const b = await openTestEngine(dir, newWorld(), { target: other });
    await b.engine.check();
    expect((await readdir(progressDir(dir))).filter((f) => f.endsWith('.json')).sort()).toEqual(
      [`${progressKey(other)}.json`, `${progressKey(TARGET)}.json`].sort(),
    );
    expect(progressKey(other)).toBe('aws-210987654321-eu-west-1');
  });

  it('reports a corrupt file, keeps it as a backup, and starts again', async () => {
    const dir = await tempDir();
    const a = await openTestEngine(dir, newWorld());
    await a.engine.skip();
    await a.engine.close();
    const file = join(progressDir(dir), `${progressKey(TARGET)}.json`);
    const broken = (await readFile(file, 'utf8')).slice(0, 40);
    await writeFile(file, broken);
    const b = await openTestEngine(dir, newWorld());
    const notices = b.engine.snapshot().notices ?? [];
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/could not be read: it is not valid JSON/);
    const backups = (await readdir(progressDir(dir))).filter((f) => f.includes('.corrupt-'));
    expect(backups).toHaveLength(1);
    expect(notices[0]).toContain(backups[0]);
    expect(await readFile(join(progressDir(dir), backups[0]!), 'utf8')).toBe(broken);
    expect(b.engine.snapshot().steps[0]!.progress.status).toBe('not-started');
  });

  it('treats valid JSON of the wrong shape as corrupt too', async () => {
    const dir = await tempDir();
    const a = await openTestEngine(dir, newWorld());
    await a.engine.close();
    const file = join(progressDir(dir), `${progressKey(TARGET)}.json`);
    await writeFile(
      file,
      JSON.stringify({
        version: 1,
        target: { region: 'us-east-1' },
        lessons: { demo: { currentIndex: 'x' } },
      }),
    );
    const b = await openTestEngine(dir, newWorld());
    expect(b.engine.snapshot().notices?.[0]).toMatch(/lesson "demo" is incomplete/);
  });
});

describe('the identity lock', () => {
  it('warns before checking when the identity changed, and continues once accepted', async () => {
    const dir = await tempDir();
    const world = newWorld();
    const a = await openTestEngine(dir, world);
    await a.engine.check();
    await a.engine.close();
    const other = { ...TARGET, identityArn: 'arn:aws:iam::123456789012:user/someone-else' };
    const b = await openTestEngine(dir, world, { target: other });
    const w = b.engine.snapshot().targetWarning;
    expect(w).toMatch(/started as arn:aws:iam::123456789012:user\/workshop-admin in us-east-1/);
    expect(w).toMatch(/someone-else/);
    const calls = world.calls.length;
    const r = await b.engine.check();
    expect(r.status).toBe('error');
    expect(world.calls.length).toBe(calls);
    b.engine.acceptTarget?.();
    expect(b.engine.snapshot().targetWarning).toBeUndefined();
    expect((await b.engine.check()).status).toBe('fail');
  });
});

describe('checkAll', () => {
  it('re-checks every step and records the live result', async () => {
    const world = newWorld();
    const { engine } = await openTestEngine(await tempDir(), world);
    await engine.skip();
    world.done.one = false;
    const rows = await engine.checkAll();
    expect(rows.map((r) => [r.stepId, r.result.status])).toEqual([
      ['one', 'fail'],
      ['two', 'fail'],
      ['three', 'fail'],
      ['four', 'fail'],
    ]);
    expect(rows[3]!.optional).toBe(true);
    // it was done (skipped) and fails now: the record says both, and it is no longer done
    expect(engine.snapshot().steps[0]!.progress).toMatchObject({
      status: 'skipped',
      staleSince: expect.any(String),
    });
    expect(engine.snapshot().steps[1]!.progress.status).toBe('failed');
  });
});

describe('watch', () => {
  it('re-checks when a watched file changes and stops once the step passes', async () => {
    const dir = await tempDir();
    const world = newWorld();
    const lesson = testLesson();
    lesson.steps[0]!.watchFiles = ['{{thing}}.txt'];
    const store = await ProgressStore.open(dir, TARGET);
    const engine = createEngine({
      lesson,
      target: TARGET,
      registry: testRegistry(world),
      env: world,
      store,
      cwd: dir,
    });
    const results: string[] = [];
    const passed = new Promise<void>((resolve) => {
      engine.watch({
        intervalMs: 60_000,
        onResult: (r) => {
          results.push(r.status);
          if (r.status === 'pass') resolve();
        },
      });
    });
    world.done.one = true;
    await new Promise((r) => setTimeout(r, 50));
    await writeFile(join(dir, 'widget.txt'), 'saved');
    await passed;
    expect(results.at(-1)).toBe('pass');
    expect(engine.snapshot().steps[0]!.progress.status).toBe('passed');
    await engine.close();
  });
});

describe('step setup', () => {
  it("runs the current step's setup on open, unless asked not to (the check command)", async () => {
    const lesson = testLesson();
    lesson.steps[0]!.setup = { name: 'make-done', params: { key: 'setup' } };
    const world = newWorld();
    const store = await ProgressStore.open(await tempDir(), TARGET);
    const quiet = createEngine({
      lesson,
      target: TARGET,
      registry: testRegistry(world),
      env: world,
      store,
      prepareOnOpen: false,
    });
    await quiet.checkAll();
    expect(world.calls).not.toContain('solve:setup');
    const eager = createEngine({
      lesson,
      target: TARGET,
      registry: testRegistry(world),
      env: world,
      store,
    });
    await eager.check();
    expect(world.calls.filter((c) => c === 'solve:setup')).toHaveLength(1);
  });
});

describe('saving', () => {
  it('saves a changed outcome before check() resolves, and a repeated one within a second or on close', async () => {
    const dir = await tempDir();
    const world = newWorld();
    const { engine, store } = await openTestEngine(dir, world);
    const onDisk = async () =>
      JSON.parse(await readFile(store.file, 'utf8')).lessons.demo.steps.one;
    await engine.check();
    expect(await onDisk()).toMatchObject({ status: 'failed', attempts: 1 });
    await engine.check();
    expect((await onDisk()).attempts).toBe(1);
    await engine.check();
    await engine.close();
    expect((await onDisk()).attempts).toBe(3);
  });

  it('counts attempts until the step is done: re-checking a passing step adds none', async () => {
    const dir = await tempDir();
    const world = newWorld();
    const { engine, store } = await openTestEngine(dir, world);
    const onDisk = async () =>
      JSON.parse(await readFile(store.file, 'utf8')).lessons.demo.steps.one;
    await engine.check();
    world.done.one = true;
    await engine.check();
    expect(await onDisk()).toMatchObject({ status: 'passed', attempts: 2 });
    await engine.check();
    await engine.checkAll();
    await engine.checkAll();
    await engine.close();
    expect(await onDisk()).toMatchObject({ status: 'passed', attempts: 2 });
  });
});

describe('checkAll after a clean-up', () => {
  it('does not count steps a finished clean-up undid on purpose', async () => {
    const world = newWorld();
    const lesson = testLesson();
    lesson.steps = [
      lesson.steps[0]!,
      {
        ...lesson.steps[3]!,
        id: 'cleanup',
        optional: true,
        undoes: ['one'],
        solve: { name: 'make-done', params: { key: 'four' } },
      },
    ];
    const { engine } = await openTestEngine(await tempDir(), world, { lesson });
    await engine.skip();
    engine.next();
    await engine.skip();
    world.done.one = false; // the clean-up removed what step one made
    const rows = await engine.checkAll();
    expect(rows.map((r) => [r.stepId, r.result.status, r.undoneByCleanup ?? false])).toEqual([
      ['one', 'fail', true],
      ['cleanup', 'pass', false],
    ]);
    expect(engine.snapshot().steps[0]!.progress.status).toBe('skipped');
  });

  it('does not record a clean-up that passes before the lesson changed anything', async () => {
    const world = newWorld();
    const lesson = testLesson();
    lesson.steps = [
      lesson.steps[0]!,
      { ...lesson.steps[3]!, id: 'cleanup', optional: true, undoes: ['one'] },
    ];
    const { engine } = await openTestEngine(await tempDir(), world, { lesson });
    world.done.four = true;
    const rows = await engine.checkAll();
    expect(rows[1]!.result.status).toBe('pass');
    expect(engine.snapshot().steps[1]!.progress.status).toBe('not-started');
  });

  it('counts them when the lesson was never finished', async () => {
    const world = newWorld();
    const lesson = testLesson();
    lesson.steps = [
      lesson.steps[0]!,
      { ...lesson.steps[3]!, id: 'cleanup', optional: true, undoes: ['one'] },
    ];
    const { engine } = await openTestEngine(await tempDir(), world, { lesson });
    world.done.four = true;
    const rows = await engine.checkAll();
    expect(rows[0]).toMatchObject({ stepId: 'one', undoneByCleanup: undefined });
    expect(rows[0]!.result.status).toBe('fail');
  });
});
