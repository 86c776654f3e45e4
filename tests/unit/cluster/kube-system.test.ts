import { describe, expect, it } from 'vitest';
import { tableFor } from '../../../src/commands/printers/columns.ts';
import { GENERATED_SUFFIX_LENGTH, NAME_ALPHABET, randomString } from '../../../src/engine/api/names.ts';
import type { KObject, Node, Pod } from '../../../src/engine/api/types.ts';
import {
  clusterNodeInfo,
  createWithOwners,
  kubeProxyPod,
  kubeSystemObjects,
  nodeLease,
  podTemplateHash,
  resolveOwnerUids,
} from '../../../src/engine/cluster/kube-system.ts';
import { corednsDeployment } from '../../../src/engine/cluster/coredns.ts';
import { ApiStore } from '../../../src/engine/api/store.ts';
import { buildNode, CONTROL_PLANE_TAINT } from '../../../src/engine/cluster/nodes.ts';
import { Kernel } from '../../../src/engine/kernel/kernel.ts';

const SYSTEM_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

/** A fresh store with the system namespaces and nodes, as Simulation's bootstrap registers them. */
function freshCluster(seed: number, workers = 3): { store: ApiStore; kernel: Kernel } {
  const kernel = new Kernel(seed);
  const store = new ApiStore(kernel);
  for (const name of SYSTEM_NAMESPACES) store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  store.create(buildNode({ name: 'control-plane', index: 0, controlPlane: true, taints: [CONTROL_PLANE_TAINT] }, kernel.now));
  for (let i = 1; i <= workers; i++) store.create(buildNode({ name: `node-${i}`, index: i }, kernel.now));
  return { store, kernel };
}

/** A default cluster (control plane + 3 workers) with its kube-system objects created through the store. */
function bootstrapped(seed = 1): { sim: { store: ApiStore; kernel: Kernel; now: number }; created: KObject[] } {
  const { store, kernel } = freshCluster(seed);
  const nodes = store.list<Node>('nodes').items.map(clusterNodeInfo);
  const objects = kubeSystemObjects({ nodes, nowMs: kernel.now, nameSuffix: () => randomString(GENERATED_SUFFIX_LENGTH, kernel.prng) });
  const created = createWithOwners(store, objects);
  return { sim: { store, kernel, now: kernel.now }, created };
}

type Cluster = ReturnType<typeof bootstrapped>['sim'];

const pods = (sim: Cluster, selector?: string): Pod[] =>
  sim.store.list<Pod>('pods', { namespace: 'kube-system', labelSelector: selector }).items;
const uidOf = (sim: Cluster, resource: string, ns: string, name: string) => sim.store.get(resource, ns, name).metadata.uid;
const suffix = `[${NAME_ALPHABET}]{5}`;

