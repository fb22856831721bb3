/**
 * Step 5 in Vietnamese through the shipped TUI (built bundle in a real pty at 80x24): the
 * learner saves a policy with the mistakes the lint catches (a lower-case Effect, a mistyped
 * action, a Vietnamese Sid), and the findings pane says each one in Vietnamese, with its fix.
 * Whole frame, the account id and the port masked.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnTutor, type PtySession } from '../helpers/pty.js';
import { goodPolicy } from '../screen/drive.js';

let t: PtySession | undefined;
afterEach(async () => {
  await t?.kill();
  t = undefined;
});

const mask = (screen: string, account: string) =>
  screen
    .replaceAll(account, 'ACCOUNT')
    .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT')
    .replace(/\(dòng \d+-\d+ trên \d+\)/g, '(dòng …)')
    .replace(/[ \t]+$/gm, '');
const settled = (s: string) => !/Đang kiểm tra…|đang\s+kiểm tra…/.test(s) && /q thoát\s*$/.test(s);

/** Steps 1 to 4 as a learner does them, in Vietnamese; returns the sandbox account id. */
async function toStep5(s: PtySession): Promise<string> {
  const first = await s.waitFor((x) => x.includes('Đạt: Đã kết nối') && settled(x));
  const account = /tài khoản (\d{12})/.exec(first)![1]!;
  s.press('enter');
  await s.waitFor('bước 2/9');
  s.write(account);
  await s.waitFor('có vẻ đúng');
  s.press('enter');
  await s.waitFor('Đạt: Chính xác');
  s.press('enter');
  await s.waitFor('Đạt: Đã tìm thấy repository');
  s.press('enter');
  await s.waitFor('4 câu hỏi bên dưới');
  s.press('enter');
  for (const [i, answer] of ['1', '2', '2', '2'].entries()) {
    await s.waitFor(`Câu ${i + 1}.`);
    s.press(answer);
  }
  await s.waitFor((x) => /bước 4\/9/.test(x) && /Đạt:/.test(x) && settled(x));
  s.press('enter');
  await s.waitFor(/bước 5\/9[\s\S]*dòng \d+:\d+ lỗi/);
  return account;
}

describe('step 5 in Vietnamese, in the TUI at 80x24', () => {
  it('shows the lint findings of a saved policy and their fixes in Vietnamese', async () => {
    t = await spawnTutor(['--lang', 'vi'], { cols: 80, rows: 24 });
    const account = await toStep5(t);
    const bad = goodPolicy(account)
      .replace('"Effect": "Allow"', '"Effect": "allow"')
      .replace('"ecr:PutImage"', '"ecr:PutImagee"');
    await writeFile(join(t.cwd, 'fcj-workshop-app-policy.json'), bad);
    const frame = await t.waitFor(
      (s) =>
        s.includes('2 phát hiện') &&
        s.includes('Chưa đạt') &&
        settled(s) &&
        // the text pane measures itself a frame later: wait for its scroll line
        /(còn tiếp|hết): Pg/.test(s),
    );
    expect(mask(frame, account)).toMatchInlineSnapshot(`
      "ECR tutor · 5.1 Chính sách truy cập repository                          bước 5/9
      sandbox (AWS cục bộ) · tài khoản ACCOUNT · us-east-1  là …er/workshop-admin
      Các bước  ✔  ✔  ✔  ✔ [✘] ○  ○  ○  ○  g: danh sách
      ────────────────────────────────────────────────────────────────────────────────
      5. Soạn policy · kết quả (t: nội dung)

      fcj-workshop-app-policy.json · 2 phát hiện
      dòng 6:17 lỗi Effect phải đúng là "Allow" hoặc "Deny" (viết hoa chữ cái đầu);
        bạn đang ghi "allow". → Dùng "Allow".
      dòng 15:9 lỗi "ecr:PutImagee" không phải action của ecr (AWS sẽ từ chối policy
        có action này). → Có phải ý bạn là ecr:PutImage?
         1 │ {
         2 │   "Version": "2012-10-17",
         3 │   "Statement": [
         4 │     {
      ↓ còn tiếp: PgDn hoặc ↓ (dòng …)

      ✘ Chưa đạt: dòng 6, cột 17: Effect phải đúng là "Allow" hoặc "Deny" (viết hoa
      chữ cái đầu); bạn đang ghi "allow". Dùng "Allow".
        dòng 15, cột 9: "ecr:PutImagee" không phải action của ecr (AWS sẽ từ chối pol…
      ◉ Đang theo dõi: kiểm tra lại mỗi khi bạn lưu file và sau vài giây.
      ────────────────────────────────────────────────────────────────────────────────
      Enter kiểm tra  h gợi ý  s bỏ qua  b lùi  t nội dung  w tắt theo dõi  q thoát
      "
    `);
  });
});
