/**
 * The commands' own words in both languages, through the shipped bundle (node bin/ecr-tutor.js)
 * against a sandbox on port 0 that holds a learner's real progress: whole outputs of `status`,
 * `report --format md|json|junit`, `class`, `cleanup`, `sandbox env`, `lessons list|validate`,
 * in Vietnamese with `--lang vi` and with `LANG=vi_VN.UTF-8` (the same bytes), and in English
 * under `LANG=C`. Every output is decoded as strict UTF-8 and must be NFC. Snapshots are files
 * beside this test (test/i18n/__snapshots__/vi-commands/), named by command and language, so a
 * reviewer reads them as the Markdown, JSON or XML they are.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLesson, type TutorEngine } from '../../src/app/index.js';
import { sessionForSandbox, type AwsSession } from '../../src/aws/session.js';
import { defaultSandboxStateDir } from '../../src/sandbox/index.js';
import { savedLanguagePath } from '../../src/i18n/saved-language.js';
import { launcher, spawnTutor } from '../helpers/pty.js';
import { textWidth } from '../../src/text/width.js';
import { learnerHome, type LearnerHome } from '../helpers/tutor-cli.js';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';

let lh: LearnerHome;
let tsb: TestSandbox;
let session: AwsSession;
let reports: string;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Bytes that must be valid UTF-8 and NFC, decoded. */
function utf8(bytes: Buffer): string {
  const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  expect(text.normalize('NFC')).toBe(text);
  return text;
}

/** Runs the bundle as the learner's shell would (asynchronously: the sandbox here must answer). */
function run(args: string[], env: Record<string, string | undefined>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [launcher, ...args],
      { cwd: lh.home, env: lh.env(env), encoding: 'buffer', timeout: 120_000 },
      (err, stdout, stderr) => {
        const code =
          err && typeof (err as { code?: unknown }).code === 'number'
            ? (err as { code: number }).code
            : err
              ? 1
              : 0;
        resolve({ code, stdout: norm(utf8(stdout)), stderr: norm(utf8(stderr)) });
      },
    );
  });
}

/** What differs from run to run (account ids, ports, folders, times, keys) as placeholders. */
function norm(text: string): string {
  return (
    text
      .split(lh.tutorHome)
      .join('<tutor-home>')
      .split(reports)
      .join('<reports>')
      .split(lh.home)
      .join('<home>')
      .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:<port>')
      .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z?/g, '<time>')
      // a generated image carries the time it was made (masked before the account: a digest
      // may hold a run of 12 decimal digits)
      .replace(/sha256:[0-9a-f]{64}/g, 'sha256:<digest>')
      .replace(/sha256:[0-9a-f]{12}…/g, 'sha256:<short>…')
      .replace(/(?<![0-9])\d{12}(?![0-9])/g, '<account>')
      .replace(/AKIA[A-Z2-7]{16}/g, '<access-key-id>')
      // the verify step's tag is random per learner
      .replace(/ecr-tutor-check-[0-9a-f]{8}/g, 'ecr-tutor-check-<tag>')
      .replace(/\b\d+ (bytes?|byte)\b/g, '<n> $1')
      .replace(/(AWS_SECRET_ACCESS_KEY=')[^']+'/g, "$1<secret>'")
  );
}

const LANGS = {
  /**
   * --lang vi on the command line, in an English locale. The tutor remembers an explicit --lang
   * (state/language.json), which would then win over LANG=C: forgotten after each run here.
   */
  vi: async (args: string[]) => {
    const r = await run([...args, '--lang', 'vi'], { LANG: 'C' });
    await rm(savedLanguagePath(lh.env()), { force: true });
    return r;
  },
  /** the locale alone */
  viLocale: (args: string[]) => run(args, { LANG: 'vi_VN.UTF-8' }),
  en: (args: string[]) => run(args, { LANG: 'C' }),
};

/** A command in the three ways; Vietnamese by flag and by locale are the same bytes. */
async function inBothLanguages(args: string[]): Promise<{ vi: Run; en: Run }> {
  const vi = await LANGS.vi(args);
  const viLocale = await LANGS.viLocale(args);
  const en = await LANGS.en(args);
  expect(viLocale).toEqual(vi);
  expect(vi.code).toBe(en.code);
  return { vi, en };
}

const snap = (name: string): string => `./__snapshots__/vi-commands/${name}`;

/** One text file of a whole run: exit code, standard output, standard error. */
const transcript = (r: Run): string =>
  `exit ${r.code}\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}`;

