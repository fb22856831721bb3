/** Step views driven by scripted checks: live verify progress, and the apply step's diff. */
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/ui/App.js';
import { makeTheme } from '../../src/ui/theme.js';
import type { ActionRow } from '../../src/engine/types.js';
import { PUSH_PULL_ACTIONS as ACTIONS } from '../helpers/workshop.js';
import { memoryEngine } from './fixtures/memory-engine.js';
import { KEY, press, renderReady, typeText, waitForText } from './helpers.js';

afterEach(() => cleanup());

const theme = makeTheme({ FORCE_COLOR: '0' }, false);

/** Passes the first steps (their checks queued to pass) so that the test starts at `stepId`. */
async function reach(stepId: string, engine: ReturnType<typeof memoryEngine>) {
  const ids = engine.snapshot().steps.map((s) => s.def.id);
  const target = ids.indexOf(stepId);
  for (const id of ids.slice(0, target)) engine.queue(id, { status: 'pass', summary: `${id} ok` });
  const r = await renderReady(
    <App engine={engine} theme={theme} size={{ columns: 80, rows: 24 }} watchIntervalMs={20} />,
  );
  await typeText(r, '111122223333');
  await press(r, KEY.enter);
  // As a learner would: Enter on a passed step, c on one to check; watched steps check themselves.
  for (let i = 0; i < 200 && engine.snapshot().currentIndex < target; i++) {
    const s = engine.snapshot();
    const cur = s.steps[s.currentIndex]!;
    const done = cur.progress.status === 'passed' || cur.progress.status === 'skipped';
    if (done) await press(r, KEY.enter);
    else if (!['write-policy', 'apply'].includes(cur.def.id) && !s.running) await press(r, 'c');
    await new Promise((res) => setTimeout(res, 20));
  }
  await waitForText(r, `step ${target + 1}/`);
  return r;
}

describe('step views', () => {
  it('verify: the actions fill in one by one, with a progress bar for the layer upload', async () => {
    const gates: Array<() => void> = [];
    const gate = () => new Promise<void>((res) => gates.push(res));
    const engine = memoryEngine(undefined, {
      verify: async ({ report }) => {
        const rows: ActionRow[] = [];
        const row = (action: string, status: ActionRow['status']) => {
          const r = { action, status };
          rows.push(r);
          report({ kind: 'action', row: r });
        };
        row(ACTIONS[0]!, 'allowed');
        row(ACTIONS[1]!, 'allowed');
        report({ kind: 'upload', doneBytes: 512, totalBytes: 1024 });
        await gate();
        for (const a of ACTIONS.slice(2, 6)) row(a, 'allowed');
        row(ACTIONS[6]!, 'denied');
        rows[6]!.message = 'User: x is not authorized to perform: ecr:GetDownloadUrlForLayer';
        return {
          status: 'fail',
          summary: 'The pull was denied at GetDownloadUrlForLayer.',
          view: { kind: 'verify', rows },
        };
      },
    });
    const r = await reach('verify', engine);
    await press(r, KEY.enter);
    await waitForText(r, 'layer upload ██████████░░░░░░░░░░ 50%');
    const mid = r.lastFrame()!;
    expect(mid).toContain('✔  BatchCheckLayerAvailability allowed');
    expect(mid).toContain('✔  InitiateLayerUpload allowed');
    expect(mid).not.toContain('PutImage');
    expect(mid).toContain('Checking…');
    gates[0]!();
    await waitForText(r, '✘ Not yet: The pull was denied at GetDownloadUrlForLayer.');
    const end = r.lastFrame()!;
    expect(end).toContain('✔  PutImage allowed');
    expect(end).toContain('✘  GetDownloadUrlForLayer denied');
    expect(end).toContain('ecr:GetDownloadUrlForLayer: User: x is not authorized');
    expect(end).not.toContain('layer upload');
  });

  it('apply: the command to copy, and how the applied policy differs from the file', async () => {
    const engine = memoryEngine(undefined, {
      apply: () => ({
        status: 'fail',
        summary: 'The policy on the repository is not the one in your file.',
        view: {
          kind: 'applied-policy',
          cliCommand:
            'aws ecr set-repository-policy --repository-name app --policy-text file://p.json',
          diff: [
            '- ecr:PutImage (in your file, not in AWS)',
            '+ ecr:DeleteRepository (in AWS, not in your file)',
          ],
        },
      }),
    });
    const r = await reach('apply', engine);
    await waitForText(r, 'What AWS has vs your file:');
    // between two watch re-checks (a frame taken during one shows "checking…" instead)
    const f = await waitForText(r, '◉ Watching');
    // too long for the pane: continued with \ at an argument boundary, pasteable as it is
    expect(f).toContain(
      '  aws ecr set-repository-policy --repository-name app \\\n    --policy-text file://p.json\n',
    );
    expect(f).toContain('- ecr:PutImage (in your file, not in AWS)');
    expect(f).toContain('+ ecr:DeleteRepository (in AWS, not in your file)');
    expect(f).toContain('◉ Watching');
  });
});

describe('facilitator mode', () => {
  it('shows the learner and the mode, the exact check and the solution, and skips without asking', async () => {
    const engine = memoryEngine(undefined, {
      account: ({ solved }) =>
        solved ? { status: 'pass', summary: 'Recorded.' } : { status: 'fail', summary: 'no' },
    });
    const snapshot = engine.snapshot.bind(engine);
    // the engine marks facilitator mode in its snapshots; emulate that on the in-memory one
    const dress = (s: ReturnType<typeof snapshot>) => ({
      ...s,
      learner: 'alice',
      facilitator: true,
      steps: s.steps.map((st) => ({
        ...st,
        facilitator: { check: st.def.check, solve: st.def.solve, solution: st.def.hints.at(-1) },
      })),
    });
    engine.snapshot = () => dress(snapshot());
    const subscribe = engine.subscribe.bind(engine);
    engine.subscribe = (l) => subscribe((s) => l(dress(s)));
    const r = await renderReady(
      <App engine={engine} theme={theme} size={{ columns: 80, rows: 24 }} />,
    );
    const f = await waitForText(r, 'learner alice · facilitator · step 1/6');
    expect(f).toContain('Facilitator: check check-account · solve record-account');
    expect(f).toContain('Solution: Second hint for Find your account ID');
    await press(r, KEY.esc, 's');
    await waitForText(r, '↷ Skipped');
    expect(r.lastFrame()).not.toContain('Skip this step?');
    expect(engine.calls).toContain('skip');
  });
});
