/**
 * `npm run bench`: the foundation's performance figures, measured on this machine.
 *   1. Create 5,000 Node and 150,000 Pod objects through the API with a watcher attached
 *      (goal: under 5 s, heap under 1 GB).
 *   2. `sim advance 24h` on an idle default cluster, through the command layer and on the bare
 *      Simulation (goal: under 0.5 s; this includes the kubelets' heartbeats and lease renewals).
 *   3. Kubelet steady state: 100 workers running 3,000 pods, advanced by one simulated hour
 *      (goal: under 2 s), with the timers fired, the API writes and the heap after GC.
 * Run with `node --expose-gc` (the npm script does) so heap figures are taken after a full GC.
 *   4. kube-scheduler: 150,000 pods onto 5,000 nodes and 3,000 onto 100 (goal: ≥ 10,000 pods/s,
 *      heap under 1.5 GB, with the latest 1,000 decision traces kept).
 *   5. Controllers: a rolling update of a 1,000-replica Deployment on 100 nodes (goal: under 1 s of
 *      wall time; bench/rollout.ts), after one warm-up rollout.
 *   6. Services: 10,000 rps of simulated traffic over 100 Services for one simulated minute (goal:
 *      under 2 s; bench/traffic.ts).
 *   7. The app in headless Chromium (bench/browser.ts): bundle sizes, first load, frame times and
 *      memory with 100 nodes and 3,000 pods (goals in that file).
 *   8. Lab grading: every built-in lab's solution graded as `podlab grade` does (goal: a typical
 *      lab — the median — under 1 s; bench/labs.ts).
 * `npm run bench -- kubelet` (or `create`, `idle`, `scheduler`, `rollout`, `traffic`, `labs`, `browser`) runs only the benchmarks whose key matches.
 */
import type { Pod } from '../src/engine/api/types.ts';
import { Simulation } from '../src/engine/simulation.ts';
import { Session } from '../src/commands/session.ts';
import { HOUR_MS } from '../src/engine/kernel/time.ts';
import { benchRollingUpdate } from './rollout.ts';
import { createBenchObjects } from './create-objects.ts';
import { schedulerBenchCluster } from './scheduler-cluster.ts';
import { benchTraffic } from './traffic.ts';
import { benchBrowser } from './browser.ts';
import { benchLabGrading } from './labs.ts';

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
  // The control-plane node and the kube-system pods exist before the benchmark's objects.
  const existing = sim.store.count('pods') + sim.store.count('nodes');
  const heapBefore = heapMb();
  const t0 = performance.now();
  createBenchObjects(sim, NODES, PODS);
  const seconds = (performance.now() - t0) / 1000;
  const heap = heapMb();
  // Use the simulation after measuring, so the heap figure cannot be taken after it was collected.
  const stored = sim.store.count('pods') + sim.store.count('nodes');
  if (stored !== existing + NODES + PODS || events !== stored) throw new Error(`stored ${stored}, watcher saw ${events}`);
  figures.push({ name: `create ${NODES} nodes + ${PODS} pods (watched)`, value: `${seconds.toFixed(2)} s`, goal: '< 5 s', ok: seconds < 5 });
  figures.push({ name: '  heap after (total / added)', value: `${heap.toFixed(0)} MB / ${(heap - heapBefore).toFixed(0)} MB`, goal: '< 1024 MB', ok: heap < 1024 });
  figures.push({ name: '  API create rate', value: `${Math.round((NODES + PODS) / seconds)} objects/s`, goal: '', ok: true });
}

/** Runs the heartbeat path once on a throwaway cluster, so the timed run measures warm code, not the JIT. */
function warmUp(): void {
  new Session({ seed: 2 }).execLine('sim advance 6h');
}

function benchIdleDay(): void {
  warmUp();
  const session = new Session({ seed: 1 });
  session.execLine('kubectl get nodes');
  const t0 = performance.now();
  const r = session.execLine('sim advance 24h');
  const seconds = (performance.now() - t0) / 1000;
  if (r.exitCode !== 0) throw new Error(r.output);
  figures.push({ name: 'sim advance 24h, idle default cluster', value: `${(seconds * 1000).toFixed(1)} ms`, goal: '< 500 ms', ok: seconds < 0.5 });
}

