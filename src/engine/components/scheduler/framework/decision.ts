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

/** The empty lists a Decision starts with, shared: one is made per attempt, thousands a second. */
const NONE: readonly never[] = Object.freeze([]);
const NO_RANGE = Object.freeze({ nodes: NONE, start: 0, count: 0 });

export interface PluginScores {
  plugin: string;
  weight: number;
  /** One entry per feasible node (same order as `Decision.feasible`). */
  raw: ArrayLike<number>;
  normalized: ArrayLike<number>;
}

/**
 * One scheduling attempt. Building it must cost next to nothing (the scheduler makes one per
 * attempt, at thousands per second), so the node lists are kept as references and turned into
 * names only when read, and the scores live in one typed buffer.
 */
export class Decision {
  /** The PreFilter rejection that ended the cycle before any node was looked at. */
  preFilter?: { plugin: string; reasons: readonly string[] };
  /** PreFilter restricted the nodes (NodeAffinity on metadata.name, say). */
  preFilterNodes?: readonly string[];
  /** Plugins whose PreFilter / PreScore returned Skip. */
  skippedFilters: readonly string[] = NONE;
  skippedScores: readonly string[] = NONE;
  /** The nominated node, tried first (evaluateNominatedNode). */
  nominatedNode?: string;
  /** How many feasible nodes the cycle looked for (numFeasibleNodesToFind). */
  numNodesToFind = 0;
  rejected: readonly FilterVerdict[] = NONE;
  /** Nodes never filtered because enough feasible ones were found first. */
  notEvaluated = 0;
  scores: readonly PluginScores[] = NONE;
  /** Σ weighted normalized scores per feasible node. */
  totals: ArrayLike<number> = NONE;
  /** True when only one node was feasible and scoring was skipped. */
  scoringSkipped = false;
  selected?: string;
  /** Nodes sharing the top total (the seeded random tie-break picked `selected`). */
  tiedTop?: number;
  /** FailedScheduling message when no node fit. */
  message?: string;
  postFilter?: { nominatedNode?: string; victims: readonly string[]; message: string };

  /**
   * What the score rows were laid out for (the framework's list of active scorers): a later
   * cycle with the same layout and node count reuses the rows, views and all (scoreRows).
   */
  scoreLayout?: object;

  private evaluatedFrom: { readonly nodes: readonly { name: string }[]; readonly start: number; readonly count: number } = NO_RANGE;
  private feasibleFrom: readonly { name: string }[] = NONE;
  private evaluatedNames?: string[];
  private feasibleNames?: string[];

  constructor(
    /** Attempt number across the scheduler's life (1, 2, ...). */
    readonly seq: number,
    /** Simulated ms of the attempt. */
    readonly at: number,
    readonly pod: string,
    readonly podUid: string,
    readonly profile: string,
    /** Nodes in the snapshot. */
    readonly numAllNodes: number,
    /** Index in the snapshot's node list where filtering started (the rotating start index). */
    readonly startIndex: number,
  ) {}

  /** Records that `count` nodes of `nodes` were filtered, from `start`, wrapping around. */
  setEvaluated(nodes: readonly { name: string }[], start: number, count: number): void {
    this.evaluatedFrom = { nodes, start, count };
    this.evaluatedNames = undefined;
  }

  setFeasible(nodes: readonly { name: string }[]): void {
    this.feasibleFrom = nodes;
    this.feasibleNames = undefined;
  }

  /** Nodes filtered, in evaluation order. */
  get evaluated(): readonly string[] {
    if (!this.evaluatedNames) {
      const { nodes, start, count } = this.evaluatedFrom;
      const out: string[] = [];
      for (let i = 0; i < count; i++) out.push(nodes[(start + i) % nodes.length].name);
      this.evaluatedNames = out;
    }
    return this.evaluatedNames;
  }

  get feasible(): readonly string[] {
    this.feasibleNames ??= this.feasibleFrom.map((n) => n.name);
    return this.feasibleNames;
  }

  /** The feasible-node list (for reuse once this decision leaves the log); reads empty after. */
  releaseFeasible(): { name: string }[] | undefined {
    const list = this.feasibleFrom;
    if (list.length === 0) return undefined;
    this.feasibleFrom = NONE;
    this.feasibleNames = undefined;
    return list as { name: string }[];
  }

  /** The whole score buffer (for reuse once this decision leaves the log); scores read empty after. */
  releaseScores(): Int32Array | undefined {
    const first = this.scores[0]?.raw;
    if (!(first instanceof Int32Array)) return undefined;
    this.scores = NONE;
    this.totals = NONE;
    return new Int32Array(first.buffer);
  }

  /** Rebuilds a decision from `toJSON()` output (snapshots keep the latest decisions this way). */
  static fromJSON(o: DecisionJSON): Decision {
    const d = new Decision(o.seq, o.at, o.pod, o.podUid, o.profile, o.numAllNodes, o.startIndex);
    Object.assign(d, {
      numNodesToFind: o.numNodesToFind,
      preFilter: o.preFilter,
      preFilterNodes: o.preFilterNodes,
      skippedFilters: o.skippedFilters,
      skippedScores: o.skippedScores,
      nominatedNode: o.nominatedNode,
      rejected: o.rejected,
      notEvaluated: o.notEvaluated,
      scores: o.scores,
      totals: o.totals,
      scoringSkipped: o.scoringSkipped,
      selected: o.selected,
      tiedTop: o.tiedTop,
      message: o.message,
      postFilter: o.postFilter,
    });
    d.setEvaluated(o.evaluated.map((name) => ({ name })), 0, o.evaluated.length);
    d.setFeasible(o.feasible.map((name) => ({ name })));
    return d;
  }

