/**
 * One AWS session for the tutor: the built-in sandbox (default), a running sandbox or any
 * AWS-compatible endpoint (--endpoint-url), or real AWS (--aws / --profile), plus the SDK
 * client factory. Checks get their clients here so both targets take the same code path.
 */
import { ECRClient } from '@aws-sdk/client-ecr';
import { IAMClient } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromIni } from '@aws-sdk/credential-provider-ini';
import type { TargetInfo, TargetKind } from '../engine/types.js';
import { EXPIRED_CREDENTIALS, type DescribeContext, type TargetPlace } from './errors.js';
import type { TargetOptions } from './target.js';
import { cliFlag } from '../text/shell.js';
import { wantsExternalTarget } from './target.js';

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** What the tutor needs from a sandbox it started or found running. */
export interface SandboxHandle {
  endpoint: string;
  region: string;
  accountId: string;
  secondAccountId: string;
  /** credentials of a sandbox IAM user (default: the admin) */
  user(
    name?: string,
    accountId?: string,
  ): { name: string; arn: string; accountId: string; credentials: AwsCredentials };
}

export interface AwsClients {
  ecr: ECRClient;
  iam: IAMClient;
  sts: STSClient;
}

export interface CallerIdentity {
  arn: string;
  accountId: string;
  userId: string;
}

export interface AwsSession {
  kind: TargetKind;
  /** finer than kind, for advice: the tutor's sandbox, the learner's, another endpoint, AWS */
  place: TargetPlace;
  region: string;
  endpoint?: string;
  profile?: string;
  /** present when the target is a sandbox (ours or one found running) */
  sandbox?: SandboxHandle;
  /** clients acting as the learner */
  clients: AwsClients;
  /** clients acting as someone else (the CI user's keys) */
  clientsAs(credentials: AwsCredentials | { profile: string }): AwsClients;
  /** STS GetCallerIdentity, live */
  whoAmI(): Promise<CallerIdentity>;
  /** flags that make an AWS CLI command reach the same target (" --endpoint-url ..." etc.) */
  cliFlags(): string;
  /** what describeAwsError needs to give advice for this target */
  adviceContext(): DescribeContext;
  /** a warning when the learner's credentials expire soon (or have), else undefined */
  credentialWarning(now?: Date): Promise<string | undefined>;
  close(): Promise<void>;
}

/** Where resolved credentials came from, from the SDK's own provider tags (`$source`). */
export function credentialSource(
  creds: unknown,
): 'env' | 'sso' | 'process' | 'profile' | undefined {
  const src = Object.keys(
    (creds as { $source?: Record<string, string> } | undefined)?.$source ?? {},
  );
  if (src.some((k) => k.includes('SSO'))) return 'sso';
  if (src.some((k) => k.includes('PROCESS'))) return 'process';
  if (src.includes('CREDENTIALS_ENV_VARS')) return 'env';
  if (src.some((k) => k.startsWith('CREDENTIALS_PROFILE'))) return 'profile';
  return undefined;
}

interface ResolvedCredentials {
  expiration?: Date;
}

type CredentialsFn = () => Promise<ResolvedCredentials>;
type Next = (args: unknown) => Promise<unknown>;

/**
 * Before every request: credentials whose expiry time has passed (an SSO role session, a
 * credential_process answer, AWS_CREDENTIAL_EXPIRATION) are not sent. AWS would answer
 * ExpiredToken; the tutor says when they expired and how to refresh them instead.
 */
function refuseExpiredCredentials(client: ECRClient | IAMClient | STSClient): void {
  const credentials = (client.config as { credentials?: CredentialsFn }).credentials;
  if (typeof credentials !== 'function') return;
  // One middleware for three client types: the stack's overloads do not unify, the shape does.
  const stack = client.middlewareStack as unknown as {
    add(mw: (next: Next) => Next, o: { step: 'initialize'; name: string }): void;
  };
  stack.add(
    (next) => async (args) => {
      const creds = await credentials();
      if (creds.expiration && creds.expiration.getTime() <= Date.now()) {
        throw Object.assign(new Error(`credentials expired at ${creds.expiration.toISOString()}`), {
          name: EXPIRED_CREDENTIALS,
          expiration: creds.expiration,
          credentialSource: credentialSource(creds),
        });
      }
      return next(args);
    },
    { step: 'initialize', name: 'ecrTutorRefuseExpiredCredentials' },
  );
}

