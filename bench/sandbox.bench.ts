/**
 * The sandbox's speed and memory: signed GetRepositoryPolicy round trips through the SDK against
 * a bare node:http server answering the same call with a fixed body (the floor, same run; at
 * concurrency 1 call by call in turn, at 16 in alternating rounds), and
 * a 100 MiB layer pushed in 10 MiB parts while the sandbox (a child process) samples its RSS.
 */
import {
  CompleteLayerUploadCommand,
  ECRClient,
  GetRepositoryPolicyCommand,
  InitiateLayerUploadCommand,
  SetRepositoryPolicyCommand,
  UploadLayerPartCommand,
} from '@aws-sdk/client-ecr';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { median, type BenchContext, type BenchModule, type BenchRow } from './lib.js';
import { SANDBOX_REPOSITORY, startSandbox, type SandboxCredentials } from '../src/sandbox/index.js';

const MIB = 1024 * 1024;

/** Ops/s of `fn` run by `concurrency` workers for `ms`, median over `rounds`. */
async function throughput(
  fn: () => Promise<unknown>,
  concurrency: number,
  ms: number,
  rounds: number,
): Promise<number> {
  const rates: number[] = [];
  for (let r = 0; r < rounds; r++) {
    let n = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() - t0 < ms) {
          await fn();
          n++;
        }
      }),
    );
    rates.push((n * 1000) / (performance.now() - t0));
  }
  return median(rates);
}

