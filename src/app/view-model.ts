/**
 * Derives the compact cluster view the UI draws from the simulation's API store. Runs in the
 * worker after every change; nothing here is kept between calls (derive, don't store).
 * Pod cells come from kubectl's own pod printer, so the Pods panel always agrees with
 * `kubectl get pods`. Pure: the same store and time give the same view.
 */
import { cpuMilli, memoryBytes } from '../engine/api/quantity.ts';
import type { Container, Node, Pod, ReplicaSet, Taint } from '../engine/api/types.ts';
import { REVISION_ANNOTATION } from '../engine/components/controllers/deployment/annotations.ts';
import { TAINT_NOT_READY, TAINT_UNREACHABLE } from '../engine/components/controllers/node-taints.ts';
import { toleratesTaint } from '../engine/components/scheduler/framework/types.ts';
import { parseTimestamp } from '../engine/kernel/time.ts';
import type { NodeAgentApi } from '../engine/node/types.ts';
import type { Simulation } from '../engine/simulation.ts';
import { humanDuration, translateTimestampSince } from '../commands/printers/age.ts';
import { asRecord } from '../commands/printers/column-types.ts';
import { nodeRoles, nodeStatus } from '../commands/printers/node-columns.ts';
import { podPrinter } from '../commands/printers/pod-columns.ts';
import type { ClusterView, ControlPlaneComponentView, NodeView, PodView } from './protocol.ts';
import { eventFields } from './view-events.ts';

/** Where each cell sits in a pod printer row (looked up by column name, not hard-coded). */
const POD_COLUMN = {
  name: podColumn('Name'),
  ready: podColumn('Ready'),
  status: podColumn('Status'),
  restarts: podColumn('Restarts'),
  age: podColumn('Age'),
};

function podColumn(name: string): number {
  const i = podPrinter.columns.findIndex((c) => c.name === name);
  if (i < 0) throw new Error(`the pod printer has no ${name} column`);
  return i;
}

/** The view of the cluster at the simulation's current time. */
export function deriveView(sim: Simulation, playing: boolean, speed: number): ClusterView {
  const pods = sim.store.list<Pod>('pods').items;
  const nodes = sim.store.list<Node>('nodes').items;
  const owners = replicaSetOwners(sim.store.list<ReplicaSet>('replicasets').items);
  const podViews = pods.map((p) => cachedPodView(p, sim.now, owners));
  const byNode = new Map<string, { pods: Pod[]; views: PodView[] }>();
  pods.forEach((p, i) => {
    const node = p.spec?.nodeName;
    if (!node) return;
    let bucket = byNode.get(node);
    if (!bucket) byNode.set(node, (bucket = { pods: [], views: [] }));
    bucket.pods.push(p);
    bucket.views.push(podViews[i]);
  });
  return {
    now: sim.now,
    playing,
    speed,
    nodes: nodes.map((n) => {
      const bucket = byNode.get(n.metadata.name ?? '');
      return nodeView(n, bucket?.pods ?? [], { agent: sim.nodeAgent(n.metadata.name ?? ''), podViews: bucket?.views ?? [] });
    }),
    pods: podViews,
    controlPlane: controlPlaneView(podViews, sim.serviceLoadBalancer.cloudEnabled),
    ...eventFields(sim.store, pods, sim.now),
    traceHash: sim.traceHash(),
  };
}

/** What a node card needs beyond the Node and its pods: its kubelet, and those pods' views. */
export interface NodeViewExtras {
  agent?: NodeAgentApi;
  podViews?: readonly PodView[];
}

