/**
 * LimitRange admission (SetDefaults_LimitRangeItem, ValidateLimitRange), ResourceQuota validation,
 * and LimitRanger's two halves on pods: defaulting with its annotation, and the min / max /
 * maxLimitRequestRatio checks for Container and Pod items with the plugin's exact texts.
 */
import { describe, expect, it } from 'vitest';
import { admitLimitRanges, limitRangeAdmission, podLimitViolations, pvcLimitViolations } from '../../../src/engine/api/admission/limitrange.ts';
import { resourceQuotaAdmission } from '../../../src/engine/api/admission/resourcequota.ts';
import type { KObject } from '../../../src/engine/api/types.ts';
import { admit, makeCtx } from '../admission/helpers.ts';

function limitRange(limits: Record<string, unknown>[], name = 'lr'): KObject {
  return { apiVersion: 'v1', kind: 'LimitRange', metadata: { name, namespace: 'ns' }, spec: { limits } } as KObject;
}

describe('LimitRange defaulting', () => {
  it('a Container item: max → default, default → defaultRequest, then min → defaultRequest', () => {
    const { obj, errors } = admit(limitRangeAdmission, limitRange([{ type: 'Container', max: { cpu: '1', memory: '1Gi' }, min: { cpu: '100m', 'ephemeral-storage': '1Gi' } }]));
    expect(errors).toEqual([]);
    expect((obj.spec as { limits: unknown[] }).limits[0]).toEqual({
      type: 'Container',
      max: { cpu: '1', memory: '1Gi' },
      min: { cpu: '100m', 'ephemeral-storage': '1Gi' },
      default: { cpu: '1', memory: '1Gi' },
      defaultRequest: { cpu: '1', memory: '1Gi', 'ephemeral-storage': '1Gi' },
    });
  });

  it('a Pod item gets no defaults', () => {
    const { obj } = admit(limitRangeAdmission, limitRange([{ type: 'Pod', max: { cpu: '2' } }]));
    expect((obj.spec as { limits: unknown[] }).limits[0]).toEqual({ type: 'Pod', max: { cpu: '2' } });
  });
});

describe('LimitRange validation', () => {
  it.each([
    [[{ type: 'Container', min: { memory: '2Gi' }, max: { memory: '1Gi' } }], 'spec.limits[0].min[memory]: Invalid value: "2Gi": min value 2Gi is greater than max value 1Gi'],
    [[{ type: 'Container', default: { cpu: '1' }, defaultRequest: { cpu: '2' } }], 'spec.limits[0].defaultRequest[cpu]: Invalid value: "2": default request value 2 is greater than default limit value 1'],
    [[{ type: 'Pod', default: { cpu: '1' } }], "spec.limits[0].default: Forbidden: may not be specified when `type` is 'Pod'"],
    [[{ type: 'Container' }, { type: 'Container' }], 'spec.limits[1].type: Duplicate value: "Container"'],
    [[{ type: 'Widget' }], 'spec.limits[0].type: Invalid value: "Widget": must be a standard limit type or fully qualified'],
    [[{ type: 'Container', maxLimitRequestRatio: { cpu: '500m' } }], 'spec.limits[0].maxLimitRequestRatio[cpu]: Invalid value: "500m": ratio 500m is less than 1'],
    [[{ type: 'Container', max: { pods: '1' } }], 'spec.limits[0].max[pods]: Invalid value: "pods": must be a standard resource for containers'],
  ])('%j', (limits, want) => {
    expect(admit(limitRangeAdmission, limitRange(limits)).errors).toContain(want);
  });
});

