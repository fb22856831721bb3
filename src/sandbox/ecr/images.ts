/** Images: PutImage, BatchGetImage, DescribeImages, ListImages, BatchDeleteImage. */
import { ecrPage } from '../pagination.js';
import { persist, type RequestContext } from '../context.js';
import { manifestRefs, sha256Digest } from '../image.js';
import { AwsError } from '../protocols/errors.js';
import type { Repository, StoredImage } from '../store/model.js';
import { IMAGE_TAG, objectList, optObject, optString, reqString, stringList } from './input.js';
import { authorizeRepo, target } from './repos.js';

export const MAX_MANIFEST = 4 * 1024 * 1024;

interface ImageId {
  imageDigest?: string;
  imageTag?: string;
}

function readImageIds(
  input: Record<string, unknown>,
  name: string,
  required: boolean,
): ImageId[] | undefined {
  const list = objectList(input, name, required, 1, 100);
  return list?.map((o) => ({
    imageDigest: optString(o, 'imageDigest'),
    imageTag: optString(o, 'imageTag'),
  }));
}

export function findByTag(repo: Repository, tag: string): StoredImage | undefined {
  return Object.values(repo.images).find((i) => i.imageTags.includes(tag));
}

/** Resolves an image id; failure code + reason when it does not name one image. */
function resolve(
  repo: Repository,
  id: ImageId,
): StoredImage | { failureCode: string; failureReason: string } {
  if (!id.imageDigest && !id.imageTag)
    return {
      failureCode: 'MissingDigestAndTag',
      failureReason: 'Missing image digest and image tag',
    };
  if (id.imageDigest && !/^sha256:[0-9a-f]{64}$/.test(id.imageDigest)) {
    return {
      failureCode: 'InvalidImageDigest',
      failureReason:
        "Invalid request parameters: image digest should satisfy the regex '[a-zA-Z0-9-_+.]+:[a-fA-F0-9]+'",
    };
  }
  const img = id.imageDigest ? repo.images[id.imageDigest] : findByTag(repo, id.imageTag!);
  if (!img) return { failureCode: 'ImageNotFound', failureReason: 'Requested image not found' };
  if (id.imageTag && !img.imageTags.includes(id.imageTag)) {
    return {
      failureCode: 'ImageTagDoesNotMatchDigest',
      failureReason: 'Invalid request parameters: given tag does not map to the given digest',
    };
  }
  return img;
}

/** Whether a tag may not be moved: the repository's setting, flipped for tags its exclusion filters match. */
export function tagIsImmutable(repo: Repository, tag: string): boolean {
  const base = repo.imageTagMutability.startsWith('IMMUTABLE');
  if (!repo.imageTagMutability.endsWith('_WITH_EXCLUSION')) return base;
  const excluded = (repo.imageTagMutabilityExclusionFilters ?? []).some((f) =>
    new RegExp(
      '^' + f.filter.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*') + '$',
    ).test(tag),
  );
  return excluded ? !base : base;
}

/** What a push hands over: the manifest text and, optionally, its media type, tag and digest. */
export interface ImagePush {
  manifest: string;
  mediaType?: string;
  tag?: string;
  digest?: string;
}

/**
 * Stores a pushed manifest after ECR's checks (valid manifest, digest, every blob present,
 * tag mutability). The ECR API's PutImage and the registry's manifest PUT both come here, so an
 * image pushed either way is the same image. The caller has authorized ecr:PutImage.
 */
