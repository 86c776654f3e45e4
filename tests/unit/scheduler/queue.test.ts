/**
 * The scheduling queue (kube-scheduler's PriorityQueue, v1.31 without queueing hints):
 * PrioritySort order, back-off by attempts (calculateBackoffDuration), moves on cluster events
 * (only pods a plugin that registered the event rejected; pods without rejector plugins always),
 * flushBackoffQCompleted and flushUnschedulablePodsLeftover timing (the strict 5-minute rule),
 * and save/load.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Pod } from '../../../src/engine/api/types.ts';
import type { ClusterEvent, QueuedPodInfo } from '../../../src/engine/components/scheduler/framework/types.ts';
import { prioritySortLess } from '../../../src/engine/components/scheduler/plugins/priority-sort.ts';
import {
  BACKOFF_FLUSH_PERIOD_MS,
  SchedulingQueue,
  UNSCHEDULABLE_FLUSH_PERIOD_MS,
  UNSCHEDULABLE_MAX_MS,
} from '../../../src/engine/components/scheduler/queue.ts';
import { Simulation } from '../../../src/engine/simulation.ts';
import { info, newPod } from './fixtures.ts';

const S = 1000;
const newQueue = (initialMs = 1 * S, maxMs = 10 * S) => new SchedulingQueue(prioritySortLess, { initialMs, maxMs });
const pi = (name: string, priority = 0, labels?: Record<string, string>) => info(newPod(name, { priority, labels }));
const keys = (qs: readonly QueuedPodInfo[]) => qs.map((q) => q.podInfo.key);

/** Adds a pod at `at`, pops it, and fails it at `failAt` with those rejector plugins (unschedulable, or moved if `moveRequested`). */
function failOnce(q: SchedulingQueue, name: string, at: number, failAt: number, plugins: string[] = [], moveRequested = false): QueuedPodInfo {
  q.add(pi(name), at);
  const popped = q.popAll().find((x) => x.podInfo.key === `default/${name}`)!;
  popped.unschedulablePlugins = new Set(plugins);
  q.addUnschedulable(popped, failAt, moveRequested);
  return popped;
}

const whereOf = (q: SchedulingQueue, name: string) => q.list().find((e) => e.key === `default/${name}`)?.where;

describe('PrioritySort', () => {
  it('higher priority first, then the earlier queue time', () => {
    const q = newQueue();
    q.add(pi('low-early', 0), 0);
    q.add(pi('high-late', 100), 30);
    q.add(pi('mid', 50), 10);
    q.add(pi('high-early', 100), 20);
    q.add(pi('low-late', 0), 40);
    q.add(pi('negative', -10), 5);
    expect(keys(q.popAll())).toEqual(['default/high-early', 'default/high-late', 'default/mid', 'default/low-early', 'default/low-late', 'default/negative']);
  });

  it('pop() takes the same order one at a time, counting attempts', () => {
    const q = newQueue();
    q.add(pi('a', 0), 0);
    q.add(pi('b', 10), 1);
    q.add(pi('c', 10), 2);
    const order: string[] = [];
    for (let p = q.pop(); p; p = q.pop()) {
      order.push(p.podInfo.key);
      expect(p.attempts).toBe(1);
    }
    expect(order).toEqual(['default/b', 'default/c', 'default/a']);
    expect(q.count('active')).toBe(0);
  });

  it('prioritySortLess is the plugin Less: p1 > p2, or equal and an earlier timestamp', () => {
    const qpi = (priority: number, timestamp: number): QueuedPodInfo => ({
      podInfo: pi('x', priority),
      timestamp,
      attempts: 0,
      initialAttemptTimestamp: timestamp,
      unschedulablePlugins: new Set(),
    });
    expect(prioritySortLess(qpi(1, 5), qpi(0, 0))).toBe(true);
    expect(prioritySortLess(qpi(0, 0), qpi(1, 5))).toBe(false);
    expect(prioritySortLess(qpi(0, 0), qpi(0, 1))).toBe(true);
    expect(prioritySortLess(qpi(0, 1), qpi(0, 0))).toBe(false);
    expect(prioritySortLess(qpi(0, 1), qpi(0, 1))).toBe(false);
  });

  it('a failed attempt refreshes the queue time: the pod goes behind pods of its priority', () => {
    const q = newQueue();
    q.add(pi('a'), 0);
    q.add(pi('b'), 1);
    const a = q.pop()!;
    expect(a.podInfo.key).toBe('default/a');
    q.addUnschedulable(a, 5 * S, true);
    q.flushBackoff(6 * S);
    expect(keys(q.popAll())).toEqual(['default/b', 'default/a']);
  });

  it('a pod is not queued twice: add while queued refreshes it, add while in flight is ignored', () => {
    const q = newQueue();
    q.add(pi('a', 0), 0);
    q.add(pi('a', 7), 50);
    expect(q.peek('default/a')?.podInfo.pod.spec.priority).toBe(7);
    expect(q.peek('default/a')?.timestamp).toBe(0);
    const a = q.pop()!;
    q.add(pi('a'), 60);
    expect(q.peek('default/a')).toBeUndefined();
    expect(q.has('default/a')).toBe(true);
    q.done(a.podInfo.key);
    expect(q.has('default/a')).toBe(false);
  });

  it('delete removes a queued or in-flight pod', () => {
    const q = newQueue();
    q.add(pi('a'), 0);
    q.add(pi('b'), 0);
    q.pop();
    q.delete('default/a');
    q.delete('default/b');
    expect(q.has('default/a')).toBe(false);
    expect(q.has('default/b')).toBe(false);
    expect(q.list()).toEqual([]);
  });
});

