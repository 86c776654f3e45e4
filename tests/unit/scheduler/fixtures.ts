/**
 * Fixture builders for scheduler plugin tests, in the shape of kubernetes' st.MakePod() /
 * st.MakeNode(): plain API objects, made into PodInfo / NodeInfo / Snapshot by the framework's
 * own builders.
 */
import type { Container, Node, Pod, Taint } from '../../../src/engine/api/types.ts';
import { newNodeInfo, snapshotOf } from '../../../src/engine/components/scheduler/framework/node-info.ts';
import { podInfo } from '../../../src/engine/components/scheduler/framework/pod-info.ts';
import type { NodeInfo, PodInfo, Snapshot } from '../../../src/engine/components/scheduler/framework/types.ts';

export interface NodeOpts {
  cpu?: string;
  memory?: string;
  pods?: string;
  labels?: Record<string, string>;
  taints?: Taint[];
  unschedulable?: boolean;
  images?: { names: string[]; sizeBytes: number }[];
  extra?: Record<string, string>;
}

export function newNode(name: string, o: NodeOpts = {}): Node {
  const allocatable: Record<string, string> = { cpu: o.cpu ?? '4', memory: o.memory ?? '8Gi', pods: o.pods ?? '110', ...o.extra };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...o.labels } },
    spec: { taints: o.taints, unschedulable: o.unschedulable },
    status: { allocatable, capacity: allocatable, images: o.images ?? [] },
  };
}

export interface PodOpts {
  namespace?: string;
  labels?: Record<string, string>;
  /** One container per entry: requests (omit a key to leave it unset). */
  containers?: Record<string, string>[];
  initContainers?: Record<string, string>[];
  images?: string[];
  initImages?: string[];
  nodeName?: string;
  spec?: Record<string, unknown>;
  priority?: number;
}

export function newPod(name: string, o: PodOpts = {}): Pod {
  const mk = (reqs: Record<string, string> | undefined, i: number, image: string | undefined, prefix: string): Container => ({
    name: `${prefix}${i}`,
    image: image ?? 'nginx:1.27',
    ...(reqs && Object.keys(reqs).length > 0 ? { resources: { requests: reqs } } : {}),
  });
  const n = Math.max(o.containers?.length ?? 0, o.images?.length ?? 0, o.containers ? 0 : 1);
  const containers = Array.from({ length: n }, (_, i) => mk(o.containers?.[i], i, o.images?.[i], 'c'));
  const ni = Math.max(o.initContainers?.length ?? 0, o.initImages?.length ?? 0);
  const initContainers = Array.from({ length: ni }, (_, i) => mk(o.initContainers?.[i], i, o.initImages?.[i], 'init'));
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: o.namespace ?? 'default', labels: o.labels, uid: `uid-${name}` },
    spec: {
      containers,
      ...(ni > 0 ? { initContainers } : {}),
      ...(o.nodeName ? { nodeName: o.nodeName } : {}),
      priority: o.priority ?? 0,
      ...o.spec,
    },
    status: { phase: o.nodeName ? 'Running' : 'Pending' },
  };
}

export const info = (p: Pod): PodInfo => podInfo(p);

/** NodeInfos for nodes with the pods (by spec.nodeName) on them, and the snapshot over them. */
export function cluster(nodes: Node[], pods: Pod[] = []): { infos: NodeInfo[]; snapshot: Snapshot } {
  const infos = nodes.map((n) =>
    newNodeInfo(
      n,
      pods.filter((p) => p.spec.nodeName === n.metadata.name).map(podInfo),
    ),
  );
  return { infos, snapshot: snapshotOf(infos) };
}

export const MB = 1024 * 1024;

export interface PDBOpts {
  namespace?: string;
  matchLabels?: Record<string, string>;
  disruptionsAllowed?: number;
  disruptedPods?: Record<string, string>;
}

