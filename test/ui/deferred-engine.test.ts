/**
 * The engine the TUI shows while the live one opens (Boot's deferredEngine): the preview draws,
 * keys pressed meanwhile land on the live engine, and nothing is checked before it is there.
 */
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/types.js';
import { deferredEngine } from '../../src/ui/components/Boot.js';
import { newWorld, openTestEngine, tempDir, TARGET } from '../engine/helpers.js';

/** A preview and a live engine over the same progress file, as previewLesson and openLesson give. */
async function pair() {
  const dir = await tempDir();
  const world = newWorld();
  const preview = (await openTestEngine(dir, world)).engine;
  const live = (await openTestEngine(dir, world)).engine;
  let open!: (e: Engine) => void;
  const opening = new Promise<Engine>((res) => (open = res));
  return { world, preview, live, open, engine: deferredEngine(preview, opening) };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('the engine shown while the live one opens', () => {
  it('shows the preview, and replays moves and answers made meanwhile on the live engine', async () => {
    const { preview, live, open, engine } = await pair();
    expect(engine.snapshot()).toEqual(preview.snapshot());
    const seen: number[] = [];
    engine.subscribe((s) => seen.push(s.currentIndex));
    engine.next();
    expect(engine.setInput('12')).toMatchObject({ ok: false });
    expect(engine.setInput('123')).toEqual({ ok: true });
    expect(engine.snapshot().currentIndex).toBe(1);
    expect(live.snapshot().currentIndex).toBe(0);
    open(live);
    await tick();
    expect(live.snapshot().currentIndex).toBe(1);
    expect(live.snapshot().vars.answer).toBe('123');
    expect(engine.snapshot()).toEqual(live.snapshot());
    expect(seen.at(-1)).toBe(1);
    // from now on everything goes straight to the live engine
    engine.back();
    expect(live.snapshot().currentIndex).toBe(0);
  });

  it('runs no check before the live engine is there, then runs it there', async () => {
    const { world, live, open, engine } = await pair();
    world.done.one = true;
    let settled = false;
    const result = engine.check().then((r) => ((settled = true), r));
    await tick();
    expect(settled).toBe(false);
    expect(world.calls).toEqual([]);
    open(live);
    expect((await result).status).toBe('pass');
    expect(live.snapshot().steps[0]!.progress.status).toBe('passed');
  });

  it('drops the moves made on the preview when the live lab is another account', async () => {
    const dir = await tempDir();
    const world = newWorld();
    const preview = (await openTestEngine(dir, world)).engine;
    const other = { ...TARGET, accountId: '210987654321' };
    const live = (await openTestEngine(dir, world, { target: other })).engine;
    const engine = deferredEngine(preview, Promise.resolve(live));
    engine.next();
    await tick();
    expect(live.snapshot().currentIndex).toBe(0);
    expect(engine.snapshot().target.accountId).toBe('210987654321');
  });

  it('starts watching once the live engine is there', async () => {
    const { world, live, open, engine } = await pair();
    const stop = engine.watch({ intervalMs: 5 });
    stop();
    const results: string[] = [];
    engine.watch({ intervalMs: 5, onResult: (r) => results.push(r.status) });
    open(live);
    world.done.one = true;
    for (let i = 0; i < 100 && results.length === 0; i++)
      await new Promise((r) => setTimeout(r, 5));
    expect(results).toContain('pass');
    await engine.close();
  });
});