async function workUntil(engine: TutorEngine, untilId: string): Promise<void> {
  for (;;) {
    const s = engine.snapshot();
    const def = s.steps[s.currentIndex]!.def;
    if (def.id === untilId) return;
    const r = def.solve ? await engine.skip() : await engine.check();
    if (r.status !== 'pass') throw new Error(`${def.id}: ${r.summary}`);
    engine.next();
  }
}

beforeAll(async () => {
  lh = await learnerHome();
  reports = await mkdtemp(join(tmpdir(), 'ecr-tutor-vi-reports-'));
  // the learner's own sandbox, on port 0, where the bundle finds it (its state folder)
  tsb = await startTestSandbox({ stateDir: defaultSandboxStateDir(lh.env()) });
  session = sessionForSandbox(tsb.sandbox);
  // real progress: the learner is at the verify step, cleo (a second learner) at compose
  for (const [learner, until] of [
    [undefined, 'verify'],
    ['cleo', 'compose'],
  ] as const) {
    const cwd = join(lh.home, learner ?? 'solo');
    await mkdir(cwd, { recursive: true });
    const engine = await openLesson({
      target: {},
      session,
      cwd,
      env: lh.env(),
      ...(learner ? { learner } : {}),
    });
    await workUntil(engine, until);
    await engine.close();
  }
}, 120_000);

afterAll(async () => {
  await session?.close();
  await tsb?.cleanup();
  await lh?.remove();
  if (reports) await rm(reports, { recursive: true, force: true });
});

