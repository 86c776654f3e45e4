/**
 * PodTopologySpread against reference §5.3 (every scoring row) and upstream v1.31
 * `filtering_test.go` / `scoring_test.go` behaviour: skew, missing labels, minDomains, the node
 * inclusion policies, matchLabelKeys, terminating and other-namespace pods, system and List
 * defaults, and preemption's addPod/removePod.
 */
import { describe, expect, it } from 'vitest';
import type { KObject, Node, Pod, Taint } from '../../../src/engine/api/types.ts';
import { Code, CycleState, SKIP, type FilterPlugin, type PreemptionHandle, type PreFilterPlugin, type PreScorePlugin, type ScorePlugin, type Status } from '../../../src/engine/components/scheduler/framework/types.ts';
import {
  ERR_CONSTRAINTS_NOT_MATCH,
  ERR_NODE_LABEL_NOT_MATCH,
  NAME,
  SYSTEM_DEFAULT_CONSTRAINTS,
  podTopologySpread,
  type PodTopologySpreadArgs,
  type TopologySpreadConstraintSpec,
} from '../../../src/engine/components/scheduler/plugins/pod-topology-spread.ts';
import { cluster, info, listerHandle, newNode, newPod, newReplicaSet, newService, ownedBy } from './fixtures.ts';

type Plugin = PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin;

const HOST = 'kubernetes.io/hostname';
const ZONE = 'topology.kubernetes.io/zone';
const FOO = { foo: '' };

/** st.MakePod().SpreadConstraint(...): matchLabels selector (null = no labelSelector). */
function spread(
  maxSkew: number,
  topologyKey: string,
  whenUnsatisfiable: TopologySpreadConstraintSpec['whenUnsatisfiable'],
  matchLabels: Record<string, string> | null,
  extra: Partial<TopologySpreadConstraintSpec> = {},
): TopologySpreadConstraintSpec {
  return { maxSkew, topologyKey, whenUnsatisfiable, ...(matchLabels ? { labelSelector: { matchLabels } } : {}), ...extra };
}

const hard = (maxSkew: number, key: string, extra: Partial<TopologySpreadConstraintSpec> = {}) => spread(maxSkew, key, 'DoNotSchedule', FOO, extra);
const soft = (maxSkew: number, key: string, extra: Partial<TopologySpreadConstraintSpec> = {}) => spread(maxSkew, key, 'ScheduleAnyway', FOO, extra);

const incoming = (constraints: TopologySpreadConstraintSpec[], labels: Record<string, string> = FOO, spec: Record<string, unknown> = {}): Pod =>
  newPod('incoming', { labels, spec: { topologySpreadConstraints: constraints, ...spec } });

/** `n` pods on a node with the labels (names unique per node). */
function podsOn(node: string, n: number, labels: Record<string, string> = FOO, namespace = 'default'): Pod[] {
  return Array.from({ length: n }, (_, i) => newPod(`${node}-${namespace}-${i}`, { nodeName: node, labels, namespace }));
}

/** node-a, node-b in zone1; node-x, node-y in zone2 (the upstream filtering tests' layout). */
const zonedNodes = (o: { taints?: Record<string, Taint[]> } = {}): Node[] => [
  newNode('node-a', { labels: { [ZONE]: 'zone1' }, taints: o.taints?.['node-a'] }),
  newNode('node-b', { labels: { [ZONE]: 'zone1' }, taints: o.taints?.['node-b'] }),
  newNode('node-x', { labels: { [ZONE]: 'zone2' }, taints: o.taints?.['node-x'] }),
  newNode('node-y', { labels: { [ZONE]: 'zone2' }, taints: o.taints?.['node-y'] }),
];

/** The plugin reads only through the FrameworkHandle part of the handle. */
function setup(nodes: Node[], pods: Pod[], args?: PodTopologySpreadArgs, objects: Record<string, KObject[]> = {}) {
  const c = cluster(nodes, pods);
  const plugin = podTopologySpread(args as Record<string, unknown> | undefined, listerHandle(c.snapshot, objects) as PreemptionHandle) as Plugin;
  return { ...c, plugin };
}

