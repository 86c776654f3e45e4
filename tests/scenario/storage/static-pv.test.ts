/**
 * INDEX.md scenario group 6 (static PersistentVolumes): pv-volume.yaml → pv-claim.yaml →
 * pv-pod.yaml, the pod applied before its claim, reclaim on claim deletion, and the
 * model-serving-tensorflow PV/PVC pair whose pre-bound claim meets the default StorageClass.
 */
import { describe, expect, it } from 'vitest';
import { Lab } from '../../support/manifests.ts';

const PV = 'kubernetes-website/content/en/examples/pods/storage/pv-volume.yaml';
const PVC = 'kubernetes-website/content/en/examples/pods/storage/pv-claim.yaml';
const POD = 'kubernetes-website/content/en/examples/pods/storage/pv-pod.yaml';
const TF_PV = 'kubernetes-examples/AI/model-serving-tensorflow/pv.yaml';
const TF_PVC = 'kubernetes-examples/AI/model-serving-tensorflow/pvc.yaml';

describe('static PV (pv-volume → pv-claim → pv-pod)', () => {
  it('the PV is Available, the claim binds to it (capacity 10Gi), the pod runs', () => {
    const lab = new Lab();
    expect(lab.out(`kubectl apply -f ${PV}`)).toBe('persistentvolume/task-pv-volume created\n');
    expect(lab.out('kubectl get pv')).toBe(
      [
        'NAME             CAPACITY   ACCESS MODES   RECLAIM POLICY   STATUS      CLAIM   STORAGECLASS   VOLUMEATTRIBUTESCLASS   REASON   AGE',
        'task-pv-volume   10Gi       RWO            Retain           Available           manual         <unset>                          0s',
        '',
      ].join('\n'),
    );
    expect(lab.out(`kubectl apply -f ${PVC}`)).toBe('persistentvolumeclaim/task-pv-claim created\n');
    expect(lab.out('kubectl get pvc')).toBe(
      [
        'NAME            STATUS   VOLUME           CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE',
        'task-pv-claim   Bound    task-pv-volume   10Gi       RWO            manual         <unset>                 0s',
        '',
      ].join('\n'),
    );
    expect(lab.out('kubectl get pv task-pv-volume -o wide')).toContain('Bound    default/task-pv-claim   manual         <unset>                          0s    Filesystem');
    lab.run(`kubectl apply -f ${POD}`);
    lab.advance('20s');
    expect(lab.status('task-pv-pod')).toBe('Running');
    expect(lab.out('kubectl describe pvc task-pv-claim')).toBe(
      [
        'Name:          task-pv-claim',
        'Namespace:     default',
        'StorageClass:  manual',
        'Status:        Bound',
        'Volume:        task-pv-volume',
        'Labels:        <none>',
        'Annotations:   pv.kubernetes.io/bind-completed: yes',
        '               pv.kubernetes.io/bound-by-controller: yes',
        'Finalizers:    [kubernetes.io/pvc-protection]',
        'Capacity:      10Gi',
        'Access Modes:  RWO',
        'VolumeMode:    Filesystem',
        'Used By:       task-pv-pod',
        'Events:        <none>',
        '',
      ].join('\n'),
    );
  });

  it('describes the PV with its claim, source and finalizer', () => {
    const lab = new Lab();
    lab.run(`kubectl apply -f ${PV}`);
    lab.run(`kubectl apply -f ${PVC}`);
    expect(lab.out('kubectl describe pv task-pv-volume')).toBe(
      [
        'Name:            task-pv-volume',
        'Labels:          type=local',
        'Annotations:     pv.kubernetes.io/bound-by-controller: yes',
        'Finalizers:      [kubernetes.io/pv-protection]',
        'StorageClass:    manual',
        'Status:          Bound',
        'Claim:           default/task-pv-claim',
        'Reclaim Policy:  Retain',
        'Access Modes:    RWO',
        'VolumeMode:      Filesystem',
        'Capacity:        10Gi',
        'Node Affinity:   <none>',
        'Message:         ',
        'Source:',
        '    Type:          HostPath (bare host directory volume)',
        '    Path:          /mnt/data',
        '    HostPathType:  ',
        'Events:            <none>',
        '',
      ].join('\n'),
    );
  });

  it('a pod applied before its claim is Pending: persistentvolumeclaim "task-pv-claim" not found, then runs', () => {
    const lab = new Lab();
    lab.run(`kubectl apply -f ${POD}`);
    lab.advance('5s');
    expect(lab.status('task-pv-pod')).toBe('Pending');
    expect(lab.events('task-pv-pod')).toContainEqual(
      expect.objectContaining({
        reason: 'FailedScheduling',
        message: '0/4 nodes are available: persistentvolumeclaim "task-pv-claim" not found. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling..',
      }),
    );
    lab.run(`kubectl apply -f ${PV}`);
    lab.run(`kubectl apply -f ${PVC}`);
    lab.advance('20s');
    expect(lab.status('task-pv-pod')).toBe('Running');
  });

  it('without the PV the claim of class "manual" stays Pending (no provisioner), and binds at the resync after the PV appears', () => {
    const lab = new Lab();
    lab.run(`kubectl apply -f ${PVC}`);
    lab.advance('1s');
    expect(lab.out('kubectl get pvc task-pv-claim -o jsonpath={.status.phase}')).toBe('Pending');
    expect(lab.events('task-pv-claim')).toEqual([
      { type: 'Warning', reason: 'ProvisioningFailed', message: 'storageclass.storage.k8s.io "manual" not found', count: 1 },
    ]);
    lab.run(`kubectl apply -f ${PV}`);
    lab.advance('1s');
    expect(lab.out('kubectl get pvc task-pv-claim -o jsonpath={.status.phase}')).toBe('Pending');
    lab.advance('15s');
    expect(lab.out('kubectl get pvc task-pv-claim -o jsonpath={.status.phase}')).toBe('Bound');
  });

  it('deleting a claim in use leaves it Terminating until the pod goes; the Retain PV is then Released', () => {
    const lab = new Lab();
    lab.run(`kubectl apply -f ${PV}`);
    lab.run(`kubectl apply -f ${PVC}`);
    lab.run(`kubectl apply -f ${POD}`);
    lab.advance('20s');
    lab.run('kubectl delete pvc task-pv-claim --wait=false');
    lab.advance('5s');
    expect(lab.out('kubectl get pvc --no-headers')).toMatch(/^task-pv-claim\s+Terminating\s+task-pv-volume\s+10Gi\s+RWO\s+manual/);
    lab.run('kubectl delete pod task-pv-pod --wait=false');
    lab.advance('40s');
    expect(lab.out('kubectl get pvc')).toBe('No resources found in default namespace.\n');
    expect(lab.out('kubectl get pv --no-headers')).toMatch(/^task-pv-volume\s+10Gi\s+RWO\s+Retain\s+Released\s+default\/task-pv-claim\s+manual/);
  });
});