describe('command output in Vietnamese and English', () => {
  it('status', async () => {
    const { vi, en } = await inBothLanguages(['status']);
    await expect(transcript(vi)).toMatchFileSnapshot(snap('status.vi.txt'));
    await expect(transcript(en)).toMatchFileSnapshot(snap('status.en.txt'));
    const cleo = await inBothLanguages(['status', '--learner', 'cleo']);
    expect(cleo.vi.stdout).toMatch(/^Tiến độ đã lưu của cleo trên sandbox, tài khoản <account>/);
    expect(cleo.en.stdout).toMatch(/^Saved progress of cleo for the sandbox account <account>/);
  }, 60_000);

  it('report --format md, json, junit', async () => {
    for (const [format, ext] of [
      ['md', 'md'],
      ['json', 'json'],
      ['junit', 'xml'],
    ] as const) {
      const { vi, en } = await inBothLanguages(['report', '--format', format]);
      expect(vi.code).toBe(0);
      expect(vi.stderr).toBe('');
      await expect(vi.stdout).toMatchFileSnapshot(snap(`report.vi.${ext}`));
      await expect(en.stdout).toMatchFileSnapshot(snap(`report.en.${ext}`));
      if (format === 'json') {
        // the same shape and machine values in both languages: only the words differ
        const shape = (x: unknown): unknown =>
          Array.isArray(x)
            ? x.map(shape)
            : x && typeof x === 'object'
              ? Object.fromEntries(Object.entries(x).map(([k, v]) => [k, shape(v)]))
              : typeof x;
        const a = JSON.parse(vi.stdout) as { steps: Array<{ status: string; check: string }> };
        const b = JSON.parse(en.stdout) as typeof a;
        expect(shape(a)).toEqual(shape(b));
        expect(a.steps.map((s) => [s.status, s.check])).toEqual(
          b.steps.map((s) => [s.status, s.check]),
        );
      }
      if (format === 'junit') {
        // the machine parts are the same: element and attribute names, counts, failure types
        const skeleton = (x: string): string[] =>
          [...x.matchAll(/<[a-z-]+|\b(?:tests|failures|errors|skipped|type)="[^"]*"/g)].map(
            (m) => m[0],
          );
        expect(skeleton(vi.stdout)).toEqual(skeleton(en.stdout));
      }
    }
  }, 90_000);

  it('class, over reports written in both languages', async () => {
    const w1 = await LANGS.vi(['report', '--format', 'json', '--out', join(reports, 'solo.json')]);
    expect(w1).toEqual({
      code: 0,
      stdout: '',
      stderr: 'Đã ghi báo cáo vào <reports>/solo.json.\n',
    });
    const w2 = await LANGS.en([
      'report',
      '--learner',
      'cleo',
      '--format',
      'json',
      '--out',
      join(reports, 'cleo.json'),
    ]);
    expect(w2).toEqual({
      code: 0,
      stdout: '',
      stderr: 'Wrote the report to <reports>/cleo.json.\n',
    });
    const { vi, en } = await inBothLanguages(['class', reports]);
    await expect(vi.stdout).toMatchFileSnapshot(snap('class.vi.md'));
    await expect(en.stdout).toMatchFileSnapshot(snap('class.en.md'));
    const none = await inBothLanguages(['class', join(reports, 'nope')]);
    expect(none.vi).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'lỗi: <reports>/nope không phải là thư mục.\n' +
        '  thử: Gom báo cáo của các học viên (`ecr-tutor report --format json --out NAME.json`) vào một thư mục rồi truyền thư mục đó.\n',
    });
    expect(none.en.stderr).toMatch(/^error: <reports>\/nope is not a folder\.\n {2}try: Collect/);
  }, 90_000);

  it('sandbox env: the export lines are the same bytes in both languages', async () => {
    const { vi, en } = await inBothLanguages(['sandbox', 'env', '--user', 'fcj-ecr-ci-cd-user']);
    await expect(transcript(vi)).toMatchFileSnapshot(snap('sandbox-env.vi.txt'));
    await expect(transcript(en)).toMatchFileSnapshot(snap('sandbox-env.en.txt'));
    const shellLines = (r: Run) => r.stdout.split('\n').filter((l) => !l.startsWith('#'));
    expect(shellLines(vi)).toEqual(shellLines(en));
    // the real keys are the same too (the snapshot hides them)
    const raw = async (lang: Record<string, string>) =>
      new Promise<string>((resolve) =>
        execFile(
          process.execPath,
          [launcher, 'sandbox', 'env'],
          { cwd: lh.home, env: lh.env(lang) },
          (_e, out) => resolve(String(out)),
        ),
      );
    const exports = (s: string) => s.split('\n').filter((l) => /^(export|unset) /.test(l));
    expect(exports(await raw({ LANG: 'vi_VN.UTF-8' }))).toEqual(exports(await raw({ LANG: 'C' })));
    expect(exports(await raw({ LANG: 'C' }))).toHaveLength(6);
  }, 60_000);

  it('lessons list and validate', async () => {
    for (const sub of ['list', 'validate']) {
      const { vi, en } = await inBothLanguages(['lessons', sub]);
      expect(vi.code).toBe(0);
      await expect(transcript(vi)).toMatchFileSnapshot(snap(`lessons-${sub}.vi.txt`));
      await expect(transcript(en)).toMatchFileSnapshot(snap(`lessons-${sub}.en.txt`));
    }
  }, 60_000);

  it('in a terminal, long Vietnamese lines wrap at spaces with an indent (80 and 60 columns)', async () => {
    const screens: string[] = [];
    for (const [args, cols] of [
      [['status'], 60],
      [['cleanup'], 80],
      [['cleanup'], 60],
    ] as const) {
      const t = await spawnTutor([...args, '--lang', 'vi'], {
        cols,
        rows: 30,
        cwd: lh.home,
        home: lh.tutorHome,
      });
      try {
        expect((await t.waitForExit(60_000)).exitCode).toBe(0);
        const screen = norm(t.screen()).trimEnd();
        // the same words as the lines a pipe gets: the terminal cut none of them in two
        const piped = await LANGS.vi([...args]);
        const words = (x: string) => x.split(/\s+/).filter(Boolean);
        expect(words(screen)).toEqual(words(piped.stdout));
        // and the lines are long enough that this was at stake
        expect(screen.split('\n').some((l) => textWidth(l) > cols - 10)).toBe(true);
        screens.push(screen);
      } finally {
        await t.kill();
        await rm(savedLanguagePath(lh.env()), { force: true });
      }
    }
    expect(screens[0]).toMatchInlineSnapshot(`
      "Tiến độ đã lưu trên sandbox, tài khoản <account>
        (us-east-1):
        (theo kết quả của lần kiểm tra gần nhất, không kiểm tra
          lại lúc này: \`ecr-tutor check\` kiểm tra lại trên trạng
          thái thật)
        5.1 Chính sách truy cập repository: xong 6/9 bước
          [x] Kết nối
          [s] Tìm account ID của bạn (bỏ qua: tutor làm giúp)
          [s] Kiểm tra repository và CI user (bỏ qua: tutor làm
            giúp)
          [s] Identity policy và repository policy (bỏ qua: tutor
            làm giúp)
          [s] Soạn policy (bỏ qua: tutor làm giúp)
          [s] Áp dụng policy cho repository (bỏ qua: tutor làm
            giúp)
          [ ] Push và pull bằng CI user   <- bạn đang ở đây
          [ ] Vì sao nó chạy được, và cho ai
          [ ] Dọn dẹp (không bắt buộc)
        Pull từ tài khoản khác: chưa bắt đầu
        Deny tường minh, dùng sao cho an toàn: chưa bắt đầu"
    `);
    expect(screens[1]).toMatchInlineSnapshot(`
      "  giữ lại: repository fcj-workshop-app: không phải do tutor tạo (không có tag
          ecr-tutor), nên được giữ nguyên
        giữ lại: IAM user fcj-ecr-ci-cd-user: không phải do tutor tạo (không có tag
          ecr-tutor), nên user này và các key của nó được giữ nguyên
      Bài học "repository-policy" đã để lại trên sandbox, tài khoản <account>
        (us-east-1):
        - gỡ policy của bài học khỏi fcj-workshop-app (trước bài học nó không có
          policy nào)
      Chưa thay đổi gì. Chạy lại với --yes để làm những việc ở trên."
    `);
    expect(screens[2]).toMatchInlineSnapshot(`
      "  giữ lại: repository fcj-workshop-app: không phải do tutor
          tạo (không có tag ecr-tutor), nên được giữ nguyên
        giữ lại: IAM user fcj-ecr-ci-cd-user: không phải do tutor
          tạo (không có tag ecr-tutor), nên user này và các key
          của nó được giữ nguyên
      Bài học "repository-policy" đã để lại trên sandbox, tài
        khoản <account> (us-east-1):
        - gỡ policy của bài học khỏi fcj-workshop-app (trước bài
          học nó không có policy nào)
      Chưa thay đổi gì. Chạy lại với --yes để làm những việc ở
        trên."
    `);
  }, 120_000);

  it('push and pull: the tutor speaks the language, the registry and AWS keep their own words', async () => {
    const as = ['--user', 'fcj-ecr-ci-cd-user'];
    const push = await inBothLanguages(['push', '--generate', 'fcj-workshop-app:vi-push', ...as]);
    expect(push.vi.code).toBe(0);
    await expect(transcript(push.vi)).toMatchFileSnapshot(snap('push.vi.txt'));
    await expect(transcript(push.en)).toMatchFileSnapshot(snap('push.en.txt'));
    const pull = await inBothLanguages(['pull', 'fcj-workshop-app:vi-push', ...as]);
    expect(pull.vi.code).toBe(0);
    await expect(transcript(pull.vi)).toMatchFileSnapshot(snap('pull.vi.txt'));
    await expect(transcript(pull.en)).toMatchFileSnapshot(snap('pull.en.txt'));
    // a partner of another account may not even log in: AWS's sentence as AWS wrote it
    const denied = await inBothLanguages([
      'push',
      '--generate',
      'fcj-workshop-app:x',
      '--user',
      'partner-developer',
    ]);
    expect(denied.vi).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'lỗi: User: arn:aws:iam::<account>:user/partner-developer is not authorized to perform: ecr:GetAuthorizationToken on resource: * because no identity-based policy allows the ecr:GetAuthorizationToken action\n' +
        '  thử: các policy không cho phép action này với credentials đang dùng; câu ở trên cho biết policy nào\n',
    });
    expect(denied.en.stderr).toMatch(/\n {2}try: the policies do not allow this action/);
    const bad = await LANGS.vi(['push', '--generate', 'Bad:x']);
    expect(bad).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'lỗi: "Bad:x" không phải là tên image dạng REPO:TAG\n' +
        '  thử: ví dụ fcj-workshop-app:ci-test (tên repository viết thường)\n',
    });
  }, 90_000);

  // last: --yes changes the sandbox
  it('cleanup: the plan, the clean-up, and the second run that finds nothing', async () => {
    const plan = await inBothLanguages(['cleanup']);
    await expect(transcript(plan.vi)).toMatchFileSnapshot(snap('cleanup.vi.txt'));
    await expect(transcript(plan.en)).toMatchFileSnapshot(snap('cleanup.en.txt'));
    const cleo = await LANGS.vi(['cleanup', '--learner', 'cleo', '--yes']);
    await expect(transcript(cleo)).toMatchFileSnapshot(snap('cleanup-yes.vi.txt'));
    const again = await inBothLanguages(['cleanup', '--learner', 'cleo']);
    expect(again.vi.stdout).toBe(
      'Không có gì cần dọn dẹp cho cleo trên sandbox, tài khoản <account> (us-east-1): bài học "repository-policy" không để lại thứ gì do tutor tạo ra hay thay đổi.\n',
    );
    expect(again.en.stdout).toBe(
      'Nothing to clean up for cleo in the sandbox account <account> (us-east-1): the lesson "repository-policy" left nothing the tutor made or changed.\n',
    );
    const noLesson = await LANGS.vi(['cleanup', 'nope']);
    expect(noLesson).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'lỗi: Không có bài học "nope".\n' +
        '  thử: Chạy `ecr-tutor lessons list` để xem các bài học (ví dụ repository-policy).\n',
    });
  }, 90_000);
});

