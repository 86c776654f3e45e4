/**
 * NodeAffinity, as kube-scheduler v1.31 has it (`plugins/nodeaffinity/node_affinity.go`, with the
 * matching rules of component-helpers `scheduling/corev1/nodeaffinity` and apimachinery `labels`).
 *
 * - PreFilter: nothing to check (no nodeSelector, no required node affinity, no addedAffinity
 *   required terms) → Skip. Otherwise the pod's nodeSelector and required terms are parsed once
 *   into the cycle state. When every required term pins `metadata.name In`, the union over terms
 *   of each term's intersection is a PreFilterResult (only those nodes are filtered); an empty
 *   union rejects the pod outright: `pod affinity terms conflict`.
 * - Filter: the node must match the profile's addedAffinity (else `node(s) didn't match
 *   scheduler-enforced node affinity`), every nodeSelector label, and at least one required term
 *   (else `node(s) didn't match Pod's node affinity/selector`); both UnschedulableAndUnresolvable.
 *   Terms are ORed, a term's requirements ANDed; an empty term matches nothing; a term that does
 *   not parse (bad operator, value count, key or value) is skipped, as LazyErrorNodeSelector does.
 * - PreScore: no preferred terms (pod or addedAffinity) → Skip. Score: Σ weight of the preferred
 *   terms that match; NormalizeScore: `score × 100 / max` (unchanged when max is 0).
 *
 * Operators: In, NotIn (true when the label is missing), Exists, DoesNotExist, Gt and Lt (label
 * and bound parsed as base-10 int64; a missing or non-integer label never matches). matchFields
 * supports `metadata.name` with In / NotIn and exactly one value. Filter and Score allocate nothing.
 */
import { labelValueIsValid, qualifiedNameIsValid } from '../../../api/validation.ts';
import type { PodSpec } from '../../../api/types.ts';
import {
  errorStatus,
  MAX_NODE_SCORE,
  SKIP,
  unresolvable,
  type ClusterEvent,
  type CycleState,
  type FilterPlugin,
  type NodeInfo,
  type PluginFactory,
  type PodInfo,
  type PreFilterPlugin,
  type PreFilterResult,
  type PreScorePlugin,
  type ScorePlugin,
  type Status,
} from '../framework/types.ts';

export const NAME = 'NodeAffinity';
export const ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector";
export const ERR_REASON_ENFORCED = "node(s) didn't match scheduler-enforced node affinity";
export const ERR_REASON_CONFLICT = 'pod affinity terms conflict';
const PRE_FILTER_KEY = `PreFilter${NAME}`;
const PRE_SCORE_KEY = `PreScore${NAME}`;
/** metav1.ObjectNameField, the only node field matchFields can select on. */
export const OBJECT_NAME_FIELD = 'metadata.name';

/** v1.31: Node Add and any Node Update. */
const EVENTS: readonly ClusterEvent[] = [
  { resource: 'Node', action: 'Add' },
  { resource: 'Node', action: 'Update' },
];

// ---- API shapes (core/v1) ---------------------------------------------------------------------

export type NodeSelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';

export interface NodeSelectorRequirement {
  key: string;
  operator: NodeSelectorOperator;
  values?: string[];
}

export interface NodeSelectorTerm {
  matchExpressions?: NodeSelectorRequirement[];
  matchFields?: NodeSelectorRequirement[];
}

export interface NodeSelector {
  nodeSelectorTerms: NodeSelectorTerm[];
}

export interface PreferredSchedulingTerm {
  weight: number;
  preference: NodeSelectorTerm;
}

export interface NodeAffinity {
  requiredDuringSchedulingIgnoredDuringExecution?: NodeSelector;
  preferredDuringSchedulingIgnoredDuringExecution?: PreferredSchedulingTerm[];
}

/** NodeAffinityArgs (kubescheduler.config.k8s.io/v1). */
export interface NodeAffinityArgs {
  addedAffinity?: NodeAffinity;
}

