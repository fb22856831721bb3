import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadLesson } from '../../src/engine/lesson-loader.js';
import { runLessonsValidate } from '../../src/commands/lessons.js';
import { memoryIo } from '../../src/io.js';
import { builtinLessonsDir } from '../../src/paths.js';
import { setLanguage } from '../../src/i18n/index.js';
import { translatedBodyFile } from '../../src/i18n/lesson-translation.js';

const builtin = join(builtinLessonsDir, 'repository-policy');

/** A copy of the built-in lesson that a test may break. */
async function copyLesson(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'ecr-i18n-lesson-'));
  const dir = join(root, 'repository-policy');
  await cp(builtin, dir, { recursive: true });
  return dir;
}

async function edit(file: string, from: string | RegExp, to: string): Promise<void> {
  const text = await readFile(file, 'utf8');
  const next = text.replace(from, to);
  expect(next, `${String(from)} not found in ${file}`).not.toBe(text);
  await writeFile(file, next);
}

/** `lessons validate DIR` output lines, without the folder prefix. */
async function validate(dir: string): Promise<{ code: number; lines: string[] }> {
  const io = memoryIo();
  const code = await runLessonsValidate(io, { dir });
  return {
    code,
    lines: io
      .stdout()
      .trim()
      .split('\n')
      .map((l) => l.replace(dir + '/', '')),
  };
}

afterEach(() => setLanguage('en'));

describe('Vietnamese lesson texts', () => {
  it('the built-in lesson is completely translated', async () => {
    expect(await validate(builtin)).toEqual({
      code: 0,
      lines: ['ok  repository-policy (9 steps)'],
    });
  });

  it('loads in Vietnamese: titles, bodies, hints, prompts, quiz; ids, checks and answers unchanged', async () => {
    const en = (await loadLesson(builtin, { lang: 'en' })).lesson!;
    const vi = (await loadLesson(builtin, { lang: 'vi' })).lesson!;
    expect(vi.title).toBe('5.1 Chính sách truy cập repository');
    expect(vi.steps.map((s) => s.title)).toEqual([
      'Kết nối',
      'Tìm account ID của bạn',
      'Kiểm tra repository và CI user',
      'Identity policy và repository policy',
      'Soạn policy',
      'Áp dụng policy cho repository',
      'Push và pull bằng CI user',
      'Vì sao nó chạy được, và cho ai',
      'Dọn dẹp (không bắt buộc)',
    ]);
    const acct = vi.steps[1]!;
    expect(acct.input?.prompt).toBe('Account ID AWS gồm 12 chữ số của bạn');
    expect(acct.input?.pattern).toBe(en.steps[1]!.input?.pattern);
    expect(acct.body).toContain('# Tìm account ID của bạn');
    expect(acct.body).toContain('arn:aws:iam::<account ID>:user/{{ciUser}}');
    const concepts = vi.steps[3]!;
    expect(concepts.quiz!.map((q) => [q.id, q.answer, q.choices.map((c) => c.value)])).toEqual(
      en.steps[3]!.quiz!.map((q) => [q.id, q.answer, q.choices.map((c) => c.value)]),
    );
    expect(concepts.quiz!.find((q) => q.id === 'explicit-deny')!.choices[1]!.label).toBe(
      'Không, quản trị viên không push được',
    );
    expect(vi.steps.map((s) => [s.id, s.check, s.solve, s.view])).toEqual(
      en.steps.map((s) => [s.id, s.check, s.solve, s.view]),
    );
    for (const [i, s] of vi.steps.entries()) {
      expect(s.hints).toHaveLength(en.steps[i]!.hints.length);
      expect(s.hints.join()).not.toBe(en.steps[i]!.hints.join());
    }
  });

  it('follows the process language when no lang is given', async () => {
    setLanguage('vi');
    expect((await loadLesson(builtin)).lesson!.steps[0]!.title).toBe('Kết nối');
    setLanguage('en');
    expect((await loadLesson(builtin)).lesson!.steps[0]!.title).toBe('Connect');
  });

  it('translatedBodyFile puts the language before .md', () => {
    expect(translatedBodyFile('01-connect.md', 'vi')).toBe('01-connect.vi.md');
  });
});