describe('sandbox env before any sandbox runs', () => {
  it('says so on stderr in the learner language; stdout is the export lines', async () => {
    const empty = await learnerHome();
    try {
      const r = (lang: Record<string, string>) =>
        new Promise<Run>((resolve) =>
          execFile(
            process.execPath,
            [launcher, 'sandbox', 'env'],
            { cwd: empty.home, env: empty.env(lang), encoding: 'buffer' },
            (_e, out, err) =>
              resolve({
                code: 0,
                stdout: utf8(out),
                stderr: utf8(err).split(empty.tutorHome).join('<tutor-home>'),
              }),
          ),
        );
      const vi = await r({ LANG: 'vi_VN.UTF-8' });
      const en = await r({ LANG: 'C' });
      expect(vi.stderr).toBe(
        'lưu ý: chưa có sandbox nào chạy trên <tutor-home>/data/sandbox; khởi động bằng `ecr-tutor sandbox start`, rồi chạy lại lệnh này để AWS_ENDPOINT_URL trỏ đúng vào nó (các key vẫn giữ nguyên)\n',
      );
      expect(en.stderr).toBe(
        'note: no sandbox is running on <tutor-home>/data/sandbox; start one with `ecr-tutor sandbox start`, then run this command again so AWS_ENDPOINT_URL points at it (the keys stay the same)\n',
      );
      const shell = (s: string) => s.split('\n').filter((l) => !l.startsWith('#'));
      expect(shell(vi.stdout)).toEqual(shell(en.stdout));
    } finally {
      await empty.remove();
    }
  }, 60_000);
});

