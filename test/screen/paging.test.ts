/**
 * Paging reaches every line: the shipped bundle in a real pty, every step of every built-in
 * lesson, paged from the top with PgDn and again with Space until the "more below" marker is
 * gone. The rows each screen shows are put back together by the marker's "lines A-B of N", and
 * must hold every line of the step's text as the layout lays it out (the Markdown's words, in
 * order, nothing between them): a page that skips a row, or text the pane never reaches, fails.
 * The walk skips every step as a facilitator may (ECR_TUTOR_FACILITATOR=1), so each lesson's
 * steps are reached without solving them by hand.
 */
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLesson } from '../../src/engine/lesson-loader.js';
import type { StepDef } from '../../src/engine/types.js';
import { layoutMarkdown } from '../../src/text/markdown.js';
import { lineText } from '../../src/text/wrap.js';
import { launcher, root, spawnTutor, type PtySession } from '../helpers/pty.js';
import { settled } from './drive.js';

let bin = '';
beforeAll(async () => {
  // `ecr-tutor` on PATH: the commands in the text name the tutor so, as {{tutor}} is filled below
  bin = await mkdtemp(join(tmpdir(), 'ecr-tutor-bin-'));
  await symlink(launcher, join(bin, 'ecr-tutor'));
});
afterAll(async () => {
  await rm(bin, { recursive: true, force: true });
});

const MARKER = /(more below|the end): .*\(lines (\d+)-(\d+) of (\d+)\)/;
const UNKNOWN = 'QQVARQQ';

interface Seen {
  /** the step text's rows by number (1-based), as the pane showed them */
  rows: Map<number, string>;
  total: number;
  /** the screen, when the text fits without scrolling */
  whole?: string;
}

/** What one screen shows of the scrolled text: its rows, by the marker's numbers. */
function rowsOf(
  screen: string,
): { first: number; last: number; total: number; more: boolean; rows: string[] } | undefined {
  const lines = screen.split('\n');
  const at = lines.findIndex((l) => MARKER.test(l));
  if (at < 0) return undefined;
  const m = MARKER.exec(lines[at]!)!;
  const [first, last, total] = [Number(m[2]), Number(m[3]), Number(m[4])];
  return {
    first,
    last,
    total,
    more: m[1] === 'more below',
    rows: lines.slice(at - (last - first + 1), at),
  };
}

/** Pages from the top with `key` until the marker says the end; every screen's rows kept. */
async function pageThrough(t: PtySession, key: 'pgdn' | ' '): Promise<Seen> {
  let screen = await settled(t, /quit/);
  let r = rowsOf(screen);
  if (!r) return { rows: new Map(), total: 0, whole: screen };
  expect(r.first, `not at the top:\n${screen}`).toBe(1);
  const rows = new Map<number, string>();
  for (let pages = 0; ; pages++) {
    r.rows.forEach((row, i) => rows.set(r!.first + i, row));
    if (!r.more) break;
    expect(pages, `paging never reaches the end:\n${screen}`).toBeLessThan(50);
    const before = r.first;
    t.press(key === 'pgdn' ? 'pgdn' : ' ');
    screen = await t.waitFor((s) => {
      const x = rowsOf(s);
      return x !== undefined && x.first !== before;
    });
    r = rowsOf(screen)!;
    expect(r.first, `PgDn went back:\n${screen}`).toBeGreaterThan(before);
  }
  return { rows, total: r.total };
}

/** Back to the top of the text with PgUp. */
async function pageUpToTop(t: PtySession): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const r = rowsOf(t.screen());
    if (!r || r.first === 1) return;
    const before = r.first;
    t.press('pgup');
    await t.waitFor((s) => {
      const x = rowsOf(s);
      return x !== undefined && x.first !== before;
    });
  }
  throw new Error(`PgUp never reaches the top:\n${t.screen()}`);
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The step's text as the layout lays it out at `width`, as a pattern of its words in order
 * with nothing but white space between them; a value only the live session knows (a
 * recorded command, a registry address) may be anything.
 */
function textPattern(step: StepDef, vars: Record<string, string>, width: number): RegExp {
  const fill = (s: string) =>
    s.replace(/\{\{(\w+)\}\}/g, (_m, k: string) => (k in vars ? vars[k]! : UNKNOWN));
  const laidOut = layoutMarkdown(fill(step.body), { width, skipHeading: fill(step.title) })
    .lines.map(lineText)
    .join('\n');
  const words = laidOut.split(/\s+/).filter(Boolean);
  let src = '';
  for (const [i, w] of words.entries()) {
    const wild = w.includes(UNKNOWN);
    if (i > 0) src += wild || words[i - 1]!.includes(UNKNOWN) ? '\\s*' : '\\s+';
    src += w.split(UNKNOWN).map(escape).join('[\\s\\S]*?');
  }
  return new RegExp(src);
}

/** Every line of the step's text was on some screen, in order. */
function expectAllText(seen: Seen, pattern: RegExp, label: string): string {
  if (seen.whole !== undefined) {
    expect(seen.whole, label).toMatch(pattern);
    return seen.whole;
  }
  const missing = [...Array(seen.total).keys()].map((i) => i + 1).filter((n) => !seen.rows.has(n));
  expect(missing, `${label}: rows never shown`).toEqual([]);
  const text = [...Array(seen.total).keys()].map((i) => seen.rows.get(i + 1)!).join('\n');
  expect(text, label).toMatch(new RegExp(`^\\s*${pattern.source}\\s*$`));
  return text;
}