/** Runs `advance` and counts the timers it fires (Simulation.advance is exactly this call). */
function advanceCounting(sim: Simulation, ms: number): number {
  return sim.kernel.runUntil(sim.now + ms);
}

function benchIdleDaySimulation(): void {
  const sim = Simulation.create();
  const rv0 = Number(sim.store.resourceVersion);
  const t0 = performance.now();
  const fired = advanceCounting(sim, 24 * HOUR_MS);
  const seconds = (performance.now() - t0) / 1000;
  const writes = Number(sim.store.resourceVersion) - rv0;
  figures.push({ name: 'Simulation.create() default cluster, advance 24h', value: `${(seconds * 1000).toFixed(1)} ms`, goal: '< 500 ms', ok: seconds < 0.5 });
  figures.push({ name: '  timers fired / API writes', value: `${fired} / ${writes}`, goal: '', ok: true });
}

function benchKubeletSteadyState(): void {
  const NODES = 100;
  const PODS = 3000;
  const t0 = performance.now();
  const sim = Simulation.create(1, { nodes: NODES, cpu: '32', memory: '128Gi', pods: 110 });
  const tCluster = performance.now();
  for (let i = 0; i < PODS; i++) {
    sim.store.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `web-${i}`, namespace: 'default', labels: { app: 'web' } },
      spec: {
        containers: [{ name: 'web', image: 'nginx:1.27', resources: { requests: { cpu: '10m', memory: '16Mi' } } }],
        nodeName: `node-${(i % NODES) + 1}`,
      },
    });
  }
  sim.settle();
  sim.advance(60_000);
  const setupSeconds = (performance.now() - t0) / 1000;
  const clusterSeconds = (tCluster - t0) / 1000;
  requireRunning(sim, PODS, 'after setup');

  const heapBefore = heapMb();
  const rv0 = Number(sim.store.resourceVersion);
  const t1 = performance.now();
  const fired = advanceCounting(sim, HOUR_MS);
  const seconds = (performance.now() - t1) / 1000;
  const writes = Number(sim.store.resourceVersion) - rv0;
  const heap = heapMb();
  requireRunning(sim, PODS, 'after the hour');

  figures.push({
    name: `kubelet steady state setup (${NODES} nodes, ${PODS} pods Running)`,
    value: `${setupSeconds.toFixed(2)} s`,
    goal: '',
    ok: true,
  });
  figures.push({ name: '  of which Simulation.create', value: `${clusterSeconds.toFixed(2)} s`, goal: '', ok: true });
  figures.push({ name: `advance 1h, ${NODES} nodes + ${PODS} running pods`, value: `${seconds.toFixed(2)} s`, goal: '< 2 s', ok: seconds < 2 });
  figures.push({ name: '  timers fired / API writes', value: `${fired} / ${writes}`, goal: '', ok: true });
  figures.push({ name: '  heap after GC (total / hour added)', value: `${heap.toFixed(0)} MB / ${(heap - heapBefore).toFixed(0)} MB`, goal: '', ok: true });
}

/** Throws unless exactly `want` pods in `default` are Running, naming what the others are doing. */
function requireRunning(sim: Simulation, want: number, when: string): void {
  const pods = sim.store.list<Pod>('pods', { namespace: 'default' }).items;
  const phases = new Map<string, number>();
  for (const p of pods) {
    const phase = p.status?.phase ?? '(none)';
    phases.set(phase, (phases.get(phase) ?? 0) + 1);
  }
  const running = phases.get('Running') ?? 0;
  if (running === want && pods.length === want) return;
  const sample = pods.find((p) => p.status?.phase !== 'Running');
  throw new Error(
    `kubelet steady state ${when}: ${running} of ${want} pods Running (${pods.length} stored; ` +
      `${[...phases].map(([k, v]) => `${k}: ${v}`).join(', ')})` +
      (sample ? `\nfirst not Running: ${JSON.stringify({ metadata: sample.metadata, status: sample.status })}` : ''),
  );
}

/**
 * kube-scheduler throughput, measured as scheduler_perf measures it: the API store and the
 * scheduler only (no kubelets start the pods), all pods pending at once, timed from the first
 * scheduling cycle to the last binding. Every decision's trace is built; the most recent 1,000
 * are kept. Each binding is an API write plus a `Scheduled` Event, as on a real cluster.
 */
