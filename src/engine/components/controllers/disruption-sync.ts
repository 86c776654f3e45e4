/**
 * The disruption controller's sync of a PodDisruptionBudget (disruption.ts): a late part of the engine (engine/late.ts), since the default
 * cluster never runs it. Its methods are lent to the controller made at boot.
 */
import { setDisruptionAllowedCondition } from '../../api/eviction.ts';
import { isStatusError } from '../../api/errors.ts';
import { resourceByPlural } from '../../api/resources.ts';
import type { KObject, LabelSelector, MetaCondition, Pod, PodDisruptionBudget } from '../../api/types.ts';
import { deepEqual } from '../../kernel/objects.ts';
import { formatTimestamp, parseTimestamp } from '../../kernel/time.ts';
import { type ReconcileResult } from '../workqueue.ts';
import { controllerOf, isPodReady, selectorMatches, splitKey } from './util.ts';
import { DisruptionController, DELETION_TIMEOUT_MS, DISRUPTION_CONTROLLER, type Expected, scaledValue, SyncError } from './disruption.ts';
import { lendMethods } from '../../late.ts';

class DisruptionSync extends (Object as unknown as typeof DisruptionController) {
  syncKey(key: string): ReconcileResult {
    const { namespace, name } = splitKey(key);
    const pdb = this.ctx.store.tryGet<PodDisruptionBudget>('poddisruptionbudgets', namespace, name);
    if (!pdb) return 'done';
    try {
      return this.trySync(pdb);
    } catch (e) {
      if (isStatusError(e, 'Conflict')) return 'retry';
      if (!(e instanceof SyncError) && !isStatusError(e)) throw e;
      this.failSafe(pdb, e.message);
      return 'retry';
    }
  }

  private trySync(pdb: PodDisruptionBudget): ReconcileResult {
    const pods = this.podsForPdb(pdb);
    if (pods.length === 0) this.event(pdb, 'Normal', 'NoPods', 'No matching pods found');
    const expected = this.expectedPodCount(pdb, pods);
    if (expected.unmanaged.length > 0) {
      this.event(
        pdb,
        'Warning',
        'UnmanagedPods',
        `Pods selected by this PodDisruptionBudget (selector: ${goSelectorString(pdb.spec.selector)}) were found to be unmanaged. ` +
          'As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. ' +
          'To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.',
      );
    }
    const { disrupted, recheckMs } = this.disruptedPodMap(pods, pdb);
    const currentHealthy = countHealthy(pods, disrupted, this.now);
    this.updateStatus(pdb, currentHealthy, expected.desiredHealthy, expected.expectedCount, disrupted);
    return recheckMs === undefined ? 'done' : Math.max(0, recheckMs - this.now);
  }

  /** getPodsForPdb: the namespace's pods the selector matches (an empty selector matches all, a missing one none). */
  private podsForPdb(pdb: PodDisruptionBudget): Pod[] {
    const pods = this.ctx.store.list<Pod>('pods', { namespace: pdb.metadata.namespace ?? '' }).items;
    return pods.filter((p) => selectorMatches(pdb.spec?.selector, p.metadata.labels));
  }

  private expectedPodCount(pdb: PodDisruptionBudget, pods: readonly Pod[]): Expected {
    const { minAvailable, maxUnavailable } = pdb.spec ?? {};
    if (maxUnavailable !== undefined && maxUnavailable !== null) {
      const { count, unmanaged } = this.expectedScale(pods);
      const max = scaledValue(maxUnavailable, count, true);
      return { expectedCount: count, desiredHealthy: Math.max(0, count - max), unmanaged };
    }
    if (typeof minAvailable === 'number') return { expectedCount: pods.length, desiredHealthy: minAvailable, unmanaged: [] };
    if (typeof minAvailable === 'string') {
      const { count, unmanaged } = this.expectedScale(pods);
      return { expectedCount: count, desiredHealthy: scaledValue(minAvailable, count, true), unmanaged };
    }
    return { expectedCount: 0, desiredHealthy: 0, unmanaged: [] };
  }

