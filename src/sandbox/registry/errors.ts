/**
 * The registry's error answers (OCI distribution spec: `{"errors":[{code,message,detail}]}`),
 * and the one table turning the ECR handlers' AwsErrors into them, so a denial reads exactly
 * as the ECR API's does: docker prints `denied: User: … is not authorized to perform: …`.
 */
import type { ServerResponse } from 'node:http';
import type { AwsError } from '../protocols/errors.js';

export class RegistryError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly headers: Record<string, string> = {},
    readonly detail?: unknown,
  ) {
    super(message);
  }
}

/** The ECR API error -> registry error code and HTTP status (as ECR's registry answers). */
const FROM_AWS: Record<string, { code: string; status: number }> = {
  AccessDeniedException: { code: 'DENIED', status: 403 },
  RepositoryNotFoundException: { code: 'NAME_UNKNOWN', status: 404 },
  LayersNotFoundException: { code: 'MANIFEST_BLOB_UNKNOWN', status: 400 },
  ImageTagAlreadyExistsException: { code: 'TAG_INVALID', status: 400 },
  ImageDigestDoesNotMatchException: { code: 'DIGEST_INVALID', status: 400 },
  InvalidLayerException: { code: 'DIGEST_INVALID', status: 400 },
  UploadNotFoundException: { code: 'BLOB_UPLOAD_UNKNOWN', status: 404 },
  InvalidParameterException: { code: 'MANIFEST_INVALID', status: 400 },
  ServerException: { code: 'UNKNOWN', status: 500 },
};

export function fromAwsError(err: AwsError): RegistryError {
  const m = FROM_AWS[err.code] ?? {
    code: err.status >= 500 ? 'UNKNOWN' : 'UNSUPPORTED',
    status: err.status >= 500 ? 500 : 400,
  };
  return new RegistryError(m.code, err.message, m.status);
}

/** Writes the error; a HEAD answer carries the status and headers only, as HTTP requires. */
export function sendRegistryError(
  res: ServerResponse,
  err: RegistryError,
  method: string | undefined,
  requestId: string,
): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const text = JSON.stringify({
    errors: [
      {
        code: err.code,
        message: err.message,
        ...(err.detail !== undefined ? { detail: err.detail } : {}),
      },
    ],
  });
  res.writeHead(err.status, {
    'content-type': 'application/json; charset=utf-8',
    'docker-distribution-api-version': 'registry/2.0',
    'x-amzn-requestid': requestId,
    ...err.headers,
    ...(method === 'HEAD' ? {} : { 'content-length': String(Buffer.byteLength(text)) }),
  });
  res.end(method === 'HEAD' ? undefined : text);
}
