/**
 * Issue 10, "marks are live" follow-ups, as transitions without Ink: a facilitator's skip of a
 * step without a solve still records what its check records; a revisited step that a finished
 * clean-up removed on purpose says so and is not marked stale; `s` on a done step answers;
 * the plain step list shows the stale mark; the plain prompter speaks the learner's language.
 */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CheckRegistry } from '../../src/engine/check-api.js';
import { createEngine } from '../../src/engine/engine.js';
import { ProgressStore } from '../../src/engine/progress.js';
import { isDone, isStale, undoneByCleanup } from '../../src/engine/rules.js';
import { createSession } from '../../src/engine/session.js';
import { initialState, reduce } from '../../src/engine/session-core.js';
import type { LessonDef } from '../../src/engine/types.js';
import { getLanguage, setLanguage, withLanguage } from '../../src/i18n/index.js';
import { formatStepList } from '../../src/plain/format.js';
import { inquirerPrompter, linePrompter } from '../../src/plain/prompter.js';
import { quizOpen } from '../../src/ui/components/StepPane.js';
import { TARGET, newWorld, openTestEngine, tempDir, testLesson, testRegistry } from './helpers.js';

describe('a facilitator skip of a step without a solve', () => {
  it('runs its check first, so what the step records (partnerAccount) is there for later steps', async () => {
    const world = newWorld();
    const base = testRegistry(world);
    const registry: CheckRegistry<typeof world> = {
      ...base,
      checks: {
        ...base.checks,
        'partner-ready': async (ctx) => {
          ctx.setVar('partnerAccount', '210987654321');
          return { status: 'pass', summary: 'partner account 210987654321 is ready' };
        },
        'uses-partner': async (ctx) =>
          ctx.vars.partnerAccount
            ? { status: 'pass', summary: `grants ${ctx.vars.partnerAccount}` }
            : { status: 'fail', summary: 'no partnerAccount parameter' },
      },
    };
    const lesson: LessonDef = {
      ...testLesson(),
      steps: [
        {
          id: 'partner-account',
          title: 'Meet the partner',
          body: 'b',
          view: 'text',
          check: { name: 'partner-ready', params: {} },
          hints: ['h'],
        },
        {
          id: 'grant',
          title: 'Grant {{partnerAccount}}',
          body: 'b',
          view: 'text',
          check: { name: 'uses-partner', params: {} },
          hints: ['h'],
        },
      ],
    };
    const engine = createEngine({
      lesson,
      target: TARGET,
      registry,
      env: world,
      store: await ProgressStore.open(await tempDir(), TARGET),
      facilitator: true,
      retryDelayMs: 5,
      defaultTimeoutMs: 2000,
    });
    const r = await engine.skip();
    expect(r.status).toBe('pass');
    expect(engine.snapshot().vars.partnerAccount).toBe('210987654321');
    expect(engine.snapshot().steps[0]!.progress.status).toBe('skipped');
    engine.next();
    expect((await engine.check()).summary).toBe('grants 210987654321');
  });
});

/** Step one, then a clean-up that undoes it; both done, then the clean-up removes step one's work. */
async function cleanedUpLesson() {
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
  return { engine, world };
}

describe('revisiting a step after the clean-up', () => {
  it('is not "was done, fails now": the engine knows the clean-up undid it, and says so', async () => {
    const { engine } = await cleanedUpLesson();
    const snap = engine.snapshot();
    expect(snap.steps[0]!.undoneByCleanup).toBe(true);
    expect(snap.steps[1]!.undoneByCleanup).toBeUndefined();
    expect(undoneByCleanup(snap.steps, 'one')).toBe(true);

    const session = createSession(engine, { watchIntervalMs: 60_000, recheckOnOpen: false });
    await session.idle();
    await session.dispatch({ type: 'back' });
    await session.idle();
    const v = session.view();
    expect(v.snap.currentIndex).toBe(0);
    expect(isStale(v.snap.steps[0]!.progress)).toBe(false);
    expect(isDone(v.snap.steps[0]!.progress)).toBe(true);
    expect(v.snap.lastResult).toBeUndefined(); // no "Not yet" beside "Done"
    expect(v.state.flash).toEqual({
      tone: 'ok',
      text: 'Done; the clean-up step removed this on purpose.',
    });
    session.close();
  });

  it('still goes stale when the lesson is not finished (nothing undid it on purpose)', async () => {
    const world = newWorld();
    const lesson = testLesson();
    lesson.steps = [
      lesson.steps[0]!,
      lesson.steps[1]!,
      { ...lesson.steps[3]!, id: 'cleanup', undoes: ['one'] },
    ];
    const { engine } = await openTestEngine(await tempDir(), world, { lesson });
    await engine.skip();
    world.done.one = false;
    expect(engine.snapshot().steps[0]!.undoneByCleanup).toBeUndefined();
    await engine.recheck!(0);
    expect(isStale(engine.snapshot().steps[0]!.progress)).toBe(true);
  });

  it('says it in Vietnamese too', () => {
    withLanguage('vi', () => {
      const snap = {
        currentIndex: 0,
        steps: [{ def: { id: 'one' }, progress: { status: 'passed' }, undoneByCleanup: true }],
      } as never;
      const r = reduce(snap, initialState(), {
        type: 'rechecked',
        stepId: 'one',
        result: { status: 'fail', summary: 'gone' },
      });
      expect(r.state.flash?.text).toBe('Đã xong; bước dọn dẹp đã chủ ý xoá phần này.');
    });
  });
});

