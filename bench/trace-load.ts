/**
 * Where a cold first load's time goes: serves a built app (PODLAB_DIST, default dist/) as the
 * browser bench does, loads it in a fresh context with Chrome tracing on, waits for the same
 * "interactive" moment as bench/browser.ts firstLoad (the clock shows the worker's first view and
 * window.podlab is up), and prints the critical path: requests, script compile/evaluate, the
 * worker's start and tasks, the first view's arrival, style/layout/paint, by thread, in ms since
 * navigation start. Optionally adds a V8 CPU profile's self time per function (TRACE_PROFILE=1).
 *
 *   npx tsx bench/trace-load.ts [runs]    (PODLAB_DIST=/tmp/dist-x to pick the build; TRACE_NICE=-10:
 *   bench/prioritize.ts)
 */
import { join, resolve } from 'node:path';
import { launchChromium } from '../tests/browser/support/chromium.ts';
import { serveStatic } from '../tools/static-server.ts';
import { watchFirstView } from './first-view.ts';
import { prioritize } from './prioritize.ts';
import type { TraceEvent as BaseTraceEvent } from './trace-analysis.ts';

/** trace-analysis.ts's event, with the `args` fields this script reads. */
type TraceEvent = BaseTraceEvent & { args?: Record<string, unknown> & { data?: Record<string, unknown>; name?: string } };

const DIST = resolve(process.env.PODLAB_DIST ?? join(process.cwd(), 'dist'));
const RUNS = Number(process.argv[2] ?? 1);
/** TRACE_WINDOW=from-to (ms since the document's request): the CPU profile's part to sum. */
const WINDOW = (process.env.TRACE_WINDOW ?? '0-100000').split('-').map(Number);
const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'blink.user_timing',
  'loading',
  'v8',
  'v8.execute',
  'toplevel',
  ...(process.env.TRACE_PROFILE ? ['disabled-by-default-v8.cpu_profiler'] : []),
].join(',');

async function main(): Promise<void> {
  const server = await serveStatic(DIST);
  const browser = await launchChromium();
  const nicer = prioritize(process.env.TRACE_NICE);
  try {
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
      const page = await context.newPage();
      await watchFirstView(page);
      const cdp = await context.newCDPSession(page);
      const events: TraceEvent[] = [];
      cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
      const ended = new Promise<void>((done) => cdp.once('Tracing.tracingComplete', () => done()));
      await cdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReportEvents' });
      const started = Date.now();
      await page.goto(server.url);
      const gone = Date.now() - started;
      await page.getByRole('timer', { name: 'Simulated time' }).locator('time').waitFor();
      await page.waitForFunction(() => window.podlab !== undefined);
      const interactive = await page.evaluate(() => performance.now());
      const marks = await page.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
        return { shown: (window as unknown as { __viewShown?: number }).__viewShown ?? NaN, dcl: nav.domContentLoadedEventStart, load: nav.loadEventStart };
      });
      console.log(`goto returned after ${gone} ms (Node clock); DOMContentLoaded ${marks.dcl.toFixed(0)}, load ${marks.load.toFixed(0)}, view on screen ${marks.shown.toFixed(0)} ms`);
      await page.evaluate(() => performance.mark('podlab-interactive'));
      await cdp.send('Tracing.end');
      await ended;
      console.log(`\n=== run ${run + 1}: interactive at ${interactive.toFixed(0)} ms (performance.now) ===`);
      report(events);
      await context.close();
    }
  } finally {
    clearInterval(nicer);
    await browser.close();
    await server.close();
  }
}

function report(events: TraceEvent[]): void {
  const threads = new Map<string, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') threads.set(`${e.pid}:${e.tid}`, String(e.args?.name));
  // t0: the document's request (performance.now() counts from about there).
  const doc = events.find((e) => e.name === 'ResourceSendRequest' && /^http:\/\/127\.0\.0\.1:\d+\/$/.test(String(e.args?.data?.url)));
  const t0 = doc?.ts ?? Math.min(...events.filter((e) => e.ts > 0).map((e) => e.ts));
  const ms = (ts: number) => ((ts - t0) / 1000).toFixed(1).padStart(7);
  const thread = (e: TraceEvent) => {
    const name = threads.get(`${e.pid}:${e.tid}`) ?? `${e.pid}:${e.tid}`;
    return name.replace('CrRendererMain', 'main').replace('DedicatedWorker thread', 'worker').padEnd(10).slice(0, 10);
  };
  const interesting = new Set([
    'ResourceSendRequest', 'ResourceReceiveResponse', 'ResourceFinish', 'ParseHTML', 'EvaluateScript', 'v8.compile', 'v8.compileModule', 'v8.evaluateModule',
    'v8.run', 'FunctionCall', 'ParseAuthorStyleSheet', 'UpdateLayoutTree', 'Layout', 'Paint', 'CompositeLayers', 'MarkDOMContent', 'MarkLoad', 'firstPaint', 'firstContentfulPaint',
    'largestContentfulPaint::Candidate', 'TimerFire', 'RunMicrotasks', 'EventDispatch', 'HandlePostMessage', 'v8.produceModuleCache', 'v8.deserializeOnBackground', 'ScriptCompiled', 'CpuProfile',
    'podlab-interactive', 'V8.GC_MARK_COMPACTOR', 'MajorGC', 'MinorGC', 'V8.GCScavenger', 'ThreadControllerImpl::RunTask', 'WorkerThread::StartWorkerThread',
  ]);
  const rows = events
    .filter((e) => e.ts >= t0 && (interesting.has(e.name) || (e.name === 'RunTask' && (e.dur ?? 0) > 3000)) && (e.ph !== 'X' || (e.dur ?? 0) >= 1000 || e.name.startsWith('Resource')))
    .sort((a, b) => a.ts - b.ts);
  for (const e of rows) {
    const d = e.args?.data as Record<string, unknown> | undefined;
    const what = d?.url ?? d?.fileName ?? d?.type ?? d?.functionName ?? (e.args as { fileName?: string } | undefined)?.fileName ?? '';
    const tdur = (e as unknown as { tdur?: number }).tdur;
    const dur = e.dur !== undefined ? `${(e.dur / 1000).toFixed(1).padStart(6)} ms${tdur !== undefined ? ` (cpu ${(tdur / 1000).toFixed(1).padStart(5)})` : '            '}` : '                     ';
    console.log(`${ms(e.ts)} ${thread(e)} ${dur}  ${e.name} ${String(what).replace(/^http:\/\/127\.0\.0\.1:\d+/, '')}`);
  }
  // CPU time (trace tdur) per thread up to the interactive moment, by what ran.
  const end = events.find((e) => e.name === 'podlab-interactive')?.ts ?? Infinity;
  const cpu = new Map<string, number>();
  for (const e of events) {
    if (e.ph !== 'X' || e.ts < t0 || e.ts > end || e.name !== 'ThreadControllerImpl::RunTask') continue;
    const t = thread(e).trim();
    if (t !== 'main' && t !== 'worker') continue;
    const tdur = (e as unknown as { tdur?: number }).tdur ?? e.dur ?? 0;
    cpu.set(t, (cpu.get(t) ?? 0) + tdur / 1000);
  }
  console.log(`CPU time until interactive: ${[...cpu].map(([t, v]) => `${t} ${v.toFixed(0)} ms`).join(', ')}`);
  if (process.env.TRACE_PROFILE) {
    console.log(`profile events: ${events.filter((e) => e.name === "Profile").length}, chunks: ${events.filter((e) => e.name === "ProfileChunk").length}`);
    profile(events, threads, t0);
  }
}

