/**
 * Playing a lab: a fresh session on the lab's cluster, its setup, the student's commands, then
 * grading. Pure (no Node APIs), so the CLI, the app's worker and tests grade identically: same
 * lab + seed + commands = same report and trace hash.
 */
import { parseGoDuration } from '../commands/go-duration.ts';
import type { TranscriptEntry } from '../commands/runner.ts';
import { Session, type CommandResult } from '../commands/session.ts';
import { parseScript, ScriptSyntaxError } from '../commands/shell/script.ts';
import type { FileSystem } from '../commands/types.ts';
import type { Simulation } from '../engine/simulation.ts';
import { checkGoals } from './checks.ts';
import type { GoalResult, Lab, LabSimEvent, ResolvedLab } from './types.ts';
import { resolveLab } from './variants.ts';

/** One command of a student's log: its words (as a shell splits them) and here-document text. */
export interface LabCommand {
  words: readonly string[];
  stdin?: string;
}

/** The lab's setup failed: a bug in the lab, not in the student's answer. */
export class LabSetupError extends Error {}

/** A lab in progress: the session the student works in and what the setup printed. */
export interface LabRun {
  lab: ResolvedLab;
  session: Session;
  /** Simulated time when the student's part began (sim events are relative to it). */
  startMs: number;
  setup: TranscriptEntry[];
  commands: TranscriptEntry[];
  /** Set when a command could not be run (a refused or malformed directive); later ones were not. */
  error?: string;
}

/** The outcome of grading: one result per goal, the score, and the trace hash to compare runs. */
export interface GradeReport {
  labId: string;
  title: string;
  seed: number;
  goals: GoalResult[];
  passed: number;
  total: number;
  /** All goals passed (and every command could run). */
  ok: boolean;
  traceHash: string;
  /** Simulated ms since the lab started when the goals were checked. */
  gradedAtMs: number;
  error?: string;
}

/** Timer type of a lab's scheduled sim events (registered on the simulation's kernel). */
export const LAB_EVENT_TIMER = 'lab.simEvent';
const DEFAULT_SETTLE = '30s';

/**
 * Starts a lab: draws the variant for `seed`, builds the cluster, applies the manifests, plays the
 * setup script, and schedules the sim events. Throws {@link LabSetupError} when setup fails.
 */
export function startLab(lab: Lab, seed: number = lab.seed, fs?: FileSystem): LabRun {
  const resolved = resolveLab(lab, seed);
  const session = new Session({ seed, fs });
  const setup: TranscriptEntry[] = [];
  const run = (words: readonly string[], stdin: string | undefined, text: string): void => {
    const time = session.sim.now;
    const r = session.exec(words, stdin);
    setup.push({ line: text, output: r.output, exitCode: r.exitCode, time });
    if (r.exitCode !== 0) throw new LabSetupError(`lab ${lab.id}: setup command "${text}" failed: ${r.output.trim()}`);
  };
  const c = resolved.setup.cluster;
  if (c) {
    // Through `sim cluster` itself, so the transcript shows the cluster the lab starts on.
    const words = ['sim', 'cluster', ...Object.entries(c).flatMap(([k, v]) => (v === undefined ? [] : [`--${k}`, String(v)]))];
    run(words, undefined, words.join(' '));
  }
  for (const m of resolved.setup.manifests ?? []) run(['kubectl', 'apply', '-f', '-'], m, 'kubectl apply -f - <<EOF');
  if (resolved.setup.script !== undefined) {
    for (const cmd of parseSetup(lab.id, resolved.setup.script)) run(cmd.words, cmd.stdin, cmd.text);
  }
  const startMs = session.sim.now;
  scheduleSimEvents(session.sim, resolved.sim ?? []);
  return { lab: resolved, session, startMs, setup, commands: [] };
}

function parseSetup(id: string, script: string) {
  try {
    return parseScript(script);
  } catch (e) {
    if (e instanceof ScriptSyntaxError) throw new LabSetupError(`lab ${id}: setup script line ${e.lineNumber}: ${e.message}`);
    throw e;
  }
}

/**
 * Schedules the lab's sim events on the kernel. Call again with the same events after restoring
 * a snapshot of a lab session (the timers are in the snapshot; the handler is not), with
 * `reschedule: false`.
 */
