/**
 * InterPodAffinity (kube-scheduler v1.31 `plugins/interpodaffinity`): place a pod near, or away
 * from, pods with given labels, where "near" means "in the same topology domain" (same node, same
 * zone...).
 *
 * - PreFilter counts, per (topologyKey, value): existing pods whose required anti-affinity matches
 *   the incoming pod; existing pods matching all of the incoming pod's required affinity terms; and
 *   existing pods matching each of its required anti-affinity terms. Skip when the pod has no
 *   required terms and no existing pod's required anti-affinity matches it.
 * - Filter: affinity unmet → `node(s) didn't match pod affinity rules` (UnschedulableAndUnresolvable;
 *   a pod whose own labels satisfy its affinity may start a group when no pod matches anywhere);
 *   anti-affinity hit → `node(s) didn't match pod anti-affinity rules`; an existing pod's
 *   anti-affinity hit → `node(s) didn't satisfy existing pods anti-affinity rules` (both Unschedulable).
 * - PreScore/Score: per domain Σ ±weight of the pod's preferred terms matched by existing pods,
 *   symmetric contributions of existing pods' preferred terms matched by the pod, and
 *   hardPodAffinityWeight for existing pods' required affinity terms matched by the pod.
 *   NormalizeScore maps [min, max] onto [0, 100] (float, truncated).
 *
 * Namespaces: a term covers its `namespaces`, the namespaces its namespaceSelector picks (their
 * labels read from the API), every namespace for `namespaceSelector: {}`, and otherwise the
 * namespace of the pod that owns the term.
 */
import { formatLabelSelector } from '../../../api/selectors.ts';
import type { LabelSelector, Namespace, Pod } from '../../../api/types.ts';
import {
  errorStatus,
  MAX_NODE_SCORE,
  SKIP,
  unresolvable,
  unschedulable,
  type AffinityTerm,
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
  type WeightedAffinityTerm,
} from '../framework/types.ts';
import { IPA_EVENTS as EVENTS, IPA_NAME, interPodAffinityArgs } from './late-shells.ts';

/** The plugin's logic: a late part of the engine, built by its shell (late-shells.ts). */
export const NAME = IPA_NAME;

export const ERR_AFFINITY_NOT_MATCH = "node(s) didn't match pod affinity rules";
export const ERR_ANTI_AFFINITY_NOT_MATCH = "node(s) didn't match pod anti-affinity rules";
export const ERR_EXISTING_ANTI_AFFINITY_NOT_MATCH = "node(s) didn't satisfy existing pods anti-affinity rules";

const FILTER_KEY = `PreFilter${NAME}`;
const SCORE_KEY = `PreScore${NAME}`;

/** InterPodAffinityArgs (kubescheduler.config.k8s.io/v1), defaulted. */
export interface InterPodAffinityArgs {
  /** Weight of an existing pod's required affinity term that the incoming pod matches (0–100, default 1). */
  hardPodAffinityWeight?: number;
  /** Ignore existing pods' preferred terms unless the incoming pod has preferred terms itself. */
  ignorePreferredTermsOfExistingPods?: boolean;
}

type Labels = Readonly<Record<string, string>>;
/** A namespace's labels, `null` when the namespace does not exist. */
type NamespaceLookup = (ns: string) => Labels | null;

function labelOf(labels: Labels, key: string): string | undefined {
  return Object.hasOwn(labels, key) ? labels[key] : undefined;
}

function hasLabels(labels: Labels): boolean {
  for (const key in labels) if (Object.hasOwn(labels, key)) return true;
  return false;
}

/**
 * Counts (or weights) per topology pair, Go's `map[topologyPair]int64`. Keys are few, so they sit
 * in an array walked by index: reading a node's total allocates nothing.
 */
export class TopologyCounts {
  private readonly keys: string[] = [];
  private readonly values: Map<string, number>[] = [];
  /** Pairs with an entry (Go's len(map)); without `keepZeros` an entry that reaches 0 is dropped. */
  size = 0;

  constructor(private readonly keepZeros = false) {}

  /** Adds `delta` at (key, the node's value for key); nodes without the label are skipped. */
  addOnNode(labels: Labels, key: string, delta: number): void {
    const value = labelOf(labels, key);
    if (value !== undefined) this.add(key, value, delta);
  }

  add(key: string, value: string, delta: number): void {
    let k = this.keys.indexOf(key);
    if (k < 0) {
      k = this.keys.length;
      this.keys.push(key);
      this.values.push(new Map());
    }
    const m = this.values[k];
    const prev = m.get(value);
    const next = (prev ?? 0) + delta;
    if (prev === undefined) this.size++;
    if (next === 0 && !this.keepZeros) {
      m.delete(value);
      this.size--;
    } else {
      m.set(value, next);
    }
  }

