/**
 * `kubectl scale` against a whole simulated cluster: kubectl v1.31's output (`<kind>.<group>/<name>
 * scaled`, `-o name`, dry-run suffixes), its preconditions (--current-replicas, --resource-version),
 * selection (names, TYPE/NAME, -l, --all, -f, several resources) and its error wording.
 */
import { describe, expect, it } from 'vitest';
import { Lab } from '../../support/manifests.ts';

const rs = (name: string, tier: string, replicas = 2) => `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: ${name}
  labels: {tier: ${tier}}
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
      - name: app
        image: nginx:1.27
`;

const workload = (kind: 'Deployment' | 'StatefulSet', name: string) => `apiVersion: apps/v1
kind: ${kind}
metadata:
  name: ${name}
spec:
${kind === 'StatefulSet' ? `  serviceName: ${name}\n` : ''}  replicas: 1
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
      - name: app
        image: nginx:1.27
`;

function lab(): Lab {
  const l = new Lab();
  l.apply([rs('a', 'fe'), rs('b', 'fe'), rs('c', 'be')].join('---\n'));
  l.advance('10s');
  return l;
}

const replicas = (l: Lab, resource: string) => l.out(`kubectl get ${resource} -o jsonpath='{.spec.replicas}'`);

describe('kubectl scale: success output', () => {
  it.each([
    ['deployment/web', 'Deployment', 'deployment.apps/web scaled\n'],
    ['deploy web', 'Deployment', 'deployment.apps/web scaled\n'],
    ['statefulset web', 'StatefulSet', 'statefulset.apps/web scaled\n'],
    ['sts/web', 'StatefulSet', 'statefulset.apps/web scaled\n'],
  ] as const)('kubectl scale %s --replicas=5', (target, kind, out) => {
    const l = new Lab();
    l.apply(workload(kind, 'web'));
    expect(l.out(`kubectl scale ${target} --replicas=5`)).toBe(out);
    expect(replicas(l, target.includes('/') ? target : target.replace(' ', '/'))).toBe('5');
  });

  it('scales a ReplicaSet, and its controller follows', () => {
    const l = lab();
    const r = l.run('kubectl scale rs a --replicas=4');
    expect([r.output, r.exitCode]).toEqual(['replicaset.apps/a scaled\n', 0]);
    expect(l.out('kubectl get pods -l app=a -o name').trim().split('\n')).toHaveLength(4);
  });

  it('several resources, -l and --all, in the order the builder lists them', () => {
    const l = lab();
    expect(l.out('kubectl scale rs/a rs/c --replicas=1')).toBe('replicaset.apps/a scaled\nreplicaset.apps/c scaled\n');
    expect(l.out('kubectl scale rs a b --replicas=3')).toBe('replicaset.apps/a scaled\nreplicaset.apps/b scaled\n');
    expect(l.out('kubectl scale rs -l tier=fe --replicas=0')).toBe('replicaset.apps/a scaled\nreplicaset.apps/b scaled\n');
    expect([replicas(l, 'rs/a'), replicas(l, 'rs/b'), replicas(l, 'rs/c')]).toEqual(['0', '0', '1']);
    expect(l.out('kubectl scale rs --all --replicas=2 -o name')).toBe('replicaset.apps/a\nreplicaset.apps/b\nreplicaset.apps/c\n');
  });

  it('-f names the object to scale', () => {
    const l = lab();
    expect(l.out('kubectl scale -f - --replicas=3', rs('b', 'fe'))).toBe('replicaset.apps/b scaled\n');
    expect(replicas(l, 'rs/b')).toBe('3');
  });

  it('--dry-run=client and =server change nothing', () => {
    const l = lab();
    expect(l.out('kubectl scale rs a --replicas=9 --dry-run=client')).toBe('replicaset.apps/a scaled (dry run)\n');
    expect(l.out('kubectl scale rs a --replicas=9 --dry-run=server')).toBe('replicaset.apps/a scaled (server dry run)\n');
    expect(replicas(l, 'rs/a')).toBe('2');
  });

  it('--timeout waits (in simulated time) until the controller reports the new size', () => {
    const l = lab();
    const before = l.now;
    expect(l.out('kubectl scale rs a --replicas=4 --timeout=1m')).toBe('replicaset.apps/a scaled\n');
    expect(l.out("kubectl get rs a -o jsonpath='{.status.replicas}'")).toBe('4');
    expect(l.now - before).toBeLessThan(60_000);
  });
});

