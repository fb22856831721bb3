/**
 * A small client of the Registry HTTP API V2 (what docker and skopeo speak), for
 * `ecr-tutor push` and `ecr-tutor pull` on machines with neither: ECR login through
 * GetAuthorizationToken, blob uploads streamed (POST, PATCH, PUT ?digest=), manifests by tag,
 * and pulls that verify every digest. Plain HTTP only for loopback registries (the sandbox).
 */
import { GetAuthorizationTokenCommand, type ECRClient } from '@aws-sdk/client-ecr';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { TutorError } from '../errors.js';
import { sanitizeLine } from '../text/sanitize.js';
import { t } from '../i18n/index.js';

export interface RegistryLogin {
  /** HOST[:PORT] */
  registry: string;
  /** https://HOST or http://HOST for loopback */
  base: string;
  authorization: string;
}

export interface LocalBlob {
  digest: string;
  size: number;
  /** a file to stream, or bytes in memory */
  file?: string;
  bytes?: Buffer;
}

export interface LocalImage {
  manifest: string;
  mediaType: string;
  blobs: LocalBlob[];
}

function isLoopbackHost(host: string): boolean {
  const name = host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  return name === 'localhost' || name === '::1' || /^127\.\d+\.\d+\.\d+$/.test(name);
}

/** Logs in as ECR does: the GetAuthorizationToken password, sent as Basic AWS:<password>. */
export async function registryLogin(
  ecr: ECRClient,
  registryId?: string,
  registryHost?: string,
): Promise<RegistryLogin> {
  const out = await ecr.send(
    new GetAuthorizationTokenCommand(registryId ? { registryIds: [registryId] } : {}),
  );
  const data = out.authorizationData?.[0];
  if (!data?.authorizationToken || !data.proxyEndpoint) {
    throw new TutorError(t('push.noToken'), t('push.noTokenTry'));
  }
  const registry = registryHost ?? new URL(data.proxyEndpoint).host;
  const scheme = isLoopbackHost(registry) ? 'http' : 'https';
  return {
    registry,
    base: `${scheme}://${registry}`,
    authorization: `Basic ${data.authorizationToken}`,
  };
}

/** A registry's refusal, with its own words (`denied: User: … is not authorized …`). */
export class RegistryRefusal extends TutorError {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    what: string,
  ) {
    // the registry's code and message are its own words, shown as it sent them
    super(
      `${what}: ${code.toLowerCase().replace(/_/g, ' ')}: ${sanitizeLine(message)}`,
      code === 'DENIED'
        ? t('push.deniedTry')
        : status === 401
          ? t('push.unauthorizedTry')
          : undefined,
    );
  }
}

async function refusal(res: Response, what: string): Promise<RegistryRefusal> {
  let code = `HTTP_${res.status}`;
  let message = res.statusText;
  try {
    const body = (await res.json()) as { errors?: Array<{ code?: string; message?: string }> };
    const e = body.errors?.[0];
    if (e?.code) code = e.code;
    if (e?.message) message = e.message;
  } catch {
    // not a registry error body: the status says enough
  }
  return new RegistryRefusal(res.status, code, message, what);
}

async function call(
  login: RegistryLogin,
  method: string,
  path: string,
  init: {
    body?: NonNullable<RequestInit['body']>;
    headers?: Record<string, string>;
    what: string;
    ok?: number[];
  },
): Promise<Response> {
  const url = path.startsWith('http') ? path : `${login.base}${path}`;
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: { authorization: login.authorization, ...init.headers },
      ...(init.body !== undefined ? { body: init.body, duplex: 'half' } : {}),
      redirect: 'follow',
    } as RequestInit);
  } catch (err) {
    throw new TutorError(
      t('push.unreachable', {
        what: init.what,
        registry: login.registry,
        why: (err as Error).message,
      }),
      t('push.unreachableTry'),
    );
  }
  if (init.ok ? !init.ok.includes(res.status) : !res.ok) throw await refusal(res, init.what);
  return res;
}

function bodyOf(blob: LocalBlob): NonNullable<RequestInit['body']> {
  if (blob.bytes) return blob.bytes;
  return Readable.toWeb(createReadStream(blob.file!)) as unknown as NonNullable<
    RequestInit['body']
  >;
}