describe('kubeSystemObjects', () => {
  it('reads node facts from registered Node objects', () => {
    const { store } = freshCluster(1);
    const infos = store.list<Node>('nodes').items.map(clusterNodeInfo);
    expect(infos[0]).toEqual({ name: 'control-plane', controlPlane: true, internalIP: '172.18.0.2' });
    expect(infos[1]).toEqual({ name: 'node-1', controlPlane: false, internalIP: '172.18.0.3' });
  });

  it('every object passes admission; pods are those of a fresh kubeadm cluster', () => {
    const { sim, created } = bootstrapped();
    // 4 mirror pods, 24 ServiceAccounts (22 kube-controller-manager controllers, coredns,
    // kube-proxy), 4 ConfigMaps, Deployment, Service, DaemonSet, ReplicaSet, 2 + 4 pods.
    expect(created).toHaveLength(42);
    expect(created.filter((o) => o.kind === 'ServiceAccount').map((o) => o.metadata.name)).toEqual(expect.arrayContaining(['coredns', 'kube-proxy', 'replicaset-controller']));
    const names = pods(sim).map((p) => p.metadata.name ?? '');
    expect(names.filter((n) => !/^(coredns|kube-proxy)-/.test(n))).toEqual([
      'etcd-control-plane',
      'kube-apiserver-control-plane',
      'kube-controller-manager-control-plane',
      'kube-scheduler-control-plane',
    ]);
    expect(names.filter((n) => n.startsWith('kube-proxy-'))).toHaveLength(4);
    for (const n of names.filter((x) => x.startsWith('kube-proxy-'))) expect(n).toMatch(new RegExp(`^kube-proxy-${suffix}$`));
    const dns = names.filter((n) => n.startsWith('coredns-'));
    expect(dns).toHaveLength(2);
    for (const n of dns) expect(n).toMatch(new RegExp(`^coredns-[${NAME_ALPHABET}]{9,10}-${suffix}$`));
  });

  it('is deterministic for a seed', () => {
    const names = (seed: number) => pods(bootstrapped(seed).sim).map((p) => p.metadata.name);
    expect(names(7)).toEqual(names(7));
    expect(names(7)).not.toEqual(names(8));
  });

  it.each<[string, Record<string, string>, number]>([
    ['etcd-control-plane', { cpu: '100m', memory: '100Mi' }, 2000001000],
    ['kube-apiserver-control-plane', { cpu: '250m' }, 2000001000],
    ['kube-controller-manager-control-plane', { cpu: '200m' }, 2000001000],
    ['kube-scheduler-control-plane', { cpu: '100m' }, 2000001000],
  ])('mirror pod %s: requests %j, priority %d, owned by its Node, host network', (name, requests, priority) => {
    const { sim } = bootstrapped();
    const pod = sim.store.get<Pod>('pods', 'kube-system', name);
    expect(pod.spec.containers[0].resources?.requests).toEqual(requests);
    expect(pod.spec.priority).toBe(priority);
    expect(pod.spec.priorityClassName).toBe('system-node-critical');
    expect(pod.spec.hostNetwork).toBe(true);
    expect(pod.spec.nodeName).toBe('control-plane');
    expect(pod.spec.tolerations).toEqual([{ effect: 'NoExecute', operator: 'Exists' }]);
    expect(pod.metadata.ownerReferences).toEqual([
      { apiVersion: 'v1', kind: 'Node', name: 'control-plane', uid: uidOf(sim, 'nodes', '', 'control-plane'), controller: true },
    ]);
    const a = pod.metadata.annotations ?? {};
    expect(a['kubernetes.io/config.source']).toBe('file');
    expect(a['kubernetes.io/config.mirror']).toMatch(/^[0-9a-f]{32}$/);
    expect(a['kubernetes.io/config.mirror']).toBe(a['kubernetes.io/config.hash']);
    expect(pod.metadata.labels).toEqual({ component: name.replace(/-control-plane$/, ''), tier: 'control-plane' });
  });

  it('mirror pods carry kubeadm annotations, flags and probes', () => {
    const { sim } = bootstrapped();
    const etcd = sim.store.get<Pod>('pods', 'kube-system', 'etcd-control-plane');
    expect(etcd.metadata.annotations?.['kubeadm.kubernetes.io/etcd.advertise-client-urls']).toBe('https://172.18.0.2:2379');
    expect(etcd.spec.containers[0].image).toBe('registry.k8s.io/etcd:3.5.15-0');
    expect(etcd.spec.containers[0].command).toContain('--data-dir=/var/lib/etcd');
    expect(etcd.spec.containers[0].livenessProbe).toMatchObject({ httpGet: { host: '127.0.0.1', path: '/livez', port: 2381 }, failureThreshold: 8 });
    const api = sim.store.get<Pod>('pods', 'kube-system', 'kube-apiserver-control-plane');
    expect(api.metadata.annotations?.['kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint']).toBe('172.18.0.2:6443');
    expect(api.spec.containers[0].image).toBe('registry.k8s.io/kube-apiserver:v1.31.0');
    expect(api.spec.containers[0].command).toContain('--service-cluster-ip-range=10.96.0.0/12');
    expect(api.spec.containers[0].readinessProbe).toMatchObject({ httpGet: { path: '/readyz', port: 6443, scheme: 'HTTPS' }, periodSeconds: 1 });
    const kcm = sim.store.get<Pod>('pods', 'kube-system', 'kube-controller-manager-control-plane');
    expect(kcm.spec.containers[0].startupProbe).toMatchObject({ httpGet: { host: '127.0.0.1', port: 10257 }, failureThreshold: 24 });
    const sched = sim.store.get<Pod>('pods', 'kube-system', 'kube-scheduler-control-plane');
    expect(sched.spec.containers[0].livenessProbe).toMatchObject({ httpGet: { host: '127.0.0.1', port: 10259, path: '/healthz' } });
  });

  it('kube-proxy: a DaemonSet and one bound pod per node, owned by it, with the daemon tolerations', () => {
    const { sim } = bootstrapped();
    const ds = sim.store.get('daemonsets', 'kube-system', 'kube-proxy');
    expect(ds.metadata.annotations).toEqual({ 'deprecated.daemonset.template.generation': '1' });
    const proxies = pods(sim, 'k8s-app=kube-proxy');
    expect(proxies.map((p) => p.spec.nodeName).sort()).toEqual(['control-plane', 'node-1', 'node-2', 'node-3']);
    for (const p of proxies) {
      expect(p.metadata.ownerReferences).toEqual([
        { apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'kube-proxy', uid: ds.metadata.uid, controller: true, blockOwnerDeletion: true },
      ]);
      expect(p.spec.affinity).toEqual({
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [p.spec.nodeName] }] }],
          },
        },
      });
      expect(p.spec.priority).toBe(2000001000);
      expect(p.spec.containers[0].resources).toEqual({});
      expect(p.spec.containers[0].securityContext).toEqual({ privileged: true });
      expect(p.metadata.labels?.['pod-template-generation']).toBe('1');
      expect(p.metadata.labels?.['controller-revision-hash']).toMatch(/^[bcdf4-9]{9,10}$/);
    }
    expect(proxies[0].spec.tolerations?.map((t) => `${t.key ?? ''}:${t.effect ?? ''}`)).toEqual([
      ':',
      'node.kubernetes.io/not-ready:NoExecute',
      'node.kubernetes.io/unreachable:NoExecute',
      'node.kubernetes.io/disk-pressure:NoSchedule',
      'node.kubernetes.io/memory-pressure:NoSchedule',
      'node.kubernetes.io/pid-pressure:NoSchedule',
      'node.kubernetes.io/unschedulable:NoSchedule',
      'node.kubernetes.io/network-unavailable:NoSchedule',
    ]);
  });

  it('kubeProxyPod builds the pod for a node added later', () => {
    const { sim } = bootstrapped();
    const node = sim.store.create<Node>(buildNode({ name: 'node-4', index: 4 }, sim.now));
    const [pod] = createWithOwners(sim.store, [kubeProxyPod(node.metadata.name ?? '', 'x2jqk')]) as Pod[];
    expect(pod.metadata.name).toBe('kube-proxy-x2jqk');
    expect(pod.spec.nodeName).toBe('node-4');
    expect(pod.metadata.ownerReferences?.[0].uid).toBe(uidOf(sim, 'daemonsets', 'kube-system', 'kube-proxy'));
  });

  it('coredns: Deployment → ReplicaSet → 2 pods on the control plane, and the kube-dns Service', () => {
    const { sim } = bootstrapped();
    const deploy = sim.store.get('deployments', 'kube-system', 'coredns');
    const hash = podTemplateHash(corednsDeployment());
    const rs = sim.store.get('replicasets', 'kube-system', `coredns-${hash}`);
    expect(rs.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Deployment', name: 'coredns', uid: deploy.metadata.uid, controller: true });
    expect(rs.metadata.labels).toEqual({ 'k8s-app': 'kube-dns', 'pod-template-hash': hash });
    const dns = pods(sim, 'k8s-app=kube-dns');
    expect(dns).toHaveLength(2);
    for (const p of dns) {
      expect(p.metadata.name?.startsWith(`coredns-${hash}-`)).toBe(true);
      expect(p.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'ReplicaSet', name: `coredns-${hash}`, uid: rs.metadata.uid });
      expect(p.spec.nodeName).toBe('control-plane');
      expect(p.spec.priority).toBe(2000000000);
      expect(p.spec.containers[0].resources).toEqual({ limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } });
      expect(p.spec.containers[0].args).toEqual(['-conf', '/etc/coredns/Corefile']);
      expect(p.status.qosClass).toBe('Burstable');
    }
    const svc = sim.store.get('services', 'kube-system', 'kube-dns');
    expect((svc.spec as { clusterIP: string }).clusterIP).toBe('10.96.0.10');
    expect(svc.metadata.labels).toEqual({ 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' });
    const ports = (svc.spec as { ports: { name: string; port: number; protocol: string }[] }).ports;
    expect(ports.map((p) => `${p.name}:${p.port}/${p.protocol}`)).toEqual(['dns:53/UDP', 'dns-tcp:53/TCP', 'metrics:9153/TCP']);
  });

  it('the pod-template-hash depends only on the template', () => {
    const a = corednsDeployment();
    const b = corednsDeployment();
    (b.spec as { replicas: number }).replicas = 5;
    expect(podTemplateHash(a)).toBe(podTemplateHash(b));
    (b.spec as { template: { metadata: { labels: Record<string, string> } } }).template.metadata.labels.extra = 'x';
    expect(podTemplateHash(a)).not.toBe(podTemplateHash(b));
  });

  it('ConfigMaps: coredns Corefile, kube-proxy in iptables mode, kubeadm and kubelet config', () => {
    const { sim } = bootstrapped();
    const data = (name: string) => sim.store.get('configmaps', 'kube-system', name).data as Record<string, string>;
    expect(data('coredns').Corefile).toContain('kubernetes cluster.local in-addr.arpa ip6.arpa {');
    expect(data('kube-proxy')['config.conf']).toMatch(/^mode: ""$/m);
    expect(data('kube-proxy')['kubeconfig.conf']).toContain('server: https://172.18.0.2:6443');
    expect(data('kubeadm-config').ClusterConfiguration).toContain('kubernetesVersion: v1.31.0');
    expect(data('kubelet-config').kubelet).toContain('- 10.96.0.10');
  });

  it('kubectl get prints the DaemonSet columns', () => {
    const { sim } = bootstrapped();
    const t = tableFor('daemonsets', sim.store.list('daemonsets', { namespace: 'kube-system' }).items, { wide: false, nowMs: sim.now + 65_000, withNamespace: false });
    expect(t.headers).toEqual(['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE']);
    expect(t.rows).toEqual([['kube-proxy', '0', '0', '0', '0', '0', 'kubernetes.io/os=linux', '65s']]);
  });

  it('names generated pods with the caller-supplied suffixes, in order', () => {
    const suffixes = ['bbbbb', 'ccccc', 'ddddd', 'fffff'];
    let i = 0;
    const nodes = [
      { name: 'cp', controlPlane: true, internalIP: '10.0.0.2' },
      { name: 'w1', controlPlane: false, internalIP: '10.0.0.3' },
    ];
    const objs = kubeSystemObjects({ nodes, nowMs: 0, nameSuffix: () => suffixes[i++] });
    const generated = objs.filter((o) => o.kind === 'Pod' && o.metadata.generateName).map((o) => o.metadata.name?.slice(-5));
    expect(generated).toEqual(suffixes);
    expect(i).toBe(4);
  });

  it('a cluster without nodes has nothing in kube-system', () => {
    expect(kubeSystemObjects({ nodes: [], nowMs: 0, nameSuffix: () => 'bcdfg' })).toEqual([]);
  });
});