describe('back-off', () => {
  // calculateBackoffDuration: initial × 2^(attempts−1), capped at the maximum.
  it.each([
    [1, 1 * S],
    [2, 2 * S],
    [3, 4 * S],
    [4, 8 * S],
    [5, 10 * S],
    [6, 10 * S],
    [20, 10 * S],
  ])('attempt %i → %i ms (defaults 1 s / 10 s)', (attempts, ms) => {
    expect(newQueue().backoffMs(attempts)).toBe(ms);
  });

  it.each([
    [3 * S, 10 * S, [3, 6, 10, 10]],
    [5 * S, 10 * S, [5, 10, 10]],
    [2 * S, 60 * S, [2, 4, 8, 16, 32, 60, 60]],
    [7 * S, 7 * S, [7, 7, 7]],
  ])('initial %i ms, max %i ms → %j s', (initial, max, seconds) => {
    const q = newQueue(initial, max);
    expect(seconds.map((_, i) => q.backoffMs(i + 1))).toEqual(seconds.map((s) => s * S));
  });

  it('back-off counts from the failure: a pod failing its n-th attempt leaves backoffQ at failure + backoff(n)', () => {
    for (let n = 1; n <= 6; n++) {
      const q = newQueue();
      q.add(pi('a'), 0);
      let popped = q.pop()!;
      for (let k = 1; k < n; k++) {
        q.addUnschedulable(popped, 0, true);
        q.flushBackoff(1_000_000);
        popped = q.pop()!;
      }
      expect(popped.attempts).toBe(n);
      const failedAt = 100 * S;
      q.addUnschedulable(popped, failedAt, true);
      const until = failedAt + q.backoffMs(n);
      expect(whereOf(q, 'a')).toBe('backoff');
      expect(q.list()[0].backoffUntil).toBe(until);
      expect(q.flushBackoff(until - 1)).toBe(0);
      expect(whereOf(q, 'a')).toBe('backoff');
      // isPodBackingoff: backoffTime.After(now) — done at exactly the expiry.
      expect(q.flushBackoff(until)).toBe(1);
      expect(whereOf(q, 'a')).toBe('active');
    }
  });

  it('flushBackoff moves every expired pod and only those', () => {
    const q = newQueue();
    failOnce(q, 'a', 0, 0, [], true); // 1 s
    failOnce(q, 'b', 0, 500, [], true); // until 1.5 s
    failOnce(q, 'c', 0, 2 * S, [], true); // until 3 s
    expect(q.count('backoff')).toBe(3);
    expect(q.flushBackoff(1500)).toBe(2);
    expect(q.count('active')).toBe(2);
    expect(q.count('backoff')).toBe(1);
    expect(q.flushBackoff(2999)).toBe(0);
    expect(q.flushBackoff(3000)).toBe(1);
  });

  it('on the 1 s flush ticks, a pod failing at 2.3 s (attempt 1) becomes active at the 4 s tick', () => {
    const q = newQueue();
    failOnce(q, 'a', 0, 2300, [], true);
    let at = 0;
    for (let t = BACKOFF_FLUSH_PERIOD_MS; t <= 10 * S && at === 0; t += BACKOFF_FLUSH_PERIOD_MS) if (q.flushBackoff(t) > 0) at = t;
    expect(at).toBe(4 * S);
  });
});

