/**
 * What a framework and its plugins carry from one cycle to the next to save work — the filter and
 * scorer lists per combination of PreFilter/PreScore skips, PreScore's request lists and image
 * lists, the columns' counts of cordoned and tainted nodes, the score rows of evicted decisions —
 * must never show: each cycle decides
 * exactly as a fresh framework would.
 */
import { describe, expect, it } from 'vitest';
import type { Pod, Taint } from '../../../src/engine/api/types.ts';
import { DecisionLog } from '../../../src/engine/components/scheduler/framework/decision.ts';
import { Prng } from '../../../src/engine/kernel/prng.ts';
import { SchedulerCache } from '../../../src/engine/components/scheduler/cache.ts';
import { CycleState, NameSet, type PreemptionHandle, type PreScorePlugin, type ScorePlugin, type Snapshot } from '../../../src/engine/components/scheduler/framework/types.ts';
import { imageLocality } from '../../../src/engine/components/scheduler/plugins/image-locality.ts';
import { nodeResourcesFit } from '../../../src/engine/components/scheduler/plugins/node-resources-fit.ts';
import { nodeResourcesBalancedAllocation } from '../../../src/engine/components/scheduler/plugins/balanced-allocation.ts';
import { preferNoScheduleTolerations } from '../../../src/engine/components/scheduler/plugins/taint-toleration.ts';
import { cluster, hostPortPod, info, MB, newNode, newPod } from './fixtures.ts';
import { frameworkFor } from './framework-fixtures.ts';

type Scorer = PreScorePlugin & ScorePlugin;

describe('one framework, pods whose PreFilters skip differently', () => {
  // n2 already runs a pod on host port 8080: only NodePorts (skipped for pods without ports) rejects it.
  const nodes = [newNode('n1'), newNode('n2')];
  const existing = [hostPortPod('web', ['TCP//8080'], { nodeName: 'n2' })];

  it('each pod gets the filters and skipped lists of its own skips', () => {
    const { snapshot } = cluster(nodes, existing);
    const { fwk, nominator, prng } = frameworkFor(snapshot);
    const cycle = (pod: Pod, seq: number) => fwk.schedule(info(pod), snapshot, 0, nominator, prng, seq, 0);
    const withPort = () => hostPortPod('p', ['TCP//8080']);
    const a = cycle(withPort(), 1);
    const b = cycle(newPod('q'), 2);
    const c = cycle(withPort(), 3);
    for (const r of [a, c]) {
      expect(r.decision.skippedFilters).not.toContain('NodePorts');
      expect(r.decision.rejected.map((v) => [v.node, v.plugin])).toEqual([['n2', 'NodePorts']]);
      expect(r.decision.feasible).toEqual(['n1']);
    }
    expect(b.decision.skippedFilters).toContain('NodePorts');
    expect(b.decision.rejected).toEqual([]);
    expect(b.decision.feasible).toEqual(['n1', 'n2']);
    expect(b.state.skipFilter.has('NodePorts')).toBe(true);
    expect(a.state.skipFilter.has('NodePorts')).toBe(false);
  });
});

/** Scores of every node by a plugin instance, PreScore first (as one cycle runs it). */
function scoresBy(p: Scorer, pod: Pod, snapshot: Snapshot): number[] {
  const state = new CycleState();
  const pi = info(pod);
  expect(p.preScore(state, pi, snapshot.nodes)).toBeNull();
  return snapshot.nodes.map((n) => p.score(state, pi, n));
}

describe('PreScore request lists reused from the cycle before', () => {
  const { snapshot } = cluster([newNode('n1', { cpu: '4', memory: '8Gi' })]);
  const handle = { snapshot: () => snapshot } as unknown as PreemptionHandle;
  const pods = [
    newPod('a', { containers: [{ cpu: '1', memory: '1Gi' }] }),
    newPod('b', { containers: [{ cpu: '1', memory: '1Gi' }] }),
    newPod('c', { containers: [{ cpu: '3', memory: '1Gi' }] }),
    newPod('d', { containers: [{ cpu: '1', memory: '6Gi' }] }),
    newPod('e', { containers: [{}] }),
  ];

  it.each([
    ['NodeResourcesFit', () => nodeResourcesFit(undefined, handle) as Scorer],
    ['NodeResourcesBalancedAllocation', () => nodeResourcesBalancedAllocation(undefined, handle) as Scorer],
  ])('%s scores each pod in a row as a fresh plugin does', (_name, make) => {
    const kept = make();
    for (const pod of pods) expect(scoresBy(kept, pod, snapshot)).toEqual(scoresBy(make(), pod, snapshot));
  });
});

