/**
 * Test helper for the sandbox's registry: ECR login passwords, images in skopeo's `dir:` layout,
 * and raw registry requests with Basic auth.
 */
import { GetAuthorizationTokenCommand, type ECRClient } from '@aws-sdk/client-ecr';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BuiltImage } from '../../src/sandbox/image.js';

/** The password `aws ecr get-login-password` would print for this client's principal, and the registry. */
export async function loginPassword(
  ecr: ECRClient,
  registryId?: string,
): Promise<{ password: string; registry: string }> {
  const out = await ecr.send(
    new GetAuthorizationTokenCommand(registryId ? { registryIds: [registryId] } : {}),
  );
  const data = out.authorizationData![0]!;
  const decoded = Buffer.from(data.authorizationToken!, 'base64').toString('utf8');
  return { password: decoded.slice('AWS:'.length), registry: new URL(data.proxyEndpoint!).host };
}

/** Writes an image in skopeo's `dir:` layout (manifest.json + blobs named by hex digest). */
export async function writeDirImage(dir: string, image: BuiltImage): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'version'), 'Directory Transport Version: 1.1\n');
  await writeFile(join(dir, 'manifest.json'), image.manifest);
  for (const b of image.blobs)
    await writeFile(join(dir, b.digest.slice('sha256:'.length)), b.bytes);
}

/** Reads every file of a `dir:` image: name -> bytes. */
export async function readDirImage(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const f of await readdir(dir)) out.set(f, await readFile(join(dir, f)));
  return out;
}

export function basic(password: string): string {
  return 'Basic ' + Buffer.from(`AWS:${password}`).toString('base64');
}
