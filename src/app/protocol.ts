/**
 * The messages between the main thread (bridge.ts) and the simulation worker (worker.ts), and the
 * compact view of the cluster the worker derives for the UI. Types only: both sides import this
 * file, and nothing here pulls engine code into the main-thread bundle.
 */
import type { ViewPatch } from './view-patch.ts';
import type { Completion } from '../commands/completion.ts';
import type { TranscriptEntry } from '../commands/runner.ts';
import type { PodInside } from '../engine/components/kubelet/inspect.ts';
import type { LabReply, LabRequest } from './labs/lab-protocol.ts';

export type { ContainerInside, InstanceInside, PodInside, UsageSample } from '../engine/components/kubelet/inspect.ts';

/** One node card: what the Nodes panel shows. */
export interface NodeView {
  name: string;
  ready: boolean;
  /** Role names from `node-role.kubernetes.io/<role>` labels; empty for a plain worker. */
  roles: string[];
  /** Capacity as the API prints it (`2`, `4Gi`). */
  cpu: string;
  memory: string;
  /** Pods bound to the node that have not finished. */
  pods: number;
  podsCapacity: number;
  /** Summed container requests of those pods, against the node's allocatable. */
  cpuMilliRequested: number;
  cpuMilliAllocatable: number;
  memoryBytesRequested: number;
  memoryBytesAllocatable: number;
  /** `key=value:Effect` or `key:Effect`, as `kubectl describe node` prints them. */
  taints: string[];
  unschedulable: boolean;
  /** The node's status conditions (Ready, MemoryPressure, ...) as `kubectl describe node` lists them. */
  conditions: NodeConditionView[];
  /** Live usage as `kubectl top node` reads it from the kubelet; absent while the kubelet is down. */
  cpuMilliUsage?: number;
  memoryBytesUsage?: number;
  /** The node agents: whether the kubelet answers, the kube-proxy pod's status ('' when none), the CRI. */
  kubeletUp: boolean;
  kubeProxy: string;
  /** `containerd://1.7.18`, as status.nodeInfo.containerRuntimeVersion reports it. */
  containerRuntime: string;
  /**
   * When the taint eviction controller deletes the next pod of this node (simulated ms): a
   * NoExecute not-ready/unreachable taint's timeAdded plus the shortest matching
   * tolerationSeconds (300 s by DefaultTolerationSeconds). Absent when nothing is due.
   */
  evictionAtMs?: number;
}

/** One node condition: `{type: 'Ready', status: 'Unknown', reason: 'NodeStatusUnknown'}`. */
export interface NodeConditionView {
  type: string;
  status: string;
  reason: string;
}

/** A control-plane component on the map's strip, with its static pod's status (or `Off`). */
export interface ControlPlaneComponentView {
  name: string;
  /** The pod STATUS (Running, CrashLoopBackOff...), `Off` for a component this cluster does not run, `Missing` when its pod is gone. */
  status: string;
  /** The node its pod runs on, '' for none. */
  node: string;
}

/** One row of the Pods table. */
export interface PodView {
  namespace: string;
  name: string;
  /** The STATUS column of `kubectl get pods` (Running, Pending, Terminating, CrashLoopBackOff...). */
  status: string;
  /** Node name, or '' while unscheduled. */
  node: string;
  /** Ready containers over all containers, e.g. `0/1`. */
  ready: string;
  /** As kubectl prints it: `0`, or `3 (45s ago)`. */
  restarts: string;
  /** kubectl's short age (`45s`, `5m30s`, `3h`, `2d`). */
  age: string;
  /**
   * The pod's top controller: a ReplicaSet's Deployment when it has one (`Deployment`/`web`),
   * else the controller owner reference (`StatefulSet`, `DaemonSet`, `Job`, `Node` for a static
   * pod); '' for a bare pod.
   */
  ownerKind: string;
  ownerName: string;
  /**
   * Which version of its owner's template the pod runs: the Deployment revision of its
   * ReplicaSet (`3`), else its pod-template-hash or controller-revision-hash label; '' for none.
   */
  revision: string;
}

/** An object the UI can point at (the inspector's selection, an event's involved object). */
export interface ObjectRef {
  /** The API kind: `Pod`, `Deployment`, `Node`... */
  kind: string;
  /** '' for a cluster-scoped object. */
  namespace: string;
  name: string;
}

