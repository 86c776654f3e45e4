/**
 * INDEX.md scenario group 8 (LimitRange): memory-defaults.yaml gives the default-mem-example
 * namespace a default request and limit, which LimitRanger writes into a pod that states none
 * (with its `kubernetes.io/limit-ranger` annotation); memory-constraints.yaml (applied with
 * --namespace constraints-mem-example) defaults its own default limit/request from max, and its
 * max rejects memory-constraints-pod-2 at admission.
 */
import { describe, expect, it } from 'vitest';
import { Lab } from '../../support/manifests.ts';

const EN = 'kubernetes-website/content/en/examples/admin/resource';
const KO = 'kubernetes-website/content/ko/examples/admin/resource';
const ZH = 'kubernetes-website/content/zh-cn/examples/admin/resource';

describe('group 8: memory defaults (default-mem-example)', () => {
  function defaultsLab(): Lab {
    const lab = new Lab();
    lab.out('kubectl create namespace default-mem-example');
    expect(lab.out(`kubectl apply -f ${EN}/memory-defaults.yaml`)).toBe('limitrange/mem-limit-range created\n');
    return lab;
  }

  it('the LimitRange must find its namespace', () => {
    const lab = new Lab();
    expect(lab.out(`kubectl apply -f ${EN}/memory-defaults.yaml`)).toBe(
      `Error from server (NotFound): error when creating "${EN}/memory-defaults.yaml": namespaces "default-mem-example" not found\n`,
    );
  });

  it('injects requests.memory 256Mi and limits.memory 512Mi into default-mem-demo, which runs', () => {
    const lab = defaultsLab();
    expect(lab.out(`kubectl apply -f ${EN}/memory-defaults-pod.yaml`)).toBe('pod/default-mem-demo created\n');
    expect(lab.jsonpath('default-mem-demo', '.spec.containers[0].resources', 'default-mem-example')).toBe(
      '{"limits":{"memory":"512Mi"},"requests":{"memory":"256Mi"}}',
    );
    expect(lab.jsonpath('default-mem-demo', '.metadata.annotations.kubernetes\\.io/limit-ranger', 'default-mem-example')).toBe(
      'LimitRanger plugin set: memory request for container default-mem-demo-ctr; memory limit for container default-mem-demo-ctr',
    );
    expect(lab.jsonpath('default-mem-demo', '.status.qosClass', 'default-mem-example')).toBe('Burstable');
    lab.advance('30s');
    expect(lab.status('default-mem-demo', 'default-mem-example')).toBe('Running');
  });

  it('a stated limit without a request: the request becomes the limit, not the LimitRange default', () => {
    const lab = defaultsLab();
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: default-mem-demo-2
spec:
  containers:
  - name: default-mem-demo-2-ctr
    image: nginx
    resources:
      limits: {memory: 1Gi}
`;
    expect(lab.out('kubectl apply -n default-mem-example -f -', pod)).toBe('pod/default-mem-demo-2 created\n');
    expect(lab.jsonpath('default-mem-demo-2', '.spec.containers[0].resources', 'default-mem-example')).toBe(
      '{"limits":{"memory":"1Gi"},"requests":{"memory":"1Gi"}}',
    );
    // Nothing was set by LimitRanger, so no annotation.
    expect(lab.jsonpath('default-mem-demo-2', '.metadata.annotations', 'default-mem-example')).not.toContain('limit-ranger');
  });

  it('describe limitrange and get limits', () => {
    const lab = defaultsLab();
    expect(lab.out('kubectl describe limitrange mem-limit-range -n default-mem-example')).toBe(
      `Name:       mem-limit-range
Namespace:  default-mem-example
Type        Resource  Min  Max  Default Request  Default Limit  Max Limit/Request Ratio
----        --------  ---  ---  ---------------  -------------  -----------------------
Container   memory    -    -    256Mi            512Mi          -
`,
    );
    expect(lab.out('kubectl get limits -n default-mem-example')).toBe('NAME              CREATED AT\nmem-limit-range   2025-01-01T00:00:00Z\n');
  });

  it('pods created by a controller are defaulted too', () => {
    const lab = defaultsLab();
    const deploy = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: nginx}]
`;
    expect(lab.out('kubectl apply -n default-mem-example -f -', deploy)).toBe('deployment.apps/web created\n');
    const out = lab.out("kubectl get pods -n default-mem-example -o jsonpath='{.items[0].spec.containers[0].resources}'");
    expect(out).toBe('{"limits":{"memory":"512Mi"},"requests":{"memory":"256Mi"}}');
  });
});

