/**
 * How the learner can run this tutor again from their shell, so that every command the tutor
 * shows works as shown: `ecr-tutor` when that name on PATH is this tutor, `npx
 * ecr-workshop-tutor` when npx started it, else `node <path to bin/ecr-tutor.js>` (relative to
 * the working folder when it is inside it, as after `npm install && npm start`).
 */
import { realpathSync, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, relative, sep } from 'node:path';
import { shellQuote } from './shell.js';

const NAME = 'ecr-tutor';
const PACKAGE = 'ecr-workshop-tutor';

function real(p: string): string | undefined {
  try {
    return realpathSync(p);
  } catch {
    return undefined;
  }
}

export interface SelfNameInput {
  /** the launcher that is running (process.argv[1]) */
  script: string | undefined;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** The command that starts this tutor from the learner's shell (see the file comment). */
export function tutorCommand(
  i: SelfNameInput = { script: process.argv[1], env: process.env, cwd: process.cwd() },
): string {
  const script = i.script ? real(i.script) : undefined;
  for (const dir of (i.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, NAME);
    try {
      if (!statSync(candidate).isFile()) continue;
    } catch {
      continue;
    }
    // the first ecr-tutor on PATH is the one a shell runs: name it only if it is this one
    if (!script || real(candidate) === script) return NAME;
    break;
  }
  // npx runs the package's bin from its cache, with npm_command=exec in the environment
  if (i.env.npm_command === 'exec' && script?.includes(`${sep}${PACKAGE}${sep}`))
    return `npx ${PACKAGE}`;
  if (!script) return NAME;
  const rel = relative(i.cwd, script);
  const path = !rel.startsWith('..') && !isAbsolute(rel) ? rel : script;
  return `node ${shellQuote(path)}`;
}
