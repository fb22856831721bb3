/**
 * The registry with the real skopeo: `skopeo copy` of a 100 MiB image (one gzip layer) from a
 * local `dir:` folder to the sandbox's registry, against `skopeo copy` of the same image to
 * another local `dir:` folder in the same run (the floor: skopeo's own reading, hashing and
 * writing), while the sandbox (a child process) samples its resident memory.
 */
import { CreateRepositoryCommand, ECRClient } from '@aws-sdk/client-ecr';
import { execFile, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { median, type BenchContext, type BenchModule, type BenchRow } from './lib.js';
import { registryLogin } from '../src/commands/registry-client.js';
import type { SandboxCredentials } from '../src/sandbox/index.js';

const MIB = 1024 * 1024;
const SKOPEO = '/usr/bin/skopeo';

const sha = (b: Buffer): string => 'sha256:' + createHash('sha256').update(b).digest('hex');

/** A 100 MiB image in skopeo's dir: layout; the layer is real gzip so skopeo sends it as is. */
async function writeImage(dir: string): Promise<number> {
  await mkdir(dir, { recursive: true });
  const raw = randomBytes(100 * MIB);
  const layer = gzipSync(raw, { level: 1 });
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      rootfs: { type: 'layers', diff_ids: [sha(raw)] },
    }),
  );
  const manifest = JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
    config: {
      mediaType: 'application/vnd.docker.container.image.v1+json',
      size: config.length,
      digest: sha(config),
    },
    layers: [
      {
        mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
        size: layer.length,
        digest: sha(layer),
      },
    ],
  });
  await writeFile(join(dir, 'version'), 'Directory Transport Version: 1.1\n');
  await writeFile(join(dir, 'manifest.json'), manifest);
  await writeFile(join(dir, sha(config).slice(7)), config);
  await writeFile(join(dir, sha(layer).slice(7)), layer);
  return layer.length;
}

function skopeo(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    execFile(
      SKOPEO,
      ['--insecure-policy', ...args],
      { maxBuffer: 8 * MIB },
      (err, _out, stderr) => {
        if (err) reject(new Error(`skopeo ${args[0]} failed: ${stderr}`));
        else resolve(performance.now() - t0);
      },
    );
  });
}

async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const reps = ctx.quick ? 1 : 3;
  const src = join(ctx.tmpDir, 'image');
  const layerBytes = await writeImage(src);
  const fixture = fileURLToPath(
    new URL('../test/sandbox/fixtures/run-sandbox.ts', import.meta.url),
  );
  const child = spawn(process.execPath, ['--import', 'tsx', fixture, join(ctx.tmpDir, 'sb')], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, SANDBOX_RSS_SAMPLE: '1' },
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
  try {
    const login = await registryLogin(ecr);
    const password = Buffer.from(login.authorization.slice('Basic '.length), 'base64')
      .toString('utf8')
      .slice('AWS:'.length);
    // a fresh repository per push, so every run uploads the layer (no "already there")
    for (let i = 0; i <= reps; i++)
      await ecr.send(new CreateRepositoryCommand({ repositoryName: `bench-${i}` }));
    const push = (i: number): Promise<number> =>
      skopeo([
        'copy',
        '--dest-tls-verify=false',
        '--dest-creds',
        `AWS:${password}`,
        `dir:${src}`,
        `docker://${login.registry}/bench-${i}:v1`,
      ]);
    const local = async (i: number): Promise<number> => {
      const dest = join(ctx.tmpDir, `copy-${i}`);
      await rm(dest, { recursive: true, force: true });
      const ms = await skopeo(['copy', `dir:${src}`, `dir:${dest}`]);
      await rm(dest, { recursive: true, force: true });
      return ms;
    };
    await local(0); // warm the page cache and skopeo itself
    child.kill('SIGUSR1');
    if ((await next()) !== 'marked') throw new Error('the sandbox child did not mark its baseline');
    const pushes: number[] = [];
    const locals: number[] = [];
    for (let i = 1; i <= reps; i++) {
      locals.push(await local(i));
      pushes.push(await push(i));
    }
    child.kill('SIGTERM');
    const mem = JSON.parse(await next()) as { baselineRss: number; peakRss: number };
    const growth = (mem.peakRss - mem.baselineRss) / MIB;
    const p = median(pushes);
    const l = median(locals);
    return [
      {
        name: `skopeo copy of a ${Math.round(layerBytes / MIB)} MiB image to the sandbox registry`,
        value: p,
        unit: 'ms',
        lowerIsBetter: true,
        runs: reps,
        spread: { min: Math.min(...pushes), max: Math.max(...pushes) },
        baseline: { name: 'skopeo copy of the same image to a local dir:', value: l },
        ratio: p / l,
        goal: '<= 2x the local copy',
        met: p / l <= 2,
      },
      {
        name: 'sandbox peak RSS growth during those skopeo pushes',
        value: growth,
        unit: 'MiB',
        lowerIsBetter: true,
        goal: '< 100 MiB',
        met: growth < 100,
      },
    ];
  } finally {
    ecr.destroy();
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}

const bench: BenchModule = {
  title: 'registry (skopeo push of 100 MiB vs a local skopeo copy)',
  async run(ctx) {
    if (!existsSync(SKOPEO)) {
      process.stderr.write(`registry bench skipped: ${SKOPEO} not found (install skopeo)\n`);
      return [];
    }
    return run(ctx);
  },
};
export default bench;
