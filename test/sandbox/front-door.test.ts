/**
 * The sandbox's front door (issue 14): what the headers decide before any body is read
 * (credentials, service, region, payload signing, size), the loopback Host rule, a signed
 * payload (no UNSIGNED-PAYLOAD), slow bodies cut off, a budget of body bytes in flight and a cap
 * on connections. The sandbox here is in eu-west-3 so that us-east-1 (IAM's and STS's global
 * signing region) is visibly a different one, and the region a request acts in is visibly the
 * sandbox's, not the one it was signed for.
 */
import {
  CreateRepositoryCommand,
  DeleteRepositoryCommand,
  DescribeRepositoriesCommand,
  ECRClient,
} from '@aws-sdk/client-ecr';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { IAMClient, ListUsersCommand } from '@aws-sdk/client-iam';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLoopbackHost, regionProblem, requestedRegion } from '../../src/sandbox/front-door.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { awsCli, skipWithoutAwsCli } from '../helpers/aws-cli.js';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';
import {
  awsShapeProblem,
  ECR_PREFIX,
  errorCode,
  send,
  signedHeaders,
  type RawAnswer,
} from '../reliability/wire.js';

let sb: TestSandbox;
const accessLog: string[] = [];
beforeAll(async () => {
  sb = await startTestSandbox({
    region: 'eu-west-3',
    accessLog: (line) => accessLog.push(line),
    limits: { bodyIdleMs: 400, bodyBytesInFlight: 2 * 1024 * 1024, budgetWaitMs: 300 },
  });
});
afterAll(async () => {
  await sb?.cleanup();
});

const ecrHeaders = (op: string) => ({
  'content-type': 'application/x-amz-json-1.1',
  'x-amz-target': ECR_PREFIX + op,
});
const form = { 'content-type': 'application/x-www-form-urlencoded' };
const STS_BODY = 'Action=GetCallerIdentity&Version=2011-06-15';
const IAM_BODY = 'Action=ListUsers&Version=2010-05-08';

async function signedSend(
  service: 'ecr' | 'sts' | 'iam',
  body: string,
  headers: Record<string, string>,
  opts: { region?: string; sendBody?: string; host?: string } = {},
): Promise<RawAnswer> {
  const h = await signedHeaders(
    sb.sandbox.endpoint,
    sb.sandbox.user().credentials,
    service,
    body,
    headers,
    {
      region: opts.region ?? sb.sandbox.region,
    },
  );
  return send(sb.sandbox.endpoint, {
    headers: { ...h, ...(opts.host ? { host: opts.host } : {}) },
    body: opts.sendBody ?? body,
  });
}

/** Opens a raw connection, writes `head` (+ `bodyStart`), and resolves with the first answer. */
function stalled(
  head: string,
  bodyStart = '',
): { answer: Promise<string>; socket: Socket; t0: number } {
  const url = new URL(sb.sandbox.endpoint);
  const t0 = performance.now();
  let text = '';
  const socket = connect(Number(url.port), url.hostname, () => socket.write(head + bodyStart));
  const answer = new Promise<string>((resolve) => {
    socket.on('data', (c: Buffer) => {
      text += c.toString('utf8');
      const end = text.indexOf('\r\n\r\n');
      const len = /content-length: (\d+)/i.exec(text)?.[1];
      if (end >= 0 && len !== undefined && text.length >= end + 4 + Number(len)) resolve(text);
    });
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(text));
  });
  return { answer, socket, t0 };
}

function rawHead(headers: Record<string, string>, contentLength: number): string {
  const url = new URL(sb.sandbox.endpoint);
  const h = { ...headers };
  delete h['content-length'];
  return [
    'POST / HTTP/1.1',
    `Host: ${url.host}`,
    ...Object.entries(h).map(([k, v]) => `${k}: ${v}`),
    `content-length: ${contentLength}`,
    '',
    '',
  ].join('\r\n');
}

const code = (raw: string) =>
  /"__type":"([^"]+)"/.exec(raw)?.[1] ?? /<Code>([^<]+)<\/Code>/.exec(raw)?.[1];
const status = (raw: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(raw)?.[1] ?? 0);

