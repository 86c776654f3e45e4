/**
 * The pods/eviction subresource (pkg/registry/core/pod/storage/eviction.go, v1.31): a graceful
 * delete that first asks the pod's PodDisruptionBudget. A pod that is Pending, finished or already
 * terminating is simply deleted; otherwise the one PDB selecting it must allow a disruption
 * (its disruptionsAllowed is decremented and the pod noted in status.disruptedPods, so the
 * disruption controller does not count it while it goes) or the request fails with 429
 * TooManyRequests. The deleted pod carries the DisruptionTarget condition (EvictionByEvictionAPI).
 *
 * Also here: the PDB condition helper both the eviction path and the disruption controller use
 * (pdbhelper.UpdateDisruptionAllowedCondition). A late part of the engine (engine/late.ts): the
 * store reaches evictPod through `late()`.
 */
import { forbidden, StatusError, tooManyRequests } from './errors.ts';
import { labelSelectorRequirements, matchesLabels } from './selectors.ts';
import type { ApiStore, DeleteOptions } from './store.ts';
import type { MetaCondition, Pod, PodDisruptionBudget } from './types.ts';
import { formatTimestamp } from '../kernel/time.ts';
import { withPodCondition } from './pod-condition.ts';

export const EVICTION_VIOLATES_BUDGET = "Cannot evict pod as it would violate the pod's disruption budget.";
/** policyv1.DisruptionBudgetCause. */
export const DISRUPTION_BUDGET_CAUSE = 'DisruptionBudget';
/** MaxDisruptedPodSize: evictions not yet confirmed by the disruption controller. */
const MAX_DISRUPTED_POD_SIZE = 2000;

/** What an eviction carries (policy/v1 Eviction's deleteOptions). */
export interface EvictionOptions {
  gracePeriodSeconds?: number;
  dryRun?: boolean;
}

/** pdbhelper.UpdateDisruptionAllowedCondition on a status copy. */
export function setDisruptionAllowedCondition(status: PodDisruptionBudget['status'], nowMs: number): void {
  const allowed = status.disruptionsAllowed > 0;
  const want: MetaCondition = {
    type: 'DisruptionAllowed',
    status: allowed ? 'True' : 'False',
    observedGeneration: status.observedGeneration,
    lastTransitionTime: formatTimestamp(nowMs),
    reason: allowed ? 'SufficientPods' : 'InsufficientPods',
    message: '',
  };
  const list = status.conditions ?? [];
  const old = list.find((c) => c.type === want.type);
  if (old && old.status === want.status) want.lastTransitionTime = old.lastTransitionTime;
  status.conditions = old ? list.map((c) => (c === old ? want : c)) : [...list, want];
}

/**
 * The PDBs guarding a pod: same namespace, and a selector that is set, not empty, and matches
 * the pod's labels (an empty selector matches nothing here).
 */
export function pdbsForPod(store: ApiStore, pod: Pod): PodDisruptionBudget[] {
  const pdbs = store.list<PodDisruptionBudget>('poddisruptionbudgets', { namespace: pod.metadata.namespace ?? '' }).items;
  return pdbs.filter((pdb) => {
    const sel = pdb.spec?.selector;
    if (!sel) return false;
    const reqs = labelSelectorRequirements(sel);
    return reqs.length > 0 && matchesLabels(reqs, pod.metadata.labels);
  });
}

/** A pod the budget does not protect: Pending, finished, or already terminating (canIgnorePDB). */
function canIgnorePdb(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed' || phase === 'Pending' || pod.metadata.deletionTimestamp !== undefined;
}

