/**
 * NodeResourcesFit: the Filter's reasons (every combination the reference §2.1 names), the three
 * scoring strategies against every worked example of reference §2.6 (upstream
 * least_allocated_test / most_allocated_test / requested_to_capacity_ratio_test vectors), the
 * broken-linear function, args defaulting and validation, and explain().
 */
import { describe, expect, it } from 'vitest';
import type { Node, Pod } from '../../../src/engine/api/types.ts';
import {
  Code,
  CycleState,
  type FilterPlugin,
  type PreemptionHandle,
  type PreFilterPlugin,
  type PreScorePlugin,
  type ScorePlugin,
} from '../../../src/engine/components/scheduler/framework/types.ts';
import {
  brokenLinear,
  FIT_EVENTS,
  fitArgs,
  formatBytes,
  formatCpuMilli,
  goRound,
  intDiv,
  isScalarResourceName,
  leastRequestedScore,
  mostRequestedScore,
  NAME,
  nodeResourcesFit,
  resourceScorer,
  scoreNode,
} from '../../../src/engine/components/scheduler/plugins/node-resources-fit.ts';
import { cluster, info, newNode, newPod, type NodeOpts } from './fixtures.ts';

type FitPlugin = PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin;

const handle = {} as PreemptionHandle;
const fit = (args?: Record<string, unknown>): FitPlugin => nodeResourcesFit(args, handle) as FitPlugin;

/** Pods already on node `n1`, one container each with these requests. */
const onNode = (reqs: Record<string, string>[]): Pod[] => reqs.map((r, i) => newPod(`existing-${i}`, { nodeName: 'n1', containers: [r] }));

function filterOn(pod: Pod, node: NodeOpts, existing: Record<string, string>[] = [], args?: Record<string, unknown>) {
  const { infos } = cluster([newNode('n1', node)], onNode(existing));
  const p = fit(args);
  const state = new CycleState();
  const pi = info(pod);
  expect(p.preFilter(state, pi, cluster([]).snapshot)).toBeNull();
  return { status: p.filter(state, pi, infos[0]), plugin: p, pod: pi, node: infos[0] };
}

function scoreOn(args: Record<string, unknown> | undefined, pod: Pod, node: Node, existing: Pod[] = []): number {
  const { infos } = cluster([node], existing);
  const p = fit(args);
  const state = new CycleState();
  const pi = info(pod);
  expect(p.preScore(state, pi, infos)).toBeNull();
  return p.score(state, pi, infos[0]);
}

// ---- Filter ----------------------------------------------------------------------------------

const SMALL: NodeOpts = { cpu: '10m', memory: '20', pods: '32', extra: { 'ephemeral-storage': '20', 'example.com/aaa': '5', 'hugepages-2Mi': '5' } };
const req = (cpu: string, memory: string): Record<string, string> => ({ cpu, memory });

