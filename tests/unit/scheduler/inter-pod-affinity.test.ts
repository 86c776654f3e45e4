/**
 * InterPodAffinity against reference §5.4 (the reasons and the normalisation example) and upstream
 * v1.31 `filtering_test.go` / `scoring_test.go` behaviour: required affinity and anti-affinity,
 * existing pods' anti-affinity, the self-affinity first-pod case, namespaces and namespace
 * selectors, preferred terms both ways, hardPodAffinityWeight, and addPod/removePod.
 */
import { describe, expect, it } from 'vitest';
import type { KObject, LabelSelector, Node, Pod } from '../../../src/engine/api/types.ts';
import { Code, CycleState, SKIP, type FilterPlugin, type PreemptionHandle, type PreFilterPlugin, type PreScorePlugin, type ScorePlugin, type Status } from '../../../src/engine/components/scheduler/framework/types.ts';
import {
  ERR_AFFINITY_NOT_MATCH,
  ERR_ANTI_AFFINITY_NOT_MATCH,
  ERR_EXISTING_ANTI_AFFINITY_NOT_MATCH,
  NAME,
  interPodAffinity,
  type InterPodAffinityArgs,
} from '../../../src/engine/components/scheduler/plugins/inter-pod-affinity.ts';
import { cluster, info, listerHandle, newNamespace, newNode, newPod } from './fixtures.ts';

type Plugin = PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin;

const HOST = 'kubernetes.io/hostname';
const ZONE = 'topology.kubernetes.io/zone';
const WEB = { app: 'web' };
const DB = { app: 'db' };

interface TermOpts {
  namespaces?: string[];
  namespaceSelector?: LabelSelector;
}

/** A v1.PodAffinityTerm selecting `matchLabels` (null: no labelSelector). */
const term = (matchLabels: Record<string, string> | null, topologyKey: string, o: TermOpts = {}) => ({
  ...(matchLabels ? { labelSelector: { matchLabels } } : {}),
  topologyKey,
  ...o,
});
type Term = ReturnType<typeof term>;
const weighted = (weight: number, t: Term) => ({ weight, podAffinityTerm: t });

interface AffinityOpts {
  affinity?: Term[];
  anti?: Term[];
  preferred?: ReturnType<typeof weighted>[];
  preferredAnti?: ReturnType<typeof weighted>[];
}

function affinity(o: AffinityOpts): Record<string, unknown> {
  return {
    affinity: {
      podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: o.affinity, preferredDuringSchedulingIgnoredDuringExecution: o.preferred },
      podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: o.anti, preferredDuringSchedulingIgnoredDuringExecution: o.preferredAnti },
    },
  };
}

const pod = (name: string, labels: Record<string, string>, o: AffinityOpts = {}, extra: { nodeName?: string; namespace?: string } = {}): Pod =>
  newPod(name, { labels, spec: affinity(o), ...extra });
const on = (nodeName: string, name: string, labels: Record<string, string>, o: AffinityOpts = {}, namespace?: string): Pod =>
  pod(name, labels, o, { nodeName, namespace });

/** node-1, node-2 in zone z1; node-3 in z2. */
const nodes = (): Node[] => [
  newNode('node-1', { labels: { [ZONE]: 'z1' } }),
  newNode('node-2', { labels: { [ZONE]: 'z1' } }),
  newNode('node-3', { labels: { [ZONE]: 'z2' } }),
];

const NAMESPACES = [newNamespace('default'), newNamespace('team-a', { team: 'a' }), newNamespace('team-b', { team: 'b' })];

/** The plugin reads only through the FrameworkHandle part of the handle. */
function setup(ns: Node[], pods: Pod[], args?: InterPodAffinityArgs, objects: Record<string, KObject[]> = { namespaces: NAMESPACES }) {
  const c = cluster(ns, pods);
  const plugin = interPodAffinity(args as Record<string, unknown> | undefined, listerHandle(c.snapshot, objects) as PreemptionHandle) as Plugin;
  return { ...c, plugin };
}

