/** bench/trace-analysis.ts: what the browser bench reads from a Chromium trace (frame times, long tasks). */
import { describe, expect, it } from 'vitest';
import { mainFrameIntervals, mainThread, profiles, profileTimes, quantile, selfTimes, topLevelTasks, type TraceEvent } from '../../../bench/trace-analysis.ts';

const PID = 10;
const MAIN = 1;
const COMPOSITOR = 2;

const meta = (tid: number, name: string): TraceEvent => ({ name: 'thread_name', cat: '__metadata', ph: 'M', ts: 0, pid: PID, tid, args: { name } });
const task = (ts: number, dur: number, name = 'RunTask', tid = MAIN): TraceEvent => ({ name, cat: 'disabled-by-default-devtools.timeline', ph: 'X', ts, dur, pid: PID, tid });
const instant = (name: string, ts: number, tid: number): TraceEvent => ({ name, cat: 'disabled-by-default-devtools.timeline.frame', ph: 'I', ts, pid: PID, tid });

describe('trace analysis', () => {
  it('finds the page main thread: the renderer main thread with the most events', () => {
    const events = [meta(MAIN, 'CrRendererMain'), meta(7, 'CrRendererMain'), task(0, 5), task(10, 5), { ...task(0, 1), tid: 7 }];
    expect(mainThread(events)).toEqual({ pid: PID, tid: MAIN });
  });

  it('keeps only outermost tasks', () => {
    const events = [task(0, 100), task(10, 20, 'ThreadControllerImpl::RunTask'), task(200, 60_000), task(70_000, 10)];
    expect(topLevelTasks(events, { pid: PID, tid: MAIN }).map((t) => [t.ts, t.dur])).toEqual([
      [0, 100],
      [200, 60_000],
      [70_000, 10],
    ]);
  });

  it('measures frames at the vsync tick that began each main-thread frame, to the microsecond', () => {
    // Ticks every 16,667 µs; the main thread makes frames at ticks 0, 1, 2 and 5 (it was busy for two).
    const ticks = [0, 1, 2, 3, 4, 5].map((i) => instant('BeginFrame', 1_000_000 + i * 16_667, COMPOSITOR));
    const mains = [0, 1, 2, 5].map((i) => instant('BeginMainThreadFrame', 1_000_000 + i * 16_667 + 900, MAIN));
    const intervals = mainFrameIntervals([...ticks, ...mains], { pid: PID, tid: MAIN });
    expect(intervals).toEqual([16.667, 16.667, 50.001]);
    expect(quantile(intervals, 0.5)).toBeLessThan(16.7);
  });

  it('attributes self time to nested events', () => {
    const events = [task(0, 10_000), { ...task(1000, 6000), name: 'Layout' }, { ...task(2000, 1000), name: 'UpdateLayoutTree' }];
    expect(selfTimes(events, { pid: PID, tid: MAIN }, 0, 10_000)).toEqual([
      ['Layout', 5],
      ['RunTask', 4],
      ['UpdateLayoutTree', 1],
    ]);
  });

  it('reads the sampling profiler: self and total time by function', () => {
    const frame = (id: number, functionName: string, parent?: number) => ({ id, parent, callFrame: { functionName, url: 'http://x/assets/a.js', lineNumber: id, columnNumber: 0 } });
    const events: TraceEvent[] = [
      { name: 'Profile', cat: 'p', ph: 'P', ts: 0, pid: PID, tid: MAIN, id: '0x1', args: { data: { startTime: 1000 } } },
      {
        name: 'ProfileChunk',
        cat: 'p',
        ph: 'P',
        ts: 0,
        pid: PID,
        tid: MAIN,
        id: '0x1',
        args: { data: { cpuProfile: { nodes: [frame(1, '(root)'), frame(2, 'render', 1), frame(3, 'layout', 2)], samples: [2, 3, 3, 2] }, timeDeltas: [0, 1000, 1000, 1000] } },
      },
    ];
    const [p] = profiles(events);
    const t = profileTimes(p, 0, 10_000);
    expect(t.self).toEqual([
      ['layout a.js:4', 2],
      ['render a.js:3', 1],
    ]);
    expect(t.total[0]).toEqual(['render a.js:3', 3]);
  });
});
