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
  checkSignedHeaders,
  parseAuthorization,
  SigV4Error,
  verifySignature,
  type ParsedAuthorization,
} from './sigv4.js';
import {
  BodyBudget,
  bodyLimitFor,
  BodyTimeout,
  BodyTooLarge,
  BudgetTimeout,
  declaredTooLarge,
  DEFAULT_LIMITS,
  expectedBodySize,
  isLoopbackHost,
  payloadHashProblem,
  readBody,
  regionProblem,
  Reservation,
  requestedRegion,
  type FrontDoorLimits,
} from './front-door.js';
import { STS_HANDLERS } from './sts.js';

/** The front door's state for one listener: its limits and the shared body budget. */
interface FrontDoor {
  limits: FrontDoorLimits;
  budget: BodyBudget;
  /** false when the sandbox was told to listen beyond loopback (--allow-non-loopback) */
  checkHost: boolean;
}

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

/**
 * After an answer given before the body was read (or while it was being read): what the client
 * still sends is drained and dropped, and a client still sending after a moment is cut off.
 * Nothing of the body is kept. (`connection: close` is not used: Node then destroys the socket
 * as soon as the answer is written, and the reset can reach the client before the answer does.)
 */
function closeAfterAnswer(req: IncomingMessage, res: ServerResponse): void {
  if (req.complete || res.headersSent) return;
  res.on('finish', () => {
    req.removeAllListeners('data');
    req.resume();
    const cut = setTimeout(() => req.socket.destroy(), 2000);
    cut.unref();
    req.once('end', () => clearTimeout(cut));
  });
}

const HOST_REFUSED = (host: string | undefined): string =>
  `The sandbox answers only requests addressed to a loopback name (localhost, 127.0.0.1, [::1]); ` +
  `this one was addressed to ${host === undefined ? 'no host' : JSON.stringify(host.slice(0, 100))}. ` +
  `Use the endpoint \`ecr-tutor sandbox env\` prints.`;

/** A foreign Host (DNS rebinding from a web page, a LAN name): refused before anything else. */
function refuseHost(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  requestId: string,
): void {
  const message = HOST_REFUSED(req.headers.host);
  closeAfterAnswer(req, res);
  if (pathname === '/v2' || pathname.startsWith('/v2/')) {
    res.writeHead(403, { 'content-type': 'application/json', 'x-amzn-requestid': requestId });
    res.end(JSON.stringify({ errors: [{ code: 'DENIED', message }] }));
    return;
  }
  const err = new AwsError(
    header(req, 'x-amz-target') !== undefined ? 'AccessDeniedException' : 'AccessDenied',
    message,
    403,
  );
  if (header(req, 'x-amz-target') !== undefined) sendJsonError(res, requestId, err);
  else sendQueryError(res, requestId, STS_NAMESPACE, err);
}

