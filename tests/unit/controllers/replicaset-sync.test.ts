/**
 * The ReplicaSet controller against a real API store with no scheduler or kubelet: each test sets
 * pod states itself and checks what the controller writes (pods, events, status, references).
 */
import { describe, expect, it } from 'vitest';
import { EventRecorder } from '../../../src/engine/api/events.ts';
import { ApiStore } from '../../../src/engine/api/store.ts';
import type { KEvent, Pod, PodStatus, ReplicaSet } from '../../../src/engine/api/types.ts';
import { ReplicaSetController } from '../../../src/engine/components/controllers/replicaset.ts';
import { Kernel } from '../../../src/engine/kernel/kernel.ts';
import { formatTimestamp } from '../../../src/engine/kernel/time.ts';
import { Simulation } from '../../../src/engine/simulation.ts';
import { newPod } from '../../support/fixtures.ts';

function bed() {
  const kernel = new Kernel(1);
  const store = new ApiStore(kernel);
  const events = new EventRecorder(store, kernel);
  store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  const controller = new ReplicaSetController({ kernel, store, events });
  controller.start(false);
  const settle = () => kernel.runUntil(kernel.now);
  const pods = () => store.list<Pod>('pods', { namespace: 'default' }).items;
  const activePods = () => pods().filter((p) => !p.metadata.deletionTimestamp);
  const getRs = (name = 'web') => store.get<ReplicaSet>('replicasets', 'default', name);
  const eventList = (reason?: string) =>
    store
      .list<KEvent>('events', { namespace: 'default' })
      .items.filter((e) => reason === undefined || e.reason === reason)
      .map((e) => `${e.type} ${e.reason} ${e.message} x${e.count}`);
  const setStatus = (name: string, status: Partial<PodStatus>) => {
    const p = store.get<Pod>('pods', 'default', name);
    store.update({ ...p, status: { ...p.status, ...status } }, { subresource: 'status' });
  };
  const scale = (replicas: number, name = 'web') => {
    const rs = getRs(name);
    store.update({ ...rs, spec: { ...rs.spec, replicas } });
    settle();
  };
  return { kernel, store, controller, settle, pods, activePods, getRs, eventList, setStatus, scale };
}

function replicaSet(o: { name?: string; replicas?: number; labels?: Record<string, string>; minReadySeconds?: number; priorityClassName?: string } = {}) {
  const labels = o.labels ?? { app: 'web' };
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: o.name ?? 'web', namespace: 'default' },
    spec: {
      replicas: o.replicas ?? 3,
      ...(o.minReadySeconds !== undefined ? { minReadySeconds: o.minReadySeconds } : {}),
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: { containers: [{ name: 'app', image: 'nginx:1.27' }], ...(o.priorityClassName ? { priorityClassName: o.priorityClassName } : {}) },
      },
    },
  };
}

const ready = (sinceMs: number): Partial<PodStatus> => ({
  phase: 'Running',
  conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: formatTimestamp(sinceMs) }],
});

