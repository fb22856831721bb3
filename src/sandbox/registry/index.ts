/**
 * The Registry HTTP API V2 (OCI distribution spec) that docker, skopeo and crane talk to, served
 * on the sandbox's port beside the ECR API (which only ever uses `POST /`). Each account's
 * registry is its own loopback address (see address.ts); credentials are ECR's Basic
 * `AWS:<password>`; every call is authorized as the ECR action it is, through the same code as
 * the ECR API, so a denial carries AWS's sentence.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestContext, SandboxCore } from '../context.js';
import { target } from '../ecr/repos.js';
import { newRequestId } from '../ids.js';
import { AwsError } from '../protocols/errors.js';
import { accountOfLocalAddress, registryAddress } from './address.js';
import { registryCaller } from './auth.js';
import {
  cancelUpload,
  getBlob,
  headBlob,
  patchUpload,
  putUpload,
  startUpload,
  uploadStatus,
} from './blobs.js';
import { fromAwsError, RegistryError, sendRegistryError } from './errors.js';
import { deleteManifest, getManifest, listTags, putManifest } from './manifests.js';
import type { RegistryRequest } from './request.js';
import { parseRegistryPath, validRepositoryName, type RegistryRoute } from './routes.js';

export { isRegistryPath } from './routes.js';
export { registryAddress } from './address.js';

function unsupported(method: string | undefined, what: string): RegistryError {
  return new RegistryError('UNSUPPORTED', `${method ?? '?'} is not supported on ${what}.`, 405);
}

async function dispatch(r: RegistryRequest, route: RegistryRoute): Promise<void> {
  const m = r.req.method;
  switch (route.kind) {
    case 'blob':
      if (m === 'HEAD') return headBlob(r, route.digest);
      if (m === 'GET') return getBlob(r, route.digest);
      throw unsupported(m, 'a blob (ECR does not delete layers through the registry)');
    case 'uploads':
      if (m === 'POST') return startUpload(r);
      throw unsupported(m, 'blob uploads');
    case 'upload':
      if (m === 'PATCH') return patchUpload(r, route.uploadId);
      if (m === 'PUT') return putUpload(r, route.uploadId);
      if (m === 'GET') return uploadStatus(r, route.uploadId);
      if (m === 'DELETE') return cancelUpload(r, route.uploadId);
      throw unsupported(m, 'a blob upload');
    case 'manifest':
      if (m === 'PUT') return putManifest(r, route.reference);
      if (m === 'GET' || m === 'HEAD') return getManifest(r, route.reference);
      if (m === 'DELETE') return deleteManifest(r, route.reference);
      throw unsupported(m, 'a manifest');
    case 'tags':
      if (m === 'GET') return listTags(r);
      throw unsupported(m, 'the tag list');
    default:
      throw new RegistryError('UNSUPPORTED', 'The registry does not serve this path.', 404);
  }
}

/** Answers one registry request; never throws (every failure becomes a registry error). */
export async function handleRegistry(
  core: SandboxCore,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const requestId = newRequestId();
  const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
  const accountId = accountOfLocalAddress(core, req.socket.localAddress);
  const host = registryAddress(core, accountId);
  const route = parseRegistryPath(url.pathname);
  const entry = { action: '', who: '-', error: '' };
  if (core.accessLog) {
    const accessLog = core.accessLog;
    res.on('finish', () =>
      accessLog(
        `${new Date().toISOString().slice(11, 19)} registry ${host} ${req.method} ${url.pathname}${entry.action ? ` as ecr:${entry.action}` : ''} by ${entry.who} -> ${res.statusCode}${entry.error ? ` ${entry.error}` : ''}`,
      ),
    );
  }
  try {
    const caller = registryCaller(core, req, host);
    entry.who = caller.userName ?? `${caller.roleName}/${caller.sessionName}`;
    if (route.kind === 'ping') {
      if (req.method !== 'GET' && req.method !== 'HEAD') throw unsupported(req.method, '/v2/');
      const text = '{}';
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-length': text.length,
        'docker-distribution-api-version': 'registry/2.0',
      });
      res.end(req.method === 'HEAD' ? undefined : text);
      return;
    }
    if (route.kind === 'unknown') {
      throw new RegistryError('UNSUPPORTED', 'The registry does not serve this path.', 404);
    }
    if (!validRepositoryName(route.name)) {
      throw new RegistryError(
        'NAME_INVALID',
        `Invalid repository name ${JSON.stringify(route.name)}: lowercase letters, digits and . _ - / separators, 2 to 256 characters.`,
        400,
      );
    }
    const ctx: RequestContext = {
      core,
      caller,
      requestId,
      region: core.metadata.state.region,
      sourceIp: req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
    };
    const r: RegistryRequest = {
      ctx,
      req,
      res,
      url,
      t: target(ctx, { repositoryName: route.name, registryId: accountId }),
      action: '',
    };
    try {
      await dispatch(r, route);
    } finally {
      entry.action = r.action;
    }
  } catch (err) {
    let e: RegistryError;
    if (err instanceof RegistryError) e = err;
    else if (err instanceof AwsError) e = fromAwsError(err);
    else if (req.destroyed && !req.complete) {
      res.destroy();
      return;
    } else {
      const code = (err as NodeJS.ErrnoException | undefined)?.code;
      const disk = code === 'ENOSPC' || code === 'EDQUOT' || code === 'EROFS' || code === 'EACCES';
      core.log(
        `registry request ${requestId} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
      );
      e = new RegistryError(
        'UNKNOWN',
        disk
          ? `The sandbox could not save the upload in ${core.stateDir} (${code}); free space or fix the folder, then retry.`
          : 'The sandbox failed to process the request (an internal error; see its log).',
        500,
      );
    }
    entry.error = e.code;
    sendRegistryError(res, e, req.method, requestId);
  }
}
