/**
 * Repository policies: Get/Set/DeleteRepositoryPolicy, with ECR's validation (size, syntax,
 * unsupported elements, principals that do not exist) and the `force` lockout guard.
 */
import {
  denialClause,
  parsePolicy,
  principalsOf,
  type PolicyDocument,
} from '../../policy/index.js';
import { decide } from '../authorize.js';
import { persist, stateOf, type RequestContext } from '../context.js';
import { AwsError } from '../protocols/errors.js';
import { optBoolean, reqString } from './input.js';
import { authorizeRepo, target } from './repos.js';

export const MAX_POLICY_TEXT = 10_240;

function invalid(constraint: string): AwsError {
  return new AwsError(
    'InvalidParameterException',
    `Invalid parameter at 'PolicyText' failed to satisfy constraint: '${constraint}'`,
  );
}

const INVALID_POLICY = 'Invalid repository policy provided';

/** Whether an IAM principal named in a policy exists in the sandbox (accounts always "exist"). */
function principalExists(ctx: RequestContext, principal: string): boolean {
  if (principal === '*' || /^\d{12}$/.test(principal)) return true;
  const m =
    /^arn:aws:(iam|sts)::(\d{12}):(root|user\/(?:.*\/)?([^/]+)|role\/(?:.*\/)?([^/]+)|assumed-role\/([^/]+)\/[^/]+)$/.exec(
      principal,
    );
  if (!m) {
    // service principals (ecr.amazonaws.com) and canonical ids are accepted as written
    return !principal.startsWith('arn:');
  }
  const account = stateOf(ctx).accounts[m[2]!];
  if (m[3] === 'root') return true;
  if (!account) return false;
  if (m[4] !== undefined) return account.users[m[4]] !== undefined;
  const role = m[5] ?? m[6];
  return role !== undefined && account.roles[role] !== undefined;
}

/** Validates policy text as ECR does; returns the parsed document. */
export function validateRepositoryPolicy(ctx: RequestContext, text: string): PolicyDocument {
  if (text.length > MAX_POLICY_TEXT)
    throw invalid(`Member must have length less than or equal to ${MAX_POLICY_TEXT}`);
  let doc: PolicyDocument;
  try {
    doc = parsePolicy(text);
  } catch {
    throw invalid(INVALID_POLICY);
  }
  if (doc.version !== '2012-10-17' && doc.version !== '2008-10-17') throw invalid(INVALID_POLICY);
  for (const st of doc.statements) {
    if (!st.principal && !st.notPrincipal) throw invalid(INVALID_POLICY);
    // IAM: "NotPrincipal must be used with "Effect":"Deny". Using it with Allow is not supported."
    if (st.notPrincipal && st.effect === 'Allow') throw invalid(INVALID_POLICY);
    for (const a of [...(st.action ?? []), ...(st.notAction ?? [])]) {
      const lower = a.toLowerCase();
      // GetAuthorizationToken is account-level: ECR refuses it in a repository policy.
      if (lower === 'ecr:getauthorizationtoken') throw invalid(INVALID_POLICY);
      if (lower !== '*' && !lower.startsWith('ecr:')) throw invalid(INVALID_POLICY);
    }
  }
  for (const p of principalsOf(doc)) {
    if (p.startsWith('arn:') && p.includes('*')) throw invalid(INVALID_POLICY);
    if (!principalExists(ctx, p)) throw invalid('Principal not found');
  }
  return doc;
}

export async function getRepositoryPolicy(
  ctx: RequestContext,
  input: Record<string, unknown>,
): Promise<unknown> {
  const t = target(ctx, input);
  const repo = authorizeRepo(ctx, t, 'GetRepositoryPolicy');
  if (repo.policyText === undefined) {
    throw new AwsError(
      'RepositoryPolicyNotFoundException',
      `Repository policy does not exist for the repository with name '${t.repositoryName}' in the registry with id '${t.registryId}'`,
    );
  }
  return {
    registryId: t.registryId,
    repositoryName: t.repositoryName,
    policyText: repo.policyText,
  };
}

export async function setRepositoryPolicy(
  ctx: RequestContext,
  input: Record<string, unknown>,
): Promise<unknown> {
  const t = target(ctx, input);
  const text = reqString(input, 'policyText', { min: 0 });
  const force = optBoolean(input, 'force') ?? false;
  const repo = authorizeRepo(ctx, t, 'SetRepositoryPolicy');
  validateRepositoryPolicy(ctx, text);
  if (!force) {
    // Lockout guard: would the caller still be allowed to change the policy afterwards?
    const after = decide(ctx, 'ecr:SetRepositoryPolicy', t.arn, {
      resourceAccount: t.registryId,
      resourcePolicy: { name: `new repository policy of ${t.repositoryName}`, text },
    });
    if (after.decision !== 'allowed') {
      throw invalid(
        `The repository policy would prevent you from setting another policy in the future (you would be denied ecr:SetRepositoryPolicy ${denialClause(after)}). Set force to true to apply it anyway`,
      );
    }
  }
  repo.policyText = text;
  await persist(ctx);
  return { registryId: t.registryId, repositoryName: t.repositoryName, policyText: text };
}

export async function deleteRepositoryPolicy(
  ctx: RequestContext,
  input: Record<string, unknown>,
): Promise<unknown> {
  const t = target(ctx, input);
  const repo = authorizeRepo(ctx, t, 'DeleteRepositoryPolicy');
  const text = repo.policyText;
  if (text === undefined) {
    throw new AwsError(
      'RepositoryPolicyNotFoundException',
      `Repository policy does not exist for the repository with name '${t.repositoryName}' in the registry with id '${t.registryId}'`,
    );
  }
  delete repo.policyText;
  await persist(ctx);
  return { registryId: t.registryId, repositoryName: t.repositoryName, policyText: text };
}