function makeClients(cfg: {
  region: string;
  endpoint?: string;
  credentials?: AwsCredentials;
  profile?: string;
  place: TargetPlace;
}): AwsClients {
  const base = {
    region: cfg.region,
    ...(cfg.endpoint ? { endpoint: cfg.endpoint } : {}),
    // A named profile is read by the SDK's own profile provider (keys, SSO, credential_process,
    // assume-role), as `aws --profile NAME` reads it. Not through the default chain: that one
    // hides why a profile failed behind "Could not load credentials from any providers".
    ...(cfg.credentials
      ? { credentials: cfg.credentials }
      : cfg.profile
        ? { profile: cfg.profile, credentials: fromIni({ profile: cfg.profile }) }
        : {}),
    // The SDK's standard retry mode (backoff with jitter, a retry quota, throttling errors
    // retried). A check is interactive: on a sandbox fail fast and let the engine's budget
    // decide; on AWS allow the standard three attempts, throttling is real there.
    retryMode: 'standard',
    maxAttempts: cfg.place === 'aws' ? 3 : 2,
    // Without timeouts a peer that accepts but never answers (a stopped process still holding
    // its port, a dead network path) would hang a check, and the tutor, for ever.
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 60_000 },
  };
  const clients = { ecr: new ECRClient(base), iam: new IAMClient(base), sts: new STSClient(base) };
  refuseExpiredCredentials(clients.ecr);
  refuseExpiredCredentials(clients.iam);
  refuseExpiredCredentials(clients.sts);
  return clients;
}

/** How long before expiry the tutor warns (a lesson step takes a few minutes). */
export const EXPIRY_WARNING_MS = 10 * 60_000;

function destroy(c: AwsClients): void {
  c.ecr.destroy();
  c.iam.destroy();
  c.sts.destroy();
}

function buildSession(o: {
  kind: TargetKind;
  place: TargetPlace;
  region: string;
  endpoint?: string;
  profile?: string;
  credentials?: AwsCredentials;
  sandbox?: SandboxHandle;
  onClose?: () => Promise<void>;
}): AwsSession {
  const clients = makeClients(o);
  const extra: AwsClients[] = [];
  const advice = (): DescribeContext => ({
    place: o.place,
    profile: o.profile,
    endpoint: o.endpoint,
    region: o.region,
  });
  return {
    kind: o.kind,
    place: o.place,
    region: o.region,
    endpoint: o.endpoint,
    profile: o.profile,
    sandbox: o.sandbox,
    clients,
    clientsAs(cred) {
      const c =
        'profile' in cred
          ? makeClients({ ...o, profile: cred.profile, credentials: undefined })
          : makeClients({ ...o, profile: undefined, credentials: cred });
      extra.push(c);
      return c;
    },
    async whoAmI() {
      const r = await clients.sts.send(new GetCallerIdentityCommand({}));
      return { arn: r.Arn ?? '', accountId: r.Account ?? '', userId: r.UserId ?? '' };
    },
    cliFlags() {
      return [
        cliFlag('endpoint-url', o.endpoint),
        cliFlag('profile', o.profile),
        cliFlag('region', o.region),
      ].join('');
    },
    adviceContext: advice,
    async credentialWarning(now = new Date()) {
      let creds: ResolvedCredentials & { $source?: Record<string, string> };
      try {
        creds = await (
          clients.sts.config as unknown as { credentials: CredentialsFn }
        ).credentials();
      } catch {
        return undefined; // the first check explains a credential chain that fails
      }
      if (!creds.expiration) return undefined;
      const left = creds.expiration.getTime() - now.getTime();
      if (left > EXPIRY_WARNING_MS) return undefined;
      const at = `${creds.expiration.toISOString().slice(11, 16)} UTC`;
      const who = o.profile ? ` (profile "${o.profile}")` : '';
      const refresh =
        credentialSource(creds) === 'sso'
          ? `\`aws sso login${cliFlag('profile', o.profile)}\``
          : 'new temporary keys';
      return left <= 0
        ? `Your AWS credentials${who} expired at ${at}: checks will not run until you refresh them (${refresh}).`
        : `AWS credentials${who} expire at ${at}, in ${Math.max(1, Math.round(left / 60_000))} min: refresh them (${refresh}) first, or a check will stop part-way.`;
    },
    async close() {
      destroy(clients);
      for (const c of extra) destroy(c);
      await o.onClose?.();
    },
  };
}

