/**
 * Strategic merge patch as k8s.io/apimachinery v0.31's `strategicpatch` computes it: applying a
 * patch (StrategicMergeMapPatch, what the API server does with a `strategic` PATCH), and the two-
 * and three-way diffs clients send (CreateTwoWayMergeMapPatch, CreateThreeWayMergePatch, what
 * `kubectl apply` sends). Lists whose field is tagged `patchStrategy: merge` merge item by item on
 * their `patchMergeKey` (primitive lists as sets); the directives `$patch: replace|delete|merge`,
 * `$deleteFromPrimitiveList/<field>`, `$retainKeys` and `$setElementOrder/<field>` are honoured;
 * `null` deletes a key. The order of a merged list is the one Kubernetes produces: the patch's
 * own items in `$setElementOrder` (or patch) order, interleaved with the server-only items by
 * their live order, a new item placed before the server-only items it cannot be ordered against.
 * Our own code, written from the behaviour of the Go package and its test tables.
 */
import { deepEqual } from '../kernel/objects.ts';
import { lookupPatchMeta, type PatchSchema } from './patch-meta.ts';

export type Json = null | boolean | number | string | Json[] | JsonMap;
export type JsonMap = { [k: string]: Json };

export class StrategicMergeError extends Error {}

const DIRECTIVE = '$patch';
const RETAIN_KEYS = '$retainKeys';
const DELETE_PRIMITIVE_PREFIX = '$deleteFromPrimitiveList';
const SET_ORDER_PREFIX = '$setElementOrder';

interface MergeOptions {
  /** Server side: parallel deletion lists are applied (client side they are carried along). */
  mergeParallelList: boolean;
  /** Server side: a `null` for a key the original lacks is dropped rather than kept. */
  ignoreUnmatchedNulls: boolean;
}

interface DiffOptions {
  setElementOrder: boolean;
  ignoreChangesAndAdditions: boolean;
  ignoreDeletions: boolean;
  buildRetainKeysDirective: boolean;
}

export const isMap = (v: unknown): v is JsonMap => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Go's reflect.TypeOf of a decoded JSON value (apimachinery's decoder makes whole numbers int64). */
function goType(v: Json): string {
  if (v === null) return 'nil';
  if (Array.isArray(v)) return 'slice';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  return typeof v === 'object' ? 'map' : typeof v;
}

