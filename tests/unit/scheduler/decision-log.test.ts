/**
 * DecisionLog: a ring of the N most recent decisions with the latest per pod, and the score
 * buffers it hands the framework — recycled only from the decision the next add pushes out, so a
 * decision still in the log never has its scores overwritten.
 */
import { describe, expect, it } from 'vitest';
import { Decision, DecisionLog } from '../../../src/engine/components/scheduler/framework/decision.ts';
import { Prng } from '../../../src/engine/kernel/prng.ts';
import { cluster, info, newNode, newPod } from './fixtures.ts';
import { frameworkFor } from './framework-fixtures.ts';

let seq = 0;
const decision = (pod: string) => new Decision(++seq, seq * 10, pod, `uid-${pod}`, 'default-scheduler', 3, 0);

/** A decision with `plugins` score rows over `m` nodes written into a buffer from the log, as Framework.schedule does. */
function scored(log: DecisionLog, pod: string, m = 2, plugins = 1, fill = seq + 1): Decision {
  const buf = log.scoreBuffer((2 * plugins + 1) * m);
  buf.fill(fill);
  const d = decision(pod);
  d.scores = Array.from({ length: plugins }, (_, k) => ({ plugin: `P${k}`, weight: 1, raw: buf.subarray(2 * k * m, (2 * k + 1) * m), normalized: buf.subarray((2 * k + 1) * m, (2 * k + 2) * m) }));
  d.totals = buf.subarray(2 * plugins * m);
  return d;
}

describe('the ring', () => {
  // Each step adds a decision for a pod; then [pods whose latest is kept → seq of that decision].
  it('keeps the latest decision per pod among the N most recent (N = 3)', () => {
    seq = 0;
    const log = new DecisionLog(3);
    const steps: [string, Record<string, number | undefined>][] = [
      ['a', { a: 1 }],
      ['b', { a: 1, b: 2 }],
      ['a', { a: 3, b: 2 }],
      // a#1 leaves the ring; a's latest (#3) stays.
      ['c', { a: 3, b: 2, c: 4 }],
      // b#2 leaves: b has no decision any more.
      ['c', { a: 3, b: undefined, c: 5 }],
      ['c', { a: undefined, b: undefined, c: 6 }],
      ['d', { a: undefined, c: 6, d: 7 }],
    ];
    for (const [pod, want] of steps) {
      log.add(decision(`default/${pod}`));
      for (const [p, s] of Object.entries(want)) expect(log.forPod(`default/${p}`)?.seq, `after #${seq}, ${p}`).toBe(s);
    }
    expect(log.recent().map((d) => d.seq)).toEqual([5, 6, 7]);
    expect(log.size).toBe(3);
  });

  it('recent() is oldest first, and size counts decisions, not pods', () => {
    seq = 0;
    const log = new DecisionLog(5);
    expect(log.size).toBe(0);
    expect(log.recent()).toEqual([]);
    for (const p of ['x', 'x', 'y']) log.add(decision(p));
    expect(log.recent().map((d) => [d.seq, d.pod])).toEqual([
      [1, 'x'],
      [2, 'x'],
      [3, 'y'],
    ]);
    expect(log.size).toBe(3);
    for (const p of ['z', 'z', 'z', 'z']) log.add(decision(p));
    expect(log.recent().map((d) => d.seq)).toEqual([3, 4, 5, 6, 7]);
    expect(log.size).toBe(5);
  });

  it('a ring of 1 keeps only the last decision', () => {
    const log = new DecisionLog(1);
    log.add(decision('a'));
    const b = decision('b');
    log.add(b);
    expect(log.forPod('a')).toBeUndefined();
    expect(log.forPod('b')).toBe(b);
    expect(log.recent()).toEqual([b]);
  });

  it('defaults to the 1000 most recent', () => {
    const log = new DecisionLog();
    expect(log.capacity).toBe(1000);
    for (let i = 0; i < 1001; i++) log.add(decision(`p${i}`));
    expect(log.forPod('p0')).toBeUndefined();
    expect(log.forPod('p1')).toBeDefined();
    expect(log.size).toBe(1000);
  });
});

