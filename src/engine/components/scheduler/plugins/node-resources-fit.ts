/**
 * NodeResourcesFit, as kube-scheduler v1.31 has it (`plugins/noderesources/fit.go`,
 * `resource_allocation.go`, `least_allocated.go`, `most_allocated.go`,
 * `requested_to_capacity_ratio.go`, `plugins/helper/shape_score.go`).
 *
 * - PreFilter stores the pod's actual requests (PodInfo.requests) in the cycle state.
 * - Filter rejects a node without room: `Too many pods`, `Insufficient cpu`, `Insufficient memory`,
 *   `Insufficient ephemeral-storage`, `Insufficient <scalar>` — every failing reason, code
 *   Unschedulable (preemption may help). A resource the pod does not request is never checked.
 * - PreScore/Score rank nodes with one strategy over the configured resources (default cpu and
 *   memory, weight 1): LeastAllocated (default), MostAllocated or RequestedToCapacityRatio. cpu and
 *   memory are scored on *non-zero* requests (100m / 200Mi for a container without one, on the node
 *   and for the pod); ephemeral-storage and scalar resources on actual requests, and a scalar
 *   resource counts only if the pod requests it. All arithmetic is Go's int64 arithmetic.
 *
 * Also home to the resource-allocation helpers NodeResourcesBalancedAllocation shares.
 * Filter and Score allocate nothing: what they need is prepared once per cycle.
 */
import {
  errorStatus,
  MAX_NODE_SCORE,
  unschedulable,
  type ClusterEvent,
  type CycleState,
  type FilterPlugin,
  type NodeInfo,
  type PluginFactory,
  type PodInfo,
  type PreFilterPlugin,
  type PreScorePlugin,
  type ScorePlugin,
  type Status,
  type ScoreList,
} from '../framework/types.ts';
import { SlotMemo, type NodeColumns } from '../framework/node-columns.ts';
import { memoryOf } from '../framework/node-info.ts';

export const NAME = 'NodeResourcesFit';
const PRE_FILTER_KEY = `PreFilter${NAME}`;
const PRE_SCORE_KEY = `PreScore${NAME}`;

// ---- args (NodeResourcesFitArgs, kubescheduler.config.k8s.io/v1) ---------------------------

export type ScoringStrategyType = 'LeastAllocated' | 'MostAllocated' | 'RequestedToCapacityRatio';
const STRATEGIES: readonly string[] = ['LeastAllocated', 'MostAllocated', 'RequestedToCapacityRatio'];

export interface ResourceSpec {
  name: string;
  weight: number;
}

export interface UtilizationShapePoint {
  /** 0..100 (percent of allocatable). */
  utilization: number;
  /** 0..10 (MaxCustomPriorityScore); scaled ×10 when scoring. */
  score: number;
}

export interface ScoringStrategy {
  type: ScoringStrategyType;
  resources: ResourceSpec[];
  requestedToCapacityRatio?: { shape: UtilizationShapePoint[] };
}

export interface NodeResourcesFitArgs {
  scoringStrategy: ScoringStrategy;
  ignoredResources: string[];
  ignoredResourceGroups: string[];
}

/** config/v1 defaultResourceSpec. */
export const DEFAULT_RESOURCES: readonly ResourceSpec[] = Object.freeze([
  { name: 'cpu', weight: 1 },
  { name: 'memory', weight: 1 },
]);

/** MaxCustomPriorityScore: the top of a shape point's score. */
export const MAX_CUSTOM_PRIORITY_SCORE = 10;
const MAX_UTILIZATION = 100;
const MAX_RESOURCE_WEIGHT = 100;

/**
 * SetDefaults_NodeResourcesFitArgs and ValidateNodeResourcesFitArgs: no strategy = LeastAllocated
 * over cpu and memory; no resources = cpu and memory; a weight of 0 = 1. Throws on what
 * kube-scheduler's validation rejects.
 */
export function fitArgs(raw: Record<string, unknown> | undefined): NodeResourcesFitArgs {
  const given = (raw?.scoringStrategy ?? undefined) as Partial<ScoringStrategy> | undefined;
  const type = given ? given.type : 'LeastAllocated';
  if (typeof type !== 'string' || !STRATEGIES.includes(type)) {
    throw new Error(`scoringStrategy.type: Unsupported value: "${String(type ?? '')}": supported values: ${STRATEGIES.map((s) => `"${s}"`).join(', ')}`);
  }
  const strategy: ScoringStrategy = { type: type as ScoringStrategyType, resources: resourceSpecs(given?.resources, 'scoringStrategy.resources') };
  if (type === 'RequestedToCapacityRatio') {
    strategy.requestedToCapacityRatio = { shape: validShape(given?.requestedToCapacityRatio?.shape) };
  }
  return {
    scoringStrategy: strategy,
    ignoredResources: stringList(raw?.ignoredResources),
    ignoredResourceGroups: stringList(raw?.ignoredResourceGroups),
  };
}

