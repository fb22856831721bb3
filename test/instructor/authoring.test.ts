/**
 * The example lesson pack (lessons/examples, used by lessons/README.md) is valid and verifies;
 * and `lessons validate` / `lessons verify` catch the mistakes an instructor is likely to make
 * in it: an unknown check, bad parameters, a missing file, a step that passes before any work,
 * a solve that does not make its check pass.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLessonsValidate, runLessonsVerify } from '../../src/commands/lessons.js';
import { memoryIo } from '../../src/io.js';
import { builtinLessonsDir } from '../../src/paths.js';

const examples = join(builtinLessonsDir, 'examples');
let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'ecr-tutor-authoring-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** A copy of the example pack with `edit` applied to its manifest; returns the pack folder. */
async function edited(name: string, edit: (yaml: string) => string): Promise<string> {
  const pack = join(scratch, name);
  await cp(examples, pack, { recursive: true });
  const manifest = join(pack, 'first-repository', 'lesson.yaml');
  const before = await readFile(manifest, 'utf8');
  const after = edit(before);
  expect(after).not.toBe(before); // the edit must have hit something
  await writeFile(manifest, after);
  return pack;
}

async function validate(dir: string): Promise<{ code: number; out: string }> {
  const io = memoryIo();
  const code = await runLessonsValidate(io, { dir });
  return { code, out: io.stdout() };
}

async function verify(dir: string): Promise<{ code: number; out: string }> {
  const io = memoryIo();
  const code = await runLessonsVerify(io, { dir });
  return { code, out: io.stdout() };
}

describe('the example lesson pack', () => {
  it('validates and verifies', async () => {
    expect(await validate(examples)).toEqual({ code: 0, out: 'ok  first-repository (3 steps)\n' });
    const v = await verify(examples);
    expect(v.code).toBe(0);
    expect(v.out).toMatch(/first-repository: every step verified/);
  }, 60_000);

  it('is not listed among the built-in lessons', async () => {
    expect((await validate(builtinLessonsDir)).out).toBe(
      'ok  cross-account-pull (7 steps)\nok  explicit-deny (6 steps)\nok  repository-policy (9 steps)\n',
    );
  });
});

describe('lessons validate catches', () => {
  it('an unknown check, with its line', async () => {
    const pack = await edited('unknown-check', (y) =>
      y.replace('check: quiz-answered', 'check: quiz-answerd'),
    );
    const r = await validate(pack);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/lesson\.yaml:\d+: unknown check "quiz-answerd"/);
  });

  it('a parameter the check does not take, and a missing required one', async () => {
    const pack = await edited('bad-params', (y) =>
      y.replace(
        "      name: resources-exist\n      params: { repository: '{{repository}}', ciUser: '{{ciUser}}' }",
        "      name: resources-exist\n      params: { repo: '{{repository}}', ciUser: '{{ciUser}}' }",
      ),
    );
    const r = await validate(pack);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(
      /:\d+: check "resources-exist" has no parameter "repo" \(it takes: repository, ciUser\)/,
    );
    expect(r.out).toMatch(/:\d+: check "resources-exist" needs the parameter "repository"/);
  });

  it('a parameter that is not text', async () => {
    const pack = await edited('param-type', (y) =>
      y.replace(
        "params: { repository: '{{repository}}', ciUser: '{{ciUser}}' }\n    solve",
        "params: { repository: [a, b], ciUser: '{{ciUser}}' }\n    solve",
      ),
    );
    expect((await validate(pack)).out).toMatch(
      /parameter "repository" of check "resources-exist" must be text/,
    );
  });

  it('a missing step file', async () => {
    const pack = await edited('missing-file', (y) =>
      y.replace('body: 02-create.md', 'body: 02-creat.md'),
    );
    const r = await validate(pack);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/step text "02-creat\.md" does not exist/);
  });

  it('learnerParams naming something that is not a parameter', async () => {
    const pack = await edited('learner-params', (y) =>
      y.replace('learnerParams: [repository]', 'learnerParams: [repo]'),
    );
    expect((await validate(pack)).out).toMatch(
      /learnerParams names "repo", which is not a lesson parameter/,
    );
  });
});

describe('lessons verify catches', () => {
  it('a step that passes before any work', async () => {
    // the sandbox seed already has fcj-workshop-app: nothing for the learner to do
    const pack = await edited('passes-early', (y) =>
      y.replace('repository: my-first-repo', 'repository: fcj-workshop-app'),
    );
    const r = await verify(pack);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/FAIL create\n.*check before solve: pass/);
    expect(r.out).toMatch(/already passes before the solve/);
  }, 60_000);

  it('a solve that does not make its check pass', async () => {
    // (through a param of its own: a literal resource name in a changing action is refused)
    const pack = await edited('bad-solve', (y) =>
      y
        .replace(
          '  repository: my-first-repo\n',
          '  repository: my-first-repo\n  otherRepo: some-other-repo\n',
        )
        .replace(
          "      name: create-resources\n      params: { repository: '{{repository}}'",
          "      name: create-resources\n      params: { repository: '{{otherRepo}}'",
        ),
    );
    const r = await verify(pack);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/FAIL create\n.*check before solve: fail.*\n.*check after solve: fail/);
    expect(r.out).toMatch(/the solve does not make the step's check pass/);
    expect(r.out).toMatch(/first-repository: verification FAILED/);
  }, 60_000);
});
