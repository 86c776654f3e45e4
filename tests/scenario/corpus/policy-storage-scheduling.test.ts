/**
 * Corpus rows 27–44. Scenario groups 7 (ResourceQuota) and 8 (LimitRange), each in the tutorial's
 * namespace, created first; the quota and limit files carry no namespace and go in with
 * `--namespace`, as the tutorials apply them (deeper: tests/scenario/quota/). Scenario group 6,
 * static PersistentVolumes (deeper: tests/scenario/storage/static-pv.test.ts). Node affinity on
 * a cluster without the labels it asks for: rows 42 and 44 share the pod name with-node-affinity
 * and row 43 shares nginx with row 1, so each test has its own cluster.
 */
import { describe, expect, it } from 'vitest';
import { Lab } from '../../support/manifests.ts';
import { ROW, applyRow, column, labWithNamespaces, table } from './support.ts';

const QMC = 'quota-mem-cpu-example';
const QP = 'quota-pod-example';
const CM = 'constraints-mem-example';

describe('ResourceQuota (rows 27–31)', () => {
  it('row 27 quota-mem-cpu.yaml (KYAML) in quota-mem-cpu-example: mem-cpu-demo with requests.cpu 1, requests.memory 1Gi, limits.cpu 2, limits.memory 2Gi; a pod without requests/limits is rejected', () => {
    const lab = labWithNamespaces(QMC);
    expect(applyRow(lab, 27, `--namespace=${QMC}`)).toBe('resourcequota/mem-cpu-demo created\n');
    expect(lab.out(`kubectl get resourcequota mem-cpu-demo -n ${QMC} -o jsonpath={.spec.hard}`)).toBe(
      '{"limits.cpu":"2","limits.memory":"2Gi","requests.cpu":"1","requests.memory":"1Gi"}',
    );
    const r = lab.run(`kubectl apply -f ${ROW[1]} -n ${QMC}`);
    expect(r.exitCode).toBe(1);
    expect(r.output).toBe(
      `Error from server (Forbidden): error when creating "${ROW[1]}": pods "nginx" is forbidden: ` +
        'failed quota: mem-cpu-demo: must specify limits.cpu for: nginx; limits.memory for: nginx; requests.cpu for: nginx; requests.memory for: nginx\n',
    );
  });

  it('rows 28, 29 zh-cn quota-mem-cpu-pod.yaml admitted and Running; en quota-mem-cpu-pod-2.yaml (KYAML) rejected: exceeded quota mem-cpu-demo', () => {
    const lab = labWithNamespaces(QMC);
    applyRow(lab, 27, `--namespace=${QMC}`);
    expect(applyRow(lab, 28, `--namespace=${QMC}`)).toBe('pod/quota-mem-cpu-demo created\n');
    const r = lab.run(`kubectl apply -f ${ROW[29]} --namespace=${QMC}`);
    expect(r.exitCode).toBe(1);
    expect(r.output).toBe(
      `Error from server (Forbidden): error when creating "${ROW[29]}": pods "quota-mem-cpu-demo-2" is forbidden: ` +
        'exceeded quota: mem-cpu-demo, requested: requests.memory=700Mi, used: requests.memory=600Mi, limited: requests.memory=1Gi\n',
    );
    lab.advance('1m');
    expect(lab.out(`kubectl get pods -n ${QMC}`)).toBe('NAME                 READY   STATUS    RESTARTS   AGE\nquota-mem-cpu-demo   1/1     Running   0          60s\n');
    expect(lab.out(`kubectl get quota -n ${QMC}`)).toBe(
      'NAME           AGE   REQUEST                                            LIMIT\n' +
        'mem-cpu-demo   60s   requests.cpu: 400m/1, requests.memory: 600Mi/1Gi   limits.cpu: 800m/2, limits.memory: 800Mi/2Gi\n',
    );
  });

  it('rows 30, 31 quota-pod.yaml → quota-pod-deployment.yaml (KYAML) in quota-pod-example: 2 of 3 pods, READY 2/3, FailedCreate exceeded quota pod-demo', () => {
    const lab = labWithNamespaces(QP);
    expect(applyRow(lab, 30, `--namespace=${QP}`)).toBe('resourcequota/pod-demo created\n');
    expect(applyRow(lab, 31, `--namespace=${QP}`)).toBe('deployment.apps/pod-quota-demo created\n');
    lab.advance('1m');
    expect(lab.out(`kubectl get deploy pod-quota-demo -n ${QP}`)).toBe(
      'NAME             READY   UP-TO-DATE   AVAILABLE   AGE\npod-quota-demo   2/3     2            2           60s\n',
    );
    expect(column(lab.out(`kubectl get pods -n ${QP}`), 'STATUS')).toEqual(['Running', 'Running']);
    expect(lab.out(`kubectl get quota pod-demo -n ${QP}`)).toBe('NAME       AGE   REQUEST     LIMIT\npod-demo   60s   pods: 2/2   \n');
    const rs = column(lab.out(`kubectl get rs -n ${QP}`), 'NAME')[0];
    const failed = lab.events(rs, QP).filter((e) => e.reason === 'FailedCreate');
    expect(failed[0].message).toMatch(
      new RegExp(`^Error creating: pods "${rs}-[a-z0-9]{5}" is forbidden: exceeded quota: pod-demo, requested: pods=1, used: pods=2, limited: pods=2$`),
    );
  });
});

