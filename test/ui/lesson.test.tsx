/**
 * The whole Repository Policy lesson through the TUI, as a learner sees it at 80x24: the
 * real engine and lesson against a real sandbox on port 0. Typing, keys, a wrong answer, a
 * hint, a wrong quiz answer, skip with confirmation, back, and watch mode advancing by itself
 * when the policy file is saved and when another AWS client applies the policy.
 */
import { SetRepositoryPolicyCommand } from '@aws-sdk/client-ecr';
import { cleanup } from 'ink-testing-library';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TutorEngine } from '../../src/app/index.js';
import { App } from '../../src/ui/App.js';
import { makeTheme } from '../../src/ui/theme.js';
import { openSandboxLesson, type SandboxLesson } from '../helpers/lesson.js';
import { generatedImage } from '../../src/commands/push-pull.js';
import { pushToRegistry, registryLogin } from '../../src/commands/registry-client.js';
import { workshopRepositoryPolicy, type TestSandbox } from '../helpers/sandbox.js';
import {
  KEY,
  press,
  renderReady,
  typeText,
  waitForFrame,
  waitForText,
  type Rendered,
} from './helpers.js';

let lesson: SandboxLesson;
let tsb: TestSandbox;
let engine: TutorEngine;
let cwd: string;
let quits = 0;
let r: Rendered;

const POLICY_FILE = 'fcj-workshop-app-policy.json';
const theme = makeTheme({ FORCE_COLOR: '0' }, false);

beforeAll(async () => {
  lesson = await openSandboxLesson('tui');
  ({ tsb, engine, cwd } = lesson);
  r = await renderReady(
    <App
      engine={engine}
      theme={theme}
      size={{ columns: 80, rows: 24 }}
      watchIntervalMs={100}
      onQuit={() => quits++}
    />,
  );
});

afterAll(async () => {
  cleanup();
  await lesson?.cleanup();
});

const frame = () => r.lastFrame() ?? '';