describe('s on a step that is already done', () => {
  it('answers instead of doing nothing, in English and Vietnamese', async () => {
    const world = newWorld();
    const { engine } = await openTestEngine(await tempDir(), world);
    await engine.skip();
    const snap = engine.snapshot();
    const r = reduce(snap, initialState(), { type: 'skip' });
    expect(r.effects).toEqual([]);
    expect(r.state.flash).toEqual({
      tone: 'muted',
      text: 'This step is already done: nothing to skip. Press Enter for the next step.',
    });
    const vi = withLanguage('vi', () => reduce(snap, initialState(), { type: 'skip' }));
    expect(vi.state.flash?.text).toBe(
      'Bước này đã xong rồi, không cần bỏ qua. Nhấn Enter để sang bước tiếp theo.',
    );
  });
});

describe('the plain step list', () => {
  it('shows a stale step as "was done, fails now", not "done"', async () => {
    const world = newWorld();
    const { engine } = await openTestEngine(await tempDir(), world);
    await engine.skip();
    world.done.one = false;
    await engine.recheck!(0);
    const list = formatStepList(engine.snapshot());
    expect(list.split('\n')[0]).toBe('>  1. [was done, fails now] Make widget');
    expect(withLanguage('vi', () => formatStepList(engine.snapshot())).split('\n')[0]).toBe(
      '>  1. [từng xong, giờ không đạt] Make widget',
    );
  });
});

describe('the piped prompter in Vietnamese', () => {
  it('asks "Trả lời (1-3):", not "Answer (1-3):"', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let text = '';
    output.on('data', (d: Buffer) => (text += d.toString()));
    const p = withLanguage('vi', () => linePrompter(input, output));
    const choices = [1, 2, 3].map((n) => ({ value: `v${n}`, label: `L${n}` }));
    const answer = withLanguage('vi', () => p.choose('Câu hỏi?', choices));
    input.write('2\n');
    expect(await answer).toBe('v2');
    expect(text).toContain('  Trả lời (1-3): ');
    expect(text).not.toContain('Answer');
    p.close();
  });
});

describe('the terminal confirm in Vietnamese', () => {
  it('shows the answer as "Có"/"Không", not inquirer\'s "Yes"/"No"', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let text = '';
    output.on('data', (d: Buffer) => (text += d.toString()));
    const p = await inquirerPrompter(input, output);
    const was = getLanguage();
    setLanguage('vi'); // as `--lang vi` does, for the whole run
    try {
      const yes = p.confirm('Bỏ qua bước này?');
      input.write('y');
      input.write('\r');
      expect(await yes).toBe(true);
    } finally {
      setLanguage(was);
    }
    // eslint-disable-next-line no-control-regex
    const plain = text.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');
    expect(plain).toContain('Bỏ qua bước này? Có');
    expect(plain).not.toMatch(/\bYes\b/);
  });
});

describe('the TUI asks the engine whether a quiz is still open', () => {
  it('opens the quiz of a stale step again ("was done, fails now" is not done)', () => {
    const def = { quiz: [{ id: 'q1' }] };
    const at = (progress: object) =>
      quizOpen({ index: 0, def, quizAnswers: {}, snap: { steps: [{ progress }] } } as never);
    expect(at({ status: 'passed' })).toBe(false);
    expect(at({ status: 'skipped' })).toBe(false);
    expect(at({ status: 'passed', staleSince: '2026-12-01T00:00:00Z' })).toBe(true);
  });
});
