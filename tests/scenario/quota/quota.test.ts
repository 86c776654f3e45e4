/**
 * INDEX.md scenario group 7 (Quota), as the kubernetes.io tutorials run it: the quota files carry
 * no namespace and are applied with --namespace. ResourceQuota admission charges each pod to the
 * quota synchronously, rejects what would exceed it with the API server's Forbidden text, and a
 * Deployment blocked by a pod-count quota stays at READY 2/3 with FailedCreate events.
 */
import { describe, expect, it } from 'vitest';
import { Lab } from '../../support/manifests.ts';

const EN = 'kubernetes-website/content/en/examples/admin/resource';
const ZH = 'kubernetes-website/content/zh-cn/examples/admin/resource';
const NS = 'quota-mem-cpu-example';

function memCpuLab(): Lab {
  const lab = new Lab();
  lab.out(`kubectl create namespace ${NS}`);
  expect(lab.out(`kubectl apply -f ${EN}/quota-mem-cpu.yaml --namespace=${NS}`)).toBe('resourcequota/mem-cpu-demo created\n');
  return lab;
}

describe('group 7: quota-mem-cpu-example', () => {
  it('the controller fills in status.hard and a zero status.used for a new quota', () => {
    const lab = memCpuLab();
    expect(lab.out(`kubectl get resourcequota mem-cpu-demo -n ${NS} -o jsonpath='{.status}'`)).toBe(
      '{"hard":{"limits.cpu":"2","limits.memory":"2Gi","requests.cpu":"1","requests.memory":"1Gi"},"used":{"limits.cpu":"0","limits.memory":"0","requests.cpu":"0","requests.memory":"0"}}',
    );
    expect(lab.out(`kubectl get quota -n ${NS}`)).toBe(
      'NAME           AGE   REQUEST                                     LIMIT\n' +
        'mem-cpu-demo   0s    requests.cpu: 0/1, requests.memory: 0/1Gi   limits.cpu: 0/2, limits.memory: 0/2Gi\n',
    );
  });

  it('admits quota-mem-cpu-demo, charges it, and rejects quota-mem-cpu-demo-2 with the exceeded-quota text', () => {
    const lab = memCpuLab();
    expect(lab.out(`kubectl apply -f ${ZH}/quota-mem-cpu-pod.yaml --namespace=${NS}`)).toBe('pod/quota-mem-cpu-demo created\n');
    expect(lab.out(`kubectl get quota -n ${NS}`)).toBe(
      'NAME           AGE   REQUEST                                            LIMIT\n' +
        'mem-cpu-demo   0s    requests.cpu: 400m/1, requests.memory: 600Mi/1Gi   limits.cpu: 800m/2, limits.memory: 800Mi/2Gi\n',
    );
    const r = lab.run(`kubectl apply -f ${EN}/quota-mem-cpu-pod-2.yaml --namespace=${NS}`);
    expect(r.exitCode).toBe(1);
    expect(r.output).toBe(
      `Error from server (Forbidden): error when creating "${EN}/quota-mem-cpu-pod-2.yaml": pods "quota-mem-cpu-demo-2" is forbidden: ` +
        'exceeded quota: mem-cpu-demo, requested: requests.memory=700Mi, used: requests.memory=600Mi, limited: requests.memory=1Gi\n',
    );
    // No pod object was created, and the failed request charged nothing.
    expect(lab.out(`kubectl get pods -n ${NS} -o name`)).toBe('pod/quota-mem-cpu-demo\n');
    lab.advance('30s');
    expect(lab.status('quota-mem-cpu-demo', NS)).toBe('Running');
    expect(lab.out(`kubectl describe quota mem-cpu-demo -n ${NS}`)).toBe(
      `Name:            mem-cpu-demo
Namespace:       ${NS}
Resource         Used   Hard
--------         ----   ----
limits.cpu       800m   2
limits.memory    800Mi  2Gi
requests.cpu     400m   1
requests.memory  600Mi  1Gi
`,
    );
  });

  it('rejects a pod that does not state cpu and memory requests and limits', () => {
    const lab = memCpuLab();
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: bare
spec:
  containers:
  - name: web
    image: nginx
  - name: side
    image: busybox:1.36
    resources:
      limits: {memory: 100Mi}
`;
    expect(lab.out(`kubectl apply -n ${NS} -f -`, pod)).toBe(
      'Error from server (Forbidden): error when creating "STDIN": pods "bare" is forbidden: failed quota: mem-cpu-demo: must specify ' +
        'limits.cpu for: side,web; limits.memory for: web; requests.cpu for: side,web; requests.memory for: web\n',
    );
  });

  it('frees the quota when the pod is deleted, so the second pod then fits', () => {
    const lab = memCpuLab();
    lab.out(`kubectl apply -f ${ZH}/quota-mem-cpu-pod.yaml --namespace=${NS}`);
    lab.advance('10s');
    expect(lab.out(`kubectl delete pod quota-mem-cpu-demo -n ${NS}`)).toBe('pod "quota-mem-cpu-demo" deleted\n');
    expect(lab.out(`kubectl get quota mem-cpu-demo -n ${NS} -o jsonpath='{.status.used.requests\\.memory}'`)).toBe('0');
    expect(lab.out(`kubectl apply -f ${EN}/quota-mem-cpu-pod-2.yaml --namespace=${NS}`)).toBe('pod/quota-mem-cpu-demo-2 created\n');
    expect(lab.out(`kubectl get quota mem-cpu-demo -n ${NS} -o jsonpath='{.status.used}'`)).toBe(
      '{"limits.cpu":"800m","limits.memory":"1Gi","requests.cpu":"400m","requests.memory":"700Mi"}',
    );
  });

  it('a server dry run is checked against the quota but charges nothing', () => {
    const lab = memCpuLab();
    expect(lab.out(`kubectl apply -f ${ZH}/quota-mem-cpu-pod.yaml --namespace=${NS} --dry-run=server`)).toBe('pod/quota-mem-cpu-demo created (server dry run)\n');
    expect(lab.out(`kubectl get quota mem-cpu-demo -n ${NS} -o jsonpath='{.status.used.requests\\.memory}'`)).toBe('0');
  });

  it('field validation comes before quota: an invalid pod is Invalid, not Forbidden', () => {
    const lab = memCpuLab();
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: Bad_Name\nspec:\n  containers:\n  - name: c\n    image: nginx\n';
    expect(lab.out(`kubectl apply -n ${NS} -f -`, pod)).toMatch(/^The Pod "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": /);
  });

  it('describe namespace lists the quota', () => {
    const lab = memCpuLab();
    lab.out(`kubectl apply -f ${ZH}/quota-mem-cpu-pod.yaml --namespace=${NS}`);
    expect(lab.out(`kubectl describe namespace ${NS}`)).toBe(
      `Name:         ${NS}
Labels:       kubernetes.io/metadata.name=${NS}
Annotations:  <none>
Status:       Active

Resource Quotas
  Name:            mem-cpu-demo
  Resource         Used   Hard
  --------         ---    ---
  limits.cpu       800m   2
  limits.memory    800Mi  2Gi
  requests.cpu     400m   1
  requests.memory  600Mi  1Gi

No LimitRange resource.
`,
    );
  });
});

describe('group 7: quota-pod-example', () => {
  function podQuotaLab(): Lab {
    const lab = new Lab();
    lab.out('kubectl create namespace quota-pod-example');
    expect(lab.out(`kubectl apply -f ${EN}/quota-pod.yaml --namespace=quota-pod-example`)).toBe('resourcequota/pod-demo created\n');
    expect(lab.out(`kubectl apply -f ${EN}/quota-pod-deployment.yaml --namespace=quota-pod-example`)).toBe('deployment.apps/pod-quota-demo created\n');
    lab.advance('30s');
    return lab;
  }

  it('the Deployment gets only 2 of its 3 pods: READY 2/3', () => {
    const lab = podQuotaLab();
    expect(lab.out('kubectl get deployment pod-quota-demo -n quota-pod-example')).toBe(
      'NAME             READY   UP-TO-DATE   AVAILABLE   AGE\npod-quota-demo   2/3     2            2           30s\n',
    );
    expect(lab.out('kubectl get quota pod-demo -n quota-pod-example')).toBe('NAME       AGE   REQUEST     LIMIT\npod-demo   30s   pods: 2/2   \n');
    expect(lab.out('kubectl get pods -n quota-pod-example -o name').split('\n').filter(Boolean)).toHaveLength(2);
  });

  it('the ReplicaSet records FailedCreate with the quota message and a ReplicaFailure condition', () => {
    const lab = podQuotaLab();
    const rs = lab.out("kubectl get rs -n quota-pod-example -o jsonpath='{.items[0].metadata.name}'");
    const failed = lab.events(rs, 'quota-pod-example').filter((e) => e.reason === 'FailedCreate');
    expect(failed.length).toBeGreaterThan(0);
    // Each retry names a new pod, so after nine the event correlator combines them, as client-go does.
    for (const e of failed) {
      expect(e.type).toBe('Warning');
      expect(e.message).toMatch(
        new RegExp(
          `^(\\(combined from similar events\\): )?Error creating: pods "${rs}-[a-z0-9]{5}" is forbidden: exceeded quota: pod-demo, requested: pods=1, used: pods=2, limited: pods=2$`,
        ),
      );
    }
    expect(failed.some((e) => e.message?.startsWith('Error creating: '))).toBe(true);
    expect(lab.out(`kubectl get rs ${rs} -n quota-pod-example -o jsonpath='{.status.conditions[0].reason}'`)).toBe('FailedCreate');
    expect(lab.out("kubectl get deploy pod-quota-demo -n quota-pod-example -o jsonpath='{.status.conditions[?(@.type==\"ReplicaFailure\")].reason}'")).toBe(
      'FailedCreate',
    );
  });

  it('raising the quota lets the ReplicaSet create the third pod on its next retry', () => {
    const lab = podQuotaLab();
    const raised = 'apiVersion: v1\nkind: ResourceQuota\nmetadata:\n  name: pod-demo\nspec:\n  hard:\n    pods: "3"\n';
    expect(lab.out('kubectl apply -n quota-pod-example -f -', raised)).toBe('resourcequota/pod-demo configured\n');
    expect(lab.out("kubectl get quota pod-demo -n quota-pod-example -o jsonpath='{.status.hard.pods}'")).toBe('3');
    lab.advance('20m');
    expect(lab.out('kubectl get deployment pod-quota-demo -n quota-pod-example')).toMatch(/^NAME.*\npod-quota-demo {3}3\/3 /);
    expect(lab.out('kubectl get quota pod-demo -n quota-pod-example')).toMatch(/pods: 3\/3/);
  });
});
