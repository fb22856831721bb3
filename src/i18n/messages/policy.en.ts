/**
 * English messages of the policy area, spread into the catalog in ./en.ts (kept in a file of its
 * own so that work on this area does not touch the shared catalog). Same rules as ./en.ts: ICU
 * MessageFormat, keys named "policy.<where>.<what>".
 */
export const policyEn = {} as const satisfies Record<string, string>;
