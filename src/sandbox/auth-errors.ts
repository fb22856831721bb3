/**
 * How each protocol reports an authentication failure. AWS's JSON services (ECR) and its query
 * services (STS, IAM) use different codes and statuses for the same failure; this is the one
 * table to change if real AWS is observed to differ.
 */
import { AwsError } from './protocols/errors.js';
import { formatAmzDate, MAX_CLOCK_SKEW_MS, type SigV4Failure } from './sigv4.js';

const SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
const INVALID_TOKEN = 'The security token included in the request is invalid.';
const EXPIRED_TOKEN = 'The security token included in the request is expired';

function skewMessage(f: Extract<SigV4Failure, { kind: 'skew' }>): string {
  const limit = formatAmzDate(
    new Date(f.now.getTime() + (f.future ? MAX_CLOCK_SKEW_MS : -MAX_CLOCK_SKEW_MS)),
  );
  const now = formatAmzDate(f.now);
  return f.future
    ? `Signature not yet current: ${f.requestTime} is still later than ${limit} (${now} + 15 min.)`
    : `Signature expired: ${f.requestTime} is now earlier than ${limit} (${now} - 15 min.)`;
}

export function authError(protocol: 'json' | 'query', f: SigV4Failure): AwsError {
  const json = protocol === 'json';
  switch (f.kind) {
    case 'missing':
      return json
        ? new AwsError('MissingAuthenticationTokenException', 'Missing Authentication Token', 403)
        : new AwsError(
            'MissingAuthenticationToken',
            'Request is missing Authentication Token',
            403,
          );
    case 'incomplete':
      return new AwsError(
        json ? 'IncompleteSignatureException' : 'IncompleteSignature',
        f.detail,
        json ? 400 : 403,
      );
    case 'unknown-key':
      return json
        ? new AwsError('UnrecognizedClientException', INVALID_TOKEN, 400)
        : new AwsError('InvalidClientTokenId', INVALID_TOKEN, 403);
    case 'mismatch':
      return json
        ? new AwsError('InvalidSignatureException', f.detail ?? SIGNATURE_MISMATCH, 400)
        : new AwsError('SignatureDoesNotMatch', f.detail ?? SIGNATURE_MISMATCH, 403);
    case 'skew':
      return json
        ? new AwsError('InvalidSignatureException', skewMessage(f), 400)
        : new AwsError('SignatureDoesNotMatch', skewMessage(f), 403);
    case 'expired-token':
      return json
        ? new AwsError('ExpiredTokenException', EXPIRED_TOKEN, 400)
        : new AwsError('ExpiredToken', EXPIRED_TOKEN, 403);
  }
}