/** A resources list with the defaults applied (none = cpu and memory; weight 0 = 1), weights checked. */
export function resourceSpecs(list: unknown, path: string): ResourceSpec[] {
  if (!Array.isArray(list) || list.length === 0) return DEFAULT_RESOURCES.map((r) => ({ ...r }));
  return list.map((r: Partial<ResourceSpec>, i) => {
    const weight = r.weight || 1;
    if (typeof r.name !== 'string' || r.name === '') throw new Error(`${path}[${i}].name: Required value`);
    if (!Number.isInteger(weight) || weight < 1 || weight > MAX_RESOURCE_WEIGHT) {
      throw new Error(`${path}[${i}].weight: Invalid value: ${weight}: resource weight of ${r.name} not in valid range [1, ${MAX_RESOURCE_WEIGHT}]`);
    }
    return { name: r.name, weight };
  });
}

/** validateFunctionShape: non-empty, utilization 0..100 strictly increasing, score 0..10. */
function validShape(shape: UtilizationShapePoint[] | undefined): UtilizationShapePoint[] {
  const path = 'scoringStrategy.requestedToCapacityRatio.shape';
  if (!Array.isArray(shape) || shape.length === 0) throw new Error(`${path}: Required value: at least one point must be specified`);
  shape.forEach((p, i) => {
    if (!Number.isInteger(p.utilization) || p.utilization < 0 || p.utilization > MAX_UTILIZATION) {
      throw new Error(`${path}[${i}].utilization: Invalid value: ${p.utilization}: not in valid range [0, ${MAX_UTILIZATION}]`);
    }
    if (i > 0 && p.utilization <= shape[i - 1].utilization) {
      throw new Error(`${path}[${i}].utilization: Invalid value: ${p.utilization}: utilization values must be sorted in increasing order`);
    }
    if (!Number.isInteger(p.score) || p.score < 0 || p.score > MAX_CUSTOM_PRIORITY_SCORE) {
      throw new Error(`${path}[${i}].score: Invalid value: ${p.score}: not in valid range [0, ${MAX_CUSTOM_PRIORITY_SCORE}]`);
    }
  });
  return shape.map((p) => ({ utilization: p.utilization, score: p.score }));
}

const stringList = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []);

// ---- resource names (v1helper / schedutil) ---------------------------------------------------

/** IsPrefixedNativeResource: `kubernetes.io/...` and `*.kubernetes.io/...` names. */
const isPrefixedNative = (name: string): boolean => name.includes('kubernetes.io/');

/** v1helper.IsExtendedResourceName: a domain-qualified name outside kubernetes.io (`nvidia.com/gpu`). */
export const isExtendedResourceName = (name: string): boolean =>
  name.includes('/') && !isPrefixedNative(name) && !name.startsWith('requests.');

/** schedutil.IsScalarResourceName: extended, hugepages-*, kubernetes.io/* and attachable-volumes-*. */
export const isScalarResourceName = (name: string): boolean =>
  isExtendedResourceName(name) || name.startsWith('hugepages-') || isPrefixedNative(name) || name.startsWith('attachable-volumes-');

// ---- integer arithmetic ----------------------------------------------------------------------

/**
 * Go int64 `/`, truncating toward zero (never -0). Exact for integers with |a| ≤ 2^53 − |b|: the
 * float quotient can only round onto the next integer when a·b-scale values pass 2^53.
 */
export const intDiv = (a: number, b: number): number => Math.trunc(a / b) + 0;

/** Go math.Round: half away from zero. */
export const goRound = (x: number): number => (x < 0 ? -Math.round(-x) : Math.round(x));

// ---- Filter ----------------------------------------------------------------------------------

/** PreFilter state: the pod's actual requests, scalar resources the filter must check listed once. */
interface FitRequest {
  cpuMilli: number;
  memoryBytes: number;
  ephemeralStorageBytes: number;
  /** Requested (non-zero), not ignored scalar resources, sorted by name (Go's map order is random). */
  scalarNames: readonly string[];
  scalarQuantities: readonly number[];
  /** Rejection statuses already built this cycle, by reason mask (masks ≥ 16 name a scalar). */
  statuses?: Map<number, Status>;
}

