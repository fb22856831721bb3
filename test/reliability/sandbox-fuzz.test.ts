/**
 * The sandbox under more than 2,000 malformed or hostile requests (fast-check, fixed seed): bad,
 * missing, stale and tampered signatures, unknown keys, wrong targets and actions, wrong JSON
 * types, invalid base64, truncated and oversized bodies, garbage download URLs, raw bytes that
 * are not HTTP, and slowloris-style stalled connections. Every error answer must be AWS-shaped,
 * nothing may answer 5xx or log an internal error, the server keeps serving, and the state on
 * disk is byte-for-byte what it was before.
 */
import { DescribeRepositoriesCommand, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr';
import fc from 'fast-check';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { SOAK } from './soak.js';
import {
  awsShapeProblem,
  ECR_PREFIX,
  errorCode,
  pool,
  rawExchange,
  send,
  signedHeaders,
  stateSnapshot,
  type Credentials,
  type RawAnswer,
} from './wire.js';

let sb: TestSandbox;
const logLines: string[] = [];
let before: Record<string, string>;
let admin: Credentials;

beforeAll(async () => {
  sb = await startTestSandbox({ log: (l) => logLines.push(l) });
  admin = sb.sandbox.user().credentials;
  before = await stateSnapshot(sb.stateDir);
});
afterAll(async () => {
  await sb.cleanup();
});

const JSON_HEADERS = (op: string): Record<string, string> => ({
  'content-type': 'application/x-amz-json-1.1',
  'x-amz-target': ECR_PREFIX + op,
});
const FORM = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };

/** ECR operations that change nothing when they succeed: fuzzed with any values. */
const READ_ONLY_ECR = [
  'DescribeRepositories',
  'DescribeImages',
  'ListImages',
  'BatchGetImage',
  'GetRepositoryPolicy',
  'BatchCheckLayerAvailability',
  'GetDownloadUrlForLayer',
  'GetAuthorizationToken',
  'ListTagsForResource',
];
/** Operations that write: fuzzed only with bodies that cannot be valid (wrong types, bad JSON). */
const MUTATING_ECR = [
  'CreateRepository',
  'DeleteRepository',
  'PutImage',
  'SetRepositoryPolicy',
  'DeleteRepositoryPolicy',
  'BatchDeleteImage',
  'InitiateLayerUpload',
  'UploadLayerPart',
  'CompleteLayerUpload',
  'TagResource',
  'UntagResource',
];
const MEMBERS = [
  'repositoryName',
  'registryId',
  'imageIds',
  'layerDigests',
  'layerDigest',
  'uploadId',
  'partFirstByte',
  'partLastByte',
  'layerPartBlob',
  'imageManifest',
  'imageTag',
  'policyText',
  'force',
  'maxResults',
  'nextToken',
  'resourceArn',
  'tags',
  'tagKeys',
  'filter',
  'repositoryNames',
  'imageDigest',
];
const READ_ONLY_QUERY: Array<['sts' | 'iam', string]> = [
  ['sts', 'GetCallerIdentity'],
  ['iam', 'GetUser'],
  ['iam', 'ListUsers'],
  ['iam', 'GetUserPolicy'],
  ['iam', 'ListUserPolicies'],
  ['iam', 'ListAttachedUserPolicies'],
  ['iam', 'GetRole'],
  ['iam', 'ListRoles'],
  ['iam', 'ListAccessKeys'],
  ['iam', 'GetPolicy'],
  ['iam', 'SimulatePrincipalPolicy'],
  ['iam', 'Nope'],
  ['sts', 'Nope'],
];
const MUTATING_QUERY: Array<['sts' | 'iam', string]> = [
  ['iam', 'CreateUser'],
  ['iam', 'DeleteUser'],
  ['iam', 'PutUserPolicy'],
  ['iam', 'DeleteUserPolicy'],
  ['iam', 'AttachUserPolicy'],
  ['iam', 'CreateRole'],
  ['iam', 'DeleteRole'],
  ['iam', 'UpdateAccessKey'],
  ['iam', 'DeleteAccessKey'],
  ['sts', 'AssumeRole'],
];

