/**
 * cluster-autoscaler's loop (RunOnce) (cluster-autoscaler.ts): a late part of the engine (engine/late.ts), since the default
 * cluster never runs it. Its methods are lent to the controller made at boot.
 */
import { isStatusError } from '../../api/errors.ts';
import { resourceByPlural } from '../../api/resources.ts';
import type { KObject, Node, Pod, PodDisruptionBudget, Taint } from '../../api/types.ts';
import { buildNode } from '../../cluster/nodes.ts';
import { EPOCH_UNIX_MS, formatTimestamp, parseTimestamp } from '../../kernel/time.ts';
import { drainBlocker, estimate, firstFit, fitFailure, podRequest, simNodeOf, staysWithNode, utilization, type PodRequest, type SimNode } from './cluster-autoscaler-fit.ts';
import { isPodActive, selectorMatches } from './util.ts';
import { ClusterAutoscaler, BOOT_TIMER, CLUSTER_AUTOSCALER, type Deletion, MAX_EMPTY_BULK_DELETE, MAX_GRACEFUL_TERMINATION_MS, MAX_POD_EVICTION_MS, NODE_BOOT_DELAY_MS, NODE_GROUP_LABEL, type NodeGroup, SCALE_DOWN_DELAY_AFTER_ADD_MS, SCALE_DOWN_UNNEEDED_MS, SCALE_DOWN_UTILIZATION_THRESHOLD, STATUS_CONFIGMAP, TO_BE_DELETED_TAINT } from './cluster-autoscaler.ts';
import { lendMethods } from '../../late.ts';

class ClusterAutoscalerScan extends (Object as unknown as typeof ClusterAutoscaler) {
  scanOnce(): void {
    this.s.scanScheduled = false;
    if (this.s.groups.length === 0) return;
    this.ensureStatusConfigMap();
    const snapshot = this.snapshot();
    this.finishDeletions(snapshot);
    const scaledUp = this.scaleUp(snapshot);
    this.updateUnneeded(snapshot);
    if (!scaledUp) this.scaleDown(snapshot);
    this.ensureScan();
  }

  private snapshot(): Snapshot {
    const nodes = this.ctx.store.list<Node>('nodes').items;
    const pods = this.ctx.store.list<Pod>('pods').items.filter((p) => isPodActive(p) || (p.metadata.deletionTimestamp && p.spec.nodeName));
    const byNode = new Map<string, Pod[]>();
    for (const p of pods) {
      if (!p.spec.nodeName) continue;
      const list = byNode.get(p.spec.nodeName);
      if (list) list.push(p);
      else byNode.set(p.spec.nodeName, [p]);
    }
    // PodDisruptionBudgets count once the API serves them.
    const pdbs = resourceByPlural('poddisruptionbudgets') ? this.ctx.store.list<PodDisruptionBudget>('poddisruptionbudgets').items : [];
    return { nodes, pods, byNode, pdbs };
  }

  // ---- scale-up ----------------------------------------------------------------------------------

  /** ScaleUp: true when a group was resized. */
  private scaleUp(snap: Snapshot): boolean {
    const pending = unschedulablePods(snap.pods);
    if (pending.length === 0) return false;
    // Pods that fit existing room or machines already booting wait for them (filterOutSchedulable).
    const existing = snap.nodes.filter(canHostPods).map((n) => simNodeOf(n, (snap.byNode.get(n.metadata.name ?? '') ?? []).map(podRequest)));
    const booting = this.s.booting.map((b) => this.template(this.s.groups.find((g) => g.name === b.group)!));
    const left = firstFit(pending.map(podRequest), [...existing, ...booting]);
    if (left.length === 0) return false;
    const options = this.s.groups.map((g) => this.option(g, left));
    const best = bestOption(options.filter((o) => o.placed.length > 0));
    if (best) this.executeScaleUp(best);
    const helped = new Set(best?.placed.map((p) => p.pod) ?? []);
    for (const p of left) if (!helped.has(p.pod)) this.notTriggered(p, options);
    return best !== undefined;
  }