  get(key: string, value: string): number {
    const k = this.keys.indexOf(key);
    return k < 0 ? 0 : (this.values[k].get(value) ?? 0);
  }

  /** Σ over the keys of the count at the node's value (Score). */
  sumOnNode(labels: Labels): number {
    let sum = 0;
    for (let k = 0; k < this.keys.length; k++) {
      const value = labelOf(labels, this.keys[k]);
      if (value !== undefined) sum += this.values[k].get(value) ?? 0;
    }
    return sum;
  }

  /** Does any of the node's (key, value) pairs have a positive count? */
  positiveOnNode(labels: Labels): boolean {
    for (let k = 0; k < this.keys.length; k++) {
      const value = labelOf(labels, this.keys[k]);
      if (value !== undefined && (this.values[k].get(value) ?? 0) > 0) return true;
    }
    return false;
  }

  get keyCount(): number {
    return this.keys.length;
  }

  clone(): TopologyCounts {
    const c = new TopologyCounts(this.keepZeros);
    c.keys.push(...this.keys);
    for (const m of this.values) c.values.push(new Map(m));
    c.size = this.size;
    return c;
  }
}

// ---- term matching ---------------------------------------------------------------------------

/** One namespace lookup per cycle, cached. */
function namespaceLookup(handle: FrameworkHandle): NamespaceLookup {
  const cache = new Map<string, Labels | null>();
  const served = handle.hasResource('namespaces');
  return (ns) => {
    let labels = cache.get(ns);
    if (labels === undefined) {
      const obj = served ? handle.get<Namespace>('namespaces', '', ns) : undefined;
      labels = obj ? (obj.metadata.labels ?? {}) : null;
      cache.set(ns, labels);
    }
    return labels;
  };
}

/**
 * An incoming pod's term against an existing pod: its namespaceSelector picks existing namespaces
 * (kube-scheduler merges them into the term's namespaces in PreFilter).
 */
function incomingTermMatches(term: AffinityTerm, target: Pod, nsOf: NamespaceLookup): boolean {
  const ns = target.metadata.namespace ?? '';
  if (!term.allNamespaces && !term.namespaces.has(ns)) {
    const nsLabels = term.namespaceMatches ? nsOf(ns) : null;
    if (nsLabels === null || !term.namespaceMatches!(nsLabels)) return false;
  }
  return term.matches(target.metadata.labels);
}

/** An existing pod's term against the incoming pod, whose namespace labels are given (AffinityTerm.Matches). */
function existingTermMatches(term: AffinityTerm, incoming: Pod, nsLabels: Labels | undefined): boolean {
  const ns = incoming.metadata.namespace ?? '';
  const inScope = term.allNamespaces || term.namespaces.has(ns) || (term.namespaceMatches?.(nsLabels) ?? false);
  return inScope && term.matches(incoming.metadata.labels);
}

/** podMatchesAllAffinityTerms: no terms → false. */
function matchesAllTerms(terms: readonly AffinityTerm[], target: Pod, nsOf: NamespaceLookup): boolean {
  if (terms.length === 0) return false;
  for (const t of terms) if (!incomingTermMatches(t, target, nsOf)) return false;
  return true;
}

// ---- PreFilter / Filter ----------------------------------------------------------------------

interface FilterState {
  /** The CycleState this copy belongs to (copy-on-write after CycleState.clone()). */
  owner: CycleState | undefined;
  pod: PodInfo;
  nsOf: NamespaceLookup;
  /** Labels of the incoming pod's namespace (undefined when it does not exist). */
  nsLabels: Labels | undefined;
  existingAntiAffinity: TopologyCounts;
  affinity: TopologyCounts;
  antiAffinity: TopologyCounts;
  /** The pod matches all its own required affinity terms (it may start its own group). */
  selfAffinity: boolean;
}

function buildFilterState(owner: CycleState | undefined, pod: PodInfo, snapshot: Snapshot, nsOf: NamespaceLookup): FilterState {
  const nsLabels = nsOf(pod.pod.metadata.namespace ?? '') ?? undefined;
  const s: FilterState = {
    owner,
    pod,
    nsOf,
    nsLabels,
    existingAntiAffinity: new TopologyCounts(),
    affinity: new TopologyCounts(),
    antiAffinity: new TopologyCounts(),
    selfAffinity: matchesAllTerms(pod.requiredAffinityTerms, pod.pod, nsOf),
  };
  for (const node of snapshot.havePodsWithRequiredAntiAffinity()) {
    for (const existing of node.podsWithRequiredAntiAffinity) countExistingAnti(s, existing, node, 1);
  }
  if (pod.requiredAffinityTerms.length > 0 || pod.requiredAntiAffinityTerms.length > 0) {
    for (const node of snapshot.nodes) for (const existing of node.pods) countIncoming(s, existing, node, 1);
  }
  return s;
}

