/**
 * The HTTP front: reads bodies under a cap, verifies SigV4, finds the caller, dispatches to the
 * ECR (awsJson1_1), STS or IAM (awsQuery) handlers and writes AWS-shaped answers. Any failure
 * becomes an AWS error for the client (never a stack trace) and the server keeps serving.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { authError } from './auth-errors.js';
import type { Caller, RequestContext, SandboxCore } from './context.js';
import { ECR_HANDLERS } from './ecr/index.js';
import { DOWNLOAD_PATH_PREFIX, serveDownload } from './ecr/download.js';
import { IAM_HANDLERS } from './iam/index.js';
import { handleRegistry, isRegistryPath } from './registry/index.js';
import { newRequestId } from './ids.js';
import { AwsError } from './protocols/errors.js';
import { ECR_TARGET_PREFIX, parseJsonBody, sendJson, sendJsonError } from './protocols/json.js';
import {
  IAM_NAMESPACE,
  QueryParams,
  sendQueryError,
  sendQueryResult,
  STS_NAMESPACE,
  type XmlFields,
} from './protocols/query.js';
import {
  parseAuthorization,
  SigV4Error,
  verifySignature,
  type ParsedAuthorization,
} from './sigv4.js';
import { STS_HANDLERS } from './sts.js';

/** ECR layer parts are up to 20 MB of binary, i.e. ~27 MB of base64 inside JSON. */
export const MAX_JSON_BODY = 30 * 1024 * 1024;
/** STS and IAM requests carry at most a few policies of a few KiB. */
export const MAX_QUERY_BODY = 1024 * 1024;

export type JsonHandler = (ctx: RequestContext, input: Record<string, unknown>) => Promise<unknown>;
export type QueryHandler = (
  ctx: RequestContext,
  params: QueryParams,
) => Promise<XmlFields | undefined>;

type Route =
  | { protocol: 'json'; service: 'ecr'; operation: string }
  | { protocol: 'query'; service: 'sts' | 'iam'; namespace: string };

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Decides the protocol from the request itself (before the body is read). */
function routeOf(req: IncomingMessage, auth: ParsedAuthorization | undefined): Route {
  const target = header(req, 'x-amz-target');
  if (target !== undefined) {
    return {
      protocol: 'json',
      service: 'ecr',
      operation: target.startsWith(ECR_TARGET_PREFIX)
        ? target.slice(ECR_TARGET_PREFIX.length)
        : `\0${target}`,
    };
  }
  const service = auth?.service === 'iam' ? 'iam' : 'sts';
  return {
    protocol: 'query',
    service,
    namespace: service === 'iam' ? IAM_NAMESPACE : STS_NAMESPACE,
  };
}

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(header(req, 'content-length') ?? '0');
    if (declared > limit) {
      reject(new BodyTooLarge());
      return;
    }
    // With a declared length, chunks are copied into one buffer as they arrive (no list of
    // chunks plus a concatenated copy: a big layer part is held once, not twice).
    const sized =
      Number.isInteger(declared) && declared > 0 ? Buffer.allocUnsafe(declared) : undefined;
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      if (size + c.length > (sized ? declared : limit)) {
        reject(new BodyTooLarge());
        req.removeAllListeners('data');
        req.pause();
        return;
      }
      if (sized) c.copy(sized, size);
      else chunks.push(c);
      size += c.length;
    });
    req.on('end', () => resolve(sized ? sized.subarray(0, size) : Buffer.concat(chunks, size)));
    req.on('error', reject);
  });
}

function sendError(res: ServerResponse, route: Route, requestId: string, err: AwsError): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (route.protocol === 'json') sendJsonError(res, requestId, err);
  else sendQueryError(res, requestId, route.namespace, err);
}

