/**
 * The controllers' figure (issue 5): a rolling update of a 1,000-replica Deployment on 100 nodes,
 * from `set image` until every new pod is available and the old ReplicaSet is scaled to 0 and
 * its pods are gone — the controllers, the scheduler and the kubelets all doing their work.
 * Goal: under 1 s of wall time.
 */
import type { Deployment, Pod, ReplicaSet } from '../src/engine/api/types.ts';
import { Simulation } from '../src/engine/simulation.ts';

const NODES = 100;
const REPLICAS = 1000;
const STEP_MS = 1000;
const LIMIT_MS = 60 * 60 * 1000;

function web(): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas: REPLICAS,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'web', image: 'nginx:1.26', resources: { requests: { cpu: '10m', memory: '16Mi' } } }] },
      },
    },
  } as unknown as Deployment;
}

function rolledOut(sim: Simulation, image: string): boolean {
  const d = sim.store.get<Deployment>('deployments', 'default', 'web');
  const s = d.status;
  if (!s || s.observedGeneration !== d.metadata.generation) return false;
  if (s.updatedReplicas !== REPLICAS || s.availableReplicas !== REPLICAS || s.replicas !== REPLICAS) return false;
  const old = sim.store.list<ReplicaSet>('replicasets', { namespace: 'default' }).items.filter((rs) => rs.spec.template.spec.containers[0].image !== image);
  if (old.some((rs) => (rs.spec.replicas ?? 0) > 0)) return false;
  const pods = sim.store.list<Pod>('pods', { namespace: 'default' }).items;
  return pods.length === REPLICAS && pods.every((p) => p.spec.containers[0].image === image);
}

function advanceUntil(sim: Simulation, done: () => boolean): number {
  const start = sim.now;
  while (!done()) {
    if (sim.now - start > LIMIT_MS) throw new Error('the rollout did not finish within an hour of simulated time');
    sim.advance(STEP_MS);
  }
  return sim.now - start;
}

/** Returns wall seconds and simulated seconds of the rollout. */
export function benchRollingUpdate(hooks: { start?: () => void; stop?: () => void } = {}): { seconds: number; simulatedSeconds: number } {
  const sim = Simulation.create(1, { nodes: NODES, cpu: '8', memory: '32Gi' });
  sim.store.create(web());
  sim.settle();
  advanceUntil(sim, () => rolledOut(sim, 'nginx:1.26'));
  const d = sim.store.get<Deployment>('deployments', 'default', 'web');
  const spec = d.spec.template.spec;
  hooks.start?.();
  const t0 = performance.now();
  sim.store.update({ ...d, spec: { ...d.spec, template: { ...d.spec.template, spec: { ...spec, containers: [{ ...spec.containers[0], image: 'nginx:1.27' }] } } } });
  const simulatedMs = advanceUntil(sim, () => rolledOut(sim, 'nginx:1.27'));
  const seconds = (performance.now() - t0) / 1000;
  hooks.stop?.();
  return { seconds, simulatedSeconds: simulatedMs / 1000 };
}
