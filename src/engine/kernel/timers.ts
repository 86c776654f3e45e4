import type { SimTimeMs } from './time.ts';

/**
 * A pending timer. Timers are plain data (a `type` naming a registered handler and a JSON
 * payload), so the queue snapshots and restores exactly.
 */
export interface Timer {
  at: SimTimeMs;
  seq: number;
  type: string;
  data: unknown;
}

/**
 * Timers in a binary min-heap ordered by (at, seq): equal times fire in the order they were
 * scheduled, so ties are deterministic.
 */
export class TimerQueue {
  private heap: Timer[] = [];
  private nextSeq = 0;

  get size(): number {
    return this.heap.length;
  }

  schedule(at: SimTimeMs, type: string, data: unknown = null): Timer {
    const timer: Timer = { at, seq: this.nextSeq++, type, data };
    this.heap.push(timer);
    this.up(this.heap.length - 1);
    return timer;
  }

  peek(): Timer | undefined {
    return this.heap[0];
  }

  pop(): Timer | undefined {
    const heap = this.heap;
    if (heap.length === 0) return undefined;
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      this.down(0);
    }
    return top;
  }

  /** Removes every timer for which `match` is true (O(n), used rarely: cancellations). */
  cancel(match: (t: Timer) => boolean): number {
    const kept = this.heap.filter((t) => !match(t));
    const removed = this.heap.length - kept.length;
    if (removed > 0) {
      this.heap = kept;
      for (let i = (kept.length >> 1) - 1; i >= 0; i--) this.down(i);
    }
    return removed;
  }

  save(): { nextSeq: number; timers: Timer[] } {
    const timers = [...this.heap].sort(compare);
    return { nextSeq: this.nextSeq, timers: timers.map((t) => ({ ...t })) };
  }

  static load(saved: { nextSeq: number; timers: Timer[] }): TimerQueue {
    const q = new TimerQueue();
    q.nextSeq = saved.nextSeq;
    q.heap = saved.timers.map((t) => ({ ...t })).sort(compare);
    return q;
  }

  private up(i: number): void {
    const heap = this.heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (compare(heap[i], heap[parent]) >= 0) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  }

  private down(i: number): void {
    const heap = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && compare(heap[l], heap[m]) < 0) m = l;
      if (r < heap.length && compare(heap[r], heap[m]) < 0) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m], heap[i]];
      i = m;
    }
  }
}

function compare(a: Timer, b: Timer): number {
  return a.at - b.at || a.seq - b.seq;
}
