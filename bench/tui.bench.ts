/**
 * The tutor's start-up and memory, measured on the bundled CLI (`npm run build` output,
 * started through bin/ecr-tutor.js) in a real pseudo-terminal at 80x24 (util-linux `script`).
 *
 * - First frame: wall time from spawning the process to the moment the terminal shows
 *   (a) the first output (a status line printed before Ink, the AWS SDK and the sandbox
 *   load) and (b) the first complete lesson frame (header, steps, text, check
 *   panel, key footer). For the sandbox that frame is drawn from local files (the sandbox's
 *   state file, the progress file, a cached copy of the parsed lesson: previewLesson) while
 *   the SDK loads, the sandbox starts and STS answers behind it; (c) is when that live engine
 *   was ready, as the tutor's own clock saw it. The env hook ECR_TUTOR_EXIT_AFTER_FIRST_FRAME=1
 *   makes the tutor quit right after (b) (and print (c)), so each run is one start. Baseline,
 *   in the same run and the same pty: `node -e` printing one line. Goal: lesson frame <= 3x
 *   the baseline. Runs reuse one ECR_TUTOR_HOME, i.e. a returning learner whose sandbox state
 *   already exists (the untimed first start creates it).
 * - Peak RSS: the whole lesson driven through the TUI by keys written to the pty (answers,
 *   quiz, a saved policy file, skips), the process reporting process.resourceUsage().maxRSS
 *   on exit (hook ECR_TUTOR_REPORT_PEAK_RSS=1). Goal: < 150 MiB.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sample, type BenchModule, type BenchRow, type Sample } from './lib.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
/** BENCH_TUI_ROOT measures a package laid out elsewhere (bin/, dist/, lessons/) instead. */
const root = process.env.BENCH_TUI_ROOT ?? repoRoot;
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]|\u001b[()][A-Z0-9]|\r/g;

interface Pty {
  /** plain text printed since the start (escape codes removed) */
  text(): string;
  write(keys: string): void;
  /** resolves with ms since spawn when `re` matches the text after `from` */
  waitFor(re: RegExp, timeoutMs?: number, from?: number): Promise<number>;
  exit: Promise<number | null>;
  t0: number;
}

/** Runs a shell command in a pseudo-terminal of 80x24. */
function pty(command: string, env: NodeJS.ProcessEnv, cwd: string): Pty {
  const t0 = performance.now();
  const child = spawn('script', ['-qfec', `stty cols 80 rows 24; exec ${command}`, '/dev/null'], {
    cwd,
    env: { ...process.env, TERM: 'xterm-256color', FORCE_COLOR: '0', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let raw = '';
  let plain = '';
  const waiters: Array<() => void> = [];
  child.stdout.on('data', (d: Buffer) => {
    raw += d.toString();
    plain = raw.replace(ANSI, '');
    for (const w of waiters.splice(0)) w();
  });
  const exit = new Promise<number | null>((res) => child.on('close', res));
  return {
    t0,
    text: () => plain,
    write: (k) => void child.stdin.write(k),
    exit,
    waitFor(re, timeoutMs = 30_000, from = 0) {
      return new Promise((resolve, reject) => {
        let settled = false;
        const finish = (fn: () => void) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          fn();
        };
        const fail = (why: string) =>
          finish(() =>
            reject(new Error(`${why} ${re}; screen text so far:\n${plain.slice(-1500)}`)),
          );
        const check = () => {
          if (settled) return;
          if (re.test(plain.slice(from))) finish(() => resolve(performance.now() - t0));
          else waiters.push(check);
        };
        const timer = setTimeout(() => fail('timed out waiting for'), timeoutMs);
        void exit.then(() => setTimeout(() => (check(), fail('exited before')), 50));
        check();
      });
    },
  };
}

async function newestMtime(dir: string): Promise<number> {
  let newest = 0;
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? await newestMtime(p) : (await stat(p)).mtimeMs);
  }
  return newest;
}

