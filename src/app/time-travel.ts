/**
 * Time travel for the live cluster: the history of commands with their simulated times, a bounded
 * ring of snapshots, and `seek(t)` — restore the nearest snapshot at or before t, replay the
 * recorded commands from there, and advance to t. The engine is deterministic, so the cluster at
 * t is exactly what it was the first time (same objects, same trace hash).
 *
 * The state of the session is always a point of the recorded history: (now, commands applied).
 * Moving forward from a point in the past replays the recorded commands as their times come.
 * A command that changes anything while the past is shown **forks**: the later history (commands,
 * snapshots, markers) is discarded and the new command starts a new future. Commands that only
 * read (`kubectl get`, `describe`, `logs`…) and change nothing are not recorded and never fork, so
 * one can inspect the past from the terminal.
 *
 * Memory stays flat: snapshots are capped (older ones thinned first, so recent moments stay quick
 * to reach), share the API store's frozen objects instead of copying them, keep only the trace's
 * latest entries, and the command and marker logs are capped too.
 *
 * Pure: no timers, no DOM, no worker; LiveCluster drives it, and it runs in Node for the tests.
 */
import type { KEvent, Pod } from '../engine/api/types.ts';
import { Simulation, type SimulationSnapshot } from '../engine/simulation.ts';
import type { CommandResult, Session } from '../commands/session.ts';
import type { KubeconfigState } from '../commands/kubectl/kubeconfig.ts';
import { GLOBAL_FLAGS } from '../commands/kubectl/registry.ts';
import { splitWords } from '../commands/shell/words.ts';
import type { HistoryView, MarkerKind, TimelineMarker } from './protocol.ts';

export interface TimeTravelOptions {
  /** Snapshots held at most; the first (the start of the history) is always kept. */
  maxSnapshots?: number;
  /**
   * A snapshot is taken once the cluster has made this many writes (trace entries) since the
   * last one. Replay costs about as much as the writes it redoes, so this bounds the replay
   * behind a seek near the live edge, however fast or slow simulated time went by.
   */
  snapshotEveryWrites?: number;
  /** Recorded commands at most; past it, the start of the history moves forward to a later snapshot. */
  maxCommands?: number;
  /** Event markers kept at most (oldest dropped first). */
  maxMarkers?: number;
  /** Trace entries a snapshot keeps for `sim trace` (the trace hash always covers everything). */
  traceKeep?: number;
  /**
   * API objects all snapshots may hold together (each snapshot counted at the cluster's size when
   * it was taken). What a snapshot cannot share grows with the cluster (the kubelets' records,
   * the event correlator, the timers: ~25 MB at 3,000 pods: 12,000 objects is about four of those), so a big cluster keeps fewer
   * snapshots (never fewer than 4), and as small early snapshots give way to big ones the total
   * stays the same: memory stays flat however long it runs.
   */
  snapshotObjectBudget?: number;
}

const DEFAULTS: Required<TimeTravelOptions> = {
  maxSnapshots: 48,
  snapshotEveryWrites: 3000,
  maxCommands: 2000,
  maxMarkers: 400,
  traceKeep: 1000,
  snapshotObjectBudget: 12_000,
};

/** The fewest snapshots a big cluster keeps: the start, the newest, and a couple between. */
const MIN_SNAPSHOTS = 4;

/** Markers with the same kind and text this close together are drawn once (a repeating FailedScheduling). */
export const MARKER_REPEAT_WINDOW_MS = 60_000;
/** The newest commands drawn on the timeline (all of them are replayed). */
export const COMMAND_MARKERS_MAX = 200;
export const FORK_MARKERS_MAX = 50;

/** A command that changed the cluster, as recorded for replay. */
export interface RecordedCommand {
  /** Simulated ms when it ran. */
  at: number;
  /** Simulated ms after it: later than `at` for commands that wait (`kubectl wait`, `sim advance`). */
  end: number;
  line: string;
  stdin?: string;
}

interface Snapshot {
  at: number;
  /** Commands applied when it was taken. */
  applied: number;
  /** The trace's write count then: the distance between snapshots in replay work. */
  work: number;
  /** API objects it holds: taking the next one costs about as much. */
  objects: number;
  sim: SimulationSnapshot;
  kubeconfig: KubeconfigState;
}

interface EventMarker extends TimelineMarker {
  /** The resourceVersion of the write it came from: markers above the fork point are discarded with it. */
  rv: number;
  /** Identifies one occurrence (an OOM kill: pod uid, container and finish time). */
  key?: string;
}

