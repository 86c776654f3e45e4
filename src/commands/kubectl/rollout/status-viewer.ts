/**
 * DeploymentStatusViewer.Status (kubectl polymorphichelpers rollout_status.go, v0.31; reference
 * §13.4): one line saying where a rollout is, whether it is done, or the error that ends the wait.
 */
import type { Deployment } from '../../../engine/api/types.ts';
import { CommandError } from '../../types.ts';

export interface RolloutStatus {
  message: string;
  done: boolean;
}

/** The status line for a Deployment (throws for a passed deadline or a revision mismatch). */
export function deploymentRolloutStatus(d: Deployment, revision = 0): RolloutStatus {
  const name = d.metadata.name ?? '';
  if (revision > 0) {
    const current = Number(d.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? '0');
    if (current !== revision) throw new CommandError(`error: desired revision (${revision}) is different from the running revision (${current})`);
  }
  const s = d.status ?? {};
  if ((d.metadata.generation ?? 0) > (s.observedGeneration ?? 0)) return { message: 'Waiting for deployment spec update to be observed...\n', done: false };
  const progressing = s.conditions?.find((c) => c.type === 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') throw new CommandError(`error: deployment "${name}" exceeded its progress deadline`);
  const replicas = d.spec.replicas;
  const updated = s.updatedReplicas ?? 0;
  const waiting = (what: string): RolloutStatus => ({ message: `Waiting for deployment "${name}" rollout to finish: ${what}...\n`, done: false });
  if (replicas !== undefined && updated < replicas) return waiting(`${updated} out of ${replicas} new replicas have been updated`);
  if ((s.replicas ?? 0) > updated) return waiting(`${(s.replicas ?? 0) - updated} old replicas are pending termination`);
  if ((s.availableReplicas ?? 0) < updated) return waiting(`${s.availableReplicas ?? 0} of ${updated} updated replicas are available`);
  return { message: `deployment "${name}" successfully rolled out\n`, done: true };
}
