/** Shared IAM pieces: errors in IAM's wording, name rules, policy document checks, lookups. */
import { parsePolicy, type PolicyDocument } from '../../policy/index.js';
import { authorize } from '../authorize.js';
import { callerAccount, type RequestContext } from '../context.js';
import { AwsError, validationError } from '../protocols/errors.js';
import type { QueryParams } from '../protocols/query.js';
import type { IamRole, IamUser, ManagedPolicy } from '../store/model.js';
import { AWS_MANAGED_POLICIES } from './managed.js';

export const NAME_RE = /^[\w+=,.@-]+$/;

export function noSuchEntity(message: string): AwsError {
  return new AwsError('NoSuchEntity', message, 404);
}

export function alreadyExists(message: string): AwsError {
  return new AwsError('EntityAlreadyExists', message, 409);
}

export function deleteConflict(message: string): AwsError {
  return new AwsError('DeleteConflict', message, 409);
}

/** A required name parameter (UserName, RoleName, PolicyName) with IAM's constraints. */
export function reqName(q: QueryParams, param: string, max = 64): string {
  const v = q.get(param);
  const member = param[0]!.toLowerCase() + param.slice(1);
  if (v === undefined)
    throw validationError([
      `Value null at '${member}' failed to satisfy constraint: Member must not be null`,
    ]);
  if (v.length < 1 || v.length > max || !NAME_RE.test(v)) {
    throw validationError([
      `Value '${v}' at '${member}' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+ and have length between 1 and ${max}`,
    ]);
  }
  return v;
}

export function reqParam(q: QueryParams, param: string): string {
  const v = q.get(param);
  if (v === undefined) {
    const member = param[0]!.toLowerCase() + param.slice(1);
    throw validationError([
      `Value null at '${member}' failed to satisfy constraint: Member must not be null`,
    ]);
  }
  return v;
}

export function iamAuthorize(ctx: RequestContext, action: string, resource: string): void {
  authorize(ctx, `iam:${action}`, resource, { protocol: 'query' });
}

export function userArn(ctx: RequestContext, name: string, path = '/'): string {
  return `arn:aws:iam::${ctx.caller.accountId}:user${path}${name}`;
}

export function roleArn(ctx: RequestContext, name: string, path = '/'): string {
  return `arn:aws:iam::${ctx.caller.accountId}:role${path}${name}`;
}

export function getUser(ctx: RequestContext, name: string): IamUser {
  const u = callerAccount(ctx).users[name];
  if (!u) throw noSuchEntity(`The user with name ${name} cannot be found.`);
  return u;
}

export function getRole(ctx: RequestContext, name: string): IamRole {
  const r = callerAccount(ctx).roles[name];
  if (!r) throw noSuchEntity(`The role with name ${name} cannot be found.`);
  return r;
}

/** A managed policy visible to the caller: AWS managed, or customer managed in its account. */
export function getManagedPolicy(ctx: RequestContext, arn: string): ManagedPolicy {
  if (!/^arn:aws:iam::(aws|\d{12}):policy\/.+$/.test(arn)) {
    throw new AwsError('InvalidInput', `ARN ${arn} is not valid.`, 400);
  }
  const p = AWS_MANAGED_POLICIES.get(arn) ?? callerAccount(ctx).policies[arn];
  if (!p) throw noSuchEntity(`Policy ${arn} does not exist or is not attachable.`);
  return p;
}

/**
 * Validates an identity or trust policy document the way IAM does (MalformedPolicyDocument).
 * `kind` = 'identity' refuses Principal; 'trust' requires it.
 */
export function validateIamDocument(
  text: string,
  kind: 'identity' | 'trust',
  max = 6144,
): PolicyDocument {
  if (text.replace(/\s/g, '').length > max) {
    throw new AwsError('LimitExceeded', `Cannot exceed quota for PolicySize: ${max}`, 409);
  }
  let doc: PolicyDocument;
  try {
    doc = parsePolicy(text);
  } catch (err) {
    throw new AwsError(
      'MalformedPolicyDocument',
      `Syntax errors in policy. ${err instanceof Error ? err.message : ''}`.trim(),
      400,
    );
  }
  for (const st of doc.statements) {
    const hasPrincipal = st.principal !== undefined || st.notPrincipal !== undefined;
    if (kind === 'identity' && hasPrincipal) {
      throw new AwsError(
        'MalformedPolicyDocument',
        'Policy document should not specify a principal.',
        400,
      );
    }
    if (kind === 'trust' && !hasPrincipal) {
      throw new AwsError(
        'MalformedPolicyDocument',
        'AssumeRolepolicy contained an invalid principal: Missing required field Principal',
        400,
      );
    }
    if (kind === 'identity' && !st.resource && !st.notResource) {
      throw new AwsError(
        'MalformedPolicyDocument',
        'Policy statement must contain resources.',
        400,
      );
    }
  }
  return doc;
}

/** IAM returns policy documents URL-encoded (RFC 3986), as the real service does. */
export function encodeDocument(text: string): string {
  return encodeURIComponent(text);
}

export function pathOf(q: QueryParams): string {
  const p = q.get('Path') ?? '/';
  if (!/^\/(?:[\x21-\x7e]+\/)?$/.test(p) && p !== '/') {
    throw validationError([
      `Value '${p}' at 'path' failed to satisfy constraint: Member must satisfy regular expression pattern: (\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)`,
    ]);
  }
  return p;
}

export function tagsOf(q: QueryParams): Array<{ Key: string; Value: string }> {
  return q.structList('Tags').map((get) => ({ Key: get('Key') ?? '', Value: get('Value') ?? '' }));
}
