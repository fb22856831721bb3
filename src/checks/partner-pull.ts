/**
 * Cross-account lesson: the partner's pull, tried live as the partner user. Denied first (no
 * policy names it), denied again once the repository policy names it (its own account's IAM
 * says nothing yet), allowed once an identity policy of its account allows it too.
 */
import { t as msg } from '../i18n/index.js';
import type { LabCheck, LabContext } from './types.js';
import {
  describeProbe,
  needsPartnerAccount,
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
      summary: msg('checks.partner.noAccount'),
      details: [needsPartnerAccount()],
      hintKey: 'no-partner-account',
    };
  if ('failed' in t) return errorResult(ctx, t.failed, msg('check.doing.whoAmI'));
  const r = t.result;
  const line = describeProbe(t.who, 'pull', r);
  if (r.outcome === 'allowed')
    return {
      status: 'fail',
      summary: msg('checks.partner.alreadyAllowed', { who: t.who }),
      details: [line],
      hintKey: 'already-allowed',
    };
  if (r.outcome === 'error')
    return {
      status: 'error',
      summary: line,
      fix: msg('checks.partner.imageFix'),
    };
  if (r.explicit)
    return {
      status: 'fail',
      summary: msg('checks.partner.explicitDeny', { who: t.who }),
      details: [line],
      hintKey: 'explicit-deny',
    };
  if (because && because !== r.side) {
    return {
      status: 'fail',
      summary:
        because === 'identity'
          ? msg('checks.partner.stillResourceSide', { who: t.who })
          : msg('checks.partner.alreadyIdentitySide', { who: t.who }),
      details: [line],
      hintKey: because === 'identity' ? 'resource-side' : 'identity-side',
    };
  }
  return {
    status: 'pass',
    summary:
      r.side === 'resource'
        ? msg('checks.partner.deniedResource', { who: t.who })
        : msg('checks.partner.deniedIdentity', { who: t.who }),
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
      summary: msg('checks.partner.noAccount'),
      details: [needsPartnerAccount()],
      hintKey: 'no-partner-account',
    };
  if ('failed' in t) return errorResult(ctx, t.failed, msg('check.doing.whoAmI'));
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
    const registryLine = describeProbe(t.who, 'registry-pull', viaRegistry);
    if (viaRegistry.outcome !== 'allowed')
      return {
        status: 'fail',
        summary: msg('checks.partner.registryFails', { who: t.who }),
        details: [line, registryLine],
        hintKey: 'registry-pull',
      };
    return {
      status: 'pass',
      summary: msg('checks.partner.pulls', { who: t.who }),
      details: [line, registryLine],
      evidence: { pulled: true },
    };
  }
  if (r.outcome === 'error')
    return {
      status: 'error',
      summary: line,
      fix: msg('checks.partner.imageFix'),
    };
  return {
    status: 'fail',
    summary:
      r.side === 'identity'
        ? msg('checks.partner.stillNoIdentity', { who: t.who })
        : msg('checks.partner.nowResourceSide', { who: t.who }),
    details: [line],
    hintKey: r.side === 'identity' ? 'no-identity-policy' : 'resource-side',
  };
};
