/**
 * Step 6 (the policy on the repository) and step 9 (clean-up): read it back and compare by
 * meaning, apply it for the learner after backing up what was there, restore the backup.
 */
import {
  BatchDeleteImageCommand,
  DeleteRepositoryPolicyCommand,
  GetRepositoryPolicyCommand,
  ListImagesCommand,
  SetRepositoryPolicyCommand,
} from '@aws-sdk/client-ecr';
import { readFileSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  describePolicyDiff,
  parsePolicy,
  policiesEquivalent,
  type PolicyDocument,
} from '../policy/index.js';
import { judgeRepositoryPolicy } from './lesson-changes.js';
import { ACCOUNT_PLACEHOLDER, judgePolicyText, lessonPolicyText } from './policy-file.js';
import type { LabAction, LabCheck, LabContext } from './types.js';
import type { CheckResult } from '../engine/types.js';
import { memo } from './memo.js';
import { errName, errorResult, param, policyFilePath } from './util.js';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../private-files.js';
import { t as msg } from '../i18n/index.js';

/** Tags of the images the verify step pushes (and deletes); clean-up looks for leftovers. */
export const TEST_TAG_PREFIX = 'ecr-tutor-check-';
/** Recorded value: the backup file of the policy the repository had before the lesson, or "none". */
export const POLICY_BEFORE_VAR = 'policyBefore';

/** The repository's policy text, or undefined when it has none. */
export async function readRepositoryPolicy(
  ctx: LabContext,
  repository: string,
): Promise<string | undefined> {
  try {
    const r = await ctx.env.session.clients.ecr.send(
      new GetRepositoryPolicyCommand({ repositoryName: repository }),
    );
    return r.policyText;
  } catch (err) {
    if (errName(err) === 'RepositoryPolicyNotFoundException') return undefined;
    throw err;
  }
}

/**
 * Who is asking and the repository's policy, parsed: what a lesson check judges. A check gets
 * the failing result to return instead when the caller or the policy cannot be read, the
 * repository has no policy (`noPolicy` says so in the check's words), or it does not parse.
 */
export async function readRepositoryPolicyDoc(
  ctx: LabContext,
  repository: string,
  noPolicy: string,
): Promise<
  | { me: Awaited<ReturnType<LabContext['env']['session']['whoAmI']>>; doc: PolicyDocument }
  | { result: CheckResult }
> {
  let me;
  let text: string | undefined;
  try {
    me = await ctx.env.session.whoAmI();
    text = await readRepositoryPolicy(ctx, repository);
  } catch (err) {
    return { result: errorResult(ctx, err, msg('check.doing.readPolicy', { repository })) };
  }
  if (!text) return { result: { status: 'fail', summary: noPolicy, hintKey: 'no-policy' } };
  try {
    return { me, doc: parsePolicy(text) };
  } catch (err) {
    return {
      result: {
        status: 'fail',
        summary: msg('checks.deny.notParsed', { repository, message: (err as Error).message }),
        hintKey: 'no-policy',
      },
    };
  }
}

function cliCommand(ctx: LabContext, repository: string, file: string): string {
  return `aws ecr set-repository-policy --repository-name ${repository} --policy-text file://${file}${ctx.env.session.cliFlags()}`;
}

function tryParse(text: string | undefined): PolicyDocument | undefined {
  if (text === undefined) return undefined;
  try {
    return parsePolicy(text);
  } catch {
    return undefined;
  }
}

