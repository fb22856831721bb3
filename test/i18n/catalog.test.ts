import { describe, expect, it } from 'vitest';
import { en, type MessageKey } from '../../src/i18n/messages/en.js';
import { vi } from '../../src/i18n/messages/vi.js';
import { argumentNames, parseMessage } from '../../src/i18n/format.js';
import { setLanguage, t, withLanguage } from '../../src/i18n/index.js';

const keys = Object.keys(en) as MessageKey[];

describe('message catalogs', () => {
  it('every UI message key has Vietnamese text', () => {
    const missing = keys.filter((k) => !vi[k]?.trim());
    expect(missing).toEqual([]);
  });

  it('Vietnamese has no key English lacks (a renamed key would never be shown)', () => {
    expect(Object.keys(vi).filter((k) => !(k in en))).toEqual([]);
  });

  it('every message parses as ICU and the translation uses the same {arguments}', () => {
    const mismatched: string[] = [];
    const parse = (lang: string, k: string, m: string) => {
      try {
        return [...argumentNames(parseMessage(m))].sort();
      } catch (e) {
        mismatched.push(`${lang} ${k}: not ICU (${(e as Error).message})`);
        return [];
      }
    };
    for (const k of keys) {
      const a = parse('en', k, en[k]);
      const v = vi[k];
      if (v === undefined) continue;
      const b = parse('vi', k, v);
      if (a.join() !== b.join()) mismatched.push(`${k}: en {${a.join(', ')}} vi {${b.join(', ')}}`);
    }
    expect(mismatched).toEqual([]);
  });

  it('Vietnamese text is precomposed (NFC), as terminals and search expect', () => {
    const notNfc = Object.entries(vi).filter(([, v]) => v !== v.normalize('NFC'));
    expect(notNfc.map(([k]) => k)).toEqual([]);
  });
});

describe('t()', () => {
  it('interpolates, and falls back to English for the current language', () => {
    expect(t('lang.unknownFlag', { value: 'fr', languages: 'en, vi' })).toBe(
      'the tutor has no language "fr" (it speaks: en, vi).',
    );
    expect(withLanguage('vi', () => t('help.default', { value: '"md"' }))).toBe('mặc định: "md"');
    setLanguage('en');
  });
});
