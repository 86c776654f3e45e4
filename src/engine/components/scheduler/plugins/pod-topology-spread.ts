/**
 * PodTopologySpread (kube-scheduler v1.31 `plugins/podtopologyspread`): spread the pods a selector
 * picks evenly over topology domains (nodes, zones, ...).
 *
 * - PreFilter/Filter enforce `whenUnsatisfiable: DoNotSchedule` constraints. Placing the pod in a
 *   domain must keep `count(domain) + (1 if the pod matches its own selector) − globalMin ≤ maxSkew`;
 *   with fewer eligible domains than `minDomains` the global minimum counts as 0.
 * - PreScore/Score/NormalizeScore rank nodes for `ScheduleAnyway` constraints: a node's raw score is
 *   `round(Σ count(domain) · ln(domains + 2) + (maxSkew − 1))`, and emptier domains score higher.
 * - A pod without constraints gets the profile's defaults. `defaultingType: System` means a hostname
 *   (maxSkew 3) and a zone (maxSkew 5) ScheduleAnyway constraint, selecting the pods that the
 *   Services, ReplicationControllers, ReplicaSets and StatefulSets selecting this pod select.
 *
 * Counted pods are in the pod's namespace, match the selector and are not terminating. Counted nodes
 * carry every constraint's topology key and, per constraint, match the pod's required node affinity
 * (`nodeAffinityPolicy: Honor`, the default) and have no untolerated NoSchedule/NoExecute taint
 * (`nodeTaintsPolicy: Honor`; the default is Ignore). With system defaults, nodes that lack a key are
 * still scored (the missing constraint simply does not apply).
 */
import { labelSelectorRequirements, matchesLabels, type LabelRequirement, type LabelRequirements } from '../../../api/selectors.ts';
import type { KObject, LabelSelector, Pod, Service } from '../../../api/types.ts';
import {
  errorStatus,
  MAX_NODE_SCORE,
  SKIP,
  unresolvable,
  unschedulable,
  type CycleState,
  type FilterPlugin,
  type FrameworkHandle,
  type NodeInfo,
  type PluginFactory,
  type PodInfo,
  type PreFilterPlugin,
  type PreScorePlugin,
  type ScorePlugin,
  type Snapshot,
  type Status,
  type ScoreList,
} from '../framework/types.ts';
import { matchesRequired, requiredNodeAffinity, type RequiredNodeAffinity } from './node-affinity.ts';
import { firstUntoleratedTaint } from './taint-toleration.ts';
import { HOSTNAME_KEY, PTS_EVENTS as EVENTS, PTS_NAME, ZONE_KEY, podTopologySpreadDefaults } from './late-shells.ts';

export { SYSTEM_DEFAULT_CONSTRAINTS } from './late-shells.ts';

/** The plugin's logic: a late part of the engine, built by its shell (late-shells.ts). */
export const NAME = PTS_NAME;

export const ERR_CONSTRAINTS_NOT_MATCH = "node(s) didn't match pod topology spread constraints";
export const ERR_NODE_LABEL_NOT_MATCH = `${ERR_CONSTRAINTS_NOT_MATCH} (missing required label)`;

const FILTER_KEY = `PreFilter${NAME}`;
const SCORE_KEY = `PreScore${NAME}`;
/** Shared empty results (never written). */
const NO_CONSTRAINTS: readonly Constraint[] = Object.freeze([]);
const NO_REQUIREMENTS: LabelRequirements = Object.freeze([]);
/** criticalPaths' "no domain yet" value (math.MaxInt32). */
const NO_DOMAIN_MIN = 2147483647;

type Labels = Readonly<Record<string, string>>;
type Action = 'DoNotSchedule' | 'ScheduleAnyway';
type Policy = 'Honor' | 'Ignore';

/** v1.TopologySpreadConstraint as it appears in a pod spec (or in the plugin's args). */
export interface TopologySpreadConstraintSpec {
  maxSkew: number;
  topologyKey: string;
  whenUnsatisfiable: Action;
  labelSelector?: LabelSelector | null;
  minDomains?: number | null;
  nodeAffinityPolicy?: Policy | null;
  nodeTaintsPolicy?: Policy | null;
  matchLabelKeys?: string[] | null;
}

