/**
 * Manifests by tag or digest and the tag list, authorized as ECR's PutImage, BatchGetImage,
 * BatchDeleteImage and ListImages, stored through the same code as the ECR API's PutImage so
 * DescribeImages and BatchGetImage see exactly what docker or skopeo pushed.
 */
import { persist } from '../context.js';
import { findByTag, MAX_MANIFEST, storeImage } from '../ecr/images.js';
import { authorizeRepo } from '../ecr/repos.js';
import { AwsError } from '../protocols/errors.js';
import type { Repository, StoredImage } from '../store/model.js';
import { RegistryError } from './errors.js';
import { readSmallBody, reply, type RegistryRequest } from './request.js';
import { DIGEST_RE, TAG_RE } from './routes.js';

/** Media types a manifest PUT may declare (anything else: the manifest's own mediaType). */
const MANIFEST_TYPES = new Set([
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.oci.image.index.v1+json',
]);

function authorizeAs(r: RegistryRequest, action: string): Repository {
  r.action = action;
  return authorizeRepo(r.ctx, r.t, action);
}

function checkReference(reference: string): 'digest' | 'tag' {
  if (DIGEST_RE.test(reference)) return 'digest';
  if (TAG_RE.test(reference)) return 'tag';
  throw new RegistryError(
    reference.includes(':') ? 'DIGEST_INVALID' : 'TAG_INVALID',
    `${JSON.stringify(reference)} is neither a tag (letters, digits, _ . -, at most 128) nor a sha256 digest.`,
    400,
  );
}

function find(repo: Repository, reference: string): StoredImage | undefined {
  return checkReference(reference) === 'digest'
    ? repo.images[reference]
    : findByTag(repo, reference);
}

/** PUT /v2/NAME/manifests/REFERENCE */
export async function putManifest(r: RegistryRequest, reference: string): Promise<void> {
  const kind = checkReference(reference);
  const repo = authorizeAs(r, 'PutImage');
  const body = await readSmallBody(r.req, MAX_MANIFEST);
  if (!body) {
    throw new RegistryError(
      'SIZE_INVALID',
      `The manifest is larger than ${MAX_MANIFEST} bytes.`,
      400,
    );
  }
  const manifest = body.toString('utf8');
  if (!Buffer.from(manifest, 'utf8').equals(body)) {
    throw new RegistryError('MANIFEST_INVALID', 'The manifest is not valid UTF-8 JSON.', 400);
  }
  const declared = (r.req.headers['content-type'] ?? '').split(';')[0]!.trim();
  let digest: string;
  try {
    const stored = await storeImage(r.ctx, r.t, repo, {
      manifest,
      ...(MANIFEST_TYPES.has(declared) ? { mediaType: declared } : {}),
      ...(kind === 'tag' ? { tag: reference } : { digest: reference }),
    });
    digest = stored.image.imageDigest;
  } catch (err) {
    // Pushing the same image (and tag) again is a success for a registry client.
    if (!(err instanceof AwsError) || err.code !== 'ImageAlreadyExistsException') throw err;
    digest = kind === 'digest' ? reference : findByTag(repo, reference)!.imageDigest;
  }
  reply(r, 201, {
    location: `/v2/${r.t.repositoryName}/manifests/${digest}`,
    'docker-content-digest': digest,
  });
}

/** GET and HEAD /v2/NAME/manifests/REFERENCE */
export async function getManifest(r: RegistryRequest, reference: string): Promise<void> {
  const repo = authorizeAs(r, 'BatchGetImage');
  const img = find(repo, reference);
  if (!img) {
    throw new RegistryError(
      'MANIFEST_UNKNOWN',
      `Requested image not found: ${reference} in ${r.t.repositoryName}`,
      404,
    );
  }
  reply(
    r,
    200,
    { 'content-type': img.imageManifestMediaType, 'docker-content-digest': img.imageDigest },
    img.imageManifest,
  );
}

/** DELETE /v2/NAME/manifests/REFERENCE: the image by digest, or one tag of it. */
export async function deleteManifest(r: RegistryRequest, reference: string): Promise<void> {
  const repo = authorizeAs(r, 'BatchDeleteImage');
  const img = find(repo, reference);
  if (!img) throw new RegistryError('MANIFEST_UNKNOWN', 'manifest unknown', 404);
  if (checkReference(reference) === 'tag' && img.imageTags.length > 1) {
    img.imageTags = img.imageTags.filter((x) => x !== reference);
  } else {
    delete repo.images[img.imageDigest];
  }
  await persist(r.ctx);
  reply(r, 202, {});
}

/** GET /v2/NAME/tags/list (?n=&last= as the spec pages it) */
export async function listTags(r: RegistryRequest): Promise<void> {
  const repo = authorizeAs(r, 'ListImages');
  let tags = Object.values(repo.images)
    .flatMap((i) => i.imageTags)
    .sort();
  const last = r.url.searchParams.get('last');
  if (last !== null) tags = tags.filter((x) => x > last);
  const nText = r.url.searchParams.get('n');
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (nText !== null) {
    const n = Number(nText);
    if (!Number.isInteger(n) || n < 0 || n > 1000) {
      throw new RegistryError(
        'PAGINATION_NUMBER_INVALID',
        'n must be an integer from 0 to 1000.',
        400,
      );
    }
    if (tags.length > n) {
      tags = tags.slice(0, n);
      const next = tags[tags.length - 1];
      if (next !== undefined) {
        headers.link = `</v2/${r.t.repositoryName}/tags/list?n=${n}&last=${encodeURIComponent(next)}>; rel="next"`;
      }
    }
  }
  reply(r, 200, headers, JSON.stringify({ name: r.t.repositoryName, tags }));
}