/** What the time machine did with a command. */
export interface TimeTravelExec {
  result: CommandResult;
  /** The command changed something and was recorded. */
  recorded: boolean;
  /** It was typed while the past was shown: the later history was discarded. */
  forked: boolean;
}

export class TimeTravel {
  private readonly opts: Required<TimeTravelOptions>;
  private commands: RecordedCommand[] = [];
  private snapshots: Snapshot[] = [];
  private markers: EventMarker[] = [];
  private oomKeys = new Set<string>();
  private forks: number[] = [];
  /** Commands of `commands` applied to the current state. */
  private applied = 0;
  /** The latest simulated time this history reached. */
  private horizon = 0;
  /** Event markers are taken from writes above this resourceVersion (lower ones are known). */
  private collectedRv = 0;
  private acceptAboveRv = 0;
  private pending: EventMarker[] = [];
  private watchedSim: Simulation | undefined;
  private stopWatches: (() => void)[] = [];
  private versionNow = 0;
  /** The live edge's simulation, kept while the past is shown, so going back to live is instant. */
  private parked: { sim: Simulation; kubeconfig: KubeconfigState; at: number; applied: number } | undefined;
  private viewCache: { version: number; markers: TimelineMarker[] } | undefined;
  /**
   * Called with every simulation restored from a snapshot, before anything replays on it: timer
   * handlers that live outside the engine (a lab's sim events, src/app/labs) register again there.
   */
  onRestore: ((sim: Simulation) => void) | undefined;

  constructor(
    readonly session: Session,
    opts: TimeTravelOptions = {},
  ) {
    this.opts = { ...DEFAULTS, ...opts };
    this.reset();
  }

  get sim(): Simulation {
    return this.session.sim;
  }

  get now(): number {
    return this.sim.now;
  }

  /** The earliest moment one can seek to. */
  get start(): number {
    return this.snapshots[0].at;
  }

  /** The live edge: the latest moment this history reached. */
  get end(): number {
    return this.horizon;
  }

  /** True while the state is a point before the live edge. */
  get past(): boolean {
    return this.applied < this.commands.length || this.sim.now < this.horizon;
  }

  /** Changes whenever what `view()` reports (other than the time) changes. */
  get version(): number {
    return this.versionNow;
  }

  get snapshotCount(): number {
    return this.snapshots.length;
  }

  /** Times of the snapshots held, oldest first. */
  get snapshotTimes(): number[] {
    return this.snapshots.map((s) => s.at);
  }

  get recorded(): readonly RecordedCommand[] {
    return this.commands;
  }

  /** Runs a command at the current point. Throws what the session throws (after recording it). */
  exec(line: string, stdin?: string): TimeTravelExec {
    const simBefore = this.sim;
    const before = fingerprint(this.session);
    const at = simBefore.now;
    const appliedBefore = this.applied;
    const rvBefore = Number(simBefore.store.resourceVersion);
    const wasPast = this.past;
    // Markers of a command typed in the past belong to the new future, if there is one.
    if (wasPast) this.acceptAboveRv = rvBefore;
    let result: CommandResult | undefined;
    let error: unknown;
    try {
      result = this.session.execLine(line, stdin);
    } catch (e) {
      error = e;
    }
    if (this.sim !== simBefore) {
      // `sim cluster` built a new cluster: a new history starts from it.
      this.reset();
      if (error !== undefined) throw error;
      return { result: result!, recorded: false, forked: false };
    }
    const changed = error !== undefined || !isReadOnly(line) || fingerprint(this.session) !== before;
    if (!changed) {
      this.pending = [];
      this.acceptAboveRv = this.collectedRv;
      return { result: result!, recorded: false, forked: false };
    }
    if (wasPast) this.fork(at, appliedBefore, rvBefore);
    this.parked = undefined; // the live edge has moved on
    this.commands.push(stdin === undefined ? { at, end: this.sim.now, line } : { at, end: this.sim.now, line, stdin });
    this.applied++;
    this.reachedNow();
    this.trimCommands();
    this.versionNow++;
    if (error !== undefined) throw error;
    return { result: result!, recorded: true, forked: wasPast };
  }