describe('kubectl scale: preconditions', () => {
  it('--current-replicas: scales when it matches, refuses when it does not', () => {
    const l = lab();
    expect(l.out('kubectl scale rs a --current-replicas=2 --replicas=3')).toBe('replicaset.apps/a scaled\n');
    const r = l.run('kubectl scale rs a --current-replicas=2 --replicas=1');
    expect([r.output, r.exitCode]).toEqual(['error: Expected replicas to be 2, was 3\n', 1]);
    expect(replicas(l, 'rs/a')).toBe('3');
  });

  it('a failed precondition on one resource does not stop the others', () => {
    const l = lab();
    l.run('kubectl scale rs b --replicas=5');
    const r = l.run('kubectl scale rs a b c --current-replicas=2 --replicas=1');
    expect(r.output).toBe('replicaset.apps/a scaled\nreplicaset.apps/c scaled\nerror: Expected replicas to be 2, was 5\n');
    expect(r.exitCode).toBe(1);
  });

  it('--resource-version must match, and only one resource may be given', () => {
    const l = lab();
    const rv = l.out("kubectl get rs a -o jsonpath='{.metadata.resourceVersion}'");
    expect(l.out('kubectl scale rs a --resource-version=1 --replicas=1')).toBe(`error: Expected resource version to be 1, was ${rv}\n`);
    expect(l.out(`kubectl scale rs a --resource-version=${rv} --replicas=1`)).toBe('replicaset.apps/a scaled\n');
    expect(l.out('kubectl scale rs a b --resource-version=1 --replicas=1')).toBe('error: cannot use --resource-version with multiple resources\n');
  });
});

describe('kubectl scale: errors', () => {
  it.each([
    ['kubectl scale rs a', 'error: required flag(s) "replicas" not set\n'],
    ['kubectl scale rs a --replicas=-1', 'error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n'],
    ['kubectl scale rs a --replicas=1 --current-replicas=-2', 'error: The --current-replicas must specify an integer of -1 or greater\n'],
    [
      'kubectl scale --replicas=1',
      "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n",
    ],
    ['kubectl scale rs --replicas=1', 'error: resource(s) were provided, but no name was specified\n'],
    ['kubectl scale widgets/x --replicas=1', 'error: the server doesn\'t have a resource type "widgets"\n'],
    ['kubectl scale rs nope --replicas=1', 'Error from server (NotFound): replicasets.apps "nope" not found\n'],
    ['kubectl scale rs -l tier=none --replicas=1', 'error: no objects passed to scale\n'],
    ['kubectl scale configmap kube-root-ca.crt --replicas=1', 'Error from server (NotFound): the server could not find the requested resource\n'],
    [
      'kubectl scale rs a --replicas=1 -o wide',
      'error: unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n',
    ],
    ['kubectl scale rs a --replicas=x', 'error: invalid argument "x" for "--replicas" flag: strconv.ParseInt: parsing "x": invalid syntax\nSee \'kubectl scale --help\' for usage.\n'],
    ['kubectl scale rs a --replicas=1 --timeout=x', 'error: invalid argument "x" for "--timeout" flag: time: invalid duration "x"\nSee \'kubectl scale --help\' for usage.\n'],
    ['kubectl scale -k dir --replicas=1', 'error: kustomize directories are not supported in Podlab\n'],
  ])('%s', (line, out) => {
    const l = lab();
    const r = l.run(line);
    expect(r.output).toBe(out);
    expect(r.exitCode).toBe(1);
    expect([replicas(l, 'rs/a'), replicas(l, 'rs/b'), replicas(l, 'rs/c')]).toEqual(['2', '2', '2']);
  });

  it('-o jsonpath and --template print each object as read; -o yaml separates objects with ---', () => {
    const l = lab();
    expect(l.out("kubectl scale rs a b --replicas=3 -o jsonpath='{.metadata.name} '")).toBe('a b ');
    expect(l.out("kubectl scale rs a --replicas=1 -o go-template --template='{{.spec.replicas}}'")).toBe('3');
    const yaml = l.out('kubectl scale rs a b --replicas=2 -o yaml');
    expect(yaml.match(/^---$/gm)).toHaveLength(1);
    expect(yaml.match(/^kind: ReplicaSet$/gm)).toHaveLength(2);
  });

  it('scales what exists and reports what does not', () => {
    const l = lab();
    const r = l.run('kubectl scale rs/a rs/nope --replicas=1');
    expect(r.output).toBe('replicaset.apps/a scaled\nError from server (NotFound): replicasets.apps "nope" not found\n');
    expect(r.exitCode).toBe(1);
  });
});
