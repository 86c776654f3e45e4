/**
 * The mirror pods of the control plane's static pods: what the kubelet on a control-plane node
 * posts to the API for each manifest `kubeadm init` wrote to /etc/kubernetes/manifests (etcd,
 * kube-apiserver, kube-controller-manager, kube-scheduler). Container specs follow kubeadm v1.31's
 * GetStaticPodSpecs / GetEtcdPodSpec; the command lines are kubeadm's defaults, in its order.
 */
import type { KObject } from '../api/types.ts';
import {
  API_SERVER_PORT,
  formatNanoTimestamp,
  KUBE_SYSTEM,
  manifestHash,
  PENDING_UID,
  POD_SUBNET,
  SERVICE_SUBNET,
  SYSTEM_NODE_CRITICAL,
  type ClusterNodeInfo,
} from './kubeadm.ts';
import { KUBERNETES_VERSION } from './nodes.ts';

export const ETCD_IMAGE = 'registry.k8s.io/etcd:3.5.15-0';
const PKI = '/etc/kubernetes/pki';

type Dict = Record<string, unknown>;

/** staticpodutil.LivenessProbe: failureThreshold 8, initialDelaySeconds 10, timeoutSeconds 15. */
function livenessProbe(host: string, path: string, port: number, scheme: string): Dict {
  return { failureThreshold: 8, httpGet: { host, path, port, scheme }, initialDelaySeconds: 10, periodSeconds: 10, timeoutSeconds: 15 };
}

/** staticpodutil.ReadinessProbe: polled every second, failureThreshold 3. */
function readinessProbe(host: string, path: string, port: number, scheme: string): Dict {
  return { failureThreshold: 3, httpGet: { host, path, port, scheme }, periodSeconds: 1, timeoutSeconds: 15 };
}

/** staticpodutil.StartupProbe: the 4m0s ControlPlaneComponentHealthCheck timeout / 10 s = 24 failures. */
function startupProbe(host: string, path: string, port: number, scheme: string): Dict {
  return { failureThreshold: 24, httpGet: { host, path, port, scheme }, initialDelaySeconds: 10, periodSeconds: 10, timeoutSeconds: 15 };
}

/** A hostPath volume and the container's mount of it (staticpodutil.NewVolume / NewVolumeMount). */
interface HostMount {
  name: string;
  path: string;
  type: 'DirectoryOrCreate' | 'FileOrCreate';
  readOnly: boolean;
}

const caMounts = (): HostMount[] => [
  { name: 'ca-certs', path: '/etc/ssl/certs', type: 'DirectoryOrCreate', readOnly: true },
  { name: 'etc-ca-certificates', path: '/etc/ca-certificates', type: 'DirectoryOrCreate', readOnly: true },
  { name: 'k8s-certs', path: PKI, type: 'DirectoryOrCreate', readOnly: true },
  { name: 'usr-local-share-ca-certificates', path: '/usr/local/share/ca-certificates', type: 'DirectoryOrCreate', readOnly: true },
  { name: 'usr-share-ca-certificates', path: '/usr/share/ca-certificates', type: 'DirectoryOrCreate', readOnly: true },
];

/** One component's part of its static pod: the container and the mounts it needs. */
interface Component {
  name: string;
  container: Dict;
  mounts: HostMount[];
  annotations: Record<string, string>;
}

function etcd(node: ClusterNodeInfo): Component {
  const ip = node.internalIP;
  const command = [
    'etcd',
    `--advertise-client-urls=https://${ip}:2379`,
    `--cert-file=${PKI}/etcd/server.crt`,
    '--client-cert-auth=true',
    '--data-dir=/var/lib/etcd',
    '--experimental-initial-corrupt-check=true',
    '--experimental-watch-progress-notify-interval=5s',
    `--initial-advertise-peer-urls=https://${ip}:2380`,
    `--initial-cluster=${node.name}=https://${ip}:2380`,
    `--key-file=${PKI}/etcd/server.key`,
    `--listen-client-urls=https://127.0.0.1:2379,https://${ip}:2379`,
    '--listen-metrics-urls=http://127.0.0.1:2381',
    `--listen-peer-urls=https://${ip}:2380`,
    `--name=${node.name}`,
    `--peer-cert-file=${PKI}/etcd/peer.crt`,
    '--peer-client-cert-auth=true',
    `--peer-key-file=${PKI}/etcd/peer.key`,
    `--peer-trusted-ca-file=${PKI}/etcd/ca.crt`,
    '--snapshot-count=10000',
    `--trusted-ca-file=${PKI}/etcd/ca.crt`,
  ];
  // kubeadm v1.31 probes etcd's /livez and /readyz (etcd ≥ 3.5.11) on the plain-HTTP metrics port.
  const container = {
    name: 'etcd',
    image: ETCD_IMAGE,
    command,
    resources: { requests: { cpu: '100m', memory: '100Mi' } },
    livenessProbe: livenessProbe('127.0.0.1', '/livez', 2381, 'HTTP'),
    readinessProbe: readinessProbe('127.0.0.1', '/readyz', 2381, 'HTTP'),
    startupProbe: startupProbe('127.0.0.1', '/readyz', 2381, 'HTTP'),
  };
  return {
    name: 'etcd',
    container,
    mounts: [
      { name: 'etcd-data', path: '/var/lib/etcd', type: 'DirectoryOrCreate', readOnly: false },
      { name: 'etcd-certs', path: `${PKI}/etcd`, type: 'DirectoryOrCreate', readOnly: false },
    ],
    annotations: { 'kubeadm.kubernetes.io/etcd.advertise-client-urls': `https://${ip}:2379` },
  };
}

