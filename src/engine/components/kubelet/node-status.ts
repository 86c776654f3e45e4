/**
 * The kubelet's node-level loop, every 10 s: renew the node Lease, run the eviction manager
 * (memory.available below 100Mi sets MemoryPressure and evicts one pod, ranked as §10.4 says), and
 * report the node status — only when it changed, or every 5 minutes (nodeStatusReportFrequency).
 */
import { isStatusError } from '../../api/errors.ts';
import type { KObject, Node, Pod } from '../../api/types.ts';
import { EVICTION_HARD_MEMORY_BYTES } from '../../cluster/nodes.ts';
import { nodeLease } from '../../cluster/kube-system.ts';
import { formatMicroTimestamp, formatTimestamp } from '../../kernel/time.ts';
import { deepEqual } from '../../kernel/objects.ts';
import type { Kubelet } from './kubelet.ts';
import { isRunning } from './containers.ts';
import { quantityMilli } from './admission.ts';
import { memoryUsageBytes, cpuUsageMilli, shareCpu } from './usage.ts';
import { procMemorySteadyFrom } from './process.ts';
import { NODE_STATUS_REPORT_MS, NODE_SYSTEM_CPU_MILLI, NODE_SYSTEM_MEMORY_BYTES } from './timing.ts';
import type { ImageRecord, InstanceRecord, PodRecord } from './state.ts';

const PRESSURE_TRANSITION_MS = 5 * 60 * 1000;

export function heartbeat(k: Kubelet): void {
  renewLease(k);
  evictionCheck(k);
  reportStatus(k);
}

function renewLease(k: Kubelet): void {
  const { store } = k.ctx;
  const lease = store.tryGet<KObject & { spec: Record<string, unknown> }>('leases', 'kube-node-lease', k.node.name);
  const renewTime = formatMicroTimestamp(k.now);
  try {
    if (!lease) store.create(nodeLease(k.node.name, k.now, k.nodeObject()?.metadata.uid));
    else store.update({ ...lease, spec: { ...lease.spec, renewTime } });
  } catch (e) {
    if (!isStatusError(e)) throw e;
  }
}

/** Working set of the whole node: system daemons plus every running container. */
export function nodeMemoryUsageBytes(k: Kubelet): number {
  const cached = k.memoryCache;
  if (cached && cached.epoch === k.usageEpoch && k.now >= cached.steadyFrom) return cached.total;
  let total = NODE_SYSTEM_MEMORY_BYTES;
  let steadyFrom = k.now;
  for (const rec of Object.values(k.node.pods)) {
    for (const c of rec.containers) {
      if (!c.current) continue;
      total += memoryUsageBytes(c.current, k.now);
      steadyFrom = Math.max(steadyFrom, procMemorySteadyFrom(c.current.proc));
    }
  }
  // Cacheable only once no process is still growing its working set.
  k.memoryCache = { epoch: k.usageEpoch, total, steadyFrom: steadyFrom > k.now ? Infinity : k.now };
  return total;
}

/** CPU each running container gets now, after its quota and the node's contention. */
export function containerCpuGrants(k: Kubelet): Map<InstanceRecord, number> {
  const live: InstanceRecord[] = [];
  for (const rec of Object.values(k.node.pods)) for (const c of rec.containers) if (c.current && c.current.finishedAt === undefined) live.push(c.current);
  const capacity = quantityMilli(k.nodeObject()?.status?.capacity?.cpu) - NODE_SYSTEM_CPU_MILLI;
  const granted = shareCpu(live.map((i) => ({ milli: cpuUsageMilli(i, k.now), weight: i.cgroup.cpuWeight })), capacity);
  return new Map(live.map((i, n) => [i, granted[n]]));
}

export function nodeCpuUsageMilli(k: Kubelet): number {
  let total = NODE_SYSTEM_CPU_MILLI;
  for (const milli of containerCpuGrants(k).values()) total += milli;
  return total;
}

function evictionCheck(k: Kubelet): void {
  const capacity = quantityMilli(k.nodeObject()?.status?.capacity?.memory) / 1000;
  const available = capacity - nodeMemoryUsageBytes(k);
  if (available >= EVICTION_HARD_MEMORY_BYTES) {
    if (k.node.memoryPressure && k.now - (k.node.pressureSeenAt ?? 0) >= PRESSURE_TRANSITION_MS) {
      k.node.memoryPressure = false;
      k.node.statusDirty = true;
    }
    return;
  }
  if (!k.node.memoryPressure) k.node.statusDirty = true;
  k.node.memoryPressure = true;
  k.node.pressureSeenAt = k.now;
  const victim = rankForEviction(k)[0];
  if (victim) evict(k, victim, available);
}

interface Candidate {
  rec: PodRecord;
  pod: Pod;
  usage: number;
  request: number;
  priority: number;
}

