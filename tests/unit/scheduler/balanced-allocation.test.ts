/**
 * NodeResourcesBalancedAllocation: every worked example of reference §3 (upstream
 * balanced_allocation_test vectors), the std rule for 2 vs > 2 resources, actual (not non-zero)
 * requests, and v1.31's behaviour for BestEffort pods (scored, no Skip — that came in v1.33).
 */
import { describe, expect, it } from 'vitest';
import type { Node, Pod } from '../../../src/engine/api/types.ts';
import { CycleState, type PreemptionHandle, type PreScorePlugin, type ScorePlugin } from '../../../src/engine/components/scheduler/framework/types.ts';
import {
  balancedAllocationArgs,
  balancedResourceScore,
  NAME,
  nodeResourcesBalancedAllocation,
} from '../../../src/engine/components/scheduler/plugins/balanced-allocation.ts';
import { cluster, info, newNode, newPod } from './fixtures.ts';

type BalancedPlugin = PreScorePlugin & ScorePlugin;
const plugin = (args?: Record<string, unknown>): BalancedPlugin => nodeResourcesBalancedAllocation(args, {} as PreemptionHandle) as BalancedPlugin;

const onNode = (reqs: Record<string, string>[]): Pod[] => reqs.map((r, i) => newPod(`existing-${i}`, { nodeName: 'n1', containers: [r] }));

function scoreOn(args: Record<string, unknown> | undefined, pod: Pod, node: Node, existing: Pod[] = []): number {
  const { infos } = cluster([node], existing);
  const p = plugin(args);
  const state = new CycleState();
  const pi = info(pod);
  expect(p.preScore(state, pi, infos)).toBeNull();
  return p.score(state, pi, infos[0]);
}

/** Pod request 3000m / 5000 (two containers, as upstream's cpuAndMemory). */
const cpuAndMemory = (): Pod =>
  newPod('p', {
    containers: [
      { cpu: '1000m', memory: '2000' },
      { cpu: '2000m', memory: '3000' },
    ],
  });
/** Pod request 3000m / memory 0 (upstream's cpuOnly). */
const cpuOnly = (): Pod =>
  newPod('p', {
    containers: [
      { cpu: '1000m', memory: '0' },
      { cpu: '2000m', memory: '0' },
    ],
  });
const gpuPod = (): Pod => newPod('p', { containers: [{ memory: '0', 'nvidia.com/gpu': '1' }] });
const node = (cpu: string, memory: string, extra?: Record<string, string>): Node => newNode('n1', { cpu, memory, extra });
const withGpu = { resources: [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }, { name: 'nvidia.com/gpu', weight: 1 }] };

describe('NodeResourcesBalancedAllocation (reference §3)', () => {
  it.each([
    { name: '.75 / .50', args: undefined, pod: cpuAndMemory(), node: node('4000m', '10000'), existing: [], want: 87 },
    { name: '.50 / .50', args: undefined, pod: cpuAndMemory(), node: node('6000m', '10000'), existing: [], want: 100 },
    { name: '.60 / .25', args: undefined, pod: cpuAndMemory(), node: node('10000m', '20000'), existing: onNode([{ cpu: '3000m', memory: '0' }]), want: 82 },
    { name: '.60 / .50', args: undefined, pod: cpuAndMemory(), node: node('10000m', '20000'), existing: onNode([{ cpu: '3000m', memory: '5000' }]), want: 95 },
    { name: '.60 / .20', args: undefined, pod: cpuAndMemory(), node: node('10000m', '50000'), existing: onNode([{ cpu: '3000m', memory: '5000' }]), want: 80 },
    { name: '1.0 (capped) / 0', args: undefined, pod: cpuOnly(), node: node('6000m', '10000'), existing: onNode([{ cpu: '3000m', memory: '0' }]), want: 50 },
    { name: '1.0 / .50', args: undefined, pod: cpuOnly(), node: node('6000m', '10000'), existing: onNode([{ cpu: '3000m', memory: '5000' }]), want: 75 },
    {
      name: 'three resources .857 / .125 / .5 (population std)',
      args: withGpu,
      pod: gpuPod(),
      node: node('3500m', '40000', { 'nvidia.com/gpu': '8' }),
      existing: onNode([{ cpu: '3000m', memory: '5000', 'nvidia.com/gpu': '3' }]),
      want: 70,
    },
    {
      name: 'three resources .857 / .125 / .125',
      args: withGpu,
      pod: gpuPod(),
      node: node('3500m', '40000', { 'nvidia.com/gpu': '8' }),
      existing: onNode([{ cpu: '3000m', memory: '5000' }]),
      want: 65,
    },
  ])('$name → $want', ({ args, pod, node: n, existing, want }) => {
    expect(scoreOn(args, pod, n, existing)).toBe(want);
  });
});

