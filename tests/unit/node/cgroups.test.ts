import { describe, expect, it } from 'vitest';
import type { Container, Pod, PodSpec, ResourceList } from '../../../src/engine/api/types.ts';
import {
  BEST_EFFORT_OOM_SCORE_ADJ,
  GUARANTEED_OOM_SCORE_ADJ,
  KUBELET_OOM_SCORE_ADJ,
  containerCgroupPath,
  containerCgroupValues,
  cpuMaxFile,
  cpuQuota,
  cpuShares,
  cpuWeightFromShares,
  cpuWeightFromSharesNew,
  isNodeCriticalPod,
  kubepodsCgroupValues,
  memoryMaxFile,
  oomScoreAdj,
  podCgroupPath,
  podCgroupValues,
  podResourceTotals,
  qosCgroupValues,
  qosClass,
  type QosClass,
} from '../../../src/engine/node/cgroups.ts';

const UID = '6f1c2d3e-aaaa-4bbb-8ccc-123456789abc';
const UID_ESCAPED = '6f1c2d3e_aaaa_4bbb_8ccc_123456789abc';

/** A container with the given requests/limits (as stored: quantities are strings). */
function ctr(name: string, requests?: ResourceList, limits?: ResourceList, extra: Partial<Container> = {}): Container {
  const resources: Container['resources'] = {};
  if (requests) resources.requests = requests;
  if (limits) resources.limits = limits;
  return { name, image: 'nginx', resources, ...extra };
}

function pod(containers: Container[], spec: Partial<PodSpec> = {}, annotations?: Record<string, string>): Pick<Pod, 'metadata' | 'spec'> {
  return { metadata: { name: 'p', namespace: 'default', uid: UID, ...(annotations ? { annotations } : {}) }, spec: { containers, ...spec } };
}

describe('qosClass (reference §10.1)', () => {
  const cases: { row: string; spec: PodSpec; want: QosClass }[] = [
    { row: 'BestEffort: no cpu/memory request or limit anywhere', spec: { containers: [ctr('a'), ctr('b')] }, want: 'BestEffort' },
    {
      row: 'BestEffort: only quantities > 0 count (memory limit "0")',
      spec: { containers: [ctr('a', undefined, { memory: '0' })] },
      want: 'BestEffort',
    },
    {
      row: 'BestEffort: only cpu and memory count (ephemeral-storage ignored)',
      spec: { containers: [ctr('a', { 'ephemeral-storage': '1Gi' }, { 'ephemeral-storage': '2Gi' })] },
      want: 'BestEffort',
    },
    {
      row: 'Guaranteed: every container limits cpu and memory, requests = limits',
      spec: {
        containers: [ctr('a', { cpu: '100m', memory: '64Mi' }, { cpu: '100m', memory: '64Mi' }), ctr('b', { cpu: '1', memory: '1Gi' }, { cpu: '1', memory: '1Gi' })],
      },
      want: 'Guaranteed',
    },
    {
      row: 'Guaranteed: limits only, after API defaulting copied them into requests',
      spec: { containers: [ctr('a', { cpu: '500m', memory: '128Mi' }, { cpu: '500m', memory: '128Mi' })] },
      want: 'Guaranteed',
    },
    {
      row: 'Guaranteed: requests/limits summed over app and init containers',
      spec: {
        containers: [ctr('a', { cpu: '1', memory: '1Gi' }, { cpu: '1', memory: '1Gi' })],
        initContainers: [ctr('init', { cpu: '200m', memory: '10Mi' }, { cpu: '200m', memory: '10Mi' })],
      },
      want: 'Guaranteed',
    },
    {
      row: 'Burstable: an init container without limits',
      spec: { containers: [ctr('a', { cpu: '1', memory: '1Gi' }, { cpu: '1', memory: '1Gi' })], initContainers: [ctr('init')] },
      want: 'Burstable',
    },
    {
      row: 'Burstable: requests below limits',
      spec: { containers: [ctr('a', { cpu: '500m', memory: '100Mi' }, { cpu: '1', memory: '200Mi' })] },
      want: 'Burstable',
    },
    { row: 'Burstable: one container limits only cpu', spec: { containers: [ctr('a', { cpu: '1' }, { cpu: '1' })] }, want: 'Burstable' },
    {
      row: 'Burstable: one container Guaranteed-like, another BestEffort',
      spec: { containers: [ctr('a', { cpu: '1', memory: '1Gi' }, { cpu: '1', memory: '1Gi' }), ctr('b')] },
      want: 'Burstable',
    },
  ];
  it.each(cases)('$row', ({ spec, want }) => {
    expect(qosClass(spec)).toBe(want);
  });
});

