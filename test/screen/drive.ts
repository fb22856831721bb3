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