interface WalkOptions {
  lesson: string;
  cols: number;
  rows: number;
  /** the steps to page through (1-based; default: all) */
  only?: number[];
}

/** Walks a lesson as a facilitator, paging through each step's text; returns each step's text as read. */
async function walk(o: WalkOptions): Promise<Record<number, string>> {
  const loaded = await loadLesson(join(root, 'lessons', o.lesson), { lang: 'en' });
  const lesson = loaded.lesson!;
  const t = await spawnTutor(['start', o.lesson], {
    cols: o.cols,
    rows: o.rows,
    env: { PATH: `${bin}:${process.env.PATH ?? ''}`, ECR_TUTOR_FACILITATOR: '1' },
  });
  const read: Record<number, string> = {};
  try {
    const first = await t.waitFor(/Connected to the sandbox at\s+http:\/\/127\.0\.0\.1:\d+/);
    const endpoint = /http:\/\/127\.0\.0\.1:\d+/.exec(first)![0];
    const accountId = /account (\d{12})/.exec(first)![1]!;
    const vars: Record<string, string> = {
      ...lesson.params,
      region: 'us-east-1',
      accountId,
      endpointFlag: ` --endpoint-url ${endpoint}`,
      regionFlag: ' --region us-east-1',
      profileFlag: '',
      tutor: 'ecr-tutor',
      cwd: t.cwd,
      targetKind: 'sandbox',
      learner: '',
    };
    const n = lesson.steps.length;
    for (const [i, step] of lesson.steps.entries()) {
      const k = i + 1;
      let screen = await settled(t, new RegExp(`step ${k}/${n}[\\s\\S]*quit`));
      // the text, not the results view a check may have opened
      if (/· results \(t: text\)/.test(screen)) {
        t.press('t');
        // (settled: the first frame is drawn before the pane is measured and shows no marker)
        await t.waitFor((s) => !s.includes('· results (t: text)'));
        screen = await settled(t, new RegExp(`${k}\\. [^\\n]*\\n[\\s\\S]*quit`));
      }
      if (!o.only || o.only.includes(k)) {
        const pattern = textPattern(step, vars, o.cols);
        const label = `${o.lesson} step ${k} at ${o.cols}x${o.rows}`;
        read[k] = expectAllText(await pageThrough(t, 'pgdn'), pattern, `${label}, PgDn`);
        await pageUpToTop(t);
        // Space pages too, except while typing an answer (it is a character then)
        if (/Ctrl-C quit/.test(t.screen())) {
          t.press('esc');
          await t.waitFor((s) => !/Ctrl-C quit/.test(s));
        }
        expectAllText(await pageThrough(t, ' '), pattern, `${label}, Space`);
      }
      if (k === n || (o.only && k >= Math.max(...o.only))) break;
      // the current step's mark in the strip: passed or skipped
      const done = /\[[✔↷]\]|Press Enter for the next step|Lesson complete/;
      if (/Ctrl-C quit/.test(t.screen())) {
        t.press('esc');
        await t.waitFor((s) => !/Ctrl-C quit/.test(s));
      }
      if (!done.test(t.screen()) && !step.quiz?.length && !step.input) {
        // a check first: a step that only watches passes so, and records what later steps use
        t.press('c');
        await settled(t, /(Passed|Not yet|Could not check|Skipped)[\s\S]*quit/);
      }
      if (!done.test(t.screen())) {
        t.press('s');
        // a facilitator's skip may not ask first
        const asked = await t.waitFor((x) => x.includes('Skip this step?') || done.test(x));
        if (asked.includes('Skip this step?')) {
          t.press('y');
          await t.waitFor(done);
        }
      }
      t.press('n');
      await t.waitFor(`step ${k + 1}/${n}`);
    }
    // no page is drawn by clearing the whole terminal (a flicker on every key)
    // eslint-disable-next-line no-control-regex -- counting the terminal's clear-screen
    expect(t.output().match(/\u001b\[2J/g) ?? []).toEqual([]);
    return read;
  } finally {
    await t.kill();
  }
}

const flat = (s: string) => s.replace(/\s+/g, ' ');

describe('paging from the top of every step shows every line of its text', () => {
  it('repository-policy at 80x24, and the cross-account rule is among what is read', async () => {
    const read = await walk({ lesson: 'repository-policy', cols: 80, rows: 24 });
    expect(Object.keys(read)).toHaveLength(9);
    expect(flat(read[4]!)).toMatch(/\d\. Different accounts: both must allow/);
  }, 240_000);

  it('the cross-account rule is reachable at 60x20', async () => {
    const read = await walk({ lesson: 'repository-policy', cols: 60, rows: 20, only: [4] });
    expect(flat(read[4]!)).toMatch(/\d\. Different accounts: both must allow/);
  }, 180_000);

  for (const lesson of ['cross-account-pull', 'explicit-deny'])
    it(`${lesson} at 80x24`, async () => {
      const read = await walk({ lesson, cols: 80, rows: 24 });
      expect(Object.keys(read).length).toBeGreaterThan(4);
    }, 240_000);
});
