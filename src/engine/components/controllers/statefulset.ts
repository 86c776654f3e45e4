/**
 * The StatefulSet controller (pkg/controller/statefulset, v1.31): watches StatefulSets and pods,
 * and on each sync keeps the set's ControllerRevisions (current and update revision; a template
 * that returns to an earlier revision renumbers it rather than creating a new one), claims its
 * member pods, runs one `updateStatefulSet` step (statefulset-control.ts), records the status and
 * prunes history beyond revisionHistoryLimit. Pod events read "create Pod web-0 in StatefulSet web
 * successful" (SuccessfulCreate) and "delete Pod web-2 in StatefulSet web successful"
 * (SuccessfulDelete). Claims are created only when PersistentVolumeClaims exist in the API.
 */
import type { Pod, WatchEvent } from '../../api/types.ts';
import type { Component, ComponentContext } from '../component.ts';
import { late } from '../../late.ts';
import { WorkQueue, type ReconcileResult, type WorkQueueState } from '../workqueue.ts';
import type { StatefulSet } from './statefulset-control.ts';
import { controllerOf, keyOf, selectorMatches } from './util.ts';

/** The component and event source name. */
export const STATEFULSET_CONTROLLER = 'statefulset-controller';

export class StatefulSetController implements Component {
  readonly name = STATEFULSET_CONTROLLER;
  protected readonly queue: WorkQueue;

  constructor(protected readonly ctx: ComponentContext) {
    this.queue = new WorkQueue(ctx.kernel, this.name, (key) => this.sync(key));
  }

  start(resume: boolean): void {
    const from = resume ? { resourceVersion: this.ctx.store.resourceVersion } : {};
    this.ctx.store.watch('statefulsets', (e) => this.queue.add(keyOf(e.object)), from);
    this.ctx.store.watch('pods', (e) => this.onPod(e), from);
  }

  save(): WorkQueueState {
    return this.queue.save();
  }

  load(state: unknown): void {
    this.queue.load(state as WorkQueueState);
  }

  /** A member pod changed: its set looks again; an orphan interests every set selecting it. */
  protected onPod(e: WatchEvent): void {
    const pod = e.object as Pod;
    const ref = controllerOf(pod);
    if (ref) {
      if (ref.kind === 'StatefulSet') this.queue.add(`${pod.metadata.namespace ?? ''}/${ref.name}`);
      return;
    }
    if (e.type === 'DELETED') return;
    for (const set of this.ctx.store.list<StatefulSet>('statefulsets', { namespace: pod.metadata.namespace }).items) {
      if (selectorMatches(set.spec.selector, pod.metadata.labels)) this.queue.add(keyOf(set));
    }
  }

  /** syncStatefulSet */

  /** The StatefulSet controller's sync (statefulset-sync.ts, a late part: engine/late.ts). */
  protected sync(key: string): ReconcileResult {
    return late().syncStatefulSetKey(this, key);
  }
}
