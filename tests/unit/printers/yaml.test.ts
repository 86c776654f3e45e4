import { describe, expect, it } from 'vitest';
import { listWrapper, toYaml } from '../../../src/commands/printers/yaml.ts';
import { canUsePlain, compareYamlKeys, isYamlTimestamp } from '../../../src/commands/printers/yaml-resolve.ts';

describe('toYaml matches kubectl -o yaml', () => {
  it('prints `kubectl run nginx --image=nginx --dry-run=client -o yaml`', () => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'nginx', labels: { run: 'nginx' }, creationTimestamp: null },
      spec: { containers: [{ name: 'nginx', image: 'nginx', resources: {} }], restartPolicy: 'Always', dnsPolicy: 'ClusterFirst' },
      status: {},
    };
    expect(toYaml(pod)).toBe(
      [
        'apiVersion: v1',
        'kind: Pod',
        'metadata:',
        '  creationTimestamp: null',
        '  labels:',
        '    run: nginx',
        '  name: nginx',
        'spec:',
        '  containers:',
        '  - image: nginx',
        '    name: nginx',
        '    resources: {}',
        '  dnsPolicy: ClusterFirst',
        '  restartPolicy: Always',
        'status: {}',
        '',
      ].join('\n'),
    );
  });

  it('prints `kubectl create deployment web --image=nginx --dry-run=client -o yaml`', () => {
    const deploy = {
      kind: 'Deployment',
      apiVersion: 'apps/v1',
      metadata: { name: 'web', creationTimestamp: null, labels: { app: 'web' } },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { creationTimestamp: null, labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx', resources: {} }] } },
        strategy: {},
      },
      status: {},
    };
    expect(toYaml(deploy)).toBe(
      [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  creationTimestamp: null',
        '  labels:',
        '    app: web',
        '  name: web',
        'spec:',
        '  replicas: 1',
        '  selector:',
        '    matchLabels:',
        '      app: web',
        '  strategy: {}',
        '  template:',
        '    metadata:',
        '      creationTimestamp: null',
        '      labels:',
        '        app: web',
        '    spec:',
        '      containers:',
        '      - image: nginx',
        '        name: nginx',
        '        resources: {}',
        'status: {}',
        '',
      ].join('\n'),
    );
  });

  it('wraps several objects in a List (`kubectl get pods -o yaml` with no pods)', () => {
    expect(toYaml(listWrapper([]))).toBe('apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: ""\n');
    expect(toYaml(listWrapper([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' }, data: { k: 'v' } }]))).toBe(
      'apiVersion: v1\nitems:\n- apiVersion: v1\n  data:\n    k: v\n  kind: ConfigMap\n  metadata:\n    name: a\nkind: List\nmetadata:\n  resourceVersion: ""\n',
    );
  });

  it.each<[string, string]>([
    ['nginx', 'nginx'],
    ['nginx:1.25', 'nginx:1.25'],
    ['100m', '100m'],
    ['128Mi', '128Mi'],
    ['10.244.0.5', '10.244.0.5'],
    ['/dev/termination-log', '/dev/termination-log'],
    ['--port=80', '--port=80'],
    ['http://example.com/a?b=c', 'http://example.com/a?b=c'],
    ['x#y', 'x#y'],
    ['a,b', 'a,b'],
    [':x', ':x'],
    ['?x', '?x'],
    ["it's", "it's"],
    ['café', 'café'],
    ['a\\b', 'a\\b'],
    ['1', '"1"'],
    ['80', '"80"'],
    ['0', '"0"'],
    ['-1', '"-1"'],
    ['+1', '"+1"'],
    ['1.25', '"1.25"'],
    ['.5', '".5"'],
    ['1e3', '"1e3"'],
    ['0x1F', '"0x1F"'],
    ['0o17', '"0o17"'],
    ['0b101', '"0b101"'],
    ['1_000', '"1_000"'],
    ['09', '"09"'],
    ['12:30', '"12:30"'],
    ['true', '"true"'],
    ['True', '"True"'],
    ['false', '"false"'],
    ['yes', '"yes"'],
    ['Y', '"Y"'],
    ['n', '"n"'],
    ['on', '"on"'],
    ['OFF', '"OFF"'],
    ['null', '"null"'],
    ['~', '"~"'],
    ['', '""'],
    ['.inf', '".inf"'],
    ['2025-01-01', '"2025-01-01"'],
    ['2025-01-01T00:00:00Z', '"2025-01-01T00:00:00Z"'],
    ['2025-13-01', '2025-13-01'],
    ['1e400', '1e400'],
    ['a: b', "'a: b'"],
    ['x:', "'x:'"],
    ['- x', "'- x'"],
    ['-', "'-'"],
    ['---', "'---'"],
    ['#comment', "'#comment'"],
    ['x #y', "'x #y'"],
    ['*', "'*'"],
    ['&a', "'&a'"],
    ['!tag', "'!tag'"],
    ['%x', "'%x'"],
    ['@x', "'@x'"],
    ['`x', "'`x'"],
    ['[a]', "'[a]'"],
    ['{a}', "'{a}'"],
    ['|x', "'|x'"],
    ['>x', "'>x'"],
    ['? x', "'? x'"],
    ["'q'", "'''q'''"],
    ['"q"', '\'"q"\''],
    [' lead', "' lead'"],
    ['trail ', "'trail '"],
    ['tab\there', '"tab\\there"'],
    ['emoji 😀', '"emoji \\U0001F600"'],
    ['bell\x07', '"bell\\a"'],
    ['nel\u0085x', '"nel\\Nx"'],
  ])('scalar %j → %s', (value, want) => {
    expect(toYaml({ v: value })).toBe(`v: ${want}\n`);
  });

  it('prints numbers, booleans and null like go-yaml', () => {
    expect(toYaml({ a: 1, b: -3, c: 0.5, d: 1234567.5, e: 1e-7, f: true, g: null, h: 1e21 })).toBe(
      'a: 1\nb: -3\nc: 0.5\nd: 1.2345675e+06\ne: 1e-07\nf: true\ng: null\nh: 1e+21\n',
    );
  });

  it('uses literal block scalars for multi-line strings', () => {
    expect(toYaml({ a: 'x\ny\n', b: 'x\ny', c: 'x\n\n', d: ' indented\n', e: 'p\n\nq\n' })).toBe(
      'a: |\n  x\n  y\nb: |-\n  x\n  y\nc: |+\n  x\n\nd: |2\n   indented\ne: |\n  p\n\n  q\n',
    );
  });

  it('falls back to double quotes when a block scalar cannot hold the text', () => {
    expect(toYaml({ tabs: 'a\n\tb\n', trailing: 'a \nb', cr: 'a\r\nb' })).toBe('cr: "a\\r\\nb"\ntabs: "a\\n\\tb\\n"\ntrailing: "a \\nb"\n');
  });

  it('nests block scalars under sequences', () => {
    expect(toYaml({ args: ['a\nb', 'c'] })).toBe('args:\n- |-\n  a\n  b\n- c\n');
  });

  it('prints the last-applied-configuration annotation as a literal block', () => {
    const json = '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"annotations":{},"name":"demo","namespace":"default"}}\n';
    expect(toYaml({ metadata: { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': json } } })).toBe(
      `metadata:\n  annotations:\n    kubectl.kubernetes.io/last-applied-configuration: |\n      ${json}`,
    );
  });

  it('prints nested and empty sequences', () => {
    expect(toYaml({ m: [[1, 2], [], {}, [{ a: 1, b: 2 }]] })).toBe('m:\n- - 1\n  - 2\n- []\n- {}\n- - a: 1\n    b: 2\n');
    expect(toYaml([1, 'a'])).toBe('- 1\n- a\n');
    expect(toYaml({})).toBe('{}\n');
  });

  it('quotes keys that need it', () => {
    expect(toYaml({ '80': 'http', '': 'empty', 'a: b': 1, 'app.kubernetes.io/name': 'web' })).toBe(
      '"": empty\n"80": http\n\'a: b\': 1\napp.kubernetes.io/name: web\n',
    );
  });

  it('omits undefined properties', () => {
    expect(toYaml({ a: undefined, b: 1 })).toBe('b: 1\n');
  });

  it('folds long plain scalars at the first space past column 80', () => {
    const words = Array.from({ length: 20 }, () => 'abcdefghi');
    const line = (n: number, from: number) => words.slice(from, from + n).join(' ');
    expect(toYaml({ message: words.join(' ') })).toBe(`message: ${line(8, 0)}\n  ${line(8, 8)}\n  ${line(4, 16)}\n`);
  });

  it('folds a long single-quoted message like kubectl shows pod conditions', () => {
    const message =
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.';
    expect(toYaml({ status: { conditions: [{ message, reason: 'Unschedulable' }] } })).toBe(
      [
        'status:',
        '  conditions:',
        "  - message: '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane:",
        '      }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is',
        "      not helpful for scheduling, 2 No preemption victims found for incoming pod.'",
        '    reason: Unschedulable',
        '',
      ].join('\n'),
    );
  });

  it('does not fold keys or unbroken text', () => {
    const long = 'x'.repeat(120);
    expect(toYaml({ [long.slice(0, 100)]: long })).toBe(`${long.slice(0, 100)}: ${long}\n`);
  });

  it('writes keys longer than 128 bytes as complex keys', () => {
    const key = 'k'.repeat(129);
    expect(toYaml({ [key]: 'v' })).toBe(`? ${key}\n: v\n`);
  });
});

describe('go-yaml v2 helpers', () => {
  it('sorts keys in go-yaml v2 order', () => {
    const keys = ['b', 'a10', 'a9', 'aB', 'a_b', 'A', 'a', 'a.b', 'x2', 'x10y', 'x09'];
    expect([...keys].sort(compareYamlKeys)).toEqual(['A', 'a', 'a.b', 'a_b', 'a9', 'a10', 'aB', 'b', 'x2', 'x09', 'x10y']);
  });

  it('recognises go-yaml timestamps', () => {
    expect(['2025-01-01', '2025-1-2', '2025-01-01T10:00:00Z', '2025-01-01t10:00:00+02:00', '2025-01-01 10:00:00.5'].every(isYamlTimestamp)).toBe(true);
    expect(['2025-02-30', '25-01-01', '2025-01-01T10:00:00', '2025-01-01 10:00:00Z'].some(isYamlTimestamp)).toBe(false);
  });

  it('decides plain-ness by resolution', () => {
    expect(canUsePlain('<<')).toBe(true);
    expect(canUsePlain('Null')).toBe(false);
    expect(canUsePlain('nil')).toBe(true);
  });
});
