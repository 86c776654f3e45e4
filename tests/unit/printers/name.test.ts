import { describe, expect, it } from 'vitest';
import { formatName, groupOf, renderNames } from '../../../src/commands/printers/name.ts';

const meta = (name: string) => ({ name });

describe('-o name', () => {
  it.each([
    [{ apiVersion: 'v1', kind: 'Pod', metadata: meta('nginx') }, 'pod/nginx'],
    [{ apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta('web') }, 'deployment.apps/web'],
    [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: meta('web-1') }, 'replicaset.apps/web-1'],
    [{ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: meta('web') }, 'horizontalpodautoscaler.autoscaling/web'],
    [{ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: meta('site') }, 'ingress.networking.k8s.io/site'],
    [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: {} }, 'configmap/<unknown>'],
  ])('%j → %s', (obj, want) => {
    expect(formatName(obj)).toBe(want);
  });

  it('adds the operation for create/apply/delete messages and renders lines', () => {
    expect(formatName({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta('web') }, 'created')).toBe('deployment.apps/web created');
    expect(
      renderNames([
        { apiVersion: 'v1', kind: 'Pod', metadata: meta('a') },
        { apiVersion: 'v1', kind: 'Pod', metadata: meta('b') },
      ]),
    ).toBe('pod/a\npod/b\n');
    expect(groupOf('v1')).toBe('');
    expect(groupOf('rbac.authorization.k8s.io/v1')).toBe('rbac.authorization.k8s.io');
  });
});
