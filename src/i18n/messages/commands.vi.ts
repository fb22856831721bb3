/**
 * Vietnamese messages of the commands area (see ./commands.en.ts), spread into ./vi.ts. Terms follow
 * docs/glossary.md; test/i18n/catalog.test.ts fails when a key has no Vietnamese text.
 */
import type { commandsEn } from './commands.en.js';

export const commandsVi: Partial<Record<keyof typeof commandsEn, string>> = {
  'status.heading':
    'Tiến độ đã lưu trên {target, select, sandbox {sandbox} aws {AWS} other {{target}}}, tài khoản {account} ({region}):',
  'status.headingLearner':
    'Tiến độ đã lưu của {learner} trên {target, select, sandbox {sandbox} aws {AWS} other {{target}}}, tài khoản {account} ({region}):',
  'status.notChecked':
    '(theo kết quả của lần kiểm tra gần nhất, không kiểm tra lại lúc này: `ecr-tutor check` kiểm tra lại trên trạng thái thật)',
  'status.notStarted': '{title}: chưa bắt đầu',
  'status.lesson':
    '{title}: xong {done}/{total} bước{finished, select, yes { (đã hoàn thành)} other {}}',
  'status.step.stale': '{title} (đã xong, nhưng lần kiểm tra sau đó chưa đạt)',
  'status.step.skipped': '{title} (bỏ qua: tutor làm giúp)',
  'status.step.here': '{line}   <- bạn đang ở đây',

  'report.unknownFormat': 'Không có định dạng báo cáo "{format}".',
  'report.unknownFormatTry': 'Dùng {formats}.',
  'report.wrote': 'Đã ghi báo cáo vào {file}.',
  'report.cleanedUpSummary': 'Đã làm xong, sau đó được gỡ đi ở bước dọn dẹp.',
  'report.md.title': '{title}: báo cáo kết quả',
  'report.md.titleLearner': '{title}: báo cáo kết quả của {learner}',
  'report.md.generated': 'Thời điểm tạo: {at} (mọi bước được kiểm tra lại trên trạng thái thật)',
  'report.md.target': 'Nơi kiểm tra: {kind}, tài khoản {account}, {region}',
  'report.md.targetNoAccount': 'Nơi kiểm tra: {kind}, {region}',
  'report.md.completion':
    'Tiến độ: {passed} đạt, {skipped} bỏ qua, {failed} chưa đạt, {notStarted} chưa bắt đầu ({steps} bước){finished, select, yes {: đã hoàn thành} other {}}',
  'report.md.nowOn': 'Đang ở bước: {step}',
  'report.md.tableHead':
    '| # | Bước | Trạng thái | Thời điểm | Gợi ý | Số lần thử | Kết quả kiểm tra |',
  'report.md.status':
    '{status, select, passed {đạt} skipped {bỏ qua (tutor làm giúp)} failed {CHƯA ĐẠT} other {chưa bắt đầu}}',
  'report.md.claimed':
    '{status} (file tiến độ ghi là {claimed, select, passed {đạt} skipped {bỏ qua} failed {chưa đạt} other {{claimed}}})',
  'report.md.optionalTitle': '{title} (không bắt buộc)',
  'report.md.notPassing': 'Các bước chưa đạt',
  'report.junit.out':
    'phép kiểm tra {check}: {status}; {summary}; số lần thử {attempts}; gợi ý {hints}',
  'report.junit.outWhen':
    'phép kiểm tra {check}: {status}; {summary}; số lần thử {attempts}; gợi ý {hints}; lúc {when}',
  'report.junit.skippedSolved': 'tutor làm giúp (bỏ qua)',
  'report.junit.skippedOptional': 'không bắt buộc, chưa bắt đầu',

  'class.unknownFormat': 'Không có định dạng "{format}" cho bảng theo dõi lớp.',
  'class.unknownFormatTry': 'Dùng {formats}.',
  'class.notFolder': '{dir} không phải là thư mục.',
  'class.notFolderTry':
    'Gom báo cáo của các học viên (`ecr-tutor report --format json --out NAME.json`) vào một thư mục rồi truyền thư mục đó.',
  'class.skippedFile': 'bỏ qua {file}: {why}',
  'class.noReports': 'không có báo cáo nào của học viên trong {dir}.',
  'class.noReportsTry':
    'trên máy của từng học viên, chạy `ecr-tutor report --format json --out {dir}/NAME.json`, rồi gom các file về đó.',
  'class.problem.notObject': 'nó không phải một JSON object',
  'class.problem.notReport': 'nó không phải báo cáo của ecr-tutor ("kind" là {kind})',
  'class.problem.version': 'đây là báo cáo phiên bản {version}, tutor này đọc phiên bản {reads}',
  'class.problem.missing': 'thiếu trường "{field}"',
  'class.problem.badStep': 'có một bước không có id hoặc status',
  'class.problem.noTime': 'trường "generatedAt" không phải là thời điểm',
  'class.problem.notJson': 'không đọc được JSON ({why})',
  'class.problem.older': 'báo cáo cũ hơn của cùng học viên ({newer} mới hơn)',
  'class.stuck.failing': 'chưa đạt "{step}" đã {minutes} phút',
  'class.stuck.attempts': 'thử "{step}" {count} lần',
  'class.stuck.hints': 'đã xem {count} gợi ý ở "{step}"',
  'class.md.title': 'Theo dõi lớp ({count} học viên, từ {dir})',
  'class.md.stuck': '**Đang bị kẹt:** {who}',
  'class.md.stuckOne': '{learner} ({reasons})',
  'class.md.nobodyStuck': 'Không ai bị kẹt.',
  'class.md.learnersHead':
    '| Học viên | Bài học | Đang ở bước | Trạng thái | Đã xong | Bị kẹt | Thời điểm báo cáo |',
  'class.md.finished': 'đã hoàn thành',
  'class.md.status':
    '{status, select, passed {đạt} skipped {bỏ qua} failed {chưa đạt} not_started {chưa bắt đầu} finished {đã hoàn thành} other {{raw}}}',
  'class.md.stuckYes': 'có: {reasons}',
  'class.md.stuckNo': 'không',
  'class.md.perStep': 'Tiến độ theo từng bước',
  'class.md.stepsHead':
    '| Bài học | Bước | Đạt | Bỏ qua | Chưa đạt | Chưa bắt đầu | Hoàn thành | Đang làm |',
  'class.md.skippedFiles': 'Các file đã bỏ qua',

  'lessons.noSuch': 'Không có bài học "{lesson}".',
  'lessons.noSuchTry': 'Chạy `ecr-tutor lessons list` để xem các bài học.',
  'lessons.noSuchTryExample': 'Chạy `ecr-tutor lessons list` để xem các bài học (ví dụ {example}).',
  'lessons.hasProblems': 'Bài học "{lesson}" đang có lỗi.',
  'lessons.hasProblemsTry': 'Chạy `ecr-tutor lessons validate` để xem đó là lỗi gì.',

  'cleanup.noParams':
    'Bài học "{lesson}" không có tham số repository và ciUser, nên tutor không biết bài học đã tạo ra những gì.',
  'cleanup.noParamsTry':
    'Lệnh dọn dẹp chỉ dùng được với bài học có tham số chỉ rõ một repository và một CI user.',
  'cleanup.couldNotRead':
    'Không đọc được những gì bài học để lại{who, select, yes { cho {learner}} other {}}: {summary}',
  'cleanup.keep': 'giữ lại: {what}',
  'cleanup.nothing':
    'Không có gì cần dọn dẹp{who, select, yes { cho {learner}} other {}} trên {kind, select, aws {AWS} other {{kind}}}, tài khoản {account} ({region}): bài học "{lesson}" không để lại thứ gì do tutor tạo ra hay thay đổi.',
  'cleanup.left':
    'Bài học "{lesson}" đã để lại{who, select, yes { cho {learner}} other {}} trên {kind, select, aws {AWS} other {{kind}}}, tài khoản {account} ({region}):',
  'cleanup.dryRun': 'Chưa thay đổi gì. Chạy lại với --yes để làm những việc ở trên.',
  'cleanup.stopped': 'Dọn dẹp dừng giữa chừng: {summary}',
  'cleanup.stoppedTry': '{fix} Sau đó chạy lại `{command}`: lệnh sẽ làm tiếp phần còn lại.',
  'cleanup.done': 'xong: {what}',
  'cleanup.leftover': 'dọn dẹp xong mà những thứ này vẫn còn:',
  'cleanup.leftoverTry': 'chạy lại đúng lệnh đó; nếu chúng vẫn còn, hãy xóa bằng tay.',
  'cleanup.checked':
    'Đã kiểm tra: không còn gì do bài học tạo ra hay thay đổi{who, select, yes { cho {learner}} other {}}.',
  'cleanup.item.deleteRepository':
    'xóa repository {repository} cùng các image và policy của nó (tutor đã tạo nó: có tag ecr-tutor)',
  'cleanup.item.testImages':
    'xóa {count} image thử mà bước verify đã push lên {repository} (tag {prefix}…)',
  'cleanup.item.restorePolicy':
    'khôi phục policy mà {repository} có trước bài học (bản sao lưu {path})',
  'cleanup.item.removeLessonPolicy':
    'gỡ policy của bài học khỏi {repository} (trước bài học nó không có policy nào)',
  'cleanup.item.removePolicy': 'gỡ policy của {repository} đang cho phép {ciUser} push và pull',
  'cleanup.item.removePolicyKeepCopy':
    'gỡ policy của {repository} đang cho phép {ciUser} push và pull (trước đó lưu một bản sao vào thư mục backups)',
  'cleanup.item.accessKey': 'xóa access key {key} của {user}',
  'cleanup.item.inlinePolicy': 'xóa inline policy {policy} của {user}',
  'cleanup.item.managedPolicy': 'gỡ managed policy {policy} khỏi {user}',
  'cleanup.item.user': 'xóa IAM user {user} (tutor đã tạo nó: có tag ecr-tutor)',
  'cleanup.item.tempKey':
    'xóa access key tạm {key} của {user}, do một bước verify bị ngắt giữa chừng tạo ra ({at})',
  'cleanup.kept.repository':
    'repository {repository}: không phải do tutor tạo (không có tag ecr-tutor), nên được giữ nguyên',
  'cleanup.kept.backupGone':
    'bản sao lưu policy mà {repository} có trước bài học ({path}) không còn nữa: không thể khôi phục',
  'cleanup.kept.notLessons':
    'policy của {repository}: nó không cho phép {ciUser} push hay pull, nên không phải policy của bài học',
  'cleanup.kept.user':
    'IAM user {user}: không phải do tutor tạo (không có tag ecr-tutor), nên user này và các key của nó được giữ nguyên',
  'cleanup.kept.tempKeyRunning':
    'access key tạm {key} của {user}: bước verify đã tạo ra nó (process {pid}) vẫn đang chạy',

  'reset.done':
    'Đã xóa tiến độ của {which, select, one {bài học {lesson}} other {mọi bài học}}{who, select, yes { của {learner}} other {}} trên {kind, select, aws {AWS} other {{kind}}}, tài khoản {account} ({region}).',
  'reset.untouched':
    'Tài nguyên AWS của bạn không bị động tới (muốn hoàn tác những gì bài học đã thay đổi, hãy làm bước dọn dẹp của bài trước).',

  'sandbox.started':
    'tài khoản {account} (tài khoản thứ hai {second}), Region {region}, dữ liệu lưu ở {dir}',
  'sandbox.pointCli': 'để AWS CLI gọi tới sandbox, chạy ở một terminal khác: {command}',
  'sandbox.stopKey': 'nhấn Ctrl-C để dừng',
  'sandbox.envNotRunning':
    'chưa có sandbox nào chạy trên {dir}; khởi động bằng `{command}`, rồi chạy lại lệnh này để AWS_ENDPOINT_URL trỏ đúng vào nó (các key vẫn giữ nguyên)',
  'sandbox.envUser': 'user của sandbox: {arn}',
  'sandbox.resetRunning': 'đang có một sandbox chạy trên dữ liệu này (process {pid}, {endpoint})',
  'sandbox.resetRunningTry':
    'dừng nó trước (Ctrl-C ở terminal của nó, hoặc kill {pid}), rồi chạy lại `ecr-tutor sandbox reset`',
  'sandbox.reset':
    'sandbox đã về lại trạng thái đầu workshop: tài khoản mới {account}, access key mới',
  'sandbox.resetAgain': 'chạy lại {command} ở những shell còn dùng key cũ',

  'lessons.skipped': 'bỏ qua {dir}: bài học này có lỗi (`{command}` chỉ ra từng lỗi)',
  'lessons.none': 'Không có bài học nào trong {dir}.',
  'lessons.noneTry': '`{command}` để xem sai ở đâu.',
  'lessons.listItem': '{id}  {title} ({steps} bước)',
  'lessons.noFolders': 'Không có thư mục bài học nào (có lesson.yaml) trong {dir}.',
  'lessons.noFoldersTry': 'Trỏ tới một bộ bài học (lesson pack) hoặc một thư mục bài học.',
  'lessons.duplicateId': 'id bài học "{id}" đã được dùng ở {other}',
  'lessons.ok': 'ok  {name} ({steps} bước)',
  'lessons.problems': 'Tìm thấy {count} lỗi.',
  'lessons.verifyInvalid': 'Các bài học trong {dir} có lỗi: chạy `{command}` trước.',
  'lessons.verifying': '{id}: đang kiểm chứng trên một sandbox dùng một lần ({endpoint})',
  'lessons.verifyOk': 'ok   {step}',
  'lessons.verifyFail': 'LỖI  {step}',
  'lessons.verified': '{id}: mọi bước đều kiểm chứng xong',
  'lessons.verifyFailed': '{id}: kiểm chứng KHÔNG ĐẠT',

  'push.notImageRef': '{ref} không phải là tên image dạng REPO:TAG',
  'push.notImageRefTry': 'ví dụ fcj-workshop-app:ci-test (tên repository viết thường)',
  'push.userNotSandbox':
    '--user là tên một user của sandbox; trên AWS, dùng --profile để chọn credentials khác',
  'push.folderOrGenerate':
    'push cần đúng một trong hai: một thư mục image hoặc --generate (không phải cả hai, cũng không phải không có gì)',
  'push.folderOrGenerateTry': '{folder}   hoặc   {generate}',
  'push.needsTag': 'push cần một tag, không phải một digest',
  'push.needsTagTry': 'ví dụ {example}',
  'push.pushing': 'đang push lên {image}',
  'push.pushed': 'đã push {image} digest {digest}',
  'push.noToken': 'GetAuthorizationToken không trả về token nào',
  'push.noTokenTry': 'thử lại sau ít giây',
  'push.deniedTry':
    'các policy không cho phép action này với credentials đang dùng; câu ở trên cho biết policy nào',
  'push.unauthorizedTry':
    'đăng nhập lại: mật khẩu lấy từ aws ecr get-login-password chỉ có hiệu lực 12 giờ',
  'push.unreachable': '{what}: không kết nối được tới registry {registry} ({why})',
  'push.unreachableTry':
    'sandbox (hoặc mạng của bạn) có đang chạy không? `ecr-tutor sandbox start` khởi động một sandbox',
  'push.what.checking': 'kiểm tra {digest}',
  'push.what.starting': 'bắt đầu upload {digest}',
  'push.what.uploading': 'upload {digest}',
  'push.what.completing': 'hoàn tất {digest}',
  'push.what.manifest': 'ghi manifest {image}',
  'push.alreadyIn': '{digest}… đã có sẵn trong {repository}',
  'push.uploaded': '{digest}… đã upload ({bytes} byte)',
  'push.noLocation': 'registry không trả về địa chỉ để upload',
  'pull.pulled':
    'đã pull {image} digest {digest} ({blobs} blob, {bytes} byte, mọi digest đều đã được kiểm tra)',
  'pull.pulledTo':
    'đã pull {image} digest {digest} ({blobs} blob, {bytes} byte, mọi digest đều đã được kiểm tra), đã ghi vào {dir}',
  'pull.what.manifest': 'đọc manifest {image}',
  'pull.what.downloading': 'tải {digest}',
  'pull.wrongDigest': 'manifest nhận về có digest {digest}, không phải {expected}',
  'pull.index': '{image} là một image index (nhiều nền tảng)',
  'pull.indexTry': 'pull một manifest của nó theo digest: {digests}',
  'pull.blobDigest': 'blob {digest} nhận về có digest {got}: dữ liệu không nguyên vẹn',
  'image.notJson': '{where} không phải JSON',
  'image.notJsonTry': 'trỏ tới một thư mục image do skopeo hoặc docker ghi ra',
  'image.index': '{where} là một image index (nhiều nền tảng)',
  'image.indexTry': 'chép riêng một nền tảng trước: {command}',
  'image.notManifest': '{where} không phải image manifest (không có config và layers)',
  'image.badDigest': '{where} nhắc tới một blob mà digest không phải sha256',
  'image.missingBlob': 'thư mục image thiếu blob {digest} ({file})',
  'image.noManifest': '{file} không chỉ tới image manifest nào',
  'image.notFolder': '{dir} không phải là thư mục image',
  'image.notFolderTry':
    'đưa vào một thư mục do `skopeo copy ... dir:FOLDER` hoặc `... oci:FOLDER` ghi ra, hoặc dùng --generate',
  'image.exists': '{dir} đã tồn tại',
  'image.existsTry': 'đặt tên một thư mục mới bằng --output, hoặc xóa thư mục đó',

  'lessonArg.lessonsIn': 'Các bài học trong {dir}:',
  'lessonArg.noUsable': '{dir} không có bài học nào dùng được (`{command}` cho biết vì sao).',
  'lessonArg.unknownCommand': 'không có lệnh "{word}": có phải ý bạn là {command}?',
  'lessonArg.unknownCommandTry': '{command} (xem mọi lệnh bằng `ecr-tutor --help`)',
  'lessonArg.noLesson': 'không có bài học "{word}".',
  'lessonArg.noLessonDidYouMean': 'không có bài học "{word}": có phải ý bạn là {lesson}?',
  'lessonArg.neither': '"{word}" không phải một lệnh, cũng không phải một bài học.',
  'lessonArg.commands': 'Các lệnh: {commands}.',
  'lessonArg.neitherTry':
    '`ecr-tutor --help` liệt kê các lệnh; chỉ gõ `ecr-tutor` sẽ mở bài học đầu tiên',

  'pack.action.createResources':
    'tạo ECR repository {repository} và IAM user {ciUser} (cái nào còn thiếu), gắn tag của tutor',
  'pack.action.applyPolicy': 'đặt repository policy cho {repository} (từ {file})',
  'pack.action.restorePolicy': 'khôi phục policy mà {repository} có trước bài học',
  'pack.action.backupPolicy':
    'đọc policy của {repository} và lưu một bản sao trong thư mục dữ liệu của tutor',
  'pack.action.deleteRepository': 'XÓA repository {repository}',
  'pack.action.writeStarter': 'ghi file {file} (chỉ khi file chưa có)',
  'pack.action.writeSolution': 'ghi file {file} (bản cũ nếu khác sẽ được giữ lại bên cạnh)',
  'pack.action.answer': 'điền câu trả lời giúp bạn ({action})',
  'pack.action.other': 'chạy action {action}',
  'pack.planLine':
    '{step}, {when, select, setup {khi vào bước này} other {khi bạn bỏ qua bước}}: {action}',
  'pack.from': 'Bài học "{lesson}" đến từ {pack}, không phải bài có sẵn của tutor.',
  'pack.mayDo': 'Trước khi nó thay đổi bất cứ thứ gì, đây là những việc nó có thể làm:',
  'pack.nothing': 'Bài học này không tạo, không sửa, không xóa gì.',
  'pack.noTerminal':
    'bộ bài học này không có sẵn trong tutor và không có terminal để hỏi bạn có cho chạy không; chưa có gì bị thay đổi.',
  'pack.noTerminalTry': 'đọc danh sách ở trên, rồi chạy lại với --trust-pack nếu bạn đồng ý.',
  'pack.ask': 'Chạy bài học này? [y/N]',
  'pack.refused': 'bạn không đồng ý chạy bộ bài học này; chưa có gì bị thay đổi.',
  'pack.refusedTry':
    'chạy các bài học có sẵn bằng `ecr-tutor`, hoặc hỏi tác giả bộ bài học xem các action ở trên để làm gì.',

  'learner.empty': 'tên đang để trống',
  'learner.characters':
    'tên chỉ được có chữ thường, chữ số và một dấu ".", "_" hoặc "-" đứng giữa (tên ECR repository luôn viết thường)',
  'learner.repositoryTooLong': 'tên repository {name} dài quá {max} ký tự',
  'learner.repositoryInvalid': '{name} không phải tên ECR repository hợp lệ',
  'learner.userTooLong': 'tên IAM user {name} dài quá {max} ký tự',
  'learner.userInvalid': '{name} không phải tên IAM user hợp lệ',
  'learner.cannotUse': 'Không dùng được tên học viên "{name}": {problem}.',
  'learner.cannotUseTry': 'Dùng tên kiểu --learner ana hoặc --learner team-3.',
  'learner.shorterTry': 'Dùng tên học viên ngắn hơn.',

  'sandbox.log.listening': 'sandbox đang lắng nghe ở {endpoint} (dữ liệu lưu ở {dir})',
  'sandbox.log.reset': 'sandbox đã về lại trạng thái đầu workshop',
  'sandbox.log.stopped': 'sandbox đã dừng',
  'sandbox.log.noSecondRegistry':
    'registry của tài khoản thứ hai không lắng nghe được ở {address} ({why}); pull khác tài khoản (cross-account) bằng docker hoặc skopeo cần nó (macOS: {command})',
  'sandbox.log.notLoopback':
    'đang lắng nghe ở {host}, không phải loopback: bất kỳ ai tới được địa chỉ này đều gọi được sandbox qua HTTP không mã hóa',
  'sandbox.log.refuseHost':
    'không lắng nghe ở {host}: sandbox không có TLS và các key của nó chỉ để dùng trên máy này',
  'sandbox.log.refuseHostTry':
    'dùng 127.0.0.1 (mặc định), hoặc thêm --allow-non-loopback nếu bạn thật sự muốn vậy',
  'sandbox.log.portInUse': 'cổng {port} trên {host} đang bị dùng',
  'sandbox.log.portInUseTry': 'chọn cổng khác bằng --port N (0 = cổng trống bất kỳ)',

  'lessons.verify.note':
    '{when, select, setup {verify setup} before {kiểm tra trước solve} noSolve {kiểm tra (không có solve)} other {kiểm tra sau solve}}: {status} ({summary})',
  'lessons.verify.passesBefore':
    'phép kiểm tra đã đạt ngay cả trước solve: nó không phân biệt được học viên có làm gì hay không',
  'lessons.verify.mustFailBefore':
    'phép kiểm tra phải chưa đạt (fail, không phải error) trước solve',
  'lessons.verify.solveFails':
    'solve không làm phép kiểm tra của bước đạt: học viên bỏ qua bước sẽ bị kẹt (xem lại tham số của solve và của phép kiểm tra)',
  'lessons.verify.noSolveFails': 'bước không có solve phải tự đạt ở thời điểm này',
};