export async function storeImage(
  ctx: RequestContext,
  t: { registryId: string; repositoryName: string },
  repo: Repository,
  push: ImagePush,
): Promise<{ image: StoredImage; mediaType: string }> {
  const { manifest, tag, digest: digestIn } = push;
  const refs = manifestRefs(manifest);
  if (!refs) {
    throw new AwsError(
      'InvalidParameterException',
      "Invalid parameter at 'ImageManifest' failed to satisfy constraint: 'Invalid JSON syntax'",
    );
  }
  const digest = sha256Digest(manifest);
  if (digestIn !== undefined && digestIn !== digest) {
    throw new AwsError(
      'ImageDigestDoesNotMatchException',
      `Provided digest ${digestIn} does not match the calculated digest ${digest} of the image manifest.`,
    );
  }
  const missing: string[] = [];
  for (const d of refs.digests) {
    if (repo.layers[d] === undefined || (await ctx.core.blobs.size(d)) === undefined)
      missing.push(d);
  }
  for (const d of refs.manifests) if (!repo.images[d]) missing.push(d);
  if (missing.length) {
    throw new AwsError(
      'LayersNotFoundException',
      `Layers with digests '[${missing.join(', ')}]' required for pushing image into repository with name '${t.repositoryName}' in the registry with id '${t.registryId}' do not exist`,
    );
  }
  const existing = repo.images[digest];
  if (existing && (tag === undefined || existing.imageTags.includes(tag))) {
    throw new AwsError(
      'ImageAlreadyExistsException',
      `Image with digest '${digest}'${tag ? ` and tag '${tag}'` : ''} already exists in the repository with name '${t.repositoryName}' in the registry with id '${t.registryId}'`,
    );
  }
  if (tag) {
    const holder = findByTag(repo, tag);
    if (holder && holder.imageDigest !== digest) {
      if (tagIsImmutable(repo, tag)) {
        throw new AwsError(
          'ImageTagAlreadyExistsException',
          `The image tag '${tag}' already exists in the '${t.repositoryName}' repository and cannot be overwritten because the repository is immutable.`,
        );
      }
      holder.imageTags = holder.imageTags.filter((x) => x !== tag);
    }
  }
  const mediaType =
    push.mediaType ?? refs.mediaType ?? 'application/vnd.docker.distribution.manifest.v2+json';
  const img: StoredImage = existing ?? {
    imageDigest: digest,
    imageManifest: manifest,
    imageManifestMediaType: mediaType,
    imageTags: [],
    imagePushedAt: Math.floor(Date.now() / 1000),
    imageSizeInBytes: refs.size,
    blobDigests: refs.digests,
  };
  if (tag && !img.imageTags.includes(tag)) img.imageTags.push(tag);
  repo.images[digest] = img;
  await persist(ctx);
  return { image: img, mediaType: img.imageManifestMediaType };
}

export async function putImage(
  ctx: RequestContext,
  input: Record<string, unknown>,
): Promise<unknown> {
  const t = target(ctx, input);
  const manifest = reqString(input, 'imageManifest', { min: 1, max: MAX_MANIFEST });
  const mediaType = optString(input, 'imageManifestMediaType');
  const tag = optString(input, 'imageTag', IMAGE_TAG);
  const digest = optString(input, 'imageDigest');
  const repo = authorizeRepo(ctx, t, 'PutImage');
  const stored = await storeImage(ctx, t, repo, {
    manifest,
    ...(mediaType !== undefined ? { mediaType } : {}),
    ...(tag !== undefined ? { tag } : {}),
    ...(digest !== undefined ? { digest } : {}),
  });
  return {
    image: {
      registryId: t.registryId,
      repositoryName: t.repositoryName,
      imageId: { imageDigest: stored.image.imageDigest, ...(tag ? { imageTag: tag } : {}) },
      imageManifest: manifest,
      imageManifestMediaType: stored.mediaType,
    },
  };
}

export async function batchGetImage(
  ctx: RequestContext,
  input: Record<string, unknown>,
): Promise<unknown> {
  const t = target(ctx, input);
  const ids = readImageIds(input, 'imageIds', true)!;
  const accepted = stringList(input, 'acceptedMediaTypes', false);
  const repo = authorizeRepo(ctx, t, 'BatchGetImage');
  const images: unknown[] = [];
  const failures: unknown[] = [];
  for (const id of ids) {
    const r = resolve(repo, id);
    if ('failureCode' in r) {
      failures.push({ imageId: id, ...r });
      continue;
    }
    if (accepted && !accepted.includes(r.imageManifestMediaType)) {
      // A code the model lists (ImageFailureCode): the image is not there in an accepted form.
      failures.push({
        imageId: id,
        failureCode: 'ImageNotFound',
        failureReason: `Requested image not found: its manifest media type ${r.imageManifestMediaType} is not one of the acceptedMediaTypes`,
      });
      continue;
    }
    images.push({
      registryId: t.registryId,
      repositoryName: t.repositoryName,
      imageId: {
        imageDigest: r.imageDigest,
        ...(id.imageTag
          ? { imageTag: id.imageTag }
          : r.imageTags[0]
            ? { imageTag: r.imageTags[0] }
            : {}),
      },
      imageManifest: r.imageManifest,
      imageManifestMediaType: r.imageManifestMediaType,
    });
  }
  return { images, failures };
}

function tagFilter(input: Record<string, unknown>): (img: StoredImage) => boolean {
  const filter = optObject(input, 'filter');
  const status = filter ? optString(filter, 'tagStatus') : undefined;
  if (status !== undefined && !['TAGGED', 'UNTAGGED', 'ANY'].includes(status)) {
    throw new AwsError(
      'InvalidParameterException',
      `Invalid parameter at 'filter.tagStatus' failed to satisfy constraint: 'Member must satisfy enum value set: [TAGGED, UNTAGGED, ANY]'`,
    );
  }
  return (img) =>
    status === 'TAGGED'
      ? img.imageTags.length > 0
      : status === 'UNTAGGED'
        ? img.imageTags.length === 0
        : true;
}