/** Evicts a pod (POST pods/NAME/eviction); throws the API's StatusError when it may not. */
export function evictPod(store: ApiStore, nowMs: number, namespace: string, name: string, opts: EvictionOptions = {}): void {
  const pod = store.get<Pod>('pods', namespace, name);
  if (canIgnorePdb(pod)) {
    deleteWithCondition(store, nowMs, pod, opts, pod.metadata.resourceVersion);
    return;
  }
  const pdbs = pdbsForPod(store, pod);
  if (pdbs.length > 1) {
    throw new StatusError('InternalError', 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.', 500);
  }
  let precondition: string | undefined;
  if (pdbs.length === 1) {
    const pdb = pdbs[0];
    if (!isReady(pod) && unhealthyMayGo(pdb)) precondition = pod.metadata.resourceVersion;
    else checkAndDecrement(store, nowMs, pod.metadata.name ?? '', pdb, opts.dryRun === true);
  }
  deleteWithCondition(store, nowMs, pod, opts, precondition);
}

function isReady(pod: Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;
}

/** An unready pod may go without spending the budget when the policy says so or the budget is met. */
function unhealthyMayGo(pdb: PodDisruptionBudget): boolean {
  if (pdb.spec?.unhealthyPodEvictionPolicy === 'AlwaysAllow') return true;
  const s = pdb.status ?? { currentHealthy: 0, desiredHealthy: 0 };
  return s.currentHealthy >= s.desiredHealthy && s.desiredHealthy > 0;
}

function violation(pdb: PodDisruptionBudget): StatusError {
  const s = pdb.status;
  const message = `The disruption budget ${pdb.metadata.name ?? ''} needs ${s?.desiredHealthy ?? 0} healthy pods and has ${s?.currentHealthy ?? 0} currently`;
  return tooManyRequests(EVICTION_VIOLATES_BUDGET, [{ reason: DISRUPTION_BUDGET_CAUSE, message, field: '' }]);
}

/** checkAndDecrement: the budget must be current and allow a disruption; then it is spent. */
function checkAndDecrement(store: ApiStore, nowMs: number, podName: string, pdb: PodDisruptionBudget, dryRun: boolean): void {
  const s = pdb.status;
  const gr = { group: 'policy', resource: 'poddisruptionbudget' };
  if ((s?.observedGeneration ?? 0) < (pdb.metadata.generation ?? 0)) throw tooManyRequests(EVICTION_VIOLATES_BUDGET);
  if ((s?.disruptionsAllowed ?? 0) < 0) throw forbidden(gr, pdb.metadata.name ?? '', 'pdb disruptions allowed is negative');
  if (Object.keys(s?.disruptedPods ?? {}).length > MAX_DISRUPTED_POD_SIZE) {
    throw forbidden(gr, pdb.metadata.name ?? '', 'DisruptedPods map too big - too many evictions not confirmed by PDB controller');
  }
  if ((s?.disruptionsAllowed ?? 0) === 0) throw violation(pdb);
  const status = { ...s, disruptionsAllowed: s.disruptionsAllowed - 1 };
  if (status.disruptionsAllowed === 0) setDisruptionAllowedCondition(status, nowMs);
  if (dryRun) return;
  status.disruptedPods = { ...(s.disruptedPods ?? {}), [podName]: formatTimestamp(nowMs) };
  store.update({ ...pdb, status }, { subresource: 'status' });
}

/** addConditionAndDeletePod: DisruptionTarget=True (EvictionByEvictionAPI), then a graceful delete. */
function deleteWithCondition(store: ApiStore, nowMs: number, pod: Pod, opts: EvictionOptions, resourceVersion: string | undefined): void {
  const namespace = pod.metadata.namespace ?? '';
  const name = pod.metadata.name ?? '';
  let rv = resourceVersion;
  if (!opts.dryRun) {
    const conditions = withPodCondition(
      pod.status?.conditions,
      { type: 'DisruptionTarget', status: 'True', reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting' },
      nowMs,
    );
    if (conditions) {
      const written = store.update<Pod>({ ...pod, status: { ...pod.status, conditions } }, { subresource: 'status' });
      if (rv !== undefined) rv = written.metadata.resourceVersion;
    }
  }
  const del: DeleteOptions = { gracePeriodSeconds: opts.gracePeriodSeconds, dryRun: opts.dryRun };
  if (rv !== undefined) del.preconditions = { resourceVersion: rv };
  store.delete('pods', namespace, name, del);
}
