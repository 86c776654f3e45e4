/**
 * One sync of one Deployment (pkg/controller/deployment/sync.go): find or create the new
 * ReplicaSet with its revision, resize ReplicaSets (with the ScalingReplicaSet event), spread a
 * resize proportionally, clean up old history, and compute the status. `DeploymentSync` holds a
 * private copy of the Deployment that follows every status write, as the Go code keeps `d`.
 */
import { isStatusError } from '../../../api/errors.ts';
import type { EventRecorder } from '../../../api/events.ts';
import type { ApiStore } from '../../../api/store.ts';
import type { Deployment, ReplicaSet } from '../../../api/types.ts';
import { deepClone, deepEqual } from '../../../kernel/objects.ts';
import { newControllerRef } from '../util.ts';
import { maxRevision, replicasAnnotationsFor, revisionOf, setNewReplicaSetAnnotations, setReplicasAnnotations, equalIgnoreHash, REVISION_ANNOTATION } from './annotations.ts';
import { getCondition, hasProgressDeadline, newCondition, REASON, setCondition, type DeploymentStatus } from './conditions.ts';
import { computeHash, POD_TEMPLATE_HASH_LABEL } from './hash.ts';
import {
  activeReplicaSets,
  actualTotal,
  availableTotal,
  byCreation,
  isRollingUpdate,
  maxUnavailable,
  newRSNewReplicas,
  proportionalScale,
  readyTotal,
  replicasOf,
  specTotal,
} from './replicas.ts';

/** The component name events carry (EventSource{Component: "deployment-controller"}). */
export const DEPLOYMENT_CONTROLLER = 'deployment-controller';

/** What a sync needs from the cluster. */
export interface SyncEnv {
  store: ApiStore;
  events: EventRecorder;
  nowMs: number;
}

/** The new ReplicaSet (if any) and the old ones, as getAllReplicaSetsAndSyncRevision returns them. */
export interface ReplicaSets {
  newRS: ReplicaSet | undefined;
  oldRSs: ReplicaSet[];
}

export class DeploymentSync {
  /** The Deployment as this sync knows it (a mutable copy; follows our own status writes). */
  d: Deployment;
  /** Set by the progress check: look again after this many ms. */
  requeueAfterMs: number | undefined;

  constructor(
    readonly env: SyncEnv,
    d: Deployment,
  ) {
    this.d = deepClone(d);
  }

  /** UpdateStatus with this sync's copy; the copy then follows the stored object. */
  writeStatus(status: DeploymentStatus): void {
    const stored = this.env.store.update<Deployment>({ ...this.d, status, metadata: { ...this.d.metadata, resourceVersion: undefined } }, { subresource: 'status' });
    this.d = deepClone(stored);
  }

  /** An event on the Deployment. */
  event(type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.env.events.record({ involved: this.d, type, reason, message, component: DEPLOYMENT_CONTROLLER });
  }

  /** getAllReplicaSetsAndSyncRevision */
  allReplicaSets(rsList: readonly ReplicaSet[], createIfMissing: boolean): ReplicaSets {
    const existing = findNewReplicaSet(this.d, rsList);
    const oldRSs = rsList.filter((rs) => rs !== existing);
    return { newRS: this.newReplicaSet(existing, oldRSs, createIfMissing), oldRSs };
  }

  /** getNewReplicaSet: sync the existing new RS's revision, or create it. */
  private newReplicaSet(existing: ReplicaSet | undefined, oldRSs: ReplicaSet[], create: boolean): ReplicaSet | undefined {
    const newRevision = maxRevision(oldRSs) + 1;
    if (existing) return this.syncExistingNewRS(existing, newRevision);
    if (!create) return undefined;
    return this.createNewRS(oldRSs, newRevision);
  }