/** fmt's %v of a decoded JSON value: `map[a:1 b:x]`, `[1 2]`, `<nil>`. */
export function goV(v: Json): string {
  if (v === null) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goV).join(' ')}]`;
  if (isMap(v)) {
    const keys = Object.keys(v).sort();
    return `map[${keys.map((k) => `${k}:${goV(v[k])}`).join(' ')}]`;
  }
  return String(v);
}

function errNoMergeKey(m: JsonMap, key: string): StrategicMergeError {
  return new StrategicMergeError(`map: ${goV(m)} does not contain declared merge key: ${key}`);
}

function errBadPatchType(t: Json, m: JsonMap): StrategicMergeError {
  return new StrategicMergeError(`unknown patch type: ${goV(t)} in map: ${goV(m)}`);
}

const ERR_PRIMITIVE_LIST = 'invalid patch format of primitive list';
const ERR_SET_ORDER = 'invalid patch format of setElementOrder list';
const ERR_RETAIN_KEYS = 'invalid patch format of retainKeys';

function errBadArgType(expected: string, actual: Json): StrategicMergeError {
  return new StrategicMergeError(`expected a ${expected}, but received a ${goTypeName(actual)}`);
}

function goTypeName(v: Json): string {
  return { nil: '<nil>', slice: '[]interface {}', map: 'map[string]interface {}', int64: 'int64', float64: 'float64', string: 'string', boolean: 'bool' }[goType(v)] ?? 'unknown';
}

// ---------------------------------------------------------------------------------------------
// Applying a patch

/** StrategicMergeMapPatch: the object `patch` makes of `original` (both are consumed). */
export function strategicMergeMapPatch(original: JsonMap, patch: JsonMap, schema: PatchSchema): JsonMap {
  return mergeMap(original, patch, schema, { mergeParallelList: true, ignoreUnmatchedNulls: true });
}

function mergeMap(original: JsonMap | null, patch: JsonMap, schema: PatchSchema, opts: MergeOptions): JsonMap {
  if (DIRECTIVE in patch) return directiveInMergeMap(patch[DIRECTIVE], patch);
  const out: JsonMap = original ?? {};
  applyRetainKeys(out, patch, opts);
  mergePatchIntoOriginal(out, patch, schema, opts);
  for (const rawKey of Object.keys(patch)) {
    const patchV = patch[rawKey];
    let k = rawKey;
    let isDeleteList = false;
    if (rawKey.startsWith(DELETE_PRIMITIVE_PREFIX)) {
      if (!opts.mergeParallelList) {
        out[rawKey] = patchV;
        continue;
      }
      k = extractKey(rawKey, DELETE_PRIMITIVE_PREFIX, ERR_PRIMITIVE_LIST);
      isDeleteList = true;
    }
    if (patchV === null) {
      delete out[k];
      if (opts.ignoreUnmatchedNulls) continue;
    }
    if (!Object.hasOwn(out, k) || goType(out[k]) !== goType(patchV)) {
      if (!isDeleteList) takePatchValue(out, k, patchV, opts);
      continue;
    }
    const current = out[k];
    if (isMap(current)) {
      const meta = lookupPatchMeta(schema, k);
      out[k] = meta.strategy === 'replace' ? patchV : mergeMap(current, patchV as JsonMap, meta.sub, opts);
    } else if (Array.isArray(current)) {
      const meta = lookupPatchMeta(schema, k, [...current, ...(patchV as Json[])]);
      out[k] = mergeSliceHandler(current, patchV as Json[], meta.sub, meta.strategy, meta.mergeKey, isDeleteList, opts);
    } else {
      takePatchValue(out, k, patchV, opts);
    }
  }
  return out;
}

/** A value the original lacks (or of another type): the patch's, without its nulls and directives. */
function takePatchValue(out: JsonMap, k: string, patchV: Json, opts: MergeOptions): void {
  if (opts.ignoreUnmatchedNulls) discardNulls(patchV);
  const [v, keep] = removeDirectives(patchV);
  if (keep) out[k] = v;
  else delete out[k];
}

function discardNulls(v: Json): void {
  if (isMap(v)) {
    for (const k of Object.keys(v)) {
      if (v[k] === null) delete v[k];
      else discardNulls(v[k]);
    }
  } else if (Array.isArray(v)) v.forEach(discardNulls);
}

/** A map carrying `$patch` is dropped; directives inside are dropped from maps and lists. */
function removeDirectives(v: Json): [Json, boolean] {
  if (isMap(v)) {
    if (DIRECTIVE in v) return [null, false];
    for (const k of Object.keys(v)) {
      const [nv, keep] = removeDirectives(v[k]);
      if (keep) v[k] = nv;
      else delete v[k];
    }
    return [v, true];
  }
  if (Array.isArray(v)) {
    const out: Json[] = [];
    for (const item of v) {
      const [nv, keep] = removeDirectives(item);
      if (keep) out.push(nv);
    }
    return [out, true];
  }
  return [v, true];
}

function directiveInMergeMap(directive: Json, patch: JsonMap): JsonMap {
  if (directive === 'replace') {
    delete patch[DIRECTIVE];
    return patch;
  }
  if (directive === 'delete') return {};
  throw errBadPatchType(directive, patch);
}

function extractKey(s: string, prefix: string, err: string): string {
  const slash = s.indexOf('/');
  if (slash < 0 || s.slice(0, slash) !== prefix) throw new StrategicMergeError(err);
  return s.slice(slash + 1);
}

/** `$retainKeys`: keys of the original not listed are cleared; every key the patch sets must be listed. */
function applyRetainKeys(original: JsonMap, patch: JsonMap, opts: MergeOptions): void {
  if (!Object.hasOwn(patch, RETAIN_KEYS)) return;
  const retain = patch[RETAIN_KEYS];
  delete patch[RETAIN_KEYS];
  if (!opts.mergeParallelList) {
    if (Object.hasOwn(original, RETAIN_KEYS)) {
      if (!deepEqual(original[RETAIN_KEYS], retain)) {
        throw new StrategicMergeError(`${goV(original[RETAIN_KEYS])} and ${goV(retain)} are not deep equal: this may happen when calculating the 3-way diff patch`);
      }
    } else original[RETAIN_KEYS] = retain;
    return;
  }
  if (!Array.isArray(retain)) throw new StrategicMergeError(ERR_RETAIN_KEYS);
  const keep = new Set(retain.map((r) => (typeof r === 'string' ? r : goV(r))));
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || k.startsWith(DELETE_PRIMITIVE_PREFIX) || k.startsWith(SET_ORDER_PREFIX)) continue;
    if (!keep.has(k)) throw new StrategicMergeError(ERR_RETAIN_KEYS);
  }
  for (const k of Object.keys(original)) if (!keep.has(k)) delete original[k];
}

/** `$setElementOrder/<field>` with its list: merged, then ordered by the directive. */
function mergePatchIntoOriginal(original: JsonMap, patch: JsonMap, schema: PatchSchema, opts: MergeOptions): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(SET_ORDER_PREFIX)) continue;
    const order = patch[key];
    if (!opts.mergeParallelList) {
      if (Object.hasOwn(original, key)) {
        if (!deepEqual(original[key], order)) throw new StrategicMergeError(ERR_SET_ORDER);
      } else original[key] = order;
    }
    delete patch[key];
    if (!Array.isArray(order)) throw errBadArgType('[]interface {}', order);
    const field = extractKey(key, SET_ORDER_PREFIX, ERR_SET_ORDER);
    const foundOriginal = Object.hasOwn(original, field);
    const foundPatch = Object.hasOwn(patch, field);
    const originalList = foundOriginal ? original[field] : null;
    const patchList = foundPatch ? patch[field] : null;
    if (foundOriginal && !Array.isArray(originalList)) throw errBadArgType('[]interface {}', originalList);
    if (foundPatch && !Array.isArray(patchList)) throw errBadArgType('[]interface {}', patchList);
    const origItems = (originalList ?? []) as Json[];
    const patchItems = (patchList ?? []) as Json[];
    const meta = lookupPatchMeta(schema, field, [...origItems, ...patchItems]);
    if (foundPatch) validateWithSetOrder(patchItems, order, meta.mergeKey);
    let merged: Json[];
    const view = [...origItems];
    if (foundOriginal && !foundPatch) merged = origItems;
    else if (!foundOriginal && foundPatch) merged = patchItems;
    else if (foundOriginal && foundPatch) merged = mergeSliceHandler(origItems, patchItems, meta.sub, meta.strategy, meta.mergeKey, false, opts, view);
    else continue;
    const [inOrder, serverOnly] = partition(merged, order, meta.mergeKey);
    const kind = sliceElementKind(origItems, patchItems);
    original[field] = normalizeElementOrder(inOrder, serverOnly, order, view, meta.mergeKey, kind);
    delete patch[field];
  }
}

/** The patch list's items must appear in `$setElementOrder` in the same relative order. */
function validateWithSetOrder(patchList: Json[], order: Json[], mergeKey: string): void {
  if (order.length === 0 || patchList.length === 0) return;
  const nonDelete = mergeKey ? splitDeletes(patchList)[0] : patchList;
  let p = 0;
  let s = 0;
  while (p < nonDelete.length && s < order.length) {
    if (isMap(nonDelete[p]) && DIRECTIVE in (nonDelete[p] as JsonMap)) {
      p++;
      continue;
    }
    if (mergeKeyValueEqual(nonDelete[p], order[s], mergeKey)) p++;
    s++;
  }
  if (p < nonDelete.length && s >= order.length) {
    throw new StrategicMergeError(`The order in patch list:\n${goV(patchList)}\n doesn't match ${SET_ORDER_PREFIX} list:\n${goV(order)}\n`);
  }
}

