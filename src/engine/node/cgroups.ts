/**
 * The kubelet's resource formulas in one named place (reference §10): QoS class, cgroup v2 file
 * values (cpu.weight, cpu.max, memory.max), oom_score_adj and the systemd cgroup paths of a
 * kubeadm v1.31 node (cgroupDriver systemd, containerd). Sources: pkg/kubelet/cm/helpers_linux.go
 * (MilliCPUToShares, MilliCPUToQuota, ResourceConfigForPod), pkg/kubelet/kuberuntime/
 * helpers_linux.go, pkg/kubelet/qos/policy.go, runc libcontainer/cgroups (shares → weight).
 *
 * All integer arithmetic is Go's (truncating division).
 */
import { podQOSClass } from '../api/admission/resources.ts';
import { QuantityError, cpuMilli, memoryBytes } from '../api/quantity.ts';
import type { Container, Pod, PodSpec } from '../api/types.ts';
import type { CgroupValues } from './types.ts';

export type QosClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

/**
 * The pod's QoS class (§10.1): one implementation, shared with admission, which stamps it into
 * `status.qosClass` (pkg/apis/core/helper/qos GetPodQOS over app and init containers).
 */
export function qosClass(spec: PodSpec): QosClass {
  return podQOSClass(spec);
}

/** cm.MinShares / cm.MaxShares / cm.SharesPerCPU. */
export const CPU_SHARES_MIN = 2;
export const CPU_SHARES_MAX = 262_144;
export const CPU_SHARES_PER_CPU = 1024;
/** The CFS period the kubelet uses (CPUCFSQuotaPeriod gate off): 100 ms. */
export const CFS_PERIOD_US = 100_000;
/** cm.MinQuotaPeriod: the smallest quota the kubelet writes. */
export const CFS_QUOTA_MIN_US = 1000;

/**
 * MilliCPUToShares: cgroup v1 cpu.shares for a cpu request (0 → 2, clamped to [2, 262144]).
 * @example cpuShares(250) // 256
 */
export function cpuShares(milli: number): number {
  if (milli <= 0) return CPU_SHARES_MIN;
  const shares = Math.trunc((milli * CPU_SHARES_PER_CPU) / 1000);
  return Math.min(Math.max(shares, CPU_SHARES_MIN), CPU_SHARES_MAX);
}

/**
 * cgroup v2 cpu.weight from shares, the classic linear mapping of KEP-2254
 * (`1 + ((shares − 2) × 9999) / 262142`). This is the one a v1.31 node uses everywhere: the
 * kubelet's own pod and QoS cgroups, and the container cgroups through runc < 1.3.2 (containerd
 * 1.7 ships runc 1.1/1.2). 0 shares means "unset" and maps to 0, as in runc.
 * @example cpuWeightFromShares(1024) // 39
 */
export function cpuWeightFromShares(shares: number): number {
  if (shares <= 0) return 0;
  return 1 + Math.trunc(((shares - 2) * 9999) / 262_142);
}

/**
 * The newer quadratic-in-log mapping (runc ≥ 1.3.2 / crun ≥ 1.23, container cgroups only), for
 * display next to the linear one: `ceil(10^((L² + 125L)/612 − 7/34))` with `L = log2(shares)`,
 * so that 1024 shares (1 CPU) gives the cgroup default weight 100.
 * @example cpuWeightFromSharesNew(1024) // 100
 */
export function cpuWeightFromSharesNew(shares: number): number {
  if (shares <= 0) return 0;
  if (shares <= CPU_SHARES_MIN) return 1;
  if (shares >= CPU_SHARES_MAX) return 10_000;
  const l = Math.log2(shares);
  return Math.ceil(10 ** ((l * l + 125 * l) / 612 - 7 / 34));
}

/**
 * MilliCPUToQuota: CFS quota in µs for a cpu limit; 0 (no limit) stays 0, anything else is at
 * least 1000 µs.
 * @example cpuQuota(500) // 50000
 */
export function cpuQuota(milliLimit: number, periodUs: number = CFS_PERIOD_US): number {
  if (milliLimit <= 0) return 0;
  return Math.max(Math.trunc((milliLimit * periodUs) / 1000), CFS_QUOTA_MIN_US);
}

