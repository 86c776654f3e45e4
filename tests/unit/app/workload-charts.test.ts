import { describe, expect, it } from 'vitest';
import type { FlowRecord, RolloutSample } from '../../../src/app/protocol.ts';
import { advanceCursor, backlog, BACKLOG_MAX, NO_CURSOR, stageIndex, stepMs, STEP_BASE_MS } from '../../../src/app/views/workloads/flow-player.ts';
import { chartFrame, CHART_MARGIN, isRolling, markerMarks, MIN_SPAN_MS, replicaChart, rolloutChart, timeDomain, timeLabel } from '../../../src/app/views/workloads/workload-charts.ts';

const SIZE = { width: 400, height: 160 };

function rollout(at: number, oldReplicas: number, newReplicas: number, available: number): RolloutSample {
  const sets = [{ name: 'web-old', revision: '1', replicas: oldReplicas }];
  if (newReplicas >= 0) sets.push({ name: 'web-new', revision: '2', replicas: newReplicas });
  return { at, rv: at, desired: 4, surge: 1, unavailable: 1, available, sets };
}

describe('chart frames', () => {
  it('spans from the oldest sample to now, at least MIN_SPAN_MS', () => {
    expect(timeDomain(0, 60_000)).toEqual([0, 60_000]);
    expect(timeDomain(55_000, 60_000)).toEqual([60_000 - MIN_SPAN_MS, 60_000]);
    expect(timeDomain(undefined, 5_000)).toEqual([5_000 - MIN_SPAN_MS, 5_000]);
  });

  it('maps time across the plot and counts upward, with whole-number ticks', () => {
    const f = chartFrame([0, 100_000], 5, SIZE);
    expect(f.x(0)).toBe(CHART_MARGIN.left);
    expect(f.x(100_000)).toBe(SIZE.width - CHART_MARGIN.right);
    expect(f.y(0)).toBe(SIZE.height - CHART_MARGIN.bottom);
    expect(f.y(5)).toBe(CHART_MARGIN.top);
    expect(f.yTicks.every((t) => Number.isInteger(t.value))).toBe(true);
    expect(f.xTicks[0].label).toMatch(/^\+\d\d:\d\d:\d\d$/);
    expect(timeLabel(-10_000)).toBe('−00:00:10');
    expect(timeLabel(80_000)).toBe('+00:01:20');
  });
});

describe('replicaChart', () => {
  it('draws desired and ready as steps carried to now, shading where ready fell short', () => {
    const chart = replicaChart(
      {
        samples: [
          { at: 0, rv: 1, desired: 4, ready: 4 },
          { at: 30_000, rv: 2, desired: 4, ready: 2 },
          { at: 50_000, rv: 3, desired: 4, ready: 4 },
        ],
        markers: [{ at: 29_000, rv: 2, kind: 'node', label: 'NodeNotReady pod/web-1' }],
      },
      100_000,
      SIZE,
    );
    // Step curves: horizontal then vertical segments (H/V commands or repeated coordinates).
    expect(chart.desiredPath.startsWith(`M${CHART_MARGIN.left},`)).toBe(true);
    expect(chart.readyPath).not.toBe(chart.desiredPath);
    expect(chart.dips).toHaveLength(1);
    expect(chart.dips[0].from).toBeCloseTo(chart.frame.x(30_000));
    expect(chart.dips[0].to).toBeCloseTo(chart.frame.x(50_000));
    expect(chart.markers).toEqual([expect.objectContaining({ kind: 'node', count: 1, x: chart.frame.x(29_000) })]);
    expect(chart.latest).toMatchObject({ desired: 4, ready: 4 });
  });

  it('merges markers of a kind that fall on the same pixels, and drops those outside the time shown', () => {
    const frame = chartFrame([0, 100_000], 4, SIZE);
    const marks = markerMarks(
      [
        { at: -5, rv: 1, kind: 'node', label: 'before' },
        { at: 10_000, rv: 2, kind: 'node', label: 'a' },
        { at: 10_100, rv: 3, kind: 'node', label: 'b' },
        { at: 10_200, rv: 4, kind: 'eviction', label: 'c' },
        { at: 200_000, rv: 5, kind: 'oom', label: 'after' },
      ],
      frame,
    );
    expect(marks.map((m) => [m.kind, m.count, m.label])).toEqual([
      ['node', 2, 'a\nb'],
      ['eviction', 1, 'c'],
    ]);
  });
});

