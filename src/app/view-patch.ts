/**
 * Compact view messages. At 3,000 pods a whole view is ~1 MB of structured data to copy into the
 * page on every tick, yet a tick changes a few rows. The worker (ViewPatcher) sends the first view
 * whole, then only what changed since the one it sent before: the changed rows of `pods` and
 * `nodes` by index (while both lists keep their length and order), and the other fields only when
 * they differ. The bridge (applyViewPatch) rebuilds the full view from the previous one, reusing
 * every unchanged row object, so the page sees exactly the view the worker derived.
 * Pure: no worker or DOM APIs; unit-tested in Node.
 */
import type { ClusterView, NodeView, PodView } from './protocol.ts';

/** The fields of a view that changed, with the row lists as patches. */
export interface ViewPatch {
  /** Changed fields of the view (`pods` and `nodes` only when they could not be patched by row). */
  fields: Partial<ClusterView>;
  /** Replaced rows of `pods`, by index: the list kept its length and every row its pod. */
  podRows?: [number, PodView][];
  /**
   * Pods whose AGE alone changed: their indexes and new ages, two flat arrays. Ages roll over
   * together (every running pod's `5m` becomes `6m` in the same tick), and sending those rows
   * whole was a 600 KB message at 3,000 pods once a simulated minute: copying it into the page
   * made the longest main-thread tasks.
   */
  podAges?: [number[], string[]];
  nodeRows?: [number, NodeView][];
  /** Optional fields the new view no longer has. */
  dropped?: (keyof ClusterView)[];
}

/** A patch stops paying off when this share of rows changed: the whole list is sent. */
const ROWS_WORTH_PATCHING = 0.5;

/** Worker side: turns each view into the whole view (the first) or a patch against the one sent before. */
export class ViewPatcher {
  private sent: ClusterView | undefined;

  /** `undefined` for the first view (send it whole), else the patch (possibly empty but for the clock). */
  next(view: ClusterView): ViewPatch | undefined {
    const prev = this.sent;
    this.sent = view;
    if (prev === undefined) return undefined;
    return makeViewPatch(prev, view);
  }

  /** Forget what was sent: the next view goes whole. */
  reset(): void {
    this.sent = undefined;
  }
}

export function makeViewPatch(prev: ClusterView, next: ClusterView): ViewPatch {
  const patch: ViewPatch = { fields: {} };
  const fields = patch.fields as Record<string, unknown>;
  for (const key of Object.keys(next) as (keyof ClusterView)[]) {
    const a = prev[key];
    const b = next[key];
    if (key === 'pods') {
      const ages: [number[], string[]] = [[], []];
      const rows = rowPatch(prev.pods, next.pods, podKey, (i, a, b) => {
        if (a.age === b.age || !sameValueBut(a, b, 'age')) return false;
        ages[0].push(i);
        ages[1].push(b.age);
        return true;
      });
      if (rows === undefined) fields.pods = b;
      else {
        if (rows.length > 0) patch.podRows = rows;
        if (ages[0].length > 0) patch.podAges = ages;
      }
      continue;
    }
    if (key === 'nodes') {
      const rows = rowPatch(prev.nodes, next.nodes, (n) => n.name);
      if (rows === undefined) fields.nodes = b;
      else if (rows.length > 0) patch.nodeRows = rows;
      continue;
    }
    if (!sameValue(a, b)) fields[key] = b;
  }
  const dropped = (Object.keys(prev) as (keyof ClusterView)[]).filter((k) => !(k in next));
  if (dropped.length > 0) patch.dropped = dropped;
  return patch;
}

/** Page side: the view the patch describes, from the previous one (unchanged rows are the same objects). */
export function applyViewPatch(prev: ClusterView, patch: ViewPatch): ClusterView {
  const view: ClusterView = { ...prev, ...patch.fields };
  for (const k of patch.dropped ?? []) delete (view as unknown as Record<string, unknown>)[k];
  if (patch.podRows || patch.podAges) view.pods = withRows(prev.pods, patch.podRows ?? []);
  if (patch.podAges) {
    const [indexes, ages] = patch.podAges;
    for (let j = 0; j < indexes.length; j++) view.pods[indexes[j]] = { ...view.pods[indexes[j]], age: ages[j] };
  }
  if (patch.nodeRows) view.nodes = withRows(prev.nodes, patch.nodeRows);
  return view;
}

function withRows<T>(list: readonly T[], rows: readonly [number, T][]): T[] {
  const out = list.slice();
  for (const [i, row] of rows) out[i] = row;
  return out;
}

const podKey = (p: PodView): string => `${p.namespace}/${p.name}`;

/**
 * Changed rows by index, or undefined when the lists differ in length or order (or too much
 * changed). `partly` may take a changed row as a smaller change of its own (returning true).
 */
function rowPatch<T extends object>(prev: readonly T[], next: readonly T[], key: (row: T) => string, partly?: (i: number, a: T, b: T) => boolean): [number, T][] | undefined {
  if (prev.length !== next.length) return undefined;
  const rows: [number, T][] = [];
  for (let i = 0; i < next.length; i++) {
    const a = prev[i];
    const b = next[i];
    if (a === b) continue;
    if (key(a) !== key(b)) return undefined;
    if (!sameValue(a, b) && !partly?.(i, a, b)) rows.push([i, b]);
  }
  return rows.length > next.length * ROWS_WORTH_PATCHING ? undefined : rows;
}

/** Two records equal in every field but `skip` (which both have). */
function sameValueBut<T extends object>(a: T, b: T, skip: keyof T & string): boolean {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let n = 0;
  for (const k in x) {
    n++;
    if (k !== skip && (!(k in y) || !sameValue(x[k], y[k]))) return false;
  }
  for (const _ in y) n--;
  return n === 0;
}

/** Deep equality of JSON-like data (what views are made of). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let n = 0;
  for (const k in x) {
    n++;
    if (!(k in y) || !sameValue(x[k], y[k])) return false;
  }
  for (const _ in y) n--;
  return n === 0;
}
