/**
 * kube-scheduler as a component: it watches nodes and pods into its cache and queue, takes pending
 * pods off activeQ in PrioritySort order, runs the profile's framework on each (a Decision per
 * attempt), and applies what the cycle decided through the API — the binding and `Scheduled`
 * event, or `FailedScheduling` with the PodScheduled condition, a nomination and preemption's
 * evictions. Cycles take no simulated time; back-off and the 5-minute flush run on timers.
 */
import { isStatusError } from '../../api/errors.ts';
import { resourceByPlural } from '../../api/resources.ts';
import type { Condition, KObject, Node, Pod, WatchEvent } from '../../api/types.ts';
import { formatTimestamp } from '../../kernel/time.ts';
import { deepEqual } from '../../kernel/objects.ts';
import type { Component, ComponentContext } from '../component.ts';
import { SchedulerCache } from './cache.ts';
import { defaultSchedulerConfig, expandProfile, type SchedulerConfig } from './framework/config.ts';
import { DecisionLog, type Decision, type DecisionJSON } from './framework/decision.ts';
import { fitErrorMessage } from './framework/fit-error.ts';
import { podInfo } from './framework/pod-info.ts';
import { Framework, type CycleResult } from './framework/runtime.ts';
import { admissionCheck } from './admission-check.ts';
import { type ClusterEvent, type PodInfo, type PreemptionHandle, type QueuedPodInfo } from './framework/types.ts';
import { PodNominator } from './nominator.ts';
import { PLUGIN_REGISTRY } from './plugins/registry.ts';
import { prioritySortLess } from './plugins/priority-sort.ts';
import { BACKOFF_FLUSH_PERIOD_MS, SchedulingQueue, UNSCHEDULABLE_FLUSH_PERIOD_MS, type QueueEntryState } from './queue.ts';
import { late } from '../../late.ts';

const RUN_TIMER = 'scheduler.run';
const BACKOFF_TIMER = 'scheduler.flushBackoff';
const UNSCHEDULABLE_TIMER = 'scheduler.flushUnschedulable';
/** How many decisions the trace keeps (the "most recent 1,000"). */
export const DECISIONS_KEPT = 1000;
export const NO_NODES_MESSAGE = 'no nodes available to schedule pods';

export interface SchedulerState {
  config: SchedulerConfig;
  queue: QueueEntryState[];
  nextStartNodeIndex: number;
  seq: number;
  timers: { run: boolean; backoff: boolean; unschedulable: boolean };
  /** The latest decisions, so `sim explain` still explains them after a restore. */
  decisions?: DecisionJSON[];
}

export class Scheduler implements Component {
  readonly name = 'kube-scheduler';
  private config: SchedulerConfig = defaultSchedulerConfig();
  private frameworks = new Map<string, Framework>();
  private readonly cache = new SchedulerCache();
  private queue!: SchedulingQueue;
  private readonly nominator = new PodNominator();
  readonly decisions = new DecisionLog(DECISIONS_KEPT);
  /** Pods held back by a PreEnqueue plugin (scheduling gates). */
  private readonly gated = new Map<string, PodInfo>();
  private nextStartNodeIndex = 0;
  private seq = 0;
  private armed = { run: false, backoff: false, unschedulable: false };
  /** The PodInfo of the pod being bound right now, reused when its binding arrives on the watch. */
  private binding?: PodInfo;

  constructor(private readonly ctx: ComponentContext) {
    ctx.kernel.on(RUN_TIMER, () => this.run());
    ctx.kernel.on(BACKOFF_TIMER, () => this.onBackoffTick());
    ctx.kernel.on(UNSCHEDULABLE_TIMER, () => this.onUnschedulableTick());
    this.build(this.config);
  }

  // ---- configuration -------------------------------------------------------------------------

  /** Restarts the scheduler with a new configuration (`sim scheduler config -f`); pending pods are requeued. */
  configure(config: SchedulerConfig): void {
    const pending = this.queue.save().map((s) => ({ ...s, where: 'active' as const, attempts: 0, unschedulablePlugins: [] }));
    this.build(config); // throws, changing nothing, when a plugin refuses its args
    this.queue.load(pending, (key) => this.pendingInfo(key));
    this.nextStartNodeIndex = 0;
    this.kick();
  }

