/** STS (awsQuery): GetCallerIdentity (no permission needed) and AssumeRole (trust policy evaluated). */
import { evaluate, accessDeniedMessage } from '../policy/index.js';
import { cachedPolicy, decide, requestPrincipal } from './authorize.js';
import { persist, stateOf, type RequestContext } from './context.js';
import { newAccessKeyId, newSecretAccessKey, newSessionToken } from './ids.js';
import { AwsError, validationError } from './protocols/errors.js';
import type { QueryParams, XmlFields } from './protocols/query.js';

const SESSION_NAME = /^[\w+=,.@-]*$/;
const ROLE_ARN = /^arn:aws:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]+)$/;

async function getCallerIdentity(ctx: RequestContext): Promise<XmlFields> {
  return { UserId: ctx.caller.userId, Account: ctx.caller.accountId, Arn: ctx.caller.arn };
}

function denied(ctx: RequestContext, roleArn: string, reason?: string): AwsError {
  return new AwsError(
    'AccessDenied',
    reason ??
      `User: ${ctx.caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
    403,
  );
}

async function assumeRole(ctx: RequestContext, q: QueryParams): Promise<XmlFields> {
  const roleArn = q.get('RoleArn');
  const sessionName = q.get('RoleSessionName');
  const durationText = q.get('DurationSeconds');
  const problems: string[] = [];
  if (roleArn === undefined)
    problems.push("Value null at 'roleArn' failed to satisfy constraint: Member must not be null");
  if (sessionName === undefined) {
    problems.push(
      "Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null",
    );
  } else if (sessionName.length < 2 || sessionName.length > 64) {
    problems.push(
      `Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must have length ${sessionName.length < 2 ? 'greater than or equal to 2' : 'less than or equal to 64'}`,
    );
  } else if (!SESSION_NAME.test(sessionName)) {
    problems.push(
      `Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`,
    );
  }
  const duration = durationText === undefined ? 3600 : Number(durationText);
  if (!Number.isInteger(duration) || duration < 900) {
    problems.push(
      `Value '${durationText}' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900`,
    );
  }
  if (problems.length) throw validationError(problems);
  const m = ROLE_ARN.exec(roleArn!);
  if (!m)
    throw validationError([
      `Value '${roleArn}' at 'roleArn' failed to satisfy constraint: Member must be a role ARN`,
    ]);
  const role = stateOf(ctx).accounts[m[1]!]?.roles[m[2]!];
  if (!role || role.arn !== roleArn) throw denied(ctx, roleArn!);
  if (duration > role.maxSessionDuration) {
    throw validationError([
      `The requested DurationSeconds exceeds the MaxSessionDuration set for this role.`,
    ]);
  }
  const trust = cachedPolicy(role.assumeRolePolicyDocument);
  if (!trust) throw denied(ctx, roleArn!);
  // The trust policy must name the caller (directly or through its account) whatever the
  // identity policies say: evaluate it as if cross-account with an allow-everything identity.
  const trustOnly = evaluate({
    request: {
      principal: requestPrincipal(ctx.caller, stateOf(ctx)),
      action: 'sts:AssumeRole',
      resource: roleArn!,
      resourceAccount: ctx.caller.accountId === '000000000000' ? '000000000001' : '000000000000',
    },
    identityPolicies: [
      {
        name: 'trust check',
        document: {
          version: '2012-10-17',
          statements: [{ effect: 'Allow', action: ['*'], resource: ['*'] }],
        },
      },
    ],
    resourcePolicy: { name: `trust policy of role ${role.roleName}`, document: trust },
  });
  if (trustOnly.decision !== 'allowed') throw denied(ctx, roleArn!);
  // Then the normal rules: same account, the trust policy naming the user is enough; an
  // account-wide trust or a cross-account caller also needs the caller's identity policy.
  const full = decide(ctx, 'sts:AssumeRole', roleArn!, {
    resourceAccount: m[1]!,
    resourcePolicy: {
      name: `trust policy of role ${role.roleName}`,
      text: role.assumeRolePolicyDocument,
    },
  });
  if (full.decision !== 'allowed')
    throw denied(
      ctx,
      roleArn!,
      accessDeniedMessage(ctx.caller.arn, 'sts:AssumeRole', roleArn!, full),
    );
  const accessKeyId = newAccessKeyId('ASIA');
  const secretAccessKey = newSecretAccessKey();
  const sessionToken = newSessionToken();
  const expiration = new Date(Date.now() + duration * 1000);
  expiration.setMilliseconds(0);
  const state = stateOf(ctx);
  // Forget sessions that expired a day ago so the state does not grow without bound.
  for (const [id, s] of Object.entries(state.sessions)) {
    if (Date.parse(s.expiration) < Date.now() - 86_400_000) delete state.sessions[id];
  }
  state.sessions[accessKeyId] = {
    accessKeyId,
    secretAccessKey,
    sessionToken,
    accountId: m[1]!,
    roleName: role.roleName,
    sessionName: sessionName!,
    expiration: expiration.toISOString(),
  };
  await persist(ctx);
  return {
    Credentials: {
      AccessKeyId: accessKeyId,
      SecretAccessKey: secretAccessKey,
      SessionToken: sessionToken,
      Expiration: expiration,
    },
    AssumedRoleUser: {
      AssumedRoleId: `${role.roleId}:${sessionName}`,
      Arn: `arn:aws:sts::${m[1]}:assumed-role/${role.roleName}/${sessionName}`,
    },
  };
}

export const STS_HANDLERS: Record<
  string,
  (ctx: RequestContext, q: QueryParams) => Promise<XmlFields | undefined>
> = {
  GetCallerIdentity: getCallerIdentity,
  AssumeRole: assumeRole,
};
