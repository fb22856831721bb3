import { describe, expect, it } from 'vitest';
import {
  csvCell,
  needsSanitizing,
  sanitizeForTerminal,
  sanitizeLine,
} from '../../src/text/sanitize.js';

const ESC = '\u001b';
const BEL = '\u0007';

describe('sanitizeForTerminal', () => {
  it.each([
    ['OSC 0 window title', `a${ESC}]0;pwned${BEL}b`, 'ab'],
    ['OSC 0 ended by ST', `a${ESC}]0;pwned${ESC}\\b`, 'ab'],
    ['CSI 2J clear screen', `a${ESC}[2Jb`, 'ab'],
    ['SGR colour', `${ESC}[31mred${ESC}[0m`, 'red'],
    ['OSC 52 clipboard write', `x${ESC}]52;c;ZWNobyBoaQ==${BEL}y`, 'xy'],
    ['OSC 8 hyperlink', `${ESC}]8;;https://evil.example/${ESC}\\click${ESC}]8;;${ESC}\\`, 'click'],
    ['8-bit CSI', `a\u009b2Jb`, 'ab'],
    ['unterminated OSC swallows to the end', `a${ESC}]0;never ends`, 'a'],
    ['lone ESC', `a${ESC}`, 'a'],
    ['BEL and backspace', `a${BEL}b\bc`, 'abc'],
    ['CR overwrite', 'safe\rEVIL', 'safeEVIL'],
    ['CRLF becomes LF', 'a\r\nb', 'a\nb'],
    ['bidi override shown', 'abc\u202Edef', 'abc<U+202E>def'],
    ['zero-width space shown', 'a\u200Bb', 'a<U+200B>b'],
    ['left-to-right mark shown', 'a\u200Eb', 'a<U+200E>b'],
    [
      'an emoji joined with zero-width joiners stays whole',
      '👩\u200D👩\u200D👧',
      '👩\u200D👩\u200D👧',
    ],
  ])('%s', (_name, input, expected) => {
    expect(sanitizeForTerminal(input)).toBe(expected);
  });

  it('keeps newlines, tabs, Vietnamese (precomposed and combining) and emoji', () => {
    const text = 'Kho lưu trữ\tchính sách\nTiếng Việt: e\u0301 ✔ 🚀';
    expect(sanitizeForTerminal(text)).toBe(text);
    expect(needsSanitizing(text)).toBe(false);
    expect(needsSanitizing(`x${ESC}[2J`)).toBe(true);
  });
});

describe('sanitizeLine', () => {
  it('puts everything on one line', () => {
    expect(sanitizeLine(`a\nb\tc${ESC}[2J`)).toBe('a b c');
  });
});

describe('csvCell', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['+1', "'+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['line\nbreak', '"line\nbreak"'],
    [`red${ESC}[31m`, 'red'],
  ])('%j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });
  it('numbers and empties', () => {
    expect(csvCell(3)).toBe('3');
    expect(csvCell(undefined)).toBe('');
  });
});