  get configuration(): SchedulerConfig {
    return this.config;
  }

  /** Builds every profile's plugins first (a plugin's args may be refused), then switches to them. */
  private build(config: SchedulerConfig): void {
    const frameworks = new Map<string, Framework>();
    for (const p of config.profiles) {
      // The handle reaches the framework it is built for (preemption runs that framework's filters).
      const ref: { fwk?: Framework } = {};
      const handle = this.handle(() => ref.fwk!);
      ref.fwk = new Framework(expandProfile(p, () => true), PLUGIN_REGISTRY, handle, config.percentageOfNodesToScore);
      frameworks.set(p.schedulerName, ref.fwk);
    }
    this.config = config;
    this.frameworks = frameworks;
    const first = this.frameworks.values().next().value as Framework;
    const less = first.queueSort ? (a: QueuedPodInfo, b: QueuedPodInfo) => first.queueSort!.less(a, b) : prioritySortLess;
    this.queue = new SchedulingQueue(less, { initialMs: config.podInitialBackoffSeconds * 1000, maxMs: config.podMaxBackoffSeconds * 1000 });
  }

  private handle(fwk: () => Framework): PreemptionHandle {
    const { store, kernel } = this.ctx;
    return {
      snapshot: () => this.cache,
      list: <T extends KObject>(resource: string, namespace?: string) =>
        resourceByPlural(resource) ? store.list<T>(resource, namespace === undefined ? {} : { namespace }).items : [],
      get: <T extends KObject>(resource: string, namespace: string, name: string) =>
        resourceByPlural(resource) ? store.tryGet<T>(resource, namespace, name) : undefined,
      hasResource: (resource) => resourceByPlural(resource) !== undefined,
      runFilters: (state, pod, node) => fwk().runFilters(state, pod, node, this.nominator),
      removePod: (state, pod, victim, node) => fwk().removePod(state, pod, victim, node),
      addPod: (state, pod, other, node) => fwk().addPod(state, pod, other, node),
      nominatedPods: (node) => this.nominator.onNode(node),
      randomInt: (n) => kernel.prng.nextInt(n),
    };
  }

  // ---- watches -------------------------------------------------------------------------------

  start(_resume: boolean): void {
    const { store } = this.ctx;
    for (const n of store.list<Node>('nodes').items) this.cache.setNode(n);
    const podSelector = 'status.phase!=Succeeded,status.phase!=Failed';
    const known = new Set(this.queue.save().map((s) => s.key));
    for (const p of store.list<Pod>('pods', { fieldSelector: podSelector }).items) {
      if (p.spec.nodeName) this.cache.setPod(podInfo(p), p.spec.nodeName);
      else if (!known.has(keyOf(p))) this.onPod({ type: 'ADDED', object: p });
      else if (p.status?.nominatedNodeName) this.nominator.set(podInfo(p), p.status.nominatedNodeName);
    }
    const from = { resourceVersion: store.resourceVersion };
    store.watch('nodes', (e) => this.onNode(e), from);
    store.watch('pods', (e) => this.onPod(e as WatchEvent<Pod>), { ...from, fieldSelector: podSelector });
    // Storage events move pods VolumeBinding (and VolumeZone...) turned away back to the queue.
    const storage = [['persistentvolumeclaims', 'PersistentVolumeClaim'], ['persistentvolumes', 'PersistentVolume'], ['storageclasses', 'StorageClass']] as const;
    for (const [plural, resource] of storage) {
      if (!resourceByPlural(plural)) continue;
      store.watch(plural, (e) => this.clusterEvent({ resource, action: e.type === 'ADDED' ? 'Add' : e.type === 'DELETED' ? 'Delete' : 'Update' }), from);
    }
  }