  /** TemplateNodeInfo: an empty node exactly as the group's machines register. */
  private template(g: NodeGroup): SimNode {
    return simNodeOf(buildNode({ ...this.shape(g, `template-${g.name}`), index: 0 }, this.ctx.kernel.now), []);
  }

  private option(g: NodeGroup, pods: readonly PodRequest[]): Option {
    const size = this.groupNodes(g.name).length + this.s.booting.filter((b) => b.group === g.name).length;
    const room = g.max - size;
    const reasons = new Map<PodRequest, string>();
    const fitting = pods.filter((p) => {
      const why = fitFailure(p, this.template(g));
      if (why) reasons.set(p, why);
      return why === undefined;
    });
    for (const p of fitting) if (room <= 0) reasons.set(p, 'max node group size reached');
    const { nodes, placed } = room > 0 ? estimate(fitting, () => this.template(g), room) : { nodes: [], placed: [] };
    return { group: g, from: size, to: size + nodes.length, nodes, placed, reasons };
  }

  private executeScaleUp(o: Option): void {
    const g = o.group;
    for (let i = o.from; i < o.to; i++) {
      const node = this.nextNodeName(g);
      this.s.booting.push({ node, group: g.name });
      this.ctx.kernel.schedule(NODE_BOOT_DELAY_MS, BOOT_TIMER, node);
    }
    this.s.lastScaleUpMs = this.ctx.kernel.now;
    this.statusEvent('Normal', 'ScaledUpGroup', `Scale-up: setting group ${g.name} size to ${o.to} instead of ${o.from} (max: ${g.max})`);
    for (const p of o.placed) {
      this.event(p.pod, 'Normal', 'TriggeredScaleUp', `pod triggered scale-up: [{${g.name} ${o.from}->${o.to} (max: ${g.max})}]`);
    }
  }

  /** NotTriggerScaleUp with ReasonsMessage: each group's reason, counted. */
  private notTriggered(p: PodRequest, options: readonly Option[]): void {
    const counts = new Map<string, number>();
    for (const o of options) {
      const why = o.reasons.get(p) ?? 'max node group size reached';
      counts.set(why, (counts.get(why) ?? 0) + 1);
    }
    const text = [...counts.entries()].map(([why, n]) => `${n} ${why}`).sort();
    this.event(p.pod, 'Normal', 'NotTriggerScaleUp', `pod didn't trigger scale-up: ${text.join(', ')}`);
  }

  // ---- scale-down --------------------------------------------------------------------------------

  /** UpdateUnneededNodes: group nodes under the threshold whose pods can all move elsewhere. */
  private updateUnneeded(snap: Snapshot): void {
    const now = this.ctx.kernel.now;
    const dest = new Map(snap.nodes.filter(canHostPods).map((n) => [n.metadata.name ?? '', simNodeOf(n, (snap.byNode.get(n.metadata.name ?? '') ?? []).map(podRequest))]));
    const still: Record<string, number> = {};
    for (const node of this.candidates(snap)) {
      const name = node.metadata.name ?? '';
      const sim = dest.get(name) ?? simNodeOf(node, (snap.byNode.get(name) ?? []).map(podRequest));
      dest.delete(name);
      if (utilization(sim).max >= SCALE_DOWN_UTILIZATION_THRESHOLD) {
        dest.set(name, sim);
        continue;
      }
      if (!this.canMove(snap, name, [...dest.values()])) {
        dest.set(name, sim);
        continue;
      }
      still[name] = this.s.unneededSince[name] ?? now;
    }
    this.s.unneededSince = still;
  }

  private candidates(snap: Snapshot): Node[] {
    const deleting = new Set(this.s.deleting.map((d) => d.node));
    return snap.nodes.filter((n) => n.metadata.labels?.[NODE_GROUP_LABEL] !== undefined && !deleting.has(n.metadata.name ?? '') && isReady(n));
  }