describe('ImageLocality: the image list reused from the cycle before', () => {
  const image = (name: string, mb: number) => ({ names: [name], sizeBytes: mb * MB });
  const withNginx = newNode('n1', { images: [image('nginx:1.27', 500)] });
  const bare = newNode('n2');
  const pulled = newNode('n2', { images: [image('nginx:1.27', 500)] });

  it('follows the spread when another node pulls the image between two cycles', () => {
    let snapshot = cluster([withNginx, bare]).snapshot;
    const handle = { snapshot: () => snapshot } as unknown as PreemptionHandle;
    const kept = imageLocality(undefined, handle) as Scorer;
    const fresh = () => imageLocality(undefined, handle) as Scorer;
    const pod = newPod('p', { images: ['nginx:1.27'] });
    const first = scoresBy(kept, pod, snapshot);
    expect(first).toEqual(scoresBy(fresh(), pod, snapshot));
    snapshot = cluster([withNginx, pulled]).snapshot;
    const second = scoresBy(kept, newPod('q', { images: ['nginx:1.27'] }), snapshot);
    expect(second).toEqual(scoresBy(fresh(), pod, snapshot));
    expect(second).not.toEqual(first);
  });

  it('a pod with other images, or the same image untagged, gets its own list', () => {
    const snapshot = cluster([newNode('n1', { images: [image('nginx:latest', 800), image('nginx:1.27', 300)] }), bare]).snapshot;
    const handle = { snapshot: () => snapshot } as unknown as PreemptionHandle;
    const kept = imageLocality(undefined, handle) as Scorer;
    for (const images of [['nginx:1.27'], ['nginx'], ['nginx:latest'], ['nginx', 'nginx:1.27'], ['nginx:1.27']]) {
      const pod = newPod('p', { images });
      expect(scoresBy(kept, pod, snapshot)).toEqual(scoresBy(imageLocality(undefined, handle) as Scorer, pod, snapshot));
    }
  });
});

describe('NameSet', () => {
  it('holds each name once, in the order added', () => {
    const s = new NameSet().add('A').add('B').add('A');
    expect(s.size).toBe(2);
    expect(s.has('A')).toBe(true);
    expect(s.has('C')).toBe(false);
    expect([...s]).toEqual(['A', 'B']);
  });
});

describe('preferNoScheduleTolerations', () => {
  const noExecute = { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 } as const;
  const prefer = { key: 'k', operator: 'Equal', value: 'v', effect: 'PreferNoSchedule' } as const;
  const anyEffect = { key: 'k2', operator: 'Exists' } as const;

  it('keeps the PreferNoSchedule and any-effect tolerations, in order, and nothing else', () => {
    expect(preferNoScheduleTolerations([noExecute])).toEqual([]);
    expect(preferNoScheduleTolerations([noExecute, prefer, anyEffect])).toEqual([prefer, anyEffect]);
    expect(preferNoScheduleTolerations(undefined)).toEqual([]);
  });

  it('is what TaintToleration scores with', () => {
    const taint: Taint = { key: 'k', value: 'v', effect: 'PreferNoSchedule' };
    expect(preferNoScheduleTolerations([noExecute, prefer]).some((t) => t.key === taint.key)).toBe(true);
  });
});