/** `cpu.max` as the file reads: `max 100000` without a limit, else `<quota> <period>`. */
export function cpuMaxFile(milliLimit: number, periodUs: number = CFS_PERIOD_US): string {
  const quota = cpuQuota(milliLimit, periodUs);
  return `${quota === 0 ? 'max' : quota} ${periodUs}`;
}

/** `memory.max` as the file reads: `max` without a limit, else the bytes. */
export function memoryMaxFile(bytesLimit: number): string {
  return bytesLimit > 0 ? String(bytesLimit) : 'max';
}

/** qos/policy.go: the kubelet itself (and the runtime, kube-proxy). */
export const KUBELET_OOM_SCORE_ADJ = -999;
export const KUBE_PROXY_OOM_SCORE_ADJ = -999;
/** qos/policy.go guaranteedOOMScoreAdj: Guaranteed containers and node-critical pods. */
export const GUARANTEED_OOM_SCORE_ADJ = -997;
/** qos/policy.go besteffortOOMScoreAdj. */
export const BEST_EFFORT_OOM_SCORE_ADJ = 1000;

export interface OomScoreInput {
  qos: QosClass;
  /** The container's memory request (Burstable only). */
  memoryBytesRequest: number;
  nodeMemoryBytesCapacity: number;
  /** types.IsNodeCriticalPod (see {@link isNodeCriticalPod}). */
  critical: boolean;
}

/**
 * GetContainerOOMScoreAdjust (§10.2): −997 for node-critical and Guaranteed, 1000 for BestEffort,
 * else `1000 − 1000 × request / capacity` kept within [3, 999] so Burstable containers always
 * die after Guaranteed ones and before BestEffort ones.
 */
export function oomScoreAdj({ qos, memoryBytesRequest, nodeMemoryBytesCapacity, critical }: OomScoreInput): number {
  if (critical || qos === 'Guaranteed') return GUARANTEED_OOM_SCORE_ADJ;
  if (qos === 'BestEffort') return BEST_EFFORT_OOM_SCORE_ADJ;
  // BigInt: Go's int64 product and truncating division, exact for any node size.
  const adjust = 1000 - Number((1000n * BigInt(memoryBytesRequest)) / BigInt(nodeMemoryBytesCapacity));
  if (adjust < 1000 + GUARANTEED_OOM_SCORE_ADJ) return 1000 + GUARANTEED_OOM_SCORE_ADJ;
  if (adjust === BEST_EFFORT_OOM_SCORE_ADJ) return adjust - 1;
  return adjust;
}

/** scheduling.SystemCriticalPriority: 2 × 10^9. */
export const SYSTEM_CRITICAL_PRIORITY = 2_000_000_000;

/** kubelettypes.IsCriticalPod: static or mirror pods, or priority ≥ SystemCriticalPriority. */
export function isCriticalPod(pod: Pick<Pod, 'metadata' | 'spec'>): boolean {
  const annotations = pod.metadata.annotations ?? {};
  const source = annotations['kubernetes.io/config.source'];
  const isStatic = source !== undefined && source !== 'api';
  const isMirror = annotations['kubernetes.io/config.mirror'] !== undefined;
  return isStatic || isMirror || (pod.spec.priority ?? 0) >= SYSTEM_CRITICAL_PRIORITY;
}

/** kubelettypes.IsNodeCriticalPod: critical and in priority class system-node-critical. */
export function isNodeCriticalPod(pod: Pick<Pod, 'metadata' | 'spec'>): boolean {
  return isCriticalPod(pod) && pod.spec.priorityClassName === 'system-node-critical';
}

/** The node-level slice every pod cgroup lives under (cgroupRoot `/`, kubepods enforced). */
export const KUBEPODS_SLICE = 'kubepods.slice';

/** systemd unit names cannot hold `-` inside a component: the kubelet escapes a pod UID's dashes. */
export function escapePodUid(uid: string): string {
  return uid.replaceAll('-', '_');
}

/** The QoS-level cgroup: Guaranteed pods sit directly under kubepods.slice. */
export function qosCgroupPath(qos: QosClass): string {
  if (qos === 'Guaranteed') return KUBEPODS_SLICE;
  const level = qos === 'Burstable' ? 'burstable' : 'besteffort';
  return `${KUBEPODS_SLICE}/kubepods-${level}.slice`;
}

