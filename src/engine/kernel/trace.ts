import { Hasher } from './hash.ts';

/** One applied change to the cluster, as the trace records it. */
export interface TraceEntry {
  /** Simulated time of the change (ms). */
  time: number;
  /** resourceVersion the change was stored at. */
  rv: number;
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  resource: string;
  namespace: string;
  name: string;
}

/** How many recent entries are kept for inspection; the hash covers every entry ever recorded. */
export const TRACE_RECENT_CAPACITY = 10_000;

/**
 * The stable record of everything applied to the cluster. Each entry and the full JSON of the
 * object it wrote are folded into a running hash, so two runs are equal exactly when their
 * `hash()`es are; the most recent entries are also kept for the UI and for debugging.
 */
export class Trace {
  private hasher = new Hasher();
  private recentEntries: TraceEntry[] = [];
  private total = 0;

  /**
   * Records a change and the object it wrote. The object is deep-frozen in the same walk that
   * folds its content into the hash (one pass instead of stringify + freeze: this is the API's
   * hottest path).
   */
  record(entry: TraceEntry, object: unknown): void {
    const h = this.hasher;
    h.mixCode(0x54);
    h.mixString(`${entry.time} ${entry.rv} ${entry.type} ${entry.resource} ${entry.namespace}/${entry.name}`);
    freezeAndHash(object, h);
    this.total++;
    this.recentEntries.push(entry);
    if (this.recentEntries.length > TRACE_RECENT_CAPACITY * 2) {
      this.recentEntries = this.recentEntries.slice(-TRACE_RECENT_CAPACITY);
    }
  }

  /** 16 hex digits over every change recorded so far. */
  hash(): string {
    return this.hasher.digest();
  }

  get count(): number {
    return this.total;
  }

  /** The most recent entries, oldest first (at most TRACE_RECENT_CAPACITY). */
  recent(limit = TRACE_RECENT_CAPACITY): TraceEntry[] {
    return this.recentEntries.slice(-Math.min(limit, TRACE_RECENT_CAPACITY));
  }

  save(): TraceState {
    return { hasher: this.hasher.state(), total: this.total, recent: this.recent() };
  }

  static load(s: TraceState): Trace {
    const t = new Trace();
    t.hasher = Hasher.fromState(s.hasher);
    t.total = s.total;
    t.recentEntries = s.recent.map((e) => ({ ...e }));
    return t;
  }
}

/**
 * Deep-freezes JSON-shaped data and mixes a digest of its structure and content into the hasher:
 * a tag per value type, strings length-prefixed, object keys in enumeration order (JSON.stringify's
 * order). The digest is a Merkle one — each object is digested on its own and its parent mixes in
 * that digest — so a frozen subtree that a new object version shares with the old one (a Pod's
 * spec across its status updates) is digested once and looked up afterwards, not walked again.
 */
export function freezeAndHash(value: unknown, h: Hasher): void {
  L1 = SEED1;
  L2 = SEED2;
  mixValue(value);
  h.mixCode(L1 & 0xffff);
  h.mixCode(L1 >>> 16);
  h.mixCode(L2 & 0xffff);
  h.mixCode(L2 >>> 16);
}

/**
 * Digests of frozen subtrees met again in a later object version. Only already-frozen objects are
 * recorded, so a newly created object costs no map entry; entries go when the subtree is garbage.
 */
const sharedDigests = new WeakMap<object, number>();

const SEED1 = 0x9e3779b9;
const SEED2 = 0x7f4a7c15;
/** The digest lanes of the object being walked (saved and restored around each child object). */
let L1 = SEED1;
let L2 = SEED2;

function mixCode(c: number): void {
  L1 = Math.imul(L1 ^ c, 2654435761);
  L2 = Math.imul(L2 ^ c, 1597334677);
}

function mixString(text: string): void {
  const n = text.length;
  let h1 = Math.imul(L1 ^ n, 2654435761);
  let h2 = Math.imul(L2 ^ n, 1597334677);
  // Four UTF-16 units per step, two into each lane: the trace's hottest loop.
  let i = 0;
  for (; i + 3 < n; i += 4) {
    h1 = Math.imul(h1 ^ (text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16)), 2654435761);
    h2 = Math.imul(h2 ^ (text.charCodeAt(i + 2) | (text.charCodeAt(i + 3) << 16)), 1597334677);
  }
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  L1 = h1;
  L2 = h2;
}

function mixValue(value: unknown): void {
  if (value === null) return mixCode(0x6e);
  switch (typeof value) {
    case 'string':
      mixCode(0x73);
      return mixString(value);
    case 'number':
      // Small integers (counts, ports, replicas) as one code; anything else by its JSON text.
      if ((value | 0) === value && !Object.is(value, -0)) return mixCode(0x69), mixCode(value);
      mixCode(0x64);
      return mixString(String(value));
    case 'boolean':
      return mixCode(value ? 0x74 : 0x66);
    case 'object': {
      const d = digestObject(value as object);
      mixCode(0x6f);
      mixCode(d & 0xffffffff);
      return mixCode(Math.floor(d / 0x100000000));
    }
    default:
      return; // undefined and functions are skipped, as JSON.stringify skips them
  }
}

/** An object's own digest (53 bits), freezing it; shared frozen subtrees come from the map. */
function digestObject(o: object): number {
  const frozen = Object.isFrozen(o);
  if (frozen) {
    const known = sharedDigests.get(o);
    if (known !== undefined) return known;
  }
  const outer1 = L1;
  const outer2 = L2;
  L1 = SEED1;
  L2 = SEED2;
  if (Array.isArray(o)) {
    mixCode(0x5b);
    mixCode(o.length);
    for (let i = 0; i < o.length; i++) mixValue(o[i]);
  } else {
    mixCode(0x7b);
    const r = o as Record<string, unknown>;
    for (const key in r) {
      const v = r[key];
      if (v === undefined) continue;
      mixString(key);
      mixValue(v);
    }
  }
  const d = (L1 >>> 0) + (L2 & 0x1fffff) * 0x100000000;
  L1 = outer1;
  L2 = outer2;
  if (frozen) sharedDigests.set(o, d);
  else Object.freeze(o);
  return d;
}

export interface TraceState {
  hasher: [number, number];
  total: number;
  recent: TraceEntry[];
}
