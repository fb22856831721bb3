/**
 * A small memo for pure policy work keyed by text. Watch mode and `check` re-run the same checks
 * every few seconds on unchanged policy text; lint + evaluation then costs a map lookup instead
 * of ~1 ms (bench/check.bench.ts keeps the engine's overhead below the AWS call it makes).
 */
export function memo<V>(fn: (key: string) => V, size = 32): (key: string) => V {
  const cache = new Map<string, V>();
  return (key) => {
    const hit = cache.get(key);
    if (hit !== undefined || cache.has(key)) return hit as V;
    const v = fn(key);
    if (cache.size >= size) cache.delete(cache.keys().next().value as string);
    cache.set(key, v);
    return v;
  };
}