describe('LimitRange (rows 32–35)', () => {
  it('row 32 memory-defaults.yaml (old-rev, namespace inside): NotFound until default-mem-example exists, then LimitRange mem-limit-range', () => {
    const lab = labWithNamespaces();
    const r = lab.run(`kubectl apply -f ${ROW[32]}`);
    expect(r.output).toBe(`Error from server (NotFound): error when creating "${ROW[32]}": namespaces "default-mem-example" not found\n`);
    lab.out('kubectl create namespace default-mem-example');
    expect(applyRow(lab, 32)).toBe('limitrange/mem-limit-range created\n');
    expect(lab.out('kubectl describe limitrange mem-limit-range -n default-mem-example')).toContain(
      'Container   memory    -    -    256Mi            512Mi          -\n',
    );
  });

  it('row 33 memory-defaults-pod.yaml after row 32: default-mem-demo gets requests.memory 256Mi / limits.memory 512Mi injected, Running', () => {
    const lab = labWithNamespaces('default-mem-example');
    applyRow(lab, 32);
    expect(applyRow(lab, 33)).toBe('pod/default-mem-demo created\n');
    expect(lab.jsonpath('default-mem-demo', '.spec.containers[0].resources', 'default-mem-example')).toBe('{"limits":{"memory":"512Mi"},"requests":{"memory":"256Mi"}}');
    expect(lab.out('kubectl get pod default-mem-demo -n default-mem-example -o yaml')).toContain(
      '    resources:\n      limits:\n        memory: 512Mi\n      requests:\n        memory: 256Mi\n',
    );
    lab.advance('1m');
    expect(lab.status('default-mem-demo', 'default-mem-example')).toBe('Running');
  });

  it('rows 34, 35 ko memory-constraints.yaml → zh-cn memory-constraints-pod-2.yaml in constraints-mem-example: min 500Mi / max 1Gi; the 1.5Gi pod is rejected', () => {
    const lab = labWithNamespaces(CM);
    expect(applyRow(lab, 34, `--namespace=${CM}`)).toBe('limitrange/mem-min-max-demo-lr created\n');
    expect(lab.out(`kubectl describe limitrange mem-min-max-demo-lr -n ${CM}`)).toContain(
      [
        'Type        Resource  Min    Max  Default Request  Default Limit  Max Limit/Request Ratio',
        '----        --------  ---    ---  ---------------  -------------  -----------------------',
        'Container   memory    500Mi  1Gi  1Gi              1Gi            -',
      ].join('\n'),
    );
    const r = lab.run(`kubectl apply -f ${ROW[35]} --namespace=${CM}`);
    expect(r.exitCode).toBe(1);
    expect(r.output).toBe(
      `Error from server (Forbidden): error when creating "${ROW[35]}": pods "constraints-mem-demo-2" is forbidden: maximum memory usage per Container is 1Gi, but limit is 1536Mi\n`,
    );
    expect(lab.out(`kubectl get pods -n ${CM}`)).toBe(`No resources found in ${CM} namespace.\n`);
  });
});

