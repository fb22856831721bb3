/**
 * The network to "real AWS" failing mid-check. A local proxy sits between the tutor and a real
 * sandbox (so the lesson opens normally), then starts dropping connections, answering throttling
 * errors or answering 500s. Every check that needs AWS must report `error` with the thing to try,
 * no step may be marked passed, and each failing call is attempted exactly as often as the
 * session's SDK retry policy says (maxAttempts), no more.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionForSandbox, type AwsSession } from '../../src/aws/session.js';
import { openLesson, type CheckResult, type TutorEngine } from '../../src/app/index.js';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';

type Mode = 'pass' | 'drop' | 'throttle' | 'error500' | 'midway';

let tsb: TestSandbox;
let proxy: Server;
let proxyUrl: string;
let mode: Mode = 'pass';
/** requests the proxy saw while failing: "ecr:Operation" or "sts:Action" */
let seen: string[] = [];
let passedInMidway = 0;

function opOf(headers: Record<string, string | string[] | undefined>, body: string): string {
  const target = headers['x-amz-target'];
  if (typeof target === 'string') return `ecr:${target.split('.').pop()}`;
  return `query:${new URLSearchParams(body).get('Action') ?? '?'}`;
}

function forward(req: IncomingMessage, res: ServerResponse, body: Buffer): void {
  const url = new URL(tsb.sandbox.endpoint);
  const up = httpRequest(
    {
      host: url.hostname,
      port: Number(url.port),
      method: req.method,
      path: req.url,
      headers: req.headers,
    },
    (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    },
  );
  up.on('error', () => res.destroy());
  up.end(body);
}

beforeAll(async () => {
  tsb = await startTestSandbox();
  proxy = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const op = opOf(req.headers, body.toString('utf8'));
      const json = op.startsWith('ecr:');
      let m = mode;
      if (m === 'midway') m = passedInMidway-- > 0 ? 'pass' : 'drop';
      if (m === 'pass') return forward(req, res, body);
      seen.push(op);
      if (m === 'drop') return req.socket.destroy();
      const [status, code, message] =
        m === 'throttle'
          ? [400, json ? 'ThrottlingException' : 'Throttling', 'Rate exceeded']
          : [500, 'InternalFailure', 'We encountered an internal error. Please try again.'];
      const text = json
        ? JSON.stringify({ __type: code, message })
        : `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>${status === 500 ? 'Receiver' : 'Sender'}</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>0</RequestId></ErrorResponse>`;
      res.writeHead(status, {
        'content-type': json ? 'application/x-amz-json-1.1' : 'text/xml',
        'x-amzn-requestid': '0',
      });
      res.end(text);
    });
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  const addr = proxy.address();
  proxyUrl = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
});

afterAll(async () => {
  await new Promise<void>((r) => proxy.close(() => r()));
  proxy.closeAllConnections();
  await tsb.cleanup();
});

/** Steps whose check must read live AWS state (the others are local: a quiz, a file). */
const AWS_STEPS = ['connect', 'account-id', 'prerequisites', 'apply', 'verify', 'cleanup'];

async function walkLessonUnder(m: Exclude<Mode, 'pass'>): Promise<{
  results: Map<string, CheckResult>;
  cut: Set<string>;
  engine: TutorEngine;
  session: AwsSession;
  home: string;
  cwd: string;
}> {
  const home = await mkdtemp(join(tmpdir(), 'ecr-tutor-net-home-'));
  const cwd = await mkdtemp(join(tmpdir(), 'ecr-tutor-net-cwd-'));
  mode = 'pass';
  const sb = tsb.sandbox;
  const session = sessionForSandbox({
    endpoint: proxyUrl,
    region: sb.region,
    accountId: sb.accountId,
    secondAccountId: sb.secondAccountId,
    user: (n, a) => sb.user(n, a),
  });
  const engine = await openLesson({
    target: {},
    session,
    cwd,
    env: { ...process.env, ECR_TUTOR_HOME: home },
  });
  const results = new Map<string, CheckResult>();
  const cut = new Set<string>();
  mode = m;
  if (m === 'midway') passedInMidway = 1;
  const snap = engine.snapshot();
  for (let i = 0; i < snap.steps.length; i++) {
    const id = engine.snapshot().steps[engine.snapshot().currentIndex]!.def.id;
    if (id === 'account-id') engine.setInput(sb.accountId);
    if (m === 'midway') passedInMidway = 1; // the first call of every check gets through, the next is cut
    seen = [];
    results.set(id, await engine.check());
    if (seen.length > 0) cut.add(id);
    if (AWS_STEPS.includes(id) && m !== 'midway' && seen.length > 0) {
      // Every failing operation was tried exactly maxAttempts (2) times, in a row, then given up.
      expect(seen.length % 2, `${id}: ${seen.join(' ')}`).toBe(0);
      for (let k = 0; k < seen.length; k += 2)
        expect(seen[k + 1], `${id}: ${seen.join(' ')}`).toBe(seen[k]);
    }
    engine.next();
  }
  return { results, cut, engine, session, home, cwd };
}

describe('the network to AWS failing mid-check', () => {
  it.each<Exclude<Mode, 'pass'>>(['drop', 'throttle', 'error500', 'midway'])(
    'with %s: every AWS check reports error with a fix, and no step is marked passed',
    async (m) => {
      const { results, cut, engine, session, home, cwd } = await walkLessonUnder(m);
      try {
        if (m === 'midway') {
          // The first call of each check gets through: a check that needed only that one may pass;
          // any check that lost a call later on must say error (never "fail", never "pass").
          expect(cut.size).toBeGreaterThanOrEqual(4);
          for (const id of cut)
            expect(results.get(id)!.status, `${id}: ${results.get(id)!.summary}`).toBe('error');
          return;
        }
        for (const id of AWS_STEPS) {
          const r = results.get(id)!;
          expect(r.status, `${id}: ${r.summary}`).toBe('error');
          expect(r.fix, id).toMatch(/\w/);
          expect(r.summary, id).not.toMatch(/\bat .*\.(ts|js):\d+/);
        }
        for (const [id, r] of results) expect(r.status, `${id}: ${r.summary}`).not.toBe('pass');
        const steps = engine.snapshot().steps;
        expect(steps.filter((s) => s.progress.status === 'passed').map((s) => s.def.id)).toEqual(
          [],
        );
        if (m === 'throttle') {
          expect(results.get('connect')!.summary).toMatch(
            /limiting the rate of requests \(Throttling\)/,
          );
          expect(results.get('connect')!.fix).toMatch(/Wait a few seconds/);
        }
        if (m === 'error500') {
          expect(results.get('connect')!.summary).toMatch(
            /had an internal error \(HTTP 500, InternalFailure\)/,
          );
        }
        if (m === 'drop') expect(results.get('connect')!.summary).toMatch(/Could not reach/);
      } finally {
        mode = 'pass';
        await engine.close();
        await session.close();
        await rm(home, { recursive: true, force: true });
        await rm(cwd, { recursive: true, force: true });
      }
    },
    120_000,
  );
});
