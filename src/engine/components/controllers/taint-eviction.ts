/**
 * The taint eviction controller (pkg/controller/tainteviction/taint_eviction.go, v1.31; it was the
 * node lifecycle controller's NoExecute taint manager): a pod on a node with NoExecute taints it
 * does not tolerate is deleted at once; one that tolerates them all, some only for a while
 * (`tolerationSeconds`, e.g. the 300 s DefaultTolerationSeconds adds), is deleted when the
 * shortest of those runs out, counted from when this controller saw the taint. Deleting marks the
 * pod DisruptionTarget (DeletionByTaintManager) and records TaintManagerEviction; when the taints
 * go away first, the scheduled deletion is cancelled ("Cancelling deletion of Pod ...").
 *
 * Its timed work queue is plain data: a worker per pod ({created, fire}), `null` once it ran (so
 * it is not added twice), and one kernel timer per worker.
 */
import { isStatusError } from '../../api/errors.ts';
import { withPodCondition } from '../../api/pod-condition.ts';
import type { KObject, Node, Pod, Taint, Toleration } from '../../api/types.ts';
import type { Component, ComponentContext } from '../component.ts';
import { toleratesTaint } from '../scheduler/framework/types.ts';
import { WorkQueue, type ReconcileResult, type WorkQueueState } from '../workqueue.ts';
import { noExecuteTaints } from './node-taints.ts';
import { keyOf, splitKey } from './util.ts';

/** reportingController / event source of the taint eviction controller. */
export const TAINT_EVICTION_CONTROLLER = 'taint-eviction-controller';
const FIRE_TIMER = 'taint-eviction.fire';

interface Worker {
  createdMs: number;
  fireMs: number;
}

interface State {
  taintedNodes: Record<string, Taint[]>;
  /** Scheduled deletions by pod key; null once carried out. */
  workers: Record<string, Worker | null>;
  /** Node and tolerations of pods on tainted nodes as last processed (PodUpdated's filter). */
  seen: Record<string, string>;
  nodeQueue?: WorkQueueState;
  podQueue?: WorkQueueState;
}

export class TaintEvictionController implements Component {
  readonly name = TAINT_EVICTION_CONTROLLER;
  private state: State = { taintedNodes: {}, workers: {}, seen: {} };
  private readonly nodeQueue: WorkQueue;
  private readonly podQueue: WorkQueue;

  constructor(private readonly ctx: ComponentContext) {
    this.nodeQueue = new WorkQueue(ctx.kernel, `${this.name}.nodes`, (key) => this.handleNodeUpdate(key));
    this.podQueue = new WorkQueue(ctx.kernel, `${this.name}.pods`, (key) => this.handlePodUpdate(key));
    ctx.kernel.on(FIRE_TIMER, (data) => this.fire(data as { key: string; fireMs: number }));
  }

  start(resume: boolean): void {
    const from = resume ? { resourceVersion: this.ctx.store.resourceVersion } : {};
    this.ctx.store.watch('nodes', (e) => this.nodeChanged(e.type, e.object as Node), from);
    this.ctx.store.watch('pods', (e) => this.podChanged(e.type, e.object as Pod), from);
  }

  save(): State {
    return JSON.parse(JSON.stringify({ ...this.state, nodeQueue: this.nodeQueue.save(), podQueue: this.podQueue.save() })) as State;
  }

  load(state: unknown): void {
    const s = JSON.parse(JSON.stringify(state)) as State;
    if (s.nodeQueue) this.nodeQueue.load(s.nodeQueue);
    if (s.podQueue) this.podQueue.load(s.podQueue);
    this.state = { taintedNodes: s.taintedNodes, workers: s.workers, seen: s.seen };
  }

  /** When the pod's deletion is scheduled, if it is (for tests and `sim` views). */
  scheduledDeletionMs(namespace: string, name: string): number | undefined {
    return this.state.workers[`${namespace}/${name}`]?.fireMs;
  }

  private get now(): number {
    return this.ctx.kernel.now;
  }

  /** NodeUpdated: only a change of the NoExecute taints matters. */
  private nodeChanged(type: string, node: Node): void {
    const name = node.metadata.name ?? '';
    const before = this.state.taintedNodes[name] ?? [];
    const after = type === 'DELETED' ? [] : noExecuteTaints(node);
    if (type === 'DELETED' || JSON.stringify(before) !== JSON.stringify(after)) this.nodeQueue.add(name);
  }

  /** PodUpdated: a pod appears on, or changes tolerations on, a tainted node; or a watched pod goes. */
  private podChanged(type: string, pod: Pod): void {
    const key = keyOf(pod);
    if (type === 'DELETED') {
      if (key in this.state.workers || key in this.state.seen) this.podQueue.add(key);
      return;
    }
    const nodeName = pod.spec?.nodeName;
    if (!nodeName || this.state.taintedNodes[nodeName] === undefined) return;
    if (this.state.seen[key] !== signature(pod)) this.podQueue.add(key);
  }

