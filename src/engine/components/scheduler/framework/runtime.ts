/**
 * The framework runtime for one profile (kube-scheduler `framework/runtime` + the algorithm in
 * `schedule_one.go`): it builds the profile's plugins, and for a pod runs PreFilter, Filter over
 * nodes from the rotating start index until enough feasible nodes are found, PreScore, Score,
 * NormalizeScore and weights, then picks the highest total (seeded random among ties). Every
 * attempt yields a `Decision` (the trace the UI and `sim explain` show).
 */
import type { Prng } from '../../../kernel/prng.ts';
import type { ExpandedProfile, ExtensionPoint } from './config.ts';
import { numFeasibleNodesToFind } from './config.ts';
import { Decision, type FilterVerdict, type PluginScores } from './decision.ts';
import type { NodeColumns } from './node-columns.ts';
import { cloneNodeInfo, addPod } from './node-info.ts';
import {
  Code,
  CycleState,
  isRejection,
  type BindPlugin,
  type FilterPlugin,
  type PreemptionHandle,
  type NodeInfo,
  type Plugin,
  type PluginFactory,
  type PodInfo,
  type PostFilterPlugin,
  type PostFilterResult,
  type PreBindPlugin,
  type PreEnqueuePlugin,
  type PreFilterPlugin,
  type PreScorePlugin,
  type QueueSortPlugin,
  type ReservePlugin,
  type PermitPlugin,
  type ScorePlugin,
  type Snapshot,
  type Status,
} from './types.ts';

/** Which extension points a plugin object implements (by its methods). */
const POINT_METHOD: Record<ExtensionPoint, string> = {
  preEnqueue: 'preEnqueue',
  queueSort: 'less',
  preFilter: 'preFilter',
  filter: 'filter',
  postFilter: 'postFilter',
  preScore: 'preScore',
  score: 'score',
  reserve: 'reserve',
  permit: 'permit',
  preBind: 'preBind',
  bind: 'bind',
};

export const implementsPoint = (p: Plugin, point: ExtensionPoint): boolean =>
  typeof (p as unknown as Record<string, unknown>)[POINT_METHOD[point]] === 'function';

/** Pods nominated to nodes (the PodNominator), for filtering with nominated pods. */
export interface Nominator {
  /** Nominated pods for a node with priority ≥ `priority`, other than `exceptKey`. */
  nominatedFor(nodeName: string, priority: number, exceptKey: string): readonly PodInfo[];
  readonly size: number;
}

/** Where a cycle gets its big scratch arrays (the decision log recycles those of old decisions). */
export interface Recycler {
  scoreBuffer(length: number): Int32Array;
  nodeList<T extends { name: string }>(): T[];
  /** Score rows laid out for `layout` over `m` nodes, to overwrite whole (DecisionLog.scoreRows). */
  scoreRows?(layout: object, m: number): { scores: readonly PluginScores[]; totals: Int32Array } | undefined;
}

const FRESH: Recycler = { scoreBuffer: (n) => new Int32Array(n), nodeList: () => [] };

export interface CycleResult {
  decision: Decision;
  state: CycleState;
  selected?: string;
  /** Per rejected node, its status (what PostFilter and the FitError read). */
  statuses: Map<string, Status>;
  preFilterMsg?: string;
  /** Plugins that rejected the pod (to move it back on matching cluster events). */
  unschedulablePlugins: Set<string>;
  /** How many nodes were filtered (advances the rotating start index). */
  processed: number;
  /** Plugins whose PreFilterResult restricted the nodes. */
  restrictedBy: string[];
}

