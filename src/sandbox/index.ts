/**
 * The sandbox's public surface: a local AWS (STS, IAM, ECR) on loopback HTTP.
 * (Scaffold: the sandbox work replaces the placeholders and keeps these names and shapes.)
 */

/** Names of the users the seed creates (the CI user's name is the lesson's parameter). */
export const SANDBOX_ADMIN_USER = 'workshop-admin';
export const SANDBOX_CI_USER = 'fcj-ecr-ci-cd-user';
export const SANDBOX_REPOSITORY = 'fcj-workshop-app';
/** A user in the second account, with no permissions, for cross-account lessons. */
export const SANDBOX_PARTNER_USER = 'partner-developer';
/** The default port of `ecr-tutor sandbox start` and, when free, of the tutor's own sandbox. */
export const SANDBOX_DEFAULT_PORT = 4510;

export interface SandboxOptions {
  /** folder holding the sandbox's state (metadata + blobs); created if missing */
  stateDir: string;
  /** 0 = any free port */
  port?: number;
  /** default 127.0.0.1; anything not loopback needs allowNonLoopback */
  host?: string;
  allowNonLoopback?: boolean;
  /** default: AWS_REGION, else us-east-1 (used by the seed only) */
  region?: string;
  /** log lines (never secrets) */
  log?: (line: string) => void;
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

export async function startSandbox(_opts: SandboxOptions): Promise<RunningSandbox> {
  throw new Error('not implemented');
}
