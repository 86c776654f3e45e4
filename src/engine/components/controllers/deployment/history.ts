/**
 * A Deployment's revision history as kubectl reads it (kubectl polymorphichelpers history.go and
 * rollback.go, v0.31): revisions from its ReplicaSets' annotations, and the client-side rollback
 * apps/v1 leaves to kubectl — copy the chosen ReplicaSet's template (without its
 * pod-template-hash label) and annotations back into the Deployment. Pure: callers read and write.
 */
import type { Deployment, PodTemplateSpec, ReplicaSet } from '../../../api/types.ts';
import { deepClone } from '../../../kernel/objects.ts';
import { ANNOTATIONS_TO_SKIP, CHANGE_CAUSE_ANNOTATION, equalIgnoreHash, REVISION_ANNOTATION } from './annotations.ts';
import { POD_TEMPLATE_HASH_LABEL } from './hash.ts';
import { controllerOf, selectorMatches } from '../util.ts';

/** One revision: its number, the ReplicaSet's template and the change-cause, if any. */
export interface Revision {
  revision: number;
  rs: ReplicaSet;
  changeCause: string | undefined;
}

/** GetAllReplicaSets: the ReplicaSets the Deployment controls that its selector still matches. */
export function ownedReplicaSets(d: Deployment, all: readonly ReplicaSet[]): ReplicaSet[] {
  return all.filter((rs) => controllerOf(rs)?.uid === d.metadata.uid && selectorMatches(d.spec.selector, rs.metadata.labels));
}

/** The revisions, ascending; an RS without a numeric revision annotation is left out. */
export function revisions(rss: readonly ReplicaSet[]): Revision[] {
  const byRevision = new Map<number, Revision>();
  for (const rs of rss) {
    const v = rs.metadata.annotations?.[REVISION_ANNOTATION];
    if (v === undefined || !/^\d+$/.test(v)) continue;
    byRevision.set(Number(v), { revision: Number(v), rs, changeCause: rs.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION] });
  }
  return [...byRevision.values()].sort((a, b) => a.revision - b.revision);
}

/** An error kubectl reports for a rollback (printed as `error: <message>`). */
export class RollbackError extends Error {}

/**
 * deploymentRevision: the ReplicaSet of `toRevision`, or for 0 the one with the second-highest
 * revision (the one before the current).
 */
export function replicaSetForRevision(d: Deployment, rss: readonly ReplicaSet[], toRevision: number): ReplicaSet {
  const revs = revisions(rss);
  if (toRevision > 0) {
    const hit = revs.find((r) => r.revision === toRevision);
    if (!hit) throw new RollbackError(`unable to find specified revision ${toRevision} in history`);
    return hit.rs;
  }
  if (revs.length < 2) throw new RollbackError(`no rollout history found for deployment "${d.metadata.name}"`);
  return revs[revs.length - 2].rs;
}

/** What `rollout undo` does: skip (already that template), or replace template and annotations. */
export type RollbackPlan = { kind: 'skip'; message: string } | { kind: 'patch'; template: PodTemplateSpec; annotations: Record<string, string> };

/** DeploymentRollbacker.Rollback, without the API calls. */
export function rollbackPlan(d: Deployment, rss: readonly ReplicaSet[], toRevision: number): RollbackPlan {
  if (toRevision < 0) throw new RollbackError(`unable to find specified revision ${toRevision} in history`);
  const rs = replicaSetForRevision(d, rss, toRevision);
  if (d.spec.paused) throw new RollbackError("you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again");
  if (equalIgnoreHash(rs.spec.template, d.spec.template)) {
    return { kind: 'skip', message: `skipped rollback (current template already matches revision ${toRevision})` };
  }
  const template = deepClone(rs.spec.template);
  if (template.metadata?.labels) delete template.metadata.labels[POD_TEMPLATE_HASH_LABEL];
  const annotations: Record<string, string> = {};
  for (const k of ANNOTATIONS_TO_SKIP) {
    const v = d.metadata.annotations?.[k];
    if (v !== undefined) annotations[k] = v;
  }
  for (const [k, v] of Object.entries(rs.metadata.annotations ?? {})) if (!ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v;
  return { kind: 'patch', template, annotations };
}
