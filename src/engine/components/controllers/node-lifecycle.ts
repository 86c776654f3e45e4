/**
 * The node lifecycle controller (kube-controller-manager's `node-controller`,
 * pkg/controller/nodelifecycle/node_lifecycle_controller.go, v1.31), reference §11:
 *
 * - every 5 s (node-monitor-period) it looks at each node's heartbeats — Lease renewals and the
 *   kubelet's Ready condition — and when neither moved for 40 s (node-monitor-grace-period; 60 s
 *   for a node that never posted status) sets every condition Unknown, "Kubelet stopped posting
 *   node status.", records NodeNotReady and marks the node's pods not ready;
 * - it queues NoExecute tainting (`node.kubernetes.io/unreachable` for Unknown, `not-ready` for
 *   False) per zone behind a token bucket whose rate follows the zone's health (0.1 nodes/s;
 *   0.01 or 0 in a partially disrupted zone; nothing at all when every zone is down), and takes
 *   the taints off when the node is Ready again;
 * - on every node change it keeps the NoSchedule condition taints (TaintNodesByCondition) and
 *   `node.kubernetes.io/unschedulable` in step with the node's conditions and spec.unschedulable.
 *
 * Its state (what it last saw of each node, the zone queues) is plain data and snapshots.
 */
import { isStatusError } from '../../api/errors.ts';
import type { Condition, KObject, Node, Pod, Taint } from '../../api/types.ts';
import { deepEqual } from '../../kernel/objects.ts';
import { formatTimestamp, parseTimestamp } from '../../kernel/time.ts';
import type { Component, ComponentContext } from '../component.ts';
import { WorkQueue, type ReconcileResult, type WorkQueueState } from '../workqueue.ts';
import {
  matchTaint,
  NOT_READY_NO_EXECUTE,
  swapNodeTaints,
  taintExists,
  TAINT_DISK_PRESSURE,
  TAINT_MEMORY_PRESSURE,
  TAINT_NETWORK_UNAVAILABLE,
  TAINT_NOT_READY,
  TAINT_PID_PRESSURE,
  TAINT_UNREACHABLE,
  TAINT_UNSCHEDULABLE,
  UNREACHABLE_NO_EXECUTE,
  zoneKey,
} from './node-taints.ts';
import { addValue, newTimedQueue, removeValue, swapLimiter, tokenAtMs, tryQueue, type TimedQueue, type TryResult } from './rate-limited-queue.ts';
import { keyOf, splitKey } from './util.ts';

/** The component name events carry (`source.component`). */
export const NODE_CONTROLLER = 'node-controller';
export const NODE_MONITOR_PERIOD_MS = 5_000;
/** v1.31 default (v1.32 raised it to 50 s, PR #126287). */
export const NODE_MONITOR_GRACE_PERIOD_MS = 40_000;
export const NODE_STARTUP_GRACE_PERIOD_MS = 60_000;
export const NODE_EVICTION_RATE = 0.1;
export const SECONDARY_NODE_EVICTION_RATE = 0.01;
export const LARGE_CLUSTER_SIZE_THRESHOLD = 50;
export const UNHEALTHY_ZONE_THRESHOLD = 0.55;
/** scheduler.NodeEvictionPeriod: how often the tainting queues are worked. */
const TAINT_PASS_PERIOD_MS = 100;
/** How long a failed tainting of a node waits before it is tried again. */
const TAINT_RETRY_MS = 50;
const EXCLUDE_DISRUPTION_LABEL = 'node.kubernetes.io/exclude-disruption';
const MONITOR_TIMER = 'node-lifecycle.monitor';
const TAINT_TIMER = 'node-lifecycle.taint';

export type ZoneState = 'Initial' | 'Normal' | 'FullDisruption' | 'PartialDisruption';

/** What the controller last saw of a node (nodeHealthData). */
interface NodeHealth {
  probeMs: number;
  readyTransitionMs: number;
  /** The Ready condition as last seen; undefined while the node has none. */
  ready?: { status: string; heartbeat?: string; transition?: string };
  leaseRenew?: string;
}

