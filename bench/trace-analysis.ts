/**
 * Reading a Chromium performance trace (CDP Tracing, the categories DevTools' Performance panel
 * records): the renderer's main-thread tasks, what ran inside each (self time by event, script
 * by function from the sampling profiler), and frame intervals from the trace's microsecond
 * timestamps. Used by bench/browser.ts (frame figures) and bench/trace-frames.ts (diagnosis).
 * The analysis is pure; tests/unit/app/trace-analysis.test.ts covers it.
 */
import type { CDPSession } from 'playwright-core';

export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  /** Microseconds. */
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  id?: string;
  args?: Record<string, unknown>;
}

/** Categories for frames and tasks (light enough to leave on while measuring). */
export const FRAME_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.frame', 'toplevel', 'v8', 'blink'];
/** And V8's sampling profiler, for script time by function. */
export const PROFILE_CATEGORIES = ['disabled-by-default-v8.cpu_profiler', 'v8.execute', 'disabled-by-default-devtools.timeline.stack'];
/** And why layout, style and paint were invalidated (which nodes, which reasons). */
export const INVALIDATION_CATEGORIES = ['disabled-by-default-devtools.timeline.invalidationTracking'];

/** Starts tracing the page; the returned function stops and returns the events. */
export async function recordTrace(cdp: CDPSession, categories: readonly string[] = FRAME_CATEGORIES): Promise<() => Promise<TraceEvent[]>> {
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: { includedCategories: [...categories], excludedCategories: ['*'] },
  });
  return async () => {
    const done = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
    await cdp.send('Tracing.end');
    await done;
    return events;
  };
}

/** A thread as the trace names it. */
export interface ThreadRef {
  pid: number;
  tid: number;
}

/** The page's main thread: the renderer main thread with the most events (the page's, not an idle one's). */
export function mainThread(events: readonly TraceEvent[]): ThreadRef | undefined {
  const mains = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && (e.args?.name as string) === 'CrRendererMain');
  let best: ThreadRef | undefined;
  let most = -1;
  for (const m of mains) {
    const n = events.reduce((c, e) => c + (e.pid === m.pid && e.tid === m.tid && e.ph === 'X' ? 1 : 0), 0);
    if (n > most) {
      most = n;
      best = { pid: m.pid, tid: m.tid };
    }
  }
  return best;
}

const TASK_NAMES = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);

/** Top-level tasks on a thread (outermost task events), in time order, as [start, end] in µs. */
export function topLevelTasks(events: readonly TraceEvent[], thread: ThreadRef): TraceEvent[] {
  const tasks = events.filter((e) => e.pid === thread.pid && e.tid === thread.tid && e.ph === 'X' && TASK_NAMES.has(e.name) && e.dur !== undefined).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const out: TraceEvent[] = [];
  let end = -Infinity;
  for (const t of tasks) {
    if (t.ts < end) continue;
    out.push(t);
    end = t.ts + t.dur!;
  }
  return out;
}

/** A readable label for a trace event: script by function and file, events by type. */
export function eventLabel(e: TraceEvent): string {
  const data = (e.args?.data ?? e.args?.beginData ?? {}) as Record<string, unknown>;
  const where = (url: unknown, line: unknown) => (typeof url === 'string' && url !== '' ? ` ${url.replace(/^.*\//, '')}${typeof line === 'number' ? `:${line + 1}` : ''}` : '');
  switch (e.name) {
    case 'FunctionCall':
      return `FunctionCall ${(data.functionName as string) || '(anonymous)'}${where(data.url, data.lineNumber)}`;
    case 'EventDispatch':
      return `EventDispatch ${String(data.type)}`;
    case 'TimerFire':
    case 'FireAnimationFrame':
    case 'FireIdleCallback':
      return e.name;
    case 'EvaluateScript':
      return `EvaluateScript${where(data.url, data.lineNumber)}`;
    default:
      return e.name;
  }
}