describe('lessons validate on translations', () => {
  it('reports a missing step text, hint, quiz question, choice label and explanation', async () => {
    const dir = await copyLesson();
    await rm(join(dir, '07-verify.vi.md'));
    const yaml = join(dir, 'lesson.yaml');
    await edit(yaml, "        - 'Đáp án: có, không, không, không.'\n", '');
    await edit(yaml, / {12}'no': 'Không, nó không push được'\n/, '');
    await edit(
      yaml,
      / {10}explanation: Truy cập khác tài khoản cần Allow ở cả hai phía; chỉ một phía thì vẫn bị từ chối.\n/,
      '',
    );
    await edit(yaml, / {8}cross-account:\n[\s\S]*?(?= {8}explicit-deny:)/, '');
    const r = await validate(dir);
    expect(r.code).toBe(1);
    expect(r.lines.map((l) => l.replace(/^lesson\.yaml:\d+: /, 'lesson.yaml:N: '))).toEqual([
      'lesson.yaml:N: vi: step "concepts" has no translation of quiz question "cross-account"',
      'lesson.yaml:N: vi: step "concepts" has no translation of its quiz same-account: label of choice "no"',
      'lesson.yaml:N: vi: step "concepts" has no translation of its hint 3',
      'lesson.yaml:N: vi: step "verify" has no translated text: 07-verify.vi.md does not exist beside the English file',
      'lesson.yaml:N: vi: step "explain" has no translation of its quiz partner-needs: explanation',
    ]);
  });

  it('reports a {{param}} that a translation drops or renames, in yaml and in the step text', async () => {
    const dir = await copyLesson();
    const yaml = join(dir, 'lesson.yaml');
    // a rename to another name the lesson knows: only the translation check can see it
    await edit(
      yaml,
      '`aws iam create-user --user-name {{ciUser}}{{endpointFlag}}`; hoặc',
      '`aws iam create-user --user-name {{partnerUser}}{{endpointFlag}}`; hoặc',
    );
    await edit(join(dir, '04-concepts.vi.md'), /`\{\{repository\}\}`/g, '`fcj-workshop-app`');
    await edit(join(dir, '06-apply.vi.md'), '{{profileFlag}}', '{{profile}}');
    const r = await validate(dir);
    expect(r.code).toBe(1);
    expect(r.lines.map((l) => l.replace(/:\d+: /, ':N: '))).toEqual([
      '04-concepts.vi.md: vi: the translation drops {{repository}}, which 04-concepts.md uses',
      '06-apply.vi.md: vi: the translation drops {{profileFlag}}, which 06-apply.md uses',
      '06-apply.vi.md:N: vi: {{profile}} is not in the English text of this step (renamed?)',
      'lesson.yaml:N: vi: step "prerequisites", hint 3: the translation drops {{ciUser}}, which the English uses',
      'lesson.yaml:N: vi: step "prerequisites", hint 3: the translation uses {{partnerUser}}, which the English does not (renamed?)',
    ]);
  });

  it('an unknown {{name}} or key in a yaml translation is a schema mistake, with its line', async () => {
    const dir = await copyLesson();
    const yaml = join(dir, 'lesson.yaml');
    await edit(
      yaml,
      '--repository-name {{repository}}{{regionFlag}}{{endpointFlag}}` và `aws iam create-user',
      '--repository-name {{repo}}{{regionFlag}}{{endpointFlag}}` và `aws iam create-user',
    );
    await edit(yaml, '      title: Soạn policy\n', '      title: Soạn policy\n      body: x.md\n');
    const r = await validate(dir);
    expect(r.code).toBe(1);
    expect(r.lines.map((l) => l.replace(/:\d+: /, ':N: '))).toEqual([
      'lesson.yaml:N: {{repo}} is not a lesson parameter, an input variable or a recorded value',
      'lesson.yaml:N: unknown key "body" in "vi" (allowed: title, hints, input, quiz)',
    ]);
  });

  it('reports decomposed (NFD) Vietnamese and a step translated into an undeclared language', async () => {
    const dir = await copyLesson();
    const yaml = join(dir, 'lesson.yaml');
    await edit(yaml, 'title: Kết nối', `title: ${'Kết nối'.normalize('NFD')}`);
    await writeFile(
      join(dir, '09-cleanup.vi.md'),
      (await readFile(join(dir, '09-cleanup.vi.md'), 'utf8')).normalize('NFD'),
    );
    const r = await validate(dir);
    const lines = r.lines.map((l) => l.replace(/:\d+: /, ':N: '));
    expect(lines).toEqual([
      '09-cleanup.vi.md: vi: not in precomposed Unicode (NFC); save the file as NFC',
      'lesson.yaml:N: vi: step "connect", title: not in precomposed Unicode (NFC); save it as NFC',
    ]);

    // a step translated into a language the lesson does not declare
    const dir2 = await copyLesson();
    await edit(join(dir2, 'lesson.yaml'), /^vi:\n {2}title: .*\n {2}summary: >-\n( {4}.*\n)+/m, '');
    const r2 = await validate(dir2);
    expect(r2.code).toBe(1);
    expect(r2.lines[0]).toMatch(
      /^lesson\.yaml:\d+: this "vi:" translation is never shown: the lesson has no top-level "vi:"/,
    );
    expect(r2.lines.filter((l) => l.includes('never shown'))).toHaveLength(9);
  });

  it('a half-translated lesson still loads, the untranslated parts in English', async () => {
    const dir = await copyLesson();
    await rm(join(dir, '01-connect.vi.md'));
    await edit(join(dir, 'lesson.yaml'), '      title: Kết nối\n', '');
    const vi = (await loadLesson(dir, { lang: 'vi' })).lesson!;
    expect(vi.steps[0]!.title).toBe('Connect');
    expect(vi.steps[0]!.body).toMatch(/^# Connect/);
    expect(vi.steps[0]!.hints[0]).toMatch(/^Tutor hỏi AWS/);
    expect(vi.steps[1]!.title).toBe('Tìm account ID của bạn');
  });
});
