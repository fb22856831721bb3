/**
 * The tutor's --endpoint-url path against an AWS the project did not write: moto's server
 * (moto 5.x, `moto_server`). The account is set up with the AWS CLI v2, the built tutor runs as
 * a learner runs it (temporary HOME, environment keys or a profile), and each test asserts what
 * the learner reads.
 *
 * moto gaps met here (moto 5.2), each asserted as the tutor's "could not check" path, not a pass:
 * - ECR layer calls are not implemented: BatchCheckLayerAvailability, InitiateLayerUpload,
 *   UploadLayerPart, CompleteLayerUpload and GetDownloadUrlForLayer answer HTTP 500 with an HTML
 *   page (NotImplementedError), so the verify step (7) cannot push or pull there.
 * - No request is authenticated unless moto is told to (any key and secret are accepted, no
 *   signature is checked), so wrong-key and access-denied cases are tested on the sandbox
 *   (test/aws/credential-chain.test.ts), not here. With IAM enforcement on, moto ignores
 *   repository policies and words ECR denials in XML (see /work/shared/AWS-FACTS.md).
 * - GetCallerIdentity with moto's default keys answers `arn:aws:sts::123456789012:user/moto`,
 *   an ARN shape real AWS never returns (a user's ARN is arn:aws:iam::…:user/NAME).
 * - IAM is consistent at once: the eventual-consistency path (`pending`) cannot show here.
 * - No SSO portal: SSO profiles are tested up to the token (missing or expired), which fails
 *   before any request.
 */
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openSession } from '../../src/aws/session.js';
import { checkPushPullAsCiUser } from '../../src/checks/verify.js';
import type { LabContext } from '../../src/checks/types.js';
import type { ActionRow, CheckProgress } from '../../src/engine/types.js';
import { learnerHome, type LearnerHome } from '../helpers/tutor-cli.js';
import { MOTO_ACCOUNT, MOTO_KEYS, motoUnavailable, startMoto, type Moto } from './moto.js';

const REPO = 'fcj-workshop-app';
const CI = 'fcj-ecr-ci-cd-user';
const LESSON = 'repository-policy';

const why = motoUnavailable();
if (why) {
  const notice = `NOTICE: the foreign-AWS suite (test/foreign-aws) did not run: ${why}.`;
  console.warn(notice);
  if (process.env.ECR_TUTOR_REQUIRE_MOTO === '1') throw new Error(`${notice} It is required here.`);
}

