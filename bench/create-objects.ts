/**
 * The create benchmark's objects (bench/run.ts, bench/profile-create.ts): `nodes` Nodes, then
 * `pods` Pods spread over them round-robin, each created through the store.
 */
import { buildNode } from '../src/engine/cluster/nodes.ts';
import type { Simulation } from '../src/engine/simulation.ts';

export function createBenchObjects(sim: Simulation, nodes: number, pods: number): void {
  for (let i = 0; i < nodes; i++) sim.store.create(buildNode({ name: `node-${i + 1}`, index: i + 1 }, sim.now));
  for (let i = 0; i < pods; i++) {
    sim.store.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `pod-${i}`, namespace: 'default', labels: { app: `app-${i % 100}` } },
      spec: {
        containers: [{ name: 'app', image: 'nginx:1.27', resources: { requests: { cpu: '100m', memory: '128Mi' } } }],
        nodeName: `node-${(i % nodes) + 1}`,
      },
    });
  }
}