/** PreFilter then Filter on every node: null (pass), the status, or 'skip'. */
function filterAll(nodes: Node[], pods: Pod[], pod: Pod, args?: PodTopologySpreadArgs, objects: Record<string, KObject[]> = {}): (Status | null)[] | 'skip' {
  const { infos, snapshot, plugin } = setup(nodes, pods, args, objects);
  const state = new CycleState();
  const pi = info(pod);
  const pre = plugin.preFilter(state, pi, snapshot);
  if (pre === SKIP) return 'skip';
  expect(pre).toBeNull();
  return infos.map((n) => plugin.filter(state, pi, n));
}

const passes = (r: (Status | null)[] | 'skip'): boolean[] | 'skip' => (r === 'skip' ? r : r.map((s) => s === null));

/** PreScore, Score per candidate, NormalizeScore: the final scores, or 'skip'. */
function scoreAll(nodes: Node[], pods: Pod[], pod: Pod, args?: PodTopologySpreadArgs, objects: Record<string, KObject[]> = {}, candidates?: string[]): number[] | 'skip' {
  const { infos, plugin } = setup(nodes, pods, args, objects);
  const filtered = candidates ? infos.filter((n) => candidates.includes(n.name)) : infos;
  const state = new CycleState();
  const pi = info(pod);
  const pre = plugin.preScore(state, pi, filtered);
  if (pre === SKIP) return 'skip';
  expect(pre).toBeNull();
  const scores = filtered.map((n) => plugin.score(state, pi, n));
  plugin.normalizeScore!(state, pi, scores, filtered);
  return scores;
}

const hostNodes = (n: number): Node[] => Array.from({ length: n }, (_, i) => newNode(`node-${'abcd'[i]}`));
const perNode = (counts: number[]): Pod[] => counts.flatMap((c, i) => podsOn(`node-${'abcd'[i]}`, c));

describe('PodTopologySpread Score (reference §5.3)', () => {
  it.each<[string, number, number[], number[]]>([
    ['hostname, maxSkew 1, 4 nodes, 2/1/0/3', 1, [2, 1, 0, 3], [20, 60, 100, 0]],
    ['hostname, maxSkew 2, 4 nodes, 2/1/0/3', 2, [2, 1, 0, 3], [33, 66, 100, 16]],
    ['hostname, maxSkew 3, 4 nodes, 4/3/2/1', 3, [4, 3, 2, 1], [44, 66, 77, 100]],
    ['hostname, maxSkew 1, 2 nodes, 1/1', 1, [1, 1], [100, 100]],
  ])('%s', (_name, maxSkew, counts, want) => {
    expect(scoreAll(hostNodes(counts.length), perNode(counts), incoming([soft(maxSkew, HOST)]))).toEqual(want);
  });

  it('system defaults (a Service selects the pods), nodes without zone labels: 4/3/2/1 → 44/66/77/100', () => {
    const pod = newPod('incoming', { labels: FOO });
    const objects = { services: [newService('svc', FOO)] };
    expect(scoreAll(hostNodes(4), perNode([4, 3, 2, 1]), pod, undefined, objects)).toEqual([44, 66, 77, 100]);
  });

  it('pods in another namespace are ignored: a 1 (+1 elsewhere), b 2 → 100/33', () => {
    const pods = [...podsOn('node-a', 1), ...podsOn('node-a', 1, FOO, 'other'), ...podsOn('node-b', 2)];
    expect(scoreAll(hostNodes(2), pods, incoming([soft(1, HOST)]))).toEqual([100, 33]);
  });
});

