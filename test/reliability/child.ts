/** Starting and killing child processes (sandboxes, writers) for the fault suites. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const SANDBOX_CHILD = fileURLToPath(new URL('./fixtures/sandbox-child.ts', import.meta.url));

export interface ChildSandbox {
  child: ChildProcess;
  endpoint: string;
  accountId: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** everything the child wrote on stderr so far */
  stderr(): string;
}

/** Spawns `node --import tsx SCRIPT ...args` (optionally through a wrapper command such as unshare). */
export function spawnTs(
  script: string,
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; wrapper?: string[] } = {},
): ChildProcess {
  const cmd = [...(opts.wrapper ?? []), process.execPath, '--import', 'tsx', script, ...args];
  return spawn(cmd[0]!, cmd.slice(1), {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...opts.env },
  });
}

/** Starts a sandbox child on `stateDir` and waits for its first line. */
export function startChildSandbox(stateDir: string): Promise<ChildSandbox> {
  const child = spawnTs(SANDBOX_CHILD, [stateDir]);
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (c: Buffer): void => {
      out += c.toString();
      const nl = out.indexOf('\n');
      if (nl < 0) return;
      child.stdout!.off('data', onData);
      try {
        const info = JSON.parse(out.slice(0, nl)) as Omit<ChildSandbox, 'child' | 'stderr'>;
        resolve({ ...info, child, stderr: () => err });
      } catch {
        reject(new Error(`sandbox child said: ${out} ${err}`));
      }
    };
    child.stdout!.on('data', onData);
    child.on('exit', (code, signal) =>
      reject(new Error(`sandbox child exited (${code ?? signal}) before listening: ${err}`)),
    );
  });
}

/** SIGKILLs a child and waits until it is gone. */
export function killHard(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

/** A small deterministic PRNG (mulberry32) so "random" kill points repeat run to run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
