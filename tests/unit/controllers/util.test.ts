import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { NameSortedCache } from '../../../src/engine/components/controllers/sorted-cache.ts';
import type { Pod } from '../../../src/engine/api/types.ts';
import {
  controllerOf,
  isControlledBy,
  isPodActive,
  isPodAvailable,
  isPodReady,
  newControllerRef,
  podAvailableAtMs,
  selectorMatches,
  splitKey,
} from '../../../src/engine/components/controllers/util.ts';
import { formatTimestamp } from '../../../src/engine/kernel/time.ts';

function pod(o: { phase?: string; ready?: 'True' | 'False'; readySinceMs?: number; deleting?: boolean } = {}): Pod {
  const conditions = o.ready ? [{ type: 'Ready', status: o.ready, lastTransitionTime: formatTimestamp(o.readySinceMs ?? 0) }] : [];
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'default', ...(o.deleting ? { deletionTimestamp: formatTimestamp(0) } : {}) },
    spec: { containers: [] },
    status: { phase: o.phase ?? 'Running', conditions },
  } as unknown as Pod;
}

describe('controller utilities', () => {
  it('finds the controller reference and builds one', () => {
    const owner = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-1', uid: 'u1' } };
    const ref = newControllerRef(owner);
    expect(ref).toEqual({ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-1', uid: 'u1', controller: true, blockOwnerDeletion: true });
    const child = { apiVersion: 'v1', kind: 'Pod', metadata: { ownerReferences: [{ ...ref, controller: false, uid: 'x' }, ref] } };
    expect(controllerOf(child)?.uid).toBe('u1');
    expect(isControlledBy(child, owner)).toBe(true);
    expect(isControlledBy(child, { ...owner, metadata: { uid: 'u2' } })).toBe(false);
    expect(controllerOf({ apiVersion: 'v1', kind: 'Pod', metadata: {} })).toBeUndefined();
  });

  it.each([
    ['Running', false, true],
    ['Pending', false, true],
    ['Succeeded', false, false],
    ['Failed', false, false],
    ['Running', true, false],
  ])('a %s pod (deleting: %s) is active: %s', (phase, deleting, active) => {
    expect(isPodActive(pod({ phase, deleting }))).toBe(active);
  });

  it('counts a pod available once it has been ready for more than minReadySeconds', () => {
    const p = pod({ ready: 'True', readySinceMs: 10_000 });
    expect(isPodReady(p)).toBe(true);
    expect(isPodAvailable(p, 0, 10_000)).toBe(true);
    // Strictly after the transition + minReadySeconds, as podutil.IsPodAvailable's Before(now).
    expect(isPodAvailable(p, 5, 15_000)).toBe(false);
    expect(isPodAvailable(p, 5, 15_001)).toBe(true);
    expect(podAvailableAtMs(p, 5)).toBe(15_001);
    expect(podAvailableAtMs(p, 0)).toBe(10_000);
    const notReady = pod({ ready: 'False' });
    expect(isPodReady(notReady)).toBe(false);
    expect(isPodAvailable(notReady, 0, 1e9)).toBe(false);
    expect(podAvailableAtMs(notReady, 0)).toBeUndefined();
  });

  it('reads selectors as LabelSelectorAsSelector does: empty matches all, missing matches none', () => {
    expect(selectorMatches({}, { app: 'web' })).toBe(true);
    expect(selectorMatches(undefined, { app: 'web' })).toBe(false);
    expect(selectorMatches({ matchLabels: { app: 'web' } }, { app: 'web', x: 'y' })).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }] }, { app: 'web' })).toBe(false);
  });

  it('splits keys', () => {
    expect(splitKey('default/web')).toEqual({ namespace: 'default', name: 'web' });
    expect(splitKey('node-1')).toEqual({ namespace: '', name: 'node-1' });
  });
});

describe('NameSortedCache', () => {
  const obj = (name: string, rv = '1') => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, resourceVersion: rv } });
  const names = (c: NameSortedCache<ReturnType<typeof obj>>) => c.list().map((o) => `${o.metadata.name}@${o.metadata.resourceVersion}`);

  it('lists in name order as objects come, change and go', () => {
    const c = new NameSortedCache<ReturnType<typeof obj>>();
    for (const n of ['web-b', 'web-a', 'web-c', 'Web-z', 'web-aa']) c.set(obj(n));
    expect(names(c)).toEqual(['Web-z@1', 'web-a@1', 'web-aa@1', 'web-b@1', 'web-c@1']);
    c.set(obj('web-aa', '2'));
    c.delete('web-a');
    c.delete('missing');
    expect(names(c)).toEqual(['Web-z@1', 'web-aa@2', 'web-b@1', 'web-c@1']);
    expect(c.get('web-aa')?.metadata.resourceVersion).toBe('2');
    expect(c.get('web-a')).toBeUndefined();
  });

  it('set returns the object it replaced (the old object of an update), or undefined for a new name', () => {
    const c = new NameSortedCache<ReturnType<typeof obj>>();
    const first = obj('web-a');
    expect(c.set(first)).toBeUndefined();
    expect(c.set(obj('web-a', '2'))).toBe(first);
    c.delete('web-a');
    expect(c.set(obj('web-a', '3'))).toBeUndefined();
  });

  it('matches sorting from scratch after any sequence of sets and deletes (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.constantFrom('a', 'b', 'c', 'd', 'ab', 'B', 'a-1', 'a-10', 'a-2'))), (ops) => {
        const c = new NameSortedCache<ReturnType<typeof obj>>();
        const model = new Map<string, string>();
        ops.forEach(([del, n], i) => {
          if (del) {
            c.delete(n);
            model.delete(n);
          } else {
            c.set(obj(n, String(i)));
            model.set(n, String(i));
          }
        });
        const expected = [...model.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([n, rv]) => `${n}@${rv}`);
        expect(names(c)).toEqual(expected);
      }),
    );
  });
});
