/**
 * ControllerRevisions, as the DaemonSet and StatefulSet controllers keep them
 * (pkg/controller/history and the two controllers' getPatch): each revision stores the template
 * as a strategic-merge patch `{"spec":{"template":{…,"$patch":"replace"}}}`, carries a revision
 * number, and is named `<owner>-<hash>`. Revisions are claimed like pods (orphans matching the
 * owner's selector are adopted).
 */
import type { ApiStore } from '../../api/store.ts';
import type { KObject, LabelSelector } from '../../api/types.ts';
import { podTemplateHash } from '../../cluster/kubeadm.ts';
import { deepEqual } from '../../kernel/objects.ts';
import { claimObjects } from './ref-manager.ts';
import { newControllerRef } from './util.ts';

/** apps.ControllerRevisionHashLabelKey / DefaultDaemonSetUniqueLabelKey. */
export const REVISION_HASH_LABEL = 'controller-revision-hash';

/** A stored ControllerRevision (apps/v1). */
export interface ControllerRevision extends KObject {
  kind: 'ControllerRevision';
  data: unknown;
  revision: number;
}

interface TemplateOwner extends KObject {
  spec: { selector?: LabelSelector; template?: { metadata?: { labels?: Record<string, string> } } };
  status?: { collisionCount?: number };
}

/** getPatch: the owner's template as a replace patch (what a revision stores and compares). */
export function revisionData(owner: KObject): Record<string, unknown> {
  const template = (owner.spec as { template?: Record<string, unknown> } | undefined)?.template ?? {};
  return { spec: { template: { ...template, $patch: 'replace' } } };
}

/** Whether a revision holds the owner's current template (Match / history.EqualRevision). */
export function revisionMatches(owner: KObject, rev: ControllerRevision): boolean {
  return deepEqual(rev.data, revisionData(owner));
}

/** The hash of the owner's template with a collision count (controller.ComputeHash). */
export function revisionHash(owner: KObject, collisionCount: number | undefined): string {
  return podTemplateHash(owner, collisionCount);
}

/** SortControllerRevisions: by revision number, then name. */
export function sortRevisions(revs: readonly ControllerRevision[]): ControllerRevision[] {
  return [...revs].sort((a, b) => a.revision - b.revision || ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1));
}

/** The highest revision number among `revs` (0 when there is none). */
export function maxRevision(revs: readonly ControllerRevision[]): number {
  return revs.reduce((m, r) => Math.max(m, r.revision), 0);
}

/** The owner's revisions: those it controls and orphans its selector matches (adopted). */
export function ownedRevisions(store: ApiStore, owner: TemplateOwner): ControllerRevision[] {
  const all = store.list<ControllerRevision>('controllerrevisions', { namespace: owner.metadata.namespace }).items;
  return claimObjects(store, 'controllerrevisions', owner, owner.spec.selector, all).claimed;
}

/**
 * A new ControllerRevision for the owner (history.NewControllerRevision): the template's labels
 * plus the hash label, the owner's annotations, a controller reference, the patch and number.
 */
export function newRevision(owner: TemplateOwner, name: string, hash: string, revision: number): ControllerRevision {
  const labels = { ...(owner.spec.template?.metadata?.labels ?? {}), [REVISION_HASH_LABEL]: hash };
  const metadata: KObject['metadata'] = { name, namespace: owner.metadata.namespace, labels, ownerReferences: [newControllerRef(owner)] };
  if (owner.metadata.annotations && Object.keys(owner.metadata.annotations).length > 0) metadata.annotations = { ...owner.metadata.annotations };
  return { apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata, data: revisionData(owner), revision };
}
