/**
 * Step 7 done by the learner: the setup picks a fresh tag, the learner's container tool (docker
 * with a reachable engine, else skopeo, else `ecr-tutor push`/`pull`) and writes a small test
 * image; the lesson text shows the commands to run as the CI user. The check watches the
 * repository until that tag arrives, pulls it back as the CI user and verifies every digest
 * (and each layer against the config's diff_ids), then runs the tutor's seven-call probe for
 * the exact table of allowed actions. Without a tag (no setup ran) the probe alone decides.
 */
import { t as msg } from '../i18n/index.js';
import {
  BatchGetImageCommand,
  DescribeImagesCommand,
  DescribeRepositoriesCommand,
  GetDownloadUrlForLayerCommand,
  type ECRClient,
} from '@aws-sdk/client-ecr';
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { generatedImage } from '../commands/push-pull.js';
import { pushToRegistry, registryLogin } from '../commands/registry-client.js';
import type { CheckResult } from '../engine/types.js';
import { DOCKER_CONFIG, sha256Digest, tarFiles } from '../sandbox/image.js';
import { TEST_TAG_PREFIX } from './apply.js';
import type { LabAction, LabCheck, LabContext } from './types.js';
import { errName, errorResult, optionalParam, param, plainError } from './util.js';
import { checkPushPullAsCiUser, ciClients } from './verify.js';

export type ContainerTool = 'docker' | 'skopeo' | 'ecr-tutor';

/** The test image the setup writes for docker and skopeo (a plain file name in the working folder). */
export const CI_IMAGE_FILE = 'ecr-tutor-ci-image.tar';

/** A plain file name (no folder part): lesson packs write only into the working folder. */
function plainFileName(name: string): string {
  if (!/^[A-Za-z0-9._-]+$/.test(name) || name.startsWith('.')) {
    throw new Error(`the image file must be a plain file name, not ${JSON.stringify(name)}`);
  }
  return name;
}

function works(cmd: string, args: string[]): Promise<boolean> {
  return new Promise((resolve) => {
    execFile(cmd, args, { timeout: 4000 }, (err) => resolve(!err));
  });
}

/**
 * The learner's tool: ECR_TUTOR_CONTAINER_TOOL when set, else docker when its engine answers
 * (a docker client without an engine cannot push), else skopeo, else the tutor's own commands.
 */
export async function detectContainerTool(
  env: NodeJS.ProcessEnv = process.env,
): Promise<ContainerTool> {
  const forced = env.ECR_TUTOR_CONTAINER_TOOL;
  if (forced === 'docker' || forced === 'skopeo' || forced === 'ecr-tutor') return forced;
  if (await works('docker', ['version', '--format', '{{.Server.Version}}'])) return 'docker';
  if (await works('skopeo', ['--version'])) return 'skopeo';
  return 'ecr-tutor';
}

/**
 * A docker-archive tarball (what `docker save` writes; `docker load` and skopeo's
 * `docker-archive:` read it) holding one uncompressed layer with a unique file, tagged `ref`.
 */
export function dockerArchive(ref: string, text: string): { tar: Buffer; diffId: string } {
  const layer = tarFiles([{ name: 'ecr-tutor-ci.txt', content: Buffer.from(text) }]);
  const diffId = sha256Digest(layer);
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      config: { Cmd: ['cat', '/ecr-tutor-ci.txt'], Env: ['PATH=/usr/local/bin:/usr/bin:/bin'] },
      rootfs: { type: 'layers', diff_ids: [diffId] },
      history: [{ created_by: 'ecr-tutor verify step' }],
    }),
  );
  const configName = `${sha256Digest(config).slice(7)}.json`;
  const layerName = `${diffId.slice(7)}/layer.tar`;
  const manifest = Buffer.from(
    JSON.stringify([{ Config: configName, RepoTags: [ref], Layers: [layerName] }]),
  );
  return {
    tar: tarFiles([
      { name: configName, content: config },
      { name: layerName, content: layer },
      { name: 'manifest.json', content: manifest },
    ]),
    diffId,
  };
}

function isLoopbackRegistry(registry: string): boolean {
  return /^(127\.\d+\.\d+\.\d+|localhost)(:\d+)?$/.test(registry);
}