describe('reclaim policy Delete on a hand-made hostPath volume', () => {
  it('the hostPath deleter only deletes under /tmp: the volume is Failed with VolumeFailedDelete', () => {
    const lab = new Lab();
    lab.apply(`apiVersion: v1
kind: PersistentVolume
metadata:
  name: task-pv-volume
spec:
  storageClassName: manual
  persistentVolumeReclaimPolicy: Delete
  capacity: {storage: 10Gi}
  accessModes: [ReadWriteOnce]
  hostPath: {path: /mnt/data}
`);
    lab.run(`kubectl apply -f ${PVC}`);
    lab.run('kubectl delete pvc task-pv-claim');
    lab.advance('1s');
    expect(lab.out('kubectl get pv task-pv-volume -o jsonpath={.status.phase}')).toBe('Failed');
    const message = 'host_path deleter only supports /tmp/.+ but received provided /mnt/data';
    expect(lab.out('kubectl describe pv task-pv-volume')).toContain(`Message:         ${message}\n`);
    expect(lab.out('kubectl get events --field-selector reason=VolumeFailedDelete -o jsonpath={.items[0].message}')).toBe(message);
  });
});

describe('model-serving-tensorflow PV + pre-bound PVC on a cluster with a default StorageClass', () => {
  it('admission fills in storageClassName: the claim stays Pending with VolumeMismatch', () => {
    const lab = new Lab();
    lab.run(`kubectl apply -f ${TF_PV}`);
    lab.run(`kubectl apply -f ${TF_PVC}`);
    lab.advance('1s');
    expect(lab.out('kubectl get pvc my-model-pvc -o jsonpath={.spec.storageClassName}/{.status.phase}')).toBe('standard/Pending');
    expect(lab.events('my-model-pvc')).toEqual([
      { type: 'Warning', reason: 'VolumeMismatch', message: 'Cannot bind to requested volume "my-model-pv": storageClassName does not match', count: 1 },
    ]);
  });

  it('the tf-serving Deployment\'s pod stays Pending: its claim names a volume it is not bound to yet', () => {
    const lab = new Lab();
    lab.run(`kubectl apply -f ${TF_PV}`);
    lab.run(`kubectl apply -f ${TF_PVC}`);
    lab.run('kubectl apply -f kubernetes-examples/AI/model-serving-tensorflow/deployment.yaml');
    lab.advance('10s');
    const pod = lab.out('kubectl get pods -o name').trim().replace('pod/', '');
    expect(lab.status(pod)).toBe('Pending');
    expect(lab.events(pod).map((e) => e.message)).toContain(
      '0/4 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling..',
    );
  });

  it('without a default StorageClass the claim binds to its volume', () => {
    const lab = new Lab();
    lab.run('kubectl delete storageclass standard');
    lab.run(`kubectl apply -f ${TF_PV}`);
    lab.run(`kubectl apply -f ${TF_PVC}`);
    lab.advance('1s');
    expect(lab.out('kubectl get pvc --no-headers')).toMatch(/^my-model-pvc\s+Bound\s+my-model-pv\s+1Gi\s+ROX\s+<unset>/);
  });
});