function mergeKeyValueEqual(left: Json, right: Json, mergeKey: string): boolean {
  if (!mergeKey) return left === right;
  if (!isMap(left)) throw errBadArgType('map[string]interface {}', left);
  if (!isMap(right)) throw errBadArgType('map[string]interface {}', right);
  if (!Object.hasOwn(left, mergeKey)) throw errNoMergeKey(left, mergeKey);
  if (!Object.hasOwn(right, mergeKey)) throw errNoMergeKey(right, mergeKey);
  return left[mergeKey] === right[mergeKey];
}

function splitDeletes(list: Json[]): [Json[], Json[]] {
  const keep: Json[] = [];
  const del: Json[] = [];
  for (const v of list) {
    if (!isMap(v)) throw errBadArgType('map[string]interface {}', v);
    if (v[DIRECTIVE] === 'delete') del.push(v);
    else keep.push(v);
  }
  return [keep, del];
}

function mergeSliceHandler(
  original: Json[],
  patch: Json[],
  sub: PatchSchema,
  strategy: string,
  mergeKey: string,
  isDeleteList: boolean,
  opts: MergeOptions,
  view?: Json[],
): Json[] {
  // Since v1.25 a deletion list deletes whatever the field's strategy.
  if (isDeleteList && opts.mergeParallelList) return deleteFromSlice(original, patch);
  if (strategy !== 'merge') return patch;
  return mergeSlice(original, patch, sub, mergeKey, opts, view);
}

