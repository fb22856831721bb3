/**
 * compileMessage: the concatenation path for plain messages says exactly what formatToParts
 * says, and a message with a plural/select still goes through formatToParts.
 */
import { describe, expect, it } from 'vitest';
import { compileMessage, formatMessage, parseMessage } from '../../src/i18n/format.js';

const both = (message: string, values?: Record<string, string | number>) => ({
  fast: compileMessage(message).format('vi', values),
  full: formatMessage(parseMessage(message), 'vi', values, message),
});

describe('compileMessage', () => {
  it('plain text and {name} arguments: the same text as formatToParts', () => {
    for (const [m, v] of [
      ['"{value}" không khớp với action nào của {service}.', { value: 'ecr:x*', service: 'ecr' }],
      ['{a}{b}', { a: 0, b: 'x' }],
      ['chỉ có chữ <YOUR_AWS_ACCOUNT_ID>', undefined],
      ["it''s '{literal}' {n}", { n: 3 }],
    ] as const) {
      const r = both(m, v);
      expect(r.fast).toBe(r.full);
    }
    expect(compileMessage('{a} và {b}').format('vi', { a: 1, b: 'hai' })).toBe('1 và hai');
  });

  it('a missing value throws as formatToParts does', () => {
    expect(() => compileMessage('{a} {b}').format('vi', { a: 'x' })).toThrow(/b/);
    expect(() => compileMessage('{a}').format('vi')).toThrow(/a/);
  });

  it('plural and select messages still format', () => {
    const m = '{n, plural, one {# lỗi} other {# lỗi}} {s, select, yes {có} other {không}}';
    expect(compileMessage(m).format('vi', { n: 2, s: 'yes' })).toBe('2 lỗi có');
  });
});
