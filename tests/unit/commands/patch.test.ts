/**
 * `kubectl patch` as kubectl v1.31 does it: kubectl's own patching (--local, client errors)
 * against recordings of the real client (metadata-edit.golden.json), and against a cluster: the
 * three patch types, `patched` / `patched (no change)`, the API server's decoding errors in its
 * words, a failed JSON patch operation as the bare 422, admission (immutable selector), the
 * status and scale subresources, dry runs, and a template change rolling a Deployment out.
 * Rejected commands leave the cluster's trace hash as it was.
 */
import { describe, expect, it } from 'vitest';
import { Lab } from '../../support/manifests.ts';
import { expectGolden, expectServerGolden, goldenRows, serverRows } from './metadata-edit-golden.ts';

describe('kubectl patch: recorded from kubectl v1.31 (no server needed)', () => {
  it.each(goldenRows('patch'))('%s', (_line, row) => expectGolden(row));
});

describe('kubectl patch: recorded from kubectl v1.31 against this cluster (read-only lines)', () => {
  it.each(serverRows('patch'))('%s', (_line, row) => expectServerGolden(row));
});

/** A cluster with Deployment web (2 replicas of nginx:1.27), rolled out. */
function lab(): Lab {
  const l = new Lab();
  l.run('kubectl create deployment web --image=nginx:1.27 --replicas=2');
  l.advance('30s');
  return l;
}

const jp = (l: Lab, what: string, path: string) => l.out(`kubectl get ${what} -o jsonpath='{${path}}'`);