/** Builds the bundle when it is missing or older than the sources. */
async function ensureBuilt(): Promise<void> {
  if (root !== repoRoot) return;
  const out = join(root, 'dist/cli.js');
  if (existsSync(out) && statSync(out).mtimeMs >= (await newestMtime(join(root, 'src')))) return;
  const r = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm run build failed:\n${r.stderr}`);
}

const TUTOR = `${JSON.stringify(process.execPath)} ${JSON.stringify(join(root, 'bin/ecr-tutor.js'))}`;

async function firstFrames(
  home: string,
): Promise<{ boot: number; ink: number; lesson: number; live: number }> {
  const p = pty(TUTOR, { ECR_TUTOR_HOME: home, ECR_TUTOR_EXIT_AFTER_FIRST_FRAME: '1' }, home);
  const boot = await p.waitFor(/ECR tutor · connecting to /);
  const ink = await p.waitFor(/Connecting to the sandbox|q quit/);
  const lesson = await p.waitFor(/q quit/);
  const code = await p.exit;
  if (code !== 0) throw new Error(`the tutor exited with ${code}:\n${p.text().slice(-1500)}`);
  const live = /live-ms=(\d+)/.exec(p.text());
  if (!live)
    throw new Error(`the tutor did not report when it was live:\n${p.text().slice(-1500)}`);
  return { boot, ink, lesson, live: Number(live[1]) };
}

async function baseline(home: string): Promise<number> {
  const p = pty(
    `${JSON.stringify(process.execPath)} -e "process.stdout.write('ready\\n')"`,
    {},
    home,
  );
  const t = await p.waitFor(/ready/);
  await p.exit;
  return t;
}

/** Drives the whole lesson through the TUI; returns the peak RSS in KiB the tutor reported. */
async function wholeLesson(home: string, cwd: string): Promise<number> {
  const p = pty(TUTOR, { ECR_TUTOR_HOME: home, ECR_TUTOR_REPORT_PEAK_RSS: '1' }, cwd);
  let mark = 0;
  const step = async (re: RegExp, keys?: string) => {
    await p.waitFor(re, 30_000, mark);
    mark = p.text().length;
    if (keys !== undefined) {
      // one key at a time, as typed
      for (const k of keys) {
        p.write(k);
        await new Promise((r) => setTimeout(r, 15));
      }
    }
  };
  await step(/Passed: Connected/, '\r');
  await p.waitFor(/account (\d{12})/);
  const account = /account (\d{12})/.exec(p.text())![1]!;
  await step(/Your 12-digit AWS account ID/, `${account}\r`);
  await step(/Passed: Right/, '\r');
  await step(/Passed: Found the repository/, '\r');
  await step(/questions below the text/, '\r');
  await step(/Q1\./, '1');
  await step(/Q2\./, '2');
  await step(/Q3\./, '2');
  await step(/Q4\./, '2');
  await step(/All 4 answers are right/, '\r');
  await step(/Compose the policy/);
  await p.waitFor(/line \d+:\d+/, 30_000, mark);
  await writeFile(
    join(cwd, 'fcj-workshop-app-policy.json'),
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'AllowPushPull',
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${account}:user/fcj-ecr-ci-cd-user` },
          Action: [
            'ecr:BatchCheckLayerAvailability',
            'ecr:InitiateLayerUpload',
            'ecr:UploadLayerPart',
            'ecr:CompleteLayerUpload',
            'ecr:PutImage',
            'ecr:BatchGetImage',
            'ecr:GetDownloadUrlForLayer',
          ],
        },
      ],
    }),
  );
  await step(/step 6\/9/, 's');
  await step(/Skip this step\?/, 'y');
  await step(/Passed: The policy on/, '\r');
  // step 7 is the learner's own push from another terminal: skipped here (the tutor pushes)
  await step(/step 7\/9/, 's');
  await step(/Skip this step\?/, 'y');
  await step(/Skipped|Passed/, '\r');
  await step(/Answer the question first/, '3');
  await step(/is allowed by the repository policy/, '\r');
  await step(/step 9\/9/, 's');
  await step(/Skip this step\?/, 'y');
  await step(/Lesson complete/, 'q');
  await p.exit;
  const m = /peak-rss-kb=(\d+)/.exec(p.text());
  if (!m) throw new Error(`no peak RSS reported:\n${p.text().slice(-1500)}`);
  return Number(m[1]);
}

const bench: BenchModule = {
  title:
    'TUI: time to first frame (bundled CLI in a pty, 80x24) and peak memory through a whole lesson',
  async run(ctx) {
    if (spawnSync('script', ['--version']).status !== 0) {
      throw new Error('util-linux `script` is needed to run the tutor in a pseudo-terminal');
    }
    await ensureBuilt();
    const home = join(ctx.tmpDir, 'home');
    await mkdir(home, { recursive: true });
    const reps = ctx.quick ? 3 : 9;
    // one untimed start creates the sandbox state (a first-time learner's extra cost)
    await firstFrames(home);
    await baseline(home);
    const boots: number[] = [];
    const lessons: number[] = [];
    const inks: number[] = [];
    const bases: number[] = [];
    const lives: number[] = [];
    for (let i = 0; i < reps; i++) {
      bases.push(await baseline(home));
      const f = await firstFrames(home);
      boots.push(f.boot);
      lessons.push(f.lesson);
      inks.push(f.ink);
      lives.push(f.live);
    }
    const base = sample(bases);
    const cwd = join(ctx.tmpDir, 'lesson-cwd');
    const lessonHome = join(ctx.tmpDir, 'lesson-home');
    await mkdir(cwd, { recursive: true });
    await mkdir(lessonHome, { recursive: true });
    const rssMiB = (await wholeLesson(lessonHome, cwd)) / 1024;
    const timed = (name: string, x: Sample, goal?: boolean): BenchRow => ({
      name,
      value: x.median,
      unit: 'ms',
      runs: x.runs,
      spread: { min: x.min, max: x.max },
      lowerIsBetter: true,
      baseline: { name: 'node -e (one line)', value: base.median },
      ratio: x.median / base.median,
      ...(goal ? { goal: '<= 3x node -e', met: x.median <= 3 * base.median } : {}),
    });
    const rows: BenchRow[] = [
      timed('first output (a status line, before Ink and the AWS SDK load)', sample(boots)),
      timed('first Ink frame ("Connecting to the sandbox…", or the lesson if ready)', sample(inks)),
      timed(
        'first complete lesson frame (from local files; sandbox and STS open behind it)',
        sample(lessons),
        true,
      ),
      timed(
        "lesson live (sandbox started, STS identity read; the tutor's own clock)",
        sample(lives),
      ),
      {
        name: 'peak RSS through the whole lesson in the TUI',
        value: rssMiB,
        unit: 'MiB',
        runs: 1,
        lowerIsBetter: true,
        goal: '< 150 MiB',
        met: rssMiB < 150,
      },
    ];
    return rows;
  },
};

export default bench;
