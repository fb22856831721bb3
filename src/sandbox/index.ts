/**
 * The sandbox's public surface: a local AWS (STS, IAM, ECR) on loopback HTTP that the AWS SDK v3
 * and the AWS CLI talk to unchanged, enforcing IAM and repository policies.
 */
import { join } from 'node:path';
import { TutorError } from '../errors.js';
import { t } from '../i18n/index.js';
import { tutorPaths } from '../paths.js';
import type { SandboxCore } from './context.js';
import { acquireLock, pidAlive, readLock, recordEndpoint, releaseLock } from './lock.js';
import { SANDBOX_ADMIN_USER } from './names.js';
import { seedState } from './seed.js';
import type { FrontDoorLimits } from './front-door.js';
import { listen, type ListenOptions } from './server.js';
import { SECOND_REGISTRY_IP, setRegistryHosts, wantsSecondRegistry } from './registry/address.js';
import { BlobStore } from './store/blobs.js';
import { loadState, MetadataStore } from './store/metadata.js';
import type { SandboxState } from './store/model.js';
import { ensurePrivateDir } from '../private-files.js';

export {
  SANDBOX_ADMIN_USER,
  SANDBOX_CI_USER,
  SANDBOX_DEFAULT_PORT,
  SANDBOX_PARTNER_ADMIN_USER,
  SANDBOX_PARTNER_USER,
  SANDBOX_REPOSITORY,
} from './names.js';

export interface SandboxOptions {
  /** folder holding the sandbox's state (metadata + blobs); created if missing */
  stateDir: string;
  /** 0 = any free port */
  port?: number;
  /** default 127.0.0.1; anything not loopback needs allowNonLoopback */
  host?: string;
  allowNonLoopback?: boolean;
  /** when `port` is taken, listen on any free port instead of failing (the tutor's own sandbox) */
  fallbackToAnyPort?: boolean;
  /** default: AWS_REGION, else us-east-1 (used by the seed only) */
  region?: string;
  /** log lines (never secrets) */
  log?: (line: string) => void;
  /** one line per request: `HH:MM:SS ecr:PutImage by fcj-ecr-ci-cd-user -> 400 AccessDeniedException` */
  accessLog?: (line: string) => void;
  /** the front door's limits (body bytes in flight, body timeouts, connections); tests shorten them */
  limits?: Partial<FrontDoorLimits>;
}

export interface SandboxCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface SandboxUserInfo {
  name: string;
  arn: string;
  accountId: string;
  credentials: SandboxCredentials;
}