describe('unschedulable pods and cluster events', () => {
  /** Which events each plugin registered (a table, as EventsToRegister gives them). */
  const REGISTERED: Record<string, ClusterEvent[]> = {
    NodeResourcesFit: [
      { resource: 'Pod', action: 'Delete' },
      { resource: 'Node', action: 'Add' },
      { resource: 'Node', action: 'UpdateNodeAllocatable' },
    ],
    TaintToleration: [
      { resource: 'Node', action: 'Add' },
      { resource: 'Node', action: 'UpdateNodeTaint' },
    ],
    NodeAffinity: [
      { resource: 'Node', action: 'Add' },
      { resource: 'Node', action: 'UpdateNodeLabel' },
    ],
    ImageLocality: [],
  };
  const interested = (plugin: string, ev: ClusterEvent) => (REGISTERED[plugin] ?? []).some((r) => r.resource === ev.resource && r.action === ev.action);

  function setup() {
    const q = newQueue();
    failOnce(q, 'fit', 0, 0, ['NodeResourcesFit']);
    failOnce(q, 'taint', 0, 0, ['TaintToleration']);
    failOnce(q, 'affinity', 0, 0, ['NodeAffinity']);
    failOnce(q, 'fit-and-taint', 0, 0, ['NodeResourcesFit', 'TaintToleration']);
    failOnce(q, 'no-plugin', 0, 0, []);
    failOnce(q, 'score-only', 0, 0, ['ImageLocality']);
    return q;
  }
  const unschedulable = ['affinity', 'fit', 'fit-and-taint', 'no-plugin', 'score-only', 'taint'];
  const moved = (q: SchedulingQueue) =>
    q
      .list()
      .filter((e) => e.where !== 'unschedulable')
      .map((e) => e.key.slice('default/'.length))
      .sort();

  it('a failed attempt waits as unschedulable', () => {
    const q = setup();
    expect(q.count('unschedulable')).toBe(6);
    expect(q.count('active') + q.count('backoff')).toBe(0);
    expect(q.list().every((e) => e.attempts === 1)).toBe(true);
  });

  // [event, pods moved]
  const cases: [ClusterEvent, string[]][] = [
    [{ resource: 'Node', action: 'Add' }, ['affinity', 'fit', 'fit-and-taint', 'no-plugin', 'taint']],
    [{ resource: 'Node', action: 'UpdateNodeTaint' }, ['fit-and-taint', 'no-plugin', 'taint']],
    [{ resource: 'Node', action: 'UpdateNodeLabel' }, ['affinity', 'no-plugin']],
    [{ resource: 'Node', action: 'UpdateNodeAllocatable' }, ['fit', 'fit-and-taint', 'no-plugin']],
    [{ resource: 'Pod', action: 'Delete' }, ['fit', 'fit-and-taint', 'no-plugin']],
    [{ resource: 'Pod', action: 'Add' }, ['no-plugin']],
    [{ resource: 'Node', action: 'UpdateNodeCondition' }, ['no-plugin']],
  ];
  it.each(cases)('%j moves %j', (event, want) => {
    const q = setup();
    expect(q.moveOnEvent(event, interested, 30 * S)).toBe(want.length);
    expect(moved(q)).toEqual(want);
    expect(q.count('unschedulable')).toBe(unschedulable.length - want.length);
  });

  it('a moved pod still backing off goes to backoffQ, one done backing off to activeQ', () => {
    const q = newQueue();
    failOnce(q, 'a', 0, 10 * S, ['NodeResourcesFit']); // backoff until 11 s
    failOnce(q, 'b', 0, 0, ['NodeResourcesFit']); // backoff until 1 s
    q.moveOnEvent({ resource: 'Node', action: 'Add' }, interested, 10_500);
    expect(whereOf(q, 'a')).toBe('backoff');
    expect(whereOf(q, 'b')).toBe('active');
  });

  it('only unschedulable pods move; active and backing-off pods stay where they are', () => {
    const q = newQueue();
    failOnce(q, 'retrying', 0, 0, ['NodeResourcesFit'], true);
    q.add(pi('fresh'), 0);
    expect(q.moveOnEvent({ resource: 'Node', action: 'Add' }, interested, 100)).toBe(0);
    expect(whereOf(q, 'fresh')).toBe('active');
    expect(whereOf(q, 'retrying')).toBe('backoff');
  });

  it('addUnschedulable with a move requested meanwhile skips unschedulable', () => {
    const q = newQueue();
    failOnce(q, 'early', 0, 0, ['TaintToleration'], true);
    failOnce(q, 'late', 0, 5 * S, ['TaintToleration'], true);
    q.flushBackoff(2 * S);
    expect(whereOf(q, 'early')).toBe('active');
    expect(whereOf(q, 'late')).toBe('backoff');
  });

  it('a spec change moves an unschedulable pod; a status-only update does not', () => {
    const q = newQueue();
    failOnce(q, 'a', 0, 0, ['NodeAffinity']);
    failOnce(q, 'b', 0, 0, ['NodeAffinity']);
    q.update(pi('a', 0, { tier: 'web' }), false, 5 * S);
    q.update(pi('b', 0, { tier: 'web' }), true, 5 * S);
    expect(whereOf(q, 'a')).toBe('unschedulable');
    expect(whereOf(q, 'b')).toBe('active');
    expect(q.peek('default/a')?.podInfo.pod.metadata.labels).toEqual({ tier: 'web' });
  });
});

