import type { Io } from '../io.js';
import type { TargetOptions } from '../aws/target.js';

export async function runStatus(
  io: Io,
  _opts: { target: TargetOptions; json: boolean; lessonsDir?: string },
): Promise<number> {
  io.err('status: not built yet\n');
  return 2;
}
