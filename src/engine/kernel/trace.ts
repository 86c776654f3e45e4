import { Hasher, HashTape } from './hash.ts';
import { deepFreeze } from './objects.ts';

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
 * Deep-freezes JSON-shaped data and mixes its structure and content into the hasher: a tag per
 * value type, strings length-prefixed, object keys in enumeration order (JSON.stringify's order).
 * The top-level object's object-valued fields (an API object's metadata, spec, status) go in as
 * digests of their own, and the digest of a field that an earlier version already froze — a
 * Pod's spec across its status writes — is remembered, so a shared spec is walked once, not on
 * every write. Deeper down everything is streamed, which is cheaper for fresh data.
 */
export function freezeAndHash(value: unknown, h: Hasher): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return streamValue(value, h);
  h.mixCode(0x7b);
  const o = value as Record<string, unknown>;
  for (const key in o) {
    const v = o[key];
    if (v === undefined) continue;
    h.mixString(key);
    if (v !== null && typeof v === 'object') {
      const [d1, d2] = digestOf(v);
      h.mixCode(0x23);
      h.mixCode(d1);
      h.mixCode(d2);
    } else streamValue(v, h);
  }
  h.mixCode(0x7d);
  if (!Object.isFrozen(value)) Object.freeze(value);
}

/**
 * Digests of top-level fields met again, already frozen, in a later object version. Only
 * already-frozen fields are recorded (a new object costs no entry); entries go with the objects.
 */
const sharedDigests = new WeakMap<object, [number, number]>();

function digestOf(v: object): [number, number] {
  const shared = Object.isFrozen(v);
  if (shared) {
    const known = sharedDigests.get(v);
    if (known !== undefined) return known;
  }
  const sub = new Hasher();
  streamValue(v, sub);
  const d = sub.state();
  if (shared) sharedDigests.set(v, d);
  return d;
}

/** The recorded hash input of the constants `sharedConstant` registered. */
const tapes = new WeakMap<object, HashTape>();

/**
 * Deep-freezes a constant that many API objects share (the ServiceAccount plugin's projected
 * token volume source, in every pod) and records once what the trace's walk mixes for it: the
 * trace then replays that instead of walking it in every object written. The constant must be
 * JSON-shaped and is never to be changed (it cannot be: it is frozen). Returns the value.
 */
export function sharedConstant<T extends object>(value: T): T {
  deepFreeze(value);
  const tape = new HashTape();
  recordValue(value, tape);
  tapes.set(value, tape.seal());
  return value;
}

/** The plain walk: every value streamed into the hasher, objects frozen on the way out. */
function streamValue(value: unknown, h: Hasher): void {
  if (value === null) return h.mixCode(0x6e);
  switch (typeof value) {
    case 'string':
      h.mixCode(0x73);
      return h.mixString(value);
    case 'number':
      h.mixCode(0x64);
      return h.mixString(String(value));
    case 'boolean':
      return h.mixCode(value ? 0x74 : 0x66);
    case 'object':
      break;
    default:
      return; // undefined and functions are skipped, as JSON.stringify skips them
  }
  const frozen = Object.isFrozen(value);
  if (frozen) {
    const tape = tapes.get(value);
    if (tape !== undefined) return h.replay(tape);
  }
  if (Array.isArray(value)) {
    h.mixCode(0x5b);
    h.mixCode(value.length);
    for (let i = 0; i < value.length; i++) streamValue(value[i], h);
  } else {
    h.mixCode(0x7b);
    const o = value as Record<string, unknown>;
    for (const key in o) {
      const v = o[key];
      if (v === undefined) continue;
      h.mixString(key);
      streamValue(v, h);
    }
    h.mixCode(0x7d);
  }
  if (!frozen) Object.freeze(value);
}

/** streamValue's walk, recorded on a tape instead of hashed (the two must stay the same walk). */
function recordValue(value: unknown, t: HashTape): void {
  if (value === null) return t.mixCode(0x6e);
  switch (typeof value) {
    case 'string':
      t.mixCode(0x73);
      return t.mixString(value);
    case 'number':
      t.mixCode(0x64);
      return t.mixString(String(value));
    case 'boolean':
      return t.mixCode(value ? 0x74 : 0x66);
    case 'object':
      break;
    default:
      return;
  }
  if (Array.isArray(value)) {
    t.mixCode(0x5b);
    t.mixCode(value.length);
    for (let i = 0; i < value.length; i++) recordValue(value[i], t);
  } else {
    t.mixCode(0x7b);
    const o = value as Record<string, unknown>;
    for (const key in o) {
      if (o[key] === undefined) continue;
      t.mixString(key);
      recordValue(o[key], t);
    }
    t.mixCode(0x7d);
  }
}

export interface TraceState {
  hasher: [number, number];
  total: number;
  recent: TraceEntry[];
}