interface State {
  health: Record<string, NodeHealth>;
  /** knownNodeSet: name → uid. */
  known: Record<string, string>;
  zoneStates: Record<string, ZoneState>;
  tainters: Record<string, TimedQueue>;
  /** nodesToRetry: nodes whose pods still have to be marked not ready. */
  retry: string[];
  taintPassAtMs?: number;
  /** Pods already marked not ready, with the node they were on (stands for PodUpdated's nodeName-changed filter). */
  marked: Record<string, string>;
  nodeQueue?: WorkQueueState;
  podQueue?: WorkQueueState;
}

/** The NoSchedule taint each condition status maps to (nodeConditionToTaintKeyStatusMap). */
const CONDITION_TAINTS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  Ready: { False: TAINT_NOT_READY, Unknown: TAINT_UNREACHABLE },
  MemoryPressure: { True: TAINT_MEMORY_PRESSURE },
  DiskPressure: { True: TAINT_DISK_PRESSURE },
  NetworkUnavailable: { True: TAINT_NETWORK_UNAVAILABLE },
  PIDPressure: { True: TAINT_PID_PRESSURE },
};
const CONDITION_TAINT_KEYS = new Set(Object.values(CONDITION_TAINTS).flatMap((m) => Object.values(m)));
/** The conditions set Unknown when the kubelet goes quiet (NetworkUnavailable belongs to the network plugin). */
const KUBELET_CONDITIONS = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'];

export class NodeLifecycleController implements Component {
  readonly name = 'node-lifecycle-controller';
  private state: State = { health: {}, known: {}, zoneStates: {}, tainters: {}, retry: [], marked: {} };
  private readonly nodeQueue: WorkQueue;
  private readonly podQueue: WorkQueue;
  /**
   * A Node changed since the last full monitor pass, and the node Leases renewed since the last
   * pass. Not saved: after a restore the first pass is a full one, which is always correct.
   */
  private nodesChanged = true;
  private readonly renewed = new Set<string>();

  constructor(private readonly ctx: ComponentContext) {
    this.nodeQueue = new WorkQueue(ctx.kernel, `${this.name}.nodes`, (key) => this.noScheduleTaintingPass(key));
    this.podQueue = new WorkQueue(ctx.kernel, `${this.name}.pods`, (key) => this.processPod(key));
    ctx.kernel.on(MONITOR_TIMER, () => this.monitorNodeHealth());
    ctx.kernel.on(TAINT_TIMER, () => this.noExecuteTaintingPass());
  }

  start(resume: boolean): void {
    const from = resume ? { resourceVersion: this.ctx.store.resourceVersion } : {};
    this.nodesChanged = true;
    this.ctx.store.watch(
      'nodes',
      (e) => {
        this.nodesChanged = true;
        if (e.type !== 'DELETED') this.nodeQueue.add(e.object.metadata.name ?? '');
      },
      from,
    );
    this.ctx.store.watch('leases', (e) => this.renewed.add(e.object.metadata.name ?? ''), { ...from, namespace: 'kube-node-lease' });
    this.ctx.store.watch('pods', (e) => this.podChanged(e.type, e.object as Pod), from);
    // The monitor loop's timer is part of a snapshot; only a fresh controller starts it.
    if (!resume) this.ctx.kernel.schedule(0, MONITOR_TIMER);
  }

  save(): State {
    return JSON.parse(JSON.stringify({ ...this.state, nodeQueue: this.nodeQueue.save(), podQueue: this.podQueue.save() })) as State;
  }

  load(state: unknown): void {
    const s = JSON.parse(JSON.stringify(state)) as State;
    if (s.nodeQueue) this.nodeQueue.load(s.nodeQueue);
    if (s.podQueue) this.podQueue.load(s.podQueue);
    this.state = { ...s, nodeQueue: undefined, podQueue: undefined };
  }

  /** The zone's state as the last monitor pass computed it (for tests and `sim` views). */
  zoneState(zone = ''): ZoneState | undefined {
    return this.state.zoneStates[zone];
  }

  private get now(): number {
    return this.ctx.kernel.now;
  }

  // ---- the monitor pass --------------------------------------------------------------------

