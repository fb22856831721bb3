/**
 * The two further built-in lessons in Vietnamese in the TUI that ships (built bundle in a real
 * pty at 80x24, attached to a sandbox on port 0): whole frames of the steps where the lesson's
 * point shows, the partner denied by the resource side (cross-account-pull) and the learner's
 * own push refused by an explicit deny, then the lockout guard (explicit-deny).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { spawnTutor, type PtySession } from '../helpers/pty.js';
import { maskRun, sandboxHome, type SandboxHome } from '../helpers/vi-lesson-run.js';

let t: PtySession | undefined;
let sh: SandboxHome | undefined;
afterEach(async () => {
  await t?.kill();
  await sh?.cleanup();
  t = undefined;
  sh = undefined;
});

/** No check running (no spinner, no "…"), and the footer is drawn: the frame is stable. */
const settled = (s: string) =>
  !/Đang kiểm tra…|đang\s+kiểm tra…|Đang áp dụng lời/.test(s) && /q thoát\s*$/.test(s);
/** Settled, and the text pane has measured itself (its scroll line is drawn a frame later). */
const scrolled = (s: string) => settled(s) && /(còn tiếp|hết): Pg/.test(s);
const passedOn = (step: string) => (s: string) =>
  s.includes(step) && /✔ Đạt:/.test(s) && !s.includes('Bỏ qua bước này?') && settled(s);

/** Skips the step on screen (s, then y) and waits for its check to pass. */
async function skip(session: PtySession, step: string): Promise<string> {
  session.press('s');
  await session.waitFor('Bỏ qua bước này?');
  session.press('y');
  return session.waitFor(passedOn(step), 60_000);
}

