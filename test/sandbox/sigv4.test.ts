/**
 * The SigV4 verifier against the SDK's own signer (@smithy/signature-v4): every request the
 * signer signs is accepted, and changing any signed part of it (a header, the path, the query,
 * the body, the scope, the time, the secret) is refused. The verifier computes the signature
 * without the signer (for speed), so this is what keeps the two the same.
 */
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { IncomingHttpHeaders } from 'node:http';
import { describe, expect, it } from 'vitest';
import {
  parseAuthorization,
  SigV4Error,
  verifySignature,
  type VerifyInput,
} from '../../src/sandbox/sigv4.js';

class Sha256 extends Hash {
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    super('sha256', secret as never);
  }
}

const KEY = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};
const NOW = new Date('2026-12-01T10:20:30Z');

interface Case {
  name: string;
  path?: string;
  query?: Record<string, string | string[]>;
  headers?: Record<string, string>;
  body?: string;
  region?: string;
  service?: string;
  sessionToken?: string;
}

const CASES: Case[] = [
  {
    name: 'an ECR call as the SDK sends it',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'AmazonEC2ContainerRegistry_V20150921.GetRepositoryPolicy',
      'amz-sdk-invocation-id': '6f1d6a0e-0b7e-4b8a-9d57-1c3d1f9b8e21',
      'amz-sdk-request': 'attempt=1; max=3',
      'x-amz-user-agent': 'aws-sdk-js/3.0.0',
    },
    body: '{"repositoryName":"fcj-workshop-app"}',
  },
  {
    name: 'an STS call signed for another region',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'Action=GetCallerIdentity&Version=2011-06-15',
    region: 'ap-southeast-1',
    service: 'sts',
  },
  {
    name: 'a role session (security token signed)',
    headers: { 'content-type': 'application/x-amz-json-1.1' },
    body: '{}',
    sessionToken: 'FwoGZXIvYXdzEJr//////////wEaDAbCdEfGhIjKlMnOpQ==',
  },
  {
    name: 'a path, a query with repeated and escaped keys, and header values with odd spacing',
    path: '/a b/./c/../d%2Fe/ü',
    query: { 'x-y': 'a b', list: ['2', '1'], empty: '', 'ü+': '/=&' },
    headers: { 'x-amz-meta-note': '  two   spaces\tand a tab  ', 'X-Mixed-Case': 'Value' },
    body: 'Nội dung có dấu',
  },
  { name: 'an empty body', body: '' },
];

async function signedInput(c: Case, secret = KEY.secretAccessKey): Promise<VerifyInput> {
  const signer = new SignatureV4({
    credentials: { ...KEY, ...(c.sessionToken ? { sessionToken: c.sessionToken } : {}) },
    region: c.region ?? 'us-east-1',
    service: c.service ?? 'ecr',
    sha256: Sha256,
  });
  const path = c.path ?? '/';
  const body = c.body ?? '';
  const out = await signer.sign(
    new HttpRequest({
      method: 'POST',
      protocol: 'http:',
      hostname: '127.0.0.1',
      port: 4510,
      path,
      query: c.query ?? {},
      headers: { host: '127.0.0.1:4510', ...c.headers },
      body,
    }),
    { signingDate: NOW },
  );
  // As node:http hands them to the server: names in lower case.
  const headers: IncomingHttpHeaders = {};
  for (const [k, v] of Object.entries(out.headers)) headers[k.toLowerCase()] = v;
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(c.query ?? {}))
    for (const one of Array.isArray(v) ? v : [v]) query.append(k, one);
  return {
    method: 'POST',
    path: encodeURI(path),
    query,
    headers,
    body: Buffer.from(body),
    auth: parseAuthorization(headers.authorization as string)!,
    secretAccessKey: secret,
    ...(c.sessionToken ? { sessionToken: c.sessionToken } : {}),
    now: NOW,
  };
}

/** The hex string with its first digit changed. */
function flipFirst(hex: string): string {
  return (parseInt(hex[0]!, 16) ^ 1).toString(16) + hex.slice(1);
}

function refused(input: VerifyInput): string | undefined {
  try {
    verifySignature(input);
    return undefined;
  } catch (err) {
    if (err instanceof SigV4Error) return err.failure.kind;
    throw err;
  }
}

describe('verifySignature, side by side with the SDK signer', () => {
  for (const c of CASES) {
    it(`accepts ${c.name}`, async () => {
      expect(refused(await signedInput(c))).toBeUndefined();
    });
  }

  it('refuses any change to what was signed', async () => {
    const c = CASES[3]!;
    const base = await signedInput(c);
    const changed: Array<[string, VerifyInput]> = [
      ['body', { ...base, body: Buffer.from('Nội dung có dấu.') }],
      ['path', { ...base, path: '/a%20b/d%2Fe/u' }],
      ['query value', { ...base, query: new URLSearchParams([...base.query, ['list', '3']]) }],
      ['header value', { ...base, headers: { ...base.headers, 'x-mixed-case': 'value' } }],
      ['method', { ...base, method: 'PUT' }],
      ['secret', { ...base, secretAccessKey: KEY.secretAccessKey.replace('K', 'k') }],
      ['region', { ...base, auth: { ...base.auth, region: 'us-east-2' } }],
      ['service', { ...base, auth: { ...base.auth, service: 'sts' } }],
      ['signing time', { ...base, headers: { ...base.headers, 'x-amz-date': '20261201T102031Z' } }],
      ['signature', { ...base, auth: { ...base.auth, signature: flipFirst(base.auth.signature) } }],
    ];
    for (const [what, input] of changed) expect(refused(input), what).toBe('mismatch');
  });

  it('refuses a session token other than the one signed, and a date that does not exist', async () => {
    const s = await signedInput(CASES[2]!);
    expect(refused({ ...s, sessionToken: 'another' })).toBe('mismatch');
    const d = await signedInput(CASES[0]!);
    // 31 February would roll over to 3 March in a Date: it is not the time that was signed
    expect(refused({ ...d, headers: { ...d.headers, 'x-amz-date': '20261131T102030Z' } })).toBe(
      'mismatch',
    );
  });

  it('refuses a payload hash header that is not the body', async () => {
    const d = await signedInput(CASES[0]!);
    const h = {
      ...d.headers,
      'x-amz-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    };
    expect(refused({ ...d, headers: h })).toBe('mismatch');
  });
});
