/**
 * The node lifecycle controller on a small simulated cluster: the per-zone rate limit spaces the
 * NoExecute taints of two nodes that die together by 10 s (0.1 nodes/s); every node down at once
 * is "master disruption" (no NoExecute taints at all); a node's own events and its pods' not-ready
 * mark, as v1.31 records them.
 */
import { describe, expect, it } from 'vitest';
import type { KEvent, Node, Pod } from '../../../src/engine/api/types.ts';
import { Simulation } from '../../../src/engine/simulation.ts';
import { parseTimestamp } from '../../../src/engine/kernel/time.ts';

const node = (sim: Simulation, name: string) => sim.store.get<Node>('nodes', '', name);
const noExecuteAt = (sim: Simulation, name: string): number | undefined => {
  const t = node(sim, name).spec.taints?.find((x) => x.key === 'node.kubernetes.io/unreachable' && x.effect === 'NoExecute');
  return t?.timeAdded ? parseTimestamp(t.timeAdded) : undefined;
};

describe('node lifecycle controller', () => {
  it('registers every node once (RegisteredNode from node-controller)', () => {
    const sim = Simulation.create(11);
    const events = sim.store.list<KEvent>('events', { namespace: 'default' }).items.filter((e) => e.reason === 'RegisteredNode');
    expect(events.map((e) => [e.involvedObject.kind, e.involvedObject.name, e.message, e.source?.component])).toEqual([
      ['Node', 'control-plane', 'Node control-plane event: Registered Node control-plane in Controller', 'node-controller'],
      ['Node', 'node-1', 'Node node-1 event: Registered Node node-1 in Controller', 'node-controller'],
      ['Node', 'node-2', 'Node node-2 event: Registered Node node-2 in Controller', 'node-controller'],
      ['Node', 'node-3', 'Node node-3 event: Registered Node node-3 in Controller', 'node-controller'],
    ]);
  });

  it('two nodes failing together are tainted NoExecute 10 s apart (0.1 nodes/s in a healthy zone)', () => {
    const sim = Simulation.create(11, { nodes: 5 });
    sim.failNode('node-1');
    sim.failNode('node-2');
    sim.advance(90_000);
    const a = noExecuteAt(sim, 'node-1');
    const b = noExecuteAt(sim, 'node-2');
    expect(a).toBeDefined();
    expect(b).toBeDefined();
    expect(Math.abs((b ?? 0) - (a ?? 0))).toBe(10_000);
  });

  it('every node down is master disruption: conditions Unknown, but no NoExecute taint', () => {
    const sim = Simulation.create(11, { nodes: 1 });
    sim.failNode('control-plane');
    sim.failNode('node-1');
    sim.advance(120_000);
    for (const name of ['control-plane', 'node-1']) {
      expect(node(sim, name).status.conditions?.find((c) => c.type === 'Ready')?.status).toBe('Unknown');
      expect(noExecuteAt(sim, name)).toBeUndefined();
    }
  });

  it('a pod bound to a node already known not ready is marked not ready at once', () => {
    const sim = Simulation.create(11, { nodes: 2 });
    sim.failNode('node-2');
    sim.advance(60_000);
    expect(node(sim, 'node-2').status.conditions?.find((c) => c.type === 'Ready')?.status).toBe('Unknown');
    sim.store.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'late', namespace: 'default' },
      spec: { nodeName: 'node-2', containers: [{ name: 'c', image: 'nginx:1.27' }] },
      status: {},
    });
    sim.settle();
    // A pod the kubelet never saw has no Ready condition to flip: nothing is written, no event.
    const pod = sim.store.get<Pod>('pods', 'default', 'late');
    expect(pod.status.conditions ?? []).toEqual([]);
    const events = sim.store.list<KEvent>('events', { namespace: 'default' }).items.filter((e) => e.involvedObject.name === 'late');
    expect(events).toEqual([]);
  });
});
