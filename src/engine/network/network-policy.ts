/**
 * NetworkPolicy semantics (networking.k8s.io/v1), as a CNI plugin that enforces them (Calico,
 * Cilium) applies them to a new connection: a pod selected by a policy with `Ingress` in its
 * policyTypes accepts only what some such policy's ingress rule allows (peer and port), and
 * likewise for `Egress` on the sending pod; pods no policy selects are open. Peers are pods by
 * podSelector (in the policy's namespace), namespaces by namespaceSelector (both: pods of those
 * namespaces), or ipBlock ranges (for addresses outside the pod network). Blocked packets are
 * dropped: clients time out.
 */
import type { ApiStore } from '../api/store.ts';
import type { KObject, LabelSelector, Namespace, Pod } from '../api/types.ts';
import { selectorMatches } from '../components/controllers/util.ts';
import { inCidr } from './route.ts';

/** The parts of a NetworkPolicy enforcement reads. */
export interface NetworkPolicyLike extends KObject {
  spec: {
    podSelector?: LabelSelector;
    policyTypes?: string[];
    ingress?: { from?: Peer[]; ports?: PolicyPort[] }[];
    egress?: { to?: Peer[]; ports?: PolicyPort[] }[];
  };
}

interface Peer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: { cidr: string; except?: string[] };
}

interface PolicyPort {
  protocol?: string;
  port?: number | string;
  endPort?: number;
}

/** One end of a connection: an address, and the pod holding it when it is one. */
export interface Endpoint {
  ip: string;
  pod?: Pod;
}

function policies(store: ApiStore, namespace: string): NetworkPolicyLike[] {
  try {
    return store.list<NetworkPolicyLike>('networkpolicies', { namespace }).items;
  } catch {
    return [];
  }
}

/** True when some NetworkPolicy exists at all (the traffic model skips the checks otherwise). */
export function anyPolicies(store: ApiStore): boolean {
  try {
    return store.count('networkpolicies') > 0;
  } catch {
    return false;
  }
}

function namespaceLabels(store: ApiStore, ns: string): Record<string, string> {
  const n = store.tryGet<Namespace>('namespaces', '', ns);
  return { 'kubernetes.io/metadata.name': ns, ...(n?.metadata.labels ?? {}) };
}

function peerMatches(store: ApiStore, peer: Peer, policyNs: string, other: Endpoint): boolean {
  if (peer.ipBlock) {
    if (other.pod) return false; // ipBlock is for addresses outside the pod network
    return inCidr(other.ip, peer.ipBlock.cidr) && !(peer.ipBlock.except ?? []).some((c) => inCidr(other.ip, c));
  }
  const pod = other.pod;
  if (!pod) return false;
  const ns = pod.metadata.namespace ?? '';
  if (peer.namespaceSelector) {
    if (!selectorMatches(peer.namespaceSelector, namespaceLabels(store, ns))) return false;
  } else if (ns !== policyNs) return false;
  return peer.podSelector ? selectorMatches(peer.podSelector, pod.metadata.labels ?? {}) : true;
}

/** The port of a policy rule matches `port`/`proto` on `pod` (a named port is the pod's container port of that name). */
function portMatches(p: PolicyPort, pod: Pod, port: number, proto: string): boolean {
  if ((p.protocol ?? 'TCP').toLowerCase() !== proto) return false;
  if (p.port === undefined) return true;
  if (typeof p.port === 'string') {
    return pod.spec.containers.some((c) => (c.ports ?? []).some((cp) => cp.name === p.port && cp.containerPort === port));
  }
  return port >= p.port && port <= (p.endPort ?? p.port);
}

function ruleAllows(store: ApiStore, ns: string, peers: Peer[] | undefined, ports: PolicyPort[] | undefined, other: Endpoint, portPod: Pod, port: number, proto: string): boolean {
  const peerOk = !peers || peers.length === 0 || peers.some((p) => peerMatches(store, p, ns, other));
  const portOk = !ports || ports.length === 0 || ports.some((p) => portMatches(p, portPod, port, proto));
  return peerOk && portOk;
}

/** Whether `dst` (a pod) accepts a connection from `src` on `port`/`proto`. */
export function ingressAllowed(store: ApiStore, src: Endpoint, dst: Pod, port: number, proto: string): boolean {
  const ns = dst.metadata.namespace ?? '';
  const selecting = policies(store, ns).filter((p) => (p.spec.policyTypes ?? ['Ingress']).includes('Ingress') && selectorMatches(p.spec.podSelector ?? {}, dst.metadata.labels ?? {}));
  if (selecting.length === 0) return true;
  return selecting.some((p) => (p.spec.ingress ?? []).some((r) => ruleAllows(store, ns, r.from, r.ports, src, dst, port, proto)));
}

/** Whether `src` (a pod) may open a connection to `dst` on `port`/`proto`. */
export function egressAllowed(store: ApiStore, src: Pod, dst: Endpoint, port: number, proto: string): boolean {
  const ns = src.metadata.namespace ?? '';
  const selecting = policies(store, ns).filter((p) => (p.spec.policyTypes ?? []).includes('Egress') && selectorMatches(p.spec.podSelector ?? {}, src.metadata.labels ?? {}));
  if (selecting.length === 0) return true;
  return selecting.some((p) => (p.spec.egress ?? []).some((r) => ruleAllows(store, ns, r.to, r.ports, dst, dst.pod ?? src, port, proto)));
}

/** Both ends' policies: egress of the source pod, ingress of the destination pod. */
export function connectionAllowed(store: ApiStore, src: Endpoint, dst: Endpoint, port: number, proto: string): boolean {
  if (src.pod && !egressAllowed(store, src.pod, dst, port, proto)) return false;
  return !dst.pod || ingressAllowed(store, src, dst.pod, port, proto);
}
