/**
 * NodeAffinity against reference §5.2 and upstream v1.31 `node_affinity_test.go` (TestNodeAffinity,
 * TestNodeAffinityPriority), plus the matching rules of component-helpers `nodeaffinity` and
 * apimachinery `labels` (operators, lazy parse errors, metadata.name fields, int64 bounds).
 */
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../src/engine/api/types.ts';
import {
  Code,
  CycleState,
  SKIP,
  type FilterPlugin,
  type PreFilterPlugin,
  type PreScorePlugin,
  type ScorePlugin,
  type Status,
} from '../../../src/engine/components/scheduler/framework/types.ts';
import {
  ERR_REASON_CONFLICT,
  ERR_REASON_ENFORCED,
  ERR_REASON_POD,
  NAME,
  nodeAffinity,
  parseInt64,
  type NodeAffinity,
  type NodeAffinityArgs,
  type NodeSelectorOperator,
  type NodeSelectorRequirement,
  type NodeSelectorTerm,
  type PreferredSchedulingTerm,
} from '../../../src/engine/components/scheduler/plugins/node-affinity.ts';
import { cluster, info, newNode, newPod } from './fixtures.ts';

type Plugin = PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin;
const plugin = (args?: NodeAffinityArgs): Plugin => nodeAffinity(args as Record<string, unknown> | undefined, undefined as never) as Plugin;

const r = (key: string, operator: NodeSelectorOperator, values?: string[]): NodeSelectorRequirement => ({ key, operator, ...(values ? { values } : {}) });
const exprs = (...matchExpressions: NodeSelectorRequirement[]): NodeSelectorTerm => ({ matchExpressions });
const fields = (...matchFields: NodeSelectorRequirement[]): NodeSelectorTerm => ({ matchFields });
const name = (...values: string[]) => r('metadata.name', 'In', values);
const required = (...nodeSelectorTerms: NodeSelectorTerm[]): NodeAffinity => ({ requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms } });

interface PodSpecParts {
  nodeSelector?: Record<string, string>;
  nodeAffinity?: NodeAffinity;
}
const pod = (p: PodSpecParts = {}): Pod =>
  newPod('p', { spec: { ...(p.nodeSelector ? { nodeSelector: p.nodeSelector } : {}), ...(p.nodeAffinity ? { affinity: { nodeAffinity: p.nodeAffinity } } : {}) } });

interface FilterCase {
  pod: PodSpecParts;
  labels?: Record<string, string>;
  node?: string;
  /** Filter's reason, null when the node passes. */
  want: string | null;
  preFilter?: Status;
  nodeNames?: string[];
  args?: NodeAffinityArgs;
  skipPreFilter?: boolean;
}

function runFilter(c: FilterCase) {
  const p = plugin(c.args);
  const { infos, snapshot } = cluster([newNode(c.node ?? 'node1', { labels: c.labels })]);
  const pi = info(pod(c.pod));
  const state = new CycleState();
  const pre = c.skipPreFilter ? null : p.preFilter(state, pi, snapshot);
  const names = pre === null && !c.skipPreFilter ? p.preFilterResult!(state)?.nodeNames : undefined;
  return { pre, names: names ? [...names].sort() : undefined, filter: p.filter(state, pi, infos[0]) };
}

const GPU_NOT_AMD = required(exprs(r('GPU', 'Exists'), r('GPU', 'NotIn', ['AMD', 'INTER'])));
const ZONE = (v: string) => required(exprs(r('zone', 'In', [v])));
const ADDED_NODE2: NodeAffinityArgs = { addedAffinity: required(fields(name('node2'))) };

