/**
 * EndpointSlice / Endpoints admission (field errors as the API server words them, generation
 * bookkeeping) and the trigger-time tracker behind `endpoints.kubernetes.io/last-change-trigger-time`.
 */
import { describe, expect, it } from 'vitest';
import { isStatusError } from '../../../src/engine/api/errors.ts';
import type { KObject, Pod } from '../../../src/engine/api/types.ts';
import { TriggerTimeTracker } from '../../../src/engine/components/controllers/endpoint-util.ts';
import { Simulation } from '../../../src/engine/simulation.ts';
import { pod, service } from './fixtures.ts';

const slice = (extra: Record<string, unknown>): KObject => ({
  apiVersion: 'discovery.k8s.io/v1',
  kind: 'EndpointSlice',
  metadata: { name: 's', namespace: 'default' },
  addressType: 'IPv4',
  endpoints: [{ addresses: ['10.0.0.1'], conditions: { ready: true } }],
  ports: [{ name: 'http', port: 80 }],
  ...extra,
});

function createError(obj: KObject): string {
  const sim = Simulation.create(1, { nodes: 0 });
  try {
    sim.store.create(obj);
  } catch (e) {
    if (isStatusError(e)) return e.message;
    throw e;
  }
  return '';
}

describe('EndpointSlice admission', () => {
  it.each([
    { name: 'a valid slice', extra: {}, want: '' },
    { name: 'no addressType', extra: { addressType: undefined }, want: 'EndpointSlice.discovery.k8s.io "s" is invalid: addressType: Required value' },
    { name: 'an unknown addressType', extra: { addressType: 'IP' }, want: 'EndpointSlice.discovery.k8s.io "s" is invalid: addressType: Unsupported value: "IP": supported values: "FQDN", "IPv4", "IPv6"' },
    {
      name: 'an endpoint without addresses',
      extra: { endpoints: [{ addresses: [], conditions: {} }] },
      want: 'EndpointSlice.discovery.k8s.io "s" is invalid: endpoints[0].addresses: Required value: must contain at least 1 address',
    },
    { name: 'a bad protocol', extra: { ports: [{ port: 80, protocol: 'HTTP' }] }, want: 'EndpointSlice.discovery.k8s.io "s" is invalid: ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"' },
  ])('$name', ({ extra, want }) => expect(createError(slice(extra))).toBe(want));

  it('defaults port protocols, stores empty lists as null and counts generations', () => {
    const sim = Simulation.create(1, { nodes: 0 });
    const created = sim.store.create(slice({ endpoints: [] }));
    expect(created).toMatchObject({ endpoints: null, ports: [{ name: 'http', port: 80, protocol: 'TCP' }], metadata: { generation: 1 } });
    const relabelled = sim.store.update({ ...created, metadata: { ...created.metadata, labels: { a: 'b' } } });
    expect(relabelled.metadata.generation).toBe(1);
    const changed = sim.store.update({ ...relabelled, endpoints: [{ addresses: ['10.0.0.2'], conditions: {} }] });
    expect(changed.metadata.generation).toBe(2);
    expect(() => sim.store.update({ ...changed, addressType: 'IPv6' })).toThrow('addressType: Invalid value: "IPv6": field is immutable');
  });
});

describe('TriggerTimeTracker', () => {
  const at = (s: number): string => new Date(Date.UTC(2025, 0, 1, 0, 0, s)).toISOString().replace('.000Z', 'Z');
  const withReady = (p: Pod, s: number): Pod => ({ ...p, status: { ...p.status, conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: at(s) }] } });
  const svc = { ...service(), metadata: { ...service().metadata, creationTimestamp: at(1) } };

  it('uses the Service creation first, then the earliest changed Ready transition, then nothing', () => {
    const t = new TriggerTimeTracker();
    const a = withReady(pod({ name: 'a' }), 5);
    const b = withReady(pod({ name: 'b' }), 7);
    expect(t.compute(svc, [a])).toBe(1000);
    expect(t.compute(svc, [a, b])).toBe(7000);
    expect(t.compute(svc, [withReady(a, 9), withReady(b, 8)])).toBe(8000);
    expect(t.compute(svc, [withReady(a, 9), withReady(b, 8)])).toBeUndefined();
    t.delete('default/web');
    expect(t.compute(svc, [a])).toBe(1000);
  });

  it('survives save and load', () => {
    const t = new TriggerTimeTracker();
    t.compute(svc, [withReady(pod({ name: 'a' }), 5)]);
    const u = new TriggerTimeTracker();
    u.load(JSON.parse(JSON.stringify(t.save())));
    expect(u.compute(svc, [withReady(pod({ name: 'a' }), 5)])).toBeUndefined();
  });
});