describe('PodTopologySpread Score (more upstream behaviour)', () => {
  it('zone constraint: weight ln(2 zones + 2), fewer pods in the zone score higher', () => {
    // zone1 holds 2 matching pods: round(2·ln 4) = 3; zone2 holds none → 0.
    expect(scoreAll(zonedNodes(), [...podsOn('node-a', 1), ...podsOn('node-b', 1)], incoming([soft(1, ZONE)]))).toEqual([0, 0, 100, 100]);
  });

  it('system defaults with zones: hostname (maxSkew 3) and zone (maxSkew 5) add up', () => {
    // a: 2·ln6+2 + 3·ln4+4 = 13.74 → 14; b: 11.95 → 12; x, y: 6 → 100·(20−s)/14.
    const pod = newPod('incoming', { labels: FOO });
    const pods = [...podsOn('node-a', 2), ...podsOn('node-b', 1)];
    expect(scoreAll(zonedNodes(), pods, pod, undefined, { services: [newService('svc', FOO)] })).toEqual([42, 57, 100, 100]);
  });

  it('a node missing a pod-defined constraint key is ignored: score 0, left out of min/max', () => {
    const nodes = [newNode('node-a', { labels: { [ZONE]: 'zone1' } }), newNode('node-b', { labels: { [ZONE]: 'zone1' } }), newNode('node-z')];
    const pods = [...podsOn('node-a', 1), ...podsOn('node-z', 5)];
    // Hostname weight ln(2 + 2), zone weight ln(1 + 2); zone1 holds 1 pod.
    // a: 1·ln4 + 1·ln3 = 2.48 → 2; b: 0 + 1·ln3 = 1.10 → 1; node-z ignored.
    expect(scoreAll(nodes, pods, incoming([soft(1, HOST), soft(1, ZONE)]))).toEqual([50, 100, 0]);
  });

  it('the hostname weight counts only candidate nodes', () => {
    // 2 candidates of 4: w = ln 4; a: 2·1.386 = 2.77 → 3, b: 1.386 → 1 → 100·(4−3)/3 = 33, 100.
    expect(scoreAll(hostNodes(4), perNode([2, 1, 0, 0]), incoming([soft(1, HOST)]), undefined, {}, ['node-a', 'node-b'])).toEqual([33, 100]);
  });

  it('terminating pods are not counted', () => {
    const dying = podsOn('node-a', 3).map((p) => ({ ...p, metadata: { ...p.metadata, deletionTimestamp: '2026-01-01T00:00:00Z' } }));
    expect(scoreAll(hostNodes(2), [...dying, ...podsOn('node-b', 1)], incoming([soft(1, HOST)]))).toEqual([100, 0]);
  });

  it('every node equal at 0 matching pods (max 0) → all 100', () => {
    expect(scoreAll(hostNodes(3), [], incoming([soft(1, HOST)]))).toEqual([100, 100, 100]);
  });

  it.each<[string, Partial<TopologySpreadConstraintSpec>, number[]]>([
    // Honor: zone1 counts only node-a (0), zone2 node-x (1): a 0 → 0, x round(1·ln4) = 1.
    ['nodeAffinityPolicy Honor counts only nodes the pod may run on', {}, [100, 0]],
    // Ignore: zone1 = 3 (node-b's pods), zone2 = 1: a round(3·ln4) = 4, x 1.
    ['nodeAffinityPolicy Ignore counts every node', { nodeAffinityPolicy: 'Ignore' }, [25, 100]],
  ])('%s', (_name, extra, want) => {
    const ssd = { disk: 'ssd' };
    const nodes = [
      newNode('node-a', { labels: { [ZONE]: 'zone1', ...ssd } }),
      newNode('node-b', { labels: { [ZONE]: 'zone1' } }),
      newNode('node-x', { labels: { [ZONE]: 'zone2', ...ssd } }),
      newNode('node-y', { labels: { [ZONE]: 'zone2' } }),
    ];
    const pod = incoming([soft(1, ZONE, extra)], FOO, { nodeSelector: ssd });
    expect(scoreAll(nodes, [...podsOn('node-b', 3), ...podsOn('node-x', 1)], pod, undefined, {}, ['node-a', 'node-x'])).toEqual(want);
  });

  it.each<[string, PodTopologySpreadArgs | undefined, Pod, Record<string, KObject[]>]>([
    ['system defaults, nothing selects the pod', undefined, newPod('incoming', { labels: FOO }), {}],
    ['a Service without selector selects nothing', undefined, newPod('incoming', { labels: FOO }), { services: [newService('svc', undefined)] }],
    ['a Service with a non-matching selector', undefined, newPod('incoming', { labels: FOO }), { services: [newService('svc', { app: 'x' })] }],
    ['a Service in another namespace', undefined, newPod('incoming', { labels: FOO }), { services: [newService('svc', FOO, 'other')] }],
    ['List defaulting with no constraints', { defaultingType: 'List', defaultConstraints: [] }, newPod('incoming', { labels: FOO }), { services: [newService('svc', FOO)] }],
    ['the pod has only DoNotSchedule constraints', undefined, incoming([hard(1, HOST)]), { services: [newService('svc', FOO)] }],
    ['owned by a StatefulSet, a kind the API does not serve yet', undefined, ownedBy(newPod('incoming', { labels: FOO }), 'db', 'StatefulSet'), {}],
    ['owned by a ReplicationController, not served yet', undefined, ownedBy(newPod('incoming', { labels: FOO }), 'rc', 'ReplicationController', 'v1'), {}],
  ])('PreScore skips: %s', (_name, args, pod, objects) => {
    expect(scoreAll(hostNodes(2), perNode([1, 0]), pod, args, objects)).toBe('skip');
  });

  it('system defaults take the selector of the ReplicaSet that controls the pod', () => {
    const pod = ownedBy(newPod('incoming', { labels: { app: 'web', hash: 'h1' } }), 'web-h1');
    const pods = [
      ...podsOn('node-a', 4, { app: 'web', hash: 'h1' }),
      ...podsOn('node-b', 3, { app: 'web', hash: 'h1' }),
      ...podsOn('node-c', 2, { app: 'web', hash: 'h1' }),
      ...podsOn('node-d', 1, { app: 'web', hash: 'h1' }),
      ...podsOn('node-d', 5, { app: 'web', hash: 'other' }),
    ];
    const objects = { replicasets: [newReplicaSet('web-h1', { app: 'web', hash: 'h1' })] };
    expect(scoreAll(hostNodes(4), pods, pod, undefined, objects)).toEqual([44, 66, 77, 100]);
  });

  it('List defaulting applies the configured constraints with the default selector', () => {
    const args: PodTopologySpreadArgs = { defaultingType: 'List', defaultConstraints: [{ maxSkew: 1, topologyKey: HOST, whenUnsatisfiable: 'ScheduleAnyway' }] };
    const pod = newPod('incoming', { labels: FOO });
    expect(scoreAll(hostNodes(4), perNode([2, 1, 0, 3]), pod, args, { services: [newService('svc', FOO)] })).toEqual([20, 60, 100, 0]);
  });
});