describe('NodeResourcesFit Filter', () => {
  it.each([
    { name: 'a pod with no requests fits a full node', pod: newPod('p', { containers: [{}] }), existing: [req('10m', '20')], want: null },
    { name: 'cpu and memory both short', pod: newPod('p', { containers: [req('1m', '1')] }), existing: [req('10m', '20')], want: ['Insufficient cpu', 'Insufficient memory'] },
    { name: 'fits exactly what is left', pod: newPod('p', { containers: [req('2m', '1')] }), existing: [req('8m', '19')], want: null },
    { name: 'cpu short only', pod: newPod('p', { containers: [req('2m', '1')] }), existing: [req('9m', '5')], want: ['Insufficient cpu'] },
    { name: 'memory short only', pod: newPod('p', { containers: [req('1m', '2')] }), existing: [req('5m', '19')], want: ['Insufficient memory'] },
    {
      name: 'a larger init container counts (max of app sum and each init)',
      pod: newPod('p', { containers: [req('1m', '1')], initContainers: [req('3m', '1')] }),
      existing: [req('8m', '19')],
      want: ['Insufficient cpu'],
    },
    {
      name: 'a smaller init container does not',
      pod: newPod('p', { containers: [req('2m', '1')], initContainers: [req('1m', '1')] }),
      existing: [req('8m', '19')],
      want: null,
    },
    {
      name: 'pod overhead is added',
      pod: newPod('p', { containers: [req('1m', '1')], spec: { overhead: { cpu: '5m' } } }),
      existing: [req('5m', '1')],
      want: ['Insufficient cpu'],
    },
    {
      name: 'an explicit zero cpu request is not checked on an overcommitted node',
      pod: newPod('p', { containers: [{ cpu: '0', memory: '1' }] }),
      existing: [req('20m', '5')],
      want: null,
    },
    { name: 'ephemeral-storage short', pod: newPod('p', { containers: [{ 'ephemeral-storage': '11' }] }), existing: [{ 'ephemeral-storage': '10' }], want: ['Insufficient ephemeral-storage'] },
    { name: 'extended resource short', pod: newPod('p', { containers: [{ 'example.com/aaa': '3' }] }), existing: [{ 'example.com/aaa': '3' }], want: ['Insufficient example.com/aaa'] },
    { name: 'extended resource the node lacks', pod: newPod('p', { containers: [{ 'example.com/bbb': '1' }] }), existing: [], want: ['Insufficient example.com/bbb'] },
    { name: 'an explicit zero extended request is not checked', pod: newPod('p', { containers: [{ 'example.com/bbb': '0' }] }), existing: [], want: null },
    { name: 'hugepages short', pod: newPod('p', { containers: [{ 'hugepages-2Mi': '6' }] }), existing: [], want: ['Insufficient hugepages-2Mi'] },
    {
      name: 'all failing reasons, in fitsRequest order, scalars by name',
      pod: newPod('p', { containers: [{ cpu: '1m', memory: '1', 'ephemeral-storage': '30', 'example.com/zzz': '1', 'example.com/aaa': '10' }] }),
      existing: [req('10m', '20')],
      want: ['Insufficient cpu', 'Insufficient memory', 'Insufficient ephemeral-storage', 'Insufficient example.com/aaa', 'Insufficient example.com/zzz'],
    },
  ])('$name', ({ pod, existing, want }) => {
    const { status } = filterOn(pod, SMALL, existing);
    if (want === null) expect(status).toBeNull();
    else expect(status).toMatchObject({ code: Code.Unschedulable, reasons: want, plugin: NAME });
  });

  it.each([
    { name: 'too many pods alone (resources fit)', pods: '1', pod: newPod('p', { containers: [req('1m', '1')] }), existing: [req('1m', '1')], want: ['Too many pods'] },
    { name: 'too many pods with cpu and memory', pods: '1', pod: newPod('p', { containers: [req('1m', '1')] }), existing: [req('10m', '20')], want: ['Too many pods', 'Insufficient cpu', 'Insufficient memory'] },
    { name: 'a pod requesting nothing meets only the pod count', pods: '1', pod: newPod('p', { containers: [{}] }), existing: [req('10m', '20')], want: ['Too many pods'] },
    { name: 'allocatable pods 0', pods: '0', pod: newPod('p', { containers: [{}] }), existing: [], want: ['Too many pods'] },
  ])('$name', ({ pods, pod, existing, want }) => {
    const { status } = filterOn(pod, { ...SMALL, pods }, existing);
    expect(status).toMatchObject({ code: Code.Unschedulable, reasons: want });
  });

  it.each([
    { name: 'ignoredResources skips an extended resource', args: { ignoredResources: ['example.com/bbb'] }, res: 'example.com/bbb', want: null },
    { name: 'ignoredResourceGroups skips a whole domain', args: { ignoredResourceGroups: ['example.com'] }, res: 'example.com/bbb', want: null },
    { name: 'another domain is still checked', args: { ignoredResourceGroups: ['example.org'] }, res: 'example.com/bbb', want: ['Insufficient example.com/bbb'] },
    { name: 'hugepages are not extended resources: never ignored', args: { ignoredResources: ['hugepages-2Mi'] }, res: 'hugepages-2Mi', want: ['Insufficient hugepages-2Mi'] },
  ])('$name', ({ args, res, want }) => {
    const { status } = filterOn(newPod('p', { containers: [{ [res]: '10' }] }), SMALL, [], args);
    if (want === null) expect(status).toBeNull();
    else expect(status?.reasons).toEqual(want);
  });

  it('reuses one status object for identical rejections (no allocation per node)', () => {
    const { infos } = cluster([newNode('n1', SMALL), newNode('n2', SMALL)], [...onNode([req('10m', '20')]), newPod('x', { nodeName: 'n2', containers: [req('10m', '20')] })]);
    const p = fit();
    const state = new CycleState();
    const pod = info(newPod('p', { containers: [{ cpu: '1m', memory: '1', 'example.com/aaa': '9' }] }));
    p.preFilter(state, pod, cluster([]).snapshot);
    const a = p.filter(state, pod, infos[0]);
    expect(a?.reasons).toEqual(['Insufficient cpu', 'Insufficient memory', 'Insufficient example.com/aaa']);
    expect(p.filter(state, pod, infos[1])).toBe(a);
  });

  it('a pod with more scalar resources than the mask holds still gets every reason', () => {
    const names = Array.from({ length: 30 }, (_, i) => `example.com/r${String(i).padStart(2, '0')}`);
    const pod = newPod('p', { containers: [{ cpu: '1m', ...Object.fromEntries(names.map((n) => [n, '1'])) }] });
    const { status } = filterOn(pod, SMALL, [req('10m', '0')]);
    expect(status?.reasons).toEqual(['Insufficient cpu', ...names.map((n) => `Insufficient ${n}`)]);
  });

  it('without PreFilter state it is an Error, as upstream', () => {
    const { infos } = cluster([newNode('n1')]);
    expect(fit().filter(new CycleState(), info(newPod('p')), infos[0])?.code).toBe(Code.Error);
  });

  it('registers the v1.31 events (queueing hints off)', () => {
    expect(fit().events).toEqual(FIT_EVENTS);
    expect(FIT_EVENTS).toEqual([
      { resource: 'Pod', action: 'Delete' },
      { resource: 'Node', action: 'Add' },
      { resource: 'Node', action: 'UpdateNodeAllocatable' },
      { resource: 'Node', action: 'UpdateNodeTaint' },
      { resource: 'Node', action: 'UpdateNodeLabel' },
    ]);
  });
});

