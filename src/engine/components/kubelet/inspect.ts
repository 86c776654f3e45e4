/**
 * What the node knows about one pod, as plain data for the pod view ("inside a pod"): the
 * sandbox and the Linux namespaces it holds, each container's instances (the current one and
 * the one before) with their cgroup files, namespaces, writable layer and image layers, their
 * CPU and memory use over their lifetime, probe results and back-off. Read-only; computed on
 * demand from the kubelet's records, never sampled by a ticking loop.
 */
import type { Pod } from '../../api/types.ts';
import { findImage } from '../../node/images.ts';
import type { CgroupValues, NamespaceIds } from '../../node/types.ts';
import type { BackoffEntry } from '../../node/backoff.ts';
import { backoffKey } from './containers.ts';
import { HOST_NS, type Kubelet } from './kubelet.ts';
import { oomAt, procCpuDemandAt, procMemoryBytes } from './process.ts';
import type { ContainerRecord, InstanceRecord, ProbeResult } from './state.ts';
import { cpuLimitMilli } from './usage.ts';

/** One usage sample of a container instance. */
export interface UsageSample {
  at: number;
  /** CPU the process wanted (millicores). */
  demandMilli: number;
  /** CPU it got: the demand capped by cpu.max (millicores); the gap is CFS throttling. */
  cpuMilli: number;
  /** Working set (bytes). */
  memoryBytes: number;
}

export interface InstanceInside {
  id: string;
  attempt: number;
  image: string;
  imageId: string;
  startedAt: number;
  finishedAt?: number;
  exitCode?: number;
  reason?: string;
  /** When the working set crossed memory.max (the OOM kill), if it did or will. */
  oomAt?: number;
  cgroup: CgroupValues;
  ns: Pick<NamespaceIds, 'pid' | 'mnt' | 'cgroup'>;
  /** The main process's pid on the node. */
  hostPid: number;
  command: string;
  /** Files the container wrote over its image (its writable layer), with sizes. */
  writable: { path: string; bytes: number }[];
  /** Paths it deleted from the image (whiteouts). */
  whiteouts: string[];
  usage: UsageSample[];
}

export interface ProbeInside {
  kind: 'liveness' | 'readiness' | 'startup';
  successes: number;
  failures: number;
  lastOk?: boolean;
  nextAt: number;
  results: ProbeResult[];
}

export interface ContainerInside {
  name: string;
  init: boolean;
  restartCount: number;
  ready: boolean;
  started: boolean;
  waiting?: { reason: string; message?: string };
  /** The back-off (or config retry) lets it start again no earlier than this. */
  notBefore?: number;
  /** In CrashLoopBackOff: the current delay and when the kubelet restarts it. */
  backoff?: { delayMs: number; restartAt: number };
  probes: ProbeInside[];
  /** The image's layers, base first. */
  layers: { digest: string; sizeBytes: number }[];
  imageSizeBytes?: number;
  previous?: InstanceInside;
  current?: InstanceInside;
}

export interface PodInside {
  node: string;
  /** The node's own namespaces (what hostNetwork/hostPID/hostIPC share). */
  hostNs: NamespaceIds;
  sandbox?: { id: string; pausePid: number; createdAt: number; ip: string; ns: { net: number; ipc: number; uts: number; pid?: number } };
  /** Volumes the kubelet mounted: name → the files in it (emptyDir, ConfigMap...). */
  volumes: { name: string; files: number; bytes: number }[];
  containers: ContainerInside[];
}

/** Samples per instance lifetime (plus the moments the usage changes slope). */
const SAMPLES = 48;

/** The pod as its node sees it, or undefined when the kubelet has no record of it. */
export function inspectPod(k: Kubelet, pod: Pod, now: number): PodInside | undefined {
  const rec = k.node.pods[`${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`];
  if (!rec) return undefined;
  const sandbox = rec.sandbox ? { id: rec.sandbox.id, pausePid: rec.sandbox.pausePid, createdAt: rec.sandbox.createdAt, ip: rec.sandbox.ip, ns: { ...rec.sandbox.ns } } : undefined;
  const volumes = Object.entries(rec.volumes ?? {}).map(([name, data]) => {
    const files = Object.entries(data.files).filter(([path]) => !path.endsWith('/'));
    return { name, files: files.length, bytes: files.reduce((n, [, text]) => n + utf8Length(text), 0) };
  });
  return { node: k.node.name, hostNs: { ...HOST_NS }, ...(sandbox ? { sandbox } : {}), volumes, containers: rec.containers.map((c) => container(c, now, k.node.backoff[backoffKey(rec, c)])) };
}

