import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chooseLanguage, langFlag, localeLang, parseLang } from '../../src/i18n/language.js';
import { readSavedLanguage, savedLanguagePath } from '../../src/i18n/saved-language.js';
import { chooseProcessLanguage } from '../../src/i18n/process-language.js';
import { getLanguage, setLanguage } from '../../src/i18n/index.js';
import { memoryIo } from '../../src/io.js';
import { UsageError } from '../../src/errors.js';

afterEach(() => setLanguage('en'));

describe('reading a language', () => {
  it.each([
    ['vi', 'vi'],
    ['VI', 'vi'],
    ['vi-VN', 'vi'],
    ['vi_VN.UTF-8', 'vi'],
    ['vi_VN@tcvn', 'vi'],
    ['en_US.UTF-8', 'en'],
    ['en', 'en'],
  ])('%s -> %s', (value, lang) => expect(parseLang(value)).toBe(lang));

  it.each(['C', 'POSIX', 'C.UTF-8', 'fr_FR.UTF-8', '', 'v', 'vie?', 'video'])(
    '%j is no language the tutor speaks',
    (value) => expect(parseLang(value)).toBeUndefined(),
  );

  it('follows POSIX precedence: LC_ALL, then LC_MESSAGES, then LANG', () => {
    expect(localeLang({ LANG: 'vi_VN.UTF-8' })).toBe('vi');
    expect(localeLang({ LANG: 'vi_VN.UTF-8', LC_MESSAGES: 'en_GB.UTF-8' })).toBe('en');
    expect(localeLang({ LANG: 'en_US.UTF-8', LC_MESSAGES: 'vi_VN.UTF-8' })).toBe('vi');
    expect(localeLang({ LANG: 'vi_VN.UTF-8', LC_ALL: 'C' })).toBeUndefined();
    expect(localeLang({ LC_ALL: '', LANG: 'vi_VN.UTF-8' })).toBe('vi'); // empty = unset
  });

  it('finds --lang X and --lang=X anywhere before --, the last one winning', () => {
    expect(langFlag(['check', '--lang', 'vi'])).toBe('vi');
    expect(langFlag(['--lang=vi', 'status', '--lang', 'en'])).toBe('en');
    expect(langFlag(['check', '--', '--lang', 'vi'])).toBeUndefined();
    expect(langFlag(['check', '--lang'])).toBe('');
  });
});

describe('choosing the language', () => {
  it('flag beats ECR_TUTOR_LANG beats the saved choice beats the locale beats English', () => {
    const env = { ECR_TUTOR_LANG: 'en', LANG: 'vi_VN.UTF-8' };
    expect(chooseLanguage({ flag: 'vi', env, saved: 'en' })).toEqual({
      lang: 'vi',
      source: 'flag',
    });
    expect(chooseLanguage({ env, saved: 'vi' })).toEqual({ lang: 'en', source: 'env' });
    expect(chooseLanguage({ env: { LANG: 'en_US.UTF-8' }, saved: 'vi' })).toEqual({
      lang: 'vi',
      source: 'saved',
    });
    expect(chooseLanguage({ env: { LANG: 'vi_VN.UTF-8' } })).toEqual({
      lang: 'vi',
      source: 'locale',
    });
    expect(chooseLanguage({ env: { LANG: 'C' } })).toEqual({ lang: 'en', source: 'default' });
    expect(chooseLanguage({ env: {} })).toEqual({ lang: 'en', source: 'default' });
  });

  it('reports an ECR_TUTOR_LANG it cannot use and lets the locale decide', () => {
    expect(chooseLanguage({ env: { ECR_TUTOR_LANG: 'klingon', LANG: 'vi_VN.UTF-8' } })).toEqual({
      lang: 'vi',
      source: 'locale',
      ignored: { source: 'env', value: 'klingon' },
    });
  });
});

describe('the process language', () => {
  const home = () => mkdtemp(join(tmpdir(), 'ecr-i18n-'));

  it('remembers an explicit --lang per learner, privately, and nothing else', async () => {
    const env = { ECR_TUTOR_HOME: await home(), LANG: 'C' };
    const io = memoryIo();
    expect(await chooseProcessLanguage(['status'], io, env)).toBe('en');
    await expect(stat(savedLanguagePath(env))).rejects.toThrow(); // locale: not saved

    expect(await chooseProcessLanguage(['status', '--lang', 'vi'], io, env)).toBe('vi');
    expect(getLanguage()).toBe('vi');
    expect(await chooseProcessLanguage(['status'], io, env)).toBe('vi'); // remembered
    expect(await chooseProcessLanguage(['status', '--learner', 'ana'], io, env)).toBe('en');
    expect(await chooseProcessLanguage(['status', '--learner=ana', '--lang=vi'], io, env)).toBe(
      'vi',
    );
    expect(readSavedLanguage(env, 'ana')).toBe('vi');
    expect((await stat(savedLanguagePath(env))).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(savedLanguagePath(env), 'utf8'))).toEqual({
      version: 1,
      byLearner: { '*': 'vi', ana: 'vi' },
    });
    // ECR_TUTOR_LANG is the learner's own setting: it wins over the saved one, and is not saved
    expect(await chooseProcessLanguage(['status'], io, { ...env, ECR_TUTOR_LANG: 'en' })).toBe(
      'en',
    );
    expect(readSavedLanguage(env)).toBe('vi');
    expect(io.stderr()).toBe('');
  });

  it('refuses an unknown --lang in the language the other sources choose', async () => {
    const env = { ECR_TUTOR_HOME: await home(), LANG: 'vi_VN.UTF-8' };
    let err: unknown;
    try {
      await chooseProcessLanguage(['check', '--lang', 'fr'], memoryIo(), env);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UsageError).message).toBe('ecr-tutor không có ngôn ngữ "fr" (hiện có: en, vi).');
    expect((err as UsageError).tryMessage).toBe('dùng --lang en hoặc --lang vi.');
    await expect(stat(savedLanguagePath(env))).rejects.toThrow();
  });

  it('warns about a bad ECR_TUTOR_LANG on stderr and goes on', async () => {
    const io = memoryIo();
    const env = { ECR_TUTOR_HOME: await home(), ECR_TUTOR_LANG: 'xx', LANG: 'C' };
    expect(await chooseProcessLanguage(['status'], io, env)).toBe('en');
    expect(io.stderr()).toBe(
      'warning: ECR_TUTOR_LANG="xx" is not a language the tutor speaks (en, vi); using the next choice (your locale, else English).\n',
    );
  });

  it('ignores a damaged saved file instead of failing', async () => {
    const env = { ECR_TUTOR_HOME: await home(), LANG: 'C' };
    const { mkdir, writeFile } = await import('node:fs/promises');
    await mkdir(join(env.ECR_TUTOR_HOME, 'state'), { recursive: true });
    await writeFile(savedLanguagePath(env), '{not json');
    expect(await chooseProcessLanguage(['status'], memoryIo(), env)).toBe('en');
    expect(await chooseProcessLanguage(['status', '--lang', 'vi'], memoryIo(), env)).toBe('vi');
    expect(readSavedLanguage(env)).toBe('vi');
  });
});
