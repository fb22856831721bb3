/**
 * Images on disk for `ecr-tutor push` / `pull`: skopeo's `dir:` layout (manifest.json and blob
 * files named by their hex digest) and the OCI image layout (oci-layout, index.json,
 * blobs/sha256/<hex>). Pulls are written in the `dir:` layout, which skopeo reads back.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TutorError } from '../errors.js';
import { t } from '../i18n/index.js';
import type { LocalBlob, LocalImage, PulledImage } from './registry-client.js';

const DIGEST = /^sha256:([0-9a-f]{64})$/;

interface Descriptor {
  digest: string;
  mediaType?: string;
}

function descriptors(manifest: string, where: string): Descriptor[] {
  let m: { config?: Descriptor; layers?: Descriptor[]; manifests?: unknown };
  try {
    m = JSON.parse(manifest) as typeof m;
  } catch {
    throw new TutorError(t('image.notJson', { where }), t('image.notJsonTry'));
  }
  if (m.manifests) {
    throw new TutorError(
      t('image.index', { where }),
      t('image.indexTry', { command: 'skopeo copy --override-arch amd64 ...' }),
    );
  }
  if (!m.config || !Array.isArray(m.layers)) {
    throw new TutorError(t('image.notManifest', { where }));
  }
  const all = [m.config, ...m.layers];
  for (const d of all) {
    if (typeof d?.digest !== 'string' || !DIGEST.test(d.digest)) {
      throw new TutorError(t('image.badDigest', { where }));
    }
  }
  return all;
}

async function blobAt(file: string, digest: string): Promise<LocalBlob> {
  try {
    return { digest, size: (await stat(file)).size, file };
  } catch {
    throw new TutorError(t('image.missingBlob', { digest, file }));
  }
}

function mediaTypeOf(manifest: string, fallback: string): string {
  const type = (JSON.parse(manifest) as { mediaType?: unknown }).mediaType;
  return typeof type === 'string' ? type : fallback;
}

/** Reads an image folder (skopeo `dir:` or OCI layout). */
export async function readImageDir(dir: string): Promise<LocalImage> {
  if (existsSync(join(dir, 'index.json')) && existsSync(join(dir, 'oci-layout'))) {
    const index = JSON.parse(await readFile(join(dir, 'index.json'), 'utf8')) as {
      manifests?: Descriptor[];
    };
    const first = index.manifests?.[0];
    if (!first || !DIGEST.test(first.digest)) {
      throw new TutorError(t('image.noManifest', { file: `${dir}/index.json` }));
    }
    const path = (d: string): string => join(dir, 'blobs', 'sha256', d.slice(7));
    const manifest = await readFile(path(first.digest), 'utf8');
    const blobs = await Promise.all(
      descriptors(manifest, `${dir} (manifest ${first.digest})`).map((d) =>
        blobAt(path(d.digest), d.digest),
      ),
    );
    return {
      manifest,
      mediaType:
        first.mediaType ?? mediaTypeOf(manifest, 'application/vnd.oci.image.manifest.v1+json'),
      blobs,
    };
  }
  if (existsSync(join(dir, 'manifest.json'))) {
    const manifest = await readFile(join(dir, 'manifest.json'), 'utf8');
    const blobs = await Promise.all(
      descriptors(manifest, `${dir}/manifest.json`).map((d) =>
        blobAt(join(dir, d.digest.slice(7)), d.digest),
      ),
    );
    return {
      manifest,
      mediaType: mediaTypeOf(manifest, 'application/vnd.docker.distribution.manifest.v2+json'),
      blobs,
    };
  }
  throw new TutorError(t('image.notFolder', { dir }), t('image.notFolderTry'));
}

/** Writes a pulled image in skopeo's `dir:` layout (a new folder, filled then renamed into place). */
export async function writeImageDir(dir: string, image: PulledImage): Promise<void> {
  if (existsSync(dir)) {
    throw new TutorError(t('image.exists', { dir }), t('image.existsTry'));
  }
  const tmp = `${dir}.partial-${process.pid}`;
  await mkdir(tmp, { recursive: true });
  await writeFile(join(tmp, 'version'), 'Directory Transport Version: 1.1\n');
  await writeFile(join(tmp, 'manifest.json'), image.manifest);
  for (const b of image.blobs) await writeFile(join(tmp, b.digest.slice(7)), b.bytes);
  await rename(tmp, dir);
}
