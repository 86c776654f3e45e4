/**
 * The scheduler's VolumeBinding with WaitForFirstConsumer static volumes (the local-storage
 * pattern: class kubernetes.io/no-provisioner, local PVs pinned to nodes): the pod goes where a
 * volume is, the scheduler pre-binds it, and without a volume the pod stays Pending with
 * kube-scheduler's reasons.
 */
import { describe, expect, it } from 'vitest';
import { Lab } from '../../support/manifests.ts';

const LOCAL_CLASS = `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: local-storage
provisioner: kubernetes.io/no-provisioner
volumeBindingMode: WaitForFirstConsumer
`;

function localPv(name: string, node: string, size = '5Gi'): string {
  return `apiVersion: v1
kind: PersistentVolume
metadata:
  name: ${name}
spec:
  capacity: {storage: ${size}}
  accessModes: [ReadWriteOnce]
  storageClassName: local-storage
  local: {path: /mnt/disks/vol1}
  nodeAffinity:
    required:
      nodeSelectorTerms:
      - matchExpressions:
        - {key: kubernetes.io/hostname, operator: In, values: [${node}]}
`;
}

const CLAIM = `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: local-claim
spec:
  storageClassName: local-storage
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 1Gi}}
`;

function pod(extraSpec = ''): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: user
spec:${extraSpec}
  containers:
  - {name: app, image: busybox:1.36, command: [sleep, "3600"], volumeMounts: [{name: data, mountPath: /data}]}
  volumes:
  - {name: data, persistentVolumeClaim: {claimName: local-claim}}
`;
}

describe('VolumeBinding with WaitForFirstConsumer static volumes', () => {
  it('the pod is scheduled to the node of the only matching volume, which the scheduler pre-binds', () => {
    const lab = new Lab();
    lab.apply(LOCAL_CLASS);
    lab.apply(localPv('local-pv-2', 'node-2'));
    lab.apply(CLAIM);
    lab.advance('1s');
    expect(lab.events('local-claim')).toEqual([{ type: 'Normal', reason: 'WaitForFirstConsumer', message: 'waiting for first consumer to be created before binding', count: 1 }]);
    lab.apply(pod());
    lab.advance('10s');
    expect(lab.jsonpath('user', '.spec.nodeName')).toBe('node-2');
    expect(lab.status('user')).toBe('Running');
    expect(lab.out('kubectl get pvc --no-headers')).toMatch(/^local-claim\s+Bound\s+local-pv-2\s+5Gi\s+RWO\s+local-storage\s+<unset>/);
    expect(lab.out('kubectl get pv local-pv-2 -o jsonpath={.status.phase}/{.spec.claimRef.name}')).toBe('Bound/local-claim');
  });

  it("no volume and no provisioner: node(s) didn't find available persistent volumes to bind", () => {
    const lab = new Lab();
    lab.apply(LOCAL_CLASS);
    lab.apply(CLAIM);
    lab.apply(pod());
    lab.advance('5s');
    expect(lab.status('user')).toBe('Pending');
    expect(lab.events('user')).toContainEqual(
      expect.objectContaining({
        reason: 'FailedScheduling',
        message:
          "0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 node(s) didn't find available persistent volumes to bind. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling..",
      }),
    );
  });

  it('a bound volume pins its pods: another node is a volume node affinity conflict', () => {
    const lab = new Lab();
    lab.apply(LOCAL_CLASS);
    lab.apply(localPv('local-pv-2', 'node-2'));
    lab.apply(CLAIM);
    lab.apply(pod());
    lab.advance('10s');
    lab.run('kubectl delete pod user');
    lab.advance('40s');
    lab.apply(pod('\n  nodeSelector: {kubernetes.io/hostname: node-1}'));
    lab.advance('5s');
    expect(lab.status('user')).toBe('Pending');
    expect(lab.events('user')).toContainEqual(
      expect.objectContaining({
        reason: 'FailedScheduling',
        message:
          "0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 1 node(s) had volume node affinity conflict, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling..",
      }),
    );
  });
});
