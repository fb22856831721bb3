/**
 * Checked clean-up of what a lesson created or changed for one learner. It removes only what
 * carries the tutor's tags for this lesson and learner (repositories, IAM users and their keys
 * and policies) or what the saved progress shows the lesson changed (the repository policy,
 * restored from the backup taken before it was replaced; test images the verify step pushed).
 * Planning reads live state only, so a second run after a complete one finds nothing to do.
 */
import {
  BatchDeleteImageCommand,
  DeleteRepositoryCommand,
  DeleteRepositoryPolicyCommand,
  DescribeRepositoriesCommand,
  GetRepositoryPolicyCommand,
  ListImagesCommand,
  ListTagsForResourceCommand,
  SetRepositoryPolicyCommand,
} from '@aws-sdk/client-ecr';
import {
  DeleteAccessKeyCommand,
  DeleteUserCommand,
  DeleteUserPolicyCommand,
  DetachUserPolicyCommand,
  GetUserCommand,
  ListAccessKeysCommand,
  ListAttachedUserPoliciesCommand,
  ListUserPoliciesCommand,
} from '@aws-sdk/client-iam';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AwsSession } from '../aws/session.js';
import { POLICY_BEFORE_VAR, TEST_TAG_PREFIX } from '../checks/apply.js';
import { carriesTutorTags } from '../checks/tags.js';
import {
  creatorIsRunning,
  deleteTempKey,
  journalTarget,
  shortKeyId,
  tempKeyExists,
  tempKeysFor,
} from '../checks/temp-keys.js';
import { judgeRepositoryPolicy } from '../checks/lesson-changes.js';
import { errName } from '../checks/util.js';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../private-files.js';
import { t } from '../i18n/index.js';

export type CleanupKind =
  'test-images' | 'repository-policy' | 'repository' | 'access-key' | 'user-policy' | 'user';

/** One thing to remove or put back. */
export interface CleanupItem {
  kind: CleanupKind;
  /** delete, restore (a backed-up policy), detach (a managed policy) */
  action: 'delete' | 'restore' | 'detach';
  /** the repository, user, key id or policy name */
  name: string;
  /** in the instructor's words: what will happen and why it is the tutor's to remove */
  what: string;
  /** what runs it (resolved at planning time) */
  run: () => Promise<void>;
}

export interface CleanupPlan {
  items: CleanupItem[];
  /** things found but left alone, with why (not the tutor's, or nothing recorded) */
  kept: string[];
}

export interface CleanupInput {
  session: AwsSession;
  lessonId: string;
  /** '' when no learner was named */
  learner: string;
  repository: string;
  ciUser: string;
  /** the learner's recorded values (policyBefore, ...) from the progress file */
  vars: Readonly<Record<string, string>>;
  /** the tutor's data folder (copies of policies removed without a record of what was before) */
  dataDir?: string;
  /** where the journal of verify's temporary keys is, and the target's account */
  tempKeys?: { dataDir: string; accountId: string };
}

function isNotFound(err: unknown, ...names: string[]): boolean {
  const n = errName(err);
  return n !== undefined && names.includes(n);
}

async function repositoryArn(s: AwsSession, repository: string): Promise<string | undefined> {
  try {
    const r = await s.clients.ecr.send(
      new DescribeRepositoriesCommand({ repositoryNames: [repository] }),
    );
    return r.repositories?.[0]?.repositoryArn;
  } catch (err) {
    if (isNotFound(err, 'RepositoryNotFoundException')) return undefined;
    throw err;
  }
}

async function testImageTags(s: AwsSession, repository: string): Promise<string[]> {
  const out: string[] = [];
  let nextToken: string | undefined;
  do {
    const r = await s.clients.ecr.send(
      new ListImagesCommand({
        repositoryName: repository,
        filter: { tagStatus: 'TAGGED' },
        nextToken,
      }),
    );
    for (const id of r.imageIds ?? [])
      if (id.imageTag?.startsWith(TEST_TAG_PREFIX)) out.push(id.imageTag);
    nextToken = r.nextToken;
  } while (nextToken);
  return out;
}

async function repositoryPolicy(s: AwsSession, repository: string): Promise<string | undefined> {
  try {
    return (
      await s.clients.ecr.send(new GetRepositoryPolicyCommand({ repositoryName: repository }))
    ).policyText;
  } catch (err) {
    if (isNotFound(err, 'RepositoryPolicyNotFoundException')) return undefined;
    throw err;
  }
}