describe('a learner in the TUI', () => {
  it('1. connects: the header and the check say who and where', async () => {
    const account = tsb.sandbox.accountId;
    // read-only steps check on arrival
    await waitForText(r, '✔ Passed: Connected to the sandbox');
    const lines = frame().split('\n');
    expect(lines.length).toBeLessThanOrEqual(23);
    expect(lines[0]).toMatch(/^ECR tutor · 5\.1 Repository access policy +step 1\/9$/);
    expect(lines[1]).toContain(`sandbox (local AWS) · account ${account} · us-east-1`);
    expect(lines[2]).toBe('Steps [✔] ○  ○  ○  ○  ○  ○  ○  ○  g: list');
    expect(frame()).toContain('1. Connect');
    expect(frame()).toContain('Press Enter for the next step.');
    await press(r, KEY.enter);
    await waitForText(r, 'step 2/9');
  });

  it('2. types the account ID: checked as typed, a wrong one refused, a hint, then the right one', async () => {
    const account = tsb.sandbox.accountId;
    const wrong = account === '123456789012' ? '210987654321' : '123456789012';
    await waitForText(r, 'Your 12-digit AWS account ID');
    await typeText(r, '1234-');
    await waitForText(r, 'An account ID is exactly 12 digits');
    for (let i = 0; i < 5; i++) await press(r, KEY.backspace);
    await typeText(r, wrong);
    await waitForText(r, '✔ looks right; press Enter to check it');
    await press(r, KEY.enter);
    await waitForText(r, `✘ Not yet: ${wrong} is not the account you are`);
    expect(frame()).toContain('Steps  ✔ [✘]');
    // Esc leaves the field so that letters are keys again
    await press(r, KEY.esc, 'h');
    await waitForText(r, 'Hint 1/3: Every ARN you own contains it.');
    await press(r, 'i');
    for (let i = 0; i < 12; i++) await press(r, KEY.backspace);
    await typeText(r, account);
    await press(r, KEY.enter);
    await waitForText(r, `✔ Passed: Right: you are in account ${account}.`);
    expect(frame()).toContain('Steps  ✔ [✔]');
    await press(r, KEY.enter);
    await waitForText(r, 'step 3/9');
  });

  it('3. finds the repository and the CI user, then goes back a step and forward again', async () => {
    await waitForText(r, '✔ Passed: Found the repository fcj-workshop-app');
    expect(frame()).toContain('✔ ECR repository (us-east-1) fcj-workshop-app');
    await press(r, 'b');
    await waitForText(r, 'step 2/9');
    // a passed step stays passed when revisited
    expect(frame()).toContain('Steps  ✔ [✔] ✔ ');
    await press(r, 'n');
    await waitForText(r, 'step 3/9');
    await press(r, KEY.enter);
    await waitForText(r, 'step 4/9');
  });

  it('4. answers the concept questions, one wrong first', async () => {
    // the text (the rule the questions ask about) comes first; Enter moves into the questions
    await waitForText(r, '4 questions below the text: Enter');
    await press(r, KEY.enter);
    await waitForText(r, 'Q1. fcj-ecr-ci-cd-user lives in the same account');
    await press(r, '2');
    await waitForText(r, '✘ Not quite: Inside one account, a repository policy that names');
    await press(r, '1');
    await waitForText(r, 'Q2. Now the repository policy allows ecr:PutImage');
    await press(r, KEY.down, KEY.enter);
    await waitForText(r, 'Q3. partner-developer is in a different account');
    await press(r, '2');
    await waitForText(r, 'Q4. An administrator');
    await press(r, '2');
    await waitForText(r, '✔ Passed: All 4 answers are right.');
    await press(r, KEY.enter);
    await waitForText(r, 'step 5/9');
  });

  it('5. sees the starter file with its findings, saves a fix, and watch mode moves on', async () => {
    // the step is watched without a key press: the starter file is checked and shown
    await waitForText(r, `${POLICY_FILE}`, 10_000);
    await waitForText(r, /line \d+:\d+ (error|warning)/, 10_000);
    // the finding is marked against the learner's own line
    await waitForText(r, /\d+!│ .*<YOUR_AWS_ACCOUNT_ID>/);
    expect(frame()).toContain('w watch off');
    await writeFile(
      join(cwd, POLICY_FILE),
      JSON.stringify(JSON.parse(workshopRepositoryPolicy(tsb.sandbox.accountId)), null, 2),
    );
    await waitForText(r, 'step 6/9', 10_000);
    expect(frame()).toContain('✔ Compose the policy: passed. Moved on');
  });

  it('6. is shown the command to copy; another client applies the policy and watch mode moves on', async () => {
    await press(r, 'c');
    await waitForText(r, '✘ Not yet: fcj-workshop-app has no repository policy yet.', 10_000);
    await waitForText(r, 'Run this (or use the console), then wait here:');
    // laid out with \ continuations at argument boundaries: pasted into a shell, one command
    expect(frame()).toMatch(
      /^ {2}aws ecr set-repository-policy --repository-name fcj-workshop-app \\\n {4}--policy-text file:\/\/fcj-workshop-app-policy\.json \\\n/m,
    );
    const admin = tsb.ecr();
    await admin.send(
      new SetRepositoryPolicyCommand({
        repositoryName: 'fcj-workshop-app',
        policyText: await readFile(join(cwd, POLICY_FILE), 'utf8'),
      }),
    );
    await waitForText(r, 'step 7/9', 10_000);
    expect(frame()).toContain('✔ Apply the policy to the repository: passed');
  });

  it('7. pushes as the CI user from another terminal; watch mode sees the tag arrive, the table stays until Enter', async () => {
    // The step's setup picks a fresh tag and shows the commands to run with it.
    await waitForText(r, /fresh tag ecr-tutor-check-[0-9a-f]{8}/, 15_000);
    const tag = engine.snapshot().vars.pushTag!;
    expect(tag).toMatch(/^ecr-tutor-check-[0-9a-f]{8}$/);
    expect(frame()).toContain(tag);
    // the tutor names itself as it was started (here: vitest's node, not an `ecr-tutor` on PATH)
    expect(engine.snapshot().vars.ciEnvCommand).toMatch(
      /^eval "\$\(node \S+ sandbox env --user fcj-ecr-ci-cd-user\)"$/,
    );
    // checking before the push: the tutor is still waiting for the tag
    await press(r, 'c');
    await waitForText(r, `Waiting for fcj-workshop-app:${tag}`, 15_000);
    // the learner's push, in another terminal (what `ecr-tutor push` runs), as the CI user
    const login = await registryLogin(tsb.ecr('fcj-ecr-ci-cd-user'));
    await pushToRegistry(login, 'fcj-workshop-app', tag, generatedImage('tui'));
    // the pass has something to read (the seven actions): it stays until the learner moves on
    await waitForText(r, '✔ Passed: The push of', 20_000);
    expect(frame()).toContain('step 7/9');
    expect(frame()).toMatch(/PutImage allowed[\s\S]*Press Enter for the next step\./);
    await press(r, KEY.enter);
    await waitForText(r, 'step 8/9');
  });

  it('8. reads the evaluation trace, then answers', async () => {
    // the open question first, then the trace it asks about
    await waitForText(r, 'Request 1 of 3: fcj-ecr-ci-cd-user calls ecr:PutImage → allowed', 10_000);
    expect(frame()).toMatch(/Q1\. What would partner-developer/);
    expect(frame()).toMatch(/❯ 1\) Only a statement in the repository policy/);
    // PgDn scrolls the results to the rest of the trace (arrows choose the answer here)
    expect(frame()).toMatch(/● Allow resource repository policy of fcj-workshop-app/);
    await press(r, KEY.pageDown);
    await waitForFrame(r, (f) => !f.includes('Q1. What would partner-developer'));
    await waitForText(
      r,
      /Request 2 of 3: partner-developer calls ecr:BatchGetImage → implicit-deny/,
    );
    await press(r, '3');
    await waitForText(r, '✔ Passed: fcj-ecr-ci-cd-user is allowed by the repository policy');
    await press(r, KEY.enter);
    await waitForText(r, 'step 9/9');
  });

  it('9. skips the clean-up only after confirming, and the lesson is complete', async () => {
    await press(r, 's');
    await waitForText(r, 'Skip this step?');
    await waitForText(r, 'Every required step is done: this one is optional');
    await press(r, 'n');
    await waitForFrame(r, (f) => !f.includes('Skip this step?'));
    await press(r, 's', 'y');
    await waitForText(r, '↷ Skipped', 15_000);
    await waitForText(r, 'Lesson complete');
    expect(frame()).toContain('Steps  ✔  ✔  ✔  ✔  ✔  ✔  ✔  ✔ [↷]');
    const statuses = engine.snapshot().steps.map((s) => s.progress.status);
    expect(statuses).toEqual([
      'passed',
      'passed',
      'passed',
      'passed',
      'passed',
      'passed',
      'passed',
      'passed',
      'skipped',
    ]);
    await press(r, 'q');
    expect(quits).toBe(1);
  });
});
