/** IAM roles and their trust policies; inline and attached policies come from principal-policies. */
import { iamPage } from '../pagination.js';
import { callerAccount, persist, stateOf, type RequestContext } from '../context.js';
import { newUniqueId } from '../ids.js';
import { validationError } from '../protocols/errors.js';
import type { QueryParams, XmlFields } from '../protocols/query.js';
import type { IamRole } from '../store/model.js';
import {
  alreadyExists,
  encodeDocument,
  getRole,
  iamAuthorize,
  pathOf,
  reqName,
  reqParam,
  roleArn,
  tagsOf,
  validateIamDocument,
} from './common.js';
import {
  principalPolicyHandlers,
  refuseDeleteWhilePolicies,
  ROLE_KIND,
} from './principal-policies.js';

export function roleShape(r: IamRole): XmlFields {
  return {
    Path: r.path,
    RoleName: r.roleName,
    RoleId: r.roleId,
    Arn: r.arn,
    CreateDate: new Date(r.createDate),
    AssumeRolePolicyDocument: encodeDocument(r.assumeRolePolicyDocument),
    Description: r.description,
    MaxSessionDuration: r.maxSessionDuration,
    Tags: r.tags.length ? r.tags.map((t) => ({ Key: t.Key, Value: t.Value })) : undefined,
  };
}

export const ROLE_HANDLERS = {
  async CreateRole(ctx: RequestContext, q: QueryParams): Promise<XmlFields> {
    const name = reqName(q, 'RoleName');
    const path = pathOf(q);
    const trust = reqParam(q, 'AssumeRolePolicyDocument');
    const maxText = q.get('MaxSessionDuration');
    const max = maxText === undefined ? 3600 : Number(maxText);
    if (!Number.isInteger(max) || max < 3600 || max > 43200) {
      throw validationError([
        `Value '${maxText}' at 'maxSessionDuration' failed to satisfy constraint: Member must have value between 3600 and 43200`,
      ]);
    }
    iamAuthorize(ctx, 'CreateRole', roleArn(ctx, name, path));
    const acct = callerAccount(ctx);
    if (acct.roles[name]) throw alreadyExists(`Role with name ${name} already exists.`);
    validateIamDocument(trust, 'trust', 2048);
    const r: IamRole = {
      roleName: name,
      roleId: newUniqueId('AROA'),
      path,
      arn: roleArn(ctx, name, path),
      createDate: new Date().toISOString(),
      ...(q.get('Description') !== undefined ? { description: q.get('Description') } : {}),
      maxSessionDuration: max,
      assumeRolePolicyDocument: trust,
      inlinePolicies: {},
      attachedPolicies: [],
      tags: tagsOf(q),
    };
    acct.roles[name] = r;
    await persist(ctx);
    return { Role: roleShape(r) };
  },

  async GetRole(ctx: RequestContext, q: QueryParams): Promise<XmlFields> {
    const name = reqName(q, 'RoleName');
    iamAuthorize(ctx, 'GetRole', roleArn(ctx, name));
    return { Role: roleShape(getRole(ctx, name)) };
  },

  async ListRoles(ctx: RequestContext, q: QueryParams): Promise<XmlFields> {
    iamAuthorize(ctx, 'ListRoles', `arn:aws:iam::${ctx.caller.accountId}:role/`);
    const prefix = q.get('PathPrefix') ?? '/';
    const roles = Object.values(callerAccount(ctx).roles).filter((r) => r.path.startsWith(prefix));
    const p = iamPage(
      ctx,
      q,
      roles,
      (r) => r.roleName,
      `ListRoles:${ctx.caller.accountId}:${prefix}`,
    );
    return {
      Roles: p.items.map(roleShape),
      IsTruncated: p.IsTruncated,
      ...(p.Marker ? { Marker: p.Marker } : {}),
    };
  },

  async DeleteRole(ctx: RequestContext, q: QueryParams): Promise<undefined> {
    const name = reqName(q, 'RoleName');
    iamAuthorize(ctx, 'DeleteRole', roleArn(ctx, name));
    const r = getRole(ctx, name);
    refuseDeleteWhilePolicies(r);
    delete callerAccount(ctx).roles[name];
    // Sessions of a deleted role stop working at once (its keys no longer resolve).
    for (const [id, s] of Object.entries(stateOf(ctx).sessions)) {
      if (s.accountId === ctx.caller.accountId && s.roleName === name)
        delete stateOf(ctx).sessions[id];
    }
    await persist(ctx);
    return undefined;
  },

  async UpdateAssumeRolePolicy(ctx: RequestContext, q: QueryParams): Promise<undefined> {
    const name = reqName(q, 'RoleName');
    const doc = reqParam(q, 'PolicyDocument');
    iamAuthorize(ctx, 'UpdateAssumeRolePolicy', roleArn(ctx, name));
    const r = getRole(ctx, name);
    validateIamDocument(doc, 'trust', 2048);
    r.assumeRolePolicyDocument = doc;
    await persist(ctx);
    return undefined;
  },

  ...principalPolicyHandlers(ROLE_KIND),
};