export interface RunningSandbox {
  /** http://127.0.0.1:PORT */
  endpoint: string;
  port: number;
  region: string;
  /** the learner's account (random 12 digits, fixed per state dir until reset) */
  accountId: string;
  /** the second account for cross-account lessons */
  secondAccountId: string;
  /** credentials of a sandbox IAM user (default: the admin); throws for an unknown user */
  user(name?: string, accountId?: string): SandboxUserInfo;
  /** back to the seeded workshop state (new account ids, new keys) */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

/** The state folder of the tutor's default sandbox (under ECR_TUTOR_HOME or the XDG data dir). */
export function defaultSandboxStateDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(tutorPaths(env).data, 'sandbox');
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** Looks up a user's first active key in a state document. */
export function userInfoFromState(
  state: SandboxState,
  name = SANDBOX_ADMIN_USER,
  accountId?: string,
): SandboxUserInfo {
  const accounts = accountId ? [accountId] : [state.primaryAccountId, state.secondAccountId];
  for (const id of accounts) {
    const user = state.accounts[id]?.users[name];
    if (!user) continue;
    const key = Object.values(state.accessKeys).find(
      (k) => k.accountId === id && k.userName === name && k.status === 'Active',
    );
    if (!key) {
      throw new TutorError(
        `the sandbox user ${name} has no active access key`,
        `create one as the admin: aws iam create-access-key --user-name ${name}`,
      );
    }
    return {
      name,
      arn: user.arn,
      accountId: id,
      credentials: { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey },
    };
  }
  const known = accounts.flatMap((id) => Object.keys(state.accounts[id]?.users ?? {}));
  throw new TutorError(
    `there is no sandbox user named ${name}${accountId ? ` in account ${accountId}` : ''}`,
    `pick one of: ${known.join(', ')}`,
  );
}

/** Every blob digest a state refers to. */
function blobsOf(state: SandboxState): string[] {
  return Object.values(state.accounts).flatMap((a) =>
    Object.values(a.repositories).flatMap((r) => Object.keys(r.layers)),
  );
}

async function writeSeed(
  stateDir: string,
  blobs: BlobStore,
  region: string,
): Promise<SandboxState> {
  const seed = seedState(region);
  for (const b of seed.blobs) await blobs.put(b.digest, b.bytes);
  const store = new MetadataStore(stateDir, seed.state);
  await store.save();
  return seed.state;
}

function defaultRegion(region?: string): string {
  return region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1';
}

/**
 * The second account's registry on 127.0.0.2 at the same port (see registry/address.ts). When
 * that address cannot be bound, the sandbox still runs and says what is missing.
 */
async function listenSecondRegistry(
  core: SandboxCore,
  host: string,
  port: number,
  listenOpts: ListenOptions,
  log: (line: string) => void,
): Promise<{ close(): Promise<void> } | undefined> {
  if (!wantsSecondRegistry(host)) return undefined;
  try {
    return await listen(core, SECOND_REGISTRY_IP, port, listenOpts);
  } catch (err) {
    log(
      t('cmd.note', {
        text: t('sandbox.log.noSecondRegistry', {
          address: `${SECOND_REGISTRY_IP}:${port}`,
          why: (err as NodeJS.ErrnoException).code ?? String(err),
          command: `sudo ifconfig lo0 alias ${SECOND_REGISTRY_IP}`,
        }),
      }),
    );
    return undefined;
  }
}

/** Starts a sandbox on its state folder (seeding it on first use). */
export async function startSandbox(opts: SandboxOptions): Promise<RunningSandbox> {
  const host = opts.host ?? '127.0.0.1';
  if (!isLoopback(host) && !opts.allowNonLoopback) {
    throw new TutorError(t('sandbox.log.refuseHost', { host }), t('sandbox.log.refuseHostTry'));
  }
  const log = opts.log ?? (() => undefined);
  if (!isLoopback(host)) {
    log(t('cmd.warning', { text: t('sandbox.log.notLoopback', { host }) }));
  }
  await ensurePrivateDir(opts.stateDir);
  await acquireLock(opts.stateDir);
  try {
    const blobs = new BlobStore(opts.stateDir);
    await blobs.init();
    const state =
      (await loadState(opts.stateDir)) ??
      (await writeSeed(opts.stateDir, blobs, defaultRegion(opts.region)));
    const core: SandboxCore = {
      stateDir: opts.stateDir,
      metadata: new MetadataStore(opts.stateDir, state),
      blobs,
      endpoint: '',
      log,
      ...(opts.accessLog ? { accessLog: opts.accessLog } : {}),
    };
    let http;
    // Beyond loopback (explicitly allowed) the Host names whatever the clients use.
    const listenOpts: ListenOptions = {
      checkHost: isLoopback(host),
      ...(opts.limits ? { limits: opts.limits } : {}),
    };
    try {
      http = await listen(core, host, opts.port ?? 0, listenOpts).catch((err: unknown) => {
        const busy = (err as NodeJS.ErrnoException).code === 'EADDRINUSE';
        if (busy && opts.fallbackToAnyPort && opts.port) return listen(core, host, 0, listenOpts);
        throw err;
      });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
        // the code says it to callers (aws/session.ts falls back to any port): the words are a person's
        throw Object.assign(
          new TutorError(
            t('sandbox.log.portInUse', { port: String(opts.port), host }),
            t('sandbox.log.portInUseTry'),
          ),
          { code: 'EADDRINUSE' },
        );
      }
      throw err;
    }
    const shownHost = host.includes(':') ? `[${host}]` : host;
    core.endpoint = `http://${shownHost}:${http.port}`;
    const second = await listenSecondRegistry(core, host, http.port, listenOpts, log);
    setRegistryHosts(core, {
      main: shownHost,
      port: http.port,
      ...(second ? { second: SECOND_REGISTRY_IP } : {}),
    });
    await recordEndpoint(opts.stateDir, core.endpoint);
    log(t('sandbox.log.listening', { endpoint: core.endpoint, dir: opts.stateDir }));
    let stopped = false;
    return {
      endpoint: core.endpoint,
      port: http.port,
      get region() {
        return core.metadata.state.region;
      },
      get accountId() {
        return core.metadata.state.primaryAccountId;
      },
      get secondAccountId() {
        return core.metadata.state.secondAccountId;
      },
      user: (name?: string, accountId?: string) =>
        userInfoFromState(core.metadata.state, name, accountId),
      async reset() {
        await core.metadata.flush();
        // Seed blobs and state.json first, old blobs last: a kill mid-reset never strands an image.
        core.metadata.state = await writeSeed(opts.stateDir, blobs, core.metadata.state.region);
        await blobs.retainOnly(blobsOf(core.metadata.state));
        log(t('sandbox.log.reset'));
      },
      async stop() {
        if (stopped) return;
        stopped = true;
        await Promise.all([http.close(), second?.close()]);
        await core.metadata.flush();
        await releaseLock(opts.stateDir);
        log(t('sandbox.log.stopped'));
      },
    };
  } catch (err) {
    await releaseLock(opts.stateDir);
    throw err;
  }
}

