/**
 * The labs in the worker: puts a lab's start state in place of the live cluster, keeps the
 * student's command log (time travel's recorded commands and the time between them), checks the
 * goals against the live cluster, grades the log in a fresh copy exactly as `podlab lab check`
 * does, and makes and opens share links. The lab logic itself is src/labs (pure); this is the
 * glue between it and LiveCluster.
 */
import { defaultKubeconfig } from '../../commands/kubectl/kubeconfig.ts';
import { quoteWord, splitWords } from '../../commands/shell/words.ts';
import { ScriptSyntaxError } from '../../commands/shell/script.ts';
import { Simulation } from '../../engine/simulation.ts';
import { BUILTIN_LABS, builtinLab } from '../../labs/builtin/index.ts';
import { checkGoals } from '../../labs/checks.ts';
import { formatReport, gradeLab, LabSetupError, refusedCommand, scheduleSimEvents, scriptCommands, startLab } from '../../labs/play.ts';
import { LabValidationError, validateLab } from '../../labs/schema.ts';
import { decodeShareLink, encodeShareLink, ShareLinkError } from '../../labs/share.ts';
import type { GoalResult, Lab, LabClusterShape, LabGoal, ResolvedLab } from '../../labs/types.ts';
import { exportLabYaml } from '../../labs/yaml.ts';
import type { LiveCluster } from '../live-cluster.ts';
import type { RecordedCommand } from '../time-travel.ts';
import { LIVE_SEED } from '../worker-boot.ts';
import { commandLogScript } from './command-log.ts';
import type { ActiveLab, LabDraft, LabGrade, LabReply, LabRequest, LabState, SavedProgress, SavedSandbox, SavedSession } from './lab-protocol.ts';
import { decodeProgressFile, IMPORT_ERROR } from './progress-file.ts';
import { parse as parseYaml } from 'yaml';

const DEFAULT_SETTLE = '30s';

interface Active {
  source: string | Lab;
  lab: Lab;
  seed: number;
  resolved: ResolvedLab;
}

export class LabController {
  /**
   * The app opens on the sandbox session: the default cluster (seed LIVE_SEED) the worker built at
   * boot is the sandbox's, and its log is saved and restored as the sandbox's is.
   */
  private mode: LabState['mode'] = 'sandbox';
  private active: Active | undefined;
  /** The simulated time the current history began (the lab's start). */
  private startMs: number;
  /** Recorded commands that were script errors (a bad `sim` directive): the log leaves them out. */
  private scriptErrors = new WeakSet<RecordedCommand>();
  /** The `sim cluster` line the sandbox's current cluster came from, if any (for the builder). */
  private clusterLine: string | undefined;
  private lastScriptError: string | undefined;
  private execLine = '';
  /** The seed the sandbox's cluster was built with. */
  private sandboxSeed = LIVE_SEED;
  private simBefore: Simulation | undefined;

  constructor(private readonly live: LiveCluster) {
    this.startMs = live.history.start;
    live.guard = (text) => {
      this.execLine = text;
      this.simBefore = live.session.sim;
      return this.guard(text);
    };
    live.afterExec = (result, done) => {
      this.lastScriptError = result.scriptError;
      const recorded = live.history.recorded;
      if (result.scriptError !== undefined && done.recorded) this.scriptErrors.add(recorded[recorded.length - 1]);
      if (live.session.sim !== this.simBefore) {
        // `sim cluster` put a new cluster in place (never in a lab): the log starts over from it.
        this.startMs = live.history.start;
        this.clusterLine = this.execLine;
      }
    };
  }