describe('cpu shares, quota and weight (reference §10.3 table)', () => {
  const rows: { milli: number; shares: number; quota: number; linear: number; newer: number }[] = [
    { milli: 0, shares: 2, quota: 0, linear: 1, newer: 1 },
    { milli: 1, shares: 2, quota: 1000, linear: 1, newer: 1 },
    { milli: 100, shares: 102, quota: 10000, linear: 4, newer: 17 },
    { milli: 250, shares: 256, quota: 25000, linear: 10, newer: 35 },
    { milli: 500, shares: 512, quota: 50000, linear: 20, newer: 59 },
    { milli: 1000, shares: 1024, quota: 100000, linear: 39, newer: 100 },
    { milli: 2000, shares: 2048, quota: 200000, linear: 79, newer: 174 },
  ];
  it.each(rows)('§10.3 row milliCPU $milli (derived)', ({ milli, shares, quota, linear, newer }) => {
    expect(cpuShares(milli)).toBe(shares);
    expect(cpuQuota(milli)).toBe(quota);
    expect(cpuWeightFromShares(shares)).toBe(linear);
    expect(cpuWeightFromSharesNew(shares)).toBe(newer);
  });

  it('§10.3 row "shares 2000 (raw)": linear 77, new 170 (runc issue #4896)', () => {
    expect(cpuWeightFromShares(2000)).toBe(77);
    expect(cpuWeightFromSharesNew(2000)).toBe(170);
  });

  it('§10.3: shares are clamped to [2, 262144]; the weight mappings meet at the ends', () => {
    expect(cpuShares(1_000_000)).toBe(262_144);
    expect(cpuWeightFromShares(262_144)).toBe(10_000);
    expect(cpuWeightFromSharesNew(262_144)).toBe(10_000);
    expect(cpuWeightFromShares(2)).toBe(1);
  });

  it('§10.3: cgroup v2 cpu.max reads "<quota> <period>", "max <period>" without a limit', () => {
    expect(cpuMaxFile(0)).toBe('max 100000');
    expect(cpuMaxFile(500)).toBe('50000 100000');
    expect(cpuMaxFile(1)).toBe('1000 100000');
    expect(cpuMaxFile(1500, 50_000)).toBe('75000 50000');
  });

  it('memory.max reads "max" without a limit, else the bytes', () => {
    expect(memoryMaxFile(0)).toBe('max');
    expect(memoryMaxFile(209_715_200)).toBe('209715200');
  });
});

describe('oom_score_adj (reference §10.2)', () => {
  it('§10.2 process table: kubelet/kube-proxy −999, Guaranteed −997, BestEffort 1000', () => {
    expect(KUBELET_OOM_SCORE_ADJ).toBe(-999);
    expect(GUARANTEED_OOM_SCORE_ADJ).toBe(-997);
    expect(BEST_EFFORT_OOM_SCORE_ADJ).toBe(1000);
  });

  // Each upstream vector as a stored pod (after API defaulting), through the container values.
  const rows: { row: string; p: Pick<Pod, 'metadata' | 'spec'>; capacity: number; want: number }[] = [
    { row: 'cpu limit only (Burstable, mem request 0), upstream test', p: pod([ctr('c', { cpu: '10m' }, { cpu: '10m' })]), capacity: 4e9, want: 999 },
    { row: 'requests cpu 0, mem limit 10G, no mem request, upstream test', p: pod([ctr('c', { cpu: '0' }, { memory: '10G' })]), capacity: 8e9, want: 999 },
    { row: 'mem limit "0" only (BestEffort), upstream test', p: pod([ctr('c', undefined, { memory: '0' })]), capacity: 7_230_457_451, want: 1000 },
    { row: 'nothing set, upstream test', p: pod([ctr('c')]), capacity: 4e9, want: 1000 },
    {
      row: 'requests = limits (cpu 5m, mem 10G), upstream test',
      p: pod([ctr('c', { cpu: '5m', memory: '10G' }, { cpu: '5m', memory: '10G' })]),
      capacity: 123_456_789,
      want: -997,
    },
    { row: 'mem request 4e9 (Burstable), upstream test (495..505)', p: pod([ctr('c', { memory: '4G' })]), capacity: 8e9, want: 500 },
    { row: 'mem request 8e9−1, upstream test', p: pod([ctr('c', { memory: String(8e9 - 1) })]), capacity: 8e9, want: 3 },
    {
      row: 'system-critical priority, no resources, upstream test',
      p: pod([ctr('c')], { priority: 2_000_001_000, priorityClassName: 'system-node-critical' }),
      capacity: 4e9,
      want: -997,
    },
    { row: 'mem request 2Gi on 8Gi, derived', p: pod([ctr('c', { memory: '2Gi' })]), capacity: 8 * 2 ** 30, want: 750 },
  ];
  it.each(rows)('§10.2 row: $row → $want', ({ p, capacity, want }) => {
    expect(containerCgroupValues(p, p.spec.containers[0], capacity, 'abc').oomScoreAdj).toBe(want);
  });

  it('formula bounds: never below 3, 1000 becomes 999 for Burstable', () => {
    expect(oomScoreAdj({ qos: 'Burstable', memoryBytesRequest: 16e9, nodeMemoryBytesCapacity: 8e9, critical: false })).toBe(3);
    expect(oomScoreAdj({ qos: 'Burstable', memoryBytesRequest: 1, nodeMemoryBytesCapacity: 8e9, critical: false })).toBe(999);
    expect(oomScoreAdj({ qos: 'BestEffort', memoryBytesRequest: 0, nodeMemoryBytesCapacity: 8e9, critical: true })).toBe(-997);
  });

  it('node-critical needs both critical (static, mirror or priority ≥ 2e9) and class system-node-critical', () => {
    expect(isNodeCriticalPod(pod([], { priorityClassName: 'system-node-critical' }, { 'kubernetes.io/config.source': 'file' }))).toBe(true);
    expect(isNodeCriticalPod(pod([], { priorityClassName: 'system-node-critical' }, { 'kubernetes.io/config.mirror': 'x' }))).toBe(true);
    expect(isNodeCriticalPod(pod([], { priority: 2_000_000_000, priorityClassName: 'system-cluster-critical' }))).toBe(false);
    expect(isNodeCriticalPod(pod([], { priorityClassName: 'system-node-critical' }))).toBe(false);
  });
});