  private handleNodeUpdate(name: string): ReconcileResult {
    const node = this.ctx.store.tryGet<Node>('nodes', '', name);
    const taints = node ? noExecuteTaints(node) : [];
    if (taints.length === 0) delete this.state.taintedNodes[name];
    else this.state.taintedNodes[name] = taints;
    if (!node) return 'done';
    const pods = this.ctx.store.list<Pod>('pods', { fieldSelector: `spec.nodeName=${name}` }).items;
    for (const pod of pods) {
      const key = keyOf(pod);
      if (taints.length === 0) {
        delete this.state.seen[key];
        this.cancelWorkWithEvent(key);
        continue;
      }
      this.state.seen[key] = signature(pod);
      this.processPodOnNode(key, pod.spec.tolerations ?? [], taints);
    }
    return 'done';
  }

  private handlePodUpdate(key: string): ReconcileResult {
    const { namespace, name } = splitKey(key);
    const pod = this.ctx.store.tryGet<Pod>('pods', namespace, name);
    if (!pod) {
      delete this.state.seen[key];
      this.cancelWorkWithEvent(key);
      return 'done';
    }
    const taints = pod.spec.nodeName ? this.state.taintedNodes[pod.spec.nodeName] : undefined;
    if (!taints) {
      delete this.state.seen[key];
      return 'done';
    }
    this.state.seen[key] = signature(pod);
    this.processPodOnNode(key, pod.spec.tolerations ?? [], taints);
    return 'done';
  }

  /** processPodOnNode: delete now, later, or never. */
  private processPodOnNode(key: string, tolerations: readonly Toleration[], taints: readonly Taint[]): void {
    const used = matchingTolerations(taints, tolerations);
    if (!used) {
      this.cancelWorkWithEvent(key);
      this.addWork(key, this.now, this.now);
      return;
    }
    const minMs = minTolerationMs(used);
    if (minMs < 0) {
      this.cancelWorkWithEvent(key);
      return;
    }
    let createdMs = this.now;
    const triggerMs = this.now + minMs;
    const scheduled = this.state.workers[key];
    if (scheduled) {
      createdMs = scheduled.createdMs;
      // An earlier deadline already scheduled stands.
      if (createdMs + minMs < triggerMs) return;
      this.cancelWorkWithEvent(key);
    }
    this.addWork(key, createdMs, triggerMs);
  }

  private addWork(key: string, createdMs: number, fireMs: number): void {
    if (key in this.state.workers) return;
    this.state.workers[key] = { createdMs, fireMs };
    this.ctx.kernel.schedule(fireMs - this.now, FIRE_TIMER, { key, fireMs });
  }

  private cancelWorkWithEvent(key: string): void {
    if (!(key in this.state.workers)) return;
    const worker = this.state.workers[key];
    delete this.state.workers[key];
    if (worker) this.podEvent(key, `Cancelling deletion of Pod ${key}`);
  }

  private fire(d: { key: string; fireMs: number }): void {
    const worker = this.state.workers[d.key];
    if (!worker || worker.fireMs !== d.fireMs) return; // cancelled or replaced
    this.podEvent(d.key, `Marking for deletion Pod ${d.key}`);
    if (this.deletePod(d.key)) this.state.workers[d.key] = null;
    else delete this.state.workers[d.key];
  }

  /** addConditionAndDeletePod: DisruptionTarget (DeletionByTaintManager), then a graceful delete. */
  private deletePod(key: string): boolean {
    const { namespace, name } = splitKey(key);
    const { store } = this.ctx;
    try {
      const pod = store.get<Pod>('pods', namespace, name);
      const conditions = withPodCondition(
        pod.status?.conditions,
        { type: 'DisruptionTarget', status: 'True', reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint' },
        this.now,
      );
      if (conditions) store.update({ ...pod, status: { ...pod.status, conditions } }, { subresource: 'status' });
      store.delete('pods', namespace, name);
      return true;
    } catch (e) {
      if (isStatusError(e)) return false;
      throw e;
    }
  }

  /** The controller's pod events name the pod without its UID (emitPodDeletionEvent). */
  private podEvent(key: string, message: string): void {
    const { namespace, name } = splitKey(key);
    const ref: KObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace } };
    this.ctx.events.record({ involved: ref, type: 'Normal', reason: 'TaintManagerEviction', message, component: TAINT_EVICTION_CONTROLLER });
  }
}

function signature(pod: Pod): string {
  return `${pod.spec?.nodeName ?? ''}\u0000${JSON.stringify(pod.spec?.tolerations ?? [])}`;
}

/** GetMatchingTolerations: the toleration used for each taint, or undefined if one is not tolerated. */
export function matchingTolerations(taints: readonly Taint[], tolerations: readonly Toleration[]): Toleration[] | undefined {
  const used: Toleration[] = [];
  for (const taint of taints) {
    const t = tolerations.find((x) => toleratesTaint(x, taint));
    if (!t) return undefined;
    used.push(t);
  }
  return used;
}

/** getMinTolerationTime in ms: 0 with no tolerations or any ≤ 0, −1 when all tolerate forever. */
export function minTolerationMs(tolerations: readonly Toleration[]): number {
  if (tolerations.length === 0) return 0;
  let min = Infinity;
  for (const t of tolerations) {
    if (t.tolerationSeconds === undefined || t.tolerationSeconds === null) continue;
    if (t.tolerationSeconds <= 0) return 0;
    min = Math.min(min, t.tolerationSeconds);
  }
  return Number.isFinite(min) ? min * 1000 : -1;
}