type Spec =
  | { kind: 'ecr-fuzz'; op: string; body: string }
  | { kind: 'ecr-bad-auth'; auth: BadAuth; op: string; body: string }
  | { kind: 'ecr-wrong-target'; target: string }
  | { kind: 'ecr-tampered'; op: string; body: string; cut: number }
  | { kind: 'query-fuzz'; service: 'sts' | 'iam'; body: string }
  | { kind: 'query-bad-auth'; auth: BadAuth; service: 'sts' | 'iam'; body: string }
  | { kind: 'download'; path: string }
  | { kind: 'oversized'; protocol: 'json' | 'query' }
  | { kind: 'raw'; bytes: string; then: 'end' | 'destroy' };

type BadAuth =
  | 'missing'
  | 'garbage'
  | 'wrong-secret'
  | 'unknown-key'
  | 'stale'
  | 'future'
  | 'bad-token'
  | 'no-date';

const anyValue = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(
    fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.integer(),
      fc.dictionary(fc.constantFrom('imageTag', 'imageDigest', 'x'), fc.string({ maxLength: 8 })),
    ),
    { maxLength: 4 },
  ),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), { maxKeys: 3 }),
  fc.constantFrom(
    'fcj-workshop-app',
    '../../etc/passwd',
    'sha256:' + '0'.repeat(64),
    'not base64 !!!',
    '====',
    'latest',
    '%00',
    '\u0000',
  ),
);
const wrongType = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.array(fc.integer(), { maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { maxKeys: 2 }),
);
const brokenJson = fc.oneof(
  fc.json().map((j) => j.slice(0, Math.max(0, j.length - 1))),
  fc.constantFrom(
    '',
    '{',
    '[1,2]',
    'null',
    '"x"',
    '{"repositoryName":',
    '{"a":1,}',
    '\u0000',
    '{"__proto__":{"x":1}}',
    '{"constructor":{"prototype":{}}}',
  ),
  fc.string({ maxLength: 40 }),
);
const readOnlyBody = fc
  .dictionary(fc.constantFrom(...MEMBERS), anyValue, { maxKeys: 5 })
  .map((o) => JSON.stringify(o));
const mutatingBody = fc.oneof(
  brokenJson,
  fc
    .tuple(
      fc.dictionary(fc.constantFrom(...MEMBERS), anyValue, { maxKeys: 4 }),
      wrongType,
      wrongType,
    )
    .map(([o, a, b]) =>
      // The member every mutating operation needs is the wrong type, so none can succeed.
      JSON.stringify({ ...o, repositoryName: a, resourceArn: b }),
    ),
);
const queryParams = (actions: Array<['sts' | 'iam', string]>, withRandom: boolean) =>
  fc
    .tuple(
      fc.constantFrom(...actions),
      withRandom
        ? fc.dictionary(
            fc.constantFrom(
              'UserName',
              'RoleName',
              'PolicyName',
              'PolicyArn',
              'MaxItems',
              'Marker',
              'PolicySourceArn',
              'ActionNames.member.1',
              'PathPrefix',
              'Version',
            ),
            fc.string({ maxLength: 30 }),
            { maxKeys: 4 },
          )
        : fc.dictionary(
            fc.constantFrom('Bogus', 'Version', 'X.member.1'),
            fc.string({ maxLength: 10 }),
            { maxKeys: 2 },
          ),
    )
    .map(([[service, action], params]) => ({
      service,
      body: new URLSearchParams({
        Action: action,
        Version: service === 'iam' ? '2010-05-08' : '2011-06-15',
        ...params,
      }).toString(),
    }));