function countExistingAnti(s: FilterState, existing: PodInfo, node: NodeInfo, delta: number): void {
  for (const t of existing.requiredAntiAffinityTerms) {
    if (existingTermMatches(t, s.pod.pod, s.nsLabels)) s.existingAntiAffinity.addOnNode(node.labels, t.topologyKey, delta);
  }
}

function countIncoming(s: FilterState, existing: PodInfo, node: NodeInfo, delta: number): void {
  const terms = s.pod.requiredAffinityTerms;
  if (matchesAllTerms(terms, existing.pod, s.nsOf)) for (const t of terms) s.affinity.addOnNode(node.labels, t.topologyKey, delta);
  for (const t of s.pod.requiredAntiAffinityTerms) {
    if (incomingTermMatches(t, existing.pod, s.nsOf)) s.antiAffinity.addOnNode(node.labels, t.topologyKey, delta);
  }
}

/** Every required affinity term has a matching pod in the node's domain (or the pod starts the group). */
function satisfiesAffinity(s: FilterState, node: NodeInfo): boolean {
  const terms = s.pod.requiredAffinityTerms;
  let podsExist = true;
  for (let i = 0; i < terms.length; i++) {
    const value = labelOf(node.labels, terms[i].topologyKey);
    if (value === undefined) return false;
    if (s.affinity.get(terms[i].topologyKey, value) <= 0) podsExist = false;
  }
  return podsExist || (s.affinity.size === 0 && s.selfAffinity);
}

function satisfiesAntiAffinity(s: FilterState, node: NodeInfo): boolean {
  if (s.antiAffinity.size === 0) return true;
  const terms = s.pod.requiredAntiAffinityTerms;
  for (let i = 0; i < terms.length; i++) {
    const value = labelOf(node.labels, terms[i].topologyKey);
    if (value !== undefined && s.antiAffinity.get(terms[i].topologyKey, value) > 0) return false;
  }
  return true;
}

function ownFilterState(state: CycleState, s: FilterState): FilterState {
  if (s.owner === state) return s;
  const copy: FilterState = {
    ...s,
    owner: state,
    existingAntiAffinity: s.existingAntiAffinity.clone(),
    affinity: s.affinity.clone(),
    antiAffinity: s.antiAffinity.clone(),
  };
  state.write(FILTER_KEY, copy);
  return copy;
}

// ---- PreScore / Score ------------------------------------------------------------------------

interface ScoreState {
  scores: TopologyCounts;
}

interface ScoreInputs {
  pod: PodInfo;
  nsOf: NamespaceLookup;
  nsLabels: Labels | undefined;
  hardPodAffinityWeight: number;
}

function addWeighted(
  scores: TopologyCounts,
  terms: readonly WeightedAffinityTerm[],
  matches: (t: AffinityTerm) => boolean,
  labels: Labels,
  sign: number,
): void {
  for (const t of terms) if (matches(t)) scores.addOnNode(labels, t.topologyKey, sign * t.weight);
}

/** scoring.go processExistingPod: what one existing pod adds to its node's domains. */
function scoreExistingPod(scores: TopologyCounts, inp: ScoreInputs, existing: PodInfo, node: NodeInfo): void {
  const labels = node.labels;
  const incoming = inp.pod.pod;
  const byIncomingTerm = (t: AffinityTerm) => incomingTermMatches(t, existing.pod, inp.nsOf);
  const byExistingTerm = (t: AffinityTerm) => existingTermMatches(t, incoming, inp.nsLabels);
  addWeighted(scores, inp.pod.preferredAffinityTerms, byIncomingTerm, labels, 1);
  addWeighted(scores, inp.pod.preferredAntiAffinityTerms, byIncomingTerm, labels, -1);
  if (inp.hardPodAffinityWeight > 0) {
    for (const t of existing.requiredAffinityTerms) {
      if (byExistingTerm(t)) scores.addOnNode(labels, t.topologyKey, inp.hardPodAffinityWeight);
    }
  }
  addWeighted(scores, existing.preferredAffinityTerms, byExistingTerm, labels, 1);
  addWeighted(scores, existing.preferredAntiAffinityTerms, byExistingTerm, labels, -1);
}

