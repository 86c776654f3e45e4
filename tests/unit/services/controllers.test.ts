/**
 * The endpoint controllers and the cloud load-balancer controller on a simulated cluster: what a
 * new cluster has (kubernetes and kube-dns endpoints), Services with and without selectors,
 * pods changing labels and readiness, Service deletion, ExternalName, the LoadBalancer life
 * cycle with the cloud on and off, and a snapshot taken in the middle.
 */
import { describe, expect, it } from 'vitest';
import type { EndpointSlice, Endpoints } from '../../../src/engine/api/admission/endpointslice.ts';
import type { KObject, Pod, Service } from '../../../src/engine/api/types.ts';
import { Simulation, type SimulationSnapshot } from '../../../src/engine/simulation.ts';

function deployment(name: string, replicas: number, extra: Record<string, unknown> = {}): KObject {
  const container = { name: 'app', image: 'nginx:1.27', ports: [{ name: 'http', containerPort: 80 }] };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default' },
    spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [container] } }, ...extra },
  };
}

function svc(name: string, spec: Record<string, unknown>): KObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' }, spec: { ports: [{ port: 80, targetPort: 'http' }], ...spec } };
}

const endpoints = (sim: Simulation, name: string, ns = 'default') => sim.store.tryGet<Endpoints>('endpoints', ns, name);
const slices = (sim: Simulation, name: string, ns = 'default') =>
  sim.store.list<EndpointSlice>('endpointslices', { namespace: ns, labelSelector: `kubernetes.io/service-name=${name}` }).items;
const readyIPs = (sim: Simulation, name: string) => (endpoints(sim, name)?.subsets ?? []).flatMap((s) => (s.addresses ?? []).map((a) => a.ip)).sort();
const sliceIPs = (sim: Simulation, name: string) => slices(sim, name).flatMap((s) => (s.endpoints ?? []).flatMap((e) => e.addresses)).sort();
const podIPs = (sim: Simulation, app: string) =>
  sim.store
    .list<Pod>('pods', { namespace: 'default', labelSelector: `app=${app}` })
    .items.map((p) => (p.status as { podIP?: string }).podIP ?? '')
    .sort();

function webCluster(replicas = 3): Simulation {
  const sim = Simulation.create(3);
  sim.store.create(deployment('web', replicas));
  sim.store.create(svc('web', { selector: { app: 'web' } }));
  sim.advance(30_000);
  return sim;
}

describe('a new cluster', () => {
  it('has the kubernetes endpoints on the control plane and kube-dns endpoints for CoreDNS', () => {
    const sim = Simulation.create(1);
    expect(endpoints(sim, 'kubernetes')?.subsets).toEqual([{ addresses: [{ ip: '172.18.0.2' }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }]);
    expect(slices(sim, 'kubernetes').map((s) => s.metadata.name)).toEqual(['kubernetes']);
    const dns = sim.store.list<Pod>('pods', { namespace: 'kube-system', labelSelector: 'k8s-app=kube-dns' }).items.map((p) => (p.status as { podIP: string }).podIP);
    expect(dns).toHaveLength(2);
    const dnsSlices = slices(sim, 'kube-dns', 'kube-system');
    expect(dnsSlices).toHaveLength(1);
    expect(dnsSlices[0].endpoints?.flatMap((e) => e.addresses).sort()).toEqual([...dns].sort());
    expect(endpoints(sim, 'kube-dns', 'kube-system')?.subsets?.[0].ports?.map((p) => p.name)).toEqual(['dns-tcp', 'dns', 'metrics']);
  });
});

describe('endpoint controllers', () => {
  it('list the ready pods of a Service, with the named target port resolved', () => {
    const sim = webCluster();
    expect(readyIPs(sim, 'web')).toEqual(podIPs(sim, 'web'));
    expect(sliceIPs(sim, 'web')).toEqual(podIPs(sim, 'web'));
    expect(slices(sim, 'web')[0].ports).toEqual([{ name: '', port: 80, protocol: 'TCP' }]);
  });

  it('drop a pod whose labels stop matching', () => {
    const sim = webCluster(1);
    const p = sim.store.list<Pod>('pods', { namespace: 'default', labelSelector: 'app=web' }).items[0];
    sim.store.update({ ...p, metadata: { ...p.metadata, labels: { app: 'other' } } });
    sim.settle();
    // The ReplicaSet replaces the released pod; the new one is not ready yet.
    expect(readyIPs(sim, 'web')).not.toContain((p.status as { podIP: string }).podIP);
    expect(sliceIPs(sim, 'web')).not.toContain((p.status as { podIP: string }).podIP);
  });

  it('leave the hand-made Endpoints of a Service without a selector alone, and mirror them into a slice', () => {
    const sim = Simulation.create(1);
    sim.store.create(svc('external', {}));
    sim.store.create({
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'external', namespace: 'default' },
      subsets: [{ addresses: [{ ip: '192.168.1.10' }], notReadyAddresses: [{ ip: '192.168.1.11' }], ports: [{ port: 80 }] }],
    });
    sim.advance(5000);
    expect(endpoints(sim, 'external')?.subsets?.[0].addresses).toEqual([{ ip: '192.168.1.10' }]);
    const [mirrored, ...more] = slices(sim, 'external');
    expect(more).toEqual([]);
    expect(mirrored.metadata.labels?.['endpointslice.kubernetes.io/managed-by']).toBe('endpointslicemirroring-controller.k8s.io');
    expect(mirrored.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Endpoints', name: 'external' });
    expect(mirrored.endpoints).toEqual([
      { addresses: ['192.168.1.10'], conditions: { ready: true } },
      { addresses: ['192.168.1.11'], conditions: { ready: false } },
    ]);
    expect(mirrored.ports).toEqual([{ name: '', port: 80, protocol: 'TCP' }]);
  });

  it('do not mirror the Endpoints of a Service with a selector, nor the API server\'s own', () => {
    const sim = webCluster(1);
    expect(slices(sim, 'web').map((s) => s.metadata.labels?.['endpointslice.kubernetes.io/managed-by'])).toEqual(['endpointslice-controller.k8s.io']);
    expect(slices(sim, 'kubernetes').map((s) => s.metadata.name)).toEqual(['kubernetes']);
  });

  it('give an ExternalName Service nothing', () => {
    const sim = Simulation.create(1);
    sim.store.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'db', namespace: 'default' }, spec: { type: 'ExternalName', externalName: 'db.example.com', selector: { app: 'db' } } });
    sim.advance(1000);
    expect(endpoints(sim, 'db')).toBeUndefined();
    expect(slices(sim, 'db')).toEqual([]);
  });

  it('keep a placeholder slice and empty Endpoints for a Service with no pods', () => {
    const sim = Simulation.create(1);
    sim.store.create(svc('lonely', { selector: { app: 'nobody' } }));
    sim.settle();
    expect(endpoints(sim, 'lonely')?.subsets).toBeUndefined();
    expect(slices(sim, 'lonely').map((s) => [s.endpoints, s.ports])).toEqual([[null, null]]);
  });

  it('remove the Endpoints and (through the garbage collector) the slices with the Service', () => {
    const sim = webCluster(2);
    sim.store.delete('services', 'default', 'web');
    sim.settle();
    expect(endpoints(sim, 'web')).toBeUndefined();
    expect(slices(sim, 'web')).toEqual([]);
  });

  it('put back a managed slice someone deleted', () => {
    const sim = webCluster(2);
    const [slice] = slices(sim, 'web');
    sim.store.delete('endpointslices', 'default', slice.metadata.name ?? '');
    sim.settle();
    expect(sliceIPs(sim, 'web')).toEqual(podIPs(sim, 'web'));
  });

  it('continue the same way after a snapshot and restore', () => {
    const run = (restoreAt: number | undefined): string => {
      let sim = Simulation.create(5);
      sim.store.create(deployment('web', 2));
      sim.store.create(svc('web', { selector: { app: 'web' } }));
      sim.advance(2000);
      if (restoreAt !== undefined) sim = Simulation.restore(JSON.parse(JSON.stringify(sim.snapshot())) as SimulationSnapshot);
      const d = sim.store.get('deployments', 'default', 'web');
      sim.store.update({ ...d, spec: { ...(d.spec as object), replicas: 4 } });
      sim.advance(30_000);
      return `${sim.traceHash()} ${sliceIPs(sim, 'web').join(',')}`;
    };
    expect(run(2000)).toBe(run(undefined));
  });
});

