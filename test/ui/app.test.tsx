import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { App } from '../../src/ui/App.js';
import { makeTheme } from '../../src/ui/theme.js';
import { memoryEngine, type Script } from './fixtures/memory-engine.js';
import { KEY, press, renderReady, typeText, waitForText } from './helpers.js';

const SIZE = { columns: 80, rows: 24 };
const plainTheme = makeTheme({ FORCE_COLOR: '0' }, false);

const accountScript: Script = ({ vars }) =>
  vars.accountId === '111122223333'
    ? { status: 'pass', summary: 'That is your account.' }
    : {
        status: 'fail',
        summary: `${vars.accountId} is not the account you are signed in to.`,
        details: [`read: ${vars.accountId}`, 'expected: the Account of sts get-caller-identity'],
        hintKey: 'wrong-account',
      };

function mount(scripts: Record<string, Script> = {}, onQuit?: () => void) {
  const engine = memoryEngine(undefined, { account: accountScript, ...scripts });
  return {
    engine,
    r: renderReady(
      <App engine={engine} theme={plainTheme} size={SIZE} watchIntervalMs={20} onQuit={onQuit} />,
    ),
  };
}

afterEach(() => cleanup());

describe('the tutor screen', () => {
  it('fits 80x24: header, step list, step text, check panel and footer', async () => {
    const { r: pr } = mount();
    const r = await pr;
    const frame = r.lastFrame()!;
    const lines = frame.split('\n');
    expect(lines.length).toBeLessThanOrEqual(23);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(80);
    expect(lines[0]).toContain('ECR tutor · Demo lesson');
    expect(lines[0]).toContain('step 1/6');
    expect(lines[1]).toContain('sandbox (local AWS) · account 111122223333 · us-east-1');
    // 80 columns: the step list is a strip of marks, the current step boxed
    expect(lines[2]).toBe('Steps [○] ○  ○  ○  ○  ○  g: list');
    expect(frame).toContain('1. Find your account ID');
    // Markdown laid out as text: no heading marks, no backticks, bullets with a hanging indent
    expect(frame).toMatchInlineSnapshot(`
      "ECR tutor · Demo lesson                                                 step 1/6
      sandbox (local AWS) · account 111122223333 · us-east-1  as …:user/workshop-admin
      Steps [○] ○  ○  ○  ○  ○  g: list
      ────────────────────────────────────────────────────────────────────────────────
      1. Find your account ID

      Your account

      Run aws sts get-caller-identity and type the Account field.

      • one
      • two





      Your 12-digit AWS account ID
      › ▌

      Not checked yet.
      ────────────────────────────────────────────────────────────────────────────────
      Enter submit  Esc keys (hint, skip, back)  Ctrl-C quit"
    `);
  });

  it('validates the account ID as it is typed, rejects a wrong one, then passes and moves on', async () => {
    const { r: pr, engine } = mount();
    const r = await pr;
    await typeText(r, '1234x');
    expect(r.lastFrame()).toContain('› 1234x');
    expect(r.lastFrame()).toContain('An account ID is exactly 12 digits.');
    await press(r, KEY.enter);
    // the engine's rule refuses it before anything is recorded: nothing is checked
    expect(engine.calls).toEqual([]);
    await press(r, KEY.backspace);
    await typeText(r, '56789012');
    expect(r.lastFrame()).toContain('✔ looks right; press Enter to check it');
    await press(r, KEY.enter);
    await waitForText(r, '✘ Not yet: 123456789012 is not the account');
    expect(r.lastFrame()).toContain('read: 123456789012');
    expect(r.lastFrame()).toContain('Steps [✘] ○ ');
    for (let i = 0; i < 12; i++) await press(r, KEY.backspace);
    await typeText(r, '111122223333');
    await press(r, KEY.enter);
    await waitForText(r, '✔ Passed: That is your account.');
    expect(r.lastFrame()).toContain('Press Enter for the next step.');
    expect(r.lastFrame()).toContain('Steps [✔] ○ ');
    await press(r, KEY.enter);
    await waitForText(r, 'Q1. Same account: who must allow a push?');
    expect(r.lastFrame()).toContain('step 2/6');
  });

  it('shows hints level by level, then the solution, then says there are no more', async () => {
    const { r: pr } = mount();
    const r = await pr;
    await press(r, KEY.esc, 'h');
    await waitForText(r, 'Hint 1/2: First hint for Find your account ID');
    await press(r, 'h');
    await waitForText(r, 'Solution: Second hint for Find your account ID');
    expect(r.lastFrame()).not.toContain('Hint 1/2');
    await press(r, 'h');
    await waitForText(r, 'No more hints for this step.');
  });

  it('runs the concept quiz: a wrong answer explains, the right one passes the step', async () => {
    const { r: pr, engine } = mount({
      concept: ({ vars }) =>
        vars['quiz.q1']
          ? { status: 'pass', summary: 'Concept understood.' }
          : { status: 'fail', summary: 'Answer the question.' },
    });
    const r = await pr;
    engine.queue('account', { status: 'pass', summary: 'ok' });
    await typeText(r, '111122223333');
    await press(r, KEY.enter);
    await waitForText(r, 'Passed');
    await press(r, KEY.enter);
    await waitForText(r, '❯ 1) Both policies');
    await press(r, KEY.enter);
    await waitForText(r, '✘ Not quite: In one account, one Allow from either');
    await press(r, KEY.down);
    await waitForText(r, '❯ 2) Either policy');
    await press(r, KEY.enter);
    await waitForText(r, '✔ Passed: Concept understood.');
    expect(r.lastFrame()).toContain('✔ Q1. Same account: who must allow a push?');
    expect(engine.calls).toContain('answer:q1=both');
    expect(engine.calls).toContain('answer:q1=either');
  });

  it('skips only after confirmation and marks the step skipped; back and jump revisit it', async () => {
    const { r: pr, engine } = mount({
      account: ({ solved }) =>
        solved
          ? { status: 'pass', summary: 'Recorded by the tutor.' }
          : { status: 'fail', summary: 'no' },
    });
    const r = await pr;
    await press(r, KEY.esc, 's');
    await waitForText(r, 'Skip this step? The tutor will apply the solution for');
    await press(r, 'n');
    expect(r.lastFrame()).not.toContain('Skip this step?');
    expect(engine.calls).not.toContain('skip');
    await press(r, 's', 'y');
    await waitForText(r, '↷ Skipped: the solution was applied and the check');
    expect(r.lastFrame()).toContain('Steps [↷] ○ ');
    await press(r, 'n');
    await waitForText(r, 'step 2/6');
    await press(r, 'b');
    await waitForText(r, 'step 1/6');
    // the skipped step stays skipped after going back
    expect(r.lastFrame()).toContain('Steps [↷] ○ ');
    await press(r, 'g');
    await waitForText(r, 'Go to which step?');
    // in 80 columns the jump dialog shows the whole list
    expect(r.lastFrame()).toMatch(/›↷ 1\. Find your account ID/);
    await press(r, KEY.down, KEY.down, KEY.down);
    // the cursor stops at the furthest reached step (2)
    await waitForText(r, '›○ 2. Identity vs resource policies');
    await press(r, KEY.enter);
    await waitForText(r, 'step 2/6');
    expect(engine.calls).toContain('jump:1');
  });

  it('refuses to move on from an unfinished step', async () => {
    const { r: pr, engine } = mount();
    const r = await pr;
    await press(r, KEY.esc, 'n');
    await waitForText(r, 'This step is not done yet');
    expect(engine.calls).not.toContain('next');
  });

  it('watch mode: shows pending as waiting for AWS, then advances by itself on pass', async () => {
    let applied = 0;
    const { r: pr, engine } = mount({
      apply: () => {
        applied++;
        if (applied < 3)
          return {
            status: 'fail',
            summary: 'No repository policy is set yet.',
            view: {
              kind: 'applied-policy',
              cliCommand:
                'aws ecr set-repository-policy --repository-name fcj-workshop-app --policy-text file://policy.json',
              diff: [],
            },
          };
        if (applied < 6)
          return { status: 'pending', summary: 'The new policy is not visible yet.' };
        return { status: 'pass', summary: 'The repository policy matches your file.' };
      },
    });
    const r = await pr;
    for (const id of ['account', 'concept', 'write-policy'])
      engine.queue(id, { status: 'pass', summary: `${id} ok` });
    await typeText(r, '111122223333');
    await press(r, KEY.enter);
    await waitForText(r, 'account ok');
    await press(r, KEY.enter);
    await waitForText(r, 'step 2/6');
    await press(r, 'c');
    await waitForText(r, 'concept ok');
    await press(r, KEY.enter);
    // step 3 is a watch step: it is checked without a key press and moves on by itself
    await waitForText(r, 'step 4/6');
    await waitForText(r, 'aws ecr set-repository-policy --repository-name');
    await waitForText(r, 'Watching: re-checks when you save');
    await waitForText(r, '⧗ Waiting for AWS to apply the change: The new policy');
    await waitForText(r, 'step 5/6');
    expect(r.lastFrame()).toContain('✔ Apply the policy: passed. Moved on');
    expect(r.lastFrame()).toContain('Steps  ✔  ✔  ✔  ✔ [○]');
    expect(engine.watchers).toBe(0);
  });

  it('watch mode can be switched off with w', async () => {
    const { r: pr, engine } = mount();
    const r = await pr;
    for (const id of ['account', 'concept'])
      engine.queue(id, { status: 'pass', summary: `${id} ok` });
    await typeText(r, '111122223333');
    await press(r, KEY.enter);
    await waitForText(r, 'account ok');
    await press(r, KEY.enter, 'c');
    await waitForText(r, 'concept ok');
    await press(r, KEY.enter);
    await waitForText(r, 'step 3/6');
    expect(engine.watchers).toBe(1);
    expect(r.lastFrame()).toContain('w watch off');
    await press(r, 'w');
    await waitForText(r, 'w watch on');
    expect(engine.watchers).toBe(0);
  });

  it('policy view: the learner file with findings against their lines', async () => {
    const { r: pr, engine } = mount();
    const r = await pr;
    for (const id of ['account', 'concept'])
      engine.queue(id, { status: 'pass', summary: `${id} ok` });
    engine.queue('write-policy', {
      status: 'fail',
      summary: 'policy.json has 1 error.',
      view: {
        kind: 'policy-file',
        file: 'policy.json',
        text: '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Alow" }]\n}',
        findings: [
          {
            severity: 'error',
            code: 'bad-effect',
            message: 'Effect must be Allow or Deny',
            line: 3,
            column: 32,
            path: 'Statement[0].Effect',
            suggestion: 'Allow',
          },
        ],
      },
    });
    await typeText(r, '111122223333');
    await press(r, KEY.enter);
    await waitForText(r, 'account ok');
    await press(r, KEY.enter, 'c');
    await waitForText(r, 'concept ok');
    await press(r, KEY.enter);
    await waitForText(r, 'policy.json · 1 finding');
    const f = r.lastFrame()!;
    expect(f).toContain('3!│   "Statement": [{ "Effect": "Alow" }]');
    expect(f).toContain('line 3:32 error Effect must be Allow or Deny → Allow');
  });

  it('wide terminals show the step list beside the text, with a mark per status', async () => {
    const engine = memoryEngine(undefined, { account: accountScript });
    engine.queue('account', { status: 'pass', summary: 'ok' });
    const r = await renderReady(
      <App engine={engine} theme={plainTheme} size={{ columns: 120, rows: 30 }} />,
    );
    await typeText(r, '111122223333');
    await press(r, KEY.enter);
    await waitForText(r, 'Passed');
    await press(r, KEY.enter);
    const f = await waitForText(r, 'step 2/6');
    expect(f).toMatch(/^ ✔ 1\. Find your account ID +2\. Identity vs resource policies/m);
    expect(f).toMatch(/^▶○ 2\. Identity vs resource/m);
    expect(f).toMatch(/^ ○ 6\. Explain the decision/m);
    expect(f.split('\n').length).toBeLessThanOrEqual(29);
  });

  it('q quits through the root and stops watching', async () => {
    let quit = 0;
    const { r: pr } = mount({}, () => quit++);
    const r = await pr;
    await press(r, KEY.ctrlC);
    expect(quit).toBe(1);
  });
});
