/**
 * DefaultPreemption (PostFilter) against a fake PreemptionHandle whose Filter is a plain
 * cpu / memory / pod-count fit, so these tests do not depend on the real Filter plugins.
 */
import { describe, expect, it } from 'vitest';
import type { KObject, Pod } from '../../../src/engine/api/types.ts';
import { fitErrorMessage } from '../../../src/engine/components/scheduler/framework/fit-error.ts';
import { snapshotOf } from '../../../src/engine/components/scheduler/framework/node-info.ts';
import {
  CycleState,
  unresolvable,
  unschedulable,
  type FrameworkHandle,
  type NodeInfo,
  type PluginFactory,
  type PodInfo,
  type PreemptionHandle,
  type Status,
} from '../../../src/engine/components/scheduler/framework/types.ts';
import {
  NAME,
  calculateNumCandidates,
  defaultPreemption,
  defaultPreemptionArgs,
  describePreemption,
  filterPodsWithPDBViolation,
  moreImportantPod,
  pickOneNode,
  podEligibleToPreemptOthers,
  selectVictimsOnNode,
  victimsOrder,
  type Candidate,
  type PodDisruptionBudget,
} from '../../../src/engine/components/scheduler/plugins/default-preemption.ts';
import { cluster, info, newNode, newPDB, newPod } from './fixtures.ts';

// ---- helpers ---------------------------------------------------------------------------------

/** A running pod on `node` with a cpu request, a priority and a start time (seconds after 00:00). */
function running(name: string, node: string, cpu: string, priority: number, startedAtSecond = 0, labels?: Record<string, string>): Pod {
  const p = newPod(name, { nodeName: node, containers: [{ cpu }], priority, labels });
  p.status = { ...p.status, startTime: `2025-01-01T00:${String(Math.floor(startedAtSecond / 60)).padStart(2, '0')}:${String(startedAtSecond % 60).padStart(2, '0')}Z` };
  return p;
}

function pending(name: string, cpu: string, priority: number, extra: { preemptionPolicy?: string; nominatedNodeName?: string } = {}): PodInfo {
  const p = newPod(name, { containers: [{ cpu }], priority, spec: extra.preemptionPolicy ? { preemptionPolicy: extra.preemptionPolicy } : {} });
  if (extra.nominatedNodeName) p.status = { ...p.status, nominatedNodeName: extra.nominatedNodeName };
  return info(p);
}

/** Filter = does the pod fit cpu, memory and pod count (NodeResourcesFit's reasons). */
function fits(pod: PodInfo, node: NodeInfo): Status | null {
  const reasons: string[] = [];
  if (node.pods.length + 1 > node.allowedPodNumber) reasons.push('Too many pods');
  if (pod.requests.milliCPU > node.allocatable.milliCPU - node.requested.milliCPU) reasons.push('Insufficient cpu');
  if (pod.requests.memory > node.allocatable.memory - node.requested.memory) reasons.push('Insufficient memory');
  return reasons.length > 0 ? unschedulable(...reasons) : null;
}

interface FakeHandle extends PreemptionHandle {
  calls: string[];
  randomBounds: number[];
}

function fakeHandle(infos: NodeInfo[], o: { offset?: number; pdbs?: KObject[] } = {}): FakeHandle {
  const snapshot = snapshotOf(infos);
  const calls: string[] = [];
  const randomBounds: number[] = [];
  return {
    calls,
    randomBounds,
    snapshot: () => snapshot,
    list: <T extends KObject>(resource: string) => {
      calls.push(`list ${resource}`);
      return (resource === 'poddisruptionbudgets' ? (o.pdbs ?? []) : []) as unknown as readonly T[];
    },
    get: () => undefined,
    hasResource: (r) => r === 'poddisruptionbudgets' && o.pdbs !== undefined,
    runFilters: (_state, pod, node) => fits(pod, node),
    removePod: (_s, _p, victim, node) => void calls.push(`remove ${victim.pod.metadata.name} from ${node.name}`),
    addPod: (_s, _p, other, node) => void calls.push(`add ${other.pod.metadata.name} to ${node.name}`),
    nominatedPods: () => [],
    randomInt: (n) => {
      randomBounds.push(n);
      return (o.offset ?? 0) % n;
    },
  };
}

/** What the cycle hands PostFilter: the Filter status of every node (all of them failed). */
function filterStatuses(pod: PodInfo, infos: NodeInfo[], overrides: Record<string, Status> = {}): Map<string, Status> {
  const m = new Map<string, Status>();
  for (const n of infos) m.set(n.name, overrides[n.name] ?? fits(pod, n) ?? unschedulable('unexpectedly fits'));
  return m;
}

