/** `ecr-tutor sandbox start | env | reset`: run the local AWS, point a shell at it, reseed it. */
import { formatError, TutorError } from '../errors.js';
import type { Io } from '../io.js';
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
  io.err(
    `account ${sandbox.accountId} (second account ${sandbox.secondAccountId}), region ${sandbox.region}, state in ${stateDir}\n` +
      'point your AWS CLI at it from another terminal: eval "$(ecr-tutor sandbox env)"\n' +
      'press Ctrl-C to stop\n',
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
      io.err(
        `note: no sandbox is running on ${stateDir}; start one with \`ecr-tutor sandbox start${
          opts.port !== undefined ? ` --port ${opts.port}` : ''
        }\`, then run this command again so AWS_ENDPOINT_URL points at it (the keys stay the same)\n`,
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
        `# sandbox user ${info.arn}`,
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
        `a sandbox is running on this state (process ${running.pid}, ${running.endpoint})`,
        `stop it first (Ctrl-C in its terminal, or kill ${running.pid}), then run \`ecr-tutor sandbox reset\` again`,
      );
    }
    await resetSandboxState(stateDir);
    const users = await readSandboxUsers(stateDir);
    io.out(
      `sandbox reset to the workshop state: new account ${users.accountId}, new access keys\n` +
        `run eval "$(ecr-tutor sandbox env)" again in shells that used the old keys\n`,
    );
    return 0;
  } catch (err) {
    return fail(io, err);
  }
}
