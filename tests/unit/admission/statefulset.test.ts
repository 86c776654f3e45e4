/**
 * StatefulSet and ControllerRevision admission (v1.31): registration, SetDefaults_StatefulSet and
 * the claim template defaults, and ValidateStatefulSet / ValidateStatefulSetUpdate's wording.
 */
import { describe, expect, it } from 'vitest';
import { controllerRevisionAdmission, statefulSetAdmission } from '../../../src/engine/api/admission/statefulset.ts';
import { resolveResourceName } from '../../../src/engine/api/resources.ts';
import type { KObject } from '../../../src/engine/api/types.ts';
import { admit, makeCtx } from './helpers.ts';

function sts(spec: Record<string, unknown>, meta: Record<string, unknown> = {}): KObject {
  return { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'web', namespace: 'default', ...meta }, spec };
}

const valid = (): Record<string, unknown> => ({
  serviceName: 'nginx',
  selector: { matchLabels: { app: 'web' } },
  template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } },
});
const errorsOf = (spec: Record<string, unknown>) => admit(statefulSetAdmission, sts(spec)).errors;

function stored(spec = valid()): KObject {
  const { obj } = admit(statefulSetAdmission, sts(spec));
  return { ...obj, metadata: { ...obj.metadata, uid: 'u-1', creationTimestamp: '2025-01-01T00:00:00Z', resourceVersion: '7' } };
}
const update = (old: KObject, spec: Record<string, unknown>) =>
  admit(statefulSetAdmission, { ...old, spec: { ...(old.spec as object), ...spec } }, makeCtx({ operation: 'UPDATE' }), old).errors;

describe('registration', () => {
  it('StatefulSet is apps/v1 statefulsets, short name sts; ControllerRevision apps/v1 controllerrevisions', () => {
    expect(resolveResourceName('sts')).toMatchObject({ kind: 'StatefulSet', apiVersion: 'apps/v1', namespaced: true, hasStatus: true, tracksGeneration: true, categories: ['all'] });
    expect(resolveResourceName('controllerrevisions.apps')).toMatchObject({ kind: 'ControllerRevision', apiVersion: 'apps/v1', shortNames: [], categories: [] });
  });
});

describe('StatefulSet defaults', () => {
  it('OrderedReady, RollingUpdate partition 0, replicas 1, history 10, Retain/Retain, zero status', () => {
    const { obj, errors } = admit(statefulSetAdmission, sts(valid()));
    expect(errors).toEqual([]);
    expect(obj.spec).toMatchObject({
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      replicas: 1,
      revisionHistoryLimit: 10,
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
    });
    expect(obj.status).toEqual({ replicas: 0, availableReplicas: 0 });
    expect(obj.metadata.generation).toBe(1);
  });

  it('OnDelete gets no rollingUpdate; claim templates become typed, Pending, Filesystem claims', () => {
    const claim = { metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } };
    const { obj } = admit(statefulSetAdmission, sts({ ...valid(), updateStrategy: { type: 'OnDelete' }, volumeClaimTemplates: [claim] }));
    const spec = obj.spec as Record<string, unknown>;
    expect(spec.updateStrategy).toEqual({ type: 'OnDelete' });
    expect(spec.volumeClaimTemplates).toEqual([
      {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name: 'www', creationTimestamp: null },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem' },
        status: { phase: 'Pending' },
      },
    ]);
  });
});

describe('StatefulSet validation', () => {
  it.each<[string, Record<string, unknown>, string[]]>([
    ['negative replicas', { replicas: -1 }, ['spec.replicas: Invalid value: -1: must be greater than or equal to 0']],
    ['a bad podManagementPolicy', { podManagementPolicy: 'Fast' }, [`spec.podManagementPolicy: Invalid value: "Fast": must be 'OrderedReady' or 'Parallel'`]],
    [
      'a bad update strategy',
      { updateStrategy: { type: 'Recreate' } },
      [`spec.updateStrategy: Invalid value: apps.StatefulSetUpdateStrategy{Type:"Recreate", RollingUpdate:(*apps.RollingUpdateStatefulSetStrategy)(nil)}: must be 'RollingUpdate' or 'OnDelete'`],
    ],
    [
      'OnDelete with rollingUpdate',
      { updateStrategy: { type: 'OnDelete', rollingUpdate: { partition: 1 } } },
      [`spec.updateStrategy.rollingUpdate: Invalid value: apps.RollingUpdateStatefulSetStrategy{Partition:1, MaxUnavailable:(*intstr.IntOrString)(nil)}: only allowed for updateStrategy 'RollingUpdate'`],
    ],
    ['a negative partition', { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: -2 } } }, ['spec.updateStrategy.rollingUpdate.partition: Invalid value: -2: must be greater than or equal to 0']],
    ['an empty selector', { selector: {} }, ['spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for statefulset']],
    [
      'labels the selector does not match',
      { template: { metadata: { labels: { app: 'other' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } } },
      ['spec.template.metadata.labels: Invalid value: map[string]string{"app":"other"}: `selector` does not match template `labels`'],
    ],
    [
      'restartPolicy Never',
      { template: { metadata: { labels: { app: 'web' } }, spec: { restartPolicy: 'Never', containers: [{ name: 'nginx', image: 'nginx' }] } } },
      ['spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"'],
    ],
    ['a bad retention policy', { persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Keep' } }, ['spec.persistentVolumeClaimRetentionPolicy.whenDeleted: Unsupported value: "Keep": supported values: "Delete", "Retain"']],
  ])('%s', (_n, change, want) => {
    expect(errorsOf({ ...valid(), ...change })).toEqual(want);
  });

  it('an update may change replicas, template, updateStrategy, minReadySeconds; not serviceName', () => {
    const old = stored();
    expect(update(old, { replicas: 5, minReadySeconds: 3 })).toEqual([]);
    expect(update(old, { serviceName: 'other' })).toEqual([
      "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    ]);
  });

  it('ControllerRevision: data is mandatory and immutable, revision not negative', () => {
    const rev = { apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata: { name: 'web-1', namespace: 'default' }, revision: -1 } as KObject;
    expect(admit(controllerRevisionAdmission, rev).errors).toEqual(['data: Required value: data is mandatory', 'revision: Invalid value: -1: must be greater than or equal to 0']);
  });
});
