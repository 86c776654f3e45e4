/**
 * PodInfo: a pod with what plugins read precomputed once — its resource requests the way
 * `resource.PodRequests` sums them (app containers, init containers and sidecars, overhead), the
 * non-zero variant scoring uses, host ports, and its (anti-)affinity terms made ready to match.
 */
import { objectKey } from '../../../api/object-key.ts';
import { cpuMilli, memoryBytes } from '../../../api/quantity.ts';
import { labelSelectorRequirements, matchesLabels } from '../../../api/selectors.ts';
import type { Container, LabelSelector, Pod, ResourceList } from '../../../api/types.ts';
import type { AffinityTerm, HostPort, PodInfo, Resource, WeightedAffinityTerm } from './types.ts';

/** schedutil.DefaultMilliCPURequest / DefaultMemoryRequest (200 * 1024 * 1024). */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

export const emptyResource = (): Resource => ({ milliCPU: 0, memory: 0, ephemeralStorage: 0 });

const NONE: readonly never[] = Object.freeze([]);

export function podInfo(pod: Pod): PodInfo {
  const requests = podRequests(pod, false);
  // Where every container requests cpu and memory, the non-zero sum is the same sum.
  const nonZero = requestsCpuAndMemory(pod) ? requests : podRequests(pod, true);
  const ns = pod.metadata.namespace ?? '';
  const ports = hostPorts(pod);
  const affinity = pod.spec.affinity as PodAffinitySpec | undefined;
  // Most pods have no pod (anti-)affinity: they share the frozen empty lists.
  const a = affinity?.podAffinity;
  const anti = affinity?.podAntiAffinity;
  return {
    pod,
    key: objectKey(pod),
    requests,
    nonZeroMilliCPU: nonZero.milliCPU,
    nonZeroMemory: nonZero.memory,
    hostPorts: ports.length === 0 ? NONE : ports,
    requiredAffinityTerms: a?.requiredDuringSchedulingIgnoredDuringExecution?.map((t) => affinityTerm(t, ns)) ?? NONE,
    requiredAntiAffinityTerms: anti?.requiredDuringSchedulingIgnoredDuringExecution?.map((t) => affinityTerm(t, ns)) ?? NONE,
    preferredAffinityTerms: a?.preferredDuringSchedulingIgnoredDuringExecution?.map((t) => weightedTerm(t, ns)) ?? NONE,
    preferredAntiAffinityTerms: anti?.preferredDuringSchedulingIgnoredDuringExecution?.map((t) => weightedTerm(t, ns)) ?? NONE,
  };
}

/** Every app and init container names both a cpu and a memory request. */
function requestsCpuAndMemory(pod: Pod): boolean {
  for (const list of [pod.spec.containers, pod.spec.initContainers]) {
    for (const c of list ?? []) {
      const r = c.resources?.requests;
      if (!r || !Object.hasOwn(r, 'cpu') || !Object.hasOwn(r, 'memory')) return false;
    }
  }
  return true;
}

/** Does the pod have any pod (anti-)affinity term (NodeInfo.PodsWithAffinity)? */
export const hasAffinity = (p: PodInfo): boolean =>
  p.requiredAffinityTerms.length + p.requiredAntiAffinityTerms.length + p.preferredAffinityTerms.length + p.preferredAntiAffinityTerms.length > 0;

/**
 * resource.PodRequests: Σ app containers; init containers run one at a time (each with the
 * sidecars started before it), sidecars (`restartPolicy: Always` init containers) keep running
 * beside the app; the pod needs the larger of the two, plus its overhead. With `nonZero`, a
 * container without a cpu / memory request counts 100m / 200Mi (scoring's NonMissingContainerRequests).
 */
export function podRequests(pod: Pod, nonZero: boolean): Resource {
  const reqs = emptyResource();
  for (const c of pod.spec.containers ?? []) addTo(reqs, containerRequests(c, nonZero));
  const overhead = pod.spec.overhead as ResourceList | undefined;
  if (!pod.spec.initContainers?.length) {
    if (overhead) addTo(reqs, resourceFrom(overhead));
    return reqs;
  }
  let sidecars = emptyResource();
  let initMax = emptyResource();
  for (const c of pod.spec.initContainers ?? []) {
    const r = containerRequests(c, nonZero);
    if (c.restartPolicy === 'Always') {
      addTo(reqs, r);
      sidecars = sum(sidecars, r);
      initMax = max(initMax, sidecars);
    } else {
      initMax = max(initMax, sum(r, sidecars));
    }
  }
  const out = max(reqs, initMax);
  if (overhead) addTo(out, resourceFrom(overhead));
  return out;
}