describe('the signing region', () => {
  it("accepts ECR signed for any region (an SDK with an endpoint override signs for its own) and acts in the sandbox's", async () => {
    for (const region of ['eu-west-3', 'us-east-1', 'ap-southeast-1', 'us-gov-west-1']) {
      const r = await signedSend('ecr', '{}', ecrHeaders('DescribeRepositories'), { region });
      expect(r.status, region).toBe(200);
      const arns = (
        JSON.parse(r.body) as { repositories: { repositoryArn: string }[] }
      ).repositories.map((x) => x.repositoryArn);
      expect(arns).toContain(
        `arn:aws:ecr:eu-west-3:${sb.sandbox.accountId}:repository/fcj-workshop-app`,
      );
    }
    // the SDK configured for another region: accepted, and the repository it creates is the
    // sandbox region's, which is where the lesson's checks and policies look for it
    const other = new ECRClient({
      endpoint: sb.sandbox.endpoint,
      region: 'ap-southeast-1',
      credentials: sb.sandbox.user().credentials,
      maxAttempts: 1,
    });
    const created = await other.send(
      new CreateRepositoryCommand({ repositoryName: 'signed-elsewhere' }),
    );
    expect(created.repository?.repositoryArn).toBe(
      `arn:aws:ecr:eu-west-3:${sb.sandbox.accountId}:repository/signed-elsewhere`,
    );
    const seen = await sb
      .ecr()
      .send(new DescribeRepositoriesCommand({ repositoryNames: ['signed-elsewhere'] }));
    expect(seen.repositories?.[0]?.repositoryArn).toBe(created.repository?.repositoryArn);
    await other.send(new DeleteRepositoryCommand({ repositoryName: 'signed-elsewhere' }));
    other.destroy();
  });

  it('accepts STS and IAM signed for any region', async () => {
    for (const region of ['eu-west-3', 'us-east-1', 'ap-southeast-1', 'sa-east-1']) {
      expect((await signedSend('sts', STS_BODY, form, { region })).status, region).toBe(200);
      expect((await signedSend('iam', IAM_BODY, form, { region })).status, region).toBe(200);
    }
    const sts = new STSClient({
      endpoint: sb.sandbox.endpoint,
      region: 'ap-southeast-1',
      credentials: sb.sandbox.user().credentials,
      maxAttempts: 1,
    });
    expect((await sts.send(new GetCallerIdentityCommand({}))).Account).toBe(sb.sandbox.accountId);
    sts.destroy();
    const iam = new IAMClient({
      endpoint: sb.sandbox.endpoint,
      region: 'ap-southeast-1',
      credentials: sb.sandbox.user().credentials,
      maxAttempts: 1,
    });
    expect((await iam.send(new ListUsersCommand({}))).Users?.length).toBeGreaterThan(0);
    iam.destroy();
  });

  it('still verifies the signature with the region the request names', async () => {
    // signed for ap-southeast-1, but the scope in the header says eu-west-3: not the same key
    const h = await signedHeaders(
      sb.sandbox.endpoint,
      sb.sandbox.user().credentials,
      'ecr',
      '{}',
      ecrHeaders('DescribeRepositories'),
      { region: 'ap-southeast-1' },
    );
    h.authorization = h.authorization!.replace('/ap-southeast-1/', '/eu-west-3/');
    const r = await send(sb.sandbox.endpoint, { headers: h, body: '{}' });
    expect(r.status).toBe(400);
    expect(errorCode(r)).toBe('InvalidSignatureException');
    expect(JSON.parse(r.body).message).toMatch(
      /^The request signature we calculated does not match/,
    );
  });

  it('refuses a signing region that is no region name, saying what a region looks like', async () => {
    for (const region of ['local', 'US-EAST-1', 'us_east_1', 'ap-southeast', 'x'.repeat(60)]) {
      const r = await signedSend('ecr', '{}', ecrHeaders('DescribeRepositories'), { region });
      expect(r.status, region).toBe(400);
      expect(awsShapeProblem(r, 'json')).toBeUndefined();
      expect(JSON.parse(r.body)).toEqual({
        __type: 'InvalidSignatureException',
        message:
          `Credential should be scoped to a valid region, not '${region.slice(0, 40)}'. ` +
          "(A region is named like us-east-1 or ap-southeast-1; this sandbox acts in 'eu-west-3': " +
          'set a region name, e.g. export AWS_REGION=eu-west-3.)',
      });
    }
    for (const service of ['sts', 'iam'] as const) {
      const r = await signedSend(service, service === 'sts' ? STS_BODY : IAM_BODY, form, {
        region: 'local',
      });
      expect(r.status).toBe(403);
      expect(awsShapeProblem(r, 'query')).toBeUndefined();
      expect(r.body).toContain('<Code>SignatureDoesNotMatch</Code>');
      expect(r.body).toContain("Credential should be scoped to a valid region, not 'local'.");
    }
  });

  it('states the rules in one place', () => {
    expect(regionProblem('ap-southeast-1', 'eu-west-3')).toBeUndefined();
    expect(regionProblem('eusc-de-east-1', 'eu-west-3')).toBeUndefined();
    expect(regionProblem('us-isob-east-1', 'eu-west-3')).toBeUndefined();
    expect(regionProblem('us-east-1\u001b[2J', 'eu-west-3')).toMatch(/not 'us-east-1\?\[2J'/);
    expect(requestedRegion('ecr', 'eu-west-3')).toBe('eu-west-3');
    expect(requestedRegion('sts', 'eu-west-3')).toBe('eu-west-3');
    expect(requestedRegion('iam', 'eu-west-3')).toBe('us-east-1');
  });
});

