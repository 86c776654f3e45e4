/**
 * The scheduling queue (kube-scheduler's PriorityQueue, v1.31 without queueing hints): activeQ
 * ordered by the QueueSort plugin, backoffQ ordered by back-off expiry (1 s doubling to 10 s per
 * attempt), and the unschedulable pods, which go back when a cluster event that could help one
 * of the plugins that rejected them happens, or after 5 minutes. Backed-off pods are flushed on
 * the scheduler's 1 s tick, leftover unschedulable pods on its 30 s tick — in simulated time,
 * only while there is something to flush.
 *
 * All state is plain data keyed by `namespace/name`; the PodInfo is rebuilt from the pod on load.
 */
import type { ClusterEvent, PodInfo, QueuedPodInfo } from './framework/types.ts';

/** podMaxInUnschedulablePodsDuration. */
export const UNSCHEDULABLE_MAX_MS = 5 * 60_000;
export const BACKOFF_FLUSH_PERIOD_MS = 1000;
export const UNSCHEDULABLE_FLUSH_PERIOD_MS = 30_000;

type Where = 'active' | 'backoff' | 'unschedulable';

export interface QueueEntryState {
  key: string;
  where: Where;
  timestamp: number;
  attempts: number;
  initialAttemptTimestamp: number;
  unschedulablePlugins: string[];
}

type Entry = QueuedPodInfo & { where: Where };

export class SchedulingQueue {
  private readonly entries = new Map<string, Entry>();
  /** How many entries wait in each sub-queue (kept with every move, so asking costs nothing). */
  private readonly counts: Record<Where, number> = { active: 0, backoff: 0, unschedulable: 0 };
  /** Keys popped and being scheduled right now (not in any sub-queue). */
  private readonly inFlight = new Set<string>();

  constructor(
    private readonly less: (a: QueuedPodInfo, b: QueuedPodInfo) => boolean,
    private readonly backoff: { initialMs: number; maxMs: number },
  ) {}

  /** A new pending pod goes to activeQ. */
  add(podInfo: PodInfo, now: number): void {
    const e = this.entries.get(podInfo.key);
    if (e) {
      e.podInfo = podInfo;
      return;
    }
    if (this.inFlight.has(podInfo.key)) return;
    this.put({ podInfo, timestamp: now, attempts: 0, initialAttemptTimestamp: now, unschedulablePlugins: new Set(), where: 'active' });
  }

  private put(e: Entry): void {
    this.entries.set(e.podInfo.key, e);
    this.counts[e.where]++;
  }

  private take(e: Entry): void {
    this.entries.delete(e.podInfo.key);
    this.counts[e.where]--;
  }

  private move(e: Entry, where: Where): void {
    this.counts[e.where]--;
    this.counts[where]++;
    e.where = where;
  }

  /** Back to activeQ, or to backoffQ while its back-off lasts. */
  private requeue(e: Entry, now: number): void {
    this.move(e, this.isBackingOff(e, now) ? 'backoff' : 'active');
  }

  /**
   * A queued pod changed. A spec or label change may make an unschedulable pod schedulable, so it
   * moves (to backoffQ while backing off); status-only changes just refresh the PodInfo.
   */
  update(podInfo: PodInfo, specChanged: boolean, now: number): void {
    const e = this.entries.get(podInfo.key);
    if (!e) return this.add(podInfo, now);
    e.podInfo = podInfo;
    if (specChanged && e.where === 'unschedulable') this.requeue(e, now);
  }

  delete(key: string): void {
    const e = this.entries.get(key);
    if (e) this.take(e);
    this.inFlight.delete(key);
  }

  /** The queued entry for a pod (not one being scheduled right now). */
  peek(key: string): QueuedPodInfo | undefined {
    return this.entries.get(key);
  }

  has(key: string): boolean {
    return this.entries.has(key) || this.inFlight.has(key);
  }

  /** The highest-priority pod in activeQ (its attempt count goes up), or undefined. */
  pop(): QueuedPodInfo | undefined {
    let best: Entry | undefined;
    for (const e of this.entries.values()) {
      if (e.where === 'active' && (best === undefined || this.less(e, best))) best = e;
    }
    if (!best) return undefined;
    this.take(best);
    this.inFlight.add(best.podInfo.key);
    best.attempts++;
    return best;
  }