const MIB = 1048576;
const TOO_MANY_PODS = 1;
const NO_CPU = 2;
const NO_MEMORY = 4;
const NO_EPHEMERAL_STORAGE = 8;
const FIRST_SCALAR_BIT = 4;
/** Scalars beyond this many take the slow path (each rejection builds its status). */
const MAX_SCALAR_BITS = 26;

const NO_SCALARS: readonly never[] = Object.freeze([]);

function fitRequest(pod: PodInfo, ignored: ReadonlySet<string>, ignoredGroups: ReadonlySet<string>): FitRequest {
  const r = pod.requests;
  // Most pods request no scalar resource: they share one empty list (this runs every cycle).
  if (r.scalar === undefined) {
    return { cpuMilli: r.milliCPU, memoryBytes: r.memory, ephemeralStorageBytes: r.ephemeralStorage, scalarNames: NO_SCALARS, scalarQuantities: NO_SCALARS };
  }
  const scalar = r.scalar;
  const scalarNames = Object.keys(scalar)
    .filter((name) => isScalarResourceName(name) && scalar[name] !== 0 && !isIgnored(name, ignored, ignoredGroups))
    .sort();
  return {
    cpuMilli: r.milliCPU,
    memoryBytes: r.memory,
    ephemeralStorageBytes: r.ephemeralStorage,
    scalarNames,
    scalarQuantities: scalarNames.map((n) => scalar[n]),
  };
}

/** ignoredResources / ignoredResourceGroups apply to extended resources only. */
function isIgnored(name: string, ignored: ReadonlySet<string>, ignoredGroups: ReadonlySet<string>): boolean {
  if (!isExtendedResourceName(name)) return false;
  return ignored.has(name) || (ignoredGroups.size > 0 && ignoredGroups.has(name.slice(0, name.indexOf('/'))));
}

/** fitsRequest as a bit mask of failing checks (0 = fits). Allocates nothing. */
function insufficientMask(req: FitRequest, node: NodeInfo): number {
  let mask = node.podCount + 1 > node.allowedPodNumber ? TOO_MANY_PODS : 0;
  if (req.cpuMilli > 0 && req.cpuMilli > node.allocatableMilliCPU - node.requestedMilliCPU) mask |= NO_CPU;
  if (req.memoryBytes > 0) {
    // allocatableMemory − requestedMemory, read from the small-integer pairs (see NodeInfo).
    const free = (node.allocatableMemoryMiB - node.requestedMemoryMiB) * MIB + (node.allocatableMemoryRest - node.requestedMemoryRest);
    if (req.memoryBytes > free) mask |= NO_MEMORY;
  }
  if (req.ephemeralStorageBytes > 0 && req.ephemeralStorageBytes > node.allocatable.ephemeralStorage - node.requested.ephemeralStorage) {
    mask |= NO_EPHEMERAL_STORAGE;
  }
  const n = Math.min(req.scalarNames.length, MAX_SCALAR_BITS);
  for (let i = 0; i < n; i++) {
    if (!scalarFits(req, i, node)) mask |= 1 << (FIRST_SCALAR_BIT + i);
  }
  return mask;
}

function scalarFits(req: FitRequest, i: number, node: NodeInfo): boolean {
  const name = req.scalarNames[i];
  return req.scalarQuantities[i] <= (node.allocatable.scalar?.[name] ?? 0) - (node.requested.scalar?.[name] ?? 0);
}

/**
 * insufficientMask read from the columns, for a pod that requests no ephemeral storage and no
 * scalar resource (the columns hold only pods, cpu and memory). The same comparisons, exactly:
 * byte counts stay integers far below 2^53, so the free memory is the same number.
 */
function columnMask(req: FitRequest, cols: NodeColumns, s: number): number {
  let mask = cols.podCount[s] + 1 > cols.allowedPodNumber[s] ? TOO_MANY_PODS : 0;
  if (req.cpuMilli > 0 && req.cpuMilli > cols.allocatableMilliCPU[s] - cols.requestedMilliCPU[s]) mask |= NO_CPU;
  if (req.memoryBytes > 0 && req.memoryBytes > cols.allocatableMemory[s] - cols.requestedMemory[s]) mask |= NO_MEMORY;
  return mask;
}