describe('ResourceQuota validation', () => {
  const q = (hard: Record<string, string>, scopes?: string[]): KObject =>
    ({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q', namespace: 'ns' }, spec: { hard, ...(scopes ? { scopes } : {}) } }) as KObject;

  it.each([
    [{ widgets: '1' }, 'spec.hard[widgets]: Invalid value: "widgets": must be a standard resource type or fully qualified'],
    [{ storage: '1Gi' }, 'spec.hard[storage]: Invalid value: "storage": must be a standard resource for quota'],
    [{ pods: '-1' }, 'spec.hard[pods]: Invalid value: "-1": must be greater than or equal to 0'],
  ])('%j', (hard, want) => {
    expect(admit(resourceQuotaAdmission, q(hard)).errors).toContain(want);
  });

  it('accepts count/<resource> names and drops a client-sent status on create', () => {
    const input = { ...q({ 'count/deployments.apps': '2', 'requests.cpu': '500m' }), status: { used: { pods: '9' } } } as KObject;
    const { obj, errors } = admit(resourceQuotaAdmission, input);
    expect(errors).toEqual([]);
    expect(obj.status).toBeUndefined();
  });

  it('rejects an unknown scope', () => {
    expect(admit(resourceQuotaAdmission, q({ pods: '1' }, ['Sometimes'])).errors).toEqual(['spec.scopes: Invalid value: []core.ResourceQuotaScope{"Sometimes"}: unsupported scope']);
  });
});

describe('LimitRanger on pods', () => {
  const defaultsRange = (() => {
    const { obj } = admit(limitRangeAdmission, limitRange([{ type: 'Container', default: { cpu: '500m', memory: '512Mi' }, defaultRequest: { memory: '256Mi' } }], 'defaults'));
    return obj;
  })();

  it('fills in missing requests and limits of app and init containers and annotates the pod', () => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'ns' },
      spec: { containers: [{ name: 'app', resources: { limits: { memory: '1Gi' } } }], initContainers: [{ name: 'setup' }] },
    } as unknown as KObject;
    const spec = pod.spec as Record<string, unknown>;
    admitLimitRanges(pod, spec, makeCtx({ objects: { limitranges: [defaultsRange] } }));
    expect(spec.containers).toEqual([{ name: 'app', resources: { limits: { memory: '1Gi', cpu: '500m' }, requests: { memory: '256Mi', cpu: '500m' } } }]);
    expect(spec.initContainers).toEqual([{ name: 'setup', resources: { limits: { cpu: '500m', memory: '512Mi' }, requests: { cpu: '500m', memory: '256Mi' } } }]);
    expect(pod.metadata.annotations?.['kubernetes.io/limit-ranger']).toBe(
      'LimitRanger plugin set: cpu, memory request for container app; cpu limit for container app; cpu, memory request for init container setup; cpu, memory limit for init container setup',
    );
  });

  it('leaves pods in other namespaces alone', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'other' }, spec: { containers: [{ name: 'c' }] } } as unknown as KObject;
    admitLimitRanges(pod, pod.spec as Record<string, unknown>, makeCtx({ objects: { limitranges: [defaultsRange] } }));
    expect(pod.spec).toEqual({ containers: [{ name: 'c' }] });
    expect(pod.metadata.annotations).toBeUndefined();
  });

  const spec = (requests: Record<string, string> | undefined, limits: Record<string, string> | undefined, n = 1) => ({
    containers: Array.from({ length: n }, (_, i) => ({ name: `c${i}`, resources: { requests, limits } })),
  });

  it.each([
    [{ type: 'Container', min: { cpu: '200m' } }, spec(undefined, undefined), 'minimum cpu usage per Container is 200m.  No request is specified'],
    [{ type: 'Container', min: { cpu: '200m' } }, spec({ cpu: '300m' }, { cpu: '100m' }), 'minimum cpu usage per Container is 200m, but limit is 100m'],
    [{ type: 'Container', max: { memory: '1Gi' } }, spec({ memory: '100Mi' }, undefined), 'maximum memory usage per Container is 1Gi.  No limit is specified'],
    [{ type: 'Container', max: { memory: '1Gi' } }, spec({ memory: '2Gi' }, { memory: '1Gi' }), 'maximum memory usage per Container is 1Gi, but request is 2Gi'],
    [{ type: 'Container', maxLimitRequestRatio: { cpu: '2' } }, spec({ cpu: '100m' }, { cpu: '250m' }), 'cpu max limit to request ratio per Container is 2, but provided ratio is 2.500000'],
    [{ type: 'Container', maxLimitRequestRatio: { cpu: '2' } }, spec(undefined, { cpu: '250m' }), 'cpu max limit to request ratio per Container is 2, but no request is specified or request is 0'],
    [{ type: 'Pod', max: { cpu: '1' } }, spec({ cpu: '300m' }, { cpu: '600m' }, 2), 'maximum cpu usage per Pod is 1, but limit is 1200m'],
  ])('%j', (item, podSpec, want) => {
    const { obj } = admit(limitRangeAdmission, limitRange([item]));
    expect(podLimitViolations(obj, podSpec)).toEqual([want]);
  });

  it('a pod within every bound has no violations', () => {
    const { obj } = admit(limitRangeAdmission, limitRange([{ type: 'Container', min: { cpu: '100m' }, max: { cpu: '1' }, maxLimitRequestRatio: { cpu: '4' } }]));
    expect(podLimitViolations(obj, spec({ cpu: '250m' }, { cpu: '1' }))).toEqual([]);
  });
});