  /** Answers one request; a failure is an error reply in kubectl's words, and changes nothing. */
  async handle(req: LabRequest): Promise<LabReply> {
    try {
      switch (req.kind) {
        case 'catalog':
          return { kind: 'catalog', labs: BUILTIN_LABS.map((l, i) => ({ number: i + 1, id: l.id, title: l.title, level: l.level, seed: l.seed })) };
        case 'start':
          this.begin(req.lab, req.seed, '');
          return { kind: 'state', state: this.state() };
        case 'sandbox':
          this.sandbox();
          return { kind: 'state', state: this.state() };
        case 'status':
          return { kind: 'state', state: this.state() };
        case 'grade':
          return { kind: 'grade', grade: this.grade() };
        case 'share': {
          const a = this.requireLab();
          return { kind: 'link', link: await encodeShareLink({ lab: a.source, seed: a.seed, script: this.script() }) };
        }
        case 'open': {
          const p = await decodeShareLink(req.link);
          // As `podlab lab open` words it.
          if (typeof p.lab === 'string' && builtinLab(p.lab) === undefined) throw new ShareLinkError(`the link names lab "${p.lab}", which is not a built-in lab`);
          const output = this.begin(p.lab, p.seed, p.script);
          return { kind: 'state', state: this.state(), output };
        }
        case 'restore': {
          const output = 'sandbox' in req.saved ? this.restoreSandbox(req.saved) : this.begin(req.saved.lab, req.saved.seed, req.saved.script);
          return { kind: 'state', state: this.state(), output };
        }
        case 'import':
          return this.importFile(req.text);
        case 'testGoals':
          return { kind: 'goals', goals: this.testGoals(req.goalsYaml) };
        case 'build':
          return await this.build(req.draft);
        case 'gradeScript': {
          const lab = builtinLab(req.lab);
          if (lab === undefined) throw new LabUserError(`error: no built-in lab "${req.lab}"`);
          const { run: _run, ...report } = gradeLab(lab, req.seed, req.script);
          return { kind: 'report', json: JSON.stringify(report), ok: report.ok };
        }
      }
    } catch (e) {
      return { kind: 'error', message: errorText(e) };
    }
  }

  /** Refuses what would leave the lab (`sim cluster`), as the grader does. */
  private guard(text: string): { output: string; exitCode: number } | undefined {
    if (this.mode !== 'lab') return undefined;
    let words: string[];
    try {
      words = splitWords(text);
    } catch {
      return undefined;
    }
    const refused = refusedCommand(words);
    return refused === undefined ? undefined : { output: `${refused}\n`, exitCode: 2 };
  }

  private requireLab(): Active {
    if (this.mode !== 'lab' || this.active === undefined) throw new LabUserError('error: no lab is running: start one from the course list');
    return this.active;
  }

  /**
   * Starts `source` for `seed` and replays `script` on it. Everything that can fail (an unknown
   * lab, a bad inline lab, a script that does not parse, a failing setup) fails before the live
   * cluster is touched. Returns a note on the replay.
   */
  private begin(source: string | Lab, seed: number, script: string): string {
    const lab = typeof source === 'string' ? builtinLab(source) : validateLab(source, 'lab');
    if (lab === undefined) throw new LabUserError(`error: no built-in lab "${String(source)}"`);
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new LabUserError('error: the seed must be a whole number from 0 to 4294967295');
    const commands = scriptCommands(script);
    const run = startLab(lab, seed);
    const events = run.lab.sim ?? [];
    this.live.history.onRestore = (sim) => scheduleSimEvents(sim, events, false);
    this.live.replaceCluster(run.session.sim, run.session.kubeconfig);
    this.mode = 'lab';
    this.active = { source: typeof source === 'string' ? lab.id : lab, lab, seed, resolved: run.lab };
    this.startMs = run.startMs;
    this.clusterLine = undefined;
    return this.replay(commands, true);
  }

  /** Replays a log as the grader plays a script: in order, stopping at a script error (and, in a lab, at a refused command). */
  private replay(commands: ReturnType<typeof scriptCommands>, lab: boolean): string {
    let ran = 0;
    for (const c of commands) {
      const refused = lab ? refusedCommand(c.words) : undefined;
      if (refused !== undefined) return `replayed ${ran} of ${commands.length} commands; line ${c.lineNumber}: ${refused}`;
      this.lastScriptError = undefined;
      this.live.exec(c.words.map(quoteWord).join(' '), c.stdin);
      ran++;
      if (this.lastScriptError !== undefined) return `replayed ${ran} of ${commands.length} commands; line ${c.lineNumber}: ${this.lastScriptError}`;
    }
    return `replayed ${ran} command${ran === 1 ? '' : 's'}`;
  }

  private sandbox(seed = LIVE_SEED): void {
    this.live.history.onRestore = undefined;
    this.live.replaceCluster(Simulation.create(seed), defaultKubeconfig());
    this.sandboxSeed = seed;
    this.mode = 'sandbox';
    this.active = undefined;
    this.startMs = this.live.history.start;
    this.clusterLine = undefined;
  }

