/** IAM operations by Action name. */
import type { RequestContext } from '../context.js';
import type { QueryParams, XmlFields } from '../protocols/query.js';
import { POLICY_HANDLERS } from './policies.js';
import { ROLE_HANDLERS } from './roles.js';
import { SIMULATE_HANDLERS } from './simulate.js';
import { USER_HANDLERS } from './users.js';

export const IAM_HANDLERS: Record<
  string,
  (ctx: RequestContext, q: QueryParams) => Promise<XmlFields | undefined>
> = {
  ...USER_HANDLERS,
  ...ROLE_HANDLERS,
  ...POLICY_HANDLERS,
  ...SIMULATE_HANDLERS,
};
