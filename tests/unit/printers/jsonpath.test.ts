import { describe, expect, it } from 'vitest';
import { JsonPathError, renderJsonPath } from '../../../src/commands/printers/jsonpath.ts';
import { listWrapper } from '../../../src/commands/printers/yaml.ts';
import { goSharpV, goV } from '../../../src/commands/printers/gofmt.ts';

const podA = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web-a', namespace: 'default', labels: { app: 'web', 'app.kubernetes.io/name': 'shop' } },
  spec: {
    nodeName: 'worker-1',
    containers: [
      { name: 'web', image: 'nginx:1.25', ports: [{ containerPort: 80 }] },
      { name: 'log', image: 'busybox' },
    ],
  },
  status: {
    phase: 'Running',
    podIP: '10.244.1.5',
    conditions: [
      { type: 'Initialized', status: 'True' },
      { type: 'Ready', status: 'True' },
    ],
    containerStatuses: [{ name: 'web', restartCount: 2, ready: true }],
    cpu: 0.5,
  },
};
const podB = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'db-b', namespace: 'default', labels: { app: 'db' } },
  spec: { containers: [{ name: 'db', image: 'postgres:16' }] },
  status: { phase: 'Pending', conditions: [{ type: 'Ready', status: 'False' }], containerStatuses: [{ name: 'db', restartCount: 0, ready: false }] },
};
const list = listWrapper([podA, podB]);

describe('renderJsonPath output', () => {
  it.each<[string, string]>([
    ['{.items[*].metadata.name}', 'web-a db-b'],
    ['{.items[0].metadata.name}', 'web-a'],
    ['{.items[-1].metadata.name}', 'db-b'],
    ['{.items[0:1].metadata.name}', 'web-a'],
    ['{.items[1:].metadata.name}', 'db-b'],
    ['{.items[:1].metadata.name}', 'web-a'],
    ['{.items[0:2:2].metadata.name}', 'web-a'],
    ['{.items[0,1].metadata.name}', 'web-a db-b'],
    ['{.items[0].spec.containers[*].image}', 'nginx:1.25 busybox'],
    ['{.items[*].spec.containers[*].name}', 'web log db'],
    ['{range .items[*]}{.metadata.name}{"\\t"}{.status.phase}{"\\n"}{end}', 'web-a\tRunning\ndb-b\tPending\n'],
    ["{range .items[*]}{.metadata.name}{':'}{range .spec.containers[*]}{' '}{.name}{end}{'\\n'}{end}", 'web-a: web log\ndb-b: db\n'],
    ['{range .items[*]}[{.metadata.name}]{end}', '[web-a][db-b]'],
    ['{.items[?(@.status.phase=="Running")].metadata.name}', 'web-a'],
    ["{.items[?(@.status.phase!='Running')].metadata.name}", 'db-b'],
    ['{.items[*].status.conditions[?(@.type=="Ready")].status}', 'True False'],
    ['{.items[?(@.status.containerStatuses[0].restartCount>1)].metadata.name}', 'web-a'],
    ['{.items[?(@.status.containerStatuses[0].restartCount<=0)].metadata.name}', 'db-b'],
    ['{.items[?(@.spec.nodeName)].metadata.name}', 'web-a'],
    ['{.items[?(@.metadata.labels.missing)].metadata.name}', ''],
    ['{.items[0].metadata.labels.app\\.kubernetes\\.io/name}', 'shop'],
    ["{.items[0].metadata['name']}", 'web-a'],
    // client-go splits ['a.b'] at the dot, so this finds nothing (kubectl issue #1535).
    ["{.items[0].metadata.labels['app.kubernetes.io/name']}", ''],
    ['{..image}', 'nginx:1.25 busybox postgres:16'],
    ['{.items[0].metadata.labels}', '{"app":"web","app.kubernetes.io/name":"shop"}'],
    ['{.items[0].spec.containers[0].ports}', '[{"containerPort":80}]'],
    ['{.items[0].status.containerStatuses[0].restartCount}', '2'],
    ['{.items[0].status.containerStatuses[0].ready}', 'true'],
    ['{.items[0].status.cpu}', '0.5'],
    ['{.kind} {.apiVersion}', 'List v1'],
    ['{.metadata}', '{"resourceVersion":""}'],
    ['{.metadata.resourceVersion}', ''],
    ['name: {.items[0].metadata.name}', 'name: web-a'],
    ['{.missing}', ''],
    ['{.items[*].missing}', ''],
    ['{.items[*].metadata.labels.app}', 'web db'],
    ['{"literal"}', 'literal'],
    ['{.items[0].metadata.name}{"\\n"}', 'web-a\n'],
  ])('%s', (template, want) => {
    expect(renderJsonPath(template, list)).toBe(want);
  });

  it('prints a single object, {@} as JSON, null as null', () => {
    expect(renderJsonPath('{.metadata.name}', podB)).toBe('db-b');
    expect(renderJsonPath('{@}', { b: 1, a: '<x>' })).toBe('{"a":"\\u003cx\\u003e","b":1}');
    expect(renderJsonPath('{.a}', { a: null })).toBe('null');
    expect(renderJsonPath('{.a.b}', { a: null })).toBe('');
    expect(renderJsonPath('{.items[*].metadata.name}', listWrapper([]))).toBe('');
    // Recursive descent yields every value that has children (strings count: they have bytes).
    expect(renderJsonPath('{..} end', { a: 'x', n: 1 })).toBe('{"a":"x","n":1} x end');
  });

  it('supports jsonpath-as-json', () => {
    expect(renderJsonPath('{.items[*].metadata.name}', list, { asJson: true })).toBe('[\n    "web-a",\n    "db-b"\n]\n');
  });
});

