/**
 * A lesson pack is data with a boundary (issue 14), shown on the hostile pack in
 * test/fixtures/hostile-pack: `lessons validate` rejects every crossing at its line, the loader
 * refuses the lesson (nothing of it can run), sizes are capped, the checks refuse files outside
 * the working folder and keep every earlier copy, and a pack that is not built in says what it
 * will change and asks before anything runs (the shipped bundle, piped and in a real terminal).
 */
import { spawn } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { loadLesson, listLessons } from '../../src/engine/lesson-loader.js';
import { packPathProblem, plainFileNameProblem } from '../../src/engine/pack-boundary.js';
import { memoryIo } from '../../src/io.js';
import { writeSolutionPolicy } from '../../src/checks/policy-file.js';
import { policyFilePath } from '../../src/checks/util.js';
import type { LabContext } from '../../src/checks/types.js';
import { launcher, spawnTutor, type PtySession } from '../helpers/pty.js';

const PACK = fileURLToPath(new URL('../fixtures/hostile-pack/', import.meta.url));
const EVIL = join(PACK, 'evil');
const EXAMPLES = fileURLToPath(new URL('../../lessons/examples/', import.meta.url));

let dir: string;
const savedHome = process.env.ECR_TUTOR_HOME;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ecr-tutor-pack-'));
  // nothing of the machine's own tutor folder (a saved language, progress) may leak in
  process.env.ECR_TUTOR_HOME = join(dir, 'home');
});
afterAll(async () => {
  if (savedHome === undefined) delete process.env.ECR_TUTOR_HOME;
  else process.env.ECR_TUTOR_HOME = savedHome;
  await rm(dir, { recursive: true, force: true });
});

describe('lessons validate on the hostile pack', () => {
  it('reports every crossing of the boundary as an error at its line', async () => {
    const io = memoryIo();
    const code = await main(['lessons', 'validate', PACK], io);
    expect(code).toBe(1);
    const out = io.stdout().replaceAll(EVIL + '/', '');
    expect(out.split('\n').filter((l) => l.startsWith('lesson.yaml:'))).toEqual([
      'lesson.yaml:12: the step text "../../../../etc/hostname" is refused: it leads out of the lesson folder ("..")',
      'lesson.yaml:16: "delete-repository" deletes cloud resources: a lesson may use it only as verifySetup (run by `lessons verify` on a throw-away sandbox), not as setup',
      `lesson.yaml:17: "delete-repository" changes cloud state, so its "repository" must be one of the lesson's own params ({{name}} of "params:"), not "prod-images"`,
      'lesson.yaml:21: the step text "link.md" is refused: it is a link to /etc/passwd, outside the lesson folder',
      'lesson.yaml:26: the file "/tmp/ecr-tutor-evil-starter.json" is refused: it must be a plain file name in the working folder (no folders, no "..")',
      'lesson.yaml:29: the file "../.bashrc" is refused: it must be a plain file name in the working folder (no folders, no "..")',
      `lesson.yaml:38: "apply-policy" changes cloud state, so its "repository" must be one of the lesson's own params ({{name}} of "params:"), not "prod-images"`,
      'lesson.yaml:47: the file ".bashrc" is refused: it must not be a hidden file (a name starting with "."): those are shell and tool settings',
      `lesson.yaml:50: "create-resources" changes cloud state, so its "repository" must be one of the lesson's own params ({{name}} of "params:"), not "someone-elses-repo"`,
    ]);
    // the other lesson of the pack is fine, and nothing of /etc was read into the output
    expect(out).toContain('ok  escapes (1 step)');
    expect(out).not.toContain('root:x:0:0');
  });

  it('refuses the lesson itself: it cannot be opened, the others are still listed', async () => {
    const r = await loadLesson(EVIL);
    expect(r.lesson).toBeUndefined();
    expect((await listLessons(PACK)).map((l) => l.id)).toEqual(['escapes']);
  });

  it('states the path and file-name rules', () => {
    for (const p of ['/etc/passwd', '../x.md', 'a/../../x', 'C:\\x', '~/x', 'a\0b'])
      expect(packPathProblem(p), p).toBeDefined();
    for (const p of ['01.md', 'steps/01.md']) expect(packPathProblem(p), p).toBeUndefined();
    for (const f of ['.bashrc', '../p.json', '/tmp/p.json', 'a/b.json', '', '..', 'p\n.json'])
      expect(plainFileNameProblem(f), f).toBeDefined();
    expect(plainFileNameProblem('fcj-workshop-app-policy.json')).toBeUndefined();
  });
});

describe('size limits', () => {
  it('refuses a 15 MB lesson.yaml at once, and a step text over 256 KiB', async () => {
    const big = join(dir, 'big', 'big');
    await cp(join(PACK, 'escapes'), big, { recursive: true });
    const yaml = await readFile(join(big, 'lesson.yaml'), 'utf8');
    await writeFile(
      join(big, 'lesson.yaml'),
      yaml.replace('id: escapes', 'id: big') + `# ${'x'.repeat(15 * 1024 * 1024)}\n`,
    );
    const t0 = performance.now();
    const r = await loadLesson(big);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(r.problems[0]?.message).toMatch(
      /lesson\.yaml is \d+ bytes; a lesson\.yaml may have at most 262144/,
    );
    await writeFile(join(big, 'lesson.yaml'), yaml.replace('id: escapes', 'id: big'));
    await writeFile(join(big, '01.md'), 'y'.repeat(300 * 1024));
    const r2 = await loadLesson(big);
    expect(r2.lesson).toBeUndefined();
    expect(r2.problems.map((p) => p.message)).toContain(
      'the step text "01.md" is 307200 bytes; a lesson file may have at most 262144',
    );
  });
});