function filterAll(ns: Node[], pods: Pod[], incoming: Pod): (Status | null)[] | 'skip' {
  const { infos, snapshot, plugin } = setup(ns, pods);
  const state = new CycleState();
  const pi = info(incoming);
  const pre = plugin.preFilter(state, pi, snapshot);
  if (pre === SKIP) return 'skip';
  expect(pre).toBeNull();
  return infos.map((n) => plugin.filter(state, pi, n));
}

/** Per node: 'ok', or the first letter of the code and reason: A(ffinity), N (anti), E(xisting). */
function outcomes(r: (Status | null)[] | 'skip'): string[] | 'skip' {
  if (r === 'skip') return r;
  const short: Record<string, string> = { [ERR_AFFINITY_NOT_MATCH]: 'A', [ERR_ANTI_AFFINITY_NOT_MATCH]: 'N', [ERR_EXISTING_ANTI_AFFINITY_NOT_MATCH]: 'E' };
  return r.map((s) => (s === null ? 'ok' : short[s.reasons[0]]));
}

function scoreAll(ns: Node[], pods: Pod[], incoming: Pod, args?: InterPodAffinityArgs): number[] | 'skip' {
  const { infos, plugin } = setup(ns, pods, args);
  const state = new CycleState();
  const pi = info(incoming);
  const pre = plugin.preScore(state, pi, infos);
  if (pre === SKIP) return 'skip';
  expect(pre).toBeNull();
  const scores = infos.map((n) => plugin.score(state, pi, n));
  plugin.normalizeScore!(state, pi, scores, infos);
  return scores;
}

