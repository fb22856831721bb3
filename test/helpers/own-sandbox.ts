/**
 * A sandbox of its own for a test's tutor home, on port 0: `ecr-tutor sandbox start --port 0`
 * from the built bundle, with ECR_TUTOR_HOME set. A tutor started later with the same home
 * attaches to it instead of taking the default port (4510), so tests can run side by side.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { launcher } from './pty.js';

export interface OwnSandbox {
  endpoint: string;
  accountId: string;
  /** environment for the tutor and the AWS CLI: this home, no AWS config of the runner's */
  env: Record<string, string>;
  stop(): Promise<void>;
}

/** The minimal environment a learner's tutor runs with in `home`. */
export function learnerEnv(
  home: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    ECR_TUTOR_HOME: home,
    LANG: 'C.UTF-8',
    AWS_CONFIG_FILE: '/nonexistent',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ...extra,
  };
}

/** Starts the sandbox for `home` and resolves once it listens. */
export function startOwnSandbox(home: string): Promise<OwnSandbox> {
  const env = learnerEnv(home);
  const child: ChildProcess = spawn(
    process.execPath,
    [launcher, 'sandbox', 'start', '--port', '0'],
    {
      cwd: home,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer): void => {
      out += d.toString();
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      const account = /account (\d{12})/.exec(out);
      if (!url || !account) return;
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      resolve({
        endpoint: url[1]!,
        accountId: account[1]!,
        env,
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          await exited;
        },
      });
    };
    // the address is on stdout, the account on stderr
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`the sandbox exited (${code}) before listening:\n${out}`)),
    );
  });
}
