/**
 * The live cluster behind the app: one command Session plus play/pause/speed and time travel
 * (seek back, fork). It knows nothing of workers or timers — worker.ts feeds it messages and real
 * elapsed time — so it runs (and is tested) in Node exactly as in the browser.
 */
import { runScript } from '../commands/runner.ts';
import { complete, type Completion } from '../commands/completion.ts';
import { Session } from '../commands/session.ts';
import { MemoryFileSystem } from '../commands/memory-fs.ts';
import type { DetachedWatch } from '../commands/types.ts';
import type { Simulation } from '../engine/simulation.ts';
import { MAX_SPEED, MIN_SPEED, STEP_MS, type ClusterView, type ExecResult, type ObjectRef, type ScriptResult, type WorkloadsReport } from './protocol.ts';
import { TimeTravel, type TimeTravelExec } from './time-travel.ts';
import type { KubeconfigState } from '../commands/kubectl/kubeconfig.ts';
import type { CommandResult } from '../commands/session.ts';
import { PauseTriggers, TRIGGER_CHUNK_MS } from './pause-triggers.ts';
import type { PauseReason } from './protocol.ts';
import { deriveView } from './view-model.ts';
import { WorkloadHistory } from './workload-history.ts';
import { LIVE_SEED } from './worker-boot.ts';

export { LIVE_SEED };
/** The exit code of a live command stopped by Ctrl-C (see {@link LiveCluster.interrupt}). */
export const INTERRUPTED_EXIT_CODE = 2;
/** Real time beyond this per tick is dropped, so a stalled tab or a slow advance does not snowball. */
export const MAX_TICK_REAL_MS = 250;

export class LiveCluster {
  readonly session: Session;
  /** Commands and snapshots, so the Timeline can show any earlier moment (time-travel.ts). */
  readonly history: TimeTravel;
  /** Replica history, rollout lanes and the controllers' flow for the Workloads tab (workload-history.ts). */
  readonly workloads: WorkloadHistory;
  private playingNow = false;
  /** Presenter mode's "pause when…" triggers (pause-triggers.ts), and the one that last stopped the clock. */
  readonly triggers = new PauseTriggers();
  private pausedByNow: PauseReason | undefined;
  private speedNow = 1;
  /** Simulated sub-millisecond left over from earlier ticks, so slow speeds still add up. */
  private carryMs = 0;
  private lastViewKey = '';
  private lastSim: Simulation | undefined;
  /** A lab's veto (src/app/labs): a result for a command that must not run (`sim cluster` in a lab), else undefined. */
  guard: ((line: string) => ExecResult | undefined) | undefined;
  /** Told of every command that ran, with what time travel did with it (the lab's command log). */
  afterExec: ((result: CommandResult, done: TimeTravelExec) => void) | undefined;
  /**
   * Commands running live, by the id of the exec that started them: `kubectl get -w` and
   * `events -w` watches, and the commands that wait (`kubectl wait`, `rollout status`), which end by themselves.
   */
  private readonly watches = new Map<number, { watch: DetachedWatch; sim: Simulation; exitCode?: number }>();

  /**
   * `boot`: the default cluster (seed LIVE_SEED) already built, as the worker builds it to show a
   * first view before the command layer has loaded (worker.ts); without it the session builds it.
   */
  constructor(boot?: Simulation) {
    // The browser has no disk: files commands write (`cluster-info dump --output-directory`) stay in memory.
    this.session = new Session({ seed: LIVE_SEED, editor: true, liveWatches: true, fs: new MemoryFileSystem() });
    if (boot) this.session.replaceSimulation(boot);
    this.history = new TimeTravel(this.session);
    this.workloads = new WorkloadHistory().following(this.session.sim);
  }

  get playing(): boolean {
    return this.playingNow;
  }

  get speed(): number {
    return this.speedNow;
  }

  /**
   * Runs one command line against the live cluster. A crash becomes an error result, never a lost reply.
   * With `id`, a `kubectl get -w` keeps watching the live cluster after it returns (and `kubectl
   * wait` / `rollout status` keep waiting): the result is its output so far and {@link isWatching}
   * stays true until {@link drainWatches} reports its end (done, Ctrl-C, its end time, time travel).
   * Without an id nothing could follow it, so it stops at once.
   */
  exec(line: string, stdin?: string, id?: number): ExecResult {
    const vetoed = this.guard?.(line);
    if (vetoed) return vetoed;
    const simBefore = this.session.sim;
    const nowBefore = simBefore.now;
    this.workloads.attach(simBefore);
    const putBack = this.history.past ? this.workloads.setFutureAside(Number(simBefore.store.resourceVersion)) : undefined;
    try {
      const done = this.history.exec(line, stdin);
      this.afterExec?.(done.result, done);
      this.triggers.take(); // a command's own `sim advance` runs to its end: what it passed does not pause later
      if (this.session.sim !== simBefore || simBefore.now !== nowBefore) this.pausedByNow = undefined; // the clock left the moment it paused at
      if (this.session.sim !== simBefore) this.workloads.reset(this.session.sim);
      else if (!done.forked) putBack?.();
      const r = done.result;
      if (r.watch) {
        if (id === undefined) r.watch.stop();
        else this.watches.set(id, { watch: r.watch, sim: this.session.sim });
      }
      return r.edit === undefined ? { output: r.output, exitCode: r.exitCode } : { output: r.output, exitCode: r.exitCode, edit: r.edit };
    } catch (e) {
      return { output: `internal error: ${e instanceof Error ? e.message : String(e)}\n`, exitCode: 1 };
    }
  }

