/**
 * Numbers for the pod view's pictures, as pure functions of PodDetail (unit-tested): the usage
 * charts (one path per container run, request/limit lines, throttled areas, the OOM marker), the
 * namespace grid (which processes share which Linux namespace), and the probe timeline.
 */
import { area, line, scaleLinear } from 'd3';
import type { InstanceInside, PodDetail, PodDetailContainer, PodInside } from '../../protocol.ts';

export interface ChartSize {
  width: number;
  height: number;
  /** Room on the left for the axis labels. */
  left: number;
  bottom: number;
}

export const CHART: ChartSize = { width: 420, height: 120, left: 52, bottom: 18 };

/** A horizontal reference line (request, limit). */
export interface RefLine {
  label: string;
  y: number;
  value: number;
  kind: 'request' | 'limit';
}

export interface UsageChart {
  metric: 'memory' | 'cpu';
  /** One path per run (previous, current), in time order. */
  runs: { d: string; attempt: number; live: boolean }[];
  /** CPU only: where demand exceeded the quota (throttled), as areas between use and demand. */
  throttled: string[];
  /** CPU only: the demand, dashed, where it differs from the use. */
  demand: string[];
  refs: RefLine[];
  /** The moment a run was OOM-killed. */
  oom?: { x: number; y: number; at: number };
  yMax: number;
  ticks: { y: number; value: number }[];
  xStart: number;
  xEnd: number;
  from: number;
  to: number;
}

/** The runs of a container, oldest first. */
export function runsOf(c: PodInside['containers'][number] | undefined): InstanceInside[] {
  if (!c) return [];
  return [c.previous, c.current].filter((i): i is InstanceInside => i !== undefined);
}

/** The memory or CPU chart of one container over its runs, against its request and limit. */
export function usageChart(metric: 'memory' | 'cpu', spec: PodDetailContainer, runs: readonly InstanceInside[], now: number, size: ChartSize = CHART): UsageChart {
  const from = runs.length > 0 ? runs[0].startedAt : now;
  const to = Math.max(now, from + 1000);
  const request = metric === 'memory' ? spec.requests.memoryBytes : spec.requests.cpuMilli;
  const limit = metric === 'memory' ? spec.limits.memoryBytes : spec.limits.cpuMilli;
  let peak = 0;
  for (const r of runs) for (const s of r.usage) peak = Math.max(peak, metric === 'memory' ? s.memoryBytes : s.demandMilli);
  const yMax = Math.max(peak, request, limit, metric === 'memory' ? 1024 * 1024 : 10) * 1.12;
  const x = scaleLinear().domain([from, to]).range([size.left, size.width - 6]);
  const y = scaleLinear().domain([0, yMax]).range([size.height - size.bottom, 6]);
  const used = (s: InstanceInside['usage'][number]): number => (metric === 'memory' ? s.memoryBytes : s.cpuMilli);
  const path = line<InstanceInside['usage'][number]>()
    .x((s) => x(s.at))
    .y((s) => y(used(s)));
  const out: UsageChart = {
    metric,
    runs: runs.map((r) => ({ d: path(r.usage) ?? '', attempt: r.attempt, live: r.finishedAt === undefined })),
    throttled: [],
    demand: [],
    refs: [],
    yMax,
    ticks: ticksOf(metric, yMax).map((value) => ({ y: y(value), value })),
    xStart: size.left,
    xEnd: size.width - 6,
    from,
    to,
  };
  if (metric === 'cpu') {
    const band = area<InstanceInside['usage'][number]>()
      .x((s) => x(s.at))
      .y0((s) => y(s.cpuMilli))
      .y1((s) => y(s.demandMilli));
    const demandLine = line<InstanceInside['usage'][number]>()
      .x((s) => x(s.at))
      .y((s) => y(s.demandMilli));
    for (const r of runs) {
      if (!r.usage.some((s) => s.demandMilli > s.cpuMilli)) continue;
      out.throttled.push(band(r.usage) ?? '');
      out.demand.push(demandLine(r.usage) ?? '');
    }
  }
  if (request > 0) out.refs.push({ label: 'request', y: y(request), value: request, kind: 'request' });
  if (limit > 0) out.refs.push({ label: 'limit', y: y(limit), value: limit, kind: 'limit' });
  if (metric === 'memory') {
    const killed = [...runs].reverse().find((r) => r.reason === 'OOMKilled' && r.finishedAt !== undefined);
    if (killed) {
      const at = killed.oomAt ?? killed.finishedAt!;
      const last = killed.usage.at(-1);
      out.oom = { x: x(at), y: y(last ? last.memoryBytes : limit), at };
    }
  }
  return out;
}