/** The reasons a mask stands for, in fitsRequest's order. */
function reasonsOf(req: FitRequest, mask: number): string[] {
  const out: string[] = [];
  if (mask & TOO_MANY_PODS) out.push('Too many pods');
  if (mask & NO_CPU) out.push('Insufficient cpu');
  if (mask & NO_MEMORY) out.push('Insufficient memory');
  if (mask & NO_EPHEMERAL_STORAGE) out.push('Insufficient ephemeral-storage');
  for (let i = 0; i < req.scalarNames.length && i < MAX_SCALAR_BITS; i++) {
    if (mask & (1 << (FIRST_SCALAR_BIT + i))) out.push(`Insufficient ${req.scalarNames[i]}`);
  }
  return out;
}

/** The slow path for a pod with more than MAX_SCALAR_BITS scalar resources. */
function filterManyScalars(req: FitRequest, node: NodeInfo): Status | null {
  const reasons = reasonsOf(req, insufficientMask(req, node));
  for (let i = MAX_SCALAR_BITS; i < req.scalarNames.length; i++) {
    if (!scalarFits(req, i, node)) reasons.push(`Insufficient ${req.scalarNames[i]}`);
  }
  return reasons.length === 0 ? null : rejection(reasons);
}

/** An Unschedulable status already naming the plugin, so the framework can pass it on as is. */
function rejection(reasons: string[]): Status {
  const s = unschedulable(...reasons);
  s.plugin = NAME;
  return s;
}

// ---- scoring: the shared resource-allocation scorer ------------------------------------------

/** How Score reads a configured resource from a NodeInfo. */
const KIND_CPU = 0;
const KIND_MEMORY = 1;
const KIND_EPHEMERAL_STORAGE = 2;
const KIND_SCALAR = 3;
/** A name that is none of the above (e.g. `pods`): never scored. */
const KIND_NONE = 4;

/** The configured resources, prepared once: names, how to read each, weights. */
export interface ScoreResources {
  readonly names: readonly string[];
  readonly kinds: Uint8Array;
  readonly weights: readonly number[];
}

/** Are the resources exactly [cpu, memory] (the default), in that order? */
export const isCpuThenMemory = (res: ScoreResources): boolean => res.kinds.length === 2 && res.kinds[0] === KIND_CPU && res.kinds[1] === KIND_MEMORY;

export function scoreResources(specs: readonly ResourceSpec[]): ScoreResources {
  return {
    names: specs.map((s) => s.name),
    kinds: Uint8Array.from(specs, (s) => resourceKind(s.name)),
    weights: specs.map((s) => s.weight),
  };
}

function resourceKind(name: string): number {
  if (name === 'cpu') return KIND_CPU;
  if (name === 'memory') return KIND_MEMORY;
  if (name === 'ephemeral-storage') return KIND_EPHEMERAL_STORAGE;
  return isScalarResourceName(name) ? KIND_SCALAR : KIND_NONE;
}

/**
 * calculatePodResourceRequestList: the pod's request per configured resource — cpu and memory
 * with the non-zero defaults unless `useRequested`, everything else as requested.
 */
export function podRequestList(pod: PodInfo, res: ScoreResources, useRequested: boolean): Float64Array {
  return podRequestListInto(pod, res, useRequested, new Float64Array(res.names.length));
}

/**
 * PreScore's request lists, one per cycle: the list of the cycle before when the pod asks for
 * the same (replicas of one template, mostly), so a cycle allocates none. A list handed out is
 * never written again.
 */
export class RequestLists {
  private readonly scratch: Float64Array;
  private last: Float64Array | undefined;

  constructor(
    private readonly res: ScoreResources,
    private readonly useRequested: boolean,
  ) {
    this.scratch = new Float64Array(res.names.length);
  }

  of(pod: PodInfo): Float64Array {
    const fresh = podRequestListInto(pod, this.res, this.useRequested, this.scratch);
    const last = this.last;
    if (last !== undefined && sameNumbers(last, fresh)) return last;
    this.last = fresh.slice();
    return this.last;
  }
}