/** One row of the events list, with the cells exactly as `kubectl get events` prints them. */
export interface EventView {
  /** `namespace/name` of the Event. */
  id: string;
  namespace: string;
  lastSeen: string;
  /** Normal or Warning. */
  type: string;
  reason: string;
  /** `pod/web-1`, as the OBJECT column prints it. */
  object: string;
  message: string;
  count: number;
  involved: ObjectRef;
}

/** A pod waiting for a node, with the scheduler's latest word on why. */
export interface PendingPodView {
  namespace: string;
  name: string;
  /** The PodScheduled condition's reason (`Unschedulable`, `SchedulingGated`), '' before any attempt. */
  reason: string;
  /** The newest FailedScheduling message verbatim (else the condition's message); '' before any attempt. */
  message: string;
  /** The same in plain words. */
  plain: string;
  /** How many times the scheduler has failed it (the event's count). */
  attempts: number;
  /** The node preemption nominated for it, '' for none. */
  nominatedNode: string;
}

/** Everything the UI knows about the simulation; replaced wholesale on every view message. */
export interface ClusterView {
  /** Simulated ms since 2025-01-01T00:00:00Z. */
  now: number;
  playing: boolean;
  /** Simulated seconds per real second. */
  speed: number;
  nodes: NodeView[];
  pods: PodView[];
  /** The control plane's components for the map (kube-apiserver, etcd, ...); absent in older views. */
  controlPlane?: ControlPlaneComponentView[];
  /** The most recently seen Events, newest first (at most 200); absent in older views. */
  events?: EventView[];
  /** Pods waiting for a node, with why (the first 100); absent in older views. */
  pending?: PendingPodView[];
  /** How many pods are waiting in all. */
  pendingTotal?: number;
  traceHash: string;
  /** Time travel: the range one can scrub, its markers, and whether the view shows the past. */
  history?: HistoryView;
  /** Presenter mode: the "pause when…" triggers armed (absent when none). */
  pauseWhen?: PauseTrigger[];
  /** Why the clock stopped by itself: the trigger that fired (absent once played again). */
  pausedBy?: PauseReason;
}

/** "Pause when…" triggers (src/app/pause-triggers.ts): a pod is evicted, a node goes NotReady, a rollout completes. */
export const PAUSE_TRIGGERS = ['eviction', 'nodeNotReady', 'rolloutComplete'] as const;
export type PauseTrigger = (typeof PAUSE_TRIGGERS)[number];

/** The trigger that paused the clock. */
export interface PauseReason {
  trigger: PauseTrigger;
  /** Simulated ms it fired at. */
  at: number;
  /** `node/node-2`, `deployment/web`, `pod/web-1`. */
  subject: string;
  /** `node-2 went NotReady (Ready=Unknown, NodeStatusUnknown)`. */
  message: string;
}

/** What a timeline marker stands for. `command`: a command that changed the cluster; `fork`: a new future began. */
export type MarkerKind = 'node' | 'rollout' | 'oom' | 'eviction' | 'kill' | 'scheduling' | 'command' | 'fork';

/** One mark on the timeline, from an engine Event, a pod's OOMKilled status, a command or a fork. */
export interface TimelineMarker {
  /** Simulated ms. */
  at: number;
  kind: MarkerKind;
  /** One line for the tooltip (`NodeNotReady node/node-2: Node node-2 status is now: NodeNotReady`). */
  label: string;
}

/** The recorded history the Timeline scrubs (src/app/time-travel.ts). */
export interface HistoryView {
  /** The earliest moment one can go back to (simulated ms). */
  start: number;
  /** The latest moment this history reached: the live edge. */
  end: number;
  /** True while the cluster shows a moment before `end`; a command that changes anything then forks. */
  past: boolean;
  /** Oldest first. */
  markers: TimelineMarker[];
  /** Where the latest fork began, if this history was ever forked. */
  lastForkAt?: number;
  /** Snapshots held (bounded). */
  snapshots: number;
  /** Commands recorded for replay. */
  commands: number;
}

/**
 * The scheduler's latest decision for one pod, as the Scheduling panel draws it (decision-view.ts
 * derives it in the worker, on request only): every node with its filter verdict or scores.
 */
