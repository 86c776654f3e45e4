/**
 * The EventCorrelator of client-go (tools/record/events_cache.go) as the EventRecorder applies it:
 * aggregation of similar events after 10 distinct messages in 10 minutes, deduplication into
 * count, and the per source+object spam filter (burst 25, one more every 5 minutes).
 */
import { describe, expect, it } from 'vitest';
import type { KEvent, KObject } from '../../../src/engine/api/types.ts';
import type { EventSpec } from '../../../src/engine/api/events.ts';
import { SourceLru } from '../../../src/engine/api/source-lru.ts';
import { Simulation } from '../../../src/engine/simulation.ts';
import { newPod } from '../../support/fixtures.ts';

function setup() {
  const sim = Simulation.create(1, { nodes: 1 });
  const pod = sim.store.create(newPod('web'));
  const before = new Set(sim.store.list<KEvent>('events').items.map((e) => e.metadata.name));
  const ours = () => sim.store.list<KEvent>('events').items.filter((e) => !before.has(e.metadata.name) && e.involvedObject.name === 'web' && e.source?.component === 'test-controller');
  const spec = (reason: string, message: string): EventSpec => ({ involved: pod as KObject, type: 'Normal', reason, message, component: 'test-controller' });
  return { sim, ours, spec };
}

const brief = (e: KEvent) => `${e.reason} x${e.count} ${e.message}`;

describe('EventRecorder: the event correlator', () => {
  it('the 10th distinct message of a reason in 10 minutes becomes one combined event, counted from then on', () => {
    const { sim, ours, spec } = setup();
    for (let i = 1; i <= 12; i++) sim.events.record(spec('SuccessfulCreate', `Created pod: web-${i}`));
    const events = ours().map(brief).sort();
    expect(events).toHaveLength(10);
    expect(events).toContain('SuccessfulCreate x1 Created pod: web-9');
    expect(events).not.toContain('SuccessfulCreate x1 Created pod: web-10');
    expect(events).toContain('SuccessfulCreate x3 (combined from similar events): Created pod: web-12');
  });

  it('counts a repeat of the same message into its event, also after aggregation started', () => {
    const { sim, ours, spec } = setup();
    for (let i = 1; i <= 9; i++) sim.events.record(spec('Pulled', `image ${i}`));
    sim.events.record(spec('Pulled', 'image 3'));
    expect(ours().map(brief)).toContain('Pulled x2 image 3');
  });

  it('starts afresh after 10 quiet minutes', () => {
    const { sim, ours, spec } = setup();
    for (let i = 1; i <= 9; i++) sim.events.record(spec('Killing', `msg ${i}`));
    sim.advance(600_001);
    sim.events.record(spec('Killing', 'msg 10'));
    expect(ours().map(brief)).toContain('Killing x1 msg 10');
    expect(ours().some((e) => e.message?.startsWith('(combined'))).toBe(false);
  });

  it('lets a source write 25 events about one object, then one every 5 minutes', () => {
    const { sim, ours, spec } = setup();
    for (let i = 1; i <= 30; i++) sim.events.record(spec(`Reason${i}`, 'same text'));
    expect(ours()).toHaveLength(25);
    sim.advance(299_000);
    expect(sim.events.record(spec('Reason31', 'x'))).toBeUndefined();
    sim.advance(1_000);
    expect(sim.events.record(spec('Reason32', 'x'))?.reason).toBe('Reason32');
    expect(ours()).toHaveLength(26);
  });

  it('a dropped repeat still counts: the next accepted write carries the whole count', () => {
    const { sim, ours, spec } = setup();
    for (let i = 1; i <= 24; i++) sim.events.record(spec(`R${i}`, 'x'));
    sim.events.record(spec('BackOff', 'Back-off restarting failed container')); // the 25th token
    for (let i = 0; i < 5; i++) sim.events.record(spec('BackOff', 'Back-off restarting failed container')); // dropped
    sim.advance(300_000);
    const written = sim.events.record(spec('BackOff', 'Back-off restarting failed container'));
    expect(written?.count).toBe(7);
    expect(ours().filter((e) => e.reason === 'BackOff').map(brief)).toEqual(['BackOff x7 Back-off restarting failed container']);
  });

  it('keeps its memory across snapshot and restore', () => {
    const { sim, spec } = setup();
    for (let i = 1; i <= 9; i++) sim.events.record(spec('SuccessfulDelete', `Deleted pod: web-${i}`));
    const restored = Simulation.restore(JSON.parse(JSON.stringify(sim.snapshot())));
    const a = sim.events.record(spec('SuccessfulDelete', 'Deleted pod: web-10'));
    const b = restored.events.record(spec('SuccessfulDelete', 'Deleted pod: web-10'));
    expect(b?.message).toBe('(combined from similar events): Deleted pod: web-10');
    expect(b).toEqual(a);
    expect(restored.traceHash()).toBe(sim.traceHash());
  });

  it("forgets a source's least recently used key past 4,096 (maxLruCacheEntries): its repeat starts a new event", () => {
    const recordAfter = (distinct: number) => {
      const { sim, ours, spec } = setup();
      for (let i = 1; i <= distinct; i++) sim.events.record(spec(`R${i}`, 'x'));
      sim.advance(300_000); // a spam token back
      sim.events.record(spec('R1', 'x'));
      return ours()
        .filter((e) => e.reason === 'R1')
        .map(brief);
    };
    expect(recordAfter(4096)).toEqual(['R1 x2 x']);
    expect(recordAfter(4097)).toEqual(['R1 x1 x', 'R1 x1 x']);
  });

  it('bounds each source on its own: another source keeps its keys', () => {
    const { sim, spec } = setup();
    const kubelet: EventSpec = { ...spec('Pulled', 'image'), component: 'kubelet', host: 'node-1' };
    sim.events.record(kubelet);
    for (let i = 1; i <= 4200; i++) sim.events.record(spec(`R${i}`, 'x'));
    sim.advance(300_000);
    expect(sim.events.record(kubelet)?.count).toBe(2);
  });
});

describe('SourceLru (groupcache lru per source)', () => {
  it('Get and Add move a key to the front; an Add past the bound drops the least recently used of that source', () => {
    const lru = new SourceLru<number>((k) => k.split('/')[0], 2);
    lru.set('a/1', 1);
    lru.set('a/2', 2);
    lru.set('b/1', 9);
    expect(lru.get('a/1')).toBe(1);
    lru.set('a/3', 3);
    expect(lru.entries()).toEqual([
      ['a/1', 1],
      ['a/3', 3],
      ['b/1', 9],
    ]);
    lru.set('a/1', 10);
    lru.set('a/4', 4);
    expect(lru.entries().map(([k]) => k)).toEqual(['a/1', 'a/4', 'b/1']);
    expect(lru.sizeOf('a')).toBe(2);
  });
});