/** The repository side: the whole repository when the tutor made it, else its images and policy. */
async function planRepository(i: CleanupInput, plan: CleanupPlan): Promise<void> {
  const s = i.session;
  const repo = i.repository;
  const arn = await repositoryArn(s, repo);
  if (!arn) return;
  const tags = (await s.clients.ecr.send(new ListTagsForResourceCommand({ resourceArn: arn })))
    .tags;
  if (carriesTutorTags(tags, i.lessonId, i.learner)) {
    plan.items.push({
      kind: 'repository',
      action: 'delete',
      name: repo,
      what: t('cleanup.item.deleteRepository', { repository: repo }),
      run: async () => {
        try {
          await s.clients.ecr.send(
            new DeleteRepositoryCommand({ repositoryName: repo, force: true }),
          );
        } catch (err) {
          if (!isNotFound(err, 'RepositoryNotFoundException')) throw err;
        }
      },
    });
    return;
  }
  plan.kept.push(t('cleanup.kept.repository', { repository: repo }));
  const images = await testImageTags(s, repo);
  if (images.length) {
    plan.items.push({
      kind: 'test-images',
      action: 'delete',
      name: repo,
      what: t('cleanup.item.testImages', {
        count: images.length,
        repository: repo,
        prefix: TEST_TAG_PREFIX,
      }),
      run: async () => {
        await s.clients.ecr.send(
          new BatchDeleteImageCommand({
            repositoryName: repo,
            imageIds: images.map((imageTag) => ({ imageTag })),
          }),
        );
      },
    });
  }
  // The same question as the clean-up step's check (judgeRepositoryPolicy), whoever applied
  // the policy: what differs from before the lesson.
  const recorded = i.vars[POLICY_BEFORE_VAR];
  const now = await repositoryPolicy(s, repo);
  let before: string | undefined = recorded;
  if (recorded && recorded !== 'none') {
    before = await readFile(recorded, 'utf8').catch(() => undefined);
    if (before === undefined)
      plan.kept.push(t('cleanup.kept.backupGone', { repository: repo, path: recorded }));
  }
  const me = await s.whoAmI();
  const verdict = judgeRepositoryPolicy({
    now,
    before,
    target: { accountId: me.accountId, region: s.region, repository: repo, ciUser: i.ciUser },
  });
  if (verdict.state === 'clean') {
    if (verdict.reason === 'not-lessons')
      plan.kept.push(t('cleanup.kept.notLessons', { repository: repo, ciUser: i.ciUser }));
    return;
  }
  if (verdict.fix === 'restore') {
    const saved = before!;
    plan.items.push({
      kind: 'repository-policy',
      action: 'restore',
      name: repo,
      what: t('cleanup.item.restorePolicy', { repository: repo, path: recorded ?? '' }),
      run: async () => {
        await s.clients.ecr.send(
          new SetRepositoryPolicyCommand({ repositoryName: repo, policyText: saved }),
        );
      },
    });
    return;
  }
  // The policy lets the CI user push or pull and nothing shows it was there before the lesson.
  // When that is not known for sure (no record), a copy is kept before it goes.
  const keepCopy = recorded !== 'none' && i.dataDir !== undefined;
  plan.items.push({
    kind: 'repository-policy',
    action: 'delete',
    name: repo,
    what: t(
      recorded === 'none'
        ? 'cleanup.item.removeLessonPolicy'
        : keepCopy
          ? 'cleanup.item.removePolicyKeepCopy'
          : 'cleanup.item.removePolicy',
      { repository: repo, ciUser: i.ciUser },
    ),
    run: async () => {
      if (keepCopy && now !== undefined)
        await keepPolicyCopy(i.dataDir!, me.accountId, s.region, repo, now);
      try {
        await s.clients.ecr.send(new DeleteRepositoryPolicyCommand({ repositoryName: repo }));
      } catch (err) {
        if (!isNotFound(err, 'RepositoryPolicyNotFoundException')) throw err;
      }
    },
  });
}

/** A copy of a policy about to be removed, written atomically under the data folder's backups. */
async function keepPolicyCopy(
  dataDir: string,
  accountId: string,
  region: string,
  repository: string,
  text: string,
): Promise<string> {
  const dir = join(dataDir, 'backups');
  await ensurePrivateDir(dir);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const path = join(dir, `${accountId}-${region}-${repository}-policy-${stamp}-cleanup.json`);
  await writeFile(`${path}.tmp`, text, { mode: PRIVATE_FILE_MODE });
  await rename(`${path}.tmp`, path);
  return path;
}