describe('InterPodAffinity Filter', () => {
  it.each<[string, Pod[], Pod, string[] | 'skip']>([
    ['no terms and no existing anti-affinity → PreFilter Skip', [on('node-1', 'w', WEB)], pod('p', WEB), 'skip'],
    ['required affinity on hostname: only the db node', [on('node-1', 'db', DB)], pod('p', WEB, { affinity: [term(DB, HOST)] }), ['ok', 'A', 'A']],
    ['required affinity on zone: the db zone', [on('node-1', 'db', DB)], pod('p', WEB, { affinity: [term(DB, ZONE)] }), ['ok', 'ok', 'A']],
    ['required affinity on a key no node has', [on('node-1', 'db', DB)], pod('p', WEB, { affinity: [term(DB, 'rack')] }), ['A', 'A', 'A']],
    [
      'two affinity terms need one pod matching both',
      [on('node-1', 'db', DB), on('node-3', 'db2', { app: 'db', tier: 'x' })],
      pod('p', WEB, { affinity: [term(DB, ZONE), term({ tier: 'x' }, HOST)] }),
      ['A', 'A', 'ok'],
    ],
    ['a nil labelSelector matches no pod', [on('node-1', 'db', DB)], pod('p', WEB, { affinity: [term(null, HOST)] }), ['A', 'A', 'A']],
    ['self-affinity with no matching pod anywhere: the first pod may go anywhere', [], pod('p', DB, { affinity: [term(DB, ZONE)] }), ['ok', 'ok', 'ok']],
    ['self-affinity once a matching pod exists: only its zone', [on('node-3', 'db', DB)], pod('p', DB, { affinity: [term(DB, ZONE)] }), ['A', 'A', 'ok']],
    ['affinity a pod does not match itself: no first-pod exception', [], pod('p', WEB, { affinity: [term(DB, ZONE)] }), ['A', 'A', 'A']],
    ['required anti-affinity on hostname', [on('node-1', 'w', WEB)], pod('p', WEB, { anti: [term(WEB, HOST)] }), ['N', 'ok', 'ok']],
    ['required anti-affinity on zone', [on('node-1', 'w', WEB)], pod('p', WEB, { anti: [term(WEB, ZONE)] }), ['N', 'N', 'ok']],
    ['anti-affinity with nothing matching', [on('node-1', 'db', DB)], pod('p', WEB, { anti: [term(WEB, HOST)] }), ['ok', 'ok', 'ok']],
    ['an existing pod’s anti-affinity against the pod', [on('node-1', 'db', DB, { anti: [term(WEB, HOST)] })], pod('p', WEB), ['E', 'ok', 'ok']],
    ['an existing pod’s zone anti-affinity', [on('node-1', 'db', DB, { anti: [term(WEB, ZONE)] })], pod('p', WEB), ['E', 'E', 'ok']],
    ['an existing pod’s anti-affinity not matching the pod → Skip', [on('node-1', 'db', DB, { anti: [term({ app: 'x' }, HOST)] })], pod('p', WEB), 'skip'],
    [
      'affinity is checked before anti-affinity',
      [on('node-1', 'db', DB), on('node-1', 'w', WEB)],
      pod('p', WEB, { affinity: [term(DB, HOST)], anti: [term(WEB, ZONE)] }),
      ['N', 'A', 'A'],
    ],
    [
      'the pod’s anti-affinity is checked before existing pods’',
      [on('node-1', 'w', WEB, { anti: [term(WEB, HOST)] })],
      pod('p', WEB, { anti: [term(WEB, HOST)] }),
      ['N', 'ok', 'ok'],
    ],
  ])('%s', (_name, pods, incoming, want) => {
    expect(outcomes(filterAll(nodes(), pods, incoming))).toEqual(want);
  });

  it('uses the upstream codes: affinity UnschedulableAndUnresolvable, anti-affinity Unschedulable', () => {
    const aff = filterAll(nodes(), [on('node-1', 'db', DB)], pod('p', WEB, { affinity: [term(DB, HOST)] })) as Status[];
    expect(aff[1]).toEqual({ code: Code.UnschedulableAndUnresolvable, reasons: [ERR_AFFINITY_NOT_MATCH] });
    const anti = filterAll(nodes(), [on('node-1', 'w', WEB)], pod('p', WEB, { anti: [term(WEB, HOST)] })) as Status[];
    expect(anti[0]).toEqual({ code: Code.Unschedulable, reasons: [ERR_ANTI_AFFINITY_NOT_MATCH] });
    const existing = filterAll(nodes(), [on('node-1', 'db', DB, { anti: [term(WEB, HOST)] })], pod('p', WEB)) as Status[];
    expect(existing[0]).toEqual({ code: Code.Unschedulable, reasons: [ERR_EXISTING_ANTI_AFFINITY_NOT_MATCH] });
  });

  it('the self-affinity exception still needs the topology key on the node', () => {
    const ns = [...nodes(), newNode('node-4')];
    expect(outcomes(filterAll(ns, [], pod('p', DB, { affinity: [term(DB, ZONE)] })))).toEqual(['ok', 'ok', 'ok', 'A']);
  });
});