/**
 * The pod cgroup under /sys/fs/cgroup, systemd naming.
 * @example podCgroupPath('Burstable', 'a-b') // 'kubepods.slice/kubepods-burstable.slice/kubepods-burstable-poda_b.slice'
 */
export function podCgroupPath(qos: QosClass, uid: string): string {
  const prefix = qos === 'Guaranteed' ? 'kubepods' : qos === 'Burstable' ? 'kubepods-burstable' : 'kubepods-besteffort';
  return `${qosCgroupPath(qos)}/${prefix}-pod${escapePodUid(uid)}.slice`;
}

/** The container's cgroup: containerd's systemd scope `cri-containerd-<id>.scope` in the pod slice. */
export function containerCgroupPath(qos: QosClass, uid: string, containerId: string): string {
  return `${podCgroupPath(qos, uid)}/cri-containerd-${containerId}.scope`;
}

/** A container's cpu/memory request and limit (0 when absent), as Quantity.MilliValue()/Value() read them. */
export interface ContainerResourceValues {
  cpuMilliRequest: number;
  cpuMilliLimit: number;
  memoryBytesRequest: number;
  memoryBytesLimit: number;
}

function quantityOr0(list: Record<string, string> | undefined, name: string, read: (s: string) => number): number {
  const text = list?.[name];
  if (text === undefined) return 0;
  try {
    return read(String(text));
  } catch (e) {
    if (e instanceof QuantityError) return 0; // never reaches storage; treat as unset
    throw e;
  }
}

/** The container's requests and limits in milli-cpu and bytes. */
export function containerResources(container: Pick<Container, 'resources'>): ContainerResourceValues {
  const { requests, limits } = container.resources ?? {};
  return {
    cpuMilliRequest: quantityOr0(requests, 'cpu', cpuMilli),
    cpuMilliLimit: quantityOr0(limits, 'cpu', cpuMilli),
    memoryBytesRequest: quantityOr0(requests, 'memory', memoryBytes),
    memoryBytesLimit: quantityOr0(limits, 'memory', memoryBytes),
  };
}

type Pick1 = (c: ContainerResourceValues) => number;

/**
 * resource.PodRequests / PodLimits for one value: app containers summed, restartable (sidecar)
 * init containers added, each regular init container (plus the sidecars before it) as a floor.
 */
function podTotal(spec: PodSpec, pick: Pick1): number {
  let total = 0;
  for (const c of spec.containers ?? []) total += pick(containerResources(c));
  let sidecars = 0;
  let initFloor = 0;
  for (const c of spec.initContainers ?? []) {
    const v = pick(containerResources(c));
    if (c.restartPolicy === 'Always') {
      total += v;
      sidecars += v;
      initFloor = Math.max(initFloor, sidecars);
    } else {
      initFloor = Math.max(initFloor, v + sidecars);
    }
  }
  return Math.max(total, initFloor);
}

/** The pod's totals and whether every container (app and init) sets each limit. */
export interface PodResourceTotals {
  cpuMilliRequest: number;
  cpuMilliLimit: number;
  memoryBytesRequest: number;
  memoryBytesLimit: number;
  cpuLimitsDeclared: boolean;
  memoryLimitsDeclared: boolean;
}

/**
 * The sums ResourceConfigForPod works from. Pod overhead (RuntimeClass) is added to requests,
 * and to a limit only where the pod has that limit at all (PodLimits).
 */
export function podResourceTotals(spec: PodSpec): PodResourceTotals {
  const overhead = containerResources({ resources: { requests: spec.overhead as Record<string, string> | undefined } });
  const all = [...(spec.containers ?? []), ...(spec.initContainers ?? [])].map(containerResources);
  const cpuMilliLimit = podTotal(spec, (r) => r.cpuMilliLimit);
  const memoryBytesLimit = podTotal(spec, (r) => r.memoryBytesLimit);
  return {
    cpuMilliRequest: podTotal(spec, (r) => r.cpuMilliRequest) + overhead.cpuMilliRequest,
    cpuMilliLimit: cpuMilliLimit > 0 ? cpuMilliLimit + overhead.cpuMilliRequest : 0,
    memoryBytesRequest: podTotal(spec, (r) => r.memoryBytesRequest) + overhead.memoryBytesRequest,
    memoryBytesLimit: memoryBytesLimit > 0 ? memoryBytesLimit + overhead.memoryBytesRequest : 0,
    cpuLimitsDeclared: all.every((r) => r.cpuMilliLimit > 0),
    memoryLimitsDeclared: all.every((r) => r.memoryBytesLimit > 0),
  };
}

