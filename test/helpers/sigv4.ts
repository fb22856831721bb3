/**
 * Test helper: a raw request to the sandbox signed with SigV4 exactly as the SDK signs it, for
 * tests that must send what the SDK would refuse to (tampered, malformed or oversized requests).
 */
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';

class Sha256 extends Hash {
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    super('sha256', secret as never);
  }
}

export interface RawRequestOptions {
  service: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  body: string | Buffer;
  headers: Record<string, string>;
  /** signing time (default: now) */
  date?: Date;
}

/** Signs a POST to the endpoint's root; returns what to pass to fetch (alter it first if needed). */
export async function signRawRequest(
  endpoint: string,
  opts: RawRequestOptions,
): Promise<{ url: string; init: RequestInit & { headers: Record<string, string> } }> {
  const url = new URL(endpoint);
  const signer = new SignatureV4({
    credentials: opts.credentials,
    region: opts.region,
    service: opts.service,
    sha256: Sha256,
  });
  const req = await signer.sign(
    new HttpRequest({
      method: 'POST',
      hostname: url.hostname,
      port: Number(url.port),
      path: '/',
      headers: { host: url.host, ...opts.headers },
      body: opts.body,
    }),
    { signingDate: opts.date ?? new Date() },
  );
  // fetch derives Host from the URL.
  const headers = { ...(req.headers as Record<string, string>) };
  delete headers.host;
  return { url: endpoint + '/', init: { method: 'POST', headers, body: opts.body } };
}
