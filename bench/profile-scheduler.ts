/**
 * A profiling aid for the scheduler's hot path (not part of `npm run bench`): schedules PODS
 * pending pods onto NODES nodes with only the API store and the scheduler, and writes a V8 CPU
 * profile (or, with HEAP=1, a sampling heap profile) of the scheduling alone to /tmp/podlab-prof/.
 *   npx esbuild bench/profile-scheduler.ts --bundle --platform=node --format=esm \
 *     --packages=external --outfile=bench/.out/profile.mjs && node bench/.out/profile.mjs 5000 30000
 * Open the .cpuprofile in Chrome DevTools (Performance tab) or any cpuprofile viewer.
 * It ends with a fingerprint of the result (every pod's node, the kept decisions, the kernel's
 * trace hash): a faster scheduler must print the same. PROF=0 runs without the inspector, WARM=0
 * without bench/run.ts's warm-up run, REPEAT=n times n more clusters (steadier CPU figures).
 */
import { Session } from 'node:inspector/promises';
import { mkdirSync, writeFileSync } from 'node:fs';
// The late parts (four plugins' bodies among them), as simulation.ts loads them in Node.
import '../src/engine/late-register.ts';
import { Hasher } from '../src/engine/kernel/hash.ts';
import type { Pod } from '../src/engine/api/types.ts';
import { schedulerBenchCluster } from './scheduler-cluster.ts';

const NODES = Number(process.argv[2] ?? 100), PODS = Number(process.argv[3] ?? 3000);

const setup = schedulerBenchCluster;

// As bench/run.ts does, a short run first (WARM=0 skips it), so the figure is steady-state
// throughput rather than JIT warm-up.
if (process.env.WARM !== '0') {
  const w = setup(100, 3000);
  w.kernel.runUntil(w.kernel.now);
}
const { kernel, store, scheduler } = setup(NODES, PODS);
mkdirSync('/tmp/podlab-prof', { recursive: true });
const s = new Session();
s.connect();
const heap = process.env.HEAP === '1';
// PROF=0 runs without the inspector (for timing comparisons between builds).
const prof = process.env.PROF !== '0';
if (!prof) { /* no profiler */ } else if (heap) { await s.post('HeapProfiler.enable'); await s.post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true }); }
else { await s.post('Profiler.enable'); await s.post('Profiler.setSamplingInterval', { interval: 100 }); await s.post('Profiler.start'); }
// REPEAT=n schedules n more clusters like it first (unprofiled, timed with the last): steadier
// figures for comparing two builds on a noisy machine.
let sec = 0;
let cpuSec = 0;
const repeat = Number(process.env.REPEAT ?? 0);
for (let r = 0; r <= repeat; r++) {
  const run = r < repeat ? setup(NODES, PODS).kernel : kernel;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  run.runUntil(run.now);
  sec += (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  cpuSec += (cpu.user + cpu.system) / 1e6;
}
if (!prof) { /* no profile to write */ } else if (heap) { const { profile } = await s.post('HeapProfiler.stopSampling'); writeFileSync('/tmp/podlab-prof/scheduler.heapprofile', JSON.stringify(profile)); }
else { const { profile } = await s.post('Profiler.stop'); writeFileSync('/tmp/podlab-prof/scheduler.cpuprofile', JSON.stringify(profile)); }
// CPU time too: on a shared machine it varies far less than the wall clock.
const pods = PODS * (repeat + 1);
console.log(`${pods} pods / ${NODES} nodes: ${sec.toFixed(2)} s, ${Math.round(pods / sec)} pods/s; cpu ${cpuSec.toFixed(2)} s, ${Math.round(pods / cpuSec)} pods/cpu-s`);
// The result's fingerprint, which a faster scheduler must keep byte for byte: every pod's node
// in creation order, the kept decisions' trace, and the kernel's trace hash (every API write).
const bindings = new Hasher();
for (let i = 0; i < PODS; i++) bindings.mixString(`${store.tryGet<Pod>('pods', 'default', `pod-${i}`)?.spec.nodeName ?? ''};`);
const decisions = new Hasher();
decisions.mixString(JSON.stringify(scheduler.decisions.save()));
console.log(`fingerprint: bindings ${bindings.digest()} decisions ${decisions.digest()} trace ${kernel.trace.hash()}`);
