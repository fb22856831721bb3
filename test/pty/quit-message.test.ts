/**
 * The words printed as the tutor quits, in a real terminal at 60 columns (the built bundle in a
 * pty): the sentence wraps at spaces, not where the terminal runs out ("repos|itory"), and the
 * line with the command to run stays whole.
 */
import { describe, expect, it } from 'vitest';
import { spawnTutor } from '../helpers/pty.js';

describe('the quit message at 60 columns', () => {
  it('wraps the Vietnamese sentence at spaces and keeps the command line whole', async () => {
    const t = await spawnTutor(['--lang', 'vi'], { cols: 60, rows: 20 });
    try {
      await t.waitFor('q thoát');
      t.press('q');
      expect((await t.waitForExit()).exitCode).toBe(0);
      const all = t.history();
      // a row the terminal wrapped itself (wrapped: true) is a word cut where the screen ended
      const rows = all.map((r) => r.text);
      const wrappedRows = all.filter((r) => r.wrapped).map((r) => r.text);
      const from = rows.findIndex((l) => l.startsWith('Đã lưu tiến độ'));
      expect(from).toBeGreaterThan(-1);
      const upTo = rows.findIndex((l, i) => i > from && l.startsWith('Muốn làm tiếp'));
      expect(upTo).toBeGreaterThan(from);
      // joined with a space, rows cut inside a word would read "repos itory"
      const sentence = rows
        .slice(from, upTo)
        .map((l) => l.trim())
        .join(' ');
      expect(sentence).toMatch(
        /^Đã lưu tiến độ: xong \d+\/9 bước trong "5\.1 Chính sách truy cập repository"\.$/,
      );
      expect(wrappedRows).toEqual([]);
      // the command on the line of its label when it fits, else on a line of its own
      expect(rows.slice(upTo, upTo + 2).join('\n')).toMatch(
        /^Muốn làm tiếp, chạy:(?: |\n {2})node \S*ecr-tutor\.js$/m,
      );
    } finally {
      await t.kill();
    }
  });
});