describe('NodeAffinity Filter (upstream TestNodeAffinity)', () => {
  it.each<[string, FilterCase]>([
    ['missing labels', { pod: { nodeSelector: { foo: 'bar' } }, want: ERR_REASON_POD }],
    ['same labels', { pod: { nodeSelector: { foo: 'bar' } }, labels: { foo: 'bar' }, want: null }],
    ['node labels are superset', { pod: { nodeSelector: { foo: 'bar' } }, labels: { foo: 'bar', baz: 'blah' }, want: null }],
    ['node labels are subset', { pod: { nodeSelector: { foo: 'bar', baz: 'blah' } }, labels: { foo: 'bar' }, want: ERR_REASON_POD }],
    ['In matches', { pod: { nodeAffinity: required(exprs(r('foo', 'In', ['bar', 'value2']))) }, labels: { foo: 'bar' }, want: null }],
    ['Gt matches (0206 > 0204)', { pod: { nodeAffinity: required(exprs(r('kernel-version', 'Gt', ['0204']))) }, labels: { 'kernel-version': '0206' }, want: null }],
    ['NotIn matches', { pod: { nodeAffinity: required(exprs(r('mem-type', 'NotIn', ['DDR', 'DDR2']))) }, labels: { 'mem-type': 'DDR3' }, want: null }],
    ['Exists matches', { pod: { nodeAffinity: required(exprs(r('GPU', 'Exists'))) }, labels: { GPU: 'NVIDIA-GRID-K1' }, want: null }],
    ['In does not match', { pod: { nodeAffinity: required(exprs(r('foo', 'In', ['value1', 'value2']))) }, labels: { foo: 'bar' }, want: ERR_REASON_POD }],
    ['empty matchExpressions matches no node', { pod: { nodeAffinity: required(exprs()) }, labels: { foo: 'bar' }, want: ERR_REASON_POD }],
    ['no affinity: PreFilter skips', { pod: {}, labels: { foo: 'bar' }, preFilter: SKIP, want: null }],
    ['affinity without required terms: PreFilter skips', { pod: { nodeAffinity: {} }, labels: { foo: 'bar' }, preFilter: SKIP, want: null }],
    ['expressions ANDed, all match', { pod: { nodeAffinity: GPU_NOT_AMD }, labels: { GPU: 'NVIDIA-GRID-K1' }, want: null }],
    ['expressions ANDed, one fails', { pod: { nodeAffinity: required(exprs(r('GPU', 'Exists'), r('GPU', 'In', ['AMD', 'INTER']))) }, labels: { GPU: 'NVIDIA-GRID-K1' }, want: ERR_REASON_POD }],
    ['terms ORed', { pod: { nodeAffinity: required(exprs(r('foo', 'In', ['bar', 'value2'])), exprs(r('diffkey', 'In', ['wrong', 'value2']))) }, labels: { foo: 'bar' }, want: null }],
    ['nodeSelector and affinity both satisfied', { pod: { nodeSelector: { foo: 'bar' }, nodeAffinity: required(exprs(r('foo', 'Exists'))) }, labels: { foo: 'bar' }, want: null }],
    ['affinity satisfied but not nodeSelector', { pod: { nodeSelector: { foo: 'bar' }, nodeAffinity: required(exprs(r('foo', 'Exists'))) }, labels: { foo: 'barrrrrr' }, want: ERR_REASON_POD }],
    ['invalid value in a term: never matches', { pod: { nodeAffinity: required(exprs(r('foo', 'NotIn', ['invalid value: ___@#$%^']))) }, labels: { foo: 'bar' }, want: ERR_REASON_POD }],
    ['matchFields In matches', { pod: { nodeAffinity: required(fields(name('node1'))) }, node: 'node1', nodeNames: ['node1'], want: null }],
    ['matchFields In does not match', { pod: { nodeAffinity: required(fields(name('node1'))) }, node: 'node2', nodeNames: ['node1'], want: ERR_REASON_POD }],
    [
      'two terms: fields do not match but expressions do',
      { pod: { nodeAffinity: required(fields(name('node1'), name('node2')), exprs(r('foo', 'In', ['bar']))) }, node: 'node2', labels: { foo: 'bar' }, want: null },
    ],
    [
      'one term: fields do not match, expressions do',
      { pod: { nodeAffinity: required({ matchFields: [name('node1')], matchExpressions: [r('foo', 'In', ['bar'])] }) }, node: 'node2', labels: { foo: 'bar' }, nodeNames: ['node1'], want: ERR_REASON_POD },
    ],
    [
      'one term: fields and expressions both match',
      { pod: { nodeAffinity: required({ matchFields: [name('node1')], matchExpressions: [r('foo', 'In', ['bar'])] }) }, node: 'node1', labels: { foo: 'bar' }, nodeNames: ['node1'], want: null },
    ],
    [
      'two terms, neither matches',
      { pod: { nodeAffinity: required(fields(name('node1')), exprs(r('foo', 'In', ['not-match-to-bar']))) }, node: 'node2', labels: { foo: 'bar' }, want: ERR_REASON_POD },
    ],
    ['two terms of node names: union', { pod: { nodeAffinity: required(fields(name('node1')), fields(name('node2'))) }, node: 'node2', nodeNames: ['node1', 'node2'], want: null }],
    [
      'conflicting name requirements in one term',
      { pod: { nodeAffinity: required(fields(name('node1'), name('node2'))) }, node: 'node2', labels: { foo: 'bar' }, preFilter: { code: Code.UnschedulableAndUnresolvable, reasons: [ERR_REASON_CONFLICT] }, want: ERR_REASON_POD },
    ],
    ['matches addedAffinity and the pod', { pod: { nodeAffinity: ZONE('foo') }, node: 'node2', labels: { zone: 'foo' }, args: ADDED_NODE2, want: null }],
    ['matches addedAffinity but not the pod', { pod: { nodeAffinity: ZONE('bar') }, node: 'node2', labels: { zone: 'foo' }, args: ADDED_NODE2, want: ERR_REASON_POD }],
    ["doesn't match addedAffinity", { pod: {}, node: 'node2', labels: { zone: 'foo' }, args: { addedAffinity: ZONE('bar') }, want: ERR_REASON_ENFORCED }],
    ['nodeSelector without PreFilter', { pod: { nodeSelector: { foo: 'bar' } }, labels: { foo: 'bar', baz: 'blah' }, skipPreFilter: true, want: null }],
    ['affinity without PreFilter', { pod: { nodeAffinity: GPU_NOT_AMD }, labels: { GPU: 'NVIDIA-GRID-K1' }, skipPreFilter: true, want: null }],
    ['affinity without PreFilter, no match', { pod: { nodeAffinity: GPU_NOT_AMD }, labels: { GPU: 'AMD' }, skipPreFilter: true, want: ERR_REASON_POD }],
  ])('%s', (_name, c) => {
    const got = runFilter(c);
    expect(got.pre).toEqual(c.skipPreFilter ? null : (c.preFilter ?? null));
    expect(got.names).toEqual(c.nodeNames);
    if (c.want === null) expect(got.filter).toBeNull();
    else expect(got.filter).toEqual({ code: Code.UnschedulableAndUnresolvable, reasons: [c.want] });
  });
});

