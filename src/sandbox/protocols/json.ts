/** awsJson1_1 (ECR): JSON bodies, `__type` errors, epoch-second timestamps, base64 blobs. */
import type { ServerResponse } from 'node:http';
import { AwsError } from './errors.js';

export const ECR_TARGET_PREFIX = 'AmazonEC2ContainerRegistry_V20150921.';

export function sendJson(res: ServerResponse, requestId: string, body: unknown, status = 200): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/x-amz-json-1.1',
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': requestId,
  });
  res.end(text);
}

export function sendJsonError(res: ServerResponse, requestId: string, err: AwsError): void {
  const text = JSON.stringify({ __type: err.code, message: err.message, ...err.fields });
  res.writeHead(err.status, {
    'content-type': 'application/x-amz-json-1.1',
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': requestId,
    'x-amzn-errortype': err.code,
  });
  res.end(text);
}

/** Parses a JSON request body into an object; SerializationException otherwise. */
export function parseJsonBody(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  let v: unknown;
  try {
    v = JSON.parse(body.toString('utf8'));
  } catch {
    throw new AwsError('SerializationException', 'Start of structure or map found where not expected, or the request body is not valid JSON.');
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) {
    throw new AwsError('SerializationException', 'Start of structure or map found where not expected.');
  }
  return v as Record<string, unknown>;
}