  private onNode(e: WatchEvent): void {
    const node = e.object as Node;
    if (e.type === 'DELETED') {
      this.cache.removeNode(node.metadata.name ?? '');
      return;
    }
    const old = this.cache.setNode(node);
    // Without queueing hints (v1.31's default) a node event only moves the pods that could pass
    // the node's basic checks (preCheckForNode).
    const info = this.cache.get(node.metadata.name ?? '')!;
    const preCheck = (p: PodInfo) => admissionCheck(p, info);
    if (!old) return this.clusterEvent({ resource: 'Node', action: 'Add' }, preCheck);
    for (const action of nodeChanges(old, node)) this.clusterEvent({ resource: 'Node', action }, preCheck);
  }

  private onPod(e: WatchEvent<Pod>): void {
    const pod = e.object;
    const key = keyOf(pod);
    if (e.type === 'DELETED') return this.podGone(key);
    if (pod.spec.nodeName) return this.podAssigned(pod, key, e.type);
    if (!this.frameworks.has(pod.spec.schedulerName ?? 'default-scheduler')) return;
    if (pod.metadata.deletionTimestamp) {
      this.queue.delete(key);
      this.nominator.remove(key);
      this.gated.delete(key);
      return;
    }
    this.podPending(pod, key);
  }

  private podGone(key: string): void {
    if (this.cache.nodeOf(key) !== undefined) {
      this.cache.removePod(key);
      this.clusterEvent({ resource: 'Pod', action: 'Delete' });
    }
    this.queue.delete(key);
    this.nominator.remove(key);
    this.gated.delete(key);
  }

  private podAssigned(pod: Pod, key: string, type: string): void {
    const previous = this.cache.nodeOf(key);
    const cached = previous === undefined ? undefined : this.cache.get(previous)?.pods.find((p) => p.key === key);
    // What PodInfo derives (requests, ports, affinity) comes from fields a pod cannot change once
    // created, so an update (mostly the kubelet's status writes) only swaps the object in.
    const reuse = this.binding?.key === key ? this.binding : cached;
    const oldLabels = cached?.pod.metadata.labels;
    this.cache.setPod(reuse ? { ...reuse, pod } : podInfo(pod), pod.spec.nodeName!);
    this.queue.delete(key);
    this.nominator.remove(key);
    this.gated.delete(key);
    if (type === 'ADDED' || previous === undefined) this.clusterEvent({ resource: 'Pod', action: 'Add' });
    else if (!deepEqual(oldLabels ?? {}, pod.metadata.labels ?? {})) this.clusterEvent({ resource: 'Pod', action: 'UpdatePodLabel' });
  }

  private podPending(pod: Pod, key: string): void {
    const info = podInfo(pod);
    this.nominator.set(info, pod.status?.nominatedNodeName ?? '');
    const fwk = this.frameworks.get(pod.spec.schedulerName ?? 'default-scheduler')!;
    for (const p of fwk.preEnqueue) {
      if (p.preEnqueue(pod) !== null) {
        this.gated.set(key, info);
        this.queue.delete(key);
        return;
      }
    }
    const wasGated = this.gated.delete(key);
    const queued = this.queue.peek(key);
    if (!queued || wasGated) this.queue.add(info, this.ctx.kernel.now);
    else this.queue.update(info, schedulingInputsChanged(queued.podInfo.pod, pod), this.ctx.kernel.now);
    this.kick();
    this.arm();
  }

  /** Unschedulable pods a plugin of theirs cares about this event go back to activeQ/backoffQ. */
  private clusterEvent(event: ClusterEvent, preCheck?: (pod: PodInfo) => boolean): void {
    const moved = this.queue.moveOnEvent(event, (plugin, ev) => this.interested(plugin, ev), this.ctx.kernel.now, preCheck);
    if (moved > 0) {
      this.kick();
      this.arm();
    }
  }

  private interested(plugin: string, ev: ClusterEvent): boolean {
    for (const fwk of this.frameworks.values()) {
      const events = fwk.plugins.get(plugin)?.events ?? [];
      for (const r of events) {
        if (r.resource !== ev.resource && r.resource !== '*') continue;
        if (r.action === 'All' || r.action === ev.action) return true;
        if (r.action === 'Update' && ev.action.startsWith('Update')) return true;
      }
    }
    return false;
  }

  // ---- timers --------------------------------------------------------------------------------

