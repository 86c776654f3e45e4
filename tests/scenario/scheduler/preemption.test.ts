/**
 * Acceptance 5: preemption. A pod of PriorityClass `high` (value 1000) fits nowhere; DefaultPreemption
 * finds the node where evicting the fewest, least important pods makes room (reference §6 and
 * upstream `framework/preemption`): the victims get the DisruptionTarget condition (reason
 * PreemptionByScheduler), a `Preempted` event, and a graceful delete (Terminating for their 30 s
 * grace period — `sleep` as PID 1 ignores SIGTERM); the preemptor gets status.nominatedNodeName
 * (NOMINATED NODE in `get pods -o wide`) and is bound there once the victims are gone. A class
 * with preemptionPolicy Never does not preempt.
 */
import { describe, expect, it } from 'vitest';
import { Lab } from '../../support/manifests.ts';
import { CONTROL_PLANE_TAINT_MSG, conditions, describeEvents, docs, events, fitError, podDoc, podNodes, wideRows } from './support.ts';

const CLASSES = `apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: high
value: 1000
description: "important work"
---
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: high-never
value: 1000
preemptionPolicy: Never
`;

/**
 * Two 2-CPU workers. node-1: victim-1 (1200m); node-2: victim-2 and victim-3 (800m each). A
 * 1500m pod fits on neither; on node-1 one eviction makes room, on node-2 two: with equal
 * priorities the smaller sum of priorities (fewer victims) picks node-1.
 */
function cluster(): Lab {
  const lab = new Lab();
  lab.run('sim cluster --nodes 2');
  lab.apply(CLASSES);
  lab.apply(
    docs(
      podDoc({ name: 'victim-1', node: 'node-1', requests: { cpu: '1200m' } }),
      podDoc({ name: 'victim-2', node: 'node-2', requests: { cpu: '800m' } }),
      podDoc({ name: 'victim-3', node: 'node-2', requests: { cpu: '800m' } }),
    ),
  );
  lab.advance('10s');
  return lab;
}

const VIP = podDoc({ name: 'vip', priorityClassName: 'high', requests: { cpu: '1500m' } });
/** With preemption succeeding, PostFilter leaves no message: the FitError stops after the filter reasons. */
const VIP_FAILED = fitError(3, { [CONTROL_PLANE_TAINT_MSG]: 1, 'Insufficient cpu': 2 });

