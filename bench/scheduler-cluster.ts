/**
 * The cluster the scheduler benchmark schedules (bench/run.ts) and its profiling aid
 * (bench/profile-scheduler.ts) profile: the API store and a started scheduler only (no kubelets),
 * NODES nodes in three zones round-robin, and PODS pending pods of 100 apps, nothing scheduled yet.
 */
import { EventRecorder } from '../src/engine/api/events.ts';
import { ApiStore } from '../src/engine/api/store.ts';
import { buildNode } from '../src/engine/cluster/nodes.ts';
import { Scheduler } from '../src/engine/components/scheduler/scheduler.ts';
import { Kernel } from '../src/engine/kernel/kernel.ts';

export function schedulerBenchCluster(NODES: number, PODS: number): { kernel: Kernel; store: ApiStore; scheduler: Scheduler } {
  const kernel = new Kernel(1);
  const store = new ApiStore(kernel);
  const events = new EventRecorder(store, kernel);
  store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  const zones = ['zone-a', 'zone-b', 'zone-c'];
  for (let i = 0; i < NODES; i++) {
    const node = buildNode({ name: `node-${i + 1}`, index: i + 1, cpu: '16', memory: '64Gi', pods: 110 }, kernel.now);
    node.metadata.labels = { ...node.metadata.labels, 'topology.kubernetes.io/zone': zones[i % 3] };
    store.create(node);
  }
  const scheduler = new Scheduler({ kernel, store, events });
  scheduler.start(false);
  for (let i = 0; i < PODS; i++) {
    store.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `pod-${i}`, namespace: 'default', labels: { app: `app-${i % 100}` } },
      spec: { containers: [{ name: 'app', image: 'nginx:1.27', resources: { requests: { cpu: '100m', memory: '128Mi' } } }] },
    });
  }
  return { kernel, store, scheduler };
}
