/**
 * `ecr-tutor policy lint FILE` and `ecr-tutor policy explain ...`: the policy toolkit on the
 * command line. Plain text readable without colour, or `--json` for machines.
 * Exit codes: lint 0 = no errors, 1 = errors; explain 0 = allowed, 1 = denied; both 2 = usage/IO.
 */
import { readFile } from 'node:fs/promises';
import type { Io } from '../io.js';
import {
  accessDeniedMessage,
  decisionWhy,
  didYouMean,
  evaluate,
  findAction,
  lintPolicy,
  parsePolicy,
  principalFromArn,
  PolicyParseError,
  sayWords,
  traceWhy,
  type Finding,
  type NamedPolicy,
  type RequestPrincipal,
} from '../policy/index.js';
import { jsonForTerminal, sanitizeLine } from '../text/sanitize.js';
import { t } from '../i18n/index.js';

/** Reads a file, or standard input for `-`; returns the text or an error line for the user. */
async function readInput(file: string): Promise<{ text: string } | { error: string }> {
  try {
    if (file === '-') {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Buffer));
      return { text: Buffer.concat(chunks).toString('utf8') };
    }
    return { text: await readFile(file, 'utf8') };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? t('policy.cli.noSuchFile')
        : code === 'EISDIR'
          ? t('policy.cli.isFolder')
          : code === 'EACCES'
            ? t('policy.cli.permissionDenied')
            : (err as Error).message;
    return { error: t('policy.cli.cannotRead', { file, why }) };
  }
}

function usage(io: Io, message: string, tryMessage: string): number {
  io.err(`${t('error.label', { message })}\n${t('error.try', { tryMessage })}\n`);
  return 2;
}

const QUOTE_WIDTH = 100;

/** At most `width` characters of `line` around index `at`, with `...` where it was cut. */
function lineWindow(line: string, at: number, width: number): { text: string; caret: number } {
  if (line.length <= width) return { text: line, caret: Math.max(0, at) };
  const start = Math.max(0, Math.min(at - Math.floor(width / 2), line.length - width));
  const head = start > 0 ? '...' : '';
  const tail = start + width < line.length ? '...' : '';
  return { text: head + line.slice(start, start + width) + tail, caret: head.length + at - start };
}

function formatFinding(file: string, lines: string[], f: Finding): string {
  const src = lines[f.line - 1];
  // The policy is someone else's text: its messages and quoted line go through the sanitiser,
  // and the caret stands under the sanitised column.
  let out = `${t('policy.cli.finding', {
    file: sanitizeLine(file),
    line: f.line,
    column: f.column,
    severity: t('policy.cli.severity', { severity: f.severity }),
    code: f.code,
    message: sanitizeLine(f.message),
  })}\n`;
  if (src !== undefined && src.trim() !== '') {
    // A window of the line around the column: a one-line 10 KB policy quoted once per finding
    // would print megabytes. Sanitised, with the caret under the sanitised column.
    const { text, caret } = lineWindow(src.replace(/\t/g, ' '), f.column - 1, QUOTE_WIDTH);
    const before = sanitizeLine(text.slice(0, caret));
    out += `    ${sanitizeLine(text)}\n    ${' '.repeat(before.length)}^\n`;
  }
  if (f.suggestion)
    out += `    ${t('policy.cli.fix', { suggestion: sanitizeLine(f.suggestion) })}\n`;
  return out;
}

/** `policy lint FILE [--account ID] [--json]`: 0 = no errors, 1 = errors, 2 = usage/IO. */
export async function runPolicyLint(
  io: Io,
  opts: { file: string; account?: string; json: boolean },
): Promise<number> {
  if (opts.account !== undefined && !/^\d{12}$/.test(opts.account)) {
    return usage(
      io,
      t('policy.cli.accountFlag', { value: opts.account }),
      'aws sts get-caller-identity --query Account --output text',
    );
  }
  const input = await readInput(opts.file);
  if ('error' in input) {
    return usage(io, input.error, t('policy.cli.lintPathTry'));
  }
  const { findings } = lintPolicy(input.text, opts.account ? { account: opts.account } : {});
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  if (opts.json) {
    const shaped = findings.map((f) => ({
      severity: f.severity,
      code: f.code,
      message: f.message,
      line: f.line,
      column: f.column,
      path: f.path,
      suggestion: f.suggestion ?? null,
    }));
    io.out(jsonForTerminal({ findings: shaped }, null, 2) + '\n');
  } else {
    const lines = input.text.split(/\r?\n/);
    for (const f of findings) io.out(formatFinding(opts.file, lines, f));
    io.out(
      `${
        findings.length === 0
          ? t('policy.cli.noProblems', { file: opts.file })
          : t('policy.cli.summary', {
              file: opts.file,
              errors,
              warnings,
              accepted: errors === 0 ? 'yes' : 'no',
            })
      }\n`,
    );
  }
  return errors > 0 ? 1 : 0;
}

