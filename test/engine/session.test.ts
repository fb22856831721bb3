/**
 * The lesson's rules as transitions, without Ink: the session core and its runner over a real
 * engine (test checks, a real progress file). Intents are sent the way keys arrive, including
 * bursts sent without waiting between them.
 */
import { describe, expect, it } from 'vitest';
import { createSession, type TutorSession } from '../../src/engine/session.js';
import { advancesAfterPass } from '../../src/engine/rules.js';
import {
  complete,
  initialState,
  lessonState,
  reduce,
  watching,
} from '../../src/engine/session-core.js';
import { newWorld, openTestEngine, tempDir, type World } from './helpers.js';

async function open(world: World = newWorld(), dir?: string) {
  const stateDir = dir ?? (await tempDir());
  const { engine, store } = await openTestEngine(stateDir, world);
  const session = createSession(engine, { watchIntervalMs: 60_000 });
  await session.idle();
  return { engine, store, session, world, stateDir };
}

const at = (s: TutorSession) => s.view().snap.currentIndex;
const flash = (s: TutorSession) => s.view().state.flash?.text;

describe('the session core (pure)', () => {
  it('refuses to move on from a step that is not done, with the same words everywhere', async () => {
    const { engine } = await open();
    const r = reduce(engine.snapshot(), initialState(), { type: 'next' });
    expect(r.effects).toEqual([]);
    expect(r.state.flash?.text).toBe(
      'This step is not done yet: press Enter to check it, or s to skip it.',
    );
  });

  it('judges a typed answer before anything is recorded', async () => {
    const { engine, session } = await open();
    engine.jump(0);
    const snap = { ...engine.snapshot(), currentIndex: 1 };
    let r = reduce(snap, initialState(), { type: 'submit', value: '12' });
    expect(r.state.inputError).toBe('three digits');
    expect(r.effects).toEqual([]);
    r = reduce(snap, initialState(), { type: 'submit', value: '  ' });
    expect(r.state.inputError).toBe('Type answer? first.');
    r = reduce(snap, initialState(), { type: 'submit', value: '123' });
    expect(r.effects).toEqual([{ type: 'set-input', value: '123' }, { type: 'check' }]);
    session.close();
  });
});