describe('LimitRanger on PersistentVolumeClaims', () => {
  it.each([
    [{ storage: '500Mi' }, ['minimum storage usage per PersistentVolumeClaim is 1Gi, but request is 500Mi']],
    [{ storage: '20Gi' }, ['maximum storage usage per PersistentVolumeClaim is 10Gi, but request is 20Gi']],
    [{ storage: '5Gi' }, []],
  ])('requests %j', (requests, want) => {
    const { obj } = admit(limitRangeAdmission, limitRange([{ type: 'PersistentVolumeClaim', min: { storage: '1Gi' }, max: { storage: '10Gi' } }]));
    expect(pvcLimitViolations(obj, { resources: { requests } })).toEqual(want);
  });
});

describe('ResourceQuota scopes and scope selectors', () => {
  const q = (spec: Record<string, unknown>): KObject => ({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q', namespace: 'ns' }, spec }) as KObject;

  it.each([
    [{ hard: { pods: '1' }, scopes: ['BestEffort', 'NotBestEffort'] }, 'spec.scopes: Invalid value: []core.ResourceQuotaScope{"BestEffort", "NotBestEffort"}: conflicting scopes'],
    [{ hard: { cpu: '1' }, scopes: ['BestEffort'] }, 'spec.scopes: Invalid value: []core.ResourceQuotaScope{"BestEffort"}: unsupported scope applied to resource'],
    [
      { hard: { pods: '1' }, scopeSelector: { matchExpressions: [{ scopeName: 'PriorityClass', operator: 'In' }] } },
      "spec.scopeSelector.matchExpressions.values: Required value: must be at least one value when `operator` is 'In' or 'NotIn' for scope selector",
    ],
    [
      { hard: { pods: '1' }, scopeSelector: { matchExpressions: [{ scopeName: 'BestEffort', operator: 'In', values: ['x'] }] } },
      "spec.scopeSelector.matchExpressions.operator: Invalid value: \"In\": must be 'Exist' when scope is any of ResourceQuotaScopeTerminating, ResourceQuotaScopeNotTerminating, ResourceQuotaScopeBestEffort, ResourceQuotaScopeNotBestEffort or ResourceQuotaScopeCrossNamespacePodAffinity",
    ],
    [
      { hard: { 'count/secrets': '1', services: '1' }, scopeSelector: { matchExpressions: [{ scopeName: 'PriorityClass', operator: 'In', values: ['high'] }] } },
      'spec.scopeSelector.matchExpressions: Invalid value: core.ScopeSelector{MatchExpressions:[]core.ScopedResourceSelectorRequirement{core.ScopedResourceSelectorRequirement{ScopeName:"PriorityClass", Operator:"In", Values:[]string{"high"}}}}: unsupported scope applied to resource',
    ],
  ])('%j', (spec, want) => {
    expect(admit(resourceQuotaAdmission, q(spec)).errors).toContain(want);
  });
});
