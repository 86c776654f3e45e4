/**
 * What a kubeadm v1.31 cluster has in kube-system right after `kubeadm init` and the workers'
 * `kubeadm join`, once the kubelets and controllers have caught up: the control plane's mirror
 * pods, the ServiceAccounts (kube-controller-manager's and the add-ons'), kubeadm's ConfigMaps,
 * CoreDNS (Deployment, ReplicaSet, pods, Service) and kube-proxy (DaemonSet and one pod per node). Also the node Leases the kubelets keep in kube-node-lease.
 *
 * Everything here is a pure builder: plain objects in, plain objects out, creation left to the
 * caller (plans, not effects). Owner references name their owners; the uids, which the API server
 * assigns, are filled in at create time by `createWithOwners`.
 *
 * @example
 * // In Simulation.bootstrap, after the namespaces, the `kubernetes` Service and the nodes:
 * const nodes = this.store.list<Node>('nodes').items.map(clusterNodeInfo);
 * const objects = kubeSystemObjects({
 *   nodes,
 *   nowMs: this.kernel.now,
 *   nameSuffix: () => randomString(GENERATED_SUFFIX_LENGTH, this.kernel.prng),
 * });
 * createWithOwners(this.store, objects);
 * // Until the kubelet component renews them, the node Leases are created the same way:
 * createWithOwners(this.store, nodes.map((n) => nodeLease(n.name, this.kernel.now)));
 */
import type { ApiStore } from '../api/store.ts';
import { resourceForKind } from '../api/resources.ts';
import type { KObject } from '../api/types.ts';
import { formatMicroTimestamp } from '../kernel/time.ts';
import { controlPlanePods } from './control-plane-pods.ts';
import { corednsConfigMap, corednsWorkload, kubeDnsService } from './coredns.ts';
import { kubeProxyConfigMap, kubeProxyDaemonSet, kubeProxyPod } from './kube-proxy.ts';
import { kubeSystemServiceAccounts } from './service-accounts.ts';
import {
  CLUSTER_DNS_IP,
  CLUSTER_DOMAIN,
  KUBE_NODE_LEASE,
  KUBE_SYSTEM,
  PENDING_UID,
  POD_SUBNET,
  resolveOwnerUids,
  SERVICE_SUBNET,
  type ClusterNodeInfo,
  type UidLookup,
} from './kubeadm.ts';
import { KUBERNETES_VERSION } from './nodes.ts';

export { clusterNodeInfo, podTemplateHash, resolveOwnerUids, type ClusterNodeInfo, type UidLookup } from './kubeadm.ts';
export { kubeProxyPod } from './kube-proxy.ts';

/** The kubelet's node lease duration (--node-lease-duration-seconds default). */
export const NODE_LEASE_DURATION_SECONDS = 40;

export interface KubeSystemInput {
  /** Every node of the cluster, control plane first (the order kubeadm brought them up). */
  nodes: readonly ClusterNodeInfo[];
  /** Simulated now (for the mirror pods' `kubernetes.io/config.seen`). */
  nowMs: number;
  /**
   * The 5-character random suffix of a generated pod name (NAME_ALPHABET), e.g.
   * `() => randomString(5, kernel.prng)`: the caller's seeded PRNG keeps the names deterministic.
   */
  nameSuffix: () => string;
}

/**
 * The kube-system objects in the order they appear on a real cluster: mirror pods, kubeadm's
 * uploaded config, the addons (CoreDNS, kube-proxy), then what the controllers create of them.
 * Pods carry spec.nodeName and no status (the kubelet writes it when it runs them).
 */
export function kubeSystemObjects(input: KubeSystemInput): KObject[] {
  const { nodes, nowMs, nameSuffix } = input;
  if (nodes.length === 0) return [];
  const controlPlane = nodes.filter((n) => n.controlPlane);
  const first = controlPlane[0] ?? nodes[0];
  const [deploy, rs, ...dnsPods] = corednsWorkload(first.name, nameSuffix);
  return [
    ...controlPlane.flatMap((n) => controlPlanePods(n, nowMs)),
    // kube-controller-manager's per-controller accounts and kubeadm's add-on accounts, before the
    // add-ons' pods, which ServiceAccount admission refuses while their account is missing.
    ...kubeSystemServiceAccounts(),
    kubeadmConfigMap(),
    kubeletConfigMap(),
    corednsConfigMap(),
    deploy,
    kubeDnsService(),
    kubeProxyConfigMap(first.internalIP),
    kubeProxyDaemonSet(),
    rs,
    ...dnsPods,
    ...nodes.map((n) => kubeProxyPod(n.name, nameSuffix())),
  ];
}