const badAuth = fc.constantFrom<BadAuth>(
  'missing',
  'garbage',
  'wrong-secret',
  'unknown-key',
  'stale',
  'future',
  'bad-token',
  'no-date',
);
/** Valid, state-changing requests: only a broken authentication stands between them and the state. */
const DANGEROUS_ECR: Array<[string, string]> = [
  ['CreateRepository', '{"repositoryName":"fuzz-made"}'],
  ['DeleteRepository', '{"repositoryName":"fcj-workshop-app","force":true}'],
  ['DeleteRepositoryPolicy', '{"repositoryName":"fcj-workshop-app"}'],
  [
    'SetRepositoryPolicy',
    JSON.stringify({
      repositoryName: 'fcj-workshop-app',
      policyText:
        '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"ecr:*"}]}',
    }),
  ],
];
const DANGEROUS_QUERY: Array<['sts' | 'iam', string]> = [
  ['iam', 'Action=CreateUser&Version=2010-05-08&UserName=fuzz-made'],
  ['iam', 'Action=DeleteUser&Version=2010-05-08&UserName=fcj-ecr-ci-cd-user'],
  ['iam', 'Action=CreateAccessKey&Version=2010-05-08&UserName=fcj-ecr-ci-cd-user'],
];

const spec: fc.Arbitrary<Spec> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(fc.constantFrom(...READ_ONLY_ECR), readOnlyBody)
      .map(([op, body]) => ({ kind: 'ecr-fuzz' as const, op, body })),
  },
  {
    weight: 6,
    arbitrary: fc
      .tuple(fc.constantFrom(...MUTATING_ECR, ...READ_ONLY_ECR), mutatingBody)
      .map(([op, body]) => ({ kind: 'ecr-fuzz' as const, op, body })),
  },
  {
    weight: 4,
    arbitrary: fc
      .tuple(badAuth, fc.constantFrom(...DANGEROUS_ECR))
      .map(([auth, [op, body]]) => ({ kind: 'ecr-bad-auth' as const, auth, op, body })),
  },
  {
    weight: 2,
    arbitrary: fc
      .oneof(
        fc.string({ maxLength: 60 }),
        fc.constantFrom(
          ECR_PREFIX,
          ECR_PREFIX + 'constructor',
          ECR_PREFIX + '__proto__',
          ECR_PREFIX + 'hasOwnProperty',
          'DynamoDB_20120810.ListTables',
          ECR_PREFIX.toLowerCase() + 'DescribeRepositories',
        ),
      )
      .map((target) => ({ kind: 'ecr-wrong-target' as const, target })),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom(...DANGEROUS_ECR), fc.nat())
      .map(([[op, body], cut]) => ({ kind: 'ecr-tampered' as const, op, body, cut })),
  },
  {
    weight: 4,
    arbitrary: queryParams(READ_ONLY_QUERY, true).map((q) => ({
      kind: 'query-fuzz' as const,
      ...q,
    })),
  },
  {
    weight: 3,
    arbitrary: queryParams(MUTATING_QUERY, false).map((q) => ({
      kind: 'query-fuzz' as const,
      ...q,
    })),
  },
  {
    weight: 1,
    arbitrary: fc
      .string({ maxLength: 200 })
      .map((body) => ({ kind: 'query-fuzz' as const, service: 'iam' as const, body })),
  },
  {
    weight: 3,
    arbitrary: fc
      .tuple(badAuth, fc.constantFrom(...DANGEROUS_QUERY))
      .map(([auth, [service, body]]) => ({ kind: 'query-bad-auth' as const, auth, service, body })),
  },
  {
    weight: 2,
    arbitrary: fc
      .oneof(
        fc.string({ maxLength: 80 }).map((s) => encodeURIComponent(s)),
        fc.constantFrom(
          '../../state.json',
          '..%2F..%2Fstate.json',
          'x.y',
          '.',
          'eyJhIjoiMSJ9.AAAA',
          '%zz',
        ),
      )
      .map((p) => ({ kind: 'download' as const, path: '/_sandbox/layers/' + p })),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom<'json' | 'query'>('json', 'query')
      .map((protocol) => ({ kind: 'oversized' as const, protocol })),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.oneof(
          fc.string({ maxLength: 100 }),
          fc.constantFrom(
            'GET / HTTP/1.1\r\nHost: x\r\n\r\n',
            'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"a":',
            'POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
            'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n',
            'POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: ' +
              ECR_PREFIX +
              'DescribeRepositories\r\nContent-Length: 5000\r\n\r\n{"repositoryNames":[',
            'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n',
            `POST / HTTP/1.1\r\nHost: x\r\n${'X-A: b\r\n'.repeat(3000)}\r\n`,
          ),
        ),
        fc.constantFrom<'end' | 'destroy'>('end', 'destroy'),
      )
      .map(([bytes, then]) => ({ kind: 'raw' as const, bytes, then })),
  },
);

