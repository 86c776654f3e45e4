/**
 * ControllerRefManager (pkg/controller/controller_ref_manager.go): a controller claims the objects
 * its selector matches. An orphan that matches is adopted (the controller's reference is added),
 * an object it controls that no longer matches is released (the reference is removed), and an
 * object controlled by someone else is left alone. A controller being deleted neither adopts nor
 * releases. Used for pods (ReplicaSets) and ReplicaSets (Deployments) alike.
 */
import { isStatusError } from '../../api/errors.ts';
import type { ApiStore } from '../../api/store.ts';
import type { KObject, LabelSelector } from '../../api/types.ts';
import { controllerOf, newControllerRef, selectorMatches } from './util.ts';

/** What a claim found: the objects the controller owns now, and the writes that failed. */
export interface ClaimResult<T extends KObject> {
  claimed: T[];
  errors: unknown[];
}

/**
 * ClaimObject for each object (in the given order). `resource` is the dependents' plural
 * (`pods`); the owner is re-read before the first adoption (RecheckDeletionTimestamp), so an
 * owner deleted meanwhile adopts nothing.
 */
export function claimObjects<T extends KObject>(
  store: ApiStore,
  resource: string,
  owner: KObject,
  selector: LabelSelector | undefined,
  objects: readonly T[],
): ClaimResult<T> {
  const claimed: T[] = [];
  const errors: unknown[] = [];
  const ownerUid = owner.metadata.uid;
  const selects = isNonEmpty(selector);
  const matches = (o: KObject) => selects && selectorMatches(selector, o.metadata.labels);
  let canAdopt: true | Error | undefined;
  for (const obj of objects) {
    const ref = controllerOf(obj);
    try {
      if (ref) {
        if (ref.uid !== ownerUid) continue;
        if (matches(obj)) claimed.push(obj);
        else if (!owner.metadata.deletionTimestamp) release(store, resource, obj, ownerUid ?? '');
        continue;
      }
      if (owner.metadata.deletionTimestamp || !matches(obj) || obj.metadata.deletionTimestamp) continue;
      if (owner.metadata.namespace && owner.metadata.namespace !== obj.metadata.namespace) continue;
      canAdopt ??= recheckOwner(store, owner);
      if (canAdopt !== true) throw canAdopt;
      adopt(store, resource, obj, owner);
      claimed.push(obj);
    } catch (e) {
      if (!isStatusError(e, 'NotFound')) errors.push(e);
    }
  }
  return { claimed, errors };
}

/** An empty selector selects nothing here (a controller must never adopt everything). */
function isNonEmpty(selector: LabelSelector | undefined): selector is LabelSelector {
  return !!selector && (Object.keys(selector.matchLabels ?? {}).length > 0 || (selector.matchExpressions ?? []).length > 0);
}

/** RecheckDeletionTimestamp: a fresh read of the owner, which must be the same and not deleted. */
function recheckOwner(store: ApiStore, owner: KObject): true | Error {
  const rt = owner.kind === 'ReplicaSet' ? 'replicasets' : owner.kind === 'Deployment' ? 'deployments' : undefined;
  if (!rt) return true;
  const fresh = store.tryGet(rt, owner.metadata.namespace ?? '', owner.metadata.name ?? '');
  const what = `${owner.kind} ${owner.metadata.namespace}/${owner.metadata.name}`;
  if (!fresh || fresh.metadata.uid !== owner.metadata.uid) return new Error(`original ${what} is gone: got uid ${fresh?.metadata.uid ?? ''}, wanted ${owner.metadata.uid}`);
  if (fresh.metadata.deletionTimestamp) return new Error(`${owner.metadata.namespace}/${owner.metadata.name} has just been deleted at ${fresh.metadata.deletionTimestamp}`);
  return true;
}

/** Adds the owner's controller reference (the adoption patch; the uid precondition guards a replaced object). */
function adopt(store: ApiStore, resource: string, obj: KObject, owner: KObject): void {
  const live = store.get(resource, obj.metadata.namespace ?? '', obj.metadata.name ?? '');
  if (live.metadata.uid !== obj.metadata.uid) return;
  const refs = [...(live.metadata.ownerReferences ?? []).filter((r) => r.uid !== owner.metadata.uid), newControllerRef(owner)];
  store.update({ ...live, metadata: { ...live.metadata, ownerReferences: refs } });
}

/** Removes the owner's reference (the release patch). */
function release(store: ApiStore, resource: string, obj: KObject, ownerUid: string): void {
  const live = store.get(resource, obj.metadata.namespace ?? '', obj.metadata.name ?? '');
  if (live.metadata.uid !== obj.metadata.uid) return;
  const refs = (live.metadata.ownerReferences ?? []).filter((r) => r.uid !== ownerUid);
  const metadata = { ...live.metadata, ownerReferences: refs };
  if (refs.length === 0) delete (metadata as { ownerReferences?: unknown }).ownerReferences;
  store.update({ ...live, metadata });
}