describe('flushUnschedulable: the 5-minute rule', () => {
  it('podMaxInUnschedulablePodsDuration is 5 minutes, flushed on a 30 s period', () => {
    expect(UNSCHEDULABLE_MAX_MS).toBe(300 * S);
    expect(UNSCHEDULABLE_FLUSH_PERIOD_MS).toBe(30 * S);
    expect(BACKOFF_FLUSH_PERIOD_MS).toBe(1 * S);
  });

  it('strictly more than 5 minutes since the failure', () => {
    const q = newQueue();
    failOnce(q, 'a', 0, 10 * S, ['NodeResourcesFit']);
    expect(q.flushUnschedulable(310 * S - 1)).toBe(0);
    expect(q.flushUnschedulable(310 * S)).toBe(0);
    expect(whereOf(q, 'a')).toBe('unschedulable');
    expect(q.flushUnschedulable(310 * S + 1)).toBe(1);
    // The back-off (1 s) is long over: straight to activeQ.
    expect(whereOf(q, 'a')).toBe('active');
  });

  it('on the 30 s ticks, a pod failing at 10 s goes back at 330 s; one failing at 30 s at 360 s', () => {
    const q = newQueue();
    failOnce(q, 'at10', 0, 10 * S, ['NodeResourcesFit']);
    failOnce(q, 'at30', 0, 30 * S, ['NodeResourcesFit']);
    const when: Record<string, number> = {};
    for (let t = UNSCHEDULABLE_FLUSH_PERIOD_MS; t <= 600 * S; t += UNSCHEDULABLE_FLUSH_PERIOD_MS) {
      q.flushUnschedulable(t);
      for (const e of q.list()) if (e.where !== 'unschedulable' && when[e.key] === undefined) when[e.key] = t;
    }
    expect(when).toEqual({ 'default/at10': 330 * S, 'default/at30': 360 * S });
  });

  it('the 5 minutes count from the last failure, not the first attempt', () => {
    const q = newQueue();
    failOnce(q, 'a', 0, 0, ['NodeResourcesFit']);
    q.moveOnEvent({ resource: 'Node', action: 'Add' }, () => true, 200 * S);
    const again = q.pop()!;
    expect(again.podInfo.key).toBe('default/a');
    expect(again.attempts).toBe(2);
    q.addUnschedulable(again, 200 * S, false);
    expect(q.flushUnschedulable(301 * S)).toBe(0);
    expect(q.flushUnschedulable(500 * S + 1)).toBe(1);
    expect(q.peek('default/a')?.initialAttemptTimestamp).toBe(0);
  });

  it('leaves active and backing-off pods alone', () => {
    const q = newQueue();
    failOnce(q, 'retrying', 0, 0, [], true);
    q.add(pi('fresh'), 0);
    expect(q.flushUnschedulable(3600 * S)).toBe(0);
  });
});

describe('save / load', () => {
  it('round-trips every sub-queue, attempts, times and rejector plugins', () => {
    const q = newQueue();
    failOnce(q, 'backing-off', 0, 50 * S, ['TaintToleration'], true);
    failOnce(q, 'stuck', 10, 20 * S, ['NodeResourcesFit', 'NodeAffinity']);
    q.add(pi('active-1', 5), 100);
    q.add(pi('active-2'), 200);
    const saved = q.save();
    expect(saved.map((s) => [s.key, s.where])).toEqual([
      ['default/backing-off', 'backoff'],
      ['default/stuck', 'unschedulable'],
      ['default/active-1', 'active'],
      ['default/active-2', 'active'],
    ]);
    expect(JSON.parse(JSON.stringify(saved))).toEqual(saved);
    expect(saved.find((s) => s.key === 'default/stuck')).toEqual({
      key: 'default/stuck',
      where: 'unschedulable',
      timestamp: 20 * S,
      attempts: 1,
      initialAttemptTimestamp: 10,
      unschedulablePlugins: ['NodeResourcesFit', 'NodeAffinity'],
    });

    const infos = new Map([pi('active-1', 5), pi('active-2'), pi('backing-off'), pi('stuck')].map((p) => [p.key, p]));
    const r = newQueue();
    r.load(saved, (key) => infos.get(key));
    expect(r.save()).toEqual(saved);
    expect(r.list()).toEqual(q.list());

    // And they behave the same from here on.
    const ev: ClusterEvent = { resource: 'Node', action: 'Add' };
    const onlyFit = (plugin: string) => plugin === 'NodeAffinity';
    expect(r.moveOnEvent(ev, onlyFit, 60 * S)).toBe(q.moveOnEvent(ev, onlyFit, 60 * S));
    expect(r.flushBackoff(60 * S)).toBe(q.flushBackoff(60 * S));
    expect(keys(r.popAll())).toEqual(keys(q.popAll()));
  });

  it('pods that are gone (no PodInfo) are dropped on load', () => {
    const q = newQueue();
    q.add(pi('kept'), 0);
    q.add(pi('gone'), 0);
    const r = newQueue();
    r.load(q.save(), (key) => (key === 'default/kept' ? pi('kept') : undefined));
    expect(r.list().map((e) => e.key)).toEqual(['default/kept']);
  });

  it('load replaces what was queued', () => {
    const r = newQueue();
    r.add(pi('old'), 0);
    r.load([], () => undefined);
    expect(r.list()).toEqual([]);
  });
});