/** Finds the caller of a verified key; throws SigV4Error for unknown/expired keys. */
function resolveCaller(
  core: SandboxCore,
  auth: ParsedAuthorization,
  sessionToken: string | undefined,
): { caller: Caller; secret: string; sessionToken?: string } {
  const state = core.metadata.state;
  const key = state.accessKeys[auth.accessKeyId];
  if (key) {
    const user = state.accounts[key.accountId]?.users[key.userName];
    if (!user || key.status !== 'Active' || sessionToken !== undefined)
      throw new SigV4Error({ kind: 'unknown-key' });
    return {
      secret: key.secretAccessKey,
      caller: {
        accessKeyId: key.accessKeyId,
        accountId: key.accountId,
        arn: user.arn,
        userId: user.userId,
        type: 'user',
        userName: user.userName,
      },
    };
  }
  const session = state.sessions[auth.accessKeyId];
  if (session && sessionToken === session.sessionToken) {
    const role = state.accounts[session.accountId]?.roles[session.roleName];
    if (!role) throw new SigV4Error({ kind: 'unknown-key' });
    if (Date.parse(session.expiration) <= Date.now())
      throw new SigV4Error({ kind: 'expired-token' });
    return {
      secret: session.secretAccessKey,
      sessionToken: session.sessionToken,
      caller: {
        accessKeyId: session.accessKeyId,
        accountId: session.accountId,
        arn: `arn:aws:sts::${session.accountId}:assumed-role/${role.roleName}/${session.sessionName}`,
        userId: `${role.roleId}:${session.sessionName}`,
        type: 'assumed-role',
        roleName: role.roleName,
        sessionName: session.sessionName,
      },
    };
  }
  throw new SigV4Error({ kind: 'unknown-key' });
}

/** Why a write failed in words, when the error is the disk's (full, read-only, no permission). */
function diskFailure(err: unknown): string | undefined {
  switch ((err as NodeJS.ErrnoException | undefined)?.code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return 'the disk is full (ENOSPC); free some space';
    case 'EROFS':
      return 'the file system is read-only (EROFS); make it writable or use another folder (ECR_TUTOR_HOME)';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied (EACCES); check who owns the folder';
    default:
      return undefined;
  }
}

