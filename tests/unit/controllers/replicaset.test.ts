/**
 * The ReplicaSet controller's pure parts against reference §8: slow-start batches, the scale-down
 * victim order (ActivePodsWithRanks.Less, rule by rule), getPodsToDelete, calculateStatus, the
 * pod made from the template, and the expectations bookkeeping.
 */
import { describe, expect, it } from 'vitest';
import type { Pod, ReplicaSet } from '../../../src/engine/api/types.ts';
import { EXPECTATIONS_TIMEOUT_MS, Expectations } from '../../../src/engine/components/controllers/expectations.ts';
import {
  compareForDeletion,
  podDeletionCost,
  podsToDelete,
  rankByRelatedPodsOnSameNode,
} from '../../../src/engine/components/controllers/pod-ranking.ts';
import {
  calculateStatus,
  podFromTemplate,
  slowStartBatch,
  slowStartBatchSizes,
} from '../../../src/engine/components/controllers/replicaset.ts';
import { formatTimestamp } from '../../../src/engine/kernel/time.ts';

const NOW_MS = 1_000_000;

interface PodOpts {
  node?: string;
  phase?: string;
  /** Ready since this many seconds before NOW_MS. */
  readyAgoS?: number;
  notReady?: boolean;
  cost?: string;
  restarts?: number;
  /** Created this many seconds before NOW_MS. */
  createdAgoS?: number;
  uid?: string;
  deleting?: boolean;
  labels?: Record<string, string>;
}

function pod(name: string, o: PodOpts = {}): Pod {
  const conditions = [];
  if (o.readyAgoS !== undefined) conditions.push({ type: 'Ready', status: 'True', lastTransitionTime: formatTimestamp(NOW_MS - o.readyAgoS * 1000) });
  else if (o.notReady) conditions.push({ type: 'Ready', status: 'False', lastTransitionTime: formatTimestamp(0) });
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'default',
      uid: o.uid ?? `uid-${name}`,
      creationTimestamp: formatTimestamp(NOW_MS - (o.createdAgoS ?? 100) * 1000),
      labels: o.labels ?? { app: 'web' },
      ...(o.cost !== undefined ? { annotations: { 'controller.kubernetes.io/pod-deletion-cost': o.cost } } : {}),
      ...(o.deleting ? { deletionTimestamp: formatTimestamp(NOW_MS) } : {}),
    },
    spec: { containers: [{ name: 'app', image: 'nginx' }], ...(o.node ? { nodeName: o.node } : {}) },
    status: {
      phase: (o.phase ?? (o.node ? 'Running' : 'Pending')) as Pod['status']['phase'],
      conditions,
      containerStatuses: o.restarts !== undefined ? [{ name: 'app', restartCount: o.restarts }] : [],
    },
  } as unknown as Pod;
}

const order = (pods: Pod[], ranks?: number[]): string[] =>
  pods
    .map((p, i) => ({ pod: p, rank: ranks?.[i] ?? 0 }))
    .sort((a, b) => compareForDeletion(a, b, NOW_MS))
    .map((r) => r.pod.metadata.name ?? '');

describe('slowStartBatch (reference §8)', () => {
  it.each([
    [10, [1, 2, 4, 3]],
    [5, [1, 2, 2]],
    [1, [1]],
    [0, []],
    [3, [1, 2]],
    [16, [1, 2, 4, 8, 1]],
    [500, [1, 2, 4, 8, 16, 32, 64, 128, 245]],
  ])('creating %i goes in batches %j', (count, sizes) => {
    expect(slowStartBatchSizes(count)).toEqual(sizes);
    let calls = 0;
    expect(slowStartBatch(count, 1, () => calls++)).toEqual({ successes: count });
    expect(calls).toBe(count);
  });

  it.each([
    // [count, failing call numbers (1-based), calls made, successes]
    [10, [1], 1, 0],
    [10, [2], 3, 2],
    [10, [4, 5], 7, 5],
    [10, [10], 10, 9],
  ])('with %i to create and calls %j failing: %i calls made, %i succeed', (count, failing, calls, successes) => {
    let n = 0;
    const r = slowStartBatch(count, 1, () => {
      n++;
      if (failing.includes(n)) throw new Error(`call ${n} failed`);
    });
    expect(n).toBe(calls);
    expect(r.successes).toBe(successes);
    // The first error of the failing batch is reported.
    expect((r.error as Error).message).toBe(`call ${failing[0]} failed`);
  });
});

