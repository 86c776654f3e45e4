/**
 * encoding/json of typed apps/v1 objects as the rollout subcommands print them: struct field
 * order (k8s.io/api types.go), maps sorted, fields a struct does not list after the listed ones.
 */
import { describe, expect, it } from 'vitest';
import { typedJson } from '../../../src/commands/kubectl/rollout/typed-json.ts';

const keys = (json: string): string[] => [...json.matchAll(/"([^"]+)":/g)].map((m) => m[1]);

describe('typedJson', () => {
  it.each<[string, string, unknown, string[]]>([
    ['TypeMeta first, then metadata, spec, status', 'ReplicaSet', { status: {}, spec: {}, metadata: {}, apiVersion: 'apps/v1', kind: 'ReplicaSet' }, ['kind', 'apiVersion', 'metadata', 'spec', 'status']],
    [
      'ObjectMeta in struct order, its maps sorted',
      'ReplicaSet',
      { metadata: { labels: { z: '1', a: '2' }, uid: 'u', name: 'n', creationTimestamp: null, namespace: 'd' } },
      ['metadata', 'name', 'namespace', 'uid', 'creationTimestamp', 'labels', 'a', 'z'],
    ],
    [
      'a StatefulSet spec through the pod template to a container',
      'StatefulSet',
      { spec: { serviceName: 's', template: { spec: { schedulerName: 'x', containers: [{ imagePullPolicy: 'Always', image: 'i', name: 'c' }] } }, replicas: 1 } },
      ['spec', 'replicas', 'template', 'spec', 'containers', 'name', 'image', 'imagePullPolicy', 'schedulerName', 'serviceName'],
    ],
    ['a field the struct does not list follows, sorted', 'DaemonSet', { spec: { zeta: 1, alpha: 2, selector: {} } }, ['spec', 'selector', 'alpha', 'zeta']],
    ['an unknown kind is a map: sorted', 'Widget', { spec: 1, kind: 'Widget' }, ['kind', 'spec']],
  ])('%s', (_name, kind, obj, expected) => {
    expect(keys(typedJson(kind, obj))).toEqual(expected);
  });

  it('indents by four spaces, escapes as Go does, and ends in a newline', () => {
    expect(typedJson('ReplicaSet', { metadata: { annotations: { note: 'a<b' } }, kind: 'ReplicaSet', spec: { replicas: 0 } })).toBe(
      '{\n    "kind": "ReplicaSet",\n    "metadata": {\n        "annotations": {\n            "note": "a\\u003cb"\n        }\n    },\n    "spec": {\n        "replicas": 0\n    }\n}\n',
    );
    expect(typedJson('ReplicaSet', { spec: { template: { metadata: { creationTimestamp: null } } }, status: {} })).toBe(
      '{\n    "spec": {\n        "template": {\n            "metadata": {\n                "creationTimestamp": null\n            }\n        }\n    },\n    "status": {}\n}\n',
    );
  });
});
