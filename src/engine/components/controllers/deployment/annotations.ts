/**
 * Revisions and the annotations the Deployment controller keeps on ReplicaSets
 * (deployment_util.go: SetNewReplicaSetAnnotations, SetReplicasAnnotations, MaxRevision, and
 * the annotations a Deployment passes on to its ReplicaSets), reference §7.6.
 */
import type { Deployment, ReplicaSet } from '../../../api/types.ts';
import { deepEqual } from '../../../kernel/objects.ts';
import { POD_TEMPLATE_HASH_LABEL } from './hash.ts';
import { DESIRED_REPLICAS_ANNOTATION, MAX_REPLICAS_ANNOTATION, maxSurge, replicasOf } from './replicas.ts';

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY_ANNOTATION = 'deployment.kubernetes.io/revision-history';
/** kubectl's change-cause annotation (`kubectl rollout history` prints it). */
export const CHANGE_CAUSE_ANNOTATION = 'kubernetes.io/change-cause';
/** sync.go maxRevHistoryLengthInChars */
export const MAX_REV_HISTORY_CHARS = 2000;

/**
 * annotationsToSkip: Deployment annotations never copied to a ReplicaSet, and (kubectl's copy of the
 * same list, rollback.go) never taken back from one on rollback.
 */
export const ANNOTATIONS_TO_SKIP: ReadonlySet<string> = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  'deprecated.deployment.rollback.to',
]);

/** An object's revision (0 when missing or not a number, as Revision() with its error ignored). */
export function revisionOf(obj: { metadata: { annotations?: Record<string, string> } }): number {
  const v = obj.metadata.annotations?.[REVISION_ANNOTATION];
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : 0;
}

/** MaxRevision over ReplicaSets. */
export function maxRevision(rss: readonly ReplicaSet[]): number {
  return rss.reduce((m, rs) => Math.max(m, revisionOf(rs)), 0);
}

/** copyDeploymentAnnotationsToReplicaSet: all but the skipped ones; true if any changed. */
function copyDeploymentAnnotations(d: Deployment, ann: Record<string, string>): boolean {
  let changed = false;
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) {
    if (ANNOTATIONS_TO_SKIP.has(k) || ann[k] === v) continue;
    ann[k] = v;
    changed = true;
  }
  return changed;
}

/** The revision-history annotation with `oldRevision` appended, dropping the oldest past the limit. */
function appendHistory(history: string | undefined, oldRevision: string): string | undefined {
  if (!history) return oldRevision;
  const revs = history.split(',');
  let total = history.length + oldRevision.length + 1;
  let start = 0;
  while (total > MAX_REV_HISTORY_CHARS && start < revs.length) {
    total -= revs[start].length + 1;
    start++;
  }
  return total <= MAX_REV_HISTORY_CHARS ? [...revs.slice(start), oldRevision].join(',') : history;
}

/** SetReplicasAnnotations on a mutable annotation map; true if it changed. */
export function setReplicasAnnotations(ann: Record<string, string>, desired: number, max: number): boolean {
  let changed = false;
  if (ann[DESIRED_REPLICAS_ANNOTATION] !== String(desired)) {
    ann[DESIRED_REPLICAS_ANNOTATION] = String(desired);
    changed = true;
  }
  if (ann[MAX_REPLICAS_ANNOTATION] !== String(max)) {
    ann[MAX_REPLICAS_ANNOTATION] = String(max);
    changed = true;
  }
  return changed;
}

/** The desired / max replica annotations a Deployment wants on its ReplicaSets now. */
export function replicasAnnotationsFor(d: Deployment): { desired: number; max: number } {
  return { desired: replicasOf(d), max: replicasOf(d) + maxSurge(d) };
}

/**
 * SetNewReplicaSetAnnotations on a mutable annotation map: the Deployment's annotations, the
 * revision raised to `newRevision` (remembering the old one in revision-history when it had one:
 * a rollback re-uses an RS), and for an RS about to be created the replica annotations.
 */
export function setNewReplicaSetAnnotations(d: Deployment, ann: Record<string, string>, newRevision: number, exists: boolean): boolean {
  let changed = copyDeploymentAnnotations(d, ann);
  const oldText = ann[REVISION_ANNOTATION];
  if (oldText !== undefined && !/^\d+$/.test(oldText)) return false;
  const old = oldText === undefined ? 0 : Number(oldText);
  if (old < newRevision) {
    ann[REVISION_ANNOTATION] = String(newRevision);
    changed = true;
    if (oldText !== undefined) {
      const history = appendHistory(ann[REVISION_HISTORY_ANNOTATION], oldText);
      if (history !== undefined) ann[REVISION_HISTORY_ANNOTATION] = history;
    }
  }
  if (!exists) {
    const { desired, max } = replicasAnnotationsFor(d);
    if (setReplicasAnnotations(ann, desired, max)) changed = true;
  }
  return changed;
}

/** desired-replicas of an RS, if set and numeric (GetDesiredReplicasAnnotation). */
export function desiredReplicasAnnotation(rs: ReplicaSet): number | undefined {
  const v = rs.metadata.annotations?.[DESIRED_REPLICAS_ANNOTATION];
  return v !== undefined && /^-?\d+$/.test(v) ? Number(v) : undefined;
}

/** A pod template without its pod-template-hash label. */
function withoutHash(t: unknown): unknown {
  const tpl = t as { metadata?: { labels?: Record<string, string> } };
  const labels = { ...(tpl?.metadata?.labels ?? {}) };
  delete labels[POD_TEMPLATE_HASH_LABEL];
  const metadata = { ...(tpl?.metadata ?? {}), labels };
  if (Object.keys(labels).length === 0) delete (metadata as { labels?: unknown }).labels;
  return { ...(tpl as object), metadata };
}

/** EqualIgnoreHash: two pod templates equal once the pod-template-hash label is ignored. */
export function equalIgnoreHash(a: unknown, b: unknown): boolean {
  return deepEqual(withoutHash(a), withoutHash(b));
}