const nodeAffinityOf = (spec: PodSpec): NodeAffinity | undefined =>
  (spec.affinity as { nodeAffinity?: NodeAffinity } | undefined | null)?.nodeAffinity ?? undefined;

// ---- parsing ------------------------------------------------------------------------------------

interface LabelRequirement {
  readonly key: string;
  readonly op: NodeSelectorOperator;
  readonly values: ReadonlySet<string>;
  /** Gt / Lt: the parsed bound. */
  readonly bound: number;
}

interface FieldRequirement {
  readonly key: string;
  readonly notEqual: boolean;
  readonly value: string;
}

/** A NodeSelectorTerm ready to match; `errors` non-empty means it never matches. */
export interface ParsedTerm {
  readonly labels: readonly LabelRequirement[] | null;
  readonly fields: readonly FieldRequirement[] | null;
  readonly errors: readonly string[];
}

export interface WeightedTerm {
  readonly term: ParsedTerm;
  readonly weight: number;
}

const INT64_MAX = '9223372036854775807';
const INT64_MIN_ABS = '9223372036854775808';

/** strconv.ParseInt(s, 10, 64): optional sign, ASCII digits, in int64 range; NaN otherwise. */
export function parseInt64(s: string): number {
  const n = s.length;
  const c0 = s.charCodeAt(0);
  const neg = c0 === 45;
  let i = neg || c0 === 43 ? 1 : 0;
  if (i >= n) return NaN;
  for (let j = i; j < n; j++) {
    const d = s.charCodeAt(j);
    if (d < 48 || d > 57) return NaN;
  }
  while (i < n - 1 && s.charCodeAt(i) === 48) i++;
  if (n - i > 19 || (n - i === 19 && exceeds(s, i, neg ? INT64_MIN_ABS : INT64_MAX))) return NaN;
  return Number(s);
}

/** Do the 19 digits of `s` from `from` compare above `limit`? */
function exceeds(s: string, from: number, limit: string): boolean {
  for (let k = 0; k < 19; k++) {
    const a = s.charCodeAt(from + k);
    const b = limit.charCodeAt(k);
    if (a !== b) return a > b;
  }
  return false;
}

/** labels.NewRequirement's checks for a NodeSelectorRequirement on labels. */
function labelRequirementErrors(r: NodeSelectorRequirement, path: string): string[] {
  const errs: string[] = [];
  const values = r.values ?? [];
  if (typeof r.key !== 'string' || !qualifiedNameIsValid(r.key)) errs.push(`${path}.key: Invalid value: "${String(r.key)}": must be a qualified name`);
  switch (r.operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) errs.push(`${path}.values: Invalid value: []: for 'in', 'notin' operators, values set can't be empty`);
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length !== 0) errs.push(`${path}.values: Invalid value: ${JSON.stringify(values)}: values set must be empty for exists and does not exist`);
      break;
    case 'Gt':
    case 'Lt':
      if (values.length !== 1) errs.push(`${path}.values: Invalid value: ${JSON.stringify(values)}: for 'Gt', 'Lt' operators, exactly one value is required`);
      values.forEach((v, i) => {
        if (Number.isNaN(parseInt64(String(v)))) errs.push(`${path}.values[${i}]: Invalid value: "${v}": for 'Gt', 'Lt' operators, the value must be an integer`);
      });
      break;
    default:
      return [`${path}.operator: Unsupported value: "${String(r.operator)}"`];
  }
  values.forEach((v, i) => {
    if (typeof v !== 'string' || !labelValueIsValid(v)) errs.push(`${path}.values[${i}]: Invalid value: "${String(v)}": must be a valid label value`);
  });
  return errs;
}

function parseLabelRequirement(r: NodeSelectorRequirement, path: string, errors: string[]): LabelRequirement | undefined {
  const errs = labelRequirementErrors(r, path);
  if (errs.length > 0) {
    errors.push(...errs);
    return undefined;
  }
  const values = r.values ?? [];
  const bound = r.operator === 'Gt' || r.operator === 'Lt' ? parseInt64(values[0]) : 0;
  return { key: r.key, op: r.operator, values: new Set(values), bound };
}

