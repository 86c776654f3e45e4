/**
 * The cluster autoscaler's scheduling simulation, as pure functions over a small snapshot
 * (cluster-autoscaler's PredicateChecker and BinpackingNodeEstimator, reduced to the checks that
 * decide most fits): resource requests against allocatable, pod count, nodeSelector, and taints
 * with NoSchedule/NoExecute effects. Reasons are worded as the scheduler's filters word them,
 * since cluster-autoscaler reports the framework's reasons.
 */
import { cpuMilli, memoryBytes } from '../../api/quantity.ts';
import type { Node, Pod, Taint } from '../../api/types.ts';
import { podRequests } from '../scheduler/framework/pod-info.ts';
import { firstUntoleratedTaint, untoleratedTaintReason } from '../scheduler/plugins/taint-toleration.ts';
import { controllerOf } from './util.ts';

/** A node as the simulation sees it: what it offers and what is already asked of it. */
export interface SimNode {
  name: string;
  labels: Readonly<Record<string, string>>;
  taints: readonly Taint[];
  cpuMilli: number;
  memoryBytes: number;
  maxPods: number;
  usedCpuMilli: number;
  usedMemoryBytes: number;
  usedPods: number;
}

/** A pod's requests as the scheduler sums them. */
export interface PodRequest {
  pod: Pod;
  cpuMilli: number;
  memoryBytes: number;
}

export function podRequest(pod: Pod): PodRequest {
  const r = podRequests(pod, false);
  return { pod, cpuMilli: r.milliCPU, memoryBytes: r.memory };
}

/** A SimNode for an existing node with the pods bound to it. */
export function simNodeOf(node: Node, pods: readonly PodRequest[]): SimNode {
  const alloc = node.status?.allocatable ?? {};
  return {
    name: node.metadata.name ?? '',
    labels: node.metadata.labels ?? {},
    taints: node.spec?.taints ?? [],
    cpuMilli: cpuMilli(alloc.cpu ?? '0'),
    memoryBytes: memoryBytes(alloc.memory ?? '0'),
    maxPods: Number(alloc.pods ?? '110'),
    usedCpuMilli: pods.reduce((n, p) => n + p.cpuMilli, 0),
    usedMemoryBytes: pods.reduce((n, p) => n + p.memoryBytes, 0),
    usedPods: pods.length,
  };
}

/** Why `p` does not fit `n` (the first failing check), or undefined when it fits. */
export function fitFailure(p: PodRequest, n: SimNode): string | undefined {
  const selector = p.pod.spec.nodeSelector ?? {};
  for (const [k, v] of Object.entries(selector)) if (n.labels[k] !== v) return "node(s) didn't match Pod's node affinity/selector";
  const taint = firstUntoleratedTaint(n.taints, p.pod.spec.tolerations ?? []);
  if (taint) return untoleratedTaintReason(taint);
  if (n.usedPods + 1 > n.maxPods) return 'Too many pods';
  if (n.usedCpuMilli + p.cpuMilli > n.cpuMilli) return 'Insufficient cpu';
  if (n.usedMemoryBytes + p.memoryBytes > n.memoryBytes) return 'Insufficient memory';
  return undefined;
}

export function place(p: PodRequest, n: SimNode): void {
  n.usedCpuMilli += p.cpuMilli;
  n.usedMemoryBytes += p.memoryBytes;
  n.usedPods++;
}

/** First-fit of pods onto nodes (in order); returns the pods that found no node. */
export function firstFit(pods: readonly PodRequest[], nodes: readonly SimNode[]): PodRequest[] {
  const left: PodRequest[] = [];
  for (const p of pods) {
    const n = nodes.find((x) => fitFailure(p, x) === undefined);
    if (n) place(p, n);
    else left.push(p);
  }
  return left;
}

/**
 * BinpackingNodeEstimator: pods sorted by their share of a template node (cpu + memory, largest
 * first) are packed first-fit into new nodes made from `template`; at most `limit` nodes.
 * Returns the nodes used and the pods they hold.
 */
export function estimate(pods: readonly PodRequest[], template: () => SimNode, limit: number): { nodes: SimNode[]; placed: PodRequest[] } {
  const t = template();
  const score = (p: PodRequest) => p.cpuMilli / Math.max(1, t.cpuMilli) + p.memoryBytes / Math.max(1, t.memoryBytes);
  const sorted = [...pods].sort((a, b) => score(b) - score(a));
  const nodes: SimNode[] = [];
  const placed: PodRequest[] = [];
  for (const p of sorted) {
    let n = nodes.find((x) => fitFailure(p, x) === undefined);
    if (!n && nodes.length < limit) {
      const fresh = template();
      if (fitFailure(p, fresh) === undefined) {
        nodes.push(fresh);
        n = fresh;
      }
    }
    if (!n) continue;
    place(p, n);
    placed.push(p);
  }
  return { nodes, placed };
}

/** utilization.Calculate: the larger of the cpu and memory requested shares. */
export function utilization(n: SimNode): { cpu: number; memory: number; max: number; resource: 'cpu' | 'memory' } {
  const cpu = n.cpuMilli > 0 ? n.usedCpuMilli / n.cpuMilli : 0;
  const memory = n.memoryBytes > 0 ? n.usedMemoryBytes / n.memoryBytes : 0;
  return cpu >= memory ? { cpu, memory, max: cpu, resource: 'cpu' } : { cpu, memory, max: memory, resource: 'memory' };
}

/** Pods the node's removal leaves alone: DaemonSet pods and static (mirror) pods. */
export function staysWithNode(pod: Pod): boolean {
  return controllerOf(pod)?.kind === 'DaemonSet' || pod.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined;
}

/** Why a pod blocks its node's removal (drainability rules), or undefined when it can move. */
export function drainBlocker(pod: Pod, hasPdb: boolean): string | undefined {
  if (!controllerOf(pod)) return `pod ${pod.metadata.namespace}/${pod.metadata.name} is not replicated`;
  if (pod.metadata.namespace === 'kube-system' && !hasPdb) return `non-daemonset, non-mirrored, non-pdb-assigned kube-system pod present: ${pod.metadata.name}`;
  const volumes = (Array.isArray(pod.spec.volumes) ? pod.spec.volumes : []) as { emptyDir?: unknown }[];
  const local = volumes.some((v) => v.emptyDir !== undefined);
  if (local) return `pod with local storage present: ${pod.metadata.name}`;
  return undefined;
}