/** Round ticks: whole MiB steps for memory (so 100Mi shows as 100Mi), millicores for CPU. */
function ticksOf(metric: 'memory' | 'cpu', yMax: number): number[] {
  const unit = metric === 'memory' ? 1024 * 1024 : 1;
  return scaleLinear()
    .domain([0, yMax / unit])
    .ticks(3)
    .map((v) => v * unit);
}

/** The Linux namespaces a pod's processes live in: rows by type, one column per process group. */
export interface NamespaceGrid {
  columns: { id: string; label: string; note: string }[];
  rows: { type: NsType; cells: { id: number; shared: 'host' | 'pod' | 'own' }[] }[];
}

export type NsType = 'net' | 'ipc' | 'uts' | 'pid' | 'mnt' | 'cgroup';
export const NS_TYPES: readonly NsType[] = ['net', 'ipc', 'uts', 'pid', 'mnt', 'cgroup'];

/**
 * The node, the pause container (which holds the pod's net, ipc and uts namespaces) and each
 * running container. A cell names the namespace's inode; equal numbers are the same namespace.
 */
export function namespaceGrid(detail: PodDetail): NamespaceGrid | undefined {
  const inside = detail.inside;
  if (!inside?.sandbox) return undefined;
  const host = inside.hostNs;
  const sb = inside.sandbox.ns;
  const columns = [
    { id: 'node', label: `node ${inside.node}`, note: 'the host' },
    { id: 'pause', label: 'pause', note: `sandbox, pid ${inside.sandbox.pausePid}` },
  ];
  const procs: { id: string; ns: Record<NsType, number> }[] = [
    { id: 'node', ns: { ...host } },
    { id: 'pause', ns: { net: sb.net, ipc: sb.ipc, uts: sb.uts, pid: sb.pid ?? host.pid, mnt: host.mnt, cgroup: host.cgroup } },
  ];
  for (const c of inside.containers) {
    const run = c.current ?? c.previous;
    if (!run || c.init) continue;
    columns.push({ id: c.name, label: c.name, note: `pid ${run.hostPid} on the node` });
    procs.push({ id: c.name, ns: { net: sb.net, ipc: sb.ipc, uts: sb.uts, pid: run.ns.pid, mnt: run.ns.mnt, cgroup: run.ns.cgroup } });
  }
  // The pause process's own mount and cgroup namespaces are not modelled: show the pod's sharing only.
  const rows = NS_TYPES.map((type) => ({
    type,
    cells: procs.map((p) => {
      const id = p.ns[type];
      const shared: 'host' | 'pod' | 'own' = id === host[type] ? 'host' : procs.filter((q) => q.id !== 'node' && q.ns[type] === id).length > 1 ? 'pod' : 'own';
      return { id, shared };
    }),
  }));
  return { columns, rows };
}

/** One dot of the probe timeline. */
export interface ProbeDot {
  x: number;
  ok: boolean;
  at: number;
  message?: string;
}

/** Probe results of one probe placed on a time axis [from, to] of `width` pixels. */
export function probeDots(results: readonly { at: number; ok: boolean; message?: string }[], from: number, to: number, width: number): ProbeDot[] {
  const x = scaleLinear().domain([from, Math.max(to, from + 1)]).range([6, width - 6]).clamp(true);
  return results.filter((r) => r.at >= from).map((r) => ({ x: x(r.at), ok: r.ok, at: r.at, ...(r.message !== undefined ? { message: r.message } : {}) }));
}

/** The image's layers and the container's writable layer, bottom (base) to top, with bar widths. */
export function layerStack(c: PodInside['containers'][number], width: number): { label: string; bytes: number; w: number; writable: boolean }[] {
  const run = c.current ?? c.previous;
  const writableBytes = run ? run.writable.reduce((n, f) => n + f.bytes, 0) : 0;
  const all = [
    ...c.layers.map((l, i) => ({ label: `layer ${i + 1} ${l.digest.slice(7, 19)}`, bytes: l.sizeBytes, writable: false })),
    { label: `writable layer (${run?.writable.length ?? 0} files)`, bytes: writableBytes, writable: true },
  ];
  const max = Math.max(1, ...all.map((l) => l.bytes));
  // Square-root widths: a 30 MB base and a 200-byte config layer both stay visible.
  return all.map((l) => ({ ...l, w: Math.max(4, Math.round(Math.sqrt(l.bytes / max) * width)) }));
}
