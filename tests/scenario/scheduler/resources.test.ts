/**
 * Acceptance 4: pods that do not fit. NodeResourcesFit's reasons (`Insufficient cpu`,
 * `Insufficient memory`, `Too many pods`), every failing reason of a node counted, the plain
 * string sort (`10 …` before `2 …`, `Too` before `node(s)`), DefaultPreemption's `No preemption
 * victims found for incoming pod` for nodes where evicting could in principle help but no
 * lower-priority pod exists; the 5-minute flush of the unschedulable pods retrying the pod (the
 * event count grows: `(x2 over 5m30s)` in describe); and freed resources scheduling it at once.
 */
import { describe, expect, it } from 'vitest';
import { Lab } from '../../support/manifests.ts';
import {
  CONTROL_PLANE_TAINT_MSG,
  describeEvents,
  docs,
  events,
  fitError,
  play,
  podDoc,
  podNodes,
  preemptionFitError,
} from './support.ts';

const NO_VICTIMS = 'No preemption victims found for incoming pod';
const NOT_HELPFUL = 'Preemption is not helpful for scheduling';

describe('Insufficient resources', () => {
  it.each([
    ['cpu', { cpu: '3' }, { 'Insufficient cpu': 3 }],
    ['memory', { memory: '5Gi' }, { 'Insufficient memory': 3 }],
    ['cpu and memory (both reasons of each node counted)', { cpu: '3', memory: '5Gi' }, { 'Insufficient cpu': 3, 'Insufficient memory': 3 }],
  ])('%s', (_what, requests, reasons) => {
    const lab = new Lab();
    lab.apply(podDoc({ name: 'hungry', requests }));
    const expected = fitError(4, { [CONTROL_PLANE_TAINT_MSG]: 1, ...reasons }, preemptionFitError(4, { [NOT_HELPFUL]: 1, [NO_VICTIMS]: 3 }));
    expect(events(lab, 'reason=FailedScheduling').map((e) => e.message)).toEqual([expected]);
    expect(lab.jsonpath('hungry', '.status.conditions[?(@.type=="PodScheduled")].message')).toBe(expected);
    expect(lab.jsonpath('hungry', '.status.conditions[?(@.type=="PodScheduled")].reason')).toBe('Unschedulable');
  });

  it('the wording of the reference example: 1 tainted control-plane and 2 small workers', () => {
    const lab = new Lab();
    play(lab, 'sim cluster --nodes 2 --cpu 1');
    lab.apply(podDoc({ name: 'hungry', requests: { cpu: '2' } }));
    expect(events(lab, 'reason=FailedScheduling')[0].message).toBe(
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod..',
    );
  });

  it('counts are sorted as strings: "1 node(s)…" < "10 Insufficient cpu" < "2 node(s)…"', () => {
    const lab = new Lab();
    play(lab, 'sim cluster --nodes 12\nkubectl cordon node-11\nkubectl cordon node-12');
    lab.apply(podDoc({ name: 'hungry', requests: { cpu: '3' } }));
    const expected =
      '0/13 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 10 Insufficient cpu, 2 node(s) were unschedulable. preemption: 0/13 nodes are available: 10 No preemption victims found for incoming pod, 3 Preemption is not helpful for scheduling..';
    expect(
      fitError(
        13,
        { [CONTROL_PLANE_TAINT_MSG]: 1, 'Insufficient cpu': 10, 'node(s) were unschedulable': 2 },
        preemptionFitError(13, { [NO_VICTIMS]: 10, [NOT_HELPFUL]: 3 }),
      ),
    ).toBe(expected);
    expect(events(lab, 'reason=FailedScheduling')[0].message).toBe(expected);
  });

  it('Too many pods: the pod-count check applies even to a pod that requests nothing', () => {
    const lab = new Lab();
    // Room for 2 pods: kube-proxy takes one, and CoreDNS (whose replacements the scheduler would
    // place on node-1, the control plane being full) is scaled to 0 to leave the other free.
    play(lab, 'sim cluster --nodes 1 --pods 2\nkubectl -n kube-system scale deployment coredns --replicas=0');
    lab.advance('30s');
    lab.apply(docs(podDoc({ name: 'first' }), podDoc({ name: 'second' })));
    const nodes = podNodes(lab);
    const placed = [...nodes.entries()].filter(([, n]) => n === 'node-1').map(([p]) => p);
    expect(placed).toHaveLength(1);
    const pending = ['first', 'second'].find((p) => !placed.includes(p))!;
    // "1 Too many pods" sorts before "1 node(s)…": 'T' < 'n'.
    expect(events(lab, 'reason=FailedScheduling').map((e) => [e.object, e.message])).toEqual([
      [
        pending,
        '0/2 nodes are available: 1 Too many pods, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling..',
      ],
    ]);
  });

  it('the filter uses actual requests: a full node still takes a pod that requests no cpu', () => {
    const lab = new Lab();
    play(lab, 'sim cluster --nodes 1');
    lab.apply(podDoc({ name: 'fill', node: 'node-1', requests: { cpu: '2' } }));
    lab.apply(docs(podDoc({ name: 'besteffort' }), podDoc({ name: 'wants-cpu', requests: { cpu: '100m' } })));
    expect(podNodes(lab).get('besteffort')).toBe('node-1');
    expect(podNodes(lab).get('wants-cpu')).toBe('');
    expect(events(lab, 'reason=FailedScheduling').map((e) => e.object)).toEqual(['wants-cpu']);
  });
});