describe('InterPodAffinity namespaces', () => {
  it.each<[string, Pod[], Pod, string[] | 'skip']>([
    ['a term covers only the pod’s namespace by default', [on('node-1', 'w', WEB, {}, 'team-a')], pod('p', WEB, { anti: [term(WEB, HOST)] }), ['ok', 'ok', 'ok']],
    ['term.namespaces lists other namespaces', [on('node-1', 'w', WEB, {}, 'team-a')], pod('p', WEB, { anti: [term(WEB, HOST, { namespaces: ['team-a'] })] }), ['N', 'ok', 'ok']],
    [
      'a namespaceSelector picks namespaces by their labels',
      [on('node-1', 'w', WEB, {}, 'team-a'), on('node-2', 'w2', WEB, {}, 'team-b')],
      pod('p', WEB, { anti: [term(WEB, HOST, { namespaceSelector: { matchLabels: { team: 'a' } } })] }),
      ['N', 'ok', 'ok'],
    ],
    [
      'an empty namespaceSelector picks every namespace',
      [on('node-1', 'w', WEB, {}, 'team-a'), on('node-2', 'w2', WEB, {}, 'team-b')],
      pod('p', WEB, { anti: [term(WEB, HOST, { namespaceSelector: {} })] }),
      ['N', 'N', 'ok'],
    ],
    [
      'an existing pod’s namespaceSelector is matched against the incoming pod’s namespace labels',
      [on('node-1', 'db', DB, { anti: [term(WEB, HOST, { namespaceSelector: { matchLabels: { team: 'a' } } })] }, 'team-b')],
      pod('p', WEB, {}, { namespace: 'team-a' }),
      ['E', 'ok', 'ok'],
    ],
    [
      'an existing pod’s namespaceSelector that does not pick the pod’s namespace',
      [on('node-1', 'db', DB, { anti: [term(WEB, HOST, { namespaceSelector: { matchLabels: { team: 'a' } } })] }, 'team-b')],
      pod('p', WEB, {}, { namespace: 'default' }),
      'skip',
    ],
    [
      'an existing pod’s anti-affinity covers its own namespace by default',
      [on('node-1', 'db', DB, { anti: [term(WEB, HOST)] }, 'team-a')],
      pod('p', WEB, {}, { namespace: 'default' }),
      'skip',
    ],
  ])('%s', (_name, pods, incoming, want) => {
    expect(outcomes(filterAll(nodes(), pods, incoming))).toEqual(want);
  });

  it('a namespaceSelector picks nothing when the Namespace API is not served', () => {
    const { infos, snapshot, plugin } = setup(nodes(), [on('node-1', 'w', WEB, {}, 'team-a')], undefined, {});
    const p = info(pod('p', WEB, { anti: [term(WEB, HOST, { namespaceSelector: { matchLabels: { team: 'a' } } })] }));
    const state = new CycleState();
    expect(plugin.preFilter(state, p, snapshot)).toBeNull();
    expect(infos.map((n) => plugin.filter(state, p, n))).toEqual([null, null, null]);
  });
});

describe('InterPodAffinity PreFilter extensions (preemption what-if)', () => {
  it('removing the pod whose anti-affinity blocks a node frees it, on the clone only', () => {
    const { infos, snapshot, plugin } = setup(nodes(), [on('node-1', 'db', DB, { anti: [term(WEB, HOST)] })]);
    const p = info(pod('p', WEB));
    const state = new CycleState();
    expect(plugin.preFilter(state, p, snapshot)).toBeNull();
    const whatIf = state.clone();
    plugin.removePod!(whatIf, p, infos[0].pods[0], infos[0]);
    expect(plugin.filter(whatIf, p, infos[0])).toBeNull();
    expect(plugin.filter(state, p, infos[0])?.reasons).toEqual([ERR_EXISTING_ANTI_AFFINITY_NOT_MATCH]);
    plugin.addPod!(whatIf, p, infos[0].pods[0], infos[0]);
    expect(plugin.filter(whatIf, p, infos[0])?.reasons).toEqual([ERR_EXISTING_ANTI_AFFINITY_NOT_MATCH]);
  });

  it('removing the only matching pod brings back the first-pod exception', () => {
    const { infos, snapshot, plugin } = setup(nodes(), [on('node-3', 'db', DB)]);
    const p = info(pod('p', DB, { affinity: [term(DB, ZONE)] }));
    const state = new CycleState();
    plugin.preFilter(state, p, snapshot);
    expect(plugin.filter(state, p, infos[0])?.reasons).toEqual([ERR_AFFINITY_NOT_MATCH]);
    plugin.removePod!(state, p, infos[2].pods[0], infos[2]);
    expect(infos.map((n) => plugin.filter(state, p, n))).toEqual([null, null, null]);
  });

  it('adding a pod the incoming pod has anti-affinity to blocks its domain', () => {
    const { infos, snapshot, plugin } = setup(nodes(), []);
    const p = info(pod('p', WEB, { anti: [term(WEB, ZONE)] }));
    const state = new CycleState();
    expect(plugin.preFilter(state, p, snapshot)).toBeNull();
    plugin.addPod!(state, p, info(on('node-3', 'w', WEB)), infos[2]);
    expect(outcomes(infos.map((n) => plugin.filter(state, p, n)))).toEqual(['ok', 'ok', 'N']);
  });
});

