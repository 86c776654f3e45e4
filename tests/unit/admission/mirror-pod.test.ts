import { describe, expect, it } from 'vitest';
import { podAdmission } from '../../../src/engine/api/admission/pod.ts';
import type { KObject } from '../../../src/engine/api/types.ts';
import { admit } from './helpers.ts';

const specOf = (obj: KObject): Record<string, unknown> => obj.spec as Record<string, unknown>;

const MIRROR = 'kubernetes.io/config.mirror';

function pod(spec: Record<string, unknown>, annotations?: Record<string, string>): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'etcd-control-plane', namespace: 'kube-system', ...(annotations ? { annotations } : {}) },
    spec: { containers: [{ name: 'etcd', image: 'registry.k8s.io/etcd:3.5.15-0' }], ...spec },
  };
}

describe('ServiceAccount admission and mirror pods', () => {
  it('does not default a service account on a mirror pod', () => {
    const { obj, errors } = admit(podAdmission, pod({ nodeName: 'control-plane' }, { [MIRROR]: '0123456789abcdef0123456789abcdef' }));
    expect(errors).toEqual([]);
    expect(obj.spec).not.toHaveProperty('serviceAccountName');
    expect(obj.spec).not.toHaveProperty('serviceAccount');
    // The other admission plugins still run.
    expect(specOf(obj).priority).toBe(0);
    expect(specOf(obj).tolerations).toHaveLength(2);
  });

  it('skips on the annotation being present, whatever its value', () => {
    const { obj } = admit(podAdmission, pod({}, { [MIRROR]: '' }));
    expect(obj.spec).not.toHaveProperty('serviceAccountName');
    expect(obj.spec).not.toHaveProperty('serviceAccount');
  });

  it('still defaults "default" on a pod without the annotation', () => {
    for (const annotations of [undefined, { 'kubernetes.io/config.hash': 'abc', 'kubernetes.io/config.source': 'file' }]) {
      const { obj } = admit(podAdmission, pod({}, annotations));
      expect(specOf(obj).serviceAccountName).toBe('default');
      expect(specOf(obj).serviceAccount).toBe('default');
    }
  });

  it('keeps the v1 conversion between serviceAccount and serviceAccountName on a mirror pod', () => {
    const a = admit(podAdmission, pod({ serviceAccount: 'legacy' }, { [MIRROR]: 'x' })).obj;
    expect(specOf(a).serviceAccountName).toBe('legacy');
    expect(specOf(a).serviceAccount).toBe('legacy');
    const b = admit(podAdmission, pod({ serviceAccountName: 'named' }, { [MIRROR]: 'x' })).obj;
    expect(specOf(b).serviceAccountName).toBe('named');
    expect(specOf(b).serviceAccount).toBe('named');
  });
});
