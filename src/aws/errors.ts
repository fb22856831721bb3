/**
 * Turns AWS SDK errors into plain words: what happened, why, and the one thing to try.
 * Used by every check, so a learner never sees a bare stack trace or an SDK class name.
 */

export type AwsErrorKind =
  | 'no-credentials'
  | 'expired'
  | 'bad-credentials'
  | 'access-denied'
  | 'network'
  | 'no-region'
  | 'not-found'
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

export interface DescribeContext {
  /** 'sandbox' errors point at the sandbox, not at AWS profiles */
  targetKind?: 'sandbox' | 'aws' | 'endpoint';
  profile?: string;
  endpoint?: string;
}

interface ErrLike {
  name?: string;
  code?: string;
  message?: string;
  Code?: string;
  $metadata?: { httpStatusCode?: number };
  cause?: unknown;
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

/** Describes any error thrown by an AWS SDK call in the learner's words. */
export function describeAwsError(err: unknown, ctx: DescribeContext = {}): PlainAwsError {
  const e = (err ?? {}) as ErrLike;
  const code = awsErrorCode(err);
  const msg = e.message ?? String(err);
  const where = ctx.targetKind === 'sandbox' ? 'the sandbox' : ctx.endpoint ? ctx.endpoint : 'AWS';
  const profileHint = ctx.profile ? ` (profile "${ctx.profile}")` : '';
  const net = networkCode(e);
  if (net) {
    return {
      kind: 'network',
      summary: `Could not reach ${where} (${net}).`,
      fix:
        ctx.targetKind === 'sandbox' || ctx.endpoint
          ? `Is the sandbox still running? Start it with \`ecr-tutor sandbox start\`, or run the tutor without --endpoint-url to use its own.`
          : 'Check your internet connection (and any proxy or VPN), then try again.',
      code: net,
      awsMessage: msg,
    };
  }
  if (
    code === 'CredentialsProviderError' ||
    /Could not load credentials|credential.*not.*found/i.test(msg)
  ) {
    return {
      kind: 'no-credentials',
      summary: `No AWS credentials were found${profileHint}.`,
      fix: ctx.profile
        ? `Check that the profile "${ctx.profile}" exists in ~/.aws/credentials or ~/.aws/config (run \`aws configure --profile ${ctx.profile}\`), or use \`aws sso login --profile ${ctx.profile}\` for SSO.`
        : 'Run `aws configure` (or `aws sso login`), or pass --profile NAME; or leave out --aws to practise in the built-in sandbox.',
      code,
      awsMessage: msg,
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
      summary: `Your AWS session has expired${profileHint}.`,
      fix: ctx.profile
        ? `Refresh it: \`aws sso login --profile ${ctx.profile}\` (SSO) or get new temporary keys, then try again.`
        : 'Refresh your credentials (`aws sso login`, or new temporary keys in your environment), then try again.',
      code,
      awsMessage: msg,
    };
  }
  if (
    code === 'InvalidClientTokenId' ||
    code === 'UnrecognizedClientException' ||
    code === 'SignatureDoesNotMatch' ||
    code === 'InvalidSignatureException'
  ) {
    return {
      kind: 'bad-credentials',
      summary:
        code === 'SignatureDoesNotMatch' || code === 'InvalidSignatureException'
          ? `${where} rejected the request signature: the secret access key does not match the access key id.`
          : `${where} does not recognise the access key id${profileHint}.`,
      fix:
        ctx.targetKind === 'sandbox' || ctx.endpoint
          ? 'Use the sandbox\'s own keys: `eval "$(ecr-tutor sandbox env)"` (sandbox keys change after `ecr-tutor sandbox reset`).'
          : 'The key may have been deleted or mistyped: create a new access key or fix ~/.aws/credentials, then try again.',
      code,
      awsMessage: msg,
    };
  }
  if (
    code === 'AccessDenied' ||
    code === 'AccessDeniedException' ||
    /is not authorized to perform/.test(msg)
  ) {
    return {
      kind: 'access-denied',
      summary: `Access denied: ${msg}`,
      fix: 'The identity you are using lacks this permission; use an identity with administrator access for the lab (the CI user is only for the verify step).',
      code,
      awsMessage: msg,
    };
  }
  if (/Region is missing/i.test(msg)) {
    return {
      kind: 'no-region',
      summary: 'No AWS region is set.',
      fix: 'Pass --region (e.g. --region us-east-1) or set AWS_REGION.',
      code,
      awsMessage: msg,
    };
  }
  if (code && /NotFound/.test(code)) {
    return {
      kind: 'not-found',
      summary: msg,
      fix: 'Check the name and the region.',
      code,
      awsMessage: msg,
    };
  }
  if (code && /Throttl|TooManyRequests|RequestLimitExceeded|SlowDown/.test(code)) {
    return {
      kind: 'other',
      summary: `${where} is limiting the rate of requests (${code}), even after the SDK's retries.`,
      fix: 'Wait a few seconds, then check again (other tools using the same account may be busy too).',
      code,
      awsMessage: msg,
    };
  }
  const status = e.$metadata?.httpStatusCode ?? 0;
  if (status >= 500) {
    return {
      kind: 'other',
      summary: `${where} had an internal error (HTTP ${status}${code ? `, ${code}` : ''}), even after the SDK's retries.`,
      fix:
        ctx.targetKind === 'sandbox' || ctx.endpoint
          ? 'Check again; if it lasts, look at the sandbox log (`ecr-tutor sandbox start` prints it).'
          : 'This is on the AWS side and usually passes: check again in a minute.',
      code,
      awsMessage: msg,
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
    fix: 'Try again; if it persists, run with ECR_TUTOR_DEBUG=1 and report the message.',
    code,
    awsMessage: msg,
  };
}