const COUNT = SOAK ? 20_000 : 2_200;
const stats = new Map<string, number>();
const bump = (k: string): void => void stats.set(k, (stats.get(k) ?? 0) + 1);

async function authHeaders(
  auth: BadAuth,
  service: string,
  body: string,
  base: Record<string, string>,
): Promise<Record<string, string>> {
  const endpoint = sb.sandbox.endpoint;
  switch (auth) {
    case 'missing':
      return base;
    case 'garbage':
      return {
        ...base,
        authorization: 'AWS4-HMAC-SHA256 Credential=!!!, SignedHeaders=host, Signature=zz',
        'x-amz-date': '20200101T000000Z',
      };
    case 'wrong-secret':
      return signedHeaders(
        endpoint,
        {
          ...admin,
          secretAccessKey: admin.secretAccessKey.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
        },
        service,
        body,
        base,
      );
    case 'unknown-key':
      return signedHeaders(
        endpoint,
        { accessKeyId: 'AKIAFUZZFUZZFUZZFUZZ', secretAccessKey: admin.secretAccessKey },
        service,
        body,
        base,
      );
    case 'stale':
      return signedHeaders(endpoint, admin, service, body, base, {
        signingDate: new Date(Date.now() - 3_600_000),
      });
    case 'future':
      return signedHeaders(endpoint, admin, service, body, base, {
        signingDate: new Date(Date.now() + 3_600_000),
      });
    case 'bad-token':
      return signedHeaders(
        endpoint,
        { ...admin, sessionToken: 'FwoGZXIvYXdzEFUZZ' },
        service,
        body,
        base,
      );
    case 'no-date': {
      const h = await signedHeaders(endpoint, admin, service, body, base);
      delete h['x-amz-date'];
      return h;
    }
  }
}