describe('static PersistentVolumes (rows 36–41)', () => {
  it('row 36 storage/pv-volume.yaml: PV task-pv-volume 10Gi RWO hostPath /mnt/data, class manual, Available', () => {
    const lab = new Lab();
    expect(applyRow(lab, 36)).toBe('persistentvolume/task-pv-volume created\n');
    const pv = table(lab.out('kubectl get pv task-pv-volume'))[0];
    expect([pv.CAPACITY, pv['ACCESS MODES'], pv.STATUS, pv.STORAGECLASS]).toEqual(['10Gi', 'RWO', 'Available', 'manual']);
    expect(lab.out('kubectl get pv task-pv-volume -o jsonpath={.spec.hostPath.path}')).toBe('/mnt/data');
  });

  it('row 37 storage/pv-claim.yaml after row 36: task-pv-claim (3Gi, manual) Bound to task-pv-volume, capacity 10Gi; the PV is Bound', () => {
    const lab = new Lab();
    applyRow(lab, 36);
    expect(applyRow(lab, 37)).toBe('persistentvolumeclaim/task-pv-claim created\n');
    lab.advance('10s');
    const pvc = table(lab.out('kubectl get pvc task-pv-claim'))[0];
    expect([pvc.STATUS, pvc.VOLUME, pvc.CAPACITY, pvc.STORAGECLASS]).toEqual(['Bound', 'task-pv-volume', '10Gi', 'manual']);
    const pv = table(lab.out('kubectl get pv task-pv-volume'))[0];
    expect([pv.STATUS, pv.CLAIM]).toEqual(['Bound', 'default/task-pv-claim']);
  });

  it('row 37 storage/pv-claim.yaml without the PV: Pending, no provisioner for class "manual"', () => {
    const lab = new Lab();
    applyRow(lab, 37);
    lab.advance('30s');
    expect(table(lab.out('kubectl get pvc task-pv-claim'))[0].STATUS).toBe('Pending');
    expect(lab.events('task-pv-claim').map((e) => `${e.reason}: ${e.message}`)).toEqual([
      'ProvisioningFailed: storageclass.storage.k8s.io "manual" not found',
    ]);
  });

  it('row 38 storage/pv-pod.yaml (trailing blank lines) after rows 36, 37: task-pv-pod Running with the claim mounted at the nginx html dir', () => {
    const lab = new Lab();
    applyRow(lab, 36);
    applyRow(lab, 37);
    expect(applyRow(lab, 38)).toBe('pod/task-pv-pod created\n');
    lab.advance('1m');
    expect(lab.status('task-pv-pod')).toBe('Running');
    expect(lab.jsonpath('task-pv-pod', '.spec.containers[0].volumeMounts[0].mountPath')).toBe('/usr/share/nginx/html');
  });

  it('row 38 storage/pv-pod.yaml before its claim exists: Pending, persistentvolumeclaim "task-pv-claim" not found', () => {
    const lab = new Lab();
    applyRow(lab, 38);
    lab.advance('10s');
    expect(lab.status('task-pv-pod')).toBe('Pending');
    expect(lab.events('task-pv-pod').map((e) => e.message)).toEqual([
      '0/4 nodes are available: persistentvolumeclaim "task-pv-claim" not found. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling..',
    ]);
  });

  it('row 39 model-serving-tensorflow/pv.yaml: PV my-model-pv 1Gi ROX, no class, Retain, Available', () => {
    const lab = new Lab();
    expect(applyRow(lab, 39)).toBe('persistentvolume/my-model-pv created\n');
    const pv = table(lab.out('kubectl get pv my-model-pv'))[0];
    expect([pv.CAPACITY, pv['ACCESS MODES'], pv['RECLAIM POLICY'], pv.STATUS, pv.STORAGECLASS]).toEqual(['1Gi', 'ROX', 'Retain', 'Available', '']);
  });

  it('row 40 model-serving-tensorflow/pvc.yaml after row 39, with the default StorageClass: class filled in → Pending, VolumeMismatch', () => {
    const lab = new Lab();
    applyRow(lab, 39);
    expect(applyRow(lab, 40)).toBe('persistentvolumeclaim/my-model-pvc created\n');
    lab.advance('30s');
    const pvc = table(lab.out('kubectl get pvc my-model-pvc'))[0];
    expect([pvc.STATUS, pvc.VOLUME, pvc.STORAGECLASS]).toEqual(['Pending', 'my-model-pv', 'standard']);
    expect(lab.events('my-model-pvc').map((e) => `${e.type} ${e.reason}: ${e.message}`)).toEqual([
      'Warning VolumeMismatch: Cannot bind to requested volume "my-model-pv": storageClassName does not match',
    ]);
  });

  it('rows 39, 40, 41 without a default StorageClass: my-model-pvc Bound, tf-serving Running (BestEffort)', () => {
    const lab = new Lab();
    lab.run('kubectl delete sc standard');
    applyRow(lab, 39);
    applyRow(lab, 40);
    expect(applyRow(lab, 41)).toBe('deployment.apps/tf-serving created\n');
    lab.advance('1m');
    expect(table(lab.out('kubectl get pvc my-model-pvc'))[0].STATUS).toBe('Bound');
    const pod = table(lab.out('kubectl get pods'))[0];
    expect(pod.STATUS).toBe('Running');
    expect(lab.jsonpath(pod.NAME, '.status.qosClass')).toBe('BestEffort');
  });

  it('row 41 model-serving-tensorflow/deployment.yaml with the claim unbound (default class present): tf-serving Pending on the unbound claim', () => {
    const lab = new Lab();
    applyRow(lab, 39);
    applyRow(lab, 40);
    applyRow(lab, 41);
    lab.advance('1m');
    const pod = table(lab.out('kubectl get pods'))[0];
    expect(pod.STATUS).toBe('Pending');
    // A claim with spec.volumeName set counts as an unbound *immediate* claim for VolumeBinding.
    expect(lab.events(pod.NAME).map((e) => e.message)).toEqual([
      '0/4 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling..',
    ]);
  });
});

