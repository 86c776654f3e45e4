/**
 * The scheduling framework's vocabulary (kube-scheduler `pkg/scheduler/framework`): a `Status` per
 * plugin call, the per-cycle scratchpad `CycleState`, the scheduler's view of pods and nodes
 * (`PodInfo`, `NodeInfo`, `Snapshot`), and one small interface per extension point.
 *
 * Plugins are pure over the snapshot: they read, they never write to the API store. What a cycle
 * decides (bind, nominate, evict victims) is returned to the scheduler, which applies it.
 */
import type { KObject, Node, Pod, Taint, Toleration } from '../../../api/types.ts';
import type { NodeColumns } from './node-columns.ts';

/** framework.Code, in Go's order. */
export const enum Code {
  Success = 0,
  Error = 1,
  Unschedulable = 2,
  UnschedulableAndUnresolvable = 3,
  Wait = 4,
  Skip = 5,
  Pending = 6,
}

export interface Status {
  readonly code: Code;
  /** Reason strings, as FitError counts them (`Insufficient cpu`, `node(s) had untolerated taint {a: b}`). */
  readonly reasons: readonly string[];
  /** The plugin that returned it (filled in by the framework). */
  plugin?: string;
}

/** Success is `null` in the hot paths (no allocation); these build the other statuses. */
export const unschedulable = (...reasons: string[]): Status => ({ code: Code.Unschedulable, reasons });
export const unresolvable = (...reasons: string[]): Status => ({ code: Code.UnschedulableAndUnresolvable, reasons });
export const errorStatus = (reason: string): Status => ({ code: Code.Error, reasons: [reason] });
export const SKIP: Status = Object.freeze({ code: Code.Skip, reasons: [] });

export const isRejection = (s: Status | null | undefined): s is Status =>
  s != null && (s.code === Code.Unschedulable || s.code === Code.UnschedulableAndUnresolvable);

/** framework.MaxNodeScore / MinNodeScore. */
export const MAX_NODE_SCORE = 100;
export const MIN_NODE_SCORE = 0;

/**
 * A handful of plugin names, as a set: an array searched linearly (at this size faster than a
 * hash set, and one small allocation per cycle instead of a table grown twice).
 */
export class NameSet implements Iterable<string> {
  private readonly names: string[] = [];

  add(name: string): this {
    if (!this.names.includes(name)) this.names.push(name);
    return this;
  }

  has(name: string): boolean {
    return this.names.includes(name);
  }

  get size(): number {
    return this.names.length;
  }

  [Symbol.iterator](): Iterator<string> {
    return this.names[Symbol.iterator]();
  }
}

/** Per-cycle scratchpad: PreFilter/PreScore write what Filter/Score read, keyed by plugin. */
export class CycleState {
  private readonly data = new Map<string, unknown>();
  /** Plugins whose PreFilter/PreScore returned Skip this cycle. */
  readonly skipFilter = new NameSet();
  readonly skipScore = new NameSet();

  write(key: string, value: unknown): void {
    this.data.set(key, value);
  }

  read<T>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }

  /** A copy for preemption's what-if runs (values that are mutated must be cloned by their plugin). */
  clone(): CycleState {
    const c = new CycleState();
    for (const [k, v] of this.data) c.data.set(k, v);
    for (const s of this.skipFilter) c.skipFilter.add(s);
    for (const s of this.skipScore) c.skipScore.add(s);
    return c;
  }
}

/** A resource vector in the units kube-scheduler uses: millicores and bytes. */
export interface Resource {
  milliCPU: number;
  memory: number;
  ephemeralStorage: number;
  /** Extended and hugepage resources, by name (e.g. `nvidia.com/gpu`). */
  scalar?: Record<string, number>;
}

/** A pod affinity term made ready to match: namespaces resolved, selector parsed. */
export interface AffinityTerm {
  namespaces: ReadonlySet<string>;
  /** Match pods in every namespace (namespaceSelector `{}`). */
  allNamespaces: boolean;
  /** A non-empty namespaceSelector, matched against the namespace's labels. */
  namespaceMatches?: (namespaceLabels: Readonly<Record<string, string>> | undefined) => boolean;
  matches: (labels: Readonly<Record<string, string>> | undefined) => boolean;
  topologyKey: string;
}

