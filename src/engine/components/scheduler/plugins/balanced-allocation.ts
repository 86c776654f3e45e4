/**
 * NodeResourcesBalancedAllocation, as kube-scheduler v1.31 has it
 * (`plugins/noderesources/balanced_allocation.go` on the shared `resource_allocation.go` scorer):
 * favours nodes whose resources would be used evenly once the pod is placed.
 *
 * For each configured resource (default cpu and memory) the fraction used = (node Σ actual
 * requests + the pod's actual request) / allocatable, capped at 1 — actual requests, not the
 * 100m / 200Mi non-zero defaults Fit scores with. A scalar resource counts only if the pod
 * requests it; allocatable 0 leaves a resource out. The spread of the fractions: half their
 * difference for two, the population standard deviation for more, 0 for fewer. The score is
 * int64((1 − spread) × 100), so 50..100 for two resources. Weights do not enter the formula.
 *
 * v1.31 scores every pod: skipping BestEffort pods in PreScore came with v1.33 (PR #130260), and
 * the change-in-balance formula with v1.36 (PR #135573). Score allocates nothing.
 */
import {
  MAX_NODE_SCORE,
  type ClusterEvent,
  type CycleState,
  type NodeInfo,
  type PluginFactory,
  type PodInfo,
  type PreScorePlugin,
  type ScorePlugin,
  type Status,
  type ScoreList,
} from '../framework/types.ts';
import { SlotMemo, type NodeColumns } from '../framework/node-columns.ts';
import { memoryOf } from '../framework/node-info.ts';
import { isCpuThenMemory, nodeResources, podRequestList, RequestLists, resourceSpecs, scoreResources, type ResourceSpec, type ScoreResources } from './node-resources-fit.ts';

export const NAME = 'NodeResourcesBalancedAllocation';
const PRE_SCORE_KEY = `PreScore${NAME}`;

export interface NodeResourcesBalancedAllocationArgs {
  resources: ResourceSpec[];
}

/** SetDefaults_NodeResourcesBalancedAllocationArgs: no resources = cpu and memory; weight 0 = 1. */
export function balancedAllocationArgs(raw: Record<string, unknown> | undefined): NodeResourcesBalancedAllocationArgs {
  return { resources: resourceSpecs(raw?.resources, 'resources') };
}

/**
 * balancedResourceScorer: the score of one node from requested and allocatable per resource
 * (allocatable 0 = left out), with Go's float64 operations in Go's order. One function, no calls
 * taking or returning floats, so V8 boxes no numbers on this hot path.
 */