/**
 * mergeSlice. `view`, when given, is the caller's own view of `original` (its Go slice, whose
 * capacity is its length, as the API server's deep-copied object has it): the Go code deletes
 * items in place, shifting the rest left, and appends new items into the slots that frees, and
 * the `$setElementOrder` step then reads the live order from that view.
 */
function mergeSlice(original: Json[], patch: Json[], sub: PatchSchema, mergeKey: string, opts: MergeOptions, view: Json[] = [...original]): Json[] {
  if (original.length === 0 && patch.length === 0) return original;
  const kind = sliceElementKind(original, patch);
  if (kind !== 'map') {
    const merged = deduplicateScalars([...original, ...patch]);
    const [inPatch, serverOnly] = partition(merged, patch, '');
    return normalizeElementOrder(inPatch, serverOnly, patch, original, '', kind);
  }
  if (mergeKey === '') throw new StrategicMergeError('cannot merge lists without merge key for type map');
  // mergeSliceWithSpecialElements: `$patch: delete` items delete every match in place;
  // `$patch: replace` makes the other items the whole list (a new slice).
  let n = view.length;
  let replace = false;
  const items: Json[] = [];
  for (const v of patch) {
    const m = v as JsonMap;
    if (!Object.hasOwn(m, DIRECTIVE)) {
      items.push(v);
      continue;
    }
    const directive = m[DIRECTIVE];
    if (directive === 'delete') {
      if (!Object.hasOwn(m, mergeKey)) throw errNoMergeKey(m, mergeKey);
      for (let i = findByKey(view.slice(0, n), mergeKey, m[mergeKey]); i >= 0; i = findByKey(view.slice(0, n), mergeKey, m[mergeKey])) {
        view.copyWithin(i, i + 1, n);
        n--;
      }
    } else if (directive === 'replace') replace = true;
    else if (directive === 'merge') throw new StrategicMergeError('merging lists cannot yet be specified in the patch');
    else throw errBadPatchType(directive, m);
  }
  const orig = replace ? items : view.slice(0, n);
  const toMerge = replace ? [] : items;
  // mergeSliceWithoutSpecialElements: matches merge in place, new items are appended (into the
  // view's freed slots while it has room).
  const merged = [...orig];
  let aliased = !replace;
  for (const v of toMerge) {
    const m = v as JsonMap;
    if (!Object.hasOwn(m, mergeKey)) throw errNoMergeKey(m, mergeKey);
    const i = findByKey(merged, mergeKey, m[mergeKey]);
    if (i >= 0) {
      merged[i] = mergeMap(merged[i] as JsonMap, m, sub, opts);
      if (aliased && i < n) view[i] = merged[i];
    } else {
      merged.push(v);
      if (aliased && merged.length <= view.length) view[merged.length - 1] = v;
      else aliased = false;
    }
  }
  const [inPatch, serverOnly] = partition(merged, toMerge, mergeKey);
  return normalizeElementOrder(inPatch, serverOnly, toMerge, orig, mergeKey, kind);
}