async function loadPolicy(io: Io, file: string, name: string): Promise<NamedPolicy | number> {
  const input = await readInput(file);
  if ('error' in input) return usage(io, input.error, t('policy.cli.policyPathTry'));
  try {
    return { name, document: parsePolicy(input.text) };
  } catch (err) {
    if (err instanceof PolicyParseError) {
      return usage(
        io,
        `${file}:${err.line}:${err.column}: ${err.message}`,
        err.suggestion ?? `ecr-tutor policy lint ${file}`,
      );
    }
    throw err;
  }
}

/** Keys that are always present on an ECR API request, with the value they have there. */
const ECR_CONTEXT_DEFAULTS: Record<string, string> = {
  // IAM: aws:SecureTransport "is always present"; the ECR API is HTTPS only, so it is true.
  'aws:SecureTransport': 'true',
};

/** `--context KEY=VALUE` options into request-context values (a key given twice becomes a list). */
function parseContext(
  items: string[],
): { values: Record<string, string | string[]>; defaults: string[] } | { error: string } {
  const values: Record<string, string | string[]> = {};
  for (const item of items) {
    const eq = item.indexOf('=');
    const key = eq > 0 ? item.slice(0, eq).trim() : '';
    if (!/^[A-Za-z0-9-]+:[A-Za-z0-9_/.:-]+$/.test(key)) {
      return {
        error: t('policy.cli.badContext', { item }),
      };
    }
    const value = item.slice(eq + 1);
    const known = Object.keys(values).find((k) => k.toLowerCase() === key.toLowerCase());
    if (known !== undefined) {
      const prev = values[known]!;
      values[known] = [...(Array.isArray(prev) ? prev : [prev]), value];
    } else values[key] = value;
  }
  const defaults: string[] = [];
  for (const [k, v] of Object.entries(ECR_CONTEXT_DEFAULTS)) {
    if (!Object.keys(values).some((x) => x.toLowerCase() === k.toLowerCase())) {
      values[k] = v;
      defaults.push(k);
    }
  }
  return { values, defaults };
}

