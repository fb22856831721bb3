/**
 * Bad input never hurts the server: malformed bodies, unknown operations, oversized requests,
 * wrong types and missing fields get AWS-style errors, and the next request is served.
 */
import { DescribeRepositoriesCommand, GetRepositoryPolicyCommand } from '@aws-sdk/client-ecr';
import { describe, expect, it } from 'vitest';
import type { TestSandbox } from '../helpers/sandbox.js';
import { sandboxForFile } from '../helpers/sandbox-hooks.js';
import { signRawRequest } from '../helpers/sigv4.js';

let sb: TestSandbox;
sandboxForFile((s) => (sb = s));

/** Sends a correctly signed raw request (so the body itself is what is judged). */
async function send(
  service: 'ecr' | 'sts' | 'iam',
  body: string | Buffer,
  headers: Record<string, string>,
): Promise<Response> {
  const { url, init } = await signRawRequest(sb.sandbox.endpoint, {
    service,
    region: 'us-east-1',
    credentials: sb.sandbox.user().credentials,
    body,
    headers,
  });
  return fetch(url, init);
}

const ecr = (op: string) => ({
  'content-type': 'application/x-amz-json-1.1',
  'x-amz-target': `AmazonEC2ContainerRegistry_V20150921.${op}`,
});
const form = { 'content-type': 'application/x-www-form-urlencoded' };

async function stillServes(): Promise<void> {
  const r = await sb.ecr().send(new DescribeRepositoriesCommand({}));
  expect(r.repositories).toHaveLength(1);
}

describe('bad input on ECR (awsJson1_1)', () => {
  it.each([
    ['malformed JSON', 'DescribeRepositories', '{"repositoryNames":', 'SerializationException'],
    ['a JSON array body', 'DescribeRepositories', '[1,2]', 'SerializationException'],
    [
      'a wrong member type',
      'GetRepositoryPolicy',
      '{"repositoryName":42}',
      'SerializationException',
    ],
    ['a missing required member', 'GetRepositoryPolicy', '{}', 'ValidationException'],
    [
      'a list of the wrong type',
      'BatchGetImage',
      '{"repositoryName":"fcj-workshop-app","imageIds":"latest"}',
      'SerializationException',
    ],
    [
      'a bad registry id',
      'GetRepositoryPolicy',
      '{"repositoryName":"fcj-workshop-app","registryId":"12"}',
      'ValidationException',
    ],
    ['an unknown operation', 'LaunchRockets', '{}', 'UnknownOperationException'],
  ])('answers %s with %s and keeps serving', async (_what, op, body, type) => {
    const res = await send('ecr', body, ecr(op));
    expect(res.status).toBe(400);
    const json = (await res.json()) as { __type: string; message: string };
    expect(json.__type).toBe(type);
    expect(json.message).not.toMatch(/at .*\.(ts|js):\d+/);
    await stillServes();
  });

  it('refuses an oversized body without reading it into memory, then keeps serving', async () => {
    const big = Buffer.alloc(31 * 1024 * 1024, 0x20);
    const res = await send('ecr', big, ecr('DescribeRepositories')).catch(
      (e: unknown) => e as Error,
    );
    if (res instanceof Response) {
      expect(res.status).toBe(413);
      expect(((await res.json()) as { message: string }).message).toMatch(
        /larger than the sandbox accepts/,
      );
    }
    await stillServes();
  });

  it('answers 413 from the declared length alone, before any body arrives', async () => {
    const http = await import('node:http');
    const url = new URL(sb.sandbox.endpoint);
    // Signed headers (the signature itself waits for the body, which never comes).
    const { init } = await signRawRequest(sb.sandbox.endpoint, {
      service: 'ecr',
      region: sb.sandbox.region,
      credentials: sb.sandbox.user().credentials,
      body: '{}',
      headers: ecr('UploadLayerPart'),
    });
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(
        {
          host: url.hostname,
          port: Number(url.port),
          method: 'POST',
          path: '/',
          headers: {
            ...(init.headers as Record<string, string>),
            'content-length': String(64 * 1024 * 1024),
          },
        },
        (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.write('{"a":');
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ __type: 'ValidationException' });
    await stillServes();
  });

  it('refuses a wrong target prefix as an unknown operation', async () => {
    const res = await send('ecr', '{}', {
      ...ecr('x'),
      'x-amz-target': 'DynamoDB_20120810.ListTables',
    });
    expect(((await res.json()) as { __type: string }).__type).toBe('UnknownOperationException');
  });
});

describe('bad input on STS and IAM (awsQuery)', () => {
  it('answers an unknown action with InvalidAction XML', async () => {
    const res = await send('sts', 'Action=Launch&Version=2011-06-15', form);
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).toContain('<Code>InvalidAction</Code>');
    expect(text).toContain('xmlns="https://sts.amazonaws.com/doc/2011-06-15/"');
    await stillServes();
  });

  it('answers a missing parameter with ValidationError', async () => {
    const res = await send(
      'iam',
      'Action=GetUserPolicy&Version=2010-05-08&UserName=workshop-admin',
      form,
    );
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).toContain('<Code>ValidationError</Code>');
    expect(text).toContain(
      "Value null at 'policyName' failed to satisfy constraint: Member must not be null",
    );
  });

  it('answers an oversized query body with an error', async () => {
    const res = await send(
      'iam',
      'Action=ListUsers&Version=2010-05-08&X=' + 'a'.repeat(2 * 1024 * 1024),
      form,
    ).catch((e: unknown) => e as Error);
    if (res instanceof Response) expect(res.status).toBe(413);
    await stillServes();
  });
});

describe('transport-level junk', () => {
  it('survives a GET, garbage bytes and a half-sent request', async () => {
    const get = await fetch(sb.sandbox.endpoint + '/');
    expect(get.status).toBe(400);
    expect(await get.text()).toContain('<Code>InvalidAction</Code>');
    const net = await import('node:net');
    const url = new URL(sb.sandbox.endpoint);
    await new Promise<void>((resolve) => {
      const s = net.connect(Number(url.port), url.hostname, () => {
        s.write('\x00\x01\x02 not http at all\r\n\r\n');
      });
      s.on('data', () => undefined);
      s.on('close', () => resolve());
      s.on('error', () => resolve());
    });
    await new Promise<void>((resolve) => {
      const s = net.connect(Number(url.port), url.hostname, () => {
        s.write('POST / HTTP/1.1\r\nhost: x\r\ncontent-length: 1000\r\n\r\n{"a":');
        setTimeout(() => s.destroy(), 50);
      });
      s.on('close', () => resolve());
      s.on('error', () => resolve());
    });
    await expect(
      sb.ecr().send(new GetRepositoryPolicyCommand({ repositoryName: 'fcj-workshop-app' })),
    ).rejects.toMatchObject({
      name: 'RepositoryPolicyNotFoundException',
    });
  });
});
