/**
 * The live cluster behind the app: one command Session plus play/pause/speed and time travel
 * (seek back, fork). It knows nothing of workers or timers — worker.ts feeds it messages and real
 * elapsed time — so it runs (and is tested) in Node exactly as in the browser.
 */
import { runScript } from '../commands/runner.ts';
import { complete, type Completion } from '../commands/completion.ts';
import { Session } from '../commands/session.ts';
import type { Simulation } from '../engine/simulation.ts';
import { MAX_SPEED, MIN_SPEED, STEP_MS, type ClusterView, type ExecResult, type ScriptResult } from './protocol.ts';
import { TimeTravel } from './time-travel.ts';
import { deriveView } from './view-model.ts';

/** The live session's seed: the default cluster of `podlab run` without `--seed`. */
export const LIVE_SEED = 1;
/** Real time beyond this per tick is dropped, so a stalled tab or a slow advance does not snowball. */
export const MAX_TICK_REAL_MS = 250;

export class LiveCluster {
  readonly session = new Session({ seed: LIVE_SEED, editor: true });
  /** Commands and snapshots, so the Timeline can show any earlier moment (time-travel.ts). */
  readonly history = new TimeTravel(this.session);
  private playingNow = false;
  private speedNow = 1;
  /** Simulated sub-millisecond left over from earlier ticks, so slow speeds still add up. */
  private carryMs = 0;
  private lastViewKey = '';
  private lastSim: Simulation | undefined;

  get playing(): boolean {
    return this.playingNow;
  }

  get speed(): number {
    return this.speedNow;
  }

  /** Runs one command line against the live cluster. A crash becomes an error result, never a lost reply. */
  exec(line: string, stdin?: string): ExecResult {
    try {
      const r = this.history.exec(line, stdin).result;
      return r.edit === undefined ? { output: r.output, exitCode: r.exitCode } : { output: r.output, exitCode: r.exitCode, edit: r.edit };
    } catch (e) {
      return { output: `internal error: ${e instanceof Error ? e.message : String(e)}\n`, exitCode: 1 };
    }
  }

  /** Tab completion against the live cluster's registries and objects. */
  complete(line: string): Completion {
    return complete(line, this.session.sim);
  }

  play(): void {
    this.playingNow = true;
  }

  pause(): void {
    this.playingNow = false;
    this.carryMs = 0;
  }

  /** Pauses, then advances exactly one step of simulated time. */
  step(): void {
    this.pause();
    this.history.advance(STEP_MS);
  }

  /** Pauses and shows the cluster as it was at `atMs` (clamped to the recorded history). */
  seek(atMs: number): void {
    this.lastViewKey = ''; // every seek gets a view: the bridge waits for it before sending the next
    if (!Number.isFinite(atMs)) return;
    this.pause();
    this.history.seek(atMs);
  }

  /** Pauses and returns to the live edge of the history. */
  resumeLive(): void {
    this.pause();
    this.history.resumeLive();
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
    if (whole > 0) this.history.advance(whole);
  }

  /** The current view, or undefined when nothing the UI shows has changed since the last call. */
  viewIfChanged(): ClusterView | undefined {
    const sim = this.session.sim;
    const key = `${sim.store.resourceVersion}|${sim.now}|${this.playingNow}|${this.speedNow}|${this.history.version}`;
    if (sim === this.lastSim && key === this.lastViewKey) return undefined;
    this.lastSim = sim;
    this.lastViewKey = key;
    return { ...deriveView(sim, this.playingNow, this.speedNow), history: this.history.view() };
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
