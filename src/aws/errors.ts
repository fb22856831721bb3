/**
 * Turns AWS SDK errors into plain words: what happened, why, and the one thing to try THERE.
 * Every line knows which target it talks to (the tutor's own sandbox, a sandbox the learner
 * started, an --endpoint-url that is something else, or AWS) and gives the advice that helps on
 * it: sandbox commands for a sandbox, the service itself for an endpoint, and for AWS the CLI
 * command that shows the same answer, the console page, the permission that is missing.
 * Used by every check, so a learner never sees a bare stack trace or an SDK class name.
 */
import type { TargetKind } from '../engine/types.js';
import { cliFlag } from '../text/shell.js';

export type AwsErrorKind =
  | 'no-credentials'
  | 'sso-login'
  | 'credential-process'
  | 'expired'
  | 'bad-credentials'
  | 'access-denied'
  | 'network'
  | 'no-region'
  | 'not-found'
  | 'throttled'
  | 'server-error'
  | 'not-aws-format'
  | 'other';

export interface PlainAwsError {
  kind: AwsErrorKind;
  /** what happened, one line */
  summary: string;
  /** what to try next */
  fix: string;
  /** AWS's own error code and message, when there is one */
  code?: string;
  awsMessage?: string;
}

/**
 * Where the tutor's requests go. `tutor-sandbox`: the sandbox the tutor started in its own
 * process; `learner-sandbox`: one the learner runs (`ecr-tutor sandbox start`), found by its
 * state folder or behind --endpoint-url; `endpoint`: an --endpoint-url that is not one of ours
 * (moto, LocalStack, a proxy); `aws`: real AWS.
 */
export type TargetPlace = 'tutor-sandbox' | 'learner-sandbox' | 'endpoint' | 'aws';

export interface DescribeContext {
  place?: TargetPlace;
  /** older callers: the session kind ('sandbox' is taken as the tutor's own sandbox) */
  targetKind?: TargetKind;
  profile?: string;
  endpoint?: string;
  region?: string;
}

interface ErrLike {
  name?: string;
  code?: string;
  message?: string;
  Code?: string;
  $metadata?: { httpStatusCode?: number };
  $response?: { statusCode?: number; headers?: Record<string, string | undefined> };
  cause?: unknown;
  /** set by the session's pre-send check on credentials that carry an expiry time */
  expiration?: Date;
  /** where the credentials came from: env, profile, sso, process (see session.ts) */
  credentialSource?: string;
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'ECONNRESET',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
]);

/** The error name the session gives credentials found expired before a request is sent. */
export const EXPIRED_CREDENTIALS = 'ExpiredCredentialsBeforeSend';

function networkCode(e: ErrLike | undefined, depth = 0): string | undefined {
  if (!e || depth > 4) return undefined;
  if (e.code && NETWORK_CODES.has(e.code)) return e.code;
  if (e.name === 'TimeoutError' || e.name === 'RequestTimeout') return 'TIMEOUT';
  return networkCode(e.cause as ErrLike | undefined, depth + 1);
}

/** The AWS error code of an SDK exception (`AccessDeniedException`, `ExpiredToken`, ...). */
export function awsErrorCode(err: unknown): string | undefined {
  const e = err as ErrLike | undefined;
  return e?.name ?? e?.Code ?? e?.code;
}

function placeOf(ctx: DescribeContext): TargetPlace {
  if (ctx.place) return ctx.place;
  if (ctx.targetKind === 'sandbox') return 'tutor-sandbox';
  if (ctx.targetKind === 'endpoint' || ctx.endpoint) return 'endpoint';
  return 'aws';
}

/** The target in a sentence: "the tutor's sandbox", "the endpoint http://…", "AWS". */
export function targetName(ctx: DescribeContext): string {
  switch (placeOf(ctx)) {
    case 'tutor-sandbox':
      return 'the sandbox';
    case 'learner-sandbox':
      return ctx.endpoint ? `your sandbox at ${ctx.endpoint}` : 'your sandbox';
    case 'endpoint':
      return ctx.endpoint ? `the endpoint ${ctx.endpoint}` : 'the endpoint';
    case 'aws':
      return 'AWS';
  }
}

