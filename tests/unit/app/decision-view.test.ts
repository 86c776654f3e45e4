import { describe, expect, it } from 'vitest';
import { Session } from '../../../src/commands/session.ts';
import type { KEvent, Pod } from '../../../src/engine/api/types.ts';
import type { DecisionJSON } from '../../../src/engine/components/scheduler/framework/decision.ts';
import { decisionReply, decisionView, type DecisionContext } from '../../../src/app/decision-view.ts';

function session(): Session {
  const s = new Session({ seed: 1 });
  s.execLine('sim advance 0s');
  return s;
}

function pod(name: string, spec: string): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
${spec}  containers:
  - name: app
    image: nginx:1.27
`;
}

const SSD = pod('picky', '  nodeSelector:\n    disktype: ssd\n');
const HUGE = `${pod('huge', '')}    resources:
      requests:
        cpu: "64"
`;

function failedScheduling(s: Session, name: string): string {
  const events = s.sim.store.list<KEvent>('events').items.filter((e) => e.reason === 'FailedScheduling' && e.involvedObject?.name === name);
  return events[events.length - 1]?.message ?? '';
}

describe('decisionReply: the Scheduling panel’s view of a decision', () => {
  it('a pod that fits two nodes: the rejected ones with plugin, reason and words; scores raw → normalized, totals; the winner first', () => {
    const s = session();
    s.execLine('kubectl label node node-1 disktype=ssd');
    s.execLine('kubectl label node node-3 disktype=ssd');
    expect(s.execLine('kubectl apply -f -', SSD).output).toBe('pod/picky created\n');
    s.execLine('sim advance 1s');
    const { decision: d, note } = decisionReply(s.sim, 'default', 'picky');
    expect(note).toBe('');
    if (!d) throw new Error('no decision');
    const nodeName = s.sim.store.get<Pod>('pods', 'default', 'picky').spec.nodeName ?? '';
    expect(d.selected).toBe(nodeName);
    expect(d.podNode).toBe(nodeName);
    expect(d.pod).toBe('default/picky');
    expect(d.message).toBeUndefined();
    // Filters that ran, in profile order; the ones this pod skipped are listed apart.
    expect(d.filters).toEqual(['NodeUnschedulable', 'NodeName', 'TaintToleration', 'NodeAffinity', 'NodeResourcesFit']);
    expect(d.skippedFilters).toContain('PodTopologySpread');
    expect(d.scores).toEqual([
      { plugin: 'TaintToleration', weight: 3 },
      { plugin: 'NodeResourcesFit', weight: 1 },
      { plugin: 'NodeResourcesBalancedAllocation', weight: 1 },
      { plugin: 'ImageLocality', weight: 1 },
    ]);
    expect(d.maxTotal).toBe(600);
    // Winner, the other feasible node, then the rejected ones in filter order.
    expect(d.rows.map((r) => [r.node, r.status])).toEqual([
      [nodeName, 'selected'],
      [nodeName === 'node-1' ? 'node-3' : 'node-1', 'feasible'],
      ['control-plane', 'rejected'],
      ['node-2', 'rejected'],
    ]);
    // Scores straight from the trace: raw and normalized per plugin, total = Σ weight × normalized.
    const trace = s.sim.scheduler.decisionFor('default/picky')!.toJSON();
    const winner = d.rows[0];
    const j = trace.feasible.indexOf(nodeName);
    expect(winner.raw).toEqual(trace.scores.map((x) => x.raw[j]));
    expect(winner.normalized).toEqual(trace.scores.map((x) => x.normalized[j]));
    expect(winner.normalized?.[0]).toBe(100);
    expect(winner.total).toBe(d.scores.reduce((n, x, k) => n + x.weight * winner.normalized![k], 0));
    expect(d.topTotal).toBe(winner.total);
    expect(d.tiedTop).toBe(trace.tiedTop);
    expect(d.rows[1].total).toBe(trace.totals[1 - j]);
    expect(d.rows[3].rejection).toEqual({
      plugin: 'NodeAffinity',
      code: 'UnschedulableAndUnresolvable',
      reasons: ["node(s) didn't match Pod's node affinity/selector"],
      explanation: "the node's labels do not match the pod's nodeSelector disktype=ssd (the node has no disktype label)",
    });
    expect(d.rows[2].rejection?.plugin).toBe('TaintToleration');
    expect(d.rejectedGroups).toEqual([
      {
        plugin: 'TaintToleration',
        reason: 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }',
        count: 1,
        plain: '1 is the control plane, whose taint (node-role.kubernetes.io/control-plane) it does not tolerate',
      },
      { plugin: 'NodeAffinity', reason: "node(s) didn't match Pod's node affinity/selector", count: 1, plain: '1 lacks the labels its nodeSelector or node affinity asks for' },
    ]);
    expect(d.rows.every((r) => r.order >= 0)).toBe(true);
    expect(d.notEvaluated).toBe(0);
    // Plain data: it crosses postMessage unchanged.
    expect(JSON.parse(JSON.stringify(d))).toEqual(d);
  });

  it('an unschedulable pod: the exact FailedScheduling message beside plain words, preemption that did not help', () => {
    const s = session();
    s.execLine('kubectl apply -f -', HUGE);
    s.execLine('sim advance 5s');
    const d = decisionReply(s.sim, 'default', 'huge').decision!;
    expect(d.selected).toBeUndefined();
    expect(d.podNode).toBe('');
    expect(d.message).toBe(failedScheduling(s, 'huge'));
    expect(d.message).toBe(
      '0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod..',
    );
    expect(d.plain).toBe(
      'None of the 4 nodes can run it: 3 lack the CPU for its 64 CPU request; 1 is the control plane, whose taint (node-role.kubernetes.io/control-plane) it does not tolerate. Evicting lower-priority pods would not make room on any of them.',
    );
    expect(d.rows.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
    // Grouped by plugin in filter order: TaintToleration runs before NodeResourcesFit.
    expect(d.rows.map((r) => r.rejection?.plugin)).toEqual(['TaintToleration', 'NodeResourcesFit', 'NodeResourcesFit', 'NodeResourcesFit']);
    expect(d.rows[1].rejection?.explanation).toBe('not enough CPU — the pod requests 64 cores, the node has 2 cores free');
    expect(d.rejectedGroups.map((g) => [g.plugin, g.count])).toEqual([
      ['TaintToleration', 1],
      ['NodeResourcesFit', 3],
    ]);
    expect(d.postFilter?.nominatedNode).toBeUndefined();
    expect(d.postFilter?.victims).toEqual([]);
    expect(d.scores).toEqual([]);
    expect(d.topTotal).toBeUndefined();
  });

  it('preemption: the nominated node and the victims', () => {
    const s = session();
    s.execLine('kubectl apply -f -', `apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: high