  /** Pops every active pod in queue order (one sort instead of a scan per pop). */
  popAll(): QueuedPodInfo[] {
    if (this.counts.active === 0) return [];
    const active = [...this.entries.values()].filter((e) => e.where === 'active');
    active.sort((a, b) => (this.less(a, b) ? -1 : this.less(b, a) ? 1 : 0));
    for (const e of active) {
      this.take(e);
      this.inFlight.add(e.podInfo.key);
      e.attempts++;
    }
    return active;
  }

  /** The cycle for a popped pod ended with it bound (or gone). */
  done(key: string): void {
    this.inFlight.delete(key);
  }

  /** The cycle failed: the pod waits as unschedulable (or in backoffQ if an event moved pods meanwhile). */
  addUnschedulable(q: QueuedPodInfo, now: number, moveRequested: boolean): void {
    this.inFlight.delete(q.podInfo.key);
    q.timestamp = now;
    const where: Where = moveRequested ? (this.isBackingOff(q, now) ? 'backoff' : 'active') : 'unschedulable';
    const old = this.entries.get(q.podInfo.key);
    if (old) this.take(old);
    this.put({ ...q, where });
  }

  /** A cluster event: unschedulable pods rejected by a plugin interested in it move back. */
  moveOnEvent(
    event: ClusterEvent,
    interested: (plugin: string, event: ClusterEvent) => boolean,
    now: number,
    preCheck?: (pod: PodInfo) => boolean,
  ): number {
    let moved = 0;
    if (this.counts.unschedulable === 0) return 0;
    for (const e of this.entries.values()) {
      if (e.where !== 'unschedulable') continue;
      if (preCheck && !preCheck(e.podInfo)) continue;
      const plugins = e.unschedulablePlugins;
      let match = plugins.size === 0;
      for (const p of plugins) if (!match && interested(p, event)) match = true;
      if (!match) continue;
      this.requeue(e, now);
      moved++;
    }
    return moved;
  }

  /** flushBackoffQCompleted: pods whose back-off has expired go to activeQ. */
  flushBackoff(now: number): number {
    let moved = 0;
    if (this.counts.backoff === 0) return 0;
    for (const e of this.entries.values()) {
      if (e.where === 'backoff' && !this.isBackingOff(e, now)) {
        this.move(e, 'active');
        moved++;
      }
    }
    return moved;
  }

  /** flushUnschedulablePodsLeftover: pods unschedulable for 5 minutes go back. */
  flushUnschedulable(now: number): number {
    let moved = 0;
    if (this.counts.unschedulable === 0) return 0;
    for (const e of this.entries.values()) {
      if (e.where === 'unschedulable' && now - e.timestamp > UNSCHEDULABLE_MAX_MS) {
        this.requeue(e, now);
        moved++;
      }
    }
    return moved;
  }

  /** calculateBackoffDuration: initial × 2^(attempts−1), capped. */
  backoffMs(attempts: number): number {
    let d = this.backoff.initialMs;
    for (let i = 1; i < attempts; i++) {
      d *= 2;
      if (d > this.backoff.maxMs) return this.backoff.maxMs;
    }
    return d;
  }

  private isBackingOff(q: QueuedPodInfo, now: number): boolean {
    return q.timestamp + this.backoffMs(q.attempts) > now;
  }

  count(where: Where): number {
    return this.counts[where];
  }

  /** Pending pods with where they wait (for the UI's pending tray and `sim explain`). */
  list(): { key: string; where: Where; attempts: number; backoffUntil: number }[] {
    return [...this.entries.values()].map((e) => ({
      key: e.podInfo.key,
      where: e.where,
      attempts: e.attempts,
      backoffUntil: e.timestamp + this.backoffMs(e.attempts),
    }));
  }

  save(): QueueEntryState[] {
    return [...this.entries.values()].map((e) => ({
      key: e.podInfo.key,
      where: e.where,
      timestamp: e.timestamp,
      attempts: e.attempts,
      initialAttemptTimestamp: e.initialAttemptTimestamp,
      unschedulablePlugins: [...e.unschedulablePlugins],
    }));
  }

  load(states: readonly QueueEntryState[], podInfo: (key: string) => PodInfo | undefined): void {
    this.entries.clear();
    this.counts.active = this.counts.backoff = this.counts.unschedulable = 0;
    for (const s of states) {
      const p = podInfo(s.key);
      if (!p) continue;
      this.put({
        podInfo: p,
        where: s.where,
        timestamp: s.timestamp,
        attempts: s.attempts,
        initialAttemptTimestamp: s.initialAttemptTimestamp,
        unschedulablePlugins: new Set(s.unschedulablePlugins),
      });
    }
  }
}
