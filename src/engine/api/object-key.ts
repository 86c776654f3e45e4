/**
 * `namespace/name` of a stored object, as controllers key their queues and caches. Every watcher
 * of a resource asks for the key of the same stored object in turn, so the last stored (frozen,
 * hence unchanging) object's key is kept: they all get one string, built and hashed once. The
 * store hands over the key it built for its own index when it commits a namespaced object.
 */
import type { KObject } from './types.ts';

let lastKeyed: KObject | undefined;
let lastKey = '';

export function objectKey(obj: KObject): string {
  if (obj === lastKeyed) return lastKey;
  const key = `${obj.metadata.namespace ?? ''}/${obj.metadata.name ?? ''}`;
  if (Object.isFrozen(obj)) rememberObjectKey(obj, key);
  return key;
}

/** Records the key of a frozen object whose metadata is `namespace` and `name` (the store's commit). */
export function rememberObjectKey(obj: KObject, key: string): void {
  lastKeyed = obj;
  lastKey = key;
}
