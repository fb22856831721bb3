/** IAM users and their access keys; inline and attached policies come from principal-policies. */
import { iamPage } from '../pagination.js';
import { callerAccount, persist, stateOf, type RequestContext } from '../context.js';
import { newAccessKeyId, newSecretAccessKey, newUniqueId } from '../ids.js';
import { AwsError } from '../protocols/errors.js';
import type { QueryParams, XmlFields } from '../protocols/query.js';
import type { IamUser } from '../store/model.js';
import {
  alreadyExists,
  deleteConflict,
  getUser,
  iamAuthorize,
  noSuchEntity,
  pathOf,
  reqName,
  reqParam,
  tagsOf,
  userArn,
} from './common.js';
import {
  principalPolicyHandlers,
  refuseDeleteWhilePolicies,
  USER_KIND,
} from './principal-policies.js';

const MAX_KEYS_PER_USER = 2;

export function userShape(u: IamUser): XmlFields {
  return {
    Path: u.path,
    UserName: u.userName,
    UserId: u.userId,
    Arn: u.arn,
    CreateDate: new Date(u.createDate),
    Tags: u.tags.length ? u.tags.map((t) => ({ Key: t.Key, Value: t.Value })) : undefined,
  };
}

/** UserName parameter, defaulting to the caller (IAM's rule for key and self operations). */
function userNameOrCaller(ctx: RequestContext, q: QueryParams): string {
  if (q.get('UserName') !== undefined) return reqName(q, 'UserName');
  if (ctx.caller.type !== 'user') {
    throw new AwsError(
      'ValidationError',
      'Must specify userName when calling with non-User credentials',
      400,
    );
  }
  return ctx.caller.userName!;
}