/** Self time per function from the trace's CPU profile chunks, per thread. */
function profile(events: TraceEvent[], threads: Map<string, string>, t0: number): void {
  interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; parent?: number }
  const byProfile = new Map<string, { tid: string; nodes: Map<number, Node>; samples: number[]; deltas: number[]; start: number }>();
  for (const e of events) {
    if (e.name === 'Profile') byProfile.set(String((e as unknown as { id: string }).id), { tid: `${e.pid}:${e.tid}`, nodes: new Map(), samples: [], deltas: [], start: Number((e.args?.data as { startTime: number }).startTime) });
    if (e.name === 'ProfileChunk') {
      const p = byProfile.get(String((e as unknown as { id: string }).id));
      if (!p) continue;
      const c = (e.args?.data as { cpuProfile?: { nodes?: Node[]; samples?: number[] }; timeDeltas?: number[] }) ?? {};
      for (const n of c.cpuProfile?.nodes ?? []) p.nodes.set(n.id, n);
      p.samples.push(...(c.cpuProfile?.samples ?? []));
      p.deltas.push(...(c.timeDeltas ?? []));
    }
  }
  for (const p of byProfile.values()) {
    // Without TRACE_WINDOW: the main thread's first long message handler (the first view's render)
    // and the worker's first module evaluation (the default cluster's boot).
    const span = events.find(
      (e) => `${e.pid}:${e.tid}` === p.tid && (e.dur ?? 0) > 20_000 && e.ts > t0 && (e.name === 'HandlePostMessage' || e.name === 'v8.evaluateModule') && /Worker/.test(threads.get(p.tid) ?? '') === (e.name === 'v8.evaluateModule'),
    );
    const win = process.env.TRACE_WINDOW || !span ? { from: t0 + WINDOW[0] * 1000, to: t0 + WINDOW[1] * 1000 } : { from: span.ts, to: span.ts + (span.dur ?? 0) };
    console.log(`\n(profile window ${((win.from - t0) / 1000).toFixed(0)}–${((win.to - t0) / 1000).toFixed(0)} ms: ${span && !process.env.TRACE_WINDOW ? span.name : 'TRACE_WINDOW'})`);
    const self = new Map<string, number>();
    const incl = new Map<string, number>();
    let t = p.start;
    for (let i = 0; i < p.samples.length; i++) {
      t += p.deltas[i] ?? 0;
      const dt = (p.deltas[i + 1] ?? 0) / 1000;
      if (t < win.from || t > win.to) continue;
      const n = p.nodes.get(p.samples[i]);
      if (!n) continue;
      const f = n.callFrame;
      const key = `${f.functionName || '(anon)'} ${(f.url ?? '').replace(/^.*\//, '')}:${f.lineNumber}:${f.columnNumber}`;
      self.set(key, (self.get(key) ?? 0) + dt);
      const seen = new Set<string>();
      for (let id: number | undefined = n.id; id !== undefined; id = p.nodes.get(id)?.parent) {
        const g = p.nodes.get(id)?.callFrame;
        if (!g) break;
        const k = `${g.functionName || '(anon)'} ${(g.url ?? '').replace(/^.*\//, '')}:${g.lineNumber}`;
        if (seen.has(k)) continue;
        seen.add(k);
        incl.set(k, (incl.get(k) ?? 0) + dt);
      }
    }
    const total = [...self.values()].reduce((a, b) => a + b, 0);
    console.log(`\n--- CPU profile ${threads.get(p.tid) ?? p.tid}: ${total.toFixed(0)} ms sampled; top self time:`);
    for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${v.toFixed(1).padStart(8)} ms  ${k}`);
    console.log('top inclusive time:');
    for (const [k, v] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`${v.toFixed(1).padStart(8)} ms  ${k}`);
  }
}

await main();
