/**
 * The whole built-in lesson in Vietnamese, in the TUI that ships (built bundle in a real pty at
 * 80x24, test/helpers/pty.ts), the way a learner drives it: check, type the account ID, answer
 * the four questions, save the policy file, then let the tutor do steps 6 to 9. Whole frames are
 * compared with the account id and the sandbox port masked (both random per sandbox).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnTutor, type PtySession } from '../helpers/pty.js';
import { accountOf, goodPolicy } from '../screen/drive.js';

let t: PtySession | undefined;
afterEach(async () => {
  await t?.kill();
  t = undefined;
});

const mask = (screen: string, account: string) =>
  screen
    .replace(/sha256:[0-9a-f]+/g, 'sha256:DIGEST')
    .replaceAll(account, 'ACCOUNT')
    .replace(/\b\d{12}\b/g, 'OTHER-ACCOUNT')
    .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT')
    .replace(/ecr-tutor-check-[0-9a-f]+/g, 'ecr-tutor-check-ID')
    // the pane's line count settles a frame late on step 5 (10 vs 11 rows): not what this shows
    .replace(/\(dòng \d+-\d+ trên \d+\)/g, '(dòng …)')
    .replace(/[ \t]+$/gm, '');
/** No check running: the spinner and its "…" are gone, so the frame is stable. */
const settled = (s: string) =>
  !/Đang kiểm tra…|đang\s+kiểm tra…|Đang áp dụng lời/.test(s) && /q thoát\s*$/.test(s);
/** Settled, and the text pane has measured itself (its scroll line is drawn a frame later). */
const scrolled = (s: string) => settled(s) && /(còn tiếp|hết): Pg/.test(s);

