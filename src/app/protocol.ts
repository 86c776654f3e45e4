/**
 * The messages between the main thread (bridge.ts) and the simulation worker (worker.ts), and the
 * compact view of the cluster the worker derives for the UI. Types only: both sides import this
 * file, and nothing here pulls engine code into the main-thread bundle.
 */
import type { Completion } from '../commands/completion.ts';
import type { TranscriptEntry } from '../commands/runner.ts';

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

export type ToWorker =
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
  | { type: 'complete'; id: number; line: string };

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
  | ({ type: 'view' } & ClusterView)
  | ({ type: 'result'; id: number } & ExecResult)
  | ({ type: 'scriptResult'; id: number } & ScriptResult)
  | ({ type: 'completion'; id: number } & Completion);

/** Speeds offered by the UI; the worker accepts any value in [MIN_SPEED, MAX_SPEED]. */
export const SPEEDS = [0.25, 0.5, 1, 2, 5, 10, 50, 100, 500, 1000] as const;
export const MIN_SPEED = 0.25;
export const MAX_SPEED = 1000;
/** One Step advances the simulation by this much. */
export const STEP_MS = 1000;