describe('NodeAffinity PreFilter', () => {
  const pre = (p: PodSpecParts, args?: NodeAffinityArgs) => {
    const pl = plugin(args);
    const state = new CycleState();
    const s = pl.preFilter(state, info(pod(p)), cluster([]).snapshot);
    const names = pl.preFilterResult!(state)?.nodeNames;
    return { s, names: names ? [...names].sort() : undefined };
  };

  it('skips only when there is nothing to check', () => {
    expect(pre({}).s).toBe(SKIP);
    expect(pre({ nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [] } }).s).toBe(SKIP);
    expect(pre({ nodeSelector: { a: 'b' } }).s).toBeNull();
    expect(pre({ nodeSelector: {} }).s).toBeNull();
    expect(pre({ nodeAffinity: required() }).s).toBeNull();
    expect(pre({}, ADDED_NODE2).s).toBeNull();
    expect(pre({}, { addedAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: exprs(r('a', 'Exists')) }] } }).s).toBe(SKIP);
  });

  it.each<[string, NodeSelectorTerm[], string[] | undefined]>([
    ['one name', [fields(name('n1'))], ['n1']],
    ['In with several values', [fields(name('n1', 'n2'))], ['n1', 'n2']],
    ['intersection within a term', [fields(name('a', 'b'), name('b', 'c'))], ['b']],
    ['union over terms', [fields(name('a')), fields(name('b', 'c'))], ['a', 'b', 'c']],
    ['a term without names lets every node in', [fields(name('a')), exprs(r('x', 'Exists'))], undefined],
    ['an empty term lets every node in', [fields(name('a')), {}], undefined],
    ['NotIn does not pin names', [fields(r('metadata.name', 'NotIn', ['a']))], undefined],
    ['no terms', [], undefined],
  ])('PreFilterResult: %s', (_name, terms, want) => expect(pre({ nodeAffinity: required(...terms) }).names).toEqual(want));

  it('rejects the pod when every term pins disjoint names', () => {
    const got = pre({ nodeAffinity: required(fields(name('a'), name('b')), fields(name('c'), name('d'))) });
    expect(got.s).toEqual({ code: Code.UnschedulableAndUnresolvable, reasons: ['pod affinity terms conflict'] });
    expect(got.names).toBeUndefined();
  });
});

