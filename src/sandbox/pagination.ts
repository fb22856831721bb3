/**
 * Paging as AWS does it, in one place: ECR's `maxResults`/`nextToken` (1 to 1000) and IAM's
 * `MaxItems`/`Marker` (1 to 1000, `IsTruncated`). A token is an HMAC-signed claim naming the
 * operation, the list it pages and the last key returned, so a token from another operation,
 * list or sandbox is refused (ECR: InvalidParameterException) instead of silently restarting.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { RequestContext } from './context.js';
import { AwsError } from './protocols/errors.js';

function sign(key: string, payload: string): string {
  return createHmac('sha256', key).update(`page-token:${payload}`).digest('base64url');
}

function tokenFor(ctx: RequestContext, list: string, lastKey: string): string {
  const payload = Buffer.from(JSON.stringify({ l: list, k: lastKey })).toString('base64url');
  return `${payload}.${sign(ctx.core.metadata.state.urlSigningKey, payload)}`;
}

/** The last key a token names, or undefined when the token is not one of ours for this list. */
function keyOf(ctx: RequestContext, list: string, token: string): string | undefined {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return undefined;
  const expected = Buffer.from(sign(ctx.core.metadata.state.urlSigningKey, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  try {
    const claim = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
      l?: unknown;
      k?: unknown;
    };
    return claim.l === list && typeof claim.k === 'string' ? claim.k : undefined;
  } catch {
    return undefined;
  }
}

/** Items after the token's key (sorted by key), at most `max`, and the token of the next page. */
function page<T>(
  ctx: RequestContext,
  items: T[],
  key: (t: T) => string,
  list: string,
  max: number,
  after: string | undefined,
): { items: T[]; next?: string } {
  const sorted = [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const rest = after === undefined ? sorted : sorted.filter((t) => key(t) > after);
  if (rest.length <= max) return { items: rest };
  const shown = rest.slice(0, max);
  return { items: shown, next: tokenFor(ctx, list, key(shown[shown.length - 1]!)) };
}

/** ECR paging: validates maxResults (1..1000) and nextToken; `list` names the operation and its scope. */
export function ecrPage<T>(
  ctx: RequestContext,
  input: Record<string, unknown>,
  items: T[],
  key: (t: T) => string,
  list: string,
): { items: T[]; nextToken?: string } {
  const max = input.maxResults;
  if (max !== undefined && max !== null) {
    if (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > 1000) {
      throw new AwsError(
        'InvalidParameterException',
        `Invalid parameter at 'maxResults' failed to satisfy constraint: 'Member must have value ${typeof max === 'number' && max < 1 ? 'greater than or equal to 1' : 'less than or equal to 1000'}'`,
      );
    }
  }
  const token = input.nextToken;
  let after: string | undefined;
  if (token !== undefined && token !== null) {
    after = typeof token === 'string' ? keyOf(ctx, list, token) : undefined;
    if (after === undefined) {
      throw new AwsError(
        'InvalidParameterException',
        "Invalid parameter at 'nextToken' failed to satisfy constraint: 'Invalid NextToken: it does not come from this operation on this list'",
      );
    }
  }
  const r = page(ctx, items, key, list, typeof max === 'number' ? max : 1000, after);
  return { items: r.items, ...(r.next ? { nextToken: r.next } : {}) };
}

/** IAM paging: validates MaxItems (1..1000) and Marker; answers IsTruncated and Marker. */
export function iamPage<T>(
  ctx: RequestContext,
  q: { get(name: string): string | undefined },
  items: T[],
  key: (t: T) => string,
  list: string,
): { items: T[]; IsTruncated: boolean; Marker?: string } {
  const maxText = q.get('MaxItems');
  let max = 100;
  if (maxText !== undefined) {
    const n = Number(maxText);
    if (!Number.isInteger(n) || n < 1 || n > 1000) {
      throw new AwsError(
        'ValidationError',
        `1 validation error detected: Value '${maxText}' at 'maxItems' failed to satisfy constraint: Member must have value ${n < 1 ? 'greater than or equal to 1' : 'less than or equal to 1000'}`,
      );
    }
    max = n;
  }
  const marker = q.get('Marker');
  let after: string | undefined;
  if (marker !== undefined) {
    after = keyOf(ctx, list, marker);
    if (after === undefined) {
      throw new AwsError('ValidationError', 'Invalid Marker: it does not come from this list.');
    }
  }
  const r = page(ctx, items, key, list, max, after);
  return {
    items: r.items,
    IsTruncated: r.next !== undefined,
    ...(r.next ? { Marker: r.next } : {}),
  };
}
