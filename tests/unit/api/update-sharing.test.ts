import { describe, expect, it } from 'vitest';
import type { KObject } from '../../../src/engine/api/types.ts';
import { Simulation } from '../../../src/engine/simulation.ts';
import { thrownStatus } from '../../support/fixtures.ts';

type Lease = KObject & { spec: Record<string, unknown> };

function nodeLease(sim: Simulation): Lease {
  const lease = sim.store.tryGet<Lease>('leases', 'kube-node-lease', 'node-1');
  if (!lease) throw new Error('no node-1 lease');
  return lease;
}

// A Lease update keeps the stored object's frozen subtrees (sharesFrozenOnUpdate) instead of copying them.
describe('updates that share frozen subtrees', () => {
  it('a renewal keeps the stored ownerReferences and bumps the resourceVersion', () => {
    const sim = Simulation.create(1);
    const lease = nodeLease(sim);
    const renewed = sim.store.update<Lease>({ ...lease, spec: { ...lease.spec, renewTime: '2025-01-01T00:00:10.000000Z' } });
    expect(renewed.metadata.ownerReferences).toBe(lease.metadata.ownerReferences);
    expect(renewed.spec.renewTime).toBe('2025-01-01T00:00:10.000000Z');
    expect(Number(renewed.metadata.resourceVersion)).toBeGreaterThan(Number(lease.metadata.resourceVersion));
    expect(Object.isFrozen(renewed.spec)).toBe(true);
    // The old version is untouched.
    expect(lease.spec.renewTime).not.toBe('2025-01-01T00:00:10.000000Z');
  });

  it('changed ownerReferences are still validated', () => {
    const sim = Simulation.create(1);
    const lease = nodeLease(sim);
    const refs = [{ apiVersion: 'v1', kind: 'Node', name: '', uid: 'u-1' }];
    const status = thrownStatus(() => sim.store.update({ ...lease, metadata: { ...lease.metadata, ownerReferences: refs } }));
    expect(status.message).toContain('metadata.ownerReferences.name: Invalid value: "": must not be empty');
  });

  it('the defaulter still drops disabled fields from a shared spec', () => {
    const sim = Simulation.create(1);
    const lease = nodeLease(sim);
    const updated = sim.store.update<Lease>({ ...lease, spec: { ...lease.spec, strategy: 'OldestEmulationVersion', leaseTransitions: 1 } });
    expect(updated.spec.strategy).toBeUndefined();
    expect(updated.spec.leaseTransitions).toBe(1);
  });
});