/** " --profile P --region R": what makes an AWS CLI command shown on AWS use the same identity. */
function cliTail(ctx: DescribeContext): string {
  return `${cliFlag('profile', ctx.profile)}${ctx.region ? ` --region ${ctx.region}` : ''}`;
}

/** The one-line "see it yourself" for AWS: who AWS thinks you are. */
function whoAmICli(ctx: DescribeContext): string {
  return `\`aws sts get-caller-identity${cliTail(ctx)}\``;
}

/** Console pages the advice names (one table, so a changed console URL is one edit). */
export const CONSOLE = {
  iamUser: (name: string) =>
    `https://console.aws.amazon.com/iam/home#/users/details/${encodeURIComponent(name)}?section=permissions`,
  iamRole: (name: string) =>
    `https://console.aws.amazon.com/iam/home#/roles/details/${encodeURIComponent(name)}?section=permissions`,
  iamUsers: 'https://console.aws.amazon.com/iam/home#/users',
  ecrRepositories: (region: string) =>
    `https://${region}.console.aws.amazon.com/ecr/private-registry/repositories?region=${region}`,
  health: 'https://health.aws.amazon.com/health/status',
} as const;

/** "ecr:SetRepositoryPolicy" and the caller's ARN out of an AccessDenied message. */
export function parseDenial(msg: string): { action?: string; arn?: string } {
  const action = /not authorized to perform: ([a-z0-9-]+:[A-Za-z0-9*]+)/.exec(msg)?.[1];
  const arn = /User: (arn:aws[a-z-]*:[^\s]+)/.exec(msg)?.[1];
  return { action, arn };
}

/** The console page of the identity in `arn` (a user, or the role behind an assumed-role session). */
function consoleFor(arn: string | undefined): string {
  const user = arn && /:user\/(?:.*\/)?([^/]+)$/.exec(arn)?.[1];
  if (user) return CONSOLE.iamUser(user);
  const role = arn && /:assumed-role\/([^/]+)\//.exec(arn)?.[1];
  if (role) return CONSOLE.iamRole(role);
  return CONSOLE.iamUsers;
}

/** The content type of a non-AWS answer, when the SDK could not parse the body. */
function foreignAnswer(e: ErrLike): { status: number; contentType: string } | undefined {
  const parseFailed =
    e.name === 'SyntaxError' ||
    /Deserialization error|is not valid JSON|Unexpected token|Non-whitespace before first tag|Invalid character in entity/i.test(
      e.message ?? '',
    );
  if (!parseFailed) return undefined;
  const status = e.$response?.statusCode ?? e.$metadata?.httpStatusCode ?? 0;
  const raw = e.$response?.headers?.['content-type'] ?? e.$response?.headers?.['Content-Type'];
  const contentType = raw ? raw.split(';')[0]!.trim() : 'no content type';
  return { status, contentType };
}

function isLoopback(endpoint: string | undefined): boolean {
  if (!endpoint) return false;
  try {
    const h = new URL(endpoint).hostname;
    return h === 'localhost' || h.startsWith('127.') || h === '[::1]';
  } catch {
    return false;
  }
}

function noCredentialsFix(ctx: DescribeContext): string {
  const place = placeOf(ctx);
  if (ctx.profile)
    return `Check that the profile "${ctx.profile}" exists in ~/.aws/credentials or ~/.aws/config (run \`aws configure${cliFlag('profile', ctx.profile)}\`), or use \`aws sso login${cliFlag('profile', ctx.profile)}\` for SSO.${place === 'aws' ? ` ${whoAmICli(ctx)} shows the same.` : ''}`;
  if (place === 'tutor-sandbox' || place === 'learner-sandbox')
    return 'Use the sandbox\'s own keys: `eval "$(ecr-tutor sandbox env)"`, or run the tutor without --profile.';
  if (place === 'endpoint')
    return `Give the keys that ${targetName(ctx)} expects: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment, or --profile NAME.`;
  return 'Run `aws configure` (or `aws sso login`), or pass --profile NAME; or leave out --aws to practise in the built-in sandbox.';
}

