/**
 * Which pods a controller deletes first when it scales down: controller.ActivePodsWithRanks.Less
 * (pkg/controller/controller_utils.go, v1.31, PodDeletionCost and LogarithmicScaleDown on) and the
 * ReplicaSet controller's getPodsToDelete / getPodsRankedByRelatedPodsOnSameNode. Reference §8.
 * Pure functions of the pods and `nowMs`.
 */
import type { Pod } from '../../api/types.ts';
import { parseTimestamp } from '../../kernel/time.ts';
import { isPodActive, isPodReady, podReadyCondition } from './util.ts';

/** The annotation a user sets to steer scale-down (PodDeletionCost, beta since 1.22). */
export const POD_DELETION_COST_ANNOTATION = 'controller.kubernetes.io/pod-deletion-cost';

/** A pod with its rank: how many active related pods share its node. */
export interface RankedPod {
  pod: Pod;
  rank: number;
}

const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

/** Go's map lookup of podPhaseToOrdinal: a phase not in the map (or none) is 0. */
function phaseOrdinal(pod: Pod): number {
  return PHASE_ORDINAL[pod.status?.phase ?? ''] ?? 0;
}

/**
 * helper.GetDeletionCostFromPodAnnotations: an int32 in decimal; anything else (or out of range)
 * counts as 0, as the controller ignores the parse error.
 */
export function podDeletionCost(pod: Pod): number {
  const v = pod.metadata.annotations?.[POD_DELETION_COST_ANNOTATION];
  if (v === undefined || !/^[+-]?[0-9]+$/.test(v)) return 0;
  const n = Number(v);
  return n >= -2147483648 && n <= 2147483647 ? n : 0;
}

/** The highest restartCount among the pod's (app) containers. */
function maxRestarts(pod: Pod): number {
  let max = 0;
  for (const c of pod.status?.containerStatuses ?? []) max = Math.max(max, c.restartCount ?? 0);
  return max;
}

/** A timestamp in ms, or undefined for a zero (missing) time. */
function timeMs(ts: string | undefined): number | undefined {
  return ts ? parseTimestamp(ts) : undefined;
}

/** When the pod became Ready, if it is. */
function readyTimeMs(pod: Pod): number | undefined {
  const c = podReadyCondition(pod);
  return c?.status === 'True' ? timeMs(c.lastTransitionTime) : undefined;
}

/** floor(log2(age in ns)), −1 for a non-positive age: LogarithmicScaleDown's buckets. */
function logBucket(tMs: number, nowMs: number): number {
  const ageNs = (nowMs - tMs) * 1e6;
  return ageNs > 0 ? Math.floor(Math.log2(ageNs)) : -1;
}

/**
 * Compares two timestamps where the more recent one goes first: a zero time before any other
 * (afterOrZero), otherwise by logarithmic age bucket with ties broken by UID. Returns negative when
 * `a` is to be deleted first, positive when `b` is, 0 when the rule does not decide.
 */
function compareRecent(a: Pod, ta: number | undefined, b: Pod, tb: number | undefined, nowMs: number): number {
  if (ta === tb) return 0;
  if (ta === undefined || tb === undefined) return ta === undefined ? -1 : 1;
  const diff = logBucket(ta, nowMs) - logBucket(tb, nowMs);
  if (diff !== 0) return diff;
  const ua = a.metadata.uid ?? '';
  const ub = b.metadata.uid ?? '';
  return ua < ub ? -1 : ua > ub ? 1 : 0;
}

/** ActivePodsWithRanks.Less as a comparator: negative when `a` should be deleted before `b`. */
export function compareForDeletion(a: RankedPod, b: RankedPod, nowMs: number): number {
  const na = a.pod.spec?.nodeName ?? '';
  const nb = b.pod.spec?.nodeName ?? '';
  // 1. unassigned before assigned
  if (na !== nb && (na === '' || nb === '')) return na === '' ? -1 : 1;
  // 2. Pending < Unknown < Running
  const pa = phaseOrdinal(a.pod);
  const pb = phaseOrdinal(b.pod);
  if (pa !== pb) return pa - pb;
  // 3. not ready before ready
  const ra = isPodReady(a.pod);
  const rb = isPodReady(b.pod);
  if (ra !== rb) return ra ? 1 : -1;
  // 4. lower pod-deletion-cost first
  const ca = podDeletionCost(a.pod);
  const cb = podDeletionCost(b.pod);
  if (ca !== cb) return ca - cb;
  // 5. more related pods on the same node first
  if (a.rank !== b.rank) return b.rank - a.rank;
  // 6. both ready: more recently ready first
  if (ra && rb) {
    const c = compareRecent(a.pod, readyTimeMs(a.pod), b.pod, readyTimeMs(b.pod), nowMs);
    if (c !== 0) return c;
  }
  // 7. more container restarts first
  const xa = maxRestarts(a.pod);
  const xb = maxRestarts(b.pod);
  if (xa !== xb) return xb - xa;
  // 8. newer first
  return compareRecent(a.pod, timeMs(a.pod.metadata.creationTimestamp), b.pod, timeMs(b.pod.metadata.creationTimestamp), nowMs);
}

/**
 * getPodsRankedByRelatedPodsOnSameNode: each pod's rank is the number of active pods among
 * `related` on its node (pods without a node share the "" bucket, as upstream).
 */
export function rankByRelatedPodsOnSameNode(pods: readonly Pod[], related: readonly Pod[]): RankedPod[] {
  const onNode = new Map<string, number>();
  for (const p of related) {
    if (!isPodActive(p)) continue;
    const n = p.spec?.nodeName ?? '';
    onNode.set(n, (onNode.get(n) ?? 0) + 1);
  }
  return pods.map((pod) => ({ pod, rank: onNode.get(pod.spec?.nodeName ?? '') ?? 0 }));
}

/**
 * getPodsToDelete: the first `diff` pods in deletion order. When every pod goes there is nothing
 * to choose, so (like upstream) the list is not sorted. The sort is stable, so pods the rules
 * cannot tell apart keep their listed order (name order) and the choice stays deterministic.
 */
export function podsToDelete(pods: readonly Pod[], related: readonly Pod[], diff: number, nowMs: number): Pod[] {
  if (diff >= pods.length) return pods.slice(0, diff);
  const ranked = rankByRelatedPodsOnSameNode(pods, related);
  ranked.sort((a, b) => compareForDeletion(a, b, nowMs));
  return ranked.slice(0, diff).map((r) => r.pod);
}
