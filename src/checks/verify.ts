/**
 * Step 7: become the CI user and do what a pipeline does, one ECR call at a time: push a tiny
 * generated image layer by layer, pull it back, compare digests, delete it (as the learner).
 * Every action's row is reported live; a denial carries AWS's own message.
 */
import { t as msg } from '../i18n/index.js';
import {
  BatchCheckLayerAvailabilityCommand,
  BatchDeleteImageCommand,
  BatchGetImageCommand,
  CompleteLayerUploadCommand,
  DescribeImagesCommand,
  GetDownloadUrlForLayerCommand,
  InitiateLayerUploadCommand,
  PutImageCommand,
  UploadLayerPartCommand,
  type ECRClient,
} from '@aws-sdk/client-ecr';
import { CreateAccessKeyCommand, DeleteAccessKeyCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { randomBytes } from 'node:crypto';
import { buildImage, sha256Digest, type BuiltImage } from '../sandbox/image.js';
import {
  evaluate,
  parsePolicy,
  principalFromArn,
  PULL_ACTIONS,
  PUSH_ACTIONS,
} from '../policy/index.js';
import { userIdentityPolicies } from './iam-policies.js';
import type { ActionRow, CheckResult } from '../engine/types.js';
import type { AwsClients } from '../aws/session.js';
import { describeAwsError } from '../aws/errors.js';
import { readRepositoryPolicy, TEST_TAG_PREFIX } from './apply.js';
import { deleteTempKey, journalTarget, recordTempKey, sweepLeftoverTempKeys } from './temp-keys.js';
import type { LabCheck, LabContext } from './types.js';
import {
  errName,
  errorResult,
  optionalParam,
  param,
  plainError,
  repositoryArn,
  userArn,
} from './util.js';

const ALL = [...PUSH_ACTIONS, ...PULL_ACTIONS];

class Denied extends Error {
  constructor(
    readonly action: string,
    readonly awsMessage: string,
  ) {
    super(awsMessage);
  }
}

export interface CiClients {
  clients: AwsClients;
  how: string;
  cleanup: () => Promise<void>;
  /** when a temporary key was created for this run (ms since the epoch) */
  keyCreatedAt?: number;
}

/**
 * How long a brand-new access key may still be unknown to some AWS servers: IAM is eventually
 * consistent, and ECR can refuse a key for a few seconds after STS already accepts it.
 */
export const NEW_KEY_PROPAGATION_MS = 60_000;

/** The CI user's clients: sandbox keys, a named profile, or a temporary key deleted afterwards. */
export async function ciClients(
  ctx: LabContext,
  ciUser: string,
  ciProfile: string | undefined,
  /** the learner's account (for the temporary-key journal); asked of STS when not given */
  accountId?: string,
): Promise<CiClients> {
  const s = ctx.env.session;
  if (ciProfile)
    return {
      clients: s.clientsAs({ profile: ciProfile }),
      how: msg('checks.verify.howProfile', { profile: ciProfile }),
      cleanup: async () => {},
    };
  if (s.sandbox) {
    let credentials;
    try {
      credentials = s.sandbox.user(ciUser).credentials;
    } catch {
      // A user created during the lesson (a learner's own CI user) has no seeded key: fall
      // through to a temporary key, as on real AWS.
    }
    if (credentials)
      return {
        clients: s.clientsAs(credentials),
        how: msg('checks.verify.howSandbox', { ciUser }),
        cleanup: async () => {},
      };
  }
  // Journaled (temp-keys.ts) so that an interrupted run's key is found and deleted later.
  const where = journalTarget(s, accountId ?? (await s.whoAmI()).accountId);
  await sweepLeftoverTempKeys(s, ctx.env.dataDir, where);
  const created = await s.clients.iam.send(new CreateAccessKeyCommand({ UserName: ciUser }));
  const key = created.AccessKey!;
  const ref = { accessKeyId: key.AccessKeyId!, userName: ciUser };
  const cleanup = (): Promise<void> => deleteTempKey(s, ctx.env.dataDir, ref);
  try {
    await recordTempKey(ctx.env.dataDir, {
      ...where,
      ...ref,
      createdAt: new Date().toISOString(),
      pid: process.pid,
    });
  } catch (err) {
    // Without the record an interrupted run could leave the key behind: do not use it.
    await s.clients.iam
      .send(new DeleteAccessKeyCommand({ UserName: ciUser, AccessKeyId: ref.accessKeyId }))
      .catch(() => undefined);
    throw err;
  }
  const clients = s.clientsAs({
    accessKeyId: key.AccessKeyId!,
    secretAccessKey: key.SecretAccessKey!,
  });
  // A new IAM key takes a few seconds to be accepted everywhere: wait for STS to know it.
  const t0 = Date.now();
  for (;;) {
    try {
      await clients.sts.send(new GetCallerIdentityCommand({}));
      break;
    } catch (err) {
      if (Date.now() - t0 > 15_000 || ctx.signal.aborted) {
        await cleanup().catch(() => undefined);
        throw err;
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  return {
    clients,
    how: msg('checks.verify.howTempKey', { ciUser }),
    cleanup,
    keyCreatedAt: t0,
  };
}

/** Runs one ECR call as `action`, turning AccessDenied into Denied and updating its row. */
async function step<T>(
  ctx: LabContext,
  rows: Map<string, ActionRow>,
  action: string,
  fn: () => Promise<T>,
): Promise<T> {
  const row = rows.get(action)!;
  row.status = 'running';
  ctx.report({ kind: 'action', row: { ...row } });
  try {
    const r = await fn();
    row.status = 'allowed';
    delete row.message;
    ctx.report({ kind: 'action', row: { ...row } });
    return r;
  } catch (err) {
    const name = errName(err);
    const msg = (err as Error).message;
    if (
      name === 'AccessDeniedException' ||
      name === 'AccessDenied' ||
      /not authorized to perform/.test(msg)
    ) {
      row.status = 'denied';
      row.message = msg;
      ctx.report({ kind: 'action', row: { ...row } });
      throw new Denied(action, msg);
    }
    row.status = 'error';
    // the learner's words for it, never the SDK's parse error on a foreign answer
    row.message = plainError(ctx, err).summary;
    ctx.report({ kind: 'action', row: { ...row } });
    throw err;
  }
}

async function pushImage(
  ctx: LabContext,
  ecr: ECRClient,
  rows: Map<string, ActionRow>,
  repository: string,
  image: BuiltImage,
  tag: string,
): Promise<string> {
  const digests = image.blobs.map((b) => b.digest);
  const check = await step(ctx, rows, 'ecr:BatchCheckLayerAvailability', () =>
    ecr.send(
      new BatchCheckLayerAvailabilityCommand({ repositoryName: repository, layerDigests: digests }),
    ),
  );
  const present = new Set(
    (check.layers ?? [])
      .filter((l) => l.layerAvailability === 'AVAILABLE')
      .map((l) => l.layerDigest),
  );
  const missing = image.blobs.filter((b) => !present.has(b.digest));
  const total = missing.reduce((n, b) => n + b.bytes.length, 0);
  let done = 0;
  for (const blob of missing) {
    const init = await step(ctx, rows, 'ecr:InitiateLayerUpload', () =>
      ecr.send(new InitiateLayerUploadCommand({ repositoryName: repository })),
    );
    const partSize = Math.max(init.partSize ?? blob.bytes.length, 5 * 1024 * 1024);
    for (let first = 0; first < blob.bytes.length; first += partSize) {
      const last = Math.min(first + partSize, blob.bytes.length) - 1;
      await step(ctx, rows, 'ecr:UploadLayerPart', () =>
        ecr.send(
          new UploadLayerPartCommand({
            repositoryName: repository,
            uploadId: init.uploadId,
            partFirstByte: first,
            partLastByte: last,
            layerPartBlob: blob.bytes.subarray(first, last + 1),
          }),
        ),
      );
      done += last - first + 1;
      ctx.report({ kind: 'upload', doneBytes: done, totalBytes: total });
    }
    await step(ctx, rows, 'ecr:CompleteLayerUpload', () =>
      ecr.send(
        new CompleteLayerUploadCommand({
          repositoryName: repository,
          uploadId: init.uploadId,
          layerDigests: [blob.digest],
        }),
      ),
    );
  }
  // Layers already present mean no upload calls: mark them as not needed, not as passed.
  for (const a of ['ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload']) {
    const row = rows.get(a)!;
    if (row.status === 'waiting') {
      row.status = 'not-run';
      row.message = msg('checks.verify.layersThere');
      ctx.report({ kind: 'action', row: { ...row } });
    }
  }
  const put = await step(ctx, rows, 'ecr:PutImage', () =>
    ecr.send(
      new PutImageCommand({
        repositoryName: repository,
        imageManifest: image.manifest,
        imageManifestMediaType: image.mediaType,
        imageTag: tag,
      }),
    ),
  );
  return put.image?.imageId?.imageDigest ?? image.manifestDigest;
}

async function pullImage(
  ctx: LabContext,
  ecr: ECRClient,
  rows: Map<string, ActionRow>,
  repository: string,
  imageId: { imageTag?: string; imageDigest?: string },
): Promise<{ manifestDigest: string; layersOk: boolean; layerNote?: string }> {
  const got = await step(ctx, rows, 'ecr:BatchGetImage', () =>
    ecr.send(
      new BatchGetImageCommand({
        repositoryName: repository,
        imageIds: [imageId],
        acceptedMediaTypes: [
          'application/vnd.docker.distribution.manifest.v2+json',
          'application/vnd.oci.image.manifest.v1+json',
        ],
      }),
    ),
  );
  const img = got.images?.[0];
  if (!img?.imageManifest)
    throw new Error(
      msg('checks.verify.noManifest', {
        why: got.failures?.[0]?.failureReason ?? msg('checks.verify.noReason'),
      }),
    );
  const manifestDigest = sha256Digest(img.imageManifest);
  const manifest = JSON.parse(img.imageManifest) as { layers?: Array<{ digest: string }> };
  let layersOk = true;
  let layerNote: string | undefined;
  for (const layer of manifest.layers ?? []) {
    const url = await step(ctx, rows, 'ecr:GetDownloadUrlForLayer', () =>
      ecr.send(
        new GetDownloadUrlForLayerCommand({
          repositoryName: repository,
          layerDigest: layer.digest,
        }),
      ),
    );
    const res = await fetch(url.downloadUrl!, { signal: ctx.signal });
    if (!res.ok) {
      layersOk = false;
      layerNote = msg('checks.verify.layerDownload', { digest: layer.digest, status: res.status });
      continue;
    }
    const bytes = Buffer.from(await res.arrayBuffer());
    if (sha256Digest(bytes) !== layer.digest) {
      layersOk = false;
      layerNote = msg('checks.verify.layerDigest', {
        digest: layer.digest,
        got: sha256Digest(bytes),
      });
    }
  }
  return { manifestDigest, layersOk, layerNote };
}

/** Whether the CI user's own IAM policies already allow push and pull (then the repository policy is not what grants it). */
async function identityAllowsAll(
  ctx: LabContext,
  ciUser: string,
  accountId: string,
  resource: string,
): Promise<boolean | undefined> {
  try {
    const policies = await userIdentityPolicies(ctx, ciUser);
    const principal = principalFromArn(userArn(accountId, ciUser));
    return ALL.every(
      (action) =>
        evaluate({ request: { principal, action, resource }, identityPolicies: policies })
          .decision === 'allowed',
    );
  } catch {
    // Not allowed to read IAM (or the endpoint lacks these calls): say nothing rather than guess.
    return undefined;
  }
}

/** Whether the live repository policy alone allows the CI user this action (same account). */
async function repositoryPolicyAllows(
  ctx: LabContext,
  repository: string,
  accountId: string,
  ciUser: string,
  action: string,
): Promise<boolean> {
  try {
    const text = await readRepositoryPolicy(ctx, repository);
    if (!text) return false;
    const resource = repositoryArn(ctx.env.session.region, accountId, repository);
    const r = evaluate({
      request: { principal: principalFromArn(userArn(accountId, ciUser)), action, resource },
      identityPolicies: [],
      resourcePolicy: { name: 'repository policy', document: parsePolicy(text) },
    });
    return r.decision === 'allowed';
  } catch {
    return false;
  }
}

/** Passes when the CI user can push and pull a test image and its digests match. */
export const checkPushPullAsCiUser: LabCheck = async (ctx, params) => {
  const repository = param(params, 'repository');
  const ciUser = param(params, 'ciUser');
  const ciProfile = optionalParam(params, 'ciProfile');
  const rows = new Map<string, ActionRow>(
    ALL.map((a) => [a, { action: a, status: 'waiting' as const }]),
  );
  for (const r of rows.values()) ctx.report({ kind: 'action', row: { ...r } });
  const table = (): ActionRow[] => ALL.map((a) => ({ ...rows.get(a)! }));
  let me;
  try {
    me = await ctx.env.session.whoAmI();
  } catch (err) {
    return errorResult(ctx, err, msg('check.doing.whoAmI'));
  }
  let ci: CiClients;
  try {
    ci = await ciClients(ctx, ciUser, ciProfile, me.accountId);
  } catch (err) {
    const d = plainError(ctx, err);
    return {
      status: 'error',
      summary: msg('checks.verify.cannotActAs', { ciUser, summary: d.summary }),
      fix: ciProfile ? d.fix : msg('checks.verify.cannotActAsFix', { fix: d.fix, ciUser }),
    };
  }
  const tag = `${TEST_TAG_PREFIX}${randomBytes(4).toString('hex')}`;
  const image = buildImage([
    {
      name: 'ecr-tutor-check.txt',
      content: Buffer.from(
        `pushed by ecr-tutor as ${ciUser} at ${new Date().toISOString()} ${tag}\n`,
      ),
    },
  ]);
  let pushedDigest: string | undefined;
  let pulled: { manifestDigest: string; layersOk: boolean; layerNote?: string } | undefined;
  let denied: Denied | undefined;
  let failure: unknown;
  try {
    try {
      pushedDigest = await pushImage(ctx, ci.clients.ecr, rows, repository, image, tag);
    } catch (err) {
      if (err instanceof Denied) denied = err;
      else failure = err;
    }
    if (!failure) {
      // Pull what was pushed; when the push was refused, try pulling an image already there.
      let imageId: { imageTag?: string; imageDigest?: string } | undefined = pushedDigest
        ? { imageTag: tag }
        : undefined;
      if (!imageId) {
        const existing = await ctx.env.session.clients.ecr
          .send(new DescribeImagesCommand({ repositoryName: repository, maxResults: 1 }))
          .catch(() => undefined);
        const d = existing?.imageDetails?.[0]?.imageDigest;
        if (d) imageId = { imageDigest: d };
      }
      if (imageId) {
        try {
          pulled = await pullImage(ctx, ci.clients.ecr, rows, repository, imageId);
        } catch (err) {
          if (err instanceof Denied) denied ??= err;
          else failure = err;
        }
      }
    }
  } finally {
    for (const r of rows.values()) {
      if (r.status === 'waiting' || r.status === 'running') {
        r.status = 'not-run';
        ctx.report({ kind: 'action', row: { ...r } });
      }
    }
    if (pushedDigest) {
      await ctx.env.session.clients.ecr
        .send(
          new BatchDeleteImageCommand({
            repositoryName: repository,
            imageIds: [{ imageTag: tag }],
          }),
        )
        .catch(() => undefined);
    }
    await ci.cleanup().catch(() => undefined);
  }
  const resource = repositoryArn(ctx.env.session.region, me.accountId, repository);
  const broad = await identityAllowsAll(ctx, ciUser, me.accountId, resource);
  const note = broad ? msg('checks.verify.identityAlready', { ciUser }) : undefined;
  const view = (): CheckResult['view'] => ({
    kind: 'verify',
    rows: table(),
    pushedDigest,
    pulledDigest: pulled?.manifestDigest,
    note,
  });
  const evidence = {
    as: ci.how,
    rows: table().map((r) => `${r.action}: ${r.status}`),
    pushedDigest,
    pulledDigest: pulled?.manifestDigest,
  };
  if (
    failure &&
    ctx.env.session.kind === 'aws' &&
    ci.keyCreatedAt !== undefined &&
    Date.now() - ci.keyCreatedAt < NEW_KEY_PROPAGATION_MS &&
    ['UnrecognizedClientException', 'InvalidClientTokenId'].includes(errName(failure) ?? '')
  ) {
    // Real AWS: the temporary key was seconds old; IAM had not told ECR about it yet.
    return {
      status: 'pending',
      summary: msg('checks.verify.keyPropagating', { ciUser }),
      details: [msg('checks.awsSaid', { message: (failure as Error).message })],
      evidence,
      view: view(),
    };
  }
  if (failure) {
    // Errors here come from the CI user's credentials: point the fix at the CI profile.
    const d = ciProfile
      ? describeAwsError(failure, { ...ctx.env.session.adviceContext(), profile: ciProfile })
      : plainError(ctx, failure);
    return {
      status: 'error',
      summary: msg('checks.verify.stopped', { ciUser, summary: d.summary }),
      fix: d.fix,
      evidence,
      view: view(),
    };
  }
  if (
    denied &&
    ctx.env.session.kind === 'aws' &&
    // an explicit Deny is a real answer; only "no policy allows" can be a policy still propagating
    !/explicit deny/.test(denied.awsMessage) &&
    (await repositoryPolicyAllows(ctx, repository, me.accountId, ciUser, denied.action))
  ) {
    // Real AWS takes a few seconds to apply a new repository policy everywhere.
    return {
      status: 'pending',
      summary: msg('checks.verify.policyPropagating', { repository, action: denied.action }),
      details: [msg('checks.awsSaid', { message: denied.awsMessage })],
      evidence,
      view: view(),
    };
  }
  if (denied) {
    return {
      status: 'fail',
      summary: msg('checks.verify.denied', { ciUser, action: denied.action }),
      details: [
        msg('checks.awsSaid', { message: denied.awsMessage }),
        msg('checks.verify.deniedFix'),
      ],
      hintKey: 'denied',
      evidence,
      view: view(),
    };
  }
  if (!pulled || !pushedDigest || pulled.manifestDigest !== pushedDigest || !pulled.layersOk) {
    return {
      status: 'fail',
      summary: msg('checks.verify.notSameImage'),
      details: [
        msg('checks.verify.digests', {
          pushed: pushedDigest ?? '-',
          pulled: pulled?.manifestDigest ?? '-',
        }),
        ...(pulled?.layerNote ? [pulled.layerNote] : []),
      ],
      hintKey: 'digest',
      evidence,
      view: view(),
    };
  }
  return {
    status: 'pass',
    summary: msg('checks.verify.passed', {
      ciUser,
      repository,
      tag,
      digest: pushedDigest.slice(0, 19),
    }),
    details: [msg('checks.verify.actingAs', { how: ci.how }), ...(note ? [note] : [])],
    evidence,
    view: view(),
  };
};
