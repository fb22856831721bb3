/**
 * The registry API at the HTTP level (what docker, skopeo and crane send), for the cases a
 * client cannot be made to produce: chunked uploads out of order or with a wrong digest,
 * monolithic uploads, mounts, image indexes, tag paging, and bad names.
 */
import {
  BatchCheckLayerAvailabilityCommand,
  BatchGetImageCommand,
  SetRepositoryPolicyCommand,
} from '@aws-sdk/client-ecr';
import { createHash, randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { SANDBOX_CI_USER, SANDBOX_REPOSITORY } from '../../src/sandbox/index.js';
import { basic, loginPassword } from '../helpers/registry.js';
import { sampleImage, workshopRepositoryPolicy, type TestSandbox } from '../helpers/sandbox.js';
import { sandboxForEachTest } from '../helpers/sandbox-hooks.js';

let sb: TestSandbox;
sandboxForEachTest((s) => (sb = s));
let auth: string;
let base: string;
beforeEach(async () => {
  await sb.ecr().send(
    new SetRepositoryPolicyCommand({
      repositoryName: SANDBOX_REPOSITORY,
      policyText: workshopRepositoryPolicy(sb.sandbox.accountId),
    }),
  );
  const login = await loginPassword(sb.ecr(SANDBOX_CI_USER));
  auth = basic(login.password);
  base = `http://${login.registry}/v2/${SANDBOX_REPOSITORY}`;
});

const sha = (b: Buffer): string => 'sha256:' + createHash('sha256').update(b).digest('hex');

function call(
  method: string,
  url: string,
  init: { body?: Buffer | string; headers?: Record<string, string> } = {},
): Promise<Response> {
  const target = url.startsWith('http') ? url : `http://127.0.0.1:${sb.sandbox.port}${url}`;
  return fetch(target, {
    method,
    headers: { authorization: auth, ...init.headers },
    ...(init.body !== undefined ? { body: init.body } : {}),
  });
}

async function errorsOf(res: Response): Promise<Array<{ code: string; message: string }>> {
  return ((await res.json()) as { errors: Array<{ code: string; message: string }> }).errors;
}

describe('chunked blob uploads', () => {
  it('takes chunks in order, refuses one out of order (416) and a wrong digest (DIGEST_INVALID)', async () => {
    const blob = randomBytes(300_000);
    const start = await call('POST', `${base}/blobs/uploads/`);
    expect(start.status).toBe(202);
    expect(start.headers.get('range')).toBe('0-0');
    const location = start.headers.get('location')!;
    expect(location).toMatch(new RegExp(`^/v2/${SANDBOX_REPOSITORY}/blobs/uploads/[0-9a-f-]{36}$`));

    const first = await call('PATCH', location, {
      body: blob.subarray(0, 100_000),
      headers: { 'content-range': '0-99999', 'content-type': 'application/octet-stream' },
    });
    expect(first.status).toBe(202);
    expect(first.headers.get('range')).toBe('0-99999');

    const gap = await call('PATCH', location, {
      body: blob.subarray(150_000),
      headers: { 'content-range': `150000-${blob.length - 1}` },
    });
    expect(gap.status).toBe(416);
    expect(gap.headers.get('range')).toBe('0-99999');
    expect((await errorsOf(gap))[0]!.code).toBe('BLOB_UPLOAD_INVALID');

    const second = await call('PATCH', first.headers.get('location')!, {
      body: blob.subarray(100_000),
      headers: { 'content-range': `100000-${blob.length - 1}` },
    });
    expect(second.status).toBe(202);
    const status = await call('GET', location);
    expect(status.status).toBe(204);
    expect(status.headers.get('range')).toBe(`0-${blob.length - 1}`);

    const wrong = sha(Buffer.from('something else'));
    const put = await call('PUT', `${location}?digest=${wrong}`);
    expect(put.status).toBe(400);
    const [e] = await errorsOf(put);
    expect(e!.code).toBe('DIGEST_INVALID');
    expect(e!.message).toContain(sha(blob));
    // Nothing was stored under either digest, and the upload is gone.
    expect((await call('HEAD', `${base}/blobs/${wrong}`)).status).toBe(404);
    expect((await call('HEAD', `${base}/blobs/${sha(blob)}`)).status).toBe(404);
    expect((await call('PUT', `${location}?digest=${sha(blob)}`)).status).toBe(404);
  });

  it('stores a verified chunked blob the ECR API then sees, and serves it back', async () => {
    const blob = randomBytes(70_000);
    const start = await call('POST', `${base}/blobs/uploads/`);
    const location = start.headers.get('location')!;
    await call('PATCH', location, {
      body: blob.subarray(0, 40_000),
      headers: { 'content-range': '0-39999' },
    });
    const put = await call('PUT', `${location}?digest=${sha(blob)}`, {
      body: blob.subarray(40_000),
    });
    expect(put.status).toBe(201);
    expect(put.headers.get('docker-content-digest')).toBe(sha(blob));
    expect(put.headers.get('location')).toBe(`/v2/${SANDBOX_REPOSITORY}/blobs/${sha(blob)}`);
    const head = await call('HEAD', `${base}/blobs/${sha(blob)}`);
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(blob.length));
    const got = await call('GET', `${base}/blobs/${sha(blob)}`);
    expect(Buffer.from(await got.arrayBuffer()).equals(blob)).toBe(true);
    const check = await sb.ecr().send(
      new BatchCheckLayerAvailabilityCommand({
        repositoryName: SANDBOX_REPOSITORY,
        layerDigests: [sha(blob)],
      }),
    );
    expect(check.layers?.[0]).toMatchObject({
      layerAvailability: 'AVAILABLE',
      layerSize: blob.length,
    });
  });

  it('takes a monolithic POST ?digest= and answers a mount with an ordinary upload', async () => {
    const blob = Buffer.from('monolithic blob');
    const mono = await call('POST', `${base}/blobs/uploads/?digest=${sha(blob)}`, { body: blob });
    expect(mono.status).toBe(201);
    const mount = await call('POST', `${base}/blobs/uploads/?mount=${sha(blob)}&from=other-repo`);
    expect(mount.status).toBe(202);
    expect(mount.headers.get('location')).toMatch(/\/blobs\/uploads\//);
  });
});

describe('manifests and tags', () => {
  async function pushBlobs(image: ReturnType<typeof sampleImage>): Promise<void> {
    for (const b of image.blobs) {
      const r = await call('POST', `${base}/blobs/uploads/?digest=${b.digest}`, { body: b.bytes });
      expect(r.status).toBe(201);
    }
  }

  it('stores an OCI index over a pushed manifest; GET returns the same bytes and type; the API sees both', async () => {
    const image = sampleImage();
    await pushBlobs(image);
    const put = await call('PUT', `${base}/manifests/${image.manifestDigest}`, {
      body: image.manifest,
      headers: { 'content-type': image.mediaType },
    });
    expect(put.status).toBe(201);
    const index = JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [
        {
          mediaType: image.mediaType,
          digest: image.manifestDigest,
          size: Buffer.byteLength(image.manifest),
          platform: { architecture: 'amd64', os: 'linux' },
        },
      ],
    });
    const putIndex = await call('PUT', `${base}/manifests/multi`, {
      body: index,
      headers: { 'content-type': 'application/vnd.oci.image.index.v1+json' },
    });
    expect(putIndex.status).toBe(201);
    const got = await call('GET', `${base}/manifests/multi`);
    expect(got.headers.get('content-type')).toBe('application/vnd.oci.image.index.v1+json');
    expect(got.headers.get('docker-content-digest')).toBe(sha(Buffer.from(index)));
    expect(await got.text()).toBe(index);
    const api = await sb.ecr().send(
      new BatchGetImageCommand({
        repositoryName: SANDBOX_REPOSITORY,
        imageIds: [{ imageTag: 'multi' }],
      }),
    );
    expect(api.images?.[0]?.imageManifest).toBe(index);

    // An index naming a manifest the repository lacks is refused.
    const dangling = index.replace(image.manifestDigest.slice(7), 'f'.repeat(64));
    const bad = await call('PUT', `${base}/manifests/dangling`, {
      body: dangling,
      headers: { 'content-type': 'application/vnd.oci.image.index.v1+json' },
    });
    expect(bad.status).toBe(400);
    expect((await errorsOf(bad))[0]!.code).toBe('MANIFEST_BLOB_UNKNOWN');
  });

  it('refuses a manifest whose blobs are missing, or whose digest is not its reference', async () => {
    const image = sampleImage();
    const missing = await call('PUT', `${base}/manifests/t1`, { body: image.manifest });
    expect(missing.status).toBe(400);
    expect((await errorsOf(missing))[0]!.code).toBe('MANIFEST_BLOB_UNKNOWN');
    await pushBlobs(image);
    const mismatch = await call('PUT', `${base}/manifests/sha256:${'0'.repeat(64)}`, {
      body: image.manifest,
    });
    expect(mismatch.status).toBe(400);
    expect((await errorsOf(mismatch))[0]!.code).toBe('DIGEST_INVALID');
  });

  it('pages tags/list with n and last (Link header)', async () => {
    // ecr:ListImages is not one of the CI user's seven actions: list as the admin.
    auth = basic((await loginPassword(sb.ecr())).password);
    const image = sampleImage();
    await pushBlobs(image);
    for (const t of ['b', 'a', 'c'])
      await call('PUT', `${base}/manifests/${t}`, { body: image.manifest });
    const page1 = await call('GET', `${base}/tags/list?n=2`);
    expect(await page1.json()).toEqual({ name: SANDBOX_REPOSITORY, tags: ['a', 'b'] });
    expect(page1.headers.get('link')).toBe(
      `</v2/${SANDBOX_REPOSITORY}/tags/list?n=2&last=b>; rel="next"`,
    );
    const page2 = await call('GET', `${base}/tags/list?n=2&last=b`);
    expect(await page2.json()).toEqual({ name: SANDBOX_REPOSITORY, tags: ['c', 'latest'] });
  });

  it('answers unknown and invalid repository names in registry terms', async () => {
    const unknown = await call(
      'GET',
      `http://127.0.0.1:${sb.sandbox.port}/v2/no-such-repo/manifests/latest`,
    );
    // The CI user may not even look at a repository no policy names: denial comes first, as on ECR.
    expect(unknown.status).toBe(403);
    const admin = basic((await loginPassword(sb.ecr())).password);
    const asAdmin = await fetch(
      `http://127.0.0.1:${sb.sandbox.port}/v2/no-such-repo/manifests/latest`,
      {
        headers: { authorization: admin },
      },
    );
    expect(asAdmin.status).toBe(404);
    expect((await errorsOf(asAdmin))[0]!.code).toBe('NAME_UNKNOWN');
    const invalid = await call('GET', `http://127.0.0.1:${sb.sandbox.port}/v2/Bad_Name/tags/list`);
    expect(invalid.status).toBe(400);
    expect((await errorsOf(invalid))[0]!.code).toBe('NAME_INVALID');
  });
});
