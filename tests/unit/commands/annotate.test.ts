/**
 * `kubectl annotate` as kubectl v1.31 does it: client-side behaviour against recordings of the
 * real client (metadata-edit.golden.json), and against a cluster: values with spaces and `=`,
 * --overwrite (kubernetes.io/change-cause always overwritable), removal, the object the server
 * returned printed with -o, --list, dry runs, --resource-version, selection, the API server's key
 * validation, and rejected commands leaving the cluster as it was.
 */
import { describe, expect, it } from 'vitest';
import { testBed } from './harness.ts';
import { expectGolden, expectServerGolden, goldenRows, serverRows } from './metadata-edit-golden.ts';

describe('kubectl annotate: recorded from kubectl v1.31 (no server needed)', () => {
  it.each(goldenRows('annotate'))('%s', (_line, row) => expectGolden(row));
});

describe('kubectl annotate: recorded from kubectl v1.31 against this cluster (read-only lines)', () => {
  it.each(serverRows('annotate'))('%s', (_line, row) => expectServerGolden(row));
});

/** web (note=hi) and db (no annotations) in default, web in shop. */
function bed() {
  const b = testBed();
  b.sim.addPod('web', { labels: { app: 'web' }, annotations: { note: 'hi' } });
  b.sim.addPod('db', { labels: { app: 'db' } });
  b.sim.addPod('web', { namespace: 'shop', labels: { app: 'web' } });
  return b;
}

const annotationsOf = (b: ReturnType<typeof bed>, name: string, ns = 'default') => b.sim.store.get('pods', ns, name).metadata.annotations;

describe('kubectl annotate: changes and messages', () => {
  it.each([
    ["kubectl annotate pod web 'description=my frontend'", { note: 'hi', description: 'my frontend' }],
    [`kubectl annotate pod web 'cfg={"a":1}=x'`, { note: 'hi', cfg: '{"a":1}=x' }],
    ['kubectl annotate pod web note=ho --overwrite', { note: 'ho' }],
    ['kubectl annotate pod web note=hi', { note: 'hi' }],
    ['kubectl annotate pod/web note-', undefined],
    ['kubectl annotate pod web nothere-', { note: 'hi' }],
    ['kubectl annotate pod web kubernetes.io/change-cause=a', { note: 'hi', 'kubernetes.io/change-cause': 'a' }],
    ['kubectl annotate pod web x=', { note: 'hi', x: '' }],
  ] as const)('%s', (line, annotations) => {
    const b = bed();
    const r = b.run(line);
    expect([r.stdout, r.stderr, r.exitCode]).toEqual(['pod/web annotated\n', '', 0]);
    expect(annotationsOf(b, 'web')).toEqual(annotations);
  });

  it('kubernetes.io/change-cause may be overwritten without --overwrite', () => {
    const b = bed();
    b.run('kubectl annotate pod web kubernetes.io/change-cause=a');
    expect(b.run('kubectl annotate pod web kubernetes.io/change-cause=b').stdout).toBe('pod/web annotated\n');
    expect(annotationsOf(b, 'web')?.['kubernetes.io/change-cause']).toBe('b');
  });

  it('-o prints what the server returned (its new resourceVersion); YAML objects are separated by ---', () => {
    const b = bed();
    const out = b.run(`kubectl annotate pod web a=1 -o jsonpath='{.metadata.resourceVersion}'`).stdout;
    expect(out).toBe(b.sim.store.get('pods', 'default', 'web').metadata.resourceVersion);
    const yaml = b.run('kubectl annotate pods --all b=2 -o yaml').stdout;
    expect(yaml.split('\n').filter((l) => l === '---')).toHaveLength(1);
    expect(b.run('kubectl annotate pods -A -l app=web c=3 -o name').stdout).toBe('pod/web\npod/web\n');
    expect(annotationsOf(b, 'web', 'shop')).toEqual({ c: '3' });
  });

  it('dry runs and --list do not write', () => {
    const b = bed();
    const rv = b.sim.store.resourceVersion;
    expect(b.run('kubectl annotate pod web x=1 --dry-run=client').stdout).toBe('pod/web annotated (dry run)\n');
    expect(b.run('kubectl annotate pod web x=1 --dry-run=server').stdout).toBe('pod/web annotated (server dry run)\n');
    expect(b.run('kubectl annotate pod web x=1 --list').stdout).toBe('note=hi\nx=1\n');
    expect(b.run('kubectl annotate pods -l app --list').stdout).toBe('Listing annotations for Pod./db:\nListing annotations for Pod./web:\n note=hi\n');
    expect(b.sim.store.resourceVersion).toBe(rv);
  });

  it('--resource-version: a stale version is a Conflict, the current one succeeds', () => {
    const b = bed();
    const rv = b.sim.store.get('pods', 'default', 'web').metadata.resourceVersion ?? '';
    expect(b.run('kubectl annotate pod web a=1 --resource-version=1').stderr).toBe(
      'Error from server (Conflict): Operation cannot be fulfilled on pods "web": the object has been modified; please apply your changes to the latest version and try again\n',
    );
    expect(b.run(`kubectl annotate pod web a=1 --resource-version=${rv}`).stdout).toBe('pod/web annotated\n');
  });
});

describe('kubectl annotate: rejected commands leave the cluster unchanged', () => {
  it.each([
    ['kubectl annotate pod web note=x', "error: --overwrite is false but found the following declared annotation(s): 'note' already has a value (hi)\n"],
    ['kubectl annotate pod nope x=1', 'Error from server (NotFound): pods "nope" not found\n'],
    ['kubectl annotate pods --all x=1 --resource-version=3', 'error: --resource-version may only be used with a single resource\n'],
    ['kubectl annotate pods x=1', 'error: resource(s) were provided, but no name was specified\n'],
    [
      "kubectl annotate pod web 'bad key=1'",
      `The Pod "web" is invalid: metadata.annotations: Invalid value: "bad key": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')\n`,
    ],
    ['kubectl annotate pod web x=1 -o wide', 'error: unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n'],
  ])('%s', (line, err) => {
    const b = bed();
    const rv = b.sim.store.resourceVersion;
    const r = b.run(line);
    expect([r.stdout, r.stderr, r.exitCode]).toEqual(['', err, 1]);
    expect(b.sim.store.resourceVersion).toBe(rv);
  });
});