  /** The removal simulation: every pod that must move finds room on the destinations (which absorb it). */
  private canMove(snap: Snapshot, node: string, dest: SimNode[]): boolean {
    const movers = podsToMove(snap, node);
    if (movers.some((p) => drainBlocker(p, this.pdbFor(snap, p) !== undefined) !== undefined)) return false;
    if (movers.some((p) => (this.pdbFor(snap, p)?.status?.disruptionsAllowed ?? 1) < 1)) return false;
    const trial = dest.map((d) => ({ ...d }));
    const left = firstFit(movers.map(podRequest), trial);
    if (left.length > 0) return false;
    trial.forEach((t, i) => Object.assign(dest[i], t));
    return true;
  }

  private pdbFor(snap: Snapshot, pod: Pod): PodDisruptionBudget | undefined {
    return snap.pdbs.find((b) => b.metadata.namespace === pod.metadata.namespace && selectorMatches(b.spec.selector, pod.metadata.labels));
  }

  /** TryToScaleDown: empty unneeded nodes in bulk, else one node drained. */
  private scaleDown(snap: Snapshot): void {
    const now = this.ctx.kernel.now;
    if (this.s.lastScaleUpMs !== null && now - this.s.lastScaleUpMs < SCALE_DOWN_DELAY_AFTER_ADD_MS) return;
    if (this.s.deleting.some((d) => d.drain)) return;
    const ripe = Object.entries(this.s.unneededSince)
      .filter(([, since]) => now - since >= SCALE_DOWN_UNNEEDED_MS)
      .map(([name]) => snap.nodes.find((n) => n.metadata.name === name))
      .filter((n): n is Node => n !== undefined)
      .filter((n) => this.groupSizeAboveMin(n));
    const empty = ripe.filter((n) => podsToMove(snap, n.metadata.name ?? '').length === 0).slice(0, MAX_EMPTY_BULK_DELETE);
    const allowed = this.withinMin(empty);
    if (allowed.length > 0) {
      for (const n of allowed) this.deleteEmpty(n);
      return;
    }
    const drainable = ripe.find((n) => podsToMove(snap, n.metadata.name ?? '').length > 0);
    if (drainable) this.startDrain(snap, drainable);
  }

  private groupSizeAboveMin(n: Node): boolean {
    const g = this.s.groups.find((x) => x.name === n.metadata.labels?.[NODE_GROUP_LABEL]);
    return g !== undefined && this.liveSize(g.name) > g.min;
  }

  private liveSize(group: string): number {
    const deleting = new Set(this.s.deleting.map((d) => d.node));
    return this.groupNodes(group).filter((n) => !deleting.has(n.metadata.name ?? '')).length;
  }

  /** Empty nodes to delete now, never taking a group below its min. */
  private withinMin(nodes: readonly Node[]): Node[] {
    const taken = new Map<string, number>();
    return nodes.filter((n) => {
      const g = this.s.groups.find((x) => x.name === n.metadata.labels?.[NODE_GROUP_LABEL])!;
      const t = taken.get(g.name) ?? 0;
      if (this.liveSize(g.name) - t <= g.min) return false;
      taken.set(g.name, t + 1);
      return true;
    });
  }

  private deleteEmpty(n: Node): void {
    const name = n.metadata.name ?? '';
    if (!this.markToBeDeleted(n)) return;
    this.statusEvent('Normal', 'ScaleDownEmpty', `Scale-down: removing empty node "${name}"`);
    this.removeNode(name, false);
  }

