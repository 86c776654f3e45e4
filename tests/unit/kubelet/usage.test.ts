/** CPU accounting: CFS shares under contention and the cpu.stat a throttled container shows. */
import { describe, expect, it } from 'vitest';
import { cpuLimitMilli, cpuStatFile, shareCpu } from '../../../src/engine/components/kubelet/usage.ts';
import type { InstanceRecord } from '../../../src/engine/components/kubelet/state.ts';

describe('shareCpu (CFS by cpu.weight, water-filling)', () => {
  it.each([
    { name: 'room for everyone: each gets its demand', wants: [[500, 20], [300, 10]], cap: 2000, want: [500, 300] },
    { name: 'contention: shares follow weight', wants: [[2000, 20], [2000, 10]], cap: 1500, want: [1000, 500] },
    { name: 'what one does not need goes to the others', wants: [[100, 10], [2000, 10], [2000, 10]], cap: 1100, want: [100, 500, 500] },
    { name: 'idle containers take nothing', wants: [[0, 100], [3000, 1]], cap: 1000, want: [0, 1000] },
  ])('$name', ({ wants, cap, want }) => {
    expect(shareCpu(wants.map(([milli, weight]) => ({ milli, weight })), cap)).toEqual(want);
  });
});

function instance(cpuMax: string, cpuMilli: number, startedAt = 0): InstanceRecord {
  return {
    id: 'c',
    attempt: 0,
    image: 'x',
    imageId: 'x',
    createdAt: startedAt,
    startedAt,
    proc: { kind: 'app', app: { memoryBytes: 0, cpuMilli, ports: [], sigterm: 'default', logs: [] }, startedAt, cmdline: 'stress', logged: true },
    fs: { files: {} },
    logs: [],
    cgroup: { cpuWeight: 1, cpuMax, memoryMax: 'max', memoryMin: '0', oomScoreAdj: 0, path: 'p' },
    ns: { pid: 1, mnt: 2, cgroup: 3 },
    hostPid: 1,
    env: {},
    userland: 'busybox',
  };
}

describe('cpu.stat', () => {
  it('cpu.max to millicores', () => {
    expect(cpuLimitMilli('max 100000')).toBe(Infinity);
    expect(cpuLimitMilli('50000 100000')).toBe(500);
    expect(cpuLimitMilli('100000 100000')).toBe(1000);
  });

  it('a 2-CPU demand under a 1-CPU quota is throttled in every period, half of each', () => {
    const stat = cpuStatFile(instance('100000 100000', 2000), 10_000);
    expect(stat).toContain('usage_usec 10000000\n');
    expect(stat).toContain('nr_periods 100\n');
    expect(stat).toContain('nr_throttled 100\n');
    expect(stat).toContain('throttled_usec 5000000\n');
  });

  it('a demand under its quota, or with no quota, is never throttled', () => {
    expect(cpuStatFile(instance('100000 100000', 500), 10_000)).toContain('nr_throttled 0\n');
    const unlimited = cpuStatFile(instance('max 100000', 2000), 10_000);
    expect(unlimited).toContain('nr_periods 0\n');
    expect(unlimited).toContain('usage_usec 20000000\n');
  });
});
