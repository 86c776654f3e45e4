import { describe, expect, it } from 'vitest';
import { daemonSetAdmission } from '../../../src/engine/api/admission/daemonset.ts';
import { leaseAdmission } from '../../../src/engine/api/admission/lease.ts';
import { StatusError } from '../../../src/engine/api/errors.ts';
import { resolveResourceName, resourceForKind, resourcesInCategory } from '../../../src/engine/api/resources.ts';
import type { KObject } from '../../../src/engine/api/types.ts';
import { admit, makeCtx } from './helpers.ts';

function daemonSet(spec: Record<string, unknown>, meta: Record<string, unknown> = {}): KObject {
  return { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent', namespace: 'default', ...meta }, spec };
}

const template = (labels: Record<string, string> = { app: 'agent' }) => ({
  metadata: { labels },
  spec: { containers: [{ name: 'agent', image: 'busybox:1.36' }] },
});
const valid = (): Record<string, unknown> => ({ selector: { matchLabels: { app: 'agent' } }, template: template() });
const errorsOf = (spec: Record<string, unknown>) => admit(daemonSetAdmission, daemonSet(spec)).errors;

/** An admitted DaemonSet as the store would hold it (for update tests). */
function stored(spec = valid()): KObject {
  const { obj } = admit(daemonSetAdmission, daemonSet(spec));
  return { ...obj, metadata: { ...obj.metadata, uid: 'u-1', creationTimestamp: '2025-01-01T00:00:00Z', resourceVersion: '7' } };
}
const update = (old: KObject, next: KObject) => admit(daemonSetAdmission, next, makeCtx({ operation: 'UPDATE' }), old);

describe('DaemonSet registration', () => {
  it('is apps/v1 daemonsets, short name ds, in category all before deployments', () => {
    const rt = resolveResourceName('ds');
    expect(rt).toMatchObject({ kind: 'DaemonSet', apiVersion: 'apps/v1', plural: 'daemonsets', namespaced: true, hasStatus: true, tracksGeneration: true });
    expect(resolveResourceName('daemonsets.apps')?.kind).toBe('DaemonSet');
    expect(resourcesInCategory('all').map((r) => r.plural)).toEqual([
      'pods', 'services', 'daemonsets', 'deployments', 'replicasets', 'statefulsets', 'horizontalpodautoscalers', 'cronjobs', 'jobs',
    ]);
  });

  it('Lease is coordination.k8s.io/v1 leases, namespaced, no short names, not in all', () => {
    const rt = resourceForKind('coordination.k8s.io/v1', 'Lease');
    expect(rt).toMatchObject({ plural: 'leases', singular: 'lease', shortNames: [], namespaced: true, hasStatus: false, categories: [] });
    expect(resolveResourceName('leases.coordination.k8s.io')?.kind).toBe('Lease');
  });
});

describe('DaemonSet defaults', () => {
  it('fill RollingUpdate 1/0, revisionHistoryLimit 10, template defaults, zero status, generations', () => {
    const { obj, errors } = admit(daemonSetAdmission, daemonSet(valid()));
    expect(errors).toEqual([]);
    const spec = obj.spec as Record<string, unknown>;
    expect(spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
    expect(spec.revisionHistoryLimit).toBe(10);
    expect((spec.template as { metadata: unknown }).metadata).toEqual({ labels: { app: 'agent' }, creationTimestamp: null });
    expect((spec.template as { spec: Record<string, unknown> }).spec).toMatchObject({ dnsPolicy: 'ClusterFirst', restartPolicy: 'Always', schedulerName: 'default-scheduler' });
    expect(obj.status).toEqual({ currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 });
    expect(obj.metadata.generation).toBe(1);
    expect(obj.metadata.annotations).toEqual({ 'deprecated.daemonset.template.generation': '1' });
  });

  it('OnDelete gets no rollingUpdate; given values are kept', () => {
    const ondelete = admit(daemonSetAdmission, daemonSet({ ...valid(), updateStrategy: { type: 'OnDelete' } })).obj;
    expect((ondelete.spec as Record<string, unknown>).updateStrategy).toEqual({ type: 'OnDelete' });
    const surge = admit(daemonSetAdmission, daemonSet({ ...valid(), updateStrategy: { rollingUpdate: { maxUnavailable: 0, maxSurge: '10%' } } }));
    expect(surge.errors).toEqual([]);
    expect((surge.obj.spec as Record<string, unknown>).updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: '10%' } });
  });

  it('a template change bumps generation and template generation; other spec changes only generation', () => {
    const old = stored();
    const changed = update(old, daemonSet({ ...valid(), template: template({ app: 'agent', v: '2' }), selector: { matchLabels: { app: 'agent' } } }));
    expect(changed.errors).toEqual([]);
    expect(changed.obj.metadata.generation).toBe(2);
    expect(changed.obj.metadata.annotations?.['deprecated.daemonset.template.generation']).toBe('2');
    const history = update(old, daemonSet({ ...(old.spec as object), revisionHistoryLimit: 3 }));
    expect(history.obj.metadata.generation).toBe(2);
    expect(history.obj.metadata.annotations?.['deprecated.daemonset.template.generation']).toBe('1');
  });

  it('the template generation annotation a client sends is replaced by the server-side value', () => {
    const next = daemonSet({ ...(stored().spec as object) }, { annotations: { 'deprecated.daemonset.template.generation': '9', team: 'a' } });
    const { obj } = update(stored(), next);
    expect(obj.metadata.annotations).toEqual({ 'deprecated.daemonset.template.generation': '1', team: 'a' });
  });
});

