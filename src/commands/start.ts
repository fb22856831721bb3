import type { Io } from '../io.js';
import type { TargetOptions } from '../aws/target.js';

export async function runStart(
  io: Io,
  _opts: { lesson?: string; target: TargetOptions; plain: boolean; lessonsDir?: string },
): Promise<number> {
  io.err('the interactive tutor is not built yet\n');
  return 2;
}
