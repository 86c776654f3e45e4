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
import type { Pod, PodDisruptionBudget } from '../../api/types.ts';
import type { Component, ComponentContext } from '../component.ts';
import { late } from '../../late.ts';
import { WorkQueue, type ReconcileResult, type WorkQueueState } from '../workqueue.ts';
import { keyOf, selectorMatches } from './util.ts';

export const DISRUPTION_CONTROLLER = 'controllermanager';
/** DeletionTimeout: how long an eviction's pod is assumed to be on its way out. */
export const DELETION_TIMEOUT_MS = 2 * 60 * 1000;

export interface Expected {
  expectedCount: number;
  desiredHealthy: number;
  unmanaged: string[];
}

export class SyncError extends Error {}

export class DisruptionController implements Component {
  readonly name = 'disruption-controller';
  protected readonly queue: WorkQueue;
  protected pdbCount = 0;

  constructor(protected readonly ctx: ComponentContext) {
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

  protected get now(): number {
    return this.ctx.kernel.now;
  }

  /** A pod change wakes the budgets that select it (getPdbForPod: an empty selector selects nothing here). */
  protected podChanged(pod: Pod): void {
    if (this.pdbCount <= 0) return;
    const pdbs = this.ctx.store.list<PodDisruptionBudget>('poddisruptionbudgets', { namespace: pod.metadata.namespace ?? '' }).items;
    for (const pdb of pdbs) {
      const sel = pdb.spec?.selector;
      if (!sel || (Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0)) continue;
      if (selectorMatches(sel, pod.metadata.labels)) this.queue.add(keyOf(pdb));
    }
  }

  /** The disruption controller's sync of a PodDisruptionBudget (disruption-sync.ts, a late part: engine/late.ts). */
  protected sync(key: string): ReconcileResult {
    return late().syncDisruptionKey(this, key);
  }
}

/** intstr.GetScaledValueFromIntOrPercent: an int as is, a percentage of `total` (rounded up or down). */
export function scaledValue(v: number | string, total: number, roundUp: boolean): number {
  if (typeof v === 'number') return v;
  const m = /^([0-9]+)%$/.exec(v);
  if (!m) throw new SyncError(`invalid value for IntOrString: invalid type: string is not a percentage`);
  const raw = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(raw) : Math.floor(raw);
}
