/** The pod view's data (pod-detail.ts, in the worker) and its pictures' numbers (views/pod/pod-layout.ts). */
import { describe, expect, it } from 'vitest';
import { explainCgroup, podDetailReply } from '../../../src/app/pod-detail.ts';
import { layerStack, namespaceGrid, probeDots, runsOf, usageChart } from '../../../src/app/views/pod/pod-layout.ts';
import { Lab, MANIFEST, boundPodYaml } from '../../support/manifests.ts';

const MiB = 1024 * 1024;

function oomLab(): Lab {
  const lab = new Lab();
  lab.out('kubectl create namespace mem-example');
  lab.apply(boundPodYaml(MANIFEST.memoryLimit2));
  lab.advance('30s');
  return lab;
}

describe('podDetail', () => {
  it('memory-demo-2: the memory chart crosses the limit line and marks the OOM kill at the status lastState time', () => {
    const lab = oomLab();
    const { detail } = podDetailReply(lab.session.sim, 'mem-example', 'memory-demo-2');
    expect(detail).toBeDefined();
    const spec = detail!.containers[0];
    expect(spec.limits.memoryBytes).toBe(100 * MiB);
    const inside = detail!.inside!.containers[0];
    const chart = usageChart('memory', spec, runsOf(inside), detail!.now);
    const limit = chart.refs.find((r) => r.kind === 'limit')!;
    expect(limit.value).toBe(100 * MiB);
    expect(chart.oom).toBeDefined();
    // The OOM marker sits at the limit line's height or above it (a smaller y is higher up).
    expect(chart.oom!.y).toBeLessThanOrEqual(limit.y + 1);
    const finished = lab.jsonpath('memory-demo-2', '.status.containerStatuses[0].lastState.terminated.finishedAt', 'mem-example');
    expect(Math.floor(chart.oom!.at / 1000) * 1000 + Date.parse('2025-01-01T00:00:00Z')).toBe(Date.parse(finished));
    expect(detail!.qosClass).toBe('Burstable');
  });

  it('the cgroup explanation uses the kubelet formulas with the pod\'s numbers', () => {
    const e = explainCgroup({ cpuMilliRequest: 250, cpuMilliLimit: 500, memoryBytesRequest: 64 * MiB, memoryBytesLimit: 128 * MiB }, 'Burstable', false, 4096 * MiB);
    expect(e.cpuWeight).toContain('256 shares');
    expect(e.cpuWeight).toContain('= 10.');
    expect(e.cpuMax).toContain('50000 µs of CPU time per 100000 µs period');
    expect(e.memoryMax).toContain(String(128 * MiB));
    expect(e.oomScoreAdj).toContain('= 985');
    expect(explainCgroup({ cpuMilliRequest: 0, cpuMilliLimit: 0, memoryBytesRequest: 0, memoryBytesLimit: 0 }, 'BestEffort', false, MiB).oomScoreAdj).toContain('1000');
  });

  it('an unknown pod answers in words', () => {
    const lab = new Lab();
    expect(podDetailReply(lab.session.sim, 'default', 'nope')).toEqual({ message: 'pods "nope" not found' });
  });

  it('an unscheduled pod has no node view and says why', () => {
    const lab = new Lab();
    lab.apply(`apiVersion: v1
kind: Pod
metadata:
  name: big
spec:
  containers:
  - name: big
    image: nginx
    resources:
      requests:
        cpu: "500"
`);
    lab.advance('2s');
    const { detail } = podDetailReply(lab.session.sim, 'default', 'big');
    expect(detail?.inside).toBeUndefined();
    expect(detail?.insideMessage).toMatch(/Not scheduled yet/);
  });
});

describe('pod layout', () => {
  it('namespace grid: containers share the pause container\'s net/ipc/uts, own pid/mnt/cgroup', () => {
    const lab = new Lab();
    lab.apply(boundPodYaml(MANIFEST.execLiveness));
    lab.advance('5s');
    const { detail } = podDetailReply(lab.session.sim, 'default', 'liveness-exec');
    const grid = namespaceGrid(detail!)!;
    expect(grid.columns.map((c) => c.id)).toEqual(['node', 'pause', 'liveness']);
    const row = (t: string) => grid.rows.find((r) => r.type === t)!.cells;
    expect(row('net')[1].id).toBe(row('net')[2].id);
    expect(row('net')[1].shared).toBe('pod');
    expect(row('pid')[2].shared).toBe('own');
    expect(row('net')[0].shared).toBe('host');
  });

  it('probe dots sit on the axis in time order; layers list base first with the writable layer last', () => {
    const dots = probeDots([{ at: 0, ok: true }, { at: 5000, ok: false, message: 'x' }, { at: 10_000, ok: true }], 0, 10_000, 100);
    expect(dots.map((d) => Math.round(d.x))).toEqual([6, 50, 94]);
    expect(dots[1]).toMatchObject({ ok: false, message: 'x' });
    const stack = layerStack(
      { name: 'c', init: false, restartCount: 0, ready: true, started: true, probes: [], layers: [{ digest: 'sha256:aaaaaaaaaaaaaaaa', sizeBytes: 4_000_000 }], current: undefined },
      100,
    );
    expect(stack.map((l) => l.writable)).toEqual([false, true]);
    expect(stack[0].w).toBe(100);
  });
});

describe('containers vs VMs', () => {
  it('counts the node’s running containers, its layers once each, and N VMs with the documented figures', async () => {
    const { containersVsVms } = await import('../../../src/app/pod-detail.ts');
    const lab = new Lab();
    lab.out('kubectl create deployment web --image=nginx:1.27 --replicas=3');
    lab.advance('30s');
    const node = lab.jsonpath(lab.out("kubectl get pods -l app=web -o jsonpath={.items[0].metadata.name}").trim(), '.spec.nodeName');
    const vs = containersVsVms(lab.session.sim, node)!;
    const running = lab.out(`kubectl get pods -A --field-selector spec.nodeName=${node},status.phase=Running -o name`).trim().split('\n').length;
    expect(vs.apps.length).toBe(running);
    expect(vs.apps.find((a) => a.image.endsWith('nginx:1.27'))?.imageBytes).toBe(67_930_000);
    // Layers stored once: never more than the images summed.
    expect(vs.diskBytes).toBeLessThanOrEqual(vs.imagesBytes);
    expect(vs.diskBytes).toBeGreaterThan(0);
    expect(vs.vm.imageBytes).toBe(600_000_000);
    expect(vs.vm.bootMs).toBeGreaterThan(Math.max(...vs.apps.map((a) => a.warmStartMs)));
  });
});