  /** Moves time forward by `ms`, replaying recorded commands whose time comes (none at the live edge). */
  advance(ms: number): void {
    if (!(ms >= 1)) return;
    const target = this.sim.now + Math.floor(ms);
    const wasPast = this.past;
    while (this.applied < this.commands.length && this.commands[this.applied].at <= target) {
      this.replayNext();
    }
    if (this.sim.now < target) this.sim.advance(target - this.sim.now);
    this.reachedNow();
    if (wasPast !== this.past) this.versionNow++;
  }

  /**
   * Shows the cluster as it was at `t` (clamped to [start, end]) and returns the time reached:
   * `t`, or the start of a command that was still running at `t` (a `kubectl wait` is atomic).
   */
  seek(t: number): number {
    // Simulated time is whole milliseconds (a slider gives fractions).
    const target = Math.min(Math.max(Math.round(t), this.start), this.horizon);
    let k = this.applied;
    // The commands applied at the target: those that ran and ended by then.
    while (k > 0 && (this.commands[k - 1].at > target || this.commands[k - 1].end > target)) k--;
    while (k < this.commands.length && this.commands[k].at <= target && this.commands[k].end <= target) k++;
    const landAt = k < this.commands.length && this.commands[k].at <= target ? this.commands[k].at : target;
    const wasPast = this.past;
    if (!wasPast && landAt < this.sim.now) this.park();
    const parked = this.parked;
    if (parked !== undefined && landAt === this.horizon && k === this.commands.length && parked.at === this.horizon && parked.applied === k) {
      this.unpark(parked);
    } else {
      const snap = this.snapshotBefore(landAt, k);
      const now = this.sim.now;
      const ahead = this.applied > k || now > landAt;
      const snapIsCloser = snap.at > now || (snap.at === now && snap.applied > this.applied);
      if (ahead || snapIsCloser) this.restore(snap);
    }
    while (this.applied < k) this.replayNext();
    if (this.sim.now < landAt) this.sim.advance(landAt - this.sim.now);
    this.commitMarkers();
    if (wasPast !== this.past) this.versionNow++;
    return this.sim.now;
  }

  /** Forgets the history: the current state (a lab's start, a new cluster put in place) becomes its start. */
  restart(): void {
    this.reset();
  }

  /** Back to the live edge. */
  resumeLive(): number {
    return this.seek(this.horizon);
  }

  /** What the Timeline shows. */
  view(): HistoryView {
    if (this.viewCache?.version !== this.versionNow) this.viewCache = { version: this.versionNow, markers: this.timelineMarkers() };
    const view: HistoryView = {
      start: this.start,
      end: this.horizon,
      past: this.past,
      markers: this.viewCache.markers,
      snapshots: this.snapshots.length,
      commands: this.commands.length,
    };
    if (this.forks.length > 0) view.lastForkAt = this.forks[this.forks.length - 1];
    return view;
  }

  // ---- history -------------------------------------------------------------------------------

  /** Forgets everything: the current state becomes the start of a new history. */
  private reset(): void {
    this.parked = undefined;
    this.commands = [];
    this.markers = [];
    this.oomKeys.clear();
    this.forks = [];
    this.pending = [];
    this.applied = 0;
    this.horizon = this.sim.now;
    this.collectedRv = Number(this.sim.store.resourceVersion);
    this.acceptAboveRv = this.collectedRv;
    this.snapshots = [this.capture()];
    this.watch();
    this.versionNow++;
  }

  /** Drops everything after the point (at, applied, rv): the past becomes the present. */
  private fork(at: number, applied: number, rv: number): void {
    this.parked = undefined;
    this.commands.length = applied;
    this.snapshots = this.snapshots.filter((s) => s.applied <= applied && s.at <= at);
    this.markers = this.markers.filter((m) => m.rv <= rv);
    this.oomKeys = new Set(this.markers.flatMap((m) => (m.key === undefined ? [] : [m.key])));
    this.forks = this.forks.filter((f) => f <= at);
    this.forks.push(at);
    if (this.forks.length > FORK_MARKERS_MAX) this.forks.shift();
    this.horizon = at;
    this.collectedRv = rv;
  }