/** PodTopologySpreadArgs (kubescheduler.config.k8s.io/v1), defaulted. */
export interface PodTopologySpreadArgs {
  defaultConstraints?: TopologySpreadConstraintSpec[];
  defaultingType?: 'System' | 'List';
}

/** A parsed selector; `null` is a nil labelSelector, which selects nothing. */
type Selector = LabelRequirements | null;

/** A constraint made ready to evaluate (common.go topologySpreadConstraint). */
interface Constraint {
  maxSkew: number;
  topologyKey: string;
  selector: Selector;
  minDomains: number;
  honorNodeAffinity: boolean;
  honorNodeTaints: boolean;
}

/** What PreFilter computes for Filter (and preemption's what-if updates). */
interface FilterState {
  /** The CycleState this copy belongs to (copy-on-write after CycleState.clone()); none for explain's. */
  owner: CycleState | undefined;
  pod: PodInfo;
  constraints: readonly Constraint[];
  /** Per constraint: domain value → matching pods in it (every eligible domain has an entry). */
  counts: Map<string, number>[];
  /** Per constraint: the smallest count over its domains. */
  minCounts: number[];
  /** Per constraint: does the incoming pod match the selector itself? */
  selfMatch: boolean[];
  nodeAffinity: RequiredNodeAffinity;
}

/** What PreScore computes: the raw score of every candidate node, so Score is a lookup. */
interface ScoreState {
  /** Nodes missing a topology key of a pod-defined constraint: scored 0, left out of normalising. */
  ignored: Set<string>;
  raw: Map<string, number>;
}

// ---- the plugin ------------------------------------------------------------------------------

class PodTopologySpread implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {
  readonly name = NAME;
  readonly events = EVENTS;
  /** Matching-pod counts per node, reused across cycles while a node's pods stay the same. */
  private readonly matchCounts = new MatchCounts();

  constructor(
    private readonly handle: FrameworkHandle,
    private readonly defaults: readonly TopologySpreadConstraintSpec[],
    private readonly systemDefaulted: boolean,
  ) {}

  preFilter(state: CycleState, pod: PodInfo, snapshot: Snapshot): Status | null {
    const constraints = this.constraintsFor(pod.pod, 'DoNotSchedule');
    if (constraints.length === 0) return SKIP;
    this.matchCounts.retain(snapshot.nodes);
    state.write(FILTER_KEY, buildFilterState(state, pod, constraints, snapshot.nodes, this.matchCounts));
    return null;
  }

  filter(state: CycleState, _pod: PodInfo, node: NodeInfo): Status | null {
    const s = state.read<FilterState>(FILTER_KEY);
    if (!s) return errorStatus(`reading "${FILTER_KEY}" from cycleState: not found`);
    for (let i = 0; i < s.constraints.length; i++) {
      const value = labelOf(node.labels, s.constraints[i].topologyKey);
      if (value === undefined) return unresolvable(ERR_NODE_LABEL_NOT_MATCH);
      if (skewOf(s, i, value) > s.constraints[i].maxSkew) return unschedulable(ERR_CONSTRAINTS_NOT_MATCH);
    }
    return null;
  }

  removePod(state: CycleState, _pod: PodInfo, victim: PodInfo, node: NodeInfo): void {
    const s = state.read<FilterState>(FILTER_KEY);
    if (s) updateWithPod(ownFilterState(state, s), victim, node, -1);
  }

  addPod(state: CycleState, _pod: PodInfo, other: PodInfo, node: NodeInfo): void {
    const s = state.read<FilterState>(FILTER_KEY);
    if (s) updateWithPod(ownFilterState(state, s), other, node, 1);
  }

