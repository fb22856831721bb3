/**
 * Blobs and blob uploads, each authorized as the ECR action it is: HEAD blob ->
 * BatchCheckLayerAvailability, GET blob -> GetDownloadUrlForLayer, POST uploads ->
 * InitiateLayerUpload, PATCH -> UploadLayerPart, PUT -> CompleteLayerUpload. Bodies stream to
 * the shared blob store (the ECR API's uploads use the same one), digests are verified there.
 */
import { pipeline } from 'node:stream/promises';
import { persist } from '../context.js';
import { authorizeRepo } from '../ecr/repos.js';
import { newUploadId } from '../ids.js';
import { AwsError } from '../protocols/errors.js';
import { UploadLengthMismatch, type Upload } from '../store/blobs.js';
import { RegistryError } from './errors.js';
import { hasBody, reply, type RegistryRequest } from './request.js';
import { DIGEST_RE } from './routes.js';

function authorizeAs(r: RegistryRequest, action: string): ReturnType<typeof authorizeRepo> {
  r.action = action;
  return authorizeRepo(r.ctx, r.t, action);
}

function uploadPath(r: RegistryRequest, uploadId: string): string {
  return `/v2/${r.t.repositoryName}/blobs/uploads/${uploadId}`;
}

function rangeOf(u: Upload): string {
  return `0-${Math.max(0, u.received - 1)}`;
}

function checkDigest(digest: string | null): string {
  if (!digest || !DIGEST_RE.test(digest)) {
    throw new RegistryError(
      'DIGEST_INVALID',
      `The digest ${JSON.stringify(digest ?? '')} is not one this registry accepts: sha256:<64 lowercase hex digits>.`,
      400,
    );
  }
  return digest;
}

/** HEAD /v2/NAME/blobs/DIGEST */
export async function headBlob(r: RegistryRequest, digest: string): Promise<void> {
  let repo;
  try {
    repo = authorizeAs(r, 'BatchCheckLayerAvailability');
  } catch (err) {
    // A HEAD answer has no body, so no client could show AWS's sentence: answer "not here",
    // which reveals nothing; docker and skopeo then start an upload and print the denial of
    // ecr:InitiateLayerUpload, as public reports of real ECR pushes show.
    if (err instanceof AwsError && err.code === 'AccessDeniedException') {
      throw new RegistryError('BLOB_UNKNOWN', 'blob unknown to registry', 404);
    }
    throw err;
  }
  const size =
    DIGEST_RE.test(digest) && repo.layers[digest] !== undefined
      ? await r.ctx.core.blobs.size(digest)
      : undefined;
  if (size === undefined) throw new RegistryError('BLOB_UNKNOWN', 'blob unknown to registry', 404);
  reply(r, 200, {
    'content-length': size,
    'content-type': 'application/octet-stream',
    'docker-content-digest': digest,
  });
}

/** GET /v2/NAME/blobs/DIGEST: streamed from the store. */
export async function getBlob(r: RegistryRequest, digest: string): Promise<void> {
  const repo = authorizeAs(r, 'GetDownloadUrlForLayer');
  const size =
    DIGEST_RE.test(digest) && repo.layers[digest] !== undefined
      ? await r.ctx.core.blobs.size(digest)
      : undefined;
  if (size === undefined) {
    throw new RegistryError(
      'BLOB_UNKNOWN',
      `The layer with digest '${digest}' does not exist in the repository with name '${r.t.repositoryName}' in the registry with id '${r.t.registryId}'`,
      404,
    );
  }
  r.res.writeHead(200, {
    'docker-distribution-api-version': 'registry/2.0',
    'x-amzn-requestid': r.ctx.requestId,
    'content-type': 'application/octet-stream',
    'content-length': size,
    'docker-content-digest': digest,
  });
  try {
    await pipeline(r.ctx.core.blobs.read(digest)!, r.res);
  } catch {
    r.res.destroy();
  }
}

async function finish(r: RegistryRequest, u: Upload, digest: string): Promise<void> {
  const repo = r.t.repo!;
  const blobs = r.ctx.core.blobs;
  if (repo.layers[digest] !== undefined && (await blobs.size(digest)) !== undefined) {
    // Already in the repository: the upload is not needed (ECR's LayerAlreadyExists, but
    // registry clients expect the blob's address).
    await blobs.abortUpload(u);
  } else {
    const done = await blobs.completeUpload(u, digest);
    if (!done.ok) {
      throw new RegistryError(
        'DIGEST_INVALID',
        `The layer digest '${digest}' does not match the digest of the uploaded content '${done.actual}'.`,
        400,
      );
    }
    repo.layers[digest] = done.size;
    await persist(r.ctx);
  }
  reply(r, 201, {
    location: `/v2/${r.t.repositoryName}/blobs/${digest}`,
    'docker-content-digest': digest,
  });
}

