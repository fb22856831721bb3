/**
 * Vietnamese messages of the policy area (see ./policy.en.ts), spread into ./vi.ts. Terms follow
 * docs/glossary.md; test/i18n/catalog.test.ts fails when a key has no Vietnamese text.
 * JSON element names (Statement, Principal, Action, Effect, Sid, Version, Condition), action
 * names and AWS's own messages stay as AWS writes them.
 */
import type { policyEn } from './policy.en.js';

export const policyVi: Partial<Record<keyof typeof policyEn, string>> = {
  'policy.parse.duplicateKey':
    'Khóa "{key}" xuất hiện hai lần trong cùng một object (lần đầu ở dòng {first}); AWS sẽ âm thầm chỉ giữ lại một.',
  'policy.parse.duplicateKeyFix': 'Xóa bớt một "{key}", hoặc gộp hai giá trị lại làm một.',
  'policy.parse.empty': 'Policy đang trống: không có JSON nào để đọc.',
  'policy.parse.emptyFix': 'Dán toàn bộ policy vào, bắt đầu bằng {open} và kết thúc bằng {close}.',
  'policy.parse.trailingComma':
    'Thừa dấu phẩy ở dòng {line}: JSON không cho phép dấu phẩy ngay trước dấu đóng {ch}.',
  'policy.parse.trailingCommaFix': 'Xóa dấu phẩy cuối cùng đó đi.',
  'policy.parse.missingComma':
    'Thiếu dấu phẩy sau dòng {line}, cột {column}: hai giá trị đứng liền nhau mà không có dấu phẩy.',
  'policy.parse.missingCommaFix': 'Thêm dấu phẩy giữa hai phần tử đó.',
  'policy.parse.unclosedString':
    'Chuỗi bắt đầu ở dòng {line}, cột {column} không bao giờ được đóng: thiếu dấu " đóng.',
  'policy.parse.unclosedStringFix': 'Thêm dấu nháy kép còn thiếu vào cuối chuỗi đó.',
  'policy.parse.unclosed':
    'Dấu {opener, select, brace {ngoặc nhọn} other {ngoặc vuông}} {ch} mở ở dòng {line}, cột {column} không bao giờ được đóng.',
  'policy.parse.unclosedFix':
    'Thêm dấu {close} tương ứng vào cuối {opener, select, brace {object} other {danh sách}} đó.',
  'policy.parse.endsEarly': 'Policy kết thúc quá sớm: cuối file đang thiếu gì đó.',
  'policy.parse.endsEarlyFix': 'Kiểm tra xem mọi dấu {open} [ và " đều đã được đóng chưa.',
  'policy.parse.curlyQuote':
    'Dấu nháy cong {quote} ở dòng {line}, cột {column}: JSON cần dấu nháy kép thẳng (").',
  'policy.parse.curlyQuoteFix':
    'Thay mọi dấu \u201c \u201d \u2018 \u2019 bằng dấu " thẳng (dán policy ở dạng văn bản thuần).',
  'policy.parse.afterString':
    'Gặp {word} không mong đợi ở dòng {line}, cột {column}, ngay sau chuỗi "{str}": nhiều khả năng thiếu một dấu " đóng trong hoặc sau chuỗi đó.',
  'policy.parse.afterStringFix':
    'Kiểm tra dấu nháy quanh "{str}": mỗi chuỗi cần có dấu " đóng của riêng nó.',
  'policy.parse.bareWord':
    'Chữ {word} ở dòng {line}, cột {column} chưa nằm trong dấu nháy: chuỗi JSON phải đặt trong nháy kép (chỉ true, false và null được viết trần).',
  'policy.parse.bareWordFix': 'Viết "{word}" trong dấu nháy kép.',
  'policy.parse.extraCloser':
    'Thừa một dấu {ch} ở dòng {line}, cột {column}: mọi thứ trước nó đã được đóng hết.',
  'policy.parse.extraCloserFix': 'Xóa dấu {ch} đó đi.',
  'policy.parse.wrongCloser':
    'Gặp dấu {ch} ở dòng {line}, cột {column}, nhưng {opener, select, bracket {danh sách} other {object}} {open} mở ở dòng {openLine}, cột {openColumn} vẫn chưa được đóng.',
  'policy.parse.wrongCloserFix': 'Thêm dấu {close} trước dấu {ch} này.',
  'policy.parse.stringBroken':
    'Chuỗi bắt đầu ở dòng {line}, cột {column} chưa được đóng trên dòng đó: thiếu dấu " đóng.',
  'policy.parse.singleQuote':
    'Dấu nháy đơn ở dòng {line}, cột {column}: chuỗi JSON phải dùng nháy kép.',
  'policy.parse.singleQuoteFix': 'Thay \' bằng ".',
  'policy.parse.unquoted':
    'Chữ ở dòng {line}, cột {column} chưa nằm trong dấu nháy: khóa và chuỗi JSON phải đặt trong nháy kép.',
  'policy.parse.unquotedFix': 'Đặt từ đó trong dấu nháy kép, ví dụ "Effect".',
  'policy.parse.invalid': 'JSON không hợp lệ ở dòng {line}, cột {column}: {raw}.',
  'policy.parse.invalidFix':
    'So chỗ đó với policy mẫu của workshop: xem có thiếu dấu phẩy, dấu nháy hay dấu ngoặc không.',

  'policy.lint.show.list': 'một danh sách',
  'policy.lint.show.object': 'một object',
  'policy.lint.tooLong':
    'Policy dài {length, number} ký tự; repository policy chỉ được tối đa {max, number} ký tự. Các phép kiểm tra khác sẽ chạy khi policy đủ ngắn.',
  'policy.lint.tooLongFix':
    'Gộp các statement có chung principal, dùng ít action wildcard hơn, hoặc bỏ bớt khoảng trắng.',
  'policy.lint.placeholder':
    '"{value}" là placeholder trong bài workshop, không phải giá trị thật.',
  'policy.lint.placeholderFixAccount': 'Thay {value} bằng account ID của bạn: {account}.',
  'policy.lint.placeholderFixAccountUnknown':
    'Thay {value} bằng account ID AWS 12 chữ số của bạn (lệnh aws sts get-caller-identity sẽ cho bạn biết).',
  'policy.lint.placeholderFix': 'Thay {value} bằng giá trị thật.',
  'policy.lint.notAnObject': 'Policy phải là một JSON object {example}.',
  'policy.lint.missingVersion':
    'Policy không có Version; khi đó AWS coi như "2008-10-17", phiên bản mà policy variable không hoạt động.',
  'policy.lint.missingVersionFix': 'Thêm "Version": "2012-10-17" làm dòng đầu tiên.',
  'policy.lint.invalidVersion':
    'Version chỉ có thể là "2012-10-17" hoặc "2008-10-17", hai phiên bản duy nhất của ngôn ngữ policy; bạn đang ghi {found}.',
  'policy.lint.invalidVersionFix': 'Dùng "Version": "2012-10-17".',
  'policy.lint.idType': 'Id phải là một chuỗi.',
  'policy.lint.missingStatement': 'Policy không có Statement, nên nó không cấp quyền gì cả.',
  'policy.lint.missingStatementFix': 'Thêm "Statement": {example}.',
  'policy.lint.emptyStatement': 'Statement là danh sách rỗng, nên policy không cấp quyền gì cả.',
  'policy.lint.invalidStatement':
    'Mỗi statement phải là một object {example}; bạn đang ghi {found}.',
  'policy.lint.variableInOldVersion':
    'Ở đây {name} chỉ là chữ thường: policy variable chỉ hoạt động với "Version": "2012-10-17", mà policy này {noVersion, select, yes {không có Version (AWS coi như "2008-10-17")} other {ghi "2008-10-17"}}.',
  'policy.lint.variableInOldVersionFix': 'Đặt "Version": "2012-10-17" nếu bạn muốn dùng biến đó.',
  'policy.lint.sidWithSpaces':
    'Sid {found} có khoảng trắng: tài liệu IAM chỉ cho phép chữ cái và chữ số, dù ECR vẫn chấp nhận khoảng trắng (chính ví dụ của ECR dùng "ECR Repository Policy").',
  'policy.lint.sidWithSpacesFix': 'Dùng "{sid}" cho an toàn ở mọi nơi.',
  'policy.lint.invalidSid': 'Sid chỉ được chứa chữ cái và chữ số; bạn đang ghi {found}.',
  'policy.lint.useSid': 'Dùng "{sid}".',
  'policy.lint.duplicateSid':
    'Sid "{sid}" đã được statement ở dòng {line} dùng rồi; mỗi Sid phải là duy nhất.',
  'policy.lint.duplicateSidFix': 'Đổi tên nó, ví dụ "{sid}2".',
  'policy.lint.missingEffect': 'Statement không có Effect.',
  'policy.lint.missingEffectFix': 'Thêm "Effect": "Allow" (hoặc "Deny").',
  'policy.lint.invalidEffect':
    'Effect phải đúng là "Allow" hoặc "Deny" (viết hoa chữ cái đầu); bạn đang ghi {found}.',
  'policy.lint.useValue': 'Dùng "{value}".',
  'policy.lint.missingPrincipal':
    'Statement không có Principal: repository policy phải nói rõ nó áp dụng cho ai.',
  'policy.lint.missingPrincipalFix': 'Thêm "Principal": {example}.',
  'policy.lint.principalInIdentityPolicy':
    'Identity policy không được có {name}: nó áp dụng cho chính danh tính mà nó được gắn vào.',
  'policy.lint.removeElement': 'Xóa {name}.',
  'policy.lint.missingAction': 'Statement không có Action, nên nó không áp dụng cho gì cả.',
  'policy.lint.missingActionFix': 'Thêm "Action": [ ... ].',
  'policy.lint.resourceInRepositoryPolicy':
    '{name} trong repository policy: policy vốn đã áp dụng cho repository của nó, và ECR từng từ chối phần tử này ("Invalid repository policy provided").',
  'policy.lint.resourceInRepositoryPolicyFix': 'Xóa dòng {name}.',
  'policy.lint.missingResource': 'Statement của identity policy cần có Resource.',
  'policy.lint.missingResourceFix': 'Thêm "Resource": "*" hoặc ARN của repository.',
  'policy.lint.conflictingElements': 'Một statement không thể có cả {a} lẫn {b}.',
  'policy.lint.conflictingElementsFix': 'Chỉ giữ lại {a}.',
  'policy.lint.unknownKey':
    'Khóa "{key}" không hợp lệ {where, select, top {ở cấp trên cùng của policy} other {trong một statement}}; AWS sẽ từ chối policy có khóa này.',
  'policy.lint.didYouMeanQuoted': 'Có phải ý bạn là "{near}"?',
  'policy.lint.allowedHere': 'Ở đây chỉ được dùng: {known}.',
  'policy.lint.emptyList': '{what} là danh sách rỗng.',
  'policy.lint.notStrings': '{what} phải là một chuỗi hoặc danh sách chuỗi; bạn đang ghi {found}.',
  'policy.lint.publicPrincipal':
    'Principal "*" mà không có Condition nghĩa là bất kỳ ai, ở bất kỳ tài khoản AWS nào, cũng dùng được repository này.',
  'policy.lint.publicPrincipalFix':
    'Hãy ghi rõ IAM user hoặc role, ví dụ {example}, hoặc thêm một Condition như aws:PrincipalAccount.',
  'policy.lint.invalidPrincipal':
    'Principal phải là "*" hoặc một object như {example}; bạn đang ghi {found}.',
  'policy.lint.invalidPrincipalFix': 'Viết {example}.',
  'policy.lint.invalidPrincipalType': 'Loại principal "{type}" không tồn tại.',
  'policy.lint.awsInCapitals': 'Viết "AWS" bằng chữ hoa.',
  'policy.lint.useAwsType': 'Dùng "AWS" cho IAM user, role và tài khoản.',
  'policy.lint.notPrincipalWithAllow':
    'AWS không hỗ trợ NotPrincipal đi với "Effect": "Allow": nó sẽ cho phép tất cả mọi người trừ các principal được liệt kê, kể cả người gọi ẩn danh.',
  'policy.lint.notPrincipalWithAllowFix':
    'Thay vào đó, dùng "Principal" với các user hoặc role cần cho phép.',
  'policy.lint.notPrincipalAccountMissing':
    'NotPrincipal miễn trừ {value} nhưng không miễn trừ tài khoản của nó, arn:aws:iam::{account}:root. AWS có thể kiểm tra tài khoản trước rồi từ chối cả tài khoản, kể cả principal này.',
  'policy.lint.notPrincipalAccountMissingFix':
    'Thêm "arn:aws:iam::{account}:root" vào NotPrincipal, hoặc tốt hơn: dùng "Principal": "*" với Condition {condition}.',
  'policy.lint.notPrincipal':
    'AWS khuyên dùng điều kiện aws:PrincipalArn thay cho NotPrincipal: liệt kê ARN của một tài khoản ở đây không miễn trừ các user khác của tài khoản đó (mọi principal không được nêu tên đều bị từ chối).',
  'policy.lint.notPrincipalFix': 'Viết "Principal": "*" và đặt {condition} trong Condition.',
  'policy.lint.principalWhitespace':
    '{value} có khoảng trắng ở đầu hoặc cuối, nên nó không chỉ tới ai cả.',
  'policy.lint.actionWhitespace':
    '{value} có khoảng trắng ở đầu hoặc cuối, nên nó không phải tên một action.',
  'policy.lint.writeValue': 'Viết {value}.',
  'policy.lint.invalidAccountId':
    '"{value}" không phải account ID AWS: account ID có đúng 12 chữ số.',
  'policy.lint.copyAccountId': 'Chép account ID 12 chữ số từ lệnh aws sts get-caller-identity.',
  'policy.lint.principalWildcard':
    '"{value}": ARN của principal không được chứa wildcard; AWS chỉ chấp nhận "*" đứng một mình.',
  'policy.lint.principalWildcardFix':
    'Ghi chính xác từng user hoặc role, hoặc dùng tài khoản kèm Condition trên aws:PrincipalArn (ArnLike).',
  'policy.lint.accountIdInArn': 'Account ID "{account}" trong {value} không đủ 12 chữ số.',
  'policy.lint.invalidPrincipalArn': '"{value}" không phải ARN của một principal.',
  'policy.lint.invalidPrincipalArnFix':
    'Dùng arn:aws:iam::ACCOUNT_ID:user/NAME, arn:aws:iam::ACCOUNT_ID:role/NAME hoặc một account ID 12 chữ số.',
  'policy.lint.principalAccountMismatch':
    'Principal này thuộc tài khoản {account}, nhưng tài khoản của bạn là {expected}.',
  'policy.lint.principalAccountMismatchFix': 'Nếu đây là principal của bạn, hãy viết {value}.',
  'policy.lint.invalidAction':
    '"{value}" không phải một action: action có dạng service:Name, ví dụ ecr:PutImage.',
  'policy.lint.noMatchingAction': '"{value}" không khớp với action nào của {service}.',
  'policy.lint.unknownAction':
    '"{value}" không phải action của {service} (AWS sẽ từ chối policy có action này).',
  'policy.lint.didYouMean': 'Có phải ý bạn là {guess}?',
  'policy.lint.seeReference':
    'Xem danh sách action của {service} trong AWS Service Authorization Reference.',
  'policy.lint.nonEcrAction':
    '"{value}" không phải action của ECR; repository policy chỉ cấp được các action ecr: trên repository của nó.',
  'policy.lint.nonEcrActionFix': 'Hãy cấp {value} trong một IAM policy của user hoặc role.',
  'policy.lint.authTokenInRepositoryPolicy':
    'Repository policy không cấp được ecr:GetAuthorizationToken (AWS từ chối: "Invalid repository policy provided"). Quyền này áp dụng cho cả tài khoản, nên phải đến từ một IAM policy.',
  'policy.lint.authTokenInRepositoryPolicyFix':
    'Xóa nó ở đây, rồi gắn cho user một IAM policy cho phép ecr:GetAuthorizationToken trên "*" (docker login cần quyền này).',
  'policy.lint.step':
    '{action, select, BatchCheckLayerAvailability {lệnh gọi đầu tiên, kiểm tra layer nào đã có sẵn} InitiateLayerUpload {lúc bắt đầu upload từng layer} UploadLayerPart {lúc upload dữ liệu của layer} CompleteLayerUpload {lúc hoàn tất upload từng layer} PutImage {bước cuối, ghi manifest và tag của image} BatchGetImage {lệnh gọi đầu tiên, đọc manifest của image} GetDownloadUrlForLayer {lúc tải từng layer} other {{action}}}',
  'policy.lint.incompletePush':
    'Quyền push chưa đủ: docker push sẽ thất bại ở {first} ({step}).{more, select, yes { Ngoài ra còn thiếu: {rest}.} other {}}{alsoRead, select, yes { Trang hướng dẫn push của AWS còn liệt kê ecr:BatchGetImage trong các quyền cần cho push.} other {}}',
  'policy.lint.addActions': 'Thêm {actions}.',
  'policy.lint.pushWithoutBatchGetImage':
    'Đã có đủ năm action của push. Trang hướng dẫn push của AWS còn liệt kê ecr:BatchGetImage trong các quyền cần cho push.',
  'policy.lint.incompletePull': 'Quyền pull chưa đủ: docker pull sẽ thất bại ở {first} ({step}).',
  'policy.lint.conditionNotObject': 'Condition phải là một object; bạn đang ghi {found}.',
  'policy.lint.unknownOperator': '"{op}" không phải toán tử điều kiện (condition operator).',
  'policy.lint.unknownOperatorFix':
    'Dùng một trong các toán tử StringEquals, StringLike, ArnLike, Bool, IpAddress, NumericLessThan, DateGreaterThan, Null, ...',
  'policy.lint.operatorNotObject':
    'Toán tử điều kiện {op} phải ánh xạ condition key sang giá trị; bạn đang ghi {found}.',
  'policy.lint.conditionValue':
    'Giá trị điều kiện của {key} phải là chuỗi, số hoặc boolean; bạn đang ghi {found}.',
  'policy.lint.notText': 'Policy không phải là văn bản.',
  'policy.lint.internalError': 'Bộ lint gặp lỗi với đầu vào này ({why}); đây là lỗi của ecr-tutor.',
  'policy.lint.internalErrorFix': 'Hãy báo lỗi kèm nội dung policy.',

  'policy.cli.severity':
    '{severity, select, error {lỗi} warning {cảnh báo} info {thông tin} other {{severity}}}',
  'policy.cli.finding': '{file}:{line}:{column}: {severity} [{code}] {message}',
  'policy.cli.fix': 'sửa: {suggestion}',
  'policy.cli.noProblems': '{file}: không phát hiện vấn đề nào',
  'policy.cli.summary':
    '{file}: {errors} lỗi, {warnings} cảnh báo{accepted, select, yes { (AWS sẽ chấp nhận policy này)} other {}}',
  'policy.cli.accountFlag': '--account phải là account ID AWS 12 chữ số; bạn đưa "{value}".',
  'policy.cli.accountFlagExplain':
    '--account phải là account ID AWS 12 chữ số (tài khoản sở hữu repository); bạn đưa "{value}".',
  'policy.cli.lintPathTry':
    'kiểm tra lại đường dẫn, ví dụ ecr-tutor policy lint ./repository-policy.json',
  'policy.cli.policyPathTry': 'kiểm tra lại đường dẫn tới file policy',
  'policy.cli.cannotRead': 'không đọc được {file}: {why}',
  'policy.cli.noSuchFile': 'file không tồn tại',
  'policy.cli.isFolder': 'đó là thư mục, không phải file',
  'policy.cli.permissionDenied': 'không có quyền đọc',

  'policy.eval.entry':
    '{verdict, select, allows {cho phép: {why}} denies {từ chối: {why}} other {không áp dụng: {why}}}',
  'policy.eval.notInAction': 'action {action} không nằm trong Action {list}',
  'policy.eval.excludedByNotAction': 'action {action} bị NotAction {list} loại trừ',
  'policy.eval.notInResource': 'resource {resource} không nằm trong Resource {list}',
  'policy.eval.excludedByNotResource': 'resource {resource} bị NotResource {list} loại trừ',
  'policy.eval.noResourceElement':
    'statement không có phần tử Resource (identity policy bắt buộc phải có)',
  'policy.eval.notNamed':
    '{who, select, anonymous {người gọi ẩn danh} other {{arn}}} không được nêu tên trong Principal {list}',
  'policy.eval.excludedByNotPrincipal':
    '{who, select, anonymous {người gọi ẩn danh} other {{arn}}} bị NotPrincipal {list} loại trừ',
  'policy.eval.notPrincipalWithAllow':
    'không hỗ trợ NotPrincipal đi với "Effect": "Allow" (AWS chỉ hỗ trợ NotPrincipal với Deny)',
  'policy.eval.noPrincipal': 'statement không có Principal (resource policy bắt buộc phải có)',
  'policy.eval.matches':
    'khớp {action} trên {resource}{via, select, account { (qua tài khoản {account}: nêu tên một tài khoản nghĩa là giao quyền quyết định cho IAM policy của tài khoản đó, nên IAM policy cũng phải cho phép)} other {}}{note}{conditions}',
  'policy.eval.andConditions': ', {conditions}',
  'policy.eval.notPrincipalSelfOnly':
    ' (NotPrincipal có liệt kê người gọi nhưng không liệt kê tài khoản của nó, arn:aws:iam::{account}:root, mà AWS kiểm tra tài khoản trước: người gọi không được miễn trừ)',
  'policy.eval.notPrincipalAccountOnly':
    ' (NotPrincipal có liệt kê tài khoản {account}, nhưng điều đó chỉ miễn trừ các principal cũng được nêu tên, không miễn trừ các {others, select, roles {role} other {user}} khác của tài khoản)',
  'policy.eval.unsupportedConditions': 'không hỗ trợ {what}: statement được coi như không khớp',
  'policy.eval.absentKey':
    'yêu cầu không có {key}, và {rule, select, null {Null chỉ kiểm tra key có mặt hay không: {held}} forAll {ForAllValues trên key vắng mặt luôn đúng (không có giá trị nào làm nó sai)} forAny {ForAnyValue trên key vắng mặt luôn sai} ifExists {{op} trên key vắng mặt luôn đúng} negated {{op} trên key vắng mặt luôn đúng (không có gì để bằng nó)} other {{op} trên key vắng mặt luôn sai}}',
  'policy.eval.conditionNotMetAbsent': 'điều kiện {op} {key} không thỏa: {note}',
  'policy.eval.conditionNotMet':
    'điều kiện {op} {key} không thỏa (yêu cầu có {has}; policy cần {want})',
  'policy.eval.conditionsMet': 'các điều kiện đều thỏa',
  'policy.eval.conditionsMetNotes': 'các điều kiện đều thỏa ({notes})',
  'policy.eval.basis':
    '{basis, select, no_permission_needed {sts:GetCallerIdentity không cần quyền nào (nó chạy được cả khi có Deny tường minh)} identity_deny {một statement Deny trong identity-based policy khớp với yêu cầu, và Deny tường minh (explicit deny) luôn thắng} resource_deny {một statement Deny trong repository policy (resource-based policy) khớp với yêu cầu, và Deny tường minh (explicit deny) luôn thắng} anonymous_public {được phép nhờ một resource-based policy cho phép tất cả mọi người (*)} anonymous_denied {người gọi ẩn danh chỉ được vào khi có resource-based policy cho phép tất cả mọi người (*), mà không có policy nào như vậy} root {root user mặc định được phép trong chính tài khoản của mình} both {được cả identity-based policy lẫn resource-based policy cho phép} identity {được identity-based policy cho phép (cùng tài khoản: chỉ cần vậy là đủ)} resource {được resource-based policy cho phép (cùng tài khoản: chỉ cần vậy là đủ)} same_none {không có identity-based policy nào cho phép {action}, và cũng không có resource-based policy nào cho phép principal này bằng cách nêu đích danh (cùng tài khoản: chỉ cần một trong hai là đủ) — đây là từ chối ngầm định (implicit deny)} cross_no_resource {khác tài khoản (cross-account): repository policy phải cho phép principal này hoặc tài khoản của nó, nhưng ở đây không có — đây là từ chối ngầm định (implicit deny)} cross_no_identity {khác tài khoản (cross-account): repository policy đã cho tài khoản vào, nhưng identity-based policy của principal cũng phải cho phép {action}, mà không có policy nào cho phép — đây là từ chối ngầm định (implicit deny)} cross_both {được cả resource-based policy lẫn identity-based policy cho phép (khác tài khoản thì cần cả hai)} other {{basis}}}',

  'policy.cli.badContext':
    '--context "{item}" không có dạng KEY=VALUE với một condition key như aws:SourceIp.',
  'policy.cli.badAction': '--action "{action}" không phải tên một action.',
  'policy.cli.unknownActionNote':
    'lưu ý: {action} không phải action đã biết{hasGuess, select, yes { (có phải ý bạn là {guess}?)} other {}}; ecr-tutor vẫn đánh giá đúng như bạn viết.',
  'policy.cli.accountScopedNote':
    'lưu ý: {action} là action cấp tài khoản (resource "*"): repository policy không áp dụng cho nó, chỉ identity policy mới áp dụng.',
  'policy.cli.repositoryPolicyName': 'repository policy ({file})',
  'policy.cli.identityPolicyName': 'identity policy ({file})',
  'policy.cli.decision':
    'Kết quả: {decision, select, allowed {ĐƯỢC PHÉP} implicit_deny {BỊ TỪ CHỐI (từ chối ngầm định: không có gì cho phép)} explicit_deny {BỊ TỪ CHỐI (Deny tường minh: có statement Deny khớp)} other {{decision}}}',
  'policy.cli.awsWouldSay': 'AWS sẽ trả lời (nguyên văn): {message}',
  'policy.cli.why': 'Vì sao: {why}',
  'policy.cli.whyDenied': 'Nghĩa là: {why}',
  'policy.cli.request': 'Yêu cầu',
  'policy.cli.principal':
    'principal: {arn} ({type}, tài khoản {hasAccount, select, yes {{account}} other {không có}})',
  'policy.cli.action': 'action:    {action}',
  'policy.cli.resource':
    'resource:  {resource}{assumed, select, no {} accountScoped { (mặc định: action cấp tài khoản)} flag { (mặc định: fcj-workshop-app trong tài khoản --account {account}, us-east-1; dùng --resource để đổi)} other { (mặc định: fcj-workshop-app trong tài khoản của principal, {account}, us-east-1; dùng --resource để đổi)}}',
  'policy.cli.context':
    'context:   {values}{hasDefaults, select, yes { ({defaults}: luôn có trên ECR API vì API này chỉ chạy HTTPS; đổi bằng --context)} other {}}',
  'policy.cli.sameAccount':
    'cùng tài khoản: chỉ cần MỘT Allow, từ identity policy HOẶC từ repository policy nêu đích danh user, role hay session, là đủ; repository policy chỉ nêu tên tài khoản thì giao quyền quyết định cho IAM, nên identity policy cũng phải cho phép.',
  'policy.cli.crossAccount':
    'khác tài khoản ({from} -> {to}): repository policy VÀ identity policy đều phải cho phép.',
  'policy.cli.denyWins': 'Deny tường minh (explicit deny) ở bất kỳ policy nào cũng luôn thắng.',
  'policy.cli.statements': 'Các statement',
  'policy.cli.noStatements': '(không có statement nào được đánh giá)',
  // same width for the three marks, so that the statements line up
  'policy.cli.mark': '{mark, select, allow {CHO PHÉP} deny {TỪ CHỐI } other {   -    }}',
  'policy.cli.principalType':
    '{type, select, user {IAM user} role {IAM role} assumed_role {phiên của một role (assumed-role)} root {root user} anonymous {ẩn danh} other {{type}}}',
  'policy.cli.statement':
    '{policy}, statement #{n}{hasSid, select, yes { "{sid}"} other {}} ({effect}): {why}',
  'policy.cli.absentHeading':
    'Condition key không có trong yêu cầu (đưa vào bằng --context KEY=VALUE):',
  'policy.cli.absentKey':
    '{key}: khi thiếu key này, {op} {held, select, yes {đúng} other {sai}}, nên {policy}, statement #{n}{hasSid, select, yes { "{sid}"} other {}} ({effect}) {held, select, yes {có thể áp dụng} other {không áp dụng}}',
  'policy.cli.unsupportedHeading':
    'Bộ đánh giá này chưa hỗ trợ (các statement dùng chúng được coi như không khớp):',

  'policy.eval.basisShort':
    '{basis, select, no_permission_needed {sts:GetCallerIdentity không cần quyền nào (chạy được cả khi có Deny tường minh)} identity_deny {bị chặn bởi Deny tường minh (explicit deny) trong một identity-based policy} resource_deny {bị chặn bởi Deny tường minh (explicit deny) trong một resource-based policy} anonymous_public {được phép nhờ một resource-based policy cho phép tất cả mọi người (*)} anonymous_denied {không có resource-based policy nào cho phép action {action}} root {root user mặc định được phép trong chính tài khoản của mình} both {được cả identity-based policy lẫn resource-based policy cho phép} identity {được identity-based policy cho phép (cùng tài khoản: vậy là đủ)} resource {được resource-based policy cho phép (cùng tài khoản: vậy là đủ)} same_none {không có identity-based policy nào cho phép action {action}} cross_no_resource {không có resource-based policy nào cho phép action {action}} cross_no_identity {không có identity-based policy nào cho phép action {action}} cross_both {được cả resource-based policy lẫn identity-based policy cho phép (khác tài khoản thì cần cả hai)} other {{basis}}}',

  'policy.explain.effect': '{effect, select, Allow {cho phép} Deny {từ chối} other {{effect}}}',
  'policy.explain.entry':
    '{type, select, identity {[danh tính]} resource {[tài nguyên]} other {[{type}]}} {policy}{sid}: {why}',

  'checks.explain.repositoryPolicyOf': 'repository policy của {repository}',
  'checks.explain.withoutPutImage': 'repository policy của {repository} khi bỏ ecr:PutImage',
  'checks.explain.experiment': 'thử nghiệm, policy khi bỏ ecr:PutImage: {why}',
  'checks.explain.case':
    '{principal} {action}: {decision, select, allowed {được phép} implicit_deny {từ chối ngầm định} explicit_deny {Deny tường minh} other {{decision}}} ({reason})',
  'checks.explain.iamUnread':
    '(tutor không đọc được IAM policy của {ciUser}, nên trace chỉ có repository policy)',
  'checks.explain.liveAllowed':
    'Chạy thật: {partnerUser} đã gọi được BatchGetImage trên {repository}.',
  'checks.explain.liveDenied':
    'Chạy thật: sandbox đã từ chối {partnerUser}. AWS trả lời: {message}',
  'checks.explain.liveUntried': 'Chạy thật: chưa thử được lệnh pull của đối tác ({why}).',
  'checks.explain.ciDenied':
    'Với các policy đang áp dụng, {ciUser} không được phép ecr:PutImage: {reason}.',
  'checks.explain.applyAgain': 'Áp dụng lại policy (bước 6) trước khi giải thích nó.',
  'checks.explain.partnerAllowed':
    '{partnerUser} ở tài khoản {partnerAccount} pull được: repository policy đang cho vào nhiều hơn chỉ CI user.',
  'checks.explain.passed':
    '{ciUser} được repository policy cho phép; {partnerUser} (tài khoản khác) bị từ chối.',

  'checks.awsSaid': 'AWS trả lời (nguyên văn): {message}',
  'checks.verify.howProfile': 'profile {profile}',
  'checks.verify.howSandbox': 'key sandbox của {ciUser}',
  'checks.verify.howTempKey': 'một access key tạm thời của {ciUser} (đã xóa lại sau đó)',
  'checks.verify.layersThere': 'mọi layer đã có sẵn trong repository',
  'checks.verify.noManifest': 'BatchGetImage không trả về manifest nào ({why})',
  'checks.verify.noReason': 'không có lý do',
  'checks.verify.layerDownload': 'tải layer {digest} thất bại: HTTP {status}',
  'checks.verify.layerDigest': 'layer {digest} tải về lại có digest {got}',
  'checks.verify.cannotActAs': 'Không thể hành động dưới danh tính {ciUser}: {summary}',
  'checks.verify.cannotActAsFix':
    '{fix} Hoặc cho bài học một profile chứa key của {ciUser} (ciProfile).',
  'checks.verify.identityAlready':
    'Chính IAM policy của {ciUser} đã cho phép push và pull. Trong cùng tài khoản chỉ cần một Allow là đủ, nên kết quả này không chứng minh được repository policy hoạt động: ở đây không phải nó cấp quyền.',
  'checks.verify.keyPropagating':
    'AWS chưa nhận access key tạm thời mới của {ciUser} ở mọi nơi (IAM cần vài giây)',
  'checks.verify.stopped': 'Lần thử push/pull dưới danh tính {ciUser} bị dừng: {summary}',
  'checks.verify.policyPropagating':
    'Policy trên {repository} cho phép {action}, nhưng AWS vẫn từ chối: thay đổi chưa tới hết mọi máy chủ',
  'checks.verify.denied': '{ciUser} bị từ chối {action}.',
  'checks.verify.deniedFix':
    'Kiểm tra lại policy trên repository (bước 6): nó phải nêu tên CI user và liệt kê action này.',
  'checks.verify.notSameImage': 'Image pull về không phải image đã push lên.',
  'checks.verify.digests': 'đã push {pushed}, pull về {pulled}',
  'checks.verify.passed':
    '{ciUser} đã push và pull {repository}:{tag} (digest {digest}…), sau đó image thử nghiệm đã được xóa.',
  'checks.verify.actingAs': 'hành động dưới danh tính: {how}',

  'policy.diff.expectedDefault': 'policy mong đợi',
  'policy.diff.actualDefault': 'policy đang áp dụng',
  'policy.diff.principal':
    '{kind, select, everyone {tất cả mọi người (*)} except {mọi người trừ {label}} other {{label}}}',
  'policy.diff.everyActionExcept': 'mọi action trừ {list}',
  'policy.diff.what':
    '{actions}{on, select, none {} except { trên mọi resource trừ {resource}} other { trên {resource}}}{hasCondition, select, yes { với điều kiện {condition}} other {}}',
  'policy.diff.version':
    '{act} có Version {actual} nhưng {exp} có {expected} (policy variable như {variable} chỉ hoạt động với 2012-10-17)',
  'policy.diff.lacks':
    '{act} {effect, select, Deny {thiếu Deny cho} other {thiếu}} {what}{hasWho, select, yes { cho {who}} other {}}{absent, select, yes { (nó hoàn toàn không nêu tên {who})} other {}}',
  'policy.diff.extra':
    '{act} {effect, select, Deny {còn từ chối thêm} other {còn cho phép thêm}} {what}{hasWho, select, yes { cho {who}} other {}}{unknown, select, yes {, một principal mà {exp} không nêu tên} other {}} ({exp} thì không)',

  'awsError.target':
    '{place, select, tutor_sandbox {sandbox} learner_sandbox {{hasEndpoint, select, yes {sandbox của bạn tại {endpoint}} other {sandbox của bạn}}} endpoint {{hasEndpoint, select, yes {endpoint {endpoint}} other {endpoint}}} other {AWS}}',
  'awsError.noCredentialsProfileFix':
    'Kiểm tra xem profile "{profile}" có trong ~/.aws/credentials hoặc ~/.aws/config không (chạy `{configure}`), hoặc dùng `{sso}` nếu là SSO.{aws, select, yes { Lệnh {cli} cũng cho thấy điều tương tự.} other {}}',
  'awsError.useSandboxKeys':
    'Dùng key riêng của sandbox: `eval "$(ecr-tutor sandbox env)"`, hoặc chạy tutor mà không có --profile.',
  'awsError.noCredentialsEndpointFix':
    'Đưa đúng key mà {where} cần: AWS_ACCESS_KEY_ID và AWS_SECRET_ACCESS_KEY trong biến môi trường, hoặc --profile NAME.',
  'awsError.noCredentialsFix':
    'Chạy `aws configure` (hoặc `aws sso login`), hoặc truyền --profile NAME; hoặc bỏ --aws để thực hành trên sandbox có sẵn.',
  'awsError.refreshSso':
    'Đăng nhập lại: `{command}` (với SSO; nếu không thì lấy key tạm thời mới cho profile), rồi kiểm tra lại.',
  'awsError.refreshProcess':
    'credential_process của profile đã cấp key hết hạn: chạy lại nó (hoặc đăng nhập lại công cụ đứng sau nó), rồi kiểm tra lại.',
  'awsError.refreshKeys':
    'Đưa key tạm thời mới (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN) vào shell này, hoặc đăng nhập bằng `aws sso login` rồi truyền --profile, sau đó kiểm tra lại.',
  'awsError.profileHint': ' (profile "{profile}")',
  'awsError.networkTutorSandbox':
    'Sandbox của chính tutor đã ngừng trả lời: thoát ra rồi mở lại tutor (trạng thái vẫn được giữ).',
  'awsError.networkLearnerSandbox':
    'Sandbox của bạn còn chạy không? Khởi động lại bằng `ecr-tutor sandbox start`, hoặc chạy tutor không có --endpoint-url để dùng sandbox của tutor.',
  'awsError.networkEndpoint':
    'Dịch vụ phía sau {endpoint} có đang chạy không, địa chỉ và cổng có đúng không?{loopback, select, yes { Nếu đó là sandbox bạn tự chạy, hãy khởi động lại bằng `ecr-tutor sandbox start`.} other {}}',
  'awsError.networkAws':
    'Kiểm tra kết nối internet (và proxy hay VPN nếu có), rồi thử lại; {health} cho biết chính AWS có đang gặp sự cố không.',
  'awsError.networkSummary': 'Không kết nối được tới {where} ({code}).',
  'awsError.expiredBeforeSend':
    'Credentials AWS của bạn{profileHint} đã hết hạn{hasWhen, select, yes { lúc {when}} other {}}, nên tutor không gửi yêu cầu đi.',
  'awsError.ssoSummary':
    'Phiên đăng nhập AWS SSO{hasProfile, select, yes { của profile "{profile}"} other {}} đã hết hạn hoặc chưa từng đăng nhập.',
  'awsError.ssoFix': 'Chạy `{command}`, rồi thử lại.',
  'awsError.credentialProcessWhy':
    'credential_process của{hasProfile, select, yes { profile "{profile}"} other { profile của bạn}}: {why}.',
  'awsError.credentialProcessFailed':
    'credential_process của{hasProfile, select, yes { profile "{profile}"} other { profile của bạn}} bị lỗi: {message}',
  'awsError.credentialProcessFix':
    'Tự chạy lệnh credential_process của profile (xem ~/.aws/config) để xem nó in ra gì; nó phải in JSON có Version 1, AccessKeyId, SecretAccessKey và, với key tạm thời, SessionToken cùng một Expiration trong tương lai. Lệnh {cli} cũng cho thấy điều tương tự.',
  'awsError.noProfile':
    'Không có AWS profile{hasProfile, select, yes { "{profile}"} other {}} trong ~/.aws/credentials hay ~/.aws/config.',
  'awsError.profileEmpty':
    'AWS profile{hasProfile, select, yes { "{profile}"} other {}} không có trong ~/.aws/credentials hay ~/.aws/config, hoặc không chứa credentials nào.',
  'awsError.noCredentials': 'Không tìm thấy credentials AWS nào{profileHint}.',
  'awsError.sessionExpired': '{where} báo phiên làm việc của bạn đã hết hạn{profileHint}.',
  'awsError.useSandboxKeysAgain':
    'Dùng lại key riêng của sandbox: `eval "$(ecr-tutor sandbox env)"`.',
  'awsError.withCli': '{fix} Lệnh {cli} cũng cho thấy điều tương tự.',
  'awsError.wrongRegion': '{where} không nhận yêu cầu được ký cho Region {region}.',
  'awsError.wrongRegionSandboxFix':
    'Dùng Region của sandbox: --region {region} (`ecr-tutor sandbox env` in ra nó).',
  'awsError.wrongRegionFix':
    'Truyền đúng Region bạn muốn bằng --region{hasProfile, select, yes { (hoặc đặt nó trong profile "{profile}": `{command}`)} other {}}.',
  'awsError.badSignature':
    '{where} từ chối chữ ký của yêu cầu: secret access key không khớp với access key ID.',
  'awsError.unknownKey': '{where} không nhận ra access key ID{profileHint}.',
  'awsError.badCredentialsSandboxFix':
    'Dùng key riêng của sandbox: `eval "$(ecr-tutor sandbox env)"` (key của sandbox đổi sau `ecr-tutor sandbox reset`).',
  'awsError.badCredentialsEndpointFix':
    'Dùng key mà {where} biết (đây không phải AWS: nó có user và key riêng).',
  'awsError.badCredentialsAwsFix':
    'Key có thể đã bị xóa, bị vô hiệu hóa hoặc gõ sai: tạo access key mới (IAM console, user của bạn, Security credentials: {console}) hoặc sửa ~/.aws/credentials. Lệnh {cli} cũng cho thấy điều tương tự.',
  'awsError.deniedSandboxFix':
    'Danh tính bạn đang dùng thiếu {hasAction, select, yes {{action}} other {quyền này}}. Trong sandbox, hãy dùng danh tính admin (`eval "$(ecr-tutor sandbox env)"`); CI user chỉ dành cho bước kiểm tra push/pull.',
  'awsError.deniedEndpointFix':
    '{where} từ chối {hasAction, select, yes {{action}} other {quyền này}}{hasArn, select, yes { với {arn}} other {}}. Hãy cấp quyền ở đó; đây không phải AWS, nên luật phân quyền có thể khác AWS.',
  'awsError.deniedAwsFix':
    'Quyền còn thiếu là {hasAction, select, yes {{action}} other {quyền này}}{hasArn, select, yes { cho {arn}} other {}}. Nhờ quản trị viên cấp quyền (docs/real-aws.md có policy tối thiểu cho bài học này), hoặc thêm nó ở trang của danh tính đó: {console}.{hasSimulate, select, yes { Để xem lại đúng quyết định này: `{simulate}`.} other {}}',
  'awsError.accessDenied': 'Bị từ chối truy cập (access denied). AWS trả lời: {message}',
  'awsError.noRegion': 'Chưa đặt AWS Region.',
  'awsError.noRegionProfileFix':
    'Truyền --region (ví dụ --region us-east-1), đặt AWS_REGION, hoặc thêm `region = us-east-1` vào profile "{profile}" (`{command}`).',
  'awsError.noRegionFix': 'Truyền --region (ví dụ --region us-east-1) hoặc đặt AWS_REGION.',
  'awsError.notAwsFormat':
    '{where} trả về nội dung không theo định dạng của AWS (HTTP {status}, {contentType}).',
  'awsError.notAwsFormatAwsFix':
    'Có thứ gì đó giữa bạn và AWS (proxy, trang đăng nhập Wi-Fi, trang của firewall) đã trả lời thay AWS: kiểm tra mạng rồi thử lại.',
  'awsError.notAwsFormatEndpointFix':
    'Đó không phải AWS và có thể không hỗ trợ thao tác này (moto chẳng hạn không có upload layer của ECR), nên tutor không kiểm tra được ở đó. Hãy chạy bước này trên sandbox có sẵn hoặc trên AWS.',
  'awsError.sandboxBug':
    'Đây là lỗi của sandbox: chạy với ECR_TUTOR_DEBUG=1 và báo lại thông báo lỗi.',
  'awsError.notFoundAwsFix':
    'Kiểm tra tên và Region{hasRegion, select, yes { ({region})} other {}}: `{command}` liệt kê những gì đang có, trang {console} cũng vậy.',
  'awsError.notFoundFix': 'Kiểm tra tên và Region.',
  'awsError.throttled':
    '{where} đang giới hạn tốc độ gửi yêu cầu ({code}), kể cả sau khi SDK đã thử lại.',
  'awsError.throttledAwsFix':
    'Đợi vài giây rồi kiểm tra lại (các công cụ khác dùng chung tài khoản cũng có thể đang bận).',
  'awsError.throttledFix': 'Đợi vài giây rồi kiểm tra lại.',
  'awsError.serverTutorSandboxFix':
    'Kiểm tra lại; nếu vẫn bị, đây là lỗi của sandbox: chạy với ECR_TUTOR_DEBUG=1 và báo lại thông báo lỗi.',
  'awsError.serverLearnerSandboxFix':
    'Kiểm tra lại; nếu vẫn bị, xem terminal đang chạy `ecr-tutor sandbox start`: nó ghi lại từng lỗi.',
  'awsError.serverEndpointFix':
    'Kiểm tra lại; nếu vẫn bị, xem log của dịch vụ phía sau {endpoint} (có thể nó không hỗ trợ thao tác này).',
  'awsError.serverAwsFix': 'Lỗi ở phía AWS và thường tự hết: kiểm tra lại sau một phút ({health}).',
  'awsError.serverError':
    '{where} gặp lỗi nội bộ (HTTP {status}{hasCode, select, yes {, {code}} other {}}), kể cả sau khi SDK đã thử lại.',
  'awsError.tutorProblem': 'Tutor gặp sự cố: {message}',
  'awsError.tryAgainDebug':
    'Thử lại; nếu vẫn bị, chạy với ECR_TUTOR_DEBUG=1 và báo lại thông báo lỗi.',
  'awsError.otherError': '{where} trả về lỗi: {hasCode, select, yes {{code}: } other {}}{message}',
  'awsError.otherAwsFix':
    'Thử lại; nếu vẫn bị, chạy cùng lệnh đó bằng AWS CLI (trước tiên là {cli}) để biết lỗi do tutor hay do tài khoản.',

  'checks.push.profilePlaceholder': '<một profile chứa access key của {ciUser}>',
  'checks.push.ready': 'đã sẵn sàng cho lần push {repository}:{tag} của bạn bằng {tool}',
  'checks.push.wroteImage': 'đã ghi image thử nghiệm {file}',
  'checks.push.notImageManifest': 'manifest này không phải manifest của một image',
  'checks.push.configDigest': 'config tải về lại có digest {got}',
  'checks.push.layerDiff': 'layer {n} giải nén ra {diff}, không khớp {want} trong config',
  'checks.push.lookFor': 'tìm {repository}:{tag}',
  'checks.push.waiting':
    'Đang chờ {repository}:{tag}: chạy các lệnh ở trên dưới danh tính {ciUser}.',
  'checks.push.waitingHow':
    'Tutor kiểm tra repository vài giây một lần và đi tiếp ngay khi có tag {tag}.',
  'checks.push.waitingDenied':
    'Nếu lệnh push trong terminal bị từ chối, nghĩa là repository policy (bước 6) chưa cho phép: thông báo lỗi có ghi tên action.',
  'checks.push.pullBackFailed':
    '{repository}:{tag} đã tới, nhưng pull về lại dưới danh tính {ciUser} thất bại: {summary}',
  'checks.push.notIntact':
    '{repository}:{tag} đã tới nhưng pull về không còn nguyên vẹn: {problem}.',
  'checks.push.arrived':
    'Lần push {repository}:{tag} đã tới và pull về nguyên vẹn dưới danh tính {ciUser} (manifest {digest}…, {blobs} blob, mọi digest đều đã kiểm tra).',

  'checks.probe.noImage': '{repository} không có image nào mang tag "{tag}" ({why}).',
  'checks.probe.pullAllowed':
    'BatchGetImage và GetDownloadUrlForLayer cho {count} layer của {repository}:{tag} đều được phép.',
  'checks.probe.registryPull':
    'pull kiểu docker qua registry {registry}: manifest và {count} layer của {repository}:{tag}.',
  'checks.probe.pushAllowed':
    'InitiateLayerUpload được phép (upload {uploadId} được bỏ đó, không dùng).',
  'checks.probe.allowed':
    'Chạy thật: {you, select, yes {bạn} other {{who}}} {what, select, push {bắt đầu push} pull {pull} other {pull qua registry}} được: {detail}',
  'checks.probe.deniedClause':
    'Chạy thật: {you, select, yes {bạn} other {{who}}} bị từ chối, AWS ghi: "{clause}". AWS trả lời (nguyên văn): {message}',
  'checks.probe.denied':
    'Chạy thật: {you, select, yes {bạn} other {{who}}} bị từ chối. AWS trả lời (nguyên văn): {message}',
  'checks.probe.untried':
    'Chạy thật: chưa thử được việc {what, select, push {bắt đầu push} pull {pull} other {pull qua registry}} của {you, select, yes {bạn} other {{who}}} ({why}).',
  'checks.probe.howSandbox': 'key sandbox của {user}',
  'checks.probe.needsPartner':
    'Bài học này cần một tài khoản AWS thứ hai đóng vai đối tác. Trên AWS thật, hãy chạy với --partner-profile NAME (một profile của tài khoản đối tác). Nếu không có, hãy thực hành trên sandbox, vốn có sẵn tài khoản đối tác: chạy `ecr-tutor start cross-account-pull` mà không có --aws/--profile.',

  'checks.addedStatement': 'đã thêm statement "{sid}" vào policy của {repository}',
  'checks.deny.noPolicy': '{repository} không có repository policy.',
  'checks.deny.notParsed': 'Policy trên {repository} không đọc được: {message}',
  'checks.deny.notPrincipal':
    'Policy đang dùng NotPrincipal. AWS khuyên dùng Deny với "Principal": "*" kèm điều kiện aws:PrincipalArn thay thế.',
  'checks.deny.notPrincipalWhy':
    'Với NotPrincipal, AWS có thể kiểm tra tài khoản trước: chỉ miễn trừ CI user thì có thể chính CI user cũng bị từ chối, còn liệt kê tài khoản thì không miễn trừ các user khác của nó.',
  'checks.deny.allowAllName': 'một identity policy cho phép mọi thứ',
  'checks.deny.mineAllowed':
    'Lệnh push của chính bạn chưa bị Deny tường minh: {actions} ({count} action) chưa nằm trong Deny nào áp dụng cho bạn.',
  'checks.deny.ciDenied': '{ciUser} sẽ bị từ chối {actions} ({reason}).',
  'checks.deny.ciDeniedFix':
    'Deny phải chừa CI user ra (qua aws:PrincipalArn của nó), và Allow cho CI user phải được giữ lại.',
  'checks.deny.lockout':
    'Policy còn từ chối cả ecr:SetRepositoryPolicy của bạn: bạn sẽ không sửa lại được policy nữa.',
  'checks.deny.passed':
    'Push bị Deny tường minh với mọi người trừ {ciUser}, và {ciUser} vẫn push, pull được.',

  'checks.deny.liveNotDenied':
    'Lệnh push của chính bạn chưa bị từ chối bằng Deny tường minh: Deny chưa có trên repository.',
  'checks.deny.noCiKeys':
    '(ở đây tutor không có key của {ciUser}: hãy cho bài học ciProfile để thử cả lệnh push của nó)',
  'checks.deny.ciRefused': 'Lệnh push của {ciUser} cũng bị từ chối: Deny phải chừa nó ra.',
  'checks.deny.livePassed':
    'Lệnh push của bạn bị từ chối, AWS ghi "with an explicit deny in a resource-based policy" (Deny tường minh trong resource-based policy){ci, select, yes {; lệnh push của {ciUser} thì được phép} other {}}.',

  'checks.and': ' và ',
  'checks.nothingToRemove': 'không có gì để xóa',
  'checks.deny.stillHas': 'Policy của {repository} vẫn còn {sids}.',
  'checks.deny.gone': 'Deny của bài học đã được gỡ khỏi {repository}: push lại chạy như trước.',
  'checks.deny.removed': 'đã xóa {sids} khỏi policy của {repository}',

  'checks.lockout.yourIdentityPolicy': 'identity policy của bạn',
  'checks.lockout.trial':
    'Policy thử nghiệm thêm "{sid}": Deny ecr:* với mọi người trừ {ciUser}. Với policy đó, bạn sẽ bị từ chối ecr:SetRepositoryPolicy ({reason}).',
  'checks.lockout.applied':
    'Sandbox đã áp dụng policy tự khóa mà không cần force: cơ chế bảo vệ của nó không hoạt động.',
  'checks.lockout.appliedFix': 'Reset sandbox (ecr-tutor sandbox reset) và báo đây là lỗi.',
  'checks.lockout.doing': 'thử policy tự khóa',
  'checks.lockout.refused':
    'Chạy thật, không có force, sandbox đã từ chối. AWS trả lời (nguyên văn): {message}',
  'checks.lockout.changed': '(trong lúc đó policy trên repository đã thay đổi)',
  'checks.lockout.notOnAws':
    'Trên AWS thật tutor không thử việc này: AWS không công bố cách phát hiện tự khóa, và nếu AWS bỏ sót trường hợp này thì bạn sẽ không sửa lại được policy nữa.',

  'checks.ciReady.notYet':
    '{ciUser} chưa được {all, select, yes {push hay pull} other {chạy {actions}}}: bài học này bắt đầu từ chỗ bài 5.1 kết thúc.',
  'checks.ciReady.passed': '{ciUser} đã push và pull được: đó là điểm xuất phát của bài học này.',
  'checks.ciReady.added': 'đã thêm statement "{sid}" của bài 5.1 vào policy của {repository}',

  'checks.partner.notNamed': 'Repository policy chưa cho {partner} chạy {actions}.',
  'checks.partner.notNamedFix':
    'Thêm một statement có "Principal": {principal} cùng các action của pull.',
  'checks.partner.tooOpen':
    'Repository policy đang cho người gọi từ bất kỳ tài khoản nào vào, không chỉ đối tác.',
  'checks.partner.tooOpenWhy':
    'Một user của tài khoản khác ({outsider}) cũng sẽ được phía repository cho vào.',
  'checks.partner.granted':
    'Repository policy cho {partnerUser} của tài khoản {partnerAccount} pull (phía repository của "cánh cửa").',
  'checks.partner.unknownAccount':
    'Chưa biết tài khoản đối tác: hãy làm bước "Meet the partner account" trước.',

  'checks.partner.noAccount': 'Không có tài khoản đối tác nào để thao tác.',
  'checks.partner.imageFix':
    'Kiểm tra xem repository có tồn tại và có image mang tag "latest" không.',
  'checks.partner.alreadyAllowed':
    '{who} đã pull được rồi: có thứ gì đó đã cho phép ở cả hai phía.',
  'checks.partner.explicitDeny':
    '{who} bị chặn bởi một Deny tường minh, chứ không phải vì thiếu Allow.',
  'checks.partner.stillResourceSide':
    'Vẫn bị từ chối ở phía repository: AWS báo không có resource-based policy nào cho phép, tức là repository policy chưa cho {who} vào.',
  'checks.partner.alreadyIdentitySide':
    'Bị từ chối, nhưng AWS đã nói tới phía danh tính: repository policy đã cho {who} vào.',
  'checks.partner.deniedResource':
    'Bị từ chối: không có resource-based policy nào cho phép {who}, đúng như mong đợi với người gọi từ tài khoản khác mà chưa được ai nêu tên.',
  'checks.partner.deniedIdentity':
    'Lại bị từ chối, lần này vì không có identity-based policy nào cho phép: repository đã đồng ý, nhưng chính tài khoản của {who} thì chưa.',
  'checks.partner.registryFails':
    '{who} gọi được ECR API, nhưng pull qua registry (cách docker làm) thì thất bại.',
  'checks.partner.pulls':
    '{who} pull được khác tài khoản: repository policy VÀ identity policy của chính nó đều cho phép.',
  'checks.partner.stillNoIdentity':
    '{who} vẫn bị từ chối: chưa có identity-based policy nào trong tài khoản của nó cho phép pull.',
  'checks.partner.nowResourceSide':
    '{who} giờ bị từ chối ở phía repository: repository policy không còn cho nó vào nữa.',

  'checks.partner.signIn': 'đăng nhập vào tài khoản đối tác bằng {how}',
  'checks.partner.sameAccount':
    '{how} đăng nhập vào chính tài khoản {mine} của bạn, không phải một tài khoản thứ hai.',
  'checks.partner.ready':
    'Tài khoản đối tác là {account}; tutor thao tác ở đó dưới danh tính {arn} ({how}).',

  'checks.partner.leftStatement': 'statement "{sid}" trong policy của {repository}',
  'checks.partner.leftInline': 'inline policy {name} của {partnerUser}',
  'checks.partner.readPolicies': 'đọc các policy của {partnerUser}',
  'checks.partner.leftPull': '{partnerUser} vẫn pull được',
  'checks.partner.stillThere': 'Vẫn còn: {left}.',
  'checks.partner.cleaned':
    '{partnerUser} không còn pull được từ {repository}; các thay đổi của bài học đã được gỡ hết.',
  'checks.partner.deletedInline': 'đã xóa {name} của {partnerUser}',
  'checks.partner.noAdminOnAws':
    'Trên AWS thật, tutor không có key admin của tài khoản đối tác: bạn hãy tự gắn policy, với vai trò admin của tài khoản đối tác (lệnh có trong nội dung bước).',
  'checks.partner.putInline':
    'đã gắn inline policy {name} cho {partnerUser} (dưới danh tính {admin})',

  'checks.grants.standIn': 'identity policy giả định cho phép ecr:*',
  'checks.grants.otherUsers': 'các user khác của tài khoản {account}',
  'checks.grants.otherAccounts': 'các danh tính thuộc tài khoản AWS khác',
  'checks.grants.notNamed':
    'Policy hoàn toàn không cho {ciUser} vào: nó nêu tên {hasNamed, select, yes {{named}} other {không principal nào}}, trong khi ARN của CI user là {ci}.',
  'checks.grants.missing': '{ciUser} sẽ không được phép: {actions}.',
  'checks.grants.extra': 'Policy cho phép nhiều hơn push và pull: {actions}.',
  'checks.grants.others': 'Policy còn cho cả {others} vào: chỉ nêu tên {ci} thôi.',
  'checks.grants.unsupported': 'Tutor không đánh giá được: {what}.',

  'checks.resources.noRepository': '{repository} không tồn tại: không có gì để xóa',
  'checks.resources.notOurs':
    'repository {repository} không phải do tutor tạo cho bài học này (nó không có tag của tutor), nên tutor không xóa',
  'checks.resources.notOursTry': 'tự xóa nó nếu bạn thật sự muốn',

  'checks.iam.inline': 'inline policy {name} của {user}',
  'checks.iam.managed': 'managed policy {name} của {user}',
};
