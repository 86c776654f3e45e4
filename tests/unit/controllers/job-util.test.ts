/**
 * The Job controller's pure rules: the pod-failure back-off (10 s doubling to the 10-minute cap,
 * failures since the last success), completion-index interval lists, the OnFailure restart count
 * against backoffLimit, which pods count as failed or terminating, and kubectl's STATUS cell.
 */
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../src/engine/api/types.ts';
import {
  backoffDelayMs,
  countTerminating,
  firstPendingIndexes,
  formatIndexes,
  isPodFailed,
  nextBackoffRecord,
  parseIndexes,
  pastBackoffLimitOnFailure,
  remainingBackoffMs,
} from '../../../src/engine/components/controllers/job-util-sync.ts';
import type { Job } from '../../../src/engine/components/controllers/job-util.ts';
import { jobStatusCell } from '../../../src/commands/printers/batch-columns.ts';
import { formatTimestamp } from '../../../src/engine/kernel/time.ts';

function pod(o: { phase?: string; finishedAtMs?: number; deleted?: boolean; restarts?: number } = {}): Pod {
  const state: Record<string, Record<string, unknown>> =
    o.finishedAtMs === undefined ? { running: {} } : { terminated: { finishedAt: formatTimestamp(o.finishedAtMs), exitCode: 1 } };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', creationTimestamp: formatTimestamp(0), ...(o.deleted ? { deletionTimestamp: formatTimestamp(5000), deletionGracePeriodSeconds: 30 } : {}) },
    spec: { containers: [{ name: 'c' }] },
    status: { phase: (o.phase ?? 'Running') as Pod['status']['phase'], containerStatuses: [{ name: 'c', ready: false, restartCount: o.restarts ?? 0, image: 'x', state }] },
  } as Pod;
}

function job(spec: Partial<Job['spec']> = {}, conditions: { type: string; status: 'True' | 'False' }[] = []): Job {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'pi' },
    spec: { backoffLimit: 6, template: { spec: { containers: [], restartPolicy: 'Never' } }, ...spec },
    status: { conditions },
  };
}

describe('pod failure back-off', () => {
  it.each([
    [0, 0],
    [1, 10_000],
    [2, 20_000],
    [3, 40_000],
    [4, 80_000],
    [5, 160_000],
    [6, 320_000],
    [7, 600_000],
    [12, 600_000],
  ])('after %i consecutive failures: %i ms', (failures, delayMs) => {
    expect(backoffDelayMs(failures)).toBe(delayMs);
  });

  it('counts failures since the last success and when the last one finished', () => {
    const first = nextBackoffRecord(undefined, [], [pod({ phase: 'Failed', finishedAtMs: 3000 })]);
    expect(first).toEqual({ failuresAfterLastSuccess: 1, lastFailureTimeMs: 3000 });
    const second = nextBackoffRecord(first, [], [pod({ phase: 'Failed', finishedAtMs: 9000 }), pod({ phase: 'Failed', finishedAtMs: 7000 })]);
    expect(second).toEqual({ failuresAfterLastSuccess: 3, lastFailureTimeMs: 9000 });
    // A success resets the count; only failures after it count again.
    const after = nextBackoffRecord(second, [pod({ phase: 'Succeeded', finishedAtMs: 10_000 })], [pod({ phase: 'Failed', finishedAtMs: 12_000 }), pod({ phase: 'Failed', finishedAtMs: 8000 })]);
    expect(after).toEqual({ failuresAfterLastSuccess: 1, lastFailureTimeMs: 12_000 });
    expect(nextBackoffRecord(second, [pod({ phase: 'Succeeded', finishedAtMs: 10_000 })], [])).toEqual({ failuresAfterLastSuccess: 0 });
  });

  it.each([
    [{ failuresAfterLastSuccess: 0 }, 50_000, 0],
    [{ failuresAfterLastSuccess: 1, lastFailureTimeMs: 3000 }, 3000, 10_000],
    [{ failuresAfterLastSuccess: 1, lastFailureTimeMs: 3000 }, 9000, 4000],
    [{ failuresAfterLastSuccess: 1, lastFailureTimeMs: 3000 }, 14_000, 0],
    [{ failuresAfterLastSuccess: 2, lastFailureTimeMs: 3000 }, 14_000, 9000],
  ])('remaining wait for %j at %i ms: %i ms', (rec, nowMs, want) => {
    expect(remainingBackoffMs(rec, nowMs)).toBe(want);
  });
});