  /** getExpectedScale: the sum of the scale of every controller of the pods. */
  private expectedScale(pods: readonly Pod[]): { count: number; unmanaged: string[] } {
    const scales = new Map<string, number>();
    const unmanaged: string[] = [];
    for (const pod of pods) {
      const ref = controllerOf(pod);
      if (!ref) {
        unmanaged.push(pod.metadata.name ?? '');
        continue;
      }
      if (scales.has(ref.uid)) continue;
      const found = this.controllerScale(ref, pod.metadata.namespace ?? '');
      if (!found) throw new SyncError(`found no controllers for pod "${pod.metadata.name ?? ''}"`);
      scales.set(found.uid, found.scale);
    }
    let count = 0;
    for (const n of scales.values()) count += n;
    return { count, unmanaged };
  }

  /** The finders in order: Deployment (through its ReplicaSet), ReplicaSet, StatefulSet, then the scale subresource. */
  private controllerScale(ref: NonNullable<ReturnType<typeof controllerOf>>, namespace: string): { uid: string; scale: number } | undefined {
    const { store } = this.ctx;
    const group = ref.apiVersion.includes('/') ? ref.apiVersion.split('/')[0] : '';
    const replicas = (o: KObject) => ((o.spec as { replicas?: number } | undefined)?.replicas ?? 1);
    if (ref.kind === 'ReplicaSet' && group === 'apps') {
      const rs = store.tryGet('replicasets', namespace, ref.name);
      if (!rs || rs.metadata.uid !== ref.uid) return undefined;
      const owner = controllerOf(rs);
      if (owner?.kind !== 'Deployment') return { uid: rs.metadata.uid ?? '', scale: replicas(rs) };
      const d = store.tryGet('deployments', namespace, owner.name);
      return d && d.metadata.uid === owner.uid ? { uid: d.metadata.uid ?? '', scale: replicas(d) } : undefined;
    }
    if (ref.kind === 'StatefulSet' && group === 'apps') {
      const ss = resourceByPlural('statefulsets') ? store.tryGet('statefulsets', namespace, ref.name) : undefined;
      return ss && ss.metadata.uid === ref.uid ? { uid: ss.metadata.uid ?? '', scale: replicas(ss) } : undefined;
    }
    const plural = `${ref.kind.toLowerCase()}s`;
    if (resourceByPlural(plural) && ref.kind !== 'Deployment') {
      throw new SyncError(`${group ? `${plural}.${group}` : plural} does not implement the scale subresource`);
    }
    return undefined;
  }

  /** buildDisruptedPodMap: evicted pods still inside the 2-minute window, and when to look again. */
  private disruptedPodMap(pods: readonly Pod[], pdb: PodDisruptionBudget): { disrupted: Record<string, string>; recheckMs?: number } {
    const noted = pdb.status?.disruptedPods;
    const disrupted: Record<string, string> = {};
    let recheckMs: number | undefined;
    if (!noted) return { disrupted };
    for (const pod of pods) {
      if (pod.metadata.deletionTimestamp) continue;
      const at = noted[pod.metadata.name ?? ''];
      if (at === undefined) continue;
      const expectedMs = parseTimestamp(at) + DELETION_TIMEOUT_MS;
      if (expectedMs < this.now) {
        // v1.31 prints the PDB's namespace twice in this message.
        const ns = pdb.metadata.namespace ?? '';
        this.event(pod, 'Warning', 'NotDeleted', `Pod was expected by PDB ${ns}/${ns} to be deleted but it wasn't`);
      } else {
        recheckMs = recheckMs === undefined ? expectedMs : Math.min(recheckMs, expectedMs);
        disrupted[pod.metadata.name ?? ''] = at;
      }
    }
    return { disrupted, recheckMs };
  }

