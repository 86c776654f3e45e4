/**
 * `kubectl rollout status|history|undo` for DaemonSets and StatefulSets (kubectl v0.31
 * polymorphichelpers: DaemonSetStatusViewer, StatefulSetStatusViewer, the ControllerRevision
 * HistoryViewers and Rollbackers). Their history is the owner's ControllerRevisions; an undo
 * strategic-merge-patches the chosen revision's stored template back onto the owner. Pure
 * functions over what the verbs fetched: the rollout verbs dispatch to them by kind.
 */
import { applyPatch } from '../../../engine/api/patch.ts';
import type { KObject, PodTemplateSpec } from '../../../engine/api/types.ts';
import { revisionMatches, type ControllerRevision } from '../../../engine/components/controllers/history.ts';
import { isControlledBy, selectorMatches } from '../../../engine/components/controllers/util.ts';
import { alignTabs } from '../../printers/tabwriter.ts';
import { CommandError } from '../../types.ts';
import type { RolloutStatus } from './status-viewer.ts';

const CHANGE_CAUSE_ANNOTATION = 'kubernetes.io/change-cause';

interface WorkloadStatus {
  observedGeneration?: number;
  desiredNumberScheduled?: number;
  updatedNumberScheduled?: number;
  numberAvailable?: number;
  replicas?: number;
  readyReplicas?: number;
  updatedReplicas?: number;
  currentReplicas?: number;
  currentRevision?: string;
  updateRevision?: string;
}

interface Workload extends KObject {
  spec: { replicas?: number; selector?: { matchLabels?: Record<string, string> }; updateStrategy?: { type?: string; rollingUpdate?: { partition?: number } } };
  status?: WorkloadStatus;
}

const notRollingUpdate = (): CommandError => new CommandError('error: rollout status is only available for RollingUpdate strategy type');

/** DaemonSetStatusViewer.Status. */
export function daemonSetRolloutStatus(ds: Workload): RolloutStatus {
  if (ds.spec.updateStrategy?.type !== 'RollingUpdate') throw notRollingUpdate();
  const s = ds.status ?? {};
  const name = ds.metadata.name ?? '';
  if ((ds.metadata.generation ?? 0) > (s.observedGeneration ?? 0)) return { message: 'Waiting for daemon set spec update to be observed...\n', done: false };
  const desired = s.desiredNumberScheduled ?? 0;
  const updated = s.updatedNumberScheduled ?? 0;
  const available = s.numberAvailable ?? 0;
  if (updated < desired) return { message: `Waiting for daemon set "${name}" rollout to finish: ${updated} out of ${desired} new pods have been updated...\n`, done: false };
  if (available < desired) return { message: `Waiting for daemon set "${name}" rollout to finish: ${available} of ${desired} updated pods are available...\n`, done: false };
  return { message: `daemon set "${name}" successfully rolled out\n`, done: true };
}

/**
 * StatefulSetStatusViewer.Status. A RollingUpdate with a rollingUpdate block (which the API
 * server always defaults) reports as a partitioned roll out, even with partition 0.
 */
export function statefulSetRolloutStatus(sts: Workload): RolloutStatus {
  const strategy = sts.spec.updateStrategy;
  if (strategy?.type !== 'RollingUpdate') throw notRollingUpdate();
  const s = sts.status ?? {};
  const observed = s.observedGeneration ?? 0;
  if (observed === 0 || (sts.metadata.generation ?? 0) > observed) return { message: 'Waiting for statefulset spec update to be observed...\n', done: false };
  const replicas = sts.spec.replicas;
  const ready = s.readyReplicas ?? 0;
  if (replicas !== undefined && ready < replicas) return { message: `Waiting for ${replicas - ready} pods to be ready...\n`, done: false };
  const updated = s.updatedReplicas ?? 0;
  if (strategy.rollingUpdate) {
    const partition = strategy.rollingUpdate.partition;
    if (replicas !== undefined && partition !== undefined && updated < replicas - partition) {
      return { message: `Waiting for partitioned roll out to finish: ${updated} out of ${replicas - partition} new pods have been updated...\n`, done: false };
    }
    return { message: `partitioned roll out complete: ${updated} new pods have been updated...\n`, done: true };
  }
  if (s.updateRevision !== s.currentRevision) {
    return { message: `waiting for statefulset rolling update to complete ${updated} pods at revision ${s.updateRevision ?? ''}...\n`, done: false };
  }
  return { message: `statefulset rolling update complete ${s.currentReplicas ?? 0} pods at revision ${s.currentRevision ?? ''}...\n`, done: true };
}