  /**
   * Restores the sandbox session: the default cluster for its seed, its `sim cluster` line (if
   * any), then its log. Whatever can fail (the seed, the cluster line, the script's syntax) fails
   * before the live cluster is touched.
   */
  private restoreSandbox(s: SavedSandbox): string {
    const { commands, cluster } = checkSandbox(s);
    this.sandbox(s.seed);
    if (cluster !== undefined) {
      this.lastScriptError = undefined;
      const r = this.live.exec(cluster);
      if (r.exitCode !== 0) return `the sandbox's cluster could not be made again: ${r.output.trim()}`;
    }
    return this.replay(commands, false);
  }

  /**
   * An exported progress file: decoded (progress-file.ts), every lab, script and cluster line
   * checked as a link's are, then its current session restored. Any failure is reported and
   * changes nothing.
   */
  private importFile(text: string): LabReply {
    const decoded = decodeProgressFile(text);
    if (!decoded.ok) return { kind: 'error', message: decoded.message };
    const file = decoded.file;
    const checks: [string, () => void][] = [
      ...(file.current ? [['current', () => checkSaved(file.current!)] as [string, () => void]] : []),
      ...file.labs.map((l, i): [string, () => void] => [`labs[${i}]`, () => checkSaved(l)]),
      ...(file.sandbox ? [['sandbox', () => checkSaved(file.sandbox!)] as [string, () => void]] : []),
    ];
    for (const [at, check] of checks) {
      try {
        check();
      } catch (e) {
        return { kind: 'error', message: `${IMPORT_ERROR} ${at}: ${errorText(e).replace(/^error: /, '')}` };
      }
    }
    const current = file.current;
    if (current === null) return { kind: 'imported', file };
    try {
      const output = 'sandbox' in current ? this.restoreSandbox(current) : this.begin(current.lab, current.seed, current.script);
      return { kind: 'imported', file, state: this.state(), output };
    } catch (e) {
      return { kind: 'error', message: `${IMPORT_ERROR} current: ${errorText(e).replace(/^error: /, '')}` };
    }
  }

  /** The commands applied at the moment shown (those of a future seen from the past are not). */
  private appliedCommands(): RecordedCommand[] {
    const h = this.live.history;
    const now = this.live.session.sim.now;
    // A recorded command is applied exactly when it has ended by now (time-travel.ts seek/advance).
    const applied = h.past ? h.recorded.filter((c) => c.end <= now) : h.recorded;
    return applied.filter((c) => !this.scriptErrors.has(c));
  }

  /** The command log since the start, as a scenario script. */
  script(): string {
    return commandLogScript(this.appliedCommands(), this.startMs, this.live.session.sim.now);
  }

  state(): LabState {
    const sim = this.live.session.sim;
    const a = this.active;
    const goals: GoalResult[] = this.mode === 'lab' && a ? checkGoals(a.resolved.goals, { store: sim.store, nowMs: sim.now }) : [];
    const state: LabState = { mode: this.mode, goals, script: this.script(), now: sim.now };
    if (this.live.history.start !== this.startMs) state.logNote = 'The oldest commands were dropped from the history (more than it keeps): the log no longer starts at the lab\'s start.';
    if (this.mode === 'lab' && a) state.lab = activeLab(a, this.startMs);
    if (this.mode === 'sandbox') {
      state.seed = this.sandboxSeed;
      if (this.clusterLine !== undefined) state.cluster = this.clusterLine;
    }
    return state;
  }

  /** `podlab lab check`: the log in a fresh copy of the lab, the settle time, the goals. The live cluster is not touched. */
  private grade(): LabGrade {
    const a = this.requireLab();
    const { run: _run, ...report } = gradeLab(a.lab, a.seed, this.script());
    return { ...report, settle: a.resolved.grading?.settle ?? DEFAULT_SETTLE, text: formatReport(report) };
  }

  /** The goals of a draft (a YAML list of {id, title, check}), schema-checked, against the live cluster now. */
  private testGoals(goalsYaml: string): GoalResult[] {
    const lab = validateLab(draftLab({ id: 'draft', title: 'draft', level: 'beginner', intro: '', steps: [], hints: [], goalsYaml }, LIVE_SEED, {}), 'goals');
    const sim = this.live.session.sim;
    return checkGoals(lab.goals, { store: sim.store, nowMs: sim.now });
  }