/** nodeSelectorRequirementsAsFieldSelector: In / NotIn with exactly one value. */
function parseFieldRequirement(r: NodeSelectorRequirement, path: string, errors: string[]): FieldRequirement | undefined {
  const values = r.values ?? [];
  if (r.operator !== 'In' && r.operator !== 'NotIn') {
    errors.push(`${path}.operator: Unsupported value: "${String(r.operator)}": supported values: "In", "NotIn"`);
    return undefined;
  }
  if (values.length !== 1) {
    errors.push(`${path}.values: Invalid value: ${JSON.stringify(values)}: must have one element`);
    return undefined;
  }
  return { key: r.key, notEqual: r.operator === 'NotIn', value: values[0] };
}

function parseRequirements<T>(
  reqs: readonly NodeSelectorRequirement[] | undefined,
  path: string,
  errors: string[],
  parse: (r: NodeSelectorRequirement, path: string, errors: string[]) => T | undefined,
): T[] | null {
  if (!reqs || reqs.length === 0) return null;
  const out: T[] = [];
  reqs.forEach((r, i) => {
    const parsed = parse(r ?? ({} as NodeSelectorRequirement), `${path}[${i}]`, errors);
    if (parsed !== undefined) out.push(parsed);
  });
  return out;
}

/** newNodeSelectorTerm. */
export function parseTerm(term: NodeSelectorTerm, path = 'nodeSelectorTerm'): ParsedTerm {
  const errors: string[] = [];
  const labels = parseRequirements(term.matchExpressions, `${path}.matchExpressions`, errors, parseLabelRequirement);
  const fields = parseRequirements(term.matchFields, `${path}.matchFields`, errors, parseFieldRequirement);
  return { labels, fields, errors };
}

export const isEmptyTerm = (t: NodeSelectorTerm | undefined | null): boolean =>
  !t || ((t.matchExpressions?.length ?? 0) === 0 && (t.matchFields?.length ?? 0) === 0);

/** The terms of a NodeSelector, empty ones dropped (they select nothing). */
export function parseNodeSelector(ns: NodeSelector, path = 'nodeSelectorTerms'): ParsedTerm[] {
  const out: ParsedTerm[] = [];
  (ns.nodeSelectorTerms ?? []).forEach((t, i) => {
    if (!isEmptyTerm(t)) out.push(parseTerm(t, `${path}[${i}]`));
  });
  return out;
}

/** NewPreferredSchedulingTerms: weight-0 and empty terms dropped; any parse error fails them all. */
export function parsePreferred(terms: readonly PreferredSchedulingTerm[], path = 'preferredSchedulingTerms'): { terms: WeightedTerm[]; errors: string[] } {
  const out: WeightedTerm[] = [];
  const errors: string[] = [];
  terms.forEach((t, i) => {
    if (!t || !t.weight || isEmptyTerm(t.preference)) return;
    const term = parseTerm(t.preference, `${path}[${i}]`);
    if (term.errors.length > 0) errors.push(...term.errors);
    else out.push({ term, weight: t.weight });
  });
  return { terms: out, errors };
}

// ---- matching (the hot path: no allocation) -----------------------------------------------------

function labelMatches(r: LabelRequirement, labels: Readonly<Record<string, string>>): boolean {
  const has = Object.hasOwn(labels, r.key);
  switch (r.op) {
    case 'In':
      return has && r.values.has(labels[r.key]);
    case 'NotIn':
      return !has || !r.values.has(labels[r.key]);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    default: {
      if (!has) return false;
      const v = parseInt64(labels[r.key]);
      if (Number.isNaN(v)) return false;
      return r.op === 'Gt' ? v > r.bound : v < r.bound;
    }
  }
}

