import { describe, expect, it } from 'vitest';
import { goJsonCompact, toJson } from '../../../src/commands/printers/json.ts';
import { listWrapper } from '../../../src/commands/printers/yaml.ts';

describe('toJson matches kubectl -o json', () => {
  it('prints `kubectl get pods -o json` with no pods', () => {
    expect(toJson(listWrapper([]))).toBe('{\n    "apiVersion": "v1",\n    "items": [],\n    "kind": "List",\n    "metadata": {\n        "resourceVersion": ""\n    }\n}\n');
  });

  it('sorts keys at every level and indents with 4 spaces', () => {
    const cm = { metadata: { name: 'demo', labels: { b: '2', a: '1' } }, kind: 'ConfigMap', apiVersion: 'v1', data: { 'z.conf': 'x', 'a.conf': 'y' } };
    expect(toJson(cm)).toBe(
      [
        '{',
        '    "apiVersion": "v1",',
        '    "data": {',
        '        "a.conf": "y",',
        '        "z.conf": "x"',
        '    },',
        '    "kind": "ConfigMap",',
        '    "metadata": {',
        '        "labels": {',
        '            "a": "1",',
        '            "b": "2"',
        '        },',
        '        "name": "demo"',
        '    }',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('nests arrays of objects and keeps empty collections compact', () => {
    expect(toJson({ spec: { containers: [{ name: 'c', ports: [{ containerPort: 80 }] }], volumes: [], nodeSelector: {} } })).toBe(
      [
        '{',
        '    "spec": {',
        '        "containers": [',
        '            {',
        '                "name": "c",',
        '                "ports": [',
        '                    {',
        '                        "containerPort": 80',
        '                    }',
        '                ]',
        '            }',
        '        ],',
        '        "nodeSelector": {},',
        '        "volumes": []',
        '    }',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('escapes strings like Go encoding/json', () => {
    expect(goJsonCompact({ s: '<none> & "q" \\ \n\t\b\f\x1b\u2028é😀' })).toBe('{"s":"\\u003cnone\\u003e \\u0026 \\"q\\" \\\\ \\n\\t\\b\\f\\u001b\\u2028é😀"}');
  });

  it('prints numbers, booleans and null; drops undefined', () => {
    expect(goJsonCompact({ i: 3, f: 0.25, t: true, n: null, u: undefined, big: 1e21, tiny: 1e-7 })).toBe(
      '{"big":1e+21,"f":0.25,"i":3,"n":null,"t":true,"tiny":1e-7}',
    );
  });
});