export class Framework {
  readonly name: string;
  readonly plugins = new Map<string, Plugin>();
  readonly queueSort?: QueueSortPlugin;
  readonly preEnqueue: PreEnqueuePlugin[];
  private readonly preFilters: PreFilterPlugin[];
  private readonly filters: FilterPlugin[];
  readonly postFilters: PostFilterPlugin[];
  private readonly preScores: PreScorePlugin[];
  private readonly scorers: { plugin: ScorePlugin; weight: number }[];
  private readonly reserves: ReservePlugin[];
  private readonly permits: PermitPlugin[];
  private readonly preBinds: PreBindPlugin[];
  private readonly binders: BindPlugin[];
  /**
   * findFeasible's scratch, reused every cycle: a window of nodes (as slots of the snapshot's
   * columns, and as NodeInfos when some filter has no column form) and their filter outcomes;
   * and the slots of the feasible nodes, which Score reads.
   */
  private readonly window: NodeInfo[] = [];
  private readonly windowStatuses: (Status | null)[] = [];
  private windowSlots = new Int32Array(0);
  private feasibleSlots = new Int32Array(0);
  /**
   * Which PreFilter / PreScore plugins returned Skip this cycle, one bit per plugin (-1 when there
   * are too many plugins for the bits), and what follows from each combination, worked out once:
   * the filters and scorers that run, and the skipped names the decision lists.
   */
  private filterSkips = 0;
  private scoreSkips = 0;
  private readonly filtersBySkips = new Map<number, ActiveFilters>();
  private readonly scorersBySkips = new Map<number, ActiveScorers>();
  /** scoreNodes' scratch: each active scorer's normalized scores. */
  private readonly lists: Int32Array[] = [];

  constructor(
    readonly profile: ExpandedProfile,
    registry: Readonly<Record<string, PluginFactory>>,
    readonly handle: PreemptionHandle,
    private readonly globalPercentage: number,
  ) {
    this.name = profile.schedulerName;
    const get = (name: string): Plugin => {
      let p = this.plugins.get(name);
      if (!p) {
        const factory = registry[name];
        if (!factory) throw new Error(`plugin "${name}" does not exist`);
        p = factory(profile.args[name], handle);
        this.plugins.set(name, p);
      }
      return p;
    };
    const at = <T extends Plugin>(point: ExtensionPoint): T[] => profile.points[point].map(get).filter((p) => implementsPoint(p, point)) as T[];
    this.queueSort = at<QueueSortPlugin>('queueSort')[0];
    this.preEnqueue = at('preEnqueue');
    this.preFilters = at('preFilter');
    this.filters = at('filter');
    this.postFilters = at('postFilter');
    this.preScores = at('preScore');
    this.scorers = at<ScorePlugin>('score').map((plugin) => ({ plugin, weight: profile.weights[plugin.name] ?? 1 }));
    this.reserves = at('reserve');
    this.permits = at('permit');
    this.preBinds = at('preBind');
    this.binders = at('bind');
  }

  /** The scheduling algorithm for one pod: filter, score, select (schedulePod). */
  schedule(
    pod: PodInfo,
    snapshot: Snapshot,
    startIndex: number,
    nominator: Nominator,
    prng: Prng,
    seq: number,
    now: number,
    recycle: Recycler = FRESH,
  ): CycleResult {
    const state = new CycleState();
    const nodes = snapshot.nodes;
    const decision = new Decision(seq, now, pod.key, pod.pod.metadata.uid ?? '', this.name, nodes.length, startIndex);
    const result: CycleResult = { decision, state, statuses: new Map(), unschedulablePlugins: new Set(), processed: 0, restrictedBy: [] };
    if (nodes.length === 0) return result;
    const pre = this.runPreFilters(state, pod, snapshot, result);
    if (pre === 'rejected') return result;
    // Columns serve when every node is a candidate: a candidate's index is then its slot.
    const cols = pre === undefined ? snapshot.columns : undefined;
    const feasible = this.findFeasible(state, pod, snapshot, pre, startIndex, nominator, result, recycle, cols);
    decision.setFeasible(feasible);
    if (feasible.length === 0) return result;
    if (feasible.length === 1) {
      decision.scoringSkipped = true;
      result.selected = decision.selected = feasible[0].name;
      return result;
    }
    const totals = this.scoreNodes(state, pod, feasible, decision, recycle, cols);
    result.selected = decision.selected = this.selectHost(feasible, totals, prng, decision);
    return result;
  }

