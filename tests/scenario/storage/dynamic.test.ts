/**
 * Dynamic provisioning through kind's default StorageClass `standard` (rancher.io/local-path,
 * WaitForFirstConsumer): INDEX.md row 7 (web.yaml, with and without a default class) and row 13
 * (mysql-deployment.yaml: the claim binds, the pod then waits for Secret mysql-pass).
 */
import { describe, expect, it } from 'vitest';
import { Lab } from '../../support/manifests.ts';

const WEB = 'kubernetes-website/content/en/examples/application/web/web.yaml';
const MYSQL = 'kubernetes-website/content/en/examples/application/wordpress/mysql-deployment.yaml';

const TABLE_SC = [
  'NAME                 PROVISIONER             RECLAIMPOLICY   VOLUMEBINDINGMODE      ALLOWVOLUMEEXPANSION   AGE',
  'standard (default)   rancher.io/local-path   Delete          WaitForFirstConsumer   false                  60s',
  '',
].join('\n');

describe('the default StorageClass', () => {
  it('kubectl get sc lists kind\'s standard class as the default', () => {
    const lab = new Lab();
    expect(lab.out('kubectl get sc')).toBe(TABLE_SC);
    expect(lab.out('kubectl describe storageclass standard')).toBe(
      [
        'Name:                  standard',
        'IsDefaultClass:        Yes',
        'Annotations:           storageclass.kubernetes.io/is-default-class=true',
        'Provisioner:           rancher.io/local-path',
        'Parameters:            <none>',
        'AllowVolumeExpansion:  <unset>',
        'MountOptions:          <none>',
        'ReclaimPolicy:         Delete',
        'VolumeBindingMode:     WaitForFirstConsumer',
        'Events:                <none>',
        '',
      ].join('\n'),
    );
  });

  it('a claim alone waits for its first consumer', () => {
    const lab = new Lab();
    lab.apply(`apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: notes
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 10Mi
`);
    lab.advance('30s');
    expect(lab.out('kubectl get pvc')).toBe(
      [
        'NAME    STATUS    VOLUME   CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE',
        'notes   Pending                                      standard       <unset>                 30s',
        '',
      ].join('\n'),
    );
    expect(lab.events('notes')).toEqual([
      { type: 'Normal', reason: 'WaitForFirstConsumer', message: 'waiting for first consumer to be created before binding', count: 3 },
    ]);
  });
});

describe('a claim whose pod cannot be scheduled', () => {
  it('at the next resync the claim says which pod it waits for (WaitForPodScheduled)', () => {
    const lab = new Lab();
    lab.apply(`apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: big
spec:
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 1Gi}}
---
apiVersion: v1
kind: Pod
metadata:
  name: hungry
spec:
  containers:
  - {name: app, image: busybox:1.36, command: [sleep, "3600"], resources: {requests: {cpu: "64"}}, volumeMounts: [{name: d, mountPath: /d}]}
  volumes:
  - {name: d, persistentVolumeClaim: {claimName: big}}
`);
    lab.advance('20s');
    expect(lab.status('hungry')).toBe('Pending');
    expect(lab.events('big')).toEqual([
      { type: 'Normal', reason: 'WaitForFirstConsumer', message: 'waiting for first consumer to be created before binding', count: 1 },
      { type: 'Normal', reason: 'WaitForPodScheduled', message: 'waiting for pod hungry to be scheduled', count: 1 },
    ]);
  });
});