describe('score buffers', () => {
  it('while the ring has room, every buffer is new', () => {
    const log = new DecisionLog(3);
    const d1 = scored(log, 'a');
    log.add(d1);
    const d2 = scored(log, 'b');
    log.add(d2);
    expect(d2.totals).not.toBe(d1.totals);
    expect((d2.totals as Int32Array).buffer).not.toBe((d1.totals as Int32Array).buffer);
    expect(Array.from(d1.totals)).toEqual([d1.seq, d1.seq]);
  });

  it('once full, the buffer comes from the decision the next add evicts — and only from it', () => {
    seq = 0;
    const log = new DecisionLog(3);
    const [d1, d2, d3] = ['a', 'b', 'c'].map((p) => {
      const d = scored(log, p);
      log.add(d);
      return d;
    });
    const before2 = JSON.stringify(d2.toJSON());
    const before3 = JSON.stringify(d3.toJSON());
    const oldBuffer = (d1.totals as Int32Array).buffer;

    const d4 = scored(log, 'd', 2, 1, 99); // writes 99 everywhere in the recycled buffer
    expect((d4.totals as Int32Array).buffer).toBe(oldBuffer);
    // The decision being evicted gave its scores up; the others are untouched.
    expect(d1.scores).toEqual([]);
    expect(Array.from(d1.totals)).toEqual([]);
    expect(JSON.stringify(d2.toJSON())).toBe(before2);
    expect(JSON.stringify(d3.toJSON())).toBe(before3);
    log.add(d4);
    expect(log.recent()).toEqual([d2, d3, d4]);
    expect(Array.from(d4.totals)).toEqual([99, 99]);
  });

  it('a leaving buffer that is too small is dropped and a new one made', () => {
    const log = new DecisionLog(1);
    const small = scored(log, 'a', 2);
    log.add(small);
    const big = scored(log, 'b', 100, 3);
    expect((big.totals as Int32Array).buffer).not.toBe((small.totals as Int32Array).buffer);
    expect(big.totals.length).toBe(100);
    expect(big.scores[2].normalized.length).toBe(100);
  });

  it('a leaving decision without scores (one feasible node, or none) has nothing to give', () => {
    const log = new DecisionLog(1);
    log.add(decision('unscored'));
    const b = log.scoreBuffer(10);
    expect(b.length).toBe(10);
    expect(Array.from(b)).toEqual(new Array(10).fill(0));
  });

  it('a big leaving buffer serves a smaller request (as a view of its start)', () => {
    const log = new DecisionLog(1);
    const big = scored(log, 'a', 40, 3); // 280 entries, in a 512-entry buffer
    log.add(big);
    const buffer = (big.totals as Int32Array).buffer;
    expect(buffer.byteLength).toBe(512 * 4);
    const b = log.scoreBuffer(12);
    expect(b.length).toBe(12);
    expect(b.buffer).toBe(buffer);
    expect(b.byteOffset).toBe(0);
  });

  it('feasible-node lists, too, come only from the decision the next add evicts', () => {
    const log = new DecisionLog(2);
    const withFeasible = (pod: string, nodes: string[]) => {
      const d = decision(pod);
      const list = log.nodeList<{ name: string }>();
      nodes.forEach((name, i) => (list[i] = { name }));
      list.length = nodes.length;
      d.setFeasible(list);
      return { d, list };
    };
    const a = withFeasible('a', ['n1', 'n2', 'n3']);
    log.add(a.d);
    const b = withFeasible('b', ['n4']);
    expect(b.list).not.toBe(a.list);
    log.add(b.d);
    expect(a.d.feasible).toEqual(['n1', 'n2', 'n3']);
    // The ring is full: a's list is handed out (a is evicted by the next add); b keeps its own.
    const c = withFeasible('c', ['n5', 'n6']);
    expect(c.list).toBe(a.list);
    expect(a.d.feasible).toEqual([]);
    expect(b.d.feasible).toEqual(['n4']);
    log.add(c.d);
    expect(log.recent().map((d) => d.feasible)).toEqual([['n4'], ['n5', 'n6']]);
  });

  it('scheduling through a small log never changes a decision still in it', () => {
    // 6 nodes of different sizes, a mix of pods: scored, single-feasible, unschedulable.
    const nodes = [1, 2, 4, 8, 16, 32].map((cpu, i) => newNode(`n${i}`, { cpu: String(cpu), memory: `${cpu * 2}Gi`, unschedulable: i === 5 }));
    const { snapshot } = cluster(nodes);
    const { fwk, nominator } = frameworkFor(snapshot);
    const prng = new Prng(3);
    const log = new DecisionLog(8);
    const printed = new Map<Decision, string>();
    for (let k = 0; k < 60; k++) {
      const cpu = ['100m', '500m', '3', '12', '40', '1'][k % 6];
      const pod = info(newPod(`p${k % 13}`, { containers: [{ cpu, memory: '256Mi' }] }));
      const r = fwk.schedule(pod, snapshot, k % 6, nominator, prng, k + 1, k * 100, log);
      log.add(r.decision);
      printed.set(r.decision, JSON.stringify(r.decision.toJSON()));
      for (const d of log.recent()) expect(JSON.stringify(d.toJSON()), `decision #${d.seq} after #${k + 1}`).toBe(printed.get(d));
    }
    const scoredInLog = log.recent().filter((d) => d.scores.length > 0);
    expect(scoredInLog.length).toBeGreaterThan(0);
  });
});
