/**
 * `kubectl taint`: every message and error as kubectl v1.31 prints it (pkg/cmd/taint/taint.go and
 * utils.go). The expected texts were taken from a real kubectl v1.31.9 run against a stub API
 * server: argument splitting, parse errors (usage errors), type and flag validation, per-node
 * errors printed after the successes (one alone with `error: `, several bare, a node's own
 * aggregate as `[a, b]`), the resulting taint order, and the patch that removes an emptied list.
 */
import { describe, expect, it } from 'vitest';
import type { Node, Taint } from '../../../src/engine/api/types.ts';
import { testBed } from './harness.ts';

const QNAME =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const HINT = "\nSee 'kubectl taint -h' for help and examples\n";

/** n1 (pool=a, no taints), n2 (pool=b, dedicated=x:NoSchedule + dedicated:NoExecute), n3 (pool=a). */
function bed() {
  const b = testBed();
  b.sim.addNode('n1', { labels: { pool: 'a' } });
  b.sim.addNode('n2', { labels: { pool: 'b' } });
  b.sim.addNode('n3', { labels: { pool: 'a' } });
  setTaints(b, 'n2', [
    { key: 'dedicated', value: 'x', effect: 'NoSchedule' },
    { key: 'dedicated', effect: 'NoExecute' },
  ]);
  return b;
}

function setTaints(b: ReturnType<typeof testBed>, node: string, taints: Taint[]): void {
  b.sim.store.patch('nodes', '', node, 'merge', { spec: { taints } });
}

function taintsOf(b: ReturnType<typeof testBed>, node: string): Taint[] | undefined {
  return b.sim.store.get<Node>('nodes', '', node).spec.taints;
}

