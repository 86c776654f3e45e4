/**
 * The pod garbage collector (pkg/controller/podgc/gc_controller.go, v1.31), every 20 s:
 * - terminated pods (Succeeded/Failed) beyond --terminated-pod-gc-threshold (12500) go, oldest
 *   first;
 * - orphaned pods — bound to a node that no longer exists, still missing after a 40 s quarantine —
 *   are marked Failed with DisruptionTarget (DeletionByPodGC, "PodGC: node no longer exists") and
 *   force-deleted: this is what ends a pod left Terminating on a dead node whose Node object an
 *   administrator deleted;
 * - unscheduled pods being deleted are force-deleted.
 *
 * Scanning every pod each pass would cost as much as the cluster is big, so the pass only scans
 * when something could be orphaned (a node went, or a pod names a node nobody has seen) or the
 * pod count passes the threshold.
 */
import { isStatusError } from '../../api/errors.ts';
import { withPodCondition } from '../../api/pod-condition.ts';
import type { Pod } from '../../api/types.ts';
import { parseTimestamp } from '../../kernel/time.ts';
import type { Component, ComponentContext } from '../component.ts';

export const GC_CHECK_PERIOD_MS = 20_000;
export const ORPHAN_QUARANTINE_MS = 40_000;
/** kube-controller-manager --terminated-pod-gc-threshold. */
export const TERMINATED_POD_GC_THRESHOLD = 12_500;
const TICK_TIMER = 'pod-gc.tick';

interface State {
  /** Missing node → when its quarantine ends (the delaying queue's earliest ready time). */
  quarantine: Record<string, number>;
  /** Something may need a full scan at the next pass. */
  suspect: boolean;
}

export class PodGcController implements Component {
  readonly name = 'pod-garbage-collector';
  private state: State = { quarantine: {}, suspect: false };
  private readonly nodes = new Set<string>();

  constructor(
    private readonly ctx: ComponentContext,
    private readonly terminatedThreshold = TERMINATED_POD_GC_THRESHOLD,
  ) {
    ctx.kernel.on(TICK_TIMER, () => this.gc());
  }

  start(resume: boolean): void {
    // The node set is a cache: listed in full, then kept by a watch.
    for (const n of this.ctx.store.list('nodes').items) this.nodes.add(n.metadata.name ?? '');
    const from = { resourceVersion: this.ctx.store.resourceVersion };
    this.ctx.store.watch(
      'nodes',
      (e) => {
        const name = e.object.metadata.name ?? '';
        if (e.type === 'DELETED') {
          this.nodes.delete(name);
          this.state.suspect = true;
        } else this.nodes.add(name);
      },
      from,
    );
    this.ctx.store.watch('pods', (e) => this.podChanged(e.type, e.object as Pod), from);
    if (!resume) this.ctx.kernel.schedule(0, TICK_TIMER);
  }

  save(): State {
    return { quarantine: { ...this.state.quarantine }, suspect: this.state.suspect };
  }

  load(state: unknown): void {
    const s = state as State;
    this.state = { quarantine: { ...s.quarantine }, suspect: s.suspect };
  }

  private podChanged(type: string, pod: Pod): void {
    if (type === 'DELETED') return;
    const node = pod.spec?.nodeName;
    if ((node && !this.nodes.has(node)) || (!node && pod.metadata.deletionTimestamp)) this.state.suspect = true;
  }

  private get now(): number {
    return this.ctx.kernel.now;
  }

  private gc(): void {
    this.ctx.kernel.schedule(GC_CHECK_PERIOD_MS, TICK_TIMER);
    const many = this.ctx.store.count('pods') > this.terminatedThreshold;
    const quarantined = Object.keys(this.state.quarantine).length > 0;
    if (!many && !quarantined && !this.state.suspect) return;
    this.state.suspect = false;
    const pods = this.ctx.store.list<Pod>('pods').items;
    if (many) this.gcTerminated(pods);
    this.gcOrphaned(pods);
    this.gcUnscheduledTerminating(pods);
  }

  private gcTerminated(pods: readonly Pod[]): void {
    const terminated = pods.filter((p) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed');
    const excess = terminated.length - this.terminatedThreshold;
    if (excess <= 0) return;
    const created = (p: Pod) => (p.metadata.creationTimestamp ? parseTimestamp(p.metadata.creationTimestamp) : 0);
    // byEvictionAndCreationTimestamp: oldest first (a stable sort keeps name order for ties).
    const oldest = [...terminated].sort((a, b) => created(a) - created(b)).slice(0, excess);
    for (const pod of oldest) this.forceDelete(pod);
  }

  private gcOrphaned(pods: readonly Pod[]): void {
    for (const pod of pods) {
      const node = pod.spec.nodeName;
      if (node && !this.nodes.has(node) && this.state.quarantine[node] === undefined) {
        this.state.quarantine[node] = this.now + ORPHAN_QUARANTINE_MS;
      }
    }
    const deleted = new Set<string>();
    for (const [node, readyMs] of Object.entries(this.state.quarantine)) {
      if (readyMs > this.now) continue;
      delete this.state.quarantine[node];
      if (!this.ctx.store.tryGet('nodes', '', node)) deleted.add(node);
    }
    for (const pod of pods) {
      if (!deleted.has(pod.spec.nodeName ?? '')) continue;
      this.forceDelete(pod, { type: 'DisruptionTarget', status: 'True', reason: 'DeletionByPodGC', message: 'PodGC: node no longer exists' });
    }
  }

  private gcUnscheduledTerminating(pods: readonly Pod[]): void {
    for (const pod of pods) if (pod.metadata.deletionTimestamp && !pod.spec.nodeName) this.forceDelete(pod);
  }

  /** markFailedAndDeletePodWithCondition: phase Failed (with the condition) unless finished, then delete now. */
  private forceDelete(pod: Pod, condition?: { type: string; status: 'True'; reason: string; message: string }): void {
    const { store } = this.ctx;
    const namespace = pod.metadata.namespace ?? '';
    const name = pod.metadata.name ?? '';
    try {
      const phase = pod.status?.phase;
      if (phase !== 'Succeeded' && phase !== 'Failed') {
        const conditions = condition ? (withPodCondition(pod.status?.conditions, condition, this.now) ?? pod.status?.conditions) : pod.status?.conditions;
        store.update({ ...pod, status: { ...pod.status, phase: 'Failed', ...(conditions ? { conditions } : {}) } }, { subresource: 'status' });
      }
      store.delete('pods', namespace, name, { gracePeriodSeconds: 0 });
    } catch (e) {
      if (!isStatusError(e)) throw e;
    }
  }
}
