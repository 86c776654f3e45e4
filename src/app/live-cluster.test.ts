import { describe, expect, it } from 'vitest';
import { runScript } from '../commands/runner.ts';
import { LiveCluster, MAX_TICK_REAL_MS, runIsolatedScript } from './live-cluster.ts';
import type { Pod } from '../engine/api/types.ts';

describe('LiveCluster', () => {
  it('starts paused at 1× on the default cluster, and views only what changed', () => {
    const live = new LiveCluster();
    const first = live.viewIfChanged();
    expect(first).toMatchObject({ now: 0, playing: false, speed: 1 });
    expect(first?.nodes.map((n) => n.name)).toEqual(['control-plane', 'node-1', 'node-2', 'node-3']);
    expect(live.viewIfChanged()).toBeUndefined();
    live.tick(100); // paused: no time passes
    expect(live.viewIfChanged()).toBeUndefined();
    expect(live.exec('kubectl create namespace demo')).toEqual({ output: 'namespace/demo created\n', exitCode: 0 });
    expect(live.viewIfChanged()).toBeDefined();
  });

  it('advances real time × speed while playing, keeping sub-millisecond remainders', () => {
    const live = new LiveCluster();
    live.setSpeed(0.25);
    live.play();
    for (let i = 0; i < 40; i++) live.tick(100);
    expect(live.session.sim.now).toBe(1000);
    live.setSpeed(1000);
    live.tick(100);
    expect(live.session.sim.now).toBe(101_000);
    live.tick(10_000); // a stalled tab: capped, not a ten-thousand-second jump
    expect(live.session.sim.now).toBe(101_000 + MAX_TICK_REAL_MS * 1000);
  });

  it('steps one second and pauses; ignores non-numeric speeds and clamps the rest', () => {
    const live = new LiveCluster();
    live.play();
    live.step();
    expect(live.playing).toBe(false);
    expect(live.session.sim.now).toBe(1000);
    live.setSpeed(Number.NaN);
    expect(live.speed).toBe(1);
    live.setSpeed(1e9);
    expect(live.speed).toBe(1000);
    live.setSpeed(0);
    expect(live.speed).toBe(0.25);
  });

  it('seeks back (paused, with a view every time), forks on a change there, and resumes live', () => {
    const live = new LiveCluster();
    live.exec('kubectl create deployment web --image=nginx:1.27 --replicas=2');
    live.play();
    live.setSpeed(100);
    for (let i = 0; i < 10; i++) live.tick(100); // 100 s
    const atFailure = live.session.sim.now;
    live.exec('sim node fail node-1');
    for (let i = 0; i < 10; i++) live.tick(100);
    expect(live.viewIfChanged()?.history).toMatchObject({ start: 0, end: 200_000, past: false, commands: 2 });

    live.seek(50_000);
    expect(live.playing).toBe(false);
    const past = live.viewIfChanged();
    expect(past).toMatchObject({ now: 50_000, playing: false, history: { past: true, end: 200_000 } });
    live.seek(50_000);
    expect(live.viewIfChanged()).toBeDefined(); // the same spot again still answers
    expect(live.exec('kubectl get deployment web -o name').output).toBe('deployment.apps/web\n');
    expect(live.viewIfChanged()).toBeUndefined(); // a read changes nothing

    live.exec('kubectl scale deployment web --replicas=1');
    const forked = live.viewIfChanged()!;
    expect(forked.history).toMatchObject({ past: false, end: 50_000, commands: 2, lastForkAt: 50_000 });
    expect(forked.history!.markers.map((m) => m.kind)).toContain('fork');
    expect(atFailure).toBeGreaterThan(50_000);

    live.seek(10_000);
    live.resumeLive();
    expect(live.viewIfChanged()).toMatchObject({ now: 50_000, history: { past: false } });
  });

  it('views a replaced cluster (sim cluster) even when its resourceVersion matches', () => {
    const live = new LiveCluster();
    live.viewIfChanged();
    expect(live.exec('sim cluster --nodes 1').exitCode).toBe(0);
    expect(live.viewIfChanged()?.nodes.map((n) => n.name)).toEqual(['control-plane', 'node-1']);
  });

  it('reports node capacity, roles and taints', () => {
    const live = new LiveCluster();
    live.exec('sim node add big --cpu 8 --memory 16Gi --taints gpu=true:NoSchedule');
    const nodes = live.viewIfChanged()!.nodes;
    expect(nodes.find((n) => n.name === 'control-plane')).toMatchObject({
      ready: true,
      roles: ['control-plane'],
      taints: ['node-role.kubernetes.io/control-plane:NoSchedule'],
      unschedulable: false,
    });
    expect(nodes.find((n) => n.name === 'big')).toMatchObject({
      cpu: '8',
      memory: '16Gi',
      roles: [],
      pods: 1, // its kube-proxy, which tolerates every taint
      podsCapacity: 110,
      cpuMilliAllocatable: 8000,
      taints: ['gpu=true:NoSchedule'],
    });
  });

  it('shows pods as kubectl prints them', () => {
    const live = new LiveCluster();
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx\n';
    expect(live.exec('kubectl apply -f -', pod).exitCode).toBe(0);
    live.session.sim.advance(90_000);
    const pods = live.viewIfChanged()?.pods ?? [];
    // The scheduler bound it (seeded tie-break among the equal workers) and the kubelet started it.
    const node = live.session.sim.store.get<Pod>('pods', 'default', 'web').spec.nodeName;
    expect(node).toMatch(/^node-[123]$/);
    expect(pods.filter((p) => p.namespace === 'default')).toEqual([
      { namespace: 'default', name: 'web', status: 'Running', node, ready: '1/1', restarts: '0', age: '90s', ownerKind: '', ownerName: '', revision: '' },
    ]);
    expect(pods.find((p) => p.name === 'etcd-control-plane')).toMatchObject({ status: 'Running', ready: '1/1', node: 'control-plane', age: '2m30s' });
  });

  it('runs scripts in a session of their own, as the runner does', () => {
    const live = new LiveCluster();
    const text = 'kubectl create namespace a\nsim advance 1m\nkubectl get ns a -o name\n';
    const r = runIsolatedScript(text, 3);
    const node = runScript(text, { seed: 3 });
    expect(r).toEqual({ traceHash: node.session.sim.traceHash(), status: 0, error: undefined, entries: node.entries });
    expect(live.session.sim.now).toBe(0);
    expect(runIsolatedScript('sim bogus\n', 3)).toMatchObject({ status: 2, error: expect.stringContaining('script:1:') });
  });
});