describe('kubectl taint: adding, overwriting and removing', () => {
  it('adds a taint: `tainted`; new taints come before the existing ones', () => {
    const b = bed();
    const r = b.run('kubectl taint nodes n2 gpu=true:PreferNoSchedule');
    expect([r.stdout, r.stderr, r.exitCode]).toEqual(['node/n2 tainted\n', '', 0]);
    expect(taintsOf(b, 'n2')).toEqual([
      { key: 'gpu', value: 'true', effect: 'PreferNoSchedule' },
      { key: 'dedicated', value: 'x', effect: 'NoSchedule' },
      { key: 'dedicated', effect: 'NoExecute' },
    ]);
  });

  it('key:Effect adds a taint without a value; NoExecute gets no timeAdded from kubectl', () => {
    const b = bed();
    expect(b.run('kubectl taint node n1 bar:NoExecute').stdout).toBe('node/n1 tainted\n');
    expect(taintsOf(b, 'n1')).toEqual([{ key: 'bar', effect: 'NoExecute' }]);
    expect(b.run('kubectl taint no n1 empty=:NoSchedule').stdout).toBe('node/n1 tainted\n');
    expect(taintsOf(b, 'n1')?.[0]).toEqual({ key: 'empty', effect: 'NoSchedule' });
  });

  it('the same key and effect again is refused without --overwrite, replaced with it (`modified`)', () => {
    const b = bed();
    b.run('kubectl taint nodes n1 a=b:NoSchedule');
    const refused = b.run('kubectl taint nodes n1 a=c:NoSchedule');
    expect([refused.stdout, refused.stderr, refused.exitCode]).toEqual([
      '',
      'error: node n1 already has a taint(s) with same effect(s) and --overwrite is false\n',
      1,
    ]);
    expect(taintsOf(b, 'n1')).toEqual([{ key: 'a', value: 'b', effect: 'NoSchedule' }]);
    expect(b.run('kubectl taint nodes n1 a=c:NoSchedule --overwrite').stdout).toBe('node/n1 modified\n');
    expect(taintsOf(b, 'n1')).toEqual([{ key: 'a', value: 'c', effect: 'NoSchedule' }]);
    // The same key with another effect is a different taint.
    expect(b.run('kubectl taint nodes n1 a=c:NoExecute').stdout).toBe('node/n1 tainted\n');
    expect(taintsOf(b, 'n1')).toEqual([
      { key: 'a', value: 'c', effect: 'NoExecute' },
      { key: 'a', value: 'c', effect: 'NoSchedule' },
    ]);
  });

  it('lists every existing key in the refusal', () => {
    const r = bed().run('kubectl taint node n2 dedicated=z:NoSchedule b=c:PreferNoSchedule');
    expect(r.stderr).toBe('error: node n2 already has dedicated taint(s) with same effect(s) and --overwrite is false\n');
  });

  it('--overwrite always says `modified`, even for a plain addition or removal', () => {
    const b = bed();
    expect(b.run('kubectl taint nodes n1 a=b:PreferNoSchedule --overwrite').stdout).toBe('node/n1 modified\n');
    expect(b.run('kubectl taint nodes n1 a- --overwrite').stdout).toBe('node/n1 modified\n');
  });

  it('key- removes every effect of the key (`untainted`) and drops the emptied list', () => {
    const b = bed();
    expect(b.run('kubectl taint nodes n2 dedicated-').stdout).toBe('node/n2 untainted\n');
    expect(b.sim.store.get<Node>('nodes', '', 'n2').spec).not.toHaveProperty('taints');
  });

  it('key:Effect- removes only that effect', () => {
    const b = bed();
    expect(b.run('kubectl taint nodes n2 dedicated:NoExecute-').stdout).toBe('node/n2 untainted\n');
    expect(taintsOf(b, 'n2')).toEqual([{ key: 'dedicated', value: 'x', effect: 'NoSchedule' }]);
  });

  it('adding and removing in one command: `modified`', () => {
    const b = bed();
    expect(b.run('kubectl taint no n2 dedicated:NoExecute- dedicated=y:PreferNoSchedule').stdout).toBe('node/n2 modified\n');
    expect(taintsOf(b, 'n2')).toEqual([
      { key: 'dedicated', value: 'y', effect: 'PreferNoSchedule' },
      { key: 'dedicated', value: 'x', effect: 'NoSchedule' },
    ]);
  });

  it('a taint to remove that is not there changes nothing', () => {
    const b = bed();
    const r = b.run('kubectl taint nodes n1 q=b:NoSchedule c-');
    expect([r.stdout, r.stderr, r.exitCode]).toEqual(['', 'error: taint "c" not found\n', 1]);
    expect(b.run('kubectl taint nodes n1 a:NoSchedule-').stderr).toBe('error: taint "a:NoSchedule" not found\n');
    expect(taintsOf(b, 'n1')).toBeUndefined();
  });

  it('several missing taints on one node: one line each, no prefix', () => {
    const r = bed().run('kubectl taint nodes n1 c- d:NoSchedule-');
    expect([r.stderr, r.exitCode]).toEqual(['taint "c" not found\ntaint "d:NoSchedule" not found\n', 1]);
  });

  it('the resource type may be any name of nodes', () => {
    const b = bed();
    expect(b.run('kubectl taint NODES n1 aa=b:NoSchedule').stdout).toBe('node/n1 tainted\n');
    expect(b.run('kubectl taint node.v1 n1 ab=b:NoSchedule').stdout).toBe('node/n1 tainted\n');
    expect(b.run('kubectl taint no n1 ac=b:NoSchedule').stdout).toBe('node/n1 tainted\n');
  });
});