  preScore(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): Status | null {
    const all = this.handle.snapshot().nodes;
    if (all.length === 0) return SKIP;
    const own = podSpreadConstraints(pod.pod).length > 0;
    const constraints = this.constraintsFor(pod.pod, 'ScheduleAnyway');
    if (constraints.length === 0) return SKIP;
    // Only pod-defined (or List-defaulted) constraints need every key on a node: with system
    // defaults a node without a zone label still gets hostname spreading.
    const requireAllKeys = own || !this.systemDefaulted;
    state.write(SCORE_KEY, buildScoreState(pod, constraints, nodes, all, requireAllKeys, this.matchCounts));
    return null;
  }

  score(state: CycleState, _pod: PodInfo, node: NodeInfo): number {
    const s = state.read<ScoreState>(SCORE_KEY);
    if (!s || s.ignored.has(node.name)) return 0;
    return s.raw.get(node.name) ?? 0;
  }

  scoreNodes(state: CycleState, _pod: PodInfo, nodes: readonly NodeInfo[], out: ScoreList): void {
    const s = state.read<ScoreState>(SCORE_KEY);
    for (let j = 0; j < nodes.length; j++) {
      const name = nodes[j].name;
      out[j] = !s || s.ignored.has(name) ? 0 : (s.raw.get(name) ?? 0);
    }
  }

  normalizeScore(state: CycleState, _pod: PodInfo, scores: number[], nodes: readonly NodeInfo[]): void {
    const s = state.read<ScoreState>(SCORE_KEY);
    if (s) normalize(scores, nodes, s.ignored);
  }

  explain(pod: PodInfo, node: NodeInfo, status: Status): string {
    const constraints = this.constraintsFor(pod.pod, 'DoNotSchedule');
    const s = buildFilterState(undefined, pod, constraints, this.handle.snapshot().nodes, this.matchCounts);
    return explainRejection(s, node, status);
  }

  /** The pod's own constraints for `action`, or the defaults when it has none (getConstraints). */
  private constraintsFor(pod: Pod, action: Action): readonly Constraint[] {
    const own = podSpreadConstraints(pod);
    if (own.length > 0) return toConstraints(own, pod.metadata.labels, action);
    if (!this.defaults.some((c) => c.whenUnsatisfiable === action)) return NO_CONSTRAINTS;
    // The selector first: most pods (no Service, no ReplicaSet) have none, and then no constraints.
    const selector = defaultSelector(pod, this.handle);
    if (selector.length === 0) return NO_CONSTRAINTS;
    const constraints = toConstraints(this.defaults, pod.metadata.labels, action);
    for (const c of constraints) c.selector = selector;
    return constraints;
  }
}

export const podTopologySpread: PluginFactory = (args, handle) => {
  const { defaults, systemDefaulted } = podTopologySpreadDefaults(args);
  return new PodTopologySpread(handle, defaults, systemDefaulted);
};
export const factory = podTopologySpread;

// ---- constraints -----------------------------------------------------------------------------

function podSpreadConstraints(pod: Pod): readonly TopologySpreadConstraintSpec[] {
  return (pod.spec.topologySpreadConstraints as TopologySpreadConstraintSpec[] | undefined) ?? [];
}

/** common.go filterTopologySpreadConstraints: the `action` ones, parsed, with their defaults. */
function toConstraints(specs: readonly TopologySpreadConstraintSpec[], podLabels: Labels | undefined, action: Action): Constraint[] {
  const out: Constraint[] = [];
  for (const c of specs) {
    if (c.whenUnsatisfiable !== action) continue;
    const selector = c.labelSelector ? labelSelectorRequirements(c.labelSelector) : null;
    out.push({
      maxSkew: c.maxSkew,
      topologyKey: c.topologyKey,
      selector: withMatchLabelKeys(selector, c.matchLabelKeys ?? [], podLabels),
      minDomains: c.minDomains ?? 1,
      honorNodeAffinity: (c.nodeAffinityPolicy ?? 'Honor') === 'Honor',
      honorNodeTaints: (c.nodeTaintsPolicy ?? 'Ignore') === 'Honor',
    });
  }
  return out;
}

/**
 * matchLabelKeys: the pod's values for those keys are ANDed with the selector (keys the pod lacks
 * are ignored). With a nil labelSelector the result is just those labels, as in v1.31's merge.
 */