// ---- explain ---------------------------------------------------------------------------------

describe('NodeResourcesFit explain', () => {
  const explain = (pod: Pod, node: NodeOpts, existing: Record<string, string>[]): string => {
    const r = filterOn(pod, node, existing);
    expect(r.status).not.toBeNull();
    return r.plugin.explain!(r.pod, r.node, r.status!);
  };

  it.each<{ pod: Pod; node: NodeOpts; existing: Record<string, string>[]; want: string }>([
    {
      pod: newPod('p', { containers: [{ memory: '3Gi' }] }),
      node: { memory: '4Gi' },
      existing: [{ memory: '2867Mi' }],
      want: 'not enough memory — the pod requests 3Gi, the node has 1.2Gi free',
    },
    { pod: newPod('p', { containers: [{ cpu: '500m' }] }), node: { cpu: '1' }, existing: [{ cpu: '800m' }], want: 'not enough CPU — the pod requests 500m, the node has 200m free' },
    { pod: newPod('p', { containers: [{ cpu: '2' }] }), node: { cpu: '2' }, existing: [{ cpu: '500m' }], want: 'not enough CPU — the pod requests 2 cores, the node has 1.5 cores free' },
    {
      pod: newPod('p', { containers: [{ cpu: '500m', memory: '1Gi' }] }),
      node: { cpu: '1', memory: '1Gi' },
      existing: [{ cpu: '1', memory: '512Mi' }],
      want: 'not enough CPU — the pod requests 500m, the node has none free; not enough memory — the pod requests 1Gi, the node has 512Mi free',
    },
    {
      pod: newPod('p', { containers: [{ 'example.com/gpu': '3' }] }),
      node: { extra: { 'example.com/gpu': '4' } },
      existing: [{ 'example.com/gpu': '2' }],
      want: 'not enough example.com/gpu — the pod requests 3, the node has 2 free',
    },
    {
      pod: newPod('p', { containers: [{ 'ephemeral-storage': '10Gi' }] }),
      node: { extra: { 'ephemeral-storage': '20Gi' } },
      existing: [{ 'ephemeral-storage': '15Gi' }],
      want: 'not enough ephemeral storage — the pod requests 10Gi, the node has 5Gi free',
    },
  ])('$want', ({ pod, node, existing, want }) => {
    expect(explain(pod, node, existing)).toBe(want);
  });

  it('the pod count', () => {
    const existing = Array.from({ length: 110 }, () => ({}));
    expect(explain(newPod('p'), {}, existing)).toBe('the node already runs its maximum of 110 pods');
  });

  it.each([
    [0, '0m'],
    [250, '250m'],
    [1000, '1 core'],
    [1500, '1.5 cores'],
    [16000, '16 cores'],
  ])('formatCpuMilli(%d) = %s', (m, want) => expect(formatCpuMilli(m)).toBe(want));

  it.each([
    [512, '512 bytes'],
    [1536, '1.5Ki'],
    [200 * 2 ** 20, '200Mi'],
    [3 * 2 ** 30, '3Gi'],
    [1.2 * 2 ** 30, '1.2Gi'],
    [2 ** 40, '1Ti'],
  ])('formatBytes(%d) = %s', (b, want) => expect(formatBytes(b)).toBe(want));
});

