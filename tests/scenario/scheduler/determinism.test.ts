/**
 * Acceptance 7: scheduling is deterministic. Ties between equal nodes are broken with the seeded
 * PRNG (so are preemption's random start and equal candidates), back-off and the flushes run on
 * simulated-time timers, and all of it is in the snapshot: the same script twice gives the same
 * transcript and `sim trace hash`, and snapshot → JSON → restore at any point (during a victim's
 * grace period, with a pod in backoffQ, with a pod waiting for the 5-minute flush, under a custom
 * scheduler configuration) then continuing equals the run that never stopped.
 */
import { describe, expect, it } from 'vitest';
import type { TranscriptEntry } from '../../../src/commands/runner.ts';
import { Lab, runManifestScript } from '../../support/manifests.ts';
import { applyDoc, docs, play, podDoc, transcript } from './support.ts';

const RS = 'web-7d4b9c8f6d';
const LABELS = { app: 'web', 'pod-template-hash': '7d4b9c8f6d' };

const MOST_ALLOCATED = `apiVersion: kubescheduler.config.k8s.io/v1
kind: KubeSchedulerConfiguration
profiles:
- schedulerName: default-scheduler
  pluginConfig:
  - name: NodeResourcesFit
    args:
      scoringStrategy:
        type: MostAllocated
`;

type Step = string | ((lab: Lab) => string);

/** The scenario, step by step (a step may read the cluster to write its commands, as a student would). */
const STEPS: Step[] = [
  // 0 — t=0: a ReplicaSet and a PriorityClass.
  `sim cluster --nodes 3
${applyDoc(`apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: high
value: 1000
---
apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: ${RS}
spec:
  replicas: 6
  selector:
    matchLabels: {app: web, pod-template-hash: 7d4b9c8f6d}
  template:
    metadata:
      labels: {app: web, pod-template-hash: 7d4b9c8f6d}
    spec:
      containers:
      - name: app
        image: nginx:1.27
`)}`,
  // 1 — its six pods, as the controller would create them (ties broken by the PRNG); two low-priority pods bound by hand.
  (lab) => {
    const uid = lab.out(`kubectl get rs ${RS} -o jsonpath='{.metadata.uid}'`);
    const pod = podDoc({
      generateName: `${RS}-`,
      labels: LABELS,
      image: 'nginx:1.27',
      command: ['nginx', '-g', 'daemon off;'],
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: RS, uid, controller: true, blockOwnerDeletion: true }],
    });
    const create = Array.from({ length: 6 }, () => `kubectl create -f - <<EOF\n${pod}EOF`).join('\n');
    const low = applyDoc(docs(podDoc({ name: 'low-1', node: 'node-1', requests: { cpu: '1200m' } }), podDoc({ name: 'low-2', node: 'node-2', requests: { cpu: '1200m' } })));
    return `${create}\n${low}\nkubectl get pods -o wide`;
  },
  // 2 — t=5s: node-3 cordoned, then three pods that do not fit (vip preempts low-1 or low-2).
  (lab) =>
    `sim advance 5s
${lab
  .out(`kubectl get pods -l app=web -o jsonpath='{.items[*].metadata.name}'`)
  .split(' ')
  .map((name) => `sim explain pod/${name}`)
  .join('\n')}
kubectl cordon node-3
${applyDoc(
  docs(
    podDoc({ name: 'picky', nodeSelector: { 'kubernetes.io/hostname': 'node-3' } }),
    podDoc({ name: 'hungry', requests: { cpu: '3' } }),
    podDoc({ name: 'vip', priorityClassName: 'high', requests: { cpu: '1500m' } }),
  ),
)}
kubectl get pods -o wide
kubectl get events --field-selector reason=FailedScheduling
kubectl get events --field-selector reason=Preempted
sim explain pod/vip`,
  // 3 — mid grace period.
  'sim advance 12s',
  // 4 — t=17s: another pod fails on the cordoned node, then uncordon: picky goes at once, bounce backs off.
  `${applyDoc(podDoc({ name: 'bounce', nodeSelector: { 'kubernetes.io/hostname': 'node-3' } }))}
kubectl uncordon node-3
sim scheduler queue
kubectl get pods -o wide`,
  // 5 — bounce is still backing off.
  'sim advance 500ms\nsim scheduler queue',
  // 6 — the victim is gone.
  'sim advance 30s\nkubectl get pods -o wide',
  // 7 — a new configuration packs the next pods.
  `sim scheduler config -f - <<EOF
${MOST_ALLOCATED.trimEnd()}
EOF
${applyDoc(docs(podDoc({ name: 'packed-1', requests: { cpu: '100m', memory: '128Mi' } }), podDoc({ name: 'packed-2', requests: { cpu: '100m', memory: '128Mi' } })))}
sim explain pod/packed-2
sim scheduler show`,
  // 8 — hungry waits for the 5-minute flush.
  'sim advance 4m\nsim scheduler queue',
  // 9 — past the flush; everything that can be scheduled is.
  `sim advance 2m
kubectl get pods -o wide
kubectl get events
kubectl describe pod hungry
sim scheduler queue
sim trace hash`,
];

