/**
 * An informer-style cache of one namespace's objects kept in name order. Controllers list a
 * namespace's pods in name order on every sync (the order keeps their choices deterministic);
 * keeping the order as objects come and go makes that list free, where sorting it each time
 * cost a rolling update more than the syncs' own work. An update of a known object replaces it
 * in place, since its name — the sort key — cannot change.
 */
import type { KObject } from '../../api/types.ts';

export class NameSortedCache<T extends KObject> {
  private readonly byName = new Map<string, T>();
  private readonly sorted: T[] = [];

  get(name: string): T | undefined {
    return this.byName.get(name);
  }

  set(obj: T): void {
    const name = obj.metadata.name ?? '';
    const known = this.byName.has(name);
    this.byName.set(name, obj);
    const i = this.indexOf(name);
    if (known) this.sorted[i] = obj;
    else this.sorted.splice(i, 0, obj);
  }

  delete(name: string): void {
    if (!this.byName.delete(name)) return;
    this.sorted.splice(this.indexOf(name), 1);
  }

  /** The objects in name order; the array is the cache's own, so callers must not keep or change it. */
  list(): readonly T[] {
    return this.sorted;
  }

  /** Where `name` is or would go (binary search; names compare as the code-unit order `<` gives). */
  private indexOf(name: string): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.sorted[mid].metadata.name ?? '') < name) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