describe('ReplicaSet controller: creating', () => {
  it('creates the missing pods from the template, with events and status', () => {
    const b = bed();
    const rs = b.store.create<ReplicaSet>(replicaSet({ replicas: 3 }));
    b.settle();
    const pods = b.pods();
    expect(pods).toHaveLength(3);
    for (const p of pods) {
      expect(p.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(p.metadata.generateName).toBe('web-');
      expect(p.metadata.labels).toEqual({ app: 'web' });
      expect(p.metadata.ownerReferences).toEqual([
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: rs.metadata.uid, controller: true, blockOwnerDeletion: true },
      ]);
    }
    expect(b.eventList().sort()).toEqual(pods.map((p) => `Normal SuccessfulCreate Created pod: ${p.metadata.name} x1`).sort());
    const ev = b.store.list<KEvent>('events', { namespace: 'default' }).items[0];
    expect(ev.source).toEqual({ component: 'replicaset-controller' });
    expect(b.getRs().status).toEqual({ replicas: 3, fullyLabeledReplicas: 3, observedGeneration: 1 });
    expect(b.controller.expectationsFor('default/web')).toEqual({ add: 0, del: [], setAtMs: 0 });
  });

  it('creates at most 500 pods per sync (burstReplicas)', () => {
    const b = bed();
    const seen: number[] = [];
    b.store.watch('replicasets', (e) => {
      const r = e.object as ReplicaSet;
      if (e.type === 'MODIFIED') seen.push(r.status.replicas);
    });
    b.store.create(replicaSet({ replicas: 600 }));
    b.settle();
    // Each sync writes the status of the pods it listed before acting (calculateStatus runs on
    // filteredPods), so the first write says 0 while 500 pods were just created.
    expect(seen).toEqual([0, 500, 600]);
    expect(b.pods()).toHaveLength(600);
  });

  it('tries one pod when creation fails (slow start), records FailedCreate and ReplicaFailure, and backs off', () => {
    const b = bed();
    let attempts = 0;
    b.store.watch('events', (e) => {
      if (e.type !== 'DELETED' && (e.object as KEvent).reason === 'FailedCreate') attempts++;
    });
    b.store.create(replicaSet({ replicas: 10, priorityClassName: 'missing' }));
    b.settle();
    expect(b.pods()).toHaveLength(0);
    // One attempt per sync, not ten: the first sync, and the one its own status write (the new
    // ReplicaFailure condition) triggers, as updateRS enqueues on every update.
    expect(attempts).toBe(2);
    expect(b.eventList()).toEqual(['Warning FailedCreate Error creating: pods is forbidden: no PriorityClass with name missing was found x2']);
    expect(b.getRs().status.conditions).toEqual([
      { type: 'ReplicaFailure', status: 'True', lastTransitionTime: formatTimestamp(0), reason: 'FailedCreate', message: 'pods is forbidden: no PriorityClass with name missing was found' },
    ]);
    // Then retries with exponential back-off (5 ms, 10 ms, 20 ms...), one attempt each, the event aggregated.
    b.kernel.runUntil(35);
    expect(b.eventList()).toEqual([`Warning FailedCreate Error creating: pods is forbidden: no PriorityClass with name missing was found x${attempts}`]);
    expect(attempts).toBe(5);
    // Once the class exists the pods are created and the condition goes.
    b.store.create({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'missing' }, value: 10 });
    b.kernel.runUntil(100);
    expect(b.pods()).toHaveLength(10);
    expect(b.getRs().status.conditions).toBeUndefined();
  });

  it('replaces a deleted pod at once', () => {
    const b = bed();
    b.store.create(replicaSet({ replicas: 2 }));
    b.settle();
    const [first] = b.pods();
    b.kernel.runUntil(1000);
    b.store.delete('pods', 'default', first.metadata.name ?? '');
    b.settle();
    expect(b.pods()).toHaveLength(2);
    expect(b.pods().map((p) => p.metadata.name)).not.toContain(first.metadata.name);
    expect(b.eventList('SuccessfulCreate')).toHaveLength(3);
  });

  it('a pod being deleted (graceful) no longer counts: a replacement is created meanwhile', () => {
    const b = bed();
    b.store.create({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' } });
    b.store.create(replicaSet({ replicas: 1 }));
    b.settle();
    const [p] = b.pods();
    b.store.bind('default', p.metadata.name ?? '', 'n1');
    b.setStatus(p.metadata.name ?? '', ready(0));
    b.store.delete('pods', 'default', p.metadata.name ?? '');
    b.settle();
    expect(b.pods()).toHaveLength(2);
    expect(b.activePods()).toHaveLength(1);
    expect(b.getRs().status.replicas).toBe(1);
  });
});

describe('ReplicaSet controller: scaling down', () => {
  it('deletes the pods §8 ranks first and records SuccessfulDelete', () => {
    const b = bed();
    b.store.create(replicaSet({ replicas: 4 }));
    b.settle();
    const names = b.pods().map((p) => p.metadata.name ?? '');
    // names[0]: unscheduled; names[1]: Running not ready; names[2], names[3]: ready, [3] more recently.
    b.kernel.runUntil(100_000);
    for (const n of names.slice(1)) b.store.bind('default', n, 'n1');
    b.setStatus(names[1], { phase: 'Running' });
    b.setStatus(names[2], ready(10_000));
    b.setStatus(names[3], ready(90_000));
    b.scale(1);
    expect(b.pods().map((p) => p.metadata.name)).toEqual([names[2]].concat(names.slice(1, 4).filter((n) => n !== names[2])).sort());
    expect(b.activePods().map((p) => p.metadata.name)).toEqual([names[2]]);
    expect(b.eventList('SuccessfulDelete').sort()).toEqual([0, 1, 3].map((i) => `Normal SuccessfulDelete Deleted pod: ${names[i]} x1`).sort());
    expect(b.getRs().status.replicas).toBe(1);
  });

  it('prefers pods on nodes crowded with pods of the same Deployment (rank over related ReplicaSets)', () => {
    const b = bed();
    const owner = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'deploy-uid', controller: true, blockOwnerDeletion: true };
    const withOwner = (o: ReturnType<typeof replicaSet>) => ({ ...o, metadata: { ...o.metadata, ownerReferences: [owner] } });
    b.store.create(withOwner(replicaSet({ name: 'web-old', replicas: 2, labels: { app: 'web', hash: 'old' } })));
    b.store.create(withOwner(replicaSet({ name: 'web-new', replicas: 2, labels: { app: 'web', hash: 'new' } })));
    b.settle();
    const byRs = (rs: string) => b.pods().filter((p) => p.metadata.ownerReferences?.[0].name === rs).map((p) => p.metadata.name ?? '');
    const [old1, old2] = byRs('web-old');
    const [new1, new2] = byRs('web-new');
    b.kernel.runUntil(100_000);
    // n1: old1 + new1 + new2 (3 related pods); n2: old2 alone. All ready at the same moment.
    for (const [pod, node] of [[old1, 'n1'], [new1, 'n1'], [new2, 'n1'], [old2, 'n2']]) {
      b.store.bind('default', pod, node);
      b.setStatus(pod, ready(50_000));
    }
    b.scale(1, 'web-old');
    expect(b.activePods().map((p) => p.metadata.name).sort()).toEqual([old2, new1, new2].sort());
  });
});