describe('systemd cgroup paths (cgroupDriver systemd, containerd)', () => {
  it.each([
    ['Guaranteed', `kubepods.slice/kubepods-pod${UID_ESCAPED}.slice`],
    ['Burstable', `kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod${UID_ESCAPED}.slice`],
    ['BestEffort', `kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod${UID_ESCAPED}.slice`],
  ] as const)('%s pod slice', (qos, want) => {
    expect(podCgroupPath(qos, UID)).toBe(want);
    expect(containerCgroupPath(qos, UID, 'f00d')).toBe(`${want}/cri-containerd-f00d.scope`);
  });
});

describe('pod, QoS and node slices (ResourceConfigForPod)', () => {
  it('Guaranteed: weight from summed requests, quota and memory.max from summed limits', () => {
    const r = { cpu: '250m', memory: '64Mi' };
    const values = podCgroupValues(pod([ctr('a', r, r), ctr('b', r, r)]));
    expect(values).toEqual({ path: `kubepods.slice/kubepods-pod${UID_ESCAPED}.slice`, cpuWeight: 20, cpuMax: '50000 100000', memoryMax: String(128 * 2 ** 20) });
  });

  it('Burstable: quota and memory.max only when every container sets that limit', () => {
    const limited = podCgroupValues(pod([ctr('a', { cpu: '500m', memory: '100Mi' }, { cpu: '1', memory: '200Mi' })]));
    expect(limited).toMatchObject({ cpuWeight: 20, cpuMax: '100000 100000', memoryMax: String(200 * 2 ** 20) });
    const partial = podCgroupValues(pod([ctr('a', { cpu: '500m' }, { cpu: '1', memory: '200Mi' }), ctr('b', { cpu: '100m' })]));
    expect(partial).toMatchObject({ cpuWeight: cpuWeightFromShares(cpuShares(600)), cpuMax: 'max 100000', memoryMax: 'max' });
  });

  it('BestEffort: minimum weight, no limits', () => {
    expect(podCgroupValues(pod([ctr('a')]))).toMatchObject({ cpuWeight: 1, cpuMax: 'max 100000', memoryMax: 'max' });
  });

  it('pod totals: max(sum of apps, each init container), overhead added', () => {
    const spec: PodSpec = {
      containers: [ctr('a', { cpu: '100m' }, { cpu: '200m' }), ctr('b', { cpu: '100m' }, { cpu: '200m' })],
      initContainers: [ctr('init', { cpu: '500m' }, { cpu: '1' })],
      overhead: { cpu: '10m' },
    };
    expect(podResourceTotals(spec)).toMatchObject({ cpuMilliRequest: 510, cpuMilliLimit: 1010, cpuLimitsDeclared: true, memoryLimitsDeclared: false });
  });

  it('QoS slices and kubepods.slice', () => {
    expect(qosCgroupValues('Burstable', 1000)).toEqual({ path: 'kubepods.slice/kubepods-burstable.slice', cpuWeight: 39, cpuMax: 'max 100000', memoryMax: 'max' });
    expect(qosCgroupValues('BestEffort', 5000).cpuWeight).toBe(1);
    expect(kubepodsCgroupValues(2000, 4 * 2 ** 30)).toEqual({ path: 'kubepods.slice', cpuWeight: 79, cpuMax: 'max 100000', memoryMax: String(4 * 2 ** 30) });
  });
});

describe('containerCgroupValues', () => {
  it('the memory-demo-2 pod (limit 100Mi, request 50Mi) on a 4Gi node', () => {
    const p = pod([ctr('memory-demo-2-ctr', { memory: '50Mi' }, { memory: '100Mi' })]);
    expect(containerCgroupValues(p, p.spec.containers[0], 4 * 2 ** 30, 'c0ffee')).toEqual({
      cpuWeight: 1,
      cpuMax: 'max 100000',
      memoryMax: '104857600',
      memoryMin: '0',
      oomScoreAdj: 988,
      path: `kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod${UID_ESCAPED}.slice/cri-containerd-c0ffee.scope`,
    });
  });

  it('a cpu limit without a request sets the shares from the limit (calculateLinuxResources)', () => {
    const c = ctr('c', undefined, { cpu: '1' });
    expect(containerCgroupValues(pod([c]), c, 4e9, 'x')).toMatchObject({ cpuWeight: 39, cpuMax: '100000 100000' });
  });
});
