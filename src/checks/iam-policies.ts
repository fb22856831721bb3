/** Reads an IAM user's identity policies (inline and attached) as toolkit documents. */
import { t as msg } from '../i18n/index.js';
import {
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetUserPolicyCommand,
  ListAttachedUserPoliciesCommand,
  ListUserPoliciesCommand,
} from '@aws-sdk/client-iam';
import { parsePolicy, type NamedPolicy } from '../policy/index.js';
import type { LabContext } from './types.js';

/** IAM returns policy documents URL-encoded. */
function decode(doc: string | undefined): string {
  if (!doc) return '{}';
  try {
    return decodeURIComponent(doc);
  } catch {
    return doc;
  }
}

/** The user's inline and attached policies (groups are not read: the lesson's users have none). */
export async function userIdentityPolicies(ctx: LabContext, user: string): Promise<NamedPolicy[]> {
  const iam = ctx.env.session.clients.iam;
  const policies: NamedPolicy[] = [];
  const inline = await iam.send(new ListUserPoliciesCommand({ UserName: user }));
  for (const name of inline.PolicyNames ?? []) {
    const p = await iam.send(new GetUserPolicyCommand({ UserName: user, PolicyName: name }));
    policies.push({
      name: msg('checks.iam.inline', { name, user }),
      document: parsePolicy(decode(p.PolicyDocument)),
    });
  }
  const attached = await iam.send(new ListAttachedUserPoliciesCommand({ UserName: user }));
  for (const a of attached.AttachedPolicies ?? []) {
    const pol = await iam.send(new GetPolicyCommand({ PolicyArn: a.PolicyArn }));
    const v = await iam.send(
      new GetPolicyVersionCommand({
        PolicyArn: a.PolicyArn,
        VersionId: pol.Policy?.DefaultVersionId,
      }),
    );
    policies.push({
      name: msg('checks.iam.managed', { name: a.PolicyName ?? '', user }),
      document: parsePolicy(decode(v.PolicyVersion?.Document)),
    });
  }
  return policies;
}