  /** A plain-data copy (for the app's worker messages, snapshots and tests). */
  toJSON(): DecisionJSON {
    return {
      seq: this.seq,
      at: this.at,
      pod: this.pod,
      podUid: this.podUid,
      profile: this.profile,
      numAllNodes: this.numAllNodes,
      numNodesToFind: this.numNodesToFind,
      startIndex: this.startIndex,
      preFilter: this.preFilter,
      preFilterNodes: this.preFilterNodes,
      skippedFilters: this.skippedFilters,
      skippedScores: this.skippedScores,
      nominatedNode: this.nominatedNode,
      evaluated: this.evaluated,
      rejected: this.rejected.map((v) => ({ node: v.node, plugin: v.plugin, code: v.code, reasons: [...v.reasons], explanation: v.explanation })),
      feasible: this.feasible,
      notEvaluated: this.notEvaluated,
      scores: this.scores.map((s) => ({ plugin: s.plugin, weight: s.weight, raw: Array.from(s.raw), normalized: Array.from(s.normalized) })),
      totals: Array.from(this.totals),
      scoringSkipped: this.scoringSkipped,
      selected: this.selected,
      tiedTop: this.tiedTop,
      message: this.message,
      postFilter: this.postFilter,
    };
  }
}

/** Decision as plain data. */
export interface DecisionJSON {
  seq: number;
  at: number;
  pod: string;
  podUid: string;
  profile: string;
  numAllNodes: number;
  numNodesToFind: number;
  startIndex: number;
  preFilter?: { plugin: string; reasons: readonly string[] };
  preFilterNodes?: readonly string[];
  skippedFilters: readonly string[];
  skippedScores: readonly string[];
  nominatedNode?: string;
  evaluated: readonly string[];
  rejected: FilterVerdict[];
  feasible: readonly string[];
  notEvaluated: number;
  scores: { plugin: string; weight: number; raw: number[]; normalized: number[] }[];
  totals: number[];
  scoringSkipped: boolean;
  selected?: string;
  tiedTop?: number;
  message?: string;
  postFilter?: { nominatedNode?: string; victims: readonly string[]; message: string };
}

/** How many of the latest decisions a snapshot keeps (bounded: a decision can be large). */
export const DECISIONS_IN_SNAPSHOT = 100;

/** The most recent decisions, in a ring, with the latest per pod found by key. */
export class DecisionLog {
  private ring: (Decision | undefined)[];
  private head = 0;
  private latest = new Map<string, Decision>();

  constructor(readonly capacity = 1000) {
    this.ring = new Array(capacity);
  }

  /**
   * A score buffer of at least `length` entries: the buffer of the decision the next `add` will
   * push out of the ring when it is big enough (its scores are then gone), else a new one. Keeps
   * a scheduler making thousands of decisions a second from allocating a fresh buffer for each.
   */
  scoreBuffer(length: number): Int32Array {
    const leaving = this.ring[this.head];
    const buf = leaving?.releaseScores();
    if (buf && buf.length >= length) return buf.subarray(0, length);
    return new Int32Array(length < 64 ? length : 2 ** Math.ceil(Math.log2(length))).subarray(0, length);
  }

  /**
   * The score rows (PluginScores with their views) and totals of the decision the next `add` will
   * push out, when they were laid out for `layout` over `m` nodes: the cycle overwrites every
   * entry, and allocates neither the buffer nor its views. Their decision reads no scores after.
   */
  scoreRows(layout: object, m: number): { scores: readonly PluginScores[]; totals: Int32Array } | undefined {
    const leaving = this.ring[this.head];
    if (leaving === undefined || leaving.scoreLayout !== layout || !(leaving.totals instanceof Int32Array) || leaving.totals.length !== m) return undefined;
    const rows = { scores: leaving.scores, totals: leaving.totals };
    leaving.scoreLayout = undefined;
    leaving.scores = NONE;
    leaving.totals = NONE;
    return rows;
  }

  /** A node list to fill with a cycle's feasible nodes: the leaving decision's, or a new one. */
  nodeList<T extends { name: string }>(): T[] {
    // Handed back with its old entries: the caller overwrites them and sets the length once at
    // the end (setting it to 0 here would make V8 free the storage and grow it again).
    return (this.ring[this.head]?.releaseFeasible() as T[] | undefined) ?? [];
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

  save(): DecisionJSON[] {
    return this.recent().slice(-DECISIONS_IN_SNAPSHOT).map((d) => d.toJSON());
  }

  load(list: readonly DecisionJSON[]): void {
    for (const o of list) this.add(Decision.fromJSON(o));
  }

  get size(): number {
    return this.latest.size === 0 ? 0 : this.recent().length;
  }
}
