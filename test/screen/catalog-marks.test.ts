/**
 * The message catalogs are printed as they are (the TUI's panels, --plain, the quit line),
 * never rendered as Markdown: a backtick or `**` in one reaches the learner's terminal as
 * a literal mark ("Run `node bin/ecr-tutor.js` to continue").
 */
import { describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/messages/en.js';
import { vi } from '../../src/i18n/messages/vi.js';
import { t, withLanguage } from '../../src/i18n/index.js';

describe('message catalogs hold text, not Markdown', () => {
  for (const [lang, catalog] of [
    ['en', en],
    ['vi', vi],
  ] as const)
    it(`${lang}: no backticks, no ** in what the TUI, --plain and the quit line print`, () => {
      // (the commands' own catalogs, src/i18n/messages/commands.*.ts, are another area's; a
      // report in Markdown is Markdown)
      const printed = /^(tui|plain|check|cmd\.start)\./;
      const marked = Object.entries(catalog)
        .filter(([k, m]) => printed.test(k) && typeof m === 'string' && /`|\*\*/.test(m))
        .map(([k]) => k);
      expect(marked).toEqual([]);
    });

  it('the quit line names the command on a line of its own, whole, to copy', () => {
    const me = "node 'my lab/bin/ecr-tutor.js'";
    const saved = t('cmd.start.saved', { done: 3, total: 9, title: 'Lesson', me });
    expect(saved).toBe(
      `Progress saved: 3 of 9 steps done in "Lesson".\nTo continue, run: ${me}\nTo see where you are: ${me} status`,
    );
    withLanguage('vi', () => {
      expect(t('cmd.start.saved', { done: 3, total: 9, title: 'Lesson', me })).toContain(
        `\nMuốn làm tiếp, chạy: ${me}\n`,
      );
    });
  });
});