const names = (pods: readonly Pod[] | undefined) => (pods ?? []).map((p) => p.metadata.name);

function candidate(nodeName: string, victims: Pod[], numPDBViolations = 0): Candidate {
  return { nodeName, victims: { pods: victimsOrder(victims), numPDBViolations } };
}

// ---- args ------------------------------------------------------------------------------------

describe('args', () => {
  it('defaults to 10 % / 100 and validates as v1.31 does', () => {
    expect(defaultPreemptionArgs(undefined)).toEqual({ minCandidateNodesPercentage: 10, minCandidateNodesAbsolute: 100 });
    expect(() => defaultPreemptionArgs({ minCandidateNodesPercentage: 101 })).toThrow(/not in valid range \[0, 100\]/);
    expect(() => defaultPreemptionArgs({ minCandidateNodesAbsolute: -1 })).toThrow(/not in valid range \[0, inf\)/);
    expect(() => defaultPreemptionArgs({ minCandidateNodesPercentage: 0, minCandidateNodesAbsolute: 0 })).toThrow(/cannot be zero at the same time/);
  });

  it('number of candidates = max(n × pct / 100, abs), capped at n', () => {
    const d = defaultPreemptionArgs(undefined);
    expect(calculateNumCandidates(10, d)).toBe(10);
    expect(calculateNumCandidates(1000, d)).toBe(100);
    expect(calculateNumCandidates(5000, d)).toBe(500);
    expect(calculateNumCandidates(1999, d)).toBe(199);
    expect(calculateNumCandidates(50, { minCandidateNodesPercentage: 40, minCandidateNodesAbsolute: 0 })).toBe(20);
    expect(calculateNumCandidates(3, { minCandidateNodesPercentage: 0, minCandidateNodesAbsolute: 1 })).toBe(1);
  });
});

// ---- ordering --------------------------------------------------------------------------------

describe('victimsOrder / MoreImportantPod', () => {
  it('higher priority first, then the pod that started earlier; pods not started yet last', () => {
    const a = running('a', 'n', '1', 0, 30);
    const b = running('b', 'n', '1', 0, 10);
    const c = running('c', 'n', '1', 5, 50);
    const d = newPod('d', { nodeName: 'n', priority: 0 }); // no startTime
    expect(names(victimsOrder([a, b, c, d]))).toEqual(['c', 'b', 'a', 'd']);
    expect(moreImportantPod(b, a)).toBe(true);
    expect(moreImportantPod(a, a)).toBe(false);
    expect(victimsOrder([info(a), info(c)]).map((p) => p.pod.metadata.name)).toEqual(['c', 'a']);
  });
});

describe('pickOneNode', () => {
  it('1: fewest PDB violations', () => {
    const got = pickOneNode([candidate('n1', [running('x', 'n1', '1', 0)], 1), candidate('n2', [running('y', 'n2', '1', 100)], 0)]);
    expect(got?.nodeName).toBe('n2');
  });

  it('2: lowest priority of the most important victim', () => {
    const got = pickOneNode([
      candidate('n1', [running('a', 'n1', '1', 50), running('b', 'n1', '1', 0)]),
      candidate('n2', [running('c', 'n2', '1', 10), running('d', 'n2', '1', 10), running('e', 'n2', '1', 10)]),
    ]);
    expect(got?.nodeName).toBe('n2');
  });

  it('3: smallest sum of priorities, each offset by 2^31 (two victims at -10 lose to one)', () => {
    // Without the offset, -10 + -10 = -20 < -10 would wrongly prefer evicting two pods.
    const got = pickOneNode([
      candidate('n1', [running('a', 'n1', '1', -10), running('b', 'n1', '1', -10)]),
      candidate('n2', [running('c', 'n2', '1', -10)]),
    ]);
    expect(got?.nodeName).toBe('n2');
    const got2 = pickOneNode([
      candidate('n1', [running('a', 'n1', '1', 5), running('b', 'n1', '1', 1)]),
      candidate('n2', [running('c', 'n2', '1', 5), running('d', 'n2', '1', 3)]),
    ]);
    expect(got2?.nodeName).toBe('n1');
  });

  it('4: fewest victims when the sums tie', () => {
    // 0 + 2^31 vs (0 + 2^31) + (-2^31 + 2^31): equal sums, n2 evicts one pod fewer.
    const got = pickOneNode([
      candidate('n1', [running('a', 'n1', '1', 0), running('b', 'n1', '1', -(2 ** 31))]),
      candidate('n2', [running('c', 'n2', '1', 0)]),
    ]);
    expect(got?.nodeName).toBe('n2');
  });

  it('5: latest start among the most important victims, then 6: the first', () => {
    const got = pickOneNode([
      candidate('n1', [running('a', 'n1', '1', 7, 10), running('b', 'n1', '1', 7, 600)]),
      candidate('n2', [running('c', 'n2', '1', 7, 300), running('d', 'n2', '1', 7, 400)]),
    ]);
    // n1's earliest top victim started at 10s, n2's at 300s: n2 loses less work.
    expect(got?.nodeName).toBe('n2');
    const tie = pickOneNode([candidate('n1', [running('a', 'n1', '1', 1, 5)]), candidate('n2', [running('b', 'n2', '1', 1, 5)])]);
    expect(tie?.nodeName).toBe('n1');
    expect(pickOneNode([])).toBeUndefined();
  });
});