function findByKey(list: Json[], key: string, value: Json): number {
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    if (!isMap(item)) throw new StrategicMergeError(`value for key ${i} is not a map.`);
    if (Object.hasOwn(item, key) && item[key] === value) return i;
  }
  return -1;
}

function deleteFromSlice(current: Json[], toDelete: Json[]): Json[] {
  return current.filter((v) => !toDelete.some((d) => (isMap(d) || Array.isArray(d) ? deepEqual(d, v) : d === v)));
}

/** The Go package's in-place de-duplication (a later duplicate is overwritten by the last item). */
function deduplicateScalars(s: Json[]): Json[] {
  let length = s.length - 1;
  for (let i = 0; i < length; i++) {
    for (let j = i + 1; j <= length; j++) {
      if (s[i] === s[j]) {
        s[j] = s[length];
        s.length = length;
        length--;
        j--;
      }
    }
  }
  return s;
}

/** The element kind of one or more lists: all items must share it (lists of lists are refused). */
function sliceElementKind(...lists: Json[][]): string {
  let prev: string | undefined;
  for (const list of lists) {
    for (const v of list) {
      const t = goType(v);
      if (prev === undefined) {
        if (t === 'slice') throw new StrategicMergeError('lists of lists are not supported');
        prev = t;
      } else if (prev !== t) throw new StrategicMergeError(`list element types are not identical: ${goV(lists as Json)}`);
    }
  }
  if (prev === undefined) throw new StrategicMergeError('no elements in any of the given slices');
  return prev === 'map' ? 'map' : prev;
}

/** Items of `list` present in `by` (by merge key, or by value), and the others. */
function partition(list: Json[], by: Json[], mergeKey: string): [Json[], Json[]] {
  const present: Json[] = [];
  const others: Json[] = [];
  for (const v of list) {
    let found: boolean;
    if (mergeKey) {
      if (!isMap(v)) throw errBadArgType('map[string]interface {}', v);
      if (!Object.hasOwn(v, mergeKey)) throw errNoMergeKey(v, mergeKey);
      found = by.some((b) => isMap(b) && Object.hasOwn(b, mergeKey) && b[mergeKey] === v[mergeKey]);
    } else found = by.some((b) => b === v);
    (found ? present : others).push(v);
  }
  return [present, others];
}

function indexIn(list: Json[], v: Json, mergeKey: string, kind: string): number {
  const val = (x: Json): Json => (kind === 'map' ? (isMap(x) ? (x[mergeKey] ?? null) : null) : x);
  const want = val(v);
  return list.findIndex((x) => val(x) === want);
}

/**
 * normalizeElementOrder: the patch's items sorted by `patchOrder`, the server-only ones by
 * `serverOrder`, then interleaved: a server-only item goes first only when both are in the live
 * list and it comes earlier there; otherwise the patch's item does.
 */
function normalizeElementOrder(patch: Json[], serverOnly: Json[], patchOrder: Json[], serverOrder: Json[], mergeKey: string, kind: string): Json[] {
  const right = normalizeSliceOrder(patch, patchOrder, mergeKey, kind);
  const left = normalizeSliceOrder(serverOnly, serverOrder, mergeKey, kind);
  const out: Json[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]);
    else if (j >= right.length) out.push(left[i++]);
    else {
      const li = indexIn(serverOrder, left[i], mergeKey, kind);
      const ri = indexIn(serverOrder, right[j], mergeKey, kind);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
}

/**
 * Sorts `toSort` by position in `order` with Go's sort.SliceStable (an insertion sort for the list
 * sizes of objects), whose less reports true when either item is missing from `order`; `$patch:
 * delete` items go last.
 */
