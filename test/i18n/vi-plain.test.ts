/**
 * The whole lesson in Vietnamese through --plain, against a real sandbox on port 0, every
 * answer piped in at once (as `ecr-tutor --plain --lang vi < answers.txt` runs it).
 */
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TutorEngine } from '../../src/app/index.js';
import { runPlain } from '../../src/plain/run-plain.js';
import { setLanguage } from '../../src/i18n/index.js';
import { openSandboxLesson, type SandboxLesson } from '../helpers/lesson.js';
import type { TestSandbox } from '../helpers/sandbox.js';

let lesson: SandboxLesson;
let tsb: TestSandbox;
let engine: TutorEngine;

beforeAll(async () => {
  setLanguage('vi');
  lesson = await openSandboxLesson('plain-vi');
  ({ tsb, engine } = lesson);
});

afterAll(async () => {
  await lesson?.cleanup();
  setLanguage('en');
});

describe('--plain in Vietnamese', () => {
  it('walks the whole lesson from piped answers, in Vietnamese', async () => {
    const account = tsb.sandbox.accountId;
    const answers = [
      '',
      account,
      '',
      '1',
      '2',
      '2',
      '2',
      's',
      'y',
      's',
      'y',
      's',
      'y',
      '3',
      's',
      'y',
    ];
    const input = new PassThrough();
    const output = new PassThrough();
    let text = '';
    output.on('data', (d: Buffer) => (text += d.toString()));
    input.end(answers.join('\n') + '\n');
    const code = await runPlain(engine, { input, output, watchIntervalMs: 50 });
    expect(code).toBe(0);
    expect(text).toContain('ECR tutor: 5.1 Chính sách truy cập repository');
    expect(text).toContain(`tài khoản ${account}, Region us-east-1`);
    expect(text).toContain('== Bước 1/9: Kết nối ==');
    expect(text).toMatch(/ĐẠT: Đã kết nối tới sandbox/);
    expect(text).toContain('== Bước 2/9: Tìm account ID của bạn ==');
    expect(text).toContain(`ĐẠT: Chính xác: bạn đang ở tài khoản ${account}.`);
    expect(text).toContain('ĐẠT: Cả 4 câu trả lời đều đúng.');
    expect(text).toMatch(/cho phép +ecr:PutImage/);
    expect(text).toContain('== Bước 9/9: Dọn dẹp (không bắt buộc) ==');
    expect(text).toContain('Hoàn thành bài học: 5.1 Chính sách truy cập repository.');
    const masked = text
      .replaceAll(account, 'ACCOUNT')
      .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT')
      .split('\n')
      .slice(0, 16)
      .join('\n');
    expect(masked).toMatchInlineSnapshot(`
      "ECR tutor: 5.1 Chính sách truy cập repository
      Kiểm tra trên sandbox (AWS cục bộ), tài khoản ACCOUNT, Region us-east-1, với danh tính arn:aws:iam::ACCOUNT:user/workshop-admin

      == Bước 1/9: Kết nối ==

      Mọi thứ trong bài học này đều được kiểm tra trên trạng thái thật: tutor không tin lời bạn nói, nó hỏi thẳng AWS. Vì vậy việc đầu tiên là xác định AWS nào, và bạn là ai ở đó.

      Tutor gọi STS GetCallerIdentity, câu hỏi "tôi là ai?" của AWS. Lệnh gọi này không cần quyền gì cả, chỉ cần credentials mà AWS chấp nhận, nên đây là cách nhanh nhất để phân biệt "không có credentials hoặc credentials đã hết hạn" với "không được phép".

      • Sandbox (mặc định): một AWS cục bộ nhỏ chạy ngay trong tutor. Nó dùng đúng các giao thức mà dịch vụ thật dùng, nên vẫn là những lệnh gọi SDK và những lệnh AWS CLI đó, chạy y hệt. Sandbox bắt đầu ở đúng trạng thái mà workshop đạt tới ở phần 5.1: repository fcj-workshop-app chứa một image, và IAM user fcj-ecr-ci-cd-user chỉ được phép đăng nhập vào ECR.
      • AWS thật (--aws hoặc --profile NAME): tài khoản của chính bạn, với credentials mà AWS CLI của bạn đang dùng. Khi đó bài lab thay đổi thật hai thứ: policy của fcj-workshop-app, và một image thử nghiệm mà CI user push lên đó (bước dọn dẹp sẽ gỡ cả hai).

      Nhấn kiểm tra để xem bạn là ai.

      Các lệnh: Enter = kiểm tra, w = chờ ở đây (kiểm tra lại khi bạn làm), h = gợi ý, s = bỏ qua, b = lùi lại, l = danh sách bước, j N = tới bước N, n = tiếp, q = thoát
      Đang kiểm tra…"
    `);
  });
});
