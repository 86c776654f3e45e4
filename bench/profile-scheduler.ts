/**
 * A profiling aid for the scheduler's hot path (not part of `npm run bench`): schedules PODS
 * pending pods onto NODES nodes with only the API store and the scheduler, and writes a V8 CPU
 * profile (or, with HEAP=1, a sampling heap profile) of the scheduling alone to /tmp/podlab-prof/.
 *   npx esbuild bench/profile-scheduler.ts --bundle --platform=node --format=esm \
 *     --packages=external --outfile=bench/.out/profile.mjs && node bench/.out/profile.mjs 5000 30000
 * Open the .cpuprofile in Chrome DevTools (Performance tab) or any cpuprofile viewer.
 */
import { Session } from 'node:inspector/promises';
import { mkdirSync, writeFileSync } from 'node:fs';
import { buildNode } from '../src/engine/cluster/nodes.ts';
import { Kernel } from '../src/engine/kernel/kernel.ts';
import { ApiStore } from '../src/engine/api/store.ts';
import { EventRecorder } from '../src/engine/api/events.ts';
import { Scheduler } from '../src/engine/components/scheduler/scheduler.ts';

const NODES = Number(process.argv[2] ?? 100), PODS = Number(process.argv[3] ?? 3000);
const kernel = new Kernel(1);
const store = new ApiStore(kernel);
const events = new EventRecorder(store, kernel);
store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
// The nodes of bench/run.ts's scheduler benchmark: three zones, round-robin.
const zones = ['zone-a', 'zone-b', 'zone-c'];
for (let i = 0; i < NODES; i++) {
  const node = buildNode({ name: `node-${i + 1}`, index: i + 1, cpu: '16', memory: '64Gi', pods: 110 }, kernel.now);
  node.metadata.labels = { ...node.metadata.labels, 'topology.kubernetes.io/zone': zones[i % 3] };
  store.create(node);
}
const scheduler = new Scheduler({ kernel, store, events });
scheduler.start(false);
for (let i = 0; i < PODS; i++) store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `pod-${i}`, namespace: 'default', labels: { app: `app-${i % 100}` } }, spec: { containers: [{ name: 'app', image: 'nginx:1.27', resources: { requests: { cpu: '100m', memory: '128Mi' } } }] } });
mkdirSync('/tmp/podlab-prof', { recursive: true });
const s = new Session();
s.connect();
const heap = process.env.HEAP === '1';
if (heap) { await s.post('HeapProfiler.enable'); await s.post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true }); }
else { await s.post('Profiler.enable'); await s.post('Profiler.start'); }
const t0 = performance.now();
const cpu0 = process.cpuUsage();
kernel.runUntil(kernel.now);
const sec = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
const cpuSec = (cpu.user + cpu.system) / 1e6;
if (heap) { const { profile } = await s.post('HeapProfiler.stopSampling'); writeFileSync('/tmp/podlab-prof/scheduler.heapprofile', JSON.stringify(profile)); }
else { const { profile } = await s.post('Profiler.stop'); writeFileSync('/tmp/podlab-prof/scheduler.cpuprofile', JSON.stringify(profile)); }
// CPU time too: on a shared machine it varies far less than the wall clock.
console.log(`${PODS} pods / ${NODES} nodes: ${sec.toFixed(2)} s, ${Math.round(PODS / sec)} pods/s; cpu ${cpuSec.toFixed(2)} s, ${Math.round(PODS / cpuSec)} pods/cpu-s`);