describe('ReplicaSet controller: ownership', () => {
  it('adopts a matching orphan instead of creating a pod, and leaves pods of other controllers alone', () => {
    const b = bed();
    b.store.create(newPod('orphan', { labels: { app: 'web' } }));
    const foreign = newPod('foreign', { labels: { app: 'web' } });
    foreign.metadata.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'other', uid: 'other-uid', controller: true }];
    b.store.create(foreign);
    const rs = b.store.create<ReplicaSet>(replicaSet({ replicas: 2 }));
    b.settle();
    const orphan = b.store.get('pods', 'default', 'orphan');
    expect(orphan.metadata.ownerReferences).toEqual([
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: rs.metadata.uid, controller: true, blockOwnerDeletion: true },
    ]);
    expect(b.store.get('pods', 'default', 'foreign').metadata.ownerReferences?.[0].uid).toBe('other-uid');
    expect(b.pods()).toHaveLength(3);
    expect(b.eventList('SuccessfulCreate')).toHaveLength(1);
  });

  it('adopts an orphan that starts matching later and then has one too many', () => {
    const b = bed();
    b.store.create(replicaSet({ replicas: 1 }));
    b.settle();
    b.store.create(newPod('stray', { labels: { app: 'other' } }));
    b.settle();
    const stray = b.store.get('pods', 'default', 'stray');
    b.kernel.runUntil(10_000);
    b.store.update({ ...stray, metadata: { ...stray.metadata, labels: { app: 'web' } } });
    b.settle();
    // Two pods, one too many: the newer (stray, created later) goes.
    expect(b.activePods()).toHaveLength(1);
    expect(b.eventList('SuccessfulDelete')).toEqual(['Normal SuccessfulDelete Deleted pod: stray x1']);
  });

  it('releases a pod whose labels no longer match and creates a replacement', () => {
    const b = bed();
    b.store.create(replicaSet({ replicas: 1 }));
    b.settle();
    const [p] = b.pods();
    b.store.update({ ...p, metadata: { ...p.metadata, labels: { app: 'debug' } } });
    b.settle();
    const released = b.store.get('pods', 'default', p.metadata.name ?? '');
    expect(released.metadata.ownerReferences).toBeUndefined();
    expect(b.pods()).toHaveLength(2);
    expect(b.getRs().status.replicas).toBe(1);
  });

  it('does nothing for a ReplicaSet being deleted (no creations, no adoption)', () => {
    const b = bed();
    const rs = b.store.create<ReplicaSet>({ ...replicaSet({ replicas: 2 }), metadata: { name: 'web', namespace: 'default', finalizers: ['test/hold'] } });
    b.store.create(newPod('orphan', { labels: { app: 'web' } }));
    b.store.delete('replicasets', 'default', 'web');
    b.settle();
    expect(b.pods().map((p) => p.metadata.name)).toEqual(['orphan']);
    expect(b.store.get('pods', 'default', 'orphan').metadata.ownerReferences).toBeUndefined();
    expect(rs.metadata.uid).toBeDefined();
  });
});