describe('files the lesson writes', () => {
  function ctx(cwd: string): LabContext {
    const vars: Record<string, string> = {};
    return {
      vars,
      setVar: (k: string, v: string) => void (vars[k] = v),
      lesson: { id: 'l' },
      env: {
        cwd,
        dataDir: join(cwd, 'data'),
        session: { whoAmI: async () => ({ accountId: '123456789012', arn: 'arn' }) },
      },
    } as unknown as LabContext;
  }

  it('refuses any file that is not a plain name in the working folder, at run time too', async () => {
    const c = ctx(dir);
    for (const f of ['../.bashrc', '/home/x/.bashrc', '.bashrc'])
      expect(() => policyFilePath(c, f), f).toThrow(/is refused/);
    await expect(writeSolutionPolicy(c, { file: '../.bashrc', ciUser: 'ci' })).rejects.toThrow(
      /"\.\.\/\.bashrc", which is refused/,
    );
  });

  it('a skip keeps every earlier copy of the file, and names the exact path', async () => {
    const cwd = await mkdtemp(join(dir, 'work-'));
    const file = join(cwd, 'policy.json');
    const c = ctx(cwd);
    await writeFile(file, 'my first try\n');
    const first = await writeSolutionPolicy(c, { file: 'policy.json', ciUser: 'ci' });
    expect(first!.summary).toBe(
      `wrote the finished policy to ${file} (your version is kept as ${file}.before-solve)`,
    );
    await writeFile(file, 'my second try\n');
    const second = await writeSolutionPolicy(c, { file: 'policy.json', ciUser: 'ci' });
    expect(second!.summary).toContain(`kept as ${file}.before-solve-2`);
    expect(await readFile(`${file}.before-solve`, 'utf8')).toBe('my first try\n');
    expect(await readFile(`${file}.before-solve-2`, 'utf8')).toBe('my second try\n');
  });
});

/** Runs the shipped bundle with piped standard input. */
function runBundle(
  args: string[],
  o: { cwd: string; home: string; input?: string },
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [launcher, ...args], {
      cwd: o.cwd,
      env: {
        PATH: process.env.PATH,
        HOME: o.home,
        ECR_TUTOR_HOME: o.home,
        AWS_CONFIG_FILE: '/nonexistent',
        AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.stdin.end(o.input ?? '');
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

describe('consent for a pack that is not built in', () => {
  it('lists what the lesson will change and, with nobody to ask, runs nothing', async () => {
    const cwd = await mkdtemp(join(dir, 'cwd-'));
    const home = await mkdtemp(join(dir, 'home-'));
    const r = await runBundle(['--plain', '--lessons', EXAMPLES], { cwd, home });
    expect(r.code).toBe(1);
    expect(r.err).toContain(`The lesson "first-repository" comes from`);
    expect(r.err).toContain(
      "  - Create the repository, when you skip it: create the ECR repository my-first-repo and the IAM user fcj-ecr-ci-cd-user (those missing), tagged as the tutor's\n",
    );
    expect(r.err).toContain('nothing was changed');
    expect(r.err).toContain('--trust-pack');
    // no sandbox was started, no progress written, no file in the working folder
    expect(await readdir(home)).toEqual([]);
    expect(await readdir(cwd)).toEqual([]);
  }, 60_000);

  it('in a terminal asks [y/N]: no runs nothing; yes is remembered for this pack', async () => {
    let t: PtySession | undefined = await spawnTutor(['--lessons', EXAMPLES]);
    try {
      await t.waitFor('Run this lesson? [y/N]');
      expect(t.screen().replace(/\n/g, '')).toContain('create the ECR repository my-first-repo');
      t.press('n', 'enter');
      expect((await t.waitForExit()).exitCode).toBe(1);
      expect(t.screen()).toContain('nothing was changed');
      const home = t.home;
      expect((await readdir(home)).filter((n) => n !== 'state')).toEqual([]);
      await t.kill();
      t = await spawnTutor(['--lessons', EXAMPLES]);
      await t.waitFor('Run this lesson? [y/N]');
      t.press('y', 'enter');
      await t.waitFor(/step 1\/3/);
      t.press('q');
      expect((await t.waitForExit()).exitCode).toBe(0);
      const again = await spawnTutor(['--lessons', EXAMPLES], { cwd: t.cwd, home: t.home });
      try {
        const s = await again.waitFor(/step 1\/3|Run this lesson/);
        expect(s).not.toContain('Run this lesson');
        again.press('q');
        await again.waitForExit();
      } finally {
        await again.kill();
      }
    } finally {
      await t?.kill();
    }
  }, 90_000);
});