export interface WeightedAffinityTerm extends AffinityTerm {
  weight: number;
}

/** The scheduler's view of one pod: the object plus what plugins need precomputed. */
export interface PodInfo {
  readonly pod: Pod;
  /** `namespace/name`. */
  readonly key: string;
  /** Actual requests (max(Σ app, each init) + overhead); missing requests are 0. */
  readonly requests: Resource;
  /** Requests with kube-scheduler's non-zero defaults (100m CPU, 200Mi memory per container without one). */
  readonly nonZeroMilliCPU: number;
  readonly nonZeroMemory: number;
  /** Host ports `{protocol, hostIP, hostPort}` the pod's containers ask for. */
  readonly hostPorts: readonly HostPort[];
  readonly requiredAffinityTerms: readonly AffinityTerm[];
  readonly requiredAntiAffinityTerms: readonly AffinityTerm[];
  readonly preferredAffinityTerms: readonly WeightedAffinityTerm[];
  readonly preferredAntiAffinityTerms: readonly WeightedAffinityTerm[];
}

export interface HostPort {
  protocol: string;
  hostIP: string;
  hostPort: number;
}

/** The scheduler's cached view of one node (framework.NodeInfo). */
export interface NodeInfo {
  readonly name: string;
  node: Node;
  /**
   * Changes whenever the node's pods or Node object change, to a value no NodeInfo has had
   * (framework.nextGeneration), so a count cached against it is stale exactly when it differs.
   */
  generation: number;
  allocatable: Resource;
  /** Σ actual requests of the pods on the node. */
  requested: Resource;
  /** Σ non-zero requests (what scoring uses). */
  nonZeroMilliCPU: number;
  nonZeroMemory: number;
  /** Max pods (allocatable `pods`). */
  allowedPodNumber: number;
  /**
   * The numbers every filter and score reads, kept beside `allocatable`/`requested`/`pods` on the
   * NodeInfo itself: the scheduler visits ~500 nodes per pod, and one object per node is one
   * cache miss instead of four. node-info.ts keeps them equal to the fields they mirror.
   */
  podCount: number;
  allocatableMilliCPU: number;
  allocatableMemory: number;
  requestedMilliCPU: number;
  requestedMemory: number;
  /**
   * allocatableMemory, requestedMemory and nonZeroMemory again, each as whole MiB (`...MiB`) plus
   * the bytes left over (`...Rest`), for the hot paths: a number of 2 GiB or more is a separate
   * heap object in V8 (one more cache miss per node), while these small integers sit in the
   * NodeInfo itself. `MiB × 1048576 + Rest` is the byte count exactly (memoryOf in node-info.ts).
   */
  allocatableMemoryMiB: number;
  allocatableMemoryRest: number;
  requestedMemoryMiB: number;
  requestedMemoryRest: number;
  nonZeroMemoryMiB: number;
  nonZeroMemoryRest: number;
  pods: PodInfo[];
  /** Pods on the node that have (anti-)affinity of any kind / required anti-affinity. */
  podsWithAffinity: PodInfo[];
  podsWithRequiredAntiAffinity: PodInfo[];
  usedPorts: HostPort[];
  /** Normalized image name (`nginx:1.27`) → size in bytes, for the images in node.status.images. */
  images: Map<string, number>;
  taints: readonly Taint[];
  unschedulable: boolean;
  labels: Readonly<Record<string, string>>;
}

/** The cycle's snapshot of the cluster (the scheduler cache's `Snapshot`). */
export interface Snapshot {
  /** All nodes, in the cache's order (the order the rotating start index walks). */
  readonly nodes: readonly NodeInfo[];
  /**
   * The nodes' hot numbers as columns, slot `s` = `nodes[s]` (the scheduler cache has them; a
   * snapshot without them is filtered and scored through the NodeInfos alone).
   */
  readonly columns?: NodeColumns;
  get(name: string): NodeInfo | undefined;
  /** How many nodes have an image (normalized name), for ImageLocality's spread. */
  imageNodeCount(image: string): number;
  /** Nodes with pods that have any affinity / required anti-affinity (InterPodAffinity's shortcut). */
  havePodsWithAffinity(): readonly NodeInfo[];
  havePodsWithRequiredAntiAffinity(): readonly NodeInfo[];
}