describe('web.yaml (StatefulSet web with volumeClaimTemplates www)', () => {
  it('with the default class: www-web-0/1 provisioned on their pods\' nodes and Bound, pods created in order', () => {
    const lab = new Lab();
    lab.run(`kubectl apply -f ${WEB}`);
    lab.advance('1s');
    // OrderedReady: web-1 waits for web-0 to be Ready.
    expect(lab.out('kubectl get pods -o name')).toBe('pod/web-0\n');
    lab.advance('30s');
    expect(lab.status('web-0')).toBe('Running');
    expect(lab.status('web-1')).toBe('Running');
    const rows = lab.out('kubectl get pvc --no-headers').split('\n').filter((l) => l !== '');
    expect(rows.map((r) => r.split(/\s+/).slice(0, 2).join(' '))).toEqual(['www-web-0 Bound', 'www-web-1 Bound']);
    for (const ordinal of [0, 1]) {
      const uid = lab.out(`kubectl get pvc www-web-${ordinal} -o jsonpath={.metadata.uid}`);
      const node = lab.jsonpath(`web-${ordinal}`, '.spec.nodeName');
      expect(lab.out(`kubectl get pvc www-web-${ordinal} -o jsonpath={.spec.volumeName}`)).toBe(`pvc-${uid}`);
      expect(lab.out(`kubectl get pv pvc-${uid} -o jsonpath={.spec.hostPath.path}/{.spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].values[0]}/{.spec.persistentVolumeReclaimPolicy}`)).toBe(
        `/var/local-path-provisioner/pvc-${uid}_default_www-web-${ordinal}/${node}/Delete`,
      );
      expect(lab.out(`kubectl get pvc www-web-${ordinal} -o jsonpath='{.metadata.annotations.volume\\.kubernetes\\.io/selected-node}'`)).toBe(node);
    }
    const reasons = lab.events('www-web-1').map((e) => e.reason);
    expect(reasons).toEqual(['WaitForFirstConsumer', 'ExternalProvisioning', 'Provisioning', 'ProvisioningSucceeded']);
    expect(lab.events('www-web-1')[1].message).toBe(
      "Waiting for a volume to be created either by the external provisioner 'rancher.io/local-path' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.",
    );
    expect(lab.events('www-web-1')[2].message).toBe('External provisioner is provisioning volume for claim "default/www-web-1"');
  });

  it('without a default class: www-web-0 Pending, web-0 Pending (unbound immediate claims), web-1 never created', () => {
    const lab = new Lab();
    expect(lab.out('kubectl delete sc standard')).toBe('storageclass.storage.k8s.io "standard" deleted\n');
    lab.run(`kubectl apply -f ${WEB}`);
    lab.advance('60s');
    expect(lab.out('kubectl get pvc,pods')).toBe(
      [
        'NAME                              STATUS    VOLUME   CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE',
        'persistentvolumeclaim/www-web-0   Pending                                                     <unset>                 60s',
        '',
        'NAME        READY   STATUS    RESTARTS   AGE',
        'pod/web-0   0/1     Pending   0          60s',
        '',
      ].join('\n'),
    );
    expect(lab.events('web-0')).toContainEqual(
      expect.objectContaining({
        reason: 'FailedScheduling',
        message: '0/4 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling..',
      }),
    );
    expect(lab.events('www-web-0')).toEqual([
      { type: 'Normal', reason: 'FailedBinding', message: 'no persistent volumes available for this claim and no storage class is set', count: 5 },
    ]);
  });
});

describe('a default class created after the claims (retroactive default StorageClass)', () => {
  it('the Pending claims get it at the next resync, and web.yaml then starts', () => {
    const lab = new Lab();
    lab.run('kubectl delete sc standard');
    lab.run(`kubectl apply -f ${WEB}`);
    lab.advance('20s');
    expect(lab.status('web-0')).toBe('Pending');
    lab.apply(`apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: standard
  annotations: {storageclass.kubernetes.io/is-default-class: "true"}
provisioner: rancher.io/local-path
volumeBindingMode: WaitForFirstConsumer
`);
    lab.advance('60s');
    expect(lab.out('kubectl get pvc www-web-0 -o jsonpath={.spec.storageClassName}/{.status.phase}')).toBe('standard/Bound');
    expect(lab.status('web-0')).toBe('Running');
    expect(lab.status('web-1')).toBe('Running');
  });
});

