/**
 * The EndpointSlice reconciler's plan (endpointslice-plan.ts): which endpoints a Service's pods
 * give (ready / not ready / terminating, named target ports, pods without an IP or on an unknown
 * node), how they are packed into slices of at most 100, the labels and owner of a slice, the
 * placeholder slice, and how existing slices are kept, filled, recycled or deleted.
 */
import { describe, expect, it } from 'vitest';
import type { EndpointSlice } from '../../../src/engine/api/admission/endpointslice.ts';
import { endpointPorts, planEndpointSlices, type SliceDraft } from '../../../src/engine/components/controllers/endpointslice-plan.ts';
import { ipOf, pod, service } from './fixtures.ts';

const zones = (name: string): string | undefined => (name === 'gone' ? undefined : name === 'node-2' ? 'zone-b' : '');

/** A stored slice made from a planned one (as the API server would keep it). */
function stored(draft: SliceDraft, name: string): EndpointSlice {
  return { ...draft, metadata: { ...draft.metadata, name, uid: `uid-${name}`, resourceVersion: '1' }, endpoints: draft.endpoints.length ? draft.endpoints : null, ports: draft.ports.length ? draft.ports : null } as EndpointSlice;
}

describe('endpoint conditions', () => {
  it.each([
    { name: 'ready pod', opts: {}, want: { ready: true, serving: true, terminating: false } },
    { name: 'not ready pod', opts: { ready: false }, want: { ready: false, serving: false, terminating: false } },
    { name: 'terminating ready pod', opts: { terminating: true }, want: { ready: false, serving: true, terminating: true } },
    { name: 'terminating unready pod', opts: { terminating: true, ready: false }, want: { ready: false, serving: false, terminating: true } },
  ])('$name', ({ opts, want }) => {
    const plan = planEndpointSlices(service(), [pod({ name: 'a', ...opts })], [], zones);
    expect(plan.create).toHaveLength(1);
    expect(plan.create[0].endpoints).toEqual([
      { addresses: ['10.244.1.2'], conditions: want, nodeName: 'node-1', targetRef: { kind: 'Pod', namespace: 'default', name: 'a', uid: 'uid-a' } },
    ]);
  });

  it('publishNotReadyAddresses makes every endpoint ready', () => {
    const plan = planEndpointSlices(service({ publishNotReadyAddresses: true }), [pod({ name: 'a', ready: false }), pod({ name: 'b', ip: '10.244.1.3', terminating: true })], [], zones);
    expect(plan.create[0].endpoints.map((e) => e.conditions.ready)).toEqual([true, true]);
  });

  it('leaves out pods without an IP and finished pods', () => {
    const pods = [pod({ name: 'no-ip', ip: '' }), pod({ name: 'done', phase: 'Succeeded', ip: '10.244.1.5' }), pod({ name: 'ok', ip: '10.244.1.6' })];
    const plan = planEndpointSlices(service(), pods, [], zones);
    expect(plan.create[0].endpoints.map((e) => e.targetRef?.name)).toEqual(['ok']);
  });

  it('adds the zone of the node and skips (and retries) pods on a node that does not exist', () => {
    const plan = planEndpointSlices(service(), [pod({ name: 'a', node: 'node-2' }), pod({ name: 'b', ip: '10.244.1.3', node: 'gone' })], [], zones);
    expect(plan.create[0].endpoints).toHaveLength(1);
    expect(plan.create[0].endpoints[0].zone).toBe('zone-b');
    expect(plan.retry).toBe(true);
  });

  it('sets the hostname of a pod whose subdomain is the Service', () => {
    const plan = planEndpointSlices(service({ name: 'nginx', clusterIP: 'None' }), [pod({ name: 'web-0', hostname: 'web-0', subdomain: 'nginx' })], [], zones);
    expect(plan.create[0].endpoints[0].hostname).toBe('web-0');
  });
});

describe('ports', () => {
  const named = service({ ports: [{ name: 'http', port: 80, targetPort: 'web' }, { name: 'metrics', port: 9090, targetPort: 9090 }] });

  it.each([
    { name: 'a named targetPort resolves per pod', ports: [{ name: 'web', containerPort: 8080 }], want: [8080, 9090] },
    { name: 'an unmatched name drops that port', ports: [{ name: 'other', containerPort: 8080 }], want: [9090] },
    { name: 'the protocol must match too', ports: [{ name: 'web', containerPort: 8080, protocol: 'UDP' }], want: [9090] },
  ])('$name', ({ ports, want }) => {
    expect(endpointPorts(named, pod({ name: 'a', ports })).map((p) => p.port)).toEqual(want);
  });

  it('pods resolving a named port differently go into different slices', () => {
    const pods = [pod({ name: 'a', ports: [{ name: 'web', containerPort: 8080 }] }), pod({ name: 'b', ip: '10.244.1.3', ports: [{ name: 'web', containerPort: 8081 }] })];
    const plan = planEndpointSlices(named, pods, [], zones);
    expect(plan.create.map((s) => [s.ports[0].port, s.endpoints.map((e) => e.targetRef?.name)])).toEqual([
      [8080, ['a']],
      [8081, ['b']],
    ]);
  });
});

