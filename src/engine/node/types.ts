/**
 * Shapes shared by the node model: the container runtime's records (what `crictl` lists), the
 * container file system, and what the kubelet exposes to the command layer (`kubectl exec`,
 * `logs`, `top`, `sim node exec`, `sim kill`). Everything here is plain JSON data, so a node's
 * whole runtime state snapshots with the simulation.
 */
import type { PodInside } from '../components/kubelet/inspect.ts';

/** A line a container wrote, with the simulated time it was written (ms since the epoch of time.ts). */
export interface LogLine {
  at: number;
  stream: 'stdout' | 'stderr';
  text: string;
}

/**
 * A container's files: its writable layer (files it created or changed over the image) and
 * directories it cannot write. Paths are absolute and normalised (`/tmp/healthy`). Image files
 * are not stored; the userland knows which well-known paths an image has (`/etc/hostname`...).
 */
export interface FsData {
  /** path → content; a directory is stored as a path ending in `/` with content ''. */
  files: Record<string, string>;
  /** Paths the container deleted from its image (whiteouts). */
  whiteouts?: string[];
}

/** The cgroup v2 values the kubelet and runtime wrote for a container (reference §10). */
export interface CgroupValues {
  /** `cpu.weight` (1..10000). */
  cpuWeight: number;
  /** `cpu.max` as the file reads: `max 100000` or `50000 100000`. */
  cpuMax: string;
  /** `memory.max` as the file reads: `max` or bytes. */
  memoryMax: string;
  /** `memory.min` as the file reads (0 unless memory QoS is on, which it is not by default). */
  memoryMin: string;
  oomScoreAdj: number;
  /** Path under /sys/fs/cgroup, systemd driver naming, e.g. `kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod<uid>.slice/cri-containerd-<id>.scope`. */
  path: string;
}

/** Linux namespace ids (inode numbers, as `lsns` and `/proc/PID/ns/*` show them). */
export interface NamespaceIds {
  net: number;
  ipc: number;
  uts: number;
  pid: number;
  mnt: number;
  cgroup: number;
}

/** A process in a container, as `ps` shows it. pid is as seen inside the container's pid namespace. */
export interface ProcessInfo {
  pid: number;
  /** The pid on the node (as `crictl inspect` and the node's `ps` show). */
  hostPid: number;
  user: string;
  command: string;
  startedAt: number;
  rssBytes: number;
}

/** What a command run in a container (or on a node) returned. */
export interface ExecResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Per-container usage, as the kubelet's /metrics/resource (and so metrics-server) reports it. */
export interface ContainerUsage {
  name: string;
  /** Average CPU use over the last metrics window, in millicores. */
  cpuMilli: number;
  /** Working set, bytes. */
  memoryBytes: number;
}

export interface PodUsage {
  namespace: string;
  name: string;
  containers: ContainerUsage[];
}

/** Why an exec/logs request could not reach a container (the command layer words it as kubectl does). */
export type AgentError =
  | { kind: 'node-down' }
  | { kind: 'pod-not-found' }
  | { kind: 'container-not-found'; container: string }
  | { kind: 'container-not-running'; container: string }
  | { kind: 'no-previous'; container: string; podName: string }
  | { kind: 'waiting'; container: string; podName: string; reason: string };

/**
 * The kubelet's face to the command layer, one per node (`Simulation.nodeAgent(name)`).
 * In Kubernetes these requests go from kubectl through the API server to the kubelet.
 */
export interface NodeAgentApi {
  readonly nodeName: string;
  /** False after `sim node fail` until `sim node recover`. */
  readonly up: boolean;
  /** Runs argv in a container (`kubectl exec`); container already resolved by the caller. */
  exec(namespace: string, pod: string, container: string, argv: string[], stdin?: string): ExecResult | AgentError;
  /** The container's log (`kubectl logs`), of the current or the previous instance. */
  logs(namespace: string, pod: string, container: string, opts: { previous: boolean }): LogLine[] | AgentError;
  /** Usage of every running pod on the node (for `kubectl top pods`). */
  podUsage(): PodUsage[];
  /** Node usage (for `kubectl top nodes`): CPU millicores and working-set bytes, system daemons included. */
  nodeUsage(): { cpuMilli: number; memoryBytes: number };
  /** Runs argv in a shell on the node (`sim node exec NODE -- CMD`): crictl, lsns, systemctl, cat, ls... */
  nodeExec(argv: string[]): ExecResult;
  /** Kills a container's main process with a signal (`sim kill`). */
  kill(namespace: string, pod: string, container: string, signal: 'KILL' | 'TERM'): true | AgentError;
  /** Everything the node knows about a pod, for the pod view (components/kubelet/inspect.ts). */
  inspectPod(namespace: string, pod: string): PodInside | AgentError;
}
