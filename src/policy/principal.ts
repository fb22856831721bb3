/**
 * Who a request comes from, and what a policy's Principal element names. Account principals
 * are kept in one canonical form (`arn:PARTITION:iam::ACCOUNT:root`) so `"123456789012"` and
 * its root ARN compare equal everywhere.
 */
import type { PolicyDocument, PrincipalElement, RequestPrincipal } from './types.js';

export const ACCOUNT_ID = /^\d{12}$/;

/** Thrown by principalFromArn for text that is not an IAM/STS principal ARN. */
export class InvalidPrincipalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidPrincipalError';
  }
}

const IAM_ARN =
  /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):(root|user\/(?:[^/]+\/)*([^/]+)|role\/(?:[^/]+\/)*([^/]+))$/;
const STS_ARN = /^arn:(aws|aws-cn|aws-us-gov):sts::(\d{12}):assumed-role\/([^/]+)\/([^/]+)$/;

/** Derives the request principal (type, account, name) from an IAM/STS ARN. */
export function principalFromArn(arn: string): RequestPrincipal {
  if (arn === '*' || arn === 'anonymous')
    return { arn: 'anonymous', type: 'anonymous', accountId: '' };
  const iam = IAM_ARN.exec(arn);
  if (iam) {
    const accountId = iam[2]!;
    if (iam[3] === 'root') return { arn, type: 'root', accountId };
    if (iam[4] !== undefined) return { arn, type: 'user', accountId, name: iam[4] };
    return { arn, type: 'role', accountId, name: iam[5]!, roleArn: arn };
  }
  const sts = STS_ARN.exec(arn);
  if (sts) {
    const [, partition, accountId, roleName] = sts;
    return {
      arn,
      type: 'assumed-role',
      accountId: accountId!,
      name: roleName!,
      roleArn: `arn:${partition}:iam::${accountId}:role/${roleName}`,
    };
  }
  throw new InvalidPrincipalError(
    `"${arn}" is not an IAM principal ARN. Expected arn:aws:iam::ACCOUNT:user/NAME, ` +
      'arn:aws:iam::ACCOUNT:role/NAME, arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION or arn:aws:iam::ACCOUNT:root.',
  );
}

/** `123456789012` -> `arn:aws:iam::123456789012:root`; anything else unchanged. */
export function canonicalAwsPrincipal(value: string): string {
  return ACCOUNT_ID.test(value) ? `arn:aws:iam::${value}:root` : value;
}

/** The account an AWS principal value names or lives in (undefined for `*` and non-ARNs). */
export function accountOfPrincipal(value: string): string | undefined {
  if (ACCOUNT_ID.test(value)) return value;
  const m = /^arn:[^:]+:(?:iam|sts)::(\d{12}):/.exec(value);
  return m ? m[1] : undefined;
}

/** True when the AWS principal value names a whole account (delegating to that account's IAM). */
export function isAccountPrincipal(value: string): boolean {
  return ACCOUNT_ID.test(value) || /^arn:[^:]+:iam::\d{12}:root$/.test(value);
}

/** The value shown to learners: the name for users/roles, the account for account principals. */
export function principalLabel(value: string): string {
  if (value === '*') return 'everyone (*)';
  if (isAccountPrincipal(value)) return `account ${accountOfPrincipal(value)}`;
  const m = /:(?:user|role|assumed-role)\/(?:.*\/)?([^/]+)$/.exec(value);
  if (m && /:assumed-role\//.test(value)) return value.slice(value.indexOf('assumed-role/') + 13);
  return m ? m[1]! : value;
}

function elementValues(el: PrincipalElement | undefined): string[] {
  if (el === undefined) return [];
  if (el === '*') return ['*'];
  return Object.values(el).flat();
}

/** Every principal ARN/account named in the document's Principal/NotPrincipal elements. */
export function principalsOf(doc: PolicyDocument): string[] {
  const out = new Set<string>();
  for (const s of doc.statements) {
    for (const v of [...elementValues(s.principal), ...elementValues(s.notPrincipal)]) out.add(v);
  }
  return [...out];
}