async function handle(
  core: SandboxCore,
  door: FrontDoor,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const requestId = newRequestId();
  // Every AWS API call of the SDKs and the AWS CLI is `POST /`: that one needs no URL parsing.
  const url = req.url === '/' ? undefined : new URL(req.url ?? '/', 'http://sandbox.invalid');
  const pathname = url ? url.pathname : '/';
  const query = url ? url.searchParams : NO_QUERY;
  if (door.checkHost && !isLoopbackHost(req.headers.host)) {
    core.log(`request ${requestId}: refused the foreign Host ${JSON.stringify(req.headers.host)}`);
    refuseHost(req, res, pathname, requestId);
    return;
  }
  // The registry API (docker, skopeo) streams its own bodies and answers in its own format.
  if (isRegistryPath(pathname)) return handleRegistry(core, req, res);
  if (url && req.method === 'GET' && pathname.startsWith(DOWNLOAD_PATH_PREFIX)) {
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
  const entry = { op: '', who: '-', error: '', signedFor: '' };
  if (core.accessLog) {
    const accessLog = core.accessLog;
    res.on('finish', () =>
      accessLog(
        `${new Date().toISOString().slice(11, 19)} ${route.service}:${entry.op || '?'} by ${entry.who}${entry.signedFor} -> ${res.statusCode}${entry.error ? ` ${entry.error}` : ''}`,
      ),
    );
  }
  let release: (() => void) | Reservation | undefined;
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
    // Everything the headers decide is decided before a byte of the body is read: who signs,
    // for which service and region, when, over which headers, and how large the body may be.
    if (authFailure) throw authFailure;
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
    const sandboxRegion = core.metadata.state.region;
    const wrongRegion = regionProblem(auth.region, sandboxRegion);
    if (wrongRegion) throw new SigV4Error({ kind: 'mismatch', detail: wrongRegion });
    const actsIn = requestedRegion(service, sandboxRegion);
    // Said in the log, so a learner who wonders why ARNs name another region can see why.
    if (auth.region !== actsIn && auth.region !== sandboxRegion)
      entry.signedFor = ` (signed for ${auth.region}, acts in ${actsIn})`;
    const unsignedPayload = payloadHashProblem(header(req, 'x-amz-content-sha256'));
    if (unsignedPayload) throw new SigV4Error({ kind: 'mismatch', detail: unsignedPayload });
    const token = header(req, 'x-amz-security-token');
    const who = resolveCaller(core, auth, token);
    entry.who =
      who.caller.type === 'user'
        ? who.caller.userName!
        : `${who.caller.roleName}/${who.caller.sessionName}`;
    const checked = checkSignedHeaders(auth, req.headers);
    const limit = route.protocol === 'json' ? bodyLimitFor('json', route.operation) : MAX_BODY;
    if (declaredTooLarge(req, limit)) throw tooLarge(route, limit);
    try {
      const bytes = expectedBodySize(req, limit);
      release =
        door.budget.tryReserve(bytes) ??
        (await door.budget.reserve(bytes, door.limits.budgetWaitMs));
    } catch (err) {
      if (!(err instanceof BudgetTimeout)) throw err;
      throw new AwsError(
        route.protocol === 'json' ? 'ThrottlingException' : 'Throttling',
        `Rate exceeded: the sandbox is already reading ${Math.round(door.budget.inUse / 2 ** 20)} MiB of request bodies; retry in a moment.`,
        400,
      );
    }
    let body: Buffer;
    try {
      body = await readBody(req, limit, {
        idleMs: door.limits.bodyIdleMs,
        deadlineMs: door.limits.bodyDeadlineMs,
      });
    } catch (err) {
      if (err instanceof BodyTooLarge) throw tooLarge(route, limit);
      if (err instanceof BodyTimeout) {
        throw new AwsError(
          route.protocol === 'json' ? 'RequestTimeoutException' : 'RequestTimeout',
          err.idle
            ? `Your socket connection to the sandbox was not read from or written to within the timeout period: no body data for ${door.limits.bodyIdleMs / 1000} s.`
            : `The request body was not complete within ${door.limits.bodyDeadlineMs / 1000} s.`,
          408,
        );
      }
      throw err;
    }
    if (route.protocol === 'query' && body.length < 4096) {
      entry.op = new URLSearchParams(body.toString('utf8')).get('Action') ?? '';
    }
    verifySignature({
      method: req.method,
      path: pathname,
      query,
      checked,
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
      region: actsIn,
      sourceIp: req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
    };
    if (route.protocol === 'json') {
      const handler = Object.hasOwn(ECR_HANDLERS, route.operation)
        ? ECR_HANDLERS[route.operation]
        : undefined;
      if (!handler) {
        throw new AwsError(
          'UnknownOperationException',
          `The sandbox does not implement the operation ${route.operation.replace('\0', '')} (Amazon ECR does, or it is not an ECR operation); the workshop needs only the operations the sandbox implements.`,
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
    for (const [k, v] of query) if (!params.params.has(k)) params.params.append(k, v);
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
    // Answered before the body was whole: close behind the answer, keep nothing of the body.
    if (!req.complete && !req.destroyed) closeAfterAnswer(req, res);
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
  } finally {
    if (release instanceof Reservation) release.release();
    else release?.();
  }
}

/** The query of `POST /`: empty, and only ever read. */
const NO_QUERY = new URLSearchParams();

/** STS and IAM bodies (and every small ECR operation): a few policies of a few KiB at most. */
const MAX_BODY = bodyLimitFor('query', '');

function tooLarge(route: Route, limit: number): AwsError {
  return new AwsError(
    route.protocol === 'json' ? 'ValidationException' : 'RequestEntityTooLarge',
    `The request body is larger than the sandbox accepts for this operation (${limit} bytes).`,
    413,
  );
}

export interface HttpServerHandle {
  server: Server;
  /** closes the listener and every open connection */
  close(): Promise<void>;
}

export interface ListenOptions {
  /** the front door's limits (defaults: DEFAULT_LIMITS) */
  limits?: Partial<FrontDoorLimits>;
  /** refuse requests whose Host is not a loopback name (default true) */
  checkHost?: boolean;
}

/** Starts listening; resolves with the bound port. */
export async function listen(
  core: SandboxCore,
  host: string,
  port: number,
  opts: ListenOptions = {},
): Promise<HttpServerHandle & { port: number }> {
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const door: FrontDoor = {
    limits,
    budget: new BodyBudget(limits.bodyBytesInFlight),
    checkHost: opts.checkHost ?? true,
  };
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    handle(core, door, req, res).catch((err: unknown) => {
      core.log(`request failed: ${String(err)}`);
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });
  // Slow or stuck clients must not hold the server: bound every phase of a request, and the
  // number of connections (further ones are closed as they arrive).
  server.headersTimeout = 20_000;
  server.requestTimeout = 120_000;
  server.keepAliveTimeout = 5_000;
  server.maxConnections = limits.maxConnections;
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
