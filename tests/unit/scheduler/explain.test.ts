/**
 * `sim explain`'s plain words (explainDecision) for decisions made by the real framework: a
 * scheduled pod (filter verdicts, score table, winner), an unschedulable one (FailedScheduling,
 * preemption, per-node reasons), a PreFilter rejection, a seeded tie, a skipped scoring on the
 * nominated node, nodes left unexamined by percentageOfNodesToScore, and a preemption.
 */
import { describe, expect, it } from 'vitest';
import { explainDecision } from '../../../src/commands/sim/explain.ts';
import type { Node, Pod } from '../../../src/engine/api/types.ts';
import { fitErrorMessage } from '../../../src/engine/components/scheduler/framework/fit-error.ts';
import { PodNominator } from '../../../src/engine/components/scheduler/nominator.ts';
import { Prng } from '../../../src/engine/kernel/prng.ts';
import { cluster, info, newNode, newPod } from './fixtures.ts';
import { frameworkFor } from './framework-fixtures.ts';

const SKIPPED_FILTERS = '  (skipped for this pod: NodeAffinity, NodePorts, VolumeRestrictions, NodeVolumeLimits, VolumeBinding, VolumeZone, PodTopologySpread, InterPodAffinity)';

/**
 * One scheduling attempt at `at` ms, finished the way the scheduler finishes a failed one: the
 * FailedScheduling message (FitError + PostFilter's) and the preemption outcome on the decision.
 */
function attempt(nodes: Node[], pod: Pod, o: { at?: number; existing?: Pod[]; startIndex?: number; seed?: number; nominator?: PodNominator } = {}) {
  const { snapshot } = cluster(nodes, o.existing);
  const f = frameworkFor(snapshot);
  const r = f.fwk.schedule(info(pod), snapshot, o.startIndex ?? 0, o.nominator ?? f.nominator, new Prng(o.seed ?? 1), 1, o.at ?? 0);
  const d = r.decision;
  if (r.selected === undefined && d.numAllNodes > 0) {
    const post = f.fwk.runPostFilter(r.state, info(pod), r.statuses);
    d.message = fitErrorMessage(d.numAllNodes, r.statuses, r.preFilterMsg, post.message);
    if (post.plugin || post.message) {
      d.postFilter = {
        nominatedNode: post.result?.nominatedNodeName,
        victims: (post.result?.victims ?? []).map((v) => `${v.metadata.namespace}/${v.metadata.name}`),
        message: post.message,
      };
    }
  }
  return d;
}

