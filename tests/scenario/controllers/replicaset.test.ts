/**
 * The ReplicaSet controller and the garbage collector through the command layer (reference §8):
 * a ReplicaSet of 3 comes up Running, a deleted pod is replaced at once with a SuccessfulCreate
 * event, scaling down removes the pods §8 ranks first, and `kubectl delete --cascade` orphans,
 * deletes in the background, or waits in the foreground for the pods to be gone.
 */
import { describe, expect, it } from 'vitest';
import { Lab } from '../../support/manifests.ts';
import { events, play, transcript, wideRows } from '../scheduler/support.ts';

/** A ReplicaSet whose pods run `sleep` as PID 1: it ignores SIGTERM, so a pod takes its 30 s grace to stop. */
function rsYaml(name: string, replicas: number, extra = ''): string {
  return `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}${extra}
    spec:
      containers:
      - name: app
        image: busybox:1.36
        command: [sleep, "3600"]
`;
}

function podNames(lab: Lab, selector: string): string[] {
  const out = lab.out(`kubectl get pods -l ${selector} -o jsonpath='{.items[*].metadata.name}'`);
  return out === '' ? [] : out.split(' ');
}

function started(replicas = 3): Lab {
  const lab = new Lab();
  lab.apply(rsYaml('web', replicas));
  lab.advance('10s');
  return lab;
}

