/**
 * SigV4 verification. The expected signature is computed by @smithy/signature-v4 (the SDK's own
 * signer) over exactly the headers the client says it signed, then compared in constant time.
 */
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** The SDK signer wants a sha256 constructor taking an optional HMAC secret. */
class Sha256 extends Hash {
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    super('sha256', secret as never);
  }
}

/** Largest clock difference AWS accepts between the request time and its own. */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

export interface ParsedAuthorization {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

export type SigV4Failure =
  | { kind: 'missing' }
  | { kind: 'incomplete'; detail: string }
  | { kind: 'unknown-key' }
  | { kind: 'mismatch'; detail?: string }
  | { kind: 'skew'; requestTime: string; now: Date; future: boolean }
  | { kind: 'expired-token' };

export class SigV4Error extends Error {
  constructor(readonly failure: SigV4Failure) {
    super(failure.kind);
  }
}

const AUTH_RE =
  /^AWS4-HMAC-SHA256\s+Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request,\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})\s*$/;

/** Parses the Authorization header; undefined when absent, throws when malformed. */
export function parseAuthorization(header: string | undefined): ParsedAuthorization | undefined {
  if (header === undefined) return undefined;
  const m = AUTH_RE.exec(header);
  if (!m) {
    throw new SigV4Error({
      kind: 'incomplete',
      detail: `Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters (AWS4-HMAC-SHA256).`,
    });
  }
  return {
    accessKeyId: m[1]!,
    date: m[2]!,
    region: m[3]!,
    service: m[4]!,
    signedHeaders: m[5]!.split(';'),
    signature: m[6]!,
  };
}

/** `20240102T030405Z` -> Date (undefined when malformed). */
export function parseAmzDate(s: string | undefined): Date | undefined {
  const m = s ? /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s) : null;
  if (!m) return undefined;
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
  return Number.isNaN(d.getTime()) ? undefined : d;
}

export function formatAmzDate(d: Date): string {
  return d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

export interface VerifyInput {
  method: string;
  /** path without the query string, as received */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  auth: ParsedAuthorization;
  secretAccessKey: string;
  sessionToken?: string;
  now?: Date;
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

/** Signers by key, secret and scope: building one per request is measurable at high rates. */
const signers = new Map<string, SignatureV4>();

function signerFor(
  auth: ParsedAuthorization,
  secretAccessKey: string,
  sessionToken: string | undefined,
): SignatureV4 {
  const cacheKey = `${auth.accessKeyId}\0${secretAccessKey}\0${sessionToken ?? ''}\0${auth.region}\0${auth.service}`;
  let signer = signers.get(cacheKey);
  if (!signer) {
    if (signers.size > 500) signers.clear();
    signer = new SignatureV4({
      credentials: {
        accessKeyId: auth.accessKeyId,
        secretAccessKey,
        ...(sessionToken ? { sessionToken } : {}),
      },
      region: auth.region,
      service: auth.service,
      sha256: Sha256,
      applyChecksum: false,
    });
    signers.set(cacheKey, signer);
  }
  return signer;
}

/**
 * What can be checked from the headers alone, before any body is read: a signing time within
 * the clock skew AWS allows, every signed header present (Host among them, as SigV4 requires).
 * Returns the signing date and the signed headers' values; throws SigV4Error.
 */
export function checkSignedHeaders(
  auth: ParsedAuthorization,
  headers: IncomingHttpHeaders,
  now: Date = new Date(),
): { signingDate: Date; signed: Record<string, string> } {
  const amzDate = headerValue(headers, 'x-amz-date');
  const signingDate = parseAmzDate(amzDate) ?? (headers.date ? new Date(headers.date) : undefined);
  if (!signingDate || Number.isNaN(signingDate.getTime())) {
    throw new SigV4Error({
      kind: 'incomplete',
      detail:
        "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
    });
  }
  if (Math.abs(now.getTime() - signingDate.getTime()) > MAX_CLOCK_SKEW_MS) {
    throw new SigV4Error({
      kind: 'skew',
      requestTime: formatAmzDate(signingDate),
      now,
      future: signingDate.getTime() > now.getTime(),
    });
  }
  if (!auth.signedHeaders.includes('host')) {
    throw new SigV4Error({
      kind: 'mismatch',
      detail: "'Host' must be a 'SignedHeader' in the AWS Authorization.",
    });
  }
  const signed: Record<string, string> = {};
  for (const name of auth.signedHeaders) {
    const v = headerValue(headers, name);
    if (v === undefined) throw new SigV4Error({ kind: 'mismatch' });
    signed[name] = v;
  }
  return { signingDate, signed };
}

/** Throws SigV4Error unless the request carries a valid signature for the given secret. */
export async function verifySignature(input: VerifyInput): Promise<void> {
  const { auth, headers } = input;
  const { signingDate, signed } = checkSignedHeaders(auth, headers, input.now);
  // A declared payload hash must be the hash of the body actually received (tampering check);
  // ECR, IAM and STS sign their payloads, so UNSIGNED-PAYLOAD is no hash at all here.
  const declared = headerValue(headers, 'x-amz-content-sha256');
  if (declared !== undefined) {
    const actual = createHash('sha256').update(input.body).digest('hex');
    if (declared !== actual) throw new SigV4Error({ kind: 'mismatch' });
  }
  const query: Record<string, string | string[]> = {};
  for (const [k, v] of input.query) {
    const prev = query[k];
    query[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  let path = input.path;
  try {
    // the signer escapes the path itself; give it the decoded form
    path = decodeURIComponent(path);
  } catch {
    throw new SigV4Error({ kind: 'mismatch' });
  }
  const request = new HttpRequest({
    method: input.method,
    protocol: 'http:',
    hostname: headerValue(headers, 'host') ?? 'localhost',
    path,
    query,
    headers: signed,
    body: input.body,
  });
  const sessionToken =
    input.sessionToken && signed['x-amz-security-token'] !== undefined
      ? input.sessionToken
      : undefined;
  const signer = signerFor(auth, input.secretAccessKey, sessionToken);
  const out = await signer.sign(request, {
    signingDate,
    signingRegion: auth.region,
    signingService: auth.service,
    signableHeaders: new Set(auth.signedHeaders),
  });
  const expected = /Signature=([0-9a-f]{64})/.exec(
    String(out.headers.authorization ?? out.headers.Authorization),
  )?.[1];
  if (!expected) throw new SigV4Error({ kind: 'mismatch' });
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(auth.signature, 'utf8');
  if (a.length !== b.length || !timingSafeEqual(a, b)) throw new SigV4Error({ kind: 'mismatch' });
}