const solution = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'AllowCiPushPull',
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${MOTO_ACCOUNT}:user/${CI}` },
      Action: [
        'ecr:BatchCheckLayerAvailability',
        'ecr:InitiateLayerUpload',
        'ecr:UploadLayerPart',
        'ecr:CompleteLayerUpload',
        'ecr:PutImage',
        'ecr:BatchGetImage',
        'ecr:GetDownloadUrlForLayer',
      ],
    },
  ],
};

// Each case runs the AWS CLI (a Python start-up each) and the tutor: slow on a busy machine.
describe.skipIf(why !== undefined)(
  'the tutor against moto (--endpoint-url)',
  { timeout: 180_000 },
  () => {
    let moto: Moto;
    let l: LearnerHome;
    beforeAll(async () => {
      moto = await startMoto();
    });
    afterAll(async () => {
      await moto?.stop();
    });
    beforeEach(async () => {
      await moto.reset();
      l = await learnerHome();
    });
    afterEach(async () => {
      await l.remove();
    });

    const env = () => ({ ...MOTO_KEYS, AWS_REGION: 'us-east-1' });
    const tutor = (args: string[], extra: Record<string, string> = {}) =>
      l.run([...args, '--endpoint-url', moto.endpoint], { ...env(), ...extra });

    /** The workshop's starting point (section 5.1), made with the AWS CLI as a learner would. */
    async function workshopAccount(tags?: Array<{ Key: string; Value: string }>): Promise<void> {
      await moto.aws([
        'ecr',
        'create-repository',
        '--repository-name',
        REPO,
        ...(tags ? ['--tags', JSON.stringify(tags)] : []),
      ]);
      await moto.aws([
        'iam',
        'create-user',
        '--user-name',
        CI,
        ...(tags ? ['--tags', JSON.stringify(tags)] : []),
      ]);
      await moto.aws([
        'iam',
        'put-user-policy',
        '--user-name',
        CI,
        '--policy-name',
        'ecr-login',
        '--policy-document',
        JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' }],
        }),
      ]);
    }

    async function applySolution(): Promise<void> {
      const file = await l.write(`${REPO}-policy.json`, `${JSON.stringify(solution, null, 2)}\n`);
      await moto.aws([
        'ecr',
        'set-repository-policy',
        '--repository-name',
        REPO,
        '--policy-text',
        `file://${file}`,
      ]);
    }

    it('checks: what moto answers passes; verify says it could not check, never pass; no key is left', async () => {
      await workshopAccount();
      await applySolution();
      const r = await tutor(['check']);
      expect(r.code).toBe(1);
      const out = r.stdout;
      expect(out).toContain(
        `5.1 Repository access policy: checking the endpoint ${moto.endpoint} (account ${MOTO_ACCOUNT}, us-east-1)`,
      );
      expect(out).toContain(
        `1. Connect: pass\n      Connected to the endpoint ${moto.endpoint} as arn:aws:sts::${MOTO_ACCOUNT}:user/moto in us-east-1.`,
      );
      expect(out).toContain(
        `3. Check the repository and the CI user: pass\n      Found the repository ${REPO} and the IAM user ${CI}.`,
      );
      expect(out).toContain('5. Compose the policy: pass');
      expect(out).toContain(
        `6. Apply the policy to the repository: pass\n      The policy on ${REPO} grants ${CI} exactly push and pull.`,
      );
      expect(out).toContain(
        `7. Push and pull as the CI user: ERROR\n      The test push/pull as ${CI} stopped: the endpoint ${moto.endpoint} answered something that is not AWS's format (HTTP 500, text/html).\n` +
          '      try: It is not AWS and may not implement this operation (moto, for one, has no ECR layer upload), so the tutor could not check this there.',
      );
      expect(out).not.toMatch(/SyntaxError|sandbox log|Deserialization/);
      // The temporary key verify made for the CI user was deleted, and struck off the journal.
      const keys = (await moto.aws(['iam', 'list-access-keys', '--user-name', CI])) as {
        AccessKeyMetadata: unknown[];
      };
      expect(keys.AccessKeyMetadata).toEqual([]);
    });

    it("verify's live rows: the failing call in the learner's words, the rest not run", async () => {
      await workshopAccount();
      await applySolution();
      const saved = { ...process.env };
      Object.assign(process.env, MOTO_KEYS, { AWS_REGION: 'us-east-1' });
      delete process.env.AWS_PROFILE;
      const session = await openSession(
        { endpointUrl: moto.endpoint, region: 'us-east-1' },
        { env: process.env, sandboxStateDir: join(l.tutorHome, 'none') },
      );
      const rows = new Map<string, ActionRow>();
      try {
        const step = {
          id: 'verify',
          title: 'v',
          body: '',
          view: 'text',
          check: { name: 'push-pull-as-ci-user', params: {} },
          hints: [],
        } as const;
        const ctx = {
          env: { session, cwd: l.home, dataDir: join(l.tutorHome, 'data') },
          lesson: { id: LESSON, title: 'l', summary: '', params: {}, steps: [step], dir: '/' },
          step,
          vars: {},
          setVar: () => undefined,
          answers: {},
          setAnswer: () => undefined,
          signal: new AbortController().signal,
          report: (p: CheckProgress) => {
            if (p.kind === 'action') rows.set(p.row.action, p.row);
          },
        } as unknown as LabContext;
        const r = await checkPushPullAsCiUser(ctx, { repository: REPO, ciUser: CI });
        expect(r.status).toBe('error');
      } finally {
        process.env = saved;
        await session.close();
      }
      expect(rows.get('ecr:BatchCheckLayerAvailability')).toEqual({
        action: 'ecr:BatchCheckLayerAvailability',
        status: 'error',
        message: `the endpoint ${moto.endpoint} answered something that is not AWS's format (HTTP 500, text/html).`,
      });
      for (const [a, row] of rows)
        if (a !== 'ecr:BatchCheckLayerAvailability') expect(row.status).toBe('not-run');
    });

    it('report: the verify step is an error (could not check), not passed', async () => {
      await workshopAccount();
      await applySolution();
      const r = await tutor(['report', '--format', 'json']);
      const report = JSON.parse(r.stdout) as {
        target: { kind: string; endpoint: string };
        steps: Array<{ id: string; status: string; check: string; summary: string }>;
      };
      expect(report.target).toMatchObject({ kind: 'endpoint', endpoint: moto.endpoint });
      const byId = new Map(report.steps.map((s) => [s.id, s]));
      expect(byId.get('connect')?.check).toBe('pass');
      expect(byId.get('apply')?.check).toBe('pass');
      expect(byId.get('verify')).toMatchObject({
        check: 'error',
        summary: expect.stringContaining(
          "answered something that is not AWS's format (HTTP 500, text/html)",
        ),
      });
      expect(byId.get('verify')?.status).not.toBe('passed');
    });

    it('cleanup: lists, then removes, what the tutor tagged; a second run finds nothing', async () => {
      const tags = [
        { Key: 'ecr-tutor', Value: 'true' },
        { Key: 'ecr-tutor:lesson', Value: LESSON },
        { Key: 'ecr-tutor:learner', Value: '' },
      ];
      await workshopAccount(tags);
      await moto.aws(['iam', 'create-access-key', '--user-name', CI]);
      const dry = await tutor(['cleanup']);
      expect(dry.code).toBe(0);
      expect(dry.stdout).toContain(
        `The lesson "${LESSON}" left in the endpoint account ${MOTO_ACCOUNT} (us-east-1):`,
      );
      expect(dry.stdout).toContain(
        `  - delete the repository ${REPO} with its images and policy (the tutor created it: tagged ecr-tutor)`,
      );
      expect(dry.stdout).toMatch(new RegExp(`  - delete the access key AKIA…\\w{4} of ${CI}`));
      expect(dry.stdout).toContain(`  - delete the inline policy ecr-login of ${CI}`);
      expect(dry.stdout).toContain(
        `  - delete the IAM user ${CI} (the tutor created it: tagged ecr-tutor)`,
      );
      expect(dry.stdout).toContain('Nothing was changed.');
      const yes = await tutor(['cleanup', '--yes']);
      expect(yes.code).toBe(0);
      expect(yes.stdout).toContain('Checked: nothing the lesson made or changed is left.');
      const repos = (await moto.aws(['ecr', 'describe-repositories'])) as {
        repositories: unknown[];
      };
      expect(repos.repositories).toEqual([]);
      await expect(moto.aws(['iam', 'get-user', '--user-name', CI])).rejects.toThrow(
        /NoSuchEntity/,
      );
      const again = await tutor(['cleanup']);
      expect(again.stdout).toMatch(/^Nothing to clean up in the endpoint account/m);
    });

    it('cleanup leaves alone what the tutor did not create (no ecr-tutor tags)', async () => {
      await workshopAccount();
      const dry = await tutor(['cleanup', '--yes']);
      expect(dry.stdout).toContain(
        `  keep: the repository ${REPO}: the tutor did not create it (no ecr-tutor tags), so it stays`,
      );
      expect(dry.stdout).toContain(
        `  keep: the IAM user ${CI}: the tutor did not create it (no ecr-tutor tags), so it and its keys stay`,
      );
      const repos = (await moto.aws(['ecr', 'describe-repositories'])) as {
        repositories: Array<{ repositoryName: string }>;
      };
      expect(repos.repositories.map((r) => r.repositoryName)).toEqual([REPO]);
    });

    it('credential chain: a profile in ~/.aws/credentials with its region only in ~/.aws/config', async () => {
      await workshopAccount();
      await l.write(
        '.aws/credentials',
        '[lab]\naws_access_key_id = testing\naws_secret_access_key = testing\n',
      );
      await l.write('.aws/config', '[profile lab]\nregion = eu-central-1\n');
      const r = await l.run(['check', '--profile', 'lab', '--endpoint-url', moto.endpoint]);
      expect(r.stdout).toContain(`(account ${MOTO_ACCOUNT}, eu-central-1)`);
      expect(r.stdout).toContain(`as arn:aws:sts::${MOTO_ACCOUNT}:user/moto in eu-central-1.`);
      // the repository is in us-east-1: in eu-central-1 the tutor says it is not there
      expect(r.stdout).toMatch(/3\. Check the repository and the CI user: FAIL/);
    });

    it('credential chain: an SSO profile never signed in, against moto too', async () => {
      await l.write(
        '.aws/config',
        [
          '[profile lab-sso]',
          'sso_session = lab',
          `sso_account_id = ${MOTO_ACCOUNT}`,
          'sso_role_name = WorkshopLearner',
          'region = us-east-1',
          '[sso-session lab]',
          'sso_start_url = https://example-lab.awsapps.com/start',
          'sso_region = us-east-1',
          '',
        ].join('\n'),
      );
      const r = await l.run(['check', '--profile', 'lab-sso', '--endpoint-url', moto.endpoint]);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toContain('try: Run `aws sso login --profile lab-sso`, then try again.');
    });

    it('moto stopped: the fix is about that endpoint, not the sandbox', async () => {
      const dead = 'http://127.0.0.1:9';
      const r = await l.run(['check', '--endpoint-url', dead], env());
      expect(r.code).not.toBe(0);
      expect(r.stderr).toContain(`error: Could not reach the endpoint ${dead} (ECONNREFUSED).`);
    });
  },
);
