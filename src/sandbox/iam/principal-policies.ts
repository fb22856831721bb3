/**
 * Inline and attached managed policies of an IAM principal. Users and roles answer the same
 * seven operations; only the names, the lookup and the inline size quota differ.
 */
import { iamPage } from '../pagination.js';
import { persist, type RequestContext } from '../context.js';
import { AwsError } from '../protocols/errors.js';
import type { QueryParams, XmlFields } from '../protocols/query.js';
import type { IamRole, IamUser } from '../store/model.js';
import {
  deleteConflict,
  encodeDocument,
  getManagedPolicy,
  getRole,
  getUser,
  iamAuthorize,
  noSuchEntity,
  reqName,
  reqParam,
  roleArn,
  userArn,
  validateIamDocument,
} from './common.js';

/** What differs between users and roles for their policy operations. */
export interface PrincipalKind<N extends string> {
  /** `User` or `Role`, as it appears in action, parameter and quota names */
  noun: N;
  /** the principal, or IAM's NoSuchEntity for it */
  lookup(ctx: RequestContext, name: string): IamUser | IamRole;
  /** the principal's ARN, the resource its operations are authorised against */
  arn(ctx: RequestContext, name: string): string;
  /** IAM's size quota for one inline policy of this kind (whitespace excluded) */
  inlinePolicyMax: number;
}

export const USER_KIND: PrincipalKind<'User'> = {
  noun: 'User',
  lookup: getUser,
  arn: (ctx, name) => userArn(ctx, name),
  inlinePolicyMax: 2048,
};

export const ROLE_KIND: PrincipalKind<'Role'> = {
  noun: 'Role',
  lookup: getRole,
  arn: (ctx, name) => roleArn(ctx, name),
  inlinePolicyMax: 10240,
};

/** IAM's DeleteConflict for a user or role that still has inline or attached policies. */
export function refuseDeleteWhilePolicies(p: IamUser | IamRole): void {
  if (Object.keys(p.inlinePolicies).length)
    throw deleteConflict('Cannot delete entity, must delete policies first.');
  if (p.attachedPolicies.length)
    throw deleteConflict('Cannot delete entity, must detach all policies first.');
}

type Handler<R> = (ctx: RequestContext, q: QueryParams) => Promise<R>;

export type PrincipalPolicyHandlers<N extends string> = Record<
  `Put${N}Policy` | `Delete${N}Policy` | `Attach${N}Policy` | `Detach${N}Policy`,
  Handler<undefined>
> &
  Record<`Get${N}Policy` | `List${N}Policies` | `ListAttached${N}Policies`, Handler<XmlFields>>;