function runSteps(seed: number, restoreAfter?: number): { entries: TranscriptEntry[]; lab: Lab } {
  const lab = new Lab(seed);
  const entries: TranscriptEntry[] = [];
  STEPS.forEach((step, i) => {
    entries.push(...play(lab, typeof step === 'string' ? step : step(lab)));
    if (i === restoreAfter) {
      const before = JSON.stringify(lab.session.sim.snapshot());
      lab.snapshotRestore();
      expect(JSON.stringify(lab.session.sim.snapshot())).toBe(before);
    }
  });
  return { entries, lab };
}

describe('determinism of scheduling', () => {
  it('the same scenario twice: identical transcripts and trace hash; the run exercised what it claims', () => {
    const a = runSteps(1);
    const b = runSteps(1);
    expect(transcript(a.entries)).toBe(transcript(b.entries));
    expect(a.lab.session.sim.traceHash()).toBe(b.lab.session.sim.traceHash());
    expect(a.entries.at(-1)?.output).toBe(`${a.lab.session.sim.traceHash()}\n`);

    const text = transcript(a.entries);
    expect(text).toMatch(/nodes tied at \d+; node-\d was picked at random \(seeded\)/);
    expect(text).toContain('Preempted by pod ');
    expect(text).toMatch(/default\/bounce +backoff +1\n/);
    expect(text).toContain('NodeResourcesFit scoring strategy: MostAllocated');
    expect(text).toMatch(/ \(x\d over \d+m\d*s?\) +default-scheduler /);

    // Another seed: another, equally reproducible, cluster.
    expect(runSteps(2).lab.session.sim.traceHash()).not.toBe(a.lab.session.sim.traceHash());
  });

  it.each([
    [2, 'right after the preemption (victim terminating, vip nominated, hungry unschedulable)'],
    [3, 'in the middle of the grace period'],
    [4, 'with bounce in backoffQ'],
    [5, 'half way through the back-off'],
    [7, 'under the MostAllocated configuration'],
    [8, 'with hungry waiting for the unschedulable flush'],
  ])('snapshot and restore after step %i (%s) == the uninterrupted run', (step) => {
    const straight = runSteps(1);
    const restored = runSteps(1, step);
    expect(transcript(restored.entries)).toBe(transcript(straight.entries));
    expect(restored.lab.session.sim.traceHash()).toBe(straight.lab.session.sim.traceHash());
    expect(JSON.stringify(restored.lab.session.sim.snapshot())).toBe(JSON.stringify(straight.lab.session.sim.snapshot()));
  });

  it('sim explain still explains, after a restore, a decision made before the snapshot', () => {
    const straight = runSteps(1);
    const restored = runSteps(1, 2);
    // vip was decided (preemption, nomination) in step 2, before the snapshot.
    const explain = (lab: Lab) => lab.out('sim explain pod/vip');
    expect(explain(straight.lab)).toMatch(/^Pod default\/vip, scheduling attempt at /);
    expect(explain(restored.lab)).toBe(explain(straight.lab));
    const rs = straight.lab.out(`kubectl get pods -l app=web -o jsonpath='{.items[0].metadata.name}'`);
    expect(restored.lab.out(`sim explain pod/${rs}`)).toBe(straight.lab.out(`sim explain pod/${rs}`));
  });

  it('a plain script through the runner (as `npx podlab run` plays it): same transcript and hash twice', () => {
    const script = `sim cluster --nodes 4
${applyDoc(docs(...Array.from({ length: 8 }, (_, i) => podDoc({ name: `p${i}`, requests: { cpu: '100m' } }))))}
kubectl get pods -o wide
sim explain pod/p7
kubectl cordon node-1
${applyDoc(podDoc({ name: 'stuck', nodeSelector: { 'kubernetes.io/hostname': 'node-1' } }))}
sim advance 3s
kubectl uncordon node-1
sim advance 2s
kubectl get pods -o wide
kubectl get events
sim trace hash`;
    const a = runManifestScript(script, 7);
    const b = runManifestScript(script, 7);
    expect(a.status).toBe(0);
    expect(a.transcript).toBe(b.transcript);
    expect(a.out('sim trace hash')).toBe(b.out('sim trace hash'));
    expect(a.out('sim trace hash')).toBe(`${a.session.sim.traceHash()}\n`);
    expect(a.out('sim explain pod/p7')).toContain('Result: bound to node-');
    expect(a.transcript).toMatch(/\nstuck +1\/1 +Running +0 +\d+s +\S+ +node-1 /);
  });
});
