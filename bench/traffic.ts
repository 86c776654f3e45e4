/**
 * The data path's figure (issue 6): 10,000 requests per second spread over 100 Services (3 nginx
 * pods each, 10 worker nodes) for one simulated minute through kube-proxy's rules on one node,
 * with the cluster running underneath (kubelets, metrics, controllers). Goal: under 2 s of wall
 * time for the traffic run (building the cluster is not counted).
 */
import type { KObject } from '../src/engine/api/types.ts';
import { networkOf } from '../src/engine/network/network.ts';
import { runTraffic, type TrafficTarget } from '../src/engine/network/traffic.ts';
import { Simulation } from '../src/engine/simulation.ts';

const SERVICES = 100;
const REPLICAS = 3;
const TOTAL_RPS = 10_000;
const DURATION_MS = 60_000;

function objects(i: number): KObject[] {
  const app = `app-${i}`;
  const labels = { app };
  return [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: app, namespace: 'default' },
      spec: {
        replicas: REPLICAS,
        selector: { matchLabels: labels },
        template: { metadata: { labels }, spec: { containers: [{ name: 'web', image: 'nginx:1.27', resources: { requests: { cpu: '10m', memory: '16Mi' } } }] } },
      },
    },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: app, namespace: 'default' }, spec: { selector: labels, ports: [{ port: 80, targetPort: 80 }] } },
  ] as unknown as KObject[];
}

/** Runs the benchmark: wall and CPU seconds of the traffic run, the requests it sent and how many succeeded. */
export function benchTraffic(): { seconds: number; cpuSeconds: number; requests: number; ok: number } {
  const sim = Simulation.create(1, { nodes: 10 });
  for (let i = 0; i < SERVICES; i++) for (const o of objects(i)) sim.store.create(o);
  sim.advance(60_000);
  const net = networkOf(sim.store);
  if (!net) throw new Error('traffic bench: no network');
  const targets: TrafficTarget[] = Array.from({ length: SERVICES }, (_, i) => ({ namespace: 'default', service: `app-${i}`, rps: TOTAL_RPS / SERVICES }));
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const reports = runTraffic(net, sim, { targets, durationMs: DURATION_MS, node: 'node-1' });
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const requests = reports.reduce((n, r) => n + r.sent, 0);
  const ok = reports.reduce((n, r) => n + r.ok, 0);
  return { seconds, cpuSeconds, requests, ok };
}
