/**
 * The registry password GetAuthorizationToken hands out (`aws ecr get-login-password` prints
 * it): an HMAC-signed claim naming the principal that asked and when it expires (12 hours),
 * so it survives a sandbox restart, dies with a reset (new signing key) and needs no table.
 * AWS's own token is an opaque encrypted blob bound to the principal in the same way.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Caller, SandboxCore } from '../context.js';
import type { SandboxState } from '../store/model.js';

/** How long a registry password is valid, as on ECR. */
export const REGISTRY_TOKEN_HOURS = 12;

interface Claims {
  /** account of the principal */
  a: string;
  /** IAM user name, for users */
  u?: string;
  /** access key id of the assumed-role session, for roles */
  s?: string;
  /** expiry, epoch seconds */
  e: number;
  /** makes every password distinct */
  n: string;
}

function sign(key: string, payload: string): string {
  return createHmac('sha256', key).update(`registry-token:${payload}`).digest('base64url');
}

/** A fresh password for `caller`, valid until `expiresAt` (epoch seconds). */
export function issueRegistryPassword(
  core: SandboxCore,
  caller: Caller,
  expiresAt: number,
): string {
  const claims: Claims = {
    a: caller.accountId,
    ...(caller.type === 'user' ? { u: caller.userName! } : { s: caller.accessKeyId }),
    e: expiresAt,
    n: randomBytes(6).toString('base64url'),
  };
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${payload}.${sign(core.metadata.state.urlSigningKey, payload)}`;
}

export type PasswordCheck =
  { ok: true; caller: Caller } | { ok: false; reason: 'invalid' | 'expired' | 'unknown-principal' };

function userCaller(state: SandboxState, accountId: string, userName: string): Caller | undefined {
  const user = state.accounts[accountId]?.users[userName];
  if (!user) return undefined;
  const key = Object.values(state.accessKeys).find(
    (k) => k.accountId === accountId && k.userName === userName,
  );
  return {
    accessKeyId: key?.accessKeyId ?? '',
    accountId,
    arn: user.arn,
    userId: user.userId,
    type: 'user',
    userName,
  };
}

function sessionCaller(state: SandboxState, accessKeyId: string): Caller | 'expired' | undefined {
  const session = state.sessions[accessKeyId];
  const role = session && state.accounts[session.accountId]?.roles[session.roleName];
  if (!session || !role) return undefined;
  if (Date.parse(session.expiration) <= Date.now()) return 'expired';
  return {
    accessKeyId,
    accountId: session.accountId,
    arn: `arn:aws:sts::${session.accountId}:assumed-role/${role.roleName}/${session.sessionName}`,
    userId: `${role.roleId}:${session.sessionName}`,
    type: 'assumed-role',
    roleName: role.roleName,
    sessionName: session.sessionName,
  };
}

/** Checks a registry password; the principal must still exist (a deleted user's token dies). */
export function checkRegistryPassword(
  core: SandboxCore,
  password: string,
  now = Date.now(),
): PasswordCheck {
  const state = core.metadata.state;
  const [payload, signature, extra] = password.split('.');
  if (!payload || !signature || extra !== undefined) return { ok: false, reason: 'invalid' };
  const expected = Buffer.from(sign(state.urlSigningKey, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    return { ok: false, reason: 'invalid' };
  let claims: Claims;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Claims;
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (typeof claims.e !== 'number' || claims.e * 1000 <= now)
    return { ok: false, reason: 'expired' };
  const caller = claims.u
    ? userCaller(state, claims.a, claims.u)
    : claims.s
      ? sessionCaller(state, claims.s)
      : undefined;
  if (caller === 'expired') return { ok: false, reason: 'expired' };
  if (!caller) return { ok: false, reason: 'unknown-principal' };
  return { ok: true, caller };
}
