/**
 * The node lifecycle controller's per-zone tainting queue (pkg/controller/nodelifecycle/scheduler
 * RateLimitedTimedQueue) with client-go's token bucket (burst 1), in simulated time and as plain
 * data so it snapshots. A name stays in the queue's set after it was processed, so marking the same
 * node again does nothing until it is explicitly removed (the node became reachable).
 */

/** A token bucket: `qps` tokens a second, at most `burst`; qps 0 never accepts (NewFakeNeverRateLimiter). */
export interface TokenBucket {
  qps: number;
  tokens: number;
  atMs: number;
}

/** EvictionRateLimiterBurst. */
export const EVICTION_BURST = 1;

export function newBucket(qps: number, nowMs: number): TokenBucket {
  return { qps, tokens: EVICTION_BURST, atMs: nowMs };
}

/** rate.Limiter.Allow: refill for the time passed, then take a token if there is a whole one. */
export function tryAccept(b: TokenBucket, nowMs: number): boolean {
  if (b.qps <= 0) return false;
  if (nowMs > b.atMs) {
    b.tokens = Math.min(EVICTION_BURST, b.tokens + ((nowMs - b.atMs) / 1000) * b.qps);
    b.atMs = nowMs;
  }
  if (b.tokens < 1) return false;
  b.tokens -= 1;
  return true;
}

/** When the bucket will next hold a whole token (Infinity for qps 0). */
export function tokenAtMs(b: TokenBucket, nowMs: number): number {
  if (b.qps <= 0) return Infinity;
  const missing = 1 - Math.min(EVICTION_BURST, b.tokens + ((nowMs - b.atMs) / 1000) * b.qps);
  return missing <= 0 ? nowMs : nowMs + Math.ceil((missing / b.qps) * 1000);
}

/** One queued node (TimedValue). */
export interface TimedValue {
  value: string;
  uid: string;
  addedAtMs: number;
  processAtMs: number;
}

/** RateLimitedTimedQueue: a UniqueQueue (set + queue ordered by processAt) and its limiter. */
export interface TimedQueue {
  set: string[];
  queue: TimedValue[];
  limiter: TokenBucket;
}

export function newTimedQueue(qps: number, nowMs: number): TimedQueue {
  return { set: [], queue: [], limiter: newBucket(qps, nowMs) };
}

/** UniqueQueue.Add: false when the value is already in the set (queued or processed). */
export function addValue(q: TimedQueue, value: string, uid: string, nowMs: number): boolean {
  if (q.set.includes(value)) return false;
  q.set.push(value);
  insert(q, { value, uid, addedAtMs: nowMs, processAtMs: nowMs });
  return true;
}

/** UniqueQueue.Remove: out of the queue and the set. */
export function removeValue(q: TimedQueue, value: string): boolean {
  const had = q.set.includes(value);
  q.set = q.set.filter((v) => v !== value);
  q.queue = q.queue.filter((v) => v.value !== value);
  return had;
}

function insert(q: TimedQueue, v: TimedValue): void {
  const i = q.queue.findIndex((x) => x.processAtMs > v.processAtMs);
  if (i < 0) q.queue.push(v);
  else q.queue.splice(i, 0, v);
}

/** What the action did with a value: done (leave the set, drop from the queue) or try again after `waitMs`. */
export type TryResult = { done: true } | { done: false; waitMs: number };

/**
 * RateLimitedTimedQueue.Try: while a token is available and the head is due, process it; a value
 * that fails goes back with processAt = now + wait. A token is spent even when the head is not due.
 */
export function tryQueue(q: TimedQueue, nowMs: number, fn: (v: TimedValue) => TryResult): void {
  let head = q.queue[0];
  while (head) {
    if (!tryAccept(q.limiter, nowMs)) break;
    if (nowMs < head.processAtMs) break;
    const r = fn(head);
    q.queue.shift();
    if (!r.done) insert(q, { ...head, processAtMs: nowMs + r.waitMs });
    head = q.queue[0];
  }
}

/** SwapLimiter: a new full bucket at the new rate, drained if the old one was empty. */
export function swapLimiter(q: TimedQueue, qps: number, nowMs: number): void {
  if (q.limiter.qps === qps) return;
  if (qps <= 0) {
    q.limiter = newBucket(0, nowMs);
    return;
  }
  const next = newBucket(qps, nowMs);
  if (!tryAccept(q.limiter, nowMs)) tryAccept(next, nowMs);
  q.limiter = next;
}