describe('mysql-deployment.yaml (wordpress)', () => {
  it('the 20Gi claim binds through the default class, then the pod waits: secret "mysql-pass" not found', () => {
    const lab = new Lab();
    lab.run(`kubectl apply -f ${MYSQL}`);
    lab.advance('30s');
    const [claim] = lab.out('kubectl get pvc --no-headers').split('\n');
    expect(claim).toMatch(/^mysql-pv-claim\s+Bound\s+pvc-[0-9a-f-]{36}\s+20Gi\s+RWO\s+standard\s+<unset>\s+30s$/);
    const pod = lab.out('kubectl get pods -o name').trim().replace('pod/', '');
    expect(lab.status(pod)).toBe('CreateContainerConfigError');
    expect(lab.events(pod)).toContainEqual(expect.objectContaining({ type: 'Warning', reason: 'Failed', message: 'Error: secret "mysql-pass" not found' }));
  });

  it('without a default class the claim and the pod stay Pending', () => {
    const lab = new Lab();
    lab.run('kubectl delete sc standard');
    lab.run(`kubectl apply -f ${MYSQL}`);
    lab.advance('30s');
    expect(lab.out('kubectl get pvc mysql-pv-claim -o jsonpath={.status.phase}')).toBe('Pending');
    const pod = lab.out('kubectl get pods -o name').trim().replace('pod/', '');
    expect(lab.status(pod)).toBe('Pending');
  });
});

describe('claim templates naming a class the cluster cannot provision', () => {
  it('statefulset.yaml (class "my-storage-class" missing): www-web-0 Pending, web-0 Pending, web-1/web-2 never created', () => {
    const lab = new Lab();
    lab.run('kubectl apply -f kubernetes-website/content/en/examples/controllers/statefulset.yaml');
    lab.advance('60s');
    expect(lab.out('kubectl get pods -o name')).toBe('pod/web-0\n');
    expect(lab.status('web-0')).toBe('Pending');
    expect(lab.out('kubectl get pvc --no-headers')).toMatch(/^www-web-0\s+Pending\s+my-storage-class\s+<unset>\s+60s\n$/);
    expect(lab.events('www-web-0')).toEqual([
      { type: 'Warning', reason: 'ProvisioningFailed', message: 'storageclass.storage.k8s.io "my-storage-class" not found', count: 5 },
    ]);
    expect(lab.events('web-0').map((e) => e.message)).toContain(
      '0/4 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling..',
    );
  });

  it('cassandra (class fast, provisioner k8s.io/minikube-hostpath absent): the claim waits for that provisioner', () => {
    const lab = new Lab();
    lab.run('kubectl apply -f kubernetes-examples/databases/cassandra/cassandra-statefulset.yaml');
    lab.advance('30s');
    expect(lab.out('kubectl get pods -o name')).toBe('pod/cassandra-0\n');
    expect(lab.status('cassandra-0')).toBe('Pending');
    const events = lab.events('cassandra-data-cassandra-0');
    expect(events.map((e) => e.reason)).toEqual(['ExternalProvisioning']);
    expect(events[0].message).toBe(
      "Waiting for a volume to be created either by the external provisioner 'k8s.io/minikube-hostpath' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.",
    );
  });
});

describe('kubectl describe of a provisioned volume', () => {
  it('shows the provisioner annotations, the node affinity term and the hostPath source', () => {
    const lab = new Lab();
    lab.run(`kubectl apply -f ${MYSQL}`);
    lab.advance('10s');
    const uid = lab.out('kubectl get pvc mysql-pv-claim -o jsonpath={.metadata.uid}');
    const node = lab.out(`kubectl get pv pvc-${uid} -o jsonpath='{.metadata.annotations.local\\.path\\.provisioner/selected-node}'`);
    expect(node).toMatch(/^node-\d$/);
    expect(lab.out(`kubectl describe pv pvc-${uid}`)).toBe(
      [
        `Name:              pvc-${uid}`,
        'Labels:            <none>',
        `Annotations:       local.path.provisioner/selected-node: ${node}`,
        '                   pv.kubernetes.io/provisioned-by: rancher.io/local-path',
        'Finalizers:        [kubernetes.io/pv-protection]',
        'StorageClass:      standard',
        'Status:            Bound',
        'Claim:             default/mysql-pv-claim',
        'Reclaim Policy:    Delete',
        'Access Modes:      RWO',
        'VolumeMode:        Filesystem',
        'Capacity:          20Gi',
        'Node Affinity:     ',
        '  Required Terms:  ',
        `    Term 0:        kubernetes.io/hostname in [${node}]`,
        'Message:           ',
        'Source:',
        '    Type:          HostPath (bare host directory volume)',
        `    Path:          /var/local-path-provisioner/pvc-${uid}_default_mysql-pv-claim`,
        '    HostPathType:  DirectoryOrCreate',
        'Events:            <none>',
        '',
      ].join('\n'),
    );
  });
});
