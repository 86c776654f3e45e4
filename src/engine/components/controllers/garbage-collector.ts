/**
 * The garbage collector (pkg/controller/garbagecollector, v1.31): follows ownerReferences.
 *
 * - An object whose owners are all gone (absent, or a different object under the same name) is
 *   deleted — Background by default, or as its own `orphan`/`foregroundDeletion` finalizer asks.
 *   An owner that is gone but still listed next to a live owner is just removed from the list.
 * - An owner deleted with `propagationPolicy: Foreground` carries the `foregroundDeletion`
 *   finalizer: its dependents are deleted (those with their own dependents in Foreground too), and
 *   the finalizer is removed once no dependent with `blockOwnerDeletion: true` is left — so the
 *   owner disappears after its pods are really gone.
 * - An owner deleted with `propagationPolicy: Orphan` carries the `orphan` finalizer: its
 *   references are removed from every dependent, then the finalizer.
 *
 * The ownership graph (owner UID → dependents) is a cache built from watches of every kind; the
 * queue holds `<action>|<resource>|<namespace>|<name>` keys. Everything it changes goes through
 * the store.
 */
import { isStatusError } from '../../api/errors.ts';
import { FOREGROUND_FINALIZER, ORPHAN_FINALIZER, type PropagationPolicy } from '../../api/store.ts';
import { RESOURCE_TYPES, resourceForKind, type ResourceType } from '../../api/resources.ts';
import type { KObject, OwnerReference, WatchEvent } from '../../api/types.ts';
import { deepEqual } from '../../kernel/objects.ts';
import type { Component, ComponentContext } from '../component.ts';
import { WorkQueue, type ReconcileResult, type WorkQueueState } from '../workqueue.ts';

/** The component name (kube-controller-manager's garbage-collector-controller). */
export const GARBAGE_COLLECTOR = 'garbage-collector-controller';

/** An object in the graph: where to find it. */
interface NodeRef {
  resource: string;
  namespace: string;
  name: string;
}

/** What the collector does with a key. */
type Action = 'delete' | 'foreground' | 'orphan';

export class GarbageCollector implements Component {
  readonly name = GARBAGE_COLLECTOR;
  private readonly queue: WorkQueue;
  /** Owner UID → dependent UID → where the dependent is. */
  private readonly dependents = new Map<string, Map<string, NodeRef>>();
  /** Dependent UID → its ownerReferences as last seen. */
  private readonly owners = new Map<string, readonly OwnerReference[]>();

  constructor(private readonly ctx: ComponentContext) {
    this.queue = new WorkQueue(ctx.kernel, this.name, (key) => this.reconcile(key));
  }

  start(resume: boolean): void {
    const { store } = this.ctx;
    const from = resume ? { resourceVersion: store.resourceVersion } : {};
    for (const rt of RESOURCE_TYPES) {
      // After a restore the graph is rebuilt silently: the queue already holds what was pending.
      if (resume) for (const o of store.list(rt).items) this.index(rt, o);
      store.watch(rt, (e) => this.onEvent(rt, e), from);
    }
  }

  save(): WorkQueueState {
    return this.queue.save();
  }

  load(state: unknown): void {
    this.queue.load(state as WorkQueueState);
  }

  /**
   * The dependents the graph knows for an owner UID, in resource/namespace/name order: the graph
   * is rebuilt in another order after a restore, and the order of the collector's writes must not
   * depend on it.
   */
  dependentsOf(ownerUid: string): NodeRef[] {
    const key = (d: NodeRef) => `${d.resource}|${d.namespace}|${d.name}`;
    return [...(this.dependents.get(ownerUid)?.values() ?? [])].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  }

  // ---- the graph ---------------------------------------------------------------------------------

  private onEvent(rt: ResourceType, e: WatchEvent): void {
    const obj = e.object;
    const uid = obj.metadata.uid ?? '';
    const before = this.owners.get(uid) ?? [];
    if (e.type === 'DELETED') {
      this.unindex(uid);
      for (const ref of before) this.queueOwnerIfDeletingDependents(ref, obj);
      for (const dep of this.dependentsOf(uid)) this.add('delete', dep);
      return;
    }
    const after = obj.metadata.ownerReferences ?? [];
    if (!deepEqual(before, after)) {
      this.index(rt, obj);
      // An owner that lost a (blocking) dependent may be able to finish its foreground deletion.
      for (const ref of before) if (!after.some((r) => deepEqual(r, ref))) this.queueOwnerIfDeletingDependents(ref, obj);
      if (after.length > 0) this.add('delete', nodeRef(rt, obj));
    }
    this.onDeletionState(rt, obj);
  }

