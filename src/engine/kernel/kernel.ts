import { Prng, type PrngState } from './prng.ts';
import { Trace, type TraceState } from './trace.ts';
import { TimerQueue, type Timer } from './timers.ts';
import type { SimTimeMs } from './time.ts';

export type TimerHandler = (data: unknown, timer: Timer) => void;

/**
 * The discrete-event kernel: simulated time, the timer queue, the seeded PRNG and the trace.
 * Time only moves when `runUntil` pops timers; idle stretches are skipped in one step, so
 * advancing a quiet cluster by a day costs as much as the timers that fall in it.
 *
 * Architecture invariant: nothing here reads the wall clock or an unseeded random source.
 */
export class Kernel {
  now: SimTimeMs = 0;
  prng: Prng;
  trace = new Trace();
  private timers = new TimerQueue();
  private handlers = new Map<string, TimerHandler>();

  constructor(readonly seed: number) {
    this.prng = new Prng(seed);
  }

  /** Registers the handler for timers of a type (one handler per type). */
  on(type: string, handler: TimerHandler): void {
    if (this.handlers.has(type)) throw new Error(`timer type ${type} already has a handler`);
    this.handlers.set(type, handler);
  }

  /** Schedules a timer `delayMs` from now (0 = after everything already due now). */
  schedule(delayMs: number, type: string, data: unknown = null): Timer {
    return this.timers.schedule(this.now + Math.max(0, delayMs), type, data);
  }

  cancel(match: (t: Timer) => boolean): number {
    return this.timers.cancel(match);
  }

  get pendingTimers(): number {
    return this.timers.size;
  }

  /** Time of the next timer, or undefined when none is pending. */
  nextTimerAt(): SimTimeMs | undefined {
    return this.timers.peek()?.at;
  }

  /** Fires every timer due at or before `until` in (time, sequence) order, then sets now = until. */
  runUntil(until: SimTimeMs): number {
    let fired = 0;
    for (let t = this.timers.peek(); t !== undefined && t.at <= until; t = this.timers.peek()) {
      this.timers.pop();
      this.now = t.at;
      const handler = this.handlers.get(t.type);
      if (!handler) throw new Error(`no handler for timer type ${t.type}`);
      handler(t.data, t);
      fired++;
    }
    if (until > this.now) this.now = until;
    return fired;
  }

  save(): KernelState {
    return { seed: this.seed, now: this.now, prng: this.prng.state(), timers: this.timers.save(), trace: this.trace.save() };
  }

  /** Restores time, timers, PRNG and trace; handlers must be registered again by their owners. */
  load(s: KernelState): void {
    this.now = s.now;
    this.prng = new Prng(s.prng);
    this.timers = TimerQueue.load(s.timers);
    this.trace = Trace.load(s.trace);
  }
}

export interface KernelState {
  seed: number;
  now: SimTimeMs;
  prng: PrngState;
  timers: { nextSeq: number; timers: Timer[] };
  trace: TraceState;
}