const AFFINITY_MISMATCH =
  "0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 node(s) didn't match Pod's node affinity/selector. " +
  'preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling..';

describe('node affinity (rows 42–44)', () => {
  it('row 42 uk pod-with-node-affinity.yaml: Pending, "didn\'t match Pod\'s node affinity/selector"; scheduled on a node in zone antarctica-east1', () => {
    const lab = new Lab();
    expect(applyRow(lab, 42)).toBe('pod/with-node-affinity created\n');
    lab.advance('30s');
    expect(lab.status('with-node-affinity')).toBe('Pending');
    expect(lab.events('with-node-affinity').map((e) => e.message)).toEqual([AFFINITY_MISMATCH]);
    // `kubectl label nodes` is not there yet (see the pending test below): a node joins with the label.
    lab.run('sim node add node-4 --labels topology.kubernetes.io/zone=antarctica-east1');
    lab.advance('30s');
    const pod = table(lab.out('kubectl get pod with-node-affinity -o wide'))[0];
    expect([pod.STATUS, pod.NODE]).toEqual(['Running', 'node-4']);
  });

  it('row 43 ja pod-nginx-required-affinity.yaml: Pending until a node has disktype=ssd, then scheduled on exactly that node', () => {
    const lab = new Lab();
    expect(applyRow(lab, 43)).toBe('pod/nginx created\n');
    lab.advance('30s');
    expect(lab.status('nginx')).toBe('Pending');
    expect(lab.events('nginx').map((e) => e.message)).toEqual([AFFINITY_MISMATCH]);
    lab.run('sim node add node-4 --labels disktype=ssd');
    lab.advance('30s');
    const pod = table(lab.out('kubectl get pod nginx -o wide'))[0];
    expect([pod.STATUS, pod.NODE]).toEqual(['Running', 'node-4']);
  });

  // The tutorial's own step: label a node, and the pending pod lands on it.
  it('rows 42, 43 with `kubectl label nodes`: each pod lands on exactly the node labelled for it', () => {
    const lab = new Lab();
    applyRow(lab, 42);
    applyRow(lab, 43);
    lab.advance('30s');
    expect(lab.out('kubectl label nodes node-2 disktype=ssd')).toBe('node/node-2 labeled\n');
    expect(lab.out('kubectl label nodes node-3 topology.kubernetes.io/zone=antarctica-east1')).toBe('node/node-3 labeled\n');
    lab.advance('30s');
    expect(table(lab.out('kubectl get pods -o wide')).map((p) => [p.NAME, p.STATUS, p.NODE])).toEqual([
      ['nginx', 'Running', 'node-2'],
      ['with-node-affinity', 'Running', 'node-3'],
    ]);
  });

  // Real v1.31 (kubectl --validate=strict, the default, sends fieldValidation=Strict; the API
  // server cannot decode the list into a NodeSelector): BadRequest, nothing created. Older clients validating on their side said
  // `ValidationError(Pod.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution):
  // invalid type for io.k8s.api.core.v1.NodeSelector: got "array", expected "map"` (INDEX.md's quote).
  it('row 44 en pod-with-node-affinity.yaml (old-rev, SCHEMA-INVALID): rejected, no pod created', () => {
    const lab = new Lab();
    const r = lab.run(`kubectl apply -f ${ROW[44]}`);
    expect(r.exitCode).toBe(1);
    expect(r.output).toBe(
      `Error from server (BadRequest): error when creating "${ROW[44]}": Pod in version "v1" cannot be handled as a Pod: ` +
        'json: cannot unmarshal array into Go struct field NodeAffinity.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution of type v1.NodeSelector\n',
    );
    expect(lab.out('kubectl get pods')).toBe('No resources found in default namespace.\n');
  });
});