function normalizeSliceOrder(toSort: Json[], order: Json[], mergeKey: string, kind: string): Json[] {
  let items = [...toSort];
  let deletes: Json[] = [];
  if (kind === 'map') {
    for (const list of [items, order]) {
      for (const v of list) {
        if (!isMap(v)) throw errBadArgType('map[string]interface {}', v);
        if (!Object.hasOwn(v, mergeKey)) throw errNoMergeKey(v, mergeKey);
      }
    }
    [items, deletes] = splitDeletes(items);
  }
  const less = (a: Json, b: Json): boolean => {
    const ia = indexIn(order, a, mergeKey, kind);
    if (ia < 0) return true;
    const ib = indexIn(order, b, mergeKey, kind);
    return ib < 0 ? true : ia < ib;
  };
  goStableSort(items, less);
  return [...items, ...deletes];
}

/** Go's sort.Stable: insertion sort in blocks of 20, then SymMerge of the blocks. */
function goStableSort(data: Json[], less: (a: Json, b: Json) => boolean): void {
  const n = data.length;
  const swap = (a: number, b: number): void => {
    [data[a], data[b]] = [data[b], data[a]];
  };
  const insertion = (a: number, b: number): void => {
    for (let i = a + 1; i < b; i++) for (let j = i; j > a && less(data[j], data[j - 1]); j--) swap(j, j - 1);
  };
  const swapRange = (a: number, b: number, len: number): void => {
    for (let i = 0; i < len; i++) swap(a + i, b + i);
  };
  const rotate = (a: number, m: number, b: number): void => {
    let i = m - a;
    let j = b - m;
    while (i !== j) {
      if (i > j) {
        swapRange(m - i, m, j);
        i -= j;
      } else {
        swapRange(m - i, m + j - i, i);
        j -= i;
      }
    }
    swapRange(m - i, m, i);
  };
  const symMerge = (a: number, m: number, b: number): void => {
    if (m - a === 1) {
      let i = m;
      let j = b;
      while (i < j) {
        const h = (i + j) >>> 1;
        if (less(data[h], data[a])) i = h + 1;
        else j = h;
      }
      for (let k = a; k < i - 1; k++) swap(k, k + 1);
      return;
    }
    if (b - m === 1) {
      let i = a;
      let j = m;
      while (i < j) {
        const h = (i + j) >>> 1;
        if (!less(data[m], data[h])) i = h + 1;
        else j = h;
      }
      for (let k = m; k > i; k--) swap(k, k - 1);
      return;
    }
    const mid = (a + b) >>> 1;
    const nn = mid + m;
    let start: number;
    let r: number;
    if (m > mid) {
      start = nn - b;
      r = mid;
    } else {
      start = a;
      r = m;
    }
    const p = nn - 1;
    while (start < r) {
      const c = (start + r) >>> 1;
      if (!less(data[p - c], data[c])) start = c + 1;
      else r = c;
    }
    const end = nn - start;
    if (start < m && m < end) rotate(start, m, end);
    if (a < start && start < mid) symMerge(a, start, mid);
    if (mid < end && end < b) symMerge(mid, end, b);
  };
  let blockSize = 20;
  let a = 0;
  let b = blockSize;
  while (b <= n) {
    insertion(a, b);
    a = b;
    b += blockSize;
  }
  insertion(a, n);
  while (blockSize < n) {
    a = 0;
    b = 2 * blockSize;
    while (b <= n) {
      symMerge(a, a + blockSize, b);
      a = b;
      b += 2 * blockSize;
    }
    const m = a + blockSize;
    if (m < n) symMerge(a, m, n);
    blockSize *= 2;
  }
}

// ---------------------------------------------------------------------------------------------
// Computing a patch

/** CreateTwoWayMergeMapPatch: the patch that makes `modified` of `original`. */
export function createTwoWayMergePatch(original: JsonMap, modified: JsonMap, schema: PatchSchema): JsonMap {
  return diffMaps(original, modified, schema, { setElementOrder: true, ignoreChangesAndAdditions: false, ignoreDeletions: false, buildRetainKeysDirective: false });
}

