/**
 * The ReplicaSet controller (pkg/controller/replicaset/replica_set.go, v1.31; reference §8): keeps
 * `spec.replicas` active pods for each ReplicaSet. It watches ReplicaSets and pods, queues
 * ReplicaSet keys, and on each sync claims the pods its selector matches (adopting orphans,
 * releasing pods whose labels moved away), creates missing pods in slow-start batches (1, 2, 4, …,
 * at most 500 per sync) or deletes the surplus in §8's victim order, records
 * SuccessfulCreate/SuccessfulDelete (or FailedCreate/FailedDelete) events, and writes the status
 * (replicas, fullyLabeledReplicas, readyReplicas, availableReplicas, observedGeneration, the
 * ReplicaFailure condition). Expectations keep it from acting twice on the same need before its
 * own writes come back through the watch.
 */
import { isStatusError } from '../../api/errors.ts';
import type { Condition, KObject, Pod, ReplicaSet, WatchEvent } from '../../api/types.ts';
import { deepClone, deepEqual } from '../../kernel/objects.ts';
import { formatTimestamp } from '../../kernel/time.ts';
import type { Component, ComponentContext } from '../component.ts';
import { WorkQueue, type ReconcileResult, type WorkQueueState } from '../workqueue.ts';
import { Expectations, type ExpectationsState } from './expectations.ts';
import { podsToDelete } from './pod-ranking.ts';
import { claimObjects } from './ref-manager.ts';
import { NameSortedCache } from './sorted-cache.ts';
import {
  controllerOf,
  isPodActive,
  isPodAvailable,
  isPodReady,
  keyOf,
  newControllerRef,
  podAvailableAtMs,
  selectorMatches,
  splitKey,
} from './util.ts';

/** The component and event source name (kube-controller-manager's replicaset-controller). */
export const REPLICASET_CONTROLLER = 'replicaset-controller';

/** --concurrent-replicaset-syncs' burst: at most this many creations or deletions per sync. */
export const BURST_REPLICAS = 500;

/** controller.SlowStartInitialBatchSize */
export const SLOW_START_INITIAL_BATCH_SIZE = 1;

/**
 * slowStartBatch: calls `fn` `count` times in batches of 1, 2, 4, … (each at most what remains);
 * when a call in a batch fails the rest of that batch still runs but later batches are skipped.
 * Returns how many calls succeeded and the first error.
 */
export function slowStartBatch(count: number, initialBatchSize: number, fn: () => unknown): { successes: number; error?: unknown } {
  let remaining = count;
  let successes = 0;
  for (let batch = Math.min(remaining, initialBatchSize); batch > 0; batch = Math.min(2 * batch, remaining)) {
    let firstError: unknown;
    let failed = false;
    for (let i = 0; i < batch; i++) {
      try {
        fn();
        successes++;
      } catch (e) {
        if (!failed) firstError = e;
        failed = true;
      }
    }
    if (failed) return { successes, error: firstError };
    remaining -= batch;
  }
  return { successes };
}

/** The batch sizes slowStartBatch uses for `count` calls that all succeed (§8: 10 → 1, 2, 4, 3). */
export function slowStartBatchSizes(count: number, initialBatchSize = SLOW_START_INITIAL_BATCH_SIZE): number[] {
  const sizes: number[] = [];
  let remaining = count;
  for (let batch = Math.min(remaining, initialBatchSize); batch > 0; batch = Math.min(2 * batch, remaining)) {
    sizes.push(batch);
    remaining -= batch;
  }
  return sizes;
}

/**
 * GetPodFromTemplate: the pod a ReplicaSet creates — the template's labels, annotations,
 * finalizers and spec, `generateName: <rs>-`, and the controller reference.
 */
export function podFromTemplate(rs: ReplicaSet): Pod {
  const t = rs.spec.template;
  const metadata: Pod['metadata'] = { generateName: `${rs.metadata.name}-`, namespace: rs.metadata.namespace };
  if (t.metadata?.labels) metadata.labels = { ...t.metadata.labels };
  if (t.metadata?.annotations) metadata.annotations = { ...t.metadata.annotations };
  if (t.metadata?.finalizers) metadata.finalizers = [...t.metadata.finalizers];
  metadata.ownerReferences = [newControllerRef(rs)];
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec: deepClone(t.spec), status: {} } as Pod;
}

