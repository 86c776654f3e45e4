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
  traceHash: string;
}

export type ToWorker =
  /** `stdin` feeds the command as a heredoc would (`kubectl apply -f -`). */
  | { type: 'exec'; id: number; line: string; stdin?: string }
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'step' }
  | { type: 'speed'; value: number }
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
export const SPEEDS = [0.25, 1, 10, 100, 1000] as const;
export const MIN_SPEED = 0.01;
export const MAX_SPEED = 10_000;
/** One Step advances the simulation by this much. */
export const STEP_MS = 1000;
