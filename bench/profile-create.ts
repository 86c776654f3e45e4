/**
 * A profiling aid for the API's create path (not part of `npm run bench`): bench/run.ts's create
 * benchmark (NODES nodes + PODS pods through the store, watched), with a V8 CPU profile of the
 * timed loop written to /tmp/podlab-prof/create.cpuprofile (HEAP=1: a sampling heap profile).
 *   npx esbuild bench/profile-create.ts --bundle --platform=node --format=esm \
 *     --packages=external --outfile=bench/.out/profile-create.mjs && node bench/.out/profile-create.mjs 5000 150000
 * PROFILE=0 times the loop without a profiler; the trace hash is printed so changes can be
 * checked for byte-identical behaviour.
 */
import { Session } from 'node:inspector/promises';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Simulation } from '../src/engine/simulation.ts';
import { createBenchObjects } from './create-objects.ts';

const NODES = Number(process.argv[2] ?? 5000), PODS = Number(process.argv[3] ?? 150_000);
const sim = Simulation.create(1, { nodes: 0 });
let events = 0;
sim.store.watch('nodes', () => events++);
sim.store.watch('pods', () => events++);
mkdirSync('/tmp/podlab-prof', { recursive: true });
const profile = process.env.PROFILE !== '0';
const heap = process.env.HEAP === '1';
const s = new Session();
if (profile) {
  s.connect();
  if (heap) { await s.post('HeapProfiler.enable'); await s.post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: process.env.ALL === '1', includeObjectsCollectedByMinorGC: process.env.ALL === '1' }); }
  else { await s.post('Profiler.enable'); await s.post('Profiler.start'); }
}
const t0 = performance.now();
const cpu0 = process.cpuUsage();
createBenchObjects(sim, NODES, PODS);
const sec = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
if (profile) {
  if (heap) { const { profile: p } = await s.post('HeapProfiler.stopSampling'); writeFileSync('/tmp/podlab-prof/create.heapprofile', JSON.stringify(p)); }
  else { const { profile: p } = await s.post('Profiler.stop'); writeFileSync('/tmp/podlab-prof/create.cpuprofile', JSON.stringify(p)); }
}
console.log(`${NODES} nodes + ${PODS} pods: ${sec.toFixed(2)} s, cpu ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s, events ${events}, trace ${sim.kernel.trace.hash()}`);