describe('InterPodAffinity Score', () => {
  it('reference §5.4: raw −2 / 0 / 6 normalise to 0 / 25 / 100', () => {
    const incoming = pod('p', WEB, { preferred: [weighted(6, term(DB, HOST))], preferredAnti: [weighted(2, term(WEB, HOST))] });
    const pods = [on('node-1', 'w', WEB), on('node-3', 'db', DB)];
    expect(scoreAll(nodes(), pods, incoming)).toEqual([0, 25, 100]);
  });

  it.each<[string, Pod[], Pod, InterPodAffinityArgs | undefined, number[] | 'skip']>([
    ['preferred affinity on zone rewards the whole zone', [on('node-1', 'db', DB)], pod('p', WEB, { preferred: [weighted(5, term(DB, ZONE))] }), undefined, [100, 100, 0]],
    ['preferred anti-affinity on zone penalises the whole zone', [on('node-1', 'w', WEB)], pod('p', WEB, { preferredAnti: [weighted(5, term(WEB, ZONE))] }), undefined, [0, 0, 100]],
    ['weights add up per domain', [on('node-1', 'db', DB), on('node-2', 'db2', DB), on('node-3', 'db3', DB)], pod('p', WEB, { preferred: [weighted(1, term(DB, ZONE))] }), undefined, [100, 100, 0]],
    ['an existing pod’s preferred affinity to the pod', [on('node-1', 'db', DB, { preferred: [weighted(10, term(WEB, HOST))] })], pod('p', WEB), undefined, [100, 0, 0]],
    ['an existing pod’s preferred anti-affinity to the pod', [on('node-1', 'db', DB, { preferredAnti: [weighted(10, term(WEB, HOST))] })], pod('p', WEB), undefined, [0, 100, 100]],
    ['an existing pod’s required affinity counts hardPodAffinityWeight', [on('node-1', 'db', DB, { affinity: [term(WEB, ZONE)] })], pod('p', WEB), undefined, [100, 100, 0]],
    ['hardPodAffinityWeight 0 ignores existing required affinity', [on('node-1', 'db', DB, { affinity: [term(WEB, ZONE)] })], pod('p', WEB), { hardPodAffinityWeight: 0 }, 'skip'],
    [
      'hardPodAffinityWeight weighs against preferred terms',
      [on('node-1', 'db', DB, { affinity: [term(WEB, HOST)] }), on('node-2', 'db2', DB, { preferred: [weighted(3, term(WEB, HOST))] })],
      pod('p', WEB),
      { hardPodAffinityWeight: 4 },
      [100, 75, 0],
    ],
    ['nothing matches → PreScore Skip', [on('node-1', 'db', DB)], pod('p', WEB, { preferred: [weighted(5, term({ app: 'x' }, ZONE))] }), undefined, 'skip'],
    [
      'ignorePreferredTermsOfExistingPods skips a pod without preferred terms',
      [on('node-1', 'db', DB, { preferred: [weighted(10, term(WEB, HOST))] })],
      pod('p', WEB),
      { ignorePreferredTermsOfExistingPods: true },
      'skip',
    ],
    [
      'ignorePreferredTermsOfExistingPods still scores a pod with preferred terms (existing terms too)',
      [on('node-1', 'db', DB, { preferred: [weighted(10, term(WEB, HOST))] }), on('node-3', 'db2', DB)],
      pod('p', WEB, { preferred: [weighted(5, term(DB, HOST))] }),
      { ignorePreferredTermsOfExistingPods: true },
      [100, 0, 33],
    ],
    ['a topology key no node has contributes nothing → Skip', [on('node-1', 'db', DB)], pod('p', WEB, { preferred: [weighted(5, term(DB, 'region'))] }), undefined, 'skip'],
    [
      'equal raw scores all normalise to 0',
      [on('node-1', 'db', DB), on('node-2', 'db2', DB), on('node-3', 'db3', DB)],
      pod('p', WEB, { preferred: [weighted(5, term(DB, HOST))] }),
      undefined,
      [0, 0, 0],
    ],
    [
      'terms that cancel out still score (all 0), they are not skipped',
      [on('node-1', 'db', { app: 'db', tier: 'x' })],
      pod('p', WEB, { preferred: [weighted(5, term(DB, HOST))], preferredAnti: [weighted(5, term({ tier: 'x' }, HOST))] }),
      undefined,
      [0, 0, 0],
    ],
  ])('%s', (_name, pods, incoming, args, want) => {
    expect(scoreAll(nodes(), pods, incoming, args)).toEqual(want);
  });

  it('existing pods’ preferred terms apply only to pods in their namespaces', () => {
    const pods = [on('node-1', 'db', DB, { preferred: [weighted(10, term(WEB, HOST))] }, 'team-a')];
    expect(scoreAll(nodes(), pods, pod('p', WEB))).toBe('skip');
    expect(scoreAll(nodes(), pods, pod('p', WEB, {}, { namespace: 'team-a' }))).toEqual([100, 0, 0]);
  });
});