describe('the further lessons in Vietnamese, in the TUI at 80x24', () => {
  it('cross-account-pull: the partner is denied, and AWS says which side did not allow it', async () => {
    sh = await sandboxHome('vi-tui-cross');
    t = await spawnTutor(['start', 'cross-account-pull', '--lang', 'vi'], {
      cols: 80,
      rows: 24,
      cwd: sh.home,
    });
    const s1 = await t.waitFor((s) => passedOn('bước 1/7')(s) && s.includes('Đã kết nối'));
    expect(maskRun(s1, sh.tsb)).toMatchInlineSnapshot(`
      "ECR tutor · Pull từ tài khoản khác                                      bước 1/7
      sandbox (AWS cục bộ) · tài khoản ACCOUNT · us-east-1  là …er/workshop-admin
      Các bước [✔] ○  ○  ○  ○  ○  ○  g: danh sách
      ────────────────────────────────────────────────────────────────────────────────
      1. Kết nối

      Bài học này có hai tài khoản: tài khoản của bạn, nơi sở hữu fcj-workshop-app, và
      một tài khoản đối tác (partner), nơi developer partner-developer làm việc. Bên
      đối tác muốn pull image của bạn về.

      Trước hết, tutor hỏi AWS xem bạn là ai. Trong sandbox, bạn là quản trị viên của
      nó.




      ✔ Đạt: Đã kết nối tới sandbox tại http://127.0.0.1:PORT với danh tính
      arn:aws:iam::ACCOUNT:user/workshop-admin ở us-east-1.
        danh tính: arn:aws:iam::ACCOUNT:user/workshop-admin
        Region: us-east-1
      Nhấn Enter để sang bước tiếp theo.
      ────────────────────────────────────────────────────────────────────────────────
      Enter tiếp  h gợi ý  s bỏ qua  b lùi  g tới bước  t kết quả  q thoát
      "
    `);
    t.press('enter');
    await t.waitFor('bước 2/7');
    t.press('enter');
    await t.waitFor(passedOn('bước 2/7'), 60_000);
    t.press('enter');
    await t.waitFor('bước 3/7');
    t.press('enter');
    const s3 = await t.waitFor((s) => passedOn('bước 3/7')(s) && scrolled(s), 60_000);
    expect(maskRun(s3, sh.tsb)).toMatchInlineSnapshot(`
      "ECR tutor · Pull từ tài khoản khác                                      bước 3/7
      sandbox (AWS cục bộ) · tài khoản ACCOUNT · us-east-1  là …er/workshop-admin
      Các bước  ✔  ✔ [✔] ○  ○  ○  ○  g: danh sách
      ────────────────────────────────────────────────────────────────────────────────
      3. Đối tác bị từ chối

      Tutor thử pull fcj-workshop-app:latest với danh tính partner-developer (tài
      khoản PARTNER). Chưa có gì nêu tên đối tác, nên AWS từ chối, và thông báo
      của AWS kết thúc bằng:

      │ because no resource-based policy allows the ecr:BatchGetImage action

      Nghĩa là: không có resource-based policy (chính sách gắn với tài nguyên) nào cho
      phép. Một người gọi từ tài khoản khác không nhận được gì từ IAM của tài khoản
      ↓ còn tiếp: PgDn hoặc ↓ (dòng …)

      ✔ Đạt: Bị từ chối: không có resource-based policy nào cho phép
      partner-developer, đúng như mong đợi với người gọi từ tài khoản khác mà chưa
      được ai nêu tên.
        Chạy thật: partner-developer bị từ chối, AWS ghi: "because no resource-based …
      Nhấn Enter để sang bước tiếp theo.
      ────────────────────────────────────────────────────────────────────────────────
      Enter tiếp  h gợi ý  s bỏ qua  b lùi  g tới bước  q thoát
      "
    `);
    t.press('q');
    expect((await t.waitForExit()).exitCode).toBe(0);
  }, 180_000);

  it('explicit-deny: your own push refused, then the lockout guard question', async () => {
    sh = await sandboxHome('vi-tui-deny');
    t = await spawnTutor(['start', 'explicit-deny', '--lang', 'vi'], {
      cols: 80,
      rows: 24,
      cwd: sh.home,
    });
    await t.waitFor((s) => passedOn('bước 1/6')(s) && s.includes('Đã kết nối'));
    t.press('enter');
    await t.waitFor('bước 2/6');
    await skip(t, 'bước 2/6');
    t.press('enter');
    await t.waitFor('bước 3/6');
    await skip(t, 'bước 3/6');
    t.press('enter');
    await t.waitFor('bước 4/6');
    t.press('enter');
    // (the whole step text fits: no scroll line to wait for)
    const s4 = await t.waitFor(passedOn('bước 4/6'), 60_000);
    expect(maskRun(s4, sh.tsb)).toMatchInlineSnapshot(`
      "ECR tutor · Deny tường minh, dùng sao cho an toàn                       bước 4/6
      sandbox (AWS cục bộ) · tài khoản ACCOUNT · us-east-1  là …er/workshop-admin
      Các bước  ✔  ↷  ↷ [✔] ○  ○  g: danh sách
      ────────────────────────────────────────────────────────────────────────────────
      4. Lệnh push của bạn bị từ chối, của CI user thì không

      Tutor thử bắt đầu push hai lần (chỉ lệnh gọi InitiateLayerUpload, không tải gì
      lên cả):

      • với danh tính của bạn: IAM policy của bạn cho phép mọi ECR action, vậy mà AWS
        vẫn từ chối, với câu kết thúc bằng "with an explicit deny in a resource-based
        policy" (không có "because": một Deny tường minh nêu loại policy đã từ chối);
      • với danh tính fcj-ecr-ci-cd-user: được phép, vì điều kiện để ARN của nó nằm
        ngoài Deny.

      ✔ Đạt: Lệnh push của bạn bị từ chối, AWS ghi "with an explicit deny in a
      resource-based policy" (Deny tường minh trong resource-based policy); lệnh push
      của fcj-ecr-ci-cd-user thì được phép.
        Chạy thật: bạn bị từ chối, AWS ghi: "with an explicit deny in a resource-base…
        Chạy thật: fcj-ecr-ci-cd-user bắt đầu push được: InitiateLayerUpload được phé…
      Nhấn Enter để sang bước tiếp theo.
      ────────────────────────────────────────────────────────────────────────────────
      Enter tiếp  h gợi ý  s bỏ qua  b lùi  g tới bước  q thoát
      "
    `);
    t.press('enter');
    await t.waitFor((s) => s.includes('bước 5/6') && s.includes('1 câu hỏi bên dưới'));
    t.press('enter');
    await t.waitFor('Câu 1.');
    t.press('1');
    // the last required step: what is left is optional (the clean-up)
    const s5 = await t.waitFor(
      (s) => passedOn('bước 5/6')(s) && s.includes('Mọi bước bắt buộc đã xong'),
      60_000,
    );
    expect(maskRun(s5, sh.tsb)).toMatchInlineSnapshot(`
      "ECR tutor · Deny tường minh, dùng sao cho an toàn                       bước 5/6
      sandbox (AWS cục bộ) · tài khoản ACCOUNT · us-east-1  là …er/workshop-admin
      Các bước  ✔  ↷  ↷  ✔ [✔] ○  g: danh sách
      ────────────────────────────────────────────────────────────────────────────────
      5. Cơ chế chống tự khóa · kết quả (t: nội dung)

      ✔ Câu 1. SetRepositoryPolicy từ chối policy thử nghiệm cho đến khi nó được gửi …
      Policy thử nghiệm từ chối ecr:* với mọi người trừ CI user, kể cả bạn, nên bạn sẽ
      không bao giờ sửa hay xóa được policy đó nữa. SetRepositoryPolicy từ chối một
      policy khiến bạn không đặt được policy khác, trừ khi bạn gửi kèm force: nó hỏi
      xem bạn có thật sự muốn từ bỏ quyền đó không. Deny ở bước 3 chỉ áp dụng cho các
      thao tác ghi của lệnh push, nên không cần force.



      ✔ Đạt: SetRepositoryPolicy refuses a policy that would lock you out, unless you
      pass force.
        Policy thử nghiệm thêm "DenyEverythingExceptCi": Deny ecr:* với mọi người trừ…
        Chạy thật, không có force, sandbox đã từ chối. AWS trả lời (nguyên văn): Inva…
      Mọi bước bắt buộc đã xong; phần còn lại không bắt buộc. Enter để sang bước 6:
      Dọn dẹp (không bắt buộc); q để thoát (tiến độ đã được lưu).
      ────────────────────────────────────────────────────────────────────────────────
      Enter tiếp  h gợi ý  s bỏ qua  b lùi  g tới bước  t nội dung  q thoát
      "
    `);
    t.press('q');
    expect((await t.waitForExit()).exitCode).toBe(0);
  }, 180_000);
});