/** A field selector term: the node's only field is metadata.name (other keys read as ""). */
function fieldMatches(r: FieldRequirement, nodeName: string): boolean {
  const v = r.key === OBJECT_NAME_FIELD ? nodeName : '';
  return r.notEqual ? v !== r.value : v === r.value;
}

/** nodeSelectorTerm.match: fields are checked only when the node has a name, as upstream. */
export function termMatches(t: ParsedTerm, labels: Readonly<Record<string, string>>, nodeName: string): boolean {
  if (t.errors.length > 0) return false;
  const ls = t.labels;
  if (ls !== null) for (let i = 0; i < ls.length; i++) if (!labelMatches(ls[i], labels)) return false;
  const fs = t.fields;
  if (fs !== null && nodeName !== '') for (let i = 0; i < fs.length; i++) if (!fieldMatches(fs[i], nodeName)) return false;
  return true;
}

export function anyTermMatches(terms: readonly ParsedTerm[], labels: Readonly<Record<string, string>>, nodeName: string): boolean {
  for (let i = 0; i < terms.length; i++) if (termMatches(terms[i], labels, nodeName)) return true;
  return false;
}

export function preferredScore(terms: readonly WeightedTerm[], labels: Readonly<Record<string, string>>, nodeName: string): number {
  let sum = 0;
  for (let i = 0; i < terms.length; i++) if (termMatches(terms[i].term, labels, nodeName)) sum += terms[i].weight;
  return sum;
}

/** RequiredNodeAffinity (GetRequiredNodeAffinity): nodeSelector AND the required terms. */
export interface RequiredNodeAffinity {
  readonly selectorKeys: readonly string[];
  readonly selectorValues: readonly string[];
  /** null: the pod has no required node affinity. */
  readonly terms: readonly ParsedTerm[] | null;
}

export function requiredNodeAffinity(spec: PodSpec): RequiredNodeAffinity {
  const selector = spec.nodeSelector ?? {};
  const keys = Object.keys(selector);
  const required = nodeAffinityOf(spec)?.requiredDuringSchedulingIgnoredDuringExecution;
  return {
    selectorKeys: keys,
    selectorValues: keys.map((k) => selector[k]),
    terms: required ? parseNodeSelector(required) : null,
  };
}

export function matchesRequired(req: RequiredNodeAffinity, node: NodeInfo): boolean {
  const labels = node.labels;
  const keys = req.selectorKeys;
  for (let i = 0; i < keys.length; i++) {
    if (!Object.hasOwn(labels, keys[i]) || labels[keys[i]] !== req.selectorValues[i]) return false;
  }
  return req.terms === null || anyTermMatches(req.terms, labels, node.name);
}

// ---- PreFilterResult from metadata.name terms ---------------------------------------------------

/**
 * The nodes the required terms pin by `metadata.name In` (intersection within a term, union over
 * terms); undefined when some term does not pin names (then every node is a candidate).
 */
export function pinnedNodeNames(terms: readonly NodeSelectorTerm[]): Set<string> | undefined {
  let all: Set<string> | undefined;
  for (const t of terms) {
    let names: Set<string> | undefined;
    for (const r of t?.matchFields ?? []) {
      if (r.key !== OBJECT_NAME_FIELD || r.operator !== 'In') continue;
      const s = new Set(r.values ?? []);
      names = names === undefined ? s : new Set([...names].filter((n) => s.has(n)));
    }
    if (names === undefined) return undefined;
    all = all === undefined ? names : new Set([...all, ...names]);
  }
  return all;
}

// ---- the plugin ---------------------------------------------------------------------------------

interface PreFilterState {
  readonly required: RequiredNodeAffinity;
  readonly nodeNames: ReadonlySet<string> | undefined;
}

class NodeAffinityPlugin implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {
  readonly name = NAME;
  readonly events = EVENTS;
  private readonly podRejected = unresolvable(ERR_REASON_POD);
  private readonly enforcedRejected = unresolvable(ERR_REASON_ENFORCED);

