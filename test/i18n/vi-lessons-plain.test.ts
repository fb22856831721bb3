/**
 * The two further built-in lessons (cross-account-pull, explicit-deny) in Vietnamese through
 * `--plain`, as they ship: the built bundle in a real pty at 80x24, attached to a sandbox on port
 * 0, answered prompt by prompt to the lesson's end. What is compared: every step heading and
 * result line of the transcript, and the last whole screen; the terminal never has to wrap a
 * line the tutor printed (the tutor wraps Vietnamese to 80 columns itself, by display width).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { spawnTutor, type PtySession } from '../helpers/pty.js';
import { maskRun, plainText, sandboxHome, type SandboxHome } from '../helpers/vi-lesson-run.js';

let t: PtySession | undefined;
let sh: SandboxHome | undefined;
afterEach(async () => {
  await t?.kill();
  await sh?.cleanup();
  t = undefined;
  sh = undefined;
});

/** One answer: once `after` has been printed and a prompt waits, type `keys` (each + Enter). */
interface Answer {
  after: string;
  keys: string[];
}

const NEXT = /\? Tiếp theo\?[^\n]*$/;
const CONFIRM = /\(y\/n\)[^\n]*$/i;
/** a quiz question (inquirer's rawlist in a terminal): its numbered choices end the screen */
const QUIZ = /\n {2}\d\) [^\n]*$/;

async function drive(session: PtySession, answers: Answer[]): Promise<void> {
  const out = () => plainText(session.output());
  for (const a of answers) {
    for (const [i, key] of a.keys.entries()) {
      await session.waitFor((s) => {
        if (!out().includes(a.after)) return false;
        const last = s.trimEnd();
        // the first key answers the step's own prompt; a later one its follow-up question
        return i === 0 ? NEXT.test(last) || QUIZ.test(last) : CONFIRM.test(last);
      }, 60_000);
      const before = session.output().length;
      session.write(`${key}\r`);
      // the prompt has taken the answer once the tutor writes something after it
      await session.waitFor(() => session.output().length > before + key.length + 1, 60_000);
    }
  }
}

/** The transcript's step headings and results, in order: the lesson's path, line by line. */
function journey(text: string): string {
  return text
    .split('\n')
    .filter((l) =>
      /^(== Bước|ĐẠT:|CHƯA ĐẠT:|LỖI:|Đúng\.|Chưa đúng|Hoàn thành bài học)/.test(l.trim()),
    )
    .map((l) => l.trim())
    .join('\n');
}

/**
 * The tutor wraps its own lines to the terminal, so the terminal never has to: a row the
 * terminal continued from the row above (a line wider than 80 columns, e.g. a width counted
 * wrong for a Vietnamese letter) belongs to inquirer's prompt lines ("? …", "> …") or to nothing.
 */
function expectNothingWrappedByTheTerminal(session: PtySession): void {
  const rows = session.history();
  const wrapped: string[] = [];
  let start = '';
  for (const r of rows) {
    if (!r.wrapped) start = r.text;
    else if (!/^[?>] /.test(start)) wrapped.push(`${start} ⏎ ${r.text}`);
  }
  expect(wrapped).toEqual([]);
  // and the transcript is all there (not scrolled out of the terminal's memory)
  expect(rows.some((r) => r.text.startsWith('== Bước 1/'))).toBe(true);
}