/** A session over a sandbox handle (tests and the tutor's own sandbox). */
export function sessionForSandbox(sb: SandboxHandle, onClose?: () => Promise<void>): AwsSession {
  const admin = sb.user();
  return buildSession({
    kind: 'sandbox',
    place: onClose ? 'tutor-sandbox' : 'learner-sandbox',
    region: sb.region,
    endpoint: sb.endpoint,
    credentials: admin.credentials,
    sandbox: sb,
    onClose,
  });
}

/**
 * The profile the AWS CLI would use: --profile, else AWS_PROFILE unless keys are in the
 * environment (the AWS CLI takes environment keys before AWS_PROFILE).
 */
function profileOf(target: TargetOptions, env: NodeJS.ProcessEnv): string | undefined {
  if (target.profile) return target.profile;
  if (env.AWS_PROFILE && !env.AWS_ACCESS_KEY_ID) return env.AWS_PROFILE;
  return undefined;
}

async function resolveRegion(target: TargetOptions, env: NodeJS.ProcessEnv): Promise<string> {
  if (target.region) return target.region;
  if (env.AWS_REGION) return env.AWS_REGION;
  if (env.AWS_DEFAULT_REGION) return env.AWS_DEFAULT_REGION;
  // Let the SDK read ~/.aws/config (profile region) the way the AWS CLI would.
  const probe = new STSClient(target.profile ? { profile: target.profile } : {});
  try {
    return await probe.config.region();
  } catch {
    return 'us-east-1';
  } finally {
    probe.destroy();
  }
}

async function sandboxModule() {
  return import('../sandbox/index.js');
}

