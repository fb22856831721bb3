/**
 * Real-terminal tests run the bundle that ships (`bin/ecr-tutor.js` -> `dist/`), so the bundle
 * must be the one built from these sources: rebuild it before the tests when any source, the
 * build script or the lock file is newer than it.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

function newest(path: string): number {
  const st = statSync(path, { throwIfNoEntry: false });
  if (!st) return 0;
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const name of readdirSync(path)) max = Math.max(max, newest(join(path, name)));
  return max;
}

export default function setup(): void {
  const built = statSync(join(root, 'dist/cli.js'), { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const sources = Math.max(
    newest(join(root, 'src')),
    newest(join(root, 'scripts/build.mjs')),
    newest(join(root, 'package-lock.json')),
  );
  if (built > sources) return;
  const r = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], {
    cwd: root,
    encoding: 'utf8',
  });
  if (r.status !== 0) {
    throw new Error(`the bundle did not build (node scripts/build.mjs):\n${r.stdout}${r.stderr}`);
  }
}