describe('renderJsonPath errors (kubectl text)', () => {
  function errorOf(template: string, data: unknown = list, allowMissingKeys = true): string {
    try {
      renderJsonPath(template, data, { allowMissingKeys });
    } catch (e) {
      expect(e).toBeInstanceOf(JsonPathError);
      return (e as JsonPathError).message;
    }
    throw new Error('expected an error');
  }

  it.each<[string, string]>([
    ['{.items[}', 'unterminated array'],
    ['{.items[?(@.a)}', 'unclosed array expect ]'],
    ['{.items[-]}', 'array index - is not a number'],
    ['{.items[?(@.a=="x"', 'unterminated filter'],
    ['{.metadata.name', 'unclosed action'],
    ['{"abc}', 'unterminated quoted string'],
    ['{.items[x]}', 'invalid array index x'],
    ['{!}', "unrecognized character in action: U+0021 '!'"],
    ['{....a}', 'invalid multiple recursive descent'],
    ['{1.2.3}', 'cannot parse number 1.2.3'],
    ['{"\\q"}', 'unquote string "\\q" error invalid syntax'],
  ])('parse error in %s', (template, reason) => {
    expect(errorOf(template)).toBe(`error: error parsing jsonpath ${template}, ${reason}\n`);
  });

  it('reports execution errors with the template and the object', () => {
    const data = { kind: 'Pod', items: [], n: null, f: 1.5, s: 'a"b' };
    expect(errorOf('{.items[0].metadata.name}', data)).toBe(
      'error: error executing jsonpath "{.items[0].metadata.name}": Error executing template: array index out of bounds: index 0, length 0. ' +
        'Printing more information for debugging the template:\n' +
        '\ttemplate was:\n\t\t{.items[0].metadata.name}\n' +
        '\tobject given to jsonpath engine was:\n' +
        '\t\tmap[string]interface {}{"f":1.5, "items":[]interface {}{}, "kind":"Pod", "n":interface {}(nil), "s":"a\\"b"}\n\n\n',
    );
  });

  it.each<[string, string]>([
    ['{.kind[0]}', 'string is not array or slice'],
    ['{.metadata[0]}', 'map[string]interface {} is not array or slice'],
    ['{.items[5].metadata.name}', 'array index out of bounds: index 5, length 2'],
    ['{.items[1:0]}', 'starting index 1 is greater than ending index 0'],
    ['{.items[0:2:0]}', 'step must be > 0'],
    ['{.metadata[?(@.a)]}', 'map[resourceVersion:] is not array or slice and cannot be filtered'],
    ['{.items[?(@.status.cpu>1)]}', 'incompatible types for comparison'],
    ['{.items[?(@.spec.containers<1)]}', 'invalid type for comparison'],
    ['{.items[?(@.spec.containers[*].name=="web")]}', 'can only compare one element at a time'],
    ['{.items[?(@.kind="Pod")]}', 'unrecognized filter operator ='],
    ['{end}', 'not in range, nothing to end'],
    ['{foo}', 'unrecognized identifier foo'],
  ])('execution error in %s', (template, reason) => {
    expect(errorOf(template)).toContain(`Error executing template: ${reason}. Printing more information`);
  });

  it('fails on missing keys only when --allow-missing-template-keys=false', () => {
    expect(errorOf('{.foo}', { a: 1 }, false)).toContain('Error executing template: foo is not found.');
    expect(renderJsonPath('{.foo}', { a: 1 })).toBe('');
  });
});

describe('Go value formatting', () => {
  it('formats %v and %#v', () => {
    expect(goV({ b: [1, 'x'], a: null })).toBe('map[a:<nil> b:[1 x]]');
    expect(goSharpV({ b: [1.5, true], a: { c: 'd' } })).toBe('map[string]interface {}{"a":map[string]interface {}{"c":"d"}, "b":[]interface {}{1.5, true}}');
  });
});
