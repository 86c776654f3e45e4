/**
 * StatefulSet scenarios through the command layer (OrderedReady, the default): web-0, web-1,
 * web-2 are created in order, each the moment the one before it is Running and Ready; scaling
 * down removes the highest ordinal first and waits for it to be gone before the next; a template
 * change rolls pods from the highest ordinal down (2, 1, 0), each after its successor is back and
 * Ready, and `partition` holds the lower ordinals back. The busybox containers run `sleep`, which
 * ignores SIGTERM, so a deleted pod is Terminating for its 30 s grace period.
 */
import { describe, expect, it } from 'vitest';
import { Lab, simMs } from '../../support/manifests.ts';
import { applyDoc, events, play } from '../scheduler/support.ts';

const web = (o: { image?: string; replicas?: number; partition?: number; policy?: string; onDelete?: boolean } = {}): string => `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: nginx
  replicas: ${o.replicas ?? 3}
  podManagementPolicy: ${o.policy ?? 'OrderedReady'}
  updateStrategy:
${o.onDelete ? '    type: OnDelete' : `    type: RollingUpdate\n    rollingUpdate:\n      partition: ${o.partition ?? 0}`}
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
        image: ${o.image ?? 'busybox:1.36'}
        command: ["sleep", "3600"]
        readinessProbe:
          exec:
            command: ["true"]
          periodSeconds: 3
`;

interface PodTimes {
  name: string;
  createdMs: number;
  readyMs?: number;
  revision: string;
}

function podTimes(lab: Lab): PodTimes[] {
  const list = JSON.parse(lab.out('kubectl get pods -l app=web -o json')) as {
    items: { metadata: { name: string; creationTimestamp: string; labels: Record<string, string> }; status: { conditions?: { type: string; status: string; lastTransitionTime: string }[] } }[];
  };
  return list.items.map((p) => {
    const ready = p.status.conditions?.find((c) => c.type === 'Ready' && c.status === 'True');
    return { name: p.metadata.name, createdMs: simMs(p.metadata.creationTimestamp), readyMs: ready ? simMs(ready.lastTransitionTime) : undefined, revision: p.metadata.labels['controller-revision-hash'] };
  });
}

/** The pod names of `kubectl get pods` with their STATUS. */
function statuses(lab: Lab): string[] {
  return lab
    .out('kubectl get pods -l app=web')
    .trimEnd()
    .split('\n')
    .slice(1)
    .map((r) => r.split(/\s+/))
    .map(([name, , status]) => `${name} ${status}`);
}

/** SuccessfulCreate / SuccessfulDelete messages in the order they happened. */
function podEvents(lab: Lab, sinceMs = 0): string[] {
  return events(lab, 'involvedObject.kind=StatefulSet')
    .filter((e) => e.lastMs >= sinceMs)
    .sort((a, b) => a.lastMs - b.lastMs)
    .map((e) => `${e.reason}: ${e.message}`);
}

