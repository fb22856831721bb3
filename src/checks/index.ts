/** The registry of named checks and actions that lesson manifests refer to. */
import type { CheckRegistry } from '../engine/check-api.js';
import type { LabEnv } from './types.js';

export type { LabEnv, LabContext, LabCheck, LabAction } from './types.js';

/** Every check and action the built-in lessons may name. */
export function builtinRegistry(): CheckRegistry<LabEnv> {
  return { checks: {}, actions: {} };
}