describe('the columns count cordoned and tainted nodes (filters skip a window when there are none)', () => {
  const recount = (cache: SchedulerCache) => {
    const cols = cache.columns;
    return { unschedulable: cache.nodes.filter((n) => n.unschedulable).length, tainted: cache.nodes.filter((n) => n.taints.length > 0).length, cols };
  };
  const taint: Taint = { key: 'dedicated', value: 'db', effect: 'NoSchedule' };

  it('through node updates, removals and list rebuilds', () => {
    const cache = new SchedulerCache();
    const zone = (z: string) => ({ 'topology.kubernetes.io/zone': z });
    const steps: (() => void)[] = [
      () => cache.setNode(newNode('a', { labels: zone('z1') })),
      () => cache.setNode(newNode('b', { labels: zone('z2'), taints: [taint] })),
      () => cache.setNode(newNode('c', { labels: zone('z1'), unschedulable: true })),
      () => cache.setNode(newNode('a', { labels: zone('z1'), taints: [taint], unschedulable: true })),
      () => cache.removeNode('b'),
      () => cache.setNode(newNode('c', { labels: zone('z1') })),
      () => cache.setNode(newNode('a', { labels: zone('z3') })),
      () => cache.removeNode('a'),
    ];
    for (const step of steps) {
      step();
      const { unschedulable, tainted, cols } = recount(cache);
      expect([cols.unschedulableNodes, cols.taintedNodes]).toEqual([unschedulable, tainted]);
    }
  });

  it('a node tainted or cordoned after the others is still filtered', () => {
    const cache = new SchedulerCache();
    for (const n of ['n1', 'n2', 'n3']) cache.setNode(newNode(n));
    const { fwk, nominator, prng } = frameworkFor(cache);
    const rejected = () => fwk.schedule(info(newPod('p')), cache, 0, nominator, prng, 1, 0).decision.rejected.map((v) => [v.node, v.plugin]);
    expect(rejected()).toEqual([]);
    cache.setNode(newNode('n2', { taints: [taint] }));
    expect(rejected()).toEqual([['n2', 'TaintToleration']]);
    cache.setNode(newNode('n3', { unschedulable: true }));
    expect(rejected()).toEqual([['n2', 'TaintToleration'], ['n3', 'NodeUnschedulable']]);
    cache.setNode(newNode('n2'));
    cache.setNode(newNode('n3'));
    expect(rejected()).toEqual([]);
  });
});

describe('score rows of an evicted decision, reused whole', () => {
  it('a cycle with the same scorers over as many nodes overwrites the evicted rows, and scores as a fresh one', () => {
    const nodes = ['n1', 'n2', 'n3'].map((n, i) => newNode(n, { cpu: String(2 + i), memory: `${4 + 2 * i}Gi` }));
    const { snapshot } = cluster(nodes);
    const { fwk, nominator, prng } = frameworkFor(snapshot);
    const log = new DecisionLog(2);
    const pods = ['a', 'b', 'c', 'd'].map((n, i) => newPod(n, { containers: [{ cpu: `${100 * (i + 1)}m`, memory: `${128 * (i + 1)}Mi` }] }));
    const made = pods.map((pod, i) => {
      const d = fwk.schedule(info(pod), snapshot, 0, nominator, prng, i + 1, 0, log).decision;
      const fresh = frameworkFor(snapshot).fwk.schedule(info(pod), snapshot, 0, nominator, new Prng(1), i + 1, 0).decision;
      expect(d.toJSON().scores).toEqual(fresh.toJSON().scores);
      expect(Array.from(d.totals)).toEqual(Array.from(fresh.totals));
      const rows = d.scores[0].raw;
      log.add(d);
      return { d, rows };
    });
    // The third cycle took the first decision's rows (it left the ring of two), the fourth the second's.
    expect(made[2].rows).toBe(made[0].rows);
    expect(made[3].rows).toBe(made[1].rows);
    expect(made[0].d.scores).toEqual([]);
    expect(log.recent()).toEqual([made[2].d, made[3].d]);
  });

  it('other scorers (a PreScore skipped differently) or another node count get rows of their own', () => {
    const { snapshot } = cluster([newNode('n1'), newNode('n2')]);
    const { fwk, nominator, prng } = frameworkFor(snapshot);
    const log = new DecisionLog(1);
    const first = fwk.schedule(info(newPod('a')), snapshot, 0, nominator, prng, 1, 0, log).decision;
    log.add(first);
    // Node affinity preferences: NodeAffinity's PreScore does not skip, so the rows are laid out otherwise.
    const affinity = { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: { matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['n1'] }] } }] } };
    const second = fwk.schedule(info(newPod('b', { spec: { affinity } })), snapshot, 0, nominator, prng, 2, 0, log).decision;
    expect(second.scores.map((s) => s.plugin)).toContain('NodeAffinity');
    expect(second.scores[0].raw).not.toBe(first.scores[0]?.raw);
    expect(second.selected).toBe('n1');
  });
});
