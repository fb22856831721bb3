/** What facilitator mode shows: a step's exact check (name and parameters) in one line. */
import type { CheckRef } from '../engine/types.js';

/** A check or solve as a facilitator reads it: `name key="value" ...`. */
export function describeRef(ref: CheckRef): string {
  const params = Object.entries(ref.params);
  return params.length
    ? `${ref.name} ${params.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' ')}`
    : ref.name;
}