  constructor(
    /** addedAffinity's required terms (NewNodeSelector), or null. */
    private readonly addedRequired: readonly ParsedTerm[] | null,
    /** addedAffinity's preferred terms, or null. */
    private readonly addedPreferred: readonly WeightedTerm[] | null,
  ) {}

  preFilter(state: CycleState, pod: PodInfo): Status | null {
    const spec = pod.pod.spec;
    const required = nodeAffinityOf(spec)?.requiredDuringSchedulingIgnoredDuringExecution ?? undefined;
    if (required === undefined && this.addedRequired === null && spec.nodeSelector == null) return SKIP;
    const terms = required?.nodeSelectorTerms ?? [];
    const nodeNames = terms.length > 0 ? pinnedNodeNames(terms) : undefined;
    state.write(PRE_FILTER_KEY, { required: requiredNodeAffinity(spec), nodeNames } satisfies PreFilterState);
    return nodeNames !== undefined && nodeNames.size === 0 ? unresolvable(ERR_REASON_CONFLICT) : null;
  }

  preFilterResult(state: CycleState): PreFilterResult | undefined {
    const names = state.read<PreFilterState>(PRE_FILTER_KEY)?.nodeNames;
    return names !== undefined && names.size > 0 ? { nodeNames: names } : undefined;
  }

  filter(state: CycleState, pod: PodInfo, node: NodeInfo): Status | null {
    if (this.addedRequired !== null && !anyTermMatches(this.addedRequired, node.labels, node.name)) return this.enforcedRejected;
    const required = state.read<PreFilterState>(PRE_FILTER_KEY)?.required ?? requiredNodeAffinity(pod.pod.spec);
    return matchesRequired(required, node) ? null : this.podRejected;
  }

  preScore(state: CycleState, pod: PodInfo): Status | null {
    const preferred = nodeAffinityOf(pod.pod.spec)?.preferredDuringSchedulingIgnoredDuringExecution ?? undefined;
    if (preferred === undefined && this.addedPreferred === null) return SKIP;
    const parsed = parsePreferred(preferred ?? []);
    if (parsed.errors.length > 0) return errorStatus(parsed.errors.join(', '));
    state.write(PRE_SCORE_KEY, parsed.terms);
    return null;
  }

  score(state: CycleState, pod: PodInfo, node: NodeInfo): number {
    const added = this.addedPreferred === null ? 0 : preferredScore(this.addedPreferred, node.labels, node.name);
    const terms = state.read<readonly WeightedTerm[]>(PRE_SCORE_KEY) ?? this.fallbackPreferred(pod);
    return added + preferredScore(terms, node.labels, node.name);
  }

  /** DefaultNormalizeScore(MaxNodeScore, reverse = false). */
  normalizeScore(_state: CycleState, _pod: PodInfo, scores: number[]): void {
    let max = 0;
    for (const s of scores) if (s > max) max = s;
    if (max === 0) return;
    for (let i = 0; i < scores.length; i++) scores[i] = Math.trunc((MAX_NODE_SCORE * scores[i]) / max);
  }

  explain(pod: PodInfo, node: NodeInfo, status: Status): string {
    if (status.reasons[0] === ERR_REASON_ENFORCED) {
      return `${node.name} does not match the node affinity this scheduler profile adds to every pod (NodeAffinityArgs.addedAffinity)`;
    }
    if (status.reasons[0] === ERR_REASON_CONFLICT) return 'the pod\'s required node affinity terms pin metadata.name to values no single node can have';
    return explainPodMismatch(pod.pod.spec, node);
  }

  private fallbackPreferred(pod: PodInfo): readonly WeightedTerm[] {
    const preferred = nodeAffinityOf(pod.pod.spec)?.preferredDuringSchedulingIgnoredDuringExecution;
    return preferred ? parsePreferred(preferred).terms : [];
  }
}

// ---- explain ------------------------------------------------------------------------------------

