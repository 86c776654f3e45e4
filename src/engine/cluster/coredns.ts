/**
 * CoreDNS as `kubeadm init` installs it (the coredns addon phase: the Deployment, the `coredns`
 * ConfigMap with kubeadm's Corefile and the `kube-dns` Service), plus the ReplicaSet and pods the
 * deployment and replica-set controllers make of it.
 */
import type { KObject } from '../api/types.ts';
import { CLUSTER_DNS_IP, CLUSTER_DOMAIN, controllerRef, KUBE_SYSTEM, podTemplateHash, SYSTEM_CLUSTER_CRITICAL } from './kubeadm.ts';

export const COREDNS = 'coredns';
export const COREDNS_IMAGE = 'registry.k8s.io/coredns/coredns:v1.11.3';
export const COREDNS_REPLICAS = 2;
const KUBE_DNS = 'kube-dns';
const SELECTOR = { 'k8s-app': KUBE_DNS };

/** kubeadm v1.31's CoreDNS Corefile (cluster.local, upstream from the node's resolv.conf). */
export const COREFILE = `.:53 {
    errors
    health {
       lameduck 5s
    }
    ready
    kubernetes ${CLUSTER_DOMAIN} in-addr.arpa ip6.arpa {
       pods insecure
       fallthrough in-addr.arpa ip6.arpa
       ttl 30
    }
    prometheus :9153
    forward . /etc/resolv.conf {
       max_concurrent 1000
    }
    cache 30
    loop
    reload
    loadbalance
}
`;

export function corednsConfigMap(): KObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: COREDNS, namespace: KUBE_SYSTEM }, data: { Corefile: COREFILE } };
}

/** The `kube-dns` Service: the address every pod's resolv.conf names (kubelet --cluster-dns). */
export function kubeDnsService(): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: KUBE_DNS,
      namespace: KUBE_SYSTEM,
      labels: { ...SELECTOR, 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
      annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
    },
    spec: {
      selector: { ...SELECTOR },
      clusterIP: CLUSTER_DNS_IP,
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
        { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
        { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
      ],
    },
  };
}

function corednsContainer(): Record<string, unknown> {
  return {
    name: COREDNS,
    image: COREDNS_IMAGE,
    imagePullPolicy: 'IfNotPresent',
    resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } },
    args: ['-conf', '/etc/coredns/Corefile'],
    volumeMounts: [{ name: 'config-volume', mountPath: '/etc/coredns', readOnly: true }],
    ports: [
      { containerPort: 53, name: 'dns', protocol: 'UDP' },
      { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' },
      { containerPort: 9153, name: 'metrics', protocol: 'TCP' },
    ],
    securityContext: { allowPrivilegeEscalation: false, capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] }, readOnlyRootFilesystem: true },
    livenessProbe: {
      httpGet: { path: '/health', port: 8080, scheme: 'HTTP' },
      initialDelaySeconds: 60,
      timeoutSeconds: 5,
      successThreshold: 1,
      failureThreshold: 5,
    },
    readinessProbe: { httpGet: { path: '/ready', port: 8181, scheme: 'HTTP' } },
  };
}

function corednsPodSpec(): Record<string, unknown> {
  return {
    priorityClassName: SYSTEM_CLUSTER_CRITICAL,
    serviceAccountName: COREDNS,
    affinity: {
      podAntiAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          {
            weight: 100,
            podAffinityTerm: {
              labelSelector: { matchExpressions: [{ key: 'k8s-app', operator: 'In', values: [KUBE_DNS] }] },
              topologyKey: 'kubernetes.io/hostname',
            },
          },
        ],
      },
    },
    tolerations: [
      { key: 'CriticalAddonsOnly', operator: 'Exists' },
      { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
    ],
    nodeSelector: { 'kubernetes.io/os': 'linux' },
    containers: [corednsContainer()],
    dnsPolicy: 'Default',
    volumes: [{ name: 'config-volume', configMap: { name: COREDNS, items: [{ key: 'Corefile', path: 'Corefile' }] } }],
  };
}

/** kubeadm's CoreDNSDeployment manifest (2 replicas, maxUnavailable 1). */
export function corednsDeployment(): KObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: COREDNS,
      namespace: KUBE_SYSTEM,
      labels: { ...SELECTOR },
      // Written by the deployment controller when it made the first ReplicaSet.
      annotations: { 'deployment.kubernetes.io/revision': '1' },
    },
    spec: {
      replicas: COREDNS_REPLICAS,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
      selector: { matchLabels: { ...SELECTOR } },
      template: { metadata: { labels: { ...SELECTOR } }, spec: corednsPodSpec() },
    },
  };
}

/** The deployment's first ReplicaSet, `coredns-<pod-template-hash>`, as the deployment controller creates it. */
export function corednsReplicaSet(hash: string): KObject {
  const labels = { ...SELECTOR, 'pod-template-hash': hash };
  const deploy = corednsDeployment();
  const template = (deploy.spec as { template: { spec: unknown } }).template;
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${COREDNS}-${hash}`,
      namespace: KUBE_SYSTEM,
      labels,
      annotations: {
        'deployment.kubernetes.io/desired-replicas': String(COREDNS_REPLICAS),
        // replicas + maxSurge (25% of 2, rounded up)
        'deployment.kubernetes.io/max-replicas': String(COREDNS_REPLICAS + 1),
        'deployment.kubernetes.io/revision': '1',
      },
      ownerReferences: [controllerRef('apps/v1', 'Deployment', COREDNS)],
    },
    spec: {
      replicas: COREDNS_REPLICAS,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: template.spec },
    },
  };
}

/** One CoreDNS pod, `coredns-<hash>-<suffix>`, owned by the ReplicaSet and bound to `nodeName`. */
export function corednsPod(hash: string, suffix: string, nodeName: string): KObject {
  const rs = corednsReplicaSet(hash);
  const template = (rs.spec as { template: { metadata: { labels: Record<string, string> }; spec: Record<string, unknown> } }).template;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${rs.metadata.name}-${suffix}`,
      generateName: `${rs.metadata.name}-`,
      namespace: KUBE_SYSTEM,
      labels: { ...template.metadata.labels },
      ownerReferences: [controllerRef('apps/v1', 'ReplicaSet', rs.metadata.name ?? '')],
    },
    spec: { ...template.spec, nodeName },
  };
}

/**
 * The Deployment, its ReplicaSet and its pods, in creation order. Both pods go to `nodeName`: on a
 * kubeadm cluster CoreDNS tolerates the control-plane taint and is scheduled before any worker
 * has joined, so both replicas usually end up on the control-plane node.
 */
export function corednsWorkload(nodeName: string, suffix: () => string): KObject[] {
  const deploy = corednsDeployment();
  const hash = podTemplateHash(deploy);
  const pods = Array.from({ length: COREDNS_REPLICAS }, () => corednsPod(hash, suffix(), nodeName));
  return [deploy, corednsReplicaSet(hash), ...pods];
}