function benchScheduler(NODES: number, PODS: number): void {
  // A short run first, so the figure is steady-state throughput rather than JIT warm-up.
  if (!schedulerWarm) {
    schedulerWarm = true;
    scheduleAll(100, 3000);
  }
  const r = scheduleAll(NODES, PODS);
  const rate = PODS / r.seconds;
  figures.push({ name: `schedule ${PODS} pods onto ${NODES} nodes`, value: `${r.seconds.toFixed(2)} s`, goal: '', ok: true });
  figures.push({ name: '  throughput', value: `${Math.round(rate)} pods/s`, goal: '>= 10000 pods/s', ok: rate >= 10_000 });
  figures.push({
    name: `  heap after GC (total / added), ${r.kept} traces kept`,
    value: `${r.heap.toFixed(0)} MB / ${(r.heap - r.heapBefore).toFixed(0)} MB`,
    goal: '< 1536 MB',
    ok: r.heap < 1536,
  });
}

let schedulerWarm = false;

function scheduleAll(NODES: number, PODS: number): { seconds: number; heap: number; heapBefore: number; kept: number } {
  const { kernel, store, scheduler } = schedulerBenchCluster(NODES, PODS);
  const heapBefore = heapMb();
  const t0 = performance.now();
  kernel.runUntil(kernel.now);
  const seconds = (performance.now() - t0) / 1000;
  const heap = heapMb();
  const bound = store.list<Pod>('pods', { fieldSelector: 'spec.nodeName!=' }).items.length;
  if (bound !== PODS) throw new Error(`scheduler bench: ${bound} of ${PODS} pods bound`);
  return { seconds, heap, heapBefore, kept: scheduler.decisions.recent().length };
}

function benchRollout(): void {
  // One rollout first, as the scheduler's figure follows a warm-up run: the figure is the
  // controllers' steady cost, not the JIT's first compilation of them.
  benchRollingUpdate();
  const r = benchRollingUpdate();
  figures.push({ name: 'rolling update, 1000 replicas on 100 nodes', value: `${r.seconds.toFixed(2)} s`, goal: '< 1 s', ok: r.seconds < 1 });
  figures.push({ name: '  simulated time of the rollout', value: `${r.simulatedSeconds.toFixed(0)} s`, goal: '', ok: true });
}

const BENCHES: [key: string, run: () => void | Promise<void>][] = [
  ['scheduler-100', () => benchScheduler(100, 3000)],
  ['scheduler-5000', () => benchScheduler(5000, 150_000)],
  ['create', benchCreate],
  ['idle', benchIdleDay],
  ['idle-sim', benchIdleDaySimulation],
  ['kubelet', benchKubeletSteadyState],
  ['rollout', benchRollout],
  ['traffic', () => {
    const r = benchTraffic();
    figures.push({ name: `traffic, 10,000 rps over 100 services for 1 simulated minute (${r.ok}/${r.requests} ok)`, value: `${r.seconds.toFixed(2)} s (cpu ${r.cpuSeconds.toFixed(2)} s)`, goal: '< 2 s', ok: r.seconds < 2 && r.ok === r.requests });
  }],
  ['labs', () => {
    const r = benchLabGrading();
    figures.push({ name: `lab grading, ${r.labs} built-in solutions (median lab)`, value: `${r.medianSeconds.toFixed(2)} s`, goal: '< 1 s', ok: r.medianSeconds < 1 && r.allPassed });
    figures.push({ name: `  slowest: ${r.slowest}`, value: `${r.maxSeconds.toFixed(2)} s`, goal: '', ok: true });
  }],
  ['browser', async () => {
    figures.push(...(await benchBrowser()));
  }],
];
const only = process.argv.slice(2);
for (const [key, run] of BENCHES) if (only.length === 0 || only.some((o) => key.startsWith(o))) await run();
const width = Math.max(...figures.map((f) => f.name.length));
console.log(`Podlab bench — node ${process.version}, ${process.platform}/${process.arch}`);
for (const f of figures) console.log(`${f.name.padEnd(width)}  ${f.value.padStart(22)}  ${f.goal ? `goal ${f.goal}` : ''}${f.ok ? '' : '  ✗ MISSED'}`);
if (figures.some((f) => !f.ok)) process.exitCode = 1;