describe('group 8: memory constraints (constraints-mem-example)', () => {
  function constraintsLab(): Lab {
    const lab = new Lab();
    lab.out('kubectl create namespace constraints-mem-example');
    expect(lab.out(`kubectl apply -f ${KO}/memory-constraints.yaml --namespace=constraints-mem-example`)).toBe('limitrange/mem-min-max-demo-lr created\n');
    return lab;
  }

  it('max and min become the default limit and default request', () => {
    const lab = constraintsLab();
    expect(lab.out("kubectl get limitrange mem-min-max-demo-lr -n constraints-mem-example -o jsonpath='{.spec.limits[0]}'")).toBe(
      '{"default":{"memory":"1Gi"},"defaultRequest":{"memory":"1Gi"},"max":{"memory":"1Gi"},"min":{"memory":"500Mi"},"type":"Container"}',
    );
    expect(lab.out('kubectl describe limitrange mem-min-max-demo-lr -n constraints-mem-example')).toBe(
      `Name:       mem-min-max-demo-lr
Namespace:  constraints-mem-example
Type        Resource  Min    Max  Default Request  Default Limit  Max Limit/Request Ratio
----        --------  ---    ---  ---------------  -------------  -----------------------
Container   memory    500Mi  1Gi  1Gi              1Gi            -
`,
    );
  });

  it('rejects constraints-mem-demo-2 (limit 1.5Gi) at admission', () => {
    const lab = constraintsLab();
    const r = lab.run(`kubectl apply -f ${ZH}/memory-constraints-pod-2.yaml --namespace=constraints-mem-example`);
    expect(r.exitCode).toBe(1);
    expect(r.output).toBe(
      `Error from server (Forbidden): error when creating "${ZH}/memory-constraints-pod-2.yaml": pods "constraints-mem-demo-2" is forbidden: maximum memory usage per Container is 1Gi, but limit is 1536Mi\n`,
    );
    expect(lab.out('kubectl get pods -n constraints-mem-example')).toBe('No resources found in constraints-mem-example namespace.\n');
  });

  it('reports every violation of a pod at once, and a request below the minimum', () => {
    const lab = constraintsLab();
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: two
spec:
  containers:
  - name: big
    image: nginx
    resources:
      limits: {memory: 2Gi}
      requests: {memory: 100Mi}
`;
    expect(lab.out('kubectl apply -n constraints-mem-example -f -', pod)).toBe(
      'Error from server (Forbidden): error when creating "STDIN": pods "two" is forbidden: ' +
        '[minimum memory usage per Container is 500Mi, but request is 100Mi, maximum memory usage per Container is 1Gi, but limit is 2Gi]\n',
    );
  });

  it('describe namespace shows the limits table', () => {
    const lab = constraintsLab();
    expect(lab.out('kubectl describe namespace constraints-mem-example')).toBe(
      `Name:         constraints-mem-example
Labels:       kubernetes.io/metadata.name=constraints-mem-example
Annotations:  <none>
Status:       Active

No resource quota.

Resource Limits
 Type       Resource  Min    Max  Default Request  Default Limit  Max Limit/Request Ratio
 ----       --------  ---    ---  ---------------  -------------  -----------------------
 Container  memory    500Mi  1Gi  1Gi              1Gi            -
`,
    );
  });
});