describe('scale-down victim order (ActivePodsWithRanks.Less)', () => {
  it.each<[string, Pod[], number[] | undefined, string[]]>([
    ['1. unassigned before assigned', [pod('assigned', { node: 'n1', phase: 'Pending' }), pod('unassigned', { phase: 'Pending' })], undefined, ['unassigned', 'assigned']],
    [
      '2. Pending < Unknown < Running',
      [pod('running', { node: 'n1', phase: 'Running' }), pod('unknown', { node: 'n1', phase: 'Unknown' }), pod('pending', { node: 'n1', phase: 'Pending' })],
      undefined,
      ['pending', 'unknown', 'running'],
    ],
    ['3. not ready before ready', [pod('ready', { node: 'n1', readyAgoS: 10 }), pod('notready', { node: 'n1', notReady: true })], undefined, ['notready', 'ready']],
    [
      '4. lower pod-deletion-cost first (negative, none = 0, positive)',
      [pod('cost10', { node: 'n1', cost: '10' }), pod('none', { node: 'n1' }), pod('cost-5', { node: 'n1', cost: '-5' })],
      undefined,
      ['cost-5', 'none', 'cost10'],
    ],
    ['4. a cost that is not an int32 counts as 0', [pod('bad', { node: 'n1', cost: 'abc', createdAgoS: 1000 }), pod('one', { node: 'n1', cost: '1' })], undefined, ['bad', 'one']],
    ['5. more co-located related pods first', [pod('alone', { node: 'n1' }), pod('crowded', { node: 'n2' })], [1, 3], ['crowded', 'alone']],
    ['5. cost is decided before rank', [pod('crowded', { node: 'n2', cost: '5' }), pod('alone', { node: 'n1' })], [3, 1], ['alone', 'crowded']],
    [
      '6. both ready: more recently ready first (different log2 buckets)',
      [pod('ready100s', { node: 'n1', readyAgoS: 100 }), pod('ready10s', { node: 'n1', readyAgoS: 10 }), pod('ready1000s', { node: 'n1', readyAgoS: 1000 })],
      undefined,
      ['ready10s', 'ready100s', 'ready1000s'],
    ],
    [
      '6. ready 5 s and 8 s ago share a log2 bucket (2^32 ns): the lower UID goes first',
      [pod('ready5s', { node: 'n1', readyAgoS: 5, uid: 'b' }), pod('ready8s', { node: 'n1', readyAgoS: 8, uid: 'a' })],
      undefined,
      ['ready8s', 'ready5s'],
    ],
    [
      '6. ready 8 s and 9 s ago are in buckets 32 and 33: the more recent goes first whatever the UID',
      [pod('ready9s', { node: 'n1', readyAgoS: 9, uid: 'a' }), pod('ready8s', { node: 'n1', readyAgoS: 8, uid: 'b' })],
      undefined,
      ['ready8s', 'ready9s'],
    ],
    [
      '7. same ready time: more restarts first',
      [pod('calm', { node: 'n1', readyAgoS: 10, restarts: 0 }), pod('flappy', { node: 'n1', readyAgoS: 10, restarts: 4 })],
      undefined,
      ['flappy', 'calm'],
    ],
    [
      '8. newer creation first',
      [pod('old', { node: 'n1', notReady: true, createdAgoS: 1000 }), pod('new', { node: 'n1', notReady: true, createdAgoS: 10 })],
      undefined,
      ['new', 'old'],
    ],
    [
      '8. creation 5 s and 8 s ago: same bucket, UID decides',
      [pod('c5', { node: 'n1', createdAgoS: 5, uid: 'z' }), pod('c8', { node: 'n1', createdAgoS: 8, uid: 'y' })],
      undefined,
      ['c8', 'c5'],
    ],
    [
      'rules apply in order: unassigned Running beats assigned Pending',
      [pod('assigned-pending', { node: 'n1', phase: 'Pending' }), pod('unassigned-running', { phase: 'Running' })],
      undefined,
      ['unassigned-running', 'assigned-pending'],
    ],
  ])('%s', (_name, pods, ranks, expected) => {
    expect(order(pods, ranks)).toEqual(expected);
    // The comparator is antisymmetric: reversing the input gives the same order.
    expect(order([...pods].reverse(), ranks ? [...ranks].reverse() : undefined)).toEqual(expected);
  });

  it('treats identical pods as equal (a stable sort keeps their order)', () => {
    const a = pod('a', { node: 'n1', readyAgoS: 10, uid: 'same' });
    const b = pod('b', { node: 'n1', readyAgoS: 10, uid: 'same' });
    expect(compareForDeletion({ pod: a, rank: 1 }, { pod: b, rank: 1 }, NOW_MS)).toBe(0);
  });

  it.each([
    ['7', 7],
    ['-2147483648', -2147483648],
    ['2147483648', 0],
    ['1.5', 0],
    ['', 0],
  ])('pod-deletion-cost %j is %i', (v, cost) => {
    expect(podDeletionCost(pod('p', { cost: v }))).toBe(cost);
  });
});

