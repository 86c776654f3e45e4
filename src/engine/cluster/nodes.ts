/**
 * Node objects as a kubeadm-built v1.31 cluster registers them: standard labels, kubeadm's
 * annotations, capacity and allocatable (allocatable memory = capacity − the kubelet's 100Mi
 * hard-eviction threshold; ephemeral storage − 10%), healthy conditions, addresses and nodeInfo.
 */
import { formatQuantity, parseQuantity } from '../api/quantity.ts';
import type { Node, Taint } from '../api/types.ts';
import { fnv32a } from '../kernel/hash.ts';
import { formatTimestamp } from '../kernel/time.ts';

/** The kubelet's default `evictionHard: memory.available<100Mi`, subtracted from allocatable. */
export const EVICTION_HARD_MEMORY_BYTES = 100 * 1024 * 1024;
/** Kubelet default `maxPods`. */
export const DEFAULT_MAX_PODS = 110;
export const DEFAULT_NODE_CPU = '2';
export const DEFAULT_NODE_MEMORY = '4Gi';
export const DEFAULT_NODE_EPHEMERAL_STORAGE = '100Gi';
export const KUBERNETES_VERSION = 'v1.31.0';
export const CONTROL_PLANE_TAINT: Taint = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };
export const CONTROL_PLANE_ROLE_LABEL = 'node-role.kubernetes.io/control-plane';

export interface NodeShape {
  name: string;
  /** Index among the cluster's nodes: decides IP address and pod CIDR. */
  index: number;
  cpu?: string;
  memory?: string;
  pods?: number;
  labels?: Record<string, string>;
  taints?: Taint[];
  controlPlane?: boolean;
  /** Device-plugin resources (`nvidia.com/gpu: "1"`): capacity and allocatable alike. */
  extendedResources?: Record<string, string>;
}

/** Builds the Node object the kubelet would register; throws QuantityError on a bad size. */
export function buildNode(shape: NodeShape, now: number): Node {
  const cpu = parseQuantity(shape.cpu ?? DEFAULT_NODE_CPU);
  const memory = parseQuantity(shape.memory ?? DEFAULT_NODE_MEMORY);
  const storage = parseQuantity(DEFAULT_NODE_EPHEMERAL_STORAGE);
  const pods = String(shape.pods ?? DEFAULT_MAX_PODS);
  const allocMemoryMilli = Math.max(0, memory.milli - EVICTION_HARD_MEMORY_BYTES * 1000);
  const allocStorageMilli = Math.floor(storage.milli / 1000 - (storage.milli / 1000) * 0.1) * 1000;
  const t = formatTimestamp(now);
  const capacity = {
    cpu: formatQuantity(cpu),
    'ephemeral-storage': formatQuantity(storage),
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory: formatQuantity(memory),
    pods,
    ...(shape.extendedResources ?? {}),
  };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: shape.name,
      labels: nodeLabels(shape),
      annotations: {
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///run/containerd/containerd.sock',
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: {
      podCIDR: `10.244.${shape.index}.0/24`,
      podCIDRs: [`10.244.${shape.index}.0/24`],
      providerID: `podlab://${shape.name}`,
      ...(shape.taints && shape.taints.length > 0 ? { taints: shape.taints } : {}),
    },
    status: {
      capacity,
      allocatable: {
        ...capacity,
        // New quantities, not spreads of the parsed ones: a parsed quantity keeps its input text.
        'ephemeral-storage': formatQuantity({ milli: allocStorageMilli, format: storage.format }),
        memory: formatQuantity({ milli: allocMemoryMilli, format: memory.format }),
      },
      conditions: healthyConditions(t),
      addresses: [
        { type: 'InternalIP', address: `172.18.0.${shape.index + 2}` },
        { type: 'Hostname', address: shape.name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: KUBELET_PORT } },
      nodeInfo: {
        architecture: 'amd64',
        bootID: identityHex(shape.name, 'boot', true),
        containerRuntimeVersion: 'containerd://1.7.18',
        kernelVersion: '6.8.0-podlab',
        kubeProxyVersion: KUBERNETES_VERSION,
        kubeletVersion: KUBERNETES_VERSION,
        machineID: identityHex(shape.name, 'machine', false),
        operatingSystem: 'linux',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        systemUUID: identityHex(shape.name, 'uuid', true),
      },
    },
  };
}

/** The kubelet's port, as it reports it in status.daemonEndpoints. */
export const KUBELET_PORT = 10250;

/**
 * A machine's identity as the kubelet reads it (/etc/machine-id: 32 hex digits; the DMI product
 * UUID and the kernel's boot_id: UUIDs), derived from the node's name so that it is stable and
 * draws nothing from the cluster's random stream.
 */
function identityHex(name: string, what: string, uuid: boolean): string {
  let hex = '';
  for (let i = 0; hex.length < 32; i++) hex += fnv32a(`${what}/${i}/${name}`).toString(16).padStart(8, '0');
  if (!uuid) return hex;
  // Shaped as the random (version 4) UUIDs the kernel and firmware hand out.
  const variant = '89ab'[parseInt(hex[16], 16) % 4];
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function nodeLabels(shape: NodeShape): Record<string, string> {
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': shape.name,
    'kubernetes.io/os': 'linux',
  };
  if (shape.controlPlane) {
    labels[CONTROL_PLANE_ROLE_LABEL] = '';
    labels['node.kubernetes.io/exclude-from-external-load-balancers'] = '';
  }
  return { ...labels, ...(shape.labels ?? {}) };
}

function healthyConditions(t: string): Node['status']['conditions'] {
  const c = (type: string, status: 'True' | 'False', reason: string, message: string) => ({
    type,
    status,
    lastHeartbeatTime: t,
    lastTransitionTime: t,
    reason,
    message,
  });
  return [
    c('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
    c('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
    c('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
    c('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
  ];
}