function sameNumbers(a: Float64Array, b: Float64Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function podRequestListInto(pod: PodInfo, res: ScoreResources, useRequested: boolean, out: Float64Array): Float64Array {
  for (let i = 0; i < out.length; i++) {
    switch (res.kinds[i]) {
      case KIND_CPU:
        out[i] = useRequested ? pod.requests.milliCPU : pod.nonZeroMilliCPU;
        break;
      case KIND_MEMORY:
        out[i] = useRequested ? pod.requests.memory : pod.nonZeroMemory;
        break;
      case KIND_EPHEMERAL_STORAGE:
        out[i] = pod.requests.ephemeralStorage;
        break;
      default:
        out[i] = pod.requests.scalar?.[res.names[i]] ?? 0;
    }
  }
  return out;
}

/**
 * calculateResourceAllocatableRequest for each configured resource of one node: writes the
 * node's allocatable and its requested-with-the-pod into the two arrays; allocatable 0 means the
 * resource is left out (a scalar the pod does not request, or the node does not have).
 * cpu/memory read the node's non-zero sums unless `useRequested`. Allocates nothing: each branch
 * stores straight into the typed arrays (a variable shared by the branches would make V8 box
 * the large memory values).
 */
export function nodeResources(
  node: NodeInfo,
  res: ScoreResources,
  podRequests: Float64Array,
  useRequested: boolean,
  requested: Float64Array,
  allocatable: Float64Array,
): void {
  for (let i = 0; i < podRequests.length; i++) {
    allocatable[i] = 0;
    requested[i] = 0;
    switch (res.kinds[i]) {
      case KIND_CPU:
        allocatable[i] = node.allocatable.milliCPU;
        requested[i] = (useRequested ? node.requested.milliCPU : node.nonZeroMilliCPU) + podRequests[i];
        break;
      case KIND_MEMORY:
        allocatable[i] = node.allocatable.memory;
        requested[i] = (useRequested ? node.requested.memory : node.nonZeroMemory) + podRequests[i];
        break;
      case KIND_EPHEMERAL_STORAGE:
        allocatable[i] = node.allocatable.ephemeralStorage;
        requested[i] = node.requested.ephemeralStorage + podRequests[i];
        break;
      case KIND_SCALAR:
        if (podRequests[i] === 0) break;
        allocatable[i] = node.allocatable.scalar?.[res.names[i]] ?? 0;
        requested[i] = (node.requested.scalar?.[res.names[i]] ?? 0) + podRequests[i];
        break;
    }
    if (allocatable[i] === 0) requested[i] = 0;
  }
}

// ---- scoring strategies ----------------------------------------------------------------------

/** One strategy over the configured resources, ready to score. */
export interface ResourceScorer {
  readonly strategy: ScoringStrategyType;
  readonly weights: readonly number[];
  /** RequestedToCapacityRatio's shape, scores already scaled to 0..100. */
  readonly shape: readonly UtilizationShapePoint[];
}

export function resourceScorer(strategy: ScoringStrategy): ResourceScorer {
  const scale = MAX_NODE_SCORE / MAX_CUSTOM_PRIORITY_SCORE;
  const shape = strategy.requestedToCapacityRatio?.shape ?? [];
  return {
    strategy: strategy.type,
    weights: strategy.resources.map((r) => r.weight),
    shape: shape.map((p) => ({ utilization: p.utilization, score: p.score * scale })),
  };
}

/** leastRequestedScore: unused share of capacity, 0..100; 0 when over capacity. */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return intDiv((capacity - requested) * MAX_NODE_SCORE, capacity);
}

/** mostRequestedScore: used share of capacity, 0..100; requested is clamped to capacity. */
export function mostRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0) return 0;
  return intDiv(Math.min(requested, capacity) * MAX_NODE_SCORE, capacity);
}

/**
 * helper.BuildBrokenLinearFunction: the score at utilization `p` on the shape — the first
 * point's score at or below it, straight lines (integer division) between points, the last
 * point's score beyond it.
 */
export function brokenLinear(shape: readonly UtilizationShapePoint[], p: number): number {
  for (let i = 0; i < shape.length; i++) {
    if (p > shape[i].utilization) continue;
    if (i === 0) return shape[0].score;
    const a = shape[i - 1];
    const b = shape[i];
    return a.score + intDiv((b.score - a.score) * (p - a.utilization), b.utilization - a.utilization);
  }
  return shape[shape.length - 1].score;
}

function ratioResourceScore(shape: readonly UtilizationShapePoint[], requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return brokenLinear(shape, MAX_UTILIZATION);
  return brokenLinear(shape, intDiv(requested * MAX_UTILIZATION, capacity));
}

/**
 * The score of one node (0..100) from requested and allocatable per configured resource;
 * resources with allocatable 0 are left out. Least/MostAllocated: Σ score·weight / Σ weight
 * (integer). RequestedToCapacityRatio: only resources scoring > 0 count, and the mean is rounded.
 */
