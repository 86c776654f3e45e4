/**
 * NodeUnschedulable against reference §5.5 and upstream v1.31 `node_unschedulable_test.go`: a
 * cordoned node rejects pods that do not tolerate `node.kubernetes.io/unschedulable:NoSchedule`.
 */
import { describe, expect, it } from 'vitest';
import type { Toleration } from '../../../src/engine/api/types.ts';
import { Code, CycleState, type FilterPlugin } from '../../../src/engine/components/scheduler/framework/types.ts';
import { ERR_REASON_UNSCHEDULABLE, NAME, nodeUnschedulable } from '../../../src/engine/components/scheduler/plugins/node-unschedulable.ts';
import { cluster, info, newNode, newPod } from './fixtures.ts';

const plugin = (): FilterPlugin => nodeUnschedulable(undefined, undefined as never) as FilterPlugin;
const KEY = 'node.kubernetes.io/unschedulable';

function filter(unschedulable: boolean | undefined, tolerations?: Toleration[]) {
  const { infos } = cluster([newNode('node-2', { unschedulable })]);
  return plugin().filter(new CycleState(), info(newPod('p', { spec: tolerations ? { tolerations } : {} })), infos[0]);
}

describe('NodeUnschedulable Filter', () => {
  it.each<[string, boolean | undefined, Toleration[] | undefined, boolean]>([
    ['cordoned node, no tolerations', true, undefined, false],
    ['schedulable node', false, undefined, true],
    ['spec.unschedulable unset', undefined, undefined, true],
    ['cordoned node, toleration for the unschedulable taint', true, [{ key: KEY, operator: 'Exists', effect: 'NoSchedule' }], true],
    ['cordoned node, Equal with empty value tolerates (the taint has no value)', true, [{ key: KEY, operator: 'Equal', value: '', effect: 'NoSchedule' }], true],
    ['cordoned node, Equal with a value does not tolerate', true, [{ key: KEY, operator: 'Equal', value: 'true', effect: 'NoSchedule' }], false],
    ['cordoned node, toleration without effect', true, [{ key: KEY, operator: 'Exists' }], true],
    ['cordoned node, NoExecute toleration does not help', true, [{ key: KEY, operator: 'Exists', effect: 'NoExecute' }], false],
    ['cordoned node, tolerate-everything (empty key + Exists)', true, [{ operator: 'Exists' }], true],
    ['cordoned node, unrelated toleration', true, [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists' }], false],
    ['cordoned node, empty toleration list', true, [], false],
  ])('%s', (_name, unschedulable, tolerations, passes) => {
    const s = filter(unschedulable, tolerations);
    if (passes) expect(s).toBeNull();
    else expect(s).toEqual({ code: Code.UnschedulableAndUnresolvable, reasons: ['node(s) were unschedulable'] });
  });

  it('ignores the node taints themselves (that is TaintToleration)', () => {
    const { infos } = cluster([newNode('n', { taints: [{ key: KEY, effect: 'NoSchedule' }] })]);
    expect(plugin().filter(new CycleState(), info(newPod('p')), infos[0])).toBeNull();
  });

  it('explains in plain words', () => {
    const p = plugin();
    const { infos } = cluster([newNode('node-2', { unschedulable: true })]);
    const pod = info(newPod('p'));
    expect(p.explain!(pod, infos[0], p.filter(new CycleState(), pod, infos[0])!)).toBe(
      'node-2 is cordoned (spec.unschedulable) and the pod does not tolerate node.kubernetes.io/unschedulable',
    );
  });

  it('has the v1.31 name, reason and events', () => {
    const p = plugin();
    expect(p.name).toBe(NAME);
    expect(ERR_REASON_UNSCHEDULABLE).toBe('node(s) were unschedulable');
    expect(p.events).toEqual([
      { resource: 'Node', action: 'Add' },
      { resource: 'Node', action: 'UpdateNodeTaint' },
    ]);
  });
});
