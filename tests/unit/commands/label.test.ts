/**
 * `kubectl label` as kubectl v1.31 does it: client-side behaviour against recordings of the real
 * client (metadata-edit.golden.json), and against a cluster: the merge patch and its messages
 * (`labeled`, `unlabeled`, `not labeled`, `label "x" not found.`), --overwrite, selection by
 * names, TYPE/NAME, -l, --all, -A and -f, --resource-version as a precondition, --list, dry runs,
 * the API server's key validation, and rejected commands leaving the cluster as it was.
 */
import { describe, expect, it } from 'vitest';
import { Lab } from '../../support/manifests.ts';
import { applyDoc, play, podDoc } from '../../scenario/scheduler/support.ts';
import { testBed } from './harness.ts';
import { expectGolden, expectServerGolden, goldenRows, serverRows } from './metadata-edit-golden.ts';

describe('kubectl label: recorded from kubectl v1.31 (no server needed)', () => {
  it.each(goldenRows('label'))('%s', (_line, row) => expectGolden(row));
});

describe('kubectl label: recorded from kubectl v1.31 against this cluster (read-only lines)', () => {
  it.each(serverRows('label'))('%s', (_line, row) => expectServerGolden(row));
});

/** Two pods in default (web: app=web tier=fe; db: app=db) and one in shop (web: app=web). */
function bed() {
  const b = testBed();
  b.sim.addPod('web', { labels: { app: 'web', tier: 'fe' } });
  b.sim.addPod('db', { labels: { app: 'db' } });
  b.sim.addPod('web', { namespace: 'shop', labels: { app: 'web' } });
  return b;
}

const labelsOf = (b: ReturnType<typeof bed>, name: string, ns = 'default') => b.sim.store.get('pods', ns, name).metadata.labels;

describe('kubectl label: changes and messages', () => {
  it.each([
    ['kubectl label pod web new=1', 'pod/web labeled\n', { app: 'web', tier: 'fe', new: '1' }],
    ['kubectl label pods web app=api --overwrite', 'pod/web labeled\n', { app: 'api', tier: 'fe' }],
    ['kubectl label pod/web tier-', 'pod/web unlabeled\n', { app: 'web' }],
    // With --overwrite a removal is `labeled`: kubectl only says `unlabeled` without it.
    ['kubectl label pod/web tier- --overwrite', 'pod/web labeled\n', { app: 'web' }],
    ['kubectl label po web app=web --overwrite', 'pod/web not labeled\n', { app: 'web', tier: 'fe' }],
    ['kubectl label pod web nothere-', 'label "nothere" not found.\npod/web not labeled\n', { app: 'web', tier: 'fe' }],
    // One key in, one out: `unlabeled` only when the object's JSON got shorter.
    ['kubectl label pod web tier- abc=xyz', 'pod/web labeled\n', { app: 'web', abc: 'xyz' }],
    ['kubectl label pod web tier- abc=xy', 'pod/web unlabeled\n', { app: 'web', abc: 'xy' }],
    // The same value again needs no --overwrite.
    ['kubectl label pod web app=web', 'pod/web not labeled\n', { app: 'web', tier: 'fe' }],
    ['kubectl label pod web app- tier- x=1', 'pod/web unlabeled\n', { x: '1' }],
    ['kubectl label pod web -n shop x=1', 'pod/web labeled\n', undefined],
  ] as const)('%s', (line, out, labels) => {
    const b = bed();
    const r = b.run(line);
    expect([r.stdout, r.stderr, r.exitCode]).toEqual([out, '', 0]);
    if (labels) expect(labelsOf(b, 'web')).toEqual(labels);
  });

  it('removing the last label drops the map, as the typed API object does', () => {
    const b = bed();
    expect(b.run('kubectl label pod db app-').stdout).toBe('pod/db unlabeled\n');
    expect(labelsOf(b, 'db')).toBeUndefined();
  });

  it('selects by -l, --all, -A and several names, in the order the builder lists them', () => {
    const b = bed();
    expect(b.run('kubectl label pods -l app=web x=1').stdout).toBe('pod/web labeled\n');
    expect(b.run('kubectl label pods --all y=2').stdout).toBe('pod/db labeled\npod/web labeled\n');
    expect(b.run('kubectl label pods -A -l app=web z=3').stdout).toBe('pod/web labeled\npod/web labeled\n');
    expect(labelsOf(b, 'web', 'shop')).toEqual({ app: 'web', z: '3' });
    expect(b.run('kubectl label pods web db w=4 -o name').stdout).toBe('pod/web\npod/db\n');
    expect(b.run('kubectl label pods --field-selector metadata.name=db v=5').stdout).toBe('pod/db labeled\n');
  });

  it('several objects: the good ones are labeled, the errors come after, one per line', () => {
    const b = bed();
    const r = b.run('kubectl label pods web nope db app=x');
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      "'app' already has a value (web), and --overwrite is false\nError from server (NotFound): pods \"nope\" not found\n'app' already has a value (db), and --overwrite is false\n",
    );
    const r2 = b.run('kubectl label pods nope web k=v');
    expect([r2.stdout, r2.stderr, r2.exitCode]).toEqual(['pod/web labeled\n', 'Error from server (NotFound): pods "nope" not found\n', 1]);
  });

  it('dry runs and --list do not write; -o prints the object as kubectl changed it', () => {
    const b = bed();
    const rv = b.sim.store.resourceVersion;
    expect(b.run('kubectl label pod web x=1 --dry-run=client').stdout).toBe('pod/web labeled (dry run)\n');
    expect(b.run('kubectl label pod web x=1 --dry-run=server').stdout).toBe('pod/web labeled (server dry run)\n');
    expect(b.run('kubectl label pod web x=1 --list').stdout).toBe('app=web\ntier=fe\nx=1\n');
    expect(b.run('kubectl label pods --all --list').stdout).toBe('Listing labels for Pod./db:\n app=db\nListing labels for Pod./web:\n app=web\n tier=fe\n');
    expect(b.run(`kubectl label pod web x=1 --dry-run=client -o jsonpath='{.metadata.labels}'`).stdout).toBe('{"app":"web","tier":"fe","x":"1"}');
    expect(b.sim.store.resourceVersion).toBe(rv);
  });

  it('--resource-version is a precondition: the current version succeeds, another is a Conflict', () => {
    const b = bed();
    const rv = b.sim.store.get('pods', 'default', 'web').metadata.resourceVersion ?? '';
    const stale = b.run('kubectl label pod web a=1 --resource-version=1');
    expect([stale.stderr, stale.exitCode]).toEqual([
      'Error from server (Conflict): Operation cannot be fulfilled on pods "web": the object has been modified; please apply your changes to the latest version and try again\n',
      1,
    ]);
    expect(b.run(`kubectl label pod web a=1 --resource-version=${rv}`).stdout).toBe('pod/web labeled\n');
    expect(b.run('kubectl label pods --all a=2 --resource-version=1').stderr).toBe('error: --resource-version may only be used with a single resource\n');
  });
});