  private monitorNodeHealth(): void {
    this.ctx.kernel.schedule(NODE_MONITOR_PERIOD_MS, MONITOR_TIMER);
    if (!this.nodesChanged && this.noteRenewals() && this.quiet()) return;
    this.nodesChanged = false;
    this.renewed.clear();
    const nodes = this.ctx.store.list<Node>('nodes').items;
    this.classifyNodes(nodes);
    const zoneConditions = new Map<string, (Condition | undefined)[]>();
    for (const node of nodes) this.monitorNode(node, zoneConditions);
    this.handleDisruption(zoneConditions, nodes);
    if (Object.values(this.state.tainters).some((q) => q.queue.length > 0)) this.scheduleTaintPass();
  }

  /**
   * Whether the rest of this pass would change nothing, so it can be skipped (the idle cluster's
   * cost): no Node has changed since the last full pass (nothing to register, no status to read),
   * the renewed Leases are noted, every node is Ready with its grace period still running, and no
   * node waits for tainting or for its pods to be marked not ready. A full pass is always correct;
   * this only skips the passes that would be no-ops, so outcomes and their timing are the same.
   */
  private quiet(): boolean {
    if (this.state.retry.length > 0) return false;
    for (const q of Object.values(this.state.tainters)) if (q.queue.length > 0) return false;
    for (const h of Object.values(this.state.health)) {
      if (h.ready?.status !== 'True' || this.now > h.probeMs + NODE_MONITOR_GRACE_PERIOD_MS) return false;
    }
    return true;
  }

  /**
   * Notes each renewed node Lease as a heartbeat probed now, exactly as tryUpdateNodeHealth does;
   * false (leave it to a full pass) if a Lease belongs to a node not seen yet.
   */
  private noteRenewals(): boolean {
    for (const name of this.renewed) {
      const health = this.state.health[name];
      if (!health) return false;
      const lease = this.ctx.store.tryGet<KObject & { spec?: { renewTime?: string } }>('leases', 'kube-node-lease', name);
      const renew = lease?.spec?.renewTime;
      if (renew && (health.leaseRenew === undefined || health.leaseRenew < renew)) this.state.health[name] = { ...health, leaseRenew: renew, probeMs: this.now };
    }
    this.renewed.clear();
    return true;
  }

  /** New nodes are registered (event, zone queue, taints cleared); vanished ones forgotten. */
  private classifyNodes(nodes: readonly Node[]): void {
    const present = new Set<string>();
    for (const node of nodes) {
      const name = node.metadata.name ?? '';
      present.add(name);
      this.addZone(zoneKey(node));
      if (this.state.known[name] !== undefined) continue;
      this.nodeEvent(name, node.metadata.uid ?? '', 'RegisteredNode', `Node ${name} event: Registered Node ${name} in Controller`);
      this.state.known[name] = node.metadata.uid ?? '';
      this.markNodeAsReachable(node);
    }
    for (const name of Object.keys(this.state.known).sort()) {
      if (present.has(name)) continue;
      this.nodeEvent(name, this.state.known[name], 'RemovingNode', `Node ${name} event: Removing Node ${name} from Controller`);
      delete this.state.known[name];
      delete this.state.health[name];
    }
  }

  private addZone(zone: string): void {
    if (this.state.zoneStates[zone] !== undefined) return;
    this.state.zoneStates[zone] = 'Initial';
    this.state.tainters[zone] = newTimedQueue(NODE_EVICTION_RATE, this.now);
  }

  private monitorNode(node: Node, zoneConditions: Map<string, (Condition | undefined)[]>): void {
    const name = node.metadata.name ?? '';
    const { observed, current } = this.tryUpdateNodeHealth(node);
    const fresh = this.ctx.store.tryGet<Node>('nodes', '', name) ?? node;
    if (fresh.metadata.labels?.[EXCLUDE_DISRUPTION_LABEL] === undefined) {
      const zone = zoneKey(fresh);
      const list = zoneConditions.get(zone);
      if (list) list.push(current);
      else zoneConditions.set(zone, [current]);
    }
    if (!current) return;
    if (current.status === 'True') this.forgetMarked(name);
    this.processTaintBaseEviction(fresh, observed);
    const becameNotReady = current.status !== 'True' && observed.status === 'True';
    if (becameNotReady) this.nodeEvent(name, fresh.metadata.uid ?? '', 'NodeNotReady', `Node ${name} status is now: NodeNotReady`);
    if (becameNotReady || (this.state.retry.includes(name) && current.status !== 'True')) {
      if (!this.markPodsNotReady(name)) {
        if (!this.state.retry.includes(name)) this.state.retry.push(name);
        return;
      }
    }
    this.state.retry = this.state.retry.filter((n) => n !== name);
  }