  private kick(): void {
    if (this.armed.run) return;
    this.armed.run = true;
    this.ctx.kernel.schedule(0, RUN_TIMER);
  }

  /** Sets the 1 s / 30 s flush ticks while there are pods for them to flush. */
  private arm(): void {
    const now = this.ctx.kernel.now;
    if (!this.armed.backoff && this.queue.count('backoff') > 0) {
      this.armed.backoff = true;
      this.ctx.kernel.schedule(nextTick(now, BACKOFF_FLUSH_PERIOD_MS) - now, BACKOFF_TIMER);
    }
    if (!this.armed.unschedulable && this.queue.count('unschedulable') > 0) {
      this.armed.unschedulable = true;
      this.ctx.kernel.schedule(nextTick(now, UNSCHEDULABLE_FLUSH_PERIOD_MS) - now, UNSCHEDULABLE_TIMER);
    }
  }

  private onBackoffTick(): void {
    this.armed.backoff = false;
    if (this.queue.flushBackoff(this.ctx.kernel.now) > 0) this.run();
    this.arm();
  }

  private onUnschedulableTick(): void {
    this.armed.unschedulable = false;
    if (this.queue.flushUnschedulable(this.ctx.kernel.now) > 0) this.run();
    this.arm();
  }

  // ---- scheduling cycles ---------------------------------------------------------------------

  /** Schedules every pod in activeQ, in queue order. */
  private run(): void {
    this.armed.run = false;
    for (let batch = this.queue.popAll(); batch.length > 0; batch = this.queue.popAll()) {
      for (const q of batch) this.scheduleOne(q);
    }
    this.arm();
  }

  private scheduleOne(q: QueuedPodInfo): void {
    const { store, kernel } = this.ctx;
    const key = q.podInfo.key;
    const [ns, name] = splitKey(key);
    const pod = store.tryGet<Pod>('pods', ns, name);
    if (!pod || pod.spec.nodeName || pod.metadata.deletionTimestamp || pod.metadata.uid !== q.podInfo.pod.metadata.uid) {
      this.queue.done(key);
      return;
    }
    if (pod !== q.podInfo.pod) q.podInfo = podInfo(pod);
    const fwk = this.frameworks.get(pod.spec.schedulerName ?? 'default-scheduler');
    if (!fwk) return this.queue.done(key);
    const r = fwk.schedule(q.podInfo, this.cache, this.nextStartNodeIndex, this.nominator, kernel.prng, ++this.seq, kernel.now, this.decisions);
    const numNodes = this.cache.nodes.length;
    if (numNodes > 0) this.nextStartNodeIndex = (this.nextStartNodeIndex + r.processed) % numNodes;
    this.decisions.add(r.decision);
    if (r.selected === undefined) return this.failed(fwk, q, r);
    const s = fwk.runBindingCycle(r.state, q.podInfo, r.selected);
    if (s !== null) {
      r.decision.message = `running ${s.plugin ?? ''} plugin: ${s.reasons.join(', ')}`;
      return this.retry(q, r.decision.message, s.plugin);
    }
    // VolumeBinding's PreBind decided API writes (claimRef, selected-node): made before the binding.
    late().bindPodVolumes(this.ctx.store, r.state);
    this.bind(q, r.selected);
  }

  private bind(q: QueuedPodInfo, nodeName: string): void {
    const { store, events } = this.ctx;
    const [ns, name] = splitKey(q.podInfo.key);
    this.binding = q.podInfo;
    try {
      const bound = store.bind(ns, name, nodeName);
      events.record({
        involved: bound,
        type: 'Normal',
        reason: 'Scheduled',
        message: `Successfully assigned ${ns}/${name} to ${nodeName}`,
        component: 'default-scheduler',
      });
      this.queue.done(q.podInfo.key);
    } catch (e) {
      if (!isStatusError(e)) throw e;
      // Bound by someone else or deleted meanwhile: the watch has the truth.
      this.queue.done(q.podInfo.key);
    } finally {
      this.binding = undefined;
    }
  }