export function scoreNode(s: ResourceScorer, requested: ArrayLike<number>, allocatable: ArrayLike<number>): number {
  let total = 0;
  let weightSum = 0;
  for (let i = 0; i < requested.length; i++) {
    if (allocatable[i] === 0) continue;
    const w = s.weights[i];
    if (s.strategy === 'LeastAllocated') total += leastRequestedScore(requested[i], allocatable[i]) * w;
    else if (s.strategy === 'MostAllocated') total += mostRequestedScore(requested[i], allocatable[i]) * w;
    else {
      const r = ratioResourceScore(s.shape, requested[i], allocatable[i]);
      if (r <= 0) continue;
      total += r * w;
    }
    weightSum += w;
  }
  if (weightSum === 0) return 0;
  return s.strategy === 'RequestedToCapacityRatio' ? goRound(total / weightSum) : intDiv(total, weightSum);
}

/**
 * Least/MostAllocated over exactly [cpu, memory] (the default), for many nodes: the same
 * arithmetic as nodeResources + scoreNode, without the per-resource dispatch.
 */
function scoreCpuMemory(nodes: readonly NodeInfo[], podCpuMilli: number, podMemoryBytes: number, s: ResourceScorer, out: ScoreList): void {
  const least = s.strategy === 'LeastAllocated';
  const wCpu = s.weights[0];
  const wMemory = s.weights[1];
  for (let j = 0; j < nodes.length; j++) {
    const node = nodes[j];
    const cpuCap = node.allocatableMilliCPU;
    const memCap = memoryOf(node.allocatableMemoryMiB, node.allocatableMemoryRest);
    const cpu = node.nonZeroMilliCPU + podCpuMilli;
    const memory = memoryOf(node.nonZeroMemoryMiB, node.nonZeroMemoryRest) + podMemoryBytes;
    out[j] = cpuMemoryScore(least, wCpu, wMemory, cpuCap, cpu, memCap, memory);
  }
}

/** scoreCpuMemory over the nodes in `slots` of the columns, reusing the scores `memo` still holds. */
function scoreCpuMemorySlots(cols: NodeColumns, slots: Int32Array, podCpuMilli: number, podMemoryBytes: number, s: ResourceScorer, memo: SlotMemo, out: ScoreList): void {
  const least = s.strategy === 'LeastAllocated';
  const wCpu = s.weights[0];
  const wMemory = s.weights[1];
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
    const cpu = cols.nonZeroMilliCPU[k] + podCpuMilli;
    const memory = cols.nonZeroMemory[k] + podMemoryBytes;
    const score = cpuMemoryScore(least, wCpu, wMemory, cols.allocatableMilliCPU[k], cpu, cols.allocatableMemory[k], memory);
    known[k] = score;
    seen[k] = stamp[k];
    out[j] = score;
  }
}

/** Least/MostAllocated of one node from its cpu and memory (allocatable 0 = left out). */
function cpuMemoryScore(least: boolean, wCpu: number, wMemory: number, cpuCap: number, cpu: number, memCap: number, memory: number): number {
  let total = 0;
  let weightSum = 0;
  if (cpuCap !== 0) {
    total += (least ? leastRequestedScore(cpu, cpuCap) : mostRequestedScore(cpu, cpuCap)) * wCpu;
    weightSum += wCpu;
  }
  if (memCap !== 0) {
    total += (least ? leastRequestedScore(memory, memCap) : mostRequestedScore(memory, memCap)) * wMemory;
    weightSum += wMemory;
  }
  return weightSum === 0 ? 0 : intDiv(total, weightSum);
}

// ---- explain ---------------------------------------------------------------------------------

/** CPU for people: `250m` below a core, `1.5 cores` above. */
export function formatCpuMilli(cpuMilli: number): string {
  if (Math.abs(cpuMilli) < 1000) return `${cpuMilli}m`;
  const cores = Number((cpuMilli / 1000).toFixed(3));
  return `${cores} ${cores === 1 ? 'core' : 'cores'}`;
}

const BINARY_UNITS: readonly [string, number][] = [
  ['Pi', 2 ** 50],
  ['Ti', 2 ** 40],
  ['Gi', 2 ** 30],
  ['Mi', 2 ** 20],
  ['Ki', 2 ** 10],
];

/** Bytes for people: `3Gi`, `1.2Gi`, `512Mi` — the largest binary unit, one decimal when needed. */
export function formatBytes(bytes: number): string {
  for (const [unit, size] of BINARY_UNITS) {
    if (Math.abs(bytes) >= size) return `${Math.round((bytes * 10) / size) / 10}${unit}`;
  }
  return `${bytes} bytes`;
}

function explainReason(pod: PodInfo, node: NodeInfo, reason: string): string {
  if (reason === 'Too many pods') {
    const max = node.allowedPodNumber;
    return `the node already runs its maximum of ${max} ${max === 1 ? 'pod' : 'pods'}`;
  }
  if (!reason.startsWith('Insufficient ')) return reason;
  const name = reason.slice('Insufficient '.length);
  const { want, free } = wantAndFree(pod, node, name);
  const [label, fmtWant, fmtFree] = describeResource(name, want, free);
  return `not enough ${label} — the pod requests ${fmtWant}, ${free > 0 ? `the node has ${fmtFree} free` : 'the node has none free'}`;
}