  /**
   * tryUpdateNodeHealth: notes any new heartbeat (a status post with a new Ready heartbeat, or a
   * Lease renewal) as probed now; past the grace period, sets the kubelet's conditions Unknown.
   * Returns the Ready condition as found (`observed`) and as it is now (`current`).
   */
  private tryUpdateNodeHealth(node: Node): { observed: Condition; current?: Condition } {
    const name = node.metadata.name ?? '';
    const ready = readyCondition(node);
    const createdMs = node.metadata.creationTimestamp ? parseTimestamp(node.metadata.creationTimestamp) : this.now;
    const observed: Condition = ready ? { ...ready } : neverPosted(node.metadata.creationTimestamp);
    const health = this.observeHeartbeat(name, ready, createdMs);
    const lease = this.ctx.store.tryGet<KObject & { spec?: { renewTime?: string } }>('leases', 'kube-node-lease', name);
    const renew = lease?.spec?.renewTime;
    if (renew && (health.leaseRenew === undefined || health.leaseRenew < renew)) {
      health.leaseRenew = renew;
      health.probeMs = this.now;
    }
    this.state.health[name] = health;
    const graceMs = ready ? NODE_MONITOR_GRACE_PERIOD_MS : NODE_STARTUP_GRACE_PERIOD_MS;
    if (!(this.now > health.probeMs + graceMs)) return { observed, current: ready };
    const conditions = unknownConditions(node, this.now);
    const current = conditions.find((c) => c.type === 'Ready');
    if (deepEqual(current, observed)) return { observed, current: ready };
    try {
      this.ctx.store.update({ ...node, status: { ...node.status, conditions } }, { subresource: 'status' });
    } catch (e) {
      if (!isStatusError(e)) throw e;
      return { observed, current: ready };
    }
    health.ready = seen(current);
    health.readyTransitionMs = this.now;
    return { observed, current };
  }

  /** The health record after comparing the node's Ready condition with the one saved. */
  private observeHeartbeat(name: string, ready: Condition | undefined, createdMs: number): NodeHealth {
    const saved = this.state.health[name];
    const now = this.now;
    if (!ready) return saved ? { ...saved, ready: undefined } : { probeMs: createdMs, readyTransitionMs: createdMs };
    if (!saved || !saved.ready) return { probeMs: now, readyTransitionMs: now, ready: seen(ready) };
    if (saved.ready.heartbeat === ready.lastHeartbeatTime) return { ...saved };
    const transitionMs = saved.ready.transition !== ready.lastTransitionTime ? now : saved.readyTransitionMs;
    return { probeMs: now, readyTransitionMs: transitionMs, ready: seen(ready) };
  }

  // ---- NoExecute taints --------------------------------------------------------------------

  private processTaintBaseEviction(node: Node, observed: Condition): void {
    const name = node.metadata.name ?? '';
    const taints = node.spec?.taints;
    if (observed.status === 'False') {
      if (taintExists(taints, UNREACHABLE_NO_EXECUTE)) swapNodeTaints(this.ctx.store, this.now, name, [NOT_READY_NO_EXECUTE], [UNREACHABLE_NO_EXECUTE]);
      else this.markNodeForTainting(node, NOT_READY_NO_EXECUTE);
    } else if (observed.status === 'Unknown') {
      if (taintExists(taints, NOT_READY_NO_EXECUTE)) swapNodeTaints(this.ctx.store, this.now, name, [UNREACHABLE_NO_EXECUTE], [NOT_READY_NO_EXECUTE]);
      else this.markNodeForTainting(node, UNREACHABLE_NO_EXECUTE);
    } else if (observed.status === 'True') {
      this.markNodeAsReachable(node);
    }
  }

  private markNodeForTainting(node: Node, wanted: Taint): void {
    const q = this.state.tainters[zoneKey(node)];
    const name = node.metadata.name ?? '';
    if (!taintExists(node.spec?.taints, wanted)) removeValue(q, name);
    if (addValue(q, name, node.metadata.uid ?? '', this.now)) this.scheduleTaintPass();
  }

