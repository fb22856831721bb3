/**
 * A learner plays the whole Repository Policy lesson against a real sandbox on port 0, making
 * the classic mistakes first; every one must be rejected with the right reason, then pass.
 */
import { GetRepositoryPolicyCommand, SetRepositoryPolicyCommand } from '@aws-sdk/client-ecr';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckProgress, TutorEngine } from '../../src/app/index.js';
import { openSandboxLesson, type SandboxLesson } from '../helpers/lesson.js';
import type { TestSandbox } from '../helpers/sandbox.js';
import { PUSH_PULL_ACTIONS as ALL7 } from '../helpers/workshop.js';
import { generatedImage } from '../../src/commands/push-pull.js';
import { pushToRegistry, registryLogin } from '../../src/commands/registry-client.js';

let lesson: SandboxLesson;
let tsb: TestSandbox;
let engine: TutorEngine;
let cwd: string;

const POLICY_FILE = 'fcj-workshop-app-policy.json';

function policy(account: string, actions: string[]): string {
  return JSON.stringify(
    {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'CI',
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${account}:user/fcj-ecr-ci-cd-user` },
          Action: actions,
        },
      ],
    },
    null,
    2,
  );
}

const stepId = (): string => engine.snapshot().steps[engine.snapshot().currentIndex]!.def.id;

beforeAll(async () => {
  lesson = await openSandboxLesson('e2e');
  ({ tsb, engine, cwd } = lesson);
});

afterAll(async () => {
  await lesson?.cleanup();
});

describe('a learner walks the Repository Policy lesson', () => {
  it('1. connects and sees who they are', async () => {
    expect(stepId()).toBe('connect');
    const r = await engine.check();
    expect(r.status).toBe('pass');
    expect(r.view).toMatchObject({
      kind: 'identity',
      accountId: tsb.sandbox.accountId,
      target: 'sandbox',
      region: 'us-east-1',
    });
  });

  it('2. types a wrong account id first, then the right one', async () => {
    engine.next();
    expect(stepId()).toBe('account-id');
    expect(engine.setInput('1234-5678-9012')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/12 digits/),
    });
    const wrong = tsb.sandbox.accountId === '111111111111' ? '222222222222' : '111111111111';
    expect(engine.setInput(wrong)).toEqual({ ok: true });
    const r1 = await engine.check();
    expect(r1).toMatchObject({ status: 'fail', hintKey: 'wrong-account' });
    expect(r1.summary).toContain(`${wrong} is not the account you are signed in to`);
    engine.setInput(tsb.sandbox.accountId);
    expect((await engine.check()).status).toBe('pass');
    expect(engine.snapshot().vars.accountId).toBe(tsb.sandbox.accountId);
  });

  it('3. finds the repository and the CI user', async () => {
    engine.next();
    const r = await engine.check();
    expect(r.status).toBe('pass');
    expect(r.view).toMatchObject({
      kind: 'resources',
      items: [
        { name: 'fcj-workshop-app', exists: true },
        { name: 'fcj-ecr-ci-cd-user', exists: true },
      ],
    });
  });

  it('4. gets the same-account rule wrong first, then right', async () => {
    engine.next();
    const quiz = engine.snapshot().steps[3]!.def.quiz!;
    expect(quiz.map((q) => q.id)).toEqual([
      'same-account',
      'account-principal',
      'cross-account',
      'explicit-deny',
    ]);
    const first = engine.answerQuiz('same-account', 'no');
    expect(first.correct).toBe(false);
    expect(first.explanation).toMatch(/OR from such a\s+repository policy is enough/);
    // naming only the account delegates to IAM: the CI user could not push
    expect(engine.answerQuiz('account-principal', 'no').correct).toBe(true);
    engine.answerQuiz('cross-account', 'no');
    engine.answerQuiz('explicit-deny', 'no');
    const r1 = await engine.check();
    expect(r1).toMatchObject({ status: 'fail', summary: '1 answer is not right yet.' });
    expect(engine.answerQuiz('same-account', 'yes').correct).toBe(true);
    expect((await engine.check()).status).toBe('pass');
  });

  it('5. fills the placeholder, misspells an action, then composes the policy', async () => {
    engine.next();
    await engine.prepare!();
    const file = join(cwd, POLICY_FILE);
    const starter = await readFile(file, 'utf8');
    expect(starter).toContain('<YOUR_AWS_ACCOUNT_ID>');
    const r0 = await engine.check();
    expect(r0).toMatchObject({ status: 'fail', hintKey: 'account-placeholder' });
    const pLines = starter.split('\n');
    const pLine = pLines.findIndex((l) => l.includes('<YOUR_AWS_ACCOUNT_ID>'));
    expect(r0.view).toMatchObject({
      kind: 'policy-file',
      findings: [
        {
          code: 'account-placeholder',
          line: pLine + 1,
          column: pLines[pLine]!.indexOf('<YOUR_AWS_ACCOUNT_ID>') + 1,
        },
      ],
    });

    const typo = policy(
      tsb.sandbox.accountId,
      ALL7.map((a) => (a === 'ecr:PutImage' ? 'ecr:PutImages' : a)),
    );
    await writeFile(file, typo);
    const r1 = await engine.check();
    expect(r1.status).toBe('fail');
    expect(r1.summary).toMatch(/"ecr:PutImages" is not an action/);
    expect(r1.summary).toMatch(/Did you mean ecr:PutImage\?/);
    const finding =
      r1.view?.kind === 'policy-file'
        ? r1.view.findings.find((f) => f.code === 'unknown-action')
        : undefined;
    const lines = typo.split('\n');
    const lineNo = lines.findIndex((l) => l.includes('ecr:PutImages')) + 1;
    expect(finding).toMatchObject({
      line: lineNo,
      column: lines[lineNo - 1]!.indexOf('"ecr:PutImages"') + 1,
    });

    await writeFile(file, policy(tsb.sandbox.accountId, [...ALL7, 'ecr:DeleteRepository']));
    const r2 = await engine.check();
    expect(r2.status).toBe('fail');
    expect(r2.details?.join('\n')).toMatch(/allows more than push and pull: ecr:DeleteRepository/);

    await writeFile(file, policy(tsb.sandbox.accountId, ALL7));
    const r3 = await engine.check();
    expect(r3.status).toBe('pass');
    expect(engine.snapshot().steps[4]!.progress.status).toBe('passed');
  });

  it('7 (too early). tries to push before the policy is applied and is denied', async () => {
    engine.next();
    expect(stepId()).toBe('apply');
    engine.next();
    expect(stepId()).toBe('verify');
    await engine.prepare?.(); // the step's setup: a fresh tag and the commands to show
    const tag = engine.snapshot().vars.pushTag!;
    expect(tag).toMatch(/^ecr-tutor-check-[0-9a-f]{8}$/);
    const r = await engine.check();
    expect(r).toMatchObject({ status: 'fail', hintKey: 'waiting' });
    expect(r.summary).toBe(
      `Waiting for fcj-workshop-app:${tag}: run the commands above as fcj-ecr-ci-cd-user.`,
    );
    // The learner pushes as the CI user (what `ecr-tutor push` runs): refused with AWS's sentence.
    const login = await registryLogin(tsb.ecr('fcj-ecr-ci-cd-user'));
    await expect(
      pushToRegistry(login, 'fcj-workshop-app', tag, generatedImage('e2e too early')),
    ).rejects.toThrow(
      /denied: User: arn:aws:iam::\d{12}:user\/fcj-ecr-ci-cd-user is not authorized to perform: ecr:InitiateLayerUpload/,
    );
    expect((await engine.check()).hintKey).toBe('waiting');
    expect(engine.snapshot().steps[6]!.progress.status).toBe('failed');
    engine.back();
  });

  it('6. applies a policy missing ecr:PutImage, sees the difference, then applies the right one', async () => {
    expect(stepId()).toBe('apply');
    const ecr = tsb.ecr();
    await ecr.send(
      new SetRepositoryPolicyCommand({
        repositoryName: 'fcj-workshop-app',
        policyText: policy(
          tsb.sandbox.accountId,
          ALL7.filter((a) => a !== 'ecr:PutImage'),
        ),
      }),
    );
    const r1 = await engine.check();
    expect(r1.status).toBe('fail');
    expect(r1.summary).toMatch(/would not be allowed: ecr:PutImage/);
    expect(r1.view).toMatchObject({
      kind: 'applied-policy',
      diff: [expect.stringMatching(/lacks ecr:PutImage for fcj-ecr-ci-cd-user/)],
    });
    expect(r1.view?.kind === 'applied-policy' && r1.view.cliCommand).toContain(
      `aws ecr set-repository-policy --repository-name fcj-workshop-app --policy-text file://${POLICY_FILE}`,
    );
    // the learner now runs the CLI command with their file
    await ecr.send(
      new SetRepositoryPolicyCommand({
        repositoryName: 'fcj-workshop-app',
        policyText: await readFile(join(cwd, POLICY_FILE), 'utf8'),
      }),
    );
    const r2 = await engine.check();
    expect(r2.status).toBe('pass');
    expect(r2.details?.[0]).toMatch(/means the same as your/);
  });

  it('7. pushes and pulls as the CI user, every row live', async () => {
    engine.next();
    const tag = engine.snapshot().vars.pushTag!;
    const login = await registryLogin(tsb.ecr('fcj-ecr-ci-cd-user'));
    await pushToRegistry(login, 'fcj-workshop-app', tag, generatedImage('e2e'));
    const seen: CheckProgress[] = [];
    const off = engine.subscribe((s) => {
      const last = s.running?.progress.at(-1);
      if (last && seen.at(-1) !== last) seen.push(last);
    });
    const r = await engine.check();
    off();
    expect(r.status).toBe('pass');
    expect(r.summary).toMatch(
      new RegExp(
        `^The push of fcj-workshop-app:${tag} arrived and pulled back intact as fcj-ecr-ci-cd-user`,
      ),
    );
    const rows = r.view?.kind === 'verify' ? r.view.rows : [];
    expect(rows.map((x) => [x.action, x.status])).toEqual(ALL7.map((a) => [a, 'allowed']));
    expect(r.view?.kind === 'verify' && r.view.pushedDigest).toBe(
      r.view?.kind === 'verify' && r.view.pulledDigest,
    );
    expect(r.view?.kind === 'verify' && r.view.note).toBeUndefined();
    const runningRows = seen
      .filter((p) => p.kind === 'action' && p.row.status === 'running')
      .map((p) => (p.kind === 'action' ? p.row.action : ''));
    expect(runningRows).toContain('ecr:PutImage');
    expect(seen.some((p) => p.kind === 'upload')).toBe(true);
  });

  it('8. explains who is allowed and why, after one wrong answer', async () => {
    engine.next();
    const r1 = await engine.check();
    expect(r1.status).toBe('fail');
    const cases = r1.view?.kind === 'explain' ? r1.view.cases : [];
    expect(cases[0]).toMatchObject({
      principal: `arn:aws:iam::${tsb.sandbox.accountId}:user/fcj-ecr-ci-cd-user`,
      decision: 'allowed',
    });
    expect(cases[0]!.trace.some((t) => t.policyType === 'resource' && t.matched)).toBe(true);
    expect(cases[1]).toMatchObject({
      principal: `arn:aws:iam::${tsb.sandbox.secondAccountId}:user/partner-developer`,
      decision: 'implicit-deny',
    });
    expect(r1.details?.join('\n')).toMatch(/Live: the sandbox denied partner-developer/);
    expect(cases[2]).toMatchObject({
      action: 'ecr:PutImage',
      decision: 'implicit-deny',
      reason: expect.stringMatching(/^experiment, the policy without ecr:PutImage/),
    });
    expect(engine.answerQuiz('partner-needs', 'repo-only').correct).toBe(false);
    expect((await engine.check()).status).toBe('fail');
    engine.answerQuiz('partner-needs', 'both');
    expect((await engine.check()).status).toBe('pass');
  });

  it('9. lets the tutor clean up, recorded as skipped', async () => {
    engine.next();
    expect((await engine.check()).status).toBe('fail');
    const r = await engine.skip();
    expect(r.status).toBe('pass');
    expect(engine.snapshot().steps[8]!.progress.status).toBe('skipped');
    await expect(
      tsb.ecr().send(new GetRepositoryPolicyCommand({ repositoryName: 'fcj-workshop-app' })),
    ).rejects.toMatchObject({ name: 'RepositoryPolicyNotFoundException' });
    const s = engine.snapshot();
    expect(s.finished).toBe(true);
    expect(s.steps.map((x) => x.progress.status)).toEqual([
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
  });
});