// ---- SelectVictimsOnNode -----------------------------------------------------------------------

describe('selectVictimsOnNode', () => {
  it('removes all lower-priority pods, then reprieves the most important ones that still fit', () => {
    const pods = [running('low-late', 'n1', '1', 0, 120), running('mid', 'n1', '2', 5, 60), running('low-early', 'n1', '1', 0, 30), running('high', 'n1', '0', 100)];
    const { infos } = cluster([newNode('n1', { cpu: '4' })], pods);
    const handle = fakeHandle(infos);
    const preemptor = pending('p', '1', 10);
    const out = selectVictimsOnNode(handle, new CycleState(), preemptor, infos[0], []);
    expect(out.status).toBeNull();
    // mid (priority 5) comes back first, then low-early (started first); low-late no longer fits.
    expect(names(out.victims)).toEqual(['low-late']);
    expect(out.numPDBViolations).toBe(0);
    expect(handle.calls).toEqual([
      'remove low-late from n1',
      'remove mid from n1',
      'remove low-early from n1',
      'add mid to n1',
      'add low-early to n1',
      'add low-late to n1',
      'remove low-late from n1',
    ]);
    expect(infos[0].pods.map((p) => p.pod.metadata.name)).toEqual(['high', 'mid', 'low-early']);
  });

  it('no lower-priority pods: UnschedulableAndUnresolvable "No preemption victims found for incoming pod"', () => {
    const { infos } = cluster([newNode('n1', { cpu: '1' })], [running('same', 'n1', '1', 10)]);
    const out = selectVictimsOnNode(fakeHandle(infos), new CycleState(), pending('p', '1', 10), infos[0], []);
    expect(out.status).toEqual(unresolvable('No preemption victims found for incoming pod'));
    expect(out.victims).toEqual([]);
  });

  it('evicting every lower-priority pod is not enough: the Filter status of that try', () => {
    const { infos } = cluster([newNode('n1', { cpu: '2' })], [running('low', 'n1', '1', 0), running('high', 'n1', '1', 100)]);
    const out = selectVictimsOnNode(fakeHandle(infos), new CycleState(), pending('p', '2', 10), infos[0], []);
    expect(out.status).toEqual(unschedulable('Insufficient cpu'));
  });

  it('PDB-violating pods are reprieved first and counted when they still have to go', () => {
    const pods = [running('a', 'n1', '1', 0, 10, { app: 'db' }), running('b', 'n1', '1', 0, 20, { app: 'web' }), running('c', 'n1', '1', 1, 30, { app: 'db' })];
    const { infos } = cluster([newNode('n1', { cpu: '3' })], pods);
    const pdbs = [newPDB('db', { matchLabels: { app: 'db' }, disruptionsAllowed: 0 }) as PodDisruptionBudget];
    const out = selectVictimsOnNode(fakeHandle(infos), new CycleState(), pending('p', '2', 10), infos[0], pdbs);
    // Order c (1), a (0, 10s), b (0, 20s); c and a violate the PDB and are tried first: c comes
    // back, a does not fit any more (a violation), then b is not reprieved either.
    expect(names(out.victims)).toEqual(['a', 'b']);
    expect(out.numPDBViolations).toBe(1);
  });
});