function wantAndFree(pod: PodInfo, node: NodeInfo, name: string): { want: number; free: number } {
  const r = pod.requests;
  const a = node.allocatable;
  const u = node.requested;
  if (name === 'cpu') return { want: r.milliCPU, free: a.milliCPU - u.milliCPU };
  if (name === 'memory') return { want: r.memory, free: a.memory - u.memory };
  if (name === 'ephemeral-storage') return { want: r.ephemeralStorage, free: a.ephemeralStorage - u.ephemeralStorage };
  return { want: r.scalar?.[name] ?? 0, free: (a.scalar?.[name] ?? 0) - (u.scalar?.[name] ?? 0) };
}

function describeResource(name: string, want: number, free: number): [string, string, string] {
  if (name === 'cpu') return ['CPU', formatCpuMilli(want), formatCpuMilli(free)];
  if (name === 'memory') return ['memory', formatBytes(want), formatBytes(free)];
  if (name === 'ephemeral-storage') return ['ephemeral storage', formatBytes(want), formatBytes(free)];
  if (name.startsWith('hugepages-')) return [name, formatBytes(want), formatBytes(free)];
  return [name, String(want), String(free)];
}

/** Plain words for a NodeResourcesFit rejection, one clause per reason. */
export function explainFit(pod: PodInfo, node: NodeInfo, status: Status): string {
  return status.reasons.map((r) => explainReason(pod, node, r)).join('; ');
}

// ---- the plugin ------------------------------------------------------------------------------

/**
 * EventsToRegister in v1.31 with the default gates (SchedulerQueueingHints and
 * InPlacePodVerticalScaling off): Pod/Delete, and Node/Add|UpdateNodeAllocatable|UpdateNodeTaint|
 * UpdateNodeLabel (taint and label because an Add may have been missed by preCheck).
 */
export const FIT_EVENTS: readonly ClusterEvent[] = Object.freeze([
  { resource: 'Pod', action: 'Delete' },
  { resource: 'Node', action: 'Add' },
  { resource: 'Node', action: 'UpdateNodeAllocatable' },
  { resource: 'Node', action: 'UpdateNodeTaint' },
  { resource: 'Node', action: 'UpdateNodeLabel' },
]);

class NodeResourcesFit implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {
  readonly name = NAME;
  readonly events = FIT_EVENTS;
  private readonly ignored: ReadonlySet<string>;
  private readonly ignoredGroups: ReadonlySet<string>;
  private readonly resources: ScoreResources;
  private readonly scorer: ResourceScorer;
  /** Score's scratch space, one slot per configured resource. */
  private readonly requested: Float64Array;
  private readonly allocatable: Float64Array;
  /** Rejections without a scalar reason, built once per plugin (16 combinations). */
  private readonly baseStatuses: (Status | undefined)[] = [];

  constructor(args: NodeResourcesFitArgs) {
    this.ignored = new Set(args.ignoredResources);
    this.ignoredGroups = new Set(args.ignoredResourceGroups);
    this.resources = scoreResources(args.scoringStrategy.resources);
    this.scorer = resourceScorer(args.scoringStrategy);
    this.requested = new Float64Array(this.resources.names.length);
    this.allocatable = new Float64Array(this.resources.names.length);
    this.cpuMemoryOnly = isCpuThenMemory(this.resources);
    this.requestLists = new RequestLists(this.resources, false);
  }

  /** The default resources (cpu, then memory): Score takes the arithmetic-only path. */
  private readonly cpuMemoryOnly: boolean;
  /** That path's scores by node slot, kept from cycle to cycle. */
  private readonly memo = new SlotMemo();
  private readonly requestLists: RequestLists;

  preFilter(state: CycleState, pod: PodInfo): Status | null {
    state.write(PRE_FILTER_KEY, fitRequest(pod, this.ignored, this.ignoredGroups));
    return null;
  }

  filter(state: CycleState, _pod: PodInfo, node: NodeInfo): Status | null {
    const req = state.read<FitRequest>(PRE_FILTER_KEY);
    if (req === undefined) return errorStatus(`error reading "${PRE_FILTER_KEY}" from cycleState: not found`);
    if (req.scalarNames.length > MAX_SCALAR_BITS) return filterManyScalars(req, node);
    const mask = insufficientMask(req, node);
    return mask === 0 ? null : this.statusFor(req, mask);
  }

