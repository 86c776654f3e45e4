/** The request load a process carried, remembered so the pod view can draw CPU over time. */
import { describe, expect, it } from 'vitest';
import { LOAD_SPANS_KEPT, procCpuDemandAt, procCpuDemandMilli } from '../../../src/engine/components/kubelet/process.ts';
import type { InstanceRecord } from '../../../src/engine/components/kubelet/state.ts';
import { applyLoad } from '../../../src/engine/network/backends.ts';

function instance(): InstanceRecord {
  return {
    id: 'c',
    attempt: 0,
    image: 'x',
    imageId: 'x',
    createdAt: 0,
    startedAt: 0,
    proc: { kind: 'app', app: { memoryBytes: 0, cpuMilli: 10, cpuMilliPerRequest: 2, ports: [], sigterm: 'default', logs: [] }, startedAt: 0, cmdline: 'app', logged: true },
    fs: { files: {} },
    logs: [],
    cgroup: { cpuWeight: 1, cpuMax: 'max 100000', memoryMax: 'max', memoryMin: '0', oomScoreAdj: 0, path: 'p' },
    ns: { pid: 1, mnt: 2, cgroup: 3 },
    hostPid: 1,
    env: {},
    userland: 'busybox',
  };
}

describe('load spans', () => {
  it('past demand is the base plus the span that covered the time; the present equals procCpuDemandMilli', () => {
    const i = instance();
    applyLoad(i, 100, 2000, 1000); // 200m from 1 s to 2 s
    applyLoad(i, 100, 3000, 2000); // continues: the same span grows
    applyLoad(i, 50, 6000, 5000); // 100m from 5 s to 6 s
    expect(i.proc.kind === 'app' && i.proc.loads).toEqual([
      { from: 1000, untilMs: 3000, cpuMilli: 200 },
      { from: 5000, untilMs: 6000, cpuMilli: 100 },
    ]);
    expect(procCpuDemandAt(i.proc, 500)).toBe(10);
    expect(procCpuDemandAt(i.proc, 2500)).toBe(210);
    expect(procCpuDemandAt(i.proc, 4000)).toBe(10);
    expect(procCpuDemandAt(i.proc, 5500)).toBe(110);
    expect(procCpuDemandAt(i.proc, 5500)).toBe(procCpuDemandMilli(i.proc, 5500));
  });

  it('keeps only the latest spans', () => {
    const i = instance();
    for (let s = 0; s < LOAD_SPANS_KEPT + 10; s++) applyLoad(i, s + 1, s * 1000 + 500, s * 1000);
    const loads = i.proc.kind === 'app' ? (i.proc.loads ?? []) : [];
    expect(loads).toHaveLength(LOAD_SPANS_KEPT);
    expect(loads[0].from).toBe(10_000);
  });
});