/** The commands shown for a tool (one per line; the sandbox needs plain-HTTP flags for skopeo). */
export function ciCommands(
  tool: ContainerTool,
  o: { registry: string; repository: string; tag: string; regionFlag: string; imageFile?: string },
): { login: string; push: string; pull: string } {
  const file = o.imageFile ?? CI_IMAGE_FILE;
  const image = `${o.registry}/${o.repository}:${o.tag}`;
  const plain = isLoopbackRegistry(o.registry);
  const password = `aws ecr get-login-password${o.regionFlag}`;
  switch (tool) {
    case 'docker':
      return {
        login: `${password} | docker login --username AWS --password-stdin ${o.registry}`,
        push: `docker load --input ${file} && docker push ${image}`,
        pull: `docker rmi ${image} && docker pull ${image}`,
      };
    case 'skopeo':
      return {
        login: `${password} | skopeo login${plain ? ' --tls-verify=false' : ''} --username AWS --password-stdin ${o.registry}`,
        push: `skopeo copy${plain ? ' --dest-tls-verify=false' : ''} docker-archive:${file} docker://${image}`,
        pull: `skopeo copy${plain ? ' --src-tls-verify=false' : ''} docker://${image} dir:${o.tag}`,
      };
    default:
      return {
        login: '# ecr-tutor push logs in by itself (GetAuthorizationToken)',
        push: `ecr-tutor push --generate ${o.repository}:${o.tag}`,
        pull: `ecr-tutor pull ${o.repository}:${o.tag}`,
      };
  }
}

/** The registry address of a repository: from its repositoryUri (sandbox or AWS). */
async function registryOf(ctx: LabContext, repository: string): Promise<string> {
  const s = ctx.env.session;
  try {
    const r = await s.clients.ecr.send(
      new DescribeRepositoriesCommand({ repositoryNames: [repository] }),
    );
    const uri = r.repositories?.[0]?.repositoryUri;
    if (uri) return uri.slice(0, uri.indexOf('/'));
  } catch {
    // not visible yet: derive it as AWS names it
  }
  const me = await s.whoAmI();
  return `${me.accountId}.dkr.ecr.${s.region}.amazonaws.com`;
}

/** Setup of step 7: a fresh tag, the tool, the test image, and the commands to show. */
export const prepareCiPush: LabAction = async (ctx, params) => {
  const repository = param(params, 'repository');
  const ciUser = param(params, 'ciUser');
  const ciProfile = optionalParam(params, 'ciProfile');
  const imageFile = plainFileName(optionalParam(params, 'imageFile') ?? CI_IMAGE_FILE);
  const s = ctx.env.session;
  const tag = `${TEST_TAG_PREFIX}${randomBytes(4).toString('hex')}`;
  const [tool, registry] = await Promise.all([detectContainerTool(), registryOf(ctx, repository)]);
  const regionFlag = s.sandbox ? '' : ` --region ${s.region}`;
  const cmds = ciCommands(tool, { registry, repository, tag, regionFlag, imageFile });
  if (tool !== 'ecr-tutor') {
    const { tar } = dockerArchive(
      `${registry}/${repository}:${tag}`,
      `pushed by ${ciUser} in the ecr-tutor verify step, tag ${tag}\n`,
    );
    await writeFile(join(ctx.env.cwd, imageFile), tar);
  }
  const envCommand = s.sandbox
    ? `eval "$(${ctx.vars.tutor || 'ecr-tutor'} sandbox env --user ${ciUser})"`
    : ciProfile
      ? `export AWS_PROFILE=${ciProfile}`
      : `export AWS_PROFILE=${msg('checks.push.profilePlaceholder', { ciUser })}`;
  const vars: Record<string, string> = {
    pushTag: tag,
    registry,
    containerTool: tool,
    ciEnvCommand: envCommand,
    loginCommand: cmds.login,
    pushCommand: cmds.push,
    pullCommand: cmds.pull,
  };
  for (const [k, v] of Object.entries(vars)) ctx.setVar(k, v);
  return {
    summary: msg('checks.push.ready', { repository, tag, tool }),
    ...(tool !== 'ecr-tutor'
      ? { details: [msg('checks.push.wroteImage', { file: imageFile })] }
      : {}),
  };
};

interface PullBack {
  digest: string;
  blobs: number;
  problem?: string;
}

