import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinRegistry } from '../../src/checks/index.js';
import { listLessons, loadLesson } from '../../src/engine/lesson-loader.js';
import { builtinLessonsDir } from '../../src/paths.js';
import { tempDir } from './helpers.js';

const reg = builtinRegistry();
const known = {
  knownChecks: new Set(Object.keys(reg.checks)),
  knownActions: new Set(Object.keys(reg.actions)),
};

async function lessonFolder(
  yaml: string,
  files: Record<string, string> = { 'a.md': 'Hello {{repo}}' },
): Promise<string> {
  const dir = join(await tempDir('ecr-tutor-lesson-'), 'demo');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'lesson.yaml'), yaml);
  for (const [n, t] of Object.entries(files)) await writeFile(join(dir, n), t);
  return dir;
}

const GOOD = `id: demo
title: Demo
summary: A demo
params:
  repo: my-repo
steps:
  - id: first
    title: First
    body: a.md
    check: caller-identity
    hints: [one]
`;

describe('loading lessons', () => {
  it('loads the built-in lesson with no problems and its parameters as data', async () => {
    const r = await loadLesson(join(builtinLessonsDir, 'repository-policy'), known);
    expect(r.problems).toEqual([]);
    const l = r.lesson!;
    expect(l.params).toMatchObject({
      repository: 'fcj-workshop-app',
      ciUser: 'fcj-ecr-ci-cd-user',
    });
    expect(l.steps.map((s) => s.id)).toEqual([
      'connect',
      'account-id',
      'prerequisites',
      'concepts',
      'compose',
      'apply',
      'verify',
      'explain',
      'cleanup',
    ]);
    expect(l.steps.every((s) => s.hints.length >= 1)).toBe(true);
    expect(l.steps[1]!.input?.variable).toBe('accountId');
  });

  it('applies parameter overrides', async () => {
    const r = await loadLesson(join(builtinLessonsDir, 'repository-policy'), {
      params: { repository: 'other-repo' },
    });
    expect(r.lesson?.params.repository).toBe('other-repo');
  });

  it('lists lessons of a pack', async () => {
    const all = await listLessons(builtinLessonsDir);
    expect(all.map((l) => l.id)).toContain('repository-policy');
  });

  it('accepts a minimal lesson', async () => {
    const r = await loadLesson(await lessonFolder(GOOD), known);
    expect(r.problems).toEqual([]);
    expect(r.lesson?.steps[0]?.body).toBe('Hello {{repo}}');
  });

  it('reports each mistake with its file and line', async () => {
    const yaml = `id: demo
title: Demo
summary: A demo
colour: blue
steps:
  - id: first
    title: First
    body: missing.md
    check: no-such-check
    hints: [one]
  - id: first
    title: Again
    body: a.md
    view: sideways
    check: { name: caller-identity }
    solve: not-an-action
    hints: ["{{nobody}}"]
    quiz:
      - id: q
        question: Q?
        choices: [{ value: a, label: A }, { value: b, label: B }]
        answer: c
        explanation: e
`;
    const dir = await lessonFolder(yaml, { 'a.md': 'line one\n{{stranger}}\n' });
    const r = await loadLesson(dir, known);
    expect(r.lesson).toBeUndefined();
    const file = join(dir, 'lesson.yaml');
    const at = (line: number, re: RegExp) =>
      expect(r.problems).toContainEqual({ file, line, message: expect.stringMatching(re) });
    at(4, /unknown key "colour"/);
    at(8, /step text "missing.md" does not exist/);
    at(9, /unknown check "no-such-check"/);
    at(11, /duplicate step id "first" \(first on line 6\)/);
    at(14, /unknown view "sideways"/);
    at(16, /unknown action "not-an-action"/);
    at(22, /answer "c" is not one of the choices/);
    at(17, /\{\{nobody\}\} is not a lesson parameter/);
    expect(r.problems).toContainEqual({
      file: join(dir, 'a.md'),
      line: 2,
      message: expect.stringMatching(/\{\{stranger\}\}/),
    });
  });

  it('reports YAML syntax errors with a line', async () => {
    const r = await loadLesson(await lessonFolder('id: demo\ntitle: [unclosed\n'));
    expect(r.problems[0]).toMatchObject({
      line: expect.any(Number),
      message: expect.stringMatching(/^YAML:/),
    });
  });

  it('explains an unquoted colon in a hint', async () => {
    const r = await loadLesson(
      await lessonFolder(GOOD.replace('hints: [one]', 'hints:\n      - AWS: changed it')),
    );
    expect(r.problems).toContainEqual(
      expect.objectContaining({ line: 12, message: expect.stringMatching(/put it in quotes/) }),
    );
  });

  it('requires the id to match the folder', async () => {
    const r = await loadLesson(await lessonFolder(GOOD.replace('id: demo', 'id: other')));
    expect(r.problems[0]?.message).toMatch(/must match its folder name "demo"/);
  });
});

describe('lesson parameters from the environment', () => {
  it('reads ECR_TUTOR_PARAM_name', async () => {
    const { paramsFromEnv } = await import('../../src/app/index.js');
    expect(paramsFromEnv({ ECR_TUTOR_PARAM_ciProfile: 'ci', OTHER: 'x' })).toEqual({
      ciProfile: 'ci',
    });
  });
});