describe('filterPodsWithPDBViolation', () => {
  it('spends each matching PDB budget in order; other namespaces, unlabelled pods, empty selectors and disruptedPods do not count', () => {
    const pods = [
      running('a', 'n', '1', 0, 0, { app: 'db' }),
      running('b', 'n', '1', 0, 0, { app: 'db' }),
      running('c', 'n', '1', 0, 0, { app: 'db' }),
      running('d', 'n', '1', 0, 0),
      running('e', 'n', '1', 0, 0, { app: 'db' }),
    ].map(info);
    const pdbs = [
      newPDB('one', { matchLabels: { app: 'db' }, disruptionsAllowed: 1, disruptedPods: { c: '2025-01-01T00:00:00Z' } }),
      newPDB('other-ns', { namespace: 'prod', matchLabels: { app: 'db' } }),
      newPDB('empty', { matchLabels: {} }),
      newPDB('nil'),
    ] as PodDisruptionBudget[];
    const { violating, nonViolating } = filterPodsWithPDBViolation(pods, pdbs);
    expect(violating.map((p) => p.pod.metadata.name)).toEqual(['b', 'e']);
    expect(nonViolating.map((p) => p.pod.metadata.name)).toEqual(['a', 'c', 'd']);
  });
});

// ---- eligibility -----------------------------------------------------------------------------

describe('PodEligibleToPreemptOthers', () => {
  const victim = (terminating: boolean, reason = 'PreemptionByScheduler'): Pod => {
    const p = running('old', 'n1', '1', 0);
    if (terminating) {
      p.metadata.deletionTimestamp = '2025-01-01T00:01:00Z';
      p.status = { ...p.status, conditions: [{ type: 'DisruptionTarget', status: 'True', reason, message: 'default-scheduler: preempting to accommodate a higher priority pod' }] };
    }
    return p;
  };

  it('preemptionPolicy Never: not eligible, no nomination change', () => {
    const { infos } = cluster([newNode('n1', { cpu: '1' })], [running('low', 'n1', '1', 0)]);
    const pod = pending('p', '1', 10, { preemptionPolicy: 'Never' });
    const pl = defaultPreemption(undefined, fakeHandle(infos));
    const out = pl.postFilter(new CycleState(), pod, filterStatuses(pod, infos));
    expect(out).toEqual({ result: undefined, status: unschedulable('preemption: not eligible due to preemptionPolicy=Never.'), message: 'preemption: not eligible due to preemptionPolicy=Never.' });
    expect(fitErrorMessage(1, filterStatuses(pod, infos), '', out.message)).toBe(
      '0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never..',
    );
  });

  it('waits while a lower-priority pod it preempted is terminating on its nominated node', () => {
    const { infos, snapshot } = cluster([newNode('n1', { cpu: '1' })], [victim(true)]);
    const pod = pending('p', '1', 10, { nominatedNodeName: 'n1' });
    expect(podEligibleToPreemptOthers(pod.pod, unschedulable('Insufficient cpu'), snapshot)).toEqual({
      eligible: false,
      message: 'not eligible due to a terminating pod on the nominated node.',
    });
    const out = defaultPreemption(undefined, fakeHandle(infos)).postFilter(new CycleState(), pod, filterStatuses(pod, infos));
    expect(out.message).toBe('preemption: not eligible due to a terminating pod on the nominated node.');
    expect(out.result).toBeUndefined();
    // ...unless Filter found the nominated node UnschedulableAndUnresolvable.
    expect(podEligibleToPreemptOthers(pod.pod, unresolvable('node(s) were unschedulable'), snapshot).eligible).toBe(true);
  });

  it('terminating for another reason, or not terminating, does not block', () => {
    for (const p of [victim(false), victim(true, 'DeletionByTaintManager')]) {
      const { snapshot } = cluster([newNode('n1', { cpu: '1' })], [p]);
      expect(podEligibleToPreemptOthers(pending('p', '1', 10, { nominatedNodeName: 'n1' }).pod, undefined, snapshot).eligible).toBe(true);
    }
  });
});

// ---- the whole PostFilter ----------------------------------------------------------------------