/** min..max → 0..100 as `int64(100 · (s − min) / (max − min))`; all 0 when every score is equal. */
function normalize(scores: number[]): void {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const s of scores) {
    min = Math.min(min, s);
    max = Math.max(max, s);
  }
  const diff = max - min;
  for (let i = 0; i < scores.length; i++) scores[i] = diff > 0 ? Math.trunc(MAX_NODE_SCORE * ((scores[i] - min) / diff)) : 0;
}

// ---- the plugin ------------------------------------------------------------------------------

class InterPodAffinity implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {
  readonly name = NAME;
  readonly events = EVENTS;

  constructor(
    private readonly handle: FrameworkHandle,
    private readonly args: Required<InterPodAffinityArgs>,
  ) {}

  preFilter(state: CycleState, pod: PodInfo, snapshot: Snapshot): Status | null {
    const required = pod.requiredAffinityTerms.length + pod.requiredAntiAffinityTerms.length;
    // No required terms and no pod with required anti-affinity anywhere: nothing to count.
    if (required === 0 && snapshot.havePodsWithRequiredAntiAffinity().length === 0) return SKIP;
    const s = buildFilterState(state, pod, snapshot, namespaceLookup(this.handle));
    if (s.existingAntiAffinity.size === 0 && required === 0) return SKIP;
    state.write(FILTER_KEY, s);
    return null;
  }

  filter(state: CycleState, _pod: PodInfo, node: NodeInfo): Status | null {
    const s = state.read<FilterState>(FILTER_KEY);
    if (!s) return errorStatus(`error reading "${FILTER_KEY}" from cycleState: not found`);
    if (!satisfiesAffinity(s, node)) return unresolvable(ERR_AFFINITY_NOT_MATCH);
    if (!satisfiesAntiAffinity(s, node)) return unschedulable(ERR_ANTI_AFFINITY_NOT_MATCH);
    if (s.existingAntiAffinity.size > 0 && s.existingAntiAffinity.positiveOnNode(node.labels)) {
      return unschedulable(ERR_EXISTING_ANTI_AFFINITY_NOT_MATCH);
    }
    return null;
  }

  removePod(state: CycleState, _pod: PodInfo, victim: PodInfo, node: NodeInfo): void {
    this.updateWithPod(state, victim, node, -1);
  }

  addPod(state: CycleState, _pod: PodInfo, other: PodInfo, node: NodeInfo): void {
    this.updateWithPod(state, other, node, 1);
  }

  preScore(state: CycleState, pod: PodInfo, _nodes: readonly NodeInfo[]): Status | null {
    const hasPreferred = pod.preferredAffinityTerms.length + pod.preferredAntiAffinityTerms.length > 0;
    if (this.args.ignorePreferredTermsOfExistingPods && !hasPreferred) return SKIP;
    const snapshot = this.handle.snapshot();
    // Nothing to score from: no preferred terms of its own and no pod with any affinity anywhere.
    if (!hasPreferred && snapshot.havePodsWithAffinity().length === 0) return SKIP;
    const nsOf = namespaceLookup(this.handle);
    const inputs: ScoreInputs = {
      pod,
      nsOf,
      nsLabels: nsOf(pod.pod.metadata.namespace ?? '') ?? undefined,
      hardPodAffinityWeight: this.args.hardPodAffinityWeight,
    };
    const scores = new TopologyCounts(true);
    for (const node of hasPreferred ? snapshot.nodes : snapshot.havePodsWithAffinity()) {
      if (!hasLabels(node.labels)) continue;
      for (const existing of hasPreferred ? node.pods : node.podsWithAffinity) scoreExistingPod(scores, inputs, existing, node);
    }
    if (scores.size === 0) return SKIP;
    state.write(SCORE_KEY, { scores } satisfies ScoreState);
    return null;
  }

  score(state: CycleState, _pod: PodInfo, node: NodeInfo): number {
    return state.read<ScoreState>(SCORE_KEY)?.scores.sumOnNode(node.labels) ?? 0;
  }

  normalizeScore(state: CycleState, _pod: PodInfo, scores: number[]): void {
    const s = state.read<ScoreState>(SCORE_KEY);
    if (s && s.scores.keyCount > 0) normalize(scores);
  }