describe('ReplicaSet controller: availability', () => {
  it('counts a pod available just after minReadySeconds have passed since it became ready', () => {
    const b = bed();
    b.store.create(replicaSet({ replicas: 1, minReadySeconds: 10 }));
    b.settle();
    const [p] = b.pods();
    b.kernel.runUntil(2000);
    b.store.bind('default', p.metadata.name ?? '', 'n1');
    b.setStatus(p.metadata.name ?? '', ready(2000));
    b.settle();
    expect(b.getRs().status).toMatchObject({ readyReplicas: 1 });
    expect(b.getRs().status.availableReplicas).toBeUndefined();
    // IsPodAvailable: ready-since + minReadySeconds must be strictly before now.
    b.kernel.runUntil(12_000);
    expect(b.getRs().status.availableReplicas).toBeUndefined();
    b.kernel.runUntil(12_001);
    expect(b.getRs().status.availableReplicas).toBe(1);
  });

  it('survives a snapshot: save/load keeps expectations and wake-ups', () => {
    const b = bed();
    b.store.create(replicaSet({ replicas: 2, minReadySeconds: 5 }));
    b.settle();
    const state = JSON.parse(JSON.stringify(b.controller.save())) as ReturnType<ReplicaSetController['save']>;
    expect(state.expectations).toEqual([['default/web', { add: 0, del: [], setAtMs: 0 }]]);
    const copy = new ReplicaSetController({ kernel: new Kernel(1), store: b.store, events: new EventRecorder(b.store, b.kernel) });
    copy.load(state);
    expect(copy.save()).toEqual(state);
  });
});

describe('ReplicaSet controller in a new cluster', () => {
  it('leaves the CoreDNS ReplicaSet and its bootstrap pods alone and reports their status', () => {
    const sim = Simulation.create(1);
    const rs = sim.store.list<ReplicaSet>('replicasets', { namespace: 'kube-system' }).items;
    expect(rs).toHaveLength(1);
    expect(rs[0].status).toMatchObject({ replicas: 2, readyReplicas: 2, availableReplicas: 2, fullyLabeledReplicas: 2, observedGeneration: 1 });
    const pods = sim.store.list<Pod>('pods', { namespace: 'kube-system' }).items.filter((p) => p.metadata.name?.startsWith('coredns-'));
    expect(pods).toHaveLength(2);
    const reasons = sim.store.list<KEvent>('events', { namespace: 'kube-system' }).items.map((e) => e.reason);
    expect(reasons).not.toContain('SuccessfulCreate');
    expect(reasons).not.toContain('SuccessfulDelete');
  });
});

describe('ReplicaSet controller and garbage collector across a snapshot', () => {
  const labels = { app: 'web' };
  const webRs = (replicas: number, minReadySeconds = 0) => ({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'web', namespace: 'default' },
    spec: { replicas, minReadySeconds, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] } } },
  });
  /** Scale, delete a pod, delete in foreground: each step then some time. */
  const steps: ((sim: Simulation) => void)[] = [
    (sim) => sim.store.create(webRs(4, 5)),
    (sim) => {
      const rs = sim.store.get<ReplicaSet>('replicasets', 'default', 'web');
      sim.store.update({ ...rs, spec: { ...rs.spec, replicas: 2 } });
    },
    (sim) => {
      const [p] = sim.store.list<Pod>('pods', { namespace: 'default' }).items;
      sim.store.delete('pods', 'default', p.metadata.name ?? '');
    },
    (sim) => sim.store.delete('replicasets', 'default', 'web', { propagationPolicy: 'Foreground' }),
  ];

  it.each([1, 2, 3])('restoring after step %i and going on gives the same trace as an uninterrupted run', (cut) => {
    const run = (restoreAt?: number) => {
      let sim = Simulation.create(3, { nodes: 2 });
      steps.forEach((step, i) => {
        if (i === restoreAt) sim = Simulation.restore(JSON.parse(JSON.stringify(sim.snapshot())));
        step(sim);
        sim.settle();
        sim.advance(i === 0 ? 3000 : 20_000);
      });
      return sim;
    };
    const straight = run();
    expect(straight.store.tryGet('replicasets', 'default', 'web')).toBeUndefined();
    expect(run(cut).traceHash()).toBe(straight.traceHash());
  });
});
