/**
 * Runs the real AWS CLI (/usr/bin/aws v2) against a sandbox as one of its users, the way a
 * learner does after `eval "$(ecr-tutor sandbox env --user NAME)"`: no config files, no profile.
 */
import { execFile } from 'node:child_process';
import type { RunningSandbox } from '../../src/sandbox/index.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `aws ARGS...` as the sandbox user `user` (default: the admin), in the folder `cwd`. */
export function awsCli(
  sb: RunningSandbox,
  args: string[],
  opts: { user?: string; cwd: string },
): Promise<CliResult> {
  const who = sb.user(opts.user);
  return new Promise((resolve) => {
    execFile(
      '/usr/bin/aws',
      [...args, '--endpoint-url', sb.endpoint, '--region', sb.region, '--output', 'json'],
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
        },
      },
      (err, stdout, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}
