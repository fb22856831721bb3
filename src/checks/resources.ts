/** Step 3: the repository and the CI user exist (and the solve that creates what is missing). */
import {
  CreateRepositoryCommand,
  DeleteRepositoryCommand,
  DescribeRepositoriesCommand,
  ListTagsForResourceCommand,
} from '@aws-sdk/client-ecr';
import { CreateUserCommand, GetUserCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { TutorError } from '../errors.js';
import { carriesTutorTags, tagsFor } from './tags.js';
import type { LabAction, LabCheck, LabContext } from './types.js';
import { errName, errorResult, param } from './util.js';
import { t } from '../i18n/index.js';

/** The inline policy the workshop gave the CI user: `docker login` only. */
export const CI_LOGIN_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Sid: 'EcrLogin', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
  ],
});

async function repositoryExists(ctx: LabContext, repository: string): Promise<boolean> {
  try {
    await ctx.env.session.clients.ecr.send(
      new DescribeRepositoriesCommand({ repositoryNames: [repository] }),
    );
    return true;
  } catch (err) {
    if (errName(err) === 'RepositoryNotFoundException') return false;
    throw err;
  }
}

async function userExists(ctx: LabContext, user: string): Promise<boolean> {
  try {
    await ctx.env.session.clients.iam.send(new GetUserCommand({ UserName: user }));
    return true;
  } catch (err) {
    if (errName(err) === 'NoSuchEntityException' || errName(err) === 'NoSuchEntity') return false;
    throw err;
  }
}

/** Passes when both the repository and the CI user exist (live reads). */
export const checkResourcesExist: LabCheck = async (ctx, params) => {
  const repository = param(params, 'repository');
  const ciUser = param(params, 'ciUser');
  let repo: boolean;
  let user: boolean;
  try {
    repo = await repositoryExists(ctx, repository);
  } catch (err) {
    return errorResult(ctx, err, t('check.doing.lookUpRepository', { repository }));
  }
  try {
    user = await userExists(ctx, ciUser);
  } catch (err) {
    return errorResult(ctx, err, t('check.doing.lookUpUser', { user: ciUser }));
  }
  const region = ctx.env.session.region;
  const view = {
    kind: 'resources' as const,
    items: [
      { what: t('check.resources.repositoryIn', { region }), name: repository, exists: repo },
      { what: t('check.resources.iamUser'), name: ciUser, exists: user },
    ],
  };
  const missing = view.items.filter((i) => !i.exists).map((i) => `${i.what} ${i.name}`);
  if (missing.length) {
    return {
      status: 'fail',
      summary: t('check.resources.missing', {
        count: missing.length,
        first: missing[0]!,
        second: missing[1] ?? '',
      }),
      details: [t('check.resources.missingDetail')],
      hintKey: 'missing',
      evidence: { repository: repo, ciUser: user },
      view,
    };
  }
  return {
    status: 'pass',
    summary: t('check.resources.found', { repository, user: ciUser }),
    evidence: { repository: repo, ciUser: user },
    view,
  };
};

/** Solve: creates the repository and/or the CI user (with its login-only policy) when missing. */
export const createResources: LabAction = async (ctx, params) => {
  const repository = param(params, 'repository');
  const ciUser = param(params, 'ciUser');
  const done: string[] = [];
  if (!(await repositoryExists(ctx, repository))) {
    await ctx.env.session.clients.ecr.send(
      new CreateRepositoryCommand({ repositoryName: repository, tags: tagsFor(ctx) }),
    );
    // recorded too: clean-up may only delete what the tutor made
    ctx.setVar('createdRepository', repository);
    done.push(t('check.resources.createdRepository', { repository }));
  }
  if (!(await userExists(ctx, ciUser))) {
    await ctx.env.session.clients.iam.send(
      new CreateUserCommand({ UserName: ciUser, Tags: tagsFor(ctx) }),
    );
    ctx.setVar('createdCiUser', ciUser);
    await ctx.env.session.clients.iam.send(
      new PutUserPolicyCommand({
        UserName: ciUser,
        PolicyName: 'ecr-login',
        PolicyDocument: CI_LOGIN_POLICY,
      }),
    );
    done.push(t('check.resources.createdUser', { user: ciUser }));
  }
  return { summary: done.length ? done.join('; ') : t('check.resources.nothingToCreate') };
};

/** Verify setup: deletes the repository so the prerequisites solve is really exercised. */
export const deleteRepository: LabAction = async (ctx, params) => {
  const repository = param(params, 'repository');
  // Outside the sandbox only what the tutor created (and tagged) for this lesson is deleted.
  if (ctx.env.session.kind !== 'sandbox') {
    let tags: Array<{ Key?: string; Value?: string }> | undefined;
    try {
      const d = await ctx.env.session.clients.ecr.send(
        new DescribeRepositoriesCommand({ repositoryNames: [repository] }),
      );
      const arn = d.repositories?.[0]?.repositoryArn;
      tags = arn
        ? (
            await ctx.env.session.clients.ecr.send(
              new ListTagsForResourceCommand({ resourceArn: arn }),
            )
          ).tags
        : undefined;
    } catch (err) {
      if (errName(err) === 'RepositoryNotFoundException')
        return { summary: t('checks.resources.noRepository', { repository }) };
      throw err;
    }
    if (!carriesTutorTags(tags, ctx.lesson.id, ctx.vars.learner ?? ''))
      throw new TutorError(
        t('checks.resources.notOurs', { repository }),
        t('checks.resources.notOursTry'),
      );
  }
  try {
    await ctx.env.session.clients.ecr.send(
      new DeleteRepositoryCommand({ repositoryName: repository, force: true }),
    );
  } catch (err) {
    if (errName(err) !== 'RepositoryNotFoundException') throw err;
  }
  return { summary: t('check.resources.deletedRepository', { repository }) };
};