describe('the session runner', () => {
  it('processes a burst of intents in order, each against the state the previous one left', async () => {
    const world = newWorld();
    world.done.one = true;
    const { session } = await open(world);
    // one: check, then move on; two: type, fix and submit; all sent at once
    void session.dispatch({ type: 'check' });
    await session.idle();
    void session.dispatch({ type: 'next' });
    void session.dispatch({ type: 'type', text: '12' });
    void session.dispatch({ type: 'type', text: '4' });
    void session.dispatch({ type: 'backspace' });
    void session.dispatch({ type: 'type', text: '3' });
    void session.dispatch({ type: 'submit' });
    await session.idle();
    expect(at(session)).toBe(1);
    expect(session.view().snap.steps[1]!.progress.status).toBe('passed');
    expect(session.view().snap.vars.answer).toBe('123');
  });

  it('grades Down+Enter sent together on the quiz against the moved cursor', async () => {
    const world = newWorld();
    world.done.one = true;
    const { session, engine } = await open(world);
    await session.dispatch({ type: 'skip' });
    expect(session.view().state.confirm).toBe('skip');
    await session.dispatch({ type: 'confirm', yes: true });
    await session.idle();
    await session.dispatch({ type: 'next' });
    engine.setInput('123');
    await session.dispatch({ type: 'check' });
    await session.idle();
    await session.dispatch({ type: 'next' });
    await session.idle();
    expect(at(session)).toBe(2);
    // the burst: Down then Enter, no waiting in between
    void session.dispatch({ type: 'quiz-move', delta: 1 });
    void session.dispatch({ type: 'quiz-answer' });
    await session.idle();
    expect(session.view().state.quizAnswers.q1).toMatchObject({ value: 'b', correct: true });
    expect(session.view().snap.steps[2]!.progress.status).toBe('passed');
  });

  it('re-checks done steps on open: one that no longer holds is marked and the learner told', async () => {
    const world = newWorld();
    world.done.one = true;
    const first = await open(world);
    await first.session.dispatch({ type: 'check' });
    await first.session.idle();
    expect(first.session.view().snap.steps[0]!.progress.status).toBe('passed');
    first.session.close();
    await first.engine.close();

    world.done.one = false; // changed outside the tutor (the AWS CLI)
    const again = await open(world, first.stateDir);
    const step = again.session.view().snap.steps[0]!;
    expect(step.progress).toMatchObject({ status: 'passed', staleSince: expect.any(String) });
    expect(flash(again.session)).toBe(
      'Step 1 "Make widget" was done, but its check fails now: one is not done',
    );
    // no longer done: Enter does not move on
    await again.session.dispatch({ type: 'next' });
    expect(at(again.session)).toBe(0);
    // fixed again: the learner's check clears the mark
    world.done.one = true;
    await again.session.dispatch({ type: 'check' });
    await again.session.idle();
    expect(again.session.view().snap.steps[0]!.progress.staleSince).toBeUndefined();
    await again.session.dispatch({ type: 'next' });
    expect(at(again.session)).toBe(1);
  });

  it('re-checks a done step when the learner goes back to it', async () => {
    const world = newWorld();
    world.done.one = true;
    const { session } = await open(world);
    await session.dispatch({ type: 'check' });
    await session.idle();
    await session.dispatch({ type: 'next' });
    world.done.one = false;
    await session.dispatch({ type: 'back' });
    await session.idle();
    expect(session.view().snap.steps[0]!.progress.staleSince).toEqual(expect.any(String));
    expect(flash(session)).toMatch(/was done, but its check fails now/);
  });

  it('a re-check is not an attempt', async () => {
    const world = newWorld();
    world.done.one = true;
    const { session, engine, stateDir } = await open(world);
    await session.dispatch({ type: 'check' });
    await session.idle();
    session.close();
    await engine.close();
    const again = await open(world, stateDir);
    await again.session.idle();
    expect(again.session.view().snap.steps[0]!.progress.attempts).toBe(1);
  });

  it('a save that fails after a passing check says the save failed, not that the check could not run', async () => {
    const world = newWorld();
    world.done.one = true;
    const { session, store } = await open(world);
    // the disk fills up: every write of the progress file throws ENOSPC
    store.save = async () => {
      const err = Object.assign(new Error('ENOSPC: no space left on device, write'), {
        code: 'ENOSPC',
        path: store.file,
        syscall: 'write',
      });
      throw err;
    };
    await session.dispatch({ type: 'check' });
    await session.idle();
    expect(session.view().snap.lastResult?.status).toBe('pass');
    expect(flash(session)).toBe(
      `Your progress could not be saved: could not write ${store.file}: the disk is full (ENOSPC)\n  try: free some disk space and run the command again`,
    );
    expect(flash(session)).not.toMatch(/could not run/);
  });

  it('"Lesson complete" waits while the optional step is open, wherever the learner is', async () => {
    const world = newWorld();
    const { session } = await open(world);
    const skip = async () => {
      await session.dispatch({ type: 'skip' });
      await session.dispatch({ type: 'confirm', yes: true });
      await session.idle();
    };
    await skip();
    await session.dispatch({ type: 'next' });
    await session.dispatch({ type: 'submit', value: '123' });
    await session.idle();
    await session.dispatch({ type: 'next' });
    await skip();
    // every required step is done, the optional step 4 is not: not "complete" on step 3 either
    expect(session.view().snap.finished).toBe(true);
    expect(lessonState(session.view().snap)).toBe('optional-left');
    expect(complete(session.view().snap)).toBe(false);
    await session.dispatch({ type: 'enter' });
    expect(at(session)).toBe(3);
    expect(complete(session.view().snap)).toBe(false);
    world.done.four = true;
    await session.dispatch({ type: 'enter' });
    await session.idle();
    expect(lessonState(session.view().snap)).toBe('complete');
  });
});

