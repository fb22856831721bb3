import type { Io } from '../io.js';
import type { TargetOptions } from '../aws/target.js';

export async function runCheck(
  io: Io,
  _opts: { lesson?: string; target: TargetOptions; json: boolean; lessonsDir?: string },
): Promise<number> {
  io.err('check: not built yet\n');
  return 2;
}