  private runPreFilters(state: CycleState, pod: PodInfo, snapshot: Snapshot, result: CycleResult): ReadonlySet<string> | undefined | 'rejected' {
    let allowed: Set<string> | undefined;
    let skips = this.preFilters.length <= MAX_SKIP_BITS ? 0 : -1;
    for (let i = 0; i < this.preFilters.length; i++) {
      const p = this.preFilters[i];
      const s = p.preFilter(state, pod, snapshot);
      if (s === null) {
        const names = p.preFilterResult?.(state)?.nodeNames;
        if (names) {
          allowed = allowed ? new Set([...allowed].filter((n) => names.has(n))) : new Set(names);
          result.restrictedBy.push(p.name);
        }
        continue;
      }
      if (s.code === Code.Skip) {
        state.skipFilter.add(p.name);
        if (skips >= 0) skips |= 1 << i;
        continue;
      }
      const reasons = s.reasons;
      result.decision.preFilter = { plugin: p.name, reasons };
      result.preFilterMsg = reasons.join(', ');
      result.unschedulablePlugins.add(p.name);
      const st: Status = { code: s.code, reasons, plugin: p.name };
      for (const n of snapshot.nodes) result.statuses.set(n.name, st);
      result.decision.skippedFilters = [...state.skipFilter];
      return 'rejected';
    }
    this.filterSkips = skips;
    result.decision.skippedFilters = this.activeFilters(state).skipped;
    if (allowed) result.decision.preFilterNodes = [...allowed].sort();
    return allowed;
  }

  /** Filters nodes from the rotating start until numFeasibleNodesToFind are found (the nominated node first). */
  private findFeasible(
    state: CycleState,
    pod: PodInfo,
    snapshot: Snapshot,
    allowed: ReadonlySet<string> | undefined,
    startIndex: number,
    nominator: Nominator,
    result: CycleResult,
    recycle: Recycler,
    cols: NodeColumns | undefined,
  ): NodeInfo[] {
    const { decision } = result;
    const active = this.activeFilters(state);
    const filters = active.filters;
    const nominated = pod.pod.status?.nominatedNodeName;
    if (nominated) {
      const node = snapshot.get(nominated);
      if (node && (!allowed || allowed.has(nominated)) && this.filterNode(filters, state, pod, node, nominator) === null) {
        decision.nominatedNode = nominated;
        decision.setEvaluated([node], 0, 1);
        decision.numNodesToFind = 1;
        result.processed = 0;
        return [node];
      }
    }
    const all = snapshot.nodes;
    const candidates = allowed ? all.filter((n) => allowed.has(n.name)) : all;
    if (allowed) {
      // Nodes the PreFilterResult left out are rejected in the name of the plugins that restricted.
      const plugins = [...result.restrictedBy].sort();
      for (const p of plugins) result.unschedulablePlugins.add(p);
      const status: Status = { code: Code.UnschedulableAndUnresolvable, reasons: [`node(s) didn't satisfy plugin(s) [${plugins.join(' ')}]`] };
      for (const n of all) if (!allowed.has(n.name)) result.statuses.set(n.name, status);
    }
    const n = candidates.length;
    const toFind = allowed ? n : numFeasibleNodesToFind(n, this.profile.percentageOfNodesToScore ?? this.globalPercentage);
    decision.numNodesToFind = toFind;
    const feasible = recycle.nodeList<NodeInfo>();
    const rejected: FilterVerdict[] = [];
    const start = allowed ? 0 : startIndex % n;
    if (this.windowSlots.length < toFind) this.windowSlots = new Int32Array(toFind);
    if (cols && this.feasibleSlots.length < toFind) this.feasibleSlots = new Int32Array(toFind);
    const feasibleSlots = this.feasibleSlots;
    let i = 0;
    let found = 0;
    if (nominator.size === 0) {
      // Without nominations (the usual case) a node is just the filters in order, so they run
      // plugin by plugin over windows of exactly as many nodes as are still to be found: the
      // same nodes are filtered as one by one, since filtering stops only once a window is done.
      const window = this.window;
      const slots = this.windowSlots;
      const out = this.windowStatuses;
      const needNodes = !cols || !active.allSlots;
      while (i < n && found < toFind) {
        const count = Math.min(toFind - found, n - i);
        for (let j = 0, k = (start + i) % n; j < count; j++, k = k + 1 === n ? 0 : k + 1) {
          slots[j] = k;
          out[j] = null;
        }
        if (needNodes) for (let j = 0; j < count; j++) window[j] = candidates[slots[j]];
        filterWindow(filters, state, pod, window, cols, slots, count, out);
        for (let j = 0; j < count; j++) {
          const s = out[j];
          if (s === null) {
            feasibleSlots[found] = slots[j];
            feasible[found++] = candidates[slots[j]];
          } else this.reject(pod, candidates[slots[j]], s, result, rejected);
        }
        i += count;
      }
    } else {
      for (; i < n && found < toFind; i++) {
        const k = (start + i) % n;
        const node = candidates[k];
        const s = this.filterNode(filters, state, pod, node, nominator);
        if (s !== null) {
          this.reject(pod, node, s, result, rejected);
          continue;
        }
        // Score reads the node as it is, without the nominated pods.
        if (cols) feasibleSlots[found] = k;
        feasible[found++] = node;
      }
    }
    if (feasible.length !== found) feasible.length = found;
    decision.setEvaluated(candidates, start, i);
    decision.rejected = rejected;
    decision.notEvaluated = n - i;
    result.processed = i;
    return feasible;
  }

