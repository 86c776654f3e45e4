/**
 * The StatefulSet controller's core (pkg/controller/statefulset stateful_set_control.go and
 * stateful_set_utils.go, v1.31): stable identities `<set>-<ordinal>`, the pods a set wants from
 * its current and update revisions, and one sync of `updateStatefulSet` — create missing replicas
 * (OrderedReady: one at a time, each once its predecessors are Running and Ready; Parallel: all at
 * once), delete condemned ones from the highest ordinal down, then a RollingUpdate step deleting
 * the highest-ordinal pod not at the update revision (down to `partition`). It acts through the
 * `SetOps` it is given, so tests can drive it without a cluster.
 */
import type { KObject, LabelSelector, Pod, PodSpec } from '../../api/types.ts';
import { deepClone } from '../../kernel/objects.ts';
import { REVISION_HASH_LABEL, type ControllerRevision } from './history.ts';
import { isPodAvailable, isPodReady, newControllerRef } from './util.ts';

/** apps.StatefulSetPodNameLabel */
export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
/** apps.PodIndexLabel (the PodIndexLabel gate is on by default in v1.31). */
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';

/** A stored StatefulSet, as far as the controller reads it. */
export interface StatefulSet extends KObject {
  kind: 'StatefulSet';
  spec: {
    replicas?: number;
    selector?: LabelSelector;
    serviceName?: string;
    podManagementPolicy?: string;
    minReadySeconds?: number;
    revisionHistoryLimit?: number;
    ordinals?: { start?: number };
    updateStrategy?: { type?: string; rollingUpdate?: { partition?: number } };
    template: { metadata?: KObject['metadata']; spec: PodSpec };
    volumeClaimTemplates?: { metadata?: { name?: string; labels?: Record<string, string> }; spec?: unknown }[];
  };
  status?: StatefulSetStatus;
}

/** StatefulSetStatus (apps/v1). */
export interface StatefulSetStatus {
  observedGeneration?: number;
  replicas: number;
  readyReplicas?: number;
  currentReplicas?: number;
  updatedReplicas?: number;
  currentRevision?: string;
  updateRevision?: string;
  collisionCount?: number;
  availableReplicas: number;
  conditions?: unknown[];
}

/** What one sync may do to pods. Each call throws when the API refuses. */
export interface SetOps {
  createPod(set: StatefulSet, pod: Pod): void;
  deletePod(set: StatefulSet, pod: Pod): void;
  updatePod(set: StatefulSet, pod: Pod): void;
}

const ORDINAL_RE = /^(.*)-([0-9]+)$/;

/** getParentNameAndOrdinal: `web-2` → (`web`, 2); -1 when the name has no ordinal. */
export function parentAndOrdinal(podName: string): { parent: string; ordinal: number } {
  const m = ORDINAL_RE.exec(podName);
  if (!m) return { parent: '', ordinal: -1 };
  const n = Number(m[2]);
  return Number.isSafeInteger(n) && n <= 2 ** 31 - 1 ? { parent: m[1], ordinal: n } : { parent: '', ordinal: -1 };
}

export const getOrdinal = (pod: Pod): number => parentAndOrdinal(pod.metadata.name ?? '').ordinal;

/** isMemberOf: the pod's name is `<set>-<ordinal>`. */
export const isMemberOf = (set: StatefulSet, pod: Pod): boolean => parentAndOrdinal(pod.metadata.name ?? '').parent === set.metadata.name;

export const startOrdinal = (set: StatefulSet): number => set.spec.ordinals?.start ?? 0;
export const endOrdinal = (set: StatefulSet): number => startOrdinal(set) + (set.spec.replicas ?? 1) - 1;
export const podName = (set: StatefulSet, ordinal: number): string => `${set.metadata.name}-${ordinal}`;

export const isCreated = (pod: Pod): boolean => (pod.status?.phase ?? '') !== '';
export const isTerminating = (pod: Pod): boolean => !!pod.metadata.deletionTimestamp;
export const isRunningAndReady = (pod: Pod): boolean => pod.status?.phase === 'Running' && isPodReady(pod);
export const isRunningAndAvailable = (pod: Pod, minReadySeconds: number, nowMs: number): boolean => isPodAvailable(pod, minReadySeconds, nowMs);
/** isHealthy: Running, Ready and not terminating. */
export const isHealthy = (pod: Pod): boolean => isRunningAndReady(pod) && !isTerminating(pod);
export const podRevision = (pod: Pod): string => pod.metadata.labels?.[REVISION_HASH_LABEL] ?? '';

