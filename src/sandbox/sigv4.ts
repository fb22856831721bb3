/**
 * SigV4 verification. The expected signature is computed over the canonical request of
 * @smithy/signature-v4 (the SDK's own signing library) from exactly the headers the client says
 * it signed, then compared in constant time.
 */
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { getCanonicalHeaders, SignatureV4Base } from '@smithy/signature-v4';
import * as nodeCrypto from 'node:crypto';
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
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
  /** what checkSignedHeaders returned for these headers, when it already ran */
  checked?: SignedHeaders;
}

/** The signing time and the values of the signed headers, as checkSignedHeaders found them. */
export interface SignedHeaders {
  signingDate: Date;
  /** the signing time as SigV4 writes it (`20240102T030405Z`) */
  longDate: string;
  signed: Record<string, string>;
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

/**
 * The SDK's canonical form of a request (method, path escaping and normalisation, sorted query,
 * headers, payload hash), reached through its base class: the part of SigV4 that is easy to get
 * subtly wrong stays the library's. The three hashes around it are done here (see verifySignature).
 */
class CanonicalForm extends SignatureV4Base {
  constructor() {
    super({
      service: 'sandbox',
      region: 'sandbox',
      credentials: { accessKeyId: '', secretAccessKey: '' },
      sha256: Sha256,
    });
  }

  of(request: HttpRequest, canonicalHeaders: Record<string, string>, payloadHash: string): string {
    return this.createCanonicalRequest(request, canonicalHeaders, payloadHash);
  }
}

const canonicalForm = new CanonicalForm();

/** Node's one-shot digest (20.12+): a third of the cost of a Hash object for a small input. */
const oneShot = (
  nodeCrypto as unknown as {
    hash?: (algorithm: string, data: string | Buffer, output: 'hex' | 'buffer') => string | Buffer;
  }
).hash;

function sha256(data: string | Buffer, output: 'hex'): string;
function sha256(data: string | Buffer, output: 'buffer'): Buffer;
function sha256(data: string | Buffer, output: 'hex' | 'buffer'): string | Buffer {
  if (oneShot) return oneShot('sha256', data, output);
  const h = createHash('sha256').update(data);
  return output === 'hex' ? h.digest('hex') : h.digest();
}

/**
 * A SigV4 signing key (kSigning: four HMACs from the secret) with its HMAC pads (RFC 2104:
 * the 32-byte key XOR 0x36 and XOR 0x5c, padded to SHA-256's 64-byte block), so that the one
 * HMAC per request is two one-shot digests instead of a createHmac (which imports the key
 * anew each time, several times the cost).
 */
interface SigningKey {
  inner: Buffer;
  outer: Buffer;
}

/**
 * Signing keys by secret, day, region and service. A key is valid for its day only, so the
 * cache is bounded, not invalidated: it is cleared when full (many keys or days seen) and
 * refilled on demand.
 */
const signingKeys = new Map<string, SigningKey>();
const MAX_SIGNING_KEYS = 500;

function signingKey(
  secret: string,
  shortDate: string,
  region: string,
  service: string,
): SigningKey {
  const cacheKey = `${secret}\0${shortDate}\0${region}\0${service}`;
  let key = signingKeys.get(cacheKey);
  if (!key) {
    if (signingKeys.size >= MAX_SIGNING_KEYS) signingKeys.clear();
    let k = hmac(`AWS4${secret}`, shortDate);
    for (const part of [region, service, 'aws4_request']) k = hmac(k, part);
    const inner = Buffer.alloc(64, 0x36);
    const outer = Buffer.alloc(64, 0x5c);
    for (let i = 0; i < k.length; i++) {
      inner[i]! ^= k[i]!;
      outer[i]! ^= k[i]!;
    }
    key = { inner, outer };
    signingKeys.set(cacheKey, key);
  }
  return key;
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

/** HMAC-SHA256 under a signing key: H(outer ‖ H(inner ‖ data)). */
function signWith(key: SigningKey, data: string): Buffer {
  const inner = sha256(Buffer.concat([key.inner, Buffer.from(data, 'utf8')]), 'buffer');
  return sha256(Buffer.concat([key.outer, inner]), 'buffer');
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
): SignedHeaders {
  const amzDate = headerValue(headers, 'x-amz-date');
  const fromAmzDate = parseAmzDate(amzDate);
  const signingDate = fromAmzDate ?? (headers.date ? new Date(headers.date) : undefined);
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
  // The time as the client wrote it in X-Amz-Date is what it signed (a Date header is reformatted).
  const longDate = fromAmzDate ? amzDate! : formatAmzDate(signingDate);
  return { signingDate, longDate, signed };
}

/** Headers the SDK's signer sets itself: what the client sent under these names is not signed as is. */
const GENERATED = new Set(['authorization', 'x-amz-date', 'date']);

/**
 * Throws SigV4Error unless the request carries a valid signature for the given secret. The
 * expected signature is that of @smithy/signature-v4 signing the same request with the same
 * secret (test/sandbox/sigv4.test.ts holds the two side by side), computed without its signer:
 * a signer clones the request, re-hashes the secret to find its key cache and awaits six
 * promises per call, which made verification the largest cost of a signed call. Here the
 * payload is hashed once (for the tamper check and the canonical request alike), the signing
 * key comes from the cache above and the canonical request from the library.
 */
export function verifySignature(input: VerifyInput): void {
  const { auth, headers } = input;
  const { longDate, signed } = input.checked ?? checkSignedHeaders(auth, headers, input.now);
  const payloadHash = sha256(input.body, 'hex');
  // A declared payload hash must be the hash of the body actually received (tampering check);
  // ECR, IAM and STS sign their payloads, so UNSIGNED-PAYLOAD is no hash at all here.
  const declared = headerValue(headers, 'x-amz-content-sha256');
  if (declared !== undefined && declared !== payloadHash)
    throw new SigV4Error({ kind: 'mismatch' });
  const query: Record<string, string | string[]> = {};
  for (const [k, v] of input.query) {
    const prev = query[k];
    query[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  let path = input.path;
  try {
    // the canonical form escapes the path itself; give it the decoded form
    path = decodeURIComponent(path);
  } catch {
    throw new SigV4Error({ kind: 'mismatch' });
  }
  // As the SDK's signer does: the date header it would have set, the session token it would
  // have added, every other header the client says it signed, with its value as received.
  const shortDate = longDate.slice(0, 8);
  const toSign: Record<string, string> = {};
  for (const name in signed) if (!GENERATED.has(name)) toSign[name] = signed[name]!;
  toSign['x-amz-date'] = longDate;
  if (input.sessionToken && signed['x-amz-security-token'] !== undefined)
    toSign['x-amz-security-token'] = input.sessionToken;
  const request = new HttpRequest({
    method: input.method,
    protocol: 'http:',
    hostname: headerValue(headers, 'host') ?? 'localhost',
    path,
    query,
    headers: toSign,
  });
  const canonicalHeaders = getCanonicalHeaders(
    request,
    undefined,
    new Set(auth.signedHeaders),
  ) as Record<string, string>;
  const canonicalRequest = canonicalForm.of(request, canonicalHeaders, payloadHash);
  const scope = `${shortDate}/${auth.region}/${auth.service}/aws4_request`;
  const stringToSign = `AWS4-HMAC-SHA256\n${longDate}\n${scope}\n${sha256(canonicalRequest, 'hex')}`;
  const expected = signWith(
    signingKey(input.secretAccessKey, shortDate, auth.region, auth.service),
    stringToSign,
  );
  const given = Buffer.from(auth.signature, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new SigV4Error({ kind: 'mismatch' });
}