/** Passes when the policy on the repository grants the CI user exactly push + pull. */
export const checkPolicyApplied: LabCheck = async (ctx, params) => {
  const repository = param(params, 'repository');
  const ciUser = param(params, 'ciUser');
  const file = param(params, 'file');
  let applied: string | undefined;
  let me;
  try {
    me = await ctx.env.session.whoAmI();
    applied = await readRepositoryPolicy(ctx, repository);
  } catch (err) {
    return errorResult(ctx, err, msg('check.doing.readPolicy', { repository }));
  }
  const command = cliCommand(ctx, repository, file);
  let fileText: string | undefined;
  try {
    // sync: a few KB, and an async read's thread-pool hop cost more than the read (bench)
    fileText = readFileSync(policyFilePath(ctx, file), 'utf8');
  } catch {
    fileText = undefined;
  }
  const t = { accountId: me.accountId, region: ctx.env.session.region, repository, ciUser };
  // Compare with the learner's file when it is a finished policy, else with the lesson's own.
  const fileDoc =
    fileText === undefined || fileText.includes(ACCOUNT_PLACEHOLDER)
      ? undefined
      : parseCached(fileText);
  const expectedText = fileDoc ? fileText! : lessonPolicyText(me.accountId, ciUser);
  const expectedLabel = fileDoc
    ? msg('check.apply.yourFile', { file })
    : msg('check.apply.lessonPolicy');
  if (applied === undefined) {
    return {
      status: 'fail',
      summary: msg('check.apply.none', { repository }),
      details: [msg('check.apply.applyYourFile', { command })],
      hintKey: 'not-applied',
      view: { kind: 'applied-policy', cliCommand: command, diff: [] },
    };
  }
  const j = judgePolicyText(applied, t);
  const cmp = compareCached(JSON.stringify([expectedText, applied, expectedLabel, repository]));
  const view = {
    kind: 'applied-policy' as const,
    cliCommand: command,
    diff: cmp.diff,
    appliedText: applied,
  };
  if (j.problems.length) {
    return {
      status: 'fail',
      summary: msg('check.apply.wrong', { repository, problem: j.problems[0]! }),
      details: [...j.problems, ...cmp.diff],
      hintKey: 'wrong-policy',
      evidence: { problems: j.problems, diff: cmp.diff },
      view,
    };
  }
  return {
    status: 'pass',
    summary: msg('check.apply.right', { repository, user: ciUser }),
    details: cmp.same
      ? [msg('check.apply.same', { expected: expectedLabel })]
      : [msg('check.apply.sameMeaning', { expected: expectedLabel }), ...cmp.diff],
    evidence: { equivalentToFile: cmp.same },
    view,
  };
};

const parseCached = memo((text: string) => tryParse(text));

/** Meaning-level comparison of the expected and applied policy texts (memoised). */
const compareCached = memo((key: string): { same: boolean; diff: string[] } => {
  const [expectedText, appliedText, expectedLabel, repository] = JSON.parse(key) as string[];
  const e = parseCached(expectedText!);
  const a = parseCached(appliedText!);
  if (!e || !a) return { same: false, diff: [] };
  const same = policiesEquivalent(e, a);
  return {
    same,
    diff: same
      ? []
      : describePolicyDiff(e, a, {
          expected: expectedLabel,
          actual: msg('check.apply.policyOn', { repository: repository! }),
        }),
  };
});

/** Keeps a copy of the repository's pre-lesson policy once (recorded as policyBefore). */
export const backupRepositoryPolicy: LabAction = async (ctx, params) => {
  if (ctx.vars[POLICY_BEFORE_VAR]) return { summary: msg('check.apply.backupKnown') };
  const repository = param(params, 'repository');
  const text = await readRepositoryPolicy(ctx, repository);
  if (text === undefined) {
    ctx.setVar(POLICY_BEFORE_VAR, 'none');
    return { summary: msg('check.apply.hadNone', { repository }) };
  }
  const me = await ctx.env.session.whoAmI();
  const dir = join(ctx.env.dataDir, 'backups');
  await ensurePrivateDir(dir);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const path = join(
    dir,
    `${me.accountId}-${ctx.env.session.region}-${repository}-policy-${stamp}.json`,
  );
  // temp + rename: a kill mid-write must not leave half a backup that looks whole
  await writeFile(`${path}.tmp`, text, { mode: PRIVATE_FILE_MODE });
  await rename(`${path}.tmp`, path);
  ctx.setVar(POLICY_BEFORE_VAR, path);
  return { summary: msg('check.apply.backedUp', { repository, path }) };
};

/** Solve: backs up any existing policy, then applies the learner's file (or the lesson's policy). */
export const applyPolicy: LabAction = async (ctx, params) => {
  const repository = param(params, 'repository');
  const ciUser = param(params, 'ciUser');
  const file = policyFilePath(ctx, param(params, 'file'));
  await backupRepositoryPolicy(ctx, params);
  const me = await ctx.env.session.whoAmI();
  let text: string | undefined;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    text = undefined;
  }
  const t = { accountId: me.accountId, region: ctx.env.session.region, repository, ciUser };
  const usable = text !== undefined && judgePolicyText(text, t).problems.length === 0;
  const policyText = usable ? text! : lessonPolicyText(me.accountId, ciUser);
  await ctx.env.session.clients.ecr.send(
    new SetRepositoryPolicyCommand({ repositoryName: repository, policyText }),
  );
  return {
    summary: usable
      ? msg('check.apply.applied', { file, repository })
      : msg('check.apply.appliedLesson', { repository }),
  };
};

