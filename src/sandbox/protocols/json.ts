/** awsJson1_1 (ECR): JSON bodies, `__type` errors, epoch-second timestamps, base64 blobs. */
import type { ServerResponse } from 'node:http';
import { AwsError } from './errors.js';

export const ECR_TARGET_PREFIX = 'AmazonEC2ContainerRegistry_V20150921.';

export function sendJson(
  res: ServerResponse,
  requestId: string,
  body: unknown,
  status = 200,
): void {
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

/**
 * A base64 blob member left undecoded, as a view into the request body: a 10 MiB layer part is
 * decoded a slice at a time on its way to disk instead of as one string, one copy and one buffer.
 */
export class Base64Slice {
  constructor(readonly text: Buffer) {}

  /** Decoded size, or undefined when the text is not canonical padded base64. */
  decodedLength(): number | undefined {
    const n = this.text.length;
    if (n % 4 !== 0) return undefined;
    let pad = 0;
    if (n > 0 && this.text[n - 1] === 0x3d) pad++;
    if (n > 1 && this.text[n - 2] === 0x3d) pad++;
    return (n / 4) * 3 - pad;
  }

  /** Decoded bytes in slices of about `size` bytes; throws SerializationException on bad base64. */
  *chunks(size = 3 * 256 * 1024): Generator<Buffer> {
    const step = (size / 3) * 4;
    for (let o = 0; o < this.text.length; o += step) {
      const s = this.text.subarray(o, Math.min(o + step, this.text.length)).toString('latin1');
      const last = o + step >= this.text.length;
      if (!(last ? /^[A-Za-z0-9+/]*={0,2}$/ : /^[A-Za-z0-9+/]*$/).test(s)) {
        throw new AwsError('SerializationException', 'The blob is not valid base64.');
      }
      yield Buffer.from(s, 'base64');
    }
  }
}

/** Bodies above this size get their blob member lifted out before JSON.parse. */
const LIFT_BLOB_ABOVE = 64 * 1024;

function skipSpace(b: Buffer, i: number): number {
  while (i < b.length && (b[i] === 0x20 || b[i] === 0x0a || b[i] === 0x0d || b[i] === 0x09)) i++;
  return i;
}

/**
 * Finds `"FIELD": "..."` in a JSON body and returns the body without the value plus the value's
 * bytes. A quoted key cannot occur inside a string (its quotes would be escaped), and base64 has
 * no escapes, so a value containing a backslash falls back to the ordinary parse.
 */
function liftBlob(body: Buffer, field: string): { rest: Buffer; blob: Buffer } | undefined {
  const key = body.indexOf(`"${field}"`);
  if (key < 0) return undefined;
  let i = skipSpace(body, key + field.length + 2);
  if (body[i] !== 0x3a) return undefined;
  i = skipSpace(body, i + 1);
  if (body[i] !== 0x22) return undefined;
  const start = i + 1;
  const end = body.indexOf(0x22, start);
  if (end < 0) return undefined;
  const slash = body.indexOf(0x5c, start);
  if (slash >= 0 && slash < end) return undefined;
  return {
    rest: Buffer.concat([body.subarray(0, start), body.subarray(end)]),
    blob: body.subarray(start, end),
  };
}

/**
 * Parses a JSON request body into an object; SerializationException otherwise. `blobField`
 * names a base64 member to hand over as a Base64Slice (never a string).
 */
export function parseJsonBody(body: Buffer, blobField?: string): Record<string, unknown> {
  if (body.length === 0) return {};
  let v: unknown;
  const lifted = blobField && body.length > LIFT_BLOB_ABOVE ? liftBlob(body, blobField) : undefined;
  try {
    v = JSON.parse((lifted?.rest ?? body).toString('utf8'));
  } catch {
    throw new AwsError(
      'SerializationException',
      'Start of structure or map found where not expected, or the request body is not valid JSON.',
    );
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) {
    throw new AwsError(
      'SerializationException',
      'Start of structure or map found where not expected.',
    );
  }
  const o = v as Record<string, unknown>;
  if (blobField) {
    if (lifted) o[blobField] = new Base64Slice(lifted.blob);
    else if (typeof o[blobField] === 'string')
      o[blobField] = new Base64Slice(Buffer.from(o[blobField] as string, 'latin1'));
  }
  return o;
}
