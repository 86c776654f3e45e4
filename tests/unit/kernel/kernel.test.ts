import { describe, expect, it } from 'vitest';
import { Hasher } from '../../../src/engine/kernel/hash.ts';
import { Kernel } from '../../../src/engine/kernel/kernel.ts';
import { Prng } from '../../../src/engine/kernel/prng.ts';
import { formatTimestamp, parseDuration, parseTimestamp } from '../../../src/engine/kernel/time.ts';
import { TimerQueue } from '../../../src/engine/kernel/timers.ts';

describe('Prng (xoshiro128**)', () => {
  it('is deterministic per seed and differs between seeds', () => {
    const a = new Prng(42);
    const b = new Prng(42);
    const c = new Prng(43);
    const seqA = Array.from({ length: 8 }, () => a.nextUint32());
    expect(Array.from({ length: 8 }, () => b.nextUint32())).toEqual(seqA);
    expect(Array.from({ length: 8 }, () => c.nextUint32())).not.toEqual(seqA);
  });

  it('resumes exactly from a saved state', () => {
    const a = new Prng(7);
    a.nextUint32();
    const copy = new Prng(a.state());
    expect(Array.from({ length: 5 }, () => copy.nextUint32())).toEqual(Array.from({ length: 5 }, () => a.nextUint32()));
  });

  it('nextInt stays in range and covers it', () => {
    const p = new Prng(1);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const v = p.nextInt(27);
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(27);
      seen.add(v);
    }
    expect(seen.size).toBe(27);
  });
});

describe('TimerQueue', () => {
  it('orders by time, then by scheduling order for ties', () => {
    const q = new TimerQueue();
    q.schedule(10, 'a');
    q.schedule(5, 'b');
    q.schedule(10, 'c');
    q.schedule(5, 'd');
    expect([q.pop(), q.pop(), q.pop(), q.pop()].map((t) => t!.type)).toEqual(['b', 'd', 'a', 'c']);
  });

  it('survives save/load with order intact', () => {
    const q = new TimerQueue();
    for (let i = 0; i < 50; i++) q.schedule((i * 37) % 11, `t${i}`);
    const copy = TimerQueue.load(JSON.parse(JSON.stringify(q.save())));
    const drain = (x: TimerQueue) => Array.from({ length: 50 }, () => x.pop()!.type);
    expect(drain(copy)).toEqual(drain(q));
  });
});

describe('Kernel', () => {
  it('skips idle time and fires timers in order', () => {
    const k = new Kernel(1);
    const fired: string[] = [];
    k.on('x', (d) => fired.push(`${k.now}:${d}`));
    k.schedule(3_600_000, 'x', 'late');
    k.schedule(10, 'x', 'early');
    k.runUntil(24 * 3_600_000);
    expect(fired).toEqual(['10:early', '3600000:late']);
    expect(k.now).toBe(24 * 3_600_000);
  });

  it('timers scheduled by a handler at the same instant run in the same advance', () => {
    const k = new Kernel(1);
    const fired: number[] = [];
    k.on('chain', (d) => {
      fired.push(d as number);
      if ((d as number) < 3) k.schedule(0, 'chain', (d as number) + 1);
    });
    k.schedule(0, 'chain', 0);
    k.runUntil(0);
    expect(fired).toEqual([0, 1, 2, 3]);
  });
});

describe('time', () => {
  it.each([
    ['500ms', 500],
    ['30s', 30_000],
    ['5m', 300_000],
    ['2h', 7_200_000],
    ['1h30m', 5_400_000],
    ['1.5s', 1500],
  ])('parseDuration(%s) = %d', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['', '5', '-5s', '5d', 'abc', '5 s'])('rejects %j', (text) => expect(parseDuration(text)).toBeUndefined());

  it('formats from the fixed epoch and parses back', () => {
    expect(formatTimestamp(0)).toBe('2025-01-01T00:00:00Z');
    expect(formatTimestamp(90_500)).toBe('2025-01-01T00:01:30Z');
    expect(parseTimestamp('2025-01-01T00:01:30Z')).toBe(90_000);
  });
});

describe('Hasher', () => {
  it('separates concatenation boundaries', () => {
    expect(new Hasher().update('ab').update('c').digest()).not.toBe(new Hasher().update('a').update('bc').digest());
    expect(new Hasher().update('abc').digest()).toBe(new Hasher().update('abc').digest());
    expect(new Hasher().update('abc').digest()).toMatch(/^[0-9a-f]{16}$/);
  });
});