  private startDrain(snap: Snapshot, n: Node): void {
    const name = n.metadata.name ?? '';
    const movers = podsToMove(snap, name);
    const sim = simNodeOf(n, (snap.byNode.get(name) ?? []).map(podRequest));
    if (!this.markToBeDeleted(n)) return;
    const u = utilization(sim);
    const names = movers.map((p) => p.metadata.name).join(',');
    this.statusEvent('Normal', 'ScaleDown', `Scale-down: removing node ${name}, utilization: {${u.cpu} ${u.memory} 0 ${u.resource} ${u.max}}, pods to reschedule: ${names}`);
    this.s.deleting.push({ node: name, group: n.metadata.labels?.[NODE_GROUP_LABEL] ?? '', startedMs: this.ctx.kernel.now, drain: true });
    delete this.s.unneededSince[name];
    for (const p of movers) {
      this.event(p, 'Normal', 'ScaleDown', 'deleting pod for node scale down');
      this.evict(p);
    }
  }

  private evict(p: Pod): boolean {
    try {
      // The eviction API needs PodDisruptionBudgets served; until then a graceful delete is the same.
      if (resourceByPlural('poddisruptionbudgets')) this.ctx.store.evict(p.metadata.namespace ?? '', p.metadata.name ?? '');
      else this.ctx.store.delete('pods', p.metadata.namespace ?? '', p.metadata.name ?? '');
      return true;
    } catch (e) {
      if (isStatusError(e)) return false;
      throw e;
    }
  }

  /** Drains in progress: evict what is left, delete the node when its pods are gone, give up after the eviction time. */
  private finishDeletions(snap: Snapshot): void {
    const now = this.ctx.kernel.now;
    for (const d of [...this.s.deleting]) {
      const left = podsToMove(snap, d.node);
      const evicting = left.filter((p) => !p.metadata.deletionTimestamp);
      if (left.length === 0 || now - d.startedMs >= MAX_GRACEFUL_TERMINATION_MS) {
        this.removeNode(d.node, true);
        continue;
      }
      const failed = evicting.filter((p) => !this.evict(p));
      if (failed.length > 0 && now - d.startedMs >= MAX_POD_EVICTION_MS) this.abortDrain(d);
    }
  }

  private abortDrain(d: Deletion): void {
    this.s.deleting = this.s.deleting.filter((x) => x !== d);
    const node = this.ctx.store.tryGet<Node>('nodes', '', d.node);
    if (!node) return;
    const taints = (node.spec?.taints ?? []).filter((t) => t.key !== TO_BE_DELETED_TAINT);
    this.ctx.store.update({ ...node, spec: { ...node.spec, taints } });
    this.event(node, 'Warning', 'ScaleDownFailed', 'failed to drain the node, aborting ScaleDown');
  }

  /** The ToBeDeletedByClusterAutoscaler taint (value: unix seconds), and the node's event. */
  private markToBeDeleted(n: Node): boolean {
    const taint: Taint = { key: TO_BE_DELETED_TAINT, value: String(Math.floor((EPOCH_UNIX_MS + this.ctx.kernel.now) / 1000)), effect: 'NoSchedule' };
    try {
      this.ctx.store.update({ ...n, spec: { ...n.spec, taints: [...(n.spec?.taints ?? []), taint] } });
    } catch (e) {
      if (!isStatusError(e)) throw e;
      this.event(n, 'Warning', 'ScaleDownFailed', `failed to mark the node as toBeDeleted/unschedulable: ${e.message}`);
      return false;
    }
    this.event(n, 'Normal', 'ScaleDown', 'marked the node as toBeDeleted/unschedulable');
    return true;
  }

  /** The cloud deletes the machine; the node's object goes with it. */
  private removeNode(name: string, drained: boolean): void {
    this.s.deleting = this.s.deleting.filter((d) => d.node !== name);
    delete this.s.unneededSince[name];
    const node = this.ctx.store.tryGet<Node>('nodes', '', name);
    if (!node) return;
    this.event(node, 'Normal', 'ScaleDown', 'nodes removed by cluster autoscaler');
    this.statusEvent('Normal', drained ? 'ScaleDown' : 'ScaleDownEmpty', drained ? `Scale-down: node ${name} removed with drain` : `Scale-down: empty node ${name} removed`);
    this.ctx.store.delete('nodes', '', name);
  }