/** `pods` may be all pods or only those bound to the node; only those bound to it count. */
export function nodeView(node: Node, pods: readonly Pod[], extras: NodeViewExtras = {}): NodeView {
  const name = node.metadata.name ?? '';
  const capacity = node.status?.capacity ?? {};
  const allocatable = node.status?.allocatable ?? capacity;
  const roles = nodeRoles(node.metadata.labels);
  const active = pods.filter((p) => p.spec?.nodeName === name && !isFinished(p));
  const agent = extras.agent;
  const usage = agent?.up ? agent.nodeUsage() : undefined;
  const proxy = extras.podViews?.find((p) => p.ownerKind === 'DaemonSet' && p.ownerName === 'kube-proxy');
  let cpuMilliRequested = 0;
  let memoryBytesRequested = 0;
  for (const p of active) {
    const r = podRequest(p);
    cpuMilliRequested += r.cpu;
    memoryBytesRequested += r.memory;
  }
  return {
    name,
    ready: nodeStatus(asRecord(node.spec), asRecord(node.status)).split(',')[0] === 'Ready',
    roles: roles === '<none>' ? [] : roles.split(','),
    cpu: capacity.cpu ?? '0',
    memory: capacity.memory ?? '0',
    pods: active.length,
    podsCapacity: Number(capacity.pods ?? 0),
    cpuMilliRequested,
    cpuMilliAllocatable: safeQuantity(allocatable.cpu, cpuMilli),
    memoryBytesRequested,
    memoryBytesAllocatable: safeQuantity(allocatable.memory, memoryBytes),
    taints: (node.spec?.taints ?? []).map((t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`),
    unschedulable: node.spec?.unschedulable === true,
    conditions: (node.status?.conditions ?? []).map((c) => ({ type: c.type, status: c.status, reason: c.reason ?? '' })),
    ...(usage ? { cpuMilliUsage: Math.round(usage.cpuMilli), memoryBytesUsage: Math.round(usage.memoryBytes) } : {}),
    kubeletUp: agent?.up ?? false,
    kubeProxy: proxy?.status ?? '',
    containerRuntime: node.status?.nodeInfo?.containerRuntimeVersion ?? '',
    ...withEviction(nextEvictionMs(node, active)),
  };
}

function withEviction(ms: number | undefined): { evictionAtMs?: number } {
  return ms === undefined ? {} : { evictionAtMs: ms };
}

/**
 * When the taint eviction controller will delete the next of `pods` from a node tainted
 * not-ready or unreachable (NoExecute): the taint's timeAdded plus the pod's shortest matching
 * tolerationSeconds; a pod tolerating the taint forever (a DaemonSet's) is never due, one already
 * being deleted is done. Undefined when no such taint or no pod is due.
 */
export function nextEvictionMs(node: Node, pods: readonly Pod[]): number | undefined {
  const taints = (node.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute' && (t.key === TAINT_NOT_READY || t.key === TAINT_UNREACHABLE) && t.timeAdded);
  if (taints.length === 0) return undefined;
  let next: number | undefined;
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp) continue;
    for (const taint of taints) {
      const delayMs = tolerationDelayMs(pod, taint);
      if (delayMs === undefined) continue;
      const at = parseTimestamp(taint.timeAdded!) + delayMs;
      if (next === undefined || at < next) next = at;
    }
  }
  return next;
}

/** How long a pod may stay on a node with `taint`: 0 when untolerated, undefined when tolerated forever. */
function tolerationDelayMs(pod: Pod, taint: Taint): number | undefined {
  let delayMs: number | undefined = 0;
  let tolerated = false;
  for (const t of pod.spec?.tolerations ?? []) {
    if (!toleratesTaint(t, taint)) continue;
    if (t.tolerationSeconds === undefined || t.tolerationSeconds === null) return undefined;
    const ms = Math.max(0, t.tolerationSeconds) * 1000;
    delayMs = tolerated ? Math.min(delayMs ?? ms, ms) : ms;
    tolerated = true;
  }
  return delayMs;
}

/** The components of the map's control-plane strip, in the order the map draws them. */
export const CONTROL_PLANE_COMPONENTS = ['kube-apiserver', 'etcd', 'kube-scheduler', 'kube-controller-manager', 'cloud-controller-manager'] as const;

/**
 * Each control-plane component with its static (mirror) pod's status. The simulated cloud's
 * controllers (cloud-controller-manager) run without a pod: Running while `sim cloud on`, else Off.
 */
export function controlPlaneView(pods: readonly PodView[], cloudEnabled: boolean): ControlPlaneComponentView[] {
  return CONTROL_PLANE_COMPONENTS.map((name) => {
    if (name === 'cloud-controller-manager') return { name, status: cloudEnabled ? 'Running' : 'Off', node: '' };
    const pod = pods.find((p) => p.namespace === 'kube-system' && p.ownerKind === 'Node' && p.name === `${name}-${p.ownerName}`);
    return pod ? { name, status: pod.status, node: pod.node } : { name, status: 'Missing', node: '' };
  });
}

/** A ReplicaSet's Deployment and revision, by `namespace/name`, so pods can name their top owner. */
interface ReplicaSetOwner {
  deployment: string;
  revision: string;
}

function replicaSetOwners(replicaSets: readonly ReplicaSet[]): Map<string, ReplicaSetOwner> {
  const out = new Map<string, ReplicaSetOwner>();
  for (const rs of replicaSets) {
    const owner = controllerOf(rs.metadata.ownerReferences);
    out.set(`${rs.metadata.namespace ?? ''}/${rs.metadata.name ?? ''}`, {
      deployment: owner?.kind === 'Deployment' ? owner.name : '',
      revision: rs.metadata.annotations?.[REVISION_ANNOTATION] ?? '',
    });
  }
  return out;
}

function controllerOf<T extends { controller?: boolean }>(refs: readonly T[] | undefined): T | undefined {
  return refs?.find((r) => r.controller === true);
}

/** The pod's top controller and template version (see PodView.ownerKind and .revision). */
function podOwner(pod: Pod, owners: ReadonlyMap<string, ReplicaSetOwner>): Pick<PodView, 'ownerKind' | 'ownerName' | 'revision'> {
  const ref = controllerOf(pod.metadata.ownerReferences);
  const labels = pod.metadata.labels ?? {};
  const hash = labels['pod-template-hash'] ?? labels['controller-revision-hash'] ?? '';
  if (!ref) return { ownerKind: '', ownerName: '', revision: hash };
  if (ref.kind === 'ReplicaSet') {
    const rs = owners.get(`${pod.metadata.namespace ?? ''}/${ref.name}`);
    if (rs?.deployment) return { ownerKind: 'Deployment', ownerName: rs.deployment, revision: rs.revision || hash };
  }
  return { ownerKind: ref.kind, ownerName: ref.name, revision: hash };
}

/**
 * The last view of each pod object (store objects are frozen and replaced on every write). Only
 * AGE moves with time alone (and RESTARTS' `(45s ago)`, recomputed whenever it shows), so an
 * unchanged pod costs its age, and keeps its view object while the age text stays the same:
 * 3,000 printer rows per tick were most of the view's cost, and the same objects let the view
 * patch (view-patch.ts) see at once what did not change.
 */
const podViews = new WeakMap<Pod, PodView>();
/** Each pod object's creationTimestamp, parsed once (NaN when missing or unparsable). */
const podCreated = new WeakMap<Pod, number>();

export function cachedPodView(pod: Pod, nowMs: number, owners: ReadonlyMap<string, ReplicaSetOwner> = new Map()): PodView {
  const prev = podViews.get(pod);
  if (prev !== undefined && !prev.restarts.endsWith(' ago)')) {
    const owner = podOwner(pod, owners);
    if (owner.ownerKind === prev.ownerKind && owner.ownerName === prev.ownerName && owner.revision === prev.revision) {
      let created = podCreated.get(pod);
      if (created === undefined) podCreated.set(pod, (created = pod.metadata.creationTimestamp ? parseTimestamp(pod.metadata.creationTimestamp) : NaN));
      // translateTimestampSince, with the parse done once.
      const age = Number.isNaN(created) ? translateTimestampSince(pod.metadata.creationTimestamp, nowMs) : humanDuration(nowMs - created);
      if (age === prev.age) return prev;
      const next = { ...prev, age };
      podViews.set(pod, next);
      return next;
    }
  }
  const view = podView(pod, nowMs, owners);
  podViews.set(pod, view);
  return view;
}

/** A Pods-table row, with the cells exactly as `kubectl get pods -o wide` prints them. */
export function podView(pod: Pod, nowMs: number, owners: ReadonlyMap<string, ReplicaSetOwner> = new Map()): PodView {
  const row = podPrinter.row(pod, { nowMs });
  return {
    namespace: pod.metadata.namespace ?? '',
    name: row[POD_COLUMN.name],
    status: row[POD_COLUMN.status],
    node: pod.spec?.nodeName ?? '',
    ready: row[POD_COLUMN.ready],
    restarts: row[POD_COLUMN.restarts],
    age: row[POD_COLUMN.age],
    ...podOwner(pod, owners),
  };
}

function isFinished(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

/** Parsed requests per pod object (frozen, replaced on every write): quantities parse once, not per tick. */
const podRequests = new WeakMap<Pod, { cpu: number; memory: number }>();

function podRequest(pod: Pod): { cpu: number; memory: number } {
  let r = podRequests.get(pod);
  if (r === undefined) podRequests.set(pod, (r = { cpu: podRequestOf(pod, 'cpu', cpuMilli), memory: podRequestOf(pod, 'memory', memoryBytes) }));
  return r;
}

/** A pod's effective request: max(sum of containers, largest init container), as the scheduler counts it. */
function podRequestOf(pod: Pod, resource: string, parse: (q: string) => number): number {
  const of = (c: Container) => safeQuantity(c.resources?.requests?.[resource], parse);
  const sum = (pod.spec?.containers ?? []).reduce((n, c) => n + of(c), 0);
  const init = Math.max(0, ...(pod.spec?.initContainers ?? []).map(of));
  return Math.max(sum, init);
}

function safeQuantity(q: string | undefined, parse: (q: string) => number): number {
  if (q === undefined) return 0;
  try {
    return parse(q);
  } catch {
    return 0;
  }
}