export function balancedResourceScore(requested: ArrayLike<number>, allocatable: ArrayLike<number>): number {
  let n = 0;
  let total = 0;
  let first = 0;
  let second = 0;
  for (let i = 0; i < requested.length; i++) {
    if (allocatable[i] === 0) continue;
    let f = requested[i] / allocatable[i];
    if (f > 1) f = 1;
    total += f;
    if (n === 0) first = f;
    else if (n === 1) second = f;
    n++;
  }
  let std = 0;
  if (n === 2) std = Math.abs((first - second) / 2);
  else if (n > 2) {
    // population standard deviation: the fractions again, squared distance to the mean
    const mean = total / n;
    let sum = 0;
    for (let i = 0; i < requested.length; i++) {
      if (allocatable[i] === 0) continue;
      let f = requested[i] / allocatable[i];
      if (f > 1) f = 1;
      sum = sum + (f - mean) * (f - mean);
    }
    std = Math.sqrt(sum / n);
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

/** balancedResourceScore over exactly [cpu, memory] on actual requests, for many nodes. */
function balanceCpuMemory(nodes: readonly NodeInfo[], podCpuMilli: number, podMemoryBytes: number, out: ScoreList): void {
  for (let j = 0; j < nodes.length; j++) {
    const node = nodes[j];
    const cpu = node.requestedMilliCPU + podCpuMilli;
    const memory = memoryOf(node.requestedMemoryMiB, node.requestedMemoryRest) + podMemoryBytes;
    out[j] = balanceScore(node.allocatableMilliCPU, cpu, memoryOf(node.allocatableMemoryMiB, node.allocatableMemoryRest), memory);
  }
}

/** balanceCpuMemory over the nodes in `slots` of the columns, reusing the scores `memo` still holds. */
function balanceCpuMemorySlots(cols: NodeColumns, slots: Int32Array, podCpuMilli: number, podMemoryBytes: number, memo: SlotMemo, out: ScoreList): void {
  memo.begin(cols, podCpuMilli, podMemoryBytes);
  const stamp = cols.stamp;
  const seen = memo.stamps;
  const known = memo.scores;
  for (let j = 0; j < out.length; j++) {
    const k = slots[j];
    if (seen[k] === stamp[k]) {
      out[j] = known[k];
      continue;
    }
    const score = balanceScore(cols.allocatableMilliCPU[k], cols.requestedMilliCPU[k] + podCpuMilli, cols.allocatableMemory[k], cols.requestedMemory[k] + podMemoryBytes);
    known[k] = score;
    seen[k] = stamp[k];
    out[j] = score;
  }
}

/** balancedResourceScore of exactly [cpu, memory] (allocatable 0 = left out). */
function balanceScore(cpuCap: number, cpu: number, memCap: number, memory: number): number {
  let std = 0;
  if (cpuCap !== 0 && memCap !== 0) {
    const fCpu = Math.min(cpu / cpuCap, 1);
    const fMemory = Math.min(memory / memCap, 1);
    std = Math.abs((fCpu - fMemory) / 2);
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

class BalancedAllocation implements PreScorePlugin, ScorePlugin {
  readonly name = NAME;
  /** A score-only plugin: v1.31 registers no cluster events for it. */
  readonly events: readonly ClusterEvent[] = [];
  private readonly resources: ScoreResources;
  private readonly requested: Float64Array;
  private readonly allocatable: Float64Array;

  constructor(args: NodeResourcesBalancedAllocationArgs) {
    this.resources = scoreResources(args.resources);
    this.requested = new Float64Array(args.resources.length);
    this.allocatable = new Float64Array(args.resources.length);
    this.cpuMemoryOnly = isCpuThenMemory(this.resources);
    this.requestLists = new RequestLists(this.resources, true);
  }

  /** The default resources (cpu, then memory): Score takes the arithmetic-only path. */
  private readonly cpuMemoryOnly: boolean;
  /** That path's scores by node slot, kept from cycle to cycle. */
  private readonly memo = new SlotMemo();
  private readonly requestLists: RequestLists;

  /** Never Skip in v1.31, BestEffort pods included. */
  preScore(state: CycleState, pod: PodInfo): Status | null {
    state.write(PRE_SCORE_KEY, this.requestLists.of(pod));
    return null;
  }

  score(state: CycleState, pod: PodInfo, node: NodeInfo): number {
    const podRequests = state.read<Float64Array>(PRE_SCORE_KEY) ?? this.lateRequests(state, pod);
    nodeResources(node, this.resources, podRequests, true, this.requested, this.allocatable);
    return balancedResourceScore(this.requested, this.allocatable);
  }

  scoreNodes(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[], out: ScoreList): void {
    const podRequests = state.read<Float64Array>(PRE_SCORE_KEY) ?? this.lateRequests(state, pod);
    if (this.cpuMemoryOnly) return balanceCpuMemory(nodes, podRequests[0], podRequests[1], out);
    for (let j = 0; j < nodes.length; j++) {
      nodeResources(nodes[j], this.resources, podRequests, true, this.requested, this.allocatable);
      out[j] = balancedResourceScore(this.requested, this.allocatable);
    }
  }

  scoreSlots(state: CycleState, pod: PodInfo, cols: NodeColumns, slots: Int32Array, out: ScoreList): void {
    const podRequests = state.read<Float64Array>(PRE_SCORE_KEY) ?? this.lateRequests(state, pod);
    if (this.cpuMemoryOnly) return balanceCpuMemorySlots(cols, slots, podRequests[0], podRequests[1], this.memo, out);
    for (let j = 0; j < out.length; j++) {
      nodeResources(cols.nodes[slots[j]], this.resources, podRequests, true, this.requested, this.allocatable);
      out[j] = balancedResourceScore(this.requested, this.allocatable);
    }
  }

  private lateRequests(state: CycleState, pod: PodInfo): Float64Array {
    const list = podRequestList(pod, this.resources, true);
    state.write(PRE_SCORE_KEY, list);
    return list;
  }
}

export const nodeResourcesBalancedAllocation: PluginFactory = (args) => new BalancedAllocation(balancedAllocationArgs(args));