/** What plugins may read besides the snapshot: listers over the API store (read-only). */
export interface FrameworkHandle {
  snapshot(): Snapshot;
  /** Lists objects (Services, ReplicaSets, PVCs...) as informers would give them. */
  list<T extends KObject = KObject>(resource: string, namespace?: string): readonly T[];
  get<T extends KObject = KObject>(resource: string, namespace: string, name: string): T | undefined;
  /** Whether the API knows a kind (PVCs before the storage issue lands, say). */
  hasResource(resource: string): boolean;
}

// ---- extension points ----------------------------------------------------------------------

export interface Plugin {
  readonly name: string;
  /** Cluster events that may make a pod this plugin rejected schedulable (EventsToRegister). */
  readonly events?: readonly ClusterEvent[];
  /**
   * Plain words for a student, for `sim explain` and the UI: why this plugin rejected the node
   * (e.g. "not enough memory — the pod requests 3Gi, the node has 1.2Gi free"). Called only on rejections.
   */
  explain?(pod: PodInfo, node: NodeInfo, status: Status): string;
}

/**
 * Builds a plugin from its args (the profile's pluginConfig entry) and the handle. The framework
 * always passes a PreemptionHandle; DefaultPreemption checks for it, the others only read.
 */
export type PluginFactory = (args: Record<string, unknown> | undefined, handle: FrameworkHandle) => Plugin;

/** What DefaultPreemption needs from the framework to try evicting pods on a node. */
export interface PreemptionHandle extends FrameworkHandle {
  /** Runs every Filter plugin on the node as the cycle would (nominated pods of ≥ priority included). */
  runFilters(state: CycleState, pod: PodInfo, node: NodeInfo): Status | null;
  /** PreFilter extensions: update the cycle state as if `victim` left / `other` joined `node`. */
  removePod(state: CycleState, pod: PodInfo, victim: PodInfo, node: NodeInfo): void;
  addPod(state: CycleState, pod: PodInfo, other: PodInfo, node: NodeInfo): void;
  /** Pods nominated to a node (status.nominatedNodeName) that are not yet bound. */
  nominatedPods(nodeName: string): readonly PodInfo[];
  /** Seeded random integer in [0, n) (kube-scheduler's rand.Intn). */
  randomInt(n: number): number;
}

export interface QueueSortPlugin extends Plugin {
  less(a: QueuedPodInfo, b: QueuedPodInfo): boolean;
}

export interface PreEnqueuePlugin extends Plugin {
  preEnqueue(pod: Pod): Status | null;
}

export interface PreFilterResult {
  /** Restrict filtering to these nodes (NodeAffinity with a metadata.name term, NodeName). */
  nodeNames?: ReadonlySet<string>;
}

export interface PreFilterPlugin extends Plugin {
  /** `null` = success; `SKIP` = Filter is not called this cycle; a rejection fails the whole cycle. */
  preFilter(state: CycleState, pod: PodInfo, snapshot: Snapshot): Status | null;
  preFilterResult?(state: CycleState): PreFilterResult | undefined;
  /** Preemption's what-if: the pod `victim` is removed from / added back to `node`. */
  removePod?(state: CycleState, pod: PodInfo, victim: PodInfo, node: NodeInfo): void;
  addPod?(state: CycleState, pod: PodInfo, other: PodInfo, node: NodeInfo): void;
}

export interface FilterPlugin extends Plugin {
  /** `null` = the node passes. */
  filter(state: CycleState, pod: PodInfo, node: NodeInfo): Status | null;
  /**
   * Optional batch form of Filter, over `nodes[from..to)`: for each `j` with `out[j] === null`
   * (no earlier plugin rejected the node), stores in `out[j]` the rejection `filter` would return
   * (a success leaves `null`), and returns how many it stored. Must decide exactly as `filter`
   * does node by node (the hot path uses it when present).
   */
  filterNodes?(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[], from: number, to: number, out: (Status | null)[]): number;
  /**
   * Optional column form of `filterNodes`: the node of `out[j]` is the one in slot `slots[j]` of
   * `cols` (`cols.nodes[slots[j]]`). Same contract: decides exactly as `filter` does.
   */
  filterSlots?(state: CycleState, pod: PodInfo, cols: NodeColumns, slots: Int32Array, from: number, to: number, out: (Status | null)[]): number;
}

