/**
 * Live probes shared by the cross-account and explicit-deny lessons: act as another principal
 * (a sandbox user, or a named profile on real AWS) and try one pull or one push call, keeping
 * AWS's own words when it says no. Also the small policy-document edits the solves make.
 */
import { t as msg } from '../i18n/index.js';
import {
  BatchGetImageCommand,
  GetAuthorizationTokenCommand,
  GetDownloadUrlForLayerCommand,
  InitiateLayerUploadCommand,
  type ECRClient,
} from '@aws-sdk/client-ecr';
import type { AwsClients } from '../aws/session.js';
import type { LabContext } from './types.js';
import { errName } from './util.js';

/** What a live attempt came to: allowed, denied with AWS's message, or another failure. */
export type ProbeResult =
  | { outcome: 'allowed'; detail: string }
  | { outcome: 'denied'; message: string; explicit: boolean; side: 'identity' | 'resource' }
  | { outcome: 'error'; message: string; code?: string };

function isDenied(err: unknown): boolean {
  const name = errName(err);
  return (
    name === 'AccessDeniedException' ||
    name === 'AccessDenied' ||
    /not authorized to perform/.test((err as Error).message ?? '')
  );
}

function denial(err: unknown): ProbeResult {
  const message = (err as Error).message;
  if (!isDenied(err)) return { outcome: 'error', message, code: errName(err) };
  return {
    outcome: 'denied',
    message,
    explicit: /with an explicit deny/.test(message),
    side: /identity-based policy/.test(message) ? 'identity' : 'resource',
  };
}

/** Pulls `repository:tag` of `registryId` through the ECR API: the manifest, then each layer's URL. */
export async function probePull(
  ecr: ECRClient,
  registryId: string,
  repository: string,
  tag = 'latest',
): Promise<ProbeResult> {
  try {
    const got = await ecr.send(
      new BatchGetImageCommand({
        registryId,
        repositoryName: repository,
        imageIds: [{ imageTag: tag }],
      }),
    );
    const img = got.images?.[0];
    if (!img?.imageManifest) {
      return {
        outcome: 'error',
        message: msg('checks.probe.noImage', {
          repository,
          tag,
          why: got.failures?.[0]?.failureReason ?? msg('checks.verify.noReason'),
        }),
      };
    }
    const layers =
      (JSON.parse(img.imageManifest) as { layers?: Array<{ digest: string }> }).layers ?? [];
    for (const layer of layers) {
      await ecr.send(
        new GetDownloadUrlForLayerCommand({
          registryId,
          repositoryName: repository,
          layerDigest: layer.digest,
        }),
      );
    }
    return {
      outcome: 'allowed',
      detail: msg('checks.probe.pullAllowed', { count: layers.length, repository, tag }),
    };
  } catch (err) {
    return denial(err);
  }
}

const MANIFEST_TYPES = [
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
].join(', ');

/**
 * Pulls `repository:tag` through the registry, as docker does: a login token from
 * GetAuthorizationToken (only an identity policy can allow it), then the manifest and every
 * layer over the Registry HTTP API with Basic auth. `registry` is the registry's base URL.
 */
export async function probeRegistryPull(
  ecr: ECRClient,
  registry: string,
  repository: string,
  tag = 'latest',
  signal?: AbortSignal,
): Promise<ProbeResult> {
  let token: string | undefined;
  try {
    token = (await ecr.send(new GetAuthorizationTokenCommand({}))).authorizationData?.[0]
      ?.authorizationToken;
  } catch (err) {
    return denial(err);
  }
  if (!token) return { outcome: 'error', message: 'GetAuthorizationToken returned no token.' };
  const headers = { Authorization: `Basic ${token}`, Accept: MANIFEST_TYPES };
  const fail = async (res: Response, what: string): Promise<ProbeResult> => {
    const body = await res.text().catch(() => '');
    const message =
      (JSON.parse(body || '{}') as { errors?: Array<{ message?: string }> }).errors?.[0]?.message ??
      `HTTP ${res.status}`;
    return res.status === 403 || res.status === 401
      ? {
          outcome: 'denied',
          message: `${what}: ${message}`,
          explicit: /with an explicit deny/.test(message),
          side: /identity-based policy/.test(message) ? 'identity' : 'resource',
        }
      : { outcome: 'error', message: `${what}: ${message}` };
  };
  try {
    const m = await fetch(`${registry}/v2/${repository}/manifests/${tag}`, { headers, signal });
    if (!m.ok) return await fail(m, 'manifest');
    const layers = ((await m.json()) as { layers?: Array<{ digest: string }> }).layers ?? [];
    for (const layer of layers) {
      const b = await fetch(`${registry}/v2/${repository}/blobs/${layer.digest}`, {
        headers,
        signal,
      });
      if (!b.ok) return await fail(b, `layer ${layer.digest}`);
      await b.arrayBuffer();
    }
    return {
      outcome: 'allowed',
      detail: msg('checks.probe.registryPull', {
        registry,
        count: layers.length,
        repository,
        tag,
      }),
    };
  } catch (err) {
    return { outcome: 'error', message: (err as Error).message };
  }
}

