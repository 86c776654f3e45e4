/**
 * The pod view's data ("inside a pod"): what the API says of the pod (spec, statuses, events)
 * joined with what its node knows (inspectPod: sandbox, namespaces, container runs, cgroup files,
 * usage over time, probe results, layers), plus one-line explanations of where each cgroup number
 * comes from, computed with the kubelet's own formulas. Runs in the worker when the Pod tab asks;
 * pure (reads the simulation, changes nothing).
 */
import type { Container, KEvent, Pod } from '../engine/api/types.ts';
import { CFS_PERIOD_US, CPU_SHARES_MIN, containerResources, cpuShares, cpuWeightFromShares, isNodeCriticalPod, qosClass } from '../engine/node/cgroups.ts';
import { memoryBytes } from '../engine/api/quantity.ts';
import { parseTimestamp } from '../engine/kernel/time.ts';
import type { Simulation } from '../engine/simulation.ts';
import { containerNumbers, VM_REFERENCE } from '../engine/docker/vm-compare.ts';
import { findImage } from '../engine/node/images.ts';
import type { CgroupExplanation, ContainersVsVms, PodDetail, PodDetailContainer, PodDetailReply, ProbeSpecView } from './protocol.ts';

/** How many of the pod's events the view lists (newest last). */
const EVENTS_SHOWN = 30;

export function podDetailReply(sim: Simulation, namespace: string, name: string): PodDetailReply {
  const pod = sim.store.tryGet<Pod>('pods', namespace, name);
  if (!pod) return { message: `pods "${name}" not found` };
  return { detail: podDetail(sim, pod) };
}

export function podDetail(sim: Simulation, pod: Pod): PodDetail {
  const namespace = pod.metadata.namespace ?? '';
  const name = pod.metadata.name ?? '';
  const nodeName = pod.spec.nodeName ?? '';
  const node = nodeName === '' ? undefined : sim.store.tryGet<{ status?: { capacity?: Record<string, string> } } & Pod>('nodes', '', nodeName);
  const capacityText = node?.status?.capacity?.memory;
  const capacity = capacityText === undefined ? 0 : memoryBytes(capacityText);
  const qos = qosClass(pod.spec);
  const critical = isNodeCriticalPod(pod);
  const statuses = new Map([...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])].map((s) => [s.name, s]));
  const containers: PodDetailContainer[] = [
    ...(pod.spec.initContainers ?? []).map((c) => container(c, true)),
    ...pod.spec.containers.map((c) => container(c, false)),
  ];
  function container(c: Container, init: boolean): PodDetailContainer {
    const r = containerResources(c);
    const s = statuses.get(c.name);
    const state = s?.state?.running ? 'Running' : s?.state?.terminated ? `Terminated: ${s.state.terminated.reason ?? ''}` : s?.state?.waiting ? `Waiting: ${s.state.waiting.reason ?? ''}` : 'Waiting';
    return {
      name: c.name,
      image: c.image ?? '',
      init,
      state,
      restartCount: s?.restartCount ?? 0,
      requests: { cpuMilli: r.cpuMilliRequest, memoryBytes: r.memoryBytesRequest },
      limits: { cpuMilli: r.cpuMilliLimit, memoryBytes: r.memoryBytesLimit },
      probes: probeSpecs(c),
      explain: explainCgroup(r, qos, critical, capacity),
    };
  }
  const agent = nodeName === '' ? undefined : sim.nodeAgent(nodeName);
  const inside = agent?.inspectPod(namespace, name);
  const detail: PodDetail = {
    namespace,
    name,
    uid: pod.metadata.uid ?? '',
    node: nodeName,
    phase: pod.status?.phase ?? 'Pending',
    qosClass: qos,
    now: sim.now,
    hostNetwork: pod.spec.hostNetwork === true,
    hostPID: pod.spec.hostPID === true,
    hostIPC: pod.spec.hostIPC === true,
    shareProcessNamespace: pod.spec.shareProcessNamespace === true,
    containers,
    volumes: ((pod.spec.volumes ?? []) as { name: string }[]).map((v) => ({ name: v.name, type: volumeType(v as unknown as Record<string, unknown>) })),
    events: podEvents(sim, pod),
  };
  if (nodeName !== '') {
    const vs = containersVsVms(sim, nodeName);
    if (vs) detail.vsVms = vs;
  }
  if (inside !== undefined && !('kind' in inside)) detail.inside = inside;
  else detail.insideMessage = insideMessage(nodeName, inside);
  return detail;
}