describe.skipIf(skipWithoutAwsCli('the AWS CLI configured for another region'))(
  'the AWS CLI of a learner whose shell says AWS_REGION=ap-southeast-1',
  () => {
    it('is served by ECR, STS and IAM, and the answers name the sandbox region', async () => {
      const cwd = await mkdtemp(join(tmpdir(), 'ecr-tutor-cli-'));
      try {
        const cli = (args: string[]) => awsCli(sb.sandbox, args, { cwd, region: 'ap-southeast-1' });
        const repos = await cli(['ecr', 'describe-repositories']);
        expect(repos.stderr).toBe('');
        expect(repos.code).toBe(0);
        expect(
          (
            JSON.parse(repos.stdout) as { repositories: { repositoryArn: string }[] }
          ).repositories.map((r) => r.repositoryArn),
        ).toContain(`arn:aws:ecr:eu-west-3:${sb.sandbox.accountId}:repository/fcj-workshop-app`);
        const who = await cli(['sts', 'get-caller-identity']);
        expect(who.code, who.stderr).toBe(0);
        expect(JSON.parse(who.stdout)).toMatchObject({ Account: sb.sandbox.accountId });
        const users = await cli(['iam', 'list-users']);
        expect(users.code, users.stderr).toBe(0);
        expect(users.stdout).toContain('fcj-ecr-ci-cd-user');
        // the sandbox's log says why the ARNs name another region than the learner's
        expect(accessLog.join('\n')).toMatch(
          /ecr:DescribeRepositories by \S+ \(signed for ap-southeast-1, acts in eu-west-3\) -> 200/,
        );
        // a region that is no region name: refused, with what to set
        const bad = await awsCli(sb.sandbox, ['ecr', 'describe-repositories'], {
          cwd,
          region: 'local',
        });
        expect(bad.code).not.toBe(0);
        expect(bad.stderr).toContain("Credential should be scoped to a valid region, not 'local'.");
        expect(bad.stderr).toContain('export AWS_REGION=eu-west-3');
      } finally {
        await rm(cwd, { recursive: true, force: true });
      }
    });
  },
);