  /** Takes both NoExecute taints off and the node out of its zone's queue. */
  private markNodeAsReachable(node: Node): void {
    const name = node.metadata.name ?? '';
    if (taintExists(node.spec?.taints, UNREACHABLE_NO_EXECUTE) || taintExists(node.spec?.taints, NOT_READY_NO_EXECUTE)) {
      swapNodeTaints(this.ctx.store, this.now, name, [], [UNREACHABLE_NO_EXECUTE, NOT_READY_NO_EXECUTE]);
    }
    const q = this.state.tainters[zoneKey(node)];
    if (q) removeValue(q, name);
  }

  private scheduleTaintPass(): void {
    const at = this.nextTaintPassMs();
    if (at === undefined) return;
    if (this.state.taintPassAtMs !== undefined && this.state.taintPassAtMs <= at && this.state.taintPassAtMs >= this.now) return;
    this.state.taintPassAtMs = at;
    this.ctx.kernel.schedule(at - this.now, TAINT_TIMER, at);
  }

  /** The next 100 ms pass at which some zone has a token and a due node, if any. */
  private nextTaintPassMs(): number | undefined {
    let best = Infinity;
    for (const q of Object.values(this.state.tainters)) {
      const head = q.queue[0];
      if (!head) continue;
      best = Math.min(best, Math.max(tokenAtMs(q.limiter, this.now), head.processAtMs));
    }
    if (!Number.isFinite(best)) return undefined;
    const steps = Math.max(1, Math.ceil((best - this.now) / TAINT_PASS_PERIOD_MS));
    return this.now + steps * TAINT_PASS_PERIOD_MS;
  }

  /** doNoExecuteTaintingPass: each zone's queue, as far as its limiter lets it. */
  private noExecuteTaintingPass(): void {
    this.state.taintPassAtMs = undefined;
    for (const zone of Object.keys(this.state.tainters).sort()) {
      tryQueue(this.state.tainters[zone], this.now, (v) => this.taintNode(v.value));
    }
    this.scheduleTaintPass();
  }

  private taintNode(name: string): TryResult {
    const node = this.ctx.store.tryGet<Node>('nodes', '', name);
    if (!node) return { done: true };
    const ready = readyCondition(node);
    if (!ready) return { done: false, waitMs: TAINT_RETRY_MS };
    // Unreachable and not-ready mirror the Ready condition, so they exclude each other.
    let add: Taint;
    let opposite: Taint;
    if (ready.status === 'False') [add, opposite] = [NOT_READY_NO_EXECUTE, UNREACHABLE_NO_EXECUTE];
    else if (ready.status === 'Unknown') [add, opposite] = [UNREACHABLE_NO_EXECUTE, NOT_READY_NO_EXECUTE];
    else return { done: true }; // Ready again meanwhile: nothing to taint
    return swapNodeTaints(this.ctx.store, this.now, name, [add], [opposite]) ? { done: true } : { done: false, waitMs: 0 };
  }

  // ---- zone disruption ---------------------------------------------------------------------

  private handleDisruption(zoneConditions: Map<string, (Condition | undefined)[]>, nodes: readonly Node[]): void {
    const newStates = new Map<string, ZoneState>();
    let allAreFullyDisrupted = true;
    for (const [zone, conditions] of zoneConditions) {
      const state = computeZoneState(conditions);
      if (state !== 'FullDisruption') allAreFullyDisrupted = false;
      newStates.set(zone, state);
      this.state.zoneStates[zone] ??= 'Initial';
    }
    let allWasFullyDisrupted = true;
    for (const zone of Object.keys(this.state.zoneStates).sort()) {
      if (!zoneConditions.has(zone)) {
        delete this.state.zoneStates[zone];
        continue;
      }
      if (this.state.zoneStates[zone] !== 'FullDisruption') {
        allWasFullyDisrupted = false;
        break;
      }
    }
    if (allAreFullyDisrupted && allWasFullyDisrupted) return;
    if (allAreFullyDisrupted) return this.enterMasterDisruption(nodes);
    if (allWasFullyDisrupted) return this.exitMasterDisruption(zoneConditions, newStates, nodes);
    for (const zone of Object.keys(this.state.zoneStates).sort()) {
      const next = newStates.get(zone);
      if (next === undefined || next === this.state.zoneStates[zone]) continue;
      this.setLimiterInZone(zone, zoneConditions.get(zone)?.length ?? 0, next);
      this.state.zoneStates[zone] = next;
    }
  }

