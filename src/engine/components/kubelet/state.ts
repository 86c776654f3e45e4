/**
 * The kubelet's and the container runtime's state for one node, as plain JSON data (it snapshots
 * with the simulation). The API objects stay in the store; this is what lives on the machine:
 * sandboxes, container instances with their processes, files and logs, pulled images, back-off
 * entries and probe counters.
 */
import type { CgroupValues, FsData, LogLine, NamespaceIds } from '../../node/types.ts';
import type { BackoffEntry } from '../../node/backoff.ts';
import type { ProcState } from './process.ts';
import type { SubPathSnapshot } from './api-volumes.ts';

export interface SandboxRecord {
  id: string;
  /** The pause process holding the pod's namespaces, as the node sees it. */
  pausePid: number;
  createdAt: number;
  ip: string;
  ns: Pick<NamespaceIds, 'net' | 'ipc' | 'uts'> & { pid?: number };
  ready: boolean;
}

/** One run of a container (a new id, process, writable layer and cgroup each restart). */
export interface InstanceRecord {
  id: string;
  attempt: number;
  image: string;
  imageId: string;
  createdAt: number;
  startedAt: number;
  finishedAt?: number;
  exitCode?: number;
  reason?: string;
  /**
   * Set while the kubelet is stopping it: SIGTERM was sent (or is sent at `termAt`, when a preStop
   * hook runs until then), SIGKILL follows at `killAt`.
   */
  stopping?: { killAt: number; why: 'liveness' | 'startup' | 'delete' | 'evict' | 'changed' | 'postStart'; termAt?: number };
  proc: ProcState;
  fs: FsData;
  logs: LogLine[];
  cgroup: CgroupValues;
  ns: Pick<NamespaceIds, 'pid' | 'mnt' | 'cgroup'>;
  hostPid: number;
  /** The environment the process started with (`env` in the container prints it). */
  env: Record<string, string>;
  /** Which tools the image has (busybox, debian, alpine, none). */
  userland: string;
  /** Why the runtime could not start it (StartError), if so. */
  startError?: string;
  /** subPath mounts of ConfigMap/Secret/projected volumes, by mountPath, as they were at creation (api-volumes.ts). */
  subPaths?: Record<string, SubPathSnapshot>;
}

export interface ProbeRecord {
  /** When the next probe runs. */
  nextAt: number;
  successes: number;
  failures: number;
  /** Result of the last probe, once one ran. */
  lastOk?: boolean;
  /**
   * The latest probe runs (at most PROBE_RESULTS_KEPT), for the pod view's timeline. A steady
   * success the kubelet did not need to re-run (probes.ts skipSteadyProbes) is not listed.
   */
  results?: ProbeResult[];
}

export interface ProbeResult {
  at: number;
  ok: boolean;
  /** The failure output, as the Unhealthy event words it. */
  message?: string;
}

export const PROBE_RESULTS_KEPT = 30;

export interface ContainerRecord {
  name: string;
  init: boolean;
  restartCount: number;
  /** Current instance (running, or exited and not yet replaced). */
  current?: InstanceRecord;
  /** The instance before `current` (`kubectl logs --previous`, status.lastState). */
  previous?: InstanceRecord;
  /** Why it is not running: ContainerCreating, CrashLoopBackOff, ErrImagePull, ... */
  waiting?: { reason: string; message?: string };
  /** The back-off allowed this restart; it waits only for its image or config now. */
  restartApproved?: boolean;
  /** No earlier than this may it (re)start (back-off, config retry). */
  notBefore?: number;
  /** Image pull in progress, finishing at `doneAt` (ok false: it fails then). */
  pull?: { doneAt: number; ok: boolean; error?: string; startedAt: number; waitedMs: number };
  ready: boolean;
  started: boolean;
  liveness?: ProbeRecord;
  readiness?: ProbeRecord;
  startup?: ProbeRecord;
  /** Hash of the container's spec when started; a changed spec restarts the container. */
  specHash: string;
  /** The container finished for good (restartPolicy says no restart). */
  done?: boolean;
  /**
   * Its postStart hook runs until `doneAt` (kuberuntime startContainer waits for it, and for the
   * kill after it failed): until then the status still shows `shown`, the container as it was
   * before this start, and the pod's other containers wait.
   */
  postStart?: PostStartRecord;
}

export interface PostStartRecord {
  /** The hook has been run (it runs at the container's first step, once its process has begun). */
  ran: boolean;
  /** When the hook returns; absent when it never does (a hung hook holds the container for good). */
  doneAt?: number;
  ok: boolean;
  /** What the kubelet says when it failed: the PostStartHookError waiting message. */
  message: string;
  /** It failed and the container is being killed. */
  failed?: boolean;
  shown: Pick<ContainerRecord, 'waiting' | 'restartCount' | 'current' | 'previous'>;
}

export interface PodRecord {
  key: string;
  uid: string;
  namespace: string;
  name: string;
  admittedAt: number;
  /** The pod's effective requests (milli-units), what kubelet admission counts as used. */
  requests: { cpu: number; memory: number };
  /** Pod rejected at kubelet admission or evicted: final status already written. */
  rejected?: { reason: string; message: string; disruption?: boolean };
  /** resourceVersion of the kubelet's last status write (its watch echo is not a reason to sync). */
  writtenRv?: string;
  sandboxAt?: number;
  sandbox?: SandboxRecord;
  mountRetry?: { at: number; delayMs: number };
  /** Mounted volumes by name (an emptyDir's files live here, across container restarts). */
  volumes?: Record<string, FsData>;
  /** Volumes that are directories of the node (hostPath, a PersistentVolume's): name → host path (storage-volumes.ts). */
  hostMounts?: Record<string, string>;
  /** A mounted ConfigMap or Secret changed: its files are rewritten at the sync due then (api-volumes.ts). */
  volumeRefreshAt?: number;
  containers: ContainerRecord[];
  /** The one pending timer for this pod (stale timers carry another seq and are ignored). */
  timer?: { at: number; seq: number };
  /** Termination in progress (pod deleted): containers got SIGTERM. */
  terminating?: boolean;
}

export interface ImageRecord {
  /** Normalised references pulled (`docker.io/library/nginx:1.27`). */
  refs: string[];
  id: string;
  repoDigest: string;
  sizeBytes: number;
}

export interface NodeRecord {
  name: string;
  up: boolean;
  /** When `sim node fail` stopped the machine. */
  failedAt?: number;
  pods: Record<string, PodRecord>;
  /** Pods bound to the node that the kubelet has not taken in yet (keys, in arrival order). */
  pending?: string[];
  images: Record<string, ImageRecord>;
  /** Layer digests on disk: a layer shared by two images is pulled once. */
  layers: string[];
  /** Directories on the node's disk that outlive pods (hostPath, local-path volumes), by path. */
  disk?: Record<string, FsData>;
  backoff: Record<string, BackoffEntry>;
  /** The image puller is serial (serializeImagePulls true): busy until this time. */
  pullerFreeAt: number;
  nextPodIp: number;
  nextPid: number;
  nextNsId: number;
  nextId: number;
  /** Time of the last node-status report written to the API (reported every 5 min or on change). */
  lastReportAt: number;
  memoryPressure: boolean;
  /** Something the node status reports (images, conditions) changed since the last report. */
  statusDirty?: boolean;
  /** Last time the eviction manager saw memory.available under the threshold. */
  pressureSeenAt?: number;
}
