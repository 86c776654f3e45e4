/**
 * The StatefulSet controller's sync (statefulset.ts): a late part of the engine (engine/late.ts), since the default
 * cluster never runs it. Its methods are lent to the controller made at boot.
 */
import { isStatusError } from '../../api/errors.ts';
import { resourceByPlural } from '../../api/resources.ts';
import type { KObject, Pod } from '../../api/types.ts';
import { type ReconcileResult } from '../workqueue.ts';
import { maxRevision, newRevision, ownedRevisions, revisionHash, revisionMatches, sortRevisions, type ControllerRevision } from './history.ts';
import { claimObjects } from './ref-manager.ts';
import { claimName, completeRollingUpdate, inconsistentStatus, isMemberOf, podRevision, storedStatus, updateStatefulSet, type Revisions, type SetOps, type StatefulSet, type StatefulSetStatus } from './statefulset-control.ts';
import { podAvailableAtMs, splitKey } from './util.ts';
import { StatefulSetController, STATEFULSET_CONTROLLER } from './statefulset.ts';
import { lendMethods } from '../../late.ts';

class StatefulSetSync extends (Object as unknown as typeof StatefulSetController) {
  /** What updateStatefulSet may do to the set's pods. */
  private setOps(): SetOps {
    const { store } = this.ctx;
    return {
      createPod: (set, pod) => this.createPod(set, pod),
      deletePod: (set, pod) => this.podWrite(set, pod, 'delete', () => store.delete('pods', pod.metadata.namespace ?? '', pod.metadata.name ?? '')),
      updatePod: (set, pod) => this.podWrite(set, pod, 'update', () => store.update(pod)),
    };
  }

  syncKey(key: string): ReconcileResult {
    const { namespace, name } = splitKey(key);
    const set = this.ctx.store.tryGet<StatefulSet>('statefulsets', namespace, name);
    if (!set) return 'done';
    const revisions = sortRevisions(ownedRevisions(this.ctx.store, set));
    const pods = this.memberPods(set);
    const revs = this.revisions(set, revisions);
    if (!revs) return 'retry';
    const status = updateStatefulSet(set, revs, pods, this.setOps(), this.ctx.kernel.now);
    this.recordStatus(set, status);
    this.truncateHistory(set, this.memberPods(set), revisions, revs);
    return this.availabilityWake(set, status);
  }

  /** getPodsForStatefulSet: pods named `<set>-<n>` the selector matches (orphans adopted). */
  private memberPods(set: StatefulSet): Pod[] {
    const all = this.ctx.store.list<Pod>('pods', { namespace: set.metadata.namespace }).items.filter((p) => isMemberOf(set, p));
    return claimObjects(this.ctx.store, 'pods', set, set.spec.selector, all).claimed;
  }

  /**
   * getStatefulSetRevisions: the update revision is the one equal to the template (the latest,
   * an earlier one renumbered, or a new one); the current one is status.currentRevision's.
   */
  private revisions(set: StatefulSet, revisions: readonly ControllerRevision[]): Revisions | undefined {
    let collisionCount = set.status?.collisionCount ?? 0;
    const next = maxRevision(revisions) + 1;
    const equal = revisions.filter((r) => revisionMatches(set, r));
    const last = revisions[revisions.length - 1];
    let update: ControllerRevision | undefined;
    if (equal.length > 0 && equal[equal.length - 1] === last) update = last;
    else if (equal.length > 0) update = this.ctx.store.update<ControllerRevision>({ ...equal[equal.length - 1], revision: next });
    else {
      for (;;) {
        const hash = revisionHash(set, collisionCount);
        const name = `${set.metadata.name}-${hash}`;
        const existing = this.ctx.store.tryGet<ControllerRevision>('controllerrevisions', set.metadata.namespace ?? '', name);
        if (existing && !revisionMatches(set, existing)) {
          collisionCount++;
          continue;
        }
        update = existing ?? this.ctx.store.create<ControllerRevision>(newRevision(set, name, hash, next));
        break;
      }
    }
    const current = revisions.find((r) => r.metadata.name === set.status?.currentRevision) ?? update;
    return { current, update, collisionCount };
  }

  /** updateStatefulSetStatus: complete a finished rolling update, write only what changed. */
  private recordStatus(set: StatefulSet, status: StatefulSetStatus): void {
    completeRollingUpdate(set, status);
    const fresh = this.ctx.store.tryGet<StatefulSet>('statefulsets', set.metadata.namespace ?? '', set.metadata.name ?? '');
    if (!fresh || fresh.metadata.uid !== set.metadata.uid) return;
    if (!inconsistentStatus(fresh, status) && (fresh.status?.collisionCount ?? 0) === status.collisionCount) return;
    this.ctx.store.update({ ...fresh, status: storedStatus(status, fresh.status) }, { subresource: 'status' });
  }

