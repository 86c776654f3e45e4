import { describe, expect, it } from 'vitest';
import { Session } from '../../../src/commands/session.ts';
import { decisionReply } from '../../../src/app/decision-view.ts';
import type { DecisionRow, DecisionView } from '../../../src/app/protocol.ts';
import { filterCells, groupLabel, ROWS_SHOWN, shownRows } from '../../../src/app/views/scheduling/matrix.ts';
import { replayFrame, replaySteps } from '../../../src/app/views/scheduling/replay.ts';

function decisionFor(setup: (s: Session) => void, name: string): DecisionView {
  const s = new Session({ seed: 1 });
  s.execLine('sim advance 0s');
  setup(s);
  s.execLine('sim advance 2s');
  const reply = decisionReply(s.sim, 'default', name);
  if (!reply.decision) throw new Error(reply.note);
  return reply.decision;
}

const pod = (name: string, extra = '', cpu = '500m') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
${extra}  containers:
  - name: app
    image: nginx:1.27
    resources:
      requests:
        cpu: "${cpu}"
`;

describe('the scheduling replay, step by step from a real decision', () => {
  it('filters plugin by plugin, then the feasible nodes, the scores adding up, the winner, the bind', () => {
    const d = decisionFor((s) => {
      s.execLine('kubectl label node node-1 disktype=ssd');
      s.execLine('kubectl label node node-3 disktype=ssd');
      s.execLine('kubectl apply -f -', pod('picky', '  nodeSelector:\n    disktype: ssd\n'));
    }, 'picky');
    const steps = replaySteps(d);
    expect(steps.map((s) => s.kind)).toEqual(['start', 'filter', 'filter', 'feasible', 'score', 'score', 'score', 'score', 'select', 'bind']);
    // Every node is being filtered at the start.
    expect(Object.values(steps[0].marks).map((m) => m.state)).toEqual(['waiting', 'waiting', 'waiting', 'waiting']);
    // TaintToleration runs before NodeAffinity: the control plane turns red first.
    expect(steps[1].caption).toBe("TaintToleration rejects 1 node: node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }.");
    expect(steps[1].marks['control-plane']).toEqual({ state: 'rejected', label: '✕ TaintToleration' });
    expect(steps[1].marks['node-2'].state).toBe('waiting');
    expect(steps[2].caption).toBe("NodeAffinity rejects 1 node: node(s) didn't match Pod's node affinity/selector.");
    expect(steps[2].marks['node-2']).toEqual({ state: 'rejected', label: '✕ NodeAffinity' });
    expect(steps[3].marks['node-1']).toEqual({ state: 'feasible', label: '✓ feasible' });
    // Score bars grow by weight × normalized, plugin by plugin, up to the total.
    const winner = d.rows[0];
    let sum = 0;
    d.scores.forEach((s, k) => {
      sum += s.weight * winner.normalized![k];
      const mark = steps[4 + k].marks[winner.node];
      expect(mark.scoreText).toBe(String(sum));
      expect(mark.score).toBeCloseTo(sum / d.maxTotal);
      expect(mark.label).toBe(`+${s.weight * winner.normalized![k]} ${s.plugin}`);
    });
    expect(sum).toBe(winner.total);
    expect(steps[8].marks[d.selected!].state).toBe('winner');
    expect(steps[8].marks[d.selected!].label).toBe(`★ winner · ${winner.total}`);
    expect(steps[8].caption).toBe(d.tiedTop > 1 ? `${d.tiedTop} nodes tied at ${d.topTotal}; ${d.selected} was picked at random (seeded).` : `${d.selected} has the highest total, ${winner.total}.`);
    expect(steps[9]).toMatchObject({ kind: 'bind', caption: `Bind: default/picky → ${d.selected}.`, flyTo: d.selected });
    // Rejected nodes stay red to the end; only the bind step flies.
    expect(steps[9].marks['node-2'].state).toBe('rejected');
    expect(steps.filter((s) => s.flyTo).length).toBe(1);
    expect(replayFrame('default/picky', steps, 2)).toEqual({ pod: 'default/picky', step: 2, steps: 10, caption: steps[2].caption, marks: steps[2].marks });
    expect(replayFrame('default/picky', steps, 9).flyTo).toBe(d.selected);
  });

  it('an unschedulable pod ends with FailedScheduling and no flight', () => {
    const d = decisionFor((s) => s.execLine('kubectl apply -f -', pod('huge', '', '64')), 'huge');
    const steps = replaySteps(d);
    expect(steps.map((s) => s.kind)).toEqual(['start', 'filter', 'filter', 'fail']);
    expect(steps[2].caption).toBe('NodeResourcesFit rejects 3 nodes: Insufficient cpu.');
    expect(steps[3].caption).toBe(`No node fits. FailedScheduling: ${d.message}`);
    expect(Object.values(steps[3].marks).every((m) => m.state === 'rejected')).toBe(true);
    expect(steps.some((s) => s.flyTo)).toBe(false);
  });

  it('preemption marks the nominated node', () => {
    const d: DecisionView = {
      ...decisionFor((s) => s.execLine('kubectl apply -f -', pod('huge', '', '64')), 'huge'),
      postFilter: { nominatedNode: 'node-2', victims: ['default/low'], message: '' },
    };
    const steps = replaySteps(d);
    expect(steps[steps.length - 1]).toMatchObject({ kind: 'preempt', caption: 'Preemption: node-2 is nominated; evicting default/low makes room.' });
    expect(steps[steps.length - 1].marks['node-2']).toEqual({ state: 'nominated', label: 'nominated (preemption)' });
  });

  it('a PreFilter rejection is one step', () => {
    const d = decisionFor((s) => s.execLine('kubectl apply -f -', pod('claims', '  volumes:\n  - name: data\n    persistentVolumeClaim:\n      claimName: missing\n')), 'claims');
    expect(replaySteps(d)).toEqual([
      { kind: 'fail', caption: 'PreFilter: VolumeBinding rejects the pod before any node is looked at (persistentvolumeclaim "missing" not found).', marks: {} },
    ]);
  });
});

describe('the decision matrix', () => {
  const row = (node: string, status: DecisionRow['status'], plugin?: string): DecisionRow => ({
    node,
    status,
    order: status === 'notEvaluated' ? -1 : 0,
    ...(plugin ? { rejection: { plugin, code: 'Unschedulable', reasons: ['r'], explanation: 'e' } } : {}),
  });
  const filters = ['NodeUnschedulable', 'TaintToleration', 'NodeAffinity', 'NodeResourcesFit'];

  it('filter cells: passed before the rejecting plugin, rejected there, not run after', () => {
    expect(filterCells(row('a', 'feasible'), filters)).toEqual(['pass', 'pass', 'pass', 'pass']);
    expect(filterCells(row('a', 'rejected', 'NodeAffinity'), filters)).toEqual(['pass', 'pass', 'fail', 'none']);
    expect(filterCells(row('a', 'rejected', 'NodeUnschedulable'), filters)).toEqual(['fail', 'none', 'none', 'none']);
    expect(filterCells(row('a', 'notEvaluated'), filters)).toEqual(['none', 'none', 'none', 'none']);
  });

  it('groups', () => {
    expect(groupLabel(row('a', 'selected'))).toBe('Feasible');
    expect(groupLabel(row('a', 'rejected', 'NodeAffinity'))).toBe('Rejected by NodeAffinity');
    expect(groupLabel(row('a', 'notEvaluated'))).toBe('Not evaluated');
    expect(groupLabel(row('a', 'excluded'))).toBe('Excluded by PreFilter');
  });

  it('caps a long list: the top of the ranking, then some of every group, in order', () => {
    const rows = [
      row('w', 'selected'),
      ...Array.from({ length: 80 }, (_, i) => row(`f${i}`, 'feasible')),
      ...Array.from({ length: 3 }, (_, i) => row(`u${i}`, 'rejected', 'NodeUnschedulable')),
      row('cp', 'rejected', 'TaintToleration'),
      ...Array.from({ length: 40 }, (_, i) => row(`n${i}`, 'notEvaluated')),
    ];
    const shown = shownRows(rows, false);
    expect(shown).toHaveLength(ROWS_SHOWN);
    expect(shown[0].node).toBe('w');
    expect(shown.filter((r) => r.status === 'rejected').map((r) => r.node)).toEqual(['u0', 'u1', 'u2', 'cp']);
    expect(shown.filter((r) => r.status === 'notEvaluated').length).toBe(ROWS_SHOWN / 2 - 4);
    expect(shown.filter((r) => r.status === 'feasible' || r.status === 'selected').length).toBe(ROWS_SHOWN / 2);
    // The order of the full list is kept.
    expect(shown.map((r) => rows.indexOf(r))).toEqual([...shown.map((r) => rows.indexOf(r))].sort((a, b) => a - b));
    expect(shownRows(rows, true)).toBe(rows);
    expect(shownRows(rows.slice(0, 10), false)).toHaveLength(10);
  });

  it('gives the ranking what the groups leave', () => {
    const rows = [row('w', 'selected'), ...Array.from({ length: 40 }, (_, i) => row(`f${i}`, 'feasible')), row('cp', 'rejected', 'TaintToleration')];
    const shown = shownRows(rows, false);
    expect(shown).toHaveLength(ROWS_SHOWN);
    expect(shown[shown.length - 1].node).toBe('cp');
  });
});