describe('PodTopologySpread Filter', () => {
  const F = false;
  const T = true;
  it.each<[string, Pod, Pod[], boolean[] | 'skip']>([
    ['no constraints → PreFilter Skip', newPod('incoming', { labels: FOO }), [], 'skip'],
    ['only ScheduleAnyway constraints → Skip', incoming([soft(1, HOST)]), [], 'skip'],
    ['hostname maxSkew 1: 1/1/0/2 → only the empty node fits', incoming([hard(1, HOST)]), [...podsOn('node-a', 1), ...podsOn('node-b', 1), ...podsOn('node-y', 2)], [F, F, T, F]],
    ['hostname maxSkew 2: 1/1/0/2', incoming([hard(2, HOST)]), [...podsOn('node-a', 1), ...podsOn('node-b', 1), ...podsOn('node-y', 2)], [T, T, T, F]],
    ['zone maxSkew 1: zone1 3, zone2 1', incoming([hard(1, ZONE)]), [...podsOn('node-a', 2), ...podsOn('node-b', 1), ...podsOn('node-x', 1)], [F, F, T, T]],
    ['a pod not matching its own selector adds no self-match', incoming([hard(1, HOST)], { bar: '' }), [...podsOn('node-a', 1)], [T, T, T, T]],
    ['a nil labelSelector selects nothing', incoming([spread(1, HOST, 'DoNotSchedule', null)]), [...podsOn('node-a', 3)], [T, T, T, T]],
    ['pods in other namespaces are not counted', incoming([hard(1, HOST)]), [...podsOn('node-a', 3, FOO, 'other')], [T, T, T, T]],
    [
      'zone and hostname together: both must hold',
      incoming([hard(1, ZONE), hard(1, HOST)]),
      [...podsOn('node-a', 1), ...podsOn('node-b', 1), ...podsOn('node-x', 1)],
      [F, F, F, T],
    ],
    ['minDomains 3 with 2 zones: the global minimum counts as 0', incoming([hard(1, ZONE, { minDomains: 3 })]), [...podsOn('node-a', 1), ...podsOn('node-x', 1)], [F, F, F, F]],
    ['minDomains 2 with 2 zones: the real minimum', incoming([hard(1, ZONE, { minDomains: 2 })]), [...podsOn('node-a', 1), ...podsOn('node-x', 1)], [T, T, T, T]],
  ])('%s', (_name, pod, pods, want) => {
    expect(passes(filterAll(zonedNodes(), pods, pod))).toEqual(want);
  });

  it('skew violations are Unschedulable with the upstream reason', () => {
    const r = filterAll(zonedNodes(), podsOn('node-a', 2), incoming([hard(1, HOST)]));
    expect(r).not.toBe('skip');
    expect((r as Status[])[0]).toEqual({ code: Code.Unschedulable, reasons: [ERR_CONSTRAINTS_NOT_MATCH] });
  });

  it('a node without the topology key is UnschedulableAndUnresolvable (missing required label)', () => {
    const nodes = [...zonedNodes(), newNode('node-z')];
    const r = filterAll(nodes, [], incoming([hard(1, ZONE)])) as (Status | null)[];
    expect(r.slice(0, 4)).toEqual([null, null, null, null]);
    expect(r[4]).toEqual({ code: Code.UnschedulableAndUnresolvable, reasons: [ERR_NODE_LABEL_NOT_MATCH] });
  });

  it('a node without a key is not an eligible domain (it does not pull the minimum to 0)', () => {
    const nodes = [...zonedNodes(), newNode('node-z')];
    const pods = [...podsOn('node-a', 1), ...podsOn('node-x', 1), ...podsOn('node-z', 0)];
    expect(passes(filterAll(nodes, pods, incoming([hard(1, ZONE)])))).toEqual([T, T, T, T, F]);
  });

  it.each<[string, Partial<TopologySpreadConstraintSpec>, Record<string, unknown>, Record<string, Taint[]>, boolean[]]>([
    // An excluded zone is no domain: the minimum is zone1's 2, and zone2 nodes count 0 (NodeAffinity rejects them).
    ['nodeAffinityPolicy Honor (default) leaves out zones the nodeSelector excludes', {}, { nodeSelector: { [ZONE]: 'zone1' } }, {}, [T, T, T, T]],
    ['nodeAffinityPolicy Ignore counts every zone', { nodeAffinityPolicy: 'Ignore' }, { nodeSelector: { [ZONE]: 'zone1' } }, {}, [F, F, T, T]],
    [
      'required node affinity is honoured like nodeSelector',
      {},
      { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: ZONE, operator: 'In', values: ['zone1'] }] }] } } } },
      {},
      [T, T, T, T],
    ],
    ['nodeTaintsPolicy Ignore (default) counts tainted nodes', {}, {}, { 'node-x': [{ key: 'k', effect: 'NoSchedule' }], 'node-y': [{ key: 'k', effect: 'NoSchedule' }] }, [F, F, T, T]],
    [
      'nodeTaintsPolicy Honor leaves out nodes with untolerated taints',
      { nodeTaintsPolicy: 'Honor' },
      {},
      { 'node-x': [{ key: 'k', effect: 'NoSchedule' }], 'node-y': [{ key: 'k', effect: 'NoExecute' }] },
      [T, T, T, T],
    ],
    [
      'nodeTaintsPolicy Honor counts tolerated and PreferNoSchedule taints',
      { nodeTaintsPolicy: 'Honor' },
      { tolerations: [{ key: 'k', operator: 'Exists' }] },
      { 'node-x': [{ key: 'k', effect: 'NoSchedule' }], 'node-y': [{ key: 'p', effect: 'PreferNoSchedule' }] },
      [F, F, T, T],
    ],
  ])('%s', (_name, extra, spec, taints, want) => {
    // zone1 holds 2 matching pods, zone2 none: only an excluded zone2 lets zone1 pass.
    const pod = incoming([hard(1, ZONE, extra)], FOO, spec);
    expect(passes(filterAll(zonedNodes({ taints }), podsOn('node-a', 2), pod))).toEqual(want);
  });

  it('matchLabelKeys narrows the selector to pods with the same label values', () => {
    const labels = { foo: '', 'pod-template-hash': 'v2' };
    const old = podsOn('node-a', 2, { foo: '', 'pod-template-hash': 'v1' });
    expect(passes(filterAll(zonedNodes(), old, incoming([hard(1, HOST, { matchLabelKeys: ['pod-template-hash'] })], labels)))).toEqual([T, T, T, T]);
    expect(passes(filterAll(zonedNodes(), old, incoming([hard(1, HOST)], labels)))).toEqual([F, T, T, T]);
  });

  it('terminating pods are not counted', () => {
    const dying = podsOn('node-a', 2).map((p) => ({ ...p, metadata: { ...p.metadata, deletionTimestamp: '2026-01-01T00:00:00Z' } }));
    expect(passes(filterAll(zonedNodes(), dying, incoming([hard(1, HOST)])))).toEqual([T, T, T, T]);
  });

  it('List defaults may be DoNotSchedule, with the Services’ selector', () => {
    const args: PodTopologySpreadArgs = { defaultingType: 'List', defaultConstraints: [{ maxSkew: 1, topologyKey: ZONE, whenUnsatisfiable: 'DoNotSchedule' }] };
    const pods = [...podsOn('node-a', 2)];
    const pod = newPod('incoming', { labels: FOO });
    expect(passes(filterAll(zonedNodes(), pods, pod, args, { services: [newService('svc', FOO)] }))).toEqual([F, F, T, T]);
    expect(passes(filterAll(zonedNodes(), pods, pod, args, {}))).toBe('skip');
  });
});

