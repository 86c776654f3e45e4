/**
 * kube-proxy as `kubeadm init` installs it (the kube-proxy addon phase): its ConfigMap, its
 * DaemonSet, and the pod the DaemonSet controller creates on each node.
 */
import type { KObject } from '../api/types.ts';
import { API_SERVER_PORT, controllerRef, KUBE_SYSTEM, podTemplateHash, POD_SUBNET, SYSTEM_NODE_CRITICAL } from './kubeadm.ts';
import { KUBERNETES_VERSION } from './nodes.ts';

export const KUBE_PROXY = 'kube-proxy';
export const KUBE_PROXY_IMAGE = `registry.k8s.io/kube-proxy:${KUBERNETES_VERSION}`;
/** The label the DaemonSet controller stamps with the template generation (extensions.DaemonSetTemplateGenerationKey). */
const TEMPLATE_GENERATION_LABEL = 'pod-template-generation';
/** The label carrying the ControllerRevision hash (apps.DefaultDaemonSetUniqueLabelKey). */
const REVISION_HASH_LABEL = 'controller-revision-hash';

/** The KubeProxyConfiguration kubeadm uploads: every field at its zero value, so `mode: ""` means iptables. */
const CONFIG_CONF = `apiVersion: kubeproxy.config.k8s.io/v1alpha1
bindAddress: 0.0.0.0
bindAddressHardFail: false
clientConnection:
  acceptContentTypes: ""
  burst: 0
  contentType: ""
  kubeconfig: /var/lib/kube-proxy/kubeconfig.conf
  qps: 0
clusterCIDR: ${POD_SUBNET}
configSyncPeriod: 0s
conntrack:
  maxPerCore: null
  min: null
  tcpBeLiberal: false
  tcpCloseWaitTimeout: null
  tcpEstablishedTimeout: null
  udpStreamTimeout: 0s
  udpTimeout: 0s
detectLocal:
  bridgeInterface: ""
  interfaceNamePrefix: ""
detectLocalMode: ""
enableProfiling: false
healthzBindAddress: ""
hostnameOverride: ""
iptables:
  localhostNodePorts: null
  masqueradeAll: false
  masqueradeBit: null
  minSyncPeriod: 0s
  syncPeriod: 0s
ipvs:
  excludeCIDRs: null
  minSyncPeriod: 0s
  scheduler: ""
  strictARP: false
  syncPeriod: 0s
  tcpFinTimeout: 0s
  tcpTimeout: 0s
  udpTimeout: 0s
kind: KubeProxyConfiguration
logging:
  flushFrequency: 0
  options:
    json:
      infoBufferSize: "0"
    text:
      infoBufferSize: "0"
  verbosity: 0
metricsBindAddress: ""
mode: ""
nftables:
  masqueradeAll: false
  masqueradeBit: null
  minSyncPeriod: 0s
  syncPeriod: 0s
nodePortAddresses: null
oomScoreAdj: null
portRange: ""
showHiddenMetricsForVersion: ""
winkernel:
  enableDSR: false
  forwardHealthCheckVip: false
  networkName: ""
  rootHnsEndpointName: ""
  sourceVip: ""`;

function kubeconfigConf(apiServerIP: string): string {
  return `apiVersion: v1
kind: Config
clusters:
- cluster:
    certificate-authority: /var/run/secrets/kubernetes.io/serviceaccount/ca.crt
    server: https://${apiServerIP}:${API_SERVER_PORT}
  name: default
contexts:
- context:
    cluster: default
    namespace: default
    user: default
  name: default
current-context: default
users:
- name: default
  user:
    tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token`;
}

/** The `kube-proxy` ConfigMap: config.conf and the in-cluster kubeconfig pointing at the API server. */
export function kubeProxyConfigMap(apiServerIP: string): KObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: KUBE_PROXY, namespace: KUBE_SYSTEM, labels: { app: KUBE_PROXY } },
    data: { 'config.conf': CONFIG_CONF, 'kubeconfig.conf': kubeconfigConf(apiServerIP) },
  };
}

