/**
 * Watching over simulated time, shared by `kubectl get -w` and `kubectl wait` (and shaped like
 * `rollout status`'s wait): a store watch whose events arrive while the simulation runs, one
 * instant at a time, until a deadline or until the consumer is done. The clock jumps from timer to
 * timer, so a watch over an idle cluster costs only the timers that fall in it, and a wait ends at
 * the simulated instant its condition was met.
 *
 * A watch is driven in steps (`runUntil(untilMs)`): a script runs it to its deadline in one call;
 * the app's terminal can run it a slice at a time and stop it (Ctrl-C) between slices.
 */
import type { ResourceType } from '../../engine/api/resources.ts';
import type { Watch, WatchOptions } from '../../engine/api/store.ts';
import type { WatchEvent } from '../../engine/api/types.ts';
import { HOUR_MS, MINUTE_MS, SECOND_MS } from '../../engine/kernel/time.ts';
import type { Simulation } from '../../engine/simulation.ts';
import type { ParsedArgs } from '../flags.ts';
import { GoDurationError, parseGoDuration } from '../go-duration.ts';
import { CommandError, type CommandContext, type CommandIO, type DetachedWatch } from '../types.ts';
import { printErrors } from './errors.ts';

/**
 * How long a watch without `--request-timeout` lasts. kubectl itself never gives up on a watch:
 * kube-apiserver closes it, after a random time between `--min-request-timeout` (1800 s by
 * default) and twice that, and `kubectl get -w` then exits 0 without retrying. A script has no
 * Ctrl-C, so Podlab's API server closes every watch at the earliest of those moments: 30 minutes
 * of simulated time (no PRNG draw, so a watch leaves the cluster's random stream untouched).
 */
export const WATCH_SERVER_TIMEOUT_MS = 30 * MINUTE_MS;

/** `kubectl wait --timeout` with a negative value waits "for a week" (168 h). */
export const WAIT_FOREVER_MS = 168 * HOUR_MS;

const INVALID_REQUEST_TIMEOUT =
  'error: Invalid timeout value. Timeout must be a single integer in seconds, or an integer followed by a corresponding time unit (e.g. 1s | 2m | 3h)';

/**
 * The global `--request-timeout` in ms as clientcmd's ParseTimeout reads it (a bare integer is
 * seconds, else a Go duration), or undefined for none (unset, or zero: "don't timeout requests").
 */
export function requestTimeoutMs(args: ParsedArgs): number | undefined {
  const text = typeof args.flags['request-timeout'] === 'string' ? (args.flags['request-timeout'] as string) : '';
  if (text === '') return undefined;
  let ms: number;
  if (/^\+?\d+$/.test(text)) ms = Number(text) * SECOND_MS;
  else {
    try {
      ms = parseGoDuration(text);
    } catch (e) {
      if (e instanceof GoDurationError) throw new CommandError(INVALID_REQUEST_TIMEOUT);
      throw e;
    }
  }
  return ms > 0 ? ms : undefined;
}

/**
 * Runs the simulation from now towards `untilMs` one instant at a time (every timer due at that
 * instant, then the next), and stops after the instant in which `isDone()` became true.
 */
export function runClock(sim: Simulation, untilMs: number, isDone: () => boolean): void {
  while (!isDone() && sim.now < untilMs) {
    const next = sim.kernel.nextTimerAt();
    sim.kernel.runUntil(next === undefined ? untilMs : Math.min(Math.max(next, sim.now), untilMs));
  }
}

/**
 * Consumes one watch event; returns true when the consumer has seen enough. It runs inside the
 * store's dispatch, at the simulated instant of the change, so anything it renders (AGE) is as
 * of that instant. A throw ends the watch and is kept as its error, never reaching the engine.
 */
export type WatchConsumer = (event: WatchEvent) => boolean;

/** A store watch read while the simulation runs: see {@link runClock}. */
export class ClockedWatch {
  private readonly handle: Watch | undefined;
  private finished = false;
  private failure: unknown;