describe('PodTopologySpread PreFilter extensions (preemption what-if)', () => {
  it('removePod on a cloned state frees the domain without touching the original', () => {
    const pods = [...podsOn('node-a', 2), ...podsOn('node-x', 1)];
    const { infos, snapshot, plugin } = setup(zonedNodes(), pods);
    const pi = info(incoming([hard(1, ZONE)]));
    const state = new CycleState();
    expect(plugin.preFilter(state, pi, snapshot)).toBeNull();
    expect(plugin.filter(state, pi, infos[0])).not.toBeNull();

    const whatIf = state.clone();
    plugin.removePod!(whatIf, pi, infos[0].pods[0], infos[0]);
    expect(plugin.filter(whatIf, pi, infos[0])).toBeNull();
    expect(plugin.filter(state, pi, infos[0])).not.toBeNull();

    plugin.addPod!(whatIf, pi, infos[0].pods[0], infos[0]);
    expect(plugin.filter(whatIf, pi, infos[0])).not.toBeNull();
  });

  it('addPod of a pod in another namespace or not matching changes nothing', () => {
    const { infos, snapshot, plugin } = setup(zonedNodes(), [...podsOn('node-a', 1), ...podsOn('node-x', 1)]);
    const pi = info(incoming([hard(1, ZONE)]));
    const state = new CycleState();
    plugin.preFilter(state, pi, snapshot);
    plugin.addPod!(state, pi, info(newPod('o', { nodeName: 'node-x', labels: FOO, namespace: 'other' })), infos[2]);
    plugin.addPod!(state, pi, info(newPod('o2', { nodeName: 'node-x', labels: { bar: '' } })), infos[2]);
    expect(infos.map((n) => plugin.filter(state, pi, n) === null)).toEqual([true, true, true, true]);
    plugin.addPod!(state, pi, info(newPod('o3', { nodeName: 'node-x', labels: FOO })), infos[2]);
    plugin.addPod!(state, pi, info(newPod('o4', { nodeName: 'node-x', labels: FOO })), infos[2]);
    expect(infos.map((n) => plugin.filter(state, pi, n) === null)).toEqual([true, true, false, false]);
  });
});