/**
 * CreateThreeWayMergePatch (overwrite on): the changes from `current` to `modified` without
 * deletions, plus the deletions from `original` (the last applied configuration) to `modified`.
 */
export function createThreeWayMergePatch(original: JsonMap, modified: JsonMap, current: JsonMap, schema: PatchSchema): JsonMap {
  const delta = diffMaps(current, modified, schema, { setElementOrder: true, ignoreChangesAndAdditions: false, ignoreDeletions: true, buildRetainKeysDirective: false });
  const deletions = diffMaps(original, modified, schema, { setElementOrder: true, ignoreChangesAndAdditions: true, ignoreDeletions: false, buildRetainKeysDirective: false });
  return mergeMap(deletions, delta, schema, { mergeParallelList: false, ignoreUnmatchedNulls: false });
}

function diffMaps(original: JsonMap, modified: JsonMap, schema: PatchSchema, opts: DiffOptions): JsonMap {
  const patch: JsonMap = {};
  const retainKeys: string[] = [];
  for (const [key, mv] of Object.entries(modified)) {
    if (opts.buildRetainKeysDirective && mv !== null) retainKeys.push(key);
    if (!Object.hasOwn(original, key)) {
      if (!opts.ignoreChangesAndAdditions) patch[key] = mv;
      continue;
    }
    const ov = original[key];
    if (key === DIRECTIVE) {
      if (typeof ov !== 'string' || typeof mv !== 'string') throw new StrategicMergeError(`invalid value for special key: ${DIRECTIVE}`);
      if (ov !== mv) patch[DIRECTIVE] = mv;
      continue;
    }
    if (goType(ov) !== goType(mv)) {
      if (!opts.ignoreChangesAndAdditions) patch[key] = mv;
      continue;
    }
    if (isMap(ov)) {
      const meta = lookupPatchMeta(schema, key);
      if (meta.strategy === 'replace') {
        if (!opts.ignoreChangesAndAdditions) patch[key] = mv;
      } else {
        const sub = diffMaps(ov, mv as JsonMap, meta.sub, { ...opts, buildRetainKeysDirective: meta.retainKeys });
        if (Object.keys(sub).length > 0) patch[key] = sub;
      }
    } else if (Array.isArray(ov)) {
      const meta = lookupPatchMeta(schema, key, [...ov, ...(mv as Json[])]);
      if (meta.strategy === 'merge') {
        const [add, del, order] = diffLists(ov, mv as Json[], meta.sub, meta.mergeKey, { ...opts, buildRetainKeysDirective: meta.retainKeys });
        if (add.length > 0) patch[key] = add;
        if (del.length > 0) patch[`${DELETE_PRIMITIVE_PREFIX}/${key}`] = del;
        if (order.length > 0) patch[`${SET_ORDER_PREFIX}/${key}`] = order;
      } else if (!opts.ignoreChangesAndAdditions && !deepEqual(ov, mv)) patch[key] = mv;
    } else if (!opts.ignoreChangesAndAdditions && !deepEqual(ov, mv)) patch[key] = mv;
  }
  if (!opts.ignoreDeletions) for (const key of Object.keys(original)) if (!Object.hasOwn(modified, key)) patch[key] = null;
  if (retainKeys.length > 0 && (Object.keys(patch).length > 0 || hasAdditionalNewField(original, modified))) {
    patch[RETAIN_KEYS] = sortScalars(retainKeys);
  }
  return patch;
}

function hasAdditionalNewField(original: JsonMap, modified: JsonMap): boolean {
  return Object.entries(original).some(([k, v]) => v !== null && !Object.hasOwn(modified, k));
}