async function fetchBlob(ecr: ECRClient, repository: string, digest: string, signal: AbortSignal) {
  const url = await ecr.send(
    new GetDownloadUrlForLayerCommand({ repositoryName: repository, layerDigest: digest }),
  );
  const res = await fetch(url.downloadUrl!, { signal });
  if (!res.ok) throw new Error(`downloading ${digest} failed: HTTP ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
}

/** Pulls an image by tag as the CI user (BatchGetImage, GetDownloadUrlForLayer) and checks every digest. */
async function pullBack(
  ctx: LabContext,
  ecr: ECRClient,
  repository: string,
  tag: string,
): Promise<PullBack> {
  const got = await ecr.send(
    new BatchGetImageCommand({ repositoryName: repository, imageIds: [{ imageTag: tag }] }),
  );
  const text = got.images?.[0]?.imageManifest;
  if (!text) {
    throw new Error(
      msg('checks.verify.noManifest', {
        why: got.failures?.[0]?.failureReason ?? msg('checks.verify.noReason'),
      }),
    );
  }
  const digest = sha256Digest(text);
  const m = JSON.parse(text) as {
    config?: { digest: string; mediaType?: string };
    layers?: Array<{ digest: string; mediaType?: string }>;
  };
  if (!m.config || !m.layers)
    return { digest, blobs: 0, problem: msg('checks.push.notImageManifest') };
  const config = await fetchBlob(ecr, repository, m.config.digest, ctx.signal);
  if (sha256Digest(config) !== m.config.digest)
    return {
      digest,
      blobs: 1,
      problem: msg('checks.push.configDigest', { got: sha256Digest(config) }),
    };
  let diffIds: string[] = [];
  if (m.config.mediaType === DOCKER_CONFIG || m.config.mediaType?.includes('config')) {
    diffIds =
      (JSON.parse(config.toString('utf8')) as { rootfs?: { diff_ids?: string[] } }).rootfs
        ?.diff_ids ?? [];
  }
  let n = 1;
  for (const [i, layer] of m.layers.entries()) {
    const bytes = await fetchBlob(ecr, repository, layer.digest, ctx.signal);
    n++;
    if (sha256Digest(bytes) !== layer.digest)
      return {
        digest,
        blobs: n,
        problem: msg('checks.verify.layerDigest', {
          digest: layer.digest,
          got: sha256Digest(bytes),
        }),
      };
    const raw = layer.mediaType?.endsWith('gzip') ? gunzipSync(bytes) : bytes;
    const diff = 'sha256:' + createHash('sha256').update(raw).digest('hex');
    if (diffIds[i] && diffIds[i] !== diff)
      return {
        digest,
        blobs: n,
        problem: msg('checks.push.layerDiff', { n: i + 1, diff, want: diffIds[i] }),
      };
  }
  return { digest, blobs: n };
}

/** Step 7's check: the learner's tag arrived and pulls back intact; then the seven-call probe. */
export const checkCiPushArrived: LabCheck = async (ctx, params) => {
  const repository = param(params, 'repository');
  const ciUser = param(params, 'ciUser');
  const tag = optionalParam(params, 'tag');
  if (!tag) return checkPushPullAsCiUser(ctx, params);
  try {
    await ctx.env.session.clients.ecr.send(
      new DescribeImagesCommand({ repositoryName: repository, imageIds: [{ imageTag: tag }] }),
    );
  } catch (err) {
    if (errName(err) !== 'ImageNotFoundException')
      return errorResult(ctx, err, msg('checks.push.lookFor', { repository, tag }));
    return {
      status: 'fail',
      summary: msg('checks.push.waiting', { repository, tag, ciUser }),
      details: [msg('checks.push.waitingHow', { tag }), msg('checks.push.waitingDenied')],
      hintKey: 'waiting',
    };
  }
  let back: PullBack;
  let cleanup = async (): Promise<void> => undefined;
  try {
    const ci = await ciClients(ctx, ciUser, optionalParam(params, 'ciProfile'));
    cleanup = ci.cleanup;
    back = await pullBack(ctx, ci.clients.ecr, repository, tag);
  } catch (err) {
    const d = plainError(ctx, err);
    return {
      status: /not authorized/.test((err as Error).message) ? 'fail' : 'error',
      summary: msg('checks.push.pullBackFailed', { repository, tag, ciUser, summary: d.summary }),
      ...(d.fix ? { fix: d.fix } : {}),
    };
  } finally {
    await cleanup().catch(() => undefined);
  }
  if (back.problem) {
    return {
      status: 'fail',
      summary: msg('checks.push.notIntact', { repository, tag, problem: back.problem }),
      hintKey: 'digest',
    };
  }
  const yours = msg('checks.push.arrived', {
    repository,
    tag,
    ciUser,
    digest: back.digest.slice(0, 19),
    blobs: back.blobs,
  });
  const probe: CheckResult = await checkPushPullAsCiUser(ctx, params);
  return {
    ...probe,
    summary: probe.status === 'pass' ? `${yours} ${probe.summary}` : probe.summary,
    details: [yours, ...(probe.details ?? [])],
  };
};

/** Solve of step 7 (skip, `lessons verify`): the push the learner would make, as the CI user. */
export const pushAsCiUser: LabAction = async (ctx, params) => {
  const repository = param(params, 'repository');
  const ciUser = param(params, 'ciUser');
  let tag = optionalParam(params, 'tag');
  if (!tag) {
    tag = `${TEST_TAG_PREFIX}${randomBytes(4).toString('hex')}`;
    ctx.setVar('pushTag', tag);
  }
  const ci = await ciClients(ctx, ciUser, optionalParam(params, 'ciProfile'));
  try {
    const login = await registryLogin(ci.clients.ecr);
    const digest = await pushToRegistry(
      login,
      repository,
      tag,
      generatedImage(`${repository}:${tag}`),
    );
    return {
      summary: `pushed ${login.registry}/${repository}:${tag} as ${ciUser} (${digest.slice(0, 19)}…)`,
    };
  } finally {
    await ci.cleanup().catch(() => undefined);
  }
};
