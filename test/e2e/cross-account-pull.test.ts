/**
 * A learner plays the cross-account lesson against a real sandbox on port 0, applying policies
 * with the real AWS CLI: the partner is denied (resource side), named in the repository policy,
 * denied again (identity side), allowed once its own account allows it, then cleaned up.
 */
import { GetRepositoryPolicyCommand } from '@aws-sdk/client-ecr';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TutorEngine } from '../../src/app/index.js';
import { awsCli, skipWithoutAwsCli } from '../helpers/aws-cli.js';
import { openSandboxLesson, type SandboxLesson } from '../helpers/lesson.js';
import type { TestSandbox } from '../helpers/sandbox.js';

let lesson: SandboxLesson;
let tsb: TestSandbox;
let engine: TutorEngine;
let cwd: string;

const stepId = (): string => engine.snapshot().steps[engine.snapshot().currentIndex]!.def.id;

beforeAll(async () => {
  lesson = await openSandboxLesson('cross-account', 'cross-account-pull');
  ({ tsb, engine, cwd } = lesson);
});
afterAll(async () => {
  await lesson?.cleanup();
});

describe.skipIf(skipWithoutAwsCli('a learner walks the cross-account lesson'))(
  'a learner walks the cross-account lesson',
  () => {
    it('1-2. connects and meets the partner account', async () => {
      expect((await engine.check()).status).toBe('pass');
      engine.next();
      expect(stepId()).toBe('partner-account');
      const r = await engine.check();
      expect(r.status).toBe('pass');
      expect(engine.snapshot().vars.partnerAccount).toBe(tsb.sandbox.secondAccountId);
    });

    it('3. sees the partner denied because no resource-based policy allows it', async () => {
      engine.next();
      const r = await engine.check();
      expect(r.status).toBe('pass');
      expect(r.details?.join('\n')).toContain(
        `User: arn:aws:iam::${tsb.sandbox.secondAccountId}:user/partner-developer is not authorized to perform: ecr:BatchGetImage on resource: arn:aws:ecr:us-east-1:${tsb.sandbox.accountId}:repository/fcj-workshop-app because no resource-based policy allows the ecr:BatchGetImage action`,
      );
    });

    it('4. applies the file with the placeholder (refused), then with the partner account', async () => {
      engine.next();
      await engine.prepare!();
      const file = join(cwd, 'cross-account-policy.json');
      const starter = await readFile(file, 'utf8');
      expect(starter).toContain('<PARTNER_ACCOUNT_ID>');
      expect((await engine.check()).status).toBe('fail');
      const refused = await awsCli(
        tsb.sandbox,
        [
          'ecr',
          'set-repository-policy',
          '--repository-name',
          'fcj-workshop-app',
          '--policy-text',
          'file://cross-account-policy.json',
        ],
        { cwd },
      );
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toContain('InvalidParameterException');
      await writeFile(file, starter.replace('<PARTNER_ACCOUNT_ID>', tsb.sandbox.secondAccountId));
      const applied = await awsCli(
        tsb.sandbox,
        [
          'ecr',
          'set-repository-policy',
          '--repository-name',
          'fcj-workshop-app',
          '--policy-text',
          'file://cross-account-policy.json',
        ],
        { cwd },
      );
      expect(applied.stderr).toBe('');
      const r = await engine.check();
      expect(r).toMatchObject({ status: 'pass' });
      expect(r.summary).toContain(
        `lets partner-developer of account ${tsb.sandbox.secondAccountId} pull`,
      );
    });

    it('5. sees it still denied, now because no identity-based policy allows it', async () => {
      engine.next();
      const r = await engine.check();
      expect(r.status).toBe('pass');
      expect(r.details?.join('\n')).toMatch(
        /because no identity-based policy allows the ecr:BatchGetImage action$/m,
      );
    });

    it('6. attaches the identity policy as partner-admin with the AWS CLI; the partner pulls', async () => {
      engine.next();
      await engine.prepare!();
      const before = await engine.check();
      expect(before).toMatchObject({ status: 'fail', hintKey: 'no-identity-policy' });
      // the partner user cannot give itself permissions: it has none
      const self = await awsCli(
        tsb.sandbox,
        [
          'iam',
          'put-user-policy',
          '--user-name',
          'partner-developer',
          '--policy-name',
          'pull-fcj-workshop-app',
          '--policy-document',
          'file://partner-pull-policy.json',
        ],
        { cwd, user: 'partner-developer' },
      );
      expect(self.code).not.toBe(0);
      expect(self.stderr).toContain('AccessDenied');
      const put = await awsCli(
        tsb.sandbox,
        [
          'iam',
          'put-user-policy',
          '--user-name',
          'partner-developer',
          '--policy-name',
          'pull-fcj-workshop-app',
          '--policy-document',
          'file://partner-pull-policy.json',
        ],
        { cwd, user: 'partner-admin' },
      );
      expect(put.stderr).toBe('');
      const r = await engine.check();
      expect(r.status).toBe('pass');
      expect(r.details?.join('\n')).toMatch(
        /BatchGetImage and GetDownloadUrlForLayer for \d+ layers? of fcj-workshop-app:latest were allowed/,
      );
      // and as docker does it: a login token, then the manifest and layers over the registry API
      expect(r.details?.join('\n')).toMatch(
        /docker-style pull through the registry http:\/\/127\.0\.0\.1:\d+: the manifest and \d+ layers? of fcj-workshop-app:latest/,
      );
    });

    it('7. lets the tutor clean up both accounts', async () => {
      engine.next();
      expect((await engine.check()).status).toBe('fail');
      expect((await engine.skip()).status).toBe('pass');
      await expect(
        tsb.ecr().send(new GetRepositoryPolicyCommand({ repositoryName: 'fcj-workshop-app' })),
      ).rejects.toMatchObject({ name: 'RepositoryPolicyNotFoundException' });
      expect(engine.snapshot().finished).toBe(true);
    });
  },
);