value: 1000
`);
    for (const n of [1, 2, 3]) {
      s.execLine('kubectl apply -f -', `${pod(`low-${n}`, `  nodeName: node-${n}\n`)}    resources:
      requests:
        cpu: 1500m
`);
    }
    s.execLine('sim advance 2s');
    s.execLine('kubectl apply -f -', `${pod('vip', '  priorityClassName: high\n')}    resources:
      requests:
        cpu: 1500m
`);
    s.execLine('sim advance 0s');
    // The first attempt fails, and preemption picks a node and the victim to evict there.
    const first = decisionReply(s.sim, 'default', 'vip').decision!;
    expect(first.selected).toBeUndefined();
    expect(first.postFilter).toEqual({ nominatedNode: 'node-2', victims: ['default/low-2'], message: '' });
    expect(first.message).toBe(failedScheduling(s, 'vip'));
    expect(first.plain).toContain('Preemption picked node-2: it waits there while lower-priority pods are evicted.');
    // Once the victim is gone, the next attempt tries the nominated node first, and only it.
    s.execLine('sim advance 1s');
    const next = decisionReply(s.sim, 'default', 'vip').decision!;
    expect(next.postFilter).toBeUndefined();
    expect(next.nominatedNode).toBe('node-2');
    expect(next.selected).toBe('node-2');
    expect(next.rows[0]).toEqual({ node: 'node-2', status: 'selected', order: 0 });
    expect(next.rows.slice(1).map((r) => r.status)).toEqual(['notEvaluated', 'notEvaluated', 'notEvaluated']);
  });

  it('names the nodes percentageOfNodesToScore left unexamined, after the rest', () => {
    const s = session();
    s.execLine('sim cluster --nodes 150');
    s.execLine('sim advance 0s');
    s.execLine('kubectl apply -f -', pod('one', ''));
    s.execLine('sim advance 1s');
    const d = decisionReply(s.sim, 'default', 'one').decision!;
    expect(d.numAllNodes).toBe(151);
    expect(d.notEvaluated).toBeGreaterThan(0);
    const skipped = d.rows.filter((r) => r.status === 'notEvaluated');
    expect(skipped).toHaveLength(d.notEvaluated);
    expect(d.rows).toHaveLength(151);
    expect(d.rows.slice(-skipped.length)).toEqual(skipped);
    expect(skipped.every((r) => r.order === -1)).toBe(true);
    // Feasible rows by total, highest first.
    const totals = d.rows.filter((r) => r.total !== undefined).map((r) => r.total!);
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
    expect(d.rows[0].status).toBe('selected');
  });

  it('a PreFilter rejection: no node was looked at', () => {
    const s = session();
    s.execLine('kubectl apply -f -', `${pod('claims', '  volumes:\n  - name: data\n    persistentVolumeClaim:\n      claimName: missing\n')}`);
    s.execLine('sim advance 1s');
    const d = decisionReply(s.sim, 'default', 'claims').decision!;
    expect(d.preFilter).toEqual({ plugin: 'VolumeBinding', reasons: ['persistentvolumeclaim "missing" not found'] });
    expect(d.rows).toEqual([]);
    expect(d.message).toBe(failedScheduling(s, 'claims'));
    expect(d.plain).toContain('PersistentVolumeClaim missing, which does not exist');
  });

  it('says why there is no decision', () => {
    const s = session();
    expect(decisionReply(s.sim, 'default', 'nope')).toEqual({ note: 'pod default/nope does not exist (any more).' });
    const cp = s.sim.store.list<Pod>('pods').items.find((p) => (p.metadata.name ?? '').startsWith('etcd-'))!;
    expect(decisionReply(s.sim, 'kube-system', cp.metadata.name ?? '').note).toMatch(/^Pod kube-system\/etcd-control-plane runs on control-plane, but no scheduling decision for it is kept/);
  });
});

describe('decisionView (pure)', () => {
  const base: DecisionJSON = {
    seq: 7,
    at: 10_000,
    pod: 'default/p',
    podUid: 'u',
    profile: 'default-scheduler',
    numAllNodes: 4,
    numNodesToFind: 4,
    startIndex: 0,
    skippedFilters: [],
    skippedScores: [],
    evaluated: ['a', 'b'],
    rejected: [{ node: 'b', plugin: 'NodeResourcesFit', code: 'Unschedulable', reasons: ['Insufficient memory'] }],
    feasible: ['a'],
    notEvaluated: 0,
    scores: [],
    totals: [],
    scoringSkipped: true,
    selected: 'a',
  };
  const ctx: DecisionContext = {
    filters: ['NodeUnschedulable', 'NodeResourcesFit'],
    podNode: 'a',
    nominatedNodeName: '',
    requests: { cpuMilli: 0, memoryBytes: 2 ** 30 },
    nodes: [
      { name: 'a', createdAt: 0 },
      { name: 'b', createdAt: 0 },
      { name: 'c', createdAt: 0 },
      { name: 'late', createdAt: 20_000 },
    ],
  };

  it('fills a missing plugin explanation with plain words; nodes added after the attempt are left out', () => {
    const v = decisionView(base, ctx);
    expect(v.rows.map((r) => [r.node, r.status])).toEqual([
      ['a', 'selected'],
      ['b', 'rejected'],
      ['c', 'notEvaluated'],
    ]);
    expect(v.rows[1].rejection?.explanation).toBe('lacks the memory for its 1Gi request');
    expect(v.scoringSkipped).toBe(true);
    expect(v.tiedTop).toBe(1);
    expect(v.rows[0].total).toBeUndefined();
  });

  it('marks the nodes a PreFilterResult left out as excluded', () => {
    const v = decisionView({ ...base, preFilterNodes: ['a', 'b'] }, ctx);
    expect(v.rows.find((r) => r.node === 'c')?.status).toBe('excluded');
    expect(v.preFilterNodes).toEqual(['a', 'b']);
  });

  it('a binding failure keeps the winner and says so in words', () => {
    const v = decisionView({ ...base, message: 'running VolumeBinding plugin: boom' }, ctx);
    expect(v.message).toBe('running VolumeBinding plugin: boom');
    expect(v.plain).toBe('It was to run on a, but binding it there failed; the scheduler tries again.');
  });
});