/** True when a TCP connection to the endpoint's host and port opens within `ms`. */
async function accepts(endpoint: string, ms = 1_000): Promise<boolean> {
  const { connect } = await import('node:net');
  const url = new URL(endpoint);
  return new Promise((resolve) => {
    const socket = connect({ host: url.hostname, port: Number(url.port || 80) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(ms, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** A handle on a sandbox another process runs: its endpoint plus the users in its state. */
async function attachRunning(stateDir: string): Promise<SandboxHandle | undefined> {
  const mod = await sandboxModule();
  const found = await mod.findRunningSandbox(stateDir);
  // The lock names a live process, but it may be on its way out: only attach to a port that
  // still accepts a connection.
  if (!found || !(await accepts(found.endpoint))) return undefined;
  const users = await mod.readSandboxUsers(stateDir);
  return {
    endpoint: found.endpoint,
    region: users.region,
    accountId: users.accountId,
    secondAccountId: users.secondAccountId,
    user: (name, accountId) => users.user(name, accountId),
  };
}

export interface OpenSessionOptions {
  env?: NodeJS.ProcessEnv;
  /** where the tutor's sandbox keeps its state (default: defaultSandboxStateDir()) */
  sandboxStateDir?: string;
  log?: (line: string) => void;
}

/**
 * Opens the session the command line asks for. Without --aws/--profile/--endpoint-url: a
 * sandbox the learner already runs (`ecr-tutor sandbox start`) if there is one, otherwise a
 * sandbox started in this process (default port, or any free port when that is busy) that
 * stops on close().
 */
export async function openSession(
  target: TargetOptions,
  o: OpenSessionOptions = {},
): Promise<AwsSession> {
  const env = o.env ?? process.env;
  if (wantsExternalTarget(target)) {
    // The SDK, like the AWS CLI, sends every request to AWS_ENDPOINT_URL when it is set (say,
    // after `eval "$(ecr-tutor sandbox env)"`): name that endpoint rather than claim it is AWS.
    if (!target.endpointUrl && env.AWS_ENDPOINT_URL)
      target = { ...target, endpointUrl: env.AWS_ENDPOINT_URL };
    const region = await resolveRegion(target, env);
    if (target.endpointUrl) {
      const sb = await findSandboxAt(target.endpointUrl, o.sandboxStateDir);
      // Our own sandbox and no keys given: act as its admin, as `eval "$(ecr-tutor sandbox env)"` would.
      const credentials =
        sb && !target.profile && !env.AWS_ACCESS_KEY_ID && !env.AWS_PROFILE
          ? sb.user().credentials
          : undefined;
      return buildSession({
        kind: 'endpoint',
        place: sb ? 'learner-sandbox' : 'endpoint',
        // Our sandbox serves requests signed for any region but acts in its own (its ARNs, its
        // aws:RequestedRegion: sandbox/front-door.ts requestedRegion): the checks build ARNs
        // from this region, so it must be the sandbox's, whatever the profile or --region says.
        region: sb?.region ?? region,
        endpoint: target.endpointUrl,
        profile: profileOf(target, env),
        sandbox: sb,
        credentials,
      });
    }
    // AWS_PROFILE chooses the profile as it does for the AWS CLI; naming it lets advice say so.
    return buildSession({
      kind: 'aws',
      place: 'aws',
      region,
      profile: target.profile ?? env.AWS_PROFILE,
    });
  }
  const sandboxMod = await sandboxModule();
  const stateDir = o.sandboxStateDir ?? sandboxMod.defaultSandboxStateDir(env);
  const found = await attachRunning(stateDir);
  if (found) return sessionForSandbox(found);
  let running;
  try {
    running = await sandboxMod.startSandbox({
      stateDir,
      port: sandboxMod.SANDBOX_DEFAULT_PORT,
      // taken (by something else): any free port will do for our own sandbox; the sandbox
      // decides by the error's code (its message is in the learner's language)
      fallbackToAnyPort: true,
      region: target.region,
      log: o.log,
    });
  } catch (err) {
    // The default port is taken (by something else): any free port will do for our own sandbox.
    const busy = (err as NodeJS.ErrnoException).code === 'EADDRINUSE';
    if (!busy) throw err;
    running = await sandboxMod.startSandbox({
      stateDir,
      port: 0,
      region: target.region,
      log: o.log,
    });
  }
  const sb = running;
  return sessionForSandbox(sb, () => sb.stop());
}

/** The running sandbox behind `endpoint`, if it is one of ours (so its users' keys are known). */
async function findSandboxAt(
  endpoint: string,
  stateDir?: string,
): Promise<SandboxHandle | undefined> {
  try {
    const found = await attachRunning(stateDir ?? (await sandboxModule()).defaultSandboxStateDir());
    if (found && new URL(found.endpoint).port === new URL(endpoint).port) return found;
  } catch {
    // not ours, or no sandbox: the CI user's keys must then come from a profile
  }
  return undefined;
}

/** Advice context from the command line alone, for errors before a session exists. */
export function adviceForTarget(
  target: TargetOptions,
  env: NodeJS.ProcessEnv = process.env,
): DescribeContext {
  const profile = target.profile ?? (wantsExternalTarget(target) ? env.AWS_PROFILE : undefined);
  return {
    place: target.endpointUrl ? 'endpoint' : wantsExternalTarget(target) ? 'aws' : 'tutor-sandbox',
    profile,
    endpoint: target.endpointUrl,
    region: target.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION,
  };
}

/** TargetInfo for the header and the progress lock (one live STS call). */
export async function describeTarget(s: AwsSession): Promise<TargetInfo> {
  const me = await s.whoAmI();
  return {
    kind: s.kind,
    region: s.region,
    accountId: me.accountId,
    identityArn: me.arn,
    endpoint: s.endpoint,
    profile: s.profile,
  };
}

/**
 * Which progress file a target uses, without starting anything: the sandbox's account from its
 * state folder, or one STS call for real AWS / an endpoint.
 */
export async function quietTargetInfo(
  target: TargetOptions,
  o: OpenSessionOptions = {},
): Promise<TargetInfo> {
  const env = o.env ?? process.env;
  if (!wantsExternalTarget(target)) {
    const mod = await sandboxModule();
    const stateDir = o.sandboxStateDir ?? mod.defaultSandboxStateDir(env);
    const users = await mod.readSandboxUsers(stateDir, target.region);
    const admin = users.user();
    return {
      kind: 'sandbox',
      region: users.region,
      accountId: users.accountId,
      identityArn: admin.arn,
    };
  }
  const s = await openSession(target, o);
  try {
    return await describeTarget(s);
  } finally {
    await s.close();
  }
}
