/**
 * TaintToleration against reference §5.1 and upstream v1.31 `taint_toleration_test.go`: the
 * toleration matching rules, Filter's first-untolerated-taint reason, and the reversed Score.
 */
import { describe, expect, it } from 'vitest';
import type { Taint, Toleration } from '../../../src/engine/api/types.ts';
import { Code, CycleState, SKIP, toleratesTaint, type FilterPlugin, type PreScorePlugin, type ScorePlugin } from '../../../src/engine/components/scheduler/framework/types.ts';
import {
  NAME,
  firstUntoleratedTaint,
  formatTaint,
  preferNoScheduleTolerations,
  taintToleration,
} from '../../../src/engine/components/scheduler/plugins/taint-toleration.ts';
import { cluster, info, newNode, newPod } from './fixtures.ts';

type Plugin = FilterPlugin & PreScorePlugin & ScorePlugin;
const plugin = (): Plugin => taintToleration(undefined, undefined as never) as Plugin;

const taint = (key: string, value: string | undefined, effect: Taint['effect']): Taint => ({ key, ...(value !== undefined ? { value } : {}), effect });
const podWith = (tolerations: Toleration[]) => info(newPod('p', { spec: { tolerations } }));

function filter(tolerations: Toleration[], taints: Taint[]) {
  const { infos } = cluster([newNode('node-a', { taints })]);
  return plugin().filter(new CycleState(), podWith(tolerations), infos[0]);
}

/** PreScore, Score per node, NormalizeScore — the plugin's final scores. */
function scores(tolerations: Toleration[], nodeTaints: Taint[][]): number[] {
  const p = plugin();
  const { infos } = cluster(nodeTaints.map((taints, i) => newNode(`node-${i}`, { taints })));
  const pod = podWith(tolerations);
  const state = new CycleState();
  expect(p.preScore(state, pod, infos)).toBeNull();
  const out = infos.map((n) => p.score(state, pod, n));
  p.normalizeScore!(state, pod, out, infos);
  return out;
}

describe('toleratesTaint (v1 Toleration.ToleratesTaint)', () => {
  const t = taint('dedicated', 'gpu', 'NoSchedule');
  it.each<[string, Toleration, Taint, boolean]>([
    ['Equal with the same key, value and effect', { key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }, t, true],
    ['Equal with another value', { key: 'dedicated', operator: 'Equal', value: 'cpu', effect: 'NoSchedule' }, t, false],
    ['no operator means Equal (same value)', { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }, t, true],
    ['no operator means Equal (other value)', { key: 'dedicated', value: 'cpu', effect: 'NoSchedule' }, t, false],
    ['Equal without value matches only an empty taint value', { key: 'dedicated', operator: 'Equal', effect: 'NoSchedule' }, t, false],
    ['Equal without value, taint without value', { key: 'k', operator: 'Equal' }, taint('k', undefined, 'NoSchedule'), true],
    ['Exists matches any value', { key: 'dedicated', operator: 'Exists', effect: 'NoSchedule' }, t, true],
    ['Exists with another key', { key: 'other', operator: 'Exists' }, t, false],
    ['empty key + Exists tolerates every taint', { operator: 'Exists' }, t, true],
    ['empty key + Exists tolerates NoExecute too', { operator: 'Exists' }, taint('x', 'y', 'NoExecute'), true],
    ['empty key + Exists + effect only that effect', { operator: 'Exists', effect: 'NoExecute' }, t, false],
    ['empty effect matches NoSchedule', { key: 'dedicated', operator: 'Equal', value: 'gpu' }, t, true],
    ['empty effect matches PreferNoSchedule', { key: 'dedicated', value: 'gpu', effect: '' }, taint('dedicated', 'gpu', 'PreferNoSchedule'), true],
    ['empty effect matches NoExecute', { key: 'dedicated', operator: 'Exists' }, taint('dedicated', 'gpu', 'NoExecute'), true],
    ['a different non-empty effect does not match', { key: 'dedicated', value: 'gpu', effect: 'PreferNoSchedule' }, t, false],
    ['NoExecute toleration, NoSchedule taint', { key: 'dedicated', operator: 'Exists', effect: 'NoExecute' }, t, false],
    ['empty key + Equal compares only the value (edge; validation forbids it)', { operator: 'Equal' }, taint('node-role.kubernetes.io/control-plane', undefined, 'NoSchedule'), true],
    ['unknown operator never matches', { key: 'dedicated', operator: 'Gt' as never, value: 'gpu' }, t, false],
  ])('%s', (_name, tol, tnt, want) => expect(toleratesTaint(tol, tnt)).toBe(want));

  // v1.31 ToleratesTaint treats operator "" like Equal; framework/types.ts maps only undefined to Equal.
  it('operator "" means Equal', () => {
    expect(toleratesTaint({ key: 'dedicated', operator: '' as never, value: 'gpu' }, t)).toBe(true);
  });
});