describe('retries of an unschedulable pod', () => {
  const EXPECTED = fitError(4, { [CONTROL_PLANE_TAINT_MSG]: 1, 'Insufficient cpu': 3 }, preemptionFitError(4, { [NOT_HELPFUL]: 1, [NO_VICTIMS]: 3 }));

  it('nothing changes: the pod is retried by the 5-minute flush, and the event count grows', () => {
    const lab = new Lab();
    lab.apply(podDoc({ name: 'hungry', requests: { cpu: '3' } }));
    expect(events(lab, 'reason=FailedScheduling').map((e) => [e.count, e.firstMs, e.lastMs])).toEqual([[1, 0, 0]]);

    // podMaxInUnschedulablePodsDuration is 5 minutes and must be exceeded (not just reached).
    lab.advanceTo(300_000);
    expect(events(lab, 'reason=FailedScheduling').map((e) => e.count)).toEqual([1]);
    expect(lab.out('sim scheduler queue')).toMatch(/default\/hungry +unschedulable +1\n/);

    // flushUnschedulablePodsLeftover runs every 30 s: by 5m30s the pod has been tried again.
    lab.advanceTo(330_000);
    const [ev] = events(lab, 'reason=FailedScheduling');
    expect(ev.message).toBe(EXPECTED);
    expect(ev.count).toBe(2);
    expect(ev.firstMs).toBe(0);
    expect(ev.lastMs).toBeGreaterThan(300_000);
    expect(ev.lastMs).toBeLessThanOrEqual(330_000);
    const [line] = describeEvents(lab, 'pod hungry');
    expect(line).toMatch(/^ {2}Warning +FailedScheduling +\d+s \(x2 over 5m30s\) +default-scheduler +/);
    expect(line.endsWith(`default-scheduler  ${EXPECTED}`)).toBe(true);
    expect(lab.out('kubectl get events')).toMatch(/\n\d+s +Warning +FailedScheduling +pod\/hungry +0\/4 nodes are available/);
    expect(lab.out('sim scheduler queue')).toMatch(/default\/hungry +unschedulable +2\n/);

    // And again five minutes after that retry.
    lab.advanceTo(ev.lastMs + 330_000);
    expect(events(lab, 'reason=FailedScheduling').map((e) => e.count)).toEqual([3]);
    expect(describeEvents(lab, 'pod hungry')[0]).toMatch(/ \(x3 over 1[01]m\) +default-scheduler +/);
    expect(lab.status('hungry')).toBe('Pending');
  });

  it('freeing resources (an assigned pod deleted) schedules the pending pod at once', () => {
    const lab = new Lab();
    lab.apply(
      docs(
        podDoc({ name: 'fill-1', node: 'node-1', requests: { cpu: '1500m' } }),
        podDoc({ name: 'fill-2', node: 'node-2', requests: { cpu: '1500m' } }),
        podDoc({ name: 'fill-3', node: 'node-3', requests: { cpu: '1500m' } }),
      ),
    );
    lab.advance('10s');
    lab.apply(podDoc({ name: 'waiting', requests: { cpu: '1' } }));
    expect(events(lab, 'reason=FailedScheduling').map((e) => e.message)).toEqual([EXPECTED]);
    // `sleep` ignores SIGTERM: kubectl delete waits out the 30 s grace period.
    expect(lab.out('kubectl delete pod fill-2')).toBe('pod "fill-2" deleted\n');
    expect(lab.now).toBe(40_000);
    // The AssignedPod delete event moves the pod (rejected by NodeResourcesFit, which registers
    // Pod/Delete); its 1 s back-off is long over, so it goes straight to activeQ and is bound.
    expect(podNodes(lab).get('waiting')).toBe('node-2');
    expect(events(lab, 'reason=Scheduled').find((e) => e.object === 'waiting')?.firstMs).toBe(40_000);
  });
});
