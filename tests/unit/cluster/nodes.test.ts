import { describe, expect, it } from 'vitest';
import { buildNode } from '../../../src/engine/cluster/nodes.ts';
import { Simulation } from '../../../src/engine/simulation.ts';

describe('buildNode', () => {
  it.each([
    ['4Gi', '4Gi', '3996Mi'],
    ['8Gi', '8Gi', '8092Mi'],
    ['1Gi', '1Gi', '924Mi'],
  ])('memory %s: capacity %s, allocatable %s (capacity − 100Mi hard eviction)', (memory, capacity, allocatable) => {
    const node = buildNode({ name: 'n', index: 1, memory }, 0);
    expect(node.status.capacity?.memory).toBe(capacity);
    expect(node.status.allocatable?.memory).toBe(allocatable);
  });

  it('allocatable ephemeral storage is capacity less the 10% nodefs threshold', () => {
    const node = buildNode({ name: 'n', index: 1 }, 0);
    expect(node.status.capacity?.['ephemeral-storage']).toBe('100Gi');
    expect(node.status.allocatable?.['ephemeral-storage']).toBe('90Gi');
  });

  it('the default cluster has a tainted control-plane and three workers with standard labels', () => {
    const sim = Simulation.create(1);
    const nodes = sim.store.list('nodes').items;
    expect(nodes.map((n) => n.metadata.name)).toEqual(['control-plane', 'node-1', 'node-2', 'node-3']);
    const cp = nodes[0] as ReturnType<typeof buildNode>;
    expect(cp.spec.taints).toEqual([{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]);
    expect(cp.metadata.labels?.['node-role.kubernetes.io/control-plane']).toBe('');
    expect(nodes[1].metadata.labels?.['kubernetes.io/hostname']).toBe('node-1');
    expect((nodes[1] as ReturnType<typeof buildNode>).status.allocatable?.pods).toBe('110');
  });
});
