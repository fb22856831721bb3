/**
 * `ecr-tutor push IMAGE-DIR|--generate REPO:TAG` and `ecr-tutor pull REPO:TAG`: what
 * `docker push` / `docker pull` do, for machines with neither docker nor skopeo. They log in
 * with GetAuthorizationToken as whoever the credentials name (after
 * `eval "$(ecr-tutor sandbox env --user NAME)"`, that user) and talk to the registry over HTTP,
 * so every call is authorized as the ECR action it is, exactly as for docker.
 */
import type { TargetOptions } from '../aws/target.js';
import { formatError, TutorError, UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { t } from '../i18n/index.js';
import { humanIo } from './human-io.js';
import { buildImage } from '../sandbox/image.js';
import { readImageDir, writeImageDir } from './image-dir.js';
import {
  pullFromRegistry,
  pushToRegistry,
  registryLogin,
  type LocalImage,
} from './registry-client.js';

export interface ImageRef {
  /** HOST[:PORT] when the reference names a registry */
  registry?: string;
  repository: string;
  /** tag or sha256 digest */
  reference: string;
}

/** Parses `[HOST[:PORT]/]REPO[:TAG|@DIGEST]` as docker does (the first part is a host when it has a dot, a colon or is localhost). */
export function parseImageRef(text: string, defaultTag?: string): ImageRef {
  let rest = text;
  let registry: string | undefined;
  const slash = rest.indexOf('/');
  if (slash > 0) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      registry = first;
      rest = rest.slice(slash + 1);
    }
  }
  let repository = rest;
  let reference: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    repository = rest.slice(0, at);
    reference = rest.slice(at + 1);
  } else {
    const colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      repository = rest.slice(0, colon);
      reference = rest.slice(colon + 1);
    }
  }
  reference ??= defaultTag;
  if (!repository || !reference || !/^[a-z0-9]+(?:[._/-][a-z0-9]+)*$/.test(repository)) {
    throw new UsageError(
      t('push.notImageRef', { ref: JSON.stringify(text) }),
      t('push.notImageRefTry'),
    );
  }
  return { ...(registry ? { registry } : {}), repository, reference };
}

export interface PushPullOptions {
  target: TargetOptions;
  /** a sandbox user to act as (default: whoever the credentials name) */
  user?: string;
  /** the account whose registry to use (cross-account) */
  registryId?: string;
}

async function ecrFor(opts: PushPullOptions, env: NodeJS.ProcessEnv) {
  const { openSession } = await import('../aws/session.js');
  // After `eval "$(ecr-tutor sandbox env --user NAME)"` the endpoint comes from the environment.
  const target: TargetOptions =
    !opts.target.aws && !opts.target.profile && !opts.target.endpointUrl && env.AWS_ENDPOINT_URL
      ? { ...opts.target, endpointUrl: env.AWS_ENDPOINT_URL }
      : opts.target;
  const session = await openSession(target, { env });
  if (!opts.user) return { ecr: session.clients.ecr, session };
  if (!session.sandbox) {
    await session.close();
    throw new UsageError(t('push.userNotSandbox'));
  }
  return { ecr: session.clientsAs(session.sandbox.user(opts.user).credentials).ecr, session };
}

/** Generates a small unique image (one text file) for a push test. */
export function generatedImage(label: string): LocalImage {
  const built = buildImage([
    {
      name: 'ecr-tutor-push.txt',
      content: Buffer.from(
        `pushed with ecr-tutor push --generate ${label} at ${new Date().toISOString()}\n`,
      ),
    },
  ]);
  return {
    manifest: built.manifest,
    mediaType: built.mediaType,
    blobs: built.blobs.map((b) => ({ digest: b.digest, size: b.bytes.length, bytes: b.bytes })),
  };
}

/** An AWS refusal (GetAuthorizationToken denied) keeps AWS's words and gains what to do. */
function explained(err: unknown): unknown {
  if (err instanceof TutorError || !(err instanceof Error)) return err;
  return /AccessDenied/.test(err.name) ? new TutorError(err.message, t('push.deniedTry')) : err;
}

export async function runPush(
  io: Io,
  opts: PushPullOptions & { source?: string; generate: boolean; image: string },
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  try {
    if (opts.generate === (opts.source !== undefined)) {
      throw new UsageError(
        t('push.folderOrGenerate'),
        t('push.folderOrGenerateTry', {
          folder: 'ecr-tutor push ./my-image fcj-workshop-app:v1',
          generate: 'ecr-tutor push --generate fcj-workshop-app:v1',
        }),
      );
    }
    const ref = parseImageRef(opts.image);
    if (ref.reference.startsWith('sha256:')) {
      throw new UsageError(
        t('push.needsTag'),
        t('push.needsTagTry', { example: `${ref.repository}:v1` }),
      );
    }
    const image = opts.source ? await readImageDir(opts.source) : generatedImage(opts.image);
    const { ecr, session } = await ecrFor(opts, env);
    try {
      const login = await registryLogin(ecr, opts.registryId, ref.registry);
      const where = `${login.registry}/${ref.repository}:${ref.reference}`;
      humanIo(io).err(`${t('push.pushing', { image: where })}\n`);
      const digest = await pushToRegistry(login, ref.repository, ref.reference, image, (line) =>
        io.err(`  ${line}\n`),
      );
      io.out(`${t('push.pushed', { image: where, digest })}\n`);
      return 0;
    } finally {
      await session.close();
    }
  } catch (err) {
    io.err(formatError(explained(err)) + '\n');
    return err instanceof TutorError ? err.exitCode : 1;
  }
}

export async function runPull(
  io: Io,
  opts: PushPullOptions & { image: string; output?: string },
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  try {
    const ref = parseImageRef(opts.image, 'latest');
    const { ecr, session } = await ecrFor(opts, env);
    try {
      const login = await registryLogin(ecr, opts.registryId, ref.registry);
      const image = await pullFromRegistry(login, ref.repository, ref.reference);
      const bytes = image.blobs.reduce((n, b) => n + b.bytes.length, 0);
      if (opts.output) await writeImageDir(opts.output, image);
      const words = {
        image: `${login.registry}/${ref.repository}:${ref.reference}`,
        digest: image.digest,
        blobs: image.blobs.length,
        bytes: String(bytes),
        dir: opts.output ?? '',
      };
      io.out(`${t(opts.output ? 'pull.pulledTo' : 'pull.pulled', words)}\n`);
      return 0;
    } finally {
      await session.close();
    }
  } catch (err) {
    io.err(formatError(explained(err)) + '\n');
    return err instanceof TutorError ? err.exitCode : 1;
  }
}
