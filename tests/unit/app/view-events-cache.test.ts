/**
 * eventFields keeps the newest Events between writes (view-events.ts eventsNow): what it gives
 * must equal the plain derivation at every moment, after writes and after time alone.
 */
import { describe, expect, it } from 'vitest';
import { Session } from '../../../src/commands/session.ts';
import type { Pod } from '../../../src/engine/api/types.ts';
import { currentEvents, eventFields, EVENTS_MAX, recentEvents } from '../../../src/app/view-events.ts';

describe('eventFields between Event writes', () => {
  it('gives the plain derivation’s newest events, ages included, as writes come and time alone passes', () => {
    const s = new Session({ seed: 2 });
    const check = () => {
      const pods = s.sim.store.list<Pod>('pods').items;
      const got = eventFields(s.sim.store, pods, s.sim.now);
      expect(got.events).toEqual(recentEvents(currentEvents(s.sim.store), s.sim.now, EVENTS_MAX, false));
      return got.events;
    };
    check();
    s.execLine('kubectl create deployment web --image=nginx:1.27 --replicas=30');
    s.sim.advance(20_000);
    const before = check();
    // Time alone: the same events, older.
    const rv = s.sim.store.resourceVersion;
    const again = eventFields(s.sim.store, s.sim.store.list<Pod>('pods').items, s.sim.now + 600_000).events;
    expect(again.map((e) => e.id)).toEqual(before.map((e) => e.id));
    expect(again[0].lastSeen).not.toBe(before[0].lastSeen);
    expect(s.sim.store.resourceVersion).toBe(rv);
    s.execLine('kubectl scale deployment web --replicas=5');
    s.sim.advance(45_000);
    check();
    s.execLine('sim node fail node-1');
    for (let i = 0; i < 5; i++) {
      s.sim.advance(70_000);
      check();
    }
  });
});