/** Pushes blobs the registry lacks, then the manifest under `tag`; returns the manifest digest. */
export async function pushToRegistry(
  login: RegistryLogin,
  repository: string,
  tag: string,
  image: LocalImage,
  progress: (line: string) => void = () => undefined,
): Promise<string> {
  for (const blob of image.blobs) {
    const head = await call(login, 'HEAD', `/v2/${repository}/blobs/${blob.digest}`, {
      what: t('push.what.checking', { digest: blob.digest.slice(0, 19) }),
      ok: [200, 404],
    });
    if (head.status === 200) {
      progress(t('push.alreadyIn', { digest: blob.digest.slice(0, 19), repository }));
      continue;
    }
    const start = await call(login, 'POST', `/v2/${repository}/blobs/uploads/`, {
      what: t('push.what.starting', { digest: blob.digest.slice(0, 19) }),
      ok: [202],
    });
    const location = start.headers.get('location');
    if (!location) throw new TutorError(t('push.noLocation'), undefined);
    const target = new URL(location, login.base);
    await call(login, 'PATCH', target.toString(), {
      body: bodyOf(blob),
      headers: { 'content-type': 'application/octet-stream', 'content-length': String(blob.size) },
      what: t('push.what.uploading', { digest: blob.digest.slice(0, 19) }),
      ok: [202],
    });
    const done = new URL(location, login.base);
    done.searchParams.set('digest', blob.digest);
    await call(login, 'PUT', done.toString(), {
      what: t('push.what.completing', { digest: blob.digest.slice(0, 19) }),
      ok: [201],
    });
    progress(t('push.uploaded', { digest: blob.digest.slice(0, 19), bytes: String(blob.size) }));
  }
  const put = await call(login, 'PUT', `/v2/${repository}/manifests/${tag}`, {
    body: image.manifest,
    headers: { 'content-type': image.mediaType },
    what: t('push.what.manifest', { image: `${repository}:${tag}` }),
    ok: [201],
  });
  return (
    put.headers.get('docker-content-digest') ??
    'sha256:' + createHash('sha256').update(image.manifest).digest('hex')
  );
}

const ACCEPT = [
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.index.v1+json',
].join(', ');

export interface PulledImage {
  digest: string;
  mediaType: string;
  manifest: string;
  blobs: Array<{ digest: string; bytes: Buffer }>;
}

/** Pulls a manifest and its blobs, verifying every digest. */
export async function pullFromRegistry(
  login: RegistryLogin,
  repository: string,
  reference: string,
): Promise<PulledImage> {
  const res = await call(login, 'GET', `/v2/${repository}/manifests/${reference}`, {
    headers: { accept: ACCEPT },
    what: t('pull.what.manifest', { image: `${repository}:${reference}` }),
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  const digest = 'sha256:' + createHash('sha256').update(bytes).digest('hex');
  if (reference.startsWith('sha256:') && reference !== digest) {
    throw new TutorError(t('pull.wrongDigest', { digest, expected: reference }));
  }
  const manifest = bytes.toString('utf8');
  const parsed = JSON.parse(manifest) as {
    config?: { digest: string };
    layers?: Array<{ digest: string }>;
    manifests?: Array<{ digest: string }>;
  };
  if (parsed.manifests) {
    throw new TutorError(
      t('pull.index', { image: `${repository}:${reference}` }),
      t('pull.indexTry', { digests: parsed.manifests.map((m) => m.digest).join(', ') }),
    );
  }
  const blobs: PulledImage['blobs'] = [];
  for (const d of [parsed.config?.digest, ...(parsed.layers ?? []).map((l) => l.digest)]) {
    if (!d) continue;
    const r = await call(login, 'GET', `/v2/${repository}/blobs/${d}`, {
      what: t('pull.what.downloading', { digest: d.slice(0, 19) }),
    });
    const b = Buffer.from(await r.arrayBuffer());
    const got = 'sha256:' + createHash('sha256').update(b).digest('hex');
    if (got !== d) throw new TutorError(t('pull.blobDigest', { digest: d, got }));
    blobs.push({ digest: d, bytes: b });
  }
  return {
    digest,
    mediaType: res.headers.get('content-type') ?? '',
    manifest,
    blobs,
  };
}