/** Self time (ms) by label of the events nested in [from, to] on a thread; sorted, largest first. */
export function selfTimes(events: readonly TraceEvent[], thread: ThreadRef, from: number, to: number): [string, number][] {
  const inside = events
    .filter((e) => e.pid === thread.pid && e.tid === thread.tid && e.ph === 'X' && e.dur !== undefined && e.ts >= from && e.ts + e.dur <= to)
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const self = new Map<TraceEvent, number>();
  const stack: TraceEvent[] = [];
  for (const e of inside) {
    while (stack.length > 0 && stack[stack.length - 1].ts + stack[stack.length - 1].dur! <= e.ts) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent !== undefined) self.set(parent, self.get(parent)! - e.dur!);
    self.set(e, e.dur!);
    stack.push(e);
  }
  const byLabel = new Map<string, number>();
  for (const [e, us] of self) {
    const label = eventLabel(e);
    byLabel.set(label, (byLabel.get(label) ?? 0) + us / 1000);
  }
  return [...byLabel].sort((a, b) => b[1] - a[1]);
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber?: number };
  parent?: number;
}

/** One CPU profile from the trace: its nodes and its samples (node id at µs time). */
export interface Profile {
  pid: number;
  tid: number;
  nodes: Map<number, ProfileNode>;
  samples: { at: number; node: number }[];
}

/** The sampling profiler's profiles in the trace (Profile and ProfileChunk events), by id. */
export function profiles(events: readonly TraceEvent[]): Profile[] {
  const byId = new Map<string, Profile>();
  const last = new Map<string, number>();
  for (const e of events) {
    if (e.ph !== 'P' || e.id === undefined) continue;
    const key = `${e.pid}:${e.id}`;
    const data = (e.args?.data ?? {}) as Record<string, unknown>;
    if (e.name === 'Profile') {
      byId.set(key, { pid: e.pid, tid: e.tid, nodes: new Map(), samples: [] });
      last.set(key, data.startTime as number);
    } else if (e.name === 'ProfileChunk') {
      const p = byId.get(key);
      if (p === undefined) continue;
      const cpu = (data.cpuProfile ?? {}) as { nodes?: ProfileNode[]; samples?: number[] };
      for (const n of cpu.nodes ?? []) p.nodes.set(n.id, n);
      const deltas = (data.timeDeltas ?? []) as number[];
      let t = last.get(key)!;
      (cpu.samples ?? []).forEach((node, i) => {
        t += deltas[i] ?? 0;
        p.samples.push({ at: t, node });
      });
      last.set(key, t);
    }
  }
  return [...byId.values()];
}

/** Maps a generated position (file name, 0-based line and column) to a readable source place, e.g. through a source map. */
export type Resolver = (file: string, line: number, column: number) => string | undefined;

let resolver: Resolver | undefined;

/** Profile frames are labelled through `r` from now on (bench/trace-frames.ts passes the build's source maps). */
export function setResolver(r: Resolver | undefined): void {
  resolver = r;
}

const frameLabel = (n: ProfileNode) => {
  const file = (n.callFrame.url ?? '').replace(/^.*\//, '');
  const mapped = file === '' ? undefined : resolver?.(file, n.callFrame.lineNumber, n.callFrame.columnNumber ?? 0);
  return `${n.callFrame.functionName || '(anonymous)'} ${mapped ?? `${file}:${n.callFrame.lineNumber + 1}`}`;
};
const SPECIAL = new Set(['(root)', '(program)', '(idle)']);

/** Sampled script time (ms) in [from, to] by function: self (the frame on top) and total (anywhere on the stack). */
export function profileTimes(profile: Profile, from: number, to: number): { self: [string, number][]; total: [string, number][] } {
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const s = profile.samples[i];
    if (s.at < from || s.at > to) continue;
    const next = profile.samples[i + 1];
    const ms = next === undefined ? 0 : Math.min(next.at - s.at, 2000) / 1000;
    const top = profile.nodes.get(s.node);
    if (top === undefined || SPECIAL.has(top.callFrame.functionName)) continue;
    self.set(frameLabel(top), (self.get(frameLabel(top)) ?? 0) + ms);
    const seen = new Set<string>();
    for (let n: ProfileNode | undefined = top; n !== undefined; n = n.parent === undefined ? undefined : profile.nodes.get(n.parent)) {
      const label = frameLabel(n);
      if (SPECIAL.has(n.callFrame.functionName) || seen.has(label)) continue;
      seen.add(label);
      total.set(label, (total.get(label) ?? 0) + ms);
    }
  }
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
  return { self: sorted(self), total: sorted(total) };
}

/**
 * Frame intervals (ms, µs-precise) from the trace: the main thread's frames, one per
 * `BeginMainThreadFrame` (the start of each rendering update the compositor asked for, i.e.
 * what requestAnimationFrame callbacks run in), between `from` and `to`.
 */