describe('DaemonSet validation', () => {
  it.each<[string, Record<string, unknown>, string[]]>([
    [
      'selector not matching template labels',
      { ...valid(), template: template({ app: 'other' }) },
      ['spec.template.metadata.labels: Invalid value: map[string]string{"app":"other"}: `selector` does not match template `labels`'],
    ],
    [
      'empty selector',
      { ...valid(), selector: {} },
      ['spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for daemonset'],
    ],
    [
      'no selector (matches nothing)',
      { template: template() },
      ['spec.template.metadata.labels: Invalid value: map[string]string{"app":"agent"}: `selector` does not match template `labels`'],
    ],
    [
      'unknown strategy',
      { ...valid(), updateStrategy: { type: 'Recreate' } },
      ['spec.updateStrategy: Unsupported value: apps.DaemonSetUpdateStrategy{Type:"Recreate", RollingUpdate:(*apps.RollingUpdateDaemonSet)(nil)}: supported values: "RollingUpdate", "OnDelete"'],
    ],
    [
      'surge and unavailable both set',
      { ...valid(), updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 1 } } },
      ['spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:0, IntVal:1, StrVal:""}: may not be set when maxUnavailable is non-zero'],
    ],
    [
      'surge and unavailable both zero',
      { ...valid(), updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '0%', maxSurge: 0 } } },
      ['spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0'],
    ],
    [
      'over 100%',
      { ...valid(), updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '150%', maxSurge: 0 } } },
      ['spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"150%"}: must not be greater than 100%'],
    ],
    [
      'restartPolicy Never',
      { ...valid(), template: { ...template(), spec: { ...template().spec, restartPolicy: 'Never' } } },
      ['spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"'],
    ],
    [
      'activeDeadlineSeconds',
      { ...valid(), template: { ...template(), spec: { ...template().spec, activeDeadlineSeconds: 5 } } },
      ['spec.template.spec.activeDeadlineSeconds: Invalid value: 5: must not be specified'],
    ],
    ['negative revisionHistoryLimit', { ...valid(), revisionHistoryLimit: -1 }, ['spec.revisionHistoryLimit: Invalid value: -1: must be greater than or equal to 0']],
  ])('%s', (_name, spec, want) => {
    expect(errorsOf(spec)).toEqual(want);
  });

  it('the selector is immutable', () => {
    const next = daemonSet({ ...valid(), selector: { matchLabels: { app: 'agent', tier: 'x' } }, template: template({ app: 'agent', tier: 'x' }) });
    expect(update(stored(), next).errors).toEqual([
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"agent", "tier":"x"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    ]);
  });
});

function lease(spec: Record<string, unknown>): KObject {
  return { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'node-1', namespace: 'kube-node-lease' }, spec };
}

describe('Lease admission', () => {
  it('accepts a kubelet lease unchanged', () => {
    const spec = { holderIdentity: 'node-1', leaseDurationSeconds: 40, renewTime: '2025-01-01T00:00:10.000000Z' };
    const { obj, errors } = admit(leaseAdmission, lease(spec));
    expect(errors).toEqual([]);
    expect(obj.spec).toEqual(spec);
    expect(obj.status).toBeUndefined();
  });

  it.each<[Record<string, unknown>, string[]]>([
    [{ leaseDurationSeconds: 0 }, ['spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0']],
    [{ leaseTransitions: -1 }, ['spec.leaseTransitions: Invalid value: -1: must be greater than or equal to 0']],
    [{}, []],
  ])('validates %j', (spec, want) => {
    expect(admit(leaseAdmission, lease(spec)).errors).toEqual(want);
  });

  it('a non-integer duration fails to decode', () => {
    expect(() => admit(leaseAdmission, lease({ leaseDurationSeconds: '40' }))).toThrow(StatusError);
    expect(() => admit(leaseAdmission, lease({ leaseDurationSeconds: '40' }))).toThrow(
      'Lease in version "v1" cannot be handled as a Lease: json: cannot unmarshal string into Go struct field LeaseSpec.spec.leaseDurationSeconds of type int32',
    );
  });

  it('drops the alpha coordinated-leader-election fields', () => {
    const { obj } = admit(leaseAdmission, lease({ holderIdentity: 'a', strategy: 'OldestEmulationVersion', preferredHolder: 'b' }));
    expect(obj.spec).toEqual({ holderIdentity: 'a' });
  });

  it('an update keeps system metadata and may change the holder', () => {
    const old = { ...lease({ holderIdentity: 'a' }), metadata: { name: 'node-1', namespace: 'kube-node-lease', uid: 'u', creationTimestamp: '2025-01-01T00:00:00Z' } };
    const { obj, errors } = admit(leaseAdmission, lease({ holderIdentity: 'b', leaseTransitions: 1 }), makeCtx({ operation: 'UPDATE' }), old);
    expect(errors).toEqual([]);
    expect(obj.metadata).toMatchObject({ uid: 'u', creationTimestamp: '2025-01-01T00:00:00Z' });
  });
});
