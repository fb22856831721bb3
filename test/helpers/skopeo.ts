/**
 * Test helper: the real skopeo (/usr/bin/skopeo), run asynchronously (the sandbox under test
 * lives in the same process, so a blocking spawn would deadlock it). `.ci/run` installs skopeo;
 * under CI=true its tests are mandatory, elsewhere they skip with a visible notice.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';

export const SKOPEO = '/usr/bin/skopeo';
export const hasSkopeo = existsSync(SKOPEO);

/** Call at the top of a skopeo test file: fails under CI without skopeo, else prints why it skips. */
export function requireSkopeoOrNotice(file: string): boolean {
  if (hasSkopeo) return true;
  if (process.env.CI === 'true') {
    throw new Error(
      `${file}: ${SKOPEO} is missing but CI=true makes these tests mandatory (.ci/run installs it with apt-get)`,
    );
  }
  process.stderr.write(
    `\nNOTICE ${file}: skipped, ${SKOPEO} not found (install the skopeo package to run the registry tests with the real client)\n`,
  );
  return false;
}

export interface SkopeoResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs skopeo with a private auth file and an accept-anything signature policy. */
export function skopeo(
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number } = {},
): Promise<SkopeoResult> {
  return new Promise((resolve) => {
    const child = execFile(
      SKOPEO,
      ['--insecure-policy', '--command-timeout', '60s', ...args],
      {
        encoding: 'utf8',
        timeout: opts.timeoutMs ?? 90_000,
        maxBuffer: 16 * 1024 * 1024,
        env: { ...process.env, ...opts.env },
      },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    if (opts.input !== undefined) child.stdin?.end(opts.input);
    else child.stdin?.end();
  });
}
