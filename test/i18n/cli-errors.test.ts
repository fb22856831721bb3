/**
 * Commander's own usage errors, through the shipped bundle: in Vietnamese with --lang vi (and a
 * Vietnamese locale), exactly commander's English under LANG=C, exit 2 either way.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function run(args: string[], env: Record<string, string>) {
  const home = mkdtempSync(join(tmpdir(), 'ecr-tutor-clierr-'));
  const r = spawnSync(process.execPath, ['bin/ecr-tutor.js', ...args], {
    encoding: 'utf8',
    env: {
      ...process.env,
      LC_ALL: '',
      LC_MESSAGES: '',
      ECR_TUTOR_LANG: '',
      ECR_TUTOR_HOME: home,
      ...env,
    },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const CASES: string[][] = [
  ['report', '--format', 'xml'],
  ['status', '--lear', 'x'],
  ['class'],
  ['status', 'extra'],
  ['sandbox', 'start', '--port', '99999'],
];

describe("commander's usage errors in the learner's language", () => {
  it('Vietnamese with --lang vi, the same with LANG=vi_VN.UTF-8', () => {
    const vi = CASES.map((a) => run([...a, '--lang', 'vi'], { LANG: 'C.UTF-8' }));
    expect(vi.map((r) => r.code)).toEqual(CASES.map(() => 2));
    expect(vi.map((r) => r.stdout).join('')).toBe('');
    expect(vi.map((r) => r.stderr).join('')).toMatchInlineSnapshot(`
      "lỗi: giá trị "xml" của tùy chọn --format <format> không hợp lệ: hãy dùng một trong các giá trị md, json, junit.
      lỗi: không có tùy chọn --lear
      (có phải ý bạn là --learner?)
      lỗi: thiếu tham số bắt buộc dir
      lỗi: thừa tham số cho lệnh status: lệnh nhận 0 tham số nhưng bạn đưa 1.
      lỗi: giá trị "99999" của tùy chọn --port <n> không hợp lệ: cổng (port) là một số nguyên từ 0 đến 65535.
      "
    `);
    const locale = CASES.map((a) => run(a, { LANG: 'vi_VN.UTF-8' }));
    expect(locale.map((r) => r.stderr)).toEqual(vi.map((r) => r.stderr));
  });

  it("English under LANG=C: commander's own words", () => {
    const en = CASES.map((a) => run(a, { LANG: 'C' }));
    expect(en.map((r) => r.code)).toEqual(CASES.map(() => 2));
    expect(en.map((r) => r.stderr).join('')).toMatchInlineSnapshot(`
      "error: option '--format <format>' argument 'xml' is invalid. use one of md, json, junit.
      error: unknown option '--lear'
      (Did you mean --learner?)
      error: missing required argument 'dir'
      error: too many arguments for 'status'. Expected 0 arguments but got 1.
      error: option '--port <n>' argument '99999' is invalid. a port is a whole number from 0 to 65535.
      "
    `);
  });
});
