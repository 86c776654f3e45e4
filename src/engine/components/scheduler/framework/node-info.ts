/**
 * NodeInfo (framework.NodeInfo): a node with the sums the plugins read — requested and non-zero
 * requested resources, pods, pods with affinity, used host ports, images — kept up to date as
 * pods are added and removed, and a Snapshot over a set of them.
 */
import type { Node, Taint } from '../../../api/types.ts';
import { addTo, emptyResource, hasAffinity, resourceFrom } from './pod-info.ts';
import type { NodeInfo, PodInfo, Snapshot } from './types.ts';

const NO_TAINTS: readonly Taint[] = Object.freeze([]);
const MIB = 1048576;

/** A byte count from its whole MiB and the rest (the NodeInfo `...MiB` / `...Rest` pairs); exact. */
export const memoryOf = (mib: number, rest: number): number => mib * MIB + rest;

const mibOf = (bytes: number): number => Math.floor(bytes / MIB);

/**
 * The bytes beyond whole MiB, 0..1048575. Byte counts are integers (memoryBytes rounds), so
 * `| 0` changes no value; it makes V8 store a small integer where a float result (even 0.0)
 * would turn the field into a separate heap number on every NodeInfo.
 */
const restOf = (bytes: number): number => (bytes - mibOf(bytes) * MIB) | 0;

let lastGeneration = 0;

/** A generation no NodeInfo has had (process-wide, like upstream's; only ever compared for equality). */
const nextGeneration = (): number => ++lastGeneration;

export function newNodeInfo(node: Node, pods: readonly PodInfo[] = []): NodeInfo {
  // The fields Filter and Score read for every node come first, so they share cache lines.
  const info: NodeInfo = {
    podCount: 0,
    allowedPodNumber: 0,
    unschedulable: false,
    taints: NO_TAINTS,
    allocatableMilliCPU: 0,
    requestedMilliCPU: 0,
    nonZeroMilliCPU: 0,
    allocatableMemoryMiB: 0,
    allocatableMemoryRest: 0,
    requestedMemoryMiB: 0,
    requestedMemoryRest: 0,
    nonZeroMemoryMiB: 0,
    nonZeroMemoryRest: 0,
    allocatableMemory: 0,
    requestedMemory: 0,
    nonZeroMemory: 0,
    name: node.metadata.name ?? '',
    node,
    generation: 0,
    allocatable: emptyResource(),
    requested: emptyResource(),
    pods: [],
    podsWithAffinity: [],
    podsWithRequiredAntiAffinity: [],
    usedPorts: [],
    images: new Map(),
    labels: {},
  };
  setNode(info, node);
  for (const p of pods) addPod(info, p);
  return info;
}

/** Takes a new version of the Node object (allocatable, labels, taints, images may have changed). */
export function setNode(info: NodeInfo, node: Node): void {
  info.generation = nextGeneration();
  info.node = node;
  const allocatable = node.status?.allocatable ?? {};
  info.allocatable = resourceFrom(allocatable);
  info.allocatableMilliCPU = info.allocatable.milliCPU;
  info.allocatableMemory = info.allocatable.memory;
  info.allocatableMemoryMiB = mibOf(info.allocatableMemory);
  info.allocatableMemoryRest = restOf(info.allocatableMemory);
  info.allowedPodNumber = Number(allocatable.pods ?? 0) || 0;
  info.taints = node.spec?.taints ?? NO_TAINTS;
  info.unschedulable = node.spec?.unschedulable === true;
  info.labels = node.metadata.labels ?? {};
  const images = new Map<string, number>();
  for (const img of node.status?.images ?? []) for (const n of img.names) images.set(n, img.sizeBytes);
  info.images = images;
}

export function addPod(info: NodeInfo, p: PodInfo): void {
  info.generation = nextGeneration();
  info.pods.push(p);
  addTo(info.requested, p.requests);
  info.nonZeroMilliCPU += p.nonZeroMilliCPU;
  info.nonZeroMemory += p.nonZeroMemory;
  mirrorSums(info);
  if (hasAffinity(p)) info.podsWithAffinity.push(p);
  if (p.requiredAntiAffinityTerms.length > 0) info.podsWithRequiredAntiAffinity.push(p);
  for (const port of p.hostPorts) info.usedPorts.push(port);
}

/** Removes a pod (by key); returns whether it was there. */
export function removePod(info: NodeInfo, key: string): boolean {
  const i = info.pods.findIndex((p) => p.key === key);
  if (i < 0) return false;
  info.generation = nextGeneration();
  const p = info.pods[i];
  info.pods.splice(i, 1);
  addTo(info.requested, p.requests, -1);
  info.nonZeroMilliCPU -= p.nonZeroMilliCPU;
  info.nonZeroMemory -= p.nonZeroMemory;
  mirrorSums(info);
  dropFrom(info.podsWithAffinity, key);
  dropFrom(info.podsWithRequiredAntiAffinity, key);
  for (const port of p.hostPorts) {
    const j = info.usedPorts.indexOf(port);
    if (j >= 0) info.usedPorts.splice(j, 1);
  }
  return true;
}

function mirrorSums(info: NodeInfo): void {
  info.podCount = info.pods.length;
  info.requestedMilliCPU = info.requested.milliCPU;
  info.requestedMemory = info.requested.memory;
  info.requestedMemoryMiB = mibOf(info.requestedMemory);
  info.requestedMemoryRest = restOf(info.requestedMemory);
  info.nonZeroMemoryMiB = mibOf(info.nonZeroMemory);
  info.nonZeroMemoryRest = restOf(info.nonZeroMemory);
}

function dropFrom(list: PodInfo[], key: string): void {
  const i = list.findIndex((p) => p.key === key);
  if (i >= 0) list.splice(i, 1);
}

/** A deep-enough copy for preemption's what-if (pods and sums are copied, objects shared). */
export function cloneNodeInfo(info: NodeInfo): NodeInfo {
  return {
    ...info,
    allocatable: { ...info.allocatable },
    requested: { ...info.requested, scalar: info.requested.scalar ? { ...info.requested.scalar } : undefined },
    pods: [...info.pods],
    podsWithAffinity: [...info.podsWithAffinity],
    podsWithRequiredAntiAffinity: [...info.podsWithRequiredAntiAffinity],
    usedPorts: [...info.usedPorts],
  };
}

/** A Snapshot over a list of NodeInfos (tests, and the cache builds its own the same way). */
export function snapshotOf(nodes: readonly NodeInfo[]): Snapshot {
  const byName = new Map(nodes.map((n) => [n.name, n]));
  const imageCounts = new Map<string, number>();
  for (const n of nodes) for (const name of n.images.keys()) imageCounts.set(name, (imageCounts.get(name) ?? 0) + 1);
  return {
    nodes,
    get: (name) => byName.get(name),
    imageNodeCount: (image) => imageCounts.get(image) ?? 0,
    havePodsWithAffinity: () => nodes.filter((n) => n.podsWithAffinity.length > 0),
    havePodsWithRequiredAntiAffinity: () => nodes.filter((n) => n.podsWithRequiredAntiAffinity.length > 0),
  };
}