export interface DecisionView {
  /** `namespace/name`. */
  pod: string;
  /** Attempt number across the scheduler's life, and its simulated ms. */
  seq: number;
  at: number;
  profile: string;
  /** Where the pod runs now ('' while unbound). */
  podNode: string;
  numAllNodes: number;
  /** How many feasible nodes the cycle looked for (numFeasibleNodesToFind). */
  numNodesToFind: number;
  /** The profile's filter plugins that ran for this pod, in order (a matrix column each). */
  filters: string[];
  /** Filter / score plugins whose PreFilter / PreScore returned Skip for this pod. */
  skippedFilters: string[];
  /** Score plugins that ran, in order, with their weights (normalized × weight adds to the total). */
  scores: { plugin: string; weight: number }[];
  skippedScores: string[];
  /** The PreFilter rejection that ended the cycle before any node was looked at. */
  preFilter?: { plugin: string; reasons: string[] };
  /** PreFilter narrowed the candidates to these nodes (others are `excluded`). */
  preFilterNodes?: string[];
  /** The node preemption had nominated, tried first; it passed, so no other node was filtered. */
  nominatedNode?: string;
  /** Every node: the winner, then feasible by total, then rejected grouped by plugin, then the rest. */
  rows: DecisionRow[];
  /** Nodes not filtered because enough feasible ones were found (percentageOfNodesToScore). */
  notEvaluated: number;
  /** The rejections summed up: one line per plugin and reason, in filter order. */
  rejectedGroups: { plugin: string; reason: string; count: number; plain: string }[];
  /** Only one node passed the filters, so scoring was skipped. */
  scoringSkipped: boolean;
  selected?: string;
  /** Nodes sharing the top total (the seeded random tie-break picked `selected`). */
  tiedTop: number;
  /** The highest total any node reached; Σ weight × 100 is the most a node could get. */
  topTotal?: number;
  maxTotal: number;
  /** kube-scheduler's FailedScheduling message, verbatim (binding errors too); absent on success. */
  message?: string;
  /** The same in plain words. */
  plain?: string;
  /** Preemption (PostFilter): the node it nominated and the pods it evicts there. */
  postFilter?: { nominatedNode?: string; victims: string[]; message: string };
}

/** One node of a decision. `order` is its place in the filtering order, -1 when it was not filtered. */
export interface DecisionRow {
  node: string;
  status: 'selected' | 'feasible' | 'rejected' | 'excluded' | 'notEvaluated';
  order: number;
  /** The first filter plugin that rejected the node (filtering stops there). */
  rejection?: { plugin: string; code: string; reasons: string[]; explanation: string };
  /** Per score plugin (same order as DecisionView.scores): raw, normalized (0–100). */
  raw?: number[];
  normalized?: number[];
  /** Σ weight × normalized. */
  total?: number;
}

/** The reply to a `decision` request: the view, or in words why there is none. */
export interface DecisionReply {
  decision?: DecisionView;
  note: string;
}

export type ToWorker =
  /** The labs (src/app/labs/lab-protocol.ts): course list, start, goals, grade, share links, builder. */
  | { type: 'lab'; id: number; request: LabRequest }
  /** `stdin` feeds the command as a heredoc would (`kubectl apply -f -`). */
  | { type: 'exec'; id: number; line: string; stdin?: string }
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'step' }
  | { type: 'speed'; value: number }
  /** Time travel: show the cluster as it was at simulated ms `at` (pauses; clamped to the history). */
  | { type: 'seek'; at: number }
  /** Back to the live edge of the history (pauses). */
  | { type: 'resumeLive' }
  | { type: 'runScript'; id: number; text: string; seed: number }
  /** Tab completion of `line` (the text before the cursor) against the live cluster. */
  | { type: 'complete'; id: number; line: string }
  /** Ctrl-C: stops the running live watches (`kubectl get -w`, `wait`, `rollout status`); each answers its exec with exit code 2. */
  | { type: 'interrupt' }
  /** Diagnostics for the YAML editor's text, as `kubectl apply -f -` would decode and the API server admit it (a server dry run: validate.ts, validate-admission.ts). */
  | { type: 'validate'; id: number; text: string }
  /** The scheduler's latest decision for a pod (the Scheduling panel asks when a pod is selected). */
  | { type: 'decision'; id: number; namespace: string; name: string }
  /** The Workloads tab's charts (replica history, rollout lanes, controller flow) for `select`, else the first Deployment. */
  | { type: 'workloads'; id: number; select?: ObjectRef }
  /** Inside one pod: containers, cgroups, namespaces, usage over time (src/app/pod-detail.ts). */
  | { type: 'podDetail'; id: number; namespace: string; name: string }
  /** Presenter mode: arm exactly these "pause when…" triggers (an empty list disarms). */
  | { type: 'pauseWhen'; triggers: PauseTrigger[] };