  /** truncateHistory: non-live revisions beyond revisionHistoryLimit go, lowest revision first. */
  private truncateHistory(set: StatefulSet, pods: readonly Pod[], revisions: readonly ControllerRevision[], revs: Revisions): void {
    const live = new Set([revs.current.metadata.name, revs.update.metadata.name, ...pods.map(podRevision)]);
    const history = revisions.filter((r) => !live.has(r.metadata.name));
    const limit = set.spec.revisionHistoryLimit ?? 10;
    if (limit < 0 || history.length <= limit) return;
    for (const r of history.slice(0, history.length - limit)) {
      try {
        this.ctx.store.delete('controllerrevisions', r.metadata.namespace ?? '', r.metadata.name ?? '');
      } catch (e) {
        if (!isStatusError(e, 'NotFound')) throw e;
      }
    }
  }

  /** With minReadySeconds, look again when the next ready pod becomes available. */
  private availabilityWake(set: StatefulSet, status: StatefulSetStatus): ReconcileResult {
    const minReady = set.spec.minReadySeconds ?? 0;
    if (minReady <= 0 || status.availableReplicas === (set.spec.replicas ?? 1)) return 'done';
    const now = this.ctx.kernel.now;
    const times = this.memberPods(set)
      .map((p) => podAvailableAtMs(p, minReady))
      .filter((t): t is number => t !== undefined && t > now);
    return times.length > 0 ? Math.min(...times) - now : 'done';
  }

  /** CreateStatefulPod: its claims first (where the API has them), then the pod. */
  private createPod(set: StatefulSet, pod: Pod): void {
    this.createClaims(set, pod);
    try {
      this.ctx.store.create(pod);
    } catch (e) {
      if (isStatusError(e, 'AlreadyExists')) throw e;
      this.podEvent(set, pod, 'create', e);
      throw e;
    }
    this.podEvent(set, pod, 'create');
  }

  private podWrite(set: StatefulSet, pod: Pod, verb: 'delete' | 'update', write: () => unknown): void {
    try {
      write();
    } catch (e) {
      this.podEvent(set, pod, verb, e);
      throw e;
    }
    this.podEvent(set, pod, verb);
  }

  /** createPersistentVolumeClaims, as far as Podlab has PersistentVolumeClaims. */
  private createClaims(set: StatefulSet, pod: Pod): void {
    if (!resourceByPlural('persistentvolumeclaims')) return;
    for (const t of set.spec.volumeClaimTemplates ?? []) {
      const name = claimName(t.metadata?.name ?? '', pod.metadata.name ?? '');
      if (this.ctx.store.tryGet('persistentvolumeclaims', set.metadata.namespace ?? '', name)) continue;
      const labels = { ...(t.metadata?.labels ?? {}), ...(set.spec.selector?.matchLabels ?? {}) };
      const claim: KObject = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name, namespace: set.metadata.namespace, labels }, spec: t.spec };
      // The template is copied whole: its annotations too (the beta storage-class one, say).
      const annotations = (t.metadata as { annotations?: Record<string, string> } | undefined)?.annotations;
      if (annotations) claim.metadata.annotations = { ...annotations };
      this.ctx.store.create(claim);
      const message = `create Claim ${name} Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} success`;
      this.ctx.events.record({ involved: set, type: 'Normal', reason: 'SuccessfulCreate', message, component: STATEFULSET_CONTROLLER });
    }
  }

  /** recordPodEvent: `<verb> Pod <pod> in StatefulSet <set> successful` or `… failed error: <err>`. */
  private podEvent(set: StatefulSet, pod: Pod, verb: 'create' | 'delete' | 'update', err?: unknown): void {
    const title = verb[0].toUpperCase() + verb.slice(1);
    const subject = `${verb} Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name}`;
    if (err === undefined) {
      this.ctx.events.record({ involved: set, type: 'Normal', reason: `Successful${title}`, message: `${subject} successful`, component: STATEFULSET_CONTROLLER });
    } else {
      const text = err instanceof Error ? err.message : String(err);
      this.ctx.events.record({ involved: set, type: 'Warning', reason: `Failed${title}`, message: `${subject} failed error: ${text}`, component: STATEFULSET_CONTROLLER });
    }
  }
}


/** StatefulSetController.sync: The StatefulSet controller's sync. */
export function syncStatefulSetKey(c: StatefulSetController, key: string): ReconcileResult {
  lendMethods(StatefulSetController, StatefulSetSync);
  return (c as StatefulSetSync).syncKey(key);
}
