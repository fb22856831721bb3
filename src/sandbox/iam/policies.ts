/** Customer managed policies (CreatePolicy & co.) and the AWS managed ones, read-only. */
import { iamPage } from '../pagination.js';
import { callerAccount, persist, type RequestContext } from '../context.js';
import { newUniqueId } from '../ids.js';
import type { QueryParams, XmlFields } from '../protocols/query.js';
import type { ManagedPolicy } from '../store/model.js';
import {
  alreadyExists,
  deleteConflict,
  encodeDocument,
  getManagedPolicy,
  iamAuthorize,
  noSuchEntity,
  pathOf,
  reqName,
  reqParam,
  validateIamDocument,
} from './common.js';
import { AWS_MANAGED_POLICIES } from './managed.js';

function attachmentCount(ctx: RequestContext, arn: string): number {
  const acct = callerAccount(ctx);
  return (
    Object.values(acct.users).filter((u) => u.attachedPolicies.includes(arn)).length +
    Object.values(acct.roles).filter((r) => r.attachedPolicies.includes(arn)).length
  );
}

function policyShape(ctx: RequestContext, p: ManagedPolicy): XmlFields {
  return {
    PolicyName: p.policyName,
    PolicyId: p.policyId,
    Arn: p.arn,
    Path: p.path,
    DefaultVersionId: 'v1',
    AttachmentCount: attachmentCount(ctx, p.arn),
    PermissionsBoundaryUsageCount: 0,
    IsAttachable: true,
    Description: p.description,
    CreateDate: new Date(p.createDate),
    UpdateDate: new Date(p.updateDate),
  };
}

export const POLICY_HANDLERS = {
  async CreatePolicy(ctx: RequestContext, q: QueryParams): Promise<XmlFields> {
    const name = reqName(q, 'PolicyName', 128);
    const path = pathOf(q);
    const doc = reqParam(q, 'PolicyDocument');
    const arn = `arn:aws:iam::${ctx.caller.accountId}:policy${path}${name}`;
    iamAuthorize(ctx, 'CreatePolicy', arn);
    validateIamDocument(doc, 'identity', 6144);
    const acct = callerAccount(ctx);
    if (acct.policies[arn])
      throw alreadyExists(
        `A policy called ${name} already exists. Duplicate names are not allowed.`,
      );
    const now = new Date().toISOString();
    const p: ManagedPolicy = {
      policyName: name,
      policyId: newUniqueId('ANPA'),
      arn,
      path,
      ...(q.get('Description') !== undefined ? { description: q.get('Description') } : {}),
      document: doc,
      createDate: now,
      updateDate: now,
    };
    acct.policies[arn] = p;
    await persist(ctx);
    return { Policy: policyShape(ctx, p) };
  },

  async GetPolicy(ctx: RequestContext, q: QueryParams): Promise<XmlFields> {
    const arn = reqParam(q, 'PolicyArn');
    iamAuthorize(ctx, 'GetPolicy', arn);
    return { Policy: policyShape(ctx, getManagedPolicy(ctx, arn)) };
  },

  async GetPolicyVersion(ctx: RequestContext, q: QueryParams): Promise<XmlFields> {
    const arn = reqParam(q, 'PolicyArn');
    const version = reqParam(q, 'VersionId');
    iamAuthorize(ctx, 'GetPolicyVersion', arn);
    const p = getManagedPolicy(ctx, arn);
    if (version !== 'v1')
      throw noSuchEntity(`Policy ${arn} version ${version} does not exist or is not attachable.`);
    return {
      PolicyVersion: {
        Document: encodeDocument(p.document),
        VersionId: 'v1',
        IsDefaultVersion: true,
        CreateDate: new Date(p.createDate),
      },
    };
  },

  async DeletePolicy(ctx: RequestContext, q: QueryParams): Promise<undefined> {
    const arn = reqParam(q, 'PolicyArn');
    iamAuthorize(ctx, 'DeletePolicy', arn);
    const acct = callerAccount(ctx);
    if (!acct.policies[arn])
      throw noSuchEntity(`Policy ${arn} does not exist or is not attachable.`);
    if (attachmentCount(ctx, arn) > 0)
      throw deleteConflict('Cannot delete a policy attached to entities.');
    delete acct.policies[arn];
    await persist(ctx);
    return undefined;
  },

  async ListPolicies(ctx: RequestContext, q: QueryParams): Promise<XmlFields> {
    iamAuthorize(ctx, 'ListPolicies', '*');
    const scope = q.get('Scope') ?? 'All';
    const onlyAttached = q.get('OnlyAttached') === 'true';
    const all = [
      ...(scope === 'Local' ? [] : [...AWS_MANAGED_POLICIES.values()]),
      ...(scope === 'AWS' ? [] : Object.values(callerAccount(ctx).policies)),
    ].filter((p) => !onlyAttached || attachmentCount(ctx, p.arn) > 0);
    const p = iamPage(
      ctx,
      q,
      all,
      (x) => x.arn,
      `ListPolicies:${ctx.caller.accountId}:${scope}:${onlyAttached}`,
    );
    return {
      Policies: p.items.map((x) => policyShape(ctx, x)),
      IsTruncated: p.IsTruncated,
      ...(p.Marker ? { Marker: p.Marker } : {}),
    };
  },
};