/** The Put/Get/Delete/List inline and Attach/Detach/ListAttached handlers for one kind. */
export function principalPolicyHandlers<N extends string>(
  kind: PrincipalKind<N>,
): PrincipalPolicyHandlers<N> {
  const { noun } = kind;
  const nameParam = `${noun}Name`;
  // IAM's wording: "The user policy with name ..." / "The role policy with name ...".
  const inlineNotFound = (policyName: string) =>
    noSuchEntity(`The ${noun.toLowerCase()} policy with name ${policyName} cannot be found.`);

  const handlers: Record<string, Handler<XmlFields | undefined>> = {
    async [`Put${noun}Policy`](ctx: RequestContext, q: QueryParams): Promise<undefined> {
      const name = reqName(q, nameParam);
      const policyName = reqName(q, 'PolicyName', 128);
      const doc = reqParam(q, 'PolicyDocument');
      iamAuthorize(ctx, `Put${noun}Policy`, kind.arn(ctx, name));
      const p = kind.lookup(ctx, name);
      validateIamDocument(doc, 'identity', kind.inlinePolicyMax);
      p.inlinePolicies[policyName] = doc;
      await persist(ctx);
      return undefined;
    },

    async [`Get${noun}Policy`](ctx: RequestContext, q: QueryParams): Promise<XmlFields> {
      const name = reqName(q, nameParam);
      const policyName = reqName(q, 'PolicyName', 128);
      iamAuthorize(ctx, `Get${noun}Policy`, kind.arn(ctx, name));
      const doc = kind.lookup(ctx, name).inlinePolicies[policyName];
      if (doc === undefined) throw inlineNotFound(policyName);
      return { [nameParam]: name, PolicyName: policyName, PolicyDocument: encodeDocument(doc) };
    },

    async [`Delete${noun}Policy`](ctx: RequestContext, q: QueryParams): Promise<undefined> {
      const name = reqName(q, nameParam);
      const policyName = reqName(q, 'PolicyName', 128);
      iamAuthorize(ctx, `Delete${noun}Policy`, kind.arn(ctx, name));
      const p = kind.lookup(ctx, name);
      if (p.inlinePolicies[policyName] === undefined) throw inlineNotFound(policyName);
      delete p.inlinePolicies[policyName];
      await persist(ctx);
      return undefined;
    },

    async [`List${noun}Policies`](ctx: RequestContext, q: QueryParams): Promise<XmlFields> {
      const name = reqName(q, nameParam);
      iamAuthorize(ctx, `List${noun}Policies`, kind.arn(ctx, name));
      const p = iamPage(
        ctx,
        q,
        Object.keys(kind.lookup(ctx, name).inlinePolicies),
        (n) => n,
        `List${noun}Policies:${ctx.caller.accountId}:${name}`,
      );
      return {
        PolicyNames: p.items,
        IsTruncated: p.IsTruncated,
        ...(p.Marker ? { Marker: p.Marker } : {}),
      };
    },

    async [`Attach${noun}Policy`](ctx: RequestContext, q: QueryParams): Promise<undefined> {
      const name = reqName(q, nameParam);
      const arn = reqParam(q, 'PolicyArn');
      iamAuthorize(ctx, `Attach${noun}Policy`, kind.arn(ctx, name));
      const p = kind.lookup(ctx, name);
      getManagedPolicy(ctx, arn);
      if (!p.attachedPolicies.includes(arn)) {
        if (p.attachedPolicies.length >= 10)
          throw new AwsError(
            'LimitExceeded',
            `Cannot exceed quota for PoliciesPer${noun}: 10`,
            409,
          );
        p.attachedPolicies.push(arn);
        await persist(ctx);
      }
      return undefined;
    },

    async [`Detach${noun}Policy`](ctx: RequestContext, q: QueryParams): Promise<undefined> {
      const name = reqName(q, nameParam);
      const arn = reqParam(q, 'PolicyArn');
      iamAuthorize(ctx, `Detach${noun}Policy`, kind.arn(ctx, name));
      const p = kind.lookup(ctx, name);
      if (!p.attachedPolicies.includes(arn)) throw noSuchEntity(`Policy ${arn} was not found.`);
      p.attachedPolicies = p.attachedPolicies.filter((a) => a !== arn);
      await persist(ctx);
      return undefined;
    },

    async [`ListAttached${noun}Policies`](ctx: RequestContext, q: QueryParams): Promise<XmlFields> {
      const name = reqName(q, nameParam);
      iamAuthorize(ctx, `ListAttached${noun}Policies`, kind.arn(ctx, name));
      const entity = kind.lookup(ctx, name);
      const p = iamPage(
        ctx,
        q,
        entity.attachedPolicies,
        (arn) => arn,
        `ListAttached${noun}Policies:${ctx.caller.accountId}:${name}`,
      );
      return {
        AttachedPolicies: p.items.map((arn) => ({
          PolicyName: getManagedPolicy(ctx, arn).policyName,
          PolicyArn: arn,
        })),
        IsTruncated: p.IsTruncated,
        ...(p.Marker ? { Marker: p.Marker } : {}),
      };
    },
  };
  // The computed keys above are exactly the seven names of PrincipalPolicyHandlers<N>.
  return handlers as PrincipalPolicyHandlers<N>;
}
