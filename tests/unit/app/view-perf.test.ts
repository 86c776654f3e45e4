/**
 * The view's incremental parts (issue 8's performance work) give exactly what the plain
 * derivations give: cached pod rows, the watched events list, and a snapshot cap that follows
 * the cluster's size.
 */
import { describe, expect, it } from 'vitest';
import { Session } from '../../../src/commands/session.ts';
import type { KEvent, Pod, ReplicaSet } from '../../../src/engine/api/types.ts';
import { TimeTravel } from '../../../src/app/time-travel.ts';
import { currentEvents, recentEvents } from '../../../src/app/view-events.ts';
import { cachedPodView, podView } from '../../../src/app/view-model.ts';

function busy(): Session {
  const s = new Session({ seed: 1 });
  const must = (line: string) => expect(s.execLine(line).exitCode, line).toBe(0);
  must('kubectl create deployment web --image=nginx:1.27 --replicas=12');
  must('kubectl create deployment huge --image=nginx:1.27');
  must('kubectl set resources deployment huge --requests=cpu=64');
  must('sim advance 90s');
  return s;
}

describe('incremental view parts', () => {
  it('cached pod rows equal the printer rows as time passes, pods change and a rollout renames revisions', () => {
    const s = busy();
    const check = () => {
      const rs = s.sim.store.list<ReplicaSet>('replicasets').items;
      const owners = new Map(
        rs.map((r) => [
          `${r.metadata.namespace}/${r.metadata.name}`,
          { deployment: r.metadata.ownerReferences?.[0]?.name ?? '', revision: r.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? '' },
        ]),
      );
      for (const p of s.sim.store.list<Pod>('pods').items) expect(cachedPodView(p, s.sim.now, owners)).toEqual(podView(p, s.sim.now, owners));
    };
    check();
    for (const step of ['sim advance 10s', 'sim advance 9m', 'kubectl set image deployment/web nginx=nginx:1.28', 'sim advance 3s', 'sim advance 2h']) {
      expect(s.execLine(step).exitCode).toBe(0);
      check();
    }
  });

  it('the watched events list gives the same newest events as a sorted list', () => {
    const s = new Session({ seed: 1 });
    currentEvents(s.sim.store); // watching from the start
    s.execLine('kubectl create deployment web --image=nginx:1.27 --replicas=30');
    s.execLine('kubectl create deployment huge --image=nginx:1.27');
    s.execLine('kubectl set resources deployment huge --requests=cpu=64');
    s.execLine('sim advance 2m');
    s.execLine('kubectl scale deployment web --replicas=5');
    s.execLine('sim advance 70m'); // past the Events' 1 h TTL for the first ones
    const sorted = s.sim.store.list<KEvent>('events').items;
    expect(currentEvents(s.sim.store)).toHaveLength(sorted.length);
    for (const max of [1, 5, 200]) expect(recentEvents(currentEvents(s.sim.store), s.sim.now, max, false)).toEqual(recentEvents(sorted, s.sim.now, max));
  });

  it('keeps fewer snapshots for a big cluster, never fewer than four', () => {
    const opts = { snapshotEveryWrites: 20, maxCommands: 8 };
    const small = new TimeTravel(new Session({ seed: 1 }), opts);
    // Over the budget from the first snapshot on: only the floor of four is kept.
    const big = new TimeTravel(new Session({ seed: 1 }), { ...opts, snapshotObjectBudget: 1 });
    for (let i = 0; i < 120; i++) {
      small.advance(60_000);
      big.advance(60_000);
    }
    expect(small.snapshotCount).toBeGreaterThan(8);
    expect(big.snapshotCount).toBe(4);
    // Seeking still lands exactly on the recorded history.
    const hash = big.sim.traceHash();
    const mid = big.start + 30 * 60_000;
    big.seek(mid);
    small.seek(mid);
    expect(big.sim.traceHash()).toBe(small.sim.traceHash());
    big.resumeLive();
    expect(big.sim.traceHash()).toBe(hash);
  });
});
