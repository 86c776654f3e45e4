/**
 * Acceptance 3: tainted, cordoned and label-mismatched nodes are filtered out with kube-scheduler
 * v1.31's exact FailedScheduling text (reference §5, §6: each node counted under the first filter
 * that rejects it, "<count> <reason>" sorted as plain strings, then DefaultPreemption's inner
 * FitError, hence the `..`), in the event, in `kubectl describe` and in the PodScheduled=False
 * condition. Then each obstacle is removed — uncordon, untaint, a new toleration — and the pending
 * pod is scheduled: the node or pod update moves it out of the unschedulable pods, to activeQ, or
 * to backoffQ while its 1 s back-off runs (flushed by the 1 s tick).
 */
import { describe, expect, it } from 'vitest';
import { Lab } from '../../support/manifests.ts';
import {
  CONTROL_PLANE_TAINT_MSG,
  conditions,
  describeEvents,
  docs,
  events,
  fitError,
  play,
  podDoc,
  podNodes,
  preemptionFitError,
  wideRows,
} from './support.ts';

const UNSCHEDULABLE = 'node(s) were unschedulable';
const SELECTOR = "node(s) didn't match Pod's node affinity/selector";
const NOT_HELPFUL = 'Preemption is not helpful for scheduling';

/**
 * control-plane (tainted), node-1 (disktype=ssd, cordoned), node-2 and node-3 (no label): a pod
 * selecting disktype=ssd, or the control-plane role label, fits nowhere, for a different reason on
 * each kind of node.
 */
function cluster(seed = 1): Lab {
  const lab = new Lab(seed);
  play(
    lab,
    `sim cluster --nodes 0
sim node add node-1 --labels disktype=ssd
sim node add node-2
sim node add node-3
kubectl cordon node-1`,
  );
  return lab;
}

// Written out from §6: the three per-node reasons sorted, and all four nodes "not helpful".
const EXPECTED = `0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 1 node(s) were unschedulable, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling..`;

const SSD = podDoc({ name: 'picky', image: 'nginx:1.27', command: ['nginx', '-g', 'daemon off;'], nodeSelector: { disktype: 'ssd' } });
const CP_SELECTOR = { 'node-role.kubernetes.io/control-plane': '' };
const CP = podDoc({ name: 'cp', image: 'nginx:1.27', command: ['nginx', '-g', 'daemon off;'], nodeSelector: CP_SELECTOR });