describe('kubectl taint: several nodes', () => {
  it('names: successes as they happen, then the errors', () => {
    const b = bed();
    const r = b.run('kubectl taint nodes nope n1 x=y:PreferNoSchedule');
    expect([r.stdout, r.stderr, r.exitCode]).toEqual(['node/n1 tainted\n', 'Error from server (NotFound): nodes "nope" not found\n', 1]);
  });

  it('a refusal on one node does not stop the others', () => {
    const b = bed();
    b.run('kubectl taint nodes n1 x=y:NoSchedule');
    const r = b.run('kubectl taint nodes n1 n2 x=y:NoSchedule');
    expect([r.stdout, r.stderr, r.exitCode]).toEqual([
      'node/n2 tainted\n',
      'error: node n1 already has x taint(s) with same effect(s) and --overwrite is false\n',
      1,
    ]);
  });

  it('several errors: one per line, API errors as `Error from server`, the others bare', () => {
    const b = bed();
    const r = b.run('kubectl taint nodes n1 nope c-');
    expect(r.stderr).toBe('taint "c" not found\nError from server (NotFound): nodes "nope" not found\n');
    const both = b.run('kubectl taint nodes n1 n3 c- d:NoSchedule-');
    expect(both.stderr).toBe('[taint "c" not found, taint "d:NoSchedule" not found]\n[taint "c" not found, taint "d:NoSchedule" not found]\n');
  });

  it('--all taints every node, in name order', () => {
    const b = bed();
    const r = b.run('kubectl taint nodes --all z=1:NoExecute');
    expect(r.stdout).toBe('node/n1 tainted\nnode/n2 tainted\nnode/n3 tainted\n');
    expect(taintsOf(b, 'n2')?.[0]).toEqual({ key: 'z', value: '1', effect: 'NoExecute' });
  });

  it('-l taints the matching nodes; none matching prints nothing', () => {
    const b = bed();
    expect(b.run('kubectl taint nodes -l pool=a w=1:NoSchedule').stdout).toBe('node/n1 tainted\nnode/n3 tainted\n');
    const none = b.run('kubectl taint nodes -l pool=zz w=1:NoSchedule');
    expect([none.stdout, none.stderr, none.exitCode]).toEqual(['', '', 0]);
  });

  it('removing from several nodes', () => {
    const b = bed();
    b.run('kubectl taint nodes --all x=y:NoSchedule');
    expect(b.run('kubectl taint nodes n1 n2 x-').stdout).toBe('node/n1 untainted\nnode/n2 untainted\n');
    expect(taintsOf(b, 'n3')).toEqual([{ key: 'x', value: 'y', effect: 'NoSchedule' }]);
  });
});

describe('kubectl taint: --dry-run and -o', () => {
  it('--dry-run=client and =server say so and change nothing', () => {
    const b = bed();
    expect(b.run('kubectl taint nodes n1 q=b:PreferNoSchedule --dry-run=client').stdout).toBe('node/n1 tainted (dry run)\n');
    expect(b.run('kubectl taint nodes n1 q=b:PreferNoSchedule --dry-run=server').stdout).toBe('node/n1 tainted (server dry run)\n');
    expect(taintsOf(b, 'n1')).toBeUndefined();
  });

  it('-o name prints node/NAME; -o yaml and jsonpath print the patched node', () => {
    const b = bed();
    expect(b.run('kubectl taint nodes --all a=b:NoSchedule -o name --dry-run=client').stdout).toBe('node/n1\nnode/n2\nnode/n3\n');
    expect(b.run("kubectl taint nodes n1 a=b:NoSchedule -o jsonpath='{.metadata.name} {.spec.taints[0].key}'").stdout).toBe('n1 a');
    const yaml = b.run('kubectl taint nodes n3 q=b:NoExecute --dry-run=client -o yaml').stdout;
    expect(yaml).toContain('kind: Node\n');
    expect(yaml).toContain('spec:\n  podCIDR: 10.244.2.0/24\n');
    expect(yaml).toContain('  taints:\n  - effect: NoExecute\n    key: q\n    value: b\nstatus:\n');
    expect(taintsOf(b, 'n3')).toBeUndefined();
  });

  it('a table format is refused per node, with the printers taint has', () => {
    const b = bed();
    const r = b.run('kubectl taint nodes n1 a=b:NoSchedule -o wide');
    expect([r.stdout, r.stderr, r.exitCode]).toEqual([
      '',
      'error: unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n',
      1,
    ]);
    expect(taintsOf(b, 'n1')).toBeUndefined();
  });

  it('a bad --dry-run value is refused first', () => {
    const r = bed().run('kubectl taint nodes n1 a=b:NoSchedule --dry-run=bogus');
    expect(r.stderr).toBe('error: Invalid dry-run value (bogus). Must be "none", "server", or "client".\n');
  });
});

