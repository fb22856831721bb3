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
import { t } from '../i18n/index.js';

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
  return t('awsError.target', {
    place: placeOf(ctx).replace(/-/g, '_'),
    endpoint: ctx.endpoint ?? '',
    hasEndpoint: ctx.endpoint ? 'yes' : 'no',
  });
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
    return t('awsError.noCredentialsProfileFix', {
      profile: ctx.profile,
      configure: `aws configure${cliFlag('profile', ctx.profile)}`,
      sso: `aws sso login${cliFlag('profile', ctx.profile)}`,
      cli: place === 'aws' ? whoAmICli(ctx) : '',
      aws: place === 'aws' ? 'yes' : 'no',
    });
  if (place === 'tutor-sandbox' || place === 'learner-sandbox') return t('awsError.useSandboxKeys');
  if (place === 'endpoint')
    return t('awsError.noCredentialsEndpointFix', { where: targetName(ctx) });
  return t('awsError.noCredentialsFix');
}

function refreshFix(ctx: DescribeContext, source: string | undefined): string {
  if (source === 'sso' || (ctx.profile && source !== 'env' && source !== 'process'))
    return t('awsError.refreshSso', { command: `aws sso login${cliFlag('profile', ctx.profile)}` });
  if (source === 'process') return t('awsError.refreshProcess');
  return t('awsError.refreshKeys');
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
  const profileHint = ctx.profile ? t('awsError.profileHint', { profile: ctx.profile }) : '';
  const base = { code, awsMessage: msg };

  const net = networkCode(e);
  if (net) {
    const fix =
      place === 'tutor-sandbox'
        ? t('awsError.networkTutorSandbox')
        : place === 'learner-sandbox'
          ? t('awsError.networkLearnerSandbox')
          : place === 'endpoint'
            ? t('awsError.networkEndpoint', {
                endpoint: ctx.endpoint ?? '--endpoint-url',
                loopback: isLoopback(ctx.endpoint) ? 'yes' : 'no',
              })
            : t('awsError.networkAws', { health: CONSOLE.health });
    return {
      kind: 'network',
      summary: t('awsError.networkSummary', { where, code: net }),
      fix,
      ...base,
      code: net,
    };
  }

  if (code === EXPIRED_CREDENTIALS) {
    return {
      kind: 'expired',
      summary: t('awsError.expiredBeforeSend', {
        profileHint,
        when: e.expiration ? formatTime(e.expiration) : '',
        hasWhen: e.expiration ? 'yes' : 'no',
      }),
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
      summary: t('awsError.ssoSummary', { profile: name ?? '', hasProfile: name ? 'yes' : 'no' }),
      fix: t('awsError.ssoFix', { command: `aws sso login${cliFlag('profile', name)}` }),
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
        ? t('awsError.credentialProcessWhy', {
            profile: ctx.profile ?? '',
            hasProfile: ctx.profile ? 'yes' : 'no',
            why,
          })
        : t('awsError.credentialProcessFailed', {
            profile: ctx.profile ?? '',
            hasProfile: ctx.profile ? 'yes' : 'no',
            message: msg,
          }),
      fix: t('awsError.credentialProcessFix', { cli: whoAmICli(ctx) }),
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
        ? t('awsError.noProfile', {
            profile: ctx.profile ?? '',
            hasProfile: ctx.profile ? 'yes' : 'no',
          })
        : /Could not resolve credentials using profile/.test(msg)
          ? t('awsError.profileEmpty', {
              profile: ctx.profile ?? '',
              hasProfile: ctx.profile ? 'yes' : 'no',
            })
          : t('awsError.noCredentials', { profileHint }),
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
      summary: t('awsError.sessionExpired', { where, profileHint }),
      fix: sandbox
        ? t('awsError.useSandboxKeysAgain')
        : place === 'aws'
          ? t('awsError.withCli', { fix: refreshFix(ctx, e.credentialSource), cli: whoAmICli(ctx) })
          : refreshFix(ctx, e.credentialSource),
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
        summary: t('awsError.wrongRegion', { where, region }),
        fix: sandbox
          ? t('awsError.wrongRegionSandboxFix', {
              region: /e\.g\. export AWS_REGION=([a-z0-9-]+)/.exec(msg)?.[1] ?? 'us-east-1',
            })
          : t('awsError.wrongRegionFix', {
              profile: ctx.profile ?? '',
              hasProfile: ctx.profile ? 'yes' : 'no',
              command: `aws configure set region REGION${cliFlag('profile', ctx.profile)}`,
            }),
        ...base,
      };
    }
    return {
      kind: 'bad-credentials',
      summary: signature
        ? t('awsError.badSignature', { where })
        : t('awsError.unknownKey', { where, profileHint }),
      fix: sandbox
        ? t('awsError.badCredentialsSandboxFix')
        : place === 'endpoint'
          ? t('awsError.badCredentialsEndpointFix', { where })
          : t('awsError.badCredentialsAwsFix', { console: CONSOLE.iamUsers, cli: whoAmICli(ctx) }),
      ...base,
    };
  }
  if (
    code === 'AccessDenied' ||
    code === 'AccessDeniedException' ||
    /is not authorized to perform/.test(msg)
  ) {
    const { action, arn } = parseDenial(msg);
    const permission = { action: action ?? '', hasAction: action ? 'yes' : 'no' };
    let fix: string;
    if (sandbox) {
      fix = t('awsError.deniedSandboxFix', permission);
    } else if (place === 'endpoint') {
      fix = t('awsError.deniedEndpointFix', {
        ...permission,
        where,
        arn: arn ?? '',
        hasArn: arn ? 'yes' : 'no',
      });
    } else {
      const simulate =
        action && arn && !arn.includes(':assumed-role/')
          ? `aws iam simulate-principal-policy --policy-source-arn ${arn} --action-names ${action}${cliTail(ctx)}`
          : '';
      fix = t('awsError.deniedAwsFix', {
        ...permission,
        arn: arn ?? '',
        hasArn: arn ? 'yes' : 'no',
        console: consoleFor(arn),
        simulate,
        hasSimulate: simulate ? 'yes' : 'no',
      });
    }
    // AWS's message stays as AWS sent it; the tutor's words around it are in the learner's language
    return {
      kind: 'access-denied',
      summary: t('awsError.accessDenied', { message: msg }),
      fix,
      ...base,
    };
  }
  if (/Region is missing/i.test(msg)) {
    return {
      kind: 'no-region',
      summary: t('awsError.noRegion'),
      fix: ctx.profile
        ? t('awsError.noRegionProfileFix', {
            profile: ctx.profile,
            command: `aws configure set region us-east-1${cliFlag('profile', ctx.profile)}`,
          })
        : t('awsError.noRegionFix'),
      ...base,
    };
  }

  const foreign = foreignAnswer(e);
  if (foreign) {
    return {
      kind: 'not-aws-format',
      summary: t('awsError.notAwsFormat', {
        where,
        status: foreign.status,
        contentType: foreign.contentType,
      }),
      fix:
        place === 'aws'
          ? t('awsError.notAwsFormatAwsFix')
          : place === 'endpoint'
            ? t('awsError.notAwsFormatEndpointFix')
            : t('awsError.sandboxBug'),
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
          ? t('awsError.notFoundAwsFix', {
              region: ctx.region ?? '',
              hasRegion: ctx.region ? 'yes' : 'no',
              command: `aws ecr describe-repositories${cliTail(ctx)}`,
              console: CONSOLE.ecrRepositories(ctx.region ?? 'us-east-1'),
            })
          : t('awsError.notFoundFix'),
      ...base,
    };
  }
  if (code && /Throttl|TooManyRequests|RequestLimitExceeded|SlowDown/.test(code)) {
    return {
      kind: 'throttled',
      summary: t('awsError.throttled', { where, code }),
      fix: place === 'aws' ? t('awsError.throttledAwsFix') : t('awsError.throttledFix'),
      ...base,
    };
  }
  const status = e.$metadata?.httpStatusCode ?? 0;
  if (status >= 500) {
    const fix =
      place === 'tutor-sandbox'
        ? t('awsError.serverTutorSandboxFix')
        : place === 'learner-sandbox'
          ? t('awsError.serverLearnerSandboxFix')
          : place === 'endpoint'
            ? t('awsError.serverEndpointFix', { endpoint: ctx.endpoint ?? '--endpoint-url' })
            : t('awsError.serverAwsFix', { health: CONSOLE.health });
    return {
      kind: 'server-error',
      summary: t('awsError.serverError', {
        where,
        status,
        code: code ?? '',
        hasCode: code ? 'yes' : 'no',
      }),
      fix,
      ...base,
    };
  }
  if (!e.$metadata) {
    // Not an answer from AWS at all (a local file, a bug): say so rather than blame AWS.
    return {
      kind: 'other',
      summary: t('awsError.tutorProblem', { message: msg }),
      fix: t('awsError.tryAgainDebug'),
      awsMessage: msg,
    };
  }
  return {
    kind: 'other',
    summary: t('awsError.otherError', {
      where,
      code: code ?? '',
      hasCode: code ? 'yes' : 'no',
      message: msg,
    }),
    fix:
      place === 'aws'
        ? t('awsError.otherAwsFix', { cli: whoAmICli(ctx) })
        : t('awsError.tryAgainDebug'),
    ...base,
  };
}