export function frameIntervals(events: readonly TraceEvent[], thread: ThreadRef, name = 'BeginMainThreadFrame', from = -Infinity, to = Infinity): number[] {
  const stamps = events
    .filter((e) => e.pid === thread.pid && e.tid === thread.tid && e.name === name && (e.ph === 'X' || e.ph === 'I' || e.ph === 'B' || e.ph === 'i') && e.ts >= from && e.ts <= to)
    .map((e) => e.ts)
    .sort((a, b) => a - b);
  return stamps.slice(1).map((t, i) => (t - stamps[i]) / 1000);
}

/**
 * The page's frame times (ms, µs-precise): for every frame the main thread produced
 * (`BeginMainThreadFrame`, where requestAnimationFrame callbacks run), the vsync tick that began
 * it (the compositor thread's latest `BeginFrame` before it), and the intervals between those
 * ticks: what requestAnimationFrame's timestamps measure (they are that tick's time), without
 * their 0.1 ms rounding. A frame the main thread was too busy for shows as a longer interval.
 */
export function mainFrameIntervals(events: readonly TraceEvent[], thread: ThreadRef, from = -Infinity, to = Infinity): number[] {
  const ticks = events
    .filter((e) => e.pid === thread.pid && e.tid !== thread.tid && e.name === 'BeginFrame' && e.ph === 'I')
    .map((e) => e.ts)
    .sort((a, b) => a - b);
  const mains = events
    .filter((e) => e.pid === thread.pid && e.tid === thread.tid && e.name === 'BeginMainThreadFrame' && e.ts >= from && e.ts <= to)
    .map((e) => e.ts)
    .sort((a, b) => a - b);
  const stamps: number[] = [];
  let j = 0;
  for (const m of mains) {
    while (j + 1 < ticks.length && ticks[j + 1] <= m) j++;
    if (j >= ticks.length || ticks[j] > m) continue;
    if (stamps[stamps.length - 1] !== ticks[j]) stamps.push(ticks[j]);
  }
  return stamps.slice(1).map((t, i) => (t - stamps[i]) / 1000);
}

export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/**
 * What each top-level task was, by the events inside it: `message` (a worker message: the view
 * arriving and React rendering it), `frame` (a rendering update: style, layout, paint), or `other`.
 */
export function taskKinds(events: readonly TraceEvent[], thread: ThreadRef, tasks: readonly TraceEvent[]): ('message' | 'frame' | 'other')[] {
  const marks = events
    .filter((e) => e.pid === thread.pid && e.tid === thread.tid && e.ph === 'X' && (e.name === 'HandlePostMessage' || e.name === 'WebFrameWidgetImpl::UpdateLifecycle' || e.name === 'WebFrameWidgetImpl::BeginMainFrame'))
    .sort((a, b) => a.ts - b.ts);
  let j = 0;
  return tasks.map((t) => {
    let kind: 'message' | 'frame' | 'other' = 'other';
    while (j < marks.length && marks[j].ts < t.ts) j++;
    for (let k = j; k < marks.length && marks[k].ts <= t.ts + t.dur!; k++) {
      if (marks[k].name === 'HandlePostMessage') kind = 'message';
      else if (kind === 'other') kind = 'frame';
    }
    return kind;
  });
}

export interface TaskBreakdown {
  start: number;
  ms: number;
  self: [string, number][];
  script?: { self: [string, number][]; total: [string, number][] };
}

export interface TraceAnalysis {
  thread: ThreadRef;
  /** Every top-level task's duration (ms). */
  tasks: number[];
  long: TaskBreakdown[];
  /** Self time by label over all tasks (ms). */
  overall: [string, number][];
  /** Task durations (ms) by what they were (taskKinds). */
  byKind: Record<string, number[]>;
  /** Sampled script time over the whole run, by function. */
  script?: { self: [string, number][]; total: [string, number][] };
  /** Counts of event names on the main thread (for finding frame events). */
  names: Map<string, number>;
  frames: Record<string, number[]>;
}