async function roundTrips(ctx: BenchContext): Promise<BenchRow[]> {
  const sandbox = await startSandbox({
    stateDir: join(ctx.tmpDir, 'rt'),
    port: 0,
    region: 'us-east-1',
  });
  const creds = sandbox.user().credentials;
  const policyText = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${sandbox.accountId}:user/fcj-ecr-ci-cd-user` },
        Action: 'ecr:BatchGetImage',
      },
    ],
  });
  const mk = (endpoint: string): ECRClient =>
    new ECRClient({ endpoint, region: 'us-east-1', credentials: creds, maxAttempts: 1 });
  const sbClient = mk(sandbox.endpoint);
  await sbClient.send(
    new SetRepositoryPolicyCommand({ repositoryName: SANDBOX_REPOSITORY, policyText }),
  );
  // The floor: same SDK call, a server that only drains the body and writes a fixed answer.
  const fixed = JSON.stringify({
    registryId: sandbox.accountId,
    repositoryName: SANDBOX_REPOSITORY,
    policyText,
  });
  const bare = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, {
        'content-type': 'application/x-amz-json-1.1',
        'content-length': Buffer.byteLength(fixed),
      });
      res.end(fixed);
    });
  });
  await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
  const addr = bare.address();
  const bareClient = mk(`http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`);
  const call = (c: ECRClient) => () =>
    c.send(new GetRepositoryPolicyCommand({ repositoryName: SANDBOX_REPOSITORY }));
  const rows: BenchRow[] = [];
  try {
    // Concurrency 1 is a latency: one sandbox call and one floor call in turn (the order
    // alternating), so both meet the same machine at the same moment, however the load of a
    // shared machine comes and goes; the ratio is that of the median latencies.
    {
      const n = ctx.quick ? 600 : 2000;
      const sandboxCall = call(sbClient);
      const bareCall = call(bareClient);
      for (let i = 0; i < 100; i++) {
        await sandboxCall();
        await bareCall();
      }
      const s: number[] = [];
      const b: number[] = [];
      const timed = async (fn: () => Promise<unknown>, into: number[]): Promise<void> => {
        const t0 = performance.now();
        await fn();
        into.push(performance.now() - t0);
      };
      for (let i = 0; i < n; i++) {
        if (i % 2 === 0) {
          await timed(sandboxCall, s);
          await timed(bareCall, b);
        } else {
          await timed(bareCall, b);
          await timed(sandboxCall, s);
        }
      }
      const ratio = median(s) / median(b);
      rows.push({
        name: 'signed GetRepositoryPolicy via SDK, concurrency 1',
        value: 1000 / median(s),
        unit: 'ops/s',
        runs: n,
        baseline: { name: 'same SDK call to a bare node:http server', value: 1000 / median(b) },
        ratio,
        goal: '<= 1.5x slower than the bare server',
        met: ratio <= 1.5,
      });
    }
    // Concurrency 16 is a throughput: short alternating rounds, each sandbox round paired with
    // a floor round right after it, the ratio the median of the paired ratios.
    const ms = ctx.quick ? 250 : 500;
    const rounds = ctx.quick ? 5 : 11;
    for (const concurrency of [16]) {
      for (let w = 0; w < 2; w++) {
        await throughput(call(sbClient), concurrency, 300, 1);
        await throughput(call(bareClient), concurrency, 300, 1);
      }
      const s: number[] = [];
      const b: number[] = [];
      const ratios: number[] = [];
      for (let i = 0; i < rounds; i++) {
        const first = i % 2 === 0;
        const x = first ? await throughput(call(sbClient), concurrency, ms, 1) : 0;
        const y = await throughput(call(bareClient), concurrency, ms, 1);
        const z = first ? x : await throughput(call(sbClient), concurrency, ms, 1);
        s.push(z);
        b.push(y);
        ratios.push(y / z);
      }
      const ratio = median(ratios);
      rows.push({
        name: `signed GetRepositoryPolicy via SDK, concurrency ${concurrency}`,
        value: median(s),
        unit: 'ops/s',
        baseline: { name: 'same SDK call to a bare node:http server', value: median(b) },
        ratio,
        goal: '<= 1.5x slower than the bare server',
        met: ratio <= 1.5,
      });
    }
  } finally {
    sbClient.destroy();
    bareClient.destroy();
    await new Promise<void>((r) => bare.close(() => r()));
    await sandbox.stop();
  }
  return rows;
}

/** Deterministic bytes for part i (no 100 MiB buffer on the client side either). */
function partBytes(i: number, size: number): Buffer {
  const b = Buffer.allocUnsafe(size);
  let x = (i + 1) * 2654435761;
  for (let o = 0; o + 4 <= size; o += 4) {
    x = (x * 1664525 + 1013904223) >>> 0;
    b.writeUInt32LE(x, o);
  }
  return b;
}

async function bigLayer(ctx: BenchContext): Promise<BenchRow[]> {
  const fixture = fileURLToPath(
    new URL('../test/sandbox/fixtures/run-sandbox.ts', import.meta.url),
  );
  const child = spawn(process.execPath, ['--import', 'tsx', fixture, join(ctx.tmpDir, 'big')], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: {
      ...process.env,
      SANDBOX_RSS_SAMPLE: '1',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
  });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const next = async (): Promise<string> => {
    const r = await lines.next();
    if (r.done) throw new Error('the sandbox child exited early');
    return r.value;
  };
  const info = JSON.parse(await next()) as { endpoint: string; credentials: SandboxCredentials };
  const ecr = new ECRClient({
    endpoint: info.endpoint,
    region: 'us-east-1',
    credentials: info.credentials,
    maxAttempts: 1,
  });
  const total = 100 * MIB;
  const partSize = 10 * MIB;
  try {
    // warm up code paths, then mark the memory baseline
    await ecr
      .send(new GetRepositoryPolicyCommand({ repositoryName: SANDBOX_REPOSITORY }))
      .catch(() => undefined);
    child.kill('SIGUSR1');
    if ((await next()) !== 'marked') throw new Error('the sandbox child did not mark its baseline');
    const t0 = performance.now();
    const { uploadId } = await ecr.send(
      new InitiateLayerUploadCommand({ repositoryName: SANDBOX_REPOSITORY }),
    );
    const hash = createHash('sha256');
    for (let i = 0, first = 0; first < total; i++, first += partSize) {
      const part = partBytes(i, Math.min(partSize, total - first));
      hash.update(part);
      await ecr.send(
        new UploadLayerPartCommand({
          repositoryName: SANDBOX_REPOSITORY,
          uploadId,
          partFirstByte: first,
          partLastByte: first + part.length - 1,
          layerPartBlob: part,
        }),
      );
    }
    const digest = 'sha256:' + hash.digest('hex');
    await ecr.send(
      new CompleteLayerUploadCommand({
        repositoryName: SANDBOX_REPOSITORY,
        uploadId,
        layerDigests: [digest],
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    child.kill('SIGTERM');
    const mem = JSON.parse(await next()) as { baselineRss: number; peakRss: number };
    const growth = (mem.peakRss - mem.baselineRss) / MIB;
    return [
      {
        name: 'sandbox peak RSS growth pushing a 100 MiB layer in 10 MiB parts',
        value: growth,
        unit: 'MiB',
        goal: '< 100 MiB',
        met: growth < 100,
      },
      {
        name: '100 MiB layer push throughput (SDK -> sandbox)',
        value: 100 / seconds,
        unit: 'MiB/s',
      },
    ];
  } finally {
    ecr.destroy();
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}

const bench: BenchModule = {
  title: 'sandbox (local AWS): request overhead and upload memory',
  async run(ctx) {
    return [...(await roundTrips(ctx)), ...(await bigLayer(ctx))];
  },
};
export default bench;