  /** After time moved or a command ran: extend the live edge, take markers, maybe snapshot. */
  private reachedNow(): void {
    this.commitMarkers();
    if (this.applied < this.commands.length || this.sim.now < this.horizon) return;
    if (this.sim.now > this.horizon) {
      this.horizon = this.sim.now;
      this.parked = undefined; // a replay reached the live edge and went on: the parked copy is behind
    }
    const last = this.snapshots[this.snapshots.length - 1];
    // A big cluster costs more to snapshot: wait for as many writes as it has objects, so taking
    // snapshots stays a small share of the work (and replay stays bounded by it).
    // Many commands since the last one also call for a snapshot: replaying them costs, and the
    // command log can only be trimmed up to a snapshot.
    const writes = this.sim.kernel.trace.count - last.work;
    const commands = this.applied - last.applied;
    // (The object term scales with snapshotEveryWrites, so a denser policy set for tests stays dense.)
    const spacing = Math.max(this.opts.snapshotEveryWrites, Math.round((last.objects * this.opts.snapshotEveryWrites) / DEFAULTS.snapshotEveryWrites));
    if (writes >= spacing || commands >= Math.max(1, Math.floor(this.opts.maxCommands / 8))) {
      this.snapshots.push(this.capture());
      this.thin();
    }
  }

  private replayNext(): void {
    const c = this.commands[this.applied];
    if (c.at > this.sim.now) this.sim.advance(c.at - this.sim.now);
    try {
      // A watch it started (the app's session follows them live) has nobody to follow it here.
      this.session.execLine(c.line, c.stdin).watch?.stop();
    } catch {
      // It failed the same way the first time; the state it left is the recorded one.
    }
    this.applied++;
  }

  /** The latest snapshot on the way to the point (at, applied). */
  private snapshotBefore(at: number, applied: number): Snapshot {
    for (let i = this.snapshots.length - 1; i > 0; i--) {
      const s = this.snapshots[i];
      if (s.at <= at && s.applied <= applied) return s;
    }
    return this.snapshots[0];
  }

  /**
   * Over the cap, drops the snapshot whose neighbours are closest together (in replay work)
   * relative to its age, so old stretches are thinned first and the recent past stays quick to
   * reach: spacing grows roughly geometrically with age. The first and the newest are never dropped.
   */
  private thin(): void {
    const work = this.sim.kernel.trace.count;
    while (this.snapshots.length > this.opts.maxSnapshots || (this.snapshots.length > MIN_SNAPSHOTS && this.heldObjects() > this.opts.snapshotObjectBudget)) {
      let best = 1;
      let bestScore = Number.POSITIVE_INFINITY;
      for (let i = 1; i < this.snapshots.length - 1; i++) {
        const gap = this.snapshots[i + 1].work - this.snapshots[i - 1].work;
        const score = gap / (work - this.snapshots[i].work + this.opts.snapshotEveryWrites);
        if (score < bestScore) {
          bestScore = score;
          best = i;
        }
      }
      this.snapshots.splice(best, 1);
    }
  }

  /** API objects the snapshots hold together (see TimeTravelOptions.snapshotObjectBudget). */
  private heldObjects(): number {
    let n = 0;
    for (const s of this.snapshots) n += s.objects;
    return n;
  }

  /** Over the command cap, the history starts at a later snapshot (commands before it are no longer needed). */
  private trimCommands(): void {
    while (this.commands.length > this.opts.maxCommands && this.snapshots.length > 1) {
      this.snapshots.shift();
      const base = this.snapshots[0];
      const drop = base.applied;
      this.commands.splice(0, drop);
      this.applied -= drop;
      for (const s of this.snapshots) s.applied -= drop;
      this.markers = this.markers.filter((m) => m.at >= base.at);
      this.forks = this.forks.filter((f) => f >= base.at);
    }
  }

  // ---- snapshots -----------------------------------------------------------------------------

  /**
   * A snapshot that shares the API objects (frozen, never changed in place) and copies only the
   * small mutable parts: timers, controller memories, the event correlator.
   */
  private capture(): Snapshot {
    const s = this.sim.snapshot();
    const sim: SimulationSnapshot = {
      ...s,
      kernel: { ...s.kernel, timers: structuredClone(s.kernel.timers), trace: { ...s.kernel.trace, recent: s.kernel.trace.recent.slice(-this.opts.traceKeep) } },
      components: cloneComponents(s.components),
      // EventRecorder.save() copies what changes in place and shares the rest (its entries are replaced, never changed).
      events: s.events,
    };
    let objects = 0;
    for (const items of Object.values(s.store.objects)) objects += items.length;
    return { at: this.sim.now, applied: this.applied, work: this.sim.kernel.trace.count, objects, sim, kubeconfig: structuredClone(this.session.kubeconfig) };
  }

  /** Keeps the live edge's simulation aside before the session leaves it for the past. */
  private park(): void {
    this.parked = { sim: this.sim, kubeconfig: structuredClone(this.session.kubeconfig), at: this.sim.now, applied: this.applied };
  }

