/** Repository lifecycle and tags: Create/Describe/DeleteRepository, Tag/Untag/ListTagsForResource. */
import { ecrPage } from '../pagination.js';
import { authorize } from '../authorize.js';
import { callerAccount, persist, stateOf, type RequestContext } from '../context.js';
import { AwsError } from '../protocols/errors.js';
import { newRepository } from '../seed.js';
import type { Repository } from '../store/model.js';
import {
  objectList,
  optBoolean,
  optObject,
  optString,
  REGISTRY_ID,
  REPOSITORY_NAME,
  reqString,
  stringList,
} from './input.js';
import { authorizeRepo, notFound, repositoryArn, repositoryShape, target } from './repos.js';

type Tag = { Key: string; Value: string };

function readTags(
  input: Record<string, unknown>,
  name: string,
  required: boolean,
): Tag[] | undefined {
  const list = objectList(input, name, required, 0, 200);
  return list?.map((o) => ({
    Key: reqString(o, 'Key', { min: 1, max: 128 }),
    Value: reqString(o, 'Value', { min: 0, max: 256 }),
  }));
}

const MUTABILITIES = [
  'MUTABLE',
  'IMMUTABLE',
  'IMMUTABLE_WITH_EXCLUSION',
  'MUTABLE_WITH_EXCLUSION',
] as const;
type Mutability = (typeof MUTABILITIES)[number];

/** imageTagMutabilityExclusionFilters: required with the *_WITH_EXCLUSION settings, refused otherwise. */
function readExclusions(
  input: Record<string, unknown>,
  mutability: string | undefined,
): Array<{ filterType: 'WILDCARD'; filter: string }> | undefined {
  const list = objectList(input, 'imageTagMutabilityExclusionFilters', false, 1, 5);
  const withExclusion = mutability?.endsWith('_WITH_EXCLUSION') === true;
  if (withExclusion !== (list !== undefined)) {
    throw new AwsError(
      'InvalidParameterException',
      withExclusion
        ? `Invalid parameter at 'imageTagMutabilityExclusionFilters' failed to satisfy constraint: 'exclusion filters are required when imageTagMutability is ${mutability}'`
        : "Invalid parameter at 'imageTagMutabilityExclusionFilters' failed to satisfy constraint: 'exclusion filters can only be used with IMMUTABLE_WITH_EXCLUSION or MUTABLE_WITH_EXCLUSION'",
    );
  }
  return list?.map((o) => {
    const filterType = reqString(o, 'filterType');
    if (filterType !== 'WILDCARD') {
      throw new AwsError(
        'InvalidParameterException',
        "Invalid parameter at 'filterType' failed to satisfy constraint: 'Member must satisfy enum value set: [WILDCARD]'",
      );
    }
    return { filterType, filter: reqString(o, 'filter', { min: 1, max: 128 }) };
  });
}

function mergeTags(repo: Repository, tags: Tag[]): void {
  for (const tag of tags) {
    const i = repo.tags.findIndex((x) => x.Key === tag.Key);
    if (i >= 0) repo.tags[i] = tag;
    else repo.tags.push(tag);
  }
}

export async function createRepository(
  ctx: RequestContext,
  input: Record<string, unknown>,
): Promise<unknown> {
  const name = reqString(input, 'repositoryName', REPOSITORY_NAME);
  const registryId = optString(input, 'registryId', REGISTRY_ID) ?? ctx.caller.accountId;
  const tags = readTags(input, 'tags', false) ?? [];
  const mutability = optString(input, 'imageTagMutability');
  if (mutability !== undefined && !MUTABILITIES.includes(mutability as Mutability)) {
    throw new AwsError(
      'InvalidParameterException',
      `Invalid parameter at 'imageTagMutability' failed to satisfy constraint: 'Member must satisfy enum value set: [${MUTABILITIES.join(', ')}]'`,
    );
  }
  const exclusions = readExclusions(input, mutability);
  const scanning = optObject(input, 'imageScanningConfiguration');
  const scanOnPush = scanning ? optBoolean(scanning, 'scanOnPush') : undefined;
  const encryption = optObject(input, 'encryptionConfiguration');
  const encType = encryption ? optString(encryption, 'encryptionType') : undefined;
  const arn = repositoryArn(ctx, registryId, name);
  authorize(ctx, 'ecr:CreateRepository', arn, { protocol: 'json', resourceAccount: registryId });
  if (registryId !== ctx.caller.accountId) {
    throw new AwsError(
      'InvalidParameterException',
      `Invalid parameter at 'registryId' failed to satisfy constraint: 'Repositories can only be created in the caller's own registry (${ctx.caller.accountId})'`,
    );
  }
  const account = callerAccount(ctx);
  if (account.repositories[name]) {
    throw new AwsError(
      'RepositoryAlreadyExistsException',
      `The repository with name '${name}' already exists in the registry with id '${registryId}'`,
    );
  }
  const repo = newRepository(registryId, stateOf(ctx).region, name);
  if (mutability) repo.imageTagMutability = mutability as Mutability;
  if (exclusions) repo.imageTagMutabilityExclusionFilters = exclusions;
  if (scanOnPush !== undefined) repo.scanOnPush = scanOnPush;
  if (encType === 'KMS') repo.encryptionType = 'KMS';
  mergeTags(repo, tags);
  account.repositories[name] = repo;
  await persist(ctx);
  return { repository: repositoryShape(ctx, repo) };
}