export const USER_HANDLERS = {
  async CreateUser(ctx: RequestContext, q: QueryParams): Promise<XmlFields> {
    const name = reqName(q, 'UserName');
    const path = pathOf(q);
    iamAuthorize(ctx, 'CreateUser', userArn(ctx, name, path));
    const acct = callerAccount(ctx);
    if (acct.users[name]) throw alreadyExists(`User with name ${name} already exists.`);
    const u: IamUser = {
      userName: name,
      userId: newUniqueId('AIDA'),
      path,
      arn: userArn(ctx, name, path),
      createDate: new Date().toISOString(),
      inlinePolicies: {},
      attachedPolicies: [],
      tags: tagsOf(q),
    };
    acct.users[name] = u;
    await persist(ctx);
    return { User: userShape(u) };
  },

  async GetUser(ctx: RequestContext, q: QueryParams): Promise<XmlFields> {
    const name = userNameOrCaller(ctx, q);
    iamAuthorize(ctx, 'GetUser', userArn(ctx, name));
    return { User: userShape(getUser(ctx, name)) };
  },

  async ListUsers(ctx: RequestContext, q: QueryParams): Promise<XmlFields> {
    iamAuthorize(ctx, 'ListUsers', `arn:aws:iam::${ctx.caller.accountId}:user/`);
    const prefix = q.get('PathPrefix') ?? '/';
    const users = Object.values(callerAccount(ctx).users).filter((u) => u.path.startsWith(prefix));
    const p = iamPage(
      ctx,
      q,
      users,
      (u) => u.userName,
      `ListUsers:${ctx.caller.accountId}:${prefix}`,
    );
    return {
      Users: p.items.map(userShape),
      IsTruncated: p.IsTruncated,
      ...(p.Marker ? { Marker: p.Marker } : {}),
    };
  },

  async DeleteUser(ctx: RequestContext, q: QueryParams): Promise<undefined> {
    const name = reqName(q, 'UserName');
    iamAuthorize(ctx, 'DeleteUser', userArn(ctx, name));
    const u = getUser(ctx, name);
    const state = stateOf(ctx);
    if (
      Object.values(state.accessKeys).some(
        (k) => k.accountId === ctx.caller.accountId && k.userName === name,
      )
    ) {
      throw deleteConflict('Cannot delete entity, must delete access keys first.');
    }
    refuseDeleteWhilePolicies(u);
    delete callerAccount(ctx).users[name];
    await persist(ctx);
    return undefined;
  },

  async CreateAccessKey(ctx: RequestContext, q: QueryParams): Promise<XmlFields> {
    const name = userNameOrCaller(ctx, q);
    iamAuthorize(ctx, 'CreateAccessKey', userArn(ctx, name));
    getUser(ctx, name);
    const state = stateOf(ctx);
    const existing = Object.values(state.accessKeys).filter(
      (k) => k.accountId === ctx.caller.accountId && k.userName === name,
    );
    if (existing.length >= MAX_KEYS_PER_USER) {
      throw new AwsError(
        'LimitExceeded',
        `Cannot exceed quota for AccessKeysPerUser: ${MAX_KEYS_PER_USER}`,
        409,
      );
    }
    const id = newAccessKeyId();
    const key = {
      accessKeyId: id,
      secretAccessKey: newSecretAccessKey(),
      accountId: ctx.caller.accountId,
      userName: name,
      status: 'Active' as const,
      createDate: new Date().toISOString(),
    };
    state.accessKeys[id] = key;
    await persist(ctx);
    return {
      AccessKey: {
        UserName: name,
        AccessKeyId: id,
        Status: key.status,
        SecretAccessKey: key.secretAccessKey,
        CreateDate: new Date(key.createDate),
      },
    };
  },

  async ListAccessKeys(ctx: RequestContext, q: QueryParams): Promise<XmlFields> {
    const name = userNameOrCaller(ctx, q);
    iamAuthorize(ctx, 'ListAccessKeys', userArn(ctx, name));
    getUser(ctx, name);
    const keys = Object.values(stateOf(ctx).accessKeys).filter(
      (k) => k.accountId === ctx.caller.accountId && k.userName === name,
    );
    const p = iamPage(
      ctx,
      q,
      keys,
      (k) => k.accessKeyId,
      `ListAccessKeys:${ctx.caller.accountId}:${name}`,
    );
    return {
      AccessKeyMetadata: p.items.map((k) => ({
        UserName: k.userName,
        AccessKeyId: k.accessKeyId,
        Status: k.status,
        CreateDate: new Date(k.createDate),
      })),
      IsTruncated: p.IsTruncated,
      ...(p.Marker ? { Marker: p.Marker } : {}),
    };
  },

  async DeleteAccessKey(ctx: RequestContext, q: QueryParams): Promise<undefined> {
    const id = reqParam(q, 'AccessKeyId');
    const name = userNameOrCaller(ctx, q);
    iamAuthorize(ctx, 'DeleteAccessKey', userArn(ctx, name));
    const state = stateOf(ctx);
    const key = state.accessKeys[id];
    if (!key || key.accountId !== ctx.caller.accountId || key.userName !== name) {
      throw noSuchEntity(`The Access Key with id ${id} cannot be found.`);
    }
    delete state.accessKeys[id];
    await persist(ctx);
    return undefined;
  },

  async UpdateAccessKey(ctx: RequestContext, q: QueryParams): Promise<undefined> {
    const id = reqParam(q, 'AccessKeyId');
    const status = reqParam(q, 'Status');
    if (status !== 'Active' && status !== 'Inactive') {
      throw new AwsError(
        'ValidationError',
        `Value '${status}' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive]`,
        400,
      );
    }
    const name = userNameOrCaller(ctx, q);
    iamAuthorize(ctx, 'UpdateAccessKey', userArn(ctx, name));
    const key = stateOf(ctx).accessKeys[id];
    if (!key || key.accountId !== ctx.caller.accountId || key.userName !== name) {
      throw noSuchEntity(`The Access Key with id ${id} cannot be found.`);
    }
    key.status = status;
    await persist(ctx);
    return undefined;
  },

  ...principalPolicyHandlers(USER_KIND),
};