describe('getPodsToDelete', () => {
  it('ranks by active related pods on the same node (inactive ones do not count)', () => {
    const pods = [pod('a', { node: 'n1' }), pod('b', { node: 'n2' })];
    const related = [...pods, pod('c', { node: 'n2' }), pod('d', { node: 'n1', deleting: true }), pod('e', { node: 'n1', phase: 'Failed' })];
    expect(rankByRelatedPodsOnSameNode(pods, related).map((r) => r.rank)).toEqual([1, 2]);
    expect(podsToDelete(pods, related, 1, NOW_MS).map((p) => p.metadata.name)).toEqual(['b']);
  });

  it('without related pods (a ReplicaSet with no controller) every rank is 0', () => {
    const pods = [pod('a', { node: 'n1', createdAgoS: 1000 }), pod('b', { node: 'n1', createdAgoS: 10 }), pod('c', { node: 'n2', createdAgoS: 100 })];
    expect(podsToDelete(pods, [], 2, NOW_MS).map((p) => p.metadata.name)).toEqual(['b', 'c']);
  });

  it('does not sort when every pod goes', () => {
    const pods = [pod('z', { node: 'n1' }), pod('a')];
    expect(podsToDelete(pods, pods, 2, NOW_MS).map((p) => p.metadata.name)).toEqual(['z', 'a']);
  });

  it('a mixed set: pending, not ready, doubled up, then the most recently ready', () => {
    const pods = [
      pod('r-old', { node: 'n1', readyAgoS: 3600 }),
      pod('r-new', { node: 'n2', readyAgoS: 60 }),
      pod('doubled', { node: 'n3', readyAgoS: 3600 }),
      pod('doubled-2', { node: 'n3', readyAgoS: 3600, createdAgoS: 200 }),
      pod('starting', { node: 'n4', phase: 'Running', notReady: true }),
      pod('pending'),
    ];
    const names = podsToDelete(pods, pods, 5, NOW_MS).map((p) => p.metadata.name);
    expect(names).toEqual(['pending', 'starting', 'doubled', 'doubled-2', 'r-new']);
  });
});

const rs = (o: { replicas?: number; minReadySeconds?: number; conditions?: ReplicaSet['status']['conditions'] } = {}): ReplicaSet =>
  ({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'web', namespace: 'default', uid: 'rs-uid', generation: 2 },
    spec: {
      replicas: o.replicas ?? 3,
      minReadySeconds: o.minReadySeconds,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web', tier: 'fe' }, annotations: { a: 'b' } }, spec: { containers: [{ name: 'app', image: 'nginx' }] } },
    },
    status: { replicas: 0, observedGeneration: 1, ...(o.conditions ? { conditions: o.conditions } : {}) },
  }) as unknown as ReplicaSet;