function withMatchLabelKeys(selector: Selector, keys: readonly string[], podLabels: Labels | undefined): Selector {
  const extra: LabelRequirement[] = [];
  for (const key of keys) {
    const value = podLabels ? labelOf(podLabels, key) : undefined;
    if (value !== undefined) extra.push({ key, op: '=', values: [value] });
  }
  if (extra.length === 0) return selector;
  return [...extra, ...(selector ?? [])];
}

/**
 * helper.DefaultSelector: the union of the selectors of the Services selecting the pod, merged
 * with its controlling ReplicationController's selector, plus its controlling ReplicaSet's or
 * StatefulSet's selector requirements. Kinds the API does not serve yet are skipped.
 */
function defaultSelector(pod: Pod, handle: FrameworkHandle): LabelRequirements {
  const ns = pod.metadata.namespace ?? '';
  const set: Record<string, string> = {};
  if (handle.hasResource('services')) {
    for (const svc of handle.list<Service>('services', ns)) {
      const sel = svc.spec?.selector;
      if (sel && matchesSet(sel, pod.metadata.labels)) Object.assign(set, sel);
    }
  }
  const fromController = controllerSelector(pod, handle, set);
  const keys = Object.keys(set);
  // Runs every cycle: a pod no Service or controller selects builds nothing.
  if (keys.length === 0) return fromController;
  const out: LabelRequirement[] = keys.sort().map((key) => ({ key, op: '=', values: [set[key]] }));
  return [...out, ...fromController];
}

/** The controller owner's selector: an RC's is merged into `set`, an RS's/SS's is returned. */
function controllerSelector(pod: Pod, handle: FrameworkHandle, set: Record<string, string>): LabelRequirements {
  const owner = pod.metadata.ownerReferences?.find((o) => o.controller === true);
  if (!owner) return NO_REQUIREMENTS;
  const ns = pod.metadata.namespace ?? '';
  if (owner.apiVersion === 'v1' && owner.kind === 'ReplicationController') {
    const rc = getIfServed(handle, 'replicationcontrollers', ns, owner.name);
    Object.assign(set, (rc?.spec as { selector?: Record<string, string> } | undefined)?.selector ?? {});
    return [];
  }
  const resource = owner.apiVersion !== 'apps/v1' ? '' : owner.kind === 'ReplicaSet' ? 'replicasets' : owner.kind === 'StatefulSet' ? 'statefulsets' : '';
  if (resource === '') return [];
  const sel = (getIfServed(handle, resource, ns, owner.name)?.spec as { selector?: LabelSelector } | undefined)?.selector;
  return sel ? labelSelectorRequirements(sel) : [];
}

function getIfServed(handle: FrameworkHandle, resource: string, ns: string, name: string): KObject | undefined {
  return handle.hasResource(resource) ? handle.get(resource, ns, name) : undefined;
}

function matchesSet(set: Labels, labels: Labels | undefined): boolean {
  for (const key of Object.keys(set)) if (!labels || labelOf(labels, key) !== set[key]) return false;
  return true;
}

// ---- counting --------------------------------------------------------------------------------

function labelOf(labels: Labels, key: string): string | undefined {
  return Object.hasOwn(labels, key) ? labels[key] : undefined;
}

function selectorMatches(selector: Selector, labels: Labels | undefined): boolean {
  return selector !== null && matchesLabels(selector, labels);
}

/** common.go countPodsMatchSelector: same namespace, matching, not terminating. */
function countMatching(pods: readonly PodInfo[], selector: Selector, ns: string): number {
  if (selector === null) return 0;
  let n = 0;
  for (const p of pods) {
    const m = p.pod.metadata;
    if (m.deletionTimestamp != null || (m.namespace ?? '') !== ns) continue;
    if (matchesLabels(selector, m.labels)) n++;
  }
  return n;
}

function hasAllKeys(labels: Labels, constraints: readonly Constraint[]): boolean {
  for (const c of constraints) if (!Object.hasOwn(labels, c.topologyKey)) return false;
  return true;
}