/** `policy explain`: decision and statement-by-statement trace; 0 = allowed, 1 = denied, 2 = usage/IO. */
export async function runPolicyExplain(
  io: Io,
  opts: {
    policy: string;
    principal: string;
    action: string;
    identityPolicies: string[];
    resource?: string;
    /** the repository's account when --resource is not given (default: the principal's) */
    account?: string;
    /** `KEY=VALUE` request-context keys (repeatable) */
    context?: string[];
    json: boolean;
  },
): Promise<number> {
  let principal: RequestPrincipal;
  try {
    principal = principalFromArn(opts.principal);
  } catch (err) {
    return usage(
      io,
      `--principal: ${(err as Error).message}`,
      `--principal arn:aws:iam::123456789012:user/fcj-ecr-ci-cd-user`,
    );
  }
  if (!/^[A-Za-z0-9-]+:[A-Za-z0-9*?]+$/.test(opts.action)) {
    return usage(io, t('policy.cli.badAction', { action: opts.action }), '--action ecr:PutImage');
  }
  const known = findAction(opts.action);
  const notes: string[] = [];
  if (!known && !/[*?]/.test(opts.action)) {
    const guess = didYouMean(opts.action);
    notes.push(
      t('policy.cli.unknownActionNote', {
        action: opts.action,
        guess: guess ?? '',
        hasGuess: guess ? 'yes' : 'no',
      }),
    );
  }
  const action = known?.name ?? opts.action;
  // Account-scoped actions (ecr:GetAuthorizationToken) act on "*", and only IAM policies govern them.
  const accountScoped = known?.scope === '*';
  if (opts.account !== undefined && !/^\d{12}$/.test(opts.account)) {
    return usage(
      io,
      t('policy.cli.accountFlagExplain', { value: opts.account }),
      '--account 123456789012',
    );
  }
  const context = parseContext(opts.context ?? []);
  if ('error' in context) return usage(io, context.error, '--context aws:SourceIp=203.0.113.7');
  // Without --resource the repository is fcj-workshop-app in --account's account, else the
  // principal's: a partner probe must not land in the partner's own account by accident.
  const account = opts.account ?? (principal.accountId || '123456789012');
  const resource =
    opts.resource ??
    (accountScoped ? '*' : `arn:aws:ecr:us-east-1:${account}:repository/fcj-workshop-app`);

  const resourcePolicy = await loadPolicy(
    io,
    opts.policy,
    t('policy.cli.repositoryPolicyName', { file: opts.policy }),
  );
  if (typeof resourcePolicy === 'number') return resourcePolicy;
  const identityPolicies: NamedPolicy[] = [];
  for (const file of opts.identityPolicies) {
    const p = await loadPolicy(io, file, t('policy.cli.identityPolicyName', { file }));
    if (typeof p === 'number') return p;
    identityPolicies.push(p);
  }
  if (accountScoped) {
    notes.push(t('policy.cli.accountScopedNote', { action }));
  }
  const result = evaluate({
    request: { principal, action, resource, context: context.values },
    identityPolicies,
    ...(accountScoped ? {} : { resourcePolicy }),
  });
  const resourceAccount =
    /^arn:[^:]+:[^:]+:[^:]*:(\d{12}):/.exec(resource)?.[1] ??
    (accountScoped ? principal.accountId : account);
  const sameAccount = resourceAccount === principal.accountId;
  const denied = result.decision !== 'allowed';
  const message = denied ? accessDeniedMessage(principal.arn, action, resource, result) : undefined;

  if (opts.json) {
    io.out(
      jsonForTerminal(
        {
          decision: result.decision,
          reason: result.reason,
          basis: result.basis,
          explanation: decisionWhy(result, action, 'long'),
          ...(message ? { message } : {}),
          request: {
            principal: principal.arn,
            principalType: principal.type,
            principalAccount: principal.accountId,
            action,
            resource,
            resourceAccount,
            sameAccount,
          },
          resourceAssumed: opts.resource === undefined,
          context: context.values,
          contextDefaults: context.defaults,
          absentKeys: result.absentKeys,
          // `why` in the learner's language, as the human output says it
          trace: result.trace.map(({ because, ...entry }) => ({
            ...entry,
            why: sayWords(because),
          })),
          unsupported: result.unsupported,
          notes,
        },
        null,
        2,
      ) + '\n',
    );
    return denied ? 1 : 0;
  }
  for (const n of notes) io.err(`${n}\n`);
  const why = decisionWhy(result, action, 'long');
  let out = `${t('policy.cli.decision', { decision: result.decision.replace(/-/g, '_') })}\n`;
  out += denied
    ? `  ${t('policy.cli.awsWouldSay', { message: message! })}\n  ${t('policy.cli.whyDenied', { why })}\n`
    : `  ${t('policy.cli.why', { why })}\n`;
  out += `\n${t('policy.cli.request')}\n`;
  out += `  ${t('policy.cli.principal', {
    arn: principal.arn,
    type: t('policy.cli.principalType', { type: principal.type.replace(/-/g, '_') }),
    account: principal.accountId || '',
    hasAccount: principal.accountId ? 'yes' : 'no',
  })}\n`;
  out += `  ${t('policy.cli.action', { action })}\n`;
  out += `  ${t('policy.cli.resource', {
    resource,
    assumed: opts.resource
      ? 'no'
      : accountScoped
        ? 'accountScoped'
        : opts.account
          ? 'flag'
          : 'principal',
    account,
  })}\n`;
  const contextKeys = Object.keys(context.values);
  out += `  ${t('policy.cli.context', {
    values: contextKeys.map((k) => `${k}=${String(context.values[k])}`).join(', '),
    defaults: context.defaults.join(', '),
    hasDefaults: context.defaults.length ? 'yes' : 'no',
  })}\n`;
  out += sameAccount
    ? `  ${t('policy.cli.sameAccount')}\n`
    : `  ${t('policy.cli.crossAccount', { from: principal.accountId, to: resourceAccount })}\n`;
  out += `  ${t('policy.cli.denyWins')}\n`;
  out += `\n${t('policy.cli.statements')}\n`;
  if (result.trace.length === 0) out += `  ${t('policy.cli.noStatements')}\n`;
  for (const e of result.trace) {
    const mark = t('policy.cli.mark', {
      mark: e.matched ? (e.effect === 'Deny' ? 'deny' : 'allow') : 'none',
    });
    out += `  ${mark} ${t('policy.cli.statement', {
      policy: e.policy,
      n: e.statementIndex + 1,
      sid: e.sid ?? '',
      hasSid: e.sid ? 'yes' : 'no',
      effect: e.effect,
      why: traceWhy(e),
    })}\n`;
  }
  if (result.absentKeys.length > 0) {
    out += `\n${t('policy.cli.absentHeading')}\n`;
    for (const a of result.absentKeys) {
      out += `  - ${t('policy.cli.absentKey', {
        key: a.key,
        op: a.op,
        held: a.held ? 'yes' : 'no',
        policy: a.policy,
        n: a.statementIndex + 1,
        sid: a.sid ?? '',
        hasSid: a.sid ? 'yes' : 'no',
        effect: a.effect,
      })}\n`;
    }
  }
  if (result.unsupported.length > 0) {
    out += `\n${t('policy.cli.unsupportedHeading')}\n`;
    for (const u of result.unsupported) out += `  - ${u}\n`;
  }
  io.out(out);
  return denied ? 1 : 0;
}
