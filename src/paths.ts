import envPaths from 'env-paths';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the tutor keeps its files. ECR_TUTOR_HOME=DIR puts every one of them under DIR. */
export interface TutorPaths {
  config: string;
  /** progress files, lab locks */
  state: string;
  /** sandbox state (metadata + blobs), policy backups */
  data: string;
}

export function tutorPaths(env: NodeJS.ProcessEnv = process.env): TutorPaths {
  const home = env.ECR_TUTOR_HOME;
  if (home) {
    return { config: join(home, 'config'), state: join(home, 'state'), data: join(home, 'data') };
  }
  const p = envPaths('ecr-tutor', { suffix: '' });
  // env-paths 3 has no "state" entry; follow XDG_STATE_HOME where it is set.
  const state = env.XDG_STATE_HOME ? join(env.XDG_STATE_HOME, 'ecr-tutor') : join(p.data, 'state');
  return { config: p.config, state, data: p.data };
}

/**
 * The lessons that ship with the tutor. This file sits one level below the package root both
 * as source (src/paths.ts) and bundled (dist/*.js), so one relative URL serves both.
 */
export const builtinLessonsDir = fileURLToPath(new URL('../lessons/', import.meta.url));
