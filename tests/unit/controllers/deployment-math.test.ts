/**
 * The Deployment controller's arithmetic (reference §7.2–7.3): every ResolveFenceposts,
 * NewRSNewReplicas, reconcileOldReplicaSets, cleanupUnhealthyReplicas and scale-down vector, and
 * proportional scaling during a rollout.
 */
import { describe, expect, test } from 'vitest';
import {
  cleanupUnhealthyReplicas,
  maxUnavailable,
  newReplicaSetTarget,
  proportionalScale,
  reconcileOldReplicaSets,
  resolveFenceposts,
  scaleDownOldForRollingUpdate,
} from '../../../src/engine/components/controllers/deployment/replicas.ts';
import { newDeployment, newRS } from './deployment-fixtures.ts';

describe('ResolveFenceposts (§7.2)', () => {
  test.each([
    { surge: '0%', unavailable: '0%', replicas: 0, want: { surge: 0, unavailable: 1 } },
    { surge: '39%', unavailable: '39%', replicas: 10, want: { surge: 4, unavailable: 3 } },
    { surge: '25%', unavailable: '25%', replicas: 10, want: { surge: 3, unavailable: 2 } },
    { surge: '25%', unavailable: '25%', replicas: 3, want: { surge: 1, unavailable: 0 } },
    { surge: '25%', unavailable: '25%', replicas: 1, want: { surge: 1, unavailable: 0 } },
    { surge: 0, unavailable: 0, replicas: 10, want: { surge: 0, unavailable: 1 } },
    { surge: 2, unavailable: '50%', replicas: 5, want: { surge: 2, unavailable: 2 } },
  ])('$surge / $unavailable of $replicas → $want.surge / $want.unavailable', ({ surge, unavailable, replicas, want }) => {
    expect(resolveFenceposts(surge, unavailable, replicas)).toEqual(want);
  });

  test('"oops" is an error', () => {
    expect(() => resolveFenceposts('oops', '39%', 10)).toThrow('invalid type: string is not a percentage');
  });

  test('a bare numeric string is an error', () => {
    expect(() => resolveFenceposts('5', '39%', 10)).toThrow('string is not a percentage');
  });

  test('MaxUnavailable is capped at replicas and 0 for 0 replicas or Recreate', () => {
    expect(maxUnavailable(newDeployment({ replicas: 3, maxUnavailable: 5, maxSurge: 0 }))).toBe(3);
    expect(maxUnavailable(newDeployment({ replicas: 0 }))).toBe(0);
    expect(maxUnavailable(newDeployment({ recreate: true }))).toBe(0);
  });
});

describe('reconcileNewReplicaSet / NewRSNewReplicas (§7.3, rolling_test.go)', () => {
  test.each([
    { surge: 0, old: 10, new: 0, want: 0 },
    { surge: 2, old: 10, new: 0, want: 2 },
    { surge: 2, old: 5, new: 0, want: 7 },
    { surge: 2, old: 10, new: 2, want: 2 },
    { surge: 2, old: 2, new: 11, want: 10 },
  ])('replicas 10, surge $surge, old $old, new $new → $want', (c) => {
    const d = newDeployment({ replicas: 10, maxSurge: c.surge, maxUnavailable: 1 });
    const oldRS = newRS('old', { replicas: c.old, createdS: 0 });
    const fresh = newRS('new', { replicas: c.new, createdS: 10 });
    expect(newReplicaSetTarget(d, [oldRS, fresh], fresh)).toBe(c.want);
  });

  test('Recreate goes straight to replicas', () => {
    const d = newDeployment({ replicas: 4, recreate: true });
    const fresh = newRS('new', { replicas: 0 });
    expect(newReplicaSetTarget(d, [newRS('old', { replicas: 4 }), fresh], fresh)).toBe(4);
  });
});

describe('scaleDownOldReplicaSetsForRollingUpdate (§7.3)', () => {
  test.each([
    { name: 'maxUnavailable 0 with surge 0 is forced to 1', maxUnavailable: 0, surge: 0, ready: 10, want: [9] },
    { name: 'maxUnavailable 2, 10 ready', maxUnavailable: 2, surge: 1, ready: 10, want: [8] },
    { name: 'maxUnavailable 2, 8 of 10 ready', maxUnavailable: 2, surge: 1, ready: 8, want: [] },
  ])('$name', (c) => {
    const d = newDeployment({ replicas: 10, maxSurge: c.surge, maxUnavailable: c.maxUnavailable });
    const old = newRS('old', { replicas: 10, available: c.ready });
    const plans = scaleDownOldForRollingUpdate(d, [old], [old]);
    expect(plans.map((p) => p.to)).toEqual(c.want);
  });

  test('oldest first, each only as far as needed', () => {
    const d = newDeployment({ replicas: 10, maxSurge: 3, maxUnavailable: 2 });
    const older = newRS('older', { replicas: 1, createdS: 0 });
    const newer = newRS('newer', { replicas: 9, createdS: 5 });
    const plans = scaleDownOldForRollingUpdate(d, [newer, older], [newer, older]);
    expect(plans.map((p) => [p.rs.metadata.name, p.to])).toEqual([
      ['older', 0],
      ['newer', 8],
    ]);
  });
});