describe('explainDecision', () => {
  it('a scheduled pod: the verdict of every node, the score table, the winner', () => {
    const nodes = [newNode('n1', { cpu: '2' }), newNode('n2', { unschedulable: true }), newNode('n3', { cpu: '8' })];
    const pod = newPod('web', { containers: [{ cpu: '1', memory: '1Gi' }] });
    const d = attempt(nodes, pod, { at: 5000 });
    expect(explainDecision(d, pod)).toBe(
      [
        'Pod default/web, scheduling attempt at 2025-01-01T00:00:05Z (default-scheduler)',
        'Result: bound to n3.',
        '',
        'Filters: 3 of 3 nodes examined, 2 feasible.',
        '  n1: passes every filter',
        '  n2: rejected by NodeUnschedulable (node(s) were unschedulable)',
        '      n2 is cordoned (spec.unschedulable) and the pod does not tolerate node.kubernetes.io/unschedulable',
        '  n3: passes every filter',
        SKIPPED_FILTERS,
        '',
        'Scores (raw→normalized, 0–100, times the weight; * = chosen):',
        '  NODE   TaintToleration×3   NodeResourcesFit×1   NodeResourcesBalancedAllocation×1   ImageLocality×1   TOTAL',
        '  n1     0→100               68                   81                                  0                 449',
        '  n3 *   0→100               87                   100                                 0                 487',
        '  (not scoring this pod: NodeAffinity, PodTopologySpread, InterPodAffinity)',
        'n3 has the highest total, 487.',
        '',
      ].join('\n'),
    );
  });

  it('an unschedulable pod: FailedScheduling, why preemption did not help, the reason for every node', () => {
    const nodes = [
      newNode('n1', { cpu: '2' }),
      newNode('n2', { unschedulable: true }),
      newNode('n3', { cpu: '2', taints: [{ key: 'gpu', value: 'true', effect: 'NoSchedule' }] }),
    ];
    const pod = newPod('big', { containers: [{ cpu: '3' }] });
    const d = attempt(nodes, pod, { at: 65_000 });
    const preemption = '0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.';
    expect(explainDecision(d, pod)).toBe(
      [
        'Pod default/big, scheduling attempt at 2025-01-01T00:01:05Z (default-scheduler)',
        `Result: not scheduled. FailedScheduling: 0/3 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint {gpu: true}, 1 node(s) were unschedulable. preemption: ${preemption}.`,
        `Preemption did not help: ${preemption}`,
        '',
        'Filters: 3 of 3 nodes examined, 0 feasible.',
        '  n1: rejected by NodeResourcesFit (Insufficient cpu)',
        '      not enough CPU — the pod requests 3 cores, the node has 2 cores free',
        '  n2: rejected by NodeUnschedulable (node(s) were unschedulable)',
        '      n2 is cordoned (spec.unschedulable) and the pod does not tolerate node.kubernetes.io/unschedulable',
        '  n3: rejected by TaintToleration (node(s) had untolerated taint {gpu: true})',
        '      the node has taint gpu=true:NoSchedule and the pod has no toleration for it',
        SKIPPED_FILTERS,
        '',
      ].join('\n'),
    );
  });

  it('a PreFilter rejection: no node was looked at', () => {
    const pod = newPod('db', { spec: { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }] } });
    const d = attempt([newNode('n1'), newNode('n2')], pod);
    expect(explainDecision(d, pod)).toBe(
      [
        'Pod default/db, scheduling attempt at 2025-01-01T00:00:00Z (default-scheduler)',
        'Result: not scheduled. FailedScheduling: 0/2 nodes are available: persistentvolumeclaim "data" not found. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling..',
        'Preemption did not help: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.',
        '',
        'PreFilter: VolumeBinding rejected the pod before any node was looked at: persistentvolumeclaim "data" not found.',
        '',
      ].join('\n'),
    );
  });

  it('a tie: how many nodes tied and that the pick was random (seeded)', () => {
    const pod = newPod('tie', { containers: [{ cpu: '100m' }] });
    const d = attempt(['a', 'b', 'c', 'd'].map((n) => newNode(n)), pod, { seed: 5 });
    const cell = (n: string) => (n === d.selected ? `${n} *` : n).padEnd(7);
    expect(explainDecision(d, pod)).toBe(
      [
        'Pod default/tie, scheduling attempt at 2025-01-01T00:00:00Z (default-scheduler)',
        `Result: bound to ${d.selected}.`,
        '',
        'Filters: 4 of 4 nodes examined, 4 feasible.',
        '  a: passes every filter',
        '  b: passes every filter',
        '  c: passes every filter',
        '  d: passes every filter',
        SKIPPED_FILTERS,
        '',
        'Scores (raw→normalized, 0–100, times the weight; * = chosen):',
        '  NODE   TaintToleration×3   NodeResourcesFit×1   NodeResourcesBalancedAllocation×1   ImageLocality×1   TOTAL',
        ...['a', 'b', 'c', 'd'].map((n) => `  ${cell(n)}0→100               97                   98                                  0                 495`),
        '  (not scoring this pod: NodeAffinity, PodTopologySpread, InterPodAffinity)',
        `4 nodes tied at 495; ${d.selected} was picked at random (seeded), as kube-scheduler does.`,
        '',
      ].join('\n'),
    );
  });

  it('the nominated node passing the filters: scoring skipped', () => {
    const pod = newPod('preemptor', { priority: 1000, containers: [{ cpu: '100m' }] });
    pod.status = { ...pod.status, nominatedNodeName: 'n2' };
    const d = attempt([newNode('n1'), newNode('n2')], pod);
    expect(explainDecision(d, pod)).toBe(
      [
        'Pod default/preemptor, scheduling attempt at 2025-01-01T00:00:00Z (default-scheduler)',
        'Result: bound to n2.',
        '',
        'Filters: 1 of 2 nodes examined, 1 feasible.',
        '  n2: passes every filter',
        SKIPPED_FILTERS,
        '',
        'Scoring skipped: only n2 passed the filters (it is the node preemption nominated).',
        '',
      ].join('\n'),
    );
  });

  it('one feasible node among several: scoring skipped, without the nomination note', () => {
    const pod = newPod('solo');
    const d = attempt([newNode('n1', { unschedulable: true }), newNode('n2')], pod);
    expect(explainDecision(d, pod)).toContain('\nScoring skipped: only n2 passed the filters.\n');
  });

  it('nodes left unexamined by percentageOfNodesToScore are counted', () => {
    const nodes = Array.from({ length: 250 }, (_, i) => newNode(`n${String(i).padStart(3, '0')}`));
    const pod = newPod('p', { containers: [{ cpu: '100m' }] });
    const text = explainDecision(attempt(nodes, pod, { startIndex: 10 }), pod);
    expect(text).toContain('\nFilters: 120 of 250 nodes examined, 120 feasible; 130 not examined (percentageOfNodesToScore: enough feasible nodes were found).\n  n010: passes every filter\n');
    expect(text).not.toContain('n009:');
    expect(text).toContain('  n129: passes every filter\n');
    expect(text).not.toContain('n130:');
  });

  it('a preemption: the victims, the nominated node, and the pod waiting for it', () => {
    const nodes = [newNode('n1', { cpu: '1' })];
    const existing = [newPod('batch', { nodeName: 'n1', priority: 0, containers: [{ cpu: '900m' }] })];
    const pod = newPod('urgent', { priority: 1000, containers: [{ cpu: '500m' }] });
    const d = attempt(nodes, pod, { existing });
    expect(d.postFilter).toEqual({ nominatedNode: 'n1', victims: ['default/batch'], message: '' });
    // The scheduler records the nomination in the pod's status.
    const nominated: Pod = { ...pod, status: { ...pod.status, nominatedNodeName: 'n1' } };
    expect(explainDecision(d, nominated)).toBe(
      [
        'Pod default/urgent, scheduling attempt at 2025-01-01T00:00:00Z (default-scheduler)',
        'Result: not scheduled. FailedScheduling: 0/1 nodes are available: 1 Insufficient cpu.',
        'Preemption: evicting default/batch on n1; the pod is nominated to n1 and will be scheduled there once they are gone.',
        '',
        'Filters: 1 of 1 nodes examined, 0 feasible.',
        '  n1: rejected by NodeResourcesFit (Insufficient cpu)',
        '      not enough CPU — the pod requests 500m, the node has 100m free',
        SKIPPED_FILTERS,
        'Nominated node: n1 (waiting for preempted pods to leave).',
        '',
      ].join('\n'),
    );
  });
});