describe('calculateStatus', () => {
  const full = { app: 'web', tier: 'fe' };
  it('counts replicas, fully labeled, ready and available (minReadySeconds 10)', () => {
    const pods = [
      pod('a', { node: 'n1', readyAgoS: 30, labels: full }),
      pod('b', { node: 'n1', readyAgoS: 5, labels: full }),
      pod('c', { node: 'n1', notReady: true }),
    ];
    const s = calculateStatus(rs({ minReadySeconds: 10 }), pods, undefined, NOW_MS);
    expect(s).toEqual({ replicas: 3, fullyLabeledReplicas: 2, readyReplicas: 2, availableReplicas: 1, observedGeneration: 1 });
  });

  it('omits zero counts as the API does', () => {
    expect(calculateStatus(rs(), [], undefined, NOW_MS)).toEqual({ replicas: 0, observedGeneration: 1 });
  });

  it('sets ReplicaFailure FailedCreate on a creation error, then removes it once a sync works', () => {
    const failed = calculateStatus(rs(), [], new Error('pods "web-" is forbidden: no'), NOW_MS);
    expect(failed.conditions).toEqual([
      { type: 'ReplicaFailure', status: 'True', lastTransitionTime: formatTimestamp(NOW_MS), reason: 'FailedCreate', message: 'pods "web-" is forbidden: no' },
    ]);
    // An existing condition is kept as it is while errors continue.
    expect(calculateStatus(rs({ conditions: failed.conditions }), [], new Error('other'), NOW_MS + 5000).conditions).toEqual(failed.conditions);
    expect(calculateStatus(rs({ conditions: failed.conditions }), [], undefined, NOW_MS).conditions).toBeUndefined();
  });

  it('says FailedDelete when there were too many pods', () => {
    const pods = [pod('a'), pod('b')];
    expect(calculateStatus(rs({ replicas: 1 }), pods, new Error('x'), NOW_MS).conditions?.[0].reason).toBe('FailedDelete');
  });
});

describe('podFromTemplate (GetPodFromTemplate)', () => {
  it('copies labels, annotations and spec, and sets generateName and the controller reference', () => {
    const p = podFromTemplate(rs());
    expect(p.metadata).toEqual({
      generateName: 'web-',
      namespace: 'default',
      labels: { app: 'web', tier: 'fe' },
      annotations: { a: 'b' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: 'rs-uid', controller: true, blockOwnerDeletion: true }],
    });
    expect(p.spec).toEqual({ containers: [{ name: 'app', image: 'nginx' }] });
  });
});

describe('Expectations', () => {
  it('is satisfied only once every creation and deletion was observed', () => {
    const e = new Expectations();
    expect(e.satisfied('ns/web', 0)).toBe(true);
    e.expectCreations('ns/web', 2, 0);
    expect(e.satisfied('ns/web', 0)).toBe(false);
    e.creationObserved('ns/web');
    expect(e.satisfied('ns/web', 0)).toBe(false);
    e.creationObserved('ns/web');
    expect(e.satisfied('ns/web', 0)).toBe(true);
    e.expectDeletions('ns/web', ['ns/a', 'ns/b'], 0);
    e.deletionObserved('ns/web', 'ns/a');
    e.deletionObserved('ns/web', 'ns/a');
    expect(e.satisfied('ns/web', 0)).toBe(false);
    e.deletionObserved('ns/web', 'ns/b');
    expect(e.satisfied('ns/web', 0)).toBe(true);
  });

  it('stops waiting after 5 minutes, and survives save/load', () => {
    const e = new Expectations();
    e.expectCreations('ns/web', 1, 1000);
    expect(e.satisfied('ns/web', 1000 + EXPECTATIONS_TIMEOUT_MS)).toBe(false);
    expect(e.satisfied('ns/web', 1001 + EXPECTATIONS_TIMEOUT_MS)).toBe(true);
    const copy = new Expectations();
    copy.load(JSON.parse(JSON.stringify(e.save())));
    expect(copy.get('ns/web')).toEqual({ add: 1, del: [], setAtMs: 1000 });
    copy.forget('ns/web');
    expect(copy.satisfied('ns/web', 1000)).toBe(true);
  });
});
