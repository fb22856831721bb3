import type { Io } from '../io.js';
import type { TargetOptions } from '../aws/target.js';

export async function runReset(
  io: Io,
  _opts: { lesson?: string; target: TargetOptions; lessonsDir?: string },
): Promise<number> {
  io.err('reset: not built yet\n');
  return 2;
}