describe('kubectl patch: the three patch types', () => {
  it.each([
    [`kubectl patch deploy web -p '{"spec":{"replicas":3}}'`, 'deployment.apps/web patched\n', '3'],
    [`kubectl patch deployment/web --type merge -p '{"spec":{"replicas":4}}'`, 'deployment.apps/web patched\n', '4'],
    [`kubectl patch deploy web --type=json -p '[{"op":"replace","path":"/spec/replicas","value":5}]'`, 'deployment.apps/web patched\n', '5'],
    [`kubectl patch deploy web -p 'spec: {replicas: 6}'`, 'deployment.apps/web patched\n', '6'],
    [`kubectl patch deploy web -p '{"spec":{"replicas":2}}'`, 'deployment.apps/web patched (no change)\n', '2'],
    [`kubectl patch deploy web -p '{"spec":{"replicas":7}}' -o name`, 'deployment.apps/web\n', '7'],
  ])('%s', (line, out, replicas) => {
    const l = lab();
    const r = l.run(line);
    expect([r.stdout, r.stderr, r.exitCode]).toEqual([out, '', 0]);
    expect(jp(l, 'deploy web', '.spec.replicas')).toBe(replicas);
  });

  it('fields the type does not have are warned about and dropped, as with fieldValidation=Warn', () => {
    const l = lab();
    const r = l.run(`kubectl patch deploy web -p '{"spec":{"replicaz":3,"template":{"spec":{"containers":[{"name":"nginx","imagez":"x"}]}}}}'`);
    expect([r.output, r.exitCode]).toEqual([
      'Warning: unknown field "spec.replicaz"\nWarning: unknown field "spec.template.spec.containers[0].imagez"\ndeployment.apps/web patched (no change)\n',
      0,
    ]);
  });

  it('a strategic merge patch merges containers by name; a merge patch replaces the list', () => {
    const l = lab();
    l.run(`kubectl patch deploy web -p '{"spec":{"template":{"spec":{"containers":[{"name":"sidecar","image":"busybox:1.36"}]}}}}'`);
    // A new item the live list cannot place goes first (kubernetes.io's patch-demo: redis before nginx).
    expect(jp(l, 'deploy web', '.spec.template.spec.containers[*].name')).toBe('sidecar nginx');
    l.run(`kubectl patch deploy web --type merge -p '{"spec":{"template":{"spec":{"containers":[{"name":"only","image":"busybox:1.36"}]}}}}'`);
    expect(jp(l, 'deploy web', '.spec.template.spec.containers[*].name')).toBe('only');
  });

  it('a new pod template rolls the Deployment out to a new ReplicaSet', () => {
    const l = lab();
    expect(l.out(`kubectl patch deploy web -p '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.27.2"}]}}}}'`)).toBe(
      'deployment.apps/web patched\n',
    );
    l.advance('2m');
    expect(jp(l, 'deploy web', '.metadata.annotations.deployment\\.kubernetes\\.io/revision')).toBe('2');
    expect(l.out(`kubectl get pods -l app=web -o jsonpath='{.items[*].spec.containers[0].image}'`)).toBe('nginx:1.27.2 nginx:1.27.2');
  });

  it('patches a node (spec.unschedulable) and a pod read from -f', () => {
    const l = lab();
    expect(l.out(`kubectl patch node node-1 -p '{"spec":{"unschedulable":true}}'`)).toBe('node/node-1 patched\n');
    expect(jp(l, 'node node-1', '.spec.unschedulable')).toBe('true');
    l.apply('apiVersion: v1\nkind: Pod\nmetadata:\n  name: one\nspec:\n  containers:\n  - name: c\n    image: nginx:1.27\n');
    expect(l.out(`kubectl patch -f - -p '{"metadata":{"labels":{"x":"1"}}}'`, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: one\n')).toBe('pod/one patched\n');
    expect(jp(l, 'pod one', '.metadata.labels.x')).toBe('1');
  });
});

describe('kubectl patch: dry runs and subresources', () => {
  it('--dry-run=server and --dry-run=client print the result but write nothing (and no dry-run suffix)', () => {
    const l = lab();
    const hash = l.session.sim.traceHash();
    expect(l.out(`kubectl patch deploy web -p '{"spec":{"replicas":5}}' --dry-run=server`)).toBe('deployment.apps/web patched\n');
    expect(l.out(`kubectl patch deploy web -p '{"spec":{"replicas":5}}' --dry-run=client -o jsonpath='{.spec.replicas}'`)).toBe('5');
    expect(l.session.sim.traceHash()).toBe(hash);
    expect(jp(l, 'deploy web', '.spec.replicas')).toBe('2');
  });

  it('--subresource=scale patches the Scale and prints it; --subresource=status writes only the status', () => {
    const l = lab();
    expect(l.out(`kubectl patch deploy web --subresource=scale --type=merge -p '{"spec":{"replicas":3}}'`)).toBe('scale.autoscaling/web patched\n');
    expect(jp(l, 'deploy web', '.spec.replicas')).toBe('3');
    expect(l.out(`kubectl patch deploy web --subresource=scale -p '{"spec":{"replicas":3}}' -o jsonpath='{.kind} {.spec.replicas} {.status.selector}'`)).toBe(
      'Scale 3 app=web',
    );
    l.out(`kubectl patch deploy web --subresource=status --type=merge -p '{"spec":{"replicas":9},"status":{"observedGeneration":1}}'`);
    expect(jp(l, 'deploy web', '.spec.replicas')).toBe('3');
  });
});

describe('kubectl patch: errors in the API server words; the cluster stays as it was', () => {
  const REJECTED = 'The request is invalid: the server rejected our request due to an error in our request\n';
  it.each([
    [`kubectl patch deploy web --type json -p '[{"op":"remove","path":"/spec/nothere"}]'`, REJECTED],
    [`kubectl patch deploy web --type json -p '[{"op":"bogus","path":"/spec"}]'`, REJECTED],
    [`kubectl patch deploy web --type json -p '{"op":"replace"}'`, 'Error from server (BadRequest): error decoding patch: json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp\n'],
    [`kubectl patch deploy web -p '{bad'`, "Error from server (BadRequest): invalid character 'b' looking for beginning of object key string\n"],
    [`kubectl patch deploy web -p '{"spec":{"replicas":3}'`, 'Error from server (BadRequest): unexpected end of JSON input\n'],
    [`kubectl patch deploy web -p '{"spec":{"replicas":3}}}'`, "Error from server (BadRequest): invalid character '}' after top-level value\n"],
    [`kubectl patch deploy web --type merge -p '{"a" 1}'`, "Error from server (BadRequest): error decoding patch: invalid character '1' after object key\n"],
    [`kubectl patch deploy web -p '[1]'`, 'Error from server (BadRequest): json: cannot unmarshal array into Go value of type map[string]interface {}\n'],
    [`kubectl patch deploy web --type merge -p 'abc'`, 'Error from server (BadRequest): error decoding patch: json: cannot unmarshal string into Go value of type map[string]interface {}\n'],
    [`kubectl patch deploy web -p '{"metadata":{"name":"other"}}'`, 'Error from server (BadRequest): the name of the object (other) does not match the name on the URL (web)\n'],
    [`kubectl patch deploy nope -p '{}'`, 'Error from server (NotFound): deployments.apps "nope" not found\n'],
    [`kubectl patch deploy -p '{}'`, 'error: resource(s) were provided, but no name was specified\n'],
    [`kubectl patch deploy web -p 'a: b: c'`, 'error: unable to parse "a: b: c": yaml: mapping values are not allowed in this context\n'],
    [`kubectl patch pod/nope deploy/nope -p '{}'`, 'Error from server (NotFound): pods "nope" not found\nError from server (NotFound): deployments.apps "nope" not found\n'],
    [
      `kubectl patch deploy web -p '{"spec":{"selector":{"matchLabels":{"app":"x"}},"template":{"metadata":{"labels":{"app":"x"}}}}}'`,
      'The Deployment "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"x"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable\n',
    ],
    [
      `kubectl patch deploy web -p '{"metadata":{"resourceVersion":"1"},"spec":{"replicas":5}}'`,
      'Error from server (Conflict): Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again\n',
    ],
    [`kubectl patch svc kubernetes --subresource=scale -p '{}'`, 'Error from server (NotFound): the server could not find the requested resource\n'],
    [`kubectl patch cm kube-root-ca.crt --subresource=status -p '{}'`, 'Error from server (NotFound): the server could not find the requested resource\n'],
  ])('%s', (line, err) => {
    const l = lab();
    const hash = l.session.sim.traceHash();
    const r = l.run(line);
    expect([r.stdout, r.stderr, r.exitCode]).toEqual(['', err, 1]);
    expect(l.session.sim.traceHash()).toBe(hash);
  });
});
