/** SigV4 and credentials: tampering, unknown keys, clock skew, sessions, the signing region. */
import { DescribeRepositoriesCommand, ECRClient } from '@aws-sdk/client-ecr';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { IAMClient, ListUsersCommand } from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { SANDBOX_CI_USER } from '../../src/sandbox/index.js';
import type { TestSandbox } from '../helpers/sandbox.js';
import { sandboxForFile } from '../helpers/sandbox-hooks.js';
import { signRawRequest } from '../helpers/sigv4.js';

let sb: TestSandbox;
sandboxForFile((s) => (sb = s));

/** Signs a raw request like the SDK does, then lets the test alter it before sending. */
async function signed(opts: {
  service: 'ecr' | 'sts';
  body: string;
  headers: Record<string, string>;
  date?: Date;
  secret?: string;
  keyId?: string;
}): Promise<{ url: string; init: RequestInit & { headers: Record<string, string> } }> {
  const creds = sb.sandbox.user().credentials;
  return signRawRequest(sb.sandbox.endpoint, {
    service: opts.service,
    region: sb.sandbox.region,
    credentials: {
      accessKeyId: opts.keyId ?? creds.accessKeyId,
      secretAccessKey: opts.secret ?? creds.secretAccessKey,
    },
    body: opts.body,
    headers: opts.headers,
    date: opts.date,
  });
}

const ecrHeaders = {
  'content-type': 'application/x-amz-json-1.1',
  'x-amz-target': 'AmazonEC2ContainerRegistry_V20150921.DescribeRepositories',
};
const stsHeaders = { 'content-type': 'application/x-www-form-urlencoded' };

describe('SigV4', () => {
  it("accepts a correctly signed raw request in the sandbox's region", async () => {
    const r = await signed({ service: 'ecr', body: '{}', headers: ecrHeaders });
    const res = await fetch(r.url, r.init);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { repositories: unknown[] }).repositories).toHaveLength(1);
  });

  it('refuses a tampered body with the JSON error of ECR and the XML error of STS', async () => {
    const r = await signed({ service: 'ecr', body: '{}', headers: ecrHeaders });
    const res = await fetch(r.url, { ...r.init, body: '{"maxResults":1}' });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { __type: string; message: string };
    expect(body.__type).toBe('InvalidSignatureException');
    expect(body.message).toMatch(/^The request signature we calculated does not match/);

    const s = await signed({
      service: 'sts',
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
      headers: stsHeaders,
    });
    const res2 = await fetch(s.url, {
      ...s.init,
      body: 'Action=GetCallerIdentity&Version=2011-06-16',
    });
    expect(res2.status).toBe(403);
    const xml = await res2.text();
    expect(xml).toContain('<Code>SignatureDoesNotMatch</Code>');
    expect(xml).toContain('<Type>Sender</Type>');
  });

  it('refuses a tampered signature and a wrong secret through the SDK', async () => {
    const r = await signed({ service: 'ecr', body: '{}', headers: ecrHeaders });
    const auth = r.init.headers.authorization!;
    const last = auth.at(-1) === '0' ? '1' : '0';
    const res = await fetch(r.url, {
      ...r.init,
      headers: { ...r.init.headers, authorization: auth.slice(0, -1) + last },
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { __type: string }).__type).toBe('InvalidSignatureException');

    const { accessKeyId } = sb.sandbox.user().credentials;
    const wrong = { accessKeyId, secretAccessKey: 'x'.repeat(40) };
    const sts = new STSClient({
      endpoint: sb.sandbox.endpoint,
      region: 'us-east-1',
      credentials: wrong,
      maxAttempts: 1,
    });
    await expect(sts.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
      name: 'SignatureDoesNotMatch',
      $metadata: { httpStatusCode: 403 },
    });
    sts.destroy();
  });

  it('answers an unknown key as each service does', async () => {
    const unknown = { accessKeyId: 'AKIAUNKNOWNUNKNOWN00', secretAccessKey: 'y'.repeat(40) };
    const cfg = {
      endpoint: sb.sandbox.endpoint,
      region: sb.sandbox.region,
      credentials: unknown,
      maxAttempts: 1,
    };
    const ecr = new ECRClient(cfg);
    const sts = new STSClient(cfg);
    const iam = new IAMClient(cfg);
    await expect(ecr.send(new DescribeRepositoriesCommand({}))).rejects.toMatchObject({
      name: 'UnrecognizedClientException',
      message: 'The security token included in the request is invalid.',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(sts.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
      name: 'InvalidClientTokenId',
      $metadata: { httpStatusCode: 403 },
    });
    await expect(iam.send(new ListUsersCommand({}))).rejects.toMatchObject({
      name: 'InvalidClientTokenId',
    });
    for (const c of [ecr, sts, iam]) c.destroy();
  });

  it('refuses a request signed more than 15 minutes ago, naming the times', async () => {
    const old = new Date(Date.now() - 16 * 60 * 1000);
    const r = await signed({
      service: 'sts',
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
      headers: stsHeaders,
      date: old,
    });
    const res = await fetch(r.url, r.init);
    expect(res.status).toBe(403);
    expect(await res.text()).toMatch(
      /<Code>SignatureDoesNotMatch<\/Code><Message>Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)/,
    );
    const e = await signed({
      service: 'ecr',
      body: '{}',
      headers: ecrHeaders,
      date: new Date(Date.now() + 20 * 60 * 1000),
    });
    const res2 = await fetch(e.url, e.init);
    expect(((await res2.json()) as { message: string }).message).toMatch(
      /^Signature not yet current/,
    );
    // 10 minutes off is within the allowed skew
    const ok = await signed({
      service: 'ecr',
      body: '{}',
      headers: ecrHeaders,
      date: new Date(Date.now() - 10 * 60 * 1000),
    });
    expect((await fetch(ok.url, ok.init)).status).toBe(200);
  });

  it('refuses a credential scoped to another service', async () => {
    const r = await signed({ service: 'sts', body: '{}', headers: ecrHeaders });
    const res = await fetch(r.url, r.init);
    expect(await res.json()).toEqual({
      __type: 'InvalidSignatureException',
      message: "Credential should be scoped to correct service: 'ecr'. ",
    });
  });

  it('refuses a request without any signature', async () => {
    const res = await fetch(sb.sandbox.endpoint, {
      method: 'POST',
      headers: ecrHeaders,
      body: '{}',
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { __type: string }).__type).toBe(
      'MissingAuthenticationTokenException',
    );
    const res2 = await fetch(sb.sandbox.endpoint, {
      method: 'POST',
      headers: stsHeaders,
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
    });
    expect(await res2.text()).toContain('<Code>MissingAuthenticationToken</Code>');
  });

  it('treats every user by its own key', async () => {
    const who = await sb
      .sts({ user: SANDBOX_CI_USER, region: 'us-east-1' })
      .send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toBe(`arn:aws:iam::${sb.sandbox.accountId}:user/${SANDBOX_CI_USER}`);
  });
});