describe('cloud load balancers', () => {
  const ingress = (sim: Simulation, name: string) => sim.store.get<Service>('services', 'default', name).status?.loadBalancer?.ingress;
  /** Event reasons for a Service, oldest first. */
  const reasons = (sim: Simulation, name?: string) =>
    sim.store
      .list('events', { namespace: 'default', fieldSelector: `involvedObject.kind=Service${name ? `,involvedObject.name=${name}` : ''}` })
      .items.map((e) => e as unknown as { reason: string; firstTimestamp: string; count: number })
      .sort((x, y) => (x.firstTimestamp < y.firstTimestamp ? -1 : x.firstTimestamp > y.firstTimestamp ? 1 : 0))
      .map((e) => e.reason);

  it('stay pending with the cloud off', () => {
    const sim = Simulation.create(1);
    sim.store.create(svc('lb', { type: 'LoadBalancer', selector: { app: 'x' } }));
    sim.advance(60_000);
    expect(ingress(sim, 'lb')).toBeUndefined();
    expect(reasons(sim)).toEqual([]);
  });

  it('get the pool addresses in order with the cloud on, and give them back', () => {
    const sim = Simulation.create(1);
    sim.serviceLoadBalancer.setCloudEnabled(true);
    sim.store.create(svc('a', { type: 'LoadBalancer', selector: { app: 'x' } }));
    sim.store.create(svc('b', { type: 'LoadBalancer', selector: { app: 'x' } }));
    sim.advance(2999);
    expect(ingress(sim, 'a')).toBeUndefined();
    sim.advance(1);
    expect(ingress(sim, 'a')).toEqual([{ ip: '172.18.255.200', ipMode: 'VIP' }]);
    expect(ingress(sim, 'b')).toEqual([{ ip: '172.18.255.201', ipMode: 'VIP' }]);
    const a = sim.store.get<Service>('services', 'default', 'a');
    expect(a.metadata.finalizers).toEqual(['service.kubernetes.io/load-balancer-cleanup']);
    sim.store.update({ ...a, spec: { ...a.spec, type: 'ClusterIP' } });
    sim.settle();
    expect(sim.store.get<Service>('services', 'default', 'a').metadata.finalizers).toEqual([]);
    expect(reasons(sim, 'a')).toEqual(['EnsuringLoadBalancer', 'EnsuredLoadBalancer', 'DeletingLoadBalancer', 'DeletedLoadBalancer']);
    sim.store.create(svc('c', { type: 'LoadBalancer', selector: { app: 'x' } }));
    sim.advance(3000);
    expect(ingress(sim, 'c')).toEqual([{ ip: '172.18.255.200', ipMode: 'VIP' }]);
  });
});