  /** An owner being deleted with a GC finalizer: orphan its dependents, or delete them first. */
  private onDeletionState(rt: ResourceType, obj: KObject): void {
    if (!obj.metadata.deletionTimestamp) return;
    const finalizers = obj.metadata.finalizers ?? [];
    if (finalizers.includes(ORPHAN_FINALIZER)) this.add('orphan', nodeRef(rt, obj));
    if (finalizers.includes(FOREGROUND_FINALIZER)) {
      for (const dep of this.dependentsOf(obj.metadata.uid ?? '')) this.add('delete', dep);
      this.add('foreground', nodeRef(rt, obj));
    }
  }

  private index(rt: ResourceType, obj: KObject): void {
    const uid = obj.metadata.uid ?? '';
    this.unindex(uid);
    const refs = obj.metadata.ownerReferences ?? [];
    if (refs.length === 0) return;
    this.owners.set(uid, refs);
    const at = nodeRef(rt, obj);
    for (const ref of refs) {
      let m = this.dependents.get(ref.uid);
      if (!m) this.dependents.set(ref.uid, (m = new Map()));
      m.set(uid, at);
    }
  }

  private unindex(uid: string): void {
    for (const ref of this.owners.get(uid) ?? []) {
      const m = this.dependents.get(ref.uid);
      m?.delete(uid);
      if (m?.size === 0) this.dependents.delete(ref.uid);
    }
    this.owners.delete(uid);
  }

  private queueOwnerIfDeletingDependents(ref: OwnerReference, dependent: KObject): void {
    const owner = this.resolve(ref, dependent.metadata.namespace ?? '');
    if (owner.kind === 'live' && isDeletingDependents(owner.obj)) this.add('foreground', nodeRef(owner.rt, owner.obj));
  }

  private add(action: Action, at: NodeRef): void {
    this.queue.add(`${action}|${at.resource}|${at.namespace}|${at.name}`);
  }

  /** The owner a reference names, looked up live: present, gone, or of a kind the API does not serve. */
  private resolve(ref: OwnerReference, namespace: string): Owner {
    const rt = resourceForKind(ref.apiVersion, ref.kind);
    // A cluster-scoped dependent cannot name a namespaced owner (OwnerRefInvalidNamespace): unresolvable.
    if (!rt || (rt.namespaced && namespace === '')) return { kind: 'unknown' };
    const obj = this.ctx.store.tryGet(rt, rt.namespaced ? namespace : '', ref.name);
    return obj && obj.metadata.uid === ref.uid ? { kind: 'live', rt, obj } : { kind: 'absent' };
  }

  // ---- reconcile ---------------------------------------------------------------------------------

  private reconcile(key: string): ReconcileResult {
    const [action, resource, namespace, name] = key.split('|');
    const obj = this.ctx.store.tryGet(resource, namespace, name);
    if (!obj) return 'done';
    try {
      if (action === 'orphan') this.orphanDependents(resource, obj);
      else if (action === 'foreground') this.processDeletingDependents(resource, obj);
      else this.attemptToDelete(resource, obj);
    } catch (e) {
      if (isStatusError(e, 'NotFound')) return 'done';
      if (isStatusError(e)) return 'retry';
      throw e;
    }
    return 'done';
  }

  /** attemptToDeleteItem: classify the owners, then keep, trim references, or delete. */
  private attemptToDelete(resource: string, obj: KObject): void {
    if (obj.metadata.deletionTimestamp) {
      if (isDeletingDependents(obj)) this.processDeletingDependents(resource, obj);
      return;
    }
    const refs = obj.metadata.ownerReferences ?? [];
    if (refs.length === 0) return;
    const { solid, dangling, waiting } = this.classify(refs, obj.metadata.namespace ?? '');
    const { store } = this.ctx;
    const namespace = obj.metadata.namespace ?? '';
    const name = obj.metadata.name ?? '';
    if (solid.length > 0) {
      if (dangling.length === 0 && waiting.length === 0) return;
      const drop = new Set([...dangling, ...waiting].map((r) => r.uid));
      this.writeOwnerReferences(obj, refs.filter((r) => !drop.has(r.uid)));
      return;
    }
    if (waiting.length > 0 && (this.dependents.get(obj.metadata.uid ?? '')?.size ?? 0) > 0) {
      store.delete(resource, namespace, name, { propagationPolicy: 'Foreground', preconditions: { uid: obj.metadata.uid } });
      return;
    }
    store.delete(resource, namespace, name, { propagationPolicy: policyFromFinalizers(obj), preconditions: { uid: obj.metadata.uid } });
  }