describe('NodeAffinity matching rules', () => {
  const matches = (term: NodeSelectorTerm, labels: Record<string, string>, node = 'node1') =>
    runFilter({ pod: { nodeAffinity: required(term) }, labels, node, want: null }).filter === null;

  it.each<[string, NodeSelectorTerm, Record<string, string>, boolean]>([
    ['In: label missing', exprs(r('a', 'In', ['x'])), {}, false],
    ['NotIn: label missing matches', exprs(r('a', 'NotIn', ['x'])), {}, true],
    ['NotIn: value listed', exprs(r('a', 'NotIn', ['x'])), { a: 'x' }, false],
    ['Exists: missing', exprs(r('a', 'Exists')), {}, false],
    ['Exists: empty value counts', exprs(r('a', 'Exists')), { a: '' }, true],
    ['DoesNotExist: missing', exprs(r('a', 'DoesNotExist')), {}, true],
    ['DoesNotExist: present', exprs(r('a', 'DoesNotExist')), { a: 'x' }, false],
    ['Gt: greater', exprs(r('cpu', 'Gt', ['4'])), { cpu: '8' }, true],
    ['Gt: equal is not greater', exprs(r('cpu', 'Gt', ['4'])), { cpu: '4' }, false],
    ['Gt: a negative bound is not a valid label value → term invalid', exprs(r('t', 'Gt', ['-5'])), { t: '4' }, false],
    ['Gt: label not an integer', exprs(r('cpu', 'Gt', ['4'])), { cpu: '8.5' }, false],
    ['Gt: label missing', exprs(r('cpu', 'Gt', ['4'])), {}, false],
    ['Gt: +8 parses', exprs(r('cpu', 'Gt', ['4'])), { cpu: '+8' }, true],
    ['Lt: smaller', exprs(r('cpu', 'Lt', ['4'])), { cpu: '2' }, true],
    ['Lt: larger', exprs(r('cpu', 'Lt', ['4'])), { cpu: '6' }, false],
    ['Lt: label beyond int64', exprs(r('n', 'Lt', ['4'])), { n: '-9223372036854775809' }, false],
    ['Gt: bound not an integer → term invalid', exprs(r('cpu', 'Gt', ['four'])), { cpu: '8' }, false],
    ['Gt: two values → term invalid', exprs(r('cpu', 'Gt', ['1', '2'])), { cpu: '8' }, false],
    ['In: no values → term invalid', exprs(r('a', 'In', [])), { a: 'x' }, false],
    ['NotIn: no values → term invalid', exprs(r('a', 'NotIn')), { a: 'x' }, false],
    ['Exists with values → term invalid', exprs(r('a', 'Exists', ['x'])), { a: 'x' }, false],
    ['unknown operator → term invalid', exprs(r('a', 'Foo' as NodeSelectorOperator, ['x'])), { a: 'x' }, false],
    ['invalid key → term invalid', exprs(r('bad key!', 'Exists')), { 'bad key!': 'x' }, false],
    ['matchFields NotIn another name', fields(r('metadata.name', 'NotIn', ['node2'])), {}, true],
    ['matchFields NotIn own name', fields(r('metadata.name', 'NotIn', ['node1'])), {}, false],
    ['matchFields In with two values → term invalid', fields(name('node1', 'node2')), {}, false],
    ['matchFields Exists → term invalid', fields(r('metadata.name', 'Exists')), {}, false],
    ['matchFields on another field reads ""', fields(r('metadata.uid', 'In', ['x'])), {}, false],
    ['label called like a prototype key', exprs(r('constructor', 'Exists')), {}, false],
  ])('%s', (_name, term, labels, want) => expect(matches(term, labels)).toBe(want));

  it('an invalid term does not stop a valid one from matching (lazy errors)', () => {
    const term = required(exprs(r('a', 'Gt', ['x'])), exprs(r('b', 'Exists')));
    expect(runFilter({ pod: { nodeAffinity: term }, labels: { a: '1', b: '' }, want: null }).filter).toBeNull();
  });

  it('required with no terms matches no node', () => {
    expect(runFilter({ pod: { nodeAffinity: required() }, labels: { a: 'b' }, want: null }).filter?.reasons).toEqual([ERR_REASON_POD]);
  });

  it.each<[string, number]>([
    ['0', 0],
    ['-0', -0],
    ['0204', 204],
    ['+17', 17],
    ['-42', -42],
    ['9223372036854775807', 2 ** 63],
    ['-9223372036854775808', -(2 ** 63)],
    ['0009223372036854775807', 2 ** 63],
  ])('parseInt64(%j) = %d (int64 limits round to ±2^63 as float64)', (s, want) => expect(parseInt64(s)).toBe(want));

  it.each(['', '+', '-', '1.5', ' 1', '1 ', '0x10', '1e3', '1_000', '9223372036854775808', '-9223372036854775809', '99999999999999999999'])(
    'parseInt64(%j) is not an int64',
    (s) => expect(parseInt64(s)).toBeNaN(),
  );
});

