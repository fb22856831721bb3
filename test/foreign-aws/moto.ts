/**
 * moto's server (https://github.com/getmoto/moto, `moto_server`) as an AWS the project did not
 * write: `.ci/run` starts one on a free loopback port and passes ECR_TUTOR_MOTO_URL; without it
 * the suite starts its own on port 0. When moto is not installed the suite is skipped with a
 * visible notice, unless ECR_TUTOR_REQUIRE_MOTO=1 (set by `.ci/run` when moto is there) makes
 * that a failure. The AWS CLI v2 (/usr/bin/aws) sets the account up, as a learner would.
 */
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

export const AWS_CLI = process.env.ECR_TUTOR_AWS_CLI ?? '/usr/bin/aws';

/** moto's fixed account and its default keys (moto checks no signature unless told to). */
export const MOTO_ACCOUNT = '123456789012';
export const MOTO_KEYS = { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing' };

function motoInstalled(): boolean {
  return spawnSync('moto_server', ['--help'], { stdio: 'ignore' }).status === 0;
}

/** Why the suite cannot run here, or undefined when it can. */
export function motoUnavailable(): string | undefined {
  if (process.env.ECR_TUTOR_MOTO_URL) return undefined;
  if (!motoInstalled()) return 'moto_server is not installed (pip install "moto[server]")';
  if (!existsSync(AWS_CLI)) return `the AWS CLI v2 is not at ${AWS_CLI}`;
  return undefined;
}

export interface Moto {
  endpoint: string;
  /** back to an empty account (moto's own API) */
  reset(): Promise<void>;
  /** the AWS CLI v2 against moto; returns parsed JSON output (or {} when there is none) */
  aws(args: string[], env?: Record<string, string>): Promise<unknown>;
  stop(): Promise<void>;
}

async function waitForPort(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (b: Buffer) => {
      seen += b.toString();
      const m = /Running on (http:\/\/127\.0\.0\.1:\d+)/.exec(seen);
      if (m) {
        child.stdout?.off('data', onData);
        child.stderr?.off('data', onData);
        resolve(m[1]!);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`moto_server exited (${code}): ${seen}`)));
  });
}

/** The moto of `.ci/run`, or a new one on a free loopback port. */
export async function startMoto(): Promise<Moto> {
  let child: ChildProcess | undefined;
  let endpoint = process.env.ECR_TUTOR_MOTO_URL;
  if (!endpoint) {
    child = spawn('moto_server', ['-H', '127.0.0.1', '-p', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    endpoint = await waitForPort(child);
    // keep reading so moto never blocks on a full pipe
    child.stdout?.resume();
    child.stderr?.resume();
  }
  const url = endpoint;
  return {
    endpoint: url,
    async reset() {
      const r = await fetch(`${url}/moto-api/reset`, { method: 'POST' });
      if (!r.ok) throw new Error(`moto reset: HTTP ${r.status}`);
    },
    aws(args, env = {}) {
      return new Promise((resolve, reject) => {
        execFile(
          AWS_CLI,
          [...args, '--endpoint-url', url, '--output', 'json'],
          {
            env: {
              PATH: process.env.PATH,
              HOME: process.env.HOME,
              AWS_CONFIG_FILE: '/nonexistent',
              AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
              AWS_REGION: 'us-east-1',
              AWS_PAGER: '',
              ...MOTO_KEYS,
              ...env,
            },
          },
          (err, stdout, stderr) => {
            if (err) reject(new Error(`aws ${args.join(' ')}: ${stderr || err.message}`));
            else resolve(stdout.trim() ? JSON.parse(stdout) : {});
          },
        );
      });
    },
    async stop() {
      if (!child || child.exitCode !== null) return;
      const gone = new Promise((r) => child!.once('exit', r));
      child.kill('SIGTERM');
      await gone;
    },
  };
}