// ---- Score: reference §2.6 -------------------------------------------------------------------

/** Pod P of §2.6: {cpu 1000m, mem 2000} + {cpu 2000m, mem 3000} → 3000m / 5000. */
const P = (): Pod => newPod('p', { containers: [req('1000m', '2000'), req('2000m', '3000')] });
const node = (cpu: string, memory: string): Node => newNode('n1', { cpu, memory });
const least = undefined;
const most = { scoringStrategy: { type: 'MostAllocated', resources: [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }] } };
const ratio = {
  scoringStrategy: {
    type: 'RequestedToCapacityRatio',
    resources: [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }],
    requestedToCapacityRatio: { shape: [{ utilization: 0, score: 10 }, { utilization: 100, score: 0 }] },
  },
};

describe('NodeResourcesFit Score (reference §2.6)', () => {
  it.each([
    { name: 'LeastAllocated 4000/10000', args: least, pod: P(), node: node('4000m', '10000'), existing: [], want: 37 },
    { name: 'LeastAllocated 6000/10000', args: least, pod: P(), node: node('6000m', '10000'), existing: [], want: 50 },
    {
      name: 'LeastAllocated, memory weight 2',
      args: { scoringStrategy: { type: 'LeastAllocated', resources: [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 2 }] } },
      pod: P(),
      node: node('4000m', '10000'),
      existing: [],
      want: 41,
    },
    {
      name: 'LeastAllocated, pod with no containers, two {3000m, 0} pods',
      args: least,
      pod: newPod('p', { containers: [] }),
      node: node('10000m', '20000'),
      existing: onNode([req('3000m', '0'), req('3000m', '0')]),
      want: 70,
    },
    {
      name: 'LeastAllocated, pod with no containers, {3000m, 0} and {3000m, 5000}',
      args: least,
      pod: newPod('p', { containers: [] }),
      node: node('10000m', '20000'),
      existing: onNode([req('3000m', '0'), req('3000m', '5000')]),
      want: 57,
    },
    {
      name: 'LeastAllocated, cpu over capacity scores 0',
      args: least,
      pod: newPod('p', { containers: [req('3000m', '0')] }),
      node: node('4000m', '10000'),
      existing: onNode([req('3000m', '5000')]),
      want: 25,
    },
    { name: 'MostAllocated 4000/10000', args: most, pod: P(), node: node('4000m', '10000'), existing: [], want: 62 },
    { name: 'MostAllocated 6000/10000', args: most, pod: P(), node: node('6000m', '10000'), existing: [], want: 50 },
    {
      name: 'MostAllocated, {2000m,4000}+{3000m,5000} on 5000/10000',
      args: most,
      pod: newPod('p', { containers: [req('2000m', '4000'), req('3000m', '5000')] }),
      node: node('5000m', '10000'),
      existing: [],
      want: 95,
    },
    {
      name: 'MostAllocated, no requests (non-zero defaults), two such pods on 250m/1000Mi',
      args: most,
      pod: newPod('p', { containers: [{}] }),
      node: node('250m', '1000Mi'),
      existing: onNode([{}, {}]),
      want: 80,
    },
    { name: 'MostAllocated, no requests, empty 250m/1000Mi', args: most, pod: newPod('p', { containers: [{}] }), node: node('250m', '1000Mi'), existing: [], want: 30 },
    { name: 'RequestedToCapacityRatio {0→10,100→0} 4000/10000 (round 37.5)', args: ratio, pod: P(), node: node('4000m', '10000'), existing: [], want: 38 },
    { name: 'RequestedToCapacityRatio {0→10,100→0} 6000/10000', args: ratio, pod: P(), node: node('6000m', '10000'), existing: [], want: 50 },
  ])('$name → $want', ({ args, pod, node: n, existing, want }) => {
    expect(scoreOn(args, pod, n, existing)).toBe(want);
  });
});

