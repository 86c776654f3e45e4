/**
 * The taint eviction controller's decisions, table-driven (taint_eviction_test.go's cases):
 * which tolerations are used for a node's NoExecute taints, and how long the pod may stay.
 */
import { describe, expect, it } from 'vitest';
import type { Taint, Toleration } from '../../../src/engine/api/types.ts';
import { matchingTolerations, minTolerationMs } from '../../../src/engine/components/controllers/taint-eviction.ts';

const unreachable: Taint = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' };
const notReady: Taint = { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' };
const custom: Taint = { key: 'dedicated', value: 'db', effect: 'NoExecute' };
const tol = (key: string | undefined, seconds?: number, extra: Partial<Toleration> = {}): Toleration => ({
  ...(key !== undefined ? { key } : {}),
  operator: 'Exists',
  effect: 'NoExecute',
  ...(seconds !== undefined ? { tolerationSeconds: seconds } : {}),
  ...extra,
});
/** What DefaultTolerationSeconds adds to every pod. */
const defaults = [tol('node.kubernetes.io/not-ready', 300), tol('node.kubernetes.io/unreachable', 300)];

describe('matchingTolerations + minTolerationMs', () => {
  it.each([
    { name: 'default tolerations on an unreachable node: 300 s', taints: [unreachable], tolerations: defaults, wantMs: 300_000 },
    { name: 'no tolerations: at once', taints: [unreachable], tolerations: [], wantMs: 'untolerated' },
    { name: 'a taint nobody tolerates: at once', taints: [unreachable, custom], tolerations: defaults, wantMs: 'untolerated' },
    { name: 'DaemonSet-style toleration without seconds: never', taints: [unreachable, notReady], tolerations: [tol('node.kubernetes.io/unreachable'), tol('node.kubernetes.io/not-ready')], wantMs: -1 },
    { name: 'operator Exists with empty key tolerates everything forever', taints: [unreachable, custom], tolerations: [{ operator: 'Exists' }], wantMs: -1 },
    { name: 'the shortest used toleration wins', taints: [unreachable, custom], tolerations: [tol('node.kubernetes.io/unreachable', 60), tol('dedicated', 30)], wantMs: 30_000 },
    { name: 'tolerationSeconds 0 means at once', taints: [unreachable], tolerations: [tol('node.kubernetes.io/unreachable', 0)], wantMs: 0 },
    { name: 'negative tolerationSeconds means at once', taints: [unreachable], tolerations: [tol('node.kubernetes.io/unreachable', -5)], wantMs: 0 },
    { name: 'Equal needs the value', taints: [custom], tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'web', effect: 'NoExecute' }], wantMs: 'untolerated' },
    { name: 'a NoSchedule toleration does not cover NoExecute', taints: [unreachable], tolerations: [tol('node.kubernetes.io/unreachable', undefined, { effect: 'NoSchedule' })], wantMs: 'untolerated' },
    { name: 'an empty effect covers NoExecute', taints: [unreachable], tolerations: [tol('node.kubernetes.io/unreachable', undefined, { effect: '' })], wantMs: -1 },
  ])('$name', ({ taints, tolerations, wantMs }) => {
    const used = matchingTolerations(taints, tolerations as Toleration[]);
    if (wantMs === 'untolerated') expect(used).toBeUndefined();
    else expect(minTolerationMs(used ?? [])).toBe(wantMs);
  });

  it('the first matching toleration is the one used for each taint', () => {
    expect(matchingTolerations([unreachable], [tol('node.kubernetes.io/unreachable', 10), tol(undefined, 99)])).toEqual([tol('node.kubernetes.io/unreachable', 10)]);
  });

  it('no taints: everything tolerated, nothing used', () => {
    expect(matchingTolerations([], [])).toEqual([]);
    expect(minTolerationMs([])).toBe(0);
  });
});