function apiServerCommand(ip: string): string[] {
  return [
    'kube-apiserver',
    `--advertise-address=${ip}`,
    '--allow-privileged=true',
    '--authorization-mode=Node,RBAC',
    `--client-ca-file=${PKI}/ca.crt`,
    '--enable-admission-plugins=NodeRestriction',
    '--enable-bootstrap-token-auth=true',
    `--etcd-cafile=${PKI}/etcd/ca.crt`,
    `--etcd-certfile=${PKI}/apiserver-etcd-client.crt`,
    `--etcd-keyfile=${PKI}/apiserver-etcd-client.key`,
    '--etcd-servers=https://127.0.0.1:2379',
    `--kubelet-client-certificate=${PKI}/apiserver-kubelet-client.crt`,
    `--kubelet-client-key=${PKI}/apiserver-kubelet-client.key`,
    '--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname',
    `--proxy-client-cert-file=${PKI}/front-proxy-client.crt`,
    `--proxy-client-key-file=${PKI}/front-proxy-client.key`,
    '--requestheader-allowed-names=front-proxy-client',
    `--requestheader-client-ca-file=${PKI}/front-proxy-ca.crt`,
    '--requestheader-extra-headers-prefix=X-Remote-Extra-',
    '--requestheader-group-headers=X-Remote-Group',
    '--requestheader-username-headers=X-Remote-User',
    `--secure-port=${API_SERVER_PORT}`,
    '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
    `--service-account-key-file=${PKI}/sa.pub`,
    `--service-account-signing-key-file=${PKI}/sa.key`,
    `--service-cluster-ip-range=${SERVICE_SUBNET}`,
    `--tls-cert-file=${PKI}/apiserver.crt`,
    `--tls-private-key-file=${PKI}/apiserver.key`,
  ];
}

function apiServer(node: ClusterNodeInfo): Component {
  // kubeadm probes the API server on its advertise address (127.0.0.1 only when that is 0.0.0.0).
  const ip = node.internalIP;
  const container = {
    name: 'kube-apiserver',
    image: `registry.k8s.io/kube-apiserver:${KUBERNETES_VERSION}`,
    command: apiServerCommand(ip),
    resources: { requests: { cpu: '250m' } },
    livenessProbe: livenessProbe(ip, '/livez', API_SERVER_PORT, 'HTTPS'),
    readinessProbe: readinessProbe(ip, '/readyz', API_SERVER_PORT, 'HTTPS'),
    startupProbe: startupProbe(ip, '/livez', API_SERVER_PORT, 'HTTPS'),
  };
  return {
    name: 'kube-apiserver',
    container,
    mounts: caMounts(),
    annotations: { 'kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint': `${ip}:${API_SERVER_PORT}` },
  };
}