describe('a ReplicaSet of 3', () => {
  it('creates 3 pods from its template and reports them ready', () => {
    const lab = new Lab();
    expect(lab.apply(rsYaml('web', 3))).toBe('replicaset.apps/web created\n');
    // The command settles: the pods exist (CURRENT 3) but none is ready yet.
    expect(lab.out('kubectl get rs web')).toBe('NAME   DESIRED   CURRENT   READY   AGE\nweb    3         3         0       0s\n');
    lab.advance('10s');
    expect(lab.out('kubectl get rs web')).toBe('NAME   DESIRED   CURRENT   READY   AGE\nweb    3         3         3       10s\n');
    const rows = wideRows(lab, '-l app=web');
    expect(rows.map((r) => r.STATUS)).toEqual(['Running', 'Running', 'Running']);
    for (const r of rows) expect(r.NAME).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    // The scheduler spreads them over the three workers.
    expect(rows.map((r) => r.NODE).sort()).toEqual(['node-1', 'node-2', 'node-3']);
    const created = events(lab, 'involvedObject.name=web,reason=SuccessfulCreate');
    expect(created.map((e) => e.message).sort()).toEqual(rows.map((r) => `Created pod: ${r.NAME}`).sort());
    expect(created.every((e) => e.source === 'replicaset-controller' && e.type === 'Normal' && e.firstMs === 0)).toBe(true);
    expect(lab.out("kubectl get rs web -o jsonpath='{.status}'")).toBe(
      '{"availableReplicas":3,"fullyLabeledReplicas":3,"observedGeneration":1,"readyReplicas":3,"replicas":3}',
    );
  });

  it('replaces a deleted pod within 2 s of simulated time, with a SuccessfulCreate event', () => {
    const lab = started();
    const [victim] = podNames(lab, 'app=web');
    const deletedAtMs = lab.now;
    // --wait=false: the old pod is still Terminating (30 s grace) while its replacement starts.
    expect(lab.out(`kubectl delete pod ${victim} --wait=false`)).toBe(`pod "${victim}" deleted\n`);
    lab.advance('2s');
    const now = podNames(lab, 'app=web');
    expect(now).toHaveLength(4);
    const created = events(lab, 'involvedObject.name=web,reason=SuccessfulCreate').filter((e) => e.firstMs >= deletedAtMs);
    expect(created).toHaveLength(1);
    expect(created[0].message).toMatch(/^Created pod: web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(created[0].firstMs - deletedAtMs).toBeLessThanOrEqual(2000);
    const newName = created[0].message.slice('Created pod: '.length);
    expect(now).toContain(newName);
    expect(lab.status(victim)).toBe('Terminating');
    // The Terminating pod no longer counts; its replacement (image already on the node) is ready.
    expect(lab.out('kubectl get rs web')).toBe('NAME   DESIRED   CURRENT   READY   AGE\nweb    3         3         3       12s\n');
  });
});

describe('scaling a ReplicaSet down', () => {
  it('deletes the most recently ready pods first (logarithmic buckets), with SuccessfulDelete events', () => {
    const lab = started();
    const original = podNames(lab, 'app=web');
    lab.advance('10m');
    expect(lab.out('kubectl scale rs web --replicas=5')).toBe('replicaset.apps/web scaled\n');
    lab.advance('30s');
    const added = podNames(lab, 'app=web').filter((n) => !original.includes(n));
    expect(added).toHaveLength(2);
    expect(lab.out('kubectl scale rs web --replicas=3')).toBe('replicaset.apps/web scaled\n');
    const deleted = events(lab, 'involvedObject.name=web,reason=SuccessfulDelete').map((e) => e.message);
    expect(deleted.sort()).toEqual(added.map((n) => `Deleted pod: ${n}`).sort());
    lab.advance('31s');
    expect(podNames(lab, 'app=web').sort()).toEqual([...original].sort());
  });

  it('deletes pods that are not running yet before ready ones', () => {
    const lab = started();
    const original = podNames(lab, 'app=web');
    lab.run('kubectl scale rs web --replicas=6');
    // At once: the 3 new pods are bound but still ContainerCreating (not ready).
    lab.run('kubectl scale rs web --replicas=3');
    const deleted = events(lab, 'involvedObject.name=web,reason=SuccessfulDelete').map((e) => e.message.slice('Deleted pod: '.length));
    expect(deleted).toHaveLength(3);
    expect(deleted.some((n) => original.includes(n))).toBe(false);
    lab.advance('31s');
    expect(podNames(lab, 'app=web').sort()).toEqual([...original].sort());
  });
});

describe('kubectl delete --cascade', () => {
  it('orphan: the ReplicaSet goes, its pods stay and lose their owner reference; a new ReplicaSet adopts them', () => {
    const lab = started();
    const pods = podNames(lab, 'app=web');
    expect(lab.out('kubectl delete rs web --cascade=orphan')).toBe('replicaset.apps "web" deleted\n');
    expect(lab.out('kubectl get rs')).toBe('No resources found in default namespace.\n');
    expect(podNames(lab, 'app=web')).toEqual(pods);
    for (const p of pods) expect(lab.jsonpath(p, '.metadata.ownerReferences')).toBe('');
    lab.apply(rsYaml('web', 3));
    lab.advance('1s');
    expect(podNames(lab, 'app=web')).toEqual(pods);
    expect(lab.jsonpath(pods[0], '.metadata.ownerReferences[0].name')).toBe('web');
    expect(events(lab, 'involvedObject.name=web,reason=SuccessfulCreate')).toHaveLength(3);
  });

  it('the deprecated --cascade=false means orphan, with kubectl\'s warning', () => {
    const lab = started();
    const entries = play(lab, 'kubectl delete rs web --cascade=false');
    expect(transcript(entries)).toContain(
      'warning: --cascade=false is deprecated (boolean value) and can be replaced with --cascade=orphan.\nreplicaset.apps "web" deleted\n',
    );
    expect(podNames(lab, 'app=web')).toHaveLength(3);
  });

  it('background (the default): the ReplicaSet is gone at once and the collector deletes its pods', () => {
    const lab = started();
    const before = lab.now;
    expect(lab.out('kubectl delete rs web')).toBe('replicaset.apps "web" deleted\n');
    expect(lab.now).toBe(before);
    expect(lab.out('kubectl get pods -l app=web').split('\n').slice(1, 4).map((l) => l.split(/\s+/)[2])).toEqual(['Terminating', 'Terminating', 'Terminating']);
    lab.advance('31s');
    expect(lab.out('kubectl get pods -l app=web')).toBe('No resources found in default namespace.\n');
  });

  it('foreground: the ReplicaSet waits with the foregroundDeletion finalizer until its pods are gone', () => {
    const lab = started();
    expect(lab.out('kubectl delete rs web --cascade=foreground --wait=false')).toBe('replicaset.apps "web" deleted\n');
    expect(lab.out("kubectl get rs web -o jsonpath='{.metadata.finalizers}'")).toBe('["foregroundDeletion"]');
    expect(lab.out("kubectl get rs web -o jsonpath='{.metadata.deletionTimestamp}'")).toBe('2025-01-01T00:00:10Z');
    lab.advance('29s');
    // Still there, counting no pods: all three are Terminating (sleep ignores SIGTERM).
    expect(lab.out('kubectl get rs web')).toBe('NAME   DESIRED   CURRENT   READY   AGE\nweb    3         0         0       39s\n');
    expect(podNames(lab, 'app=web')).toHaveLength(3);
    lab.advance('2s');
    expect(lab.out('kubectl get rs web')).toBe('Error from server (NotFound): replicasets.apps "web" not found\n');
    expect(lab.out('kubectl get pods -l app=web')).toBe('No resources found in default namespace.\n');
  });

  it('foreground with --wait returns only once the pods (30 s grace) and then the ReplicaSet are gone', () => {
    const lab = started();
    const before = lab.now;
    expect(lab.out('kubectl delete rs web --cascade=foreground')).toBe('replicaset.apps "web" deleted\n');
    expect(lab.now - before).toBeGreaterThanOrEqual(30_000);
    expect(lab.out('kubectl get rs,pods -l app=web')).toBe('No resources found in default namespace.\n');
  });

  it('refuses an unknown strategy', () => {
    const lab = started();
    const r = lab.run('kubectl delete rs web --cascade=sideways');
    expect(r.output).toBe('error: invalid cascade value (sideways). Must be "background", "foreground", or "orphan"\n');
    expect(r.exitCode).toBe(1);
    expect(podNames(lab, 'app=web')).toHaveLength(3);
  });
});
