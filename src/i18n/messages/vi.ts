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
};