describe('a signed payload', () => {
  it('refuses X-Amz-Content-Sha256: UNSIGNED-PAYLOAD on ECR, STS and IAM, so no captured request can carry another body', async () => {
    const cases = [
      ['ecr', '{}', ecrHeaders('DescribeRepositories'), '{"maxResults":1}'],
      ['sts', STS_BODY, form, STS_BODY + '&x=1'],
      ['iam', IAM_BODY, form, 'Action=DeleteUser&Version=2010-05-08&UserName=fcj-ecr-ci-cd-user'],
    ] as const;
    for (const [service, body, headers, replayed] of cases) {
      const unsigned = { ...headers, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' };
      for (const sendBody of [body, replayed]) {
        const r = await signedSend(service, body, unsigned, { sendBody });
        expect(r.status).toBe(service === 'ecr' ? 400 : 403);
        expect(errorCode(r)).toBe(
          service === 'ecr' ? 'InvalidSignatureException' : 'SignatureDoesNotMatch',
        );
        expect(r.body).toMatch(
          /X-Amz-Content-Sha256 .{1,6}UNSIGNED-PAYLOAD.{1,6} is not accepted here/,
        );
      }
    }
    // the user the replayed IAM body tried to delete is still there
    const users = await sb.iam().send(new ListUsersCommand({}));
    expect(users.Users?.map((u) => u.UserName)).toContain('fcj-ecr-ci-cd-user');
  });

  it('still refuses a payload hash that is not the body received', async () => {
    const r = await signedSend('ecr', '{}', ecrHeaders('DescribeRepositories'), {
      sendBody: '{ }',
    });
    expect(errorCode(r)).toBe('InvalidSignatureException');
  });
});

describe('the Host header', () => {
  it('serves loopback names: 127.0.0.1, localhost, *.localhost, [::1]', async () => {
    const port = new URL(sb.sandbox.endpoint).port;
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `sandbox.localhost:${port}`]) {
      // the signature covers Host: sign for the name that is sent
      const h = await signedHeaders(
        `http://${host}`,
        sb.sandbox.user().credentials,
        'sts',
        STS_BODY,
        form,
        { region: sb.sandbox.region },
      );
      const r = await send(sb.sandbox.endpoint, { headers: { ...h, host }, body: STS_BODY });
      expect(r.status, host).toBe(200);
    }
    for (const h of ['[::1]:8080', '127.1.2.3', 'LOCALHOST.', 'a.b.localhost:1'])
      expect(isLoopbackHost(h), h).toBe(true);
    for (const h of [
      'evil.example',
      '127.0.0.1.evil.example',
      'localhost.evil.example',
      '10.0.0.5:80',
      '',
      undefined,
    ])
      expect(isLoopbackHost(h), String(h)).toBe(false);
  });

  it('refuses a foreign Host (DNS rebinding) before anything else, in each protocol', async () => {
    const host = 'rebind.evil.example:80';
    const j = await signedSend('ecr', '{}', ecrHeaders('DescribeRepositories'), { host });
    expect(j.status).toBe(403);
    expect(awsShapeProblem(j, 'json')).toBeUndefined();
    expect(JSON.parse(j.body).message).toMatch(
      /^The sandbox answers only requests addressed to a loopback name .* "rebind\.evil\.example:80"/,
    );
    const q = await signedSend('iam', IAM_BODY, form, { host });
    expect(q.status).toBe(403);
    expect(awsShapeProblem(q, 'query')).toBeUndefined();
    const v2 = await send(sb.sandbox.endpoint, { method: 'GET', path: '/v2/', headers: { host } });
    expect(v2.status).toBe(403);
    expect(JSON.parse(v2.body)).toMatchObject({ errors: [{ code: 'DENIED' }] });
    const none = await send(sb.sandbox.endpoint, {
      headers: { host: '', ...ecrHeaders('DescribeRepositories') },
      body: '{}',
    });
    expect(none.status).toBe(403);
  });
});