describe('node leases', () => {
  it('nodeLease is what the kubelet creates: held by the node, 40 s, owned by the Node', () => {
    expect(nodeLease('node-1', 10_000, 'uid-1')).toEqual({
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: 'node-1', namespace: 'kube-node-lease', ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: 'node-1', uid: 'uid-1' }] },
      spec: { holderIdentity: 'node-1', leaseDurationSeconds: 40, renewTime: '2025-01-01T00:00:10.000000Z' },
    });
  });

  it('created for every node with the Node uid filled in, renewed by update, printed NAME HOLDER AGE', () => {
    const { sim } = bootstrapped();
    const nodes = sim.store.list<Node>('nodes').items;
    createWithOwners(sim.store, nodes.map((n) => nodeLease(n.metadata.name ?? '', sim.now)));
    const lease = sim.store.get('leases', 'kube-node-lease', 'node-2');
    expect(lease.metadata.ownerReferences?.[0].uid).toBe(uidOf(sim, 'nodes', '', 'node-2'));
    const renewed = sim.store.update({ ...lease, spec: { ...(lease.spec as object), renewTime: '2025-01-01T00:00:10.000000Z' } });
    expect((renewed.spec as { renewTime: string }).renewTime).toBe('2025-01-01T00:00:10.000000Z');
    expect(Number(renewed.metadata.resourceVersion)).toBeGreaterThan(Number(lease.metadata.resourceVersion));
    const t = tableFor('leases', sim.store.list('leases', { namespace: 'kube-node-lease' }).items, { wide: false, nowMs: sim.now + 120_000, withNamespace: true });
    expect(t.headers).toEqual(['NAMESPACE', 'NAME', 'HOLDER', 'AGE']);
    expect(t.rows[0]).toEqual(['kube-node-lease', 'control-plane', 'control-plane', '2m']);
  });
});

describe('resolveOwnerUids', () => {
  const pod = (): KObject => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'ns', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: '' }] },
  });

  it('fills pending uids from the lookup, in the dependent namespace, without touching the input', () => {
    const input = pod();
    const seen: string[] = [];
    const out = resolveOwnerUids(input, (apiVersion, kind, ns, name) => (seen.push(`${apiVersion} ${kind} ${ns}/${name}`), 'u-1'));
    expect(out.metadata.ownerReferences?.[0].uid).toBe('u-1');
    expect(seen).toEqual(['apps/v1 ReplicaSet ns/rs']);
    expect(input.metadata.ownerReferences?.[0].uid).toBe('');
  });

  it('throws when the owner does not exist', () => {
    expect(() => resolveOwnerUids(pod(), () => undefined)).toThrow('owner ReplicaSet/rs of Pod/p does not exist');
  });

  it('leaves objects without pending owners as they are', () => {
    const o: KObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } };
    expect(resolveOwnerUids(o, () => 'x')).toBe(o);
  });
});