/** One problem in the YAML editor's text: a 1-based line of the whole text and kubectl's message. */
export interface ManifestDiagnostic {
  line: number;
  severity: 'error' | 'warning';
  message: string;
}

export interface ExecResult {
  output: string;
  exitCode: number;
  /** `kubectl edit`: the text to open in the editor; saving runs the command again with it. */
  edit?: string;
}

export interface ScriptResult {
  traceHash: string;
  /** 0 when the script ran to its end, 2 when it stopped on a script error. */
  status: number;
  /** `script:LINE: message` when status is 2. */
  error?: string;
  entries: TranscriptEntry[];
}

export type FromWorker =
  | { type: 'labResult'; id: number; reply: LabReply }
  | ({ type: 'view' } & ClusterView)
  /** The next view as what changed since the one before (view-patch.ts); answers seeks like a view. */
  | ({ type: 'viewPatch' } & ViewPatch)
  | ({ type: 'result'; id: number } & ExecResult)
  | ({ type: 'scriptResult'; id: number } & ScriptResult)
  | ({ type: 'completion'; id: number } & Completion)
  /** Output of a live watch still running (its `result` follows when it ends). */
  | { type: 'output'; id: number; text: string }
  | { type: 'diagnostics'; id: number; diagnostics: ManifestDiagnostic[] }
  | ({ type: 'decisionResult'; id: number } & DecisionReply)
  | ({ type: 'workloadsResult'; id: number } & WorkloadsReport)
  | ({ type: 'podDetailResult'; id: number } & PodDetailReply);

/** Speeds offered by the UI; the worker accepts any value in [MIN_SPEED, MAX_SPEED]. */
export const SPEEDS = [0.25, 0.5, 1, 2, 5, 10, 50, 100, 500, 1000] as const;
export const MIN_SPEED = 0.25;
export const MAX_SPEED = 1000;
/** One Step advances the simulation by this much. */
export const STEP_MS = 1000;

// ---- workloads: replica history, rollout lanes, controller flow (src/app/workload-history.ts) ----

/** A workload the Workloads tab can chart. */
export type WorkloadKind = 'Deployment' | 'ReplicaSet' | 'StatefulSet';

/** One line of the workload picker: the workload's counts now. */
export interface WorkloadSummary {
  kind: WorkloadKind;
  namespace: string;
  name: string;
  desired: number;
  ready: number;
  /** The Deployment that owns a ReplicaSet, '' otherwise. */
  owner: string;
}

/** Desired vs ready replicas after one write to the workload (sampled on change). */
export interface ReplicaSample {
  /** Simulated ms. */
  at: number;
  /** The resourceVersion of the write it was sampled after. */
  rv: number;
  desired: number;
  ready: number;
}

export type FaultKind = 'node' | 'kill' | 'oom' | 'eviction' | 'delete';

/** A fault that hit one of the workload's pods, from a real Event or pod status. */
export interface FaultMarker {
  at: number;
  rv: number;
  kind: FaultKind;
  /** `NodeNotReady pod/web-1: Node is not ready`. */
  label: string;
}

/** One ReplicaSet's replicas (spec.replicas, as the deployment controller set them) in a rollout sample. */
export interface RolloutSet {
  name: string;
  revision: string;
  replicas: number;
}

/** A Deployment's ReplicaSets after one write, with the fenceposts resolved for its replicas then. */
export interface RolloutSample {
  at: number;
  rv: number;
  desired: number;
  /** ResolveFenceposts: maxSurge rounded up, maxUnavailable rounded down (0/0 → unavailable 1). */
  surge: number;
  unavailable: number;
  /** Σ status.availableReplicas over its ReplicaSets. */
  available: number;
  sets: RolloutSet[];
}

/** One revision of a Deployment, from its ReplicaSet's annotations. */
export interface RevisionView {
  revision: number;
  replicaSet: string;
  /** The template's container images, `nginx=nginx:1.25`. */
  images: string[];
  /** kubernetes.io/change-cause, '' when unset. */
  changeCause: string;
  replicas: number;
  current: boolean;
}

/** Where one step of the controllers' loop happened. */
export type FlowStage = 'watch' | 'controller' | 'api' | 'scheduler' | 'kubelet';

/** One step of a controller action: a real write (its resourceVersion) and who made it. */
export interface FlowStep {
  stage: FlowStage;
  at: number;
  rv: number;
  /** The component, as its Events name it: `replicaset-controller`, `default-scheduler`, `kubelet`. */
  actor: string;
  text: string;
}