  /** True while the watch started by exec `id` runs. */
  isWatching(id: number): boolean {
    return this.watches.has(id);
  }

  /**
   * Ctrl-C: stops every live watch. `get -w`, `wait` and `rollout status` run their watch under
   * kubectl's interrupt handler with no final function (interrupt.New(nil, cancel)), which exits 2.
   */
  interrupt(): void {
    for (const w of this.watches.values()) this.endWatch(w, INTERRUPTED_EXIT_CODE);
  }

  /**
   * What each live watch printed since the last call, and which ended (with their exit codes):
   * at their end time (kubectl exits 0 when the server closes a watch), when the cluster they
   * watched was replaced or time travel moved, or by {@link interrupt}.
   */
  drainWatches(): { id: number; text: string; exitCode?: number }[] {
    const out: { id: number; text: string; exitCode?: number }[] = [];
    this.pollWatches();
    for (const [id, w] of this.watches) {
      const text = w.watch.take();
      if (w.exitCode !== undefined) this.watches.delete(id);
      if (text !== '' || w.exitCode !== undefined) out.push(w.exitCode === undefined ? { id, text } : { id, text, exitCode: w.exitCode });
    }
    return out;
  }

  /**
   * Moves each live command on after the clock moved: a command that waits resumes (and may end
   * with its exit code); a watch ends at its end time with 0, as kubectl does when the server
   * closes it. One whose cluster was replaced or moved by time travel ends (a wait failing, 1).
   */
  private pollWatches(): void {
    for (const w of this.watches.values()) {
      if (w.exitCode !== undefined) continue;
      if (w.sim !== this.session.sim) this.closeWatch(w);
      else if (w.watch.poll) {
        const exitCode = w.watch.poll();
        if (exitCode !== undefined) this.endWatch(w, exitCode);
      } else if (w.sim.now >= w.watch.endMs) this.endWatch(w, 0);
    }
  }

  /** The cluster is replaced or time travel moves it: every live command ends (see {@link closeWatch}). */
  private closeWatches(): void {
    for (const w of this.watches.values()) this.closeWatch(w);
  }

  /** A watch ends as when the server closes it (exit 0); a command that waits fails (1), its wait unanswered. */
  private closeWatch(w: { watch: DetachedWatch; exitCode?: number }): void {
    this.endWatch(w, w.watch.poll ? 1 : 0);
  }

  private endWatch(w: { watch: DetachedWatch; exitCode?: number }, exitCode: number): void {
    if (w.exitCode !== undefined) return;
    w.watch.stop();
    w.exitCode = exitCode;
  }

  /**
   * Advances the live history by `ms`, stopping at a live watch's end time on the way so it sees
   * nothing after it (the API server closed it then).
   */
  private advance(ms: number): void {
    let left = Math.floor(ms);
    while (left > 0) {
      const now = this.session.sim.now;
      let stopAt = now + left;
      stopAt = this.watchStop(now, stopAt);
      // Armed triggers: small steps, so the clock stops within TRIGGER_CHUNK_MS of the moment one fires.
      if (this.triggers.anyArmed) {
        this.triggers.attach(this.session.sim);
        stopAt = Math.min(stopAt, now + TRIGGER_CHUNK_MS);
      }
      this.history.advance(stopAt - now);
      const fired = this.triggers.take();
      if (fired) {
        this.pausedByNow = fired;
        this.pause();
        this.pollWatches();
        break;
      }
      this.pollWatches();
      if (this.session.sim.now <= now) break;
      left -= this.session.sim.now - now;
    }
  }

  /**
   * Where the clock must stop on its way from `now` to `stopAt` for the live commands: a watch's
   * end time, and the next instant while a command may start its next wait then (so it starts at
   * the instant a script would start it).
   */
  private watchStop(now: number, stopAt: number): number {
    let at = stopAt;
    for (const w of this.watches.values()) {
      if (w.exitCode !== undefined) continue;
      if (w.watch.endMs > now && w.watch.endMs < at) at = w.watch.endMs;
      if (w.watch.instantwise) {
        const next = this.session.sim.kernel.nextTimerAt();
        if (next !== undefined && next > now && next < at) at = next;
      }
    }
    return at;
  }

