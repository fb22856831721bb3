/**
 * Drives the shipped tutor (in a pty, see test/helpers/pty.ts) to a given step of the
 * repository-policy lesson the way a learner does: check, answer, next. Each wait is for what
 * the screen shows next, never a fixed time.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PtySession } from '../helpers/pty.js';

/** The sandbox account id the header shows. */
export function accountOf(screen: string): string {
  const m = /account (\d{12})/.exec(screen);
  if (!m) throw new Error(`no account id on screen:\n${screen}`);
  return m[1]!;
}

/** Walks steps 1..n-1 of the lesson so that step `n` (1-based) is on screen; returns the account id. */
export async function goToStep(t: PtySession, n: number): Promise<string> {
  let account = accountOf(await t.waitFor(/account \d{12}/));
  await t.waitFor('Passed: Connected');
  if (n === 1) return account;
  t.press('enter');
  await t.waitFor('step 2/');
  t.write(account);
  t.press('enter');
  await t.waitFor('Passed: Right');
  if (n === 2) return account;
  t.press('enter');
  await t.waitFor('Passed: Found the repository');
  if (n === 3) return account;
  t.press('enter');
  await t.waitFor('questions below the text');
  t.press('enter');
  for (const [i, answer] of ['1', '2', '2', '2'].entries()) {
    await t.waitFor(`Q${i + 1}.`);
    t.press(answer);
  }
  await t.waitFor(/All \d+ answers are right/);
  if (n === 4) return account;
  t.press('enter');
  await t.waitFor(/step 5\/9[\s\S]*line \d+:\d+/);
  if (n === 5) return account;
  await writeFile(join(t.cwd, 'fcj-workshop-app-policy.json'), goodPolicy(account));
  await t.waitFor('step 6/');
  account = accountOf(t.screen());
  for (let step = 6; step < n; step++) {
    t.press('s');
    await t.waitFor('Skip this step?');
    t.press('y');
    await t.waitFor(/Skipped|Passed/);
    t.press('enter');
    await t.waitFor(`step ${step + 1}/`);
  }
  return account;
}

/** A policy file that passes step 5 for `account`. */
export function goodPolicy(account: string): string {
  return JSON.stringify(
    {
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
    },
    null,
    2,
  );
}

/** The starter policy as a learner's editor might leave it: tab-indented, a Vietnamese Sid with an emoji, a BEL and a U+202E in it. */
export function tabbedPolicy(): string {
  return [
    '{',
    '\t"Version": "2012-10-17",',
    '\t"Statement": [',
    '\t\t{',
    '\t\t\t"Sid": "Cho phép đẩy và kéo 🚀\u0007\u202e",',
    '\t\t\t"Effect": "Allow",',
    '\t\t\t"Principal": {',
    '\t\t\t\t"AWS": "arn:aws:iam::<YOUR_AWS_ACCOUNT_ID>:user/fcj-ecr-ci-cd-user"',
    '\t\t\t},',
    '\t\t\t"Action": ["ecr:PutImage", "ecr:BatchGetImage"]',
    '\t\t}',
    '\t]',
    '}',
    '',
  ].join('\n');
}

/**
 * The screen once it shows `what` and has stopped changing: a frame is drawn, measured, then
 * drawn again with its scroll marker; a check result arrives after the file view.
 */
export async function settled(t: PtySession, what: string | RegExp): Promise<string> {
  let screen = await t.waitFor(what);
  for (let i = 0; i < 10; i++) {
    try {
      screen = await t.waitForChange(screen, 600);
    } catch {
      break; // quiet for 600 ms: this is the frame the learner reads
    }
  }
  const spinning = /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/;
  const ok = (x: string) =>
    (typeof what === 'string' ? x.includes(what) : what.test(x)) && !spinning.test(x);
  return ok(screen) ? screen : t.waitFor(ok);
}

/** The screen with what changes from run to run masked, each mask as long as what it hides (so wrapping is unchanged). */
export function masked(screen: string): string {
  return screen
    .replace(/sha256:[0-9a-f]+/g, (m) => `sha256:${'x'.repeat(m.length - 7)}`)
    .replace(/\b\d{12}\b/g, '<ACCOUNT_ID>')
    .replace(/127\.0\.0\.1:\d{5}\b/g, '127.0.0.1:<PRT>')
    .replace(/ecr-tutor-pty-\w{6}/g, 'ecr-tutor-pty-XXXXXX')
    .replace(/ecr-tutor-check-[0-9a-f]{8}/g, 'ecr-tutor-check-xxxxxxxx')
    .replace(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/g, '⠿');
}

/**
 * Walks the whole lesson once, as a learner, and returns the settled screen of each step
 * (1-based) as it first looks: step 5 with the tab-indented Vietnamese + emoji policy file.
 */
export async function walkLesson(t: PtySession): Promise<Record<number, string>> {
  const frames: Record<number, string> = {};
  const settle = async (what: string | RegExp) => masked(await settled(t, what));
  const account = accountOf(await t.waitFor(/account \d{12}/));
  frames[1] = await settle(/Passed: Connected[\s\S]*q quit/);
  t.press('enter');
  frames[2] = await settle(/Your 12-digit AWS account ID[\s\S]*Ctrl-C quit/);
  t.write(account);
  t.press('enter');
  await t.waitFor('Passed: Right');
  t.press('enter');
  frames[3] = await settle(/Passed: Found the repository[\s\S]*q quit/);
  t.press('enter');
  frames[4] = await settle(/(questions below the text|Q1\.)[\s\S]*q quit/);
  if (frames[4].includes('questions below the text')) t.press('enter');
  for (const [i, answer] of ['1', '2', '2', '2'].entries()) {
    await t.waitFor(`Q${i + 1}.`);
    t.press(answer);
  }
  await t.waitFor(/All \d+ answers are right/);
  t.press('enter');
  await t.waitFor(/step 5\/9[\s\S]*line \d+:\d+/);
  await writeFile(join(t.cwd, 'fcj-workshop-app-policy.json'), tabbedPolicy());
  // the tab-indented file's finding (column 26: tabs count as one column each in the file)
  frames[5] = await settle(/line 8:26[\s\S]*Not yet[\s\S]*q quit/);
  t.press('pgdn');
  frames[50] = await settle(/Cho phép[\s\S]*q quit/);
  await writeFile(join(t.cwd, 'fcj-workshop-app-policy.json'), goodPolicy(account));
  frames[6] = await settle(/step 6\/9[\s\S]*Not yet[\s\S]*q quit/);
  t.press('s');
  await t.waitFor('Skip this step?');
  t.press('y');
  await t.waitFor('Passed: The policy on');
  t.press('enter');
  frames[7] = await settle(/step 7\/9[\s\S]*Not yet[\s\S]*q quit/);
  t.press('s');
  await t.waitFor('Skip this step?');
  t.press('y');
  await t.waitFor(/step 7\/9[\s\S]*(Skipped|Passed)/);
  t.press('enter');
  frames[8] = await settle(/Q1\. What would partner[\s\S]*Not yet[\s\S]*q quit/);
  t.press('pgdn');
  frames[80] = await settle(/Request \d of 3[\s\S]*q quit/);
  t.press('3');
  await t.waitFor('Passed: fcj-ecr-ci-cd-user');
  t.press('enter');
  frames[9] = await settle(/step 9\/9[\s\S]*q quit/);
  return frames;
}