function controllerManager(): Component {
  const kubeconfig = '/etc/kubernetes/controller-manager.conf';
  const command = [
    'kube-controller-manager',
    '--allocate-node-cidrs=true',
    `--authentication-kubeconfig=${kubeconfig}`,
    `--authorization-kubeconfig=${kubeconfig}`,
    '--bind-address=127.0.0.1',
    `--client-ca-file=${PKI}/ca.crt`,
    `--cluster-cidr=${POD_SUBNET}`,
    '--cluster-name=kubernetes',
    `--cluster-signing-cert-file=${PKI}/ca.crt`,
    `--cluster-signing-key-file=${PKI}/ca.key`,
    '--controllers=*,bootstrapsigner,tokencleaner',
    `--kubeconfig=${kubeconfig}`,
    '--leader-elect=true',
    `--requestheader-client-ca-file=${PKI}/front-proxy-ca.crt`,
    `--root-ca-file=${PKI}/ca.crt`,
    `--service-account-private-key-file=${PKI}/sa.key`,
    `--service-cluster-ip-range=${SERVICE_SUBNET}`,
    '--use-service-account-credentials=true',
  ];
  const container = {
    name: 'kube-controller-manager',
    image: `registry.k8s.io/kube-controller-manager:${KUBERNETES_VERSION}`,
    command,
    resources: { requests: { cpu: '200m' } },
    livenessProbe: livenessProbe('127.0.0.1', '/healthz', 10257, 'HTTPS'),
    startupProbe: startupProbe('127.0.0.1', '/healthz', 10257, 'HTTPS'),
  };
  const mounts = caMounts();
  mounts.splice(2, 0, { name: 'flexvolume-dir', path: '/usr/libexec/kubernetes/kubelet-plugins/volume/exec', type: 'DirectoryOrCreate', readOnly: false });
  mounts.splice(4, 0, { name: 'kubeconfig', path: kubeconfig, type: 'FileOrCreate', readOnly: true });
  return { name: 'kube-controller-manager', container, mounts, annotations: {} };
}

function scheduler(): Component {
  const kubeconfig = '/etc/kubernetes/scheduler.conf';
  const container = {
    name: 'kube-scheduler',
    image: `registry.k8s.io/kube-scheduler:${KUBERNETES_VERSION}`,
    command: [
      'kube-scheduler',
      `--authentication-kubeconfig=${kubeconfig}`,
      `--authorization-kubeconfig=${kubeconfig}`,
      '--bind-address=127.0.0.1',
      `--kubeconfig=${kubeconfig}`,
      '--leader-elect=true',
    ],
    resources: { requests: { cpu: '100m' } },
    livenessProbe: livenessProbe('127.0.0.1', '/healthz', 10259, 'HTTPS'),
    startupProbe: startupProbe('127.0.0.1', '/healthz', 10259, 'HTTPS'),
  };
  return { name: 'kube-scheduler', container, mounts: [{ name: 'kubeconfig', path: kubeconfig, type: 'FileOrCreate', readOnly: true }], annotations: {} };
}

/** staticpodutil.ComponentPod: the pod spec kubeadm writes (volumes sorted by name, as it sorts them). */
function staticPodSpec(c: Component): Dict {
  const volumeMounts = c.mounts.map((m) => ({ mountPath: m.path, name: m.name, ...(m.readOnly ? { readOnly: true } : {}) }));
  const volumes = [...c.mounts]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((m) => ({ hostPath: { path: m.path, type: m.type }, name: m.name }));
  return {
    containers: [{ ...c.container, imagePullPolicy: 'IfNotPresent', volumeMounts }],
    hostNetwork: true,
    priorityClassName: SYSTEM_NODE_CRITICAL,
    securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
    volumes,
  };
}

/**
 * The mirror pod the kubelet creates for one static pod: named `<component>-<node>`, owned by the
 * Node, annotated with the manifest's hash and source, bound to the node, and tolerating every
 * NoExecute taint (the kubelet adds that toleration to every static pod).
 */
function mirrorPod(c: Component, node: ClusterNodeInfo, nowMs: number): KObject {
  const spec = { ...staticPodSpec(c), nodeName: node.name, tolerations: [{ effect: 'NoExecute', operator: 'Exists' }] };
  const hash = manifestHash({ name: c.name, spec });
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${c.name}-${node.name}`,
      namespace: KUBE_SYSTEM,
      labels: { component: c.name, tier: 'control-plane' },
      annotations: {
        ...c.annotations,
        'kubernetes.io/config.hash': hash,
        'kubernetes.io/config.mirror': hash,
        'kubernetes.io/config.seen': formatNanoTimestamp(nowMs),
        'kubernetes.io/config.source': 'file',
      },
      // Mirror pods point at their Node without blockOwnerDeletion (pod_manager.go).
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: node.name, uid: PENDING_UID, controller: true }],
    },
    spec,
  };
}

/**
 * The four control-plane mirror pods of one control-plane node, in the order kubeadm writes the
 * manifests (etcd first, then the API server, controller manager and scheduler).
 * Owner uids are pending: create them through `createKubeSystemObjects`.
 */
export function controlPlanePods(node: ClusterNodeInfo, nowMs: number): KObject[] {
  return [etcd(node), apiServer(node), controllerManager(), scheduler()].map((c) => mirrorPod(c, node, nowMs));
}