  /** Every zone is down: the problem is more likely the control plane's view, so no taints at all. */
  private enterMasterDisruption(nodes: readonly Node[]): void {
    for (const node of nodes) this.markNodeAsReachable(this.ctx.store.tryGet<Node>('nodes', '', node.metadata.name ?? '') ?? node);
    for (const zone of Object.keys(this.state.zoneStates)) {
      swapLimiter(this.state.tainters[zone], 0, this.now);
      this.state.zoneStates[zone] = 'FullDisruption';
    }
  }

  private exitMasterDisruption(zoneConditions: Map<string, (Condition | undefined)[]>, newStates: Map<string, ZoneState>, nodes: readonly Node[]): void {
    // Every node gets a fresh grace period: its silence may have been the control plane's.
    for (const node of nodes) {
      const h = this.state.health[node.metadata.name ?? ''];
      if (h) {
        h.probeMs = this.now;
        h.readyTransitionMs = this.now;
      }
    }
    for (const zone of Object.keys(this.state.zoneStates).sort()) {
      const next = newStates.get(zone) ?? 'Normal';
      this.setLimiterInZone(zone, zoneConditions.get(zone)?.length ?? 0, next);
      this.state.zoneStates[zone] = next;
    }
  }

  private setLimiterInZone(zone: string, zoneSize: number, state: ZoneState): void {
    const q = this.state.tainters[zone];
    if (!q) return;
    if (state === 'Normal' || state === 'FullDisruption') swapLimiter(q, NODE_EVICTION_RATE, this.now);
    else if (state === 'PartialDisruption') swapLimiter(q, zoneSize > LARGE_CLUSTER_SIZE_THRESHOLD ? SECONDARY_NODE_EVICTION_RATE : 0, this.now);
  }

  // ---- NoSchedule taints (TaintNodesByCondition) -------------------------------------------

  /** doNoScheduleTaintingPass: the condition and unschedulable NoSchedule taints follow the node. */
  private noScheduleTaintingPass(name: string): ReconcileResult {
    const node = this.ctx.store.tryGet<Node>('nodes', '', name);
    if (!node) return 'done';
    const wanted: Taint[] = [];
    for (const c of node.status?.conditions ?? []) {
      const key = CONDITION_TAINTS[c.type]?.[c.status];
      if (key) wanted.push({ key, effect: 'NoSchedule' });
    }
    if (node.spec?.unschedulable === true) wanted.push({ key: TAINT_UNSCHEDULABLE, effect: 'NoSchedule' });
    const owned = (node.spec?.taints ?? []).filter((t) => t.effect === 'NoSchedule' && (t.key === TAINT_UNSCHEDULABLE || CONDITION_TAINT_KEYS.has(t.key)));
    const add = wanted.filter((t) => !owned.some((o) => matchTaint(o, t)));
    const remove = owned.filter((o) => !wanted.some((t) => matchTaint(o, t)));
    if (add.length === 0 && remove.length === 0) return 'done';
    return swapNodeTaints(this.ctx.store, this.now, name, add, remove) ? 'done' : 'retry';
  }

  // ---- pods --------------------------------------------------------------------------------

  /**
   * A pod newly bound to a node the controller knows is not ready is marked not ready too. (Only
   * the binding counts, as in PodUpdated: a status write by the pod's own kubelet does not.)
   */
  private podChanged(type: string, pod: Pod): void {
    const key = keyOf(pod);
    if (type === 'DELETED') {
      delete this.state.marked[key];
      return;
    }
    const nodeName = pod.spec?.nodeName;
    if (!nodeName) return;
    const ready = this.state.health[nodeName]?.ready;
    if (ready && ready.status !== 'True' && this.state.marked[key] !== nodeName) this.podQueue.add(key);
  }

  private forgetMarked(nodeName: string): void {
    for (const [key, node] of Object.entries(this.state.marked)) if (node === nodeName) delete this.state.marked[key];
  }

