/** What every registry handler gets: the request, the answer, the caller and the repository. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestContext } from '../context.js';
import type { RepoTarget } from '../ecr/repos.js';

export interface RegistryRequest {
  ctx: RequestContext;
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** the repository the path names, in the account whose registry was reached */
  t: RepoTarget;
  /** the ECR action this call was authorized as (for the access log) */
  action: string;
}

/** Ends an answer with headers and an optional small body. */
export function reply(
  r: RegistryRequest,
  status: number,
  headers: Record<string, string | number>,
  body?: string | Buffer,
): void {
  const bytes = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(body);
  r.res.writeHead(status, {
    'docker-distribution-api-version': 'registry/2.0',
    'x-amzn-requestid': r.ctx.requestId,
    'content-length': bytes?.length ?? 0,
    ...headers,
  });
  r.res.end(r.req.method === 'HEAD' ? undefined : bytes);
}

/** Reads a small body (a manifest) under a cap; undefined when it is larger. */
export async function readSmallBody(
  req: IncomingMessage,
  limit: number,
): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req as AsyncIterable<Buffer>) {
    size += c.length;
    if (size > limit) return undefined;
    chunks.push(c);
  }
  return Buffer.concat(chunks, size);
}

/** Whether the request carries a body (a declared length above 0, or chunked encoding). */
export function hasBody(req: IncomingMessage): boolean {
  const len = req.headers['content-length'];
  if (len !== undefined) return Number(len) > 0;
  return req.headers['transfer-encoding'] !== undefined;
}
