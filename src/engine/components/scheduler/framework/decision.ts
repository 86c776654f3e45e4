/**
 * The decision trace: what one scheduling attempt saw and decided — every node considered, each
 * filter plugin's verdict, each score plugin's raw, normalized and weighted score, the totals,
 * the winner, and which nodes were not looked at because of percentageOfNodesToScore. The UI
 * renders it as a node × plugin matrix; `sim explain` prints it in words.
 */

export interface FilterVerdict {
  node: string;
  /** The first plugin that rejected the node (filtering stops there, as in kube-scheduler). */
  plugin: string;
  code: 'Unschedulable' | 'UnschedulableAndUnresolvable' | 'Error';
  reasons: readonly string[];
  /** The plugin's plain-words explanation. */
  explanation?: string;
}

export interface PluginScores {
  plugin: string;
  weight: number;
  /** One entry per feasible node (same order as `Decision.feasible`). */
  raw: readonly number[];
  normalized: readonly number[];
}

export interface Decision {
  /** Attempt number across the scheduler's life (1, 2, ...). */
  seq: number;
  /** Simulated ms of the attempt. */
  at: number;
  pod: string;
  podUid: string;
  profile: string;
  /** Nodes in the snapshot. */
  numAllNodes: number;
  /** How many feasible nodes the cycle looked for (numFeasibleNodesToFind). */
  numNodesToFind: number;
  /** Index in the snapshot's node list where filtering started (the rotating start index). */
  startIndex: number;
  /** A PreFilter rejection ends the cycle before any node is looked at. */
  preFilter?: { plugin: string; reasons: readonly string[] };
  /** PreFilter restricted the nodes (NodeAffinity on metadata.name, say). */
  preFilterNodes?: readonly string[];
  /** Plugins whose PreFilter / PreScore returned Skip. */
  skippedFilters: readonly string[];
  skippedScores: readonly string[];
  /** The nominated node, tried first (evaluateNominatedNode). */
  nominatedNode?: string;
  /** Nodes filtered, in evaluation order. */
  evaluated: readonly string[];
  rejected: readonly FilterVerdict[];
  feasible: readonly string[];
  /** Nodes never filtered because enough feasible ones were found first. */
  notEvaluated: number;
  scores: readonly PluginScores[];
  /** Σ weighted normalized scores per feasible node. */
  totals: readonly number[];
  /** True when only one node was feasible and scoring was skipped. */
  scoringSkipped: boolean;
  selected?: string;
  /** Nodes sharing the top total (the seeded random tie-break picked `selected`). */
  tiedTop?: number;
  /** FailedScheduling message when no node fit. */
  message?: string;
  postFilter?: { nominatedNode?: string; victims: readonly string[]; message: string };
}

/** The most recent decisions, in a ring, with the latest per pod found by key. */
export class DecisionLog {
  private ring: (Decision | undefined)[];
  private head = 0;
  private latest = new Map<string, Decision>();

  constructor(readonly capacity = 1000) {
    this.ring = new Array(capacity);
  }

  add(d: Decision): void {
    const old = this.ring[this.head];
    if (old && this.latest.get(old.pod) === old) this.latest.delete(old.pod);
    this.ring[this.head] = d;
    this.head = (this.head + 1) % this.capacity;
    this.latest.set(d.pod, d);
  }

  /** The latest decision for a pod (`namespace/name`), while it is among the most recent. */
  forPod(key: string): Decision | undefined {
    return this.latest.get(key);
  }

  /** Oldest first. */
  recent(): Decision[] {
    const out: Decision[] = [];
    for (let i = 0; i < this.capacity; i++) {
      const d = this.ring[(this.head + i) % this.capacity];
      if (d) out.push(d);
    }
    return out;
  }

  get size(): number {
    return this.latest.size === 0 ? 0 : this.recent().length;
  }
}
