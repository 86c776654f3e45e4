/**
 * Corpus rows of scenario group 9, the multi-object apps: Cassandra (47, 48), the vLLM pair that
 * cannot run on a CPU-only cluster (49, 50; 49 also on a GPU node), the guestbook (51) and the nine files of the voting
 * app (52–60). The guestbook's redis pods carry app=redis, which the voting app's redis Service
 * selects, so each app gets its own cluster.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Lab } from '../../support/manifests.ts';
import { ROW, applyRow, column, table } from './support.ts';

const FAST_LOCAL_PATH = 'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata: {name: fast}\nprovisioner: rancher.io/local-path\nvolumeBindingMode: WaitForFirstConsumer\n';

describe('Cassandra (rows 47, 48)', () => {
  it('row 47 cassandra-service.yaml: headless Service cassandra on 9042, no endpoints without Ready cassandra pods', () => {
    const lab = new Lab();
    expect(applyRow(lab, 47)).toBe('service/cassandra created\n');
    expect(lab.out('kubectl get svc cassandra')).toBe(
      'NAME        TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)    AGE\ncassandra   ClusterIP   None         <none>        9042/TCP   0s\n',
    );
    expect(lab.out('kubectl get endpoints cassandra')).toBe('NAME        ENDPOINTS   AGE\ncassandra   <none>      0s\n');
  });

  it('rows 47, 48 cassandra-statefulset.yaml (class fast, provisioner k8s.io/minikube-hostpath absent): claim Pending, cassandra-0 Pending, others not created', () => {
    // Deeper (the ExternalProvisioning event): tests/scenario/storage/dynamic.test.ts.
    const lab = new Lab();
    applyRow(lab, 47);
    expect(applyRow(lab, 48)).toBe('statefulset.apps/cassandra created\nstorageclass.storage.k8s.io/fast created\n');
    lab.advance('1m');
    expect(lab.out('kubectl get pods')).toBe('NAME          READY   STATUS    RESTARTS   AGE\ncassandra-0   0/1     Pending   0          60s\n');
    const pvc = table(lab.out('kubectl get pvc'))[0];
    expect([pvc.NAME, pvc.STATUS, pvc.STORAGECLASS]).toEqual(['cassandra-data-cassandra-0', 'Pending', 'fast']);
    expect(table(lab.out('kubectl get sc fast'))[0].PROVISIONER).toBe('k8s.io/minikube-hostpath');
    expect(lab.jsonpath('cassandra-0', '.spec.containers[0].resources')).toBe('{"limits":{"cpu":"500m","memory":"1Gi"},"requests":{"cpu":"500m","memory":"1Gi"}}');
    expect(column(lab.out('kubectl get endpoints cassandra'), 'ENDPOINTS')).toEqual(['<none>']);
  });

  // With a class `fast` that can provision (as on minikube): the image's /ready-probe.sh (bash's
  // `[[ $(nodetool status | grep $POD_IP) == *"UN"* ]]`) passes once the node is Up and Normal:
  // cassandra-0, the seed, about 20 s after it starts; the others bootstrap for two ring delays
  // first (src/engine/node/shell/tools-cassandra.ts). The StatefulSet's OrderedReady waits for each.
  it('rows 47, 48 where class fast can provision (minikube): cassandra-0, 1, 2 become Ready one by one', () => {
    const lab = new Lab();
    lab.apply(FAST_LOCAL_PATH);
    applyRow(lab, 47);
    applyRow(lab, 48);
    lab.advance('1m');
    // cassandra-0 Ready; cassandra-1 joining the ring, not Ready; cassandra-2 not created yet.
    expect(table(lab.out('kubectl get pods')).map((p) => [p.NAME, p.READY])).toEqual([['cassandra-0', '1/1'], ['cassandra-1', '0/1']]);
    lab.advance('4m');
    expect(column(lab.out('kubectl get pods'), 'READY')).toEqual(['1/1', '1/1', '1/1']);
    expect(column(lab.out('kubectl get pods'), 'RESTARTS')).toEqual(['0', '0', '0']);
    expect(column(lab.out('kubectl get endpoints cassandra'), 'ENDPOINTS')[0].split(',')).toHaveLength(3);
  });
});

describe('guestbook (row 51)', () => {
  it('row 51 guestbook-all-in-one.yaml: 6 documents, 6 pods Running, frontend on a NodePort in 30000–32767, every Service has endpoints', () => {
    // Traffic through the Services: tests/scenario/network/voting-app.test.ts, tests/scenario/services/.
    const lab = new Lab();
    expect(applyRow(lab, 51)).toBe(
      [
        'service/redis-master created',
        'deployment.apps/redis-master created',
        'service/redis-replica created',
        'deployment.apps/redis-replica created',
        'service/frontend created',
        'deployment.apps/frontend created',
        '',
      ].join('\n'),
    );
    lab.advance('2m');
    expect(table(lab.out('kubectl get deploy')).map((d) => [d.NAME, d.READY])).toEqual([
      ['frontend', '3/3'],
      ['redis-master', '1/1'],
      ['redis-replica', '2/2'],
    ]);
    expect(column(lab.out('kubectl get pods'), 'STATUS')).toEqual(Array(6).fill('Running'));
    const svcs = table(lab.out('kubectl get svc frontend redis-master redis-replica'));
    expect(svcs.map((s) => s.TYPE)).toEqual(['NodePort', 'ClusterIP', 'ClusterIP']);
    const nodePort = Number(/^80:(\d+)\/TCP$/.exec(svcs[0]['PORT(S)'])?.[1]);
    expect(nodePort >= 30000 && nodePort <= 32767).toBe(true);
    const endpoints = column(lab.out('kubectl get endpoints frontend redis-master redis-replica'), 'ENDPOINTS');
    expect(endpoints.map((e) => e.split(',').length)).toEqual([3, 1, 2]);
    const requests = lab.out("kubectl get pods -o jsonpath='{range .items[*]}{.spec.containers[0].resources.requests}{\"\\n\"}{end}'");
    expect(requests.trim().split('\n')).toEqual(Array(6).fill('{"cpu":"100m","memory":"100Mi"}'));
  });
});

describe('voting app, its 9 files applied one by one (rows 52–60)', () => {
  // Reaching the Services by name, by nodePort from a node's address, and redis by TCP:
  // tests/scenario/network/voting-app.test.ts.
  const lab = new Lab();
  const applied = new Map<number, string>();
  beforeAll(() => {
    for (let row = 52; row <= 60; row++) applied.set(row, applyRow(lab, row));
    lab.advance('2m');
  });

  const deployment = (name: string) => {
    const d = table(lab.out(`kubectl get deploy ${name}`))[0];
    const pod = table(lab.out(`kubectl get pods -l app=${name}`));
    return { ready: d.READY, pods: pod.map((p) => p.STATUS) };
  };
  const service = (name: string) => {
    const s = table(lab.out(`kubectl get svc ${name}`))[0];
    return { type: s.TYPE, ports: s['PORT(S)'], endpoints: column(lab.out(`kubectl get endpoints ${name}`), 'ENDPOINTS')[0] };
  };
  const podIp = (app: string) => table(lab.out(`kubectl get pods -l app=${app} -o wide`))[0].IP;

  it('row 52 db-deployment.yaml: db, 1 pod postgres:15-alpine with an emptyDir, Running', () => {
    expect(applied.get(52)).toBe('deployment.apps/db created\n');
    expect(deployment('db')).toEqual({ ready: '1/1', pods: ['Running'] });
    expect(lab.out('kubectl get deploy db -o jsonpath={.spec.template.spec.containers[0].image}')).toBe('postgres:15-alpine');
    expect(lab.out('kubectl get deploy db -o jsonpath={.spec.template.spec.volumes}')).toBe('[{"emptyDir":{},"name":"db-data"}]');
  });

  it('row 53 db-service.yaml: ClusterIP db:5432 with 1 endpoint', () => {
    expect(applied.get(53)).toBe('service/db created\n');
    expect(service('db')).toEqual({ type: 'ClusterIP', ports: '5432/TCP', endpoints: `${podIp('db')}:5432` });
  });

  it('row 54 redis-deployment.yaml: redis, 1 pod redis:alpine with an emptyDir, Running', () => {
    expect(applied.get(54)).toBe('deployment.apps/redis created\n');
    expect(deployment('redis')).toEqual({ ready: '1/1', pods: ['Running'] });
    expect(lab.out('kubectl get deploy redis -o jsonpath={.spec.template.spec.containers[0].image}')).toBe('redis:alpine');
  });

  it('row 55 redis-service.yaml: ClusterIP redis:6379 with 1 endpoint', () => {
    expect(applied.get(55)).toBe('service/redis created\n');
    expect(service('redis')).toEqual({ type: 'ClusterIP', ports: '6379/TCP', endpoints: `${podIp('redis')}:6379` });
  });

  it('row 56 vote-deployment.yaml: vote, 1 pod (port 80), Running', () => {
    expect(applied.get(56)).toBe('deployment.apps/vote created\n');
    expect(deployment('vote')).toEqual({ ready: '1/1', pods: ['Running'] });
  });

  it('row 57 vote-service.yaml: NodePort vote 8080→80 on nodePort 31000', () => {
    expect(applied.get(57)).toBe('service/vote created\n');
    expect(service('vote')).toEqual({ type: 'NodePort', ports: '8080:31000/TCP', endpoints: `${podIp('vote')}:80` });
    for (const node of ['control-plane', 'node-1', 'node-2', 'node-3']) {
      expect(lab.out(`sim node exec ${node} -- iptables -t nat -L KUBE-NODEPORTS`)).toContain('/* default/vote:vote-service */ tcp dpt:31000\n');
    }
  });

  it('row 58 result-deployment.yaml: result, 1 pod, Running', () => {
    expect(applied.get(58)).toBe('deployment.apps/result created\n');
    expect(deployment('result')).toEqual({ ready: '1/1', pods: ['Running'] });
  });

  it('row 59 result-service.yaml: NodePort result 8081→80 on nodePort 31001', () => {
    expect(applied.get(59)).toBe('service/result created\n');
    expect(service('result')).toEqual({ type: 'NodePort', ports: '8081:31001/TCP', endpoints: `${podIp('result')}:80` });
    expect(lab.out('sim node exec node-2 -- iptables -t nat -L KUBE-NODEPORTS')).toContain('/* default/result:result-service */ tcp dpt:31001\n');
  });

  it('row 60 worker-deployment.yaml: worker, 1 pod, no Service; all 9 files: 5 pods Running, 4 Services', () => {
    expect(applied.get(60)).toBe('deployment.apps/worker created\n');
    expect(deployment('worker')).toEqual({ ready: '1/1', pods: ['Running'] });
    expect(column(lab.out('kubectl get pods'), 'STATUS')).toEqual(Array(5).fill('Running'));
    expect(column(lab.out('kubectl get svc'), 'NAME')).toEqual(['db', 'kubernetes', 'redis', 'result', 'vote']);
  });

  it('rows 52–60 as a directory: kubectl apply -f example-voting-app/k8s-specifications/ creates the same 9 objects', () => {
    const dirLab = new Lab();
    const dir = ROW[52].slice(0, ROW[52].lastIndexOf('/') + 1);
    expect(dirLab.out(`kubectl apply -f ${dir}`).split('\n').filter(Boolean).sort()).toEqual([...applied.values()].map((o) => o.trim()).sort());
  });
});