export function scheduleSimEvents(sim: Simulation, events: readonly LabSimEvent[], reschedule = true): void {
  sim.kernel.on(LAB_EVENT_TIMER, (data) => {
    const e = data as LabSimEvent;
    // A lab file may name a node the cluster does not have (or no longer has): nothing to do.
    if (!sim.store.tryGet('nodes', '', e.node)) return;
    if (e.event === 'nodeFail') sim.failNode(e.node);
    else sim.recoverNode(e.node);
  });
  if (!reschedule) return;
  for (const e of events) sim.kernel.schedule(parseGoDuration(e.at), LAB_EVENT_TIMER, { at: e.at, event: e.event, node: e.node });
}

/** Why a student's command is refused (it would leave the lab), or undefined. */
export function refusedCommand(words: readonly string[]): string | undefined {
  if (words[0] === 'sim' && words[1] === 'cluster') return 'sim cluster is not allowed in a lab: it would replace the lab\'s cluster';
  return undefined;
}

/** Runs one student command in the lab; a refused command is reported, not run. */
export function labExec(run: LabRun, cmd: LabCommand, text = cmd.words.join(' ')): CommandResult {
  const time = run.session.sim.now;
  const refused = refusedCommand(cmd.words);
  const result: CommandResult = refused
    ? { output: `${refused}\n`, stdout: '', stderr: `${refused}\n`, exitCode: 2, scriptError: refused }
    : run.session.exec(cmd.words, cmd.stdin);
  run.commands.push({ line: text, output: result.output, exitCode: result.exitCode, time });
  return result;
}

/** Splits a student's script into commands; throws {@link ScriptSyntaxError}. */
export function scriptCommands(script: string): (LabCommand & { text: string; lineNumber: number })[] {
  return parseScript(script).map((c) => ({ words: c.words, ...(c.stdin === undefined ? {} : { stdin: c.stdin }), text: c.text, lineNumber: c.lineNumber }));
}

/** Plays commands in order; stops at the first one that is a script error (as `podlab run` does). */
export function playCommands(run: LabRun, commands: readonly (LabCommand & { text?: string; lineNumber?: number })[], file = 'script'): void {
  for (const cmd of commands) {
    const r = labExec(run, cmd, cmd.text);
    if (r.scriptError !== undefined) {
      run.error = `${file}:${cmd.lineNumber ?? run.commands.length}: ${r.scriptError}`;
      return;
    }
  }
}

/** Checks the goals now, without moving time (the app's "check my work"). */
export function checkNow(run: LabRun): GradeReport {
  const sim = run.session.sim;
  const goals = checkGoals(run.lab.goals, { store: sim.store, nowMs: sim.now });
  const passed = goals.filter((g) => g.pass).length;
  return {
    labId: run.lab.id,
    title: run.lab.title,
    seed: run.lab.seed,
    goals,
    passed,
    total: goals.length,
    ok: passed === goals.length && run.error === undefined,
    traceHash: sim.traceHash(),
    gradedAtMs: sim.now - run.startMs,
    ...(run.error === undefined ? {} : { error: run.error }),
  };
}

/** Lets the cluster settle for the lab's grading period, then checks the goals. */
export function finishAndGrade(run: LabRun): GradeReport {
  run.session.sim.advance(parseGoDuration(run.lab.grading?.settle ?? DEFAULT_SETTLE));
  return checkNow(run);
}

/**
 * Grades a submission in a fresh simulation of the lab: setup, the student's script, the settle
 * period, the goals. Throws ScriptSyntaxError when the script cannot be parsed.
 * @example gradeLab(lab, 7, 'kubectl scale deploy/web --replicas=5\nsim advance 30s').ok
 */
export function gradeLab(lab: Lab, seed: number, script: string, opts: { fs?: FileSystem; file?: string } = {}): GradeReport & { run: LabRun } {
  const commands = scriptCommands(script);
  const run = startLab(lab, seed, opts.fs);
  playCommands(run, commands, opts.file);
  return { ...finishAndGrade(run), run };
}

/** The report as text: one line per goal (✓/✗, title, reason), then the score. */
export function formatReport(r: GradeReport): string {
  const lines = [`lab ${r.labId} (seed ${r.seed}): ${r.title}`];
  for (const g of r.goals) lines.push(`${g.pass ? '✓' : '✗'} ${g.title}`, `    ${g.reason}`);
  if (r.error) lines.push(`error: ${r.error}`);
  lines.push(`score: ${r.passed}/${r.total} goals${r.ok ? ' — passed' : ''}`, `trace hash: ${r.traceHash}`);
  return `${lines.join('\n')}\n`;
}