/** common.go matchNodeInclusionPolicies (required node affinity = nodeSelector AND required terms). */
function nodeIncluded(c: Constraint, node: NodeInfo, pod: Pod, nodeAffinity: RequiredNodeAffinity): boolean {
  if (c.honorNodeAffinity && !matchesRequired(nodeAffinity, node)) return false;
  return !(c.honorNodeTaints && firstUntoleratedTaint(node.taints, pod.spec.tolerations ?? []) !== undefined);
}

// ---- PreFilter / Filter ----------------------------------------------------------------------

/** filtering.go calPreFilterState. `owner` is undefined for explain's throwaway copy. */
function buildFilterState(
  owner: CycleState | undefined,
  pod: PodInfo,
  constraints: readonly Constraint[],
  nodes: readonly NodeInfo[],
  matchCounts: MatchCounts,
): FilterState {
  const ns = pod.pod.metadata.namespace ?? '';
  const nodeAffinity = requiredNodeAffinity(pod.pod.spec);
  const counter = new PodCounter(constraints, ns, matchCounts);
  const counts = constraints.map(() => new Map<string, number>());
  for (const node of nodes) {
    if (!hasAllKeys(node.labels, constraints)) continue;
    constraints.forEach((c, i) => {
      if (!nodeIncluded(c, node, pod.pod, nodeAffinity)) return;
      const value = node.labels[c.topologyKey];
      counts[i].set(value, (counts[i].get(value) ?? 0) + counter.count(node, c.selector));
    });
  }
  return {
    owner,
    pod,
    constraints,
    counts,
    minCounts: counts.map(minCount),
    selfMatch: constraints.map((c) => selectorMatches(c.selector, pod.pod.metadata.labels)),
    nodeAffinity,
  };
}

function minCount(counts: ReadonlyMap<string, number>): number {
  let min = NO_DOMAIN_MIN;
  for (const n of counts.values()) if (n < min) min = n;
  return min;
}

/** The global minimum for constraint i: 0 while fewer domains than minDomains are eligible. */
function globalMin(s: FilterState, i: number): number {
  return s.counts[i].size < s.constraints[i].minDomains ? 0 : s.minCounts[i];
}

function skewOf(s: FilterState, i: number, value: string): number {
  return (s.counts[i].get(value) ?? 0) + (s.selfMatch[i] ? 1 : 0) - globalMin(s, i);
}

/** The state to mutate for this CycleState: a clone's first update copies the counts. */
function ownFilterState(state: CycleState, s: FilterState): FilterState {
  if (s.owner === state) return s;
  const copy: FilterState = { ...s, owner: state, counts: s.counts.map((m) => new Map(m)), minCounts: [...s.minCounts] };
  state.write(FILTER_KEY, copy);
  return copy;
}

/** filtering.go updateWithPod: `other` joins (+1) or leaves (−1) `node`. */
function updateWithPod(s: FilterState, other: PodInfo, node: NodeInfo, delta: number): void {
  const incoming = s.pod.pod;
  if ((other.pod.metadata.namespace ?? '') !== (incoming.metadata.namespace ?? '')) return;
  if (!hasAllKeys(node.labels, s.constraints)) return;
  s.constraints.forEach((c, i) => {
    if (!selectorMatches(c.selector, other.pod.metadata.labels)) return;
    if (!nodeIncluded(c, node, incoming, s.nodeAffinity)) return;
    const value = node.labels[c.topologyKey];
    s.counts[i].set(value, (s.counts[i].get(value) ?? 0) + delta);
    s.minCounts[i] = minCount(s.counts[i]);
  });
}

// ---- PreScore / Score / NormalizeScore -------------------------------------------------------

/**
 * Matching-pod counts per node and (namespace, selector), kept across cycles and checked against
 * the node's generation. Upstream recounts every node's pods in every cycle; a rolling update
 * schedules a thousand pods with the same selector while one node changes per cycle, so here a
 * node is recounted only after its pods have changed.
 */
