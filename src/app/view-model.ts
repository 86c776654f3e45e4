/**
 * Derives the compact cluster view the UI draws from the simulation's API store. Runs in the
 * worker after every change; nothing here is kept between calls (derive, don't store).
 * Pod cells come from kubectl's own pod printer, so the Pods panel always agrees with
 * `kubectl get pods`. Pure: the same store and time give the same view.
 */
import { cpuMilli, memoryBytes } from '../engine/api/quantity.ts';
import type { Container, Node, Pod } from '../engine/api/types.ts';
import type { Simulation } from '../engine/simulation.ts';
import { asRecord } from '../commands/printers/column-types.ts';
import { nodeRoles, nodeStatus } from '../commands/printers/node-columns.ts';
import { podPrinter } from '../commands/printers/pod-columns.ts';
import type { ClusterView, NodeView, PodView } from './protocol.ts';

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
  return {
    now: sim.now,
    playing,
    speed,
    nodes: nodes.map((n) => nodeView(n, pods)),
    pods: pods.map((p) => podView(p, sim.now)),
    traceHash: sim.traceHash(),
  };
}

export function nodeView(node: Node, pods: readonly Pod[]): NodeView {
  const name = node.metadata.name ?? '';
  const capacity = node.status?.capacity ?? {};
  const allocatable = node.status?.allocatable ?? capacity;
  const roles = nodeRoles(node.metadata.labels);
  const active = pods.filter((p) => p.spec?.nodeName === name && !isFinished(p));
  let cpuMilliRequested = 0;
  let memoryBytesRequested = 0;
  for (const p of active) {
    cpuMilliRequested += podRequest(p, 'cpu', cpuMilli);
    memoryBytesRequested += podRequest(p, 'memory', memoryBytes);
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
  };
}

/** A Pods-table row, with the cells exactly as `kubectl get pods -o wide` prints them. */
export function podView(pod: Pod, nowMs: number): PodView {
  const row = podPrinter.row(pod, { nowMs });
  return {
    namespace: pod.metadata.namespace ?? '',
    name: row[POD_COLUMN.name],
    status: row[POD_COLUMN.status],
    node: pod.spec?.nodeName ?? '',
    ready: row[POD_COLUMN.ready],
    restarts: row[POD_COLUMN.restarts],
    age: row[POD_COLUMN.age],
  };
}

function isFinished(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

/** A pod's effective request: max(sum of containers, largest init container), as the scheduler counts it. */
function podRequest(pod: Pod, resource: string, parse: (q: string) => number): number {
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
