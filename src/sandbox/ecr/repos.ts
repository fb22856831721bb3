/** Repository lookup, the repository shape ECR returns, and per-repository authorization. */
import { authorize } from '../authorize.js';
import { stateOf, type RequestContext } from '../context.js';
import { AwsError } from '../protocols/errors.js';
import { registryAddress } from '../registry/address.js';
import type { AccountState, Repository } from '../store/model.js';
import { optString, REGISTRY_ID, REPOSITORY_NAME, reqString } from './input.js';

export interface RepoTarget {
  registryId: string;
  repositoryName: string;
  arn: string;
  account?: AccountState;
  repo?: Repository;
}

export function repositoryArn(ctx: RequestContext, registryId: string, name: string): string {
  return `arn:aws:ecr:${stateOf(ctx).region}:${registryId}:repository/${name}`;
}

/** `HOST:PORT/NAME` on the sandbox's registry for the repository's account (see registry/address.ts). */
export function repositoryUri(ctx: RequestContext, repo: Repository): string {
  return `${registryAddress(ctx.core, repo.registryId)}/${repo.repositoryName}`;
}

export function notFound(t: { registryId: string; repositoryName: string }): AwsError {
  return new AwsError(
    'RepositoryNotFoundException',
    `The repository with name '${t.repositoryName}' does not exist in the registry with id '${t.registryId}'`,
  );
}

/** Reads registryId + repositoryName from the input and finds the repository (if any). */
export function target(ctx: RequestContext, input: Record<string, unknown>): RepoTarget {
  const repositoryName = reqString(input, 'repositoryName', { min: 1 });
  if (!REPOSITORY_NAME.pattern!.test(repositoryName) || repositoryName.length > 256) {
    // the model's error for a bad name (not ValidationException)
    throw new AwsError(
      'InvalidParameterException',
      `Invalid parameter at 'repositoryName' failed to satisfy constraint: 'must satisfy regular expression '${REPOSITORY_NAME.patternText}''`,
    );
  }
  const registryId = optString(input, 'registryId', REGISTRY_ID) ?? ctx.caller.accountId;
  const account = stateOf(ctx).accounts[registryId];
  const repo = account?.repositories[repositoryName];
  return {
    registryId,
    repositoryName,
    arn: repositoryArn(ctx, registryId, repositoryName),
    account,
    repo,
  };
}

/**
 * Authorizes `ecr:ACTION` on the repository (identity policies + its repository policy), then
 * insists it exists. Denial comes first, as on AWS: a caller without access learns nothing.
 */
export function authorizeRepo(ctx: RequestContext, t: RepoTarget, action: string): Repository {
  authorize(ctx, `ecr:${action}`, t.arn, {
    protocol: 'json',
    resourceAccount: t.registryId,
    ...(t.repo?.policyText
      ? {
          resourcePolicy: {
            name: `repository policy of ${t.repositoryName}`,
            text: t.repo.policyText,
          },
        }
      : {}),
  });
  if (!t.repo) throw notFound(t);
  return t.repo;
}

/** The Repository structure of the ECR model. */
export function repositoryShape(ctx: RequestContext, repo: Repository): Record<string, unknown> {
  return {
    repositoryArn: repo.repositoryArn,
    registryId: repo.registryId,
    repositoryName: repo.repositoryName,
    repositoryUri: repositoryUri(ctx, repo),
    createdAt: repo.createdAt,
    imageTagMutability: repo.imageTagMutability,
    ...(repo.imageTagMutabilityExclusionFilters
      ? { imageTagMutabilityExclusionFilters: repo.imageTagMutabilityExclusionFilters }
      : {}),
    imageScanningConfiguration: { scanOnPush: repo.scanOnPush },
    encryptionConfiguration: { encryptionType: repo.encryptionType },
  };
}
