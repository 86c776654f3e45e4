/**
 * What kube-controller-manager's controllers share (pkg/controller/controller_utils.go and
 * pkg/api/v1/pod): controller references, a pod's activity, readiness and availability, and a
 * label selector as requirements. Every controller under this folder reads pods through these so
 * "ready" and "available" mean one thing everywhere.
 */
import { objectKey } from '../../api/object-key.ts';
import { labelSelectorRequirements, matchesLabels } from '../../api/selectors.ts';
import type { Condition, KObject, LabelSelector, OwnerReference, Pod } from '../../api/types.ts';
import { parseTimestamp } from '../../kernel/time.ts';

/** The ownerReference with `controller: true`, if any (metav1.GetControllerOf). */
export function controllerOf(obj: KObject): OwnerReference | undefined {
  const refs = obj.metadata.ownerReferences;
  if (refs === undefined) return undefined;
  // A loop, not find(): controllers ask this of every pod on every sync.
  for (let i = 0; i < refs.length; i++) if (refs[i].controller === true) return refs[i];
  return undefined;
}

/** Whether `obj` is controlled by `owner` (same UID in its controller reference). */
export function isControlledBy(obj: KObject, owner: KObject): boolean {
  const ref = controllerOf(obj);
  return ref !== undefined && ref.uid === owner.metadata.uid;
}

/** The controller reference a controller puts on what it creates (metav1.NewControllerRef). */
export function newControllerRef(owner: KObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name ?? '',
    uid: owner.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** `namespace/name`, the key controllers queue (see object-key.ts). */
export const keyOf: (obj: KObject) => string = objectKey;

/** Splits a `namespace/name` key. */
export function splitKey(key: string): { namespace: string; name: string } {
  const i = key.indexOf('/');
  return i < 0 ? { namespace: '', name: key } : { namespace: key.slice(0, i), name: key.slice(i + 1) };
}

/** A pod that still counts: not Succeeded, not Failed, not being deleted (controller.IsPodActive). */
export function isPodActive(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !pod.metadata.deletionTimestamp;
}

/** The pod's Ready condition, if reported. */
export function podReadyCondition(pod: Pod): Condition | undefined {
  const conditions = pod.status?.conditions;
  if (conditions === undefined) return undefined;
  // A loop, not find(): controllers ask this of every pod on every sync.
  for (let i = 0; i < conditions.length; i++) if (conditions[i].type === 'Ready') return conditions[i];
  return undefined;
}

/** podutil.IsPodReady: the Ready condition is True. */
export function isPodReady(pod: Pod): boolean {
  return podReadyCondition(pod)?.status === 'True';
}

/**
 * podutil.IsPodAvailable: ready, and ready for more than `minReadySeconds` at `nowMs` (its
 * transition time plus minReadySeconds is strictly before now; with minReadySeconds 0, ready is
 * enough).
 */
export function isPodAvailable(pod: Pod, minReadySeconds: number, nowMs: number): boolean {
  const c = podReadyCondition(pod);
  if (c?.status !== 'True') return false;
  if (minReadySeconds <= 0) return true;
  const since = c.lastTransitionTime ? parseTimestamp(c.lastTransitionTime) : Number.NEGATIVE_INFINITY;
  return since + minReadySeconds * 1000 < nowMs;
}

/**
 * The first simulated millisecond at which a ready pod counts as available (just after its Ready
 * transition + minReadySeconds; the transition itself with minReadySeconds 0), or undefined if it
 * is not ready. Controllers use it to look again exactly then, as `AddAfter` does.
 */
export function podAvailableAtMs(pod: Pod, minReadySeconds: number): number | undefined {
  const c = podReadyCondition(pod);
  if (c?.status !== 'True') return undefined;
  const since = c.lastTransitionTime ? parseTimestamp(c.lastTransitionTime) : Number.NEGATIVE_INFINITY;
  return minReadySeconds > 0 ? since + minReadySeconds * 1000 + 1 : since;
}

/**
 * Whether a label selector matches a label set, as metav1.LabelSelectorAsSelector reads it: an
 * empty selector ({}) matches everything, a missing one matches nothing.
 */
export function selectorMatches(selector: LabelSelector | undefined, labels: Readonly<Record<string, string>> | undefined): boolean {
  if (!selector) return false;
  return matchesLabels(labelSelectorRequirements(selector), labels);
}