describe('NodeResourcesFit Score: which requests, which resources', () => {
  const withGpu = (strategy: string) => ({
    scoringStrategy: {
      type: strategy,
      resources: [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }, { name: 'example.com/gpu', weight: 2 }],
    },
  });
  const gpuNode = newNode('n1', { cpu: '4000m', memory: '10000', extra: { 'example.com/gpu': '4' } });

  it('a scalar resource the pod does not request is left out (weight too)', () => {
    expect(scoreOn(withGpu('LeastAllocated'), P(), gpuNode)).toBe(37);
  });

  it('a requested scalar resource is scored on actual requests, node side too', () => {
    const pod = newPod('p', { containers: [req('1000m', '2000'), { cpu: '2000m', memory: '3000', 'example.com/gpu': '1' }] });
    // cpu 25, memory 50, gpu (4 − 2)·100/4 = 50 with weight 2 → (25 + 50 + 100) / 4 = 43
    expect(scoreOn(withGpu('LeastAllocated'), pod, gpuNode, onNode([{ cpu: '0', memory: '0', 'example.com/gpu': '1' }]))).toBe(43);
  });

  it('a scalar resource the node lacks is left out', () => {
    const pod = newPod('p', { containers: [req('1000m', '2000'), { cpu: '2000m', memory: '3000', 'example.com/gpu': '1' }] });
    expect(scoreOn(withGpu('MostAllocated'), pod, node('4000m', '10000'))).toBe(62);
  });

  it('ephemeral-storage is scored on actual requests (no default for a container without one)', () => {
    const args = { scoringStrategy: { type: 'LeastAllocated', resources: [{ name: 'ephemeral-storage', weight: 1 }] } };
    const n = newNode('n1', { extra: { 'ephemeral-storage': '100' } });
    expect(scoreOn(args, newPod('p', { containers: [{}] }), n)).toBe(100);
    expect(scoreOn(args, newPod('p', { containers: [{ 'ephemeral-storage': '30' }] }), n, onNode([{ 'ephemeral-storage': '10' }]))).toBe(60);
  });

  it('cpu/memory use the non-zero sums on the node (existing pods without requests count 100m/200Mi)', () => {
    // LeastAllocated on 1000m/1000Mi: two request-less pods + this one = 300m / 600Mi → (70 + 40) / 2 = 55
    expect(scoreOn(least, newPod('p', { containers: [{}] }), node('1000m', '1000Mi'), onNode([{}, {}]))).toBe(55);
  });

  it('a resource name that is not scalar (pods) is never scored', () => {
    const args = { scoringStrategy: { type: 'LeastAllocated', resources: [{ name: 'pods', weight: 5 }, { name: 'cpu', weight: 1 }] } };
    expect(scoreOn(args, P(), node('4000m', '10000'))).toBe(25);
  });

  it('RequestedToCapacityRatio drops resources that score 0', () => {
    const args = {
      scoringStrategy: {
        type: 'RequestedToCapacityRatio',
        resources: [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }],
        requestedToCapacityRatio: { shape: [{ utilization: 0, score: 0 }, { utilization: 100, score: 10 }] },
      },
    };
    // cpu 50 % → 50; memory explicit 0 → utilization 0 → 0, dropped: 50, not 25
    expect(scoreOn(args, newPod('p', { containers: [{ cpu: '2000m', memory: '0' }] }), node('4000m', '10000'))).toBe(50);
  });

  it('RequestedToCapacityRatio scores an over-capacity resource at utilization 100', () => {
    // cpu 5000m > 4000m → f(100) = 0 → dropped; memory 50 % → 50
    expect(scoreOn(ratio, newPod('p', { containers: [req('5000m', '5000')] }), node('4000m', '10000'))).toBe(50);
  });

  it('Score works without PreScore (requests computed on the spot)', () => {
    const { infos } = cluster([node('4000m', '10000')]);
    expect(fit().score(new CycleState(), info(P()), infos[0])).toBe(37);
  });
});

