/** A node's identity as the kubelet reports it: stable per name, distinct between nodes, real shapes. */
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../../src/engine/simulation.ts';
import type { Node } from '../../../src/engine/api/types.ts';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('node identity', () => {
  const nodes = Simulation.create(1).store.list<Node>('nodes').items;

  it('machine-id is 32 hex digits, system UUID and boot ID are UUIDs; the kubelet listens on 10250', () => {
    for (const n of nodes) {
      expect(n.status?.nodeInfo?.machineID).toMatch(/^[0-9a-f]{32}$/);
      expect(n.status?.nodeInfo?.systemUUID).toMatch(UUID_V4);
      expect(n.status?.nodeInfo?.bootID).toMatch(UUID_V4);
      expect(n.status?.daemonEndpoints).toEqual({ kubeletEndpoint: { Port: 10250 } });
    }
  });

  it('differs between nodes and stays the same for the same name in another cluster', () => {
    expect(new Set(nodes.map((n) => n.status?.nodeInfo?.machineID)).size).toBe(nodes.length);
    const again = Simulation.create(7).store.list<Node>('nodes').items;
    expect(again.map((n) => n.status?.nodeInfo)).toEqual(nodes.map((n) => n.status?.nodeInfo));
  });
});
