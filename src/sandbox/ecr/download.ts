/**
 * GetDownloadUrlForLayer answers with a URL served by the sandbox itself: an HMAC-signed,
 * time-limited token naming the account, repository and digest, checked again when used.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import type { ServerResponse } from 'node:http';
import type { SandboxCore } from '../context.js';
import { escapeXml } from '../protocols/query.js';
import { registryAddress } from '../registry/address.js';

export const DOWNLOAD_PATH_PREFIX = '/_sandbox/layers/';
/** How long a download URL stays valid (AWS's pre-signed layer URLs are short-lived too). */
export const DOWNLOAD_URL_TTL_SECONDS = 3600;

function sign(key: string, payload: string): string {
  return createHmac('sha256', key).update(payload).digest('base64url');
}

export function downloadUrl(
  core: SandboxCore,
  accountId: string,
  repositoryName: string,
  digest: string,
  now = Date.now(),
): string {
  const expires = Math.floor(now / 1000) + DOWNLOAD_URL_TTL_SECONDS;
  const payload = Buffer.from(
    JSON.stringify({ a: accountId, r: repositoryName, d: digest, e: expires }),
  ).toString('base64url');
  // On the registry of the repository's account, as ECR's layer URLs follow its registry.
  return `http://${registryAddress(core, accountId)}${DOWNLOAD_PATH_PREFIX}${payload}.${sign(core.metadata.state.urlSigningKey, payload)}`;
}

function refuse(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  requestId: string,
): void {
  const text = `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${escapeXml(message)}</Message><RequestId>${requestId}</RequestId></Error>`;
  res.writeHead(status, {
    'content-type': 'application/xml',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** Streams the blob a valid download URL names. */
export async function serveDownload(
  core: SandboxCore,
  url: URL,
  res: ServerResponse,
  requestId: string,
): Promise<void> {
  const token = url.pathname.slice(DOWNLOAD_PATH_PREFIX.length);
  const [payload, signature] = token.split('.');
  const state = core.metadata.state;
  if (!payload || !signature)
    return refuse(res, 403, 'AccessDenied', 'Malformed download URL.', requestId);
  const expected = Buffer.from(sign(state.urlSigningKey, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return refuse(
      res,
      403,
      'SignatureDoesNotMatch',
      'The download URL signature is not valid.',
      requestId,
    );
  }
  let claims: { a: string; r: string; d: string; e: number };
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as typeof claims;
  } catch {
    return refuse(res, 403, 'AccessDenied', 'Malformed download URL.', requestId);
  }
  if (claims.e * 1000 < Date.now()) {
    return refuse(res, 403, 'AccessDenied', 'Request has expired', requestId);
  }
  const repo = state.accounts[claims.a]?.repositories[claims.r];
  const size = await core.blobs.size(claims.d);
  if (!repo || repo.layers[claims.d] === undefined || size === undefined) {
    return refuse(res, 404, 'NoSuchKey', 'The specified key does not exist.', requestId);
  }
  res.writeHead(200, {
    'content-type': 'application/octet-stream',
    'content-length': size,
    'x-amz-request-id': requestId,
  });
  const stream = core.blobs.read(claims.d)!;
  try {
    await pipeline(stream, res);
  } catch {
    res.destroy();
  }
}