// ---- the pure pieces -------------------------------------------------------------------------

describe('scoreNode (one node, table-driven)', () => {
  const scorer = (args?: Record<string, unknown>) => resourceScorer(fitArgs(args).scoringStrategy);
  it.each([
    { args: least, requested: [3000, 5000], allocatable: [4000, 10000], want: 37 },
    { args: least, requested: [5000, 5000], allocatable: [4000, 10000], want: 25 },
    { args: least, requested: [3000, 5000], allocatable: [0, 0], want: 0 },
    { args: most, requested: [3000, 5000], allocatable: [4000, 10000], want: 62 },
    { args: most, requested: [300, 600], allocatable: [250, 1000], want: 80 },
    { args: ratio, requested: [3000, 5000], allocatable: [4000, 10000], want: 38 },
    { args: ratio, requested: [4000, 10000], allocatable: [4000, 10000], want: 0 },
    { args: ratio, requested: [0, 0], allocatable: [4000, 10000], want: 100 },
  ])('$args.scoringStrategy.type $requested / $allocatable → $want', ({ args, requested, allocatable, want }) => {
    expect(scoreNode(scorer(args), requested, allocatable)).toBe(want);
  });

  it.each([
    [3000, 4000, 25, 75],
    [4000, 4000, 0, 100],
    [5000, 4000, 0, 100],
    [1, 3, 66, 33],
    [0, 0, 0, 0],
  ])('least/mostRequestedScore(%d, %d) = %d / %d', (r, c, l, m) => {
    expect(leastRequestedScore(r, c)).toBe(l);
    expect(mostRequestedScore(r, c)).toBe(m);
  });
});

