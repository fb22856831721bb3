import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildProgram, main } from '../../src/cli.js';
import { memoryIo } from '../../src/io.js';
import { helpKeys, helpText } from '../../src/i18n/help.js';
import { HELP_VI } from '../../src/i18n/messages/help-vi.js';
import { setLanguage } from '../../src/i18n/index.js';

const all = (c: Command): Command[] => [c, ...c.commands.flatMap(all)];
const program = () => buildProgram(memoryIo(), () => undefined);

let savedEnv: NodeJS.ProcessEnv;
beforeEach(async () => {
  savedEnv = { ...process.env };
  process.env.ECR_TUTOR_HOME = await mkdtemp(join(tmpdir(), 'ecr-i18n-help-'));
  delete process.env.ECR_TUTOR_LANG;
  process.env.LANG = 'C';
  delete process.env.LC_ALL;
  delete process.env.LC_MESSAGES;
});
afterEach(() => {
  process.env = savedEnv;
  setLanguage('en');
});

describe('--help in Vietnamese', () => {
  it('every command, option and argument has Vietnamese help text', () => {
    const missing: string[] = [];
    for (const cmd of all(program())) {
      const k = helpKeys(cmd);
      for (const key of [k.description, ...k.options, ...k.args]) {
        if (key.endsWith(' --help') || key === '--help' || key.endsWith('--lang')) continue;
        if (helpText(key) === undefined) missing.push(key);
      }
    }
    expect(missing).toEqual([]);
  });

  it('has no Vietnamese text for a command or option that no longer exists', () => {
    const used = new Set<string>();
    for (const cmd of all(program())) {
      const k = helpKeys(cmd);
      for (const key of [k.description, ...k.options, ...k.args]) {
        used.add(key);
        used.add(key.slice(key.lastIndexOf(' ') + 1));
      }
    }
    expect(Object.keys(HELP_VI).filter((k) => !used.has(k))).toEqual([]);
  });

  it('--help --lang vi, and LANG=vi_VN.UTF-8 --help, are in Vietnamese', async () => {
    const io = memoryIo();
    expect(await main(['check', '--help', '--lang', 'vi'], io)).toBe(0);
    expect(io.stdout()).toContain('Cách dùng: ecr-tutor check [options] [lesson]');
    expect(io.stdout()).toContain(
      'chạy lại phép kiểm tra của mọi bước trên trạng thái thật, không hỏi gì',
    );
    expect(io.stdout()).toContain('Tùy chọn:');
    expect(io.stdout()).toContain('--lang <lang>');

    process.env.ECR_TUTOR_HOME = await mkdtemp(join(tmpdir(), 'ecr-i18n-help-'));
    process.env.LANG = 'vi_VN.UTF-8';
    const io2 = memoryIo();
    expect(await main(['report', '--help'], io2)).toBe(0);
    expect(io2.stdout()).toContain('(mặc định: "md")');
    expect(io2.stdout()).toContain('md, json (cho `ecr-tutor class`) hoặc junit (cho CI)');
  });

  it('LANG=C is English, and --lang is accepted by every command', async () => {
    const io = memoryIo();
    expect(await main(['report', '--help'], io)).toBe(0);
    expect(io.stdout()).toContain('Usage: ecr-tutor report [options] [lesson]');
    expect(io.stdout()).toContain('(default: "md")');
    expect(io.stdout()).toContain('language of the tutor: en or vi');
    for (const cmd of all(program())) {
      expect(cmd.options.some((o) => o.long === '--lang')).toBe(true);
    }
  });

  it('an unknown --lang is a usage error (exit 2) that says what to use', async () => {
    const io = memoryIo();
    expect(await main(['status', '--lang', 'de'], io)).toBe(2);
    expect(io.stderr()).toBe(
      'error: the tutor has no language "de" (it speaks: en, vi).\n  try: use --lang en or --lang vi.\n',
    );
  });
});