async function append(r: RegistryRequest, u: Upload, expected?: number): Promise<void> {
  if (u.busy) {
    throw new RegistryError(
      'BLOB_UPLOAD_INVALID',
      'Another part of this upload is still being written; send parts one at a time, in order.',
      416,
      { location: uploadPath(r, u.uploadId), range: rangeOf(u) },
    );
  }
  try {
    await r.ctx.core.blobs.appendStream(u, r.req as AsyncIterable<Buffer>, expected);
  } catch (err) {
    if (err instanceof UploadLengthMismatch) {
      throw new RegistryError(
        'BLOB_UPLOAD_INVALID',
        `The chunk's Content-Range announced ${err.expected} bytes but the body carried ${err.received}; nothing of it was kept.`,
        400,
        { location: uploadPath(r, u.uploadId), range: rangeOf(u) },
      );
    }
    throw err;
  }
}

/** POST /v2/NAME/blobs/uploads/ (optionally ?digest= for a monolithic upload, ?mount=&from=) */
export async function startUpload(r: RegistryRequest): Promise<void> {
  authorizeAs(r, 'InitiateLayerUpload');
  const digestParam = r.url.searchParams.get('digest');
  // A cross-repository mount (?mount=&from=) is not supported: the spec lets a registry answer
  // with an ordinary upload session instead, and clients then upload the blob.
  if (digestParam !== null) {
    const digest = checkDigest(digestParam);
    authorizeAs(r, 'UploadLayerPart');
    authorizeAs(r, 'CompleteLayerUpload');
    const u = await r.ctx.core.blobs.startUpload(newUploadId(), r.t.registryId, r.t.repositoryName);
    try {
      await append(r, u);
      await finish(r, u, digest);
    } finally {
      if (r.ctx.core.blobs.getUpload(u.uploadId)) await r.ctx.core.blobs.abortUpload(u);
    }
    return;
  }
  const u = await r.ctx.core.blobs.startUpload(newUploadId(), r.t.registryId, r.t.repositoryName);
  reply(r, 202, {
    location: uploadPath(r, u.uploadId),
    range: '0-0',
    'docker-upload-uuid': u.uploadId,
  });
}

function findUpload(r: RegistryRequest, uploadId: string): Upload {
  const u = r.ctx.core.blobs.getUpload(uploadId);
  if (!u || u.accountId !== r.t.registryId || u.repositoryName !== r.t.repositoryName) {
    throw new RegistryError(
      'BLOB_UPLOAD_UNKNOWN',
      `The upload with id '${uploadId}' does not exist in the repository with name '${r.t.repositoryName}' in the registry with id '${r.t.registryId}'`,
      404,
    );
  }
  return u;
}

/** PATCH /v2/NAME/blobs/uploads/ID: one chunk (Content-Range) or the whole stream. */
export async function patchUpload(r: RegistryRequest, uploadId: string): Promise<void> {
  authorizeAs(r, 'UploadLayerPart');
  const u = findUpload(r, uploadId);
  const range = r.req.headers['content-range'];
  let expected: number | undefined;
  if (range !== undefined) {
    const m = /^(?:bytes[ =])?(\d+)-(\d+)$/.exec(range.trim());
    const start = m ? Number(m[1]) : NaN;
    const end = m ? Number(m[2]) : NaN;
    if (!m || start !== u.received || end < start) {
      throw new RegistryError(
        'BLOB_UPLOAD_INVALID',
        `The chunk must start at byte ${u.received} (Content-Range: ${u.received}-<end>), not ${JSON.stringify(range)}.`,
        416,
        {
          location: uploadPath(r, u.uploadId),
          range: rangeOf(u),
          'docker-upload-uuid': u.uploadId,
        },
      );
    }
    expected = end - start + 1;
  }
  await append(r, u, expected);
  reply(r, 202, {
    location: uploadPath(r, u.uploadId),
    range: rangeOf(u),
    'docker-upload-uuid': u.uploadId,
  });
}

/** PUT /v2/NAME/blobs/uploads/ID?digest=D: the last chunk (if any) and the digest check. */
export async function putUpload(r: RegistryRequest, uploadId: string): Promise<void> {
  if (hasBody(r.req)) authorizeAs(r, 'UploadLayerPart');
  authorizeAs(r, 'CompleteLayerUpload');
  const u = findUpload(r, uploadId);
  const digest = checkDigest(r.url.searchParams.get('digest'));
  if (hasBody(r.req)) await append(r, u);
  await finish(r, u, digest);
}

/** GET /v2/NAME/blobs/uploads/ID: how much has arrived. */
export async function uploadStatus(r: RegistryRequest, uploadId: string): Promise<void> {
  authorizeAs(r, 'UploadLayerPart');
  const u = findUpload(r, uploadId);
  reply(r, 204, {
    location: uploadPath(r, u.uploadId),
    range: rangeOf(u),
    'docker-upload-uuid': u.uploadId,
  });
}

/** DELETE /v2/NAME/blobs/uploads/ID: abandons the upload. */
export async function cancelUpload(r: RegistryRequest, uploadId: string): Promise<void> {
  authorizeAs(r, 'UploadLayerPart');
  const u = findUpload(r, uploadId);
  await r.ctx.core.blobs.abortUpload(u);
  reply(r, 204, {});
}
