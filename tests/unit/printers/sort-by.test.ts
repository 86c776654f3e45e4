import { describe, expect, it } from 'vitest';
import { goSort } from '../../../src/commands/printers/describe/go-sort.ts';
import { SortError, isLess, sortObjects } from '../../../src/commands/printers/sort-by.ts';
import { Session } from '../../../src/commands/session.ts';

const names = (xs: { metadata: { name: string } }[]) => xs.map((x) => x.metadata.name);
const obj = (name: string, extra: Record<string, unknown> = {}) => ({ metadata: { name }, ...extra });

describe('isLess (sorter.go over unstructured values)', () => {
  it.each<[unknown, unknown, boolean]>([
    [1, 2, true],
    [2, 1, false],
    [1.5, 2.5, true],
    ['100m', '1', true], // both quantities: 0.1 < 1
    ['1Ki', '1k', false], // 1024 > 1000
    ['2k', '1M', true],
    ['b10', 'b9', true], // bytewise, as kubectl v1.31.9 does
    ['B', 'a', true],
    [null, 'a', true],
    ['a', null, false],
    [null, null, false],
  ])('isLess(%j, %j) = %s', (a, b, want) => {
    expect(isLess(a, b)).toBe(want);
  });

  it.each<[unknown, unknown, string]>([
    [1, 1.5, 'unsortable interface: interface'],
    ['1', 1, 'unsortable interface: interface'],
    [true, false, 'unsortable type: bool'],
    [{ a: 1 }, { a: 2 }, 'unsortable type: map[string]interface {}'],
    [[1], [2], 'unsortable type: []interface {}'],
  ])('isLess(%j, %j) throws %s', (a, b, msg) => {
    expect(() => isLess(a, b)).toThrow(new SortError(msg));
  });
});

describe('sortObjects', () => {
  const items = [obj('c', { n: 3 }), obj('nofield'), obj('a', { n: 1 }), obj('b', { n: 2 }), obj('nofield2')];

  it('puts objects without the field first, in Go insertion-sort order (they swap past each other)', () => {
    expect(names(sortObjects(items, '.n', (o) => o, 'list'))).toEqual(['nofield2', 'nofield', 'a', 'b', 'c']);
  });

  it('accepts the relaxed path forms', () => {
    for (const p of ['n', '.n', '{n}', '{.n}']) expect(names(sortObjects(items.slice(2, 4), p, (o) => o, 'list'))).toEqual(['a', 'b']);
  });

  it.each<[string, 'list' | 'table', string]>([
    ['.missing', 'list', `couldn't find any field with path "{.missing}" in the list of objects`],
    ['{.n', 'list', "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'"],
    ['.n[', 'list', 'unterminated array'],
    ['.n[', 'table', 'sorting error: unterminated array'],
  ])('--sort-by=%s (%s) fails: %s', (path, mode, msg) => {
    expect(() => sortObjects(items, path, (o) => o, mode)).toThrow(new SortError(msg));
  });

  it('reports an unsortable pair as kubectl fatally logs it', () => {
    const mixed = [obj('a', { n: 1 }), obj('b', { n: 1.5 })];
    expect(() => sortObjects(mixed, '.n', (o) => o, 'list')).toThrow(
      'Field {.n} in *unstructured.Unstructured is an unsortable type: interface, err: unsortable interface: interface',
    );
  });

  it('sorts nothing when there is nothing', () => {
    expect(sortObjects([], '.missing', (o) => o, 'list')).toEqual([]);
  });
});

describe('goSort (Go sort.Sort, as --sort-by runs it)', () => {
  it('is insertion sort up to 12 elements (stable)', () => {
    const xs = [3, 1, 2, 1, 3].map((k, i) => ({ k, i }));
    goSort(xs, (a, b) => a.k < b.k);
    expect(xs.map((x) => x.i)).toEqual([1, 3, 2, 0, 4]);
  });

  it('is pdqsort above 12 elements: sorted, but ties are not kept in order', () => {
    // Keys of the recorded `kubectl get svc --sort-by=.spec.ports[0].port` case.
    const ports = [443, 80, 80, 8080, 443, 80, -1, 5432, 6379, 443, 80, 25, 5672, 53];
    const xs = ports.map((k, i) => ({ k, i }));
    goSort(xs, (a, b) => a.k < b.k);
    expect(xs.map((x) => x.k)).toEqual([...ports].sort((a, b) => a - b));
    expect(xs.filter((x) => x.k === 80).map((x) => x.i)).toEqual([10, 1, 2, 5]);
  });

  it('sorts long random-looking input like a sort', () => {
    const xs = Array.from({ length: 200 }, (_, i) => (i * 7919) % 263);
    goSort(xs, (a, b) => a < b);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
  });
});

describe('kubectl get --sort-by through the command layer', () => {
  const session = new Session({ seed: 1 });
  for (const [name, k] of [['b', '20'], ['c', '3'], ['a', '100m']]) session.execLine(`kubectl create configmap ${name} --from-literal=k=${k}`);
  const firstColumn = (out: string) => out.trim().split('\n').map((l) => l.split(/\s+/)[0]);

  it('sorts table rows, objects without the field first', () => {
    const r = session.execLine('kubectl get cm --sort-by=.data.k');
    expect(r.exitCode).toBe(0);
    expect(firstColumn(r.stdout)).toEqual(['NAME', 'kube-root-ca.crt', 'a', 'c', 'b']);
  });

  it('sorts each type of a table separately and the one List of an -o format across types', () => {
    // No blank line between the types without headers (get.go: "2) it has row header").
    expect(firstColumn(session.execLine('kubectl get cm,ns --sort-by=.metadata.name --no-headers').stdout)).toEqual([
      'configmap/a', 'configmap/b', 'configmap/c', 'configmap/kube-root-ca.crt', 'namespace/default', 'namespace/kube-node-lease', 'namespace/kube-public', 'namespace/kube-system',
    ]);
    expect(session.execLine('kubectl get cm,ns --sort-by=.metadata.name -o name').stdout.split('\n')).toEqual([
      'configmap/a', 'configmap/b', 'configmap/c', 'namespace/default', 'namespace/kube-node-lease', 'namespace/kube-public',
      'configmap/kube-root-ca.crt', 'namespace/kube-system', '',
    ]);
  });

  it('fails when no object has the field, even for one named object in a table', () => {
    expect(session.execLine('kubectl get cm a --sort-by=.nope').stderr).toBe(`error: couldn't find any field with path "{.nope}" in the list of objects\n`);
    expect(session.execLine('kubectl get cm a --sort-by=.nope -o name').stdout).toBe('configmap/a\n');
  });
});
