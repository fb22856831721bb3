import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  runLessonsList,
  runLessonsValidate,
  runLessonsVerify,
} from '../../src/commands/lessons.js';
import { memoryIo } from '../../src/io.js';
import { builtinLessonsDir } from '../../src/paths.js';

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'ecr-tutor-lessons-cmd-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** A copy of the built-in pack with `edit` applied to the manifest text. */
async function editedPack(name: string, edit: (yaml: string) => string): Promise<string> {
  const pack = join(scratch, name);
  await cp(builtinLessonsDir, pack, { recursive: true });
  const manifest = join(pack, 'repository-policy', 'lesson.yaml');
  await writeFile(manifest, edit(await readFile(manifest, 'utf8')));
  return pack;
}

describe('ecr-tutor lessons', () => {
  it('lists the built-in lesson', async () => {
    const io = memoryIo();
    expect(await runLessonsList(io, {})).toBe(0);
    expect(io.stdout()).toMatch(/^repository-policy {2}5\.1 Repository access policy \(9 steps\)/);
  });

  it('validates the built-in lessons', async () => {
    const io = memoryIo();
    expect(await runLessonsValidate(io, {})).toBe(0);
    expect(io.stdout()).toBe(
      'ok  cross-account-pull (7 steps)\nok  explicit-deny (6 steps)\nok  repository-policy (9 steps)\n',
    );
  });

  it('reports an unknown check name with its file and line', async () => {
    const pack = await editedPack('bad-name', (y) =>
      y.replace('check: caller-identity', 'check: caller-identiti'),
    );
    const io = memoryIo();
    expect(await runLessonsValidate(io, { dir: pack })).toBe(1);
    const manifest = join(pack, 'repository-policy', 'lesson.yaml');
    const line =
      (await readFile(manifest, 'utf8'))
        .split('\n')
        .findIndex((l) => l.includes('caller-identiti')) + 1;
    expect(io.stdout()).toContain(`${manifest}:${line}: unknown check "caller-identiti"`);
    expect(io.stderr()).toBe('1 problem found.\n');
  });

  it('verifies the built-in lesson on a throw-away sandbox', async () => {
    const io = memoryIo();
    expect(await runLessonsVerify(io, {})).toBe(0);
    const out = io.stdout();
    for (const id of [
      'connect',
      'account-id',
      'prerequisites',
      'concepts',
      'compose',
      'apply',
      'verify',
      'explain',
      'cleanup',
    ]) {
      expect(out).toMatch(new RegExp(`ok {3}${id}\\n`));
    }
    expect(out).toMatch(
      /check before solve: fail \(fcj-workshop-app has no repository policy yet\.\)/,
    );
    expect(out).toMatch(/repository-policy: every step verified/);
  }, 60_000);

  it('fails verification when a check already passes before its solve', async () => {
    // The prerequisites step without its verifySetup: the seed already has the repository.
    const pack = await editedPack('no-verify-setup', (y) =>
      y.replace(/ {4}verifySetup:\n.*\n.*\n/, ''),
    );
    const io = memoryIo();
    expect(await runLessonsVerify(io, { dir: pack })).toBe(1);
    expect(io.stdout()).toMatch(/FAIL prerequisites\n.*check before solve: pass/);
    expect(io.stdout()).toMatch(/already passes before the solve/);
  }, 60_000);
});