/** Go sorts scalars by their %v text, with sort.Sort's less being `<=`. */
function sortScalars<T extends Json>(s: T[]): T[] {
  return [...s].sort((a, b) => {
    const x = goV(a);
    const y = goV(b);
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

function diffLists(original: Json[], modified: Json[], sub: PatchSchema, mergeKey: string, opts: DiffOptions): [Json[], Json[], Json[]] {
  if (original.length === 0) {
    if (modified.length === 0 || opts.ignoreChangesAndAdditions) return [[], [], []];
    return [modified, [], []];
  }
  const kind = sliceElementKind(original, modified);
  if (kind === 'map') {
    const [changes, deletions] = diffListsOfMaps(original, modified, sub, mergeKey, opts);
    const patchList = [...normalizeSliceOrder(changes, modified, mergeKey, kind), ...deletions];
    const orderSame = original.length === modified.length && modified.every((m, i) => mergeKeyValueEqual(original[i], m, mergeKey));
    const wantOrder = opts.setElementOrder && ((!opts.ignoreChangesAndAdditions && (patchList.length > 0 || !orderSame)) || (!opts.ignoreDeletions && patchList.length > 0));
    const order = wantOrder ? modified.map((m) => ({ [mergeKey]: (m as JsonMap)[mergeKey] })) : [];
    return [patchList, [], order];
  }
  const [add, del] = diffListsOfScalars(original, modified, opts);
  const patchList = normalizeSliceOrder(add, modified, '', kind);
  const wantOrder = opts.setElementOrder && ((!opts.ignoreDeletions && del.length > 0) || (!opts.ignoreChangesAndAdditions && !deepEqual(original, modified)));
  return [patchList, del, wantOrder ? modified : []];
}

function diffListsOfScalars(original: Json[], modified: Json[], opts: DiffOptions): [Json[], Json[]] {
  const o = sortScalars(original);
  const m = sortScalars(modified);
  const add: Json[] = [];
  const del: Json[] = [];
  let i = 0;
  let j = 0;
  while (i < o.length || j < m.length) {
    const os = i < o.length ? goV(o[i]) : undefined;
    const ms = j < m.length ? goV(m[j]) : undefined;
    if (os !== undefined && ms !== undefined && os === ms) {
      i++;
      j++;
    } else if (os === undefined || (ms !== undefined && os > ms)) {
      if (!opts.ignoreChangesAndAdditions) add.push(m[j]);
      j++;
    } else {
      if (!opts.ignoreDeletions) del.push(o[i]);
      i++;
    }
  }
  return [add, deduplicateScalars(del)];
}

function sortByMergeKey(list: Json[], mergeKey: string): JsonMap[] {
  return list
    .map((v) => {
      if (!isMap(v)) throw errBadArgType('map[string]interface {}', v);
      if (!Object.hasOwn(v, mergeKey)) throw errNoMergeKey(v, mergeKey);
      return v;
    })
    .sort((a, b) => {
      const x = goV(a[mergeKey]);
      const y = goV(b[mergeKey]);
      return x < y ? -1 : x > y ? 1 : 0;
    });
}

function diffListsOfMaps(original: Json[], modified: Json[], sub: PatchSchema, mergeKey: string, opts: DiffOptions): [Json[], Json[]] {
  const o = sortByMergeKey(original, mergeKey);
  const m = sortByMergeKey(modified, mergeKey);
  const patch: Json[] = [];
  const deletions: Json[] = [];
  let i = 0;
  let j = 0;
  while (i < o.length || j < m.length) {
    const os = i < o.length ? goV(o[i][mergeKey]) : undefined;
    const ms = j < m.length ? goV(m[j][mergeKey]) : undefined;
    if (os !== undefined && ms !== undefined && os === ms) {
      const p = diffMaps(o[i], m[j], sub, opts);
      if (Object.keys(p).length > 0) {
        p[mergeKey] = m[j][mergeKey];
        patch.push(p);
      }
      i++;
      j++;
    } else if (os === undefined || (ms !== undefined && os > ms)) {
      if (!opts.ignoreChangesAndAdditions) patch.push(m[j]);
      j++;
    } else {
      if (!opts.ignoreDeletions) deletions.push({ [mergeKey]: o[i][mergeKey], [DIRECTIVE]: 'delete' });
      i++;
    }
  }
  return [patch, deletions];
}