/** Sends one spec; returns the answer (undefined when the exchange is raw) and its protocol. */
async function run(
  s: Spec,
): Promise<{ answer?: RawAnswer; protocol: 'json' | 'query' | 'download'; mustFail: boolean }> {
  const endpoint = sb.sandbox.endpoint;
  switch (s.kind) {
    case 'ecr-fuzz': {
      const headers = await signedHeaders(endpoint, admin, 'ecr', s.body, JSON_HEADERS(s.op));
      return {
        answer: await send(endpoint, { headers, body: s.body }),
        protocol: 'json',
        mustFail: MUTATING_ECR.includes(s.op),
      };
    }
    case 'ecr-bad-auth':
      return {
        answer: await send(endpoint, {
          headers: await authHeaders(s.auth, 'ecr', s.body, JSON_HEADERS(s.op)),
          body: s.body,
        }),
        protocol: 'json',
        mustFail: true,
      };
    case 'ecr-wrong-target': {
      const base = { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': s.target };
      const headers = await signedHeaders(endpoint, admin, 'ecr', '{}', base);
      const valid =
        s.target.startsWith(ECR_PREFIX) &&
        READ_ONLY_ECR.includes(s.target.slice(ECR_PREFIX.length));
      return {
        answer: await send(endpoint, { headers, body: '{}' }),
        protocol: 'json',
        mustFail: !valid,
      };
    }
    case 'ecr-tampered': {
      // Signed for one body, sent with another (cut short or altered): the signature must not match.
      const headers = await signedHeaders(endpoint, admin, 'ecr', s.body, JSON_HEADERS(s.op));
      const cut = s.cut % s.body.length;
      const body = cut === 0 ? `${s.body} ` : s.body.slice(0, cut);
      return { answer: await send(endpoint, { headers, body }), protocol: 'json', mustFail: true };
    }
    case 'query-fuzz': {
      const headers = await signedHeaders(endpoint, admin, s.service, s.body, FORM);
      const action = new URLSearchParams(s.body).get('Action') ?? '';
      return {
        answer: await send(endpoint, { headers, body: s.body }),
        protocol: 'query',
        mustFail: MUTATING_QUERY.some(([, a]) => a === action),
      };
    }
    case 'query-bad-auth':
      return {
        answer: await send(endpoint, {
          headers: await authHeaders(s.auth, s.service, s.body, FORM),
          body: s.body,
        }),
        protocol: 'query',
        mustFail: true,
      };
    case 'download':
      return {
        answer: await send(endpoint, { method: 'GET', path: s.path }),
        protocol: 'download',
        mustFail: true,
      };
    case 'oversized': {
      const body = Buffer.alloc(s.protocol === 'json' ? 31 * 1024 * 1024 : 1024 * 1024 + 10, 0x61);
      const headers =
        s.protocol === 'json'
          ? { ...JSON_HEADERS('DescribeRepositories'), 'content-length': String(body.length) }
          : { ...FORM, 'content-length': String(body.length) };
      // The server may close the connection before all of the body is written: that is fine.
      const answer = await send(endpoint, { headers, body }).catch(() => undefined);
      return { answer, protocol: s.protocol, mustFail: true };
    }
    case 'raw':
      await rawExchange(endpoint, s.bytes, s.then);
      return { protocol: 'json', mustFail: true };
  }
}

async function stillServes(): Promise<void> {
  const r = await sb.ecr().send(new DescribeRepositoriesCommand({}));
  expect(r.repositories?.map((x) => x.repositoryName)).toEqual(['fcj-workshop-app']);
  const ci = await sb.ecr('fcj-ecr-ci-cd-user').send(new GetAuthorizationTokenCommand({}));
  expect(ci.authorizationData).toHaveLength(1);
}

describe(`the sandbox under ${COUNT} hostile requests`, () => {
  it('answers every one AWS-shaped (or drops a non-HTTP connection), never 5xx, and keeps serving', async () => {
    const specs = fc.sample(spec, { numRuns: COUNT, seed: 20261128 });
    const problems: string[] = [];
    await pool(
      specs.map((s, i) => async () => {
        const r = await run(s).catch((err: unknown) => {
          problems.push(`#${i} ${s.kind}: no answer (${String(err)})`);
          return undefined;
        });
        if (!r) return;
        bump(s.kind);
        if (!r.answer) return;
        const a = r.answer;
        bump(`status ${a.status}`);
        if (a.status >= 500) problems.push(`#${i} ${s.kind}: ${a.status} ${a.body.slice(0, 200)}`);
        if (r.mustFail && a.status < 400)
          problems.push(
            `#${i} ${s.kind} succeeded but must not: ${JSON.stringify(s).slice(0, 200)} -> ${a.body.slice(0, 200)}`,
          );
        // A download path with dot segments normalises to an API path: then the API answers.
        const shape = awsShapeProblem(
          a,
          r.protocol === 'download' && a.body.startsWith('<ErrorResponse') ? 'query' : r.protocol,
        );
        if (shape) problems.push(`#${i} ${s.kind}: ${shape}`);
        const code = errorCode(a);
        if (code) bump(`code ${code}`);
        if (/\bat .*\.(ts|js):\d+/.test(a.body))
          problems.push(`#${i} ${s.kind}: stack trace in the answer`);
        if (i % 500 === 499) await stillServes();
      }),
      8,
    );
    expect(problems.slice(0, 20)).toEqual([]);
    const summary = [...stats.entries()]
      .sort()
      .map(([k, v]) => `${k}=${v}`)
      .join(' ');
    console.log(`sandbox fuzz: ${specs.length} requests; ${summary}`);
    await stillServes();
  }, 300_000);

  it(
    'keeps serving while 48 slowloris connections stall mid-headers and mid-body',
    async () => {
      const url = new URL(sb.sandbox.endpoint);
      const sockets: Socket[] = [];
      const closed: boolean[] = [];
      for (let i = 0; i < 48; i++) {
        const sock = connect(Number(url.port), url.hostname);
        const idx = sockets.length;
        closed.push(false);
        sock.on('error', () => undefined);
        sock.resume(); // read what the server says, or its closing the connection would go unseen
        sock.on('close', () => (closed[idx] = true));
        sock.write(
          i % 2 === 0
            ? 'POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Tar' // headers never finish
            : `POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: ${ECR_PREFIX}DescribeRepositories\r\nAuthorization: AWS4-HMAC-SHA256 Credential=${admin.accessKeyId}/20260101/us-east-1/ecr/aws4_request, SignedHeaders=host, Signature=00\r\nContent-Length: 1000000\r\n\r\n{"a":`, // body never finishes
        );
        sockets.push(sock);
      }
      // One byte now and then keeps each stalled connection "active", as a slowloris does.
      const drip = setInterval(
        () => sockets.forEach((s, i) => !closed[i] && s.write(i % 2 === 0 ? 'x' : ' ')),
        500,
      );
      try {
        for (let k = 0; k < 5; k++) await stillServes();
        if (SOAK) {
          // The server's header/request timeouts must eventually cut every stalled connection.
          const deadline = Date.now() + 200_000;
          while (closed.some((c) => !c) && Date.now() < deadline)
            await new Promise((r) => setTimeout(r, 1000));
          expect(closed.filter((c) => !c).length).toBe(0);
        }
      } finally {
        clearInterval(drip);
        sockets.forEach((s) => s.destroy());
      }
      await stillServes();
    },
    SOAK ? 260_000 : 60_000,
  );

  it('refuses 300 layer parts of invalid base64 on a live upload, which stays usable', async () => {
    const endpoint = sb.sandbox.endpoint;
    const call = async (op: string, body: string): Promise<RawAnswer> =>
      send(endpoint, {
        headers: await signedHeaders(endpoint, admin, 'ecr', body, JSON_HEADERS(op)),
        body,
      });
    const init = await call('InitiateLayerUpload', '{"repositoryName":"fcj-workshop-app"}');
    const { uploadId } = JSON.parse(init.body) as { uploadId: string };
    const bad = fc.sample(
      fc.oneof(
        fc
          .string({ minLength: 1, maxLength: 40 })
          .filter((x) => !/^[A-Za-z0-9+/]*={0,2}$/.test(x) || x.length % 4 !== 0),
        fc.constantFrom(
          'YQ',
          'YQ=',
          'Y===',
          '====',
          'YQ==YQ==',
          'YW Jj',
          'YWJj\n',
          '-_-_',
          '\u0000AAA',
          'AAAA'.repeat(1000) + '*',
        ),
      ),
      { numRuns: 300, seed: 64 },
    );
    const codes = new Map<string, number>();
    for (const blob of bad) {
      const body = `{"repositoryName":"fcj-workshop-app","uploadId":"${uploadId}","partFirstByte":0,"partLastByte":0,"layerPartBlob":${JSON.stringify(blob)}}`;
      const a = await call('UploadLayerPart', body);
      expect(a.status, blob).toBe(400);
      expect(awsShapeProblem(a, 'json')).toBeUndefined();
      const code = errorCode(a)!;
      codes.set(code, (codes.get(code) ?? 0) + 1);
    }
    expect(
      [...codes.keys()].every((c) =>
        ['SerializationException', 'InvalidLayerPartException'].includes(c),
      ),
      JSON.stringify([...codes]),
    ).toBe(true);
    // Nothing of the refused parts was kept: a good first part still starts at byte 0.
    const good = await call(
      'UploadLayerPart',
      `{"repositoryName":"fcj-workshop-app","uploadId":"${uploadId}","partFirstByte":0,"partLastByte":2,"layerPartBlob":"YWJj"}`,
    );
    expect(good.status, good.body).toBe(200);
    expect(JSON.parse(good.body)).toMatchObject({ lastByteReceived: 2 });
  });

  it('left the state on disk byte-for-byte unchanged and logged no internal error', async () => {
    const after = await stateSnapshot(sb.stateDir);
    // Uploads that were started by fuzzed calls are not state (they live in memory and uploads/).
    const strip = (s: Record<string, string>): Record<string, string> =>
      Object.fromEntries(Object.entries(s).filter(([k]) => !k.startsWith('uploads')));
    expect(strip(after)).toEqual(strip(before));
    expect(logLines.filter((l) => /internal error|request failed/.test(l)).slice(0, 5)).toEqual([]);
  });
});

describe('the sandbox enforcing 400 mutated policies', () => {
  let own: TestSandbox;
  beforeAll(async () => {
    own = await startTestSandbox();
  });
  afterAll(async () => {
    await own.cleanup();
  });

  it('stores or refuses each (AWS-shaped), then authorizes calls under it without failing', async () => {
    const endpoint = own.sandbox.endpoint;
    const adminCreds = own.sandbox.user().credentials;
    const ciCreds = own.sandbox.user('fcj-ecr-ci-cd-user').credentials;
    const acct = own.sandbox.accountId;
    const seed = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'CI',
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${acct}:user/fcj-ecr-ci-cd-user` },
          Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:Put*'],
          Resource: '*',
          Condition: { StringLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:user/fcj-*' } },
        },
      ],
    });
    const edits = fc.array(
      fc.tuple(
        fc.nat(),
        fc.nat({ max: 3 }),
        fc.constantFrom(
          '*',
          '?',
          '"',
          ',',
          '{',
          '}',
          '[',
          ']',
          ':',
          'a*a*a*a*a*a*a*a*a*b',
          'Deny',
          'NotAction',
          'ecr:',
          '\\u0000',
          '${aws:username}',
        ),
      ),
      { minLength: 1, maxLength: 4 },
    );
    const texts = fc.sample(edits, { numRuns: 400, seed: 4242 }).map((list) => {
      let t = seed;
      for (const [at, del, ins] of list) {
        const i = at % (t.length + 1);
        t = t.slice(0, i) + ins + t.slice(i + del);
      }
      return t;
    });
    const call = async (
      creds: Credentials,
      service: string,
      headers: Record<string, string>,
      body: string,
    ): Promise<RawAnswer> =>
      send(endpoint, {
        headers: await signedHeaders(endpoint, creds, service, body, headers),
        body,
      });
    let stored = 0;
    const problems: string[] = [];
    for (const [i, text] of texts.entries()) {
      const set = await call(
        adminCreds,
        'ecr',
        JSON_HEADERS('SetRepositoryPolicy'),
        JSON.stringify({ repositoryName: 'fcj-workshop-app', policyText: text }),
      );
      const iam = await call(
        adminCreds,
        'iam',
        FORM,
        new URLSearchParams({
          Action: 'PutUserPolicy',
          Version: '2010-05-08',
          UserName: 'fcj-ecr-ci-cd-user',
          PolicyName: 'fuzz',
          PolicyDocument: text,
        }).toString(),
      );
      for (const [a, p] of [
        [set, 'json'],
        [iam, 'query'],
      ] as const) {
        if (a.status >= 500) problems.push(`#${i} ${p} ${a.status}: ${a.body.slice(0, 200)}`);
        const shape = awsShapeProblem(a, p);
        if (shape) problems.push(`#${i} ${shape}`);
      }
      if (set.status === 200) stored += 1;
      // The CI user's calls are decided under whatever was stored: allowed or denied, never a failure.
      for (const op of ['BatchGetImage', 'GetDownloadUrlForLayer', 'DescribeRepositories']) {
        const body =
          op === 'BatchGetImage'
            ? '{"repositoryName":"fcj-workshop-app","imageIds":[{"imageTag":"latest"}]}'
            : op === 'GetDownloadUrlForLayer'
              ? `{"repositoryName":"fcj-workshop-app","layerDigest":"sha256:${'0'.repeat(64)}"}`
              : '{}';
        const a = await call(ciCreds, 'ecr', JSON_HEADERS(op), body);
        if (a.status >= 500)
          problems.push(`#${i} ${op} ${a.status}: ${a.body.slice(0, 200)} under ${text}`);
        const shape = awsShapeProblem(a, 'json');
        if (shape) problems.push(`#${i} ${op}: ${shape}`);
      }
    }
    expect(problems.slice(0, 10)).toEqual([]);
    expect(stored).toBeGreaterThan(20);
    console.log(
      `sandbox policy fuzz: ${texts.length} mutated policies, ${stored} stored, ${texts.length * 5} requests`,
    );
  }, 120_000);
});