describe('vLLM on a CPU-only cluster (rows 49, 50)', () => {
  it('row 49 AI/vllm-deployment/vllm-deployment.yaml: Pending, "Insufficient nvidia.com/gpu" and "Insufficient memory" on 4Gi CPU-only workers', () => {
    const lab = new Lab();
    expect(applyRow(lab, 49)).toBe('deployment.apps/vllm-gemma-deployment created\n');
    lab.advance('1m');
    const pod = table(lab.out('kubectl get pods'))[0];
    expect([pod.READY, pod.STATUS]).toEqual(['0/1', 'Pending']);
    expect(lab.events(pod.NAME).map((e) => `${e.reason}: ${e.message}`)).toEqual([
      'FailedScheduling: 0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient memory, 3 Insufficient nvidia.com/gpu. ' +
        'preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod..',
    ]);
    expect(lab.out('kubectl get deploy vllm-gemma-deployment')).toBe(
      'NAME                    READY   UP-TO-DATE   AVAILABLE   AGE\nvllm-gemma-deployment   0/1     1            0           60s\n',
    );
  });

  // INDEX: "Even on a GPU node it would hit CreateContainerConfigError: secret "hf-secret" not
  // found". `sim node add --gpus 1` registers nvidia.com/gpu: 1 as the device plugin makes the
  // kubelet do; the 32Gi node is the only one with room (GPU, 10Gi memory). The 9.6 GB image is
  // pulled first (about 4 minutes), then the container's env cannot be built.
  it('row 49 AI/vllm-deployment/vllm-deployment.yaml on a GPU node: scheduled there, then CreateContainerConfigError, secret "hf-secret" not found', () => {
    const lab = new Lab();
    expect(lab.out('sim node add gpu-1 --cpu 8 --memory 32Gi --gpus 1')).toBe('node/gpu-1 added\n');
    applyRow(lab, 49);
    lab.advance('1m');
    const name = table(lab.out('kubectl get pods'))[0].NAME;
    expect(lab.events(name)[0]).toMatchObject({ reason: 'Scheduled', message: `Successfully assigned default/${name} to gpu-1` });
    lab.advance('5m');
    const pod = table(lab.out('kubectl get pods -o wide'))[0];
    expect([pod.READY, pod.STATUS, pod.NODE]).toEqual(['0/1', 'CreateContainerConfigError', 'gpu-1']);
    expect(lab.events(name).find((e) => e.reason === 'Failed')?.message).toBe('Error: secret "hf-secret" not found');
    expect(lab.out('kubectl describe node gpu-1')).toContain('  nvidia.com/gpu     1           1\n');
  });

  it('row 50 AI/vllm-deployment/hpa/horizontal-pod-autoscaler.yaml after row 49: no custom-metrics API → ScalingActive False (FailedGetPodsMetric), replicas unchanged', () => {
    const lab = new Lab();
    applyRow(lab, 49);
    expect(applyRow(lab, 50)).toBe('horizontalpodautoscaler.autoscaling/gemma-server-hpa created\n');
    lab.advance('2m');
    const describe = lab.out('kubectl describe hpa gemma-server-hpa');
    expect(describe).toContain(
      '  ScalingActive  False   FailedGetPodsMetric  the HPA was unable to compute the replica count: unable to get metric of type Pods: no custom or external metrics API is registered\n',
    );
    expect(describe).toContain('    Stabilization Window: 30 seconds\n');
    expect(lab.out('kubectl get deploy vllm-gemma-deployment -o jsonpath={.spec.replicas}')).toBe('1');
  });

  // Regression: the Pods metric's `averageValue: 4` (a YAML number) must be stored as the Quantity
  // "4" and shown by get (`<unknown>/4`) and describe (`"vllm_num_requests_running" on pods`).
  it('row 50 AI/vllm-deployment/hpa/horizontal-pod-autoscaler.yaml: TARGETS <unknown>/4, the Pods metric described by name', () => {
    const lab = new Lab();
    applyRow(lab, 49);
    applyRow(lab, 50);
    lab.advance('1m');
    expect(lab.out('kubectl get hpa gemma-server-hpa -o json')).toContain('"averageValue": "4"');
    expect(table(lab.out('kubectl get hpa gemma-server-hpa'))[0].TARGETS).toBe('<unknown>/4');
    expect(lab.out('kubectl describe hpa gemma-server-hpa')).toContain('  "vllm_num_requests_running" on pods:  <unknown> / 4\n');
  });
});
