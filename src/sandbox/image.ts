/**
 * The seed's small but real container image, built deterministically in code: a gzip tar layer
 * holding one text file, an OCI-compatible config, and a Docker v2 schema 2 manifest.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';

export const DOCKER_MANIFEST_V2 = 'application/vnd.docker.distribution.manifest.v2+json';
export const DOCKER_CONFIG = 'application/vnd.docker.container.image.v1+json';
export const DOCKER_LAYER = 'application/vnd.docker.image.rootfs.diff.tar.gzip';

export interface BuiltImage {
  manifest: string;
  manifestDigest: string;
  mediaType: string;
  /** digest -> bytes, config first */
  blobs: Array<{ digest: string; bytes: Buffer; mediaType: string }>;
}

export function sha256Digest(bytes: Buffer | string): string {
  return 'sha256:' + createHash('sha256').update(bytes).digest('hex');
}

function octal(n: number, width: number): string {
  return n.toString(8).padStart(width - 1, '0') + '\0';
}

/** A ustar archive of regular files (mtime 0, root-owned) so the bytes never change. */
export function tarFiles(files: Array<{ name: string; content: Buffer }>): Buffer {
  const parts: Buffer[] = [];
  for (const f of files) {
    const h = Buffer.alloc(512, 0);
    h.write(f.name, 0, 100, 'utf8');
    h.write(octal(0o644, 8), 100, 'ascii');
    h.write(octal(0, 8), 108, 'ascii');
    h.write(octal(0, 8), 116, 'ascii');
    h.write(octal(f.content.length, 12), 124, 'ascii');
    h.write(octal(0, 12), 136, 'ascii');
    h.write('        ', 148, 'ascii'); // checksum is computed with this field as spaces
    h.write('0', 156, 'ascii');
    h.write('ustar\0', 257, 'ascii');
    h.write('00', 263, 'ascii');
    let sum = 0;
    for (const b of h) sum += b;
    h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'ascii');
    parts.push(h, f.content);
    const pad = (512 - (f.content.length % 512)) % 512;
    if (pad) parts.push(Buffer.alloc(pad, 0));
  }
  parts.push(Buffer.alloc(1024, 0));
  return Buffer.concat(parts);
}

/** Builds an image whose only layer holds `files`. */
export function buildImage(files: Array<{ name: string; content: Buffer }>): BuiltImage {
  const tar = tarFiles(files);
  // gzip with level 9 and Node's fixed header (mtime 0): same input, same bytes.
  const layer = gzipSync(tar, { level: 9 });
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      config: {
        Cmd: ['cat', '/' + (files[0]?.name ?? '')],
        Env: ['PATH=/usr/local/bin:/usr/bin:/bin'],
      },
      rootfs: { type: 'layers', diff_ids: [sha256Digest(tar)] },
      history: [{ created_by: 'ecr-tutor sandbox seed' }],
    }),
  );
  const configDigest = sha256Digest(config);
  const layerDigest = sha256Digest(layer);
  const manifest = JSON.stringify(
    {
      schemaVersion: 2,
      mediaType: DOCKER_MANIFEST_V2,
      config: { mediaType: DOCKER_CONFIG, size: config.length, digest: configDigest },
      layers: [{ mediaType: DOCKER_LAYER, size: layer.length, digest: layerDigest }],
    },
    null,
    3,
  );
  return {
    manifest,
    manifestDigest: sha256Digest(manifest),
    mediaType: DOCKER_MANIFEST_V2,
    blobs: [
      { digest: configDigest, bytes: config, mediaType: DOCKER_CONFIG },
      { digest: layerDigest, bytes: layer, mediaType: DOCKER_LAYER },
    ],
  };
}

/** The workshop's sample application image. */
export function workshopImage(): BuiltImage {
  return buildImage([
    {
      name: 'hello.txt',
      content: Buffer.from('Hello from the FCJ ECR workshop sample application.\n'),
    },
  ]);
}

export interface ManifestRefs {
  mediaType?: string;
  /** config + layers (+ nested manifests of an index) */
  digests: string[];
  /** layer sizes summed */
  size: number;
  /** an image index's manifests (they must already be in the repository) */
  manifests: string[];
  /** the config descriptor's media type (what DescribeImages calls artifactMediaType) */
  configMediaType?: string;
}

/** Reads the blob digests a manifest references; undefined when it is not a manifest. */
export function manifestRefs(text: string): ManifestRefs | undefined {
  let m: unknown;
  try {
    m = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!m || typeof m !== 'object' || Array.isArray(m)) return undefined;
  const o = m as Record<string, unknown>;
  if (o.schemaVersion !== 2 && o.schemaVersion !== 1) return undefined;
  const digests: string[] = [];
  let size = 0;
  const take = (d: unknown, count: boolean): boolean => {
    if (!d || typeof d !== 'object') return false;
    const { digest, size: s } = d as { digest?: unknown; size?: unknown };
    if (typeof digest !== 'string' || !/^sha256:[0-9a-f]{64}$/.test(digest)) return false;
    digests.push(digest);
    if (count && typeof s === 'number') size += s;
    return true;
  };
  if (Array.isArray(o.manifests)) {
    // an image index references manifests, not blobs: those must be in the repository
    const manifests: string[] = [];
    for (const d of o.manifests as unknown[]) {
      const digest = (d as { digest?: unknown } | null)?.digest;
      if (typeof digest !== 'string' || !/^sha256:[0-9a-f]{64}$/.test(digest)) return undefined;
      manifests.push(digest);
    }
    return {
      mediaType: typeof o.mediaType === 'string' ? o.mediaType : undefined,
      digests: [],
      size: 0,
      manifests,
    };
  }
  if (o.schemaVersion === 1) {
    // legacy schema 1: blobs are listed as fsLayers[].blobSum
    if (!Array.isArray(o.fsLayers)) return undefined;
    for (const l of o.fsLayers as Array<{ blobSum?: unknown }>) {
      if (typeof l?.blobSum !== 'string' || !/^sha256:[0-9a-f]{64}$/.test(l.blobSum))
        return undefined;
      if (!digests.includes(l.blobSum)) digests.push(l.blobSum);
    }
    return {
      mediaType: 'application/vnd.docker.distribution.manifest.v1+json',
      digests,
      size,
      manifests: [],
    };
  }
  // schema 2 image manifest (Docker or OCI): a config and a list of layers, each a descriptor
  if (!take(o.config, false) || !Array.isArray(o.layers)) return undefined;
  for (const l of o.layers) if (!take(l, true)) return undefined;
  const configType = (o.config as { mediaType?: unknown }).mediaType;
  return {
    mediaType: typeof o.mediaType === 'string' ? o.mediaType : undefined,
    digests,
    size,
    manifests: [],
    ...(typeof configType === 'string' ? { configMediaType: configType } : {}),
  };
}
