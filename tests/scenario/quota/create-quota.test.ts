/**
 * `kubectl create quota` (create_quota.go) as the ResourceQuota concept page uses it, object-count
 * quotas through the Deployment → ReplicaSet → Pod chain, and `describe quota` with scopes.
 */
import { describe, expect, it } from 'vitest';
import { Lab } from '../../support/manifests.ts';

describe('kubectl create quota', () => {
  it('creates an object-count quota whose usage follows a Deployment', () => {
    const lab = new Lab();
    lab.out('kubectl create namespace myspace');
    expect(lab.out('kubectl create quota test --hard=count/deployments.apps=2,count/replicasets.apps=4,count/pods=3,count/secrets=4 --namespace=myspace')).toBe(
      'resourcequota/test created\n',
    );
    const deploy = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx
spec:
  replicas: 2
  selector: {matchLabels: {app: nginx}}
  template:
    metadata: {labels: {app: nginx}}
    spec:
      containers: [{name: nginx, image: nginx}]
`;
    lab.out('kubectl apply -n myspace -f -', deploy);
    lab.advance('10s');
    expect(lab.out('kubectl describe quota test -n myspace')).toBe(`Name:                   test
Namespace:              myspace
Resource                Used  Hard
--------                ----  ----
count/deployments.apps  1     2
count/pods              2     3
count/replicasets.apps  1     4
count/secrets           0     4
`);
  });

  it('parses quantities on the client and leaves scopes to the API server', () => {
    const lab = new Lab();
    expect(lab.out('kubectl create quota bad --hard=pods')).toBe('error: Invalid argument syntax pods, expected <resource>=<value>\n');
    expect(lab.out('kubectl create quota bad --hard=pods=x')).toBe(
      "error: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'\n",
    );
    expect(lab.out('kubectl create quota be --hard=pods=1 --scopes=BestEffort,Bogus')).toBe(
      'The ResourceQuota "be" is invalid: spec.scopes: Invalid value: []core.ResourceQuotaScope{"BestEffort", "Bogus"}: unsupported scope\n',
    );
  });

  it('a BestEffort quota counts only BestEffort pods; describe explains the scope', () => {
    const lab = new Lab();
    expect(lab.out('kubectl create quota be --hard=pods=1 --scopes=BestEffort')).toBe('resourcequota/be created\n');
    const pod = (name: string, resources: string) =>
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n  - name: c\n    image: nginx\n${resources}`;
    expect(lab.apply(pod('free', ''))).toBe('pod/free created\n');
    expect(lab.apply(pod('sized', '    resources:\n      requests: {cpu: 100m}\n'))).toBe('pod/sized created\n');
    expect(lab.apply(pod('free-2', ''))).toBe(
      'Error from server (Forbidden): error when creating "STDIN": pods "free-2" is forbidden: exceeded quota: be, requested: pods=1, used: pods=1, limited: pods=1\n',
    );
    expect(lab.out('kubectl describe quota be')).toBe(`Name:       be
Namespace:  default
Scopes:     BestEffort
 * Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.
Resource  Used  Hard
--------  ----  ----
pods      1     1
`);
  });

  it('a PriorityClass scope selector charges only pods of that class', () => {
    const lab = new Lab();
    const setup = `apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata: {name: high}
value: 1000
---
apiVersion: v1
kind: ResourceQuota
metadata: {name: pods-high}
spec:
  hard: {cpu: "1", memory: 1Gi, pods: "10"}
  scopeSelector:
    matchExpressions:
    - {operator: In, scopeName: PriorityClass, values: [high]}
`;
    expect(lab.apply(setup)).toBe('priorityclass.scheduling.k8s.io/high created\nresourcequota/pods-high created\n');
    const pod = (name: string, cls: string) =>
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n${cls}  containers:\n  - name: c\n    image: nginx\n    resources:\n      requests: {cpu: 600m, memory: 100Mi}\n`;
    expect(lab.apply(pod('low', ''))).toBe('pod/low created\n');
    expect(lab.apply(pod('high-1', '  priorityClassName: high\n'))).toBe('pod/high-1 created\n');
    expect(lab.apply(pod('high-2', '  priorityClassName: high\n'))).toBe(
      'Error from server (Forbidden): error when creating "STDIN": pods "high-2" is forbidden: exceeded quota: pods-high, requested: cpu=600m, used: cpu=600m, limited: cpu=1\n',
    );
    expect(lab.out("kubectl get quota pods-high -o jsonpath='{.status.used}'")).toBe('{"cpu":"600m","memory":"100Mi","pods":"1"}');
  });
});

describe('quota on Service updates', () => {
  it('changing a Service to NodePort is charged the node ports it adds', () => {
    const lab = new Lab();
    expect(lab.out('kubectl create quota svc --hard=services=2,services.nodeports=1')).toBe('resourcequota/svc created\n');
    const svc = (type: string, ports: number[]) =>
      `apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: ${type}\n  selector: {app: web}\n  ports:\n${ports.map((p) => `  - {name: p${p}, port: ${p}}`).join('\n')}\n`;
    expect(lab.apply(svc('ClusterIP', [80, 443]))).toBe('service/web created\n');
    // `default` also holds the `kubernetes` Service.
    expect(lab.out("kubectl get quota svc -o jsonpath='{.status.used}'")).toBe('{"services":"2","services.nodeports":"0"}');
    expect(lab.apply(svc('NodePort', [80, 443]))).toContain(
      'services "web" is forbidden: exceeded quota: svc, requested: services.nodeports=2, used: services.nodeports=0, limited: services.nodeports=1\n',
    );
    expect(lab.apply(svc('NodePort', [80]))).toBe('service/web configured\n');
    expect(lab.out("kubectl get quota svc -o jsonpath='{.status.used}'")).toBe('{"services":"2","services.nodeports":"1"}');
  });
});
