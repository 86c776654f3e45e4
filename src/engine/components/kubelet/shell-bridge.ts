/**
 * The kubelet's use of the shell interpreter (src/engine/node/shell): start a process from argv,
 * run it until it sleeps or exits, and run a one-shot command to its end (exec probes,
 * `kubectl exec`), where a sleep passes instantly on the command's own clock.
 */
import { late } from '../../late.ts';
import type { RunResult, ShellHost, ShellState } from '../../node/shell/state.ts';

/** At most this many sleeps in one exec before it is cut off (an exec that never ends). */
const EXEC_MAX_SLEEPS = 1000;

export function startShellArgv(argv: string[]): ShellState {
  return late().startArgv(argv);
}

/** Runs until the process sleeps or exits; mutates `state` in place. */
export function runShellStep(state: ShellState, host: ShellHost, nowMs: number): { kind: 'sleep'; untilMs: number | null; busy?: boolean } | { kind: 'exit'; code: number; notFound?: string } {
  const { state: next, result } = late().runShell(state, host, nowMs);
  if (next !== state) Object.assign(state, next);
  return toResult(result);
}

/** What `signal` does to the process: runs its trap, nothing (`trap '' TERM`), or the default action. */
export function shellSignalDisposition(state: ShellState, signal: string): 'trap' | 'ignore' | 'default' {
  return late().signalDisposition(state, signal);
}

/** Delivers `signal` to the process, mutating `state` in place; true when its trap is now pending (the next step runs it). */
export function deliverShellSignal(state: ShellState, signal: string): boolean {
  const next = late().signalShell(state, signal);
  if (next === 'default' || next === state) return false;
  Object.assign(state, next);
  return true;
}

function toResult(r: RunResult): { kind: 'sleep'; untilMs: number | null; busy?: boolean } | { kind: 'exit'; code: number; notFound?: string } {
  if (r.kind === 'sleep') return { kind: 'sleep', untilMs: r.untilMs, busy: r.busy === true };
  return { kind: 'exit', code: r.code, notFound: r.notFound };
}

/**
 * Runs a command to its end: sleeps pass at once on the command's own clock, and `elapsedMs`
 * says how long it would have taken (an exec probe compares it with timeoutSeconds). One that
 * sleeps forever, or past `limitMs`, is cut off with exit 137.
 */
export function runShellToEnd(state: ShellState, host: ShellHost, nowMs: number, limitMs = Infinity): { code: number; notFound?: string; elapsedMs: number } {
  let clock = nowMs;
  for (let i = 0; i < EXEC_MAX_SLEEPS; i++) {
    const r = runShellStep(state, host, clock);
    if (r.kind === 'exit') return { code: r.code, notFound: r.notFound, elapsedMs: clock - nowMs };
    if (r.untilMs === null || r.untilMs - nowMs > limitMs) return { code: 137, elapsedMs: limitMs };
    clock = Math.max(clock, r.untilMs);
  }
  return { code: 137, elapsedMs: clock - nowMs };
}