function refreshFix(ctx: DescribeContext, source: string | undefined): string {
  if (source === 'sso' || (ctx.profile && source !== 'env' && source !== 'process'))
    return `Sign in again: \`aws sso login${cliFlag('profile', ctx.profile)}\` (for SSO; otherwise get new temporary keys for the profile), then check again.`;
  if (source === 'process')
    return `The profile's credential_process handed out keys that have run out: run it again (or sign in to the tool behind it), then check again.`;
  return 'Get new temporary keys (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN) into this shell, or sign in with `aws sso login` and pass --profile, then check again.';
}

function formatTime(d: Date): string {
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Describes any error thrown by an AWS SDK call in the learner's words, for its target. */
export function describeAwsError(err: unknown, ctx: DescribeContext = {}): PlainAwsError {
  const e = (err ?? {}) as ErrLike;
  const code = awsErrorCode(err);
  const msg = e.message ?? String(err);
  const place = placeOf(ctx);
  const where = targetName(ctx);
  const sandbox = place === 'tutor-sandbox' || place === 'learner-sandbox';
  const profileHint = ctx.profile ? ` (profile "${ctx.profile}")` : '';
  const base = { code, awsMessage: msg };

  const net = networkCode(e);
  if (net) {
    const fix =
      place === 'tutor-sandbox'
        ? "The tutor's own sandbox stopped answering: quit and start the tutor again (its state is kept)."
        : place === 'learner-sandbox'
          ? 'Is your sandbox still running? Start it again with `ecr-tutor sandbox start`, or run the tutor without --endpoint-url to use its own.'
          : place === 'endpoint'
            ? `Is the service behind ${ctx.endpoint ?? '--endpoint-url'} running, and is that the right address and port?${isLoopback(ctx.endpoint) ? ' If it was a sandbox you started, start it again with `ecr-tutor sandbox start`.' : ''}`
            : `Check your internet connection (and any proxy or VPN), then try again; ${CONSOLE.health} shows whether AWS itself has a problem.`;
    return {
      kind: 'network',
      summary: `Could not reach ${where} (${net}).`,
      fix,
      ...base,
      code: net,
    };
  }

  if (code === EXPIRED_CREDENTIALS) {
    const when = e.expiration ? ` at ${formatTime(e.expiration)}` : '';
    return {
      kind: 'expired',
      summary: `Your AWS credentials${profileHint} expired${when}, so the tutor did not send the request.`,
      fix: refreshFix(ctx, e.credentialSource),
      ...base,
    };
  }

  // The credential chain itself (before any request): SSO first, it has its own fix.
  if (
    /SSO session .*(expired|invalid)|SSO session token .*not found|Token is expired|Value not present for .* in SSO Token|aws sso login/i.test(
      msg,
    )
  ) {
    const name = ctx.profile ?? /profile=([^\s.]+)/.exec(msg)?.[1];
    return {
      kind: 'sso-login',
      summary: `Your AWS SSO sign-in${name ? ` for the profile "${name}"` : ''} has expired or was never made.`,
      fix: `Run \`aws sso login${cliFlag('profile', name)}\`, then try again.`,
      ...base,
    };
  }
  if (/credential_process/.test(msg)) {
    const why =
      /credential_process (returned expired credentials|returned invalid JSON|returned invalid credentials|did not return Version 1)/.exec(
        msg,
      )?.[1];
    return {
      kind: 'credential-process',
      summary: why
        ? `The credential_process of${ctx.profile ? ` the profile "${ctx.profile}"` : ' your profile'} ${why}.`
        : `The credential_process of${ctx.profile ? ` the profile "${ctx.profile}"` : ' your profile'} failed: ${msg}`,
      fix: `Run the profile's credential_process command yourself (see ~/.aws/config) to see what it prints; it must print JSON with Version 1, AccessKeyId, SecretAccessKey and, for temporary keys, SessionToken and a future Expiration. ${whoAmICli(ctx)} shows the same.`,
      ...base,
    };
  }
  if (
    code === 'CredentialsProviderError' ||
    /Could not load credentials|credential.*not.*found|Could not resolve credentials using profile|Profile .* (was not found|could not be found)/i.test(
      msg,
    )
  ) {
    return {
      kind: 'no-credentials',
      summary: /Profile .* (was not found|could not be found)/i.test(msg)
        ? `There is no AWS profile${ctx.profile ? ` "${ctx.profile}"` : ''} in ~/.aws/credentials or ~/.aws/config.`
        : /Could not resolve credentials using profile/.test(msg)
          ? `The AWS profile${ctx.profile ? ` "${ctx.profile}"` : ''} is not in ~/.aws/credentials or ~/.aws/config, or holds no credentials.`
          : `No AWS credentials were found${profileHint}.`,
      fix: noCredentialsFix(ctx),
      ...base,
    };
  }
  if (
    code === 'ExpiredToken' ||
    code === 'ExpiredTokenException' ||
    code === 'RequestExpired' ||
    /token.*expired|expired.*token/i.test(msg)
  ) {
    return {
      kind: 'expired',
      summary: `${where} says your session has expired${profileHint}.`,
      fix: sandbox
        ? 'Use the sandbox\'s own keys again: `eval "$(ecr-tutor sandbox env)"`.'
        : `${refreshFix(ctx, e.credentialSource)}${place === 'aws' ? ` ${whoAmICli(ctx)} shows the same.` : ''}`,
      ...base,
    };
  }
  if (
    code === 'InvalidClientTokenId' ||
    code === 'UnrecognizedClientException' ||
    code === 'SignatureDoesNotMatch' ||
    code === 'InvalidSignatureException'
  ) {
    const signature = code === 'SignatureDoesNotMatch' || code === 'InvalidSignatureException';
    // AWS (and the sandbox) answer a request signed for a region they do not serve this way too.
    const region = /scoped to a valid region, not '([^']+)'/.exec(msg)?.[1];
    if (signature && region) {
      return {
        kind: 'no-region',
        summary: `${where} does not accept requests signed for the region ${region}.`,
        fix: sandbox
          ? `Use the sandbox's region: --region ${/e\.g\. export AWS_REGION=([a-z0-9-]+)/.exec(msg)?.[1] ?? 'us-east-1'} (\`ecr-tutor sandbox env\` prints it).`
          : `Pass the region you mean with --region${ctx.profile ? ` (or set it in the profile "${ctx.profile}": \`aws configure set region REGION${cliFlag('profile', ctx.profile)}\`)` : ''}.`,
        ...base,
      };
    }
    return {
      kind: 'bad-credentials',
      summary: signature
        ? `${where} rejected the request signature: the secret access key does not match the access key id.`
        : `${where} does not recognise the access key id${profileHint}.`,
      fix: sandbox
        ? 'Use the sandbox\'s own keys: `eval "$(ecr-tutor sandbox env)"` (sandbox keys change after `ecr-tutor sandbox reset`).'
        : place === 'endpoint'
          ? `Use keys that ${where} knows (this is not AWS: it has its own users and keys).`
          : `The key may have been deleted, deactivated or mistyped: create a new access key (IAM console, your user, Security credentials: ${CONSOLE.iamUsers}) or fix ~/.aws/credentials. ${whoAmICli(ctx)} shows the same.`,
      ...base,
    };
  }
  if (
    code === 'AccessDenied' ||
    code === 'AccessDeniedException' ||
    /is not authorized to perform/.test(msg)
  ) {
    const { action, arn } = parseDenial(msg);
    const missing = action ? ` ${action}` : ' this permission';
    let fix: string;
    if (sandbox) {
      fix = `The identity you are using lacks${missing}. In the sandbox, act as its admin (\`eval "$(ecr-tutor sandbox env)"\`); the CI user is only for the verify step.`;
    } else if (place === 'endpoint') {
      fix = `${where} refused${missing}${arn ? ` to ${arn}` : ''}. Grant it there; this is not AWS, so its permission rules may differ from AWS's.`;
    } else {
      const simulate =
        action && arn && !arn.includes(':assumed-role/')
          ? ` To see the same decision: \`aws iam simulate-principal-policy --policy-source-arn ${arn} --action-names ${action}${cliTail(ctx)}\`.`
          : '';
      fix =
        `The permission missing is${missing}${arn ? ` for ${arn}` : ''}. Ask your administrator to grant it (docs/real-aws.md has the least-privilege policy for this lesson), or add it on the identity's page: ${consoleFor(arn)}.` +
        simulate;
    }
    return { kind: 'access-denied', summary: `Access denied: ${msg}`, fix, ...base };
  }
  if (/Region is missing/i.test(msg)) {
    return {
      kind: 'no-region',
      summary: 'No AWS region is set.',
      fix: ctx.profile
        ? `Pass --region (e.g. --region us-east-1), set AWS_REGION, or add \`region = us-east-1\` to the profile "${ctx.profile}" (\`aws configure set region us-east-1${cliFlag('profile', ctx.profile)}\`).`
        : 'Pass --region (e.g. --region us-east-1) or set AWS_REGION.',
      ...base,
    };
  }

  const foreign = foreignAnswer(e);
  if (foreign) {
    const what = `${where} answered something that is not AWS's format (HTTP ${foreign.status}, ${foreign.contentType})`;
    return {
      kind: 'not-aws-format',
      summary: `${what}.`,
      fix:
        place === 'aws'
          ? 'Something between you and AWS (a proxy, a captive portal, a firewall page) answered instead of AWS: check the network, then try again.'
          : place === 'endpoint'
            ? `It is not AWS and may not implement this operation (moto, for one, has no ECR layer upload), so the tutor could not check this there. Run this step against the built-in sandbox or AWS.`
            : 'This is a bug in the sandbox: run with ECR_TUTOR_DEBUG=1 and report the message.',
      code: `HTTP ${foreign.status}`,
      awsMessage: msg.split('\n')[0],
    };
  }
  if (code && /NotFound/.test(code)) {
    return {
      kind: 'not-found',
      summary: msg,
      fix:
        place === 'aws'
          ? `Check the name and the region${ctx.region ? ` (${ctx.region})` : ''}: \`aws ecr describe-repositories${cliTail(ctx)}\` lists what is there, as does ${CONSOLE.ecrRepositories(ctx.region ?? 'us-east-1')}.`
          : 'Check the name and the region.',
      ...base,
    };
  }
  if (code && /Throttl|TooManyRequests|RequestLimitExceeded|SlowDown/.test(code)) {
    return {
      kind: 'throttled',
      summary: `${where} is limiting the rate of requests (${code}), even after the SDK's retries.`,
      fix:
        place === 'aws'
          ? 'Wait a few seconds, then check again (other tools using the same account may be busy too).'
          : 'Wait a few seconds, then check again.',
      ...base,
    };
  }
  const status = e.$metadata?.httpStatusCode ?? 0;
  if (status >= 500) {
    const fix =
      place === 'tutor-sandbox'
        ? 'Check again; if it lasts, this is a bug in the sandbox: run with ECR_TUTOR_DEBUG=1 and report the message.'
        : place === 'learner-sandbox'
          ? 'Check again; if it lasts, look at the terminal running `ecr-tutor sandbox start`: it logs each failure.'
          : place === 'endpoint'
            ? `Check again; if it lasts, look at the log of the service behind ${ctx.endpoint ?? '--endpoint-url'} (it may not implement this operation).`
            : `This is on the AWS side and usually passes: check again in a minute (${CONSOLE.health}).`;
    return {
      kind: 'server-error',
      summary: `${where} had an internal error (HTTP ${status}${code ? `, ${code}` : ''}), even after the SDK's retries.`,
      fix,
      ...base,
    };
  }
  if (!e.$metadata) {
    // Not an answer from AWS at all (a local file, a bug): say so rather than blame AWS.
    return {
      kind: 'other',
      summary: `The tutor hit a problem: ${msg}`,
      fix: 'Try again; if it persists, run with ECR_TUTOR_DEBUG=1 and report the message.',
      awsMessage: msg,
    };
  }
  return {
    kind: 'other',
    summary: `${where} answered with an error: ${code ? `${code}: ` : ''}${msg}`,
    fix:
      place === 'aws'
        ? `Try again; if it persists, run the same call with the AWS CLI (${whoAmICli(ctx)} first) to see whether it is the tutor or the account.`
        : 'Try again; if it persists, run with ECR_TUTOR_DEBUG=1 and report the message.',
    ...base,
  };
}
