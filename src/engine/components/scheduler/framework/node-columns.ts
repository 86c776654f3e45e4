/**
 * The numbers Filter and Score read for every node, laid out as columns: one typed array per
 * field, indexed by the node's position in the snapshot's node list (its "slot").
 *
 * Why columns: a cycle filters and scores a window of consecutive nodes (~500 of 5,000 with the
 * adaptive percentageOfNodesToScore). Read from NodeInfo objects, each node costs a cache miss
 * or two per plugin (the objects are large and scattered over the heap); read from these arrays
 * the window is a few kilobytes of sequential memory per field, which the CPU prefetches. The
 * NodeInfo stays the truth: the cache rewrites a node's row after every change to it, and the
 * list's order is the snapshot's, so slot `s` is `nodes[s]`.
 */
import type { NodeInfo } from './types.ts';

export class NodeColumns {
  /** The node list the slots index (the snapshot's `nodes`). */
  nodes: readonly NodeInfo[] = [];
  /** 1 for a cordoned node (spec.unschedulable). */
  unschedulable = new Uint8Array(0);
  /** How many taints the node has (any effect); 0 lets taint plugins skip the node. */
  taintCount = new Uint32Array(0);
  podCount = new Float64Array(0);
  allowedPodNumber = new Float64Array(0);
  allocatableMilliCPU = new Float64Array(0);
  requestedMilliCPU = new Float64Array(0);
  nonZeroMilliCPU = new Float64Array(0);
  /** Bytes: a Float64Array holds every byte count exactly (they stay far below 2^53). */
  allocatableMemory = new Float64Array(0);
  requestedMemory = new Float64Array(0);
  nonZeroMemory = new Float64Array(0);
  /**
   * How many listed nodes are cordoned / have a taint: with none (most clusters), NodeUnschedulable
   * and TaintToleration have nothing to look at in a window.
   */
  unschedulableNodes = 0;
  taintedNodes = 0;
  /** When each row was last written: a number no other write gave (SlotMemo compares them). */
  stamp = new Float64Array(0);
  private clock = 0;
  private readonly slotOf = new Map<NodeInfo, number>();

  /** Takes a new node list (nodes came or went): every row is written again. */
  reset(nodes: readonly NodeInfo[]): void {
    this.nodes = nodes;
    this.slotOf.clear();
    if (this.unschedulable.length < nodes.length) this.grow(nodes.length);
    // Rows of the list before are no one's now: cleared, so the counts below start from nothing.
    this.unschedulable.fill(0, 0, nodes.length);
    this.taintCount.fill(0, 0, nodes.length);
    this.unschedulableNodes = 0;
    this.taintedNodes = 0;
    for (let s = 0; s < nodes.length; s++) {
      this.slotOf.set(nodes[s], s);
      this.write(s, nodes[s]);
    }
  }

  /** Rewrites the row of a node after its NodeInfo changed (a node not in the list is ignored). */
  update(info: NodeInfo): void {
    const s = this.slotOf.get(info);
    if (s !== undefined) this.write(s, info);
  }

  private write(s: number, n: NodeInfo): void {
    const cordoned = n.unschedulable ? 1 : 0;
    const taints = n.taints.length;
    this.unschedulableNodes += cordoned - this.unschedulable[s];
    this.taintedNodes += (taints > 0 ? 1 : 0) - (this.taintCount[s] > 0 ? 1 : 0);
    this.unschedulable[s] = cordoned;
    this.taintCount[s] = taints;
    this.podCount[s] = n.podCount;
    this.allowedPodNumber[s] = n.allowedPodNumber;
    this.allocatableMilliCPU[s] = n.allocatableMilliCPU;
    this.requestedMilliCPU[s] = n.requestedMilliCPU;
    this.nonZeroMilliCPU[s] = n.nonZeroMilliCPU;
    this.allocatableMemory[s] = n.allocatableMemory;
    this.requestedMemory[s] = n.requestedMemory;
    this.nonZeroMemory[s] = n.nonZeroMemory;
    this.stamp[s] = ++this.clock;
  }

  private grow(min: number): void {
    const size = Math.max(min, 2 * this.unschedulable.length, 16);
    this.unschedulable = new Uint8Array(size);
    this.taintCount = new Uint32Array(size);
    this.podCount = new Float64Array(size);
    this.allowedPodNumber = new Float64Array(size);
    this.allocatableMilliCPU = new Float64Array(size);
    this.requestedMilliCPU = new Float64Array(size);
    this.nonZeroMilliCPU = new Float64Array(size);
    this.allocatableMemory = new Float64Array(size);
    this.requestedMemory = new Float64Array(size);
    this.nonZeroMemory = new Float64Array(size);
    this.stamp = new Float64Array(size);
  }
}

/**
 * A per-slot memo of a score that depends only on the node's row in the columns and two numbers
 * of the pod (its cpu and memory request), for the resource scorers. Why: between two cycles only
 * the node that took the last pod changes, and pods in a row mostly ask for the same (replicas of
 * one template), so most of a window reuses its scores instead of dividing again. A slot's score
 * is valid while its row's stamp is the one remembered; any other pod, or other columns, and the
 * memo starts empty.
 */
export class SlotMemo {
  /** The row stamp each score was computed at (0: none; stamps start at 1). */
  stamps = new Float64Array(0);
  scores = new Int32Array(0);
  private cols: NodeColumns | undefined;
  private cpu = NaN;
  private memory = NaN;

  /** Readies the memo for a pod asking `cpu` and `memory` of the nodes in `cols`. */
  begin(cols: NodeColumns, cpu: number, memory: number): void {
    if (cols === this.cols && cpu === this.cpu && memory === this.memory && this.stamps.length === cols.stamp.length) return;
    this.cols = cols;
    this.cpu = cpu;
    this.memory = memory;
    if (this.stamps.length === cols.stamp.length) this.stamps.fill(0);
    else {
      this.stamps = new Float64Array(cols.stamp.length);
      this.scores = new Int32Array(cols.stamp.length);
    }
  }
}
