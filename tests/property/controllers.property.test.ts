/**
 * Property test over the controllers (issue 5): random sequences of scale / set-image /
 * delete-pod / node-fail / node-recover against a Deployment, checked after every simulated
 * second. Invariants:
 * - no node is over-committed (the requests of the pods bound to it fit its allocatable);
 * - no pod is bound twice or moved (a pod's nodeName never changes once set);
 * - while no node has failed, the rollout bounds hold: the ReplicaSets' replicas never sum to
 *   more than replicas + maxSurge, and once a Deployment has been fully available, the available
 *   pods never drop below replicas − maxUnavailable until something outside the controller
 *   (a deleted pod, a scale-up) disturbs it;
 * - once the faults stop (every node recovered), the cluster converges: the Deployment is fully
 *   rolled out and available with the latest image.
 * Seeded (a failure prints the seed and the shrunk sequence); at least 200 runs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StatusError } from '../../src/engine/api/errors.ts';
import { cpuMilli, memoryBytes } from '../../src/engine/api/quantity.ts';
import type { Deployment, Node, Pod, ReplicaSet } from '../../src/engine/api/types.ts';
import { isPodAvailable } from '../../src/engine/components/controllers/util.ts';
import { Simulation } from '../../src/engine/simulation.ts';

const NODES = ['node-1', 'node-2', 'node-3'];
const IMAGES = ['nginx:1.25', 'nginx:1.26', 'nginx:1.27'];
const MAX_SURGE = 2;
const MAX_UNAVAILABLE = 1;

type Op =
  | { op: 'scale'; replicas: number }
  | { op: 'setImage'; image: string }
  | { op: 'deletePod'; index: number }
  | { op: 'failNode'; node: string }
  | { op: 'recoverNode'; node: string }
  | { op: 'advance'; seconds: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ op: fc.constant('scale' as const), replicas: fc.integer({ min: 0, max: 8 }) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('setImage' as const), image: fc.constantFrom(...IMAGES) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('deletePod' as const), index: fc.nat(20) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('failNode' as const), node: fc.constantFrom(...NODES) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('recoverNode' as const), node: fc.constantFrom(...NODES) }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('advance' as const), seconds: fc.constantFrom(1, 3, 10, 30, 90) }) },
);

const deployment = (): Deployment =>
  ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas: 4,
      selector: { matchLabels: { app: 'web' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: MAX_SURGE, maxUnavailable: MAX_UNAVAILABLE } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'web', image: IMAGES[0], resources: { requests: { cpu: '300m', memory: '256Mi' } } }] },
      },
    },
  }) as unknown as Deployment;

/** What the checker remembers between ticks. */
interface Watcher {
  boundTo: Map<string, string>;
  failed: Set<string>;
  /** The Deployment has been fully available since the last disturbance from outside the controller. */
  settled: boolean;
}

function checkTick(sim: Simulation, w: Watcher): void {
  const pods = sim.store.list<Pod>('pods', { namespace: 'default' }).items;
  checkBindings(sim, w);
  checkCommitment(sim);
  if (w.failed.size > 0) return;
  const d = sim.store.get<Deployment>('deployments', 'default', 'web');
  const replicas = d.spec.replicas ?? 1;
  const rss = sim.store.list<ReplicaSet>('replicasets', { namespace: 'default' }).items;
  const sum = rss.reduce((n, rs) => n + (rs.spec.replicas ?? 0), 0);
  expect(sum, 'ReplicaSets sum to at most replicas + maxSurge').toBeLessThanOrEqual(replicas + MAX_SURGE);
  const available = pods.filter((p) => !p.metadata.deletionTimestamp && isPodAvailable(p, 0, sim.now)).length;
  if (w.settled) expect(available, 'availability stays at or above replicas − maxUnavailable').toBeGreaterThanOrEqual(replicas - MAX_UNAVAILABLE);
  else if (available >= replicas) w.settled = true;
}

function checkBindings(sim: Simulation, w: Watcher): void {
  for (const p of sim.store.list<Pod>('pods').items) {
    const node = p.spec.nodeName;
    if (!node) continue;
    const before = w.boundTo.get(p.metadata.uid ?? '');
    if (before !== undefined) expect(node, `pod ${p.metadata.name} moved`).toBe(before);
    else w.boundTo.set(p.metadata.uid ?? '', node);
  }
}