function insideMessage(nodeName: string, inside: { kind: string } | undefined): string {
  if (nodeName === '') return 'Not scheduled yet: no node runs this pod, so there are no containers, cgroups or namespaces.';
  if (inside?.kind === 'node-down') return `Node ${nodeName} is down: its kubelet cannot be asked.`;
  return `The kubelet on ${nodeName} has not taken this pod in yet.`;
}

function probeSpecs(c: Container): ProbeSpecView[] {
  const out: ProbeSpecView[] = [];
  for (const kind of ['startup', 'liveness', 'readiness'] as const) {
    const p = c[`${kind}Probe` as const] as Record<string, unknown> | undefined;
    if (!p) continue;
    const how = p.httpGet ? 'HTTP GET' : p.tcpSocket ? 'TCP' : p.grpc ? 'gRPC' : p.exec ? 'exec' : 'probe';
    out.push({
      kind,
      how,
      periodSeconds: num(p.periodSeconds, 10),
      failureThreshold: num(p.failureThreshold, 3),
      successThreshold: num(p.successThreshold, 1),
      initialDelaySeconds: num(p.initialDelaySeconds, 0),
    });
  }
  return out;
}

function num(v: unknown, fallback: number): number {
  return typeof v === 'number' ? v : fallback;
}

const VOLUME_SOURCES = ['emptyDir', 'configMap', 'secret', 'projected', 'persistentVolumeClaim', 'hostPath', 'downwardAPI', 'nfs', 'csi', 'ephemeral'];

function volumeType(v: Record<string, unknown>): string {
  return VOLUME_SOURCES.find((k) => v[k] !== undefined) ?? 'other';
}

function podEvents(sim: Simulation, pod: Pod): PodDetail['events'] {
  const uid = pod.metadata.uid;
  const events = sim.store
    .list<KEvent>('events', { namespace: pod.metadata.namespace ?? '' })
    .items.filter((e) => e.involvedObject?.kind === 'Pod' && e.involvedObject.name === pod.metadata.name && (uid === undefined || e.involvedObject.uid === undefined || e.involvedObject.uid === uid));
  const rows = events.map((e) => ({
    at: eventTime(e),
    type: e.type ?? 'Normal',
    reason: e.reason ?? '',
    message: e.message ?? '',
    count: e.count ?? 1,
  }));
  rows.sort((a, b) => a.at - b.at);
  return rows.slice(-EVENTS_SHOWN);
}

function eventTime(e: KEvent): number {
  const t = e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? e.metadata.creationTimestamp;
  return t ? parseTimestamp(t) : 0;
}

/**
 * Where each cgroup number comes from, in one line each, with the pod's own numbers
 * (kuberuntime's calculateLinuxResources and qos.GetContainerOOMScoreAdjust).
 */
