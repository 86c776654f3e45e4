/**
 * The StatefulSet controller's core as tables (stateful_set_control.go / stateful_set_utils.go,
 * v1.31): ordinals in pod names, the pods one sync creates or deletes under OrderedReady and
 * Parallel, scale-down from the highest ordinal, the RollingUpdate order (highest ordinal first,
 * down to the partition) and which revision a recreated pod gets.
 */
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../src/engine/api/types.ts';
import type { ControllerRevision } from '../../../src/engine/components/controllers/history.ts';
import {
  completeRollingUpdate,
  newVersionedPod,
  parentAndOrdinal,
  updateStatefulSet,
  type SetOps,
  type StatefulSet,
} from '../../../src/engine/components/controllers/statefulset-control.ts';

const TEMPLATE = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } };

function set(replicas: number, opts: { policy?: string; partition?: number; onDelete?: boolean; currentRevision?: string } = {}): StatefulSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'web', namespace: 'default', uid: 'sts-uid', generation: 1 },
    spec: {
      replicas,
      serviceName: 'nginx',
      selector: { matchLabels: { app: 'web' } },
      podManagementPolicy: opts.policy ?? 'OrderedReady',
      updateStrategy: opts.onDelete ? { type: 'OnDelete' } : { type: 'RollingUpdate', rollingUpdate: { partition: opts.partition ?? 0 } },
      template: TEMPLATE,
    },
    status: { replicas: 0, availableReplicas: 0, currentRevision: opts.currentRevision },
  } as StatefulSet;
}

function revision(name: string, n: number): ControllerRevision {
  return { apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata: { name, namespace: 'default' }, data: { spec: { template: { ...TEMPLATE, $patch: 'replace' } } }, revision: n };
}

const REV_A = revision('web-a', 1);
const REV_B = revision('web-b', 2);

type State = 'ready' | 'pending' | 'terminating' | 'failed';

/** `web-<ordinal>` at a revision, in a state. */
function pod(ordinal: number, rev = 'web-a', state: State = 'ready'): Pod {
  const metadata: Pod['metadata'] = {
    name: `web-${ordinal}`,
    namespace: 'default',
    labels: { app: 'web', 'controller-revision-hash': rev, 'statefulset.kubernetes.io/pod-name': `web-${ordinal}` },
  };
  if (state === 'terminating') metadata.deletionTimestamp = '2025-01-01T00:00:30Z';
  const phase = state === 'pending' ? 'Pending' : state === 'failed' ? 'Failed' : 'Running';
  const ready = state === 'ready' || state === 'terminating';
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec: { containers: [] }, status: { phase, conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] } } as Pod;
}

/** Runs one sync with ops that only record what they were asked to do. */
function sync(s: StatefulSet, pods: Pod[], update = REV_A, current = REV_A): { log: string[]; status: ReturnType<typeof updateStatefulSet>; created: Pod[] } {
  const log: string[] = [];
  const created: Pod[] = [];
  const ops: SetOps = {
    createPod: (_s, p) => {
      log.push(`create ${p.metadata.name}`);
      created.push(p);
    },
    deletePod: (_s, p) => void log.push(`delete ${p.metadata.name}`),
    updatePod: (_s, p) => void log.push(`update ${p.metadata.name}`),
  };
  const status = updateStatefulSet(s, { current, update, collisionCount: 0 }, pods, ops, 0);
  return { log, status, created };
}

describe('ordinals', () => {
  it.each<[string, string, number]>([
    ['web-0', 'web', 0],
    ['web-12', 'web', 12],
    ['my-app-3', 'my-app', 3],
    ['web', '', -1],
    ['web-x', '', -1],
    ['web-99999999999', '', -1],
  ])('%s → parent %j, ordinal %d', (name, parent, ordinal) => {
    expect(parentAndOrdinal(name)).toEqual({ parent, ordinal });
  });
});

