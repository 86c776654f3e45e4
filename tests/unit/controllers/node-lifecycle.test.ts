/**
 * The node lifecycle controller's pure parts, table-driven: the zone state (reference §11's
 * derived vectors), the per-zone token bucket and timed queue, and taint swapping.
 */
import { describe, expect, it } from 'vitest';
import type { Condition, Node, Taint } from '../../../src/engine/api/types.ts';
import { computeZoneState } from '../../../src/engine/components/controllers/node-lifecycle.ts';
import { swappedTaints, zoneKey } from '../../../src/engine/components/controllers/node-taints.ts';
import {
  addValue,
  newBucket,
  newTimedQueue,
  removeValue,
  swapLimiter,
  tokenAtMs,
  tryAccept,
  tryQueue,
} from '../../../src/engine/components/controllers/rate-limited-queue.ts';

const ready = (status: Condition['status']): Condition => ({ type: 'Ready', status });
const zone = (readyCount: number, notReadyCount: number, unknown = 0): (Condition | undefined)[] => [
  ...Array.from({ length: readyCount }, () => ready('True')),
  ...Array.from({ length: notReadyCount }, () => ready('False')),
  ...Array.from({ length: unknown }, () => undefined),
];

describe('computeZoneState (§11)', () => {
  it.each([
    { name: '4 nodes, 2 NotReady', conditions: zone(2, 2), want: 'Normal' },
    { name: '10 nodes, 6 NotReady', conditions: zone(4, 6), want: 'PartialDisruption' },
    { name: '3 nodes, 3 NotReady', conditions: zone(0, 3), want: 'FullDisruption' },
    { name: '1 node, not ready', conditions: zone(0, 1), want: 'FullDisruption' },
    { name: '4 nodes, 3 NotReady (75%)', conditions: zone(1, 3), want: 'PartialDisruption' },
    { name: '20 nodes, 11 NotReady (exactly 55%)', conditions: zone(9, 11), want: 'PartialDisruption' },
    { name: '20 nodes, 10 NotReady (50%)', conditions: zone(10, 10), want: 'Normal' },
    { name: '2 of 3 without Ready count as not ready', conditions: zone(1, 0, 2), want: 'Normal' },
    { name: 'Unknown counts as not ready', conditions: [ready('Unknown'), ready('Unknown'), ready('Unknown'), ready('True')], want: 'PartialDisruption' },
    { name: 'all ready', conditions: zone(5, 0), want: 'Normal' },
  ])('$name → $want', ({ conditions, want }) => {
    expect(computeZoneState(conditions)).toBe(want);
  });
});

describe('token bucket (burst 1)', () => {
  it('starts full, then refills at qps', () => {
    const b = newBucket(0.1, 0);
    expect(tryAccept(b, 0)).toBe(true);
    expect(tryAccept(b, 0)).toBe(false);
    expect(tryAccept(b, 9_999)).toBe(false);
    expect(tokenAtMs(b, 9_999)).toBe(10_000);
    expect(tryAccept(b, 10_000)).toBe(true);
  });

  it('never accepts at qps 0', () => {
    const b = newBucket(0, 0);
    expect(tryAccept(b, 1e9)).toBe(false);
    expect(tokenAtMs(b, 0)).toBe(Infinity);
  });

  it('caps at one token however long it waited', () => {
    const b = newBucket(0.1, 0);
    tryAccept(b, 0);
    expect(tryAccept(b, 1_000_000)).toBe(true);
    expect(tryAccept(b, 1_000_000)).toBe(false);
  });

  it('a swapped-in limiter is drained when the old one was empty', () => {
    const q = newTimedQueue(0.1, 0);
    tryAccept(q.limiter, 0);
    swapLimiter(q, 0.01, 1_000);
    expect(q.limiter.qps).toBe(0.01);
    expect(tryAccept(q.limiter, 1_000)).toBe(false);
    expect(tokenAtMs(q.limiter, 1_000)).toBe(101_000);
  });
});

describe('RateLimitedTimedQueue', () => {
  it('taints one node per token: the second of two waits 10 s at 0.1/s', () => {
    const q = newTimedQueue(0.1, 0);
    addValue(q, 'node-1', 'u1', 0);
    addValue(q, 'node-2', 'u2', 0);
    const done: [string, number][] = [];
    for (const now of [0, 100, 5_000, 10_000]) tryQueue(q, now, (v) => (done.push([v.value, now]), { done: true }));
    expect(done).toEqual([
      ['node-1', 0],
      ['node-2', 10_000],
    ]);
  });

  it('a processed name stays in the set until removed', () => {
    const q = newTimedQueue(0.1, 0);
    expect(addValue(q, 'node-1', 'u1', 0)).toBe(true);
    tryQueue(q, 0, () => ({ done: true }));
    expect(q.queue).toEqual([]);
    expect(addValue(q, 'node-1', 'u1', 5_000)).toBe(false);
    expect(removeValue(q, 'node-1')).toBe(true);
    expect(addValue(q, 'node-1', 'u1', 5_000)).toBe(true);
  });

  it('a failed action goes back with processAt = now + wait', () => {
    const q = newTimedQueue(10, 0);
    addValue(q, 'node-1', 'u1', 0);
    tryQueue(q, 0, () => ({ done: false, waitMs: 50 }));
    expect(q.queue.map((v) => [v.value, v.processAtMs])).toEqual([['node-1', 50]]);
  });
});

describe('taint helpers', () => {
  const t = (key: string, effect: Taint['effect'], timeAdded?: string): Taint => ({ key, effect, ...(timeAdded ? { timeAdded } : {}) });
  it.each([
    { name: 'append a new taint', current: [t('a', 'NoSchedule')], add: [t('b', 'NoExecute')], remove: [], want: [t('a', 'NoSchedule'), t('b', 'NoExecute')] },
    { name: 'same key, other effect is another taint', current: [t('a', 'NoSchedule')], add: [t('a', 'NoExecute')], remove: [], want: [t('a', 'NoSchedule'), t('a', 'NoExecute')] },
    { name: 'swap keeps the order of the rest', current: [t('x', 'NoSchedule'), t('u', 'NoExecute')], add: [t('n', 'NoExecute')], remove: [t('u', 'NoExecute')], want: [t('x', 'NoSchedule'), t('n', 'NoExecute')] },
    { name: 'removal matches key and effect only', current: [t('u', 'NoExecute', 'T1')], add: [], remove: [t('u', 'NoExecute')], want: [] },
  ])('$name', ({ current, add, remove, want }) => {
    expect(swappedTaints(current, add, remove)).toEqual(want);
  });

  it.each([
    { labels: {}, want: '' },
    { labels: { 'topology.kubernetes.io/zone': 'z1' }, want: ':\u0000:z1' },
    { labels: { 'topology.kubernetes.io/region': 'r', 'failure-domain.beta.kubernetes.io/zone': 'z2' }, want: 'r:\u0000:z2' },
  ])('zoneKey($labels)', ({ labels, want }) => {
    const node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n', labels }, spec: {}, status: {} } as unknown as Node;
    expect(zoneKey(node)).toBe(want);
  });
});
