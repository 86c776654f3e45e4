/**
 * A profiling aid (not part of `npm run bench`): bench/rollout.ts's rolling update (after one
 * warm-up rollout, as `npm run bench -- rollout` runs it), or `idle`: the idle `sim advance 24h` of
 * bench/run.ts. Writes a V8 CPU profile of the timed part to /tmp/podlab-prof/<which>.cpuprofile
 * (PROFILE=0: timing only) and prints wall and CPU seconds and the trace hash.
 *   npx esbuild bench/profile-rollout.ts --bundle --platform=node --format=esm \
 *     --packages=external --outfile=bench/.out/profile-rollout.mjs && node bench/.out/profile-rollout.mjs rollout
 */
import { Session as Inspector } from 'node:inspector';
import { mkdirSync, writeFileSync } from 'node:fs';
import { benchRollingUpdate } from './rollout.ts';
import { Session } from '../src/commands/session.ts';

const which = process.argv[2] ?? 'rollout';
const profile = process.env.PROFILE !== '0';
const inspector = new Inspector();
let cpu0 = process.cpuUsage();
let cpuSeconds = 0;
// The same-thread inspector session answers synchronously, so the hooks can start and stop it.
const start = (): void => {
  if (profile) {
    inspector.connect();
    inspector.post('Profiler.enable');
    inspector.post('Profiler.start');
  }
  cpu0 = process.cpuUsage();
};
const stop = (): void => {
  const cpu = process.cpuUsage(cpu0);
  cpuSeconds = (cpu.user + cpu.system) / 1e6;
  if (!profile) return;
  inspector.post('Profiler.stop', (err, r) => {
    if (err) throw err;
    mkdirSync('/tmp/podlab-prof', { recursive: true });
    writeFileSync(`/tmp/podlab-prof/${which}.cpuprofile`, JSON.stringify(r.profile));
  });
  inspector.disconnect();
};

if (which === 'rollout') {
  benchRollingUpdate();
  const r = benchRollingUpdate({ start, stop });
  console.log(`rollout: ${r.seconds.toFixed(3)} s, cpu ${cpuSeconds.toFixed(3)} s, simulated ${r.simulatedSeconds} s`);
} else {
  new Session({ seed: 2 }).execLine('sim advance 6h');
  const session = new Session({ seed: 1 });
  session.execLine('kubectl get nodes');
  const t0 = performance.now();
  start();
  const r = session.execLine('sim advance 24h');
  stop();
  const seconds = (performance.now() - t0) / 1000;
  if (r.exitCode !== 0) throw new Error(r.output);
  console.log(`idle: ${seconds.toFixed(3)} s, cpu ${cpuSeconds.toFixed(3)} s, trace ${session.sim.traceHash()}`);
}