describe('NodeResourcesBalancedAllocation v1.31 details', () => {
  it('BestEffort pods are scored: PreScore never returns Skip in v1.31', () => {
    const bestEffort = newPod('p', { containers: [{}] });
    expect(scoreOn(undefined, bestEffort, node('4000m', '10000'))).toBe(100);
    // existing 3000m / 0 on 10000m / 20000 → .30 / 0 → 1 − .15 = 85
    expect(scoreOn(undefined, bestEffort, node('10000m', '20000'), onNode([{ cpu: '3000m', memory: '0' }]))).toBe(85);
  });

  it('uses actual requests: a container without requests adds nothing (no 100m / 200Mi)', () => {
    // existing pod without requests: with non-zero defaults the fractions would differ; actual → .75 / .50
    expect(scoreOn(undefined, cpuAndMemory(), node('4000m', '10000'), onNode([{}]))).toBe(87);
  });

  it('a scalar resource the pod does not request is left out (two fractions, not three)', () => {
    // cpu .75, memory .50, gpu not requested → |.75 − .5| / 2 = .125 → 87
    expect(scoreOn(withGpu, cpuAndMemory(), node('4000m', '10000', { 'nvidia.com/gpu': '8' }))).toBe(87);
  });

  it('weights do not enter the formula', () => {
    const heavy = { resources: [{ name: 'cpu', weight: 7 }, { name: 'memory', weight: 1 }] };
    expect(scoreOn(heavy, cpuAndMemory(), node('4000m', '10000'))).toBe(87);
  });

  it('Score works without PreScore', () => {
    const { infos } = cluster([node('4000m', '10000')]);
    expect(plugin().score(new CycleState(), info(cpuAndMemory()), infos[0])).toBe(87);
  });

  it('is a score-only plugin: no cluster events', () => {
    const p = plugin();
    expect(p.name).toBe(NAME);
    expect(p.events).toEqual([]);
  });
});

describe('balancedResourceScore (one node, table-driven)', () => {
  it.each([
    { requested: [3000, 5000], allocatable: [4000, 10000], want: 87 },
    { requested: [8000, 5000], allocatable: [4000, 10000], want: 75 },
    { requested: [6000, 0], allocatable: [6000, 10000], want: 50 },
    { requested: [3000], allocatable: [4000], want: 100 },
    { requested: [3000, 5000], allocatable: [0, 10000], want: 100 },
    { requested: [], allocatable: [], want: 100 },
    { requested: [3000, 5000, 4], allocatable: [3500, 40000, 8], want: 70 },
    { requested: [1, 0, 0, 0], allocatable: [1, 1, 1, 1], want: 56 },
  ])('$requested / $allocatable → $want', ({ requested, allocatable, want }) => {
    expect(balancedResourceScore(requested, allocatable)).toBe(want);
  });
});

describe('NodeResourcesBalancedAllocationArgs', () => {
  it('defaults to cpu and memory, weight 1', () => {
    expect(balancedAllocationArgs(undefined)).toEqual({ resources: [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }] });
    expect(balancedAllocationArgs({ resources: [{ name: 'cpu' }] })).toEqual({ resources: [{ name: 'cpu', weight: 1 }] });
  });
  it('rejects an out-of-range weight', () => {
    expect(() => plugin({ resources: [{ name: 'cpu', weight: 200 }] })).toThrow(/\[1, 100\]/);
  });
});
