/**
 * Framework.schedule with the real plugin registry (schedule_one.go's schedulePod /
 * findNodesThatFitPod / findNodesThatPassFilters / selectHost): the rotating start index and how
 * many nodes a cycle looks at (numFeasibleNodesToFind over > 100 nodes), one feasible node skips
 * scoring, PreFilter rejections, the nominated node tried first, nominated pods of ≥ priority
 * holding their room, the seeded uniform tie-break, and the Decision's plain-data form.
 */
import { describe, expect, it } from 'vitest';
import type { Node, Pod } from '../../../src/engine/api/types.ts';
import { fitErrorMessage } from '../../../src/engine/components/scheduler/framework/fit-error.ts';
import { Code } from '../../../src/engine/components/scheduler/framework/types.ts';
import { PodNominator } from '../../../src/engine/components/scheduler/nominator.ts';
import { Prng } from '../../../src/engine/kernel/prng.ts';
import { cluster, info, newNode, newPod } from './fixtures.ts';
import { frameworkFor, nominate, type FrameworkOpts } from './framework-fixtures.ts';

const names = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(3, '0')}`);

/** Runs one cycle of the profile over the nodes (and pods on them), as the scheduler calls it. */
function run(nodes: Node[], pod: Pod, o: FrameworkOpts & { startIndex?: number; existing?: Pod[]; nominator?: PodNominator; prng?: Prng } = {}) {
  const { snapshot } = cluster(nodes, o.existing);
  const f = frameworkFor(snapshot, o);
  const nominator = o.nominator ?? f.nominator;
  const prng = o.prng ?? f.prng;
  const r = f.fwk.schedule(info(pod), snapshot, o.startIndex ?? 0, nominator, prng, 1, 0);
  return { ...r, snapshot, fwk: f.fwk };
}

const small = (name: string) => newPod(name, { containers: [{ cpu: '100m', memory: '128Mi' }] });

describe('percentageOfNodesToScore: the rotating start index', () => {
  const N = 250;
  const nodeNames = names('n', N);
  const nodes = nodeNames.map((n) => newNode(n));

  // numFeasibleNodesToFind(250, adaptive) = 250 × (50 − 2) / 100 = 120.
  it.each([
    [0, 0],
    [200, 200],
    [450, 200], // the index wraps modulo the number of nodes
    [249, 249],
  ])('start %i: 120 nodes from index %i on, wrapping, 130 not evaluated', (startIndex, from) => {
    const r = run(nodes, small('p'), { startIndex });
    const want = Array.from({ length: 120 }, (_, i) => nodeNames[(from + i) % N]);
    expect(r.decision.numAllNodes).toBe(N);
    expect(r.decision.startIndex).toBe(startIndex);
    expect(r.decision.numNodesToFind).toBe(120);
    expect(r.decision.evaluated).toEqual(want);
    expect(r.decision.feasible).toEqual(want);
    expect(r.decision.notEvaluated).toBe(130);
    expect(r.processed).toBe(120);
    expect(want).toContain(r.selected);
  });

  it('rejected nodes count as processed: the search runs on until 120 feasible nodes are found', () => {
    // Every even node is cordoned: 240 nodes are looked at to find 120 feasible ones.
    const mixed = nodeNames.map((n, i) => newNode(n, { unschedulable: i % 2 === 0 }));
    const r = run(mixed, small('p'), { startIndex: 0 });
    expect(r.decision.feasible).toHaveLength(120);
    expect(r.decision.evaluated).toEqual(nodeNames.slice(0, 240));
    expect(r.decision.rejected).toHaveLength(120);
    expect(r.decision.rejected.every((v) => v.plugin === 'NodeUnschedulable')).toBe(true);
    expect(r.decision.notEvaluated).toBe(10);
    expect(r.processed).toBe(240);
  });

  it('successive pods look at different nodes (the scheduler advances the index by `processed`)', () => {
    const { snapshot } = cluster(nodes);
    const { fwk, nominator, prng } = frameworkFor(snapshot);
    let start = 0;
    const starts: number[] = [];
    const firsts: string[] = [];
    for (let k = 0; k < 4; k++) {
      const r = fwk.schedule(info(small(`p${k}`)), snapshot, start, nominator, prng, k + 1, 0);
      starts.push(start);
      firsts.push(r.decision.evaluated[0]);
      start = (start + r.processed) % N;
    }
    expect(starts).toEqual([0, 120, 240, 110]);
    expect(firsts).toEqual([nodeNames[0], nodeNames[120], nodeNames[240], nodeNames[110]]);
  });

  it('when no node fits every node is evaluated, whatever the percentage', () => {
    const r = run(nodes, newPod('huge', { containers: [{ cpu: '64' }] }), { startIndex: 17 });
    expect(r.decision.evaluated).toHaveLength(N);
    expect(r.decision.evaluated[0]).toBe(nodeNames[17]);
    expect(r.decision.notEvaluated).toBe(0);
    expect(r.processed).toBe(N);
    expect(r.selected).toBeUndefined();
    expect(r.statuses.size).toBe(N);
  });

  it.each([
    ['the profile percentage 100: all nodes', { profile: { schedulerName: 'default-scheduler', percentageOfNodesToScore: 100 } }, 250],
    ['the global percentage 60', { globalPercentage: 60 }, 150],
    ['the global 10 % is raised to 100 nodes', { globalPercentage: 10 }, 100],
    ['the profile 80 % overrides the global 10 %', { globalPercentage: 10, profile: { schedulerName: 'default-scheduler', percentageOfNodesToScore: 80 } }, 200],
    ['a profile 0 % is adaptive even with a global value', { globalPercentage: 10, profile: { schedulerName: 'default-scheduler', percentageOfNodesToScore: 0 } }, 120],
  ] as [string, FrameworkOpts, number][])('%s', (_case, opts, want) => {
    const r = run(nodes, small('p'), { ...opts, startIndex: 5 });
    expect(r.decision.numNodesToFind).toBe(want);
    expect(r.decision.feasible).toHaveLength(want);
    expect(r.decision.notEvaluated).toBe(N - want);
    expect(r.processed).toBe(want);
  });

  it('below 100 nodes every node is evaluated from the start index', () => {
    const few = names('m', 40).map((n) => newNode(n));
    const r = run(few, small('p'), { startIndex: 33 });
    expect(r.decision.numNodesToFind).toBe(40);
    expect(r.decision.evaluated.slice(0, 8)).toEqual(['m033', 'm034', 'm035', 'm036', 'm037', 'm038', 'm039', 'm000']);
    expect(r.decision.notEvaluated).toBe(0);
  });
});

describe('only one feasible node', () => {
  it('is chosen without scoring (and without a random draw)', () => {
    const nodes = [newNode('n1', { unschedulable: true }), newNode('n2', { cpu: '1' }), newNode('n3', { unschedulable: true })];
    const prng = new Prng(7);
    const before = prng.state();
    const r = run(nodes, small('p'), { prng });
    expect(r.selected).toBe('n2');
    expect(r.decision.selected).toBe('n2');
    expect(r.decision.scoringSkipped).toBe(true);
    expect(r.decision.scores).toEqual([]);
    expect(Array.from(r.decision.totals)).toEqual([]);
    expect(r.decision.tiedTop).toBeUndefined();
    expect(r.decision.feasible).toEqual(['n2']);
    expect(r.decision.rejected.map((v) => v.node)).toEqual(['n1', 'n3']);
    expect(prng.state()).toEqual(before);
  });

  it('two feasible nodes are scored', () => {
    const r = run([newNode('n1'), newNode('n2')], small('p'));
    expect(r.decision.scoringSkipped).toBe(false);
    expect(r.decision.scores.length).toBeGreaterThan(0);
    expect(Array.from(r.decision.totals)).toHaveLength(2);
  });
});

describe('PreFilter rejection', () => {
  const nodes = [newNode('n1'), newNode('n2'), newNode('n3')];
  const withClaim = newPod('db', { spec: { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }] } });

  it('ends the cycle before any node is looked at, with the plugin and its words', () => {
    const r = run(nodes, withClaim, { startIndex: 2 });
    expect(r.decision.preFilter).toEqual({ plugin: 'VolumeBinding', reasons: ['persistentvolumeclaim "data" not found'] });
    expect(r.preFilterMsg).toBe('persistentvolumeclaim "data" not found');
    expect(r.decision.evaluated).toEqual([]);
    expect(r.decision.feasible).toEqual([]);
    expect(r.selected).toBeUndefined();
    expect([...r.unschedulablePlugins]).toEqual(['VolumeBinding']);
    // findNodesThatFitPod returns before nextStartNodeIndex moves.
    expect(r.processed).toBe(0);
  });

  it('every node carries the same status (for preemption), and the FitError is the PreFilter message', () => {
    const r = run(nodes, withClaim);
    expect([...r.statuses.keys()].sort()).toEqual(['n1', 'n2', 'n3']);
    for (const s of r.statuses.values()) {
      expect(s.code).toBe(Code.UnschedulableAndUnresolvable);
      expect(s.reasons).toEqual(['persistentvolumeclaim "data" not found']);
      expect(s.plugin).toBe('VolumeBinding');
    }
    expect(fitErrorMessage(3, r.statuses, r.preFilterMsg)).toBe('0/3 nodes are available: persistentvolumeclaim "data" not found.');
  });

  it('NodeAffinity: metadata.name terms that no node can satisfy', () => {
    const pinned = newPod('pinned', {
      spec: {
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }, { key: 'metadata.name', operator: 'In', values: ['n2'] }] }],
            },
          },
        },
      },
    });
    const r = run(nodes, pinned);
    expect(r.decision.preFilter).toEqual({ plugin: 'NodeAffinity', reasons: ['pod affinity terms conflict'] });
    expect(fitErrorMessage(3, r.statuses, r.preFilterMsg)).toBe('0/3 nodes are available: pod affinity terms conflict.');
  });

  it('a PreFilter Skip is recorded and the matching Filter does not run', () => {
    const r = run(nodes, small('p'));
    expect(r.decision.skippedFilters).toEqual(['NodeAffinity', 'NodePorts', 'VolumeRestrictions', 'NodeVolumeLimits', 'VolumeBinding', 'VolumeZone', 'PodTopologySpread', 'InterPodAffinity']);
    expect(r.state.skipFilter.has('VolumeBinding')).toBe(true);
  });
});

describe('PreFilterResult: a pod pinned to a node by name', () => {
  const pinnedTo = (node: string, cpu = '100m') =>
    newPod('pinned', {
      containers: [{ cpu }],
      spec: {
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] }] },
          },
        },
      },
    });

  it('only that node is filtered', () => {
    const r = run([newNode('n1'), newNode('n2'), newNode('n3')], pinnedTo('n2'), { startIndex: 2 });
    expect(r.decision.preFilterNodes).toEqual(['n2']);
    expect(r.decision.evaluated).toEqual(['n2']);
    expect(r.selected).toBe('n2');
  });

  // Nodes outside the PreFilterResult are UnschedulableAndUnresolvable, naming the plugins that
  // narrowed the nodes (diagnosis.UnschedulablePlugins from RunPreFilterPlugins): the message is
  // "node(s) didn't satisfy plugin(s) [NodeAffinity]", and NodeAffinity is among the plugins
  // whose events move the pod back.
  it('the nodes left out name the plugin that left them out', () => {
    const r = run([newNode('n1'), newNode('n2', { cpu: '1' }), newNode('n3')], pinnedTo('n2', '2'));
    expect(r.selected).toBeUndefined();
    expect(r.statuses.get('n2')?.reasons).toEqual(['Insufficient cpu']);
    for (const n of ['n1', 'n3']) {
      expect(r.statuses.get(n)?.code).toBe(Code.UnschedulableAndUnresolvable);
      expect(r.statuses.get(n)?.reasons).toEqual(["node(s) didn't satisfy plugin(s) [NodeAffinity]"]);
    }
    expect([...r.unschedulablePlugins].sort()).toEqual(['NodeAffinity', 'NodeResourcesFit']);
  });
});

describe('the nominated node is evaluated first', () => {
  const nodes = [newNode('n1'), newNode('n2'), newNode('n3')];
  const nominatedTo = (node: string) => {
    const p = small('preemptor');
    p.status = { ...p.status, nominatedNodeName: node };
    return p;
  };

  it('when it passes the filters it is the only node looked at, and scoring is skipped', () => {
    const r = run(nodes, nominatedTo('n3'), { startIndex: 1 });
    expect(r.decision.nominatedNode).toBe('n3');
    expect(r.decision.evaluated).toEqual(['n3']);
    expect(r.decision.feasible).toEqual(['n3']);
    expect(r.decision.scoringSkipped).toBe(true);
    expect(r.selected).toBe('n3');
    // evaluateNominatedNode returns before nextStartNodeIndex moves.
    expect(r.processed).toBe(0);
  });

  it('when it does not fit, every node is filtered as usual', () => {
    const withCordon = [newNode('n1'), newNode('n2'), newNode('n3', { unschedulable: true })];
    const r = run(withCordon, nominatedTo('n3'), { startIndex: 1 });
    expect(r.decision.nominatedNode).toBeUndefined();
    expect(r.decision.evaluated).toEqual(['n2', 'n3', 'n1']);
    expect(r.decision.feasible).toEqual(['n2', 'n1']);
    expect(['n1', 'n2']).toContain(r.selected);
    expect(r.processed).toBe(3);
  });

  it('a nominated node that no longer exists is ignored', () => {
    const r = run(nodes, nominatedTo('gone'));
    expect(r.decision.nominatedNode).toBeUndefined();
    expect(r.decision.evaluated).toEqual(['n1', 'n2', 'n3']);
  });
});

describe('nominated pods reserve room in filtering', () => {
  // n1 has 4 cpu; a pod of priority 100 asking for 3 cpu is nominated there (waiting for its
  // victims to leave). n2 has 1 cpu.
  const nodes = [newNode('n1', { cpu: '4' }), newNode('n2', { cpu: '1' })];
  const incoming = (priority: number) => newPod('incoming', { priority, containers: [{ cpu: '2' }] });

  function withNominee() {
    const nominator = new PodNominator();
    nominate(nominator, newPod('vip', { priority: 100, containers: [{ cpu: '3' }] }), 'n1');
    return nominator;
  }

  it.each([
    [0, 'lower priority: the nominee’s 3 cpu count, n1 has 1 cpu left', undefined],
    [100, 'equal priority: the nominee still counts (≥)', undefined],
    [101, 'higher priority: the nominee is ignored', 'n1'],
  ])('incoming priority %i — %s', (priority, _case, want) => {
    const r = run(nodes, incoming(priority), { nominator: withNominee() });
    expect(r.selected).toBe(want);
    if (want === undefined) {
      expect(r.statuses.get('n1')?.reasons).toEqual(['Insufficient cpu']);
      expect(r.decision.rejected.find((v) => v.node === 'n1')?.plugin).toBe('NodeResourcesFit');
    }
  });

  it('the pod itself does not count against its own nomination', () => {
    const nominator = new PodNominator();
    const self = nominate(nominator, newPod('incoming', { priority: 100, containers: [{ cpu: '3' }] }), 'n1');
    const r = run(nodes, self, { nominator });
    expect(r.selected).toBe('n1');
  });

  it('nominees on other nodes do not matter', () => {
    const nominator = new PodNominator();
    nominate(nominator, newPod('vip', { priority: 100, containers: [{ cpu: '3' }] }), 'n2');
    const r = run(nodes, incoming(0), { nominator });
    expect(r.selected).toBe('n1');
  });

  it('the check with nominees is on top of the pods already there', () => {
    const nominator = withNominee();
    const existing = [newPod('running', { nodeName: 'n1', containers: [{ cpu: '500m' }] })];
    const r = run(nodes, newPod('tiny', { priority: 0, containers: [{ cpu: '600m' }] }), { nominator, existing });
    expect(r.statuses.get('n1')?.reasons).toEqual(['Insufficient cpu']);
    expect(r.selected).toBe('n2');
  });
});

describe('selectHost: ties are broken at random, seeded', () => {
  const four = ['n1', 'n2', 'n3', 'n4'].map((n) => newNode(n));

  it('identical nodes tie; the same seed picks the same node', () => {
    const a = run(four, small('p'), { prng: new Prng(42) });
    const b = run(four, small('p'), { prng: new Prng(42) });
    expect(a.decision.tiedTop).toBe(4);
    expect(new Set(Array.from(a.decision.totals)).size).toBe(1);
    expect(b.selected).toBe(a.selected);
  });

  it('uniform-ish over many seeds', () => {
    const { snapshot } = cluster(four);
    const { fwk, nominator } = frameworkFor(snapshot);
    const pod = info(small('p'));
    const counts: Record<string, number> = { n1: 0, n2: 0, n3: 0, n4: 0 };
    const SEEDS = 4000;
    for (let seed = 1; seed <= SEEDS; seed++) counts[fwk.schedule(pod, snapshot, 0, nominator, new Prng(seed), seed, 0).selected!]++;
    // Expected 1000 each, σ ≈ 27: ±150 is > 5σ.
    for (const n of Object.keys(counts)) {
      expect(counts[n]).toBeGreaterThan(850);
      expect(counts[n]).toBeLessThan(1150);
    }
  });

  it('does not depend on where the search started', () => {
    const { snapshot } = cluster(four);
    const { fwk, nominator } = frameworkFor(snapshot);
    const counts: Record<string, number> = { n1: 0, n2: 0, n3: 0, n4: 0 };
    for (let seed = 1; seed <= 2000; seed++) counts[fwk.schedule(info(small('p')), snapshot, seed % 4, nominator, new Prng(seed), seed, 0).selected!]++;
    for (const n of Object.keys(counts)) {
      expect(counts[n]).toBeGreaterThan(400);
      expect(counts[n]).toBeLessThan(600);
    }
  });

  it('only the top total takes part: a better node wins under every seed', () => {
    const nodes = [newNode('n1', { cpu: '2' }), newNode('big', { cpu: '16', memory: '32Gi' }), newNode('n3', { cpu: '2' })];
    const picks = new Set<string>();
    for (let seed = 1; seed <= 50; seed++) picks.add(run(nodes, small('p'), { prng: new Prng(seed) }).selected!);
    expect([...picks]).toEqual(['big']);
    expect(run(nodes, small('p')).decision.tiedTop).toBe(1);
  });

  it('ties among the top two of three: the third is never picked, the two about equally', () => {
    const nodes = [newNode('a', { cpu: '8' }), newNode('small', { cpu: '1' }), newNode('b', { cpu: '8' })];
    const counts: Record<string, number> = { a: 0, b: 0, small: 0 };
    for (let seed = 1; seed <= 1000; seed++) counts[run(nodes, small('p'), { prng: new Prng(seed) }).selected!]++;
    expect(counts.small).toBe(0);
    expect(counts.a).toBeGreaterThan(400);
    expect(counts.b).toBeGreaterThan(400);
  });
});

describe('Decision.toJSON', () => {
  function webDecision() {
    const nodes = [newNode('n1', { cpu: '2' }), newNode('n2', { unschedulable: true }), newNode('n3', { cpu: '8' })];
    const pod = newPod('web', { containers: [{ cpu: '1', memory: '1Gi' }] });
    const { snapshot } = cluster(nodes);
    const { fwk, nominator } = frameworkFor(snapshot);
    return fwk.schedule(info(pod), snapshot, 0, nominator, new Prng(1), 7, 5000).decision;
  }

  it('has every field, and serializes to JSON', () => {
    const json = webDecision().toJSON();
    expect(Object.keys(json)).toEqual([
      'seq', 'at', 'pod', 'podUid', 'profile', 'numAllNodes', 'numNodesToFind', 'startIndex', 'preFilter', 'preFilterNodes',
      'skippedFilters', 'skippedScores', 'nominatedNode', 'evaluated', 'rejected', 'feasible', 'notEvaluated', 'scores', 'totals',
      'scoringSkipped', 'selected', 'tiedTop', 'message', 'postFilter',
    ]);
    expect(JSON.parse(JSON.stringify(json))).toEqual({
      seq: 7,
      at: 5000,
      pod: 'default/web',
      podUid: 'uid-web',
      profile: 'default-scheduler',
      numAllNodes: 3,
      numNodesToFind: 3,
      startIndex: 0,
      skippedFilters: ['NodeAffinity', 'NodePorts', 'VolumeRestrictions', 'NodeVolumeLimits', 'VolumeBinding', 'VolumeZone', 'PodTopologySpread', 'InterPodAffinity'],
      skippedScores: ['NodeAffinity', 'PodTopologySpread', 'InterPodAffinity'],
      evaluated: ['n1', 'n2', 'n3'],
      rejected: [
        {
          node: 'n2',
          plugin: 'NodeUnschedulable',
          code: 'UnschedulableAndUnresolvable',
          reasons: ['node(s) were unschedulable'],
          explanation: 'n2 is cordoned (spec.unschedulable) and the pod does not tolerate node.kubernetes.io/unschedulable',
        },
      ],
      feasible: ['n1', 'n3'],
      notEvaluated: 0,
      scores: [
        // TaintToleration counts intolerable PreferNoSchedule taints (0) and normalizes reversed.
        { plugin: 'TaintToleration', weight: 3, raw: [0, 0], normalized: [100, 100] },
        // LeastAllocated: n1 cpu (2000−1000)·100/2000 = 50, memory (8Gi−1Gi)·100/8Gi = 87 → 68; n3 87, 87 → 87.
        { plugin: 'NodeResourcesFit', weight: 1, raw: [68, 87], normalized: [68, 87] },
        { plugin: 'NodeResourcesBalancedAllocation', weight: 1, raw: [81, 100], normalized: [81, 100] },
        { plugin: 'ImageLocality', weight: 1, raw: [0, 0], normalized: [0, 0] },
      ],
      totals: [449, 487],
      scoringSkipped: false,
      selected: 'n3',
      tiedTop: 1,
    });
    expect(Array.isArray((json.scores as { raw: unknown }[])[0].raw)).toBe(true);
    expect(Array.isArray(json.totals)).toBe(true);
  });

  // "A plain-data copy (for the app's worker messages ...)": postMessage structured-clones it, which
  // calls no toJSON. The rejected entries must be plain verdicts — not objects holding the
  // PodInfo, the NodeInfo and the plugin (whose explanation is a getter the clone drops).
  it('is plain data: a structured clone (postMessage) keeps just the verdicts', () => {
    const json = webDecision().toJSON();
    const cloned = structuredClone(json) as unknown as { rejected: Record<string, unknown>[] };
    expect(Object.keys(cloned.rejected[0]).sort()).toEqual(['code', 'explanation', 'node', 'plugin', 'reasons']);
    expect(cloned.rejected[0].explanation).toBe('n2 is cordoned (spec.unschedulable) and the pod does not tolerate node.kubernetes.io/unschedulable');
  });

  it('a decision for a pod that fit nowhere', () => {
    const nodes = [newNode('n1', { cpu: '2' }), newNode('n2', { cpu: '2' })];
    const { snapshot } = cluster(nodes);
    const { fwk, nominator } = frameworkFor(snapshot);
    const r = fwk.schedule(info(newPod('big', { containers: [{ cpu: '3' }] })), snapshot, 1, nominator, new Prng(1), 1, 0);
    const json = r.decision.toJSON();
    expect(json.evaluated).toEqual(['n2', 'n1']);
    expect(json.feasible).toEqual([]);
    expect(json.scores).toEqual([]);
    expect(json.totals).toEqual([]);
    expect(json.selected).toBeUndefined();
    expect(json.rejected.map((v) => [v.node, v.reasons, v.explanation])).toEqual([
      ['n2', ['Insufficient cpu'], 'not enough CPU — the pod requests 3 cores, the node has 2 cores free'],
      ['n1', ['Insufficient cpu'], 'not enough CPU — the pod requests 3 cores, the node has 2 cores free'],
    ]);
  });

  it('no nodes: an empty decision', () => {
    const { snapshot } = cluster([]);
    const { fwk, nominator } = frameworkFor(snapshot);
    const r = fwk.schedule(info(small('p')), snapshot, 0, nominator, new Prng(1), 1, 0);
    expect(r.decision.numAllNodes).toBe(0);
    expect(r.selected).toBeUndefined();
    expect(r.decision.toJSON().evaluated).toEqual([]);
  });
});
