/**
 * Test helper: runs the BUILT tutor (`node bin/ecr-tutor.js`) as a learner's shell would, with a
 * throw-away HOME (so ~/.aws/credentials and ~/.aws/config are the test's) and a clean
 * environment: none of the runner's AWS variables leak in. Asynchronous on purpose: a sandbox
 * or proxy in the test process must keep answering while the tutor runs.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'ecr-tutor.js');

export interface LearnerHome {
  /** the learner's HOME (holds .aws/) */
  home: string;
  /** ECR_TUTOR_HOME: progress, journal, backups */
  tutorHome: string;
  /** writes HOME-relative files, e.g. '.aws/config' */
  write(rel: string, text: string, mode?: number): Promise<string>;
  /** the environment the tutor runs with (add AWS_* per case) */
  env(extra?: Record<string, string | undefined>): NodeJS.ProcessEnv;
  run(args: string[], extra?: Record<string, string | undefined>): Promise<CliResult>;
  spawn(args: string[], extra?: Record<string, string | undefined>): ChildProcess;
  remove(): Promise<void>;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A fresh learner: empty HOME and tutor home under one temporary folder. */
export async function learnerHome(): Promise<LearnerHome> {
  const root = await mkdtemp(join(tmpdir(), 'ecr-tutor-learner-'));
  const home = join(root, 'home');
  const tutorHome = join(root, 'tutor');
  await mkdir(home, { recursive: true });
  await mkdir(tutorHome, { recursive: true });
  const env = (extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv => {
    const out: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: home,
      ECR_TUTOR_HOME: tutorHome,
      LANG: 'C.UTF-8',
      NO_COLOR: '1',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      // No instance-metadata probe: the chain would wait for a server that is not there.
      AWS_EC2_METADATA_DISABLED: 'true',
    };
    for (const [k, v] of Object.entries(extra)) {
      if (v === undefined) delete out[k];
      else out[k] = v;
    }
    return out;
  };
  return {
    home,
    tutorHome,
    async write(rel, text, mode) {
      const p = join(home, rel);
      await mkdir(dirname(p), { recursive: true });
      await writeFile(p, text);
      if (mode !== undefined) await chmod(p, mode);
      return p;
    },
    env,
    run(args, extra) {
      return new Promise((res) => {
        execFile(
          process.execPath,
          [BIN, ...args],
          { cwd: home, env: env(extra), timeout: 120_000, maxBuffer: 16 * 1024 * 1024 },
          (err, stdout, stderr) => {
            const code =
              err && typeof (err as { code?: unknown }).code === 'number'
                ? (err as { code: number }).code
                : err
                  ? 1
                  : 0;
            res({ code, stdout, stderr });
          },
        );
      });
    },
    spawn(args, extra) {
      return spawn(process.execPath, [BIN, ...args], {
        cwd: home,
        env: env(extra),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    },
    remove: () => rm(root, { recursive: true, force: true }),
  };
}
