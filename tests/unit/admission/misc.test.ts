import { describe, expect, it } from 'vitest';
import { base64DecodedLength, base64EncodeString } from '../../../src/engine/api/admission/base64.ts';
import { configMapAdmission } from '../../../src/engine/api/admission/configmap.ts';
import { eventAdmission } from '../../../src/engine/api/admission/event.ts';
import { admissionByKind } from '../../../src/engine/api/admission/index.ts';
import { namespaceAdmission } from '../../../src/engine/api/admission/namespace.ts';
import { nodeAdmission } from '../../../src/engine/api/admission/node.ts';
import { secretAdmission } from '../../../src/engine/api/admission/secret.ts';
import type { KObject } from '../../../src/engine/api/types.ts';
import { admit, makeCtx } from './helpers.ts';

describe('index', () => {
  it('covers every kind', () => {
    expect(Object.keys(admissionByKind).sort()).toEqual([
      'ClusterRole', 'ClusterRoleBinding', 'ConfigMap', 'ControllerRevision', 'CronJob', 'DaemonSet', 'Deployment', 'EndpointSlice', 'Endpoints', 'Event',
      'HorizontalPodAutoscaler', 'Ingress', 'IngressClass', 'Job', 'Lease', 'LimitRange', 'Namespace', 'NetworkPolicy', 'Node', 'PersistentVolume',
      'PersistentVolumeClaim', 'Pod', 'PodDisruptionBudget', 'PriorityClass', 'ReplicaSet', 'ResourceQuota', 'Role', 'RoleBinding', 'Secret', 'Service',
      'ServiceAccount', 'StatefulSet', 'StorageClass',
    ]);
  });
});

describe('namespace', () => {
  const ns = (name: string, extra: Record<string, unknown> = {}): KObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name }, ...extra });

  it('gets its name label, the kubernetes finalizer and phase Active', () => {
    const { obj, errors } = admit(namespaceAdmission, ns('team-a'));
    expect(errors).toEqual([]);
    expect(obj.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'team-a' });
    expect(obj.spec).toEqual({ finalizers: ['kubernetes'] });
    expect(obj.status).toEqual({ phase: 'Active' });
  });

  it('must be a DNS label and cluster-scoped', () => {
    expect(admit(namespaceAdmission, ns('team.a')).errors).toEqual(['metadata.name: Invalid value: "team.a": must not contain dots']);
    const namespaced = ns('x');
    namespaced.metadata.namespace = 'default';
    expect(admit(namespaceAdmission, namespaced).errors).toEqual(['metadata.namespace: Forbidden: not allowed on this type']);
  });

  it('keeps finalizers and the name label on update', () => {
    const created = admit(namespaceAdmission, ns('team-a')).obj;
    const next = structuredClone(created);
    next.metadata.labels = { env: 'dev' };
    next.spec = {};
    const { obj, errors } = admit(namespaceAdmission, next, makeCtx({ operation: 'UPDATE' }), created);
    expect(errors).toEqual([]);
    expect(obj.metadata.labels).toEqual({ env: 'dev', 'kubernetes.io/metadata.name': 'team-a' });
    expect(obj.spec).toEqual({ finalizers: ['kubernetes'] });
  });
});