describe('the further lessons in Vietnamese, --plain at 80 columns', () => {
  it('cross-account-pull: denied twice, then allowed on both sides, then cleaned up', async () => {
    sh = await sandboxHome('vi-plain-cross');
    t = await spawnTutor(['start', 'cross-account-pull', '--plain', '--lang', 'vi'], {
      cols: 80,
      rows: 24,
      cwd: sh.home,
    });
    await drive(t, [
      { after: '== Bước 1/7: Kết nối ==', keys: [''] },
      { after: '== Bước 2/7: Làm quen với tài khoản đối tác ==', keys: [''] },
      { after: '== Bước 3/7: Đối tác bị từ chối ==', keys: [''] },
      { after: '== Bước 4/7: Nêu tên đối tác trong repository policy ==', keys: ['s', 'y'] },
      { after: '== Bước 5/7: Vẫn bị từ chối ==', keys: [''] },
      { after: '== Bước 6/7: Cho phép cả ở tài khoản đối tác ==', keys: ['s', 'y'] },
      { after: '== Bước 7/7: Dọn dẹp (không bắt buộc) ==', keys: ['s', 'y'] },
    ]);
    const end = await t.waitFor('Hoàn thành bài học: Pull từ tài khoản khác.', 60_000);
    expect((await t.waitForExit()).exitCode).toBe(0);
    const text = plainText(t.output());
    expectNothingWrappedByTheTerminal(t);
    // the Vietnamese step texts, with the lesson's parameters filled in
    expect(text).toContain('tài khoản đối tác (partner), nơi developer partner-developer');
    expect(text).toContain('│ because no resource-based policy allows the ecr:BatchGetImage');
    expect(text).toContain('Thay <PARTNER_ACCOUNT_ID> bằng ' + sh.tsb.sandbox.secondAccountId);
    expect(maskRun(journey(text), sh.tsb)).toMatchInlineSnapshot(`
      "== Bước 1/7: Kết nối ==
      ĐẠT: Đã kết nối tới sandbox tại http://127.0.0.1:PORT với danh tính
      == Bước 2/7: Làm quen với tài khoản đối tác ==
      ĐẠT: Tài khoản đối tác là PARTNER; tutor thao tác ở đó dưới danh tính
      == Bước 3/7: Đối tác bị từ chối ==
      ĐẠT: Bị từ chối: không có resource-based policy nào cho phép partner-developer,
      == Bước 4/7: Nêu tên đối tác trong repository policy ==
      ĐẠT: Repository policy cho partner-developer của tài khoản PARTNER pull
      == Bước 5/7: Vẫn bị từ chối ==
      ĐẠT: Lại bị từ chối, lần này vì không có identity-based policy nào cho phép:
      == Bước 6/7: Cho phép cả ở tài khoản đối tác ==
      ĐẠT: partner-developer pull được khác tài khoản: repository policy VÀ identity
      == Bước 7/7: Dọn dẹp (không bắt buộc) ==
      ĐẠT: partner-developer không còn pull được từ fcj-workshop-app; các thay đổi của
      Hoàn thành bài học: Pull từ tài khoản khác. Tiến độ của bạn đã được lưu."
    `);
    expect(maskRun(end, sh.tsb)).toMatchInlineSnapshot(`
      "↷ Đã bỏ qua: tutor đã áp dụng lời giải và bước kiểm tra đạt.

      == Bước 7/7: Dọn dẹp (không bắt buộc) ==

      Bài học đã thay đổi một thứ ở mỗi tài khoản:

      • repository policy của bạn có statement AllowPartnerPull;
      • partner-developer có inline policy pull-fcj-workshop-app.

      Hãy gỡ cả hai, hoặc để tutor làm (bỏ qua). Phép kiểm tra thử pull với danh tính
      đối tác thêm một lần nữa: lần này nó phải lại bị từ chối.

      Đã xong mọi bước bắt buộc. Bước này không bắt buộc: Enter để kiểm tra, s để
        tutor làm giúp, q để thoát.
      > Tiếp theo? (Enter = kiểm tra, h = gợi ý, s = bỏ qua, ? = mọi lệnh) s
      > Bỏ qua "Dọn dẹp (không bắt buộc)"? Tutor sẽ áp dụng lời giải (việc này thay
      đổi tài nguyên AWS của bạn) Có
      Đang áp dụng lời giải, rồi kiểm tra…
      ĐẠT: partner-developer không còn pull được từ fcj-workshop-app; các thay đổi của
        bài học đã được gỡ hết.
      ↷ Đã bỏ qua: tutor đã áp dụng lời giải và bước kiểm tra đạt.

      Hoàn thành bài học: Pull từ tài khoản khác. Tiến độ của bạn đã được lưu.
      "
    `);
  }, 180_000);

  it('explicit-deny: your push refused, the CI user’s not, the lockout guard, cleaned up', async () => {
    sh = await sandboxHome('vi-plain-deny');
    t = await spawnTutor(['start', 'explicit-deny', '--plain', '--lang', 'vi'], {
      cols: 80,
      rows: 24,
      cwd: sh.home,
    });
    await drive(t, [
      { after: '== Bước 1/6: Kết nối ==', keys: [''] },
      { after: '== Bước 2/6: CI user được phép push ==', keys: ['s', 'y'] },
      { after: '== Bước 3/6: Từ chối push với mọi người, trừ CI user ==', keys: ['s', 'y'] },
      { after: '== Bước 4/6: Lệnh push của bạn bị từ chối', keys: [''] },
      // the question is asked as the step opens: 1 = it would deny me ecr:SetRepositoryPolicy
      { after: 'Policy đó lẽ ra sẽ làm gì với bạn?', keys: ['1'] },
      { after: '== Bước 6/6: Dọn dẹp (không bắt buộc) ==', keys: ['s', 'y'] },
    ]);
    const end = await t.waitFor('Hoàn thành bài học: Deny tường minh', 60_000);
    expect((await t.waitForExit()).exitCode).toBe(0);
    const text = plainText(t.output());
    expectNothingWrappedByTheTerminal(t);
    expect(text).toContain('Một Deny tường minh (explicit deny) thắng mọi Allow');
    // AWS's own clause, quoted as AWS says it (the plain layout may wrap it across lines)
    expect(text.replace(/\s+/g, ' ')).toContain('with an explicit deny in a resource-based policy');
    expect(maskRun(journey(text), sh.tsb)).toMatchInlineSnapshot(`
      "== Bước 1/6: Kết nối ==
      ĐẠT: Đã kết nối tới sandbox tại http://127.0.0.1:PORT với danh tính
      == Bước 2/6: CI user được phép push ==
      ĐẠT: fcj-ecr-ci-cd-user đã push và pull được: đó là điểm xuất phát của bài học
      == Bước 3/6: Từ chối push với mọi người, trừ CI user ==
      ĐẠT: Push bị Deny tường minh với mọi người trừ fcj-ecr-ci-cd-user, và
      == Bước 4/6: Lệnh push của bạn bị từ chối, của CI user thì không ==
      ĐẠT: Lệnh push của bạn bị từ chối, AWS ghi "with an explicit deny in a
      == Bước 5/6: Cơ chế chống tự khóa ==
      Đúng. Policy thử nghiệm từ chối ecr:* với mọi người trừ CI user, kể cả bạn, nên
      ĐẠT: SetRepositoryPolicy refuses a policy that would lock you out, unless you
      == Bước 6/6: Dọn dẹp (không bắt buộc) ==
      ĐẠT: Deny của bài học đã được gỡ khỏi fcj-workshop-app: push lại chạy như trước.
      Hoàn thành bài học: Deny tường minh, dùng sao cho an toàn. Tiến độ của bạn đã"
    `);
    expect(maskRun(end, sh.tsb)).toMatchInlineSnapshot(`
      "  Chạy thật, không có force, sandbox đã từ chối. AWS trả lời (nguyên văn):
          Invalid parameter at 'PolicyText' failed to satisfy constraint: 'The
          repository policy would prevent you from setting another policy in the
          future (you would be denied ecr:SetRepositoryPolicy with an explicit deny in
          a resource-based policy). Set force to true to apply it anyway'

      == Bước 6/6: Dọn dẹp (không bắt buộc) ==

      Bài học đã thêm statement DenyPushExceptCi vào policy của fcj-workshop-app. Hãy
      gỡ nó (sửa explicit-deny-policy.json rồi áp dụng lại), hoặc để tutor làm (bỏ
      qua). Statement của bài 5.1 cho fcj-ecr-ci-cd-user vẫn được giữ lại.

      Đã xong mọi bước bắt buộc. Bước này không bắt buộc: Enter để kiểm tra, s để
        tutor làm giúp, q để thoát.
      > Tiếp theo? (Enter = kiểm tra, h = gợi ý, s = bỏ qua, ? = mọi lệnh) s
      > Bỏ qua "Dọn dẹp (không bắt buộc)"? Tutor sẽ áp dụng lời giải (việc này thay
      đổi tài nguyên AWS của bạn) Có
      Đang áp dụng lời giải, rồi kiểm tra…
      ĐẠT: Deny của bài học đã được gỡ khỏi fcj-workshop-app: push lại chạy như trước.
      ↷ Đã bỏ qua: tutor đã áp dụng lời giải và bước kiểm tra đạt.

      Hoàn thành bài học: Deny tường minh, dùng sao cho an toàn. Tiến độ của bạn đã
        được lưu.
      "
    `);
  }, 180_000);
});
