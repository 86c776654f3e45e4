/**
 * The Deployment controller (pkg/controller/deployment/deployment_controller.go): watches
 * Deployments, their ReplicaSets and (for Recreate) pod deletions, and syncs one Deployment per
 * key — adopting and releasing ReplicaSets by selector, then pause, scaling event, or rollout by
 * strategy. It changes the cluster only through the API store.
 */
import type { Deployment, KObject, Pod, ReplicaSet } from '../../../api/types.ts';
import type { Component, ComponentContext } from '../../component.ts';
import { WorkQueue, type ReconcileResult, type WorkQueueState } from '../../workqueue.ts';
import { controllerOf, keyOf, newControllerRef, selectorMatches, splitKey } from '../util.ts';
import { getCondition, hasProgressDeadline, newCondition, REASON } from './conditions.ts';
import { rolloutRecreate, type PodMap } from './recreate.ts';
import { rolloutRolling } from './rolling.ts';
import { DEPLOYMENT_CONTROLLER, DeploymentSync } from './sync.ts';

export class DeploymentController implements Component {
  readonly name = DEPLOYMENT_CONTROLLER;
  private readonly queue: WorkQueue;

  constructor(private readonly ctx: ComponentContext) {
    this.queue = new WorkQueue(ctx.kernel, this.name, (key) => this.reconcile(key));
  }

  start(resume: boolean): void {
    const from = resume ? { resourceVersion: this.ctx.store.resourceVersion } : {};
    const { store } = this.ctx;
    store.watch('deployments', (e) => this.queue.add(keyOf(e.object)), from);
    store.watch('replicasets', (e) => this.onReplicaSet(e.object as ReplicaSet), from);
    store.watch(
      'pods',
      (e) => {
        if (e.type === 'DELETED') this.onPodDeleted(e.object as Pod);
      },
      from,
    );
  }

  save(): WorkQueueState {
    return this.queue.save();
  }

  load(state: unknown): void {
    this.queue.load(state as WorkQueueState);
  }

  /** add/update/deleteReplicaSet: the owner, or every Deployment whose selector takes an orphan. */
  private onReplicaSet(rs: ReplicaSet): void {
    const ref = controllerOf(rs);
    const ns = rs.metadata.namespace ?? '';
    if (ref) {
      if (ref.kind === 'Deployment') this.queue.add(`${ns}/${ref.name}`);
      return;
    }
    if (!rs.metadata.labels || Object.keys(rs.metadata.labels).length === 0) return;
    for (const d of this.ctx.store.list<Deployment>('deployments', { namespace: ns }).items) {
      if (hasSelector(d) && selectorMatches(d.spec.selector, rs.metadata.labels)) this.queue.add(keyOf(d));
    }
  }

  /** deletePod: a Recreate rollout waits for the old pods to be gone. */
  private onPodDeleted(pod: Pod): void {
    const ref = controllerOf(pod);
    if (ref?.kind !== 'ReplicaSet') return;
    const ns = pod.metadata.namespace ?? '';
    const rs = this.ctx.store.tryGet<ReplicaSet>('replicasets', ns, ref.name);
    const owner = rs && rs.metadata.uid === ref.uid ? controllerOf(rs) : undefined;
    if (owner?.kind !== 'Deployment') return;
    const d = this.ctx.store.tryGet<Deployment>('deployments', ns, owner.name);
    if (d?.spec.strategy?.type === 'Recreate') this.queue.add(keyOf(d));
  }

  /** syncDeployment */
  private reconcile(key: string): ReconcileResult {
    const { namespace, name } = splitKey(key);
    const { store, events, kernel } = this.ctx;
    const stored = store.tryGet<Deployment>('deployments', namespace, name);
    if (!stored) return 'done';
    const s = new DeploymentSync({ store, events, nowMs: kernel.now }, stored);
    if (!hasSelector(s.d)) {
      selectingAll(s);
      return 'done';
    }
    if (s.d.metadata.deletionTimestamp) {
      const { newRS, oldRSs } = s.allReplicaSets(this.claimReplicaSets(s.d), false);
      s.syncStatus(newRS ? [...oldRSs, newRS] : oldRSs, newRS);
      return 'done';
    }
    checkPausedConditions(s);
    this.syncByStrategy(s);
    return s.requeueAfterMs ?? 'done';
  }