  private unpark(parked: NonNullable<TimeTravel['parked']>): void {
    this.parked = undefined;
    this.session.replaceSimulation(parked.sim);
    this.setKubeconfig(parked.kubeconfig);
    this.applied = parked.applied;
    this.watch();
  }

  private setKubeconfig(saved: KubeconfigState): void {
    const kc = this.session.kubeconfig as unknown as Record<string, unknown>;
    for (const key of Object.keys(kc)) delete kc[key];
    Object.assign(kc, structuredClone(saved));
  }

  /** Puts the session back to a snapshot (copying its mutable parts again: the restored sim owns them). */
  private restore(snap: Snapshot): void {
    const s = snap.sim;
    const copy: SimulationSnapshot = {
      ...s,
      kernel: { ...s.kernel, timers: structuredClone(s.kernel.timers) },
      components: cloneComponents(s.components),
      // EventRecorder.load() copies every entry: the snapshot's stay untouched.
      events: s.events,
    };
    this.session.replaceSimulation(Simulation.restore(copy));
    this.onRestore?.(this.sim);
    this.setKubeconfig(snap.kubeconfig);
    this.applied = snap.applied;
    this.watch();
  }

  // ---- markers -------------------------------------------------------------------------------

  /** Watches the current simulation's Events and pods for markers. Watching only reads. */
  private watch(): void {
    const sim = this.sim;
    if (sim === this.watchedSim) return;
    for (const stop of this.stopWatches) stop();
    this.watchedSim = sim;
    const events = sim.store.watch('events', (e) => {
      if (e.type !== 'DELETED') this.observe(e.object as KEvent, eventMarker(e.object as KEvent));
    });
    const pods = sim.store.watch('pods', (e) => {
      if (e.type !== 'DELETED') for (const m of oomMarkers(e.object as Pod)) this.observe(e.object, m);
    });
    this.stopWatches = [() => events.stop(), () => pods.stop()];
  }

  private observe(object: { metadata: { resourceVersion?: string } }, marker: Omit<EventMarker, 'rv' | 'at'> | undefined): void {
    if (marker === undefined) return;
    const rv = Number(object.metadata.resourceVersion);
    if (!(rv > this.acceptAboveRv)) return;
    this.pending.push({ ...marker, at: this.sim.now, rv });
  }

  /** Keeps the pending markers this history has not seen yet (replays see the same writes again). */
  private commitMarkers(): void {
    const pending = this.pending;
    if (pending.length === 0) return;
    this.pending = [];
    let added = false;
    for (const m of pending) {
      if (m.rv <= this.collectedRv) continue;
      if (m.key !== undefined && this.oomKeys.has(m.key)) continue;
      if (this.isRepeat(m)) continue;
      this.markers.push(m);
      if (m.key !== undefined) this.oomKeys.add(m.key);
      added = true;
    }
    this.collectedRv = Math.max(this.collectedRv, pending[pending.length - 1].rv);
    this.acceptAboveRv = this.collectedRv;
    while (this.markers.length > this.opts.maxMarkers) {
      const dropped = this.markers.shift()!;
      if (dropped.key !== undefined) this.oomKeys.delete(dropped.key);
    }
    if (added) this.versionNow++;
  }

  private isRepeat(m: EventMarker): boolean {
    for (let i = this.markers.length - 1; i >= 0 && this.markers[i].at >= m.at - MARKER_REPEAT_WINDOW_MS; i--) {
      if (this.markers[i].kind === m.kind && this.markers[i].label === m.label) return true;
    }
    return false;
  }

  private timelineMarkers(): TimelineMarker[] {
    const all: TimelineMarker[] = this.markers.map((m) => ({ at: m.at, kind: m.kind, label: m.label }));
    for (const c of this.commands.slice(-COMMAND_MARKERS_MAX)) all.push({ at: c.at, kind: 'command', label: c.line });
    for (const f of this.forks) all.push({ at: f, kind: 'fork', label: 'A new future forked here: the later history was discarded' });
    return all.sort((a, b) => a.at - b.at);
  }
}

/**
 * Components whose save() and load() already copy their state through JSON (the kubelet fleet,
 * components/kubelet/fleet.ts: by far the largest state) need no second copy.
 */
const SELF_COPYING_COMPONENTS = new Set(['kubelet']);

function cloneComponents(components: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, state] of Object.entries(components)) out[name] = SELF_COPYING_COMPONENTS.has(name) ? state : structuredClone(state);
  return out;
}

