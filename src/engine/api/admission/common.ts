/**
 * Small helpers shared by the per-kind admission files: reading loosely typed manifests without
 * trusting their shape, the decode-time errors the API server raises before any validation, and
 * the metadata bookkeeping rest.BeforeUpdate does for every kind.
 */
import { badRequest, type StatusError } from '../errors.ts';
import { QuantityError, normalizeResourceQuantity } from '../quantity.ts';
import type { KObject } from '../types.ts';
import { deepEqual } from '../validation.ts';

export type Dict = Record<string, unknown>;

export const isDict = (v: unknown): v is Dict => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The string at `v`, or '' (Go's zero value) when absent or not a string. */
export const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The array at `v`, or an empty one. */
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** The dict at `v`, or an empty (detached) one. */
export const dictOf = (v: unknown): Dict => (isDict(v) ? v : {});

/** The child object `parent[key]`, created when missing (for defaulting in place). */
export function child(parent: Dict, key: string): Dict {
  const v = parent[key];
  if (isDict(v)) return v;
  const created: Dict = {};
  parent[key] = created;
  return created;
}

/**
 * Dicts of an array member, skipping junk entries. The result is read-only so that it need not be
 * a copy: an array holding nothing but dicts (the usual case) is returned as is.
 */
export function dicts(v: unknown): readonly Dict[] {
  // A fresh [] rather than a shared frozen one: V8 iterates frozen arrays on a slow path.
  if (!Array.isArray(v)) return [];
  // An index loop (not every()) so that holes count as junk, as filter() would drop them.
  for (let i = 0; i < v.length; i++) if (!isDict(v[i])) return v.filter(isDict);
  return v as Dict[];
}

/** The object as a plain dict (KObject already is one; this only narrows the type). */
export const asDict = (obj: KObject): Dict => obj as unknown as Dict;

/** A deep copy of a JSON-like value. */
export const cloneJson = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));

/** Go's int conversion of a JSON number field; undefined when absent or not a number. */
export const int = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** apiVersion without its group: `apps/v1` → `v1`. */
export const versionOf = (apiVersion: string): string => apiVersion.slice(apiVersion.lastIndexOf('/') + 1) || 'v1';

/**
 * The BadRequest the API server answers when the body cannot even be decoded into the kind, e.g.
 * `Deployment in version "v1" cannot be handled as a Deployment: quantities must match ...`.
 */
export function decodeError(obj: KObject, why: string): StatusError {
  return badRequest(`${obj.kind} in version "${versionOf(obj.apiVersion)}" cannot be handled as a ${obj.kind}: ${why}`);
}

/** How encoding/json names a JSON value in an UnmarshalTypeError. */
function jsonKind(v: unknown): string {
  if (typeof v === 'number') return `number ${v}`;
  if (Array.isArray(v)) return 'array';
  return typeof v === 'object' ? 'object' : typeof v;
}

/**
 * Go's decoder refuses a non-integer where an int field is declared, e.g.
 * `json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32`.
 * `goStruct` is the Go type holding the field, `jsonPath` its JSON path without list indices.
 */
export function checkIntField(owner: KObject, value: unknown, goStruct: string, jsonPath: string, goType = 'int32'): void {
  if (value === undefined || value === null || Number.isInteger(value)) return;
  throw decodeError(owner, `json: cannot unmarshal ${jsonKind(value)} into Go struct field ${goStruct}.${jsonPath} of type ${goType}`);
}

/** Go's UnmarshalTypeError value word for a JSON value landing in a string field. */
function jsonWord(v: unknown): string {
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  return Array.isArray(v) ? 'array' : 'object';
}

/**
 * A map[string]string must hold strings: `labels: {version: 1}` fails to decode with
 * `json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string`.
 */
export function checkStringMap(owner: KObject, map: unknown, goStruct: string, jsonPath: string): void {
  if (map === undefined || map === null) return;
  if (!isDict(map)) {
    throw decodeError(owner, `json: cannot unmarshal ${jsonWord(map)} into Go struct field ${goStruct}.${jsonPath} of type map[string]string`);
  }
  for (const k of Object.keys(map)) {
    const v = map[k];
    if (typeof v === 'string' || v === null) continue;
    throw decodeError(owner, `json: cannot unmarshal ${jsonWord(v)} into Go struct field ${goStruct}.${jsonPath} of type string`);
  }
}

/** Labels and annotations of an object (or of a template's metadata at `path`). */
export function checkMetaStrings(owner: KObject, meta: unknown, path = 'metadata'): void {
  if (!isDict(meta)) return;
  // Skipping absent maps here saves building their paths on every write.
  if (meta.labels != null) checkStringMap(owner, meta.labels, 'ObjectMeta', `${path}.labels`);
  if (meta.annotations != null) checkStringMap(owner, meta.annotations, 'ObjectMeta', `${path}.annotations`);
}

/**
 * Decodes and defaults a ResourceList in place: every quantity is parsed (a bad one is a decode
 * error), rounded up to milli precision and rewritten in the canonical form the server stores.
 */
export function normalizeResourceList(owner: KObject, list: unknown): void {
  if (!isDict(list)) return;
  for (const key of Object.keys(list)) {
    const raw = list[key];
    const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw : undefined;
    if (text === undefined) throw decodeError(owner, 'quantities must be strings or numbers');
    let normalized: string;
    try {
      normalized = normalizeResourceQuantity(text.trim());
    } catch (e) {
      if (e instanceof QuantityError) throw decodeError(owner, e.message);
      throw e;
    }
    // Most quantities are already canonical; writing them back would only cost a keyed store.
    if (normalized !== raw) list[key] = normalized;
  }
}

/**
 * What rest.BeforeUpdate does to every object before its strategy runs: system fields come from
 * the stored object (a client cannot change generation, creationTimestamp or deletionTimestamp,
 * and an omitted uid means "the same one").
 */
export function carryOverSystemMeta(obj: KObject, old: KObject): void {
  const meta = obj.metadata ?? (obj.metadata = {});
  const prev = old.metadata ?? {};
  if (prev.generation !== undefined) meta.generation = prev.generation;
  else delete meta.generation;
  if (!meta.uid && prev.uid) meta.uid = prev.uid;
  if (prev.creationTimestamp) meta.creationTimestamp = prev.creationTimestamp;
  if (prev.deletionTimestamp) meta.deletionTimestamp = prev.deletionTimestamp;
  if (prev.deletionGracePeriodSeconds !== undefined && meta.deletionGracePeriodSeconds === undefined) {
    meta.deletionGracePeriodSeconds = prev.deletionGracePeriodSeconds;
  }
}

/**
 * Workload generation bookkeeping (apps strategies): 1 on create; on update +1 when the spec
 * changed (and, for Deployments, when annotations changed too).
 */
export function bumpGeneration(obj: KObject, old: KObject | undefined, alsoAnnotations = false): void {
  const meta = obj.metadata ?? (obj.metadata = {});
  if (!old) {
    meta.generation = 1;
    return;
  }
  const prev = old.metadata?.generation ?? 0;
  const specChanged = !deepEqual(obj.spec, old.spec);
  const annotationsChanged = alsoAnnotations && !deepEqual(meta.annotations ?? {}, old.metadata?.annotations ?? {});
  meta.generation = specChanged || annotationsChanged ? prev + 1 : prev;
}