  private reject(pod: PodInfo, node: NodeInfo, s: Status, result: CycleResult, rejected: FilterVerdict[]): void {
    result.statuses.set(node.name, s);
    if (isRejection(s)) result.unschedulablePlugins.add(s.plugin ?? '');
    rejected.push(new Verdict(this.plugins.get(s.plugin ?? ''), pod, node, s));
  }

  /**
   * RunFilterPluginsWithNominatedPods: with pods of equal or higher priority nominated to the node,
   * the node must fit the pod with them added (and without them, for affinity-like filters).
   */
  filterNode(filters: readonly FilterPlugin[], state: CycleState, pod: PodInfo, node: NodeInfo, nominator: Nominator): Status | null {
    if (nominator.size > 0) {
      const others = nominator.nominatedFor(node.name, pod.pod.spec.priority ?? 0, pod.key);
      if (others.length > 0) {
        const withNominated = cloneNodeInfo(node);
        const stateWith = state.clone();
        for (const o of others) {
          addPod(withNominated, o);
          for (const p of this.preFilters) if (!state.skipFilter.has(p.name)) p.addPod?.(stateWith, pod, o, withNominated);
        }
        const s = runFilters(filters, stateWith, pod, withNominated);
        if (s !== null) return s;
      }
    }
    return runFilters(filters, state, pod, node);
  }

  /** Every active filter on a node (used by preemption's what-if). */
  runFilters(state: CycleState, pod: PodInfo, node: NodeInfo, nominator: Nominator): Status | null {
    return this.filterNode(
      this.filters.filter((f) => !state.skipFilter.has(f.name)),
      state,
      pod,
      node,
      nominator,
    );
  }

  removePod(state: CycleState, pod: PodInfo, victim: PodInfo, node: NodeInfo): void {
    for (const p of this.preFilters) if (!state.skipFilter.has(p.name)) p.removePod?.(state, pod, victim, node);
  }

  addPod(state: CycleState, pod: PodInfo, other: PodInfo, node: NodeInfo): void {
    for (const p of this.preFilters) if (!state.skipFilter.has(p.name)) p.addPod?.(state, pod, other, node);
  }