describe('slices', () => {
  it('names, labels and owns new slices like the controller', () => {
    const svc = service({ labels: { app: 'web', 'kubernetes.io/service-name': 'spoof' } });
    const plan = planEndpointSlices(svc, [pod({ name: 'a' })], [], zones);
    expect(plan.create[0].metadata).toEqual({
      generateName: 'web-',
      namespace: 'default',
      labels: { app: 'web', 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' },
      ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: 'web', uid: 'svc-uid', controller: true, blockOwnerDeletion: true }],
    });
    expect(plan.create[0].addressType).toBe('IPv4');
    expect(plan.create[0].ports).toEqual([{ name: '', port: 80, protocol: 'TCP' }]);
  });

  it('labels the slices of a headless Service', () => {
    const plan = planEndpointSlices(service({ clusterIP: 'None', ports: [] }), [pod({ name: 'a' })], [], zones);
    expect(plan.create[0].metadata.labels?.['service.kubernetes.io/headless']).toBe('');
    expect(plan.create[0].ports).toEqual([]);
  });

  it.each([
    { pods: 100, want: [100] },
    { pods: 101, want: [100, 1] },
    { pods: 250, want: [100, 100, 50] },
  ])('packs $pods endpoints as $want', ({ pods, want }) => {
    const all = Array.from({ length: pods }, (_, i) => pod({ name: `p${i}`, ip: ipOf(i) }));
    const plan = planEndpointSlices(service(), all, [], zones);
    expect(plan.create.map((s) => s.endpoints.length)).toEqual(want);
  });

  it('creates one empty placeholder when there are no endpoints, and keeps it', () => {
    const plan = planEndpointSlices(service(), [], [], zones);
    expect(plan.create).toHaveLength(1);
    expect(plan.create[0].endpoints).toEqual([]);
    expect(plan.create[0].ports).toEqual([]);
    const again = planEndpointSlices(service(), [], [stored(plan.create[0], 'web-abcde')], zones);
    expect(again).toEqual({ create: [], update: [], delete: [], retry: false });
  });

  it('reuses the placeholder for the first endpoints (update, not create + delete)', () => {
    const placeholder = stored(planEndpointSlices(service(), [], [], zones).create[0], 'web-abcde');
    const plan = planEndpointSlices(service(), [pod({ name: 'a' })], [placeholder], zones);
    expect(plan.create).toEqual([]);
    expect(plan.delete).toEqual([]);
    expect(plan.update.map((s) => [s.metadata.name, s.endpoints.length])).toEqual([['web-abcde', 1]]);
  });

  it('changes nothing when the slice already matches', () => {
    const first = planEndpointSlices(service(), [pod({ name: 'a' })], [], zones);
    const plan = planEndpointSlices(service(), [pod({ name: 'a' })], [stored(first.create[0], 'web-abcde')], zones);
    expect(plan).toEqual({ create: [], update: [], delete: [], retry: false });
  });

  it('updates an endpoint in place when its pod turns unready', () => {
    const first = planEndpointSlices(service(), [pod({ name: 'a' }), pod({ name: 'b', ip: '10.244.1.3' })], [], zones);
    const plan = planEndpointSlices(service(), [pod({ name: 'a' }), pod({ name: 'b', ip: '10.244.1.3', ready: false })], [stored(first.create[0], 'web-abcde')], zones);
    expect(plan.update).toHaveLength(1);
    expect(plan.update[0].endpoints.map((e) => [e.targetRef?.name, e.conditions.ready])).toEqual([
      ['a', true],
      ['b', false],
    ]);
  });

  it('fills an unchanged slice with room rather than creating a new one', () => {
    const first = planEndpointSlices(service(), [pod({ name: 'a' })], [], zones);
    const plan = planEndpointSlices(service(), [pod({ name: 'a' }), pod({ name: 'b', ip: '10.244.1.3' })], [stored(first.create[0], 'web-abcde')], zones);
    expect(plan.create).toEqual([]);
    expect(plan.update.map((s) => s.endpoints.map((e) => e.targetRef?.name))).toEqual([['a', 'b']]);
  });

  it('deletes slices left empty and slices the Service does not own', () => {
    const first = planEndpointSlices(service(), Array.from({ length: 101 }, (_, i) => pod({ name: `p${i}`, ip: ipOf(i) })), [], zones);
    const [full, rest] = first.create.map((d, i) => stored(d, `web-${i}`));
    const foreign = { ...rest, metadata: { ...rest.metadata, name: 'web-old', ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: 'web', uid: 'old-uid' }] } } as EndpointSlice;
    const lone = rest.endpoints?.[0].targetRef?.name;
    const remaining = Array.from({ length: 101 }, (_, i) => pod({ name: `p${i}`, ip: ipOf(i) })).filter((p) => p.metadata.name !== lone);
    const plan = planEndpointSlices(service(), remaining, [full, rest, foreign], zones);
    expect(plan.update).toEqual([]);
    expect(plan.delete.map((s) => s.metadata.name).sort()).toEqual(['web-1', 'web-old']);
  });
});
