/**
 * `--help` in Vietnamese, keyed by command path (see ../help.ts): "check" is the description of
 * `ecr-tutor check`, "check --json" one of its options, "check <lesson>" one of its arguments; a
 * key such as "--aws" serves every command with that option. The English text is the one in
 * src/cli.ts. Terms: docs/glossary.md.
 */
export const HELP_VI: Readonly<Record<string, string>> = {
  '(program)':
    'Tutor thực hành về repository policy (chính sách repository) của Amazon ECR, mỗi bước được kiểm tra trên trạng thái thật của AWS (mặc định là sandbox AWS cục bộ có sẵn, hoặc tài khoản của chính bạn với --aws).',
  '--version': 'in ra phiên bản',

  // options shared by several commands
  '--aws': 'dùng AWS thật với credentials mặc định của bạn thay cho sandbox',
  '--profile': 'dùng AWS thật với profile có tên này (ngầm hiểu là --aws)',
  '--region': 'AWS Region (mặc định: lấy từ cấu hình AWS của bạn, nếu không có thì us-east-1)',
  '--endpoint-url':
    'làm việc với endpoint tương thích AWS này (ví dụ: một sandbox chạy bằng `ecr-tutor sandbox start`)',
  '--partner-profile':
    'AWS thật: một profile của người dùng đối tác trong tài khoản thứ hai (bài học pull khác tài khoản)',
  '--learner':
    'một học viên trong tài khoản dùng chung: tên tài nguyên và tiến độ riêng (mặc định: $ECR_TUTOR_LEARNER)',
  '--facilitator':
    'chế độ người hướng dẫn: bỏ qua được mọi bước, xem lời giải và phép kiểm tra chính xác của từng bước',
  '--lessons': 'dùng bộ bài học trong thư mục này',
  '--json': 'in kết quả dạng JSON cho máy đọc',

  start: 'mở tutor tương tác (lệnh mặc định)',
  'start <lesson>': 'id của bài học (mặc định: bài đầu tiên chưa xong)',
  'start --plain': 'hỏi đáp từng dòng thay cho giao diện toàn màn hình',
  'start --trust-pack':
    'chạy bộ bài học không đi kèm tutor mà không hỏi trước (vẫn liệt kê những gì nó sẽ thay đổi)',

  check: 'chạy lại phép kiểm tra của mọi bước trên trạng thái thật, không hỏi gì',
  'check <lesson>': 'id của bài học',

  status: 'xem tiến độ đã lưu của bạn',
  'status --json': 'in tiến độ dạng JSON cho máy đọc',

  reset: 'xóa tiến độ đã lưu (tài nguyên AWS của bạn không bị đụng tới)',
  'reset <lesson>': 'id của bài học (mặc định: mọi bài)',

  report:
    'bằng chứng về tiến độ của một học viên, dựng lại từ trạng thái thật (chạy lại mọi phép kiểm tra)',
  'report <lesson>': 'id của bài học',
  'report --format': 'md, json (cho `ecr-tutor class`) hoặc junit (cho CI)',
  'report --show-account': 'hiện account ID (mặc định được che đi)',
  'report --out': 'ghi báo cáo vào file này thay vì in ra màn hình',

  class: 'tổng quan cả lớp từ các báo cáo JSON của học viên: ai đang ở đâu, ai đang bị kẹt',
  'class <dir>': 'thư mục chứa báo cáo (`ecr-tutor report --format json --out DIR/TEN.json`)',
  'class --format': 'md, csv hoặc json',
  'class --stuck-minutes': 'một bước lỗi lâu chừng này phút thì coi là bị kẹt (mặc định 15)',
  'class --stuck-hints': 'xem chừng này gợi ý ở một bước thì coi là bị kẹt (mặc định 3)',

  cleanup:
    'gỡ những gì bài học đã tạo hoặc thay đổi (chỉ những gì tutor tạo ra); không làm gì nếu thiếu --yes',
  'cleanup <lesson>': 'id của bài học',
  'cleanup --yes': 'gỡ và khôi phục thật (không có nó: chỉ liệt kê)',

  lessons: 'liệt kê, kiểm tra và xác minh bài học',
  'lessons list': 'liệt kê các bài học hiện có',
  'lessons validate':
    'tìm lỗi trong file bài học (schema, file thiếu, phép kiểm tra không tồn tại, bản dịch thiếu)',
  'lessons validate <dir>': 'thư mục bộ bài học (mặc định: các bài học có sẵn)',
  'lessons verify':
    'trên một sandbox dùng một lần, chứng minh phép kiểm tra của mỗi bước thất bại trước lời giải và đạt sau lời giải',
  'lessons verify <dir>': 'thư mục bộ bài học (mặc định: các bài học có sẵn)',

  policy: 'lint và giải thích IAM policy / ECR policy',
  'policy lint': 'tìm lỗi trong một file repository policy',
  'policy lint <file>': "file JSON của policy ('-' để đọc từ đầu vào chuẩn)",
  'policy lint --account': 'tài khoản mà các principal được kỳ vọng thuộc về',
  'policy lint --json': 'in các phát hiện dạng JSON cho máy đọc',
  'policy explain':
    'quyết định một request dựa trên các policy và chỉ rõ lý do, từng statement một',
  'policy explain --policy': 'repository policy (chính sách gắn với tài nguyên)',
  'policy explain --principal': 'ai gửi request',
  'policy explain --action': 'ví dụ: ecr:PutImage',
  'policy explain --identity-policy': 'một identity policy của principal (lặp lại được)',
  'policy explain --resource':
    'ARN của repository (mặc định: fcj-workshop-app ở us-east-1, trong tài khoản của --account)',
  'policy explain --account': 'tài khoản của repository khi không có --resource',
  'policy explain --context':
    'một khóa trong request context, ví dụ aws:SourceIp=203.0.113.7 (lặp lại được)',
  'policy explain --json': 'in quyết định và trace dạng JSON cho máy đọc',

  push: 'push một image lên registry như docker push (cho máy không có docker hay skopeo)',
  'push <first>': 'IMAGE-DIR (một thư mục skopeo dir: hoặc oci:), hoặc REPO:TAG khi có --generate',
  'push <image>': 'push tới đâu: REPO:TAG (hoặc HOST:PORT/REPO:TAG)',
  'push --generate': 'push một image thử nghiệm nhỏ vừa được tạo, thay vì một thư mục',
  pull: 'pull một image và kiểm tra mọi digest, như docker pull',
  'pull <image>': 'REPO:TAG, REPO@sha256:..., hoặc HOST:PORT/REPO:TAG',
  'pull --output': 'ghi thêm image vào thư mục mới này (định dạng skopeo dir:)',
  '--user': 'thực hiện với danh tính IAM user này của sandbox (ví dụ: fcj-ecr-ci-cd-user)',
  '--registry-id': 'registry của một tài khoản khác (cross-account)',

  sandbox: 'AWS cục bộ có sẵn (STS, IAM, ECR) mà tutor dùng theo mặc định',
  'sandbox start': 'chạy sandbox ở foreground cho AWS CLI hoặc SDK của chính bạn',
  'sandbox start --port': 'cổng để lắng nghe (0 = một cổng trống bất kỳ)',
  'sandbox start --host': 'địa chỉ để bind (chỉ loopback, trừ khi bạn nhất quyết)',
  'sandbox start --region': 'Region của sandbox (mặc định: AWS_REGION hoặc us-east-1)',
  'sandbox start --allow-non-loopback':
    'cho phép --host là địa chỉ mà máy khác truy cập được (không có TLS: chỉ dùng trong mạng bạn tin cậy)',
  'sandbox env': 'in các dòng `export` để AWS CLI trỏ vào sandbox',
  'sandbox env --user': 'một IAM user của sandbox (mặc định: admin)',
  'sandbox env --port': 'cổng mà sandbox đang lắng nghe',
  'sandbox reset': 'đưa sandbox về trạng thái ban đầu của workshop',
};