describe('rolloutChart', () => {
  const samples = [rollout(0, 4, -1, 4), rollout(10_000, 4, 1, 4), rollout(10_000, 3, 1, 4), rollout(10_000, 3, 2, 3), rollout(12_000, 1, 4, 3), rollout(13_000, 0, 4, 4)];

  it('stacks old below new, with the ceiling at desired + maxSurge and the floor at desired − maxUnavailable', () => {
    const chart = rolloutChart(samples, 2, 20_000, SIZE);
    expect(chart.layers.map((l) => [l.name, l.revision, l.current, l.replicas])).toEqual([
      ['web-old', '1', false, 0],
      ['web-new', '2', true, 4],
    ]);
    expect(chart.latest).toEqual({ desired: 4, surge: 1, unavailable: 1, ceiling: 5, floor: 3, total: 4, available: 4 });
    expect(chart.crossings).toEqual({ rolling: 4, ceiling: 0, floor: 0 });
    // d3's paths keep three decimals.
    expect(chart.ceilingPath).toContain(`,${+chart.frame.y(5).toFixed(3)}`);
    expect(chart.floorPath).toContain(`,${+chart.frame.y(3).toFixed(3)}`);
    expect(chart.layers.every((l) => l.path.startsWith('M'))).toBe(true);
  });

  it('counts the samples of a rollout that broke a fencepost', () => {
    const chart = rolloutChart([...samples.slice(0, 2), rollout(11_000, 4, 2, 4), rollout(11_500, 2, 2, 2)], 2, 20_000, SIZE);
    expect(chart.crossings).toEqual({ rolling: 3, ceiling: 1, floor: 1 });
    // Before a rollout (one ReplicaSet) the floor does not bind: a fresh Deployment starts at 0 available.
    expect(isRolling(rollout(0, 4, -1, 0))).toBe(false);
    expect(rolloutChart([rollout(0, 4, -1, 0)], 1, 5_000, SIZE).crossings).toEqual({ rolling: 0, ceiling: 0, floor: 0 });
  });
});

describe('flow player', () => {
  const record = (id: string, stages: number): FlowRecord => ({
    id,
    at: 0,
    action: 'create',
    subject: `pod/${id}`,
    workload: 'Deployment/default/web',
    steps: (['watch', 'controller', 'api', 'scheduler', 'kubelet'] as const).slice(0, stages).map((stage, i) => ({ stage, at: i, rv: i, actor: 'a', text: stage })),
  });

  it('walks a record step by step, then starts the next one', () => {
    const records = [record('a', 2), record('b', 3)];
    let c = advanceCursor(records, NO_CURSOR);
    expect(c).toEqual({ id: 'b', step: 0 }); // the newest first
    c = advanceCursor(records, { id: 'a', step: 0 });
    expect(c).toEqual({ id: 'a', step: 1 });
    expect(advanceCursor(records, { id: 'a', step: 1 })).toEqual({ id: 'b', step: 0 });
    expect(advanceCursor(records, { id: 'b', step: 2 })).toBeUndefined(); // done: waits for more
    expect(advanceCursor([], NO_CURSOR)).toBeUndefined();
  });

  it('skips ahead when more than BACKLOG_MAX actions wait, and slows with the speed', () => {
    const records = Array.from({ length: 10 }, (_, i) => record(`r${i}`, 1));
    expect(advanceCursor(records, { id: 'r0', step: 0 })).toEqual({ id: `r${10 - BACKLOG_MAX}`, step: 0 });
    expect(backlog(records, { id: 'r7', step: 0 })).toBe(2);
    expect(stepMs(1)).toBe(STEP_BASE_MS);
    expect(stepMs(0.1)).toBe(STEP_BASE_MS * 10);
    expect(stageIndex('scheduler')).toBe(3);
  });
});
