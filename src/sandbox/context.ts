/** What every handler gets: the sandbox's stores and the authenticated caller. */
import type { BlobStore } from './store/blobs.js';
import type { MetadataStore } from './store/metadata.js';
import type { AccountState, SandboxState } from './store/model.js';
import { AwsError } from './protocols/errors.js';

export interface Caller {
  accessKeyId: string;
  accountId: string;
  /** arn:aws:iam::A:user/NAME or arn:aws:sts::A:assumed-role/ROLE/SESSION */
  arn: string;
  /** aws:userid: AIDA... for users, AROA...:SESSION for assumed roles */
  userId: string;
  type: 'user' | 'assumed-role';
  userName?: string;
  roleName?: string;
  sessionName?: string;
}

export interface SandboxCore {
  readonly stateDir: string;
  readonly metadata: MetadataStore;
  readonly blobs: BlobStore;
  /** http://HOST:PORT once listening */
  endpoint: string;
  log(line: string): void;
  /** one line per request (time, operation, caller name, status, error code), if wanted */
  accessLog?: (line: string) => void;
}

export interface RequestContext {
  core: SandboxCore;
  caller: Caller;
  requestId: string;
  /**
   * The region the request acts in: the endpoint's, decided at the front door
   * (front-door.ts requestedRegion), never the client's signature. It is aws:RequestedRegion.
   */
  region: string;
  sourceIp: string;
}

export function stateOf(ctx: RequestContext): SandboxState {
  return ctx.core.metadata.state;
}

/** The caller's own account (always exists: keys are only issued inside known accounts). */
export function callerAccount(ctx: RequestContext): AccountState {
  const a = stateOf(ctx).accounts[ctx.caller.accountId];
  if (!a) throw new AwsError('ServiceFailure', 'The account of the caller no longer exists.', 500);
  return a;
}

/**
 * Persists the state and waits until it is on disk. When the write fails (disk full, read-only)
 * memory goes back to what is on disk, so the sandbox never serves a change it could not keep.
 */
export async function persist(ctx: RequestContext): Promise<void> {
  try {
    await ctx.core.metadata.save();
  } catch (err) {
    await ctx.core.metadata.revert().catch(() => undefined);
    throw err;
  }
}
