/**
 * Client-side apply, as kubectl does it: the manifest is recorded in the
 * `kubectl.kubernetes.io/last-applied-configuration` annotation, and a later apply computes a
 * three-way merge of (last applied, new manifest, live object): fields the manifest dropped are
 * removed, fields it sets win, fields only the server or others set are kept. Lists with a merge
 * key (containers by name, ports, env, ...) merge item by item, in the order Kubernetes gives.
 */
import { createThreeWayMergePatch } from '../../engine/api/patch.ts';
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

/**
 * The patch `kubectl apply` sends for an existing object: CreateThreeWayMergePatch(last applied,
 * manifest, live), which the API server applies as a strategic merge patch (engine/api/patch.ts).
 * `{}` when there is nothing to change: kubectl then sends nothing and says `unchanged`.
 */
export function threeWayPatch(original: unknown, modified: unknown, current: unknown): unknown {
  return createThreeWayMergePatch(original ?? {}, modified, current);
}
