/**
 * NodeName against reference §5.5 and upstream v1.31 `node_name_test.go`: a pod with spec.nodeName
 * fits only that node.
 */
import { describe, expect, it } from 'vitest';
import { Code, CycleState, type FilterPlugin } from '../../../src/engine/components/scheduler/framework/types.ts';
import { ERR_REASON, NAME, nodeName } from '../../../src/engine/components/scheduler/plugins/node-name.ts';
import { cluster, info, newNode, newPod } from './fixtures.ts';

const plugin = (): FilterPlugin => nodeName(undefined, undefined as never) as FilterPlugin;

function filter(podNodeName: string | undefined, node: string) {
  const { infos } = cluster([newNode(node)]);
  return plugin().filter(new CycleState(), info(newPod('p', { nodeName: podNodeName })), infos[0]);
}

describe('NodeName Filter', () => {
  it.each<[string, string | undefined, string, boolean]>([
    ['no host name', undefined, 'foo', true],
    ['host name matches with node name', 'foo', 'foo', true],
    ['host name does not match with node name', 'bar', 'foo', false],
    ['empty spec.nodeName counts as unset', '', 'foo', true],
  ])('%s', (_name, want, node, passes) => {
    const s = filter(want, node);
    if (passes) expect(s).toBeNull();
    else expect(s).toEqual({ code: Code.UnschedulableAndUnresolvable, reasons: ["node(s) didn't match the requested node name"] });
  });

  it('explains in plain words', () => {
    const p = plugin();
    const { infos } = cluster([newNode('node-1')]);
    const pod = info(newPod('p', { nodeName: 'node-7' }));
    expect(p.explain!(pod, infos[0], p.filter(new CycleState(), pod, infos[0])!)).toBe('the pod asks for node node-7 (spec.nodeName) and this is node-1');
  });

  it('has the v1.31 name, reason and events', () => {
    const p = plugin();
    expect(p.name).toBe(NAME);
    expect(ERR_REASON).toBe("node(s) didn't match the requested node name");
    expect(p.events).toEqual([
      { resource: 'Node', action: 'Add' },
      { resource: 'Node', action: 'Update' },
    ]);
  });
});