describe('a higher-priority pod preempts', () => {
  it('the preemptor: priority from its class, FailedScheduling, nominated to node-1', () => {
    const lab = cluster();
    lab.apply(VIP);
    expect(lab.jsonpath('vip', '.spec.priority')).toBe('1000');
    expect(lab.jsonpath('vip', '.spec.preemptionPolicy')).toBe('PreemptLowerPriority');
    expect(lab.jsonpath('vip', '.status.nominatedNodeName')).toBe('node-1');
    expect(wideRows(lab).find((r) => r.NAME === 'vip')).toMatchObject({ STATUS: 'Pending', NODE: '<none>', 'NOMINATED NODE': 'node-1' });
    expect(events(lab, 'reason=FailedScheduling').map((e) => [e.object, e.message])).toEqual([['vip', VIP_FAILED]]);
    expect(conditions(lab, 'vip').find((c) => c.type === 'PodScheduled')).toMatchObject({ status: 'False', reason: 'Unschedulable', message: VIP_FAILED });
    const describe = lab.out('kubectl describe pod vip');
    expect(describe).toMatch(/\nPriority: +1000\n/);
    expect(describe).toMatch(/\nPriority Class Name: +high\n/);
    expect(describe).toMatch(/\nNominatedNodeName: +node-1\n/);
    const explain = lab.out('sim explain pod/vip');
    expect(explain).toContain('Preemption: evicting default/victim-1 on node-1');
  });

  it('the victim: a Preempted event naming the preemptor, Terminating, the others untouched', () => {
    const lab = cluster();
    lab.apply(VIP);
    const uid = lab.jsonpath('vip', '.metadata.uid');
    expect(events(lab, 'reason=Preempted').map((e) => [e.object, e.type, e.source, e.message, e.firstMs])).toEqual([
      ['victim-1', 'Normal', 'default-scheduler', `Preempted by pod ${uid} on node node-1`, 10_000],
    ]);
    const rows = wideRows(lab);
    expect(rows.find((r) => r.NAME === 'victim-1')?.STATUS).toBe('Terminating');
    expect(rows.find((r) => r.NAME === 'victim-2')?.STATUS).toBe('Running');
    expect(rows.find((r) => r.NAME === 'victim-3')?.STATUS).toBe('Running');
    expect(lab.jsonpath('victim-1', '.metadata.deletionGracePeriodSeconds')).toBe('30');
    const lines = describeEvents(lab, 'pod victim-1');
    expect(lines.filter((l) => / Preempted /.test(l))).toEqual([expect.stringMatching(new RegExp(`^ {2}Normal +Preempted +0s +default-scheduler +Preempted by pod ${uid} on node node-1$`))]);
    // The kubelet stops the container as for any graceful delete.
    expect(lines.some((l) => /^ {2}Normal +Killing +0s +kubelet +Stopping container app$/.test(l))).toBe(true);
  });

  it('the victim carries DisruptionTarget (PreemptionByScheduler) while it terminates', () => {
    const lab = cluster();
    lab.apply(VIP);
    // Set by the scheduler before the delete; the kubelet's status updates must keep it
    // (status manager mergePodStatus preserves conditions the kubelet does not own).
    const target = conditions(lab, 'victim-1').find((c) => c.type === 'DisruptionTarget');
    expect(target).toMatchObject({
      type: 'DisruptionTarget',
      status: 'True',
      reason: 'PreemptionByScheduler',
      message: 'default-scheduler: preempting to accommodate a higher priority pod',
    });
    lab.advance('20s');
    expect(lab.status('victim-1')).toBe('Terminating');
    expect(conditions(lab, 'victim-1').find((c) => c.type === 'DisruptionTarget')?.reason).toBe('PreemptionByScheduler');
  });

  it('the preemptor is bound to the nominated node once the victim is gone (30 s grace period)', () => {
    const lab = cluster();
    lab.apply(VIP);
    lab.advanceTo(39_000);
    expect(lab.status('victim-1')).toBe('Terminating');
    expect(wideRows(lab).find((r) => r.NAME === 'vip')).toMatchObject({ STATUS: 'Pending', 'NOMINATED NODE': 'node-1' });
    // The victim's grace period ends at 40 s: the kubelet kills it and the pod object goes away;
    // that AssignedPod delete moves vip (rejected by NodeResourcesFit) to activeQ, and the
    // nominated node is tried first.
    lab.advanceTo(40_000);
    expect(lab.out('kubectl get pod victim-1')).toBe('Error from server (NotFound): pods "victim-1" not found\n');
    expect(podNodes(lab).get('vip')).toBe('node-1');
    expect(events(lab, 'reason=Scheduled').find((e) => e.object === 'vip')).toMatchObject({
      message: 'Successfully assigned default/vip to node-1',
      firstMs: 40_000,
    });
    // Still exactly one failed attempt: nothing retried it during the grace period.
    expect(events(lab, 'reason=FailedScheduling').map((e) => e.count)).toEqual([1]);
    lab.advance('10s');
    expect(lab.podRow('vip')).toMatchObject({ ready: '1/1', status: 'Running' });
  });

  it('preemptionPolicy Never: no victims, no nomination, and the v1.31 wording', () => {
    const lab = cluster();
    lab.apply(podDoc({ name: 'polite', priorityClassName: 'high-never', requests: { cpu: '1500m' } }));
    expect(lab.jsonpath('polite', '.spec.preemptionPolicy')).toBe('Never');
    expect(lab.jsonpath('polite', '.spec.priority')).toBe('1000');
    // PodEligibleToPreemptOthers: "not eligible due to preemptionPolicy=Never." — and FitError appends ".".
    expect(events(lab, 'reason=FailedScheduling').map((e) => e.message)).toEqual([
      `${fitError(3, { [CONTROL_PLANE_TAINT_MSG]: 1, 'Insufficient cpu': 2 })} preemption: not eligible due to preemptionPolicy=Never..`,
    ]);
    expect(events(lab, 'reason=Preempted')).toEqual([]);
    expect(lab.jsonpath('polite', '.status.nominatedNodeName')).toBe('');
    expect(wideRows(lab).map((r) => [r.NAME, r.STATUS, r['NOMINATED NODE']])).toEqual([
      ['polite', 'Pending', '<none>'],
      ['victim-1', 'Running', '<none>'],
      ['victim-2', 'Running', '<none>'],
      ['victim-3', 'Running', '<none>'],
    ]);
    lab.advance('1m');
    expect(lab.status('polite')).toBe('Pending');
  });

  it('equal priority is not enough: no lower-priority victims anywhere', () => {
    const lab = cluster();
    lab.apply(podDoc({ name: 'peer', requests: { cpu: '1500m' } }));
    expect(events(lab, 'reason=FailedScheduling').map((e) => e.message)).toEqual([
      fitError(
        3,
        { [CONTROL_PLANE_TAINT_MSG]: 1, 'Insufficient cpu': 2 },
        `preemption: ${fitError(3, { 'No preemption victims found for incoming pod': 2, 'Preemption is not helpful for scheduling': 1 })}`,
      ),
    ]);
    expect(events(lab, 'reason=Preempted')).toEqual([]);
  });

  it('a pod too big even for an empty node preempts nothing', () => {
    const lab = cluster();
    lab.apply(podDoc({ name: 'giant', priorityClassName: 'high', requests: { cpu: '3' } }));
    // Removing every lower-priority pod still leaves it Insufficient cpu on both workers.
    expect(events(lab, 'reason=FailedScheduling').map((e) => e.message)).toEqual([
      fitError(
        3,
        { [CONTROL_PLANE_TAINT_MSG]: 1, 'Insufficient cpu': 2 },
        `preemption: ${fitError(3, { 'Insufficient cpu': 2, 'Preemption is not helpful for scheduling': 1 })}`,
      ),
    ]);
    expect(events(lab, 'reason=Preempted')).toEqual([]);
    expect(wideRows(lab).every((r) => r.STATUS !== 'Terminating')).toBe(true);
  });
});
