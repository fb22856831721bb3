/**
 * In a real terminal (the built bundle in a pty, the in-process sandbox): `s` on a step that
 * is already done says so instead of doing nothing, and after the clean-up step, going back
 * to the steps it removed on purpose says so (not ✔ with no word, not "was done, fails now").
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnTutor } from '../helpers/pty.js';

describe('revisiting after the clean-up, and s on a done step', () => {
  it('says the clean-up removed it on purpose, and answers s on a done step', async () => {
    // the skips write the policy file and the CI image in the working folder: not the repo's
    const cwd = await mkdtemp(join(tmpdir(), 'ecr-tutor-revisit-'));
    const t = await spawnTutor(['start', '--facilitator', '--lang', 'en'], {
      cols: 80,
      rows: 24,
      cwd,
    });
    try {
      await t.waitFor('Passed: Connected to the sandbox');
      t.press('s');
      await t.waitFor('This step is already done: nothing to skip.');
      for (let n = 2; n <= 9; n++) {
        t.press('enter');
        await t.waitFor(`step ${n}/9`);
        if (n === 3) {
          await t.waitFor('Passed: Found the repository');
          continue;
        }
        // step 8 checks on arrival (an unanswered question): s waits for that check to end
        if (n === 8) await t.waitFor(/step 8\/9[\s\S]*Not yet: Answer the question/);
        if (n === 2) {
          t.press('esc'); // out of the answer field, to the keys
          await t.waitFor(/s skip/);
        }
        t.press('s');
        await t.waitFor(new RegExp(`step ${n}/9[\\s\\S]*↷ Skipped`));
      }
      expect(t.screen()).toMatch(/Steps {2}✔ {2}↷ {2}✔( {2}↷){5} \[↷\]/);
      for (const n of [8, 7, 6]) {
        t.press('b');
        const screen = await t.waitFor(
          new RegExp(`step ${n}/9[\\s\\S]*Done; the clean-up step removed this on purpose\\.`),
        );
        expect(screen).not.toContain('fails now');
        expect(screen).not.toContain('Not yet');
        expect(screen).not.toContain('↺');
      }
    } finally {
      await t.kill();
      await rm(cwd, { recursive: true, force: true });
    }
  }, 90_000);
});