  private scoreNodes(state: CycleState, pod: PodInfo, feasible: NodeInfo[], decision: Decision, recycle: Recycler, cols: NodeColumns | undefined): Int32Array {
    let skips = this.preScores.length <= MAX_SKIP_BITS ? 0 : -1;
    for (let i = 0; i < this.preScores.length; i++) {
      const p = this.preScores[i];
      const s = p.preScore(state, pod, feasible);
      if (s?.code === Code.Skip) {
        state.skipScore.add(p.name);
        if (skips >= 0) skips |= 1 << i;
      }
    }
    this.scoreSkips = skips;
    const layout = this.activeScorers(state);
    const { scorers: active, weights, skipped } = layout;
    decision.skippedScores = skipped;
    const m = feasible.length;
    const lists = this.lists;
    lists.length = active.length;
    // The rows of an evicted decision with this very layout: every entry is written again below.
    const rows = recycle.scoreRows?.(layout, m);
    let scores: readonly PluginScores[];
    let totals: Int32Array;
    if (rows !== undefined) {
      ({ scores, totals } = rows);
      for (let k = 0; k < active.length; k++) {
        lists[k] = this.scoreWith(active[k].plugin, state, pod, feasible, cols, scores[k].raw as Int32Array, scores[k].normalized as Int32Array);
      }
    } else {
      // Raw and normalized scores of every plugin and the totals, in one buffer the trace keeps
      // (scores are Go int64s; 32 bits hold every value a plugin can give at Podlab's sizes).
      const buf = recycle.scoreBuffer((2 * active.length + 1) * m);
      totals = buf.subarray(2 * active.length * m);
      const fresh: PluginScores[] = [];
      for (let k = 0; k < active.length; k++) {
        const { plugin, weight } = active[k];
        const raw = buf.subarray(2 * k * m, (2 * k + 1) * m);
        const normalized = plugin.normalizeScore ? buf.subarray((2 * k + 1) * m, (2 * k + 2) * m) : raw;
        lists[k] = this.scoreWith(plugin, state, pod, feasible, cols, raw, normalized);
        fresh.push({ plugin: plugin.name, weight, raw, normalized });
      }
      scores = fresh;
    }
    sumWeighted(totals, lists, weights);
    decision.scores = scores;
    decision.totals = totals;
    decision.scoreLayout = layout;
    return totals;
  }

  /** Score and NormalizeScore of one plugin: raw scores into `raw`, then normalized into `normalized` (the same array without NormalizeScore). */
  private scoreWith(
    plugin: ScorePlugin,
    state: CycleState,
    pod: PodInfo,
    feasible: NodeInfo[],
    cols: NodeColumns | undefined,
    raw: Int32Array,
    normalized: Int32Array,
  ): Int32Array {
    const m = feasible.length;
    if (cols && plugin.scoreSlots) plugin.scoreSlots(state, pod, cols, this.feasibleSlots, raw);
    else if (plugin.scoreNodes) plugin.scoreNodes(state, pod, feasible, raw);
    else for (let j = 0; j < m; j++) raw[j] = plugin.score(state, pod, feasible[j]);
    if (plugin.normalizeScore) {
      normalized.set(raw);
      plugin.normalizeScore(state, pod, normalized, feasible);
    }
    return normalized;
  }

  /** The filters that run this cycle (those whose PreFilter did not Skip), by this cycle's skips. */
  private activeFilters(state: CycleState): ActiveFilters {
    const key = this.filterSkips;
    let a = key >= 0 ? this.filtersBySkips.get(key) : undefined;
    if (a === undefined) {
      const filters = this.filters.filter((f) => !state.skipFilter.has(f.name));
      a = { filters, allSlots: filters.every((f) => f.filterSlots !== undefined), skipped: Object.freeze([...state.skipFilter]) };
      if (key >= 0) this.filtersBySkips.set(key, a);
    }
    return a;
  }

  /** The scorers that run this cycle (those whose PreScore did not Skip), by this cycle's skips. */
  private activeScorers(state: CycleState): ActiveScorers {
    const key = this.scoreSkips;
    let a = key >= 0 ? this.scorersBySkips.get(key) : undefined;
    if (a === undefined) {
      const scorers = this.scorers.filter((x) => !state.skipScore.has(x.plugin.name));
      a = { scorers, weights: scorers.map((x) => x.weight), skipped: Object.freeze([...state.skipScore]) };
      if (key >= 0) this.scorersBySkips.set(key, a);
    }
    return a;
  }

  /**
   * The highest total wins; ties are broken uniformly at random with the seeded PRNG (one draw
   * among the tied nodes — the same distribution as kube-scheduler's reservoir sampling).
   */
  private selectHost(feasible: NodeInfo[], totals: Int32Array, prng: Prng, decision: Decision): string {
    let best = -Infinity;
    let count = 0;
    let first = 0;
    for (let j = 0; j < totals.length; j++) {
      if (totals[j] > best) {
        best = totals[j];
        count = 1;
        first = j;
      } else if (totals[j] === best) count++;
    }
    decision.tiedTop = count;
    if (count === 1) return feasible[first].name;
    let pick = prng.nextInt(count);
    for (let j = 0; j < totals.length; j++) {
      if (totals[j] === best && pick-- === 0) return feasible[j].name;
    }
    throw new Error('unreachable: no node has the best score');
  }

