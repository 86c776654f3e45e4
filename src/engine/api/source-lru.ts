/**
 * The EventCorrelator's caches (client-go tools/record/events_cache.go): each is an LRU of
 * maxLruCacheEntries (4,096) entries, and each event broadcaster — one per controller, one per
 * kubelet, one per scheduler — has its own correlator. The simulation records every component's
 * events through one EventRecorder, so the cache is kept per source (component and host), each
 * with its own bound. groupcache's lru: Add and Get move an entry to the front; an Add past the
 * bound drops the least recently used entry. A Map keeps insertion order, so "front" is its end.
 */

/** maxLruCacheEntries. */
export const LRU_ENTRIES = 4096;

export class SourceLru<V> {
  private readonly bySource = new Map<string, Map<string, V>>();

  constructor(
    /** The source a key belongs to (a key starts with its source's fields). */
    private readonly sourceOf: (key: string) => string,
    private readonly max = LRU_ENTRIES,
  ) {}

  /** Get: the value, moved to the front. */
  get(key: string): V | undefined {
    const cache = this.bySource.get(this.sourceOf(key));
    if (cache === undefined || !cache.has(key)) return undefined;
    const value = cache.get(key) as V;
    cache.delete(key);
    cache.set(key, value);
    return value;
  }

  /** Add: the value at the front; past the bound, the source's least recently used entry goes. */
  set(key: string, value: V): void {
    const source = this.sourceOf(key);
    let cache = this.bySource.get(source);
    if (cache === undefined) this.bySource.set(source, (cache = new Map()));
    cache.delete(key);
    cache.set(key, value);
    if (cache.size > this.max) cache.delete(cache.keys().next().value as string);
  }

  /** Every entry, each source's least recently used first (what `load` takes back). */
  entries(): [string, V][] {
    const out: [string, V][] = [];
    for (const cache of this.bySource.values()) for (const entry of cache) out.push(entry);
    return out;
  }

  load(entries: Iterable<readonly [string, V]>): void {
    this.bySource.clear();
    for (const [k, v] of entries) this.set(k, v);
  }

  /** Entries held for one source (for tests and the bound's check). */
  sizeOf(source: string): number {
    return this.bySource.get(source)?.size ?? 0;
  }
}