describe('TaintToleration Filter', () => {
  it.each<[string, Toleration[], Taint[], string | null]>([
    // reference §5.1 table
    ['no tolerations, dedicated=user1:NoSchedule', [], [taint('dedicated', 'user1', 'NoSchedule')], 'node(s) had untolerated taint {dedicated: user1}'],
    ['PreferNoSchedule toleration does not tolerate a NoSchedule taint', [{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' }], [taint('foo', 'bar', 'NoSchedule')], 'node(s) had untolerated taint {foo: bar}'],
    ['toleration without effect tolerates NoSchedule', [{ key: 'foo', operator: 'Equal', value: 'bar' }], [taint('foo', 'bar', 'NoSchedule')], null],
    ['only PreferNoSchedule taints pass', [{ key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' }], [taint('dedicated', 'user1', 'PreferNoSchedule')], null],
    // upstream cases
    ['no tolerations, only a PreferNoSchedule taint', [], [taint('dedicated', 'user1', 'PreferNoSchedule')], null],
    ['dedicated node for user1, pod tolerates it', [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }], [taint('dedicated', 'user1', 'NoSchedule')], null],
    ['dedicated node for user1, pod tolerates user2', [{ key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' }], [taint('dedicated', 'user1', 'NoSchedule')], 'node(s) had untolerated taint {dedicated: user1}'],
    ['Exists tolerates any value', [{ key: 'foo', operator: 'Exists', effect: 'NoSchedule' }], [taint('foo', 'bar', 'NoSchedule')], null],
    [
      'several tolerations tolerate several taints',
      [{ key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' }, { key: 'foo', operator: 'Exists', effect: 'NoSchedule' }],
      [taint('dedicated', 'user2', 'NoSchedule'), taint('foo', 'bar', 'NoSchedule')],
      null,
    ],
    // edge cases
    ['empty taint value renders as {key: }', [], [taint('node-role.kubernetes.io/control-plane', undefined, 'NoSchedule')], 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'],
    ['NoExecute taints reject too', [], [taint('node.kubernetes.io/not-ready', undefined, 'NoExecute')], 'node(s) had untolerated taint {node.kubernetes.io/not-ready: }'],
    [
      'the first untolerated taint in spec order is reported',
      [{ key: 'a', operator: 'Exists' }],
      [taint('a', '1', 'NoSchedule'), taint('p', '0', 'PreferNoSchedule'), taint('b', '2', 'NoExecute'), taint('c', '3', 'NoSchedule')],
      'node(s) had untolerated taint {b: 2}',
    ],
    ['empty key + Exists tolerates everything', [{ operator: 'Exists' }], [taint('a', '1', 'NoSchedule'), taint('b', '2', 'NoExecute')], null],
    ['no tolerations, no taints', [], [], null],
    ['tolerations but no taints', [{ key: 'a', operator: 'Exists' }], [], null],
  ])('%s', (_name, tolerations, taints, reason) => {
    const s = filter(tolerations, taints);
    if (reason === null) expect(s).toBeNull();
    else expect(s).toEqual({ code: Code.UnschedulableAndUnresolvable, reasons: [reason] });
  });

  it('reuses one rejection per taint object', () => {
    const p = plugin();
    const { infos } = cluster([newNode('node-a', { taints: [taint('dedicated', 'gpu', 'NoSchedule')] })]);
    const pod = podWith([]);
    expect(p.filter(new CycleState(), pod, infos[0])).toBe(p.filter(new CycleState(), pod, infos[0]));
  });

  it('firstUntoleratedTaint ignores PreferNoSchedule taints', () => {
    expect(firstUntoleratedTaint([taint('x', 'y', 'PreferNoSchedule')], [])).toBeUndefined();
  });
});

describe('TaintToleration Score', () => {
  const pns = (key: string, value: string) => taint(key, value, 'PreferNoSchedule');
  it.each<[string, Toleration[], Taint[][], number[]]>([
    // reference §5.1 table
    ['foo=bar:PreferNoSchedule: none / 1 / 2 untolerated', [{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' }], [[], [pns('cpu-type', 'arm64')], [pns('cpu-type', 'arm64'), pns('disk-type', 'ssd')]], [100, 50, 0]],
    [
      'NoSchedule tolerations do not count for scoring',
      [{ key: 'cpu-type', operator: 'Equal', value: 'arm64', effect: 'NoSchedule' }, { key: 'disk-type', operator: 'Equal', value: 'ssd', effect: 'NoSchedule' }],
      [[], [taint('cpu-type', 'arm64', 'NoSchedule')], [pns('cpu-type', 'arm64'), pns('disk-type', 'ssd')]],
      [100, 100, 0],
    ],
    // upstream cases
    ['tolerated vs untolerated PreferNoSchedule taint', [{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' }], [[pns('foo', 'bar')], [pns('foo', 'blah')]], [100, 0]],
    [
      'all taints tolerated: same score however many',
      [{ key: 'cpu-type', operator: 'Equal', value: 'arm64', effect: 'PreferNoSchedule' }, { key: 'disk-type', operator: 'Equal', value: 'ssd', effect: 'PreferNoSchedule' }],
      [[], [pns('cpu-type', 'arm64')], [pns('cpu-type', 'arm64'), pns('disk-type', 'ssd')]],
      [100, 100, 100],
    ],
    ['no tolerations: untainted node wins', [], [[], [pns('cpu-type', 'arm64')]], [100, 0]],
    // edge cases
    ['a toleration without effect counts for scoring', [{ key: 'cpu-type', operator: 'Exists' }], [[pns('cpu-type', 'arm64')], [pns('disk-type', 'ssd')]], [100, 0]],
    ['no node has an untolerated PreferNoSchedule taint: all 100', [], [[], [taint('a', 'b', 'NoSchedule')]], [100, 100]],
    ['integer division: counts 1, 2, 3 → 67, 34, 0', [], [[pns('a', '1')], [pns('a', '1'), pns('b', '2')], [pns('a', '1'), pns('b', '2'), pns('c', '3')]], [67, 34, 0]],
  ])('%s', (_name, tolerations, nodeTaints, want) => expect(scores(tolerations, nodeTaints)).toEqual(want));

  it('PreScore keeps only tolerations with effect PreferNoSchedule or empty', () => {
    const tolerations: Toleration[] = [
      { key: 'a', operator: 'Exists' },
      { key: 'b', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'c', operator: 'Exists', effect: 'PreferNoSchedule' },
      { key: 'd', operator: 'Exists', effect: 'NoExecute' },
      { key: 'e', operator: 'Exists', effect: '' },
    ];
    expect(preferNoScheduleTolerations(tolerations).map((t) => t.key)).toEqual(['a', 'c', 'e']);
    expect(preferNoScheduleTolerations(undefined)).toEqual([]);
  });

  it('PreScore never skips (v1.31)', () => {
    const p = plugin();
    expect(p.preScore(new CycleState(), podWith([]), [])).not.toBe(SKIP);
  });

  it('Score works without PreScore state', () => {
    const p = plugin();
    const { infos } = cluster([newNode('n', { taints: [pns('a', '1'), pns('b', '2')] })]);
    expect(p.score(new CycleState(), podWith([{ key: 'a', operator: 'Exists' }]), infos[0])).toBe(1);
  });
});

describe('TaintToleration explain, name and events', () => {
  const explain = (tolerations: Toleration[], taints: Taint[]) => {
    const { infos } = cluster([newNode('node-2', { taints })]);
    const pod = podWith(tolerations);
    const p = plugin();
    return p.explain!(pod, infos[0], p.filter(new CycleState(), pod, infos[0])!);
  };

  it('says which taint and why', () => {
    expect(explain([], [taint('dedicated', 'gpu', 'NoSchedule')])).toBe('the node has taint dedicated=gpu:NoSchedule and the pod has no toleration for it');
    expect(explain([{ key: 'other', operator: 'Exists' }], [taint('dedicated', 'gpu', 'NoSchedule')])).toBe(
      "the node has taint dedicated=gpu:NoSchedule and none of the pod's 1 toleration(s) is for key dedicated",
    );
    expect(explain([{ key: 'dedicated', value: 'cpu', effect: 'NoSchedule' }], [taint('dedicated', 'gpu', 'NoSchedule')])).toBe(
      "the node has taint dedicated=gpu:NoSchedule; the pod's toleration(s) dedicated=cpu:NoSchedule do not match its value or effect",
    );
  });

  it('formats taints as kubectl does', () => {
    expect(formatTaint(taint('a', 'b', 'NoExecute'))).toBe('a=b:NoExecute');
    expect(formatTaint(taint('node-role.kubernetes.io/control-plane', undefined, 'NoSchedule'))).toBe('node-role.kubernetes.io/control-plane:NoSchedule');
  });

  it('registers v1.31 events', () => {
    const p = plugin();
    expect(p.name).toBe(NAME);
    expect(p.events).toEqual([
      { resource: 'Node', action: 'Add' },
      { resource: 'Node', action: 'UpdateNodeTaint' },
    ]);
  });
});