describe('DefaultPreemption.postFilter', () => {
  it('is named DefaultPreemption and is a PluginFactory that needs the PreemptionHandle only when it runs', () => {
    const factory: PluginFactory = defaultPreemption;
    expect(factory(undefined, fakeHandle([])).name).toBe(NAME);
    expect(NAME).toBe('DefaultPreemption');
    const { infos } = cluster([newNode('n1', { cpu: '1' })]);
    const plain: FrameworkHandle = { snapshot: () => snapshotOf(infos), list: () => [], get: () => undefined, hasResource: () => false };
    const pl = defaultPreemption(undefined, plain);
    expect(() => pl.postFilter(new CycleState(), pending('p', '1', 1), new Map())).toThrow(/needs a PreemptionHandle/);
  });

  it('nominates the node whose victims matter least and returns them', () => {
    const { infos } = cluster(
      [newNode('node-1', { cpu: '2' }), newNode('node-2', { cpu: '2' }), newNode('node-3', { cpu: '2' })],
      [
        running('api-1', 'node-1', '2', 5),
        running('db-1', 'node-2', '2', 0),
        running('web-1', 'node-3', '1', 0),
        running('web-2', 'node-3', '1', 0),
      ],
    );
    const handle = fakeHandle(infos, { offset: 1 });
    const pod = pending('p', '2', 10);
    const out = defaultPreemption(undefined, handle).postFilter(new CycleState(), pod, filterStatuses(pod, infos));
    expect(out.status).toBeNull();
    expect(out.message).toBe('');
    expect(out.result?.nominatedNodeName).toBe('node-2');
    expect(names(out.result?.victims)).toEqual(['db-1']);
    expect(describePreemption(out.result)).toBe('evicts db-1 (priority 0) on node-2 to make room');
    expect(handle.randomBounds).toEqual([3]);
    // The snapshot itself is untouched: the dry run works on copies.
    expect(infos.map((n) => n.pods.length)).toEqual([1, 1, 2]);
    // No PodDisruptionBudget kind yet: the lister is not asked.
    expect(handle.calls.some((c) => c.startsWith('list'))).toBe(false);
  });

  it('no candidates: a FitError over the nodes, "No preemption victims found", and the nomination is cleared', () => {
    const { infos } = cluster(
      [newNode('n1', { cpu: '1' }), newNode('n2', { cpu: '1' }), newNode('n3', { cpu: '1' })],
      [running('a', 'n1', '1', 10), running('b', 'n2', '1', 20), running('c', 'n3', '1', 10)],
    );
    const pod = pending('p', '1', 10);
    const statuses = filterStatuses(pod, infos);
    const out = defaultPreemption(undefined, fakeHandle(infos)).postFilter(new CycleState(), pod, statuses);
    const message = 'preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.';
    expect(out).toEqual({ result: { nominatedNodeName: '' }, status: unschedulable(message), message });
    expect(fitErrorMessage(3, statuses, '', out.message)).toBe(
      '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod..',
    );
  });

  it('UnschedulableAndUnresolvable nodes are skipped as "Preemption is not helpful for scheduling"', () => {
    const { infos } = cluster(
      [newNode('cp', { cpu: '8' }), newNode('w1', { cpu: '1' }), newNode('w2', { cpu: '1' })],
      [running('sys', 'cp', '1', 0), running('a', 'w1', '1', 10), running('b', 'w2', '1', 10)],
    );
    const pod = pending('p', '2', 10);
    const taint = 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }';
    const statuses = filterStatuses(pod, infos, { cp: unresolvable(taint) });
    const handle = fakeHandle(infos);
    const out = defaultPreemption(undefined, handle).postFilter(new CycleState(), pod, statuses);
    expect(out.message).toBe(
      'preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    );
    expect(handle.randomBounds).toEqual([2]);
    expect(handle.calls.some((c) => c.includes('sys'))).toBe(false);
    expect(fitErrorMessage(3, statuses, '', out.message)).toBe(
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. ' +
        'preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod..',
    );
  });

  it('every node unresolvable: no dry run at all', () => {
    const { infos } = cluster([newNode('n1'), newNode('n2')], [running('low', 'n1', '1', 0)]);
    const pod = pending('p', '1', 10);
    const st = unresolvable("node(s) didn't match Pod's node affinity/selector");
    const handle = fakeHandle(infos);
    const out = defaultPreemption(undefined, handle).postFilter(new CycleState(), pod, new Map([['n1', st], ['n2', st]]));
    expect(out.message).toBe('preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.');
    expect(out.result).toEqual({ nominatedNodeName: '' });
    expect(handle.randomBounds).toEqual([]);
  });

  it('nodes where evicting every lower-priority pod is not enough keep that Filter reason', () => {
    const { infos } = cluster(
      [newNode('n1', { cpu: '2' }), newNode('n2', { cpu: '2' })],
      [running('low', 'n1', '1', 0), running('high', 'n1', '1', 100), running('same', 'n2', '2', 10)],
    );
    const pod = pending('p', '2', 10);
    const out = defaultPreemption(undefined, fakeHandle(infos)).postFilter(new CycleState(), pod, filterStatuses(pod, infos));
    expect(out.message).toBe('preemption: 0/2 nodes are available: 1 Insufficient cpu, 1 No preemption victims found for incoming pod.');
  });

  it('stops at the number of candidates, starting from the random offset', () => {
    const nodes = ['n0', 'n1', 'n2', 'n3'].map((n) => newNode(n, { cpu: '1' }));
    const pods = nodes.map((n, i) => running(`v${i}`, n.metadata.name!, '1', i));
    const { infos } = cluster(nodes, pods);
    const pod = pending('p', '1', 10);
    const handle = fakeHandle(infos, { offset: 2 });
    const pl = defaultPreemption({ minCandidateNodesPercentage: 0, minCandidateNodesAbsolute: 1 }, handle);
    const outcome = pl.preempt(new CycleState(), pod, filterStatuses(pod, infos));
    // Only n2 is dry-run (1 candidate wanted), although n0 has a lower-priority victim.
    expect(outcome.offset).toBe(2);
    expect(outcome.numCandidates).toBe(1);
    expect(outcome.candidates.map((c) => c.nodeName)).toEqual(['n2']);
    expect(outcome.result?.nominatedNodeName).toBe('n2');
    // With the default args every node is a candidate and the lowest-priority victim wins.
    const all = defaultPreemption(undefined, fakeHandle(infos, { offset: 2 })).preempt(new CycleState(), pod, filterStatuses(pod, infos));
    expect(all.candidates.map((c) => c.nodeName)).toEqual(['n2', 'n3', 'n0', 'n1']);
    expect(all.result?.nominatedNodeName).toBe('n0');
  });

  it('reads PodDisruptionBudgets when the kind exists and avoids nodes that would violate them', () => {
    const { infos } = cluster(
      [newNode('n1', { cpu: '1' }), newNode('n2', { cpu: '1' })],
      [running('guarded', 'n1', '1', 0, 0, { app: 'db' }), running('plain', 'n2', '1', 5, 0, { app: 'web' })],
    );
    const pod = pending('p', '1', 10);
    const handle = fakeHandle(infos, { pdbs: [newPDB('db', { matchLabels: { app: 'db' }, disruptionsAllowed: 0 })] });
    const outcome = defaultPreemption(undefined, handle).preempt(new CycleState(), pod, filterStatuses(pod, infos));
    expect(handle.calls).toContain('list poddisruptionbudgets');
    // Non-violating candidates come first; n2 wins despite its higher-priority victim.
    expect(outcome.candidates.map((c) => [c.nodeName, c.victims.numPDBViolations])).toEqual([
      ['n2', 0],
      ['n1', 1],
    ]);
    expect(outcome.result?.nominatedNodeName).toBe('n2');
    expect(names(outcome.result?.victims)).toEqual(['plain']);
  });

  it('passes a fresh copy of the cycle state to every node', () => {
    const { infos } = cluster([newNode('n1', { cpu: '1' }), newNode('n2', { cpu: '1' })], [running('a', 'n1', '1', 0), running('b', 'n2', '1', 0)]);
    const seen: CycleState[] = [];
    const handle = fakeHandle(infos);
    handle.removePod = (s) => void seen.push(s);
    const state = new CycleState();
    const pod = pending('p', '1', 10);
    defaultPreemption(undefined, handle).postFilter(state, pod, filterStatuses(pod, infos));
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(seen.includes(state)).toBe(false);
    expect(new Set(seen).size).toBe(2);
  });
});

describe('describePreemption', () => {
  it('lists the victims in plain words', () => {
    const v = [running('db-1', 'node-2', '1', 0), running('cache-2', 'node-2', '1', 100), running('job-3', 'node-2', '1', -5)];
    expect(describePreemption({ nominatedNodeName: 'node-2', victims: v.slice(0, 2) })).toBe(
      'evicts db-1 (priority 0) and cache-2 (priority 100) on node-2 to make room',
    );
    expect(describePreemption({ nominatedNodeName: 'node-2', victims: v })).toBe(
      'evicts db-1 (priority 0), cache-2 (priority 100) and job-3 (priority -5) on node-2 to make room',
    );
    expect(describePreemption({ nominatedNodeName: '' })).toBe('preemption found no node where evicting lower-priority pods would make room');
    expect(describePreemption(undefined)).toBe('preemption found no node where evicting lower-priority pods would make room');
  });
});
