/** Files a lesson writes for the learner: a plain name in the working folder, never overwritten. */
import { writeFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { LabContext } from './types.js';

/** Writes `text` to the plain file name `name` in the working folder unless it exists. */
export async function writeLessonFile(
  ctx: LabContext,
  name: string,
  text: string,
): Promise<string> {
  if (basename(name) !== name || name.startsWith('.'))
    throw new Error(
      `"${name}" is not a plain file name: a lesson writes only into the working folder.`,
    );
  const path = resolve(ctx.env.cwd, name);
  try {
    await writeFile(path, text.endsWith('\n') ? text : `${text}\n`, { flag: 'wx' });
    return `wrote ${path}`;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST')
      return `${path} already exists: left as it is.`;
    throw err;
  }
}
