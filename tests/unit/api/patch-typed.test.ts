/**
 * Strategic merge patch on Podlab's own kinds: the k8s.io/api struct tags found through the
 * OpenAPI field tree (containers by name, a Container's ports by containerPort and a Service's by
 * port, env, volumes with retainKeys, finalizers as a set, tolerations replaced), the patch
 * entry point of the store, kubectl apply's three-way patch, and a property: the two-way patch
 * from A to B applied to A gives B, order included.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyPatch, createThreeWayMergePatch, createTwoWayMergePatch, PatchError } from '../../../src/engine/api/patch.ts';

const pod = (spec: Record<string, unknown>, metadata: Record<string, unknown> = {}): Record<string, unknown> => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', ...metadata },
  spec,
});
const names = (list: unknown): string[] => (list as { name: string }[]).map((c) => c.name);

describe('strategic merge patch on typed objects', () => {
  it('merges containers by name, a new one first when there is no $setElementOrder', () => {
    const live = pod({ containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'y' }] });
    const out = applyPatch(live, { spec: { containers: [{ name: 'c', image: 'z' }, { name: 'b', image: 'w' }] } }, 'strategic') as { spec: { containers: { name: string; image: string }[] } };
    // The patch's items keep the patch's order (c, b); the live-only `a` is placed against them
    // by live order, and `c`, which the live list cannot place, goes first.
    expect(out.spec.containers).toEqual([
      { name: 'c', image: 'z' },
      { name: 'a', image: 'x' },
      { name: 'b', image: 'w' },
    ]);
  });

  it("a Container's ports merge on containerPort, a Service's on port", () => {
    const live = pod({ containers: [{ name: 'a', ports: [{ containerPort: 80, name: 'http' }] }] });
    const out = applyPatch(live, { spec: { containers: [{ name: 'a', ports: [{ containerPort: 80, protocol: 'TCP' }] }] } }, 'strategic') as { spec: { containers: { ports: unknown[] }[] } };
    expect(out.spec.containers[0].ports).toEqual([{ containerPort: 80, name: 'http', protocol: 'TCP' }]);
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80, targetPort: 8080 }] } };
    const s2 = applyPatch(svc, { spec: { ports: [{ port: 80, name: 'web' }, { port: 443 }] } }, 'strategic') as { spec: { ports: unknown[] } };
    expect(s2.spec.ports).toEqual([{ port: 80, targetPort: 8080, name: 'web' }, { port: 443 }]);
  });

  it('tolerations have no patch strategy: the list is replaced', () => {
    const live = pod({ tolerations: [{ key: 'a', operator: 'Exists' }] });
    const out = applyPatch(live, { spec: { tolerations: [{ key: 'b', operator: 'Exists' }] } }, 'strategic') as { spec: { tolerations: unknown[] } };
    expect(out.spec.tolerations).toEqual([{ key: 'b', operator: 'Exists' }]);
  });

  it('finalizers merge as a set; $deleteFromPrimitiveList removes', () => {
    const live = pod({}, { finalizers: ['a', 'b'] });
    expect((applyPatch(live, { metadata: { finalizers: ['b', 'c'] } }, 'strategic') as { metadata: { finalizers: string[] } }).metadata.finalizers).toEqual(['a', 'b', 'c']);
    expect((applyPatch(live, { metadata: { '$deleteFromPrimitiveList/finalizers': ['a'] } }, 'strategic') as { metadata: { finalizers: string[] } }).metadata.finalizers).toEqual(['b']);
  });

  it('env entries merge by name and $patch: delete removes one', () => {
    const live = pod({ containers: [{ name: 'a', env: [{ name: 'X', value: '1' }, { name: 'Y', value: '2' }] }] });
    const out = applyPatch(live, { spec: { containers: [{ name: 'a', env: [{ name: 'X', $patch: 'delete' }, { name: 'Z', value: '3' }] }] } }, 'strategic') as { spec: { containers: { env: unknown[] }[] } };
    expect(out.spec.containers[0].env).toEqual([{ name: 'Z', value: '3' }, { name: 'Y', value: '2' }]);
  });

  it('a volume changed by kubectl carries $retainKeys, so its old source is cleared', () => {
    const a = pod({ volumes: [{ name: 'v', emptyDir: {} }] });
    const b = pod({ volumes: [{ name: 'v', hostPath: { path: '/x' } }] });
    const patch = createTwoWayMergePatch(a, b) as { spec: { volumes: unknown[] } };
    expect(patch.spec.volumes).toEqual([{ $retainKeys: ['hostPath', 'name'], emptyDir: null, hostPath: { path: '/x' }, name: 'v' }]);
    expect(applyPatch(a, patch, 'strategic')).toEqual(b);
  });

  it('the Deployment strategy has retainKeys: rollingUpdate goes when the type becomes Recreate', () => {
    const dep = (strategy: unknown): Record<string, unknown> => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { strategy } });
    const a = dep({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } });
    const b = dep({ type: 'Recreate' });
    const patch = createTwoWayMergePatch(a, b);
    expect(patch).toEqual({ spec: { strategy: { $retainKeys: ['type'], rollingUpdate: null, type: 'Recreate' } } });
    // A server told only `type: Recreate` with $retainKeys drops what it does not list.
    expect(applyPatch({ ...a, spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 }, extra: 1 } } }, { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } }, 'strategic')).toEqual(b);
  });

  it('leaves no directive keys in the stored object, and reports bad patches as PatchError', () => {
    const out = applyPatch(pod({}), { spec: { containers: [{ name: 'a', env: [{ name: 'X', $patch: 'delete' }], '$setElementOrder/env': [{ name: 'X' }] }] } }, 'strategic');
    expect(JSON.stringify(out)).not.toContain('$');
    expect(() => applyPatch(pod({ containers: [{ name: 'a' }] }), { spec: { containers: [{ image: 'x' }] } }, 'strategic')).toThrow(PatchError);
    expect(() => applyPatch(pod({ containers: [{ name: 'a' }] }), { spec: { containers: [{ image: 'x' }] } }, 'strategic')).toThrow('does not contain declared merge key: name');
  });
});

describe('kubectl apply: the three-way patch on a Deployment', () => {
  const dep = (containers: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'd' },
    spec: { template: { spec: { containers, ...extra } } },
  });

  it('a manifest whose container order changed: the server follows $setElementOrder', () => {
    const last = dep([{ name: 'a', image: '1' }, { name: 'b', image: '2' }]);
    const modified = dep([{ name: 'b', image: '2' }, { name: 'a', image: '1' }]);
    const live = dep([{ name: 'a', image: '1', imagePullPolicy: 'IfNotPresent' }, { name: 'b', image: '2', imagePullPolicy: 'IfNotPresent' }]);
    const patch = createThreeWayMergePatch(last, modified, live);
    expect(patch).toEqual({ spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'b' }, { name: 'a' }] } } } });
    const out = applyPatch(live, patch, 'strategic') as { spec: { template: { spec: { containers: unknown[] } } } };
    expect(names(out.spec.template.spec.containers)).toEqual(['b', 'a']);
    expect(out.spec.template.spec.containers[0]).toEqual({ name: 'b', image: '2', imagePullPolicy: 'IfNotPresent' });
  });

  it('a sidecar someone else added stays, placed by its live position', () => {
    const last = dep([{ name: 'a', image: '1' }]);
    const modified = dep([{ name: 'a', image: '1' }, { name: 'c', image: '3' }]);
    const live = dep([{ name: 'a', image: '1' }, { name: 'side', image: 's' }]);
    const out = applyPatch(live, createThreeWayMergePatch(last, modified, live), 'strategic') as { spec: { template: { spec: { containers: unknown[] } } } };
    expect(names(out.spec.template.spec.containers)).toEqual(['a', 'c', 'side']);
  });

  it('a field dropped from the manifest is deleted; one only the server set is kept', () => {
    const last = dep([{ name: 'a', image: '1', args: ['x'] }]);
    const modified = dep([{ name: 'a', image: '2' }]);
    const live = dep([{ name: 'a', image: '1', args: ['x'], terminationMessagePath: '/dev/termination-log' }]);
    const out = applyPatch(live, createThreeWayMergePatch(last, modified, live), 'strategic') as { spec: { template: { spec: { containers: unknown[] } } } };
    expect(out.spec.template.spec.containers).toEqual([{ name: 'a', image: '2', terminationMessagePath: '/dev/termination-log' }]);
  });
});

describe('property: the two-way patch from A to B, applied to A, gives B', () => {
  const envVar = fc.record({ name: fc.constantFrom('A', 'B', 'C', 'D', 'E'), value: fc.constantFrom('1', '2', '3') });
  const container = fc.record(
    {
      name: fc.constantFrom('app', 'side', 'init', 'log', 'proxy', 'db'),
      image: fc.constantFrom('nginx', 'busybox', 'redis'),
      env: fc.uniqueArray(envVar, { selector: (e) => e.name, maxLength: 5 }),
      args: fc.array(fc.constantFrom('-a', '-b', '-c'), { maxLength: 3 }),
    },
    { requiredKeys: ['name', 'image'] },
  );
  const podOf = fc.record(
    {
      containers: fc.uniqueArray(container, { selector: (c) => c.name, minLength: 1, maxLength: 5 }),
      finalizers: fc.uniqueArray(fc.constantFrom('x', 'y', 'z', 'w'), { maxLength: 4 }),
      labels: fc.dictionary(fc.constantFrom('app', 'tier', 'env'), fc.constantFrom('a', 'b')),
    },
    { requiredKeys: ['containers'] },
  ).map(({ containers, finalizers, labels }) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', ...(finalizers ? { finalizers } : {}), ...(labels ? { labels } : {}) },
    spec: { containers },
  }));

  it('for random container and env lists', () => {
    fc.assert(
      fc.property(podOf, podOf, (a, b) => {
        const patch = createTwoWayMergePatch(a, b);
        expect(applyPatch(a, patch, 'strategic')).toEqual(b);
        expect(createTwoWayMergePatch(b, applyPatch(a, patch, 'strategic'))).toEqual({});
      }),
      { numRuns: 500, seed: 20261203 },
    );
  });
});
