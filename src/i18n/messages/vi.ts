/**
 * Tiếng Việt. Terms follow docs/glossary.md; AWS names (ECR, IAM, ecr:PutImage, ARN) stay as AWS
 * writes them. A key missing here is shown in English; test/i18n/catalog.test.ts fails when one
 * is missing, so add the translation together with the English.
 */
import type { MessageKey } from './en.js';

export const vi: Partial<Record<MessageKey, string>> = {
  'lang.unknownFlag': 'ecr-tutor không có ngôn ngữ "{value}" (hiện có: {languages}).',
  'lang.unknownFlagTry': 'dùng --lang en hoặc --lang vi.',
  'lang.unknownEnv':
    'cảnh báo: ECR_TUTOR_LANG="{value}" không phải ngôn ngữ ecr-tutor hỗ trợ ({languages}); ecr-tutor chuyển sang lựa chọn kế tiếp (locale của bạn, nếu không thì tiếng Anh).',

  'help.usage': 'Cách dùng:',
  'help.options': 'Tùy chọn:',
  'help.commands': 'Lệnh:',
  'help.arguments': 'Tham số:',
  'help.globalOptions': 'Tùy chọn chung:',
  'help.default': 'mặc định: {value}',
  'help.choices': 'chọn một trong: {value}',
  'help.helpOption': 'hiện trợ giúp',
  'help.helpCommand': 'hiện trợ giúp của một lệnh',
  'help.langOption': 'ngôn ngữ hiển thị: en hoặc vi (được ghi nhớ cho lần sau)',

  'lessonI18n.whereLesson': 'bài học',
  'lessonI18n.whereStep': 'bước "{step}"',
  'lessonI18n.hint': 'gợi ý {n}',
  'lessonI18n.choice': 'câu hỏi {question}: nhãn của lựa chọn "{value}"',
  'lessonI18n.missing': '{lang}: {where} chưa có bản dịch cho {what}',
  'lessonI18n.paramDropped':
    '{lang}: {where}, {what}: bản dịch thiếu {param}, trong khi bản tiếng Anh có dùng',
  'lessonI18n.paramAdded':
    '{lang}: {where}, {what}: bản dịch dùng {param}, nhưng bản tiếng Anh không có (bị đổi tên?)',
  'lessonI18n.notNfc':
    '{lang}: {where}, {what}: chưa ở dạng Unicode dựng sẵn (NFC); hãy lưu lại ở dạng NFC',
  'lessonI18n.unknownKey':
    '{lang}: khóa "{key}" không hợp lệ trong bản dịch (được phép: {allowed})',
  'lessonI18n.undeclared':
    'bản dịch "{lang}:" này sẽ không bao giờ được hiển thị: bài học chưa có khóa "{lang}:" ở cấp trên cùng (title và summary) để khai báo ngôn ngữ',
  'lessonI18n.notMapping':
    '"{lang}:" phải là một mapping chứa các đoạn đã dịch (xem lessons/README.md, mục "Translations")',
  'lessonI18n.stepMissing':
    '{lang}: bước "{step}" chưa có bản dịch "{lang}:" (title, hints, và input hoặc quiz của bước)',
  'lessonI18n.extraHints':
    '{lang}: bước "{step}" có {tr} gợi ý đã dịch trong khi bản tiếng Anh có {en}',
  'lessonI18n.noSuchInput': '{lang}: bước "{step}" dịch một input mà bước này không có',
  'lessonI18n.questionMissing': '{lang}: bước "{step}" chưa dịch câu hỏi "{question}"',
  'lessonI18n.noSuchChoice':
    '{lang}: bước "{step}", câu hỏi {question}: không có lựa chọn nào mang giá trị "{value}"',
  'lessonI18n.noSuchQuestion':
    '{lang}: bước "{step}" dịch câu hỏi "{question}", nhưng bước này không có câu hỏi đó',
  'lessonI18n.bodyMissing':
    '{lang}: bước "{step}" chưa có nội dung đã dịch: không có file {file} cạnh file tiếng Anh',
  'lessonI18n.bodyParamDropped': '{lang}: bản dịch thiếu {param}, trong khi {english} có dùng',
  'lessonI18n.bodyParamAdded':
    '{lang}: {param} không có trong nội dung tiếng Anh của bước này (bị đổi tên?)',
  'lessonI18n.bodyNotNfc': '{lang}: chưa ở dạng Unicode dựng sẵn (NFC); hãy lưu file ở dạng NFC',

  'error.label': 'lỗi: {message}',
  'error.try': '  thử: {tryMessage}',
  'fs.readOnly': 'hệ thống file chỉ cho đọc',
  'fs.readOnlyTry': 'cấp quyền ghi, hoặc trỏ ECR_TUTOR_HOME tới một thư mục ghi được',
  'fs.diskFull': 'ổ đĩa đã đầy',
  'fs.diskFullTry': 'giải phóng bớt dung lượng rồi chạy lại lệnh',
  'fs.quota': 'đã dùng hết hạn mức (quota) ổ đĩa',
  'fs.denied': 'không có quyền truy cập',
  'fs.deniedTry': 'kiểm tra ai sở hữu thư mục đó, hoặc trỏ ECR_TUTOR_HOME tới một thư mục của bạn',
  'fs.mkdir': 'không tạo được thư mục {path}: thiếu một thư mục cha, hoặc nó chỉ cho đọc',
  'fs.write': 'không ghi được {path}: {why} ({code})',

  'check.couldNot': 'Không thể {doing}: {reason}',
  'check.doing.whoAmI': 'hỏi AWS bạn là ai',
  'check.doing.accountId': 'hỏi AWS account ID của bạn',
  'check.doing.accountIdSts': 'đọc account ID của bạn từ STS',
  'check.doing.lookUpRepository': 'tìm repository {repository}',
  'check.doing.lookUpUser': 'tìm IAM user {user}',
  'check.doing.readPolicy': 'đọc policy của {repository}',
  'check.doing.readState': 'đọc trạng thái của {repository}',
  'check.identity.connected':
    'Đã kết nối tới {target, select, sandbox {sandbox tại {endpoint}} endpoint {endpoint {endpoint}} other {AWS thật}} với danh tính {arn} ở {region}.',
  'check.identity.identity': 'danh tính: {arn}',
  'check.identity.region': 'Region: {region}',
  'check.identity.profile': 'profile: {profile}',
  'check.account.noAnswer': 'Hãy gõ account ID 12 chữ số của bạn trước.',
  'check.account.format': '"{answer}" không phải account ID: account ID có đúng 12 chữ số.',
  'check.account.wrong': '{answer} không phải tài khoản bạn đang đăng nhập.',
  'check.account.wrongDetail':
    'STS cho biết danh tính của bạn thuộc một tài khoản khác (xem trường "Account" của `aws sts get-caller-identity`).',
  'check.account.right': 'Chính xác: bạn đang ở tài khoản {answer}.',
  'check.account.filled': 'Đã điền account ID của bạn, {accountId}.',
  'check.resources.repositoryIn': 'ECR repository ({region})',
  'check.resources.iamUser': 'IAM user',
  'check.resources.missing':
    'Còn thiếu: {count, plural, other {{first}} =2 {{first} và {second}}}.',
  'check.resources.missingDetail':
    'Các phần trước của workshop tạo ra chúng. Trước hết kiểm tra Region (`--region`), rồi tạo cái còn thiếu, hoặc để tutor làm giúp.',
  'check.resources.found': 'Đã tìm thấy repository {repository} và IAM user {user}.',
  'check.resources.createdRepository': 'đã tạo repository {repository}',
  'check.resources.createdUser': 'đã tạo IAM user {user} (chỉ được phép ecr:GetAuthorizationToken)',
  'check.resources.nothingToCreate': 'Không cần tạo gì: cả hai đều đã có.',
  'check.resources.deletedRepository': 'đã xóa repository {repository}',
  'check.notYet': 'Chưa đạt: {problem}',
  'check.policyFile.exists': '{file} đã có sẵn: giữ nguyên.',
  'check.policyFile.wroteStarter': 'đã ghi policy mẫu vào {file}',
  'check.policyFile.wroteSolution': 'đã ghi policy hoàn chỉnh vào {file}',
  'check.policyFile.wroteSolutionKept':
    'đã ghi policy hoàn chỉnh vào {file} (bản của bạn được giữ lại ở {backup})',
  'check.policyFile.placeholder': 'Thay {placeholder} bằng account ID 12 chữ số của bạn.',
  'check.policyFile.finding': 'dòng {line}, cột {column}: {message}',
  'check.policyFile.findingLine': '{severity} dòng {line}: {message}',
  'check.policyFile.notPolicy': 'File này không phải một policy document.',
  'check.policyFile.noFile': 'Chưa có {file}.',
  'check.policyFile.noFileDetail':
    'Tutor viết một file mẫu khi bạn vào bước này; hãy tạo nó ở đó, hoặc lùi lại một bước rồi đi tiếp.',
  'check.policyFile.grants': '{file} cấp cho {user} đúng {count} action push và pull.',
  'check.apply.yourFile': '{file} của bạn',
  'check.apply.lessonPolicy': 'policy của bài học',
  'check.apply.none': '{repository} chưa có repository policy nào.',
  'check.apply.applyYourFile': 'Áp dụng file của bạn: {command}',
  'check.apply.wrong': 'Policy trên {repository} chưa đúng: {problem}',
  'check.apply.right': 'Policy trên {repository} cấp cho {user} đúng quyền push và pull.',
  'check.apply.same': 'Nó có cùng ý nghĩa với {expected}.',
  'check.apply.sameMeaning': 'Nó khác {expected} về hình thức, nhưng cấp đúng những quyền đó:',
  'check.apply.policyOn': 'policy trên {repository}',
  'check.apply.backupKnown': 'policy có từ trước bài học đã được ghi lại',
  'check.apply.hadNone': '{repository} không có policy nào trước bài học',
  'check.apply.backedUp': 'đã giữ policy mà {repository} có trước bài học tại {path}',
  'check.apply.applied': 'đã áp dụng {file} cho {repository}',
  'check.apply.appliedLesson':
    'đã áp dụng policy của bài học cho {repository} (file của bạn chưa sẵn sàng)',
  'check.apply.backupGone':
    'bản sao policy mà {repository} có trước bài học ({path}) không còn nữa, nên không thể đặt lại. Thay vào đó hãy gỡ policy của bài học: {command}',
  'check.apply.restored': 'đã đặt lại policy mà {repository} có trước bài học (từ {path})',
  'check.apply.removed': 'đã gỡ policy của bài học khỏi {repository}',
  'check.apply.andImages': '{summary}; đã xóa {count} image thử nghiệm còn sót',
  'check.cleanup.differs': '{repository} vẫn còn một policy khác với policy nó có trước bài học.',
  'check.cleanup.stillHas':
    '{repository} vẫn còn repository policy (trước bài học nó không có policy nào).',
  'check.cleanup.images': 'Vẫn còn {count} image thử nghiệm có tag {prefix}… trong {repository}.',
  'check.cleanup.restored': '{repository} đã có lại policy ban đầu.',
  'check.cleanup.gone': 'Policy của bài học đã được gỡ khỏi {repository}.',

  'tui.header.target':
    '{target, select, sandbox {sandbox (AWS cục bộ)} aws {AWS} endpoint {endpoint} other {{target}}}',
  'tui.header.targetProfile':
    '{target, select, sandbox {sandbox (AWS cục bộ)} aws {AWS} endpoint {endpoint} other {{target}}} (profile {profile})',
  'tui.header.account': 'tài khoản {account}',
  'tui.header.as': 'là {arn}',
  'tui.header.learner': 'học viên {learner}',
  'tui.header.facilitator': 'người hướng dẫn',
  'tui.header.step': 'bước {n}/{total}',
  'tui.strip.steps': 'Các bước',
  'tui.strip.list': 'g: danh sách',
  'tui.check.passed': 'Đạt',
  'tui.check.notYet': 'Chưa đạt',
  'tui.check.pending': 'Đang chờ AWS áp dụng thay đổi',
  'tui.check.error': 'Không kiểm tra được',
  'tui.check.facilitator': 'Người hướng dẫn: kiểm tra {check}',
  'tui.check.facilitatorSolve': 'Người hướng dẫn: kiểm tra {check} · lời giải {solve}',
  'tui.check.solution': 'Lời giải:',
  'tui.check.confirmSkip': 'Bỏ qua bước này? Tutor sẽ áp dụng lời giải giúp bạn. y/n',
  'tui.check.confirmSkipAws':
    'Bỏ qua bước này? Tutor sẽ áp dụng lời giải giúp bạn (việc này thay đổi tài nguyên AWS của bạn). y/n',
  'tui.check.jump': 'Tới bước nào? ↑↓ rồi Enter (các bước bạn chưa tới đang bị khóa)',
  'tui.check.applyingSolution': 'Đang áp dụng lời giải, rồi kiểm tra',
  'tui.check.checking': 'Đang kiểm tra',
  'tui.check.checkingLower': 'đang kiểm tra',
  'tui.check.try': 'thử:',
  'tui.check.pressEnter': 'Nhấn Enter để sang bước tiếp theo.',
  'tui.check.watchingChecking': 'Đang theo dõi: đang kiểm tra',
  'tui.check.watching': 'Đang theo dõi: kiểm tra lại mỗi khi bạn lưu file và sau vài giây.',
  'tui.check.optionalLeft':
    'Đã xong mọi bước bắt buộc: bước này không bắt buộc (Enter để kiểm tra, s để tutor làm giúp, q để thoát).',
  'tui.check.complete':
    'Hoàn thành bài học: mọi bước đã xong. Nhấn q để thoát (tiến độ của bạn đã được lưu).',
  'tui.check.hint': 'Gợi ý {n}/{total}:',
  'tui.check.idle': 'Chưa kiểm tra.',
  'tui.key.down': 'xuống',
  'tui.key.up': 'lên',
  'tui.quiz.waiting':
    '{n, plural, other {# câu hỏi}} bên dưới phần nội dung: Enter (hoặc {down} ở cuối) để trả lời',
  'tui.quiz.question': 'Câu {n}. {question}',
  'tui.quiz.notQuite': 'Chưa đúng: {explanation}',
  'tui.scroll.where': 'dòng {first}-{last} trên {total}',
  'tui.scroll.more': '{mark} còn tiếp: PgDn hoặc {key} ({where})',
  'tui.scroll.end': '{mark} hết: PgUp hoặc {key} để quay lại ({where})',
  'tui.boot.connecting': 'Đang kết nối tới {what}…',
  'tui.input.example': '(ví dụ: {example})',
  'tui.input.looksRight': 'có vẻ đúng; nhấn Enter để kiểm tra',
  'tui.apply.run': 'Chạy lệnh này (hoặc dùng console), rồi chờ ở đây:',
  'tui.apply.diff': 'Khác biệt giữa policy trên AWS và file của bạn:',
  'tui.explain.request': 'Request {n}/{total}:',
  'tui.explain.calls': '{principal} gọi {action} →',
  'tui.explain.decision':
    '{decision, select, allowed {được phép} implicit_deny {từ chối ngầm định} explicit_deny {Deny tường minh} other {{decision}}}',
  'tui.policyFile.findings': '{count, plural, =0 {không có phát hiện nào} other {# phát hiện}}',
  'tui.policyFile.at':
    'dòng {line}:{column} {severity, select, error {lỗi} warning {cảnh báo} other {{severity}}}',
  'tui.resources.identity': 'danh tính',
  'tui.resources.account': 'tài khoản',
  'tui.resources.region': 'Region',
  'tui.resources.notFound': '(không tìm thấy)',
  'tui.verify.status':
    '{status, select, waiting {đang chờ} running {đang chạy} allowed {được phép} denied {bị từ chối} error {lỗi} not_run {không chạy} other {{status}}}',
  'tui.verify.upload': 'tải layer lên',
};