  /** classifyReferences: owners alive (solid), gone (dangling), or being deleted in foreground (waiting). */
  private classify(refs: readonly OwnerReference[], namespace: string) {
    const solid: OwnerReference[] = [];
    const dangling: OwnerReference[] = [];
    const waiting: OwnerReference[] = [];
    for (const ref of refs) {
      const owner = this.resolve(ref, namespace);
      // An owner of a kind the API does not serve cannot be looked up; the real collector keeps
      // retrying and never deletes, so it counts as alive here.
      if (owner.kind === 'absent') dangling.push(ref);
      else if (owner.kind === 'live' && isDeletingDependents(owner.obj)) waiting.push(ref);
      else solid.push(ref);
    }
    return { solid, dangling, waiting };
  }

  /**
   * processDeletingDependentsItem: once no dependent blocks the owner (blockOwnerDeletion), remove
   * the foregroundDeletion finalizer; until then make sure the blocking ones are being deleted.
   */
  private processDeletingDependents(resource: string, owner: KObject): void {
    if (!isDeletingDependents(owner)) return;
    const uid = owner.metadata.uid ?? '';
    const blocking = this.dependentsOf(uid).filter((d) => {
      const dep = this.ctx.store.tryGet(d.resource, d.namespace, d.name);
      return dep?.metadata.ownerReferences?.some((r) => r.uid === uid && r.blockOwnerDeletion === true) ?? false;
    });
    if (blocking.length === 0) {
      this.removeFinalizer(resource, owner, FOREGROUND_FINALIZER);
      return;
    }
    for (const d of blocking) this.add('delete', d);
  }

  /** orphanDependents, then the orphan finalizer goes. */
  private orphanDependents(resource: string, owner: KObject): void {
    if (!owner.metadata.deletionTimestamp || !owner.metadata.finalizers?.includes(ORPHAN_FINALIZER)) return;
    const uid = owner.metadata.uid ?? '';
    for (const d of this.dependentsOf(uid)) {
      const dep = this.ctx.store.tryGet(d.resource, d.namespace, d.name);
      const refs = dep?.metadata.ownerReferences ?? [];
      if (dep && refs.some((r) => r.uid === uid)) this.writeOwnerReferences(dep, refs.filter((r) => r.uid !== uid));
    }
    this.removeFinalizer(resource, owner, ORPHAN_FINALIZER);
  }

  /** The ownerReferences patch (guarded by the object's UID, as the collector's patches are). */
  private writeOwnerReferences(obj: KObject, refs: OwnerReference[]): void {
    const metadata = { ...obj.metadata, ownerReferences: refs };
    delete metadata.resourceVersion;
    if (refs.length === 0) delete (metadata as { ownerReferences?: unknown }).ownerReferences;
    this.ctx.store.update({ ...obj, metadata });
  }

  private removeFinalizer(resource: string, obj: KObject, finalizer: string): void {
    const live = this.ctx.store.get(resource, obj.metadata.namespace ?? '', obj.metadata.name ?? '');
    if (live.metadata.uid !== obj.metadata.uid) return;
    const finalizers = (live.metadata.finalizers ?? []).filter((f) => f !== finalizer);
    const metadata = { ...live.metadata, finalizers };
    if (finalizers.length === 0) delete (metadata as { finalizers?: unknown }).finalizers;
    this.ctx.store.update({ ...live, metadata });
  }
}

type Owner = { kind: 'live'; rt: ResourceType; obj: KObject } | { kind: 'absent' } | { kind: 'unknown' };

function nodeRef(rt: ResourceType, obj: KObject): NodeRef {
  return { resource: rt.plural, namespace: rt.namespaced ? (obj.metadata.namespace ?? '') : '', name: obj.metadata.name ?? '' };
}

/** Being deleted in foreground: deletionTimestamp and the foregroundDeletion finalizer. */
function isDeletingDependents(obj: KObject): boolean {
  return !!obj.metadata.deletionTimestamp && (obj.metadata.finalizers ?? []).includes(FOREGROUND_FINALIZER);
}

/** An orphaned object is deleted as its own GC finalizer says, else in the background. */
function policyFromFinalizers(obj: KObject): PropagationPolicy {
  const f = obj.metadata.finalizers ?? [];
  if (f.includes(ORPHAN_FINALIZER)) return 'Orphan';
  if (f.includes(FOREGROUND_FINALIZER)) return 'Foreground';
  return 'Background';
}