async function leftoverTestTags(
  ctx: LabContext,
  repository: string,
): Promise<Array<{ imageDigest?: string; imageTag?: string }>> {
  const out: Array<{ imageDigest?: string; imageTag?: string }> = [];
  let nextToken: string | undefined;
  do {
    const r = await ctx.env.session.clients.ecr.send(
      new ListImagesCommand({
        repositoryName: repository,
        filter: { tagStatus: 'TAGGED' },
        nextToken,
      }),
    );
    for (const id of r.imageIds ?? []) if (id.imageTag?.startsWith(TEST_TAG_PREFIX)) out.push(id);
    nextToken = r.nextToken;
  } while (nextToken);
  return out;
}

/** Deletes any test image the verify step left behind (as the learner). */
export async function deleteTestImages(ctx: LabContext, repository: string): Promise<number> {
  const ids = await leftoverTestTags(ctx, repository);
  if (ids.length) {
    await ctx.env.session.clients.ecr.send(
      new BatchDeleteImageCommand({
        repositoryName: repository,
        imageIds: ids.map((i) => ({ imageTag: i.imageTag })),
      }),
    );
  }
  return ids.length;
}

/** Solve of the clean-up: restores the pre-lesson policy (or removes the lesson's) and test images. */
export const restorePolicy: LabAction = async (ctx, params) => {
  const repository = param(params, 'repository');
  const before = ctx.vars[POLICY_BEFORE_VAR];
  let summary: string;
  if (before && before !== 'none') {
    let text: string;
    try {
      text = await readFile(before, 'utf8');
    } catch {
      throw new Error(
        msg('check.apply.backupGone', {
          repository,
          path: before,
          command: `aws ecr delete-repository-policy --repository-name ${repository}${ctx.env.session.cliFlags()}`,
        }),
      );
    }
    await ctx.env.session.clients.ecr.send(
      new SetRepositoryPolicyCommand({ repositoryName: repository, policyText: text }),
    );
    summary = msg('check.apply.restored', { repository, path: before });
  } else {
    try {
      await ctx.env.session.clients.ecr.send(
        new DeleteRepositoryPolicyCommand({ repositoryName: repository }),
      );
    } catch (err) {
      if (errName(err) !== 'RepositoryPolicyNotFoundException') throw err;
    }
    summary = msg('check.apply.removed', { repository });
  }
  const n = await deleteTestImages(ctx, repository);
  return { summary: n ? msg('check.apply.andImages', { summary, count: n }) : summary };
};

/**
 * Passes when nothing of the lesson's is left: the repository policy is as before the lesson (or
 * no longer grants the CI user anything: not the lesson's), and no test image remains. The
 * policy question is `judgeRepositoryPolicy`, the same one `ecr-tutor cleanup` asks.
 */
export const checkLessonChangesRemoved: LabCheck = async (ctx, params) => {
  const repository = param(params, 'repository');
  const ciUser = typeof params.ciUser === 'string' ? params.ciUser : '';
  let verdict;
  let leftovers;
  try {
    const me = await ctx.env.session.whoAmI();
    const now = await readRepositoryPolicy(ctx, repository);
    leftovers = await leftoverTestTags(ctx, repository);
    const recorded = ctx.vars[POLICY_BEFORE_VAR];
    const before =
      recorded && recorded !== 'none'
        ? await readFile(recorded, 'utf8').catch(() => undefined)
        : recorded;
    verdict = judgeRepositoryPolicy({
      now,
      before,
      target: { accountId: me.accountId, region: ctx.env.session.region, repository, ciUser },
    });
  } catch (err) {
    return errorResult(ctx, err, msg('check.doing.readState', { repository }));
  }
  const problems: string[] = [];
  if (verdict.state === 'changed') {
    problems.push(
      verdict.reason === 'original-gone'
        ? msg('check.cleanup.originalGone', { repository })
        : verdict.fix === 'restore'
          ? msg('check.cleanup.differs', { repository })
          : ctx.vars[POLICY_BEFORE_VAR] === 'none'
            ? msg('check.cleanup.stillHas', { repository })
            : msg('check.cleanup.stillGrants', { repository, ciUser }),
    );
  }
  if (leftovers.length)
    problems.push(
      msg('check.cleanup.images', {
        count: leftovers.length,
        prefix: TEST_TAG_PREFIX,
        repository,
      }),
    );
  if (problems.length) {
    return { status: 'fail', summary: problems[0]!, details: problems, hintKey: 'still-there' };
  }
  return {
    status: 'pass',
    summary:
      verdict.state === 'clean' && verdict.reason === 'restored'
        ? msg('check.cleanup.restored', { repository })
        : msg('check.cleanup.gone', { repository }),
  };
};
