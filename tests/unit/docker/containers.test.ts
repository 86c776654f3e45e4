/**
 * docker run's limits are the same cgroup files as a pod's: one model (node/cgroups.ts) for both.
 */
import { describe, expect, it } from 'vitest';
import { dockerCgroup, runContainer, stopContainer, advanceContainer, execInContainer } from '../../../src/engine/docker/containers.ts';
import { ramInBytes } from '../../../src/engine/docker/units.ts';
import { containerCgroupValues } from '../../../src/engine/node/cgroups.ts';
import { findImage } from '../../../src/engine/node/images.ts';
import type { Pod } from '../../../src/engine/api/types.ts';

function podWithLimits(limits: Record<string, string>): Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default', uid: 'u' }, spec: { containers: [{ name: 'c', image: 'nginx', resources: { limits } }] }, status: {} };
}

const OPTS = { name: 'x', command: [] as string[], env: [] as string[], ports: [], network: 'bridge' as const, memoryBytes: 0, nanoCpus: 0, autoRemove: false, ordinal: 0, usedIps: [] as string[] };

describe('docker containers and the kubelet share the cgroup model', () => {
  it.each([
    ['256m', '256Mi'],
    ['1g', '1Gi'],
    ['64m', '64Mi'],
  ])('--memory %s writes the memory.max a pod limit of %s does', (flag, quantity) => {
    const pod = podWithLimits({ memory: quantity });
    const fromPod = containerCgroupValues(pod, pod.spec.containers[0], 4 * 1024 ** 3, 'id');
    expect(dockerCgroup('id', ramInBytes(flag)!, 0).memoryMax).toBe(fromPod.memoryMax);
  });

  it.each([
    [0.5, '500m'],
    [2, '2'],
    [0.25, '250m'],
  ])('--cpus %s writes the cpu.max a pod cpu limit of %s does', (cpus, quantity) => {
    const pod = podWithLimits({ cpu: quantity });
    const fromPod = containerCgroupValues(pod, pod.spec.containers[0], 4 * 1024 ** 3, 'id');
    expect(dockerCgroup('id', 0, cpus * 1e9).cpuMax).toBe(fromPod.cpuMax);
  });

  it('no limits: memory.max max, cpu.max "max 100000", under system.slice', () => {
    expect(dockerCgroup('abc', 0, 0)).toMatchObject({ memoryMax: 'max', cpuMax: 'max 100000', path: 'system.slice/docker-abc.scope' });
  });
});

describe('runContainer', () => {
  it('runs a userland command to its end, writing its log', () => {
    const c = runContainer(findImage('busybox')!, 'busybox', { ...OPTS, command: ['echo', 'hello'] }, 1000);
    advanceContainer(c, 1000);
    expect(c.state).toBe('exited');
    expect(c.exitCode).toBe(0);
    expect(c.logs.map((l) => l.text)).toEqual(['hello\n']);
  });

  it('runs an app model until stopped; nginx exits 0 on its stop signal handling', () => {
    const c = runContainer(findImage('nginx')!, 'nginx', { ...OPTS, memoryBytes: ramInBytes('256m')! }, 0);
    advanceContainer(c, 60_000);
    expect(c.state).toBe('running');
    expect(execInContainer(c, ['cat', '/sys/fs/cgroup/memory.max'], 60_000).stdout).toBe('268435456\n');
    expect(stopContainer(c, 60_000)).toBe(0);
    expect(c.state).toBe('exited');
  });

  it('a shell ignoring SIGTERM is killed after the grace period with 137', () => {
    const c = runContainer(findImage('busybox')!, 'busybox', { ...OPTS, command: ['sleep', '3600'] }, 0);
    expect(stopContainer(c, 5000)).toBe(10_000);
    expect(c.exitCode).toBe(137);
    expect(c.finishedAt).toBe(15_000);
  });

  it('--memory is enforced as a pod limit is: over it, the kernel kills the process (137, OOMKilled)', () => {
    const argv = ['stress', '--vm', '1', '--vm-bytes', '128M', '--vm-hang', '0'];
    const limited = runContainer(findImage('polinux/stress')!, 'polinux/stress', { ...OPTS, command: argv, memoryBytes: ramInBytes('64m')! }, 0);
    advanceContainer(limited, 5000);
    expect(limited).toMatchObject({ state: 'exited', exitCode: 137, oomKilled: true });
    const roomy = runContainer(findImage('polinux/stress')!, 'polinux/stress', { ...OPTS, command: argv, memoryBytes: ramInBytes('256m')! }, 0);
    advanceContainer(roomy, 5000);
    expect(roomy.state).toBe('running');
  });

  it('reports a missing executable as the runtime does', () => {
    const c = runContainer(findImage('busybox')!, 'busybox', { ...OPTS, command: ['nosuchbinary'] }, 0);
    expect(c.startError).toContain('exec: "nosuchbinary": executable file not found in $PATH');
  });

  it('gives bridge containers the lowest free 172.17.0.x, none on host/none networks', () => {
    expect(runContainer(findImage('nginx')!, 'nginx', { ...OPTS, usedIps: ['172.17.0.2'] }, 0).ip).toBe('172.17.0.3');
    expect(runContainer(findImage('nginx')!, 'nginx', { ...OPTS, network: 'host' }, 0).ip).toBe('');
  });
});