describe('the rules both front-ends share', () => {
  it('Enter: checks a step that is not done, moves on from one that is', async () => {
    const world = newWorld();
    world.done.one = true;
    const { session } = await open(world);
    await session.dispatch({ type: 'enter' });
    await session.idle();
    expect(session.view().snap.steps[0]!.progress.status).toBe('passed');
    expect(at(session)).toBe(0);
    await session.dispatch({ type: 'enter' });
    expect(at(session)).toBe(1);
  });

  it('a skip asks a learner first; no moves the session nowhere, yes runs the solution', async () => {
    const world = newWorld();
    const { session } = await open(world);
    await session.dispatch({ type: 'skip' });
    expect(session.view().state.confirm).toBe('skip');
    expect(world.calls).not.toContain('solve:one');
    await session.dispatch({ type: 'confirm', yes: false });
    expect(session.view().state.confirm).toBeUndefined();
    expect(world.calls).not.toContain('solve:one');
    // s then y in one burst
    void session.dispatch({ type: 'skip' });
    void session.dispatch({ type: 'confirm', yes: true });
    await session.idle();
    expect(session.view().snap.steps[0]!.progress.status).toBe('skipped');
  });

  it('a burst h h q: both hints are processed before the quit', async () => {
    let quits = 0;
    const { engine } = await open();
    const session = createSession(engine, { watchIntervalMs: 60_000, onQuit: () => quits++ });
    void session.dispatch({ type: 'hint' });
    void session.dispatch({ type: 'hint' });
    await session.dispatch({ type: 'quit' });
    expect(session.view().snap.steps[0]!.progress.hintsShown).toBe(2);
    expect(session.view().state.quit).toBe(true);
    expect(quits).toBe(1);
  });

  it('a pass moves on by itself only where the rule says so', () => {
    const verify = { view: 'verify' as const };
    const text = { view: 'policy-file' as const };
    // a screen: only a pass found by watch, and never one with a table to read
    expect(advancesAfterPass(text, 'watch', 'screen')).toBe(true);
    expect(advancesAfterPass(verify, 'watch', 'screen')).toBe(false);
    expect(advancesAfterPass(text, 'check', 'screen')).toBe(false);
    expect(advancesAfterPass(text, 'skip', 'screen')).toBe(false);
    // a transcript keeps every result printed above: the learner's own pass moves on
    expect(advancesAfterPass(verify, 'skip', 'transcript')).toBe(true);
    // a pass found on arrival waits for the learner in both
    expect(advancesAfterPass(text, 'arrival', 'screen')).toBe(false);
    expect(advancesAfterPass(text, 'arrival', 'transcript')).toBe(false);
  });

  it('a transcript moves on after the learner’s pass; a screen waits for Enter', async () => {
    for (const presentation of ['screen', 'transcript'] as const) {
      const world = newWorld();
      world.done.one = true;
      const { engine } = await open(world);
      const session = createSession(engine, { watchIntervalMs: 60_000, presentation });
      await session.idle();
      await session.dispatch({ type: 'check' });
      await session.idle();
      expect(at(session)).toBe(presentation === 'screen' ? 0 : 1);
      session.close();
    }
  });

  it('a transcript watches only while the learner waits, and stops waiting on a pass', async () => {
    const world = newWorld();
    const { engine } = await open(world);
    const session = createSession(engine, { watchIntervalMs: 20, presentation: 'transcript' });
    await session.idle();
    expect(watching(session.view().snap, session.view().state)).toBe(false);
    await session.dispatch({ type: 'wait' });
    await session.idle();
    expect(session.view().state.waiting).toBe(true);
    expect(watching(session.view().snap, session.view().state)).toBe(true);
    world.done.one = true; // the learner's change, made elsewhere
    await new Promise<void>((resolve) => {
      const off = session.subscribe(() => {
        if (at(session) === 1) {
          off();
          resolve();
        }
      });
    });
    expect(session.view().state.waiting).toBe(false);
    session.close();
  });
});