describe('kubectl taint: argument errors as kubectl v1.31 prints them', () => {
  const cases: { line: string; stderr: string }[] = [
    { line: 'kubectl taint', stderr: 'error: one or more resources must be specified as <resource> <name>\n' },
    { line: 'kubectl taint a=b:NoSchedule', stderr: 'error: one or more resources must be specified as <resource> <name>\n' },
    { line: 'kubectl taint nodes', stderr: 'error: at least one taint update is required\n' },
    { line: 'kubectl taint nodes n1', stderr: 'error: at least one taint update is required\n' },
    { line: 'kubectl taint nodes n1 a', stderr: 'error: at least one taint update is required\n' },
    { line: 'kubectl taint nodes n1 a=b:NoSchedule extra', stderr: 'error: all resources must be specified before taint changes: extra\n' },
    { line: 'kubectl taint nodes n1 a=b:Bad', stderr: `error: invalid taint effect: Bad, unsupported taint effect${HINT}` },
    { line: 'kubectl taint nodes n1 a:Foo-', stderr: `error: invalid taint effect: Foo, unsupported taint effect${HINT}` },
    { line: 'kubectl taint nodes n1 a=b:', stderr: `error: invalid taint effect: , unsupported taint effect${HINT}` },
    { line: 'kubectl taint nodes n1 a=b', stderr: `error: invalid taint spec: a=b, ${QNAME}${HINT}` },
    { line: 'kubectl taint nodes n1 a=b-', stderr: `error: invalid taint spec: a=b, ${QNAME}${HINT}` },
    { line: 'kubectl taint nodes n1 a--', stderr: `error: invalid taint spec: a-, ${QNAME}${HINT}` },
    { line: 'kubectl taint nodes n1 a-:NoSchedule', stderr: `error: invalid taint spec: a-:NoSchedule, ${QNAME}${HINT}` },
    { line: 'kubectl taint nodes n1 -', stderr: `error: invalid taint spec: , name part must be non-empty; ${QNAME}${HINT}` },
    { line: 'kubectl taint nodes n1 :NoSchedule', stderr: `error: invalid taint spec: :NoSchedule, name part must be non-empty; ${QNAME}${HINT}` },
    { line: 'kubectl taint nodes n1 a=b=c:NoSchedule', stderr: `error: invalid taint spec: a=b=c:NoSchedule${HINT}` },
    { line: 'kubectl taint nodes n1 a:b:c', stderr: `error: invalid taint spec: a:b:c${HINT}` },
    { line: 'kubectl taint nodes n1 a=b@:NoSchedule', stderr: `error: invalid taint spec: a=b@:NoSchedule, ${LABEL_VALUE}${HINT}` },
    {
      line: 'kubectl taint nodes n1 a=b:NoSchedule a=c:NoSchedule',
      stderr: `error: duplicated taints with the same key and effect: {a c NoSchedule <nil>}${HINT}`,
    },
    { line: 'kubectl taint nodes n1 a:NoSchedule a:NoSchedule', stderr: `error: duplicated taints with the same key and effect: {a  NoSchedule <nil>}${HINT}` },
    { line: 'kubectl taint pods p1 a=b:NoSchedule', stderr: 'error: invalid resource type pods, only node types are supported\n' },
    { line: 'kubectl taint bogus p1 a=b:NoSchedule', stderr: 'the server doesn\'t have a resource type "bogus"\n' },
    { line: 'kubectl taint node/n1 r=b:PreferNoSchedule', stderr: 'the server doesn\'t have a resource type "node/n1"\n' },
    { line: 'kubectl taint nodes n1 a:NoSchedule a-', stderr: 'error: can not both modify and remove the following taint(s) in the same command: a=\n' },
    {
      line: 'kubectl taint nodes n1 a=b:NoSchedule a:NoSchedule- b:NoExecute- b-',
      stderr: 'error: can not both modify and remove the following taint(s) in the same command: a=NoSchedule\n',
    },
    {
      line: 'kubectl taint nodes n1 a=b:NoSchedule b=c:NoSchedule a- b-',
      stderr: 'error: can not both modify and remove the following taint(s) in the same command: a=, b=\n',
    },
    { line: 'kubectl taint nodes --all -l pool=a w=1:NoSchedule', stderr: "error: setting 'all' parameter with a non empty selector is prohibited\n" },
    { line: 'kubectl taint nodes w=1:NoSchedule', stderr: "error: at least one resource name must be specified since 'all' parameter is not set\n" },
  ];
  for (const c of cases) {
    it(c.line, () => {
      const b = bed();
      const r = b.run(c.line);
      expect([r.stdout, r.stderr, r.exitCode]).toEqual(['', c.stderr, 1]);
      expect(taintsOf(b, 'n1')).toBeUndefined();
    });
  }
});

describe('kubectl taint -o with a template', () => {
  it('--template alone prints through a go-template, as kubectl does', () => {
    const b = bed();
    const r = b.run("kubectl taint node n1 k=v:NoSchedule --template='{{.metadata.name}} {{len .spec.taints}}'");
    expect(r.output).toBe('n1 1');
    expect(r.exitCode).toBe(0);
  });
});
