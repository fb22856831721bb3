/**
 * The real-terminal harness itself: the shipped bundle starts in a pty, draws its first lesson
 * frame at the size it was given, takes keys, and quits with the terminal restored.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { spawnTutor, type PtySession } from '../helpers/pty.js';

let t: PtySession | undefined;
afterEach(async () => {
  await t?.kill();
  t = undefined;
});

describe('the pty harness', () => {
  it('runs the built bundle: the tutor draws its first step at 80x24 and quits on q', async () => {
    t = await spawnTutor([], { cols: 80, rows: 24 });
    const first = await t.waitFor(/step 1\/\d+[\s\S]*q quit/);
    expect(first.split('\n')).toHaveLength(24);
    expect(first).toContain('Connect');
    t.press('q');
    const exit = await t.waitForExit();
    expect(exit.exitCode).toBe(0);
    // the alternate screen (or the frame) is left and the cursor shown again
    expect(t.output()).toContain('\u001b[?25h');
  });

  it('follows the terminal size', async () => {
    t = await spawnTutor([], { cols: 60, rows: 20 });
    const s = await t.waitFor(/step 1\/\d+/);
    expect(s.split('\n').every((l) => l.length <= 60)).toBe(true);
    expect(s.split('\n')).toHaveLength(20);
  });
});