/** ApplyRevision: the set with the template its revision recorded. */
export function applyRevision(set: StatefulSet, rev: ControllerRevision): StatefulSet {
  const template = deepClone((rev.data as { spec?: { template?: Record<string, unknown> } }).spec?.template ?? {});
  delete template.$patch;
  return { ...set, spec: { ...set.spec, template: template as unknown as StatefulSet['spec']['template'] } };
}

/** The claim volume of each claim template for a pod (getPersistentVolumeClaims' names). */
export function claimName(template: string, pod: string): string {
  return `${template}-${pod}`;
}

/**
 * newStatefulSetPod: the template made a pod named `<set>-<ordinal>` (generateName `<set>-`), with
 * its identity (pod-name and pod-index labels, hostname, subdomain) and its claims as volumes.
 */
export function newStatefulSetPod(set: StatefulSet, ordinal: number): Pod {
  const t = set.spec.template;
  const name = podName(set, ordinal);
  const labels = { ...(t.metadata?.labels ?? {}), [POD_NAME_LABEL]: name, [POD_INDEX_LABEL]: String(ordinal) };
  const metadata: Pod['metadata'] = { name, generateName: `${set.metadata.name}-`, namespace: set.metadata.namespace, labels };
  if (t.metadata?.annotations) metadata.annotations = { ...t.metadata.annotations };
  if (t.metadata?.finalizers) metadata.finalizers = [...t.metadata.finalizers];
  metadata.ownerReferences = [newControllerRef(set)];
  const spec: PodSpec = { ...deepClone(t.spec), hostname: name };
  if (set.spec.serviceName) spec.subdomain = set.spec.serviceName;
  spec.volumes = storageVolumes(set, name, t.spec.volumes as { name?: string }[] | undefined);
  if ((spec.volumes as unknown[]).length === 0) delete spec.volumes;
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec, status: {} } as Pod;
}

/** updateStorage: one persistentVolumeClaim volume per claim template, then the template's other volumes. */
function storageVolumes(set: StatefulSet, pod: string, current: readonly { name?: string }[] | undefined): unknown[] {
  const claims = (set.spec.volumeClaimTemplates ?? []).map((c) => c.metadata?.name ?? '');
  const out: unknown[] = claims.map((c) => ({ name: c, persistentVolumeClaim: { claimName: claimName(c, pod) } }));
  for (const v of current ?? []) if (!claims.includes(v.name ?? '')) out.push(v);
  return out;
}

/**
 * newVersionedStatefulSetPod: ordinals below the partition (or, without a rollingUpdate, below
 * currentReplicas) are created from the current revision, the rest from the update revision.
 */
export function newVersionedPod(currentSet: StatefulSet, updateSet: StatefulSet, currentRev: string, updateRev: string, ordinal: number): Pod {
  const strategy = currentSet.spec.updateStrategy;
  const start = startOrdinal(currentSet);
  const fromCurrent =
    strategy?.type === 'RollingUpdate' &&
    ((strategy.rollingUpdate === undefined && ordinal < start + (currentSet.status?.currentReplicas ?? 0)) ||
      (strategy.rollingUpdate !== undefined && ordinal < start + (strategy.rollingUpdate.partition ?? 0)));
  const pod = newStatefulSetPod(fromCurrent ? currentSet : updateSet, ordinal);
  pod.metadata.labels = { ...pod.metadata.labels, [REVISION_HASH_LABEL]: fromCurrent ? currentRev : updateRev };
  return pod;
}

/** identityMatches: name, namespace and the pod-name label are what the ordinal says. */
export function identityMatches(set: StatefulSet, pod: Pod): boolean {
  const { parent, ordinal } = parentAndOrdinal(pod.metadata.name ?? '');
  return ordinal >= 0 && parent === set.metadata.name && pod.metadata.namespace === set.metadata.namespace && pod.metadata.labels?.[POD_NAME_LABEL] === pod.metadata.name;
}

/** computeReplicaStatus over the pods, added into `status`. */
function addCounts(status: StatefulSetStatus, pods: readonly Pod[], minReadySeconds: number, currentRev: string, updateRev: string, nowMs: number): void {
  for (const pod of pods) {
    if (isCreated(pod)) status.replicas++;
    if (isRunningAndReady(pod)) {
      status.readyReplicas = (status.readyReplicas ?? 0) + 1;
      if (isRunningAndAvailable(pod, minReadySeconds, nowMs)) status.availableReplicas++;
    }
    if (isCreated(pod) && !isTerminating(pod)) {
      if (podRevision(pod) === currentRev) status.currentReplicas = (status.currentReplicas ?? 0) + 1;
      if (podRevision(pod) === updateRev) status.updatedReplicas = (status.updatedReplicas ?? 0) + 1;
    }
  }
}

