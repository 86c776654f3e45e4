/**
 * What the kube-system builders share: the constants of a default `kubeadm init` (v1.31), the node
 * facts they depend on, owner references whose UIDs the API server has yet to assign, and the
 * hashes controllers and the kubelet put into names and annotations.
 */
import { defaultTemplate } from '../api/admission/workload.ts';
import type { KObject, Node, OwnerReference } from '../api/types.ts';
import { Hasher } from '../kernel/hash.ts';
import { computeHash } from '../components/controllers/deployment/hash.ts';
import { deepClone } from '../kernel/objects.ts';
import { formatMicroTimestamp } from '../kernel/time.ts';
import { CONTROL_PLANE_ROLE_LABEL } from './nodes.ts';

export const KUBE_SYSTEM = 'kube-system';
export const KUBE_NODE_LEASE = 'kube-node-lease';
/** kubeadm's ClusterConfiguration.networking: podSubnet (as nodes.ts hands out /24s), serviceSubnet, dnsDomain. */
export const POD_SUBNET = '10.244.0.0/16';
export const SERVICE_SUBNET = '10.96.0.0/12';
export const CLUSTER_DOMAIN = 'cluster.local';
/** The tenth address of the service range, which kubeadm reserves for the cluster DNS Service. */
export const CLUSTER_DNS_IP = '10.96.0.10';
export const API_SERVER_PORT = 6443;
export const SYSTEM_NODE_CRITICAL = 'system-node-critical';
export const SYSTEM_CLUSTER_CRITICAL = 'system-cluster-critical';

/** What the builders need to know about a node: name, role and the address kubeadm advertises. */
export interface ClusterNodeInfo {
  name: string;
  controlPlane: boolean;
  /** The node's InternalIP, e.g. `172.18.0.2`. */
  internalIP: string;
}

/** The facts about a registered Node object that the builders use. */
export function clusterNodeInfo(node: Node): ClusterNodeInfo {
  const name = node.metadata.name ?? '';
  const labels = node.metadata.labels ?? {};
  const internal = node.status.addresses?.find((a) => a.type === 'InternalIP');
  return { name, controlPlane: Object.hasOwn(labels, CONTROL_PLANE_ROLE_LABEL), internalIP: internal?.address ?? '' };
}

/**
 * The uid of an owner reference built before its owner exists. The builders cannot know UIDs the
 * API server has yet to assign; `resolveOwnerUids` fills them in just before the create.
 */
export const PENDING_UID = '';

/** An owner reference to be resolved by name (controller + blockOwnerDeletion, as controllers set). */
export function controllerRef(apiVersion: string, kind: string, name: string): OwnerReference {
  return { apiVersion, kind, name, uid: PENDING_UID, controller: true, blockOwnerDeletion: true };
}

/** Looks up the uid of an object, or undefined when there is none. */
export type UidLookup = (apiVersion: string, kind: string, namespace: string, name: string) => string | undefined;

/**
 * A copy of `obj` with every pending owner uid filled from `uidOf` (the owner is looked up in the
 * object's namespace; cluster-scoped owners such as Nodes ignore it). Throws when an owner is missing.
 */
export function resolveOwnerUids(obj: KObject, uidOf: UidLookup): KObject {
  const refs = obj.metadata.ownerReferences;
  if (!refs?.some((r) => r.uid === PENDING_UID)) return obj;
  const ownerReferences = refs.map((r) => {
    if (r.uid !== PENDING_UID) return r;
    const uid = uidOf(r.apiVersion, r.kind, obj.metadata.namespace ?? '', r.name);
    if (!uid) throw new Error(`owner ${r.kind}/${r.name} of ${obj.kind}/${obj.metadata.name ?? ''} does not exist`);
    return { ...r, uid };
  });
  return { ...obj, metadata: { ...obj.metadata, ownerReferences } };
}

/** JSON with object keys sorted, so that a hash does not depend on key order. */
function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const entries = Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/**
 * controller.ComputeHash: the `pod-template-hash` / `controller-revision-hash` of a workload's pod
 * template as the API server stores it (defaulted), i.e. FNV-32a of the template, printed in
 * decimal and safe-encoded (`7c65d6cfc9`). Go hashes a spew dump rather than JSON, so the digits
 * differ from a real cluster's; what matters is that the same template always gives the same hash.
 * @param owner the Deployment or DaemonSet as it will be created (its template is defaulted on a copy)
 */
export function podTemplateHash(owner: KObject, collisionCount?: number): string {
  const spec = deepClone(owner.spec ?? {}) as Record<string, unknown>;
  defaultTemplate(owner, spec);
  // The same ComputeHash the deployment controller uses, so it adopts what the bootstrap made.
  return computeHash(spec.template, collisionCount);
}

/** A stable 32-hex-digit digest (the length of the md5 the kubelet puts in `kubernetes.io/config.hash`). */
export function manifestHash(obj: unknown): string {
  const text = canonicalJson(obj);
  return new Hasher().update(text).digest() + new Hasher(0x9e3779b9, 0x85ebca6b).update(text).digest();
}

/** time.Time in RFC 3339 with nanoseconds and trailing zeros trimmed (how the kubelet writes config.seen). */
export function formatNanoTimestamp(t: number): string {
  return formatMicroTimestamp(t).replace(/\.?0+Z$/, 'Z');
}
