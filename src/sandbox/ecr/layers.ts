/** The push path (layer availability, chunked layer upload) plus login and layer download URLs. */
import { authorize } from '../authorize.js';
import { persist, type RequestContext } from '../context.js';
import { registryAddress } from '../registry/address.js';
import { issueRegistryPassword, REGISTRY_TOKEN_HOURS } from '../registry/token.js';
import { newUploadId } from '../ids.js';
import { AwsError } from '../protocols/errors.js';
import { digestHex } from '../store/blobs.js';
import { downloadUrl } from './download.js';
import { Base64Slice } from '../protocols/json.js';
import { reqNumber, reqString, stringList, UPLOAD_ID } from './input.js';
import { authorizeRepo, target } from './repos.js';

/** AWS's part size quota: every part but the last must be at least this big. */
export const MIN_PART_SIZE = 5 * 1024 * 1024;
/** The part size InitiateLayerUpload recommends. */
export const RECOMMENDED_PART_SIZE = 10 * 1024 * 1024;
/** Largest part accepted (the API reference allows 20 MB layer part blobs). */
export const MAX_PART_SIZE = 20 * 1024 * 1024;

export async function getAuthorizationToken(
  ctx: RequestContext,
  input: Record<string, unknown>,
): Promise<unknown> {
  const registryIds = stringList(input, 'registryIds', false) ?? [ctx.caller.accountId];
  authorize(ctx, 'ecr:GetAuthorizationToken', '*', { protocol: 'json' });
  const expiresAt = Math.floor(Date.now() / 1000) + REGISTRY_TOKEN_HOURS * 3600;
  // One password per principal works on every registry it may use (as on ECR); each entry
  // names its registry's address on loopback.
  return {
    authorizationData: registryIds.map((id) => ({
      authorizationToken: Buffer.from(
        `AWS:${issueRegistryPassword(ctx.core, ctx.caller, expiresAt)}`,
      ).toString('base64'),
      expiresAt,
      proxyEndpoint: `http://${registryAddress(ctx.core, id)}`,
    })),
  };
}

export async function batchCheckLayerAvailability(
  ctx: RequestContext,
  input: Record<string, unknown>,
): Promise<unknown> {
  const t = target(ctx, input);
  const digests = stringList(input, 'layerDigests', true, 1, 100)!;
  const repo = authorizeRepo(ctx, t, 'BatchCheckLayerAvailability');
  const layers: unknown[] = [];
  const failures: unknown[] = [];
  for (const d of digests) {
    if (!digestHex(d)) {
      failures.push({
        layerDigest: d,
        failureCode: 'InvalidLayerDigest',
        failureReason: `Invalid layer digest: ${d}`,
      });
      continue;
    }
    const size = repo.layers[d];
    layers.push(
      size === undefined
        ? { layerDigest: d, layerAvailability: 'UNAVAILABLE' }
        : {
            layerDigest: d,
            layerAvailability: 'AVAILABLE',
            layerSize: size,
            mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
          },
    );
  }
  return { layers, failures };
}

export async function initiateLayerUpload(
  ctx: RequestContext,
  input: Record<string, unknown>,
): Promise<unknown> {
  const t = target(ctx, input);
  authorizeRepo(ctx, t, 'InitiateLayerUpload');
  const uploadId = newUploadId();
  await ctx.core.blobs.startUpload(uploadId, t.registryId, t.repositoryName);
  return { uploadId, partSize: RECOMMENDED_PART_SIZE };
}

function uploadNotFound(
  uploadId: string,
  t: { repositoryName: string; registryId: string },
): AwsError {
  return new AwsError(
    'UploadNotFoundException',
    `The upload with id '${uploadId}' does not exist in the repository with name '${t.repositoryName}' in the registry with id '${t.registryId}'`,
  );
}

