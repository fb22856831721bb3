/**
 * The action catalogue: every ecr:, iam: and sts: action with its resource scope, generated
 * from the AWS Service Authorization Reference by scripts/gen-action-catalogue.mjs.
 */
import { closest, distance } from 'fastest-levenshtein';
import catalogue from './data/actions.json' with { type: 'json' };

export interface CatalogueAction {
  /** canonical spelling, e.g. `ecr:PutImage` */
  name: string;
  service: string;
  /** resource type the action applies to (`repository`, `user`, ...) or `*` (account-scoped) */
  scope: string;
  access: string;
}

const byLower = new Map<string, CatalogueAction>();
for (const [service, actions] of Object.entries(catalogue.services)) {
  for (const [action, info] of Object.entries(
    actions as Record<string, { scope: string; access: string }>,
  )) {
    const name = `${service}:${action}`;
    byLower.set(name.toLowerCase(), { name, service, scope: info.scope, access: info.access });
  }
}
const allNames = [...byLower.values()].map((a) => a.name);
const namesByService = new Map<string, string[]>();
for (const a of byLower.values()) {
  const list = namesByService.get(a.service) ?? [];
  list.push(a.name);
  namesByService.set(a.service, list);
}

/** Where the catalogue data came from (package and version). */
export const CATALOGUE_SOURCE: string = catalogue.source;

/** Services whose every action the catalogue knows. */
export const CATALOGUE_SERVICES: readonly string[] = Object.keys(catalogue.services);

/** Looks an action up case-insensitively (`ECR:putimage` finds `ecr:PutImage`). */
export function findAction(action: string): CatalogueAction | undefined {
  return byLower.get(action.toLowerCase());
}

/** Every action of a service (canonical names), or [] for a service the catalogue does not cover. */
export function actionsOfService(service: string): string[] {
  return namesByService.get(service.toLowerCase()) ?? [];
}

/** The closest known action when it is a plausible typo (`ecr:PutImages` -> `ecr:PutImage`). */
export function didYouMean(action: string): string | undefined {
  const service = action.split(':')[0]?.toLowerCase() ?? '';
  const pool = namesByService.get(service) ?? allNames;
  const lowerPool = pool.map((n) => n.toLowerCase());
  const lower = action.toLowerCase();
  const best = closest(lower, lowerPool);
  if (best === undefined) return undefined;
  const d = distance(lower, best);
  // Beyond a third of the name it is a different word, not a typo.
  if (d === 0 || d > Math.max(2, Math.floor(action.length / 3))) return undefined;
  return pool[lowerPool.indexOf(best)];
}

/** The canonical spelling of a known action, else the input with its service prefix lower-cased. */
export function canonicalAction(action: string): string {
  const known = byLower.get(action.toLowerCase());
  if (known) return known.name;
  const i = action.indexOf(':');
  return i > 0 ? action.slice(0, i).toLowerCase() + action.slice(i) : action;
}
