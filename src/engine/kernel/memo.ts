/**
 * Bounded memoisation for pure functions of a string (quantity parsing, name validation): the
 * same few strings recur across thousands of objects. Results are frozen because they are shared;
 * errors are not cached. When full, the cache starts over (no LRU bookkeeping on the hot path).
 */
export function memoizeString<R>(fn: (s: string) => R, capacity = 4096): (s: string) => R {
  let cache = new Map<string, R>();
  return (s: string) => {
    const hit = cache.get(s);
    if (hit !== undefined) return hit;
    const value = fn(s);
    if (cache.size >= capacity) cache = new Map();
    cache.set(s, Object.freeze(value) as R);
    return value;
  };
}