describe('cleanupUnhealthyReplicas (§7.3)', () => {
  test.each([
    { maxCleanup: 1, cleaned: 1 },
    { maxCleanup: 3, cleaned: 2 },
    { maxCleanup: 0, cleaned: 0 },
  ])('old 10 (8 ready), maxCleanup $maxCleanup → cleaned $cleaned', ({ maxCleanup, cleaned }) => {
    const old = newRS('old', { replicas: 10, available: 8 });
    const plans = cleanupUnhealthyReplicas([old], maxCleanup);
    expect(plans.reduce((n, p) => n + (10 - p.to), 0)).toBe(cleaned);
  });
});

describe('reconcileOldReplicaSets (§7.3)', () => {
  test('replicas 10, maxUnavailable 2, old 8 (8 ready), new 2 (0 ready): nothing', () => {
    const d = newDeployment({ replicas: 10, maxSurge: 2, maxUnavailable: 2 });
    const old = newRS('old', { replicas: 8, available: 8, createdS: 0 });
    const fresh = newRS('new', { replicas: 2, available: 0, createdS: 5 });
    expect(reconcileOldReplicaSets(d, [old, fresh], [old], fresh)).toEqual([]);
  });

  test('the first step of a 10-replica rollout at 25%/25%: old 10 → 8', () => {
    const d = newDeployment({ replicas: 10 });
    const old = newRS('old', { replicas: 10, available: 10, createdS: 0 });
    const fresh = newRS('new', { replicas: 3, available: 0, createdS: 5 });
    expect(reconcileOldReplicaSets(d, [old, fresh], [old], fresh).map((p) => p.to)).toEqual([8]);
  });

  test('unhealthy old replicas go first, then available ones down to minAvailable', () => {
    const d = newDeployment({ replicas: 10, maxSurge: 3, maxUnavailable: 2 });
    const old = newRS('old', { replicas: 10, available: 9, createdS: 0 });
    const fresh = newRS('new', { replicas: 3, available: 3, createdS: 5 });
    // maxScaledDown = 13 − 8 − 0 = 5: 1 unhealthy, then available 12 − 8 = 4 more.
    expect(reconcileOldReplicaSets(d, [old, fresh], [old], fresh).map((p) => p.to)).toEqual([9, 5]);
  });
});

describe('proportional scaling during a rollout (sync.go scale, GetProportion)', () => {
  const rollout = (replicas: number) => {
    const d = newDeployment({ replicas, maxSurge: 3, maxUnavailable: 2, statusReplicas: 13 });
    const old = newRS('old', { replicas: 8, createdS: 0, maxReplicasAnnotation: 13 });
    const fresh = newRS('new', { replicas: 5, createdS: 5, maxReplicasAnnotation: 13 });
    const { plans, operation } = proportionalScale(d, [old, fresh]);
    return { operation, sizes: Object.fromEntries(plans.map((p) => [p.rs.metadata.name, p.to])) };
  };

  test.each([
    { replicas: 15, operation: 'up', sizes: { old: 11, new: 7 } },
    { replicas: 5, operation: 'down', sizes: { old: 5, new: 3 } },
    { replicas: 0, operation: 'down', sizes: { old: 0, new: 0 } },
    { replicas: 10, operation: '', sizes: { old: 8, new: 5 } },
  ])('10 → $replicas (maxSurge 3, old 8 + new 5): $sizes', ({ replicas, operation, sizes }) => {
    expect(rollout(replicas)).toEqual({ operation, sizes });
  });

  test('growing: among equal sizes the newer ReplicaSet comes first', () => {
    const d = newDeployment({ replicas: 4, maxSurge: 1, maxUnavailable: 0, statusReplicas: 4 });
    const a = newRS('a', { replicas: 2, createdS: 0, maxReplicasAnnotation: 4 });
    const b = newRS('b', { replicas: 2, createdS: 5, maxReplicasAnnotation: 4 });
    // allowed 5, toAdd 1: newer first when growing; b: round(2·5/4) − 2 = 1 (2.5 rounds away from zero).
    expect(proportionalScale(d, [a, b]).plans.map((p) => [p.rs.metadata.name, p.to])).toEqual([
      ['b', 3],
      ['a', 2],
    ]);
  });

  test('without a max-replicas annotation the Deployment status replicas are the base', () => {
    const d = newDeployment({ replicas: 20, maxSurge: 0, maxUnavailable: 1, statusReplicas: 10 });
    const a = newRS('a', { replicas: 6, createdS: 0 });
    const b = newRS('b', { replicas: 4, createdS: 5 });
    expect(proportionalScale(d, [a, b]).plans.map((p) => p.to)).toEqual([12, 8]);
  });
});