function container(c: ContainerRecord, now: number, backoff: BackoffEntry | undefined): ContainerInside {
  const imageRef = c.current?.image ?? c.previous?.image;
  const image = imageRef !== undefined ? findImage(imageRef) : undefined;
  const probes: ProbeInside[] = [];
  for (const kind of ['startup', 'liveness', 'readiness'] as const) {
    const p = c[kind];
    if (p) probes.push({ kind, successes: p.successes, failures: p.failures, ...(p.lastOk !== undefined ? { lastOk: p.lastOk } : {}), nextAt: p.nextAt, results: [...(p.results ?? [])] });
  }
  const out: ContainerInside = {
    name: c.name,
    init: c.init,
    restartCount: c.restartCount,
    ready: c.ready,
    started: c.started,
    probes,
    layers: image?.layers.map((l) => ({ digest: l.digest, sizeBytes: l.sizeBytes })) ?? [],
  };
  if (image) out.imageSizeBytes = image.sizeBytes;
  if (c.waiting) out.waiting = { ...c.waiting };
  if (c.notBefore !== undefined && c.notBefore > now) out.notBefore = c.notBefore;
  const finishedAt = c.current?.finishedAt;
  if (c.waiting?.reason === 'CrashLoopBackOff' && backoff !== undefined && finishedAt !== undefined) {
    out.backoff = { delayMs: backoff.backoffMs, restartAt: finishedAt + backoff.backoffMs };
  }
  if (c.previous) out.previous = instance(c.previous, now);
  if (c.current) out.current = instance(c.current, now);
  return out;
}

function instance(i: InstanceRecord, now: number): InstanceInside {
  const end = i.finishedAt ?? now;
  const oom = oomAt(i.proc, i.cgroup, i.startedAt);
  const files = Object.entries(i.fs.files).filter(([path]) => !path.endsWith('/'));
  const out: InstanceInside = {
    id: i.id,
    attempt: i.attempt,
    image: i.image,
    imageId: i.imageId,
    startedAt: i.startedAt,
    cgroup: { ...i.cgroup },
    ns: { ...i.ns },
    hostPid: i.hostPid,
    command: i.proc.kind === 'none' ? '' : i.proc.cmdline,
    writable: files.map(([path, text]) => ({ path, bytes: utf8Length(text) })).sort((a, b) => (a.path < b.path ? -1 : 1)),
    whiteouts: [...(i.fs.whiteouts ?? [])],
    usage: usage(i, end),
  };
  if (i.finishedAt !== undefined) out.finishedAt = i.finishedAt;
  if (i.exitCode !== undefined) out.exitCode = i.exitCode;
  if (i.reason !== undefined) out.reason = i.reason;
  if (oom !== undefined && oom <= end) out.oomAt = oom;
  return out;
}

/** Usage from the start to `end`, evenly sampled plus the instants the model changes slope. */
function usage(i: InstanceRecord, end: number): UsageSample[] {
  const start = i.startedAt;
  const times = new Set<number>();
  for (let s = 0; s <= SAMPLES; s++) times.add(Math.round(start + ((end - start) * s) / SAMPLES));
  const p = i.proc;
  if (p.kind === 'app') {
    for (const span of p.loads ?? []) {
      for (const t of [span.from - 1, span.from, span.untilMs - 1, span.untilMs]) if (t >= start && t <= end) times.add(t);
    }
  }
  const limit = cpuLimitMilli(i.cgroup.cpuMax);
  return [...times]
    .sort((a, b) => a - b)
    .map((at) => {
      // The working set at the end of an OOM-killed run is what crossed memory.max.
      const memoryBytes = procMemoryBytes(p, at);
      const demandMilli = procCpuDemandAt(p, at);
      return { at, demandMilli, cpuMilli: Math.min(demandMilli, limit), memoryBytes };
    });
}

function utf8Length(text: string): number {
  let n = 0;
  for (let j = 0; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00) {
      n += 4;
      j++;
    } else n += 3;
  }
  return n;
}
