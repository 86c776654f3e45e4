/**
 * An informer-style cache of one namespace's objects, listed in name order. Controllers list a
 * namespace's pods in name order on every sync (the order keeps their choices deterministic).
 * Most watch events are status updates of known objects: those replace the object in place in
 * the sorted list, which stays valid, so the next list costs nothing. An object coming or going
 * only marks the list stale, and the next list sorts once — so creating 150,000 pods costs no
 * more than a Map, and a sync costs at most the sort it always cost.
 */
import type { KObject } from '../../api/types.ts';

export class NameSortedCache<T extends KObject> {
  private readonly byName = new Map<string, T>();
  /** The objects in name order, or undefined while objects have come or gone since the last list. */
  private sorted: T[] | undefined = [];

  get(name: string): T | undefined {
    return this.byName.get(name);
  }

  /** Stores `obj` under its name; returns the object it replaced, if any. */
  set(obj: T): T | undefined {
    const name = obj.metadata.name ?? '';
    const prev = this.byName.get(name);
    this.byName.set(name, obj);
    if (prev === undefined) this.sorted = undefined;
    else if (this.sorted) this.sorted[this.indexOf(this.sorted, name)] = obj;
    return prev;
  }

  delete(name: string): void {
    if (this.byName.delete(name)) this.sorted = undefined;
  }

  /** The objects in name order; the array is the cache's own, so callers must not keep or change it. */
  list(): readonly T[] {
    this.sorted ??= [...this.byName.values()].sort((a, b) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1));
    return this.sorted;
  }

  /** Where `name` is in `sorted` (binary search; names compare as the code-unit order `<` gives). */
  private indexOf(sorted: readonly T[], name: string): number {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((sorted[mid].metadata.name ?? '') < name) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