export function analyseTrace(events: readonly TraceEvent[], thresholdMs: number): TraceAnalysis {
  const thread = mainThread(events);
  if (thread === undefined) throw new Error('no renderer main thread in the trace');
  const tasks = topLevelTasks(events, thread);
  const profile = profiles(events).find((p) => p.pid === thread.pid && p.tid === thread.tid) ?? profiles(events).find((p) => p.pid === thread.pid);
  const long = tasks
    .filter((t) => t.dur! / 1000 > thresholdMs)
    .map((t) => ({ start: t.ts, ms: t.dur! / 1000, self: selfTimes(events, thread, t.ts, t.ts + t.dur!), script: profile && profileTimes(profile, t.ts, t.ts + t.dur!) }));
  const kinds = taskKinds(events, thread, tasks);
  const byKind: Record<string, number[]> = {};
  tasks.forEach((t, i) => (byKind[kinds[i]] ??= []).push(t.dur! / 1000));
  const first = tasks[0]?.ts ?? 0;
  const last = tasks.length > 0 ? tasks[tasks.length - 1].ts + tasks[tasks.length - 1].dur! : 0;
  const names = new Map<string, number>();
  for (const e of events) if (e.pid === thread.pid && e.tid === thread.tid) names.set(`${e.name} [${e.ph}]`, (names.get(`${e.name} [${e.ph}]`) ?? 0) + 1);
  const frames: Record<string, number[]> = {};
  frames['vsync ticks of main-thread frames'] = mainFrameIntervals(events, thread);
  for (const name of ['BeginMainThreadFrame', 'FireAnimationFrame']) {
    const list = frameIntervals(events, thread, name);
    if (list.length > 0) frames[name] = list;
  }
  return { thread, tasks: tasks.map((t) => t.dur! / 1000), long, overall: selfTimes(events, thread, first, last), script: profile && profileTimes(profile, first, last), byKind, names, frames };
}

const ms = (v: number) => `${v.toFixed(1)} ms`;

export function formatTaskReport(a: TraceAnalysis, rafIntervals?: readonly number[]): string {
  const lines: string[] = [];
  const sorted = [...a.tasks].sort((x, y) => y - x);
  lines.push(`main thread ${a.thread.pid}:${a.thread.tid}: ${a.tasks.length} tasks, longest ${sorted.slice(0, 8).map((t) => t.toFixed(1)).join(', ')} ms; ${a.long.length} over the threshold`);
  for (const [kind, list] of Object.entries(a.byKind))
    lines.push(`   ${kind} tasks: ${list.length}, median ${quantile(list, 0.5).toFixed(1)} ms, p95 ${quantile(list, 0.95).toFixed(1)} ms, max ${Math.max(...list).toFixed(1)} ms, sum ${list.reduce((x, y) => x + y, 0).toFixed(0)} ms`);
  for (const t of a.long) {
    lines.push(`\n== task of ${ms(t.ms)} at ${(t.start / 1000).toFixed(0)} ms`);
    for (const [label, v] of t.self.slice(0, 14)) lines.push(`   ${ms(v).padStart(9)}  ${label}`);
    if (t.script) {
      lines.push('   script, self:');
      for (const [label, v] of t.script.self.slice(0, 12)) lines.push(`   ${ms(v).padStart(9)}  ${label}`);
      lines.push('   script, total:');
      for (const [label, v] of t.script.total.slice(0, 16)) lines.push(`   ${ms(v).padStart(9)}  ${label}`);
    }
  }
  lines.push('\n== self time over the whole run');
  for (const [label, v] of a.overall.slice(0, 20)) lines.push(`   ${ms(v).padStart(9)}  ${label}`);
  if (a.script) {
    lines.push('\n== script over the whole run, self');
    for (const [label, v] of a.script.self.slice(0, 25)) lines.push(`   ${ms(v).padStart(9)}  ${label}`);
    lines.push('\n== script over the whole run, total (the app’s own code)');
    for (const [label, v] of a.script.total.filter(([l]) => /src\//.test(l)).slice(0, 30)) lines.push(`   ${ms(v).padStart(9)}  ${label}`);
  }
  lines.push('\n== frame intervals');
  const show = (name: string, list: readonly number[]) =>
    lines.push(`   ${name}: ${list.length} intervals, median ${quantile(list, 0.5).toFixed(3)} ms, p95 ${quantile(list, 0.95).toFixed(3)} ms, max ${Math.max(...list).toFixed(1)} ms`);
  if (rafIntervals) show('requestAnimationFrame', rafIntervals);
  for (const [name, list] of Object.entries(a.frames)) show(name, list);
  return lines.join('\n');
}
