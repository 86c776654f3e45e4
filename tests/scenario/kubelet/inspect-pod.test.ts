/** The node's view of a pod for the pod view (components/kubelet/inspect.ts), against the OOM and liveness examples. */
import { describe, expect, it } from 'vitest';
import type { PodInside } from '../../../src/engine/components/kubelet/inspect.ts';
import { Lab, MANIFEST, boundPodYaml } from '../../support/manifests.ts';

function inside(lab: Lab, namespace: string, pod: string): PodInside {
  const node = lab.jsonpath(pod, '.spec.nodeName', namespace);
  const r = lab.session.sim.nodeAgent(node)!.inspectPod(namespace, pod);
  if ('kind' in r) throw new Error(r.kind);
  return r;
}

describe('inspectPod', () => {
  it('memory-demo-2: the working set climbs to memory.max and the previous run ends OOMKilled there, as cgroup files say', () => {
    const lab = new Lab();
    lab.out('kubectl create namespace mem-example');
    lab.apply(boundPodYaml(MANIFEST.memoryLimit2));
    lab.advance('30s');
    const c = inside(lab, 'mem-example', 'memory-demo-2').containers[0];
    // The latest finished run is what status.lastState describes.
    const prev = c.current?.finishedAt !== undefined ? c.current : c.previous!;
    expect(prev.reason).toBe('OOMKilled');
    expect(prev.exitCode).toBe(137);
    // The kill happens where the working set crosses memory.max, at the run's end.
    expect(prev.oomAt).toBe(prev.finishedAt);
    const limit = Number(prev.cgroup.memoryMax);
    expect(limit).toBe(100 * 1024 * 1024);
    const peak = Math.max(...prev.usage.map((s) => s.memoryBytes));
    expect(peak).toBeGreaterThan(limit);
    // lastState.terminated.finishedAt in the API is the same instant.
    const finished = lab.jsonpath('memory-demo-2', '.status.containerStatuses[0].lastState.terminated.finishedAt', 'mem-example');
    expect(Date.parse(finished)).toBe(Date.parse('2025-01-01T00:00:00Z') + Math.floor(prev.finishedAt! / 1000) * 1000);
    // The numbers equal the cgroup files the container reads.
    if (c.current && c.current.finishedAt === undefined) {
      expect(lab.out('kubectl exec -n mem-example memory-demo-2 -- cat /sys/fs/cgroup/memory.max').trim()).toBe(c.current.cgroup.memoryMax);
    }
    expect(c.restartCount).toBeGreaterThanOrEqual(1);
  });

  it('memory-demo-2 in CrashLoopBackOff: the back-off delay and the restart time', () => {
    const lab = new Lab();
    lab.out('kubectl create namespace mem-example');
    lab.apply(boundPodYaml(MANIFEST.memoryLimit2));
    lab.advance('25s');
    const c = inside(lab, 'mem-example', 'memory-demo-2').containers[0];
    expect(c.waiting?.reason).toBe('CrashLoopBackOff');
    // The second crash (restart count 2) waits 20 s, as the waiting message says.
    expect(c.backoff?.delayMs).toBe(20_000);
    expect(c.waiting?.message).toMatch(/^back-off 20s restarting failed container/);
    expect(c.backoff?.restartAt).toBe(c.current!.finishedAt! + 20_000);
    expect(c.layers.length).toBeGreaterThan(0);
  });

  it('liveness-exec: probe results are kept with their failure message, and the sandbox holds net/ipc/uts', () => {
    const lab = new Lab();
    lab.apply(boundPodYaml(MANIFEST.execLiveness));
    lab.advance('20s');
    // The file the container touched is in its writable layer, not in the image.
    expect(inside(lab, 'default', 'liveness-exec').containers[0].current!.writable).toEqual([{ path: '/tmp/healthy', bytes: 0 }]);
    lab.advance('30s');
    const pod = inside(lab, 'default', 'liveness-exec');
    const c = pod.containers[0];
    const liveness = c.probes.find((p) => p.kind === 'liveness')!;
    const failures = liveness.results.filter((r) => !r.ok);
    expect(failures.length).toBeGreaterThanOrEqual(3);
    expect(failures[0].message).toContain('cat: can\'t open \'/tmp/healthy\'');
    expect(liveness.results.some((r) => r.ok)).toBe(true);
    expect(pod.sandbox?.ns.net).not.toBe(pod.hostNs.net);
    const running = c.current!;
    // Per-container namespaces differ from the sandbox's; the writable layer holds what the container wrote.
    expect(running.ns.mnt).not.toBe(pod.sandbox?.ns.net);
  });

  it('cpu-demo: demand above the cpu.max quota is throttled (usage capped at the limit)', () => {
    const lab = new Lab();
    lab.out('kubectl create namespace cpu-example');
    lab.apply(boundPodYaml(MANIFEST.cpuLimit));
    lab.advance('20s');
    const c = inside(lab, 'cpu-example', 'cpu-demo').containers[0];
    const last = c.current!.usage.at(-1)!;
    expect(last.demandMilli).toBeGreaterThan(last.cpuMilli);
    expect(last.cpuMilli).toBe(1000);
  });
});
