/**
 * The three patch types the API server accepts: JSON patch (RFC 6902), JSON merge patch
 * (RFC 7386), and strategic merge patch (merge patch, but lists with a merge key, such as
 * containers by name, are merged item by item; `$patch: delete|replace` directives honoured).
 */
import { deepClone, deepEqual } from '../kernel/objects.ts';

export type PatchType = 'json' | 'merge' | 'strategic';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export class PatchError extends Error {}

export function applyPatch(target: unknown, patch: unknown, type: PatchType): unknown {
  if (type === 'json') return jsonPatch(deepClone(target) as Json, patch);
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) {
    throw new PatchError('json: cannot unmarshal array into Go value of type map[string]interface {}');
  }
  return type === 'merge' ? mergePatch(target as Json, patch as Json) : strategicMerge(target as Json, patch as Json, '');
}

function isObject(v: unknown): v is { [k: string]: Json } {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function mergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return deepClone(patch);
  const out: { [k: string]: Json } = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k] ?? null, v);
  }
  return out;
}

/** Merge keys by list field name (the patchMergeKey tags of k8s.io/api that matter here). */
function mergeKeyFor(field: string, items: Json[]): string | undefined {
  switch (field) {
    case 'containers':
    case 'initContainers':
    case 'ephemeralContainers':
    case 'env':
    case 'volumes':
    case 'imagePullSecrets':
      return 'name';
    case 'volumeMounts':
      return 'mountPath';
    case 'conditions':
      return 'type';
    case 'ownerReferences':
      return 'uid';
    case 'taints':
      return 'key';
    case 'ports':
      return items.some((i) => isObject(i) && 'containerPort' in i) ? 'containerPort' : 'port';
    default:
      return undefined;
  }
}

/** Primitive lists with patchStrategy "merge" (set union). */
const MERGED_PRIMITIVE_LISTS = new Set(['finalizers']);

function strategicMerge(target: Json, patch: Json, field: string): Json {
  if (!isObject(patch)) return deepClone(patch);
  if (patch['$patch'] === 'replace') {
    const { $patch: _ignored, ...rest } = patch;
    return deepClone(rest);
  }
  const out: { [k: string]: Json } = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$')) continue;
    if (v === null) delete out[k];
    else if (Array.isArray(v)) out[k] = mergeList(Array.isArray(out[k]) ? (out[k] as Json[]) : [], v, k);
    else out[k] = strategicMerge(out[k] ?? null, v, k);
  }
  void field;
  return out;
}

function mergeList(live: Json[], patch: Json[], field: string): Json[] {
  if (MERGED_PRIMITIVE_LISTS.has(field)) {
    const out = [...live];
    for (const p of patch) if (!out.some((x) => deepEqual(x, p))) out.push(p);
    return out;
  }
  const mergeKey = mergeKeyFor(field, [...live, ...patch]);
  if (!mergeKey || !patch.every(isObject)) return deepClone(patch);
  const out = live.map((x) => deepClone(x));
  for (const p of patch as { [k: string]: Json }[]) {
    const i = out.findIndex((x) => isObject(x) && x[mergeKey] === p[mergeKey]);
    if (p['$patch'] === 'delete') {
      if (i >= 0) out.splice(i, 1);
    } else if (i >= 0) out[i] = strategicMerge(out[i], p, field);
    else out.push(strategicMerge(null, p, field));
  }
  return out;
}

interface Op {
  op: string;
  path: string;
  value?: Json;
  from?: string;
}

function jsonPatch(doc: Json, patch: unknown): Json {
  if (!Array.isArray(patch)) throw new PatchError('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  let out = doc;
  for (const op of patch as Op[]) {
    switch (op.op) {
      case 'add':
        out = setAt(out, parsePointer(op.path), deepClone(op.value ?? null), 'add');
        break;
      case 'replace':
        getAt(out, parsePointer(op.path));
        out = setAt(out, parsePointer(op.path), deepClone(op.value ?? null), 'replace');
        break;
      case 'remove':
        out = removeAt(out, parsePointer(op.path));
        break;
      case 'move': {
        const v = getAt(out, parsePointer(op.from ?? ''));
        out = setAt(removeAt(out, parsePointer(op.from ?? '')), parsePointer(op.path), v, 'add');
        break;
      }
      case 'copy':
        out = setAt(out, parsePointer(op.path), deepClone(getAt(out, parsePointer(op.from ?? ''))), 'add');
        break;
      case 'test':
        if (!deepEqual(getAt(out, parsePointer(op.path)), op.value)) throw new PatchError(`testing value ${op.path} failed: test failed`);
        break;
      default:
        throw new PatchError(`Unexpected kind: ${op.op}`);
    }
  }
  return out;
}

function parsePointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw new PatchError(`json pointer ${path} must start with /`);
  return path
    .slice(1)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function getAt(doc: Json, path: string[]): Json {
  let cur: Json = doc;
  for (const p of path) {
    if (Array.isArray(cur)) cur = cur[Number(p)];
    else if (isObject(cur)) cur = cur[p];
    else cur = undefined as unknown as Json;
    if (cur === undefined) throw new PatchError(`doc is missing path: "/${path.join('/')}": missing value`);
  }
  return cur;
}

function setAt(doc: Json, path: string[], value: Json, mode: 'add' | 'replace'): Json {
  if (path.length === 0) return value;
  const parent = getAt(doc, path.slice(0, -1));
  const last = path[path.length - 1];
  if (Array.isArray(parent)) {
    const i = last === '-' ? parent.length : Number(last);
    if (!Number.isInteger(i) || i < 0 || i > parent.length) throw new PatchError(`add operation does not apply: doc is missing path: "/${path.join('/')}"`);
    if (mode === 'add') parent.splice(i, 0, value);
    else parent[i] = value;
  } else if (isObject(parent)) parent[last] = value;
  else throw new PatchError(`doc is missing path: "/${path.join('/')}"`);
  return doc;
}

function removeAt(doc: Json, path: string[]): Json {
  const parent = getAt(doc, path.slice(0, -1));
  const last = path[path.length - 1];
  if (Array.isArray(parent)) {
    const i = Number(last);
    if (!(i >= 0 && i < parent.length)) throw new PatchError(`remove operation does not apply: doc is missing path: "/${path.join('/')}"`);
    parent.splice(i, 1);
  } else if (isObject(parent) && last in parent) delete parent[last];
  else throw new PatchError(`remove operation does not apply: doc is missing path: "/${path.join('/')}"`);
  return doc;
}