/** One controller action followed through the loop: what it saw, what it did, and what followed. */
export interface FlowRecord {
  id: string;
  at: number;
  /** `create`, `delete` (pods), `scale` (a ReplicaSet), `node` (a node's condition). */
  action: 'create' | 'delete' | 'scale' | 'node';
  /** `pod/web-7d4bc-x2x9z`. */
  subject: string;
  /** `Kind/namespace/name` of the workload it belongs to, '' for none. */
  workload: string;
  steps: FlowStep[];
}

/** The charts of one workload. */
export interface WorkloadDetail {
  kind: WorkloadKind;
  namespace: string;
  name: string;
  samples: ReplicaSample[];
  markers: FaultMarker[];
  /** Deployments only. */
  rollout?: {
    strategy: string;
    /** The `maxSurge`/`maxUnavailable` as written (`25%`), for the legend. */
    maxSurge: string;
    maxUnavailable: string;
    currentRevision: number;
    samples: RolloutSample[];
    revisions: RevisionView[];
  };
}

/** The reply to `{type:'workloads'}`: asked for on demand, never part of the per-tick view. */
export interface WorkloadsReport {
  now: number;
  workloads: WorkloadSummary[];
  /** The chosen workload (the one asked for, else the first Deployment); absent when there is none. */
  detail?: WorkloadDetail;
  /** Recent controller actions (of the chosen workload when there is one), oldest first. */
  flows: FlowRecord[];
}

// ---- the pod view: inside one pod (src/app/pod-detail.ts) ----

/** One line each on where a container's cgroup numbers come from, with its own numbers. */
export interface CgroupExplanation {
  cpuWeight: string;
  cpuMax: string;
  memoryMax: string;
  oomScoreAdj: string;
}

/** A probe as the pod spec configures it (defaults filled in). */
export interface ProbeSpecView {
  kind: 'startup' | 'liveness' | 'readiness';
  how: string;
  periodSeconds: number;
  failureThreshold: number;
  successThreshold: number;
  initialDelaySeconds: number;
}

/** A container as the API describes it (the node's view of its runs is in PodDetail.inside). */
export interface PodDetailContainer {
  name: string;
  image: string;
  init: boolean;
  /** `Running`, `Waiting: CrashLoopBackOff`, `Terminated: OOMKilled`, as the status says. */
  state: string;
  restartCount: number;
  /** 0 when not set. */
  requests: { cpuMilli: number; memoryBytes: number };
  limits: { cpuMilli: number; memoryBytes: number };
  probes: ProbeSpecView[];
  explain: CgroupExplanation;
}

export interface PodDetail {
  namespace: string;
  name: string;
  uid: string;
  node: string;
  phase: string;
  qosClass: string;
  /** Simulated now (ms). */
  now: number;
  hostNetwork: boolean;
  hostPID: boolean;
  hostIPC: boolean;
  shareProcessNamespace: boolean;
  containers: PodDetailContainer[];
  volumes: { name: string; type: string }[];
  events: { at: number; type: string; reason: string; message: string; count: number }[];
  /** What the node knows: runs, cgroup files, namespaces, usage, probes (absent when no kubelet runs it). */
  inside?: PodInside;
  /** Why `inside` is absent. */
  insideMessage?: string;
  /** The pod's node: its containers against the same apps as VMs (pod-detail.ts containersVsVms). */
  vsVms?: ContainersVsVms;
}

/** A node's containers next to the same apps as virtual machines, with the model's numbers. */
export interface ContainersVsVms {
  node: string;
  /** Every container of a Running pod on the node, with its image's numbers from the model. */
  apps: { pod: string; container: string; image: string; imageBytes: number; warmStartMs: number; coldPullMs: number }[];
  /** Containers share the node's one kernel. */
  kernels: 1;
  /** Distinct image layers on the node's disk, and their size (each stored once). */
  layersOnDisk: number;
  diskBytes: number;
  /** The node's images summed as `kubectl get node` reports them (shared layers counted per image). */
  imagesBytes: number;
  /** Working sets of those containers now. */
  appsMemoryBytes: number;
  /** One VM per app: a guest OS image, a boot and an idle guest each (documented figures). */
  vm: { name: string; imageBytes: number; bootMs: number; idleMemoryBytes: number; sources: string[] };
  sources: { images: string; timing: string; vms: string };
}

/** The reply to `{type:'podDetail'}`: the detail, or in words why there is none. */
export interface PodDetailReply {
  detail?: PodDetail;
  message?: string;
}