describe('brokenLinear (upstream shape_score vectors, raw scores)', () => {
  const a = [
    { utilization: 10, score: 1 },
    { utilization: 90, score: 9 },
  ];
  const b = [
    { utilization: 0, score: 2 },
    { utilization: 40, score: 10 },
    { utilization: 100, score: 0 },
  ];
  it.each([
    [-10, 1],
    [0, 1],
    [9, 1],
    [10, 1],
    [15, 1],
    [19, 1],
    [20, 2],
    [89, 8],
    [90, 9],
    [99, 9],
    [100, 9],
    [110, 9],
  ])('{(10,1),(90,9)} f(%d) = %d', (p, want) => expect(brokenLinear(a, p)).toBe(want));
  it.each([
    [0, 2],
    [20, 6],
    [30, 8],
    [40, 10],
    [70, 5],
    [100, 0],
    [110, 0],
  ])('{(0,2),(40,10),(100,0)} f(%d) = %d', (p, want) => expect(brokenLinear(b, p)).toBe(want));

  it('truncates toward zero on a falling line, like Go', () => {
    // 10 + (0 − 10)·(45 − 40)/60 = 10 + trunc(−0.83) = 10
    expect(brokenLinear([{ utilization: 40, score: 10 }, { utilization: 100, score: 0 }], 45)).toBe(10);
  });
});

describe('Go arithmetic', () => {
  it.each([
    [7, 2, 3],
    [-7, 2, -3],
    [-50, 60, 0],
    [0, -5, 0],
    [10200, 1977, 5],
  ])('intDiv(%d, %d) = %d', (a, b, want) => expect(Object.is(intDiv(a, b), want)).toBe(true));
  it.each([
    [37.5, 38],
    [37.49, 37],
    [-2.5, -3],
    [2.5, 3],
  ])('goRound(%d) = %d', (x, want) => expect(goRound(x)).toBe(want));
  it.each([
    ['nvidia.com/gpu', true],
    ['hugepages-2Mi', true],
    ['kubernetes.io/batch', true],
    ['attachable-volumes-csi-x', true],
    ['cpu', false],
    ['pods', false],
    ['requests.example.com/x', false],
  ])('isScalarResourceName(%s) = %s', (n, want) => expect(isScalarResourceName(n)).toBe(want));
});

describe('NodeResourcesFitArgs', () => {
  it('defaults to LeastAllocated over cpu and memory, weight 1', () => {
    expect(fitArgs(undefined)).toEqual({
      scoringStrategy: { type: 'LeastAllocated', resources: [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }] },
      ignoredResources: [],
      ignoredResourceGroups: [],
    });
  });
  it('fills empty resources and zero weights', () => {
    expect(fitArgs({ scoringStrategy: { type: 'MostAllocated' } }).scoringStrategy.resources).toEqual([
      { name: 'cpu', weight: 1 },
      { name: 'memory', weight: 1 },
    ]);
    expect(fitArgs({ scoringStrategy: { type: 'MostAllocated', resources: [{ name: 'cpu', weight: 0 }] } }).scoringStrategy.resources).toEqual([
      { name: 'cpu', weight: 1 },
    ]);
  });
  it.each([
    [{ scoringStrategy: { type: 'Bogus' } }, /Unsupported value: "Bogus"/],
    [{ scoringStrategy: { resources: [] } }, /Unsupported value: ""/],
    [{ scoringStrategy: { type: 'LeastAllocated', resources: [{ name: 'cpu', weight: 101 }] } }, /weight.*\[1, 100\]/],
    [{ scoringStrategy: { type: 'RequestedToCapacityRatio' } }, /shape: Required value/],
    [{ scoringStrategy: { type: 'RequestedToCapacityRatio', requestedToCapacityRatio: { shape: [{ utilization: 50, score: 1 }, { utilization: 50, score: 2 }] } } }, /increasing/],
    [{ scoringStrategy: { type: 'RequestedToCapacityRatio', requestedToCapacityRatio: { shape: [{ utilization: 50, score: 11 }] } } }, /\[0, 10\]/],
  ])('rejects %j', (args, msg) => {
    expect(() => nodeResourcesFit(args, handle)).toThrow(msg);
  });
});