  /** handleSchedulingFailure for a FitError: PostFilter (preemption), the event, the status, requeue. */
  private failed(fwk: Framework, q: QueuedPodInfo, r: CycleResult): void {
    const d = r.decision;
    if (d.numAllNodes === 0) {
      d.message = NO_NODES_MESSAGE;
      return this.retry(q, NO_NODES_MESSAGE, undefined, 'SchedulerError');
    }
    const post = fwk.runPostFilter(r.state, q.podInfo, r.statuses);
    const nominated = post.result?.nominatedNodeName;
    const victims = post.result?.victims ?? [];
    d.message = fitErrorMessage(d.numAllNodes, r.statuses, r.preFilterMsg, post.message);
    if (post.plugin || post.message) d.postFilter = { nominatedNode: nominated, victims: victims.map(keyOf), message: post.message };
    if (nominated) this.preempt(q.podInfo, nominated, victims);
    else if (nominated === '') this.clearNomination(q.podInfo);
    q.unschedulablePlugins = r.unschedulablePlugins;
    this.recordFailure(q.podInfo.pod, d.message, 'Unschedulable', nominated || undefined);
    this.queue.addUnschedulable(q, this.ctx.kernel.now, false);
    this.arm();
  }

  /** A cycle that failed with an error rather than a FitError goes to backoffQ. */
  private retry(q: QueuedPodInfo, message: string, plugin?: string, reason = 'SchedulerError'): void {
    q.unschedulablePlugins = new Set(plugin ? [plugin] : []);
    this.recordFailure(q.podInfo.pod, message, reason);
    this.queue.addUnschedulable(q, this.ctx.kernel.now, true);
    this.arm();
  }

  private recordFailure(pod: Pod, message: string, reason: string, nominatedNodeName?: string): void {
    const { store, events, kernel } = this.ctx;
    const current = store.tryGet<Pod>('pods', pod.metadata.namespace ?? '', pod.metadata.name ?? '');
    if (!current || current.spec.nodeName) return;
    events.record({ involved: current, type: 'Warning', reason: 'FailedScheduling', message, component: 'default-scheduler' });
    const conditions = current.status?.conditions ?? [];
    const prev = conditions.find((c) => c.type === 'PodScheduled');
    const next: Condition = {
      type: 'PodScheduled',
      status: 'False',
      lastProbeTime: null,
      lastTransitionTime: prev?.status === 'False' ? prev.lastTransitionTime : formatTimestamp(kernel.now),
      reason,
      message,
    };
    const nomination = nominatedNodeName ?? current.status?.nominatedNodeName;
    if (prev && deepEqual(prev, next) && nomination === current.status?.nominatedNodeName) return;
    const status = { ...current.status, conditions: [...conditions.filter((c) => c.type !== 'PodScheduled'), next] };
    if (nomination) status.nominatedNodeName = nomination;
    store.update({ ...current, status }, { subresource: 'status' });
  }

  /**
   * PrepareCandidate: each victim gets the DisruptionTarget condition and a graceful delete, and
   * lower-priority pods nominated to the node lose their nomination.
   */
  private preempt(preemptor: PodInfo, nodeName: string, victims: readonly Pod[]): void {
    const { store, events, kernel } = this.ctx;
    for (const v of victims) {
      const ns = v.metadata.namespace ?? '';
      const name = v.metadata.name ?? '';
      const live = store.tryGet<Pod>('pods', ns, name);
      if (!live) continue;
      const conditions = (live.status?.conditions ?? []).filter((c) => c.type !== 'DisruptionTarget');
      conditions.push({
        type: 'DisruptionTarget',
        status: 'True',
        lastProbeTime: null,
        lastTransitionTime: formatTimestamp(kernel.now),
        reason: 'PreemptionByScheduler',
        message: `${preemptor.pod.spec.schedulerName ?? 'default-scheduler'}: preempting to accommodate a higher priority pod`,
      });
      const updated = store.update<Pod>({ ...live, status: { ...live.status, conditions } }, { subresource: 'status' });
      try {
        store.delete('pods', ns, name);
      } catch (e) {
        if (!isStatusError(e, 'NotFound')) throw e;
      }
      events.record({
        involved: updated,
        type: 'Normal',
        reason: 'Preempted',
        message: `Preempted by pod ${preemptor.pod.metadata.uid ?? ''} on node ${nodeName}`,
        component: 'default-scheduler',
      });
    }
    const priority = preemptor.pod.spec.priority ?? 0;
    for (const other of this.nominator.onNode(nodeName)) {
      if (other.key === preemptor.key || (other.pod.spec.priority ?? 0) >= priority) continue;
      this.clearNomination(other);
    }
  }