class MatchCounts {
  private readonly byNode = new Map<string, { generation: number; counts: Map<string, number> }>();

  count(node: NodeInfo, selector: Selector, ns: string, key: string): number {
    let entry = this.byNode.get(node.name);
    if (entry === undefined || entry.generation !== node.generation) {
      entry = { generation: node.generation, counts: new Map() };
      this.byNode.set(node.name, entry);
    }
    let n = entry.counts.get(key);
    if (n === undefined) {
      n = countMatching(node.pods, selector, ns);
      entry.counts.set(key, n);
    }
    return n;
  }

  /** Drops nodes that are gone (called when the cache holds many more nodes than the cluster). */
  retain(nodes: readonly NodeInfo[]): void {
    if (this.byNode.size <= 2 * nodes.length + 16) return;
    const present = new Set(nodes.map((n) => n.name));
    for (const name of [...this.byNode.keys()]) if (!present.has(name)) this.byNode.delete(name);
  }
}

/** The cache key of a constraint's selector in a namespace. */
const countKey = (ns: string, selector: Selector): string => `${ns}\0${JSON.stringify(selector)}`;

/** Counts matching pods per (node, distinct selector) for one cycle, through the shared MatchCounts. */
class PodCounter {
  private readonly selectors: Selector[] = [];
  private readonly keys: string[] = [];

  constructor(
    constraints: readonly Constraint[],
    private readonly ns: string,
    private readonly counts: MatchCounts,
  ) {
    for (const c of constraints) {
      if (this.selectors.includes(c.selector)) continue;
      this.selectors.push(c.selector);
      this.keys.push(countKey(ns, c.selector));
    }
  }

  count(node: NodeInfo, selector: Selector): number {
    const idx = this.selectors.indexOf(selector);
    return this.counts.count(node, selector, this.ns, this.keys[idx]);
  }
}

/** scoring.go initPreScoreState + PreScore + Score, done once for every candidate node. */
function buildScoreState(
  pod: PodInfo,
  constraints: readonly Constraint[],
  candidates: readonly NodeInfo[],
  all: readonly NodeInfo[],
  requireAllKeys: boolean,
  matchCounts: MatchCounts,
): ScoreState {
  const ignored = new Set<string>();
  const domains = constraints.map(() => new Map<string, number>());
  for (const node of candidates) {
    if (requireAllKeys && !hasAllKeys(node.labels, constraints)) ignored.add(node.name);
    else seedDomains(constraints, domains, node.labels);
  }
  const weights = constraints.map((c, i) =>
    topologyWeight(c.topologyKey === HOSTNAME_KEY ? candidates.length - ignored.size : domains[i].size),
  );
  matchCounts.retain(all);
  const counter = new PodCounter(constraints, pod.pod.metadata.namespace ?? '', matchCounts);
  countDomains(pod, constraints, domains, all, requireAllKeys, counter);
  const raw = new Map<string, number>();
  for (const node of candidates) {
    if (!ignored.has(node.name)) raw.set(node.name, rawScore(node, constraints, domains, weights, counter));
  }
  return { ignored, raw };
}

/** Every candidate's domain gets an entry (a missing label is the "" domain, as in Go). */
function seedDomains(constraints: readonly Constraint[], domains: Map<string, number>[], labels: Labels): void {
  constraints.forEach((c, i) => {
    if (c.topologyKey !== HOSTNAME_KEY) domains[i].set(labelOf(labels, c.topologyKey) ?? '', 0);
  });
}

/** Adds every node's matching pods to the candidate domains (hostname counts are per node). */
function countDomains(
  pod: PodInfo,
  constraints: readonly Constraint[],
  domains: Map<string, number>[],
  all: readonly NodeInfo[],
  requireAllKeys: boolean,
  counter: PodCounter,
): void {
  const nodeAffinity = requiredNodeAffinity(pod.pod.spec);
  for (const node of all) {
    if (requireAllKeys && !hasAllKeys(node.labels, constraints)) continue;
    constraints.forEach((c, i) => {
      if (c.topologyKey === HOSTNAME_KEY || !nodeIncluded(c, node, pod.pod, nodeAffinity)) return;
      const value = labelOf(node.labels, c.topologyKey) ?? '';
      const current = domains[i].get(value);
      if (current !== undefined) domains[i].set(value, current + counter.count(node, c.selector));
    });
  }
}