describe('kubectl label: rejected commands leave the cluster unchanged', () => {
  it.each([
    ['kubectl label pod web app=x', "error: 'app' already has a value (web), and --overwrite is false\n"],
    ['kubectl label pod web app=x tier=y', "'app' already has a value (web), and --overwrite is false\n'tier' already has a value (fe), and --overwrite is false\n"],
    ['kubectl label pod nope x=1', 'Error from server (NotFound): pods "nope" not found\n'],
    ['kubectl label pods x=1', 'error: resource(s) were provided, but no name was specified\n'],
    ['kubectl label podz web x=1', 'error: the server doesn\'t have a resource type "podz"\n'],
    ['kubectl label pods web x=1 -A', 'error: a resource cannot be retrieved by name across all namespaces\n'],
    ['kubectl label pods web -l app=web x=1', 'error: name cannot be provided when a selector is specified\n'],
    ['kubectl label pod/web -l app=web x=1', 'error: selectors and the all flag cannot be used when passing resource/name arguments\n'],
    [
      "kubectl label pod web 'bad key=1'",
      `The Pod "web" is invalid: metadata.labels: Invalid value: "bad key": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')\n`,
    ],
  ])('%s', (line, err) => {
    const b = bed();
    const rv = b.sim.store.resourceVersion;
    const r = b.run(line);
    expect([r.stdout, r.stderr, r.exitCode]).toEqual(['', err, 1]);
    expect(b.sim.store.resourceVersion).toBe(rv);
  });

  it('an -o kubectl cannot print fails after the write, as kubectl builds the printer last', () => {
    const b = bed();
    const r = b.run('kubectl label pod web x=1 -o wide');
    expect(r.stderr).toMatch(/^error: unable to match a printer suitable for the output format "wide"/);
    expect(labelsOf(b, 'web')).toEqual({ app: 'web', tier: 'fe', x: '1' });
  });
});

describe('kubectl label on a running cluster', () => {
  it('a pod pending on nodeSelector disktype=ssd is scheduled once a node gets the label', () => {
    const lab = new Lab();
    play(lab, `sim cluster --nodes 2\n${applyDoc(podDoc({ name: 'picky', nodeSelector: { disktype: 'ssd' } }))}\nsim advance 5s`);
    expect(lab.out("kubectl get pod picky -o jsonpath='{.spec.nodeName}'")).toBe('');
    expect(lab.out('kubectl label node node-2 disktype=ssd')).toBe('node/node-2 labeled\n');
    lab.advance('2s');
    expect(lab.out("kubectl get pod picky -o jsonpath='{.spec.nodeName}'")).toBe('node-2');
  });

  it('relabelling a Deployment pod out of its selector makes the ReplicaSet replace it', () => {
    const lab = new Lab();
    lab.run('kubectl create deployment web --image=nginx:1.27 --replicas=1');
    lab.advance('20s');
    const pod = lab.out("kubectl get pods -l app=web -o jsonpath='{.items[0].metadata.name}'");
    expect(lab.out(`kubectl label pod ${pod} app=debug --overwrite`)).toBe(`pod/${pod} labeled\n`);
    lab.advance('1s');
    expect(lab.out("kubectl get pods -l app=web -o jsonpath='{.items[*].metadata.name}'")).not.toBe(pod);
    expect(lab.out("kubectl get pods -l app=web -o name").trim().split('\n')).toHaveLength(1);
    expect(lab.out(`kubectl get pod ${pod} -o jsonpath='{.metadata.ownerReferences}'`)).toBe('');
  });
});