describe('PodTopologySpread plugin surface', () => {
  it('names itself, registers v1.31 events and defaults to the system constraints', () => {
    const { plugin } = setup(zonedNodes(), []);
    expect(plugin.name).toBe(NAME);
    expect(plugin.events).toContainEqual({ resource: 'Pod', action: 'All' });
    expect(plugin.events).toContainEqual({ resource: 'Node', action: 'UpdateNodeTaint' });
    expect(SYSTEM_DEFAULT_CONSTRAINTS.map((c) => [c.topologyKey, c.maxSkew, c.whenUnsatisfiable])).toEqual([
      [HOST, 3, 'ScheduleAnyway'],
      [ZONE, 5, 'ScheduleAnyway'],
    ]);
  });

  it('rejects defaultConstraints with defaultingType System', () => {
    expect(() => setup(zonedNodes(), [], { defaultingType: 'System', defaultConstraints: [hard(1, HOST)] })).toThrow(/defaultingType is "System"/);
  });

  it('explains a skew rejection and a missing label in plain words', () => {
    const nodes = [...zonedNodes(), newNode('node-z')];
    const pods = [...podsOn('node-a', 2), ...podsOn('node-b', 1)];
    const { infos, plugin } = setup(nodes, pods);
    const zone = info(incoming([hard(1, ZONE)]));
    expect(plugin.explain!(zone, infos[0], { code: Code.Unschedulable, reasons: [ERR_CONSTRAINTS_NOT_MATCH] })).toBe(
      'placing the pod on node-a would make zone zone1 hold 4 more matching pods than zone zone2 (maxSkew 1)',
    );
    expect(plugin.explain!(zone, infos[4], { code: Code.UnschedulableAndUnresolvable, reasons: [ERR_NODE_LABEL_NOT_MATCH] })).toMatch(
      /^node-z has no topology.kubernetes.io\/zone label/,
    );
    const host = info(incoming([hard(1, HOST)]));
    expect(plugin.explain!(host, infos[0], { code: Code.Unschedulable, reasons: [ERR_CONSTRAINTS_NOT_MATCH] })).toBe(
      'placing the pod on node-a would make node-a hold 3 more matching pods than node-x (maxSkew 1)',
    );
    const minDomains = info(incoming([hard(1, ZONE, { minDomains: 3 })]));
    expect(plugin.explain!(minDomains, infos[0], { code: Code.Unschedulable, reasons: [ERR_CONSTRAINTS_NOT_MATCH] })).toMatch(/fewer than minDomains 3/);
  });
});