/** A policy/v1 PodDisruptionBudget with the fields preemption reads (status as the controller would fill it). */
export function newPDB(name: string, o: PDBOpts = {}): import('../../../src/engine/api/types.ts').KObject {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name, namespace: o.namespace ?? 'default', uid: `uid-${name}` },
    spec: { selector: o.matchLabels ? { matchLabels: o.matchLabels } : undefined },
    status: { disruptionsAllowed: o.disruptionsAllowed ?? 0, ...(o.disruptedPods ? { disruptedPods: o.disruptedPods } : {}) },
  };
}

/**
 * A pod whose one app container asks for host ports, each `PROTOCOL/hostIP/hostPort` as upstream's
 * nodeports test writes them (`UDP/127.0.0.1/8080`; an empty protocol or hostIP is left unset).
 */
export function hostPortPod(name: string, ports: string[], o: PodOpts = {}): Pod {
  const containerPorts = ports.map((s) => {
    const [protocol, hostIP, port] = s.split('/');
    return { containerPort: Number(port), hostPort: Number(port), ...(protocol ? { protocol } : {}), ...(hostIP ? { hostIP } : {}) };
  });
  return newPod(name, { ...o, spec: { ...o.spec, containers: [{ name: 'c0', image: 'nginx:1.27', ports: containerPorts }] } });
}

// ---- API objects plugins list through the handle (Services, ReplicaSets, Namespaces) ----------

type KObj = import('../../../src/engine/api/types.ts').KObject;
type Handle = import('../../../src/engine/components/scheduler/framework/types.ts').FrameworkHandle;

/** The resources the API store serves today (ReplicationControllers and StatefulSets are not yet). */
export const SERVED_RESOURCES: readonly string[] = ['namespaces', 'nodes', 'pods', 'services', 'replicasets', 'deployments', 'daemonsets'];

/**
 * A FrameworkHandle over a snapshot and plain object lists keyed by resource (`services` → [...]).
 * `served` says which resources the fake API knows; listing or getting any other one throws, so a
 * plugin that forgets `hasResource` fails its test.
 */
export function listerHandle(snapshot: Snapshot, objects: Record<string, KObj[]> = {}, served: readonly string[] = SERVED_RESOURCES): Handle {
  const known = new Set([...served, ...Object.keys(objects)]);
  const check = (r: string): KObj[] => {
    if (!known.has(r)) throw new Error(`the server doesn't have a resource type "${r}"`);
    return objects[r] ?? [];
  };
  return {
    snapshot: () => snapshot,
    list: <T extends KObj = KObj>(r: string, ns?: string) => check(r).filter((o) => ns === undefined || o.metadata.namespace === ns) as unknown as T[],
    get: <T extends KObj = KObj>(r: string, ns: string, name: string) =>
      check(r).find((o) => o.metadata.name === name && (o.metadata.namespace ?? '') === ns) as unknown as T | undefined,
    hasResource: (r) => known.has(r),
  };
}

export function newService(name: string, selector: Record<string, string> | undefined, namespace = 'default'): KObj {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace, uid: `uid-${name}` }, spec: { selector, ports: [{ port: 80 }] }, status: {} };
}

export function newReplicaSet(name: string, matchLabels: Record<string, string>, namespace = 'default'): KObj {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace, uid: `uid-${name}` },
    spec: { replicas: 1, selector: { matchLabels }, template: { metadata: { labels: matchLabels }, spec: { containers: [] } } },
    status: { replicas: 0 },
  };
}

export function newNamespace(name: string, labels: Record<string, string> = {}): KObj {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'kubernetes.io/metadata.name': name, ...labels } }, spec: {}, status: { phase: 'Active' } };
}

/** Marks a pod as controlled by an owner (`apps/v1` ReplicaSet by default), as its controller would. */
export function ownedBy(pod: Pod, name: string, kind = 'ReplicaSet', apiVersion = 'apps/v1'): Pod {
  return { ...pod, metadata: { ...pod.metadata, ownerReferences: [{ apiVersion, kind, name, uid: `uid-${name}`, controller: true }] } };
}
