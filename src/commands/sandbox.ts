/** `ecr-tutor sandbox start | env | reset`: run the local AWS, point a shell at it, reseed it. */
import { formatError, TutorError } from '../errors.js';
import type { Io } from '../io.js';
import { t } from '../i18n/index.js';
import { humanIo } from './human-io.js';
import {
  defaultSandboxStateDir,
  findRunningSandbox,
  readSandboxUsers,
  resetSandboxState,
  SANDBOX_DEFAULT_PORT,
  startSandbox,
} from '../sandbox/index.js';

function fail(io: Io, err: unknown): number {
  io.err(formatError(err) + '\n');
  return err instanceof TutorError ? err.exitCode : 1;
}

/** Runs the sandbox in the foreground until SIGINT/SIGTERM. */
export async function runSandboxStart(
  io: Io,
  opts: { port: number; host: string; region?: string; allowNonLoopback?: boolean },
  signals: NodeJS.EventEmitter = process,
): Promise<number> {
  const stateDir = defaultSandboxStateDir();
  let sandbox;
  try {
    sandbox = await startSandbox({
      stateDir,
      port: opts.port,
      host: opts.host,
      allowNonLoopback: opts.allowNonLoopback === true,
      ...(opts.region ? { region: opts.region } : {}),
      log: (line) => io.err(line + '\n'),
      // the learner sees each call and its outcome as their CLI or the tutor makes it
      accessLog: (line) => io.err(line + '\n'),
    });
  } catch (err) {
    return fail(io, err);
  }
  io.out(`listening on ${sandbox.endpoint}\n`);
  humanIo(io).err(
    `${t('sandbox.started', {
      account: sandbox.accountId,
      second: sandbox.secondAccountId,
      region: sandbox.region,
      dir: stateDir,
    })}\n` +
      `${t('sandbox.pointCli', { command: 'eval "$(ecr-tutor sandbox env)"' })}\n` +
      `${t('sandbox.stopKey')}\n`,
  );
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      signals.off('SIGINT', stop);
      signals.off('SIGTERM', stop);
      resolve();
    };
    signals.on('SIGINT', stop);
    signals.on('SIGTERM', stop);
  });
  await sandbox.stop();
  return 0;
}

const shellQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/** Prints `export` lines for the sandbox admin or a named sandbox user. */
export async function runSandboxEnv(
  io: Io,
  opts: { user?: string; port?: number },
): Promise<number> {
  const stateDir = defaultSandboxStateDir();
  try {
    const running = await findRunningSandbox(stateDir);
    const users = await readSandboxUsers(stateDir);
    const info = users.user(opts.user);
    const endpoint =
      opts.port !== undefined
        ? `http://127.0.0.1:${opts.port}`
        : (running?.endpoint ?? `http://127.0.0.1:${SANDBOX_DEFAULT_PORT}`);
    if (!running) {
      humanIo(io).err(
        `${t('cmd.note', {
          text: t('sandbox.envNotRunning', {
            dir: stateDir,
            command: `ecr-tutor sandbox start${opts.port !== undefined ? ` --port ${opts.port}` : ''}`,
          }),
        })}\n`,
      );
    }
    io.out(
      [
        `export AWS_ENDPOINT_URL=${shellQuote(endpoint)}`,
        `export AWS_ACCESS_KEY_ID=${shellQuote(info.credentials.accessKeyId)}`,
        `export AWS_SECRET_ACCESS_KEY=${shellQuote(info.credentials.secretAccessKey)}`,
        `export AWS_REGION=${shellQuote(users.region)}`,
        `export AWS_DEFAULT_REGION=${shellQuote(users.region)}`,
        // a session token or profile left in the shell would override or spoil these keys
        'unset AWS_SESSION_TOKEN AWS_PROFILE',
        `# ${t('sandbox.envUser', { arn: info.arn })}`,
        '',
      ].join('\n'),
    );
    return 0;
  } catch (err) {
    return fail(io, err);
  }
}

/** Puts the sandbox back to the seeded workshop state (refused while one runs on it). */
export async function runSandboxReset(io: Io): Promise<number> {
  const stateDir = defaultSandboxStateDir();
  try {
    const running = await findRunningSandbox(stateDir);
    if (running) {
      throw new TutorError(
        t('sandbox.resetRunning', { pid: String(running.pid), endpoint: running.endpoint }),
        t('sandbox.resetRunningTry', { pid: String(running.pid) }),
      );
    }
    await resetSandboxState(stateDir);
    const users = await readSandboxUsers(stateDir);
    humanIo(io).out(
      `${t('sandbox.reset', { account: users.accountId })}\n` +
        `${t('sandbox.resetAgain', { command: 'eval "$(ecr-tutor sandbox env)"' })}\n`,
    );
    return 0;
  } catch (err) {
    return fail(io, err);
  }
}