function rawScore(
  node: NodeInfo,
  constraints: readonly Constraint[],
  domains: Map<string, number>[],
  weights: readonly number[],
  counter: PodCounter,
): number {
  let score = 0;
  constraints.forEach((c, i) => {
    const value = labelOf(node.labels, c.topologyKey);
    if (value === undefined) return;
    const count = c.topologyKey === HOSTNAME_KEY ? counter.count(node, c.selector) : (domains[i].get(value) ?? 0);
    score += count * weights[i] + (c.maxSkew - 1);
  });
  return Math.round(score);
}

/** ln(size + 2): counts in a topology with few domains weigh less than in one with many. */
function topologyWeight(size: number): number {
  return Math.log(size + 2);
}

/** Fewer matching pods → higher score: 100 · (max + min − s) / max; all 100 when max is 0. */
function normalize(scores: number[], nodes: readonly NodeInfo[], ignored: ReadonlySet<string>): void {
  let min = Number.MAX_SAFE_INTEGER;
  let max = 0;
  for (let i = 0; i < scores.length; i++) {
    if (ignored.has(nodes[i].name)) continue;
    min = Math.min(min, scores[i]);
    max = Math.max(max, scores[i]);
  }
  for (let i = 0; i < scores.length; i++) {
    if (ignored.has(nodes[i].name)) scores[i] = 0;
    else scores[i] = max === 0 ? MAX_NODE_SCORE : Math.trunc((MAX_NODE_SCORE * (max + min - scores[i])) / max);
  }
}

// ---- explain ---------------------------------------------------------------------------------

function explainRejection(s: FilterState, node: NodeInfo, status: Status): string {
  for (let i = 0; i < s.constraints.length; i++) {
    const c = s.constraints[i];
    const value = labelOf(node.labels, c.topologyKey);
    if (value === undefined) {
      return `${node.name} has no ${c.topologyKey} label, so it belongs to no domain of the pod's topology spread constraint on ${c.topologyKey}`;
    }
    const skew = skewOf(s, i, value);
    if (skew > c.maxSkew) return explainSkew(s, i, node, value, skew);
  }
  return status.reasons.includes(ERR_NODE_LABEL_NOT_MATCH)
    ? `${node.name} lacks a topology label the pod's spread constraints need`
    : `placing the pod on ${node.name} would spread matching pods more unevenly than the pod's topology spread constraints allow`;
}

function explainSkew(s: FilterState, i: number, node: NodeInfo, value: string, skew: number): string {
  const c = s.constraints[i];
  const after = (s.counts[i].get(value) ?? 0) + (s.selfMatch[i] ? 1 : 0);
  if (s.counts[i].size < c.minDomains) {
    return (
      `only ${s.counts[i].size} ${c.topologyKey} domain(s) are eligible, fewer than minDomains ${c.minDomains}, so the minimum counts as 0; ` +
      `placing the pod on ${node.name} would put ${after} matching pods in ${domainName(c.topologyKey, value)} (maxSkew ${c.maxSkew})`
    );
  }
  const least = leastDomain(s.counts[i]);
  return `placing the pod on ${node.name} would make ${domainName(c.topologyKey, value)} hold ${skew} more matching pods than ${domainName(c.topologyKey, least)} (maxSkew ${c.maxSkew})`;
}

function leastDomain(counts: ReadonlyMap<string, number>): string {
  let best = '';
  let min = NO_DOMAIN_MIN;
  for (const [value, n] of [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (n < min) [best, min] = [value, n];
  }
  return best;
}

function domainName(key: string, value: string): string {
  if (key === HOSTNAME_KEY) return value;
  if (key === ZONE_KEY) return `zone ${value}`;
  if (key === 'topology.kubernetes.io/region') return `region ${value}`;
  return `${key}=${value}`;
}
