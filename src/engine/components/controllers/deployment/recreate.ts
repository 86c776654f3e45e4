/**
 * rolloutRecreate (pkg/controller/deployment/recreate.go): scale every old ReplicaSet to 0, wait
 * until none of their pods is still running (only Succeeded/Failed may remain), and only then
 * create the new ReplicaSet at full size — so old and new pods never run together.
 */
import type { Pod, ReplicaSet } from '../../../api/types.ts';
import { deploymentComplete } from './conditions.ts';
import { syncRolloutStatus } from './progress.ts';
import { activeReplicaSets, actualTotal, replicasOf } from './replicas.ts';
import { allOf, type DeploymentSync } from './sync.ts';

/** Pods of the Deployment by the uid of the ReplicaSet that controls them. */
export type PodMap = Map<string, Pod[]>;

export function rolloutRecreate(s: DeploymentSync, rsList: readonly ReplicaSet[], podMap: PodMap): void {
  let { newRS, oldRSs } = s.allReplicaSets(rsList, false);
  let allRSs = allOf({ newRS, oldRSs });
  let scaledDown = false;
  for (const rs of activeReplicaSets(oldRSs)) {
    if (s.scaleAndRecord(rs, 0) !== rs) scaledDown = true;
  }
  if (scaledDown || oldPodsRunning(newRS, oldRSs, podMap)) {
    syncRolloutStatus(s, allRSs, newRS);
    return;
  }
  if (!newRS) {
    ({ newRS, oldRSs } = s.allReplicaSets(rsList, true));
    allRSs = allOf({ newRS, oldRSs });
  }
  if (newRS) s.scaleAndRecord(newRS, replicasOf(s.d));
  if (deploymentComplete(s.d, s.d.status ?? {})) s.cleanup(oldRSs);
  syncRolloutStatus(s, allRSs, newRS);
}

/** oldPodsRunning: old ReplicaSets still report pods, or one of their pods is not finished. */
export function oldPodsRunning(newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[], podMap: PodMap): boolean {
  if (actualTotal(oldRSs) > 0) return true;
  for (const [uid, pods] of podMap) {
    if (newRS && newRS.metadata.uid === uid) continue;
    if (pods.some((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed')) return true;
  }
  return false;
}
