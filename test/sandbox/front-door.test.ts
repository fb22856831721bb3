/**
 * The sandbox's front door (issue 14): what the headers decide before any body is read
 * (credentials, service, region, payload signing, size), the loopback Host rule, a signed
 * payload (no UNSIGNED-PAYLOAD), slow bodies cut off, a budget of body bytes in flight and a cap
 * on connections. The sandbox here is in eu-west-3 so that us-east-1 (IAM's and STS's global
 * signing region) is visibly a different one.
 */
import { DescribeRepositoriesCommand, ECRClient } from '@aws-sdk/client-ecr';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { IAMClient, ListUsersCommand } from '@aws-sdk/client-iam';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLoopbackHost, regionProblem } from '../../src/sandbox/front-door.js';
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
beforeAll(async () => {
  sb = await startTestSandbox({
    region: 'eu-west-3',
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
  it("accepts ECR only in the sandbox's region, as a regional endpoint does", async () => {
    expect((await signedSend('ecr', '{}', ecrHeaders('DescribeRepositories'))).status).toBe(200);
    const wrong = await signedSend('ecr', '{}', ecrHeaders('DescribeRepositories'), {
      region: 'us-east-1',
    });
    expect(wrong.status).toBe(400);
    expect(awsShapeProblem(wrong, 'json')).toBeUndefined();
    expect(JSON.parse(wrong.body)).toEqual({
      __type: 'InvalidSignatureException',
      message:
        "Credential should be scoped to a valid region, not 'us-east-1'. (This sandbox serves 'eu-west-3' for ecr: sign with that region, e.g. export AWS_REGION=eu-west-3.)",
    });
    // the SDK configured for another region gets the same answer
    const other = new ECRClient({
      endpoint: sb.sandbox.endpoint,
      region: 'ap-south-1',
      credentials: sb.sandbox.user().credentials,
      maxAttempts: 1,
    });
    await expect(other.send(new DescribeRepositoriesCommand({}))).rejects.toMatchObject({
      name: 'InvalidSignatureException',
      message: expect.stringMatching(/not 'ap-south-1'/),
    });
    other.destroy();
  });

  it("accepts STS and IAM in the sandbox's region and in us-east-1 (their global endpoint's), nowhere else", async () => {
    for (const region of ['eu-west-3', 'us-east-1']) {
      expect((await signedSend('sts', STS_BODY, form, { region })).status).toBe(200);
      expect((await signedSend('iam', IAM_BODY, form, { region })).status).toBe(200);
    }
    for (const service of ['sts', 'iam'] as const) {
      const r = await signedSend(service, service === 'sts' ? STS_BODY : IAM_BODY, form, {
        region: 'ap-south-1',
      });
      expect(r.status).toBe(403);
      expect(awsShapeProblem(r, 'query')).toBeUndefined();
      expect(r.body).toContain('<Code>SignatureDoesNotMatch</Code>');
      expect(r.body).toContain("Credential should be scoped to a valid region, not 'ap-south-1'.");
    }
    const sts = new STSClient({
      endpoint: sb.sandbox.endpoint,
      region: 'sa-east-1',
      credentials: sb.sandbox.user().credentials,
      maxAttempts: 1,
    });
    await expect(sts.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
      name: 'SignatureDoesNotMatch',
    });
    sts.destroy();
    const iam = new IAMClient({
      endpoint: sb.sandbox.endpoint,
      region: 'us-east-1',
      credentials: sb.sandbox.user().credentials,
      maxAttempts: 1,
    });
    expect((await iam.send(new ListUsersCommand({}))).Users?.length).toBeGreaterThan(0);
    iam.destroy();
  });

  it('states the rule in one table', () => {
    expect(regionProblem('ecr', 'eu-west-3', 'eu-west-3')).toBeUndefined();
    expect(regionProblem('ecr', 'us-east-1', 'eu-west-3')).toMatch(/not 'us-east-1'/);
    expect(regionProblem('iam', 'us-east-1', 'eu-west-3')).toBeUndefined();
    expect(regionProblem('sts', 'eu-west-1', 'eu-west-3')).toMatch(/'eu-west-3' and 'us-east-1'/);
  });
});

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

  it('answers an unsigned, an unknown-key and a wrong-region request from the headers alone', async () => {
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
        { ...h, authorization: h.authorization!.replace('/eu-west-3/', '/us-west-2/') },
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