describe('the lesson in Vietnamese, in the TUI at 80x24', () => {
  it('walks all nine steps with Vietnamese text, keys, results and marks', async () => {
    t = await spawnTutor(['--lang', 'vi'], { cols: 80, rows: 24 });
    const s1 = await t.waitFor((s) => s.includes('Đạt: Đã kết nối') && scrolled(s));
    const account = /tài khoản (\d{12})/.exec(s1)?.[1] ?? accountOf(s1);
    expect(mask(s1, account)).toMatchInlineSnapshot(`
      "ECR tutor · 5.1 Chính sách truy cập repository                          bước 1/9
      sandbox (AWS cục bộ) · tài khoản ACCOUNT · us-east-1  là …er/workshop-admin
      Các bước [✔] ○  ○  ○  ○  ○  ○  ○  ○  g: danh sách
      ────────────────────────────────────────────────────────────────────────────────
      1. Kết nối

      Mọi thứ trong bài học này đều được kiểm tra trên trạng thái thật: tutor không
      tin lời bạn nói, nó hỏi thẳng AWS. Vì vậy việc đầu tiên là xác định AWS nào, và
      bạn là ai ở đó.

      Tutor gọi STS GetCallerIdentity, câu hỏi "tôi là ai?" của AWS. Lệnh gọi này
      không cần quyền gì cả, chỉ cần credentials mà AWS chấp nhận, nên đây là cách
      nhanh nhất để phân biệt "không có credentials hoặc credentials đã hết hạn" với
      "không được phép".
      ↓ còn tiếp: PgDn hoặc ↓ (dòng …)

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
    await t.waitFor('bước 2/9');
    t.write(account);
    await t.waitFor('có vẻ đúng');
    t.press('enter');
    const s2 = await t.waitFor((s) => s.includes('Đạt: Chính xác') && scrolled(s));
    expect(mask(s2, account)).toMatchInlineSnapshot(`
      "ECR tutor · 5.1 Chính sách truy cập repository                          bước 2/9
      sandbox (AWS cục bộ) · tài khoản ACCOUNT · us-east-1  là …er/workshop-admin
      Các bước  ✔ [✔] ○  ○  ○  ○  ○  ○  ○  g: danh sách
      ────────────────────────────────────────────────────────────────────────────────
      2. Tìm account ID của bạn

      Policy bạn sắp viết nêu tên CI user bằng ARN đầy đủ, và một ARN của IAM chứa ID
      12 chữ số của tài khoản mà user đó thuộc về:

        arn:aws:iam::<account ID>:user/fcj-ecr-ci-cd-user

      Vì vậy, trước khi viết policy, bạn cần biết account ID của mình. Có hai chỗ để
      tìm:

      ↓ còn tiếp: PgDn hoặc ↓ (dòng …)

      Account ID AWS gồm 12 chữ số của bạn
        ACCOUNT

      ✔ Đạt: Chính xác: bạn đang ở tài khoản ACCOUNT.
      Nhấn Enter để sang bước tiếp theo.
      ────────────────────────────────────────────────────────────────────────────────
      Enter tiếp  h gợi ý  s bỏ qua  b lùi  g tới bước  y chép lệnh  q thoát
      "
    `);

    t.press('enter');
    await t.waitFor('Đạt: Đã tìm thấy repository');
    t.press('enter');
    await t.waitFor('4 câu hỏi bên dưới');
    t.press('enter');
    for (const [i, answer] of ['1', '2', '2', '2'].entries()) {
      await t.waitFor(`Câu ${i + 1}.`);
      t.press(answer);
    }
    const s4 = await t.waitFor((s) => /bước 4\/9/.test(s) && /Đạt:/.test(s) && scrolled(s));
    expect(mask(s4, account)).toMatchInlineSnapshot(`
      "ECR tutor · 5.1 Chính sách truy cập repository                          bước 4/9
      sandbox (AWS cục bộ) · tài khoản ACCOUNT · us-east-1  là …er/workshop-admin
      Các bước  ✔  ✔  ✔ [✔] ○  ○  ○  ○  ○  g: danh sách
      ────────────────────────────────────────────────────────────────────────────────
      4. Identity policy và repository policy · kết quả (t: nội dung)

      ✔ Câu 1. fcj-ecr-ci-cd-user nằm cùng tài khoản với fcj-workshop-app. Không IAM …
      Trong cùng một tài khoản, một repository policy nêu đích danh user, role hoặc
      session thì tự nó đã cấp được quyền: một Allow từ identity policy HOẶC từ
      repository policy như vậy là đủ (trừ khi có một Deny nào đó). "Cả hai đều phải
      cho phép" là quy tắc khi khác tài khoản.

      ✔ Câu 2. Giờ repository policy cho phép ecr:PutImage với principal arn:aws:iam:…
      Nêu tên một tài khoản (ID 12 chữ số hoặc ARN :root của nó) là giao quyền quyết
      định cho IAM của tài khoản đó, kể cả khi cùng tài khoản: vẫn phải có một
      identity policy cho phép hành động. Chỉ repository policy nêu đích danh user mới
      tự nó là đủ.
      ↓ còn tiếp: PgDn hoặc ↓ (dòng …)

      ✔ Đạt: Cả 4 câu trả lời đều đúng.
      Nhấn Enter để sang bước tiếp theo.
      ────────────────────────────────────────────────────────────────────────────────
      Enter tiếp  h gợi ý  s bỏ qua  b lùi  g tới bước  t nội dung  q thoát
      "
    `);

    t.press('enter');
    const s5 = await t.waitFor((s) => /bước 5\/9[\s\S]*dòng \d+:\d+ lỗi/.test(s) && scrolled(s));
    expect(mask(s5, account)).toMatchInlineSnapshot(`
      "ECR tutor · 5.1 Chính sách truy cập repository                          bước 5/9
      sandbox (AWS cục bộ) · tài khoản ACCOUNT · us-east-1  là …er/workshop-admin
      Các bước  ✔  ✔  ✔  ✔ [✘] ○  ○  ○  ○  g: danh sách
      ────────────────────────────────────────────────────────────────────────────────
      5. Soạn policy · kết quả (t: nội dung)

      fcj-workshop-app-policy.json · 1 phát hiện
      dòng 8:30 lỗi Thay <YOUR_AWS_ACCOUNT_ID> bằng account ID 12 chữ số của bạn.
         1 │ {
         2 │   "Version": "2012-10-17",
         3 │   "Statement": [
         4 │     {
         5 │       "Sid": "AllowPushPullFromCICDUser",
         6 │       "Effect": "Allow",
         7 │       "Principal": {
         8!│         "AWS": "arn:aws:iam::<YOUR_AWS_ACCOUNT_ID>:user/fcj-ecr-ci-cd-us…
         9 │       },
      ↓ còn tiếp: PgDn hoặc ↓ (dòng …)

      ✘ Chưa đạt: Thay <YOUR_AWS_ACCOUNT_ID> bằng account ID 12 chữ số của bạn.
      ◉ Đang theo dõi: kiểm tra lại mỗi khi bạn lưu file và sau vài giây.
      ────────────────────────────────────────────────────────────────────────────────
      Enter kiểm tra  h gợi ý  s bỏ qua  b lùi  t nội dung  w tắt theo dõi  q thoát
      "
    `);
    await writeFile(join(t.cwd, 'fcj-workshop-app-policy.json'), goodPolicy(account));
    await t.waitFor((s) => s.includes('bước 6/9') && settled(s));

    const frames: Record<number, string> = {};
    for (let step = 6; step <= 9; step++) {
      if (step === 8) {
        // the explain step's question is open: answer it (3 = both sides must allow)
        await t.waitFor('Câu 1.');
        t.press('3');
      } else {
        t.press('s');
        await t.waitFor('Bỏ qua bước này?');
        t.press('y');
      }
      const done = await t.waitFor(
        (s) =>
          !s.includes('Bỏ qua bước này?') &&
          /Đạt:/.test(s) &&
          (step === 7
            ? settled(s) && s.includes('GetDownloadUrlForLayer')
            : step === 8
              ? scrolled(s)
              : settled(s)),
      );
      frames[step] = mask(done, account);
      if (step < 9) {
        t.press('enter');
        await t.waitFor((s) => s.includes(`bước ${step + 1}/9`) && settled(s));
      }
    }
    expect(frames[7]).toMatchInlineSnapshot(`
      "ECR tutor · 5.1 Chính sách truy cập repository                          bước 7/9
      sandbox (AWS cục bộ) · tài khoản ACCOUNT · us-east-1  là …er/workshop-admin
      Các bước  ✔  ✔  ✔  ✔  ✔  ↷ [↷] ○  ○  g: danh sách
      ────────────────────────────────────────────────────────────────────────────────
      7. Push và pull bằng CI user · kết quả (t: nội dung)

      ✔  BatchCheckLayerAvailability cho phép ✔  InitiateLayerUpload cho phép
      ✔  UploadLayerPart cho phép             ✔  CompleteLayerUpload cho phép
      ✔  PutImage cho phép                    ✔  BatchGetImage cho phép
      ✔  GetDownloadUrlForLayer cho phép



      ✔ Đạt: Lần push fcj-workshop-app:ecr-tutor-check-ID đã tới và pull về
      nguyên vẹn dưới danh tính fcj-ecr-ci-cd-user (manifest sha256:DIGEST…, 2
      blob, mọi digest đều đã kiểm tra). fcj-ecr-ci-cd-user đã push và pull
      fcj-workshop-app:ecr-tutor-check-ID (digest sha256:DIGEST…), sau đó
      image thử nghiệm đã được xóa.
        hành động dưới danh tính: key sandbox của fcj-ecr-ci-cd-user
      Nhấn Enter để sang bước tiếp theo.
      ↷ Đã bỏ qua: tutor đã áp dụng lời giải và bước kiểm tra đạt.
      ────────────────────────────────────────────────────────────────────────────────
      Enter tiếp  h gợi ý  s bỏ qua  b lùi  t nội dung  y chép lệnh  q thoát
      "
    `);
    expect(frames[8]).toMatchInlineSnapshot(`
      "ECR tutor · 5.1 Chính sách truy cập repository                          bước 8/9
      sandbox (AWS cục bộ) · tài khoản ACCOUNT · us-east-1  là …er/workshop-admin
      Các bước  ✔  ✔  ✔  ✔  ✔  ↷  ↷ [✔] ○  g: danh sách
      ────────────────────────────────────────────────────────────────────────────────
      8. Vì sao nó chạy được, và cho ai · kết quả (t: nội dung)

      ✔ Câu 1. partner-developer, ở tài khoản kia, cần gì thì mới pull được từ fcj-wo…
      Truy cập khác tài khoản cần Allow ở cả hai phía; chỉ một phía thì vẫn bị từ
      chối.

      Yêu cầu 1/3: fcj-ecr-ci-cd-user gọi ecr:PutImage → được phép
        được resource-based policy cho phép (cùng tài khoản: vậy là đủ)
        ○ cho phép [danh tính] inline policy ecr-get-authorization-token của fcj-ecr-…
        ● cho phép [tài nguyên] repository policy của fcj-workshop-app#AllowPushPull:…
      ↓ còn tiếp: PgDn hoặc ↓ (dòng …)

      ✔ Đạt: fcj-ecr-ci-cd-user được repository policy cho phép; partner-developer
      (tài khoản khác) bị từ chối.
        Chạy thật: sandbox đã từ chối partner-developer. AWS trả lời: User: arn:aws:i…
      Mọi bước bắt buộc đã xong; phần còn lại không bắt buộc. Enter để sang bước 9:
      Dọn dẹp (không bắt buộc); q để thoát (tiến độ đã được lưu).
      ────────────────────────────────────────────────────────────────────────────────
      Enter tiếp  h gợi ý  s bỏ qua  b lùi  g tới bước  t nội dung  q thoát
      "
    `);
    const end = await t.waitFor((s) => s.includes('Hoàn thành bài học') && scrolled(s));
    expect(mask(end, account)).toMatchInlineSnapshot(`
      "ECR tutor · 5.1 Chính sách truy cập repository                          bước 9/9
      sandbox (AWS cục bộ) · tài khoản ACCOUNT · us-east-1  là …er/workshop-admin
      Các bước  ✔  ✔  ✔  ✔  ✔  ↷  ↷  ✔ [↷] g: danh sách
      ────────────────────────────────────────────────────────────────────────────────
      9. Dọn dẹp (không bắt buộc)

      Bài học đã thay đổi hai thứ trong tài khoản của bạn: policy của
      fcj-workshop-app, và image thử nghiệm bạn đã push ở bước 7,
      fcj-workshop-app:ecr-tutor-check-ID, vẫn nằm trong repository cho đến khi
      bạn dọn dẹp. (Phép kiểm tra bảy action của riêng tutor cũng push một image
      riêng, và đã xóa nó ngay sau đó.)

      • Giữ lại nếu các phần sau của workshop còn dùng đến policy này.

      • Hoặc tự gỡ:
      ↓ còn tiếp: PgDn hoặc ↓ (dòng …)

      ✔ Đạt: Policy của bài học đã được gỡ khỏi fcj-workshop-app.
      Hoàn thành bài học: mọi bước đã xong. Nhấn q để thoát (tiến độ của bạn đã được
      lưu).
      ↷ Đã bỏ qua: tutor đã áp dụng lời giải và bước kiểm tra đạt.
      ────────────────────────────────────────────────────────────────────────────────
      h gợi ý  s bỏ qua  b lùi  g tới bước  y chép lệnh  q thoát
      "
    `);
    t.press('q');
    expect((await t.waitForExit()).exitCode).toBe(0);
  }, 180_000);
});