export async function describeRepositories(
  ctx: RequestContext,
  input: Record<string, unknown>,
): Promise<unknown> {
  const registryId = optString(input, 'registryId', REGISTRY_ID) ?? ctx.caller.accountId;
  const names = stringList(input, 'repositoryNames', false, 1, 100);
  const account = stateOf(ctx).accounts[registryId];
  if (names && input.maxResults !== undefined) {
    throw new AwsError(
      'InvalidParameterException',
      "Invalid parameter at 'maxResults' failed to satisfy constraint: 'maxResults can not be used together with repositoryNames'",
    );
  }
  if (names) {
    const repos = names.map((n) =>
      authorizeRepo(ctx, target(ctx, { repositoryName: n, registryId }), 'DescribeRepositories'),
    );
    return { repositories: repos.map((r) => repositoryShape(ctx, r)) };
  }
  const all = Object.values(account?.repositories ?? {});
  if (all.length === 0) {
    // Nothing to filter: still refuse a caller who may not describe repositories at all.
    authorize(ctx, 'ecr:DescribeRepositories', repositoryArn(ctx, registryId, '*'), {
      protocol: 'json',
      resourceAccount: registryId,
    });
    return { repositories: [] };
  }
  // Listing shows the repositories the caller may describe; refuse when that is none of them.
  const visible: Repository[] = [];
  let firstDenial: unknown;
  for (const repo of all) {
    try {
      visible.push(
        authorizeRepo(
          ctx,
          target(ctx, { repositoryName: repo.repositoryName, registryId }),
          'DescribeRepositories',
        ),
      );
    } catch (err) {
      firstDenial ??= err;
    }
  }
  if (visible.length === 0 && firstDenial) throw firstDenial;
  const p = ecrPage(
    ctx,
    input,
    visible,
    (r) => r.repositoryName,
    `DescribeRepositories:${registryId}`,
  );
  return {
    repositories: p.items.map((r) => repositoryShape(ctx, r)),
    ...(p.nextToken ? { nextToken: p.nextToken } : {}),
  };
}

export async function deleteRepository(
  ctx: RequestContext,
  input: Record<string, unknown>,
): Promise<unknown> {
  const t = target(ctx, input);
  const force = optBoolean(input, 'force') ?? false;
  const repo = authorizeRepo(ctx, t, 'DeleteRepository');
  if (!force && Object.keys(repo.images).length > 0) {
    throw new AwsError(
      'RepositoryNotEmptyException',
      `The repository with name '${t.repositoryName}' in registry with id '${t.registryId}' cannot be deleted because it still contains images`,
    );
  }
  delete t.account!.repositories[t.repositoryName];
  await persist(ctx);
  return { repository: repositoryShape(ctx, repo) };
}

/** Finds the repository an ARN names (tags are addressed by ARN). */
function byArn(ctx: RequestContext, input: Record<string, unknown>): ReturnType<typeof target> {
  const arn = reqString(input, 'resourceArn');
  const m = /^arn:aws:ecr:([a-z0-9-]+):(\d{12}):repository\/(.+)$/.exec(arn);
  if (!m)
    throw new AwsError(
      'InvalidParameterException',
      "Invalid parameter at 'resourceArn' failed to satisfy constraint: 'Invalid ARN'",
    );
  const t = target(ctx, { registryId: m[2], repositoryName: m[3] });
  if (m[1] !== stateOf(ctx).region) throw notFound(t);
  return t;
}

export async function tagResource(
  ctx: RequestContext,
  input: Record<string, unknown>,
): Promise<unknown> {
  const t = byArn(ctx, input);
  const tags = readTags(input, 'tags', true)!;
  const repo = authorizeRepo(ctx, t, 'TagResource');
  mergeTags(repo, tags);
  await persist(ctx);
  return {};
}

export async function untagResource(
  ctx: RequestContext,
  input: Record<string, unknown>,
): Promise<unknown> {
  const t = byArn(ctx, input);
  const keys = stringList(input, 'tagKeys', true, 0, 200)!;
  const repo = authorizeRepo(ctx, t, 'UntagResource');
  repo.tags = repo.tags.filter((x) => !keys.includes(x.Key));
  await persist(ctx);
  return {};
}

export async function listTagsForResource(
  ctx: RequestContext,
  input: Record<string, unknown>,
): Promise<unknown> {
  const t = byArn(ctx, input);
  const repo = authorizeRepo(ctx, t, 'ListTagsForResource');
  return { tags: repo.tags };
}
