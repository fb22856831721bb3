/**
 * Cross-account lesson: the partner's pull, tried live as the partner user. Denied first (no
 * policy names it), denied again once the repository policy names it (its own account's IAM
 * says nothing yet), allowed once an identity policy of its account allows it too.
 */
import type { LabCheck, LabContext } from './types.js';
import {
  describeProbe,
  NEEDS_PARTNER_ACCOUNT,
  partnerClients,
  probePull,
  probeRegistryPull,
  type ProbeResult,
} from './probes.js';
import { errorResult, optionalParam, param } from './util.js';

async function tryPartnerPull(
  ctx: LabContext,
  params: Record<string, unknown>,
): Promise<{ result: ProbeResult; who: string } | { missing: true } | { failed: unknown }> {
  const repository = param(params, 'repository');
  const partnerUser = param(params, 'partnerUser');
  const p = partnerClients(ctx, partnerUser, optionalParam(params, 'partnerProfile'));
  if (!p) return { missing: true };
  try {
    const me = await ctx.env.session.whoAmI();
    return { result: await probePull(p.clients.ecr, me.accountId, repository), who: partnerUser };
  } catch (err) {
    return { failed: err };
  }
}

/**
 * Passes when the partner's pull is denied. With `because: resource` or `because: identity`,
 * only when AWS names that policy type (the lesson's two denials are told apart by it).
 */
export const checkPartnerPullDenied: LabCheck = async (ctx, params) => {
  const because = optionalParam(params, 'because');
  const t = await tryPartnerPull(ctx, params);
  if ('missing' in t)
    return {
      status: 'fail',
      summary: 'There is no partner account to act in.',
      details: [NEEDS_PARTNER_ACCOUNT],
      hintKey: 'no-partner-account',
    };
  if ('failed' in t) return errorResult(ctx, t.failed, 'ask AWS who you are');
  const r = t.result;
  const line = describeProbe(t.who, 'pull', r);
  if (r.outcome === 'allowed')
    return {
      status: 'fail',
      summary: `${t.who} can already pull: something already allows it on both sides.`,
      details: [line],
      hintKey: 'already-allowed',
    };
  if (r.outcome === 'error')
    return {
      status: 'error',
      summary: line,
      fix: 'Check that the repository exists and has an image tagged "latest".',
    };
  if (r.explicit)
    return {
      status: 'fail',
      summary: `${t.who} is denied by an explicit Deny, not for lack of an Allow.`,
      details: [line],
      hintKey: 'explicit-deny',
    };
  if (because && because !== r.side) {
    return {
      status: 'fail',
      summary:
        because === 'identity'
          ? `Still denied on the repository's side: AWS says no resource-based policy allows it, so the repository policy does not let ${t.who} in yet.`
          : `Denied, but AWS already names the identity side: the repository policy lets ${t.who} in.`,
      details: [line],
      hintKey: because === 'identity' ? 'resource-side' : 'identity-side',
    };
  }
  return {
    status: 'pass',
    summary:
      r.side === 'resource'
        ? `Denied: no resource-based policy allows ${t.who}, as expected for a caller from another account that nothing names.`
        : `Denied again, now because no identity-based policy allows it: the repository says yes, ${t.who}'s own account has not.`,
    details: [line],
    evidence: { message: r.message },
  };
};

/** Passes when the partner's pull (manifest and every layer) is allowed. */
export const checkPartnerCanPull: LabCheck = async (ctx, params) => {
  const t = await tryPartnerPull(ctx, params);
  if ('missing' in t)
    return {
      status: 'fail',
      summary: 'There is no partner account to act in.',
      details: [NEEDS_PARTNER_ACCOUNT],
      hintKey: 'no-partner-account',
    };
  if ('failed' in t) return errorResult(ctx, t.failed, 'ask AWS who you are');
  const r = t.result;
  const line = describeProbe(t.who, 'pull', r);
  if (r.outcome === 'allowed') {
    // Then as docker does it, through the registry of the repository's account.
    const s = ctx.env.session;
    const p = partnerClients(
      ctx,
      param(params, 'partnerUser'),
      optionalParam(params, 'partnerProfile'),
    )!;
    const owner = (await s.whoAmI()).accountId;
    const registry = s.sandbox
      ? s.sandbox.endpoint
      : `https://${owner}.dkr.ecr.${s.region}.amazonaws.com`;
    const viaRegistry = await probeRegistryPull(
      p.clients.ecr,
      registry,
      param(params, 'repository'),
      'latest',
      ctx.signal,
    );
    const registryLine = describeProbe(t.who, 'pull through the registry', viaRegistry);
    if (viaRegistry.outcome !== 'allowed')
      return {
        status: 'fail',
        summary: `${t.who} may call the ECR API, but the registry pull (what docker does) fails.`,
        details: [line, registryLine],
        hintKey: 'registry-pull',
      };
    return {
      status: 'pass',
      summary: `${t.who} pulls across accounts: the repository policy AND its own identity policy allow it.`,
      details: [line, registryLine],
      evidence: { pulled: true },
    };
  }
  if (r.outcome === 'error')
    return {
      status: 'error',
      summary: line,
      fix: 'Check that the repository exists and has an image tagged "latest".',
    };
  return {
    status: 'fail',
    summary:
      r.side === 'identity'
        ? `${t.who} is still denied: no identity-based policy in its account allows the pull yet.`
        : `${t.who} is denied on the repository's side now: the repository policy no longer lets it in.`,
    details: [line],
    hintKey: r.side === 'identity' ? 'no-identity-policy' : 'resource-side',
  };
};