  private processPod(key: string): ReconcileResult {
    const { namespace, name } = splitKey(key);
    const pod = this.ctx.store.tryGet<Pod>('pods', namespace, name);
    const nodeName = pod?.spec.nodeName;
    if (!pod || !nodeName) return 'done';
    const ready = this.state.health[nodeName]?.ready;
    if (!ready || ready.status === 'True' || this.state.marked[key] === nodeName) return 'done';
    return this.markPodNotReady(pod) ? 'done' : 'retry';
  }

  /** MarkPodsNotReady for every pod bound to the node; false when a write failed. */
  private markPodsNotReady(nodeName: string): boolean {
    let ok = true;
    for (const pod of this.ctx.store.list<Pod>('pods', { fieldSelector: `spec.nodeName=${nodeName}` }).items) {
      if (!this.markPodNotReady(pod)) ok = false;
    }
    return ok;
  }

  /** Sets the pod's Ready condition False (if it has one and it is not already) and records NodeNotReady. */
  private markPodNotReady(pod: Pod): boolean {
    this.state.marked[keyOf(pod)] = pod.spec.nodeName ?? '';
    const conditions = pod.status?.conditions ?? [];
    const i = conditions.findIndex((c) => c.type === 'Ready');
    if (i < 0 || conditions[i].status === 'False') return true;
    const next = conditions.map((c, j) => (j === i ? { ...c, status: 'False' as const, lastTransitionTime: formatTimestamp(this.now) } : c));
    try {
      this.ctx.store.update({ ...pod, status: { ...pod.status, conditions: next } }, { subresource: 'status' });
    } catch (e) {
      if (!isStatusError(e)) throw e;
      return e.reason === 'NotFound';
    }
    this.ctx.events.record({ involved: pod, type: 'Warning', reason: 'NodeNotReady', message: 'Node is not ready', component: NODE_CONTROLLER });
    return true;
  }

  private nodeEvent(name: string, uid: string, reason: string, message: string): void {
    const ref: KObject = { apiVersion: 'v1', kind: 'Node', metadata: { name, uid } };
    this.ctx.events.record({ involved: ref, type: 'Normal', reason, message, component: NODE_CONTROLLER });
  }
}

function readyCondition(node: Node): Condition | undefined {
  return node.status?.conditions?.find((c) => c.type === 'Ready');
}

function seen(c: Condition | undefined): NodeHealth['ready'] {
  return c ? { status: c.status, heartbeat: c.lastHeartbeatTime, transition: c.lastTransitionTime } : undefined;
}

/** The Ready condition the controller assumes for a node that never posted one. */
function neverPosted(created: string | undefined): Condition {
  return { type: 'Ready', status: 'Unknown', lastHeartbeatTime: created, lastTransitionTime: created };
}

/** The kubelet's conditions set Unknown (kept heartbeat; transition now), missing ones added. */
function unknownConditions(node: Node, nowMs: number): Condition[] {
  const now = formatTimestamp(nowMs);
  const out = (node.status?.conditions ?? []).map((c) => {
    if (!KUBELET_CONDITIONS.includes(c.type) || c.status === 'Unknown') return c;
    return { ...c, status: 'Unknown' as const, reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastTransitionTime: now };
  });
  for (const type of KUBELET_CONDITIONS) {
    if (out.some((c) => c.type === type)) continue;
    out.push({
      type,
      status: 'Unknown',
      reason: 'NodeStatusNeverUpdated',
      message: 'Kubelet never posted node status.',
      lastHeartbeatTime: node.metadata.creationTimestamp,
      lastTransitionTime: now,
    });
  }
  return out;
}

/** ComputeZoneState: Full when nothing is ready, Partial when > 2 and ≥ 55% are not, else Normal. */
export function computeZoneState(conditions: readonly (Condition | undefined)[]): ZoneState {
  let ready = 0;
  let notReady = 0;
  for (const c of conditions) {
    if (c?.status === 'True') ready++;
    else notReady++;
  }
  if (ready === 0 && notReady > 0) return 'FullDisruption';
  if (notReady > 2 && notReady / (notReady + ready) >= UNHEALTHY_ZONE_THRESHOLD) return 'PartialDisruption';
  return 'Normal';
}