  /** PostFilter (DefaultPreemption): the first plugin that succeeds decides. */
  runPostFilter(state: CycleState, pod: PodInfo, statuses: Map<string, Status>): { result?: PostFilterResult; message: string; plugin?: string } {
    let message = '';
    let result: PostFilterResult | undefined;
    for (const p of this.postFilters) {
      const out = p.postFilter(state, pod, statuses);
      if (out.status === null || out.status.code === Code.Success) return { result: out.result, message: out.message, plugin: p.name };
      if (out.message) message = out.message;
      // A failed preemption may still clear the pod's old nomination (nominatedNodeName '').
      if (out.result) result = out.result;
    }
    return { result, message };
  }

  /** Reserve, Permit, PreBind; the first failure is returned (and reservations undone). */
  runBindingCycle(state: CycleState, pod: PodInfo, nodeName: string): Status | null {
    const reserved: ReservePlugin[] = [];
    const undo = () => {
      for (const r of reserved.reverse()) r.unreserve(state, pod, nodeName);
    };
    for (const r of this.reserves) {
      reserved.push(r);
      const s = r.reserve(state, pod, nodeName);
      if (s !== null) return undo(), withPlugin(s, r.name);
    }
    for (const p of this.permits) {
      const s = p.permit(state, pod, nodeName);
      if (s !== null && s.code !== Code.Success) return undo(), withPlugin(s, p.name);
    }
    for (const p of this.preBinds) {
      const s = p.preBind(state, pod, nodeName);
      if (s !== null) return undo(), withPlugin(s, p.name);
    }
    return null;
  }

  get binderNames(): string[] {
    return this.binders.map((b) => b.name);
  }
}

/** How many PreFilter / PreScore plugins the skip bit masks cover. */
const MAX_SKIP_BITS = 30;

interface ActiveFilters {
  readonly filters: readonly FilterPlugin[];
  /** Every one of them has the column form. */
  readonly allSlots: boolean;
  readonly skipped: readonly string[];
}

interface ActiveScorers {
  readonly scorers: readonly { plugin: ScorePlugin; weight: number }[];
  readonly weights: readonly number[];
  readonly skipped: readonly string[];
}

/** Nodes filtered plugin by plugin at a time: few enough to stay in the L1 cache between plugins. */
const FILTER_CHUNK = 32;

/**
 * The filters over the window `[0..count)`, in chunks, plugin by plugin: `out[j]` ends as the
 * first rejection of node `j` in plugin order (named after its plugin), or `null`. Node `j` is
 * `cols.nodes[slots[j]]`, and `nodes[j]` when some filter lacks `filterSlots` (or without cols).
 */
function filterWindow(
  filters: readonly FilterPlugin[],
  state: CycleState,
  pod: PodInfo,
  nodes: readonly NodeInfo[],
  cols: NodeColumns | undefined,
  slots: Int32Array,
  count: number,
  out: (Status | null)[],
): void {
  for (let from = 0; from < count; from += FILTER_CHUNK) filterChunk(filters, state, pod, nodes, cols, slots, from, Math.min(from + FILTER_CHUNK, count), out);
}

function filterChunk(
  filters: readonly FilterPlugin[],
  state: CycleState,
  pod: PodInfo,
  nodes: readonly NodeInfo[],
  cols: NodeColumns | undefined,
  slots: Int32Array,
  from: number,
  to: number,
  out: (Status | null)[],
): void {
  let rejections = 0;
  for (let k = 0; k < filters.length && rejections < to - from; k++) {
    const f = filters[k];
    let added = 0;
    if (cols !== undefined && f.filterSlots !== undefined) added = f.filterSlots(state, pod, cols, slots, from, to, out);
    else if (f.filterNodes !== undefined) added = f.filterNodes(state, pod, nodes, from, to, out);
    else {
      for (let j = from; j < to; j++) {
        if (out[j] !== null) continue;
        const s = f.filter(state, pod, nodes[j]);
        if (s !== null && s.code !== Code.Success) {
          out[j] = s;
          added++;
        }
      }
    }
    if (added === 0) continue;
    rejections += added;
    // Name the plugin on the statuses it returned without one (as runFilters does).
    for (let j = from; j < to; j++) {
      const s = out[j];
      if (s !== null && s.plugin === undefined) out[j] = { code: s.code, reasons: s.reasons, plugin: f.name };
    }
  }
}