  private updateStatus(pdb: PodDisruptionBudget, currentHealthy: number, desiredHealthy: number, expectedPods: number, disrupted: Record<string, string>): void {
    let disruptionsAllowed = currentHealthy - desiredHealthy;
    if (expectedPods <= 0 || disruptionsAllowed <= 0) disruptionsAllowed = 0;
    const s = pdb.status;
    const generation = pdb.metadata.generation;
    const disruptedSame = deepEqual(s?.disruptedPods ?? {}, disrupted);
    if (
      s &&
      s.currentHealthy === currentHealthy &&
      s.desiredHealthy === desiredHealthy &&
      s.expectedPods === expectedPods &&
      s.disruptionsAllowed === disruptionsAllowed &&
      disruptedSame &&
      s.observedGeneration === generation &&
      conditionsUpToDate(pdb)
    ) {
      return;
    }
    const status: PodDisruptionBudget['status'] = {
      currentHealthy,
      desiredHealthy,
      disruptionsAllowed,
      expectedPods,
      observedGeneration: generation,
      ...(Object.keys(disrupted).length > 0 ? { disruptedPods: disrupted } : {}),
      conditions: s?.conditions ?? [],
    };
    setDisruptionAllowedCondition(status, this.now);
    this.ctx.store.update({ ...pdb, status }, { subresource: 'status' });
  }

  /** failSafe: no disruptions while the budget cannot be computed (DisruptionAllowed False, SyncFailed). */
  private failSafe(pdb: PodDisruptionBudget, message: string): void {
    const status = { ...pdb.status, disruptionsAllowed: 0 };
    const old = status.conditions?.find((c) => c.type === 'DisruptionAllowed');
    const cond: MetaCondition = {
      type: 'DisruptionAllowed',
      status: 'False',
      observedGeneration: pdb.status?.observedGeneration,
      lastTransitionTime: old && old.status === 'False' ? old.lastTransitionTime : formatTimestamp(this.now),
      reason: 'SyncFailed',
      message,
    };
    status.conditions = old ? (status.conditions ?? []).map((c) => (c === old ? cond : c)) : [...(status.conditions ?? []), cond];
    if (deepEqual(status, pdb.status)) return;
    try {
      this.ctx.store.update({ ...pdb, status }, { subresource: 'status' });
    } catch (e) {
      if (!isStatusError(e)) throw e;
    }
  }

  private event(obj: KObject, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.ctx.events.record({ involved: obj, type, reason, message, component: DISRUPTION_CONTROLLER });
  }
}


/** DisruptionController.sync: The disruption controller's sync of a PodDisruptionBudget. */
export function syncDisruptionKey(c: DisruptionController, key: string): ReconcileResult {
  lendMethods(DisruptionController, DisruptionSync);
  return (c as DisruptionSync).syncKey(key);
}


/** countHealthyPods: ready pods not being deleted and not just evicted. */
function countHealthy(pods: readonly Pod[], disrupted: Record<string, string>, nowMs: number): number {
  let n = 0;
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp) continue;
    const at = disrupted[pod.metadata.name ?? ''];
    if (at !== undefined && parseTimestamp(at) + DELETION_TIMEOUT_MS > nowMs) continue;
    if (isPodReady(pod)) n++;
  }
  return n;
}

/** pdbhelper.ConditionsAreUpToDate. */
function conditionsUpToDate(pdb: PodDisruptionBudget): boolean {
  const c = pdb.status?.conditions?.find((x) => x.type === 'DisruptionAllowed');
  if (!c || pdb.status.observedGeneration !== pdb.metadata.generation) return false;
  return pdb.status.disruptionsAllowed > 0 ? c.status === 'True' && c.reason === 'SufficientPods' : c.status === 'False' && c.reason === 'InsufficientPods';
}


/** How Go's %v prints a *metav1.LabelSelector (its generated String method). */
function goSelectorString(sel: LabelSelector | undefined): string {
  if (!sel) return 'nil';
  const labels = Object.keys(sel.matchLabels ?? {})
    .sort()
    .map((k) => `${k}: ${sel.matchLabels?.[k] ?? ''},`)
    .join('');
  const exprs = (sel.matchExpressions ?? []).map((e) => `LabelSelectorRequirement{Key:${e.key},Operator:${e.operator},Values:[${(e.values ?? []).join(' ')}],},`).join('');
  return `&LabelSelector{MatchLabels:map[string]string{${labels}},MatchExpressions:[]LabelSelectorRequirement{${exprs}},}`;
}