  /** A lab that starts where the live cluster is now: its start, then the log as the setup script. */
  private async build(draft: LabDraft): Promise<LabReply> {
    let seed = LIVE_SEED;
    let setup: Lab['setup'];
    const log = this.script();
    const a = this.active;
    if (this.mode === 'lab' && a) {
      seed = a.seed;
      const s = a.resolved.setup;
      setup = { ...(s.cluster ? { cluster: s.cluster } : {}), ...(s.manifests ? { manifests: s.manifests } : {}), script: `${s.script ?? ''}${log}` };
    } else {
      const cluster = this.clusterLine === undefined ? undefined : clusterShape(this.clusterLine);
      setup = { ...(cluster ? { cluster } : {}), script: log };
    }
    const lab = validateLab(draftLab(draft, seed, setup), draft.id || 'lab');
    const yaml = exportLabYaml(lab);
    return { kind: 'built', yaml, link: await encodeShareLink({ lab, seed, script: '' }) };
  }
}

/** An error whose message is already what to show. */
class LabUserError extends Error {}

/** A saved sandbox's log and `sim cluster` line, checked (throws what is wrong). */
function checkSandbox(s: SavedSandbox): { commands: ReturnType<typeof scriptCommands>; cluster?: string } {
  if (!Number.isInteger(s.seed) || s.seed < 0 || s.seed > 0xffffffff) throw new LabUserError('error: the seed must be a whole number from 0 to 4294967295');
  let cluster: string | undefined;
  if (s.cluster !== undefined) {
    let words: string[];
    try {
      words = splitWords(s.cluster);
    } catch {
      words = [];
    }
    if (words[0] !== 'sim' || words[1] !== 'cluster') throw new LabUserError(`error: ${JSON.stringify(s.cluster.slice(0, 80))} is not a sim cluster command`);
    cluster = words.map(quoteWord).join(' ');
  }
  return { commands: scriptCommands(s.script), ...(cluster === undefined ? {} : { cluster }) };
}

/** Checks a saved session without running it: the lab (built-in or its schema), the seed, the script's syntax. */
function checkSaved(s: SavedSession): void {
  if ('sandbox' in s) {
    checkSandbox(s);
    return;
  }
  if (typeof s.lab === 'string') {
    if (builtinLab(s.lab) === undefined) throw new LabUserError(`error: no built-in lab "${s.lab}"`);
  } else validateLab(s.lab, 'lab');
  scriptCommands(s.script);
}

function errorText(e: unknown): string {
  if (e instanceof ShareLinkError || e instanceof LabValidationError || e instanceof LabSetupError) return `error: ${e.message}`;
  if (e instanceof ScriptSyntaxError) return `error: line ${e.lineNumber}: ${e.message}`;
  if (e instanceof LabUserError) return e.message;
  return `error: ${e instanceof Error ? e.message : String(e)}`;
}

function activeLab(a: Active, startMs: number): ActiveLab {
  const r = a.resolved;
  return {
    source: a.source,
    id: r.id,
    title: r.title,
    level: r.level,
    seed: a.seed,
    intro: r.story.intro,
    steps: [...r.story.steps],
    hints: [...r.hints],
    events: (r.sim ?? []).map((e) => `${e.node} ${e.event === 'nodeFail' ? 'fails' : 'recovers'} ${e.at} after the start`),
    settle: r.grading?.settle ?? DEFAULT_SETTLE,
    startMs,
  };
}

/** The draft as a lab value (validateLab checks it). */
function draftLab(d: LabDraft, seed: number, setup: Lab['setup']): unknown {
  let goals: unknown;
  try {
    goals = parseYaml(d.goalsYaml, { maxAliasCount: 0 });
  } catch (e) {
    throw new LabValidationError('goals', [`yaml: ${(e as Error).message}`]);
  }
  return {
    id: d.id,
    title: d.title,
    level: d.level,
    seed,
    setup,
    story: { intro: d.intro, steps: d.steps },
    goals: (goals ?? []) as LabGoal[],
    hints: d.hints,
    solution: '# the reference solution: the commands that make every goal pass\n',
  };
}

/** `sim cluster --nodes 2 --cpu 4` as a lab's cluster shape. */
export function clusterShape(text: string): LabClusterShape | undefined {
  let words: string[];
  try {
    words = splitWords(text);
  } catch {
    return undefined;
  }
  const shape: LabClusterShape = {};
  for (let i = 2; i < words.length; i++) {
    const m = /^--(nodes|cpu|memory|pods)(?:=(.*))?$/.exec(words[i]);
    if (!m) continue;
    const value = m[2] ?? words[++i];
    if (value === undefined) continue;
    if (m[1] === 'nodes' || m[1] === 'pods') shape[m[1]] = Number(value);
    else shape[m[1] as 'cpu' | 'memory'] = value;
  }
  return shape;
}

export type { SavedProgress };
