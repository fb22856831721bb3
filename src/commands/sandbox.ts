import type { Io } from '../io.js';

export async function runSandboxStart(
  io: Io,
  _opts: { port: number; host: string; region?: string },
): Promise<number> {
  io.err('sandbox start: not built yet\n');
  return 2;
}

export async function runSandboxEnv(io: Io, _opts: { user?: string; port?: number }): Promise<number> {
  io.err('sandbox env: not built yet\n');
  return 2;
}

export async function runSandboxReset(io: Io): Promise<number> {
  io.err('sandbox reset: not built yet\n');
  return 2;
}