  private syncExistingNewRS(existing: ReplicaSet, newRevision: number): ReplicaSet {
    const rs = deepClone(this.live(existing));
    const ann = (rs.metadata.annotations ??= {});
    const annotationsUpdated = setNewReplicaSetAnnotations(this.d, ann, newRevision, true);
    const minReady = this.d.spec.minReadySeconds ?? 0;
    if (annotationsUpdated || (rs.spec.minReadySeconds ?? 0) !== minReady) {
      rs.spec.minReadySeconds = minReady;
      return this.env.store.update<ReplicaSet>(rs);
    }
    const status = deepClone(this.d.status ?? {});
    let needsUpdate = this.setRevision(ann[REVISION_ANNOTATION] ?? '');
    if (hasProgressDeadline(this.d) && !getCondition(status, 'Progressing')) {
      setCondition(status, newCondition('Progressing', 'True', REASON.foundNewRS, `Found new replica set "${rs.metadata.name}"`, this.env.nowMs));
      needsUpdate = true;
    }
    if (needsUpdate) this.writeRevisionAndStatus(status);
    return existing;
  }

  /** SetDeploymentRevision on our copy (written with the next status write). */
  private pendingRevision: string | undefined;
  private setRevision(revision: string): boolean {
    if ((this.d.metadata.annotations?.[REVISION_ANNOTATION] ?? '') === revision) return false;
    this.pendingRevision = revision;
    return true;
  }

  /** Go's UpdateStatus on its copy: the revision annotation and the status in one write. */
  private writeRevisionAndStatus(status: DeploymentStatus): void {
    if (this.pendingRevision !== undefined) {
      this.d.metadata.annotations = { ...this.d.metadata.annotations, [REVISION_ANNOTATION]: this.pendingRevision };
      this.pendingRevision = undefined;
    }
    this.writeStatus(status);
  }

  private createNewRS(oldRSs: ReplicaSet[], newRevision: number): ReplicaSet | undefined {
    const d = this.d;
    const hash = computeHash(d.spec.template, d.status?.collisionCount);
    const rs = newReplicaSetFor(d, hash);
    rs.spec.replicas = newRSNewReplicas(d, [...oldRSs, rs], rs);
    setNewReplicaSetAnnotations(d, (rs.metadata.annotations ??= {}), newRevision, false);
    let created: ReplicaSet;
    try {
      created = this.env.store.create<ReplicaSet>(rs);
    } catch (e) {
      if (isStatusError(e, 'AlreadyExists')) return this.onNameTaken(rs);
      if (isStatusError(e, 'Forbidden') || isStatusError(e, 'NotFound')) return undefined;
      throw e;
    }
    if (replicasOf(created) > 0) this.event('Normal', 'ScalingReplicaSet', `Scaled up replica set ${created.metadata.name} to ${replicasOf(created)}`);
    const status = deepClone(this.d.status ?? {});
    this.setRevision(String(newRevision));
    if (hasProgressDeadline(d)) {
      setCondition(status, newCondition('Progressing', 'True', REASON.newReplicaSet, `Created new replica set "${created.metadata.name}"`, this.env.nowMs));
    }
    this.writeRevisionAndStatus(status);
    return created;
  }

  /** A ReplicaSet of that name exists: ours with our template, or a hash collision (bump collisionCount). */
  private onNameTaken(rs: ReplicaSet): ReplicaSet | undefined {
    const other = this.env.store.tryGet<ReplicaSet>('replicasets', rs.metadata.namespace ?? '', rs.metadata.name ?? '');
    if (!other) return undefined;
    const ref = other.metadata.ownerReferences?.find((r) => r.controller);
    if (ref?.uid === this.d.metadata.uid && equalIgnoreHash(this.d.spec.template, other.spec.template)) return other;
    const status = deepClone(this.d.status ?? {});
    status.collisionCount = (status.collisionCount ?? 0) + 1;
    this.writeStatus(status);
    return undefined;
  }

  /** scaleReplicaSetAndRecordEvent */
  scaleAndRecord(rs: ReplicaSet, to: number): ReplicaSet {
    const live = this.live(rs);
    if (replicasOf(live) === to) return rs;
    return this.scaleReplicaSet(live, to, replicasOf(live) < to ? 'up' : 'down');
  }

  /**
   * The stored version of a ReplicaSet this sync already holds: an earlier step of the same sync
   * may have written it (Go's copies would then conflict and the sync be retried).
   */
  live(rs: ReplicaSet): ReplicaSet {
    return this.env.store.tryGet<ReplicaSet>('replicasets', rs.metadata.namespace ?? '', rs.metadata.name ?? '') ?? rs;
  }