describe('FailedScheduling: taint, cordon, node selector', () => {
  it('the message is derived from the rules and appears in events, describe and PodScheduled', () => {
    expect(fitError(4, { [CONTROL_PLANE_TAINT_MSG]: 1, [UNSCHEDULABLE]: 1, [SELECTOR]: 2 }, preemptionFitError(4, { [NOT_HELPFUL]: 4 }))).toBe(EXPECTED);

    const lab = cluster();
    expect(lab.out('kubectl get nodes')).toMatch(/\nnode-1 +Ready,SchedulingDisabled +<none> /);
    lab.apply(SSD);

    const failed = events(lab, 'reason=FailedScheduling');
    expect(failed).toEqual([
      { type: 'Warning', reason: 'FailedScheduling', message: EXPECTED, count: 1, source: 'default-scheduler', firstMs: 0, lastMs: 0, object: 'picky' },
    ]);
    expect(lab.out('kubectl get events --field-selector reason=FailedScheduling')).toBe(
      `LAST SEEN   TYPE      REASON             OBJECT      MESSAGE\n0s          Warning   FailedScheduling   pod/picky   ${EXPECTED}\n`,
    );
    expect(describeEvents(lab, 'pod picky')).toEqual([`  Warning  FailedScheduling  0s    default-scheduler  ${EXPECTED}`]);

    const scheduled = conditions(lab, 'picky').find((c) => c.type === 'PodScheduled');
    expect(scheduled).toEqual({
      type: 'PodScheduled',
      status: 'False',
      reason: 'Unschedulable',
      message: EXPECTED,
      lastProbeTime: null,
      lastTransitionTime: '2025-01-01T00:00:00Z',
    });
    expect(wideRows(lab)).toEqual([
      {
        NAME: 'picky',
        READY: '0/1',
        STATUS: 'Pending',
        RESTARTS: '0',
        AGE: '0s',
        IP: '<none>',
        NODE: '<none>',
        'NOMINATED NODE': '<none>',
        'READINESS GATES': '<none>',
      },
    ]);
    expect(lab.out('sim scheduler queue')).toMatch(/default\/picky +unschedulable +1\n/);

    // Nothing changes in the cluster: no retry, no new event, for minutes (the next retry is the 5-minute flush).
    lab.advance('4m');
    expect(events(lab, 'reason=FailedScheduling')[0].count).toBe(1);
    expect(lab.status('picky')).toBe('Pending');
  });

  it('sim explain names the plugin that rejected each node', () => {
    const lab = cluster();
    lab.apply(SSD);
    const text = lab.out('sim explain pod/picky');
    expect(text).toContain(`Result: not scheduled. FailedScheduling: ${EXPECTED}`);
    expect(text).toContain(`control-plane: rejected by TaintToleration (${CONTROL_PLANE_TAINT_MSG})`);
    expect(text).toContain(`node-1: rejected by NodeUnschedulable (${UNSCHEDULABLE})`);
    expect(text).toContain(`node-2: rejected by NodeAffinity (${SELECTOR})`);
    expect(text).toContain(`node-3: rejected by NodeAffinity (${SELECTOR})`);
  });

  it('uncordon right after the failure: the pod waits out its 1 s back-off, then lands on node-1', () => {
    const lab = cluster();
    lab.apply(SSD);
    expect(lab.out('kubectl uncordon node-1')).toBe('node/node-1 uncordoned\n');
    // The node update moved it out of the unschedulable pods; it is still backing off (1 s from its attempt at 0).
    expect(lab.out('sim scheduler queue')).toMatch(/default\/picky +backoff +1\n/);
    lab.advance('500ms');
    expect(lab.status('picky')).toBe('Pending');
    expect(events(lab, 'reason=Scheduled')).toEqual([]);
    // The back-off ends at 1 s; the 1 s flush tick picks it up no later than 2 s.
    lab.advanceTo(2000);
    expect(podNodes(lab).get('picky')).toBe('node-1');
    const [ev] = events(lab, 'reason=Scheduled');
    expect(ev.message).toBe('Successfully assigned default/picky to node-1');
    expect(ev.firstMs).toBeGreaterThanOrEqual(1000);
    expect(ev.firstMs).toBeLessThanOrEqual(2000);
    // Only the one failed attempt before it.
    expect(events(lab, 'reason=FailedScheduling').map((e) => e.count)).toEqual([1]);
    const lines = describeEvents(lab, 'pod picky');
    expect(lines[0]).toMatch(/^ {2}Warning +FailedScheduling +\d+s +default-scheduler +0\/4 nodes are available: /);
    expect(lines[1]).toMatch(/^ {2}Normal +Scheduled +\d+s +default-scheduler +Successfully assigned default\/picky to node-1$/);
  });

  it('uncordon long after the failure: the pod is scheduled at that very instant', () => {
    const lab = cluster();
    lab.apply(SSD);
    lab.advance('20s');
    expect(lab.status('picky')).toBe('Pending');
    lab.run('kubectl uncordon node-1');
    expect(podNodes(lab).get('picky')).toBe('node-1');
    expect(events(lab, 'reason=Scheduled')[0].firstMs).toBe(20_000);
    expect(conditions(lab, 'picky').find((c) => c.type === 'PodScheduled')).toMatchObject({ status: 'True' });
  });

  it('removing the control-plane taint lets a pod that selects the control-plane in', () => {
    const lab = cluster();
    lab.apply(CP);
    // The same three reasons: control-plane by its taint, node-1 by cordon, the others by the selector.
    expect(events(lab, 'reason=FailedScheduling').map((e) => e.message)).toEqual([EXPECTED]);
    lab.advance('10s');
    expect(lab.out('kubectl taint nodes control-plane node-role.kubernetes.io/control-plane:NoSchedule-')).toBe('node/control-plane untainted\n');
    expect(podNodes(lab).get('cp')).toBe('control-plane');
    expect(events(lab, 'reason=Scheduled').map((e) => [e.message, e.firstMs])).toEqual([['Successfully assigned default/cp to control-plane', 10_000]]);
  });

  it('adding a toleration to the pending pod lets it in, after its back-off', () => {
    const lab = cluster();
    lab.apply(CP);
    const tolerant = podDoc({
      name: 'cp',
      image: 'nginx:1.27',
      command: ['nginx', '-g', 'daemon off;'],
      nodeSelector: CP_SELECTOR,
      tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }],
    });
    expect(lab.apply(tolerant)).toBe('pod/cp configured\n');
    expect(lab.jsonpath('cp', '.spec.tolerations[0].key')).toBe('node-role.kubernetes.io/control-plane');
    lab.advance('500ms');
    expect(lab.status('cp')).toBe('Pending');
    lab.advanceTo(2000);
    expect(podNodes(lab).get('cp')).toBe('control-plane');
    const [ev] = events(lab, 'reason=Scheduled');
    expect(ev.firstMs).toBeGreaterThanOrEqual(1000);
    expect(ev.firstMs).toBeLessThanOrEqual(2000);
  });

  it('a new node the pod cannot use does not requeue it (v1.31 preCheckForNode on Node add)', () => {
    const lab = cluster();
    lab.apply(SSD);
    lab.advance('10s');
    // Without queueing hints (off in v1.31), addNodeToCache moves only pods that pass
    // AdmissionCheck on the new node; its labels do not match the nodeSelector, so no retry.
    lab.run('sim node add node-4');
    const failed = events(lab, 'reason=FailedScheduling');
    expect(failed.map((e) => [e.message, e.count])).toEqual([[EXPECTED, 1]]);
    expect(lab.out('sim scheduler queue')).toMatch(/default\/picky +unschedulable +1\n/);
  });

  it('a new node with the label: the pod is scheduled there at once', () => {
    const lab = cluster();
    lab.apply(SSD);
    lab.advance('10s');
    lab.run('sim node add node-5 --labels disktype=ssd');
    expect(podNodes(lab).get('picky')).toBe('node-5');
    expect(events(lab, 'reason=Scheduled').map((e) => [e.message, e.firstMs])).toEqual([['Successfully assigned default/picky to node-5', 10_000]]);
  });

  it('each node counts once, under the first filter that rejects it; reasons sort as plain strings', () => {
    const lab = new Lab();
    play(
      lab,
      `sim cluster --nodes 5
kubectl cordon node-1
kubectl taint nodes node-2 dedicated=gpu:NoSchedule`,
    );
    // 5Gi fits on no 4Gi node: node-1 is still counted as cordoned only, node-2 as tainted only.
    lab.apply(docs(podDoc({ name: 'big', requests: { memory: '5Gi' } })));
    const expected = fitError(
      6,
      { 'node(s) had untolerated taint {dedicated: gpu}': 1, [CONTROL_PLANE_TAINT_MSG]: 1, [UNSCHEDULABLE]: 1, 'Insufficient memory': 3 },
      preemptionFitError(6, { [NOT_HELPFUL]: 3, 'No preemption victims found for incoming pod': 3 }),
    );
    expect(expected).toBe(
      '0/6 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 1 node(s) were unschedulable, 3 Insufficient memory. preemption: 0/6 nodes are available: 3 No preemption victims found for incoming pod, 3 Preemption is not helpful for scheduling..',
    );
    expect(events(lab, 'reason=FailedScheduling').map((e) => e.message)).toEqual([expected]);
  });
});