describe('StatefulSet, OrderedReady', () => {
  it('creates web-0, web-1, web-2 in order, each when the previous one is Running and Ready', () => {
    const lab = new Lab(1);
    play(lab, applyDoc(web()));
    expect(statuses(lab)).toEqual(['web-0 ContainerCreating']);
    expect(lab.out('kubectl get sts')).toBe('NAME   READY   AGE\nweb    0/3     0s\n');
    lab.advance('30s');
    const [p0, p1, p2] = podTimes(lab);
    expect([p0.name, p1.name, p2.name]).toEqual(['web-0', 'web-1', 'web-2']);
    expect(p0.readyMs).toBeGreaterThanOrEqual(p0.createdMs);
    expect(p1.createdMs).toBe(p0.readyMs);
    expect(p2.createdMs).toBe(p1.readyMs);
    expect(podEvents(lab)).toEqual([
      'SuccessfulCreate: create Pod web-0 in StatefulSet web successful',
      'SuccessfulCreate: create Pod web-1 in StatefulSet web successful',
      'SuccessfulCreate: create Pod web-2 in StatefulSet web successful',
    ]);
    expect(lab.out('kubectl get sts -o wide')).toBe('NAME   READY   AGE   CONTAINERS   IMAGES\nweb    3/3     30s   app          busybox:1.36\n');
    expect(lab.out("kubectl get pod web-1 -o jsonpath='{.metadata.labels} {.spec.hostname}.{.spec.subdomain}'")).toMatch(
      /^\{"app":"web","apps.kubernetes.io\/pod-index":"1","controller-revision-hash":"web-\w+","statefulset.kubernetes.io\/pod-name":"web-1"\} web-1\.nginx$/,
    );
  });

  it('Parallel creates every pod at once', () => {
    const lab = new Lab(1);
    play(lab, applyDoc(web({ policy: 'Parallel' })));
    expect(statuses(lab)).toEqual(['web-0 ContainerCreating', 'web-1 ContainerCreating', 'web-2 ContainerCreating']);
  });

  it('scaling down removes web-2 first, and web-1 only once web-2 is gone', () => {
    const lab = new Lab(1);
    play(lab, `${applyDoc(web())}\nsim advance 30s\n${applyDoc(web({ replicas: 1 }))}`);
    expect(statuses(lab)).toEqual(['web-0 Running', 'web-1 Running', 'web-2 Terminating']);
    lab.advance('31s');
    expect(statuses(lab)).toEqual(['web-0 Running', 'web-1 Terminating']);
    lab.advance('31s');
    expect(statuses(lab)).toEqual(['web-0 Running']);
    expect(podEvents(lab, 30_000)).toEqual(['SuccessfulDelete: delete Pod web-2 in StatefulSet web successful', 'SuccessfulDelete: delete Pod web-1 in StatefulSet web successful']);
    expect(lab.out('kubectl get sts')).toMatch(/\nweb +1\/1 +/);
  });

  it('a rolling update goes web-2, web-1, web-0, each after the one above is back and Ready', () => {
    const lab = new Lab(1);
    play(lab, `${applyDoc(web())}\nsim advance 30s`);
    const oldRev = podTimes(lab)[0].revision;
    play(lab, applyDoc(web({ image: 'busybox:1.37' })));
    expect(statuses(lab)).toEqual(['web-0 Running', 'web-1 Running', 'web-2 Terminating']);
    lab.advance('3m');
    const deletes = podEvents(lab, 30_000).filter((e) => e.startsWith('SuccessfulDelete'));
    expect(deletes).toEqual([
      'SuccessfulDelete: delete Pod web-2 in StatefulSet web successful',
      'SuccessfulDelete: delete Pod web-1 in StatefulSet web successful',
      'SuccessfulDelete: delete Pod web-0 in StatefulSet web successful',
    ]);
    const [p0, p1, p2] = podTimes(lab);
    expect(new Set([p0.revision, p1.revision, p2.revision]).size).toBe(1);
    expect(p0.revision).not.toBe(oldRev);
    // Each pod was recreated after the one above it was Ready again (30 s grace in between).
    expect(p1.createdMs).toBeGreaterThanOrEqual((p2.readyMs ?? Infinity) + 30_000);
    expect(p0.createdMs).toBeGreaterThanOrEqual((p1.readyMs ?? Infinity) + 30_000);
    const status = JSON.parse(lab.out("kubectl get sts web -o jsonpath='{.status}'")) as Record<string, unknown>;
    expect(status).toMatchObject({ replicas: 3, readyReplicas: 3, currentReplicas: 3, updatedReplicas: 3, availableReplicas: 3, collisionCount: 0, observedGeneration: 2 });
    expect(status.currentRevision).toBe(status.updateRevision);
    expect(status.updateRevision).toBe(p0.revision);
  });

  it('partition 2: only web-2 moves to the new template; the set stays at its current revision', () => {
    const lab = new Lab(1);
    play(lab, `${applyDoc(web({ partition: 2 }))}\nsim advance 30s\n${applyDoc(web({ image: 'busybox:1.37', partition: 2 }))}\nsim advance 2m`);
    const [p0, p1, p2] = podTimes(lab);
    expect(p0.revision).toBe(p1.revision);
    expect(p2.revision).not.toBe(p1.revision);
    const status = JSON.parse(lab.out("kubectl get sts web -o jsonpath='{.status}'")) as Record<string, string | number>;
    expect(status).toMatchObject({ currentRevision: p0.revision, updateRevision: p2.revision, currentReplicas: 2, updatedReplicas: 1 });
    expect(lab.out('kubectl get controllerrevisions')).toMatch(/^NAME +CONTROLLER +REVISION +AGE\nweb-\w+ +statefulset\.apps\/web +1 +2m30s\nweb-\w+ +statefulset\.apps\/web +2 +2m\n$/);
  });

  it('OnDelete: a new template changes nothing until a pod is deleted, which comes back from it', () => {
    const lab = new Lab(1);
    play(lab, `${applyDoc(web({ onDelete: true }))}\nsim advance 30s\n${applyDoc(web({ image: 'busybox:1.37', onDelete: true }))}\nsim advance 60s`);
    const before = podTimes(lab);
    expect(new Set(before.map((p) => p.revision)).size).toBe(1);
    play(lab, 'kubectl delete pod web-1 --wait=false\nsim advance 60s');
    const after = podTimes(lab);
    expect(after.map((p) => p.name)).toEqual(['web-0', 'web-1', 'web-2']);
    expect(after[1].revision).not.toBe(before[1].revision);
    expect([after[0].revision, after[2].revision]).toEqual([before[0].revision, before[2].revision]);
    expect(lab.out("kubectl get sts web -o jsonpath='{.status.currentReplicas} {.status.updatedReplicas}'")).toBe('2 1');
  });

  it('describe shows replicas, strategy, pods by phase, the template, claims and events', () => {
    const lab = new Lab(1);
    play(lab, `${applyDoc(web())}\nsim advance 30s`);
    const text = lab.out('kubectl describe sts web');
    expect(text.split('\nPod Template:\n')[0]).toBe(`Name:               web
Namespace:          default
CreationTimestamp:  Wed, 01 Jan 2025 00:00:00 +0000
Selector:           app=web
Labels:             <none>
Annotations:        <none>
Replicas:           3 desired | 3 total
Update Strategy:    RollingUpdate
  Partition:        0
Pods Status:        3 Running / 0 Waiting / 0 Succeeded / 0 Failed`);
    expect(text).toContain('\nVolume Claims:     <none>\nEvents:\n');
    expect(text).toMatch(/ {2}Normal {2}SuccessfulCreate {2}\d+s {3}statefulset-controller {2}create Pod web-2 in StatefulSet web successful\n$/);
  });
});

describe('snapshots', () => {
  it('a StatefulSet and a DaemonSet rolling out, snapshotted and restored midway, end as an uninterrupted run', () => {
    const ds = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels:
      app: agent
  template:
    metadata:
      labels:
        app: agent
    spec:
      containers:
      - name: agent
        image: busybox:1.36
        command: ["sleep", "3600"]
`;
    const run = (restore: boolean): string => {
      const lab = new Lab(7);
      play(lab, `${applyDoc(web())}\n${applyDoc(ds)}\nsim advance 30s\n${applyDoc(web({ image: 'busybox:1.37' }))}\n${applyDoc(ds.replace('1.36', '1.37'))}\nsim advance 45s`);
      if (restore) lab.snapshotRestore();
      play(lab, 'sim node add node-4\nsim advance 2m');
      return `${lab.session.sim.traceHash()}\n${lab.out('kubectl get pods -o wide')}`;
    };
    expect(run(true)).toBe(run(false));
  });
});