describe('NodeAffinity Score (upstream TestNodeAffinityPriority)', () => {
  const label1 = { foo: 'bar' };
  const label2 = { key: 'value' };
  const label3 = { az: 'az1' };
  const label4 = { abc: 'az11', def: 'az22' };
  const label5 = { foo: 'bar', key: 'value', az: 'az1' };
  const pref = (weight: number, term: NodeSelectorTerm): PreferredSchedulingTerm => ({ weight, preference: term });
  const affinity1: NodeAffinity = { preferredDuringSchedulingIgnoredDuringExecution: [pref(2, exprs(r('foo', 'In', ['bar'])))] };
  const affinity2: NodeAffinity = {
    preferredDuringSchedulingIgnoredDuringExecution: [
      pref(2, exprs(r('foo', 'In', ['bar']))),
      pref(4, exprs(r('key', 'In', ['value']))),
      pref(5, exprs(r('foo', 'In', ['bar']), r('key', 'In', ['value']), r('az', 'In', ['az1']))),
    ],
  };

  /** PreScore (unless skipped), Score, NormalizeScore; 'skip' when PreScore skips. */
  function scores(na: NodeAffinity | undefined, nodes: Record<string, Record<string, string>>, args?: NodeAffinityArgs, runPreScore = true): number[] | 'skip' {
    const p = plugin(args);
    const { infos } = cluster(Object.entries(nodes).map(([n, labels]) => newNode(n, { labels })));
    const pi = info(pod(na ? { nodeAffinity: na } : {}));
    const state = new CycleState();
    if (runPreScore) {
      const s = p.preScore(state, pi, infos);
      if (s === SKIP) return 'skip';
      expect(s).toBeNull();
    }
    const out = infos.map((n) => p.score(state, pi, n));
    p.normalizeScore!(state, pi, out, infos);
    return out;
  }

  it.each<[string, NodeAffinity | undefined, Record<string, Record<string, string>>, number[] | 'skip', NodeAffinityArgs?, boolean?]>([
    ['no node affinity: PreScore skips', undefined, { node1: label1, node2: label2, node3: label3 }, 'skip'],
    ['no node matches', affinity1, { node1: label4, node2: label2, node3: label3 }, [0, 0, 0]],
    ['only node1 matches', affinity1, { node1: label1, node2: label2, node3: label3 }, [100, 0, 0]],
    ['§5.2: raw 2, 11, 4 → 18, 100, 36', affinity2, { node1: label1, node5: label5, node2: label2 }, [18, 100, 36]],
    ['added affinity only', undefined, { node1: label1, node2: label2 }, [100, 0], { addedAffinity: affinity1 }],
    [
      'added affinity and the pod’s: raw 2, 3, 5 → 40, 60, 100',
      affinity1,
      { node1: label1, node2: label2, node3: label5 },
      [40, 60, 100],
      { addedAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [pref(3, exprs(r('key', 'In', ['value'])))] } },
    ],
    ['without PreScore', affinity2, { node1: label1, node5: label5, node2: label2 }, [18, 100, 36], undefined, false],
    ['empty preferred list: no skip, all 0', { preferredDuringSchedulingIgnoredDuringExecution: [] }, { node1: label1 }, [0]],
    ['weight-0 and empty terms are ignored', { preferredDuringSchedulingIgnoredDuringExecution: [pref(0, exprs(r('foo', 'Exists'))), pref(7, {}), pref(1, exprs(r('key', 'Exists')))] }, { node1: label1, node2: label2 }, [0, 100]],
    ['matchFields in a preferred term', { preferredDuringSchedulingIgnoredDuringExecution: [pref(5, fields(name('node2')))] }, { node1: {}, node2: {} }, [0, 100]],
  ])('%s', (_name, na, nodes, want, args, runPreScore = true) => expect(scores(na, nodes, args, runPreScore)).toEqual(want));

  it('raw score is the sum of matching weights', () => {
    const p = plugin();
    const { infos } = cluster([newNode('node5', { labels: label5 })]);
    const pi = info(pod({ nodeAffinity: affinity2 }));
    const state = new CycleState();
    p.preScore(state, pi, infos);
    expect(p.score(state, pi, infos[0])).toBe(11);
  });

  it('an invalid preferred term makes PreScore fail with an Error', () => {
    const s = plugin().preScore(new CycleState(), info(pod({ nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [pref(1, exprs(r('a', 'Gt', ['x'])))] } })), []);
    expect(s?.code).toBe(Code.Error);
    expect(s?.reasons[0]).toMatch(/must be an integer/);
  });

  it('an invalid addedAffinity is a configuration error', () => {
    expect(() => plugin({ addedAffinity: required(exprs(r('a', 'In', []))) })).toThrow(/NodeAffinityArgs/);
    expect(() => plugin({ addedAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [pref(1, fields(r('metadata.name', 'Exists')))] } })).toThrow(/NodeAffinityArgs/);
  });
});

