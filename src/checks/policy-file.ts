/** Step 5: the learner's policy file (starter, check by lint + evaluation, reference solution). */
import { readFile, rename, stat, writeFile } from 'node:fs/promises';
import { lintPolicy, type PolicyDocument } from '../policy/index.js';
import { memo } from './memo.js';
import type { CheckResult, FindingView } from '../engine/types.js';
import { analyseGrant, grantProblems, REQUIRED_ACTIONS, type GrantTarget } from './grants.js';
import type { LabAction, LabCheck, LabContext } from './types.js';
import { errorResult, param, policyFilePath, POLICY_PATH_VAR, userArn } from './util.js';
import { t as msg } from '../i18n/index.js';

export const ACCOUNT_PLACEHOLDER = '<YOUR_AWS_ACCOUNT_ID>';

/** The policy text the lesson teaches, for `account` (the placeholder in the starter file). */
export function lessonPolicyText(account: string, ciUser: string): string {
  return (
    JSON.stringify(
      {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'AllowPushPullFromCICDUser',
            Effect: 'Allow',
            Principal: { AWS: userArn(account, ciUser) },
            Action: [
              'ecr:GetDownloadUrlForLayer',
              'ecr:BatchGetImage',
              'ecr:BatchCheckLayerAvailability',
              'ecr:PutImage',
              'ecr:InitiateLayerUpload',
              'ecr:UploadLayerPart',
              'ecr:CompleteLayerUpload',
            ],
          },
        ],
      },
      null,
      2,
    ) + '\n'
  );
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** Setup: writes the starter file with the placeholder, never overwriting an existing file. */
export const writeStarterPolicy: LabAction = async (ctx, params) => {
  const file = policyFilePath(ctx, param(params, 'file'));
  ctx.setVar(POLICY_PATH_VAR, file);
  if (await exists(file)) return { summary: msg('check.policyFile.exists', { file }) };
  await writeFile(file, lessonPolicyText(ACCOUNT_PLACEHOLDER, param(params, 'ciUser')), {
    flag: 'wx',
  });
  return { summary: msg('check.policyFile.wroteStarter', { file }) };
};

/** Solve: writes the finished policy; a learner's different file is kept next to it. */
export const writeSolutionPolicy: LabAction = async (ctx, params) => {
  const file = policyFilePath(ctx, param(params, 'file'));
  ctx.setVar(POLICY_PATH_VAR, file);
  const me = await ctx.env.session.whoAmI();
  const text = lessonPolicyText(me.accountId, param(params, 'ciUser'));
  let backup = '';
  if (await exists(file)) {
    const old = await readFile(file, 'utf8');
    if (old !== text) {
      // Every earlier copy is kept: the first free name of .before-solve, .before-solve-2, ...
      backup = `${file}.before-solve`;
      for (let n = 2; await exists(backup); n++) backup = `${file}.before-solve-${n}`;
      await rename(file, backup);
    }
  }
  await writeFile(file, text);
  return {
    summary: backup
      ? msg('check.policyFile.wroteSolutionKept', { file, backup })
      : msg('check.policyFile.wroteSolution', { file }),
  };
};

function placeholderFinding(text: string): FindingView | undefined {
  const i = text.indexOf(ACCOUNT_PLACEHOLDER);
  if (i < 0) return undefined;
  const before = text.slice(0, i).split('\n');
  return {
    severity: 'error',
    code: 'account-placeholder',
    message: msg('check.policyFile.placeholder', { placeholder: ACCOUNT_PLACEHOLDER }),
    line: before.length,
    column: before[before.length - 1]!.length + 1,
    path: '',
  };
}

export interface Judgement {
  findings: FindingView[];
  /** everything wrong, in plain words (empty = exactly right) */
  problems: string[];
  parsed: boolean;
  /** the normalised document when the text parsed */
  document?: PolicyDocument;
}

/** Lints policy text against the account and judges its grant; shared with the apply step. */
export function judgePolicyText(text: string, t: GrantTarget): Judgement {
  return judgeCached(JSON.stringify([text, t.accountId, t.region, t.repository, t.ciUser]));
}

const judgeCached = memo((key: string): Judgement => {
  const [text, accountId, region, repository, ciUser] = JSON.parse(key) as string[];
  const t = { accountId: accountId!, region: region!, repository: repository!, ciUser: ciUser! };
  const placeholder = placeholderFinding(text!);
  if (placeholder)
    return { findings: [placeholder], problems: [placeholder.message], parsed: false };
  const lint = lintPolicy(text!, { account: t.accountId, kind: 'repository' });
  const findings: FindingView[] = lint.findings.map((f) => ({ ...f }));
  const errors = findings.filter((f) => f.severity === 'error');
  const problems = errors.map((f) =>
    msg('check.policyFile.finding', {
      line: f.line,
      column: f.column,
      message: f.suggestion ? `${f.message} ${f.suggestion}` : f.message,
    }),
  );
  if (!lint.document)
    return {
      findings,
      problems: problems.length ? problems : [msg('check.policyFile.notPolicy')],
      parsed: false,
    };
  problems.push(...grantProblems(analyseGrant(lint.document, t), t));
  return { findings, problems, parsed: true, document: lint.document };
});

async function target(ctx: LabContext, params: Record<string, unknown>) {
  const me = await ctx.env.session.whoAmI();
  return {
    accountId: me.accountId,
    region: ctx.env.session.region,
    repository: param(params, 'repository'),
    ciUser: param(params, 'ciUser'),
  };
}

/** Passes when the file lints with no errors and grants the CI user exactly push + pull. */
export const checkPolicyFileGrants: LabCheck = async (ctx, params) => {
  const rel = param(params, 'file');
  const file = policyFilePath(ctx, rel);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return {
      status: 'fail',
      summary: msg('check.policyFile.noFile', { file }),
      details: [msg('check.policyFile.noFileDetail')],
      hintKey: 'no-file',
    };
  }
  let t;
  try {
    t = await target(ctx, params);
  } catch (err) {
    return errorResult(ctx, err, msg('check.doing.accountIdSts'));
  }
  const j = judgePolicyText(text, t);
  const view = { kind: 'policy-file' as const, file, text, findings: j.findings };
  if (j.problems.length) {
    const first = j.findings.find((f) => f.severity === 'error');
    return {
      status: 'fail',
      summary:
        first?.code === 'account-placeholder'
          ? first.message
          : msg('check.notYet', { problem: j.problems[0]! }),
      details: j.problems,
      hintKey: first?.code ?? 'grant',
      evidence: { problems: j.problems },
      view,
    } satisfies CheckResult;
  }
  return {
    status: 'pass',
    summary: msg('check.policyFile.grants', {
      file: rel,
      user: t.ciUser,
      count: REQUIRED_ACTIONS.length,
    }),
    details: j.findings.map((f) =>
      msg('check.policyFile.findingLine', {
        severity: f.severity,
        line: f.line,
        message: f.message,
      }),
    ),
    view,
  };
};
