/**
 * The lesson schema is declared once: the README's key tables are generated from it, and the
 * loader reports what it rejects at the line it is on.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { README, withReference } from '../../scripts/lesson-reference.js';
import { loadLesson } from '../../src/engine/lesson-loader.js';
import { StepSchema } from '../../src/engine/lesson-schema.js';

async function lesson(yaml: string, files: Record<string, string> = {}): Promise<string> {
  const dir = join(await mkdtemp(join(tmpdir(), 'schema-')), 'demo');
  const { mkdir } = await import('node:fs/promises');
  await mkdir(dir);
  await writeFile(join(dir, 'lesson.yaml'), yaml);
  for (const [n, t] of Object.entries(files)) await writeFile(join(dir, n), t);
  return dir;
}

describe('lesson schema', () => {
  it('lessons/README.md lists every key the schema has (npm run lesson-reference)', async () => {
    const readme = readFileSync(README, 'utf8');
    expect(await withReference(readme)).toBe(readme);
    for (const key of Object.keys(StepSchema.shape)) expect(readme).toContain(`| \`${key}\``);
  });

  it('reports an unknown {{name}} in a step at its own line, not at the first {{', async () => {
    const dir = await lesson(
      `id: demo
title: Demo
summary: s
params: { repo: r }
steps:
  - id: one
    title: One
    body: a.md
    check: caller-identity
    hints: ['{{repo}} then {{ghost}}']
`,
      { 'a.md': '# {{repo}}\n\ntext\n\nuse {{region}} and {{nobody}}\n' },
    );
    const r = await loadLesson(dir);
    expect(r.problems.map((p) => [p.file.split('/').pop(), p.line, p.message])).toEqual([
      ['a.md', 5, '{{nobody}} is not a lesson parameter, an input variable or a recorded value'],
      [
        'lesson.yaml',
        10,
        '{{ghost}} is not a lesson parameter, an input variable or a recorded value',
      ],
    ]);
  });

  it('says what each wrong value should be, at its line', async () => {
    const dir = await lesson(
      `id: demo
summary: s
order: first
steps:
  - id: Bad_Id
    title: T
    body: a.md
    check: { name: caller-identity, extra: 1 }
    hints: oops
    watch: "yes"
    timeoutMs: -1
    input: { prompt: P, variable: v, pattern: "(" }
  - just text
`,
      { 'a.md': 'x' },
    );
    const r = await loadLesson(dir);
    expect(r.lesson).toBeUndefined();
    expect(r.problems.map((p) => `${p.line}: ${p.message}`)).toEqual([
      '1: missing "title"',
      '3: "order" must be a number',
      '5: step id "Bad_Id" must be lower-case words joined by -',
      '8: unknown key "extra" in "check" (allowed: name, params)',
      '9: "hints" must be a list',
      '10: "watch" must be true or false',
      '11: "timeoutMs" must be a positive number',
      '12: "pattern" is not a valid regular expression: Invalid regular expression: /(/: Unterminated group',
      '13: every step must be a mapping',
    ]);
  });
});