describe('PodTopologySpread counts kept across cycles', () => {
  it('one plugin used cycle after cycle scores and filters as a fresh one, while pods come, change and go (property)', async () => {
    const fc = (await import('fast-check')).default;
    const { addPod, removePod } = await import('../../../src/engine/components/scheduler/framework/node-info.ts');
    const labelsArb = fc.constantFrom<Record<string, string>>(FOO, { foo: 'x' }, { bar: '' }, {});
    const op = fc.record({ node: fc.nat(3), labels: labelsArb, remove: fc.boolean(), terminating: fc.boolean() });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 25 }), (ops) => {
        const nodes = zonedNodes();
        const { infos, snapshot } = cluster(nodes, []);
        const kept = podTopologySpread(undefined, listerHandle(snapshot) as PreemptionHandle) as Plugin;
        const pod = incoming([soft(1, HOST), soft(1, ZONE), hard(1, ZONE)]);
        const placed: Pod[][] = nodes.map(() => []);
        const run = (plugin: Plugin) => {
          const state = new CycleState();
          const pi = info(pod);
          if (plugin.preFilter(state, pi, snapshot) !== null) return 'prefilter';
          const filtered = infos.map((n) => plugin.filter(state, pi, n)?.code ?? 0);
          expect(plugin.preScore(state, pi, infos)).toBeNull();
          const scores = infos.map((n) => plugin.score(state, pi, n));
          plugin.normalizeScore!(state, pi, scores, infos);
          return { filtered, scores };
        };
        ops.forEach((o, i) => {
          const on = placed[o.node];
          if (o.remove && on.length > 0) removePod(infos[o.node], `default/${on.shift()!.metadata.name}`);
          else {
            const p = newPod(`p${i}`, { nodeName: infos[o.node].name, labels: o.labels });
            if (o.terminating) p.metadata.deletionTimestamp = '2025-01-01T00:00:00Z';
            on.push(p);
            addPod(infos[o.node], info(p));
          }
          const fresh = podTopologySpread(undefined, listerHandle(snapshot) as PreemptionHandle) as Plugin;
          expect(run(kept)).toEqual(run(fresh));
        });
      }),
      { numRuns: 60 },
    );
  });
});
