/**
 * `kubectl autoscale` as kubectl v1.31 runs it (pkg/cmd/autoscale): one HPA per object the builder
 * visits (`-f` objects as written, named ones fetched), errors printed after the successes, a
 * fresh printer per object, and --save-config's last-applied annotation. Outputs were checked
 * against the real client (dry-run=client, against Podlab's objects served by tools/fake-apiserver).
 */
import { describe, expect, it } from 'vitest';
import { Lab } from '../../support/manifests.ts';

const deployment = (name: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
      - name: c
        image: nginx
`;

function lab(): Lab {
  const l = new Lab();
  l.run('kubectl create deployment web --image=nginx');
  l.run('kubectl create deployment api --image=nginx');
  return l;
}

describe('kubectl autoscale: what the builder visits', () => {
  it('several names of one type: one HPA each', () => {
    expect(lab().out('kubectl autoscale deploy web api --max=3 --dry-run=client -o name')).toBe('horizontalpodautoscaler.autoscaling/web\nhorizontalpodautoscaler.autoscaling/api\n');
  });

  it('a missing object is reported after the others, and the exit code is 1', () => {
    const r = lab().run('kubectl autoscale deploy/web deploy/ghost deploy/api --max=3 --dry-run=client -o name');
    expect(r.output).toBe('horizontalpodautoscaler.autoscaling/web\nhorizontalpodautoscaler.autoscaling/api\nError from server (NotFound): deployments.apps "ghost" not found\n');
    expect(r.exitCode).toBe(1);
  });

  it('-f objects are used as written, without reading them back (a missing one still gets an HPA)', () => {
    const r = lab().run('kubectl autoscale -f - --max=4 --min=2 --name=x --dry-run=client -o yaml', deployment('ghost'));
    expect(r.output).toBe(`apiVersion: autoscaling/v1
kind: HorizontalPodAutoscaler
metadata:
  creationTimestamp: null
  name: x
spec:
  maxReplicas: 4
  minReplicas: 2
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: ghost
status:
  currentReplicas: 0
  desiredReplicas: 0
`);
  });

  it('each object gets its own printer: YAML documents are not separated by ---', () => {
    const out = lab().out('kubectl autoscale -f - --max=3 --dry-run=client -o yaml', `${deployment('web')}---\n${deployment('ghost')}`);
    expect(out.match(/^kind: HorizontalPodAutoscaler$/gm)).toHaveLength(2);
    expect(out).not.toContain('---');
  });

  it('-f creates for real and prints autoscaled', () => {
    const l = lab();
    expect(l.out('kubectl autoscale -f - --max=5', deployment('web'))).toBe('horizontalpodautoscaler.autoscaling/web autoscaled\n');
    expect(l.out("kubectl get hpa web -o jsonpath='{.spec.maxReplicas}'")).toBe('5');
  });

  it.each([
    ['kubectl autoscale deploy --max=3', 'error: resource(s) were provided, but no name was specified\n'],
    ['kubectl autoscale -f - deploy web --max=3', 'error: when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well\n'],
    ['kubectl autoscale -k dir --max=3', 'error: kustomize directories are not supported in Podlab\n'],
  ])('%s', (line, out) => {
    const r = lab().run(line, deployment('web'));
    expect([r.output, r.exitCode]).toEqual([out, 1]);
  });
});

describe('kubectl autoscale --save-config', () => {
  it('records the typed v1 object kubectl sent, as Go encodes it, in the last-applied annotation', () => {
    const l = lab();
    expect(l.out('kubectl autoscale deploy web --max=3 --cpu-percent=50 --save-config')).toBe('horizontalpodautoscaler.autoscaling/web autoscaled\n');
    const annotation = l.out(`kubectl get hpa web -o jsonpath='{.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}'`);
    expect(annotation).toBe(
      '{"kind":"HorizontalPodAutoscaler","apiVersion":"autoscaling/v1","metadata":{"name":"web","creationTimestamp":null},' +
        '"spec":{"scaleTargetRef":{"kind":"Deployment","name":"web","apiVersion":"apps/v1"},"maxReplicas":3,"targetCPUUtilizationPercentage":50},' +
        '"status":{"currentReplicas":0,"desiredReplicas":0}}\n',
    );
  });

  it('without it there is no annotation', () => {
    const l = lab();
    l.run('kubectl autoscale deploy web --max=3');
    expect(l.out("kubectl get hpa web -o jsonpath='{.metadata.annotations}'")).toBe('');
  });
});

describe('kubectl autoscale: errors per object', () => {
  it('an -o it cannot print fails per object, after the HPA was created', () => {
    const l = lab();
    const r = l.run('kubectl autoscale deploy web ghost --max=2 -o wide');
    const wide = 'unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml';
    expect([r.stdout, r.stderr, r.exitCode]).toEqual(['', `${wide}\nError from server (NotFound): deployments.apps "ghost" not found\n`, 1]);
    expect(l.out("kubectl get hpa web -o jsonpath='{.spec.maxReplicas}'")).toBe('2');
    expect(lab().run('kubectl autoscale deploy web --max=2 -o wide --dry-run=client').stderr).toBe(`error: ${wide}\n`);
  });

  it('a kind without a scale subresource', () => {
    const l = lab();
    l.run('kubectl create configmap cm');
    expect(l.run('kubectl autoscale cm cm --max=2').stderr).toBe('error: cannot autoscale a ConfigMap: could not find scale subresource for /v1, Resource=configmaps in discovery information\n');
    const cannot = 'cannot autoscale a ConfigMap: could not find scale subresource for /v1, Resource=configmaps in discovery information';
    expect(l.run('kubectl autoscale cm/cm deploy/web --max=2 --dry-run=client').output).toBe(`horizontalpodautoscaler.autoscaling/web created (dry run)\nerror: ${cannot}\n`);
    // Several errors print as kubectl's MultipleErrors: no `error: ` in front.
    expect(l.run('kubectl autoscale cm/cm deploy/ghost --max=2 --dry-run=client').stderr).toBe(`${cannot}\nError from server (NotFound): deployments.apps "ghost" not found\n`);
  });
});
