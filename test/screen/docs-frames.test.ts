/**
 * The frames README.md and docs/tui.md show are what the shipped bundle draws: the built
 * bin/ecr-tutor.js in a real pty at 80x24, against a sandbox of its own on port 0 with its own
 * ECR_TUTOR_HOME, walked as a learner walks it. Each ```text block that shows a tutor frame is
 * compared, masked (account ids, ports, digests, temporary names), with the frame taken now:
 * when the screen changes, this fails until the docs follow.
 *
 * To regenerate the docs' frames from the bundle: `UPDATE_DOC_FRAMES=1 npx vitest run
 * test/screen/docs-frames.test.ts` (account ids are written as 123456789012 / 210987654321).
 */
import { mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOwnSandbox, type OwnSandbox } from '../helpers/own-sandbox.js';
import { launcher, root, spawnTutor, type PtySession } from '../helpers/pty.js';
import { goToStep, masked, settled } from './drive.js';

const README = join(root, 'README.md');
const TUI = join(root, 'docs/tui.md');
const update = process.env.UPDATE_DOC_FRAMES === '1';

/** A doc's ```text blocks that are tutor frames (their first line names the step), by step. */
function docFrames(doc: string): Map<string, { start: number; end: number; text: string }> {
  const found = new Map<string, { start: number; end: number; text: string }>();
  const fence = /^```text\n([\s\S]*?)\n```$/gm;
  for (let m = fence.exec(doc); m; m = fence.exec(doc)) {
    const step = /^ECR tutor .* step (\d+)\/\d+$/m.exec(m[1]!.split('\n')[0]!);
    if (!step) continue;
    const start = m.index + '```text\n'.length;
    found.set(step[1]!, { start, end: start + m[1]!.length, text: m[1]! });
  }
  return found;
}

/** A frame as the docs print it: the run's account ids replaced by fixed example ones. */
function forDocs(screen: string): string {
  const examples = ['123456789012', '210987654321'];
  const seen: string[] = [];
  return screen.replace(/\b\d{12}\b/g, (id) => {
    if (!seen.includes(id)) seen.push(id);
    return examples[seen.indexOf(id)] ?? id;
  });
}

/** A frame without the empty rows below it (the tutor draws one row short of the terminal). */
function trimmed(screen: string): string {
  return screen.replace(/\n+$/, '');
}

let home = '';
let bin = '';
let sandbox: OwnSandbox | undefined;
let t: PtySession | undefined;
/** step -> the frame as drawn (unmasked) */
const frames = new Map<string, string>();

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'ecr-tutor-docs-'));
  // `ecr-tutor` on PATH, as after a global install (the docs name the tutor so)
  bin = await mkdtemp(join(tmpdir(), 'ecr-tutor-bin-'));
  await symlink(launcher, join(bin, 'ecr-tutor'));
  sandbox = await startOwnSandbox(home);
  t = await spawnTutor([], {
    cols: 80,
    rows: 24,
    cwd: home,
    env: { ...sandbox.env, PATH: `${bin}:${process.env.PATH ?? ''}` },
  });
  // 2: typing the account ID, four digits and a dash so far
  const account = await goToStep(t, 1);
  t.press('enter');
  await t.waitFor(/step 2\/9[\s\S]*Ctrl-C quit/);
  t.write('1234-');
  frames.set('2', await settled(t, /1234-[\s\S]*Not checked yet[\s\S]*Ctrl-C quit/));
  for (let i = 0; i < 5; i++) t.press('backspace');
  await t.waitFor((s) => !s.includes('› 1234-'));
  t.write(account);
  t.press('enter');
  await t.waitFor('Passed: Right');
  t.press('enter');
  await t.waitFor('Passed: Found the repository');
  t.press('enter');
  await t.waitFor('questions below the text');
  t.press('enter');
  for (const [i, answer] of ['1', '2', '2', '2'].entries()) {
    await t.waitFor(`Q${i + 1}.`);
    t.press(answer);
  }
  await t.waitFor(/All \d+ answers are right/);
  t.press('enter');
  // 5: the starter file as the tutor writes it, with its one finding
  frames.set('5', await settled(t, /step 5\/9[\s\S]*line 8:30[\s\S]*Not yet[\s\S]*q quit/));
  for (const step of [5, 6]) {
    t.press('s');
    await t.waitFor('Skip this step?');
    t.press('y');
    await t.waitFor(new RegExp(`step ${step}/9[\\s\\S]*(Skipped|Passed)`));
    t.press('enter');
    await t.waitFor(`step ${step + 1}/9`);
  }
  // 7: skipped, so the tutor pushes and pulls as the CI user: its calls, one by one
  await t.waitFor(/step 7\/9[\s\S]*Not yet/);
  t.press('s');
  await t.waitFor('Skip this step?');
  t.press('y');
  frames.set('7', await settled(t, /step 7\/9[\s\S]*(Skipped|Passed)[\s\S]*q quit/));
  t.press('enter');
  // 8: the question first, the trace below
  frames.set('8', await settled(t, /Q1\. What would partner[\s\S]*Not yet[\s\S]*q quit/));
}, 240_000);

afterAll(async () => {
  await t?.kill();
  await sandbox?.stop();
  await rm(home, { recursive: true, force: true });
  await rm(bin, { recursive: true, force: true });
});

describe('the frames in the docs are what the bundle draws (80x24)', () => {
  for (const [file, steps] of [
    [README, ['5']],
    [TUI, ['5', '2', '7', '8']],
  ] as const) {
    const name = file.slice(root.length);
    it(`${name}: steps ${steps.join(', ')}`, async () => {
      let doc = await readFile(file, 'utf8');
      let blocks = docFrames(doc);
      expect([...blocks.keys()].sort()).toEqual([...steps].sort());
      if (update) {
        // from the end, so that earlier offsets stay right
        for (const [step, b] of [...blocks].sort((x, y) => y[1].start - x[1].start))
          doc = doc.slice(0, b.start) + forDocs(trimmed(frames.get(step)!)) + doc.slice(b.end);
        await writeFile(file, doc);
        blocks = docFrames(doc);
      }
      for (const step of steps)
        expect(masked(blocks.get(step)!.text), `${name}, step ${step}`).toBe(
          masked(trimmed(frames.get(step)!)),
        );
    });
  }
});
