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
};
