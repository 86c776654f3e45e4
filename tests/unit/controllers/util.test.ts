import { describe, expect, it } from 'vitest';
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
