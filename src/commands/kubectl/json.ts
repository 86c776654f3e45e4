/** JSON as Go's encoding/json writes a map[string]interface{}: keys sorted, compact. */
export function sortedJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

/** A deep copy with every object's keys in sorted (byte) order. */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[k];
    if (v !== undefined) out[k] = sortKeys(v);
  }
  return out;
}
