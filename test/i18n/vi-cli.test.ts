/**
 * The language choice through the shipped bundle (node bin/ecr-tutor.js, built by the global
 * setup), as a learner types it: `check --lang vi`, `LANG=vi_VN.UTF-8 ecr-tutor check`,
 * `--help --lang vi`, `LANG=C` in English; reports (md, json, junit) keep Vietnamese UTF-8 intact.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { launcher } from '../helpers/pty.js';

async function run(args: string[], env: Record<string, string> = {}) {
  const home = await mkdtemp(join(tmpdir(), 'ecr-i18n-cli-'));
  const r = spawnSync(process.execPath, [launcher, ...args], {
    cwd: home,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: home,
      ECR_TUTOR_HOME: home,
      LANG: 'C',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      ...env,
    },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.toString('utf8') };
}

/** Bytes that are valid UTF-8 and NFC, decoded. */
function utf8(bytes: Buffer): string {
  const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  expect(text.normalize('NFC')).toBe(text);
  return text;
}

describe('the language of the command line', () => {
  it('check --lang vi and LANG=vi_VN.UTF-8 check speak Vietnamese; LANG=C English', async () => {
    const vi = await run(['check', '--lang', 'vi']);
    expect(vi.code).toBe(1); // a fresh sandbox: most steps are not done
    const out = utf8(vi.stdout);
    expect(out).toMatch(/^5\.1 Chính sách truy cập repository: kiểm tra sandbox /);
    expect(out).toContain('   1. Kết nối: đạt\n      Đã kết nối tới sandbox tại http://127.0.0.1:');
    expect(out).toContain('Kiểm tra repository và CI user: đạt');
    expect(out).toMatch(/Còn \d bước chưa đạt\.\n$/);

    const locale = await run(['check'], { LANG: 'vi_VN.UTF-8' });
    expect(utf8(locale.stdout)).toContain('   1. Kết nối: đạt');

    const c = await run(['check'], { LANG: 'C' });
    const en = utf8(c.stdout);
    expect(en).toMatch(/^5\.1 Repository access policy: checking the sandbox /);
    expect(en).toContain('   1. Connect: pass');
    expect(en).toMatch(/\d step\(s\) do not pass yet\.\n$/);
  });

  it('--help --lang vi is Vietnamese, LANG=C --help English, ECR_TUTOR_LANG wins over LANG', async () => {
    const vi = await run(['--help', '--lang', 'vi']);
    expect(vi.code).toBe(0);
    expect(utf8(vi.stdout)).toContain('Cách dùng: ecr-tutor [options] [command]');
    expect(utf8(vi.stdout)).toMatch(
      /check \[options\] \[lesson\] +chạy lại phép kiểm tra của mọi bước/,
    );
    const en = await run(['--help']);
    expect(utf8(en.stdout)).toContain('Usage: ecr-tutor [options] [command]');
    const env = await run(['status', '--help'], { LANG: 'vi_VN.UTF-8', ECR_TUTOR_LANG: 'en' });
    expect(utf8(env.stdout)).toContain('show your saved progress');
  });

  it('reports in md, json and junit keep the Vietnamese text as UTF-8', async () => {
    const md = utf8((await run(['report', '--format', 'md', '--lang', 'vi'])).stdout);
    expect(md).toContain('# 5.1 Chính sách truy cập repository');
    expect(md).toContain('| 1 | Kết nối | đạt |');

    const json = JSON.parse(
      utf8((await run(['report', '--format', 'json', '--lang', 'vi'])).stdout),
    ) as Record<string, unknown>;
    expect(JSON.stringify(json)).toContain('Tìm account ID của bạn');

    const junit = utf8((await run(['report', '--format', 'junit', '--lang', 'vi'])).stdout);
    expect(junit.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(junit).toContain('Kiểm tra repository và CI user');
  });
});