describe('InterPodAffinity plugin surface', () => {
  it('names itself, registers v1.31 events, validates hardPodAffinityWeight', () => {
    const { plugin } = setup(nodes(), []);
    expect(plugin.name).toBe(NAME);
    expect(plugin.events).toContainEqual({ resource: 'Pod', action: 'UpdatePodLabel' });
    expect(plugin.events).toContainEqual({ resource: 'Node', action: 'UpdateNodeLabel' });
    expect(() => setup(nodes(), [], { hardPodAffinityWeight: 101 })).toThrow(/not in valid range \[0-100\]/);
  });

  it('explains each rejection in plain words', () => {
    const pods = [on('node-1', 'db-0', DB, { anti: [term(WEB, HOST)] }), on('node-3', 'w', WEB)];
    const { infos, plugin } = setup(nodes(), pods);
    const existing = { code: Code.Unschedulable, reasons: [ERR_EXISTING_ANTI_AFFINITY_NOT_MATCH] };
    expect(plugin.explain!(info(pod('p', WEB)), infos[0], existing)).toBe(
      'a pod on this node (db-0) has anti-affinity against pods labelled app=web on kubernetes.io/hostname',
    );
    const anti = { code: Code.Unschedulable, reasons: [ERR_ANTI_AFFINITY_NOT_MATCH] };
    expect(plugin.explain!(info(pod('p', WEB, { anti: [term(WEB, ZONE)] })), infos[2], anti)).toBe(
      'the pod has anti-affinity against pods labelled app=web on topology.kubernetes.io/zone, and default/w runs where topology.kubernetes.io/zone=z2',
    );
    const aff = { code: Code.UnschedulableAndUnresolvable, reasons: [ERR_AFFINITY_NOT_MATCH] };
    expect(plugin.explain!(info(pod('p', WEB, { affinity: [term(DB, ZONE)] })), infos[2], aff)).toBe(
      'the pod must run in the same topology.kubernetes.io/zone as pods labelled app=db, and none runs where topology.kubernetes.io/zone=z2',
    );
    expect(plugin.explain!(info(pod('p', WEB, { affinity: [term(DB, 'rack')] })), infos[2], aff)).toMatch(/^node-3 has no rack label/);
  });
});