/** The sandbox running on a state folder (from its lock file), if its process is alive. */
export async function findRunningSandbox(
  stateDir: string,
): Promise<{ pid: number; endpoint: string } | undefined> {
  const info = await readLock(stateDir);
  if (!info || !info.endpoint || !pidAlive(info.pid)) return undefined;
  return { pid: info.pid, endpoint: info.endpoint };
}

export interface SandboxUsersSnapshot {
  region: string;
  accountId: string;
  secondAccountId: string;
  /** credentials of a user by name (default: the admin) */
  user(name?: string, accountId?: string): SandboxUserInfo;
}

/**
 * Reads the users and keys of a sandbox's state without starting a server; seeds the folder
 * first when it holds no sandbox yet (so `sandbox env` works before the first start).
 */
export async function readSandboxUsers(
  stateDir: string,
  region?: string,
): Promise<SandboxUsersSnapshot> {
  let state = await loadState(stateDir);
  if (!state) {
    await ensurePrivateDir(stateDir);
    await acquireLock(stateDir);
    try {
      const blobs = new BlobStore(stateDir);
      await blobs.init();
      state =
        (await loadState(stateDir)) ?? (await writeSeed(stateDir, blobs, defaultRegion(region)));
    } finally {
      await releaseLock(stateDir);
    }
  }
  const s = state;
  return {
    region: s.region,
    accountId: s.primaryAccountId,
    secondAccountId: s.secondAccountId,
    user: (name?: string, accountId?: string) => userInfoFromState(s, name, accountId),
  };
}

/** Puts a sandbox folder back to the seeded workshop state (refused while a sandbox runs on it). */
export async function resetSandboxState(stateDir: string, region?: string): Promise<void> {
  await ensurePrivateDir(stateDir);
  await acquireLock(stateDir);
  try {
    const old = await loadState(stateDir).catch(() => undefined);
    const blobs = new BlobStore(stateDir);
    await blobs.init();
    // Seed blobs and state.json first, old blobs last: a kill mid-reset never strands an image.
    const fresh = await writeSeed(stateDir, blobs, old?.region ?? defaultRegion(region));
    await blobs.retainOnly(blobsOf(fresh));
  } finally {
    await releaseLock(stateDir);
  }
}
