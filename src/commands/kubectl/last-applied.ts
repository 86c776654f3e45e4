/**
 * Client-side apply, as kubectl does it: the manifest is recorded in the
 * `kubectl.kubernetes.io/last-applied-configuration` annotation, and a later apply computes a
 * three-way merge of (last applied, new manifest, live object): fields the manifest dropped are
 * removed, fields it sets win, fields only the server or others set are kept. Lists with a merge
 * key (containers by name, ports, env, ...) merge item by item.
 */
import { deepClone } from '../../engine/kernel/objects.ts';
import type { KObject } from '../../engine/api/types.ts';
import { sortedJson } from './json.ts';

export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

/** The object with its last-applied annotation set to its own JSON (sorted keys, trailing newline). */
export function withLastApplied(obj: KObject): KObject {
  const out = deepClone(obj);
  const annotations = { ...(out.metadata.annotations ?? {}) };
  delete annotations[LAST_APPLIED_ANNOTATION];
  out.metadata = { ...out.metadata, annotations };
  const json = `${sortedJson(out)}\n`;
  out.metadata.annotations = { ...annotations, [LAST_APPLIED_ANNOTATION]: json };
  return out;
}

/** The last-applied configuration recorded on a live object, if any. */
export function lastApplied(live: KObject): KObject | undefined {
  const text = live.metadata.annotations?.[LAST_APPLIED_ANNOTATION];
  if (!text) return undefined;
  try {
    return JSON.parse(text) as KObject;
  } catch {
    return undefined;
  }
}

type Json = unknown;

function isMap(v: Json): v is Record<string, Json> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  imagePullSecrets: 'name',
};

function mergeKey(field: string, items: Json[]): string | undefined {
  if (field === 'ports') return items.some((i) => isMap(i) && 'containerPort' in i) ? 'containerPort' : 'port';
  return MERGE_KEYS[field];
}

/** The object a three-way merge produces: what `kubectl apply` sends for an existing object. */
export function threeWayMerge(original: Json, modified: Json, current: Json, field = ''): Json {
  if (isMap(modified)) {
    const out: Record<string, Json> = isMap(current) ? { ...current } : {};
    const orig = isMap(original) ? original : {};
    for (const k of Object.keys(orig)) if (!(k in modified)) delete out[k];
    for (const [k, v] of Object.entries(modified)) {
      if (v === null) delete out[k];
      else out[k] = threeWayMerge(orig[k], v, out[k], k);
    }
    return out;
  }
  if (Array.isArray(modified)) return mergeList(original, modified, current, field);
  return modified;
}

function mergeList(original: Json, modified: Json[], current: Json, field: string): Json {
  const key = mergeKey(field, modified);
  if (!key || !modified.every(isMap) || !Array.isArray(current)) return deepClone(modified);
  const orig = Array.isArray(original) ? original.filter(isMap) : [];
  const cur = current.filter(isMap);
  const out: Json[] = modified.map((m) => {
    const o = orig.find((x) => x[key] === m[key]);
    const c = cur.find((x) => x[key] === m[key]);
    return threeWayMerge(o, m, c, field);
  });
  // Items someone else added (not in the last applied manifest) stay.
  for (const c of cur) {
    const inModified = modified.some((m) => m[key] === c[key]);
    const inOriginal = orig.some((o) => o[key] === c[key]);
    if (!inModified && !inOriginal) out.push(c);
  }
  return out;
}