  /** scaleReplicaSet: size and replica annotations in one update; the event if the size changed. */
  scaleReplicaSet(stale: ReplicaSet, to: number, operation: string): ReplicaSet {
    const rs = this.live(stale);
    const from = replicasOf(rs);
    const { desired, max } = replicasAnnotationsFor(this.d);
    const copy = deepClone(rs);
    const annotationsChanged = setReplicasAnnotations((copy.metadata.annotations ??= {}), desired, max);
    if (from === to && !annotationsChanged) return rs;
    copy.spec.replicas = to;
    const updated = this.env.store.update<ReplicaSet>(copy);
    if (from !== to) this.event('Normal', 'ScalingReplicaSet', `Scaled ${operation} replica set ${updated.metadata.name} to ${to} from ${from}`);
    return updated;
  }

  /** scale: a resize outside a rollout, spread proportionally over the active ReplicaSets. */
  scale(newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): void {
    const d = this.d;
    const activeOrLatest = findActiveOrLatest(newRS, oldRSs);
    if (activeOrLatest) {
      if (replicasOf(activeOrLatest) !== replicasOf(d)) this.scaleAndRecord(activeOrLatest, replicasOf(d));
      return;
    }
    if (isSaturated(d, newRS)) {
      for (const old of activeReplicaSets(oldRSs)) this.scaleAndRecord(old, 0);
      return;
    }
    if (!isRollingUpdate(d)) return;
    const active = activeReplicaSets(newRS ? [...oldRSs, newRS] : oldRSs);
    const { plans, operation } = proportionalScale(d, active);
    for (const p of plans) this.scaleReplicaSet(p.rs, p.to, operation);
  }

  /** cleanupDeployment: delete the oldest empty ReplicaSets beyond revisionHistoryLimit. */
  cleanup(oldRSs: readonly ReplicaSet[]): void {
    const limit = this.d.spec.revisionHistoryLimit;
    if (limit === undefined) return;
    const cleanable = oldRSs.filter((rs) => !rs.metadata.deletionTimestamp);
    const diff = cleanable.length - limit;
    if (diff <= 0) return;
    const sorted = [...cleanable].sort((a, b) => revisionOf(a) - revisionOf(b) || byCreation(a, b));
    for (const rs of sorted.slice(0, diff)) {
      const caughtUp = (rs.metadata.generation ?? 0) <= (rs.status?.observedGeneration ?? 0);
      if ((rs.status?.replicas ?? 0) !== 0 || replicasOf(rs) !== 0 || !caughtUp) continue;
      try {
        this.env.store.delete('replicasets', rs.metadata.namespace ?? '', rs.metadata.name ?? '');
      } catch (e) {
        if (!isStatusError(e, 'NotFound')) throw e;
      }
    }
  }

  /** syncDeploymentStatus */
  syncStatus(allRSs: readonly ReplicaSet[], newRS: ReplicaSet | undefined): void {
    const status = calculateStatus(allRSs, newRS, this.d, this.env.nowMs);
    if (!deepEqual(status, this.d.status ?? {})) this.writeStatus(status);
  }

  /** sync: scaling or paused: resize, clean up when paused, status. */
  sync(rsList: readonly ReplicaSet[]): void {
    const { newRS, oldRSs } = this.allReplicaSets(rsList, false);
    this.scale(newRS, oldRSs);
    const fresh = refreshed(this.env.store, newRS, oldRSs);
    if (this.d.spec.paused) this.cleanup(fresh.oldRSs);
    this.syncStatus(allOf(fresh), fresh.newRS);
  }

  /** isScalingEvent: an active RS was sized for another replica count. */
  isScalingEvent(rsList: readonly ReplicaSet[]): boolean {
    const { newRS, oldRSs } = this.allReplicaSets(rsList, false);
    const all = newRS ? [...oldRSs, newRS] : oldRSs;
    return activeReplicaSets(all).some((rs) => {
      const desired = rs.metadata.annotations?.['deployment.kubernetes.io/desired-replicas'];
      return desired !== undefined && /^-?\d+$/.test(desired) && Number(desired) !== replicasOf(this.d);
    });
  }
}