  /**
   * Puts `sim` in place of the cluster (a lab's start state, the default cluster), as `sim cluster`
   * does: paused, watches ended, the kubeconfig replaced, and a new history that starts from it.
   */
  replaceCluster(sim: Simulation, kubeconfig: KubeconfigState): void {
    this.pause();
    this.closeWatches();
    this.session.replaceSimulation(sim);
    const kc = this.session.kubeconfig as unknown as Record<string, unknown>;
    for (const key of Object.keys(kc)) delete kc[key];
    Object.assign(kc, structuredClone(kubeconfig));
    this.history.restart();
    this.workloads.reset(sim);
    this.lastViewKey = '';
  }

  /** The Workloads tab's charts for `select` at the moment shown (asked for on demand, not per tick). */
  workloadsReport(select?: ObjectRef): WorkloadsReport {
    this.workloads.attach(this.session.sim);
    return this.workloads.report(select);
  }

  /** Tab completion against the live cluster's registries and objects. */
  complete(line: string): Completion {
    return complete(line, this.session.sim);
  }

  play(): void {
    this.playingNow = true;
    this.pausedByNow = undefined;
  }

  /** Arms exactly these "pause when…" triggers (an empty list disarms them). */
  setPauseWhen(triggers: readonly unknown[]): void {
    this.triggers.arm(triggers);
    this.lastViewKey = '';
  }

  /** The trigger that stopped the clock, until Play, Step or time travel. */
  get pausedBy(): PauseReason | undefined {
    return this.pausedByNow;
  }

  pause(): void {
    this.playingNow = false;
    this.carryMs = 0;
  }

  /** Pauses, then advances exactly one step of simulated time. */
  step(): void {
    this.pause();
    this.pausedByNow = undefined;
    this.advance(STEP_MS);
  }

  /** Pauses and shows the cluster as it was at `atMs` (clamped to the recorded history). */
  seek(atMs: number): void {
    this.lastViewKey = ''; // every seek gets a view: the bridge waits for it before sending the next
    if (!Number.isFinite(atMs)) return;
    this.pause();
    this.pausedByNow = undefined;
    this.closeWatches();
    this.history.seek(atMs);
    this.workloads.attach(this.session.sim);
  }

  /** Pauses and returns to the live edge of the history. */
  resumeLive(): void {
    this.pause();
    this.pausedByNow = undefined;
    this.closeWatches();
    this.history.resumeLive();
    this.workloads.attach(this.session.sim);
  }

  /** Sets simulated seconds per real second; values out of range are clamped, non-numbers ignored. */
  setSpeed(value: number): void {
    if (!Number.isFinite(value)) return;
    this.speedNow = Math.min(MAX_SPEED, Math.max(MIN_SPEED, value));
  }

  /** Advances by `realMs` of real time × speed while playing. */
  tick(realMs: number): void {
    if (!this.playingNow || realMs <= 0) return;
    const simMs = Math.min(realMs, MAX_TICK_REAL_MS) * this.speedNow + this.carryMs;
    const whole = Math.floor(simMs);
    this.carryMs = simMs - whole;
    if (whole > 0) this.advance(whole);
  }

  /** The current view, or undefined when nothing the UI shows has changed since the last call. */
  viewIfChanged(): ClusterView | undefined {
    const sim = this.session.sim;
    const key = `${sim.store.resourceVersion}|${sim.now}|${this.playingNow}|${this.speedNow}|${this.history.version}|${this.triggers.armed.join()}|${this.pausedByNow?.at ?? ''}`;
    if (sim === this.lastSim && key === this.lastViewKey) return undefined;
    this.lastSim = sim;
    this.lastViewKey = key;
    return {
      ...deriveView(sim, this.playingNow, this.speedNow),
      history: this.history.view(),
      ...(this.triggers.anyArmed ? { pauseWhen: [...this.triggers.armed] } : {}),
      ...(this.pausedByNow ? { pausedBy: this.pausedByNow } : {}),
    };
  }
}

/** Runs a scenario script in a fresh session of its own; the live cluster is not touched. */
export function runIsolatedScript(text: string, seed: number): ScriptResult {
  try {
    const run = runScript(text, { seed });
    return { traceHash: run.session.sim.traceHash(), status: run.status, error: run.error, entries: run.entries };
  } catch (e) {
    return { traceHash: '', status: 2, error: `internal error: ${e instanceof Error ? e.message : String(e)}`, entries: [] };
  }
}
