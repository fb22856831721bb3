/**
 * The whole Repository Policy lesson through the plain front-end, against a real sandbox on
 * port 0, with every answer piped in at once (the way `ecr-tutor --plain < answers.txt` runs):
 * a wrong account ID, a hint, a wrong quiz answer, skips with confirmation, back and jump.
 */
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TutorEngine } from '../../src/app/index.js';
import { runPlain } from '../../src/plain/run-plain.js';
import { openSandboxLesson, type SandboxLesson } from '../helpers/lesson.js';
import type { TestSandbox } from '../helpers/sandbox.js';

let lesson: SandboxLesson;
let tsb: TestSandbox;
let engine: TutorEngine;

beforeAll(async () => {
  lesson = await openSandboxLesson('plain');
  ({ tsb, engine } = lesson);
});

afterAll(async () => {
  await lesson?.cleanup();
});

describe('the plain front-end', () => {
  it('walks the whole lesson from piped answers', async () => {
    const account = tsb.sandbox.accountId;
    const wrong = account === '123456789012' ? '210987654321' : '123456789012';
    const answers = [
      '', // 1 connect: check
      '1234-5678-9012', // 2 account ID: refused as typed (pattern)
      wrong, // a well-formed but wrong account
      'h', // a hint
      account,
      'b', // back to step 2: it is done, so it offers to move on
      'n',
      '', // 3 prerequisites: check
      '2', // 4 concepts: wrong answer to the first question
      '1', // right
      '2', // naming only the account: no
      '2',
      '2',
      's', // 5 compose: skip ...
      'n', // ... no, keep working
      's',
      'y', // skip: the tutor writes the solution file
      's', // 6 apply: skip, the tutor applies the policy
      'y',
      's', // 7 verify: the learner has no terminal here: let the tutor push as the CI user
      'y',
      '3', // 8 explain: the trace is shown, then the question
      'l', // 9 cleanup (optional): list the steps
      'j 2', // jump back to step 2 ...
      'j 9', // ... and to the last one
      's',
      'y',
    ];
    const input = new PassThrough();
    const output = new PassThrough();
    let text = '';
    output.on('data', (d: Buffer) => (text += d.toString()));
    input.end(answers.join('\n') + '\n');
    const code = await runPlain(engine, { input, output, watchIntervalMs: 50 });
    if (process.env.SHOW_TRANSCRIPT) console.log(text);
    expect(code).toBe(0);

    expect(text).toContain('ECR tutor: 5.1 Repository access policy');
    expect(text).toContain(`account ${account}, region us-east-1`);
    expect(text).toContain('== Step 1 of 9: Connect ==');
    expect(text).toMatch(/PASSED: .*\n/);
    // step 2: the pattern message, the wrong account, a hint, then the pass
    expect(text).toContain('An account ID is exactly 12 digits');
    expect(text).toMatch(new RegExp(`NOT YET: .*${wrong}`));
    expect(text).toMatch(/Hint 1 of 3: Every ARN you own contains it/);
    expect(text).toContain('== Step 3 of 9: Check the repository and the CI user ==');
    expect(text).toContain('This step is done. Enter or n = next step, c = check it again.');
    // step 4: the wrong answer is explained, then the right ones pass
    expect(text).toContain(
      'Not quite: Inside one account, a repository policy that names the user',
    );
    expect(text).toMatch(/PASSED: All 4 answers are right\./);
    // steps 5 and 6 skipped after confirmation
    // the confirmation names the exact file the skip writes
    expect(text).toMatch(
      /Skip "Compose the policy"\? The tutor applies the solution\. It writes \/\S+\/fcj-workshop-app-policy\.json \(a different earlier copy is kept next to it\)\.? \(y\/n\) n/,
    );
    expect(text).toContain(
      'Skip "Apply the policy to the repository"? The tutor applies the solution (this changes your AWS resources) (y/n) y',
    );
    // step 7: the seven actions, one by one, as they happen
    for (const a of [
      'BatchCheckLayerAvailability',
      'InitiateLayerUpload',
      'UploadLayerPart',
      'CompleteLayerUpload',
      'PutImage',
      'BatchGetImage',
      'GetDownloadUrlForLayer',
    ]) {
      expect(text).toMatch(new RegExp(`allowed +ecr:${a}`));
    }
    // step 8: the evaluation trace before the question
    expect(text).toMatch(/ecr:PutImage by arn:aws:iam::\d{12}:user\/fcj-ecr-ci-cd-user: allowed/);
    expect(text.indexOf('ecr:BatchGetImage by arn:aws:iam::')).toBeLessThan(
      text.indexOf('What would partner-developer'),
    );
    // the step list and the jumps
    expect(text).toMatch(/ {2}5\. \[skipped\] Compose the policy/);
    expect(text).toMatch(/> {2}9\. \[to do\] Clean up \(optional\)/);
    expect(text).toContain('Lesson complete: 5.1 Repository access policy.');

    const snap = engine.snapshot();
    expect(snap.steps.map((s) => s.progress.status)).toEqual([
      'passed',
      'passed',
      'passed',
      'passed',
      'skipped',
      'skipped',
      'skipped',
      'passed',
      'skipped',
    ]);
  });
});