/** The cgroup files the kubelet writes on a pod, QoS or node-level slice. */
export interface SliceCgroupValues {
  path: string;
  cpuWeight: number;
  cpuMax: string;
  memoryMax: string;
}

/**
 * ResourceConfigForPod: the pod slice. Guaranteed: weight from summed requests, quota from summed
 * limits, memory.max = summed limits. Burstable: weight from requests; quota and memory.max only
 * when every container sets that limit. BestEffort: minimum weight, no limits.
 */
export function podCgroupValues(pod: Pick<Pod, 'metadata' | 'spec'>): SliceCgroupValues {
  const qos = qosClass(pod.spec);
  const t = podResourceTotals(pod.spec);
  const path = podCgroupPath(qos, pod.metadata.uid ?? '');
  if (qos === 'BestEffort') return { path, cpuWeight: cpuWeightFromShares(CPU_SHARES_MIN), cpuMax: cpuMaxFile(0), memoryMax: 'max' };
  const guaranteed = qos === 'Guaranteed';
  return {
    path,
    cpuWeight: cpuWeightFromShares(cpuShares(t.cpuMilliRequest)),
    cpuMax: cpuMaxFile(guaranteed || t.cpuLimitsDeclared ? t.cpuMilliLimit : 0),
    memoryMax: memoryMaxFile(guaranteed || t.memoryLimitsDeclared ? t.memoryBytesLimit : 0),
  };
}

/**
 * qos_container_manager_linux.go: the burstable slice's weight follows the summed cpu requests of
 * the burstable pods on the node; besteffort gets the minimum. No limits (QOSReserved is off).
 * Guaranteed has no slice of its own: the values are those of kubepods.slice (see below).
 */
export function qosCgroupValues(qos: 'Burstable' | 'BestEffort', podsCpuMilliRequest: number): SliceCgroupValues {
  const shares = qos === 'Burstable' ? cpuShares(podsCpuMilliRequest) : CPU_SHARES_MIN;
  return { path: qosCgroupPath(qos), cpuWeight: cpuWeightFromShares(shares), cpuMax: cpuMaxFile(0), memoryMax: 'max' };
}

/**
 * node_container_manager_linux.go: kubepods.slice is capped at capacity minus kube/system
 * reserved (kubeadm sets none; the eviction threshold is *not* subtracted here).
 */
export function kubepodsCgroupValues(nodeCpuMilliCapacity: number, nodeMemoryBytesCapacity: number): SliceCgroupValues {
  return {
    path: KUBEPODS_SLICE,
    cpuWeight: cpuWeightFromShares(cpuShares(nodeCpuMilliCapacity)),
    cpuMax: cpuMaxFile(0),
    memoryMax: memoryMaxFile(nodeMemoryBytesCapacity),
  };
}

/**
 * Everything the kubelet and runtime write for one container (kuberuntime calculateLinuxResources
 * plus oom_score_adj): shares from the cpu request (or the limit when only a limit is set), quota
 * from the cpu limit, memory.max from the memory limit.
 */
export function containerCgroupValues(
  pod: Pick<Pod, 'metadata' | 'spec'>,
  container: Pick<Container, 'resources'>,
  nodeMemoryBytesCapacity: number,
  containerId: string,
): CgroupValues {
  const qos = qosClass(pod.spec);
  const r = containerResources(container);
  const sharesMilli = r.cpuMilliRequest === 0 && r.cpuMilliLimit > 0 ? r.cpuMilliLimit : r.cpuMilliRequest;
  return {
    cpuWeight: cpuWeightFromShares(cpuShares(sharesMilli)),
    cpuMax: cpuMaxFile(r.cpuMilliLimit),
    memoryMax: memoryMaxFile(r.memoryBytesLimit),
    memoryMin: '0',
    oomScoreAdj: oomScoreAdj({
      qos,
      memoryBytesRequest: r.memoryBytesRequest,
      nodeMemoryBytesCapacity,
      critical: isNodeCriticalPod(pod),
    }),
    path: containerCgroupPath(qos, pod.metadata.uid ?? '', containerId),
  };
}