function runFilters(filters: readonly FilterPlugin[], state: CycleState, pod: PodInfo, node: NodeInfo): Status | null {
  for (let k = 0; k < filters.length; k++) {
    const f = filters[k];
    const s = f.filter(state, pod, node);
    if (s !== null && s.code !== Code.Success) {
      if (s.plugin === undefined) return { code: s.code, reasons: s.reasons, plugin: f.name };
      return s;
    }
  }
  return null;
}

/**
 * totals[j] = Σ lists[k][j] × weights[k]: two plugins per pass over the nodes, the first pass
 * storing rather than adding (a pass per plugin onto zeroed totals costs twice the memory
 * traffic). Integer sums far below 2^53, so the order of the additions changes nothing.
 */
function sumWeighted(totals: Int32Array, lists: readonly Int32Array[], weights: readonly number[]): void {
  const n = lists.length;
  if (n === 0) return void totals.fill(0);
  // Four plugins (the default profile's usual count once PreScore skipped some) in one pass.
  if (n === 4) return setWeighted4(totals, lists, weights);
  let k = n % 2 === 1 ? 1 : 2;
  if (k === 1) setWeighted(totals, lists[0], weights[0]);
  else setWeighted2(totals, lists[0], weights[0], lists[1], weights[1]);
  for (; k < n; k += 2) addWeighted2(totals, lists[k], weights[k], lists[k + 1], weights[k + 1]);
}

function setWeighted4(totals: Int32Array, lists: readonly Int32Array[], weights: readonly number[]): void {
  const a = lists[0];
  const b = lists[1];
  const c = lists[2];
  const d = lists[3];
  const wa = weights[0];
  const wb = weights[1];
  const wc = weights[2];
  const wd = weights[3];
  for (let j = 0; j < totals.length; j++) totals[j] = a[j] * wa + b[j] * wb + c[j] * wc + d[j] * wd;
}

function setWeighted(totals: Int32Array, a: Int32Array, wa: number): void {
  for (let j = 0; j < totals.length; j++) totals[j] = a[j] * wa;
}

function setWeighted2(totals: Int32Array, a: Int32Array, wa: number, b: Int32Array, wb: number): void {
  for (let j = 0; j < totals.length; j++) totals[j] = a[j] * wa + b[j] * wb;
}

function addWeighted2(totals: Int32Array, a: Int32Array, wa: number, b: Int32Array, wb: number): void {
  for (let j = 0; j < totals.length; j++) totals[j] += a[j] * wa + b[j] * wb;
}

const withPlugin = (s: Status, plugin: string): Status => ({ code: s.code, reasons: s.reasons, plugin });

/**
 * A filter rejection in the trace, with the plugin's plain words written when the node was
 * rejected (later the node may have changed, and the words must describe what the cycle saw).
 */
class Verdict implements FilterVerdict {
  readonly node: string;
  readonly plugin: string;
  readonly code: FilterVerdict['code'];
  readonly reasons: readonly string[];
  readonly explanation?: string;

  constructor(owner: Plugin | undefined, pod: PodInfo, info: NodeInfo, status: Status) {
    this.node = info.name;
    this.plugin = status.plugin ?? '';
    this.code = status.code === Code.Unschedulable ? 'Unschedulable' : status.code === Code.UnschedulableAndUnresolvable ? 'UnschedulableAndUnresolvable' : 'Error';
    this.reasons = status.reasons;
    this.explanation = owner?.explain?.(pod, info, { code: status.code, reasons: status.reasons, plugin: this.plugin });
  }
}