  // ---- events ------------------------------------------------------------------------------------

  private event(obj: KObject, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.ctx.events.record({ involved: obj, type, reason, message, component: CLUSTER_AUTOSCALER });
  }

  /** The LogRecorder: events on the kube-system/cluster-autoscaler-status ConfigMap. */
  private statusEvent(type: 'Normal' | 'Warning', reason: string, message: string): void {
    const cm = this.ctx.store.tryGet('configmaps', 'kube-system', STATUS_CONFIGMAP);
    if (cm) this.event(cm, type, reason, message);
  }

  private ensureStatusConfigMap(): void {
    if (this.ctx.store.tryGet('configmaps', 'kube-system', STATUS_CONFIGMAP)) return;
    this.ctx.store.create({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: STATUS_CONFIGMAP, namespace: 'kube-system', annotations: { 'cluster-autoscaler.kubernetes.io/last-updated': formatTimestamp(this.ctx.kernel.now) } },
      data: { status: 'autoscalerStatus: Running\n' },
    });
  }
}


/** ClusterAutoscaler.onScan: cluster-autoscaler's loop (RunOnce). */
export function scanClusterAutoscaler(c: ClusterAutoscaler): void {
  lendMethods(ClusterAutoscaler, ClusterAutoscalerScan);
  (c as ClusterAutoscalerScan).scanOnce();
}


interface Snapshot {
  nodes: Node[];
  pods: Pod[];
  byNode: Map<string, Pod[]>;
  pdbs: PodDisruptionBudget[];
}

/** One group's scale-up option: its size before/after and the pods the new nodes would take. */
interface Option {
  group: NodeGroup;
  from: number;
  to: number;
  nodes: SimNode[];
  placed: PodRequest[];
  reasons: Map<PodRequest, string>;
}

/** least-waste: the option leaving the smallest unused cpu + memory share; ties by group name. */
function bestOption(options: readonly Option[]): Option | undefined {
  const waste = (o: Option) => {
    const cpu = o.nodes.reduce((n, x) => n + x.cpuMilli, 0);
    const mem = o.nodes.reduce((n, x) => n + x.memoryBytes, 0);
    const usedCpu = o.nodes.reduce((n, x) => n + x.usedCpuMilli, 0);
    const usedMem = o.nodes.reduce((n, x) => n + x.usedMemoryBytes, 0);
    return (cpu - usedCpu) / Math.max(1, cpu) + (mem - usedMem) / Math.max(1, mem);
  };
  let best: Option | undefined;
  for (const o of options) if (!best || waste(o) < waste(best) - 1e-12) best = o;
  return best;
}

/** Pods the scheduler marked Unschedulable, oldest first. */
function unschedulablePods(pods: readonly Pod[]): Pod[] {
  return pods
    .filter((p) => !p.spec.nodeName && !p.metadata.deletionTimestamp)
    .filter((p) => p.status?.conditions?.some((c) => c.type === 'PodScheduled' && c.status === 'False' && c.reason === 'Unschedulable'))
    .sort((a, b) => parseTimestamp(a.metadata.creationTimestamp ?? '') - parseTimestamp(b.metadata.creationTimestamp ?? '') || ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1));
}

/** The pods a node's removal must reschedule. */
function podsToMove(snap: Snapshot, node: string): Pod[] {
  return (snap.byNode.get(node) ?? []).filter((p) => !staysWithNode(p) && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
}

function isReady(n: Node): boolean {
  return n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/** A node new pods may land on: Ready, not cordoned, not being removed. */
function canHostPods(n: Node): boolean {
  return isReady(n) && !n.spec?.unschedulable && !(n.spec?.taints ?? []).some((t) => t.key === TO_BE_DELETED_TAINT);
}
