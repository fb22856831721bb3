/**
 * `--plain` at 80 columns for every built-in lesson, as it ships: the built bundle through
 * bin/ecr-tutor.js in a real pty under TERM=dumb, against a sandbox of its own on port 0 (own
 * ECR_TUTOR_HOME), every step skipped in turn so that each step's text is printed. Across the
 * whole run: no row the terminal had to wrap (the tutor wrapped it already, once), no Markdown
 * mark, ASCII only.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startOwnSandbox, type OwnSandbox } from '../helpers/own-sandbox.js';
import { spawnTutor, type PtySession } from '../helpers/pty.js';

let t: PtySession | undefined;
let sandbox: OwnSandbox | undefined;
let home = '';
afterEach(async () => {
  await t?.kill();
  await sandbox?.stop();
  await rm(home, { recursive: true, force: true });
  t = undefined;
  sandbox = undefined;
});

/** The rows the terminal holds, as text. */
function rows(s: PtySession): string[] {
  return s.history().map((r) => r.text);
}

describe('--plain at 80 columns under TERM=dumb, every lesson', () => {
  // [lesson, its steps, the step whose text ends the walk]: repository-policy stops at step 8,
  // whose trace is printed below its question (the walk here reads the last rows for a prompt)
  for (const [lesson, steps, until] of [
    ['repository-policy', 9, 8],
    ['cross-account-pull', 7, 7],
    ['explicit-deny', 6, 6],
  ] as const) {
    it(`${lesson}: every step's text fits once, no Markdown marks, ASCII only`, async () => {
      home = await mkdtemp(join(tmpdir(), 'ecr-tutor-plain-'));
      sandbox = await startOwnSandbox(home);
      t = await spawnTutor(['start', lesson, '--plain'], {
        cols: 80,
        rows: 24,
        cwd: home,
        env: { ...sandbox.env, TERM: 'dumb' },
      });
      const s = t;
      // answer each prompt as it comes: skip the step, confirm, go on, answer questions (1, then
      // 2, ... until right); a prompt is the last row with text on it that starts "? " (or "> "
      // under TERM=dumb), or a numbered choice below a question, below the one answered last
      const isPrompt = (row: string): boolean => /^[?>] .*\S/.test(row) || /^ {2}\d\) /.test(row);
      const lastPrompt = (): number => {
        const r = rows(s);
        let k = r.length - 1;
        while (k >= 0 && !r[k]!.trim()) k--;
        // a prompt inquirer wrapped itself ends on a row of its own
        for (let up = k; up >= 0 && up > k - 3; up--) if (isPrompt(r[up]!)) return k;
        return -1;
      };
      let answered = -1;
      const prompts = new Set<number>();
      const tries = new Map<string, number>();
      const last = new RegExp(`== Step ${until} of ${steps}`);
      for (let i = 0; i < steps * 12; i++) {
        await s.waitFor(() => lastPrompt() > answered || s.exit() !== undefined, 30_000);
        if (s.exit()) break;
        // the prompt is drawn in pieces (a question, then its choices): read it once it is quiet
        for (let screen = s.screen(); ;) {
          try {
            screen = await s.waitForChange(screen, 400);
          } catch {
            break;
          }
        }
        answered = lastPrompt();
        const r = rows(s);
        let q = answered;
        while (q > 0 && !/^[?>] /.test(r[q]!)) q--;
        prompts.add(q);
        const prompt = r.slice(q, answered + 1).join('\n');
        const choices = prompt.match(/^ {2}\d\) /gm)?.length ?? 0;
        if (choices > 0) {
          const n = tries.get(r[q]!) ?? 0;
          tries.set(r[q]!, n + 1);
          s.write(`${(n % choices) + 1}\r`);
        } else if (/y\/n/i.test(prompt)) s.write('y\r');
        else if (last.test(r.join('\n'))) break;
        else if (/Enter = next step/.test(prompt)) s.write('\r');
        // a step with nothing to apply (it only checks): check it
        else if (/no automatic solution/.test(r.slice(Math.max(0, q - 3), q).join('\n')))
          s.write('\r');
        else s.write('s\r');
      }
      const history = s.history();
      const text = history.map((r) => r.text).join('\n');
      // the prompts themselves (inquirer's "> " under TERM=dumb) are not the lesson's text
      const printed = history
        .filter((_, k) => !prompts.has(k) && !/^> Please /.test(history[k]!.text))
        .map((r) => r.text)
        .join('\n');
      for (let k = 1; k <= until; k++) expect(text).toContain(`== Step ${k} of ${steps}`);
      // no row continued by the terminal: every line was at most 80 columns as printed
      expect(history.filter((r) => r.wrapped).map((r) => r.text)).toEqual([]);
      // no Markdown marks: backticks, bold, heading hashes, quote marks, table pipes
      expect(printed).not.toMatch(/`|\*\*|^#+ |^> |^\s*\|.*\|\s*$/m);
      // ASCII only under TERM=dumb (the raw bytes, so nothing the screen would hide)
      // eslint-disable-next-line no-control-regex -- ASCII is the point
      const notAscii = /[^\u0000-\u007f]/;
      const nonAscii = s
        .output()
        .split('\n')
        .filter((l) => notAscii.test(l));
      expect(nonAscii).toEqual([]);
      s.write('q\r');
    }, 150_000);
  }
});