/** Everything a read-only command could have changed by mistake; equal before and after means it changed nothing. */
function fingerprint(session: Session): string {
  const sim = session.sim;
  const k = sim.kernel;
  return [k.now, sim.store.resourceVersion, sim.traceHash(), k.prng.state().join(','), k.pendingTimers, k.nextTimerAt(), JSON.stringify(session.kubeconfig)].join('|');
}

/** kubectl verbs that only read (with `config`, whose changes the fingerprint sees). */
// `wait` only reads: in the app its waiting follows the live clock; where it moved the clock itself
// (a session without live watches) the fingerprint sees the new time and it is recorded.
const READ_VERBS = new Set(['get', 'wait', 'describe', 'diff', 'logs', 'explain', 'api-resources', 'api-versions', 'version', 'cluster-info', 'top', 'events', 'auth', 'config', 'completion', 'options', 'help']);
const READ_ROLLOUT = new Set(['status', 'history']);
const READ_SIM = new Set(['trace', 'explain']);

/**
 * Whether a command line is one that only reads. Anything else is recorded even when it failed,
 * since a failed command can still have changed something the fingerprint does not see.
 */
export function isReadOnly(line: string): boolean {
  let words: string[];
  try {
    words = splitWords(line);
  } catch {
    return true; // a shell syntax error runs nothing
  }
  if (words.length === 0) return true;
  const [program, ...argv] = words;
  if (argv.includes('--help') || argv.includes('-h')) return true;
  if (program === 'sim') return READ_SIM.has(argv[0] ?? '');
  if (program !== 'kubectl') return true; // "command not found"
  const positional = positionals(argv);
  if (positional.length === 0) return true; // kubectl's help
  const [verb, sub] = positional;
  if (verb === 'rollout') return READ_ROLLOUT.has(sub ?? '');
  return READ_VERBS.has(verb);
}

let globalValueFlags: ReadonlySet<string> | undefined;

/** The positional words, skipping flags and the values of kubectl's global flags written apart (`-n ns`). */
function positionals(argv: readonly string[]): string[] {
  globalValueFlags ??= new Set(GLOBAL_FLAGS.filter((f) => f.type !== 'bool').flatMap((f) => [`--${f.name}`, ...(f.short ? [`-${f.short}`] : [])]));
  const out: string[] = [];
  for (let i = 0; i < argv.length && out.length < 2; i++) {
    const a = argv[i];
    if (a === '--') break;
    if (!a.startsWith('-')) out.push(a);
    else if (globalValueFlags.has(a)) i++;
  }
  return out;
}

const EVENT_KINDS: Record<string, MarkerKind> = {
  NodeNotReady: 'node',
  RemovingNode: 'node',
  ScalingReplicaSet: 'rollout',
  OOMKilling: 'oom',
  Evicted: 'eviction',
  TaintManagerEviction: 'eviction',
  Preempted: 'eviction',
  Killing: 'kill',
  FailedScheduling: 'scheduling',
};

/** The marker an Event makes, if its reason is one the timeline shows. Pods' NodeNotReady (one per pod) are left to the node's. */
export function eventMarker(ev: KEvent): { kind: MarkerKind; label: string } | undefined {
  const kind = EVENT_KINDS[ev.reason ?? ''];
  if (kind === undefined) return undefined;
  const obj = ev.involvedObject;
  if (ev.reason === 'NodeNotReady' && obj.kind !== 'Node') return undefined;
  return { kind, label: `${ev.reason} ${(obj.kind ?? '').toLowerCase()}/${obj.name ?? ''}: ${ev.message ?? ''}` };
}

/** A marker per container of the pod whose last termination was the OOM killer, keyed by occurrence. */
export function oomMarkers(pod: Pod): { kind: MarkerKind; label: string; key: string }[] {
  const out: { kind: MarkerKind; label: string; key: string }[] = [];
  for (const cs of [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]) {
    for (const term of [cs.state?.terminated, cs.lastState?.terminated]) {
      if (term?.reason !== 'OOMKilled') continue;
      const key = `${pod.metadata.uid ?? ''}/${cs.name}/${term.finishedAt ?? ''}`;
      if (out.some((m) => m.key === key)) continue;
      out.push({ kind: 'oom', label: `OOMKilled pod/${pod.metadata.name ?? ''}: container ${cs.name} was killed for using more memory than its limit`, key });
    }
  }
  return out;
}