describe('node', () => {
  const node = (spec: Record<string, unknown>, status: Record<string, unknown> = {}): KObject => ({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1' }, spec, status });

  it('defaults allocatable to capacity and canonicalises quantities', () => {
    const { obj, errors } = admit(nodeAdmission, node({}, { capacity: { cpu: '4', memory: '16384Mi', pods: '110' } }));
    expect(errors).toEqual([]);
    expect(obj.status).toEqual({ capacity: { cpu: '4', memory: '16Gi', pods: '110' }, allocatable: { cpu: '4', memory: '16Gi', pods: '110' } });
  });

  it('validates taints under metadata.taints, as upstream does', () => {
    const taints = [
      { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' },
      { key: 'dedicated', value: 'other', effect: 'NoSchedule' },
      { key: 'x', effect: 'Sometimes' },
    ];
    expect(admit(nodeAdmission, node({ taints })).errors).toEqual([
      'metadata.taints[1]: Duplicate value: core.Taint{Key:"dedicated", Value:"other", Effect:"NoSchedule", TimeAdded:(*v1.Time)(nil)}: taints must be unique by key and effect pair',
      'metadata.taints[2].effect: Unsupported value: "Sometimes": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
    ]);
  });

  it('requires whole pods', () => {
    expect(admit(nodeAdmission, node({}, { capacity: { pods: '10.5' } })).errors[0]).toMatch(/^status\.capacity\.pods: Invalid value: resource\.Quantity\{.*\}: must be an integer$/);
  });
});

describe('secret', () => {
  const secret = (extra: Record<string, unknown>): KObject => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'creds', namespace: 'default' }, ...extra });

  it('defaults type Opaque and folds stringData into base64 data', () => {
    const { obj, errors } = admit(secretAdmission, secret({ data: { a: 'eA==' }, stringData: { user: 'admin', note: 'héllo ✓' } }));
    expect(errors).toEqual([]);
    expect(obj).toEqual(secret({ type: 'Opaque', data: { a: 'eA==', user: 'YWRtaW4=', note: 'aMOpbGxvIOKckw==' } }));
  });

  it('rejects bad base64 at decode time with Go\'s offset', () => {
    expect(() => admit(secretAdmission, secret({ data: { a: 'abc$' } }))).toThrow(
      'Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 3',
    );
  });

  it('validates keys, size and type-specific keys', () => {
    const big = base64EncodeString('x'.repeat(1024 * 1024 + 1));
    expect(admit(secretAdmission, secret({ data: { 'bad key': '', big } })).errors).toEqual([
      "data[bad key]: Invalid value: \"bad key\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
      'data: Too long: may not be more than 1048576 bytes',
    ]);
    expect(admit(secretAdmission, secret({ type: 'kubernetes.io/tls', data: {} })).errors).toEqual(['data[tls.crt]: Required value', 'data[tls.key]: Required value']);
  });

  it('keeps type and immutable data fixed', () => {
    const created = admit(secretAdmission, secret({ immutable: true, stringData: { a: 'b' } })).obj;
    const next = structuredClone(created);
    next.type = 'kubernetes.io/basic-auth';
    next.immutable = false;
    next.data = { username: 'dQ==' };
    expect(admit(secretAdmission, next, makeCtx({ operation: 'UPDATE' }), created).errors).toEqual([
      'type: Invalid value: "kubernetes.io/basic-auth": field is immutable',
      'immutable: Forbidden: field is immutable when `immutable` is set',
      'data: Forbidden: field is immutable when `immutable` is set',
    ]);
  });

  it.each([
    ['', 0],
    ['YQ==', 1],
    ['YWI=', 2],
    ['YWJj', 3],
    ['YWJj\nZGVm', 6],
  ])('base64 length of %j is %d', (s, n) => expect(base64DecodedLength(s)).toBe(n));

  it.each([
    ['YWI', 0],
    ['YWJjZA', 4],
    ['Y===', 1],
    ['YQ=', 3],
    ['YQ==x', 4],
  ])('base64 error for %j at byte %d', (s, at) => {
    expect(() => base64DecodedLength(s)).toThrow(`illegal base64 data at input byte ${at}`);
  });
});

describe('configmap', () => {
  const cm = (extra: Record<string, unknown>): KObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app', namespace: 'default' }, ...extra });

  it('validates keys and total size', () => {
    expect(admit(configMapAdmission, cm({ data: { 'game.properties': 'x' } })).errors).toEqual([]);
    expect(admit(configMapAdmission, cm({ data: { '..x': '1', big: 'y'.repeat(1024 * 1024) } })).errors).toEqual([
      "data[..x]: Invalid value: \"..x\": must not start with '..'",
      ': Too long: may not be more than 1048576 bytes',
    ]);
    expect(admit(configMapAdmission, cm({ data: { a: '1' }, binaryData: { a: 'AA==' } })).errors).toEqual([
      'data[a]: Invalid value: "a": duplicate of key present in binaryData',
    ]);
  });

  it('refuses unquoted numbers where strings belong (decode errors)', () => {
    expect(() => admit(configMapAdmission, cm({ data: { port: 5432 } }))).toThrow(
      'ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal number into Go struct field ConfigMap.data of type string',
    );
    const labelled = cm({});
    labelled.metadata.labels = { version: 2 as unknown as string };
    expect(() => admit(configMapAdmission, labelled)).toThrow(
      'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string',
    );
  });

  it('freezes data when immutable', () => {
    const created = admit(configMapAdmission, cm({ immutable: true, data: { a: '1' } })).obj;
    const next = structuredClone(created);
    next.data = { a: '2' };
    expect(admit(configMapAdmission, next, makeCtx({ operation: 'UPDATE' }), created).errors).toEqual([
      'data: Forbidden: field is immutable when `immutable` is set',
    ]);
  });
});

describe('event', () => {
  const event = (extra: Record<string, unknown>, namespace = 'default'): KObject => ({
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: 'web.17a', namespace },
    involvedObject: { kind: 'Pod', name: 'web', namespace: 'default' },
    reason: 'Scheduled',
    ...extra,
  });

  it('shows the fields Go always serialises', () => {
    const { obj, errors } = admit(eventAdmission, event({}));
    expect(errors).toEqual([]);
    expect(obj).toMatchObject({ reportingComponent: '', reportingInstance: '', eventTime: null, firstTimestamp: null, lastTimestamp: null, source: {} });
  });

  it('requires the involved object in the same namespace', () => {
    expect(admit(eventAdmission, event({}, 'kube-system')).errors).toEqual(['involvedObject.namespace: Invalid value: "default": does not match event.namespace']);
  });

  it('requires a name', () => {
    const ev = event({});
    delete ev.metadata.name;
    expect(admit(eventAdmission, ev).errors).toEqual(['metadata.name: Required value: name or generateName is required']);
  });
});