/**
 * The Lease the kubelet keeps for its node in kube-node-lease (pkg/kubelet/nodelease): held by the
 * node, 40 s long, owned by the Node, renewed every 10 s by updating renewTime. The kubelet sets
 * neither acquireTime nor leaseTransitions.
 * @param nodeUid the Node's uid when known; otherwise left pending for `createWithOwners`
 */
export function nodeLease(nodeName: string, nowMs: number, nodeUid = PENDING_UID): KObject {
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: {
      name: nodeName,
      namespace: KUBE_NODE_LEASE,
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: nodeName, uid: nodeUid }],
    },
    spec: { holderIdentity: nodeName, leaseDurationSeconds: NODE_LEASE_DURATION_SECONDS, renewTime: formatMicroTimestamp(nowMs) },
  };
}

/** Looks owners up in the store (by apiVersion/kind, in the dependent's namespace unless cluster-scoped). */
export function storeUidLookup(store: ApiStore): UidLookup {
  return (apiVersion, kind, namespace, name) => {
    const rt = resourceForKind(apiVersion, kind);
    return rt ? store.tryGet(rt, rt.namespaced ? namespace : '', name)?.metadata.uid : undefined;
  };
}

/**
 * Creates objects in order through the store, filling each pending owner uid from the owner
 * created (or registered) before it. Returns the stored objects.
 */
export function createWithOwners(store: ApiStore, objects: readonly KObject[]): KObject[] {
  const uidOf = storeUidLookup(store);
  return objects.map((o) => store.create(resolveOwnerUids(o, uidOf)));
}

/** kubeadm's uploaded ClusterConfiguration (`kubeadm-config`), as `kubeadm init` with a pod subnet writes it. */
function kubeadmConfigMap(): KObject {
  const config = `apiServer: {}
apiVersion: kubeadm.k8s.io/v1beta4
caCertificateValidityPeriod: 87600h0m0s
certificateValidityPeriod: 8760h0m0s
certificatesDir: /etc/kubernetes/pki
clusterName: kubernetes
controllerManager: {}
dns: {}
encryptionAlgorithm: RSA-2048
etcd:
  local:
    dataDir: /var/lib/etcd
imageRepository: registry.k8s.io
kind: ClusterConfiguration
kubernetesVersion: ${KUBERNETES_VERSION}
networking:
  dnsDomain: ${CLUSTER_DOMAIN}
  podSubnet: ${POD_SUBNET}
  serviceSubnet: ${SERVICE_SUBNET}
proxy: {}
scheduler: {}
`;
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kubeadm-config', namespace: KUBE_SYSTEM }, data: { ClusterConfiguration: config } };
}

/** The KubeletConfiguration every node's kubelet downloads at join (`kubelet-config`). */
function kubeletConfigMap(): KObject {
  const config = `apiVersion: kubelet.config.k8s.io/v1beta1
authentication:
  anonymous:
    enabled: false
  webhook:
    cacheTTL: 0s
    enabled: true
  x509:
    clientCAFile: /etc/kubernetes/pki/ca.crt
authorization:
  mode: Webhook
  webhook:
    cacheAuthorizedTTL: 0s
    cacheUnauthorizedTTL: 0s
cgroupDriver: systemd
clusterDNS:
- ${CLUSTER_DNS_IP}
clusterDomain: ${CLUSTER_DOMAIN}
containerRuntimeEndpoint: ""
healthzBindAddress: 127.0.0.1
healthzPort: 10248
kind: KubeletConfiguration
memorySwap: {}
rotateCertificates: true
staticPodPath: /etc/kubernetes/manifests
`;
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kubelet-config', namespace: KUBE_SYSTEM }, data: { kubelet: config } };
}