/** controlledHistories: the revisions the owner's selector matches and the owner controls. */
export function ownerRevisions(owner: Workload, all: readonly ControllerRevision[]): ControllerRevision[] {
  return all.filter((r) => selectorMatches(owner.spec.selector, r.metadata.labels) && isControlledBy(r, owner));
}

/** The template a revision recorded (its patch's spec.template without `$patch`). */
export function revisionTemplate(rev: ControllerRevision): PodTemplateSpec {
  const { $patch: _replace, ...template } = ((rev.data as { spec?: { template?: Record<string, unknown> } }).spec?.template ?? {}) as Record<string, unknown>;
  return template as unknown as PodTemplateSpec;
}

/**
 * printHistory's overview: `REVISION  CHANGE-CAUSE` by revision number, or kubectl's
 * "No rollout history found." when there is none.
 */
export function revisionHistoryTable(revs: readonly ControllerRevision[]): string {
  const byNumber = new Map(revs.map((r) => [r.revision, r]));
  if (byNumber.size === 0) return 'No rollout history found.';
  const rows = [...byNumber.keys()]
    .sort((a, b) => a - b)
    .map((n) => `${n}\t${byNumber.get(n)?.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION] || '<none>'}\n`)
    .join('');
  return alignTabs(`REVISION\tCHANGE-CAUSE\n${rows}`, { minWidth: 0, padding: 2, padChar: ' ' });
}

/** printHistory with --revision: the revision's template, or kubectl's error when there is none. */
export function historyRevision(revs: readonly ControllerRevision[], revision: number): PodTemplateSpec {
  const hit = revs.find((r) => r.revision === revision);
  if (!hit) throw new CommandError('error: unable to find the specified revision');
  return revisionTemplate(hit);
}

/**
 * GetHistory of the DaemonSet and StatefulSet viewers (`rollout history -o`): each revision as
 * the owner with that revision's data strategic-merge-patched onto it (applyDaemonSetHistory),
 * by revision number.
 */
export function revisionObjects(owner: KObject, revs: readonly ControllerRevision[]): Map<number, KObject> {
  return new Map(revs.map((r) => [r.revision, applyPatch(owner, r.data, 'strategic') as KObject]));
}

/**
 * The revision an undo goes to: --to-revision 0 means the revision before the highest (kubectl's
 * "no last revision to roll back to" when there is none).
 */
export function rollbackRevision(revs: readonly ControllerRevision[], toRevision: number): ControllerRevision {
  if (toRevision < 0) throw new CommandError(`error: unable to find specified revision ${toRevision} in history`);
  if (toRevision === 0 && revs.length <= 1) throw new CommandError('error: no last revision to roll back to');
  const sorted = [...revs].sort((a, b) => a.revision - b.revision);
  const target = toRevision === 0 ? sorted[sorted.length - 2] : sorted.find((r) => r.revision === toRevision);
  if (!target) throw new CommandError(`error: unable to find specified revision ${toRevision} in history`);
  return target;
}

/** What an undo does: patch the owner with a revision's data, or say why it skips. */
export type RevisionRollback = { kind: 'patch'; patch: unknown } | { kind: 'skip'; message: string };

/**
 * DaemonSetRollbacker / StatefulSetRollbacker.Rollback: the owner is strategic-merge-patched with
 * the chosen revision's data unless its template already matches ("skipped rollback (current
 * template already matches revision N)").
 */
export function revisionRollback(owner: Workload, revs: readonly ControllerRevision[], toRevision: number): RevisionRollback {
  const target = rollbackRevision(revs, toRevision);
  if (revisionMatches(owner, target)) return { kind: 'skip', message: `skipped rollback (current template already matches revision ${toRevision})` };
  return { kind: 'patch', patch: target.data };
}
