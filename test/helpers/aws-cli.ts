/**
 * Runs the real AWS CLI (/usr/bin/aws v2) against a sandbox as one of its users, the way a
 * learner does after `eval "$(ecr-tutor sandbox env --user NAME)"`: no config files, no profile.
 */
import { execFile, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { RunningSandbox } from '../../src/sandbox/index.js';

/**
 * The AWS CLI the tests drive: Debian's v2 at /usr/bin/aws (CI installs it), else an `aws` on
 * PATH (these machines come with v1, which takes the same commands), else none: the suites that
 * need it are skipped with a notice, except under CI, where they must run.
 */
export const AWS_CLI: string | undefined = existsSync('/usr/bin/aws')
  ? '/usr/bin/aws'
  : spawnSync('aws', ['--version'], { stdio: 'ignore' }).status === 0
    ? 'aws'
    : undefined;

/** True when the AWS CLI tests must be skipped (no CLI and not CI), after saying so once. */
export function skipWithoutAwsCli(suite: string): boolean {
  if (AWS_CLI || process.env.CI === 'true') return false;
  process.stderr.write(
    `NOTICE: no AWS CLI on this machine: "${suite}" is skipped (apt-get install awscli)\n`,
  );
  return true;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * `aws ARGS...` as the sandbox user `user` (default: the admin), in the folder `cwd`, with
 * `--region` the sandbox's; `region` instead sets AWS_REGION (and no --region), as a learner's
 * shell configured for another region does.
 */
export function awsCli(
  sb: RunningSandbox,
  args: string[],
  opts: { user?: string; cwd: string; region?: string },
): Promise<CliResult> {
  const who = sb.user(opts.user);
  return new Promise((resolve) => {
    execFile(
      AWS_CLI ?? '/usr/bin/aws',
      [
        ...args,
        '--endpoint-url',
        sb.endpoint,
        ...(opts.region === undefined ? ['--region', sb.region] : []),
        '--output',
        'json',
      ],
      {
        cwd: opts.cwd,
        env: {
          PATH: process.env.PATH,
          HOME: opts.cwd,
          AWS_ACCESS_KEY_ID: who.credentials.accessKeyId,
          AWS_SECRET_ACCESS_KEY: who.credentials.secretAccessKey,
          AWS_CONFIG_FILE: '/nonexistent',
          AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
          AWS_PAGER: '',
          ...(opts.region === undefined ? {} : { AWS_REGION: opts.region }),
        },
      },
      (err, stdout, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}