  /**
   * Starts watching at once (with `opts.resourceVersion`, only changes after it arrive).
   * @param consume called per event until it returns true or throws
   */
  constructor(
    private readonly sim: Simulation,
    rt: ResourceType,
    opts: WatchOptions,
    private readonly consume: WatchConsumer,
  ) {
    this.handle = sim.store.watch(rt, (e) => this.deliver(e), opts);
    // Without a resourceVersion the current objects arrive before `watch` returns.
    if (this.finished) this.handle.stop();
  }

  /** True once the consumer is done, failed, or the watch was stopped. */
  get done(): boolean {
    return this.finished;
  }

  /** What the consumer threw, if it did. */
  get error(): unknown {
    return this.failure;
  }

  /** Runs the simulation up to `untilMs`, or less if the consumer is done first; returns `done`. */
  runUntil(untilMs: number): boolean {
    runClock(this.sim, untilMs, () => this.finished);
    return this.finished;
  }

  /** Ends the watch (idempotent). */
  stop(): void {
    this.finished = true;
    this.handle?.stop();
  }

  private deliver(e: WatchEvent): void {
    if (this.finished) return;
    try {
      if (this.consume(e)) this.stop();
    } catch (err) {
      this.failure = err;
      this.stop();
    }
  }
}

// ---- commands that wait -------------------------------------------------------------------------

/** One wait of a command that waits: its watch runs until done or until the clock reaches `untilMs`. */
export interface PendingWait {
  readonly watch: ClockedWatch;
  readonly untilMs: number;
  /** Another wait may start the instant this one ends (more objects to wait for). */
  readonly more: boolean;
}

/** The steps of a command that waits: each wait in turn, then its exit code. */
export type WaitSteps = Generator<PendingWait, number, undefined>;

/**
 * Runs a command that waits (`kubectl wait`, `rollout status`), written once as a generator that
 * yields each wait and writes to the `io` it is given. In a script each wait runs the clock to its
 * end in one step. In the app's terminal (`ctx.detachWatch`) the command returns once it has to
 * wait and the live clock takes it on: after every move the terminal polls it, which resumes it
 * when its wait is over, until it returns its exit code; Ctrl-C stops it where it is.
 */
export function runWaiting(ctx: CommandContext, steps: (io: CommandIO) => WaitSteps): number {
  if (!ctx.detachWatch) {
    const run = steps(ctx.io);
    try {
      for (let next = run.next(); ; next = run.next()) {
        if (next.done) return next.value;
        next.value.watch.runUntil(next.value.untilMs);
      }
    } finally {
      run.return(0);
    }
  }
  const live = new LiveWait(ctx, steps);
  const exitCode = live.poll();
  ctx.io.out(live.take());
  if (exitCode !== undefined) return exitCode;
  ctx.detachWatch(live);
  return 0;
}

/** A command that waits, left to the live clock: see {@link runWaiting}. */
class LiveWait implements DetachedWatch {
  private pending = '';
  private readonly run: WaitSteps;
  private current: IteratorResult<PendingWait, number> | undefined;
  private readonly io: CommandIO;

  constructor(
    private readonly ctx: CommandContext,
    steps: (io: CommandIO) => WaitSteps,
  ) {
    const write = (text: string): void => {
      this.pending += text;
    };
    this.io = { out: write, err: write };
    this.run = steps(this.io);
  }

  get endMs(): number {
    const c = this.current;
    return c === undefined || c.done ? Number.NEGATIVE_INFINITY : c.value.untilMs;
  }

  get instantwise(): boolean {
    const c = this.current;
    return c !== undefined && !c.done && c.value.more;
  }

  poll(): number | undefined {
    try {
      this.current ??= this.run.next();
      while (!this.current.done && (this.current.value.watch.done || this.ctx.sim.now >= this.current.value.untilMs)) this.current = this.run.next();
      return this.current.done ? this.current.value : undefined;
    } catch (e) {
      // What the command threw, printed as runKubectl prints it.
      this.current = { done: true, value: printErrors(this.io, [e]) };
      return this.current.value;
    }
  }

  take(): string {
    const text = this.pending;
    this.pending = '';
    return text;
  }

  stop(): void {
    if (this.current?.done === true) return;
    if (this.current) this.current.value.watch.stop();
    this.run.return(0);
    this.current = { done: true, value: 0 };
  }
}