async function handle(core: SandboxCore, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const requestId = newRequestId();
  const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
  // The registry API (docker, skopeo) streams its own bodies and answers in its own format.
  if (isRegistryPath(url.pathname)) return handleRegistry(core, req, res);
  if (req.method === 'GET' && url.pathname.startsWith(DOWNLOAD_PATH_PREFIX)) {
    if (core.accessLog) {
      const accessLog = core.accessLog;
      res.on('finish', () =>
        accessLog(
          `${new Date().toISOString().slice(11, 19)} layer download (pre-signed URL) -> ${res.statusCode}`,
        ),
      );
    }
    await serveDownload(core, url, res, requestId);
    return;
  }
  let route: Route = { protocol: 'query', service: 'sts', namespace: STS_NAMESPACE };
  // One access-log line per request (operation, caller, outcome; never a key or secret).
  const entry = { op: '', who: '-', error: '' };
  if (core.accessLog) {
    const accessLog = core.accessLog;
    res.on('finish', () =>
      accessLog(
        `${new Date().toISOString().slice(11, 19)} ${route.service}:${entry.op || '?'} by ${entry.who} -> ${res.statusCode}${entry.error ? ` ${entry.error}` : ''}`,
      ),
    );
  }
  try {
    let auth: ParsedAuthorization | undefined;
    let authFailure: SigV4Error | undefined;
    try {
      auth = parseAuthorization(header(req, 'authorization'));
    } catch (err) {
      if (!(err instanceof SigV4Error)) throw err;
      authFailure = err;
    }
    route = routeOf(req, auth);
    entry.op = route.protocol === 'json' ? route.operation.replace('\0', '') : '';
    if (authFailure) throw authFailure;
    const limit = route.protocol === 'json' ? MAX_JSON_BODY : MAX_QUERY_BODY;
    let body: Buffer;
    try {
      body = await readBody(req, limit);
    } catch (err) {
      if (!(err instanceof BodyTooLarge)) throw err;
      // Stop reading (no memory growth), answer, and close the connection behind the answer.
      res.setHeader('connection', 'close');
      // Drain (and drop) what the client still sends rather than resetting the connection,
      // which could lose the answer on the way; give up on a client that keeps sending.
      res.on('finish', () => {
        req.removeAllListeners('data');
        req.resume();
        setTimeout(() => req.socket.destroy(), 2000).unref();
      });
      throw new AwsError(
        route.protocol === 'json' ? 'ValidationException' : 'RequestEntityTooLarge',
        `The request body is larger than the sandbox accepts (${limit} bytes).`,
        413,
      );
    }
    if (route.protocol === 'query' && body.length < 4096) {
      entry.op = new URLSearchParams(body.toString('utf8')).get('Action') ?? '';
    }
    if (req.method !== 'POST') {
      throw new AwsError(
        route.protocol === 'json' ? 'UnknownOperationException' : 'InvalidAction',
        `The sandbox accepts only POST requests for AWS operations (got ${req.method}).`,
        400,
      );
    }
    if (!auth) throw new SigV4Error({ kind: 'missing' });
    const service = route.protocol === 'json' ? 'ecr' : route.service;
    if (auth.service !== service) {
      throw new SigV4Error({
        kind: 'mismatch',
        detail: `Credential should be scoped to correct service: '${service}'. `,
      });
    }
    const token = header(req, 'x-amz-security-token');
    const who = resolveCaller(core, auth, token);
    entry.who =
      who.caller.type === 'user'
        ? who.caller.userName!
        : `${who.caller.roleName}/${who.caller.sessionName}`;
    await verifySignature({
      method: req.method,
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body,
      auth,
      secretAccessKey: who.secret,
      ...(who.sessionToken ? { sessionToken: who.sessionToken } : {}),
    });
    const ctx: RequestContext = {
      core,
      caller: who.caller,
      requestId,
      region: auth.region,
      sourceIp: req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
    };
    if (route.protocol === 'json') {
      const handler = Object.hasOwn(ECR_HANDLERS, route.operation)
        ? ECR_HANDLERS[route.operation]
        : undefined;
      if (!handler) {
        throw new AwsError(
          'UnknownOperationException',
          `The operation ${route.operation.replace('\0', '')} is not supported by Amazon ECR.`,
        );
      }
      // Layer parts are the one big member: keep it as undecoded base64 bytes.
      const input = parseJsonBody(
        body,
        route.operation === 'UploadLayerPart' ? 'layerPartBlob' : undefined,
      );
      const out = await handler(ctx, input);
      sendJson(res, requestId, out ?? {});
      return;
    }
    const params = new QueryParams(new URLSearchParams(body.toString('utf8')));
    for (const [k, v] of url.searchParams) if (!params.params.has(k)) params.params.append(k, v);
    const action = params.action;
    entry.op = action ?? '';
    const table = route.service === 'iam' ? IAM_HANDLERS : STS_HANDLERS;
    const handler = action && Object.hasOwn(table, action) ? table[action] : undefined;
    if (!handler) {
      throw new AwsError(
        'InvalidAction',
        action
          ? `Could not find operation ${action} for version ${params.get('Version') ?? 'unknown'}`
          : 'Missing Action parameter',
      );
    }
    const result = await handler(ctx, params);
    sendQueryResult(res, requestId, route.namespace, action!, result);
  } catch (err) {
    if (err instanceof SigV4Error) {
      const e = authError(route.protocol, err.failure);
      entry.error = e.code;
      sendError(res, route, requestId, e);
    } else if (err instanceof AwsError) {
      entry.error = err.code;
      sendError(res, route, requestId, err);
    } else if (diskFailure(err)) {
      // The disk, not the request, is at fault: say so, and which folder, so the learner can act.
      core.log(
        `request ${requestId}: could not write the sandbox state in ${core.stateDir}: ${(err as Error).message}`,
      );
      const why = diskFailure(err)!;
      const text = `The sandbox could not save its state in ${core.stateDir}: ${why}. Nothing was changed on disk; fix that and retry.`;
      sendError(
        res,
        route,
        requestId,
        new AwsError(route.protocol === 'json' ? 'ServerException' : 'ServiceFailure', text, 500),
      );
    } else if (req.destroyed && !req.complete) {
      // The client hung up before its request was whole: nobody to answer, nothing went wrong here.
      core.log(
        `request ${requestId}: the client closed the connection before sending the whole request`,
      );
      res.destroy();
    } else {
      core.log(
        `internal error in request ${requestId}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
      );
      sendError(
        res,
        route,
        requestId,
        route.protocol === 'json'
          ? new AwsError(
              'ServerException',
              'The sandbox failed to process the request (an internal error; see its log).',
              500,
            )
          : new AwsError(
              'ServiceFailure',
              'The sandbox failed to process the request (an internal error; see its log).',
              500,
            ),
      );
    }
  }
}

export interface HttpServerHandle {
  server: Server;
  /** closes the listener and every open connection */
  close(): Promise<void>;
}

/** Starts listening; resolves with the bound port. */
export async function listen(
  core: SandboxCore,
  host: string,
  port: number,
): Promise<HttpServerHandle & { port: number }> {
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    handle(core, req, res).catch((err: unknown) => {
      core.log(`request failed: ${String(err)}`);
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });
  // Slow or stuck clients must not hold the server: bound every phase of a request.
  server.headersTimeout = 20_000;
  server.requestTimeout = 120_000;
  server.keepAliveTimeout = 5_000;
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.address();
  const bound = typeof addr === 'object' && addr ? addr.port : port;
  return {
    server,
    port: bound,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
}