export async function uploadLayerPart(
  ctx: RequestContext,
  input: Record<string, unknown>,
): Promise<unknown> {
  const t = target(ctx, input);
  const uploadId = reqString(input, 'uploadId');
  // a malformed id names no upload: the model's UploadNotFoundException (not ValidationException)
  if (!UPLOAD_ID.pattern!.test(uploadId)) throw uploadNotFound(uploadId, t);
  const first = reqNumber(input, 'partFirstByte');
  const last = reqNumber(input, 'partLastByte');
  const blob = input.layerPartBlob;
  if (blob === undefined || blob === null) {
    throw new AwsError(
      'ValidationException',
      "1 validation error detected: Value null at 'layerPartBlob' failed to satisfy constraint: Member must not be null",
    );
  }
  if (!(blob instanceof Base64Slice))
    throw new AwsError(
      'SerializationException',
      "Value for 'layerPartBlob' must be a base64 string.",
    );
  authorizeRepo(ctx, t, 'UploadLayerPart');
  const u = ctx.core.blobs.getUpload(uploadId);
  if (!u || u.accountId !== t.registryId || u.repositoryName !== t.repositoryName)
    throw uploadNotFound(uploadId, t);
  const size = blob.decodedLength();
  if (size === undefined)
    throw new AwsError('SerializationException', "Value for 'layerPartBlob' is not valid base64.");
  const invalidPart = (why: string): AwsError =>
    new AwsError('InvalidLayerPartException', why, 400, {
      registryId: t.registryId,
      repositoryName: t.repositoryName,
      uploadId,
      lastValidByteReceived: u.received - 1,
    });
  if (u.busy)
    throw invalidPart(
      'Another part of this upload is still being written; send parts one at a time, in order.',
    );
  if (size === 0) throw invalidPart('The layer part is empty.');
  if (size > MAX_PART_SIZE) {
    throw invalidPart(
      `The layer part is ${size} bytes; the largest part accepted is ${MAX_PART_SIZE} bytes.`,
    );
  }
  if (!Number.isInteger(first) || first !== u.received) {
    throw invalidPart(
      `The part must start at byte ${u.received} (the last valid byte received is ${u.received - 1}), not at ${first}.`,
    );
  }
  if (!Number.isInteger(last) || last - first + 1 !== size) {
    throw invalidPart(
      `partLastByte ${last} does not match the part's size: ${size} bytes from ${first} end at ${first + size - 1}.`,
    );
  }
  await ctx.core.blobs.appendPart(u, blob.chunks());
  return {
    registryId: t.registryId,
    repositoryName: t.repositoryName,
    uploadId,
    lastByteReceived: u.received - 1,
  };
}

export async function completeLayerUpload(
  ctx: RequestContext,
  input: Record<string, unknown>,
): Promise<unknown> {
  const t = target(ctx, input);
  const uploadId = reqString(input, 'uploadId');
  // a malformed id names no upload: the model's UploadNotFoundException (not ValidationException)
  if (!UPLOAD_ID.pattern!.test(uploadId)) throw uploadNotFound(uploadId, t);
  const digests = stringList(input, 'layerDigests', true, 1, 100)!;
  const repo = authorizeRepo(ctx, t, 'CompleteLayerUpload');
  const u = ctx.core.blobs.getUpload(uploadId);
  if (!u || u.accountId !== t.registryId || u.repositoryName !== t.repositoryName)
    throw uploadNotFound(uploadId, t);
  if (u.busy)
    throw new AwsError(
      'InvalidLayerPartException',
      'A part of this upload is still being written.',
      400,
    );
  if (digests.length !== 1 || !digestHex(digests[0]!)) {
    throw new AwsError(
      'InvalidLayerException',
      `The layer digest must be one sha256 digest (sha256:<64 hex digits>), got ${JSON.stringify(digests)}.`,
    );
  }
  const digest = digests[0]!;
  if (u.received === 0) {
    throw new AwsError(
      'EmptyUploadException',
      `The upload with id '${uploadId}' does not contain any layer parts.`,
    );
  }
  const sizes = u.parts;
  if (sizes.slice(0, -1).some((s) => s < MIN_PART_SIZE)) {
    await ctx.core.blobs.abortUpload(u);
    throw new AwsError('LayerPartTooSmallException', 'Layer parts must be at least 5 MiB in size.');
  }
  if (repo.layers[digest] !== undefined) {
    await ctx.core.blobs.abortUpload(u);
    throw new AwsError(
      'LayerAlreadyExistsException',
      `The layer with digest '${digest}' already exists in the repository with name '${t.repositoryName}' in the registry with id '${t.registryId}'`,
    );
  }
  const done = await ctx.core.blobs.completeUpload(u, digest);
  if (!done.ok) {
    throw new AwsError(
      'InvalidLayerException',
      `The layer digest '${digest}' does not match the digest of the uploaded content '${done.actual}'.`,
    );
  }
  repo.layers[digest] = done.size;
  await persist(ctx);
  return {
    registryId: t.registryId,
    repositoryName: t.repositoryName,
    uploadId,
    layerDigest: digest,
  };
}

export async function getDownloadUrlForLayer(
  ctx: RequestContext,
  input: Record<string, unknown>,
): Promise<unknown> {
  const t = target(ctx, input);
  const digest = reqString(input, 'layerDigest');
  const repo = authorizeRepo(ctx, t, 'GetDownloadUrlForLayer');
  if (!digestHex(digest)) {
    throw new AwsError(
      'InvalidParameterException',
      `Invalid parameter at 'layerDigest' failed to satisfy constraint: 'Invalid layer digest'`,
    );
  }
  const referenced = Object.values(repo.images).some((img) => img.blobDigests.includes(digest));
  if (!referenced || repo.layers[digest] === undefined) {
    throw new AwsError(
      'LayersNotFoundException',
      `The layer with digest '${digest}' does not exist in the repository with name '${t.repositoryName}' in the registry with id '${t.registryId}'`,
    );
  }
  return {
    downloadUrl: downloadUrl(ctx.core, t.registryId, t.repositoryName, digest),
    layerDigest: digest,
  };
}
