/**
 * syncRolloutStatus and requeueStuckDeployment (pkg/controller/deployment/progress.go): the status
 * of a Deployment during a rollout, with the Progressing condition (NewReplicaSetAvailable,
 * ReplicaSetUpdated, ProgressDeadlineExceeded), ReplicaFailure copied from the ReplicaSets, and a
 * look again when the progress deadline falls due.
 */
import type { Condition, ReplicaSet } from '../../../api/types.ts';
import { deepEqual } from '../../../kernel/objects.ts';
import {
  deploymentComplete,
  deploymentProgressing,
  deploymentTimedOut,
  getCondition,
  hasProgressDeadline,
  newCondition,
  progressDeadlineAtMs,
  REASON,
  removeCondition,
  setCondition,
  type DeploymentStatus,
} from './conditions.ts';
import { calculateStatus, type DeploymentSync } from './sync.ts';

/** syncRolloutStatus */
export function syncRolloutStatus(s: DeploymentSync, allRSs: readonly ReplicaSet[], newRS: ReplicaSet | undefined): void {
  const d = s.d;
  const now = s.env.nowMs;
  const status = calculateStatus(allRSs, newRS, d, now);
  if (!hasProgressDeadline(d)) removeCondition(status, 'Progressing');
  const current = getCondition(d.status, 'Progressing');
  const complete = status.replicas === status.updatedReplicas && current?.reason === REASON.newRSAvailable;
  if (hasProgressDeadline(d) && !complete) updateProgressing(s, status, newRS, current);
  const failure = replicaFailure(allRSs, newRS);
  if (failure) setCondition(status, failure);
  else removeCondition(status, 'ReplicaFailure');
  if (deepEqual(d.status ?? {}, status)) {
    requeueStuck(s, status);
    return;
  }
  s.writeStatus(status);
}

function updateProgressing(s: DeploymentSync, status: DeploymentStatus, newRS: ReplicaSet | undefined, current: Condition | undefined): void {
  const d = s.d;
  const now = s.env.nowMs;
  const subject = newRS ? `ReplicaSet "${newRS.metadata.name}"` : `Deployment "${d.metadata.name}"`;
  if (deploymentComplete(d, status)) {
    setCondition(status, newCondition('Progressing', 'True', REASON.newRSAvailable, `${subject} has successfully progressed.`, now));
  } else if (deploymentProgressing(d, status)) {
    const cond = newCondition('Progressing', 'True', REASON.replicaSetUpdated, `${subject} is progressing.`, now);
    if (current) {
      if (current.status === 'True') cond.lastTransitionTime = current.lastTransitionTime;
      removeCondition(status, 'Progressing');
    }
    setCondition(status, cond);
  } else if (deploymentTimedOut(d, status, now)) {
    setCondition(status, newCondition('Progressing', 'False', REASON.timedOut, `${subject} has timed out progressing.`, now));
  }
}

/** getReplicaFailures: the new RS's ReplicaFailure first, else an old one's. */
function replicaFailure(allRSs: readonly ReplicaSet[], newRS: ReplicaSet | undefined): Condition | undefined {
  const from = (rs: ReplicaSet | undefined): Condition | undefined => rs?.status?.conditions?.find((c) => c.type === 'ReplicaFailure');
  const c = from(newRS) ?? allRSs.map(from).find((x) => x !== undefined);
  if (!c) return undefined;
  // ReplicaSetToDeploymentCondition: both times are the RS condition's transition time.
  return { type: c.type, status: c.status, lastUpdateTime: c.lastTransitionTime, lastTransitionTime: c.lastTransitionTime, reason: c.reason, message: c.message };
}

/**
 * requeueStuckDeployment: while a rollout is neither complete nor timed out, look again when the
 * deadline passes (one second after it, as AddAfter is given; at once when under a second is left).
 */
function requeueStuck(s: DeploymentSync, status: DeploymentStatus): void {
  const d = s.d;
  const current = getCondition(d.status, 'Progressing');
  if (!hasProgressDeadline(d) || !current) return;
  if (deploymentComplete(d, status) || current.reason === REASON.timedOut) return;
  const afterMs = progressDeadlineAtMs(d, current) - s.env.nowMs;
  s.requeueAfterMs = afterMs < 1000 ? Math.max(5, afterMs + 1) : afterMs + 1000;
}