export interface PostFilterResult {
  nominatedNodeName?: string;
  /** Pods DefaultPreemption decided to evict (applied by the scheduler). */
  victims?: Pod[];
}

export interface PostFilterPlugin extends Plugin {
  postFilter(state: CycleState, pod: PodInfo, filtered: FilteredStatuses): { result?: PostFilterResult; status: Status | null; message: string };
}

export interface PreScorePlugin extends Plugin {
  /** `null` = success; `SKIP` = Score is not called this cycle. */
  preScore(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): Status | null;
}

/** One score per node, written in place (a Float64Array in the scheduler, an array in tests). */
export interface ScoreList {
  [index: number]: number;
  readonly length: number;
}

export interface ScorePlugin extends Plugin {
  score(state: CycleState, pod: PodInfo, node: NodeInfo): number;
  /**
   * Optional batch form of Score: writes `out[j]` for `nodes[j]`, reading the cycle state once.
   * Must give exactly what calling `score` per node gives (the hot path uses it when present).
   */
  scoreNodes?(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[], out: ScoreList): void;
  /**
   * Optional column form of `scoreNodes`: writes `out[j]` for the node in slot `slots[j]` of
   * `cols`, for `j < out.length`. Must give exactly what `score` gives.
   */
  scoreSlots?(state: CycleState, pod: PodInfo, cols: NodeColumns, slots: Int32Array, out: ScoreList): void;
  /** Rewrites `scores` (one per node in `nodes`) in place. */
  normalizeScore?(state: CycleState, pod: PodInfo, scores: ScoreList, nodes: readonly NodeInfo[]): void;
}

export interface ReservePlugin extends Plugin {
  reserve(state: CycleState, pod: PodInfo, nodeName: string): Status | null;
  unreserve(state: CycleState, pod: PodInfo, nodeName: string): void;
}

export interface PermitPlugin extends Plugin {
  permit(state: CycleState, pod: PodInfo, nodeName: string): Status | null;
}

export interface PreBindPlugin extends Plugin {
  preBind(state: CycleState, pod: PodInfo, nodeName: string): Status | null;
}

export interface BindPlugin extends Plugin {
  /** Returns the binding to apply (the scheduler writes it through the API); SKIP passes to the next binder. */
  bind(state: CycleState, pod: PodInfo, nodeName: string): Status | null;
}

/** Filter outcome per node that failed (name → status); what PostFilter and FitError read. */
export type FilteredStatuses = ReadonlyMap<string, Status>;

/** A pod in the scheduling queue. */
export interface QueuedPodInfo {
  podInfo: PodInfo;
  /** When the pod entered the queue (PrioritySort's tie-break), simulated ms. */
  timestamp: number;
  attempts: number;
  /** First time the pod was added, for the 5-minute flush and metrics. */
  initialAttemptTimestamp: number;
  /** Plugins that rejected it in its last attempt (for moving it back on matching events). */
  unschedulablePlugins: Set<string>;
}

/**
 * A cluster event a plugin cares about (framework.ClusterEvent: resource + action). As in v1.31,
 * `Pod` events are about pods already assigned to nodes (a pending pod's own updates requeue it).
 */
export interface ClusterEvent {
  resource: 'Node' | 'Pod' | 'PersistentVolumeClaim' | 'PersistentVolume' | 'StorageClass' | 'Service' | 'PriorityClass' | '*';
  action: 'Add' | 'Delete' | 'Update' | 'UpdateNodeLabel' | 'UpdateNodeTaint' | 'UpdateNodeAllocatable' | 'UpdateNodeCondition' | 'UpdatePodLabel' | 'All';
}

/** Does a toleration tolerate a taint (core/v1 `(*Toleration).ToleratesTaint`)? */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key !== undefined && t.key !== '' && t.key !== taint.key) return false;
  switch (t.operator || 'Equal') {
    case 'Exists':
      return true;
    case 'Equal':
      return (t.value ?? '') === (taint.value ?? '');
    default:
      return false;
  }
}
