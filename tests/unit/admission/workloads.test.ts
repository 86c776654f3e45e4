import { describe, expect, it } from 'vitest';
import { deploymentAdmission } from '../../../src/engine/api/admission/deployment.ts';
import { replicaSetAdmission } from '../../../src/engine/api/admission/replicaset.ts';
import type { KObject } from '../../../src/engine/api/types.ts';
import { admit, makeCtx } from './helpers.ts';

function deployment(spec: Record<string, unknown>, name = 'web'): KObject {
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: 'default' }, spec };
}

const template = (labels: Record<string, string> | null = { app: 'web' }): Record<string, unknown> => ({
  metadata: labels ? { labels } : {},
  spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] },
});

const valid = (): Record<string, unknown> => ({ selector: { matchLabels: { app: 'web' } }, template: template() });

describe('deployment defaults', () => {
  it('fill §7.1 defaults, template pod-spec defaults, status and generation', () => {
    const { obj, errors } = admit(deploymentAdmission, deployment(valid()));
    expect(errors).toEqual([]);
    expect(obj.spec).toEqual({
      replicas: 1,
      selector: { matchLabels: { app: 'web' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      template: {
        metadata: { labels: { app: 'web' }, creationTimestamp: null },
        spec: {
          containers: [
            {
              name: 'nginx',
              image: 'nginx:1.27',
              resources: {},
              imagePullPolicy: 'IfNotPresent',
              terminationMessagePath: '/dev/termination-log',
              terminationMessagePolicy: 'File',
            },
          ],
          dnsPolicy: 'ClusterFirst',
          restartPolicy: 'Always',
          securityContext: {},
          terminationGracePeriodSeconds: 30,
          schedulerName: 'default-scheduler',
        },
      },
    });
    expect(obj.status).toEqual({});
    expect(obj.metadata.generation).toBe(1);
  });

  it('refuse a non-integer replicas at decode time, like Go\'s JSON decoder', () => {
    expect(() => admit(deploymentAdmission, deployment({ ...valid(), replicas: '3' }))).toThrow(
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
    );
    const bad = { ...valid(), template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'a', image: 'b', ports: [{ containerPort: '80' }] }] } } };
    expect(() => admit(deploymentAdmission, deployment(bad))).toThrow(
      'json: cannot unmarshal string into Go struct field ContainerPort.spec.template.spec.containers.ports.containerPort of type int32',
    );
  });

  it('leave Recreate without rollingUpdate', () => {
    const { obj } = admit(deploymentAdmission, deployment({ ...valid(), strategy: { type: 'Recreate' } }));
    expect((obj.spec as { strategy: unknown }).strategy).toEqual({ type: 'Recreate' });
  });

  it('bump generation on spec or annotation changes only', () => {
    const created = admit(deploymentAdmission, deployment(valid())).obj;
    const ctx = makeCtx({ operation: 'UPDATE' });
    const same = admit(deploymentAdmission, structuredClone(created), ctx, created).obj;
    expect(same.metadata.generation).toBe(1);
    const scaled = structuredClone(created);
    (scaled.spec as { replicas: number }).replicas = 3;
    expect(admit(deploymentAdmission, scaled, ctx, created).obj.metadata.generation).toBe(2);
    const annotated = structuredClone(created);
    annotated.metadata.annotations = { note: 'x' };
    expect(admit(deploymentAdmission, annotated, ctx, created).obj.metadata.generation).toBe(2);
  });
});

