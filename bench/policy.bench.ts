/**
 * Policy toolkit speed: evaluation throughput (the sandbox's hot path) against
 * @cloud-copilot/iam-simulate on the very same cases in the same run, and lint latency on a
 * policy near the 10,240-character limit.
 */
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { medianMs, opsPerSecond, type BenchModule, type BenchRow } from './lib.js';
import {
  evaluate,
  lintPolicy,
  parsePolicy,
  principalFromArn,
  type EvaluationInput,
} from '../src/policy/index.js';

const ACCOUNT = '123456789012';
const OTHER = '210987654321';
const REPO = `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/fcj-workshop-app`;
const CI = `arn:aws:iam::${ACCOUNT}:user/fcj-ecr-ci-cd-user`;

const seedJson = {
  Version: '2008-10-17',
  Statement: [
    {
      Sid: 'AllowPushPullFromCICDUser',
      Effect: 'Allow',
      Principal: { AWS: CI },
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
};
const identityJson = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' }],
};

const CALLERS = [
  CI,
  `arn:aws:iam::${ACCOUNT}:user/workshop-admin`,
  `arn:aws:iam::${OTHER}:user/fcj-ecr-ci-cd-user`,
];
const ACTIONS = [
  'ecr:BatchCheckLayerAvailability',
  'ecr:InitiateLayerUpload',
  'ecr:UploadLayerPart',
  'ecr:CompleteLayerUpload',
  'ecr:PutImage',
  'ecr:BatchGetImage',
  'ecr:GetDownloadUrlForLayer',
  'ecr:DeleteRepository',
];
const CASES = CALLERS.flatMap((caller) => ACTIONS.map((action) => ({ caller, action })));

/** A valid repository policy of about 10 KB: many statements, conditions, every push/pull action. */
function tenKilobytePolicy(): string {
  const statements: unknown[] = [];
  let i = 0;
  let text = '';
  for (;;) {
    statements.push({
      Sid: `AllowTeam${i}`,
      Effect: i % 5 === 4 ? 'Deny' : 'Allow',
      Principal: {
        AWS: [
          `arn:aws:iam::${ACCOUNT}:user/team-${i}-ci`,
          `arn:aws:iam::${ACCOUNT}:role/team-${i}-deployer`,
        ],
      },
      Action: [...ACTIONS.slice(0, 7)],
      Condition: {
        Bool: { 'aws:SecureTransport': 'true' },
        IpAddress: { 'aws:SourceIp': `10.${i}.0.0/16` },
      },
    });
    const next = JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
    if (next.length > 10_000) return text;
    text = next;
    i++;
  }
}

const bench: BenchModule = {
  title: 'policy toolkit (src/policy)',
  async run(ctx): Promise<BenchRow[]> {
    const seed = parsePolicy(JSON.stringify(seedJson));
    const identity = parsePolicy(JSON.stringify(identityJson));
    const inputs: EvaluationInput[] = CASES.map((c) => ({
      request: {
        principal: principalFromArn(c.caller),
        action: c.action,
        resource: REPO,
        context: { 'aws:SecureTransport': true },
      },
      identityPolicies: [{ name: 'ci-login', document: identity }],
      resourcePolicy: { name: 'repository policy', document: seed },
    }));
    const sims = CASES.map((c) => ({
      identityPolicies: [{ name: 'ci-login', policy: identityJson }],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: seedJson,
      request: {
        action: c.action,
        principal: c.caller,
        resource: { accountId: ACCOUNT, resource: REPO },
        contextVariables: { 'aws:SecureTransport': 'true' },
      },
    })) as unknown as Array<Parameters<typeof runSimulation>[0]>;

    // Both must decide the same before their speed means anything.
    const toSim = {
      allowed: 'Allowed',
      'implicit-deny': 'ImplicitlyDenied',
      'explicit-deny': 'ExplicitlyDenied',
    };
    for (let i = 0; i < inputs.length; i++) {
      const sim = await runSimulation(sims[i]!, {});
      const ours = toSim[evaluate(inputs[i]!).decision];
      if (sim.resultType !== 'single' || sim.overallResult !== ours) {
        throw new Error(
          `decisions differ for ${JSON.stringify(CASES[i])}: ours ${ours}, iam-simulate ${JSON.stringify(sim).slice(0, 200)}`,
        );
      }
    }

    const rounds = ctx.quick ? 3 : 7;
    // Ours is synchronous: batch inside the timed function so the harness's per-call `await`
    // (a microtask each, slower than an evaluation) is not what gets measured.
    const INNER = 100;
    let k = 0;
    const ours =
      INNER *
      (await opsPerSecond(
        () => {
          for (let n = 0; n < INNER; n++) evaluate(inputs[k++ % inputs.length]!);
        },
        { batch: 50, ms: ctx.quick ? 100 : 300, rounds },
      ));
    let j = 0;
    const theirs = await opsPerSecond(() => runSimulation(sims[j++ % sims.length]!, {}), {
      batch: 20,
      ms: ctx.quick ? 100 : 300,
      rounds,
    });
    const ratio = ours / theirs;

    // Issue 14: lint cost on wildcard-heavy actions (`ecr:` + 48 `?` + `*`, about 58 characters
    // each: 100 make 5.7 KB, 800 make 45 KB, over the limit), against the seed policy's lint.
    const seedText = JSON.stringify(seedJson, null, 2);
    const lintRounds = ctx.quick ? 50 : 300;
    const seedLintMs = await medianMs(() => lintPolicy(seedText), lintRounds, 5);
    const wild = (n: number): string =>
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: CI },
            Action: Array.from({ length: n }, () => `ecr:${'?'.repeat(48)}*`),
          },
        ],
      });
    const wild100 = wild(100);
    const wild800 = wild(800);
    const wild100Ms = await medianMs(() => lintPolicy(wild100), lintRounds, 5);
    const wild800Ms = await medianMs(() => lintPolicy(wild800), lintRounds, 5);

    const big = tenKilobytePolicy();
    const lintFindings = lintPolicy(big).findings.filter((f) => f.severity === 'error');
    if (lintFindings.length > 0)
      throw new Error(`the 10 KB bench policy has errors: ${lintFindings[0]!.message}`);
    const lintMs = await medianMs(() => lintPolicy(big), ctx.quick ? 30 : 200, 5);
    const parseMs = await medianMs(() => parsePolicy(big), ctx.quick ? 30 : 200, 5);

    return [
      {
        name: `policy evaluate, seed repository policy + 1 identity policy (${CASES.length} requests)`,
        value: ours,
        unit: 'ops/s',
        baseline: { name: 'iam-simulate, same cases', value: theirs },
        ratio,
        goal: '>= 50x faster than iam-simulate',
        met: ratio >= 50,
      },
      {
        name: `policy lint of a ${(big.length / 1024).toFixed(1)} KB policy, median`,
        value: lintMs,
        unit: 'ms',
        goal: '< 5 ms',
        met: lintMs < 5,
      },
      { name: `parsePolicy of the same policy, median`, value: parseMs, unit: 'ms' },
      { name: `policy lint of the seed policy, median`, value: seedLintMs, unit: 'ms' },
      {
        name: `policy lint of 100 wildcard actions (${(wild100.length / 1024).toFixed(1)} KB), median`,
        value: wild100Ms,
        unit: 'ms',
        baseline: { name: 'the seed policy', value: seedLintMs },
        ratio: wild100Ms / seedLintMs,
        goal: "<= 3x the seed policy's lint",
        met: wild100Ms <= 3 * seedLintMs,
      },
      {
        name: `policy lint of 800 wildcard actions (${(wild800.length / 1024).toFixed(1)} KB, over the limit), median`,
        value: wild800Ms,
        unit: 'ms',
        baseline: { name: 'the seed policy', value: seedLintMs },
        ratio: wild800Ms / seedLintMs,
        goal: "<= 5x the seed policy's lint",
        met: wild800Ms <= 5 * seedLintMs,
      },
    ];
  },
};

export default bench;