describe('in the scheduler: which cluster events move a pod back', () => {
  // schedule_one / eventhandlers: deleting an assigned pod is AssignedPodDelete, a Pod/Delete
  // event (framework.ClusterEvent{Resource: Pod, ActionType: Delete}); NodeResourcesFit
  // registered Pod/Delete, so a pod it rejected for cpu goes back to activeQ at once — not after
  // the 5-minute flush.
  it('a pod rejected for cpu is retried as soon as the pod holding the cpu is gone', () => {
    const sim = Simulation.create(1, { nodes: 1, cpu: '2' });
    const pod = (name: string): Pod => newPod(name, { containers: [{ cpu: '1200m' }] });
    sim.store.create(pod('holder'));
    sim.settle();
    sim.advance(5 * S);
    expect(sim.store.get<Pod>('pods', 'default', 'holder').spec.nodeName).toBe('node-1');
    sim.store.create(pod('waiting'));
    sim.settle();
    sim.advance(20 * S);
    expect(sim.store.get<Pod>('pods', 'default', 'waiting').spec.nodeName).toBeUndefined();
    expect(sim.scheduler.pending().map((p) => [p.key, p.where])).toEqual([['default/waiting', 'unschedulable']]);

    sim.store.delete('pods', 'default', 'holder');
    sim.settle();
    let gone = 0;
    for (let t = 1; t <= 120 && !gone; t++) {
      sim.advance(1 * S);
      if (!sim.store.tryGet<Pod>('pods', 'default', 'holder')) gone = t;
    }
    expect(gone).toBeGreaterThan(0);
    sim.advance(1 * S);
    expect(sim.store.get<Pod>('pods', 'default', 'waiting').spec.nodeName).toBe('node-1');
  });
});

describe('sub-queue counts', () => {
  // count() is kept with every move (the scheduler asks after every pending pod it sees); it
  // must always equal what a scan over the queue finds.
  it('equal a scan of the queue through any sequence of operations', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ op: fc.integer({ min: 0, max: 7 }), pod: fc.integer({ min: 0, max: 5 }), dt: fc.integer({ min: 0, max: 400_000 }) }), { maxLength: 60 }),
        (steps) => {
          const q = newQueue();
          let now = 0;
          let popped: QueuedPodInfo[] = [];
          for (const s of steps) {
            now += s.dt;
            const p = info(newPod(`p${s.pod}`));
            switch (s.op) {
              case 0:
                q.add(p, now);
                break;
              case 1:
                q.delete(p.key);
                break;
              case 2:
                popped = [...popped, ...q.popAll()];
                break;
              case 3: {
                const x = popped.shift();
                if (x) q.addUnschedulable(x, now, s.pod % 2 === 0);
                break;
              }
              case 4:
                q.moveOnEvent({ resource: 'Node', action: 'Add' }, () => true, now);
                break;
              case 5:
                q.flushBackoff(now);
                break;
              case 6:
                q.flushUnschedulable(now);
                break;
              default:
                q.update(p, true, now);
            }
            const scan = { active: 0, backoff: 0, unschedulable: 0 };
            for (const e of q.list()) scan[e.where]++;
            expect([q.count('active'), q.count('backoff'), q.count('unschedulable')]).toEqual([scan.active, scan.backoff, scan.unschedulable]);
          }
        },
      ),
      { numRuns: 300, seed: 5 },
    );
  });
});