/** updateStatus: the counters recomputed over the given pod lists. */
export function recount(status: StatefulSetStatus, minReadySeconds: number, nowMs: number, ...lists: (readonly Pod[])[]): void {
  status.replicas = 0;
  status.readyReplicas = 0;
  status.availableReplicas = 0;
  status.currentReplicas = 0;
  status.updatedReplicas = 0;
  for (const l of lists) addCounts(status, l, minReadySeconds, status.currentRevision ?? '', status.updateRevision ?? '', nowMs);
}

/** The revisions and collision count one sync works with. */
export interface Revisions {
  current: ControllerRevision;
  update: ControllerRevision;
  collisionCount: number;
}

/**
 * updateStatefulSet: one sync's pod work, in upstream's order, returning the status to record.
 * Pods must be the set's claimed members; `nowMs` is for minReadySeconds.
 */
export function updateStatefulSet(set: StatefulSet, revs: Revisions, pods: readonly Pod[], ops: SetOps, nowMs: number): StatefulSetStatus {
  const currentSet = applyRevision(set, revs.current);
  const updateSet = applyRevision(set, revs.update);
  const minReady = set.spec.minReadySeconds ?? 0;
  const status: StatefulSetStatus = {
    observedGeneration: set.metadata.generation,
    replicas: 0,
    availableReplicas: 0,
    currentRevision: revs.current.metadata.name,
    updateRevision: revs.update.metadata.name,
    collisionCount: revs.collisionCount,
  };
  recount(status, minReady, nowMs, pods);
  const { replicas, condemned } = partitionPods(set, pods, currentSet, updateSet, revs);
  const firstUnhealthy = [...replicas, ...[...condemned].reverse()].find((p) => !isHealthy(p));
  if (set.metadata.deletionTimestamp) return status;
  const monotonic = set.spec.podManagementPolicy !== 'Parallel';
  const done = (): StatefulSetStatus => (recount(status, minReady, nowMs, replicas, condemned), status);
  const ctx: StepContext = { set, updateSet, monotonic, minReady, nowMs, ops };
  if (runForAll(replicas, (_pod, i) => processReplica(ctx, replicas, i), monotonic)) return done();
  if (runForAll(condemned, (p) => processCondemned(ctx, p, firstUnhealthy), monotonic)) return done();
  done();
  if (set.spec.updateStrategy?.type === 'OnDelete') return status;
  rollingUpdateStep(ctx, replicas, revs.update.metadata.name ?? '', status);
  return status;
}

interface StepContext {
  set: StatefulSet;
  updateSet: StatefulSet;
  monotonic: boolean;
  minReady: number;
  nowMs: number;
  ops: SetOps;
}

/** Pods at [start, end] by ordinal (missing ones made from the right revision), and the condemned rest, highest first. */
function partitionPods(set: StatefulSet, pods: readonly Pod[], currentSet: StatefulSet, updateSet: StatefulSet, revs: Revisions): { replicas: Pod[]; condemned: Pod[] } {
  const start = startOrdinal(set);
  const end = endOrdinal(set);
  const slots: (Pod | undefined)[] = new Array(Math.max(0, end - start + 1)).fill(undefined);
  const condemned: Pod[] = [];
  for (const pod of pods) {
    const ord = getOrdinal(pod);
    if (ord >= start && ord <= end) slots[ord - start] = pod;
    else if (ord >= 0) condemned.push(pod);
  }
  const replicas = slots.map((p, i) => p ?? newVersionedPod(currentSet, updateSet, revs.current.metadata.name ?? '', revs.update.metadata.name ?? '', start + i));
  condemned.sort((a, b) => getOrdinal(b) - getOrdinal(a));
  return { replicas, condemned };
}

/**
 * runForAll: in order, stopping at the first step that says so (monotonic); with Parallel every
 * step runs (slowStartBatch stops only on errors). True when the sync must end here.
 */
function runForAll(pods: readonly Pod[], fn: (pod: Pod, i: number) => boolean, monotonic: boolean): boolean {
  let failed = false;
  for (let i = 0; i < pods.length; i++) {
    let stop: boolean;
    try {
      stop = fn(pods[i], i);
    } catch {
      failed = true;
      stop = true;
    }
    if (monotonic && stop) return true;
  }
  return failed;
}

