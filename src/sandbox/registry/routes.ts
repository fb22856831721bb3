/** The Registry HTTP API V2 paths (OCI distribution spec), matched from the end of the path. */
import { REPOSITORY_NAME } from '../ecr/input.js';

export type RegistryRoute =
  | { kind: 'ping' }
  | { kind: 'blob'; name: string; digest: string }
  | { kind: 'uploads'; name: string }
  | { kind: 'upload'; name: string; uploadId: string }
  | { kind: 'manifest'; name: string; reference: string }
  | { kind: 'tags'; name: string }
  | { kind: 'unknown' };

/** True for every path the registry answers (anything under /v2). */
export function isRegistryPath(pathname: string): boolean {
  return pathname === '/v2' || pathname.startsWith('/v2/');
}

export function parseRegistryPath(pathname: string): RegistryRoute {
  if (pathname === '/v2' || pathname === '/v2/') return { kind: 'ping' };
  let m = /^\/v2\/(.+)\/blobs\/uploads\/?$/.exec(pathname);
  if (m) return { kind: 'uploads', name: m[1]! };
  m = /^\/v2\/(.+)\/blobs\/uploads\/([^/]+)$/.exec(pathname);
  if (m) return { kind: 'upload', name: m[1]!, uploadId: m[2]! };
  m = /^\/v2\/(.+)\/blobs\/([^/]+)$/.exec(pathname);
  if (m) return { kind: 'blob', name: m[1]!, digest: decodeURIComponent(m[2]!) };
  m = /^\/v2\/(.+)\/manifests\/([^/]+)$/.exec(pathname);
  if (m) return { kind: 'manifest', name: m[1]!, reference: decodeURIComponent(m[2]!) };
  m = /^\/v2\/(.+)\/tags\/list$/.exec(pathname);
  if (m) return { kind: 'tags', name: m[1]! };
  return { kind: 'unknown' };
}

/** Whether a repository name is one ECR accepts. */
export function validRepositoryName(name: string): boolean {
  return name.length >= 2 && name.length <= 256 && REPOSITORY_NAME.pattern!.test(name);
}

/** A tag as the distribution spec allows it. */
export const TAG_RE = /^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$/;
export const DIGEST_RE = /^sha256:[0-9a-f]{64}$/;