  private clearNomination(p: PodInfo): void {
    const { store } = this.ctx;
    const [ns, name] = splitKey(p.key);
    const live = store.tryGet<Pod>('pods', ns, name);
    this.nominator.remove(p.key);
    if (!live?.status?.nominatedNodeName) return;
    const status = { ...live.status };
    delete status.nominatedNodeName;
    store.update({ ...live, status }, { subresource: 'status' });
  }

  // ---- reads for commands and the UI ----------------------------------------------------------

  /** The latest decision for a pod (`namespace/name`), while it is among the most recent. */
  decisionFor(key: string): Decision | undefined {
    return this.decisions.forPod(key);
  }

  /** The plugin objects of a profile (for plain-words explanations). */
  framework(schedulerName = 'default-scheduler'): Framework | undefined {
    return this.frameworks.get(schedulerName);
  }

  pending(): ReturnType<SchedulingQueue['list']> {
    return [
      ...this.queue.list(),
      ...[...this.gated.keys()].map((key) => ({ key, where: 'gated' as const, attempts: 0, backoffUntil: 0 })),
    ] as ReturnType<SchedulingQueue['list']>;
  }

  save(): SchedulerState {
    return {
      config: this.config,
      queue: this.queue.save(),
      nextStartNodeIndex: this.nextStartNodeIndex,
      seq: this.seq,
      timers: { ...this.armed },
      decisions: this.decisions.save(),
    };
  }

  load(state: unknown): void {
    const s = state as SchedulerState;
    this.build(s.config);
    this.queue.load(s.queue, (key) => this.pendingInfo(key));
    this.nextStartNodeIndex = s.nextStartNodeIndex;
    this.seq = s.seq;
    this.armed = { ...s.timers };
    this.decisions.load(s.decisions ?? []);
  }

  private pendingInfo(key: string): PodInfo | undefined {
    const [ns, name] = splitKey(key);
    const pod = this.ctx.store.tryGet<Pod>('pods', ns, name);
    return pod && !pod.spec.nodeName ? podInfo(pod) : undefined;
  }
}

const keyOf = (o: KObject): string => `${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`;

function splitKey(key: string): [string, string] {
  const i = key.indexOf('/');
  return [key.slice(0, i), key.slice(i + 1)];
}

const nextTick = (now: number, period: number): number => (Math.floor(now / period) + 1) * period;

/** The scheduling-relevant changes between two versions of a Node (nodeSchedulingPropertiesChange). */
function nodeChanges(old: Node, node: Node): ClusterEvent['action'][] {
  const out: ClusterEvent['action'][] = [];
  if (!deepEqual(old.metadata.labels ?? {}, node.metadata.labels ?? {})) out.push('UpdateNodeLabel');
  if (!deepEqual(old.spec?.taints ?? [], node.spec?.taints ?? []) || (old.spec?.unschedulable ?? false) !== (node.spec?.unschedulable ?? false)) {
    out.push('UpdateNodeTaint');
  }
  if (!deepEqual(old.status?.allocatable ?? {}, node.status?.allocatable ?? {})) out.push('UpdateNodeAllocatable');
  const conds = (n: Node) => (n.status?.conditions ?? []).map((c) => `${c.type}=${c.status}`).join(',');
  if (conds(old) !== conds(node)) out.push('UpdateNodeCondition');
  return out;
}

/** isPodUpdated, minus status: did anything the scheduler reads change (spec, labels)? */
function schedulingInputsChanged(old: Pod, pod: Pod): boolean {
  return !deepEqual(old.spec, pod.spec) || !deepEqual(old.metadata.labels ?? {}, pod.metadata.labels ?? {});
}
