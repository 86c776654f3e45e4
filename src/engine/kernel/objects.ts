/** Helpers for plain JSON data (API objects): deep clone, deep freeze, deep equality. */

/** A deep copy of JSON-shaped data (objects, arrays, strings, numbers, booleans, null). */
export function deepClone<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const out = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = deepClone(value[i]);
    return out as T;
  }
  const out: Record<string, unknown> = {};
  for (const key in value) {
    const v = (value as Record<string, unknown>)[key];
    if (v === undefined) continue;
    if (key === '__proto__') setOwnProto(out, deepClone(v));
    else out[key] = deepClone(v);
  }
  return out as T;
}

/**
 * A `__proto__` key (JSON.parse and YAML make it an ordinary own property) copied as one: `out[key]
 * = v` would set the copy's prototype and drop the key from its JSON. (The clones test the key
 * inline and assign the rest directly: they run for every key of every object written.)
 */
function setOwnProto(out: Record<string, unknown>, v: unknown): void {
  Object.defineProperty(out, '__proto__', { value: v, enumerable: true, writable: true, configurable: true });
}

/**
 * deepClone, except that frozen subtrees are shared rather than copied: they came from the API
 * store (or are constants) and can never change, and sharing them lets the trace reuse their
 * digests. Only for copies nothing writes into below the top level.
 */
export function cloneSharingFrozen<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  if (Array.isArray(value)) {
    const out = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = cloneSharingFrozen(value[i]);
    return out as T;
  }
  const out: Record<string, unknown> = {};
  for (const key in value) {
    const v = (value as Record<string, unknown>)[key];
    if (v === undefined) continue;
    if (key === '__proto__') setOwnProto(out, cloneSharingFrozen(v));
    else out[key] = cloneSharingFrozen(v);
  }
  return out as T;
}

/** Freezes an object graph so nothing read from the store can be mutated in place. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key in value) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

/** Structural equality of JSON-shaped data; `undefined` properties count as absent. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], bb[i])) return false;
    return true;
  }
  // Keys whose value is undefined do not count (JSON drops them); no arrays allocated: hot path.
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  let defined = 0;
  for (const k in ao) {
    const v = ao[k];
    if (v === undefined) continue;
    defined++;
    if (!deepEqual(v, bo[k])) return false;
  }
  for (const k in bo) if (bo[k] !== undefined) defined--;
  return defined === 0;
}