/** kubeadm's KubeProxyDaemonSet19 manifest: privileged, host network, tolerates every taint. */
export function kubeProxyDaemonSet(): KObject {
  const container = {
    name: KUBE_PROXY,
    image: KUBE_PROXY_IMAGE,
    imagePullPolicy: 'IfNotPresent',
    command: ['/usr/local/bin/kube-proxy', '--config=/var/lib/kube-proxy/config.conf', '--hostname-override=$(NODE_NAME)'],
    env: [{ name: 'NODE_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }],
    securityContext: { privileged: true },
    volumeMounts: [
      { mountPath: '/var/lib/kube-proxy', name: KUBE_PROXY },
      { mountPath: '/run/xtables.lock', name: 'xtables-lock' },
      { mountPath: '/lib/modules', name: 'lib-modules', readOnly: true },
    ],
  };
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: KUBE_PROXY, namespace: KUBE_SYSTEM, labels: { 'k8s-app': KUBE_PROXY } },
    spec: {
      selector: { matchLabels: { 'k8s-app': KUBE_PROXY } },
      updateStrategy: { type: 'RollingUpdate' },
      template: {
        metadata: { labels: { 'k8s-app': KUBE_PROXY } },
        spec: {
          priorityClassName: SYSTEM_NODE_CRITICAL,
          containers: [container],
          hostNetwork: true,
          serviceAccountName: KUBE_PROXY,
          volumes: [
            { name: KUBE_PROXY, configMap: { name: KUBE_PROXY } },
            { name: 'xtables-lock', hostPath: { path: '/run/xtables.lock', type: 'FileOrCreate' } },
            { name: 'lib-modules', hostPath: { path: '/lib/modules' } },
          ],
          tolerations: [{ operator: 'Exists' }],
          nodeSelector: { 'kubernetes.io/os': 'linux' },
        },
      },
    },
  };
}

/** util.AddOrUpdateDaemonPodTolerations: daemons survive node problems and cordons. */
function daemonPodTolerations(hostNetwork: boolean): Record<string, string>[] {
  const t = (key: string, effect: string) => ({ key: `node.kubernetes.io/${key}`, operator: 'Exists', effect });
  const tolerations = [
    t('not-ready', 'NoExecute'),
    t('unreachable', 'NoExecute'),
    t('disk-pressure', 'NoSchedule'),
    t('memory-pressure', 'NoSchedule'),
    t('pid-pressure', 'NoSchedule'),
    t('unschedulable', 'NoSchedule'),
  ];
  return hostNetwork ? [...tolerations, t('network-unavailable', 'NoSchedule')] : tolerations;
}

/** util.ReplaceDaemonSetPodNodeNameNodeAffinity: the pod may only run on its node. */
const nodeNameAffinity = (nodeName: string) => ({
  nodeAffinity: {
    requiredDuringSchedulingIgnoredDuringExecution: {
      nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] }],
    },
  },
});

/**
 * The kube-proxy pod for one node, as the DaemonSet controller creates it (template + revision and
 * generation labels + daemon tolerations + node-name affinity), already bound to the node. The
 * bootstrap creates these for a new cluster's nodes (a cluster handed to a student has them
 * running); the controller counts them as its own, and gives nodes added later theirs.
 * @param suffix 5 characters of the generated-name alphabet, from the simulation PRNG
 */
export function kubeProxyPod(nodeName: string, suffix: string): KObject {
  const ds = kubeProxyDaemonSet();
  const template = (ds.spec as { template: { metadata: { labels: Record<string, string> }; spec: Record<string, unknown> } }).template;
  const spec = template.spec;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${KUBE_PROXY}-${suffix}`,
      generateName: `${KUBE_PROXY}-`,
      namespace: KUBE_SYSTEM,
      labels: { ...template.metadata.labels, [REVISION_HASH_LABEL]: podTemplateHash(ds), [TEMPLATE_GENERATION_LABEL]: '1' },
      ownerReferences: [controllerRef('apps/v1', 'DaemonSet', KUBE_PROXY)],
    },
    spec: {
      ...spec,
      affinity: nodeNameAffinity(nodeName),
      nodeName,
      tolerations: [...(spec.tolerations as unknown[]), ...daemonPodTolerations(spec.hostNetwork === true)],
    },
  };
}