  private syncByStrategy(s: DeploymentSync): void {
    const rsList = this.claimReplicaSets(s.d);
    if (s.d.spec.paused) {
      s.sync(rsList);
      return;
    }
    if (s.isScalingEvent(rsList)) {
      s.sync(this.claimReplicaSets(s.d));
      return;
    }
    // isScalingEvent may have written revisions: read the ReplicaSets again.
    const fresh = this.claimReplicaSets(s.d);
    if (s.d.spec.strategy?.type === 'Recreate') rolloutRecreate(s, fresh, this.podMap(s.d, fresh));
    else rolloutRolling(s, fresh);
  }

  /**
   * getReplicaSetsForDeployment (ClaimReplicaSets): ours that still match, orphans that match
   * adopted, ours that no longer match released.
   */
  private claimReplicaSets(d: Deployment): ReplicaSet[] {
    const { store } = this.ctx;
    const ns = d.metadata.namespace ?? '';
    const claimed: ReplicaSet[] = [];
    for (const rs of store.list<ReplicaSet>('replicasets', { namespace: ns }).items) {
      const ref = controllerOf(rs);
      const matches = selectorMatches(d.spec.selector, rs.metadata.labels);
      if (ref && ref.uid === d.metadata.uid) {
        if (matches) claimed.push(rs);
        else if (!d.metadata.deletionTimestamp) setOwners(this.ctx, rs, (rs.metadata.ownerReferences ?? []).filter((r) => r.uid !== d.metadata.uid));
      } else if (!ref && matches && !d.metadata.deletionTimestamp && !rs.metadata.deletionTimestamp) {
        claimed.push(setOwners(this.ctx, rs, [...(rs.metadata.ownerReferences ?? []), newControllerRef(d)]));
      }
    }
    return claimed;
  }

  /** getPodMapForDeployment: the Deployment's pods by the uid of their ReplicaSet. */
  private podMap(d: Deployment, rsList: readonly ReplicaSet[]): PodMap {
    const map: PodMap = new Map(rsList.map((rs) => [rs.metadata.uid ?? '', [] as Pod[]]));
    const pods = this.ctx.store.list<Pod>('pods', { namespace: d.metadata.namespace ?? '' }).items;
    for (const pod of pods) {
      if (!selectorMatches(d.spec.selector, pod.metadata.labels)) continue;
      const list = map.get(controllerOf(pod)?.uid ?? '');
      if (list) list.push(pod);
    }
    return map;
  }
}

function hasSelector(d: Deployment): boolean {
  const s = d.spec.selector;
  return !!s && (Object.keys(s.matchLabels ?? {}).length > 0 || (s.matchExpressions ?? []).length > 0);
}

/** A non-empty selector is required: warn, and only record that the spec was seen. */
function selectingAll(s: DeploymentSync): void {
  s.event('Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.');
  if ((s.d.status?.observedGeneration ?? 0) < (s.d.metadata.generation ?? 0)) {
    s.writeStatus({ ...s.d.status, observedGeneration: s.d.metadata.generation });
  }
}

/** Adoption / release: a patch of ownerReferences (the API's patch in ClaimReplicaSets). */
function setOwners(ctx: ComponentContext, rs: ReplicaSet, ownerReferences: KObject['metadata']['ownerReferences']): ReplicaSet {
  return ctx.store.update<ReplicaSet>({ ...rs, metadata: { ...rs.metadata, ownerReferences, resourceVersion: undefined } });
}

/**
 * checkPausedConditions: Progressing=Unknown DeploymentPaused / DeploymentResumed, so a paused
 * time never counts against the progress deadline (a timed-out rollout keeps its condition).
 */
function checkPausedConditions(s: DeploymentSync): void {
  if (!hasProgressDeadline(s.d)) return;
  const cond = getCondition(s.d.status, 'Progressing');
  if (cond?.reason === REASON.timedOut) return;
  const pausedCond = cond?.reason === REASON.paused;
  const now = s.env.nowMs;
  let next;
  if (s.d.spec.paused && !pausedCond) next = newCondition('Progressing', 'Unknown', REASON.paused, 'Deployment is paused', now);
  else if (!s.d.spec.paused && pausedCond) next = newCondition('Progressing', 'Unknown', REASON.resumed, 'Deployment is resumed', now);
  if (!next) return;
  const status = { ...s.d.status, conditions: [...(s.d.status?.conditions ?? []).filter((c) => c.type !== 'Progressing'), next] };
  // SetDeploymentCondition keeps lastTransitionTime when the status is unchanged (Unknown → Unknown).
  if (cond?.status === 'Unknown') next.lastTransitionTime = cond.lastTransitionTime;
  s.writeStatus(status);
}