describe('completion indexes', () => {
  it.each([
    [[], ''],
    [[0], '0'],
    [[0, 1, 2], '0-2'],
    [[4, 0, 2, 3, 7], '0,2-4,7'],
  ])('%j → %j', (ixs, text) => {
    expect(formatIndexes(ixs)).toBe(text);
    expect([...parseIndexes(text, 100)].sort((a, b) => a - b)).toEqual([...ixs].sort((a, b) => a - b));
  });

  it('drops indexes at or past completions and picks the lowest pending ones', () => {
    expect([...parseIndexes('1,3-6', 5)]).toEqual([1, 3, 4]);
    expect(firstPendingIndexes(new Set([0, 2]), new Set([1]), 2, 6)).toEqual([3, 4]);
    expect(firstPendingIndexes(new Set([0, 1]), new Set(), 5, 3)).toEqual([2]);
  });
});

describe('failed, terminating and OnFailure restarts', () => {
  it('counts a deleted pod as failed unless only failed pods are replaced', () => {
    expect(isPodFailed(pod({ phase: 'Failed' }), job())).toBe(true);
    expect(isPodFailed(pod({ deleted: true }), job())).toBe(true);
    expect(isPodFailed(pod({ deleted: true }), job({ podReplacementPolicy: 'Failed' }))).toBe(false);
    expect(isPodFailed(pod({ phase: 'Succeeded', deleted: true }), job())).toBe(false);
    expect(countTerminating([pod({ deleted: true }), pod({ phase: 'Failed', deleted: true }), pod()])).toBe(1);
  });

  it.each([
    [6, 5, false],
    [6, 6, true],
    [0, 1, true],
    [0, 0, false],
  ])('backoffLimit %i with %i restarts → past the limit: %s', (limit, restarts, want) => {
    const j = job({ backoffLimit: limit, template: { spec: { containers: [], restartPolicy: 'OnFailure' } } });
    expect(pastBackoffLimitOnFailure(j, [pod({ restarts })])).toBe(want);
  });

  it('ignores restarts with restartPolicy Never', () => {
    expect(pastBackoffLimitOnFailure(job({ backoffLimit: 1 }), [pod({ restarts: 3 })])).toBe(false);
  });
});

describe('kubectl get jobs STATUS', () => {
  it.each([
    [[], false, 'Running'],
    [[{ type: 'Suspended', status: 'True' }], false, 'Suspended'],
    [[{ type: 'Suspended', status: 'False' }], false, 'Running'],
    [[{ type: 'FailureTarget', status: 'True' }], false, 'FailureTarget'],
    [[{ type: 'SuccessCriteriaMet', status: 'True' }], false, 'SuccessCriteriaMet'],
    [[{ type: 'SuccessCriteriaMet', status: 'True' }, { type: 'Complete', status: 'True' }], false, 'Complete'],
    [[{ type: 'FailureTarget', status: 'True' }, { type: 'Failed', status: 'True' }], false, 'Failed'],
    [[], true, 'Terminating'],
    [[{ type: 'Complete', status: 'True' }], true, 'Complete'],
  ] as const)('%j (deleting: %s) → %s', (conditions, deleting, want) => {
    const j = job({}, [...conditions]);
    if (deleting) j.metadata.deletionTimestamp = formatTimestamp(0);
    expect(jobStatusCell(j)).toBe(want);
  });
});
