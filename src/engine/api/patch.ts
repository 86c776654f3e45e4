/**
 * The three patch types the API server accepts: JSON patch (RFC 6902), JSON merge patch
 * (RFC 7386), and strategic merge patch (strategic-merge.ts: lists with a merge key, such as
 * containers by name, merged item by item in Kubernetes' order, with its directives), and the
 * strategic patches clients compute (two-way, and kubectl apply's three-way).
 */
import { deepClone, deepEqual } from '../kernel/objects.ts';
import { schemaForObject } from './patch-meta.ts';
import {
  createThreeWayMergePatch as createThreeWay,
  createTwoWayMergePatch as createTwoWay,
  StrategicMergeError,
  strategicMergeMapPatch,
  type JsonMap,
} from './strategic-merge.ts';

export type PatchType = 'json' | 'merge' | 'strategic';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/**
 * A patch that cannot be applied. `status` is how the API server reports a strategic merge
 * patch's error (interpretStrategicMergePatchError): the format errors as BadRequest, lists of
 * lists as 422, anything else (a missing merge key, an unknown directive) as a bare 500 whose
 * Status has no reason, which kubectl prints as `Error from server: MESSAGE`.
 */
export class PatchError extends Error {
  constructor(
    message: string,
    readonly status: 'BadRequest' | 'Unprocessable' | 'Unknown' = 'BadRequest',
  ) {
    super(message);
  }
}

const BAD_REQUEST_SMP_ERRORS = new Set([
  'invalid JSON document',
  'invalid patch format of primitive list',
  'invalid patch format of retainKeys',
  'invalid patch format of setElementOrder list',
]);

function smpError(e: StrategicMergeError): PatchError {
  if (BAD_REQUEST_SMP_ERRORS.has(e.message)) return new PatchError(e.message, 'BadRequest');
  if (e.message === 'lists of lists are not supported') return new PatchError(e.message, 'Unprocessable');
  return new PatchError(e.message, 'Unknown');
}

export function applyPatch(target: unknown, patch: unknown, type: PatchType): unknown {
  if (type === 'json') return jsonPatch(deepClone(target) as Json, patch);
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) {
    throw new PatchError('json: cannot unmarshal array into Go value of type map[string]interface {}');
  }
  return type === 'merge' ? mergePatch(target as Json, patch as Json) : strategicMerge(target as Json, patch as Json);
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

/**
 * A strategic merge patch applied as the API server does (strategic-merge.ts), with the object's
 * kind choosing the struct tags. What the typed decode of the result drops is dropped too: keys
 * that are directives, left inside values the patch added.
 */
function strategicMerge(target: Json, patch: Json): Json {
  try {
    const original = isObject(target) ? (deepClone(target) as JsonMap) : {};
    const merged = strategicMergeMapPatch(original, deepClone(patch) as JsonMap, schemaForObject(target));
    return withoutDirectiveKeys(merged);
  } catch (e) {
    if (e instanceof StrategicMergeError) throw smpError(e);
    throw e;
  }
}

function withoutDirectiveKeys(v: Json): Json {
  if (Array.isArray(v)) return v.map(withoutDirectiveKeys);
  if (!isObject(v)) return v;
  const out: { [k: string]: Json } = {};
  for (const [k, x] of Object.entries(v)) if (!k.startsWith('$')) out[k] = withoutDirectiveKeys(x);
  return out;
}

/** The two-way strategic merge patch from `original` to `modified` (CreateTwoWayMergePatch). */
export function createTwoWayMergePatch(original: unknown, modified: unknown): unknown {
  return strategicDiff(() => createTwoWay(asMap(original), asMap(modified), schemaForObject(isObject(modified) && 'kind' in modified ? modified : original)));
}

/**
 * The three-way strategic merge patch `kubectl apply` sends: from the live object `current` to
 * `modified`, deleting what the last applied `original` had and `modified` dropped.
 */
export function createThreeWayMergePatch(original: unknown, modified: unknown, current: unknown): unknown {
  return strategicDiff(() => createThreeWay(asMap(original), asMap(modified), asMap(current), schemaForObject(isObject(current) && 'kind' in current ? current : modified)));
}

function asMap(v: unknown): JsonMap {
  return isObject(v) ? (deepClone(v) as JsonMap) : {};
}

function strategicDiff(f: () => JsonMap): JsonMap {
  try {
    return f();
  } catch (e) {
    if (e instanceof StrategicMergeError) throw new PatchError(e.message);
    throw e;
  }
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
