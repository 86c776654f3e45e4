/**
 * The disruption controller (pkg/controller/disruption/disruption.go, v1.31): keeps each
 * PodDisruptionBudget's status — expectedPods, desiredHealthy, currentHealthy, disruptionsAllowed
 * (currentHealthy − desiredHealthy, never below 0, and 0 while no pod is expected), the pods the
 * eviction API said it is deleting (disruptedPods, trusted for 2 minutes) and the
 * DisruptionAllowed condition (SufficientPods / InsufficientPods, SyncFailed when the budget
 * cannot be computed).
 *
 * An integer minAvailable counts the selected pods; a percentage, or maxUnavailable, needs the
 * pods' controllers' scale (Deployment via its ReplicaSet, ReplicaSet, StatefulSet); pods with no
 * controller are reported as UnmanagedPods.
 */
import { setDisruptionAllowedCondition } from '../../api/eviction.ts';
import { isStatusError } from '../../api/errors.ts';
import { resourceByPlural } from '../../api/resources.ts';
import type { KObject, LabelSelector, MetaCondition, Pod, PodDisruptionBudget } from '../../api/types.ts';
import { deepEqual } from '../../kernel/objects.ts';
import { formatTimestamp, parseTimestamp } from '../../kernel/time.ts';
import type { Component, ComponentContext } from '../component.ts';
import { WorkQueue, type ReconcileResult, type WorkQueueState } from '../workqueue.ts';
import { controllerOf, isPodReady, keyOf, selectorMatches, splitKey } from './util.ts';

export const DISRUPTION_CONTROLLER = 'controllermanager';
/** DeletionTimeout: how long an eviction's pod is assumed to be on its way out. */
export const DELETION_TIMEOUT_MS = 2 * 60 * 1000;

interface Expected {
  expectedCount: number;
  desiredHealthy: number;
  unmanaged: string[];
}

class SyncError extends Error {}

export class DisruptionController implements Component {
  readonly name = 'disruption-controller';
  private readonly queue: WorkQueue;
  private pdbCount = 0;

  constructor(private readonly ctx: ComponentContext) {
    this.queue = new WorkQueue(ctx.kernel, this.name, (key) => this.sync(key));
  }

  start(resume: boolean): void {
    const { store } = this.ctx;
    // A fresh watch replays every budget as ADDED; a resumed one starts from the count.
    this.pdbCount = resume ? store.count('poddisruptionbudgets') : 0;
    const from = resume ? { resourceVersion: store.resourceVersion } : {};
    store.watch(
      'poddisruptionbudgets',
      (e) => {
        if (e.type === 'ADDED') this.pdbCount++;
        if (e.type === 'DELETED') this.pdbCount--;
        else this.queue.add(keyOf(e.object));
      },
      from,
    );
    store.watch('pods', (e) => this.podChanged(e.object as Pod), from);
  }

  save(): WorkQueueState {
    return this.queue.save();
  }

  load(state: unknown): void {
    this.queue.load(state as WorkQueueState);
  }

  private get now(): number {
    return this.ctx.kernel.now;
  }

  /** A pod change wakes the budgets that select it (getPdbForPod: an empty selector selects nothing here). */
  private podChanged(pod: Pod): void {
    if (this.pdbCount <= 0) return;
    const pdbs = this.ctx.store.list<PodDisruptionBudget>('poddisruptionbudgets', { namespace: pod.metadata.namespace ?? '' }).items;
    for (const pdb of pdbs) {
      const sel = pdb.spec?.selector;
      if (!sel || (Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0)) continue;
      if (selectorMatches(sel, pod.metadata.labels)) this.queue.add(keyOf(pdb));
    }
  }

  private sync(key: string): ReconcileResult {
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

/** intstr.GetScaledValueFromIntOrPercent: an int as is, a percentage of `total` (rounded up or down). */
export function scaledValue(v: number | string, total: number, roundUp: boolean): number {
  if (typeof v === 'number') return v;
  const m = /^([0-9]+)%$/.exec(v);
  if (!m) throw new SyncError(`invalid value for IntOrString: invalid type: string is not a percentage`);
  const raw = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(raw) : Math.floor(raw);
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
