/**
 * The Deployment controller's arithmetic as pure functions (pkg/controller/deployment/util and
 * rolling.go, reference §7.2–7.3): maxSurge / maxUnavailable (ResolveFenceposts), how far the new
 * ReplicaSet may grow (NewRSNewReplicas), how many old replicas may go (reconcileOldReplicaSets:
 * cleanupUnhealthyReplicas, then scaleDownOldReplicaSetsForRollingUpdate), and the proportions a
 * mid-rollout resize hands each ReplicaSet. They return plans (`{rs, to}`); sync.ts applies them.
 */
import type { Deployment, ReplicaSet } from '../../../api/types.ts';
import { parseTimestamp } from '../../../kernel/time.ts';

/** deployment.kubernetes.io/max-replicas: replicas + maxSurge when the RS was last sized. */
export const MAX_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/max-replicas';
/** deployment.kubernetes.io/desired-replicas: the Deployment's replicas when the RS was last sized. */
export const DESIRED_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/desired-replicas';

/** One ReplicaSet resize the controller wants. */
export interface ScalePlan {
  rs: ReplicaSet;
  to: number;
}

/** An error ResolveFenceposts reports (a bad int-or-percent). */
export class IntOrPercentError extends Error {}

/** intstr.GetScaledValueFromIntOrPercent: percentages scaled to `total`, rounded up or down. */
export function scaledValue(v: number | string | undefined, total: number, roundUp: boolean): number {
  if (v === undefined) throw new IntOrPercentError('nil value for IntOrString');
  if (typeof v === 'number') return v;
  if (!v.endsWith('%')) throw new IntOrPercentError('invalid value for IntOrString: invalid type: string is not a percentage');
  const digits = v.slice(0, -1);
  if (!/^[+-]?\d+$/.test(digits)) throw new IntOrPercentError(`invalid value for IntOrString: invalid value "${v}": strconv.Atoi: parsing "${digits}": invalid syntax`);
  const scaled = (Number(digits) * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}

/** ResolveFenceposts: surge rounds up, unavailable down; both 0 makes unavailable 1. */
export function resolveFenceposts(maxSurge: number | string | undefined, maxUnavailable: number | string | undefined, desired: number): { surge: number; unavailable: number } {
  const surge = scaledValue(maxSurge ?? 0, desired, true);
  const unavailable = scaledValue(maxUnavailable ?? 0, desired, false);
  return surge === 0 && unavailable === 0 ? { surge, unavailable: 1 } : { surge, unavailable };
}

/** spec.replicas of a Deployment or ReplicaSet (the API server defaults it to 1). */
export function replicasOf(obj: Deployment | ReplicaSet): number {
  return obj.spec.replicas ?? 1;
}

export function isRollingUpdate(d: Deployment): boolean {
  return (d.spec.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
}

/** MaxSurge: 0 for Recreate. */
export function maxSurge(d: Deployment): number {
  if (!isRollingUpdate(d)) return 0;
  const ru = d.spec.strategy?.rollingUpdate;
  return resolveFenceposts(ru?.maxSurge, ru?.maxUnavailable, replicasOf(d)).surge;
}

/** MaxUnavailable: 0 for Recreate or 0 replicas, never more than replicas. */
export function maxUnavailable(d: Deployment): number {
  const replicas = replicasOf(d);
  if (!isRollingUpdate(d) || replicas === 0) return 0;
  const ru = d.spec.strategy?.rollingUpdate;
  return Math.min(resolveFenceposts(ru?.maxSurge, ru?.maxUnavailable, replicas).unavailable, replicas);
}

/** GetReplicaCountForReplicaSets: Σ spec.replicas. */
export function specTotal(rss: readonly ReplicaSet[]): number {
  return rss.reduce((n, rs) => n + replicasOf(rs), 0);
}

/** GetActualReplicaCountForReplicaSets: Σ status.replicas. */
export function actualTotal(rss: readonly ReplicaSet[]): number {
  return rss.reduce((n, rs) => n + (rs.status?.replicas ?? 0), 0);
}

/** GetAvailableReplicaCountForReplicaSets: Σ status.availableReplicas. */
export function availableTotal(rss: readonly ReplicaSet[]): number {
  return rss.reduce((n, rs) => n + (rs.status?.availableReplicas ?? 0), 0);
}

/** GetReadyReplicaCountForReplicaSets: Σ status.readyReplicas. */
export function readyTotal(rss: readonly ReplicaSet[]): number {
  return rss.reduce((n, rs) => n + (rs.status?.readyReplicas ?? 0), 0);
}

/** FilterActiveReplicaSets: spec.replicas > 0. */
export function activeReplicaSets(rss: readonly ReplicaSet[]): ReplicaSet[] {
  return rss.filter((rs) => replicasOf(rs) > 0);
}

function createdMs(rs: ReplicaSet): number {
  return rs.metadata.creationTimestamp ? parseTimestamp(rs.metadata.creationTimestamp) : 0;
}

/** ReplicaSetsByCreationTimestamp: oldest first, ties by name. */
export function byCreation(a: ReplicaSet, b: ReplicaSet): number {
  const d = createdMs(a) - createdMs(b);
  if (d !== 0) return d;
  const an = a.metadata.name ?? '';
  const bn = b.metadata.name ?? '';
  return an < bn ? -1 : an > bn ? 1 : 0;
}

/** ReplicaSetsBySizeOlder: larger first, then older first. */
export function bySizeOlder(a: ReplicaSet, b: ReplicaSet): number {
  return replicasOf(b) - replicasOf(a) || byCreation(a, b);
}

/** ReplicaSetsBySizeNewer: larger first, then newer first. */
export function bySizeNewer(a: ReplicaSet, b: ReplicaSet): number {
  return replicasOf(b) - replicasOf(a) || byCreation(b, a);
}

/**
 * NewRSNewReplicas: RollingUpdate grows the new RS up to replicas + surge in total, never past
 * replicas; Recreate goes straight to replicas.
 */
export function newRSNewReplicas(d: Deployment, allRSs: readonly ReplicaSet[], newRS: ReplicaSet): number {
  if (!isRollingUpdate(d)) return replicasOf(d);
  const replicas = replicasOf(d);
  const maxTotal = replicas + maxSurge(d);
  const current = specTotal(allRSs);
  if (current >= maxTotal) return replicasOf(newRS);
  return replicasOf(newRS) + Math.min(maxTotal - current, replicas - replicasOf(newRS));
}

/** reconcileNewReplicaSet's target: down to replicas if over, else as far up as NewRSNewReplicas allows. */
export function newReplicaSetTarget(d: Deployment, allRSs: readonly ReplicaSet[], newRS: ReplicaSet): number {
  const replicas = replicasOf(d);
  if (replicasOf(newRS) >= replicas) return replicas;
  return newRSNewReplicas(d, allRSs, newRS);
}

/** The RS sizes a plan leaves, for the next step to read. */
function applied(rss: readonly ReplicaSet[], plans: readonly ScalePlan[]): ReplicaSet[] {
  return rss.map((rs) => {
    const p = plans.find((x) => x.rs === rs);
    return p ? { ...rs, spec: { ...rs.spec, replicas: p.to } } : rs;
  });
}

/** cleanupUnhealthyReplicas: oldest first, drop up to `maxCleanup` replicas that are not available. */
export function cleanupUnhealthyReplicas(oldRSs: readonly ReplicaSet[], maxCleanup: number): ScalePlan[] {
  const plans: ScalePlan[] = [];
  let done = 0;
  for (const rs of [...oldRSs].sort(byCreation)) {
    if (done >= maxCleanup) break;
    const replicas = replicasOf(rs);
    const available = rs.status?.availableReplicas ?? 0;
    if (replicas === 0 || replicas === available) continue;
    const n = Math.min(maxCleanup - done, replicas - available);
    plans.push({ rs, to: replicas - n });
    done += n;
  }
  return plans;
}

/** scaleDownOldReplicaSetsForRollingUpdate: remove what is available beyond minAvailable, oldest first. */
export function scaleDownOldForRollingUpdate(d: Deployment, allRSs: readonly ReplicaSet[], oldRSs: readonly ReplicaSet[]): ScalePlan[] {
  const minAvailable = replicasOf(d) - maxUnavailable(d);
  const available = availableTotal(allRSs);
  if (available <= minAvailable) return [];
  const want = available - minAvailable;
  const plans: ScalePlan[] = [];
  let done = 0;
  for (const rs of [...oldRSs].sort(byCreation)) {
    if (done >= want) break;
    const replicas = replicasOf(rs);
    if (replicas === 0) continue;
    const n = Math.min(replicas, want - done);
    plans.push({ rs, to: replicas - n });
    done += n;
  }
  return plans;
}

/**
 * reconcileOldReplicaSets: how far the old ReplicaSets may shrink without going under
 * replicas − maxUnavailable available pods, counting the new RS's unavailable pods against it.
 * The plans of both steps, in order (an RS may appear in each).
 */
export function reconcileOldReplicaSets(d: Deployment, allRSs: readonly ReplicaSet[], oldRSs: readonly ReplicaSet[], newRS: ReplicaSet): ScalePlan[] {
  if (specTotal(oldRSs) === 0) return [];
  const minAvailable = replicasOf(d) - maxUnavailable(d);
  const newUnavailable = replicasOf(newRS) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = specTotal(allRSs) - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return [];
  const cleanup = cleanupUnhealthyReplicas(oldRSs, maxScaledDown);
  const oldAfter = applied(oldRSs, cleanup);
  const scaleDown = scaleDownOldForRollingUpdate(d, [...oldAfter, newRS], oldAfter);
  // Map the second step's plans back onto the RS objects the caller holds.
  return [...cleanup, ...scaleDown.map((p) => ({ rs: oldRSs[oldAfter.indexOf(p.rs)], to: p.to }))];
}

/** integer.RoundToInt32: math.Round, halves away from zero. */
function roundHalfAway(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

/** getReplicaSetFraction: the RS's share of the new maximum, by the max-replicas it was sized for. */
export function replicaSetFraction(rs: ReplicaSet, d: Deployment): number {
  const replicas = replicasOf(d);
  if (replicas === 0) return -replicasOf(rs);
  const deploymentMax = replicas + maxSurge(d);
  const raw = rs.metadata.annotations?.[MAX_REPLICAS_ANNOTATION];
  const annotated = raw !== undefined && /^-?\d+$/.test(raw) ? Number(raw) : (d.status?.replicas ?? 0);
  return roundHalfAway((replicasOf(rs) * deploymentMax) / annotated) - replicasOf(rs);
}

/** GetProportion: the fraction, bounded by what is still left to add (or remove). */
export function proportion(rs: ReplicaSet, d: Deployment, toAdd: number, added: number): number {
  if (replicasOf(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = replicaSetFraction(rs, d);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

/**
 * The proportional part of `scale` (sync.go): spread (replicas + surge) − Σ active replicas over the
 * active ReplicaSets, largest first (newer first when growing, older first when shrinking); the
 * leftover goes to the first. Returns the new size of every active RS, in that order.
 */
export function proportionalScale(d: Deployment, active: readonly ReplicaSet[]): { plans: ScalePlan[]; operation: 'up' | 'down' | '' } {
  const allowed = replicasOf(d) > 0 ? replicasOf(d) + maxSurge(d) : 0;
  const toAdd = allowed - specTotal(active);
  const operation = toAdd > 0 ? 'up' : toAdd < 0 ? 'down' : '';
  const sorted = toAdd > 0 ? [...active].sort(bySizeNewer) : toAdd < 0 ? [...active].sort(bySizeOlder) : [...active];
  let added = 0;
  const sizes = sorted.map((rs) => {
    if (toAdd === 0) return replicasOf(rs);
    const p = proportion(rs, d, toAdd, added);
    added += p;
    return replicasOf(rs) + p;
  });
  if (toAdd !== 0 && sizes.length > 0) sizes[0] = Math.max(0, sizes[0] + toAdd - added);
  return { plans: sorted.map((rs, i) => ({ rs, to: sizes[i] })), operation };
}