describe('one sync', () => {
  it.each<[string, StatefulSet, Pod[], string[]]>([
    ['OrderedReady, nothing yet: only web-0', set(3), [], ['create web-0']],
    ['OrderedReady, web-0 ready: web-1 next', set(3), [pod(0)], ['create web-1']],
    ['OrderedReady, web-0 not ready yet: wait', set(3), [pod(0, 'web-a', 'pending')], []],
    ['OrderedReady, a gap at web-1 is filled before web-2 is considered', set(3), [pod(0), pod(2)], ['create web-1']],
    ['OrderedReady, a failed pod is deleted (recreated on a later sync)', set(2), [pod(0, 'web-a', 'failed'), pod(1)], ['delete web-0']],
    ['Parallel: every missing pod at once', set(3, { policy: 'Parallel' }), [], ['create web-0', 'create web-1', 'create web-2']],
    ['Parallel: does not wait for unready pods', set(3, { policy: 'Parallel' }), [pod(0, 'web-a', 'pending')], ['create web-1', 'create web-2']],
    ['scale down to 1: the highest ordinal goes first', set(1), [pod(0), pod(1), pod(2)], ['delete web-2']],
    ['scale down waits for the terminating one', set(1), [pod(0), pod(1), pod(2, 'web-a', 'terminating')], []],
    ['scale down waits while a lower replica is unhealthy', set(1), [pod(0, 'web-a', 'pending'), pod(1), pod(2)], []],
    ['Parallel scale down: all condemned at once, highest first', set(1, { policy: 'Parallel' }), [pod(0), pod(1), pod(2)], ['delete web-2', 'delete web-1']],
  ])('%s', (_n, s, pods, want) => {
    expect(sync(s, pods).log).toEqual(want);
  });

  it('creates web-N with its identity: name, pod-name and pod-index labels, hostname, subdomain, revision', () => {
    const { created } = sync(set(1), []);
    expect(created[0].metadata).toMatchObject({
      name: 'web-0',
      generateName: 'web-',
      labels: { app: 'web', 'apps.kubernetes.io/pod-index': '0', 'statefulset.kubernetes.io/pod-name': 'web-0', 'controller-revision-hash': 'web-a' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 'sts-uid', controller: true, blockOwnerDeletion: true }],
    });
    expect(created[0].spec).toMatchObject({ hostname: 'web-0', subdomain: 'nginx' });
  });
});

describe('RollingUpdate', () => {
  const all = (revs: string[], states: State[] = []) => revs.map((r, i) => pod(i, r, states[i] ?? 'ready'));

  it.each<[string, StatefulSet, Pod[], string[]]>([
    ['all at the old revision: web-2 first', set(3), all(['web-a', 'web-a', 'web-a']), ['delete web-2']],
    ['web-2 updated and ready: web-1 next', set(3), all(['web-a', 'web-a', 'web-b']), ['delete web-1']],
    ['web-1 updated and ready: web-0 last', set(3), all(['web-a', 'web-b', 'web-b']), ['delete web-0']],
    ['web-2 updated but not ready: wait', set(3), all(['web-a', 'web-a', 'web-b'], ['ready', 'ready', 'pending']), []],
    ['partition 2: only web-2 is updated', set(3, { partition: 2 }), all(['web-a', 'web-a', 'web-b']), []],
    ['partition 1: web-1 but never web-0', set(3, { partition: 1 }), all(['web-a', 'web-a', 'web-b']), ['delete web-1']],
    ['OnDelete: the controller replaces nothing', set(3, { onDelete: true }), all(['web-a', 'web-a', 'web-a']), []],
    ['everything updated: nothing to do', set(3), all(['web-b', 'web-b', 'web-b']), []],
  ])('%s', (_n, s, pods, want) => {
    expect(sync(s, pods, REV_B, REV_A).log).toEqual(want);
  });

  it('a pod recreated below the partition comes from the current revision, at or above from the update revision', () => {
    const s = set(3, { partition: 2 });
    expect(newVersionedPod(s, s, 'web-a', 'web-b', 1).metadata.labels?.['controller-revision-hash']).toBe('web-a');
    expect(newVersionedPod(s, s, 'web-a', 'web-b', 2).metadata.labels?.['controller-revision-hash']).toBe('web-b');
  });

  it('status counts current and updated replicas; a finished update makes the update revision current', () => {
    const s = set(3);
    const { status } = sync(s, all(['web-b', 'web-b', 'web-b']), REV_B, REV_A);
    expect(status).toMatchObject({ replicas: 3, readyReplicas: 3, availableReplicas: 3, currentReplicas: 0, updatedReplicas: 3, currentRevision: 'web-a', updateRevision: 'web-b' });
    completeRollingUpdate(s, status);
    expect(status).toMatchObject({ currentReplicas: 3, currentRevision: 'web-b' });
    const midway = sync(s, all(['web-a', 'web-a', 'web-a']), REV_B, REV_A).status;
    // The deleted web-2 no longer counts as current.
    expect(midway).toMatchObject({ currentReplicas: 2, updatedReplicas: 0 });
  });
});