function checkCommitment(sim: Simulation): void {
  const used = new Map<string, { cpu: number; mem: number }>();
  for (const p of sim.store.list<Pod>('pods').items) {
    if (!p.spec.nodeName || p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed') continue;
    const u = used.get(p.spec.nodeName) ?? { cpu: 0, mem: 0 };
    for (const c of p.spec.containers) {
      u.cpu += cpuMilli(c.resources?.requests?.cpu ?? '0');
      u.mem += memoryBytes(c.resources?.requests?.memory ?? '0');
    }
    used.set(p.spec.nodeName, u);
  }
  for (const n of sim.store.list<Node>('nodes').items) {
    const u = used.get(n.metadata.name ?? '');
    if (!u) continue;
    const alloc = n.status?.allocatable ?? {};
    expect(u.cpu, `cpu on ${n.metadata.name}`).toBeLessThanOrEqual(cpuMilli(alloc.cpu ?? '0'));
    expect(u.mem, `memory on ${n.metadata.name}`).toBeLessThanOrEqual(memoryBytes(alloc.memory ?? '0'));
  }
}

function apply(sim: Simulation, o: Op, w: Watcher): void {
  const s = sim.store;
  try {
    switch (o.op) {
      case 'scale': {
        const d = s.get<Deployment>('deployments', 'default', 'web');
        if (o.replicas > (d.spec.replicas ?? 1)) w.settled = false;
        s.update({ ...d, spec: { ...d.spec, replicas: o.replicas } });
        break;
      }
      case 'setImage': {
        const d = s.get<Deployment>('deployments', 'default', 'web');
        const spec = d.spec.template.spec;
        s.update({ ...d, spec: { ...d.spec, template: { ...d.spec.template, spec: { ...spec, containers: [{ ...spec.containers[0], image: o.image }] } } } });
        break;
      }
      case 'deletePod': {
        const pods = s.list<Pod>('pods', { namespace: 'default', labelSelector: 'app=web' }).items.filter((p) => !p.metadata.deletionTimestamp);
        if (pods.length === 0) return;
        const p = pods[o.index % pods.length];
        w.settled = false;
        s.delete('pods', 'default', p.metadata.name ?? '');
        break;
      }
      case 'failNode':
        if (w.failed.has(o.node)) return;
        w.failed.add(o.node);
        w.settled = false;
        sim.failNode(o.node);
        break;
      case 'recoverNode':
        if (!w.failed.has(o.node)) return;
        w.failed.delete(o.node);
        w.settled = false;
        sim.recoverNode(o.node);
        break;
      case 'advance':
        break;
    }
  } catch (e) {
    if (!(e instanceof StatusError)) throw e;
  }
  sim.settle();
}

function advanceChecking(sim: Simulation, w: Watcher, seconds: number): void {
  for (let i = 0; i < seconds; i++) {
    sim.advance(1000);
    checkTick(sim, w);
  }
}

function checkConverged(sim: Simulation): void {
  const d = sim.store.get<Deployment>('deployments', 'default', 'web');
  const replicas = d.spec.replicas ?? 1;
  const image = d.spec.template.spec.containers[0].image;
  expect(d.status?.updatedReplicas ?? 0, 'updated').toBe(replicas);
  expect(d.status?.availableReplicas ?? 0, 'available').toBe(replicas);
  expect(d.status?.replicas ?? 0, 'replicas').toBe(replicas);
  const running = sim.store
    .list<Pod>('pods', { namespace: 'default', labelSelector: 'app=web' })
    .items.filter((p) => !p.metadata.deletionTimestamp && p.status?.phase === 'Running');
  expect(running.length, 'running pods').toBe(replicas);
  for (const p of running) expect(p.spec.containers[0].image).toBe(image);
  const all = sim.store.list<Pod>('pods', { namespace: 'default' }).items;
  expect(all.length, 'no pod left terminating or failed').toBe(replicas);
  const rss = sim.store.list<ReplicaSet>('replicasets', { namespace: 'default' }).items;
  expect(rss.reduce((n, rs) => n + (rs.spec.replicas ?? 0), 0), 'old ReplicaSets scaled to 0').toBe(replicas);
}

/** Plays one sequence, checking every simulated second; then recovers every node and converges. */
export function playSequence(ops: readonly Op[], seed = 7): void {
  const sim = Simulation.create(seed, { nodes: NODES.length });
  sim.store.create(deployment());
  sim.settle();
  const w: Watcher = { boundTo: new Map(), failed: new Set(), settled: false };
  advanceChecking(sim, w, 20);
  for (const o of ops) {
    apply(sim, o, w);
    checkTick(sim, w);
    if (o.op === 'advance') advanceChecking(sim, w, o.seconds);
  }
  for (const node of [...w.failed]) apply(sim, { op: 'recoverNode', node }, w);
  // Converged within 15 minutes at most (enough for the eviction timeouts, 40 s + 300 s, the
  // back-offs and the slowest rollout); checked every simulated second until then.
  for (let s = 0; s < CONVERGENCE_LIMIT_S && !converged(sim); s++) advanceChecking(sim, w, 1);
  checkConverged(sim);
}

const CONVERGENCE_LIMIT_S = 15 * 60;

function converged(sim: Simulation): boolean {
  try {
    checkConverged(sim);
    return true;
  } catch {
    return false;
  }
}

const RUNS = Number(process.env.PODLAB_PROPERTY_RUNS ?? 200);
const PINNED: Op[][] = [
  [{ op: 'setImage', image: 'nginx:1.26' }, { op: 'advance', seconds: 3 }, { op: 'scale', replicas: 8 }, { op: 'setImage', image: 'nginx:1.27' }],
  [{ op: 'failNode', node: 'node-2' }, { op: 'advance', seconds: 90 }, { op: 'setImage', image: 'nginx:1.26' }, { op: 'recoverNode', node: 'node-2' }],
  [{ op: 'scale', replicas: 0 }, { op: 'advance', seconds: 10 }, { op: 'scale', replicas: 6 }, { op: 'deletePod', index: 3 }],
];

describe('controllers under random faults', () => {
  it.each(PINNED.map((ops, i) => [i, ops] as const))('pinned sequence %i holds every invariant', (_i, ops) => {
    playSequence(ops);
  });

  it(`holds every invariant over ${RUNS} random sequences`, () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 12 }), fc.integer({ min: 1, max: 1000 }), (ops, seed) => playSequence(ops, seed)),
      { numRuns: RUNS, seed: 20261202 },
    );
  }, 600_000);
});