/** The first write of a push (InitiateLayerUpload): allowed or denied, nothing is uploaded. */
export async function probePush(
  ecr: ECRClient,
  registryId: string,
  repository: string,
): Promise<ProbeResult> {
  try {
    const r = await ecr.send(
      new InitiateLayerUploadCommand({ registryId, repositoryName: repository }),
    );
    return {
      outcome: 'allowed',
      detail: msg('checks.probe.pushAllowed', { uploadId: r.uploadId ?? '' }),
    };
  } catch (err) {
    return denial(err);
  }
}

/** What a probe tried, for describeProbe's words. */
export type ProbeWhat = 'push' | 'pull' | 'registry-pull';

/** One line for a probe result, for a check's details (`who` 'you' is the learner). */
export function describeProbe(who: string, what: ProbeWhat, r: ProbeResult): string {
  const values = {
    you: who === 'you' ? 'yes' : 'no',
    who,
    what: what.replace(/-/g, '_'),
  };
  if (r.outcome === 'allowed') return msg('checks.probe.allowed', { ...values, detail: r.detail });
  if (r.outcome === 'denied') {
    // The closing clause first (what decided it), so a narrow screen still shows it. The
    // clause is AWS's English, quoted; AWS's whole message follows as AWS sent it.
    const clause = / (because no .*|with an explicit deny .*)$/.exec(r.message)?.[1];
    return clause
      ? msg('checks.probe.deniedClause', { ...values, clause, message: r.message })
      : msg('checks.probe.denied', { ...values, message: r.message });
  }
  return msg('checks.probe.untried', { ...values, why: r.code ?? r.message });
}

/**
 * Clients acting as a user of the partner account: the sandbox's keys for that user, or on
 * real AWS the profile given as `partnerProfile` (`--partner-profile`). Undefined when there is
 * no way to act as the partner (real AWS without a profile).
 */
export function partnerClients(
  ctx: LabContext,
  user: string,
  partnerProfile: string | undefined,
): { clients: AwsClients; accountId?: string; how: string } | undefined {
  const s = ctx.env.session;
  if (s.sandbox) {
    const accountId = s.sandbox.secondAccountId;
    return {
      clients: s.clientsAs(s.sandbox.user(user, accountId).credentials),
      accountId,
      how: msg('checks.probe.howSandbox', { user }),
    };
  }
  if (partnerProfile)
    return {
      clients: s.clientsAs({ profile: partnerProfile }),
      how: msg('checks.verify.howProfile', { profile: partnerProfile }),
    };
  return undefined;
}

/** The advice when the lesson cannot act in a second account. */
export function needsPartnerAccount(): string {
  return msg('checks.probe.needsPartner');
}

interface RawPolicy {
  Version?: string;
  Statement?: unknown;
  [k: string]: unknown;
}

/** The statements of policy text as written (a lone statement object becomes a list). */
function rawStatements(text: string | undefined): {
  doc: RawPolicy;
  statements: Array<Record<string, unknown>>;
} {
  if (!text) return { doc: { Version: '2012-10-17' }, statements: [] };
  const doc = JSON.parse(text) as RawPolicy;
  const st = doc.Statement;
  const statements = Array.isArray(st)
    ? (st as Array<Record<string, unknown>>)
    : st
      ? [st as Record<string, unknown>]
      : [];
  return { doc, statements };
}

/** The policy text with the statement of that Sid replaced (or added); the rest kept as written. */
export function withStatement(
  text: string | undefined,
  statement: Record<string, unknown> & { Sid: string },
): string {
  const { doc, statements } = rawStatements(text);
  const kept = statements.filter((s) => s.Sid !== statement.Sid);
  return JSON.stringify(
    { ...doc, Version: doc.Version ?? '2012-10-17', Statement: [...kept, statement] },
    null,
    2,
  );
}

/** The policy text without the statements of those Sids; undefined when nothing would be left. */
export function withoutStatements(text: string | undefined, sids: string[]): string | undefined {
  const { doc, statements } = rawStatements(text);
  const kept = statements.filter((s) => typeof s.Sid !== 'string' || !sids.includes(s.Sid));
  if (kept.length === 0) return undefined;
  return JSON.stringify({ ...doc, Statement: kept }, null, 2);
}