/** The new RS and the old ones in one list (new last, as `append(oldRSs, newRS)`). */
export function allOf(s: ReplicaSets): ReplicaSet[] {
  return s.newRS ? [...s.oldRSs, s.newRS] : [...s.oldRSs];
}

/** The stored versions of ReplicaSets after a sync step changed some of them. */
export function refreshed(store: ApiStore, newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[]): ReplicaSets {
  const get = (rs: ReplicaSet): ReplicaSet | undefined => store.tryGet<ReplicaSet>('replicasets', rs.metadata.namespace ?? '', rs.metadata.name ?? '');
  return {
    newRS: newRS ? (get(newRS) ?? newRS) : undefined,
    oldRSs: oldRSs.map((rs) => get(rs)).filter((rs): rs is ReplicaSet => rs !== undefined),
  };
}

/** FindNewReplicaSet: the oldest ReplicaSet whose template equals the Deployment's (ignoring the hash label). */
export function findNewReplicaSet(d: Deployment, rsList: readonly ReplicaSet[]): ReplicaSet | undefined {
  return [...rsList].sort(byCreation).find((rs) => equalIgnoreHash(rs.spec.template, d.spec.template));
}

/** FindActiveOrLatest: the only active RS; with none active, the new one or the newest old one. */
function findActiveOrLatest(newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[]): ReplicaSet | undefined {
  if (!newRS && oldRSs.length === 0) return undefined;
  const newestFirst = [...oldRSs].sort((a, b) => byCreation(b, a));
  const active = activeReplicaSets(newRS ? [...newestFirst, newRS] : newestFirst);
  if (active.length === 1) return active[0];
  if (active.length === 0) return newRS ?? newestFirst[0];
  return undefined;
}

/** IsSaturated: the new RS is sized for, and has available, exactly the Deployment's replicas. */
function isSaturated(d: Deployment, rs: ReplicaSet | undefined): boolean {
  if (!rs) return false;
  const desired = rs.metadata.annotations?.['deployment.kubernetes.io/desired-replicas'];
  const r = replicasOf(d);
  return desired !== undefined && Number(desired) === r && replicasOf(rs) === r && (rs.status?.availableReplicas ?? 0) === r;
}

/** The ReplicaSet a Deployment creates for its current template (not yet sized or annotated). */
export function newReplicaSetFor(d: Deployment, hash: string): ReplicaSet {
  const template = deepClone(d.spec.template);
  const labels = { ...(template.metadata?.labels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash };
  template.metadata = { ...(template.metadata ?? {}), labels };
  const selector = deepClone(d.spec.selector);
  selector.matchLabels = { ...(selector.matchLabels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash };
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: `${d.metadata.name}-${hash}`, namespace: d.metadata.namespace, labels: { ...labels }, ownerReferences: [newControllerRef(d)] },
    spec: { replicas: 0, minReadySeconds: d.spec.minReadySeconds ?? 0, selector, template },
    status: { replicas: 0 },
  };
}

/** calculateStatus: counts from the ReplicaSets, and the Available condition. */
export function calculateStatus(allRSs: readonly ReplicaSet[], newRS: ReplicaSet | undefined, d: Deployment, nowMs: number): DeploymentStatus {
  const available = availableTotal(allRSs);
  const status: DeploymentStatus = {
    observedGeneration: d.metadata.generation,
    replicas: actualTotal(allRSs),
    updatedReplicas: newRS ? actualTotal([newRS]) : 0,
    readyReplicas: readyTotal(allRSs),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, specTotal(allRSs) - available),
  };
  // Every count is `omitempty` in apps/v1: a zero is not written at all.
  for (const k of Object.keys(status) as (keyof DeploymentStatus)[]) if (status[k] === 0 || status[k] === undefined) delete status[k];
  if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;
  if (d.status?.conditions) status.conditions = d.status.conditions.map((c) => ({ ...c }));
  if (available >= replicasOf(d) - maxUnavailable(d)) {
    setCondition(status, newCondition('Available', 'True', REASON.minimumReplicasAvailable, 'Deployment has minimum availability.', nowMs));
  } else {
    setCondition(status, newCondition('Available', 'False', REASON.minimumReplicasUnavailable, 'Deployment does not have minimum availability.', nowMs));
  }
  return status;
}
