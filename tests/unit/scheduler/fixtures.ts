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