/** processReplica: replace a finished pod, create a missing one, wait for the unhealthy, fix identity. */
function processReplica(ctx: StepContext, replicas: Pod[], i: number): boolean {
  const pod = replicas[i];
  const phase = pod.status?.phase;
  if (phase === 'Failed' || phase === 'Succeeded') {
    if (!pod.metadata.deletionTimestamp) ctx.ops.deletePod(ctx.set, pod);
    return true;
  }
  if (!isCreated(pod)) {
    ctx.ops.createPod(ctx.set, pod);
    if (ctx.monotonic) return true;
    return false;
  }
  if (isTerminating(pod) && ctx.monotonic) return true;
  if (!isRunningAndReady(pod) && ctx.monotonic) return true;
  if (!isRunningAndAvailable(pod, ctx.minReady, ctx.nowMs) && ctx.monotonic) return true;
  if (identityMatches(ctx.set, pod)) return false;
  const fixed = deepClone(pod);
  const ordinal = getOrdinal(pod);
  fixed.metadata.labels = { ...fixed.metadata.labels, [POD_NAME_LABEL]: fixed.metadata.name ?? '', [POD_INDEX_LABEL]: String(ordinal) };
  ctx.ops.updatePod(ctx.updateSet, fixed);
  return false;
}

/** processCondemned: scale down, highest ordinal first, once the others are healthy. */
function processCondemned(ctx: StepContext, pod: Pod, firstUnhealthy: Pod | undefined): boolean {
  if (isTerminating(pod)) return ctx.monotonic;
  if (!isRunningAndReady(pod) && ctx.monotonic && pod !== firstUnhealthy) return true;
  if (!isRunningAndAvailable(pod, ctx.minReady, ctx.nowMs) && ctx.monotonic && pod !== firstUnhealthy) return true;
  ctx.ops.deletePod(ctx.set, pod);
  return true;
}

/**
 * The RollingUpdate step: from the highest ordinal down to `partition`, delete the first pod not at
 * the update revision (it is recreated from it on a later sync), or wait for an unhealthy one.
 */
function rollingUpdateStep(ctx: StepContext, replicas: readonly Pod[], updateRev: string, status: StatefulSetStatus): void {
  const min = ctx.set.spec.updateStrategy?.rollingUpdate?.partition ?? 0;
  for (let target = replicas.length - 1; target >= min; target--) {
    const pod = replicas[target];
    if (podRevision(pod) !== updateRev && !isTerminating(pod)) {
      ctx.ops.deletePod(ctx.set, pod);
      status.currentReplicas = (status.currentReplicas ?? 0) - 1;
      return;
    }
    if (!isHealthy(pod)) return;
  }
}

/** completeRollingUpdate: once every replica is updated and ready, the update revision becomes current. */
export function completeRollingUpdate(set: StatefulSet, status: StatefulSetStatus): void {
  const want = set.spec.replicas ?? 1;
  if (set.spec.updateStrategy?.type === 'RollingUpdate' && status.updatedReplicas === want && status.readyReplicas === want && status.replicas === want) {
    status.currentReplicas = status.updatedReplicas;
    status.currentRevision = status.updateRevision;
  }
}

/** inconsistentStatus: whether the recorded status differs in anything the controller maintains. */
export function inconsistentStatus(set: StatefulSet, status: StatefulSetStatus): boolean {
  const s = set.status ?? { replicas: 0, availableReplicas: 0 };
  return (
    (status.observedGeneration ?? 0) > (s.observedGeneration ?? 0) ||
    status.replicas !== s.replicas ||
    (status.currentReplicas ?? 0) !== (s.currentReplicas ?? 0) ||
    (status.readyReplicas ?? 0) !== (s.readyReplicas ?? 0) ||
    (status.updatedReplicas ?? 0) !== (s.updatedReplicas ?? 0) ||
    (status.currentRevision ?? '') !== (s.currentRevision ?? '') ||
    status.availableReplicas !== s.availableReplicas ||
    (status.updateRevision ?? '') !== (s.updateRevision ?? '')
  );
}

/** The status as the API stores it: zero counts and empty strings with omitempty dropped. */
export function storedStatus(status: StatefulSetStatus, previous: StatefulSetStatus | undefined): StatefulSetStatus {
  const out: StatefulSetStatus = { ...status };
  for (const k of ['readyReplicas', 'currentReplicas', 'updatedReplicas', 'observedGeneration'] as const) if (!out[k]) delete out[k];
  for (const k of ['currentRevision', 'updateRevision'] as const) if (!out[k]) delete out[k];
  if (previous?.conditions) out.conditions = previous.conditions;
  return out;
}
