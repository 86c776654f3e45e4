/**
 * rolloutRolling (pkg/controller/deployment/rolling.go): one sync either grows the new
 * ReplicaSet (within maxSurge), or shrinks old ones (within maxUnavailable), or — once the
 * rollout is complete — cleans up history; then the rollout status.
 */
import type { ReplicaSet } from '../../../api/types.ts';
import { syncRolloutStatus } from './progress.ts';
import { deploymentComplete } from './conditions.ts';
import { activeReplicaSets, newReplicaSetTarget, reconcileOldReplicaSets, replicasOf } from './replicas.ts';
import { allOf, type DeploymentSync } from './sync.ts';

export function rolloutRolling(s: DeploymentSync, rsList: readonly ReplicaSet[]): void {
  const { newRS, oldRSs } = s.allReplicaSets(rsList, true);
  const allRSs = allOf({ newRS, oldRSs });
  if (newRS && reconcileNewReplicaSet(s, allRSs, newRS)) {
    syncRolloutStatus(s, allRSs, newRS);
    return;
  }
  if (newRS && reconcileOld(s, allRSs, activeReplicaSets(oldRSs), newRS)) {
    syncRolloutStatus(s, allRSs, newRS);
    return;
  }
  if (deploymentComplete(s.d, s.d.status ?? {})) s.cleanup(oldRSs);
  syncRolloutStatus(s, allRSs, newRS);
}

/** reconcileNewReplicaSet: whether the new RS was resized. */
function reconcileNewReplicaSet(s: DeploymentSync, allRSs: readonly ReplicaSet[], newRS: ReplicaSet): boolean {
  if (replicasOf(newRS) === replicasOf(s.d)) return false;
  return s.scaleAndRecord(newRS, newReplicaSetTarget(s.d, allRSs, newRS)) !== newRS;
}

/** reconcileOldReplicaSets, applying its plans in order. */
function reconcileOld(s: DeploymentSync, allRSs: readonly ReplicaSet[], oldRSs: readonly ReplicaSet[], newRS: ReplicaSet): boolean {
  const plans = reconcileOldReplicaSets(s.d, allRSs, oldRSs, newRS);
  for (const p of plans) s.scaleAndRecord(p.rs, p.to);
  return plans.length > 0;
}