function describeRequirement(r: NodeSelectorRequirement): string {
  const values = (r.values ?? []).join(',');
  switch (r.operator) {
    case 'In':
      return `${r.key} in (${values})`;
    case 'NotIn':
      return `${r.key} notin (${values})`;
    case 'Exists':
      return `${r.key} (exists)`;
    case 'DoesNotExist':
      return `!${r.key} (does not exist)`;
    case 'Gt':
      return `${r.key} > ${values}`;
    case 'Lt':
      return `${r.key} < ${values}`;
    default:
      return `${r.key} ${String(r.operator)} (${values})`;
  }
}

const describeNodeLabel = (node: NodeInfo, key: string): string =>
  Object.hasOwn(node.labels, key) ? `the node has ${key}=${node.labels[key]}` : `the node has no ${key} label`;

/** Why one required term does not match the node (the first requirement that fails). */
function whyTermFails(term: NodeSelectorTerm, node: NodeInfo): string {
  if (isEmptyTerm(term)) return 'an empty term matches no node';
  const parsed = parseTerm(term);
  if (parsed.errors.length > 0) return `it is invalid and never matches (${parsed.errors[0]})`;
  for (const r of term.matchExpressions ?? []) {
    const one = parseTerm({ matchExpressions: [r] });
    if (!termMatches(one, node.labels, node.name)) return `needs ${describeRequirement(r)} but ${describeNodeLabel(node, r.key)}`;
  }
  for (const r of term.matchFields ?? []) {
    const one = parseTerm({ matchFields: [r] });
    if (!termMatches(one, node.labels, node.name)) return `needs ${describeRequirement(r)} but the node is named ${node.name}`;
  }
  return 'matches';
}

function explainPodMismatch(spec: PodSpec, node: NodeInfo): string {
  const selector = spec.nodeSelector ?? {};
  const failing = Object.keys(selector).filter((k) => !Object.hasOwn(node.labels, k) || node.labels[k] !== selector[k]);
  if (failing.length > 0) {
    const wanted = Object.entries(selector).map(([k, v]) => `${k}=${v}`).join(',');
    return `the node's labels do not match the pod's nodeSelector ${wanted} (${failing.map((k) => describeNodeLabel(node, k)).join('; ')})`;
  }
  const terms = nodeAffinityOf(spec)?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  if (terms.length === 0) return "the pod's required node affinity has no nodeSelectorTerms, so it matches no node";
  const why = terms.map((t, i) => `term ${i + 1} ${whyTermFails(t, node)}`).join('; ');
  return `the node matches none of the pod's required node affinity terms (${why})`;
}

// ---- factory ------------------------------------------------------------------------------------

/** New + ValidateNodeAffinityArgs: addedAffinity terms must parse, or the profile is invalid. */
function parseArgs(args: NodeAffinityArgs | undefined): { required: ParsedTerm[] | null; preferred: WeightedTerm[] | null } {
  const added = args?.addedAffinity;
  let required: ParsedTerm[] | null = null;
  let preferred: WeightedTerm[] | null = null;
  const errors: string[] = [];
  const ns = added?.requiredDuringSchedulingIgnoredDuringExecution;
  if (ns) {
    required = parseNodeSelector(ns, 'addedAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms');
    for (const t of required) errors.push(...t.errors);
  }
  const terms = added?.preferredDuringSchedulingIgnoredDuringExecution;
  if (terms && terms.length > 0) {
    const parsed = parsePreferred(terms, 'addedAffinity.preferredDuringSchedulingIgnoredDuringExecution');
    errors.push(...parsed.errors);
    preferred = parsed.terms;
  }
  if (errors.length > 0) throw new Error(`NodeAffinityArgs: ${errors.join(', ')}`);
  return { required, preferred };
}

export const nodeAffinity: PluginFactory = (args) => {
  const { required, preferred } = parseArgs(args as NodeAffinityArgs | undefined);
  return new NodeAffinityPlugin(required, preferred);
};