export function explainCgroup(
  r: { cpuMilliRequest: number; cpuMilliLimit: number; memoryBytesRequest: number; memoryBytesLimit: number },
  qos: string,
  critical: boolean,
  nodeMemoryBytes: number,
): CgroupExplanation {
  const sharesFrom = r.cpuMilliRequest === 0 && r.cpuMilliLimit > 0 ? r.cpuMilliLimit : r.cpuMilliRequest;
  const shares = cpuShares(sharesFrom);
  const weight = cpuWeightFromShares(shares);
  const cpuWeight =
    sharesFrom === 0
      ? `No CPU request: the minimum ${CPU_SHARES_MIN} shares → weight ${weight}. It gets CPU only when others leave some.`
      : `${r.cpuMilliRequest === 0 ? 'CPU limit (no request)' : 'CPU request'} ${sharesFrom}m → ${shares} shares (m × 1024 / 1000) → weight 1 + (${shares} − 2) × 9999 / 262142 = ${weight}. Under contention CPU is split in proportion to weights.`;
  const quota = Math.floor((r.cpuMilliLimit * CFS_PERIOD_US) / 1000);
  const cpuMax =
    r.cpuMilliLimit === 0
      ? 'No CPU limit: "max" — the container may use any idle CPU, never throttled.'
      : `CPU limit ${r.cpuMilliLimit}m → ${quota} µs of CPU time per ${CFS_PERIOD_US} µs period; asking for more is throttled (waits for the next period).`;
  const memoryMax =
    r.memoryBytesLimit === 0
      ? 'No memory limit: "max" — only the node running out of memory stops it.'
      : `Memory limit → ${r.memoryBytesLimit} bytes. A working set above it is killed by the kernel's OOM killer: exit code 137 (128 + SIGKILL 9), reason OOMKilled.`;
  let oomScoreAdj: string;
  if (critical) oomScoreAdj = 'Node-critical pod: −997, like Guaranteed — killed last.';
  else if (qos === 'Guaranteed') oomScoreAdj = 'Guaranteed (requests = limits for CPU and memory in every container): −997 — killed last when the node runs out of memory.';
  else if (qos === 'BestEffort') oomScoreAdj = 'BestEffort (no requests or limits): 1000 — killed first when the node runs out of memory.';
  else {
    const raw = nodeMemoryBytes > 0 ? 1000 - Math.floor((1000 * r.memoryBytesRequest) / nodeMemoryBytes) : 1000;
    oomScoreAdj = `Burstable: 1000 − 1000 × memory request / node memory = 1000 − 1000 × ${r.memoryBytesRequest} / ${nodeMemoryBytes} = ${raw}, kept within 3…999.`;
  }
  return { cpuWeight, cpuMax, memoryMax, oomScoreAdj };
}

/**
 * The node's containers against the same apps as virtual machines, with the model's numbers:
 * one kernel and image layers stored once (from the node's reported images and the catalog's
 * layers) against a guest OS, its image and its boot per VM (vm-compare.ts, with sources).
 */
export function containersVsVms(sim: Simulation, nodeName: string): ContainersVsVms | undefined {
  const node = sim.store.tryGet<Pod & { status?: { images?: { names?: string[]; sizeBytes?: number }[] } }>('nodes', '', nodeName);
  if (!node) return undefined;
  const pods = sim.store.list<Pod>('pods').items.filter((p) => p.spec.nodeName === nodeName && p.status?.phase === 'Running');
  const apps: ContainersVsVms['apps'] = [];
  for (const p of pods) {
    for (const c of p.spec.containers) {
      const n = containerNumbers(c.image ?? '');
      apps.push({ pod: p.metadata.name ?? '', container: c.name, image: n?.image ?? c.image ?? '', imageBytes: n?.imageBytes.value ?? 0, warmStartMs: n?.warmStartMs.value ?? 0, coldPullMs: n?.coldPullMs.value ?? 0 });
    }
  }
  // Layers on the node's disk, each once, as the node's image list and the catalog describe them.
  const layers = new Map<string, number>();
  let imagesBytes = 0;
  for (const img of node.status?.images ?? []) {
    imagesBytes += img.sizeBytes ?? 0;
    const ref = img.names?.find((n) => !n.includes('@'));
    for (const l of (ref !== undefined ? findImage(ref)?.layers : undefined) ?? []) layers.set(l.digest, l.sizeBytes);
  }
  const usage = sim.nodeAgent(nodeName)?.podUsage() ?? [];
  const memoryBytes = usage.filter((u) => pods.some((p) => p.metadata.name === u.name && p.metadata.namespace === u.namespace)).reduce((n, u) => n + u.containers.reduce((m, c) => m + c.memoryBytes, 0), 0);
  const vm = VM_REFERENCE[0];
  return {
    node: nodeName,
    apps,
    kernels: 1,
    layersOnDisk: layers.size,
    diskBytes: [...layers.values()].reduce((a, b) => a + b, 0),
    imagesBytes,
    appsMemoryBytes: memoryBytes,
    vm: {
      name: vm.name,
      imageBytes: vm.imageBytes.value,
      bootMs: vm.bootMs.value,
      idleMemoryBytes: vm.idleMemoryBytes.value,
      sources: [vm.imageBytes.source, vm.bootMs.source, vm.idleMemoryBytes.source],
    },
    sources: { images: 'src/engine/node/image-catalog.ts', timing: 'src/engine/components/kubelet/timing.ts', vms: 'src/engine/docker/vm-compare.ts' },
  };
}
