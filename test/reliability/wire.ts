/**
 * Raw wire helpers for the reliability suites: requests built by hand (node:http / node:net),
 * signed with @smithy/signature-v4 when the signature must be right so that the body is what is
 * judged, and checks that an answer is shaped like AWS's (JSON `__type` for ECR, XML for STS/IAM).
 */
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { join, relative } from 'node:path';

class Sha256 extends Hash {
  constructor(secret?: string) {
    super('sha256', secret as never);
  }
}

export const ECR_PREFIX = 'AmazonEC2ContainerRegistry_V20150921.';

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** Signs a request for `service` and returns the headers to send (host excluded). */
export async function signedHeaders(
  endpoint: string,
  creds: Credentials,
  service: string,
  body: string | Buffer,
  headers: Record<string, string>,
  opts: { region?: string; signingDate?: Date; path?: string } = {},
): Promise<Record<string, string>> {
  const url = new URL(endpoint);
  const signer = new SignatureV4({
    credentials: creds,
    region: opts.region ?? 'us-east-1',
    service,
    sha256: Sha256 as never,
  });
  const req = await signer.sign(
    new HttpRequest({
      method: 'POST',
      hostname: url.hostname,
      port: Number(url.port),
      path: opts.path ?? '/',
      headers: { host: url.host, ...headers },
      body,
    }),
    opts.signingDate ? { signingDate: opts.signingDate } : {},
  );
  const h = { ...(req.headers as Record<string, string>) };
  delete h.host;
  return h;
}

/** One request on a fresh connection; resolves with the answer or rejects on a socket error. */
export function send(
  endpoint: string,
  o: {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    timeoutMs?: number;
  },
): Promise<RawAnswer> {
  const url = new URL(endpoint);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: Number(url.port),
        method: o.method ?? 'POST',
        path: o.path ?? '/',
        headers: o.headers ?? {},
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(o.timeoutMs ?? 15_000, () => req.destroy(new Error('no answer in time')));
    req.on('error', reject);
    req.end(o.body);
  });
}

/**
 * Writes raw bytes on a TCP connection, then either closes its side (`end`) or drops it
 * (`destroy`); resolves with whatever the server answered (possibly nothing).
 */
export function rawExchange(
  endpoint: string,
  bytes: Buffer | string,
  then: 'end' | 'destroy' | 'wait',
  waitMs = 300,
): Promise<string> {
  const url = new URL(endpoint);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const sock = connect(Number(url.port), url.hostname, () => {
      sock.write(bytes, () => {
        if (then === 'end') sock.end();
        else if (then === 'destroy') sock.destroy();
        else setTimeout(() => sock.destroy(), waitMs);
      });
    });
    sock.on('data', (c: Buffer) => chunks.push(c));
    sock.on('error', () => undefined);
    sock.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
    sock.setTimeout(10_000, () => sock.destroy());
  });
}

/** Why an error answer is not AWS-shaped, or undefined when it is. */
export function awsShapeProblem(
  answer: RawAnswer,
  protocol: 'json' | 'query' | 'download',
): string | undefined {
  if (answer.status < 400) return undefined;
  if (protocol === 'json') {
    let json: { __type?: unknown; message?: unknown; Message?: unknown };
    try {
      json = JSON.parse(answer.body) as typeof json;
    } catch {
      return `ECR error is not JSON: ${answer.status} ${answer.body.slice(0, 200)}`;
    }
    if (typeof json.__type !== 'string' || json.__type.length === 0)
      return `ECR error without __type: ${answer.body.slice(0, 200)}`;
    if (typeof (json.message ?? json.Message) !== 'string')
      return `ECR error without message: ${answer.body.slice(0, 200)}`;
    if (!String(answer.headers['content-type']).includes('json'))
      return `ECR error content-type ${String(answer.headers['content-type'])}`;
    return undefined;
  }
  const xml =
    protocol === 'query'
      ? /^<ErrorResponse xmlns="https:\/\/(sts|iam)\.amazonaws\.com\/doc\/[0-9-]+\/"><Error><Type>(Sender|Receiver)<\/Type><Code>[A-Za-z.]+<\/Code><Message>[^<]*<\/Message><\/Error><RequestId>[^<]+<\/RequestId><\/ErrorResponse>$/
      : /^<\?xml version="1.0" encoding="UTF-8"\?><Error><Code>[A-Za-z]+<\/Code><Message>[^<]*<\/Message><RequestId>[^<]+<\/RequestId><\/Error>$/;
  if (!xml.test(answer.body))
    return `${protocol} error is not AWS XML: ${answer.status} ${answer.body.slice(0, 300)}`;
  return undefined;
}

/** The error code of an AWS-shaped answer (JSON __type or XML <Code>). */
export function errorCode(answer: RawAnswer): string | undefined {
  if (answer.status < 400) return undefined;
  try {
    return String((JSON.parse(answer.body) as { __type?: string }).__type);
  } catch {
    return /<Code>([^<]+)<\/Code>/.exec(answer.body)?.[1];
  }
}

/**
 * A fingerprint of everything a sandbox keeps on disk: every file's path, size and sha256
 * (the lock file excluded: it only names the running process).
 */
export async function stateSnapshot(stateDir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  async function walk(dir: string): Promise<void> {
    for (const e of await readdir(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.name !== 'sandbox.lock') {
        const bytes = await readFile(p);
        out[relative(stateDir, p)] =
          `${(await stat(p)).size}:${createHash('sha256').update(bytes).digest('hex')}`;
      }
    }
  }
  await walk(stateDir);
  return out;
}

/** Every file under a folder, recursively (paths relative to it). */
export async function listFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(dir: string): Promise<void> {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else out.push(relative(root, p));
    }
  }
  await walk(root);
  return out.sort();
}

/** Runs `tasks` with at most `limit` in flight; resolves with their results in order. */
export async function pool<T>(tasks: Array<() => Promise<T>>, limit: number): Promise<T[]> {
  const out: T[] = new Array<T>(tasks.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < tasks.length) {
      const i = next++;
      out[i] = await tasks[i]!();
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return out;
}