  explain(pod: PodInfo, node: NodeInfo, status: Status): string {
    const s = buildFilterState(undefined, pod, this.handle.snapshot(), namespaceLookup(this.handle));
    const reason = status.reasons[0] ?? '';
    if (reason === ERR_AFFINITY_NOT_MATCH) return explainAffinity(s, node);
    if (reason === ERR_ANTI_AFFINITY_NOT_MATCH) return explainAntiAffinity(s, node, this.handle.snapshot());
    if (reason === ERR_EXISTING_ANTI_AFFINITY_NOT_MATCH) return explainExistingAnti(s, node, this.handle.snapshot());
    return `the pod's inter-pod affinity rules rule out ${node.name}`;
  }

  private updateWithPod(state: CycleState, other: PodInfo, node: NodeInfo, delta: number): void {
    const current = state.read<FilterState>(FILTER_KEY);
    if (!current) return;
    const s = ownFilterState(state, current);
    countExistingAnti(s, other, node, delta);
    countIncoming(s, other, node, delta);
  }
}

export const interPodAffinity: PluginFactory = (args, handle) => {
  return new InterPodAffinity(handle, interPodAffinityArgs(args));
};
export const factory = interPodAffinity;

// ---- explain ---------------------------------------------------------------------------------

interface RawTerm {
  labelSelector?: LabelSelector;
  topologyKey: string;
}

/** The pod's raw required terms, index-aligned with PodInfo's, for printing selectors. */
function rawRequired(pod: Pod, kind: 'podAffinity' | 'podAntiAffinity'): RawTerm[] {
  const affinity = pod.spec.affinity as Record<string, { requiredDuringSchedulingIgnoredDuringExecution?: RawTerm[] } | undefined> | undefined;
  return affinity?.[kind]?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
}

function selectorText(pod: Pod, kind: 'podAffinity' | 'podAntiAffinity', i: number): string {
  return formatLabelSelector(rawRequired(pod, kind)[i]?.labelSelector);
}

function explainAffinity(s: FilterState, node: NodeInfo): string {
  const terms = s.pod.requiredAffinityTerms;
  for (let i = 0; i < terms.length; i++) {
    const key = terms[i].topologyKey;
    const value = labelOf(node.labels, key);
    if (value === undefined) return `${node.name} has no ${key} label, which the pod's affinity to pods labelled ${selectorText(s.pod.pod, 'podAffinity', i)} needs`;
    if (s.affinity.get(key, value) <= 0) {
      return `the pod must run in the same ${key} as pods labelled ${selectorText(s.pod.pod, 'podAffinity', i)}, and none runs where ${key}=${value}`;
    }
  }
  return `the pod's required pod affinity is not met on ${node.name}`;
}

function explainAntiAffinity(s: FilterState, node: NodeInfo, snapshot: Snapshot): string {
  const terms = s.pod.requiredAntiAffinityTerms;
  for (let i = 0; i < terms.length; i++) {
    const t = terms[i];
    const value = labelOf(node.labels, t.topologyKey);
    if (value === undefined) continue;
    const other = findPod(snapshot, t.topologyKey, value, (p) => incomingTermMatches(t, p.pod, s.nsOf));
    if (other) {
      return `the pod has anti-affinity against pods labelled ${selectorText(s.pod.pod, 'podAntiAffinity', i)} on ${t.topologyKey}, and ${other.key} runs where ${t.topologyKey}=${value}`;
    }
  }
  return `the pod's required pod anti-affinity rules out ${node.name}`;
}

function explainExistingAnti(s: FilterState, node: NodeInfo, snapshot: Snapshot): string {
  for (const n of snapshot.havePodsWithRequiredAntiAffinity()) {
    for (const existing of n.podsWithRequiredAntiAffinity) {
      const terms = existing.requiredAntiAffinityTerms;
      for (let i = 0; i < terms.length; i++) {
        const key = terms[i].topologyKey;
        const value = labelOf(n.labels, key);
        if (value === undefined || labelOf(node.labels, key) !== value || !existingTermMatches(terms[i], s.pod.pod, s.nsLabels)) continue;
        const where = n.name === node.name ? 'on this node' : `on ${n.name} (same ${key})`;
        const name = existing.pod.metadata.name ?? existing.key;
        return `a pod ${where} (${name}) has anti-affinity against pods labelled ${selectorText(existing.pod, 'podAntiAffinity', i)} on ${key}`;
      }
    }
  }
  return `an existing pod's anti-affinity rules out ${node.name}`;
}

function findPod(snapshot: Snapshot, key: string, value: string, pred: (p: PodInfo) => boolean): PodInfo | undefined {
  for (const n of snapshot.nodes) {
    const pod = labelOf(n.labels, key) === value ? n.pods.find(pred) : undefined;
    if (pod) return pod;
  }
  return undefined;
}