  filterNodes(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[], from: number, to: number, out: (Status | null)[]): number {
    const req = state.read<FitRequest>(PRE_FILTER_KEY);
    let rejected = 0;
    for (let j = from; j < to; j++) {
      if (out[j] !== null) continue;
      let s: Status | null;
      if (req === undefined || req.scalarNames.length > MAX_SCALAR_BITS) s = this.filter(state, pod, nodes[j]);
      else {
        const mask = insufficientMask(req, nodes[j]);
        s = mask === 0 ? null : this.statusFor(req, mask);
      }
      if (s !== null) {
        out[j] = s;
        rejected++;
      }
    }
    return rejected;
  }

  filterSlots(state: CycleState, pod: PodInfo, cols: NodeColumns, slots: Int32Array, from: number, to: number, out: (Status | null)[]): number {
    const req = state.read<FitRequest>(PRE_FILTER_KEY);
    let rejected = 0;
    // The columns hold pods, cpu and memory only: a pod asking for more reads the NodeInfos.
    const columnsOnly = req !== undefined && req.ephemeralStorageBytes <= 0 && req.scalarNames.length === 0;
    for (let j = from; j < to; j++) {
      if (out[j] !== null) continue;
      let s: Status | null;
      if (columnsOnly) {
        const mask = columnMask(req, cols, slots[j]);
        s = mask === 0 ? null : this.statusFor(req, mask);
      } else s = this.filter(state, pod, cols.nodes[slots[j]]);
      if (s !== null) {
        out[j] = s;
        rejected++;
      }
    }
    return rejected;
  }

  preScore(state: CycleState, pod: PodInfo): Status | null {
    state.write(PRE_SCORE_KEY, this.requestLists.of(pod));
    return null;
  }

  score(state: CycleState, pod: PodInfo, node: NodeInfo): number {
    const podRequests = state.read<Float64Array>(PRE_SCORE_KEY) ?? this.lateRequests(state, pod);
    nodeResources(node, this.resources, podRequests, false, this.requested, this.allocatable);
    return scoreNode(this.scorer, this.requested, this.allocatable);
  }

  scoreNodes(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[], out: ScoreList): void {
    const podRequests = state.read<Float64Array>(PRE_SCORE_KEY) ?? this.lateRequests(state, pod);
    if (this.cpuMemoryOnly && this.scorer.strategy !== 'RequestedToCapacityRatio') {
      return scoreCpuMemory(nodes, podRequests[0], podRequests[1], this.scorer, out);
    }
    for (let j = 0; j < nodes.length; j++) {
      nodeResources(nodes[j], this.resources, podRequests, false, this.requested, this.allocatable);
      out[j] = scoreNode(this.scorer, this.requested, this.allocatable);
    }
  }

  scoreSlots(state: CycleState, pod: PodInfo, cols: NodeColumns, slots: Int32Array, out: ScoreList): void {
    const podRequests = state.read<Float64Array>(PRE_SCORE_KEY) ?? this.lateRequests(state, pod);
    if (this.cpuMemoryOnly && this.scorer.strategy !== 'RequestedToCapacityRatio') {
      return scoreCpuMemorySlots(cols, slots, podRequests[0], podRequests[1], this.scorer, this.memo, out);
    }
    for (let j = 0; j < out.length; j++) {
      nodeResources(cols.nodes[slots[j]], this.resources, podRequests, false, this.requested, this.allocatable);
      out[j] = scoreNode(this.scorer, this.requested, this.allocatable);
    }
  }

  explain(pod: PodInfo, node: NodeInfo, status: Status): string {
    return explainFit(pod, node, status);
  }

  /** Score without PreScore (upstream computes the requests on the spot); kept for the cycle. */
  private lateRequests(state: CycleState, pod: PodInfo): Float64Array {
    const list = podRequestList(pod, this.resources, false);
    state.write(PRE_SCORE_KEY, list);
    return list;
  }

  private statusFor(req: FitRequest, mask: number): Status {
    if (mask < 1 << FIRST_SCALAR_BIT) return (this.baseStatuses[mask] ??= rejection(reasonsOf(req, mask)));
    const cache = (req.statuses ??= new Map());
    let s = cache.get(mask);
    if (s === undefined) {
      s = rejection(reasonsOf(req, mask));
      cache.set(mask, s);
    }
    return s;
  }
}

export const nodeResourcesFit: PluginFactory = (args) => new NodeResourcesFit(fitArgs(args));
