/**
 * `npm run bench`: the foundation's performance figures, measured on this machine.
 *   1. Create 5,000 Node and 150,000 Pod objects through the API with a watcher attached
 *      (goal: under 5 s, heap under 1 GB).
 *   2. `sim advance 24h` on an idle default cluster (goal: under 0.5 s).
 * Run with `node --expose-gc` (the npm script does) so heap figures are taken after a full GC.
 */
import { buildNode } from '../src/engine/cluster/nodes.ts';
import { Simulation } from '../src/engine/simulation.ts';
import { Session } from '../src/commands/session.ts';

interface Figure {
  name: string;
  value: string;
  goal: string;
  ok: boolean;
}

const figures: Figure[] = [];
const gc = (globalThis as { gc?: () => void }).gc;

function heapMb(): number {
  gc?.();
  return process.memoryUsage().heapUsed / (1024 * 1024);
}

function benchCreate(): void {
  const NODES = 5000;
  const PODS = 150_000;
  const sim = Simulation.create(1, { nodes: 0 });
  let events = 0;
  sim.store.watch('nodes', () => events++);
  sim.store.watch('pods', () => events++);
  const heapBefore = heapMb();
  const t0 = performance.now();
  for (let i = 0; i < NODES; i++) sim.store.create(buildNode({ name: `node-${i + 1}`, index: i + 1 }, sim.now));
  for (let i = 0; i < PODS; i++) {
    sim.store.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `pod-${i}`, namespace: 'default', labels: { app: `app-${i % 100}` } },
      spec: {
        containers: [{ name: 'app', image: 'nginx:1.27', resources: { requests: { cpu: '100m', memory: '128Mi' } } }],
        nodeName: `node-${(i % NODES) + 1}`,
      },
    });
  }
  const seconds = (performance.now() - t0) / 1000;
  const heap = heapMb();
  // Use the simulation after measuring, so the heap figure cannot be taken after it was collected.
  const stored = sim.store.count('pods') + sim.store.count('nodes');
  if (stored !== NODES + PODS + 1 || events !== stored) throw new Error(`stored ${stored}, watcher saw ${events}`);
  figures.push({ name: `create ${NODES} nodes + ${PODS} pods (watched)`, value: `${seconds.toFixed(2)} s`, goal: '< 5 s', ok: seconds < 5 });
  figures.push({ name: '  heap after (total / added)', value: `${heap.toFixed(0)} MB / ${(heap - heapBefore).toFixed(0)} MB`, goal: '< 1024 MB', ok: heap < 1024 });
  figures.push({ name: '  API create rate', value: `${Math.round((NODES + PODS) / seconds)} objects/s`, goal: '', ok: true });
}

function benchIdleDay(): void {
  const session = new Session({ seed: 1 });
  session.execLine('kubectl get nodes');
  const t0 = performance.now();
  const r = session.execLine('sim advance 24h');
  const seconds = (performance.now() - t0) / 1000;
  if (r.exitCode !== 0) throw new Error(r.output);
  figures.push({ name: 'sim advance 24h, idle default cluster', value: `${(seconds * 1000).toFixed(1)} ms`, goal: '< 500 ms', ok: seconds < 0.5 });
}

benchCreate();
benchIdleDay();
const width = Math.max(...figures.map((f) => f.name.length));
console.log(`Podlab bench — node ${process.version}, ${process.platform}/${process.arch}`);
for (const f of figures) console.log(`${f.name.padEnd(width)}  ${f.value.padStart(22)}  ${f.goal ? `goal ${f.goal}` : ''}${f.ok ? '' : '  ✗ MISSED'}`);
if (figures.some((f) => !f.ok)) process.exitCode = 1;
