/**
 * `ecr-tutor cleanup` and the clean-up step's check ask one question (judgeRepositoryPolicy):
 * what differs from before the lesson, whoever made the change. Reproduces the report: a policy
 * applied with the AWS CLI, not the tutor, made the check say "still has a repository policy"
 * while cleanup said "the lesson never recorded changing it" and "Nothing to clean up".
 */
import { GetRepositoryPolicyCommand } from '@aws-sdk/client-ecr';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lessonPolicyText } from '../../src/checks/policy-file.js';
import { planCleanup, runCleanup, type CleanupInput } from '../../src/instructor/cleanup.js';
import { awsCli, skipWithoutAwsCli } from '../helpers/aws-cli.js';
import { openSandboxLesson, type SandboxLesson } from '../helpers/lesson.js';

const REPO = 'fcj-workshop-app';
const CI = 'fcj-ecr-ci-cd-user';
let lesson: SandboxLesson | undefined;
afterEach(async () => {
  await lesson?.cleanup();
  lesson = undefined;
});

async function cleanupRow(l: SandboxLesson) {
  const rows = await l.engine.checkAll({ record: false });
  return rows.find((r) => r.stepId === 'cleanup')!.result;
}

function input(l: SandboxLesson, vars: Record<string, string>): CleanupInput {
  return {
    session: l.session,
    lessonId: 'repository-policy',
    learner: '',
    repository: REPO,
    ciUser: CI,
    vars,
    dataDir: join(l.home, 'data'),
  };
}

async function livePolicy(l: SandboxLesson): Promise<string | undefined> {
  try {
    return (await l.tsb.ecr().send(new GetRepositoryPolicyCommand({ repositoryName: REPO })))
      .policyText;
  } catch {
    return undefined;
  }
}

describe.skipIf(skipWithoutAwsCli('cleanup and the clean-up step agree'))(
  'cleanup and the clean-up step agree',
  () => {
    it('a policy applied with the AWS CLI (no record of what was before): both say it is the lesson’s, cleanup removes it keeping a copy, then both say clean', async () => {
      lesson = await openSandboxLesson('cleanup-agrees');
      const l = lesson;
      const file = join(l.cwd, 'p.json');
      await writeFile(file, lessonPolicyText(l.tsb.sandbox.accountId, CI));
      const set = await awsCli(
        l.tsb.sandbox,
        [
          'ecr',
          'set-repository-policy',
          '--repository-name',
          REPO,
          '--policy-text',
          `file://${file}`,
        ],
        { cwd: l.cwd },
      );
      expect(set.code, set.stderr).toBe(0);

      const before = await cleanupRow(l);
      expect(before.status).toBe('fail');
      expect(before.summary).toBe(
        `${REPO} still has a repository policy that lets ${CI} push or pull.`,
      );
      const plan = await planCleanup(input(l, {}));
      expect(plan.items.map((i) => `${i.kind}:${i.action}:${i.name}`)).toEqual([
        `repository-policy:delete:${REPO}`,
      ]);
      expect(plan.items[0]!.what).toBe(
        `remove the policy of ${REPO} that lets ${CI} push and pull (a copy is kept in the backups folder first)`,
      );
      expect(await livePolicy(l)).toBeDefined(); // planning changes nothing

      const outcome = await runCleanup(input(l, {}), plan);
      expect(outcome.leftover).toEqual([]);
      expect(await livePolicy(l)).toBeUndefined();
      const copies = await readdir(join(l.home, 'data', 'backups'));
      expect(copies.filter((f) => f.endsWith('-cleanup.json'))).toHaveLength(1);

      expect((await cleanupRow(l)).status).toBe('pass');
      expect((await planCleanup(input(l, {}))).items).toEqual([]);
    }, 60_000);

    it('a policy that does not let the CI user push or pull is not the lesson’s: the check passes and cleanup keeps it', async () => {
      lesson = await openSandboxLesson('cleanup-agrees-other');
      const l = lesson;
      const other = JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'ReadOnlyForAdmin',
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${l.tsb.sandbox.accountId}:user/workshop-admin` },
            Action: ['ecr:BatchGetImage'],
          },
        ],
      });
      const file = join(l.cwd, 'other.json');
      await writeFile(file, other);
      const set = await awsCli(
        l.tsb.sandbox,
        [
          'ecr',
          'set-repository-policy',
          '--repository-name',
          REPO,
          '--policy-text',
          `file://${file}`,
        ],
        { cwd: l.cwd },
      );
      expect(set.code, set.stderr).toBe(0);
      expect((await cleanupRow(l)).status).toBe('pass');
      const plan = await planCleanup(input(l, {}));
      expect(plan.items).toEqual([]);
      expect(plan.kept).toContain(
        `the policy of ${REPO}: it does not let ${CI} push or pull, so it is not the lesson's`,
      );
    }, 60_000);
  },
);