describe('deployment validation', () => {
  it.each<[string, Record<string, unknown>, string[]]>([
    [
      'missing selector',
      { template: template() },
      ['spec.selector: Required value', 'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`'],
    ],
    [
      'selector not matching',
      { selector: { matchLabels: { app: 'api' } }, template: template({ app: 'web', tier: 'fe' }) },
      ['spec.template.metadata.labels: Invalid value: map[string]string{"app":"web", "tier":"fe"}: `selector` does not match template `labels`'],
    ],
    [
      'template without labels',
      { selector: { matchLabels: { app: 'web' } }, template: template(null) },
      ['spec.template.metadata.labels: Invalid value: map[string]string(nil): `selector` does not match template `labels`'],
    ],
    [
      'empty selector',
      { selector: {}, template: template() },
      ['spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment'],
    ],
    ['negative replicas', { ...valid(), replicas: -1 }, ['spec.replicas: Invalid value: -1: must be greater than or equal to 0']],
    [
      'unknown strategy',
      { ...valid(), strategy: { type: 'BlueGreen' } },
      ['spec.strategy: Unsupported value: apps.DeploymentStrategy{Type:"BlueGreen", RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}: supported values: "Recreate", "RollingUpdate"'],
    ],
    [
      'Recreate with rollingUpdate',
      { ...valid(), strategy: { type: 'Recreate', rollingUpdate: { maxSurge: 1 } } },
      ["spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"],
    ],
    [
      'both zero',
      { ...valid(), strategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: '0%' } } },
      ['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"0%"}: may not be 0 when `maxSurge` is 0'],
    ],
    [
      'bad percent',
      { ...valid(), strategy: { rollingUpdate: { maxSurge: '5' } } },
      [
        "spec.strategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"5\"}: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
      ],
    ],
    [
      'over 100%',
      { ...valid(), strategy: { rollingUpdate: { maxUnavailable: '150%' } } },
      ['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"150%"}: must not be greater than 100%'],
    ],
    [
      'deadline not above minReadySeconds',
      { ...valid(), minReadySeconds: 700 },
      ['spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds'],
    ],
    [
      'template restartPolicy',
      { ...valid(), template: { ...template(), spec: { containers: [{ name: 'a', image: 'b' }], restartPolicy: 'Never' } } },
      ['spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"'],
    ],
    [
      'template label errors sit on spec.template.labels',
      { selector: { matchLabels: { app: 'web' } }, template: template({ app: 'web', 'bad key!': 'x' }) },
      [
        "spec.template.labels: Invalid value: \"bad key!\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
      ],
    ],
    ['no containers', { ...valid(), template: { metadata: { labels: { app: 'web' } }, spec: {} } }, ['spec.template.spec.containers: Required value']],
  ])('%s', (_name, spec, want) => {
    expect(admit(deploymentAdmission, deployment(spec)).errors).toEqual(want);
  });

  it('keeps the selector immutable', () => {
    const created = admit(deploymentAdmission, deployment(valid())).obj;
    const next = structuredClone(created);
    (next.spec as { selector: unknown }).selector = { matchLabels: { app: 'web', v: '2' } };
    ((next.spec as { template: { metadata: { labels: Record<string, string> } } }).template.metadata.labels).v = '2';
    expect(admit(deploymentAdmission, next, makeCtx({ operation: 'UPDATE' }), created).errors).toEqual([
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web", "v":"2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    ]);
  });
});

describe('replicaset', () => {
  const rs = (spec: Record<string, unknown>): KObject => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-1', namespace: 'default' }, spec });

  it('defaults replicas to 1 and status.replicas to 0', () => {
    const { obj, errors } = admit(replicaSetAdmission, rs(valid()));
    expect(errors).toEqual([]);
    expect((obj.spec as { replicas: number }).replicas).toBe(1);
    expect(obj.status).toEqual({ replicas: 0 });
  });

  it('says "deployment" about an empty selector, as upstream does', () => {
    expect(admit(replicaSetAdmission, rs({ selector: { matchLabels: {} }, template: template() })).errors).toEqual([
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment',
    ]);
  });

  it('rejects a selector expression that cannot be built', () => {
    expect(
      admit(replicaSetAdmission, rs({ selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['web'] }, { key: 'x', operator: 'Bad' }] }, template: template() })).errors,
    ).toEqual([
      'spec.selector.matchExpressions[1].operator: Invalid value: "Bad": not a valid selector operator',
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:"app", Operator:"In", Values:[]string{"web"}}, v1.LabelSelectorRequirement{Key:"x", Operator:"Bad", Values:[]string(nil)}}}: invalid label selector',
    ]);
  });
});
