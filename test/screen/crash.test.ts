/**
 * Regression: the bundle used to rewrite string-width at build time, and the rewrite crashed
 * the TUI ("Cannot read properties of undefined (reading 'segment')") as soon as a tab, a BEL,
 * U+202E, a Vietnamese letter or an emoji reached the screen, e.g. a tab-indented policy file
 * on step 5. Runs the built bundle in a real pty, as a learner does.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnTutor, type PtySession } from '../helpers/pty.js';
import { goToStep, tabbedPolicy } from './drive.js';

let t: PtySession | undefined;
afterEach(async () => {
  await t?.kill();
  t = undefined;
});

describe('step 5 with a tab-indented, Vietnamese + emoji policy file', () => {
  it('shows the file with tabs expanded and control characters made visible, and keeps running', async () => {
    t = await spawnTutor([], { cols: 80, rows: 24 });
    await goToStep(t, 5);
    await writeFile(join(t.cwd, 'fcj-workshop-app-policy.json'), tabbedPolicy());
    t.press('enter');
    const screen = await t.waitFor('Cho phép');
    expect(t.exit()).toBeUndefined();
    expect(t.output()).not.toContain('Cannot read properties');
    // tabs are 4 columns: nothing drawn over, the commas and brackets are all there
    expect(screen).toContain('   2 │     "Version": "2012-10-17",');
    expect(screen).toContain('   3 │     "Statement": [');
    expect(screen).toContain('"Sid": "Cho phép đẩy và kéo 🚀<U+202E>",');
    // the screen still takes keys
    t.press('t');
    await t.waitFor('Compose the policy\n');
    t.press('q');
    expect((await t.waitForExit()).exitCode).toBe(0);
  });

  it('a finding that quotes the Sid shows its BEL and U+202E made visible, never raw', async () => {
    t = await spawnTutor([], { cols: 80, rows: 24 });
    const account = await goToStep(t, 5);
    expect(account).toMatch(/^\d{12}$/);
    // with the account filled in, the Sid is the finding: its message quotes the file
    await writeFile(
      join(t.cwd, 'fcj-workshop-app-policy.json'),
      tabbedPolicy().replace('<YOUR_AWS_ACCOUNT_ID>', account),
    );
    t.press('enter');
    const screen = await t.waitFor(/Sid may contain only letters and digits[\s\S]*Not yet/);
    // the raw bytes the tutor wrote, not just the emulated screen: no bidi override, no BEL
    expect(t.output()).not.toContain('\u202e');
    expect(t.output()).not.toContain('\u0007');
    expect(screen).toContain('<U+202E>');
    // the finding is laid out by the tutor: its continuation row opens with no stray space
    const rows = screen.split('\n');
    const at = rows.findIndex((l) => l.startsWith('line 5:'));
    expect(at).toBeGreaterThan(-1);
    expect(rows[at + 1]).toMatch(/^ {2}\S/);
    t.press('q');
    expect((await t.waitForExit()).exitCode).toBe(0);
  });
});