/** The IAM side: the CI user, with its keys and policies, only when the tutor created it. */
async function planUser(i: CleanupInput, plan: CleanupPlan): Promise<void> {
  const iam = i.session.clients.iam;
  const user = i.ciUser;
  let tags;
  try {
    tags = (await iam.send(new GetUserCommand({ UserName: user }))).User?.Tags;
  } catch (err) {
    if (isNotFound(err, 'NoSuchEntityException', 'NoSuchEntity')) return;
    throw err;
  }
  if (!carriesTutorTags(tags, i.lessonId, i.learner)) {
    plan.kept.push(t('cleanup.kept.user', { user }));
    return;
  }
  const gone = (err: unknown): void => {
    if (!isNotFound(err, 'NoSuchEntityException', 'NoSuchEntity')) throw err;
  };
  const keys =
    (await iam.send(new ListAccessKeysCommand({ UserName: user }))).AccessKeyMetadata ?? [];
  for (const k of keys) {
    const id = k.AccessKeyId!;
    plan.items.push({
      kind: 'access-key',
      action: 'delete',
      name: id,
      what: t('cleanup.item.accessKey', { key: `${id.slice(0, 4)}…${id.slice(-4)}`, user }),
      run: () =>
        iam
          .send(new DeleteAccessKeyCommand({ UserName: user, AccessKeyId: id }))
          .then(() => undefined, gone),
    });
  }
  const inline =
    (await iam.send(new ListUserPoliciesCommand({ UserName: user }))).PolicyNames ?? [];
  for (const name of inline) {
    plan.items.push({
      kind: 'user-policy',
      action: 'delete',
      name,
      what: t('cleanup.item.inlinePolicy', { policy: name, user }),
      run: () =>
        iam
          .send(new DeleteUserPolicyCommand({ UserName: user, PolicyName: name }))
          .then(() => undefined, gone),
    });
  }
  const attached =
    (await iam.send(new ListAttachedUserPoliciesCommand({ UserName: user }))).AttachedPolicies ??
    [];
  for (const a of attached) {
    plan.items.push({
      kind: 'user-policy',
      action: 'detach',
      name: a.PolicyName ?? a.PolicyArn!,
      what: t('cleanup.item.managedPolicy', { policy: a.PolicyName ?? a.PolicyArn ?? '', user }),
      run: () =>
        iam
          .send(new DetachUserPolicyCommand({ UserName: user, PolicyArn: a.PolicyArn }))
          .then(() => undefined, gone),
    });
  }
  plan.items.push({
    kind: 'user',
    action: 'delete',
    name: user,
    what: t('cleanup.item.user', { user }),
    run: () => iam.send(new DeleteUserCommand({ UserName: user })).then(() => undefined, gone),
  });
}

/** Temporary CI keys an interrupted verify step left, from the journal (checks/temp-keys.ts). */
async function planTempKeys(i: CleanupInput, plan: CleanupPlan): Promise<void> {
  if (!i.tempKeys) return;
  const { dataDir, accountId } = i.tempKeys;
  const listed = new Set(plan.items.filter((x) => x.kind === 'access-key').map((x) => x.name));
  for (const k of await tempKeysFor(dataDir, journalTarget(i.session, accountId))) {
    // another learner's CI user (--learner in a shared account) is theirs to clean up
    if (listed.has(k.accessKeyId) || k.userName !== i.ciUser) continue;
    const key = { key: shortKeyId(k.accessKeyId), user: k.userName };
    if (creatorIsRunning(k)) {
      plan.kept.push(t('cleanup.kept.tempKeyRunning', { ...key, pid: String(k.pid) }));
      continue;
    }
    if (!(await tempKeyExists(i.session, k))) continue;
    plan.items.push({
      kind: 'access-key',
      action: 'delete',
      name: k.accessKeyId,
      what: t('cleanup.item.tempKey', { ...key, at: k.createdAt }),
      run: () => deleteTempKey(i.session, dataDir, k),
    });
  }
}

/** What clean-up would do now (reads live state; changes nothing). */
export async function planCleanup(i: CleanupInput): Promise<CleanupPlan> {
  const plan: CleanupPlan = { items: [], kept: [] };
  await planRepository(i, plan);
  await planUser(i, plan);
  await planTempKeys(i, plan);
  return plan;
}

export interface CleanupOutcome {
  done: CleanupItem[];
  /** what a fresh plan still finds afterwards (empty when clean-up worked) */
  leftover: CleanupItem[];
}

/** Runs the plan in order, then plans again to prove that everything is gone. */
export async function runCleanup(i: CleanupInput, plan: CleanupPlan): Promise<CleanupOutcome> {
  const done: CleanupItem[] = [];
  for (const item of plan.items) {
    await item.run();
    done.push(item);
  }
  const again = await planCleanup(i);
  return { done, leftover: again.items };
}
