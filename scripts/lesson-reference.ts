/**
 * Writes the key tables of lessons/README.md from the lesson schema (src/engine/lesson-schema.ts).
 * `npm run lesson-reference` after changing the schema; test/engine/lesson-schema.test.ts
 * fails while the README is behind.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format } from 'prettier';
import { formatReference, REFERENCE_END, REFERENCE_START } from '../src/engine/lesson-schema.js';

export const README = fileURLToPath(new URL('../lessons/README.md', import.meta.url));

/** The README with its generated section replaced by the schema's current reference. */
export async function withReference(readme: string): Promise<string> {
  const a = readme.indexOf(REFERENCE_START);
  const b = readme.indexOf(REFERENCE_END);
  if (a < 0 || b < a)
    throw new Error(`lessons/README.md has no ${REFERENCE_START} … ${REFERENCE_END} section`);
  const text = `${readme.slice(0, a + REFERENCE_START.length)}\n\n${formatReference()}\n\n${readme.slice(b)}`;
  return format(text, { parser: 'markdown', filepath: README });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(README, await withReference(readFileSync(README, 'utf8')));
}