describe('NodeAffinity explain, name and events', () => {
  const explain = (c: FilterCase) => {
    const p = plugin(c.args);
    const { infos } = cluster([newNode(c.node ?? 'node-2', { labels: c.labels })]);
    const pi = info(pod(c.pod));
    const s = p.filter(new CycleState(), pi, infos[0]);
    return p.explain!(pi, infos[0], s!);
  };

  it('names the nodeSelector label that does not match', () => {
    expect(explain({ pod: { nodeSelector: { disktype: 'ssd' } }, labels: { disktype: 'hdd' }, want: null })).toBe(
      "the node's labels do not match the pod's nodeSelector disktype=ssd (the node has disktype=hdd)",
    );
    expect(explain({ pod: { nodeSelector: { disktype: 'ssd' } }, want: null })).toBe(
      "the node's labels do not match the pod's nodeSelector disktype=ssd (the node has no disktype label)",
    );
  });

  it('says why each required term fails', () => {
    const na = required(exprs(r('zone', 'In', ['a', 'b'])), fields(name('node-1')), {}, exprs(r('x', 'Gt', ['y'])));
    expect(explain({ pod: { nodeAffinity: na }, labels: { zone: 'c' }, want: null })).toBe(
      "the node matches none of the pod's required node affinity terms (term 1 needs zone in (a,b) but the node has zone=c; " +
        'term 2 needs metadata.name in (node-1) but the node is named node-2; term 3 an empty term matches no node; ' +
        "term 4 it is invalid and never matches (nodeSelectorTerm.matchExpressions[0].values[0]: Invalid value: \"y\": for 'Gt', 'Lt' operators, the value must be an integer))",
    );
    expect(explain({ pod: { nodeAffinity: required() }, want: null })).toBe("the pod's required node affinity has no nodeSelectorTerms, so it matches no node");
  });

  it('explains the scheduler-enforced affinity', () => {
    expect(explain({ pod: {}, args: { addedAffinity: ZONE('bar') }, want: null })).toMatch(/^node-2 does not match the node affinity this scheduler profile adds/);
  });

  it('registers v1.31 events', () => {
    const p = plugin();
    expect(p.name).toBe(NAME);
    expect(p.events).toEqual([
      { resource: 'Node', action: 'Add' },
      { resource: 'Node', action: 'Update' },
    ]);
  });
});