describe('before the body', () => {
  const declared = 28 * 1024 * 1024;

  it('answers an unsigned, an unknown-key and a no-region-name request from the headers alone', async () => {
    const unsigned = stalled(rawHead(ecrHeaders('UploadLayerPart'), declared));
    const h = await signedHeaders(
      sb.sandbox.endpoint,
      sb.sandbox.user().credentials,
      'ecr',
      '{}',
      ecrHeaders('UploadLayerPart'),
      { region: sb.sandbox.region },
    );
    const unknownKey = stalled(
      rawHead(
        {
          ...h,
          authorization: h.authorization!.replace(
            /Credential=[^/]+/,
            'Credential=AKIAUNKNOWNUNKNOWN00',
          ),
        },
        declared,
      ),
    );
    const wrongRegion = stalled(
      rawHead(
        { ...h, authorization: h.authorization!.replace('/eu-west-3/', '/local/') },
        declared,
      ),
    );
    const answers = await Promise.all([unsigned.answer, unknownKey.answer, wrongRegion.answer]);
    expect(answers.map((a) => `${status(a)} ${code(a)}`)).toEqual([
      '403 MissingAuthenticationTokenException',
      '400 UnrecognizedClientException',
      '400 InvalidSignatureException',
    ]);
    for (const s of [unsigned, unknownKey, wrongRegion]) s.socket.destroy();
  });

  it('limits each operation to its own body size (1 MiB for most, 10 MiB for PutImage, 30 MiB for a layer part)', async () => {
    for (const [op, size, limit] of [
      ['DescribeRepositories', 2 * 1024 * 1024, 1024 * 1024],
      ['SetRepositoryPolicy', 1024 * 1024 + 1, 1024 * 1024],
      ['PutImage', 11 * 1024 * 1024, 10 * 1024 * 1024],
      ['UploadLayerPart', 31 * 1024 * 1024, 30 * 1024 * 1024],
    ] as const) {
      const h = await signedHeaders(
        sb.sandbox.endpoint,
        sb.sandbox.user().credentials,
        'ecr',
        '{}',
        ecrHeaders(op),
        { region: sb.sandbox.region },
      );
      const s = stalled(rawHead(h, size));
      const a = await s.answer;
      s.socket.destroy();
      expect(`${status(a)} ${code(a)}`, op).toBe('413 ValidationException');
      expect(a).toContain(`accepts for this operation (${limit} bytes)`);
    }
  });

  it('cuts off a body that stalls, with an AWS-shaped timeout', async () => {
    const h = await signedHeaders(
      sb.sandbox.endpoint,
      sb.sandbox.user().credentials,
      'ecr',
      '{}',
      ecrHeaders('UploadLayerPart'),
      { region: sb.sandbox.region },
    );
    const s = stalled(rawHead(h, 1000), '{"uploadId":');
    const a = await s.answer;
    s.socket.destroy();
    expect(`${status(a)} ${code(a)}`).toBe('408 RequestTimeoutException');
    expect(a).toContain('no body data for 0.4 s');
    expect(performance.now() - s.t0).toBeGreaterThanOrEqual(350);
  });

  it('throttles a body that does not fit the bytes in flight, while small requests are still served', async () => {
    const h = await signedHeaders(
      sb.sandbox.endpoint,
      sb.sandbox.user().credentials,
      'ecr',
      '{}',
      ecrHeaders('UploadLayerPart'),
      { region: sb.sandbox.region },
    );
    // 1.5 MiB of the 2 MiB budget held by a stalled body...
    const holder = stalled(rawHead(h, 1.5 * 1024 * 1024), '{"a":');
    // one round trip after it: by then the sandbox has read the holder's headers
    expect((await signedSend('ecr', '{}', ecrHeaders('DescribeRepositories'))).status).toBe(200);
    // ...so another 1.5 MiB body waits 300 ms for room, then is throttled
    const waiter = stalled(rawHead(h, 1.5 * 1024 * 1024), '{"a":');
    const small = await signedSend('ecr', '{}', ecrHeaders('DescribeRepositories'));
    expect(small.status).toBe(200);
    const w = await waiter.answer;
    expect(`${status(w)} ${code(w)}`).toBe('400 ThrottlingException');
    expect(w).toContain('Rate exceeded');
    const held = await holder.answer;
    expect(code(held)).toBe('RequestTimeoutException');
    for (const s of [holder, waiter]) s.socket.destroy();
    expect((await signedSend('ecr', '{}', ecrHeaders('DescribeRepositories'))).status).toBe(200);
  });
});

describe('connections', () => {
  it('closes connections beyond the cap and serves again once they are gone', async () => {
    const capped = await startTestSandbox({ limits: { maxConnections: 3 } });
    try {
      const url = new URL(capped.sandbox.endpoint);
      const idle = await Promise.all(
        Array.from(
          { length: 3 },
          () =>
            new Promise<Socket>((resolve) => {
              const s = connect(Number(url.port), url.hostname, () => resolve(s));
            }),
        ),
      );
      // Once the server has counted the three, a fourth connection is closed unanswered.
      let refused: unknown;
      for (let i = 0; i < 50 && !refused; i++) {
        refused = await send(capped.sandbox.endpoint, {
          method: 'GET',
          path: '/',
          timeoutMs: 2000,
        }).then(
          () => undefined,
          (e: unknown) => e,
        );
      }
      expect(String(refused)).toMatch(/socket hang up|ECONNRESET/);
      for (const s of idle) s.destroy();
      // once the server has seen them close, it answers again
      let answered: RawAnswer | undefined;
      for (let i = 0; i < 50 && !answered; i++) {
        answered = await send(capped.sandbox.endpoint, {
          method: 'GET',
          path: '/',
          timeoutMs: 2000,
        }).catch(() => undefined);
      }
      expect(answered?.status).toBe(400);
      const ecr = capped.ecr();
      expect((await ecr.send(new DescribeRepositoriesCommand({}))).repositories).toHaveLength(1);
    } finally {
      await capped.cleanup();
    }
  });
});
