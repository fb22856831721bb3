/**
 * A learner plays the explicit-deny lesson against a real sandbox on port 0 with the real AWS
 * CLI: NotPrincipal is turned down for the aws:PrincipalArn condition, the admin's push is
 * refused with an explicit deny while the CI user's is not, and the lockout guard refuses a
 * policy that would deny the admin SetRepositoryPolicy unless it is forced.
 */
import { GetRepositoryPolicyCommand, InitiateLayerUploadCommand } from '@aws-sdk/client-ecr';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TutorEngine } from '../../src/app/index.js';
import { lintPolicy } from '../../src/policy/index.js';
import { awsCli, skipWithoutAwsCli } from '../helpers/aws-cli.js';
import { openSandboxLesson, type SandboxLesson } from '../helpers/lesson.js';
import type { TestSandbox } from '../helpers/sandbox.js';

let lesson: SandboxLesson;
let tsb: TestSandbox;
let engine: TutorEngine;
let cwd: string;
const REPO = 'fcj-workshop-app';
const setPolicy = (file: string, force = false) =>
  awsCli(
    tsb.sandbox,
    [
      'ecr',
      'set-repository-policy',
      '--repository-name',
      REPO,
      '--policy-text',
      `file://${file}`,
      ...(force ? ['--force'] : []),
    ],
    { cwd },
  );
const livePolicy = async () =>
  (await tsb.ecr().send(new GetRepositoryPolicyCommand({ repositoryName: REPO }))).policyText;

beforeAll(async () => {
  lesson = await openSandboxLesson('explicit-deny', 'explicit-deny');
  ({ tsb, engine, cwd } = lesson);
});
afterAll(async () => {
  await lesson?.cleanup();
});

describe.skipIf(skipWithoutAwsCli('a learner walks the explicit-deny lesson'))(
  'a learner walks the explicit-deny lesson',
  () => {
    it('1-2. connects; the starting point (lesson 5.1) is filled in by a skip', async () => {
      expect((await engine.check()).status).toBe('pass');
      engine.next();
      expect((await engine.check()).status).toBe('fail');
      expect((await engine.skip()).status).toBe('pass');
    });

    it('3. NotPrincipal is turned down; the aws:PrincipalArn Deny passes', async () => {
      engine.next();
      await engine.prepare!();
      const acct = tsb.sandbox.accountId;
      const ci = `arn:aws:iam::${acct}:user/fcj-ecr-ci-cd-user`;
      const file = join(cwd, 'explicit-deny-policy.json');
      const starter = await readFile(file, 'utf8');
      expect(starter).toContain('<CI_USER_ARN>');
      // the tempting NotPrincipal version first
      const doc = JSON.parse(starter) as { Statement: Array<Record<string, unknown>> };
      const deny = doc.Statement.find((s) => s.Sid === 'DenyPushExceptCi')!;
      delete deny.Principal;
      delete deny.Condition;
      deny.NotPrincipal = { AWS: ci };
      await writeFile(join(cwd, 'not-principal.json'), JSON.stringify(doc, null, 2));
      expect((await setPolicy('not-principal.json')).stderr).toBe('');
      const r1 = await engine.check();
      expect(r1).toMatchObject({ status: 'fail', hintKey: 'not-principal' });
      // and lint says why before anything is applied
      const lint = lintPolicy(JSON.stringify(doc), { account: acct });
      expect(lint.findings.map((f) => f.code)).toContain('not-principal-account-missing');
      // then the recommended form
      await writeFile(file, starter.replace('<CI_USER_ARN>', ci));
      expect((await setPolicy('explicit-deny-policy.json')).stderr).toBe('');
      const r2 = await engine.check();
      expect(r2.status).toBe('pass');
    });

    it('4. the admin push is refused with an explicit deny, the CI user still pushes', async () => {
      engine.next();
      const cli = await awsCli(
        tsb.sandbox,
        ['ecr', 'initiate-layer-upload', '--repository-name', REPO],
        {
          cwd,
        },
      );
      expect(cli.code).not.toBe(0);
      expect(cli.stderr).toContain(
        `is not authorized to perform: ecr:InitiateLayerUpload on resource: arn:aws:ecr:us-east-1:${tsb.sandbox.accountId}:repository/${REPO} with an explicit deny in a resource-based policy`,
      );
      expect(cli.stderr).not.toContain('because');
      const r = await engine.check();
      expect(r.status).toBe('pass');
      expect(r.details?.join('\n')).toMatch(/Live: fcj-ecr-ci-cd-user may start a push/);
      await expect(
        tsb
          .ecr('fcj-ecr-ci-cd-user')
          .send(new InitiateLayerUploadCommand({ repositoryName: REPO })),
      ).resolves.toHaveProperty('uploadId');
    });

    it('5. meets the lockout guard: refused without --force, the policy unchanged', async () => {
      engine.next();
      const before = await livePolicy();
      const r1 = await engine.check();
      expect(r1).toMatchObject({ status: 'fail', hintKey: 'unanswered' });
      expect(r1.details?.join('\n')).toMatch(
        /Live, without force, the sandbox refused it: .*would prevent you from setting another policy in the future.*with an explicit deny in a resource-based policy/,
      );
      expect(await livePolicy()).toBe(before);
      // the learner tries it with the AWS CLI too
      const doc = JSON.parse(before!) as { Statement: unknown[] };
      doc.Statement.push({
        Sid: 'DenyEverythingExceptCi',
        Effect: 'Deny',
        Principal: '*',
        Action: 'ecr:*',
        Condition: {
          ArnNotEquals: {
            'aws:PrincipalArn': `arn:aws:iam::${tsb.sandbox.accountId}:user/fcj-ecr-ci-cd-user`,
          },
        },
      });
      await writeFile(join(cwd, 'lockout.json'), JSON.stringify(doc));
      const refused = await setPolicy('lockout.json');
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toContain('Set force to true to apply it anyway');
      expect(await livePolicy()).toBe(before);
      expect(engine.answerQuiz('why-force', 'deny').correct).toBe(false);
      expect(engine.answerQuiz('why-force', 'lockout').correct).toBe(true);
      expect((await engine.check()).status).toBe('pass');
    });

    it('6. lets the tutor clean up: the admin pushes again, lesson 5.1 stays', async () => {
      engine.next();
      expect((await engine.check()).status).toBe('fail');
      expect((await engine.skip()).status).toBe('pass');
      const text = await livePolicy();
      expect(text).toContain('AllowPushPullFromCICDUser');
      expect(text).not.toContain('DenyPushExceptCi');
      await expect(
        tsb.ecr().send(new InitiateLayerUploadCommand({ repositoryName: REPO })),
      ).resolves.toHaveProperty('uploadId');
      expect(engine.snapshot().finished).toBe(true);
    });
  },
);