/** DescribeImages' artifactMediaType: the config descriptor's media type (none for an index). */
function artifactOf(img: StoredImage): { artifactMediaType?: string } {
  const t = manifestRefs(img.imageManifest)?.configMediaType;
  return t ? { artifactMediaType: t } : {};
}

export async function describeImages(
  ctx: RequestContext,
  input: Record<string, unknown>,
): Promise<unknown> {
  const t = target(ctx, input);
  const ids = readImageIds(input, 'imageIds', false);
  const keep = tagFilter(input);
  if (ids && input.maxResults !== undefined) {
    throw new AwsError(
      'InvalidParameterException',
      "Invalid parameter at 'maxResults' failed to satisfy constraint: 'maxResults can not be used together with imageIds'",
    );
  }
  const repo = authorizeRepo(ctx, t, 'DescribeImages');
  let list: StoredImage[] = [];
  if (ids) {
    list = [];
    for (const id of ids) {
      const r = resolve(repo, id);
      if ('failureCode' in r) {
        throw new AwsError(
          'ImageNotFoundException',
          `The image with imageId {imageDigest:'${id.imageDigest ?? 'null'}', imageTag:'${id.imageTag ?? 'null'}'} does not exist within the repository with name '${t.repositoryName}' in the registry with id '${t.registryId}'`,
        );
      }
      list.push(r);
    }
  }
  let nextToken: string | undefined;
  if (!ids) {
    const p = ecrPage(
      ctx,
      input,
      Object.values(repo.images).filter(keep),
      (img) => img.imageDigest,
      `DescribeImages:${t.registryId}/${t.repositoryName}`,
    );
    list = p.items;
    nextToken = p.nextToken;
  }
  return {
    ...(nextToken ? { nextToken } : {}),
    imageDetails: list.map((img) => ({
      registryId: t.registryId,
      repositoryName: t.repositoryName,
      imageDigest: img.imageDigest,
      ...(img.imageTags.length ? { imageTags: img.imageTags } : {}),
      imageSizeInBytes: img.imageSizeInBytes,
      imagePushedAt: img.imagePushedAt,
      imageManifestMediaType: img.imageManifestMediaType,
      ...artifactOf(img),
    })),
  };
}

export async function listImages(
  ctx: RequestContext,
  input: Record<string, unknown>,
): Promise<unknown> {
  const t = target(ctx, input);
  const keep = tagFilter(input);
  const repo = authorizeRepo(ctx, t, 'ListImages');
  const ids: Array<{ imageDigest: string; imageTag?: string }> = [];
  for (const img of Object.values(repo.images).filter(keep)) {
    if (img.imageTags.length === 0) ids.push({ imageDigest: img.imageDigest });
    for (const tag of img.imageTags) ids.push({ imageDigest: img.imageDigest, imageTag: tag });
  }
  const p = ecrPage(
    ctx,
    input,
    ids,
    (i) => `${i.imageDigest}:${i.imageTag ?? ''}`,
    `ListImages:${t.registryId}/${t.repositoryName}`,
  );
  return { imageIds: p.items, ...(p.nextToken ? { nextToken: p.nextToken } : {}) };
}

export async function batchDeleteImage(
  ctx: RequestContext,
  input: Record<string, unknown>,
): Promise<unknown> {
  const t = target(ctx, input);
  const ids = readImageIds(input, 'imageIds', true)!;
  const repo = authorizeRepo(ctx, t, 'BatchDeleteImage');
  const deleted: unknown[] = [];
  const failures: unknown[] = [];
  for (const id of ids) {
    const r = resolve(repo, id);
    if ('failureCode' in r) {
      failures.push({ imageId: id, ...r });
      continue;
    }
    if (id.imageTag && !id.imageDigest && r.imageTags.length > 1) {
      // Deleting by tag removes the tag; the image goes with its last tag.
      r.imageTags = r.imageTags.filter((x) => x !== id.imageTag);
      deleted.push({ imageDigest: r.imageDigest, imageTag: id.imageTag });
      continue;
    }
    delete repo.images[r.imageDigest];
    if (r.imageTags.length === 0) deleted.push({ imageDigest: r.imageDigest });
    for (const tag of r.imageTags) deleted.push({ imageDigest: r.imageDigest, imageTag: tag });
  }
  if (deleted.length) await persist(ctx);
  return { imageIds: deleted, failures };
}
