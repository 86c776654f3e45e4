/**
 * kubectl v0.31's DaemonSet and StatefulSet rollout status lines (rollout_status.go test vectors
 * written out), the ControllerRevision history table, and what an undo patches or skips — then an
 * undo applied to a live StatefulSet, which its controller rolls back like any update.
 */
import { describe, expect, it } from 'vitest';
import type { KObject } from '../../../src/engine/api/types.ts';
import {
  daemonSetRolloutStatus,
  ownerRevisions,
  revisionHistoryTable,
  revisionRollback,
  revisionTemplate,
  statefulSetRolloutStatus,
} from '../../../src/commands/kubectl/rollout/controller-revisions.ts';
import type { ControllerRevision } from '../../../src/engine/components/controllers/history.ts';
import { Lab } from '../../support/manifests.ts';
import { applyDoc, play } from '../../scenario/scheduler/support.ts';

type W = Parameters<typeof daemonSetRolloutStatus>[0];
const ds = (generation: number, status: Record<string, number>, type = 'RollingUpdate'): W =>
  ({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'foo', generation }, spec: { updateStrategy: { type } }, status }) as W;
const sts = (generation: number, spec: W['spec'], status: Record<string, number | string>): W =>
  ({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'foo', generation }, spec, status }) as W;

describe('rollout status', () => {
  it.each<[string, W, string, boolean]>([
    ['daemon set: not observed yet', ds(2, { observedGeneration: 1 }), 'Waiting for daemon set spec update to be observed...\n', false],
    ['daemon set: updating', ds(1, { observedGeneration: 1, desiredNumberScheduled: 3, updatedNumberScheduled: 1, numberAvailable: 3 }), 'Waiting for daemon set "foo" rollout to finish: 1 out of 3 new pods have been updated...\n', false],
    ['daemon set: becoming available', ds(1, { observedGeneration: 1, desiredNumberScheduled: 3, updatedNumberScheduled: 3, numberAvailable: 2 }), 'Waiting for daemon set "foo" rollout to finish: 2 of 3 updated pods are available...\n', false],
    ['daemon set: done', ds(1, { observedGeneration: 1, desiredNumberScheduled: 3, updatedNumberScheduled: 3, numberAvailable: 3 }), 'daemon set "foo" successfully rolled out\n', true],
    ['statefulset: not observed yet', sts(2, { replicas: 3, updateStrategy: { type: 'RollingUpdate' } }, { observedGeneration: 1 }), 'Waiting for statefulset spec update to be observed...\n', false],
    ['statefulset: pods not ready', sts(1, { replicas: 3, updateStrategy: { type: 'RollingUpdate' } }, { observedGeneration: 1, readyReplicas: 1 }), 'Waiting for 2 pods to be ready...\n', false],
    [
      'statefulset: partitioned, in progress',
      sts(1, { replicas: 3, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } } }, { observedGeneration: 1, readyReplicas: 3, updatedReplicas: 1 }),
      'Waiting for partitioned roll out to finish: 1 out of 3 new pods have been updated...\n',
      false,
    ],
    [
      'statefulset: partitioned, complete',
      sts(1, { replicas: 3, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } } }, { observedGeneration: 1, readyReplicas: 3, updatedReplicas: 3 }),
      'partitioned roll out complete: 3 new pods have been updated...\n',
      true,
    ],
    [
      'statefulset: without a rollingUpdate block, by revision',
      sts(1, { replicas: 3, updateStrategy: { type: 'RollingUpdate' } }, { observedGeneration: 1, readyReplicas: 3, updatedReplicas: 1, currentRevision: 'foo-a', updateRevision: 'foo-b' }),
      'waiting for statefulset rolling update to complete 1 pods at revision foo-b...\n',
      false,
    ],
  ])('%s', (_n, obj, message, done) => {
    const view = obj.kind === 'DaemonSet' ? daemonSetRolloutStatus(obj) : statefulSetRolloutStatus(obj);
    expect(view).toEqual({ message, done });
  });

  it('OnDelete has no rollout status', () => {
    expect(() => daemonSetRolloutStatus(ds(1, {}, 'OnDelete'))).toThrow('error: rollout status is only available for RollingUpdate strategy type');
  });
});

const WEB = (image: string) => `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: app
        image: ${image}
        command: ["sleep", "3600"]
`;

describe('history and undo over ControllerRevisions', () => {
  function rolledTwice(): { lab: Lab; set: W; revs: ControllerRevision[] } {
    const lab = new Lab(1);
    play(lab, `${applyDoc(WEB('busybox:1.36'))}\nsim advance 20s\n${applyDoc(WEB('busybox:1.37'))}\nsim advance 90s`);
    const set = lab.session.sim.store.get('statefulsets', 'default', 'web') as W;
    const all = lab.session.sim.store.list<ControllerRevision>('controllerrevisions', { namespace: 'default' }).items;
    return { lab, set, revs: ownerRevisions(set, all) };
  }

  it('history lists the revisions; --revision shows one template', () => {
    const { revs } = rolledTwice();
    expect(revisionHistoryTable(revs)).toBe('REVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n');
    expect(revisionHistoryTable([])).toBe('No rollout history found.');
    const old = revs.find((r) => r.revision === 1) as ControllerRevision;
    expect(revisionTemplate(old).spec.containers[0].image).toBe('busybox:1.36');
  });

  it('undo patches the previous revision back; the controller renumbers it and rolls the pods back', () => {
    const { lab, set, revs } = rolledTwice();
    expect(revisionRollback(set, revs, 2)).toEqual({ kind: 'skip', message: 'skipped rollback (current template already matches revision 2)' });
    expect(() => revisionRollback(set, revs, 7)).toThrow('error: unable to find specified revision 7 in history');
    const plan = revisionRollback(set, revs, 0);
    if (plan.kind !== 'patch') throw new Error('expected a patch');
    lab.session.sim.store.patch('statefulsets', 'default', 'web', 'strategic', plan.patch);
    lab.advance('90s');
    expect(lab.out("kubectl get pods -l app=web -o jsonpath='{.items[*].spec.containers[0].image}'")).toBe('busybox:1.36 busybox:1.36');
    const after = lab.session.sim.store.list<ControllerRevision>('controllerrevisions', { namespace: 'default' }).items;
    // The old revision is reused with the next number, not copied.
    expect(after.map((r) => r.revision).sort()).toEqual([2, 3]);
    expect(revisionTemplate(after.find((r) => r.revision === 3) as ControllerRevision).spec.containers[0].image).toBe('busybox:1.36');
    expect((lab.session.sim.store.get('statefulsets', 'default', 'web') as KObject).metadata.generation).toBe(3);
  });
});