/** Usage above request first, then lower priority, then larger usage − request (§10.4). */
function rankForEviction(k: Kubelet): Candidate[] {
  const list: Candidate[] = [];
  for (const rec of Object.values(k.node.pods)) {
    if (rec.rejected || !rec.containers.some(isRunning)) continue;
    const pod = k.ctx.store.tryGet<Pod>('pods', rec.namespace, rec.name);
    if (!pod) continue;
    const usage = rec.containers.reduce((n, c) => n + (c.current ? memoryUsageBytes(c.current, k.now) : 0), 0);
    const request = pod.spec.containers.reduce((n, c) => n + quantityMilli(c.resources?.requests?.memory) / 1000, 0);
    list.push({ rec, pod, usage, request, priority: pod.spec.priority ?? 0 });
  }
  return list.sort(
    (a, b) =>
      Number(b.usage > b.request) - Number(a.usage > a.request) || a.priority - b.priority || b.usage - b.request - (a.usage - a.request),
  );
}

function evict(k: Kubelet, v: Candidate, availableBytes: number): void {
  const biggest = v.rec.containers.filter((c) => c.current).sort((a, b) => memoryUsageBytes(b.current!, k.now) - memoryUsageBytes(a.current!, k.now))[0];
  const usageKi = biggest?.current ? Math.floor(memoryUsageBytes(biggest.current, k.now) / 1024) : 0;
  const spec = v.pod.spec.containers.find((c) => c.name === biggest?.name);
  const message =
    `The node was low on resource: memory. Threshold quantity: 100Mi, available: ${Math.floor(availableBytes / 1024)}Ki. ` +
    `Container ${biggest?.name ?? ''} was using ${usageKi}Ki, request is ${spec?.resources?.requests?.memory ?? '0'}, has larger consumption of memory. `;
  for (const c of v.rec.containers) {
    if (isRunning(c)) k.runner.finish(c, c.current!, 137, 'Error', k.now);
    c.done = true;
  }
  k.reject(v.pod, v.rec, 'Evicted', message, '', true);
  k.sync(v.rec);
}

function conditions(k: Kubelet, prev: Node['status']['conditions'], at: string): Node['status']['conditions'] {
  const pressure = k.node.memoryPressure;
  const want: [string, boolean, string, string][] = [
    ['MemoryPressure', pressure, pressure ? 'KubeletHasInsufficientMemory' : 'KubeletHasSufficientMemory', pressure ? 'kubelet has insufficient memory available' : 'kubelet has sufficient memory available'],
    ['DiskPressure', false, 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
    ['PIDPressure', false, 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
    ['Ready', true, 'KubeletReady', 'kubelet is posting ready status'],
  ];
  return want.map(([type, on, reason, message]) => {
    const status = on ? 'True' : 'False';
    const shown = type === 'Ready' ? 'True' : status;
    const old = prev?.find((c) => c.type === type);
    const transition = old && old.status === shown ? old.lastTransitionTime : at;
    return { type, status: shown, lastHeartbeatTime: at, lastTransitionTime: transition, reason, message };
  });
}

/** Each pulled image once (a record is kept under every tag of the image). */
export function uniqueImages(k: Kubelet): ImageRecord[] {
  const seen = new Map<string, ImageRecord>();
  for (const img of Object.values(k.node.images)) if (!seen.has(img.id)) seen.set(img.id, img);
  return [...seen.values()];
}

function imagesStatus(k: Kubelet): { names: string[]; sizeBytes: number }[] {
  return uniqueImages(k)
    .map((img) => ({ names: [img.repoDigest, ...img.refs], sizeBytes: img.sizeBytes }))
    .sort((a, b) => b.sizeBytes - a.sizeBytes || (a.names[0] < b.names[0] ? -1 : 1))
    .slice(0, 50);
}

/** Writes the node status when it changed, or when the last report is 5 minutes old. */
export function reportStatus(k: Kubelet, force = false): void {
  const stale = k.now - k.node.lastReportAt >= NODE_STATUS_REPORT_MS;
  const node = k.nodeObject();
  // The kubelet compares with the node as the API has it: after the node controller set Ready
  // Unknown (a failed machine coming back), that differs, and the status is posted at once.
  const overwritten = node?.status?.conditions?.some((c) => c.type === 'Ready' && c.status !== 'True') === true;
  if (!force && !stale && !k.node.statusDirty && !overwritten) return;
  if (!node) return;
  const at = formatTimestamp(k.now);
  const next = { ...node.status, conditions: conditions(k, node.status?.conditions, at), images: imagesStatus(k) };
  k.node.statusDirty = false;
  if (!force && !stale && sameIgnoringHeartbeat(next, node.status)) return;
  k.node.lastReportAt = k.now;
  try {
    k.ctx.store.update({ ...node, status: next }, { subresource: 'status' });
  } catch (e) {
    if (!isStatusError(e)) throw e;
  }
}

function sameIgnoringHeartbeat(a: Node['status'], b: Node['status']): boolean {
  const strip = (s: Node['status']) => ({ ...s, conditions: s?.conditions?.map((c) => ({ ...c, lastHeartbeatTime: '' })) });
  return deepEqual(strip(a), strip(b));
}