/**
 * calculateStatus: counts over the pods the ReplicaSet owns, plus the ReplicaFailure condition set
 * when managing replicas failed (FailedCreate / FailedDelete) and removed once it works again.
 */
export function calculateStatus(rs: ReplicaSet, pods: readonly Pod[], manageError: unknown, nowMs: number): ReplicaSet['status'] {
  const templateLabels = Object.entries(rs.spec.template.metadata?.labels ?? {});
  const minReady = rs.spec.minReadySeconds ?? 0;
  let fullyLabeled = 0;
  let ready = 0;
  let available = 0;
  for (const p of pods) {
    if (templateLabels.every(([k, v]) => p.metadata.labels?.[k] === v)) fullyLabeled++;
    if (isPodReady(p)) {
      ready++;
      if (isPodAvailable(p, minReady, nowMs)) available++;
    }
  }
  const status: ReplicaSet['status'] = { ...rs.status, replicas: pods.length, fullyLabeledReplicas: fullyLabeled, readyReplicas: ready, availableReplicas: available };
  const failure = rs.status?.conditions?.find((c) => c.type === 'ReplicaFailure');
  if (manageError !== undefined && !failure) {
    const diff = pods.length - (rs.spec.replicas ?? 1);
    const reason = diff < 0 ? 'FailedCreate' : diff > 0 ? 'FailedDelete' : '';
    const cond: Condition = { type: 'ReplicaFailure', status: 'True', lastTransitionTime: formatTimestamp(nowMs), reason, message: errorText(manageError) };
    status.conditions = [...(rs.status?.conditions ?? []), cond];
  } else if (manageError === undefined && failure) {
    status.conditions = (rs.status?.conditions ?? []).filter((c) => c.type !== 'ReplicaFailure');
  }
  // The API omits empty counts and lists (omitempty).
  for (const k of ['fullyLabeledReplicas', 'readyReplicas', 'availableReplicas'] as const) if (status[k] === 0) delete status[k];
  if (status.conditions?.length === 0) delete status.conditions;
  return status;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The controller's saved state: its queue, expectations and pending availability wake-ups. */
export interface ReplicaSetControllerState {
  queue: WorkQueueState;
  expectations: ExpectationsState;
  wakeAtMs: [string, number][];
}

export class ReplicaSetController implements Component {
  readonly name = REPLICASET_CONTROLLER;
  private readonly queue: WorkQueue;
  private readonly expectations = new Expectations();
  /** Pods by namespace, in name order: the informer cache the syncs read. */
  private readonly pods = new Map<string, NameSortedCache<Pod>>();
  /** ReplicaSet key → when a sync is already scheduled for a pod becoming available. */
  private readonly wakeAtMs = new Map<string, number>();

  constructor(private readonly ctx: ComponentContext) {
    this.queue = new WorkQueue(ctx.kernel, this.name, (key) => this.sync(key));
  }

  start(resume: boolean): void {
    const { store } = this.ctx;
    if (resume) for (const p of store.list<Pod>('pods').items) this.cache(p);
    const from = resume ? { resourceVersion: store.resourceVersion } : {};
    store.watch('replicasets', (e) => this.onReplicaSet(e), from);
    store.watch('pods', (e) => this.onPod(e), from);
  }

  save(): ReplicaSetControllerState {
    return { queue: this.queue.save(), expectations: this.expectations.save(), wakeAtMs: [...this.wakeAtMs.entries()] };
  }

  load(state: unknown): void {
    const s = state as ReplicaSetControllerState;
    this.queue.load(s.queue);
    this.expectations.load(s.expectations);
    this.wakeAtMs.clear();
    for (const [k, t] of s.wakeAtMs) this.wakeAtMs.set(k, t);
  }

  /** Outstanding expectations of a ReplicaSet key (tests, `sim` views). */
  expectationsFor(key: string): { add: number; del: readonly string[] } | undefined {
    return this.expectations.get(key);
  }

  // ---- watch handlers: only bookkeeping and keys -------------------------------------------------

  private onReplicaSet(e: WatchEvent): void {
    const key = keyOf(e.object);
    if (e.type === 'DELETED') this.expectations.forget(key);
    this.queue.add(key);
  }

  private onPod(e: WatchEvent): void {
    const pod = e.object as Pod;
    if (e.type === 'DELETED') {
      this.uncache(pod);
      return this.podDeleted(pod);
    }
    // The version the cache held until now: an update's old object, as the informer hands it over.
    const old = this.cache(pod);
    if (e.type === 'ADDED') this.podAdded(pod);
    else this.podUpdated(old ?? pod, pod);
  }

  /** addPod: a pod of ours was created (an expectation met), or an orphan some ReplicaSet may adopt. */
  private podAdded(pod: Pod): void {
    if (pod.metadata.deletionTimestamp) return this.podDeleted(pod);
    const ref = controllerOf(pod);
    if (ref) {
      const rs = this.resolveControllerRef(pod.metadata.namespace ?? '', ref);
      if (!rs) return;
      const key = keyOf(rs);
      this.expectations.creationObserved(key);
      this.queue.add(key);
      return;
    }
    for (const rs of this.replicaSetsSelecting(pod)) this.queue.add(keyOf(rs));
  }

  /** updatePod: deletion started, owner changed, labels changed, or just status. */
  private podUpdated(old: Pod, cur: Pod): void {
    if (old.metadata.resourceVersion === cur.metadata.resourceVersion) return;
    const labelsChanged = !deepEqual(old.metadata.labels ?? {}, cur.metadata.labels ?? {});
    if (cur.metadata.deletionTimestamp) {
      this.podDeleted(cur);
      if (labelsChanged) this.podDeleted(old);
      return;
    }
    const curRef = controllerOf(cur);
    const oldRef = controllerOf(old);
    const refChanged = !deepEqual(curRef, oldRef);
    if (refChanged && oldRef) {
      const rs = this.resolveControllerRef(old.metadata.namespace ?? '', oldRef);
      if (rs) this.queue.add(keyOf(rs));
    }
    if (curRef) {
      const rs = this.resolveControllerRef(cur.metadata.namespace ?? '', curRef);
      if (rs) this.queue.add(keyOf(rs));
      return;
    }
    if (labelsChanged || refChanged) for (const rs of this.replicaSetsSelecting(cur)) this.queue.add(keyOf(rs));
  }

  /** deletePod: a deletion this controller may have been waiting for. */
  private podDeleted(pod: Pod): void {
    const ref = controllerOf(pod);
    if (!ref) return;
    const rs = this.resolveControllerRef(pod.metadata.namespace ?? '', ref);
    if (!rs) return;
    const key = keyOf(rs);
    this.expectations.deletionObserved(key, keyOf(pod));
    this.queue.add(key);
  }

  /** The ReplicaSet a controller reference names, if it is one and still the same object. */
  private resolveControllerRef(namespace: string, ref: { kind: string; name: string; uid: string }): ReplicaSet | undefined {
    if (ref.kind !== 'ReplicaSet') return undefined;
    const rs = this.ctx.store.tryGet<ReplicaSet>('replicasets', namespace, ref.name);
    return rs && rs.metadata.uid === ref.uid ? rs : undefined;
  }

  /** getPodReplicaSets: ReplicaSets in the pod's namespace whose (non-empty) selector matches it. */
  private replicaSetsSelecting(pod: Pod): ReplicaSet[] {
    if (!pod.metadata.labels) return [];
    return this.ctx.store
      .list<ReplicaSet>('replicasets', { namespace: pod.metadata.namespace })
      .items.filter((rs) => hasSelector(rs) && selectorMatches(rs.spec.selector, pod.metadata.labels));
  }

  // ---- the pod cache -----------------------------------------------------------------------------

  /** Caches the pod; returns the version it replaced, if any. */
  private cache(pod: Pod): Pod | undefined {
    const ns = pod.metadata.namespace ?? '';
    let m = this.pods.get(ns);
    if (!m) this.pods.set(ns, (m = new NameSortedCache()));
    return m.set(pod);
  }

  private uncache(pod: Pod): void {
    this.pods.get(pod.metadata.namespace ?? '')?.delete(pod.metadata.name ?? '');
  }

  /** The namespace's pods in name order (the order is what keeps choices deterministic). */
  private podsIn(namespace: string): readonly Pod[] {
    return this.pods.get(namespace)?.list() ?? [];
  }

  // ---- sync --------------------------------------------------------------------------------------

  /** syncReplicaSet */
  private sync(key: string): ReconcileResult {
    const { namespace, name } = splitKey(key);
    const { store, kernel } = this.ctx;
    const rs = store.tryGet<ReplicaSet>('replicasets', namespace, name);
    if (!rs) {
      this.expectations.forget(key);
      this.wakeAtMs.delete(key);
      return 'done';
    }
    const needsSync = this.expectations.satisfied(key, kernel.now);
    const active = this.podsIn(namespace).filter(isPodActive);
    const claim = claimObjects(store, 'pods', rs, rs.spec.selector, active);
    // A failed adoption or release: try the whole sync again later, as upstream returns the error.
    if (claim.errors.length > 0) return 'retry';
    let manageError: unknown;
    if (needsSync && !rs.metadata.deletionTimestamp) manageError = this.manageReplicas(key, claim.claimed, rs);
    const written = this.writeStatus(rs, calculateStatus(rs, claim.claimed, manageError, kernel.now));
    if (manageError !== undefined) return 'retry';
    return written ? this.wakeWhenAvailable(key, rs, claim.claimed) : 'retry';
  }

  /** manageReplicas: create or delete the difference; returns the first error. */
  private manageReplicas(key: string, pods: readonly Pod[], rs: ReplicaSet): unknown {
    const diff = pods.length - (rs.spec.replicas ?? 1);
    if (diff < 0) return this.createPods(key, rs, Math.min(-diff, BURST_REPLICAS));
    if (diff > 0) return this.deletePods(key, rs, pods, Math.min(diff, BURST_REPLICAS));
    return undefined;
  }

  private createPods(key: string, rs: ReplicaSet, count: number): unknown {
    this.expectations.expectCreations(key, count, this.ctx.kernel.now);
    const { successes, error } = slowStartBatch(count, SLOW_START_INITIAL_BATCH_SIZE, () => this.createPod(rs));
    // Creations never attempted will not be observed: stop expecting them.
    for (let i = successes; i < count; i++) this.expectations.creationObserved(key);
    return error;
  }

  /** RealPodControl.CreatePods, including its events; a terminating namespace is not an error. */
  private createPod(rs: ReplicaSet): void {
    const { store, events } = this.ctx;
    const pod = podFromTemplate(rs);
    try {
      if (Object.keys(pod.metadata.labels ?? {}).length === 0) throw new Error('unable to create pods, no labels');
      const created = store.create<Pod>(pod);
      events.record({ involved: rs, type: 'Normal', reason: 'SuccessfulCreate', message: `Created pod: ${created.metadata.name}`, component: REPLICASET_CONTROLLER });
    } catch (e) {
      if (isNamespaceTerminating(e)) return;
      events.record({ involved: rs, type: 'Warning', reason: 'FailedCreate', message: `Error creating: ${errorText(e)}`, component: REPLICASET_CONTROLLER });
      throw e;
    }
  }

  private deletePods(key: string, rs: ReplicaSet, pods: readonly Pod[], diff: number): unknown {
    const victims = podsToDelete(pods, this.relatedPods(rs), diff, this.ctx.kernel.now);
    this.expectations.expectDeletions(key, victims.map(keyOf), this.ctx.kernel.now);
    let firstError: unknown;
    for (const pod of victims) {
      const err = this.deletePod(rs, pod);
      if (err === undefined) continue;
      this.expectations.deletionObserved(key, keyOf(pod));
      if (!isStatusError(err, 'NotFound')) firstError ??= err;
    }
    return firstError;
  }

  /** RealPodControl.DeletePod, including its events. */
  private deletePod(rs: ReplicaSet, pod: Pod): unknown {
    const { store, events } = this.ctx;
    const name = pod.metadata.name ?? '';
    try {
      store.delete('pods', pod.metadata.namespace ?? '', name);
    } catch (e) {
      if (isStatusError(e, 'NotFound')) return e;
      events.record({ involved: rs, type: 'Warning', reason: 'FailedDelete', message: `Error deleting: ${errorText(e)}`, component: REPLICASET_CONTROLLER });
      return new Error(`unable to delete pods: ${errorText(e)}`);
    }
    events.record({ involved: rs, type: 'Normal', reason: 'SuccessfulDelete', message: `Deleted pod: ${name}`, component: REPLICASET_CONTROLLER });
    return undefined;
  }

  /**
   * getIndirectlyRelatedPods: pods selected by every ReplicaSet with the same controller (all the
   * ReplicaSets of a Deployment). A ReplicaSet without a controller has none, so its ranks are 0.
   */
  private relatedPods(rs: ReplicaSet): Pod[] {
    const ref = controllerOf(rs);
    if (!ref) return [];
    const namespace = rs.metadata.namespace ?? '';
    const siblings = this.ctx.store.list<ReplicaSet>('replicasets', { namespace }).items.filter((r) => controllerOf(r)?.uid === ref.uid);
    const seen = new Set<string>();
    const related: Pod[] = [];
    const pods = this.podsIn(namespace);
    for (const sibling of siblings) {
      if (!hasSelector(sibling)) continue;
      for (const p of pods) {
        const uid = p.metadata.uid ?? '';
        if (seen.has(uid) || !selectorMatches(sibling.spec.selector, p.metadata.labels)) continue;
        seen.add(uid);
        related.push(p);
      }
    }
    return related;
  }

  /** updateReplicaSetStatus: skipped when nothing changed and the generation was already observed. */
  private writeStatus(rs: ReplicaSet, status: ReplicaSet['status']): boolean {
    const generation = rs.metadata.generation ?? 0;
    if (deepEqual(rs.status, { ...status, observedGeneration: rs.status?.observedGeneration }) && rs.status?.observedGeneration === generation) return true;
    try {
      this.ctx.store.update({ ...rs, status: { ...status, observedGeneration: generation } } as KObject, { subresource: 'status' });
      return true;
    } catch (e) {
      if (isStatusError(e)) return false;
      throw e;
    }
  }

  /**
   * The controller looks again exactly when the next ready pod becomes available (minReadySeconds
   * after its Ready transition), so availableReplicas moves on time. One wake-up per key at a time.
   */
  private wakeWhenAvailable(key: string, rs: ReplicaSet, pods: readonly Pod[]): ReconcileResult {
    const now = this.ctx.kernel.now;
    const pending = this.wakeAtMs.get(key);
    if (pending !== undefined && pending <= now) this.wakeAtMs.delete(key);
    const minReady = rs.spec.minReadySeconds ?? 0;
    if (minReady <= 0) return 'done';
    let next: number | undefined;
    for (const p of pods) {
      const at = podAvailableAtMs(p, minReady);
      if (at === undefined || isPodAvailable(p, minReady, now)) continue;
      // Whether "available" starts at or just after readyTime + minReadySeconds, look again then.
      const wake = at > now ? at : now + 1;
      if (next === undefined || wake < next) next = wake;
    }
    const scheduled = this.wakeAtMs.get(key);
    if (next === undefined || (scheduled !== undefined && scheduled <= next)) return 'done';
    this.wakeAtMs.set(key, next);
    return next - now;
  }
}

/** An empty selector selects nothing for a controller (it must never claim everything). */
function hasSelector(rs: ReplicaSet): boolean {
  const s = rs.spec?.selector;
  return !!s && (Object.keys(s.matchLabels ?? {}).length > 0 || (s.matchExpressions ?? []).length > 0);
}

/** The API's refusal to create in a terminating namespace (the NamespaceTerminating cause). */
function isNamespaceTerminating(e: unknown): boolean {
  return isStatusError(e, 'Forbidden') && /because it is being terminated/.test(errorText(e));
}