describe('sandbox start and reset in Vietnamese', () => {
  it('start says where it listens (the contract line stays English), reset is refused while it runs, Ctrl-C stops it', async () => {
    const own = await learnerHome();
    const child = own.spawn(['sandbox', 'start', '--port', '0', '--lang', 'vi']);
    try {
      let out = '';
      let err = '';
      child.stdout!.on('data', (d: Buffer) => (out += d.toString('utf8')));
      child.stderr!.on('data', (d: Buffer) => (err += d.toString('utf8')));
      await new Promise<void>((resolve, reject) => {
        const check = () => (err.includes('nhấn Ctrl-C để dừng\n') ? resolve() : undefined);
        child.stderr!.on('data', check);
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${err}`)));
      });
      expect(out).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+\n$/);
      const clean = (x: string) =>
        x
          .split(own.tutorHome)
          .join('<tutor-home>')
          .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:<port>')
          .replace(/(?<![0-9])\d{12}(?![0-9])/g, '<account>');
      expect(clean(err)).toBe(
        'sandbox đang lắng nghe ở http://127.0.0.1:<port> (dữ liệu lưu ở <tutor-home>/data/sandbox)\n' +
          'tài khoản <account> (tài khoản thứ hai <account>), Region us-east-1, dữ liệu lưu ở <tutor-home>/data/sandbox\n' +
          'để AWS CLI gọi tới sandbox, chạy ở một terminal khác: eval "$(ecr-tutor sandbox env)"\n' +
          'nhấn Ctrl-C để dừng\n',
      );
      // the --lang above was remembered for this home: reset speaks Vietnamese without it
      const refused = await own.run(['sandbox', 'reset']);
      expect(refused.code).toBe(1);
      expect(clean(refused.stderr)).toMatch(
        /^lỗi: đang có một sandbox chạy trên dữ liệu này \(process \d+, http:\/\/127\.0\.0\.1:<port>\)\n {2}thử: dừng nó trước \(Ctrl-C ở terminal của nó, hoặc kill \d+\), rồi chạy lại `ecr-tutor sandbox reset`\n$/,
      );
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      expect(err.endsWith('sandbox đã dừng\n')).toBe(true);
      const reset = await own.run(['sandbox', 'reset']);
      expect(reset.code).toBe(0);
      expect(clean(reset.stdout)).toBe(
        'sandbox đã về lại trạng thái đầu workshop: tài khoản mới <account>, access key mới\n' +
          'chạy lại eval "$(ecr-tutor sandbox env)" ở những shell còn dùng key cũ\n',
      );
      const en = await own.run(['sandbox', 'reset', '--lang', 'en']);
      expect(clean(en.stdout)).toMatch(
        /^sandbox reset to the workshop state: new account <account>/,
      );
    } finally {
      child.kill('SIGKILL');
      await own.remove();
    }
  }, 60_000);
});