function containerRequests(c: Container, nonZero: boolean): Resource {
  const requests = c.resources?.requests ?? {};
  const r = resourceFrom(requests);
  if (nonZero) {
    if (!Object.hasOwn(requests, 'cpu')) r.milliCPU = DEFAULT_MILLI_CPU_REQUEST;
    if (!Object.hasOwn(requests, 'memory')) r.memory = DEFAULT_MEMORY_REQUEST;
  }
  return r;
}

/** A ResourceList in scheduler units; unparsable values count as 0 (admission rejects them earlier). */
export function resourceFrom(list: ResourceList): Resource {
  const r = emptyResource();
  for (const [name, value] of Object.entries(list)) {
    try {
      if (name === 'cpu') r.milliCPU = cpuMilli(value);
      else if (name === 'memory') r.memory = memoryBytes(value);
      else if (name === 'ephemeral-storage') r.ephemeralStorage = memoryBytes(value);
      else if (name !== 'pods') (r.scalar ??= {})[name] = memoryBytes(value);
    } catch {
      // keep 0
    }
  }
  return r;
}

export function addTo(into: Resource, r: Resource, sign = 1): void {
  into.milliCPU += sign * r.milliCPU;
  into.memory += sign * r.memory;
  into.ephemeralStorage += sign * r.ephemeralStorage;
  if (r.scalar) {
    const s = (into.scalar ??= {});
    for (const [k, v] of Object.entries(r.scalar)) s[k] = (s[k] ?? 0) + sign * v;
  }
}

function sum(a: Resource, b: Resource): Resource {
  const out = { ...a, scalar: a.scalar ? { ...a.scalar } : undefined };
  addTo(out, b);
  return out;
}

function max(a: Resource, b: Resource): Resource {
  const out: Resource = {
    milliCPU: Math.max(a.milliCPU, b.milliCPU),
    memory: Math.max(a.memory, b.memory),
    ephemeralStorage: Math.max(a.ephemeralStorage, b.ephemeralStorage),
  };
  if (a.scalar || b.scalar) {
    out.scalar = { ...a.scalar };
    for (const [k, v] of Object.entries(b.scalar ?? {})) out.scalar[k] = Math.max(out.scalar[k] ?? 0, v);
  }
  return out;
}

function hostPorts(pod: Pod): HostPort[] {
  const out: HostPort[] = [];
  // v1.31 counts the app containers' ports only (init containers and sidecars came in v1.34).
  for (const c of pod.spec.containers ?? []) {
    for (const p of c.ports ?? []) {
      if (p.hostPort && p.hostPort > 0) out.push({ protocol: p.protocol || 'TCP', hostIP: (p as { hostIP?: string }).hostIP || '0.0.0.0', hostPort: p.hostPort });
    }
  }
  return out;
}

// ---- (anti-)affinity terms -------------------------------------------------------------------

interface PodAffinityTermSpec {
  labelSelector?: LabelSelector;
  namespaces?: string[];
  namespaceSelector?: LabelSelector;
  topologyKey: string;
}

interface PodAffinitySpec {
  podAffinity?: AffinityLists;
  podAntiAffinity?: AffinityLists;
}

interface AffinityLists {
  requiredDuringSchedulingIgnoredDuringExecution?: PodAffinityTermSpec[];
  preferredDuringSchedulingIgnoredDuringExecution?: { weight: number; podAffinityTerm: PodAffinityTermSpec }[];
}

/**
 * A term's namespaces are its `namespaces` plus those its `namespaceSelector` picks; with neither,
 * the pod's own namespace. An empty namespaceSelector (`{}`) picks every namespace. A nil
 * labelSelector matches nothing; an empty one matches everything.
 */
function affinityTerm(t: PodAffinityTermSpec, podNamespace: string): AffinityTerm {
  const names = new Set(t.namespaces ?? []);
  const nsSel = t.namespaceSelector;
  const allNamespaces = nsSel !== undefined && nsSel !== null && labelSelectorRequirements(nsSel).length === 0;
  if (names.size === 0 && (nsSel === undefined || nsSel === null)) names.add(podNamespace);
  const reqs = t.labelSelector ? labelSelectorRequirements(t.labelSelector) : undefined;
  const nsReqs = nsSel && !allNamespaces ? labelSelectorRequirements(nsSel) : undefined;
  return {
    namespaces: names,
    allNamespaces,
    namespaceMatches: nsReqs ? (labels) => matchesLabels(nsReqs, labels) : undefined,
    matches: reqs ? (labels) => matchesLabels(reqs, labels) : () => false,
    topologyKey: t.topologyKey,
  };
}

function weightedTerm(t: { weight: number; podAffinityTerm: PodAffinityTermSpec }, ns: string): WeightedAffinityTerm {
  return { ...affinityTerm(t.podAffinityTerm, ns), weight: t.weight };
}
