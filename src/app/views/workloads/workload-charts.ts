/**
 * The Workloads tab's charts as numbers: d3 scales and shapes turn the worker's samples into SVG
 * paths and positions; the components only render them. Pure functions of the report and a size.
 *
 * Samples are taken on change, so a value holds until the next sample: every series is drawn as
 * steps (curveStepAfter) and carried on to the moment shown.
 */
import { area, curveStepAfter, line, scaleLinear, stack, type ScaleLinear } from 'd3';
import type { FaultKind, FaultMarker, ReplicaSample, RolloutSample, WorkloadDetail } from '../../protocol.ts';
import { clockElapsed } from '../format.ts';

export interface ChartSize {
  width: number;
  height: number;
}

/** Room for the axes. */
export const CHART_MARGIN = { top: 8, right: 10, bottom: 20, left: 28 };
/** The shortest stretch of time a chart spans (simulated ms), so a fresh workload is not one vertical line. */
export const MIN_SPAN_MS = 20_000;

export interface Tick {
  value: number;
  /** Pixel position on its axis. */
  pos: number;
  label: string;
}

export interface ChartFrame {
  x: ScaleLinear<number, number>;
  y: ScaleLinear<number, number>;
  xTicks: Tick[];
  yTicks: Tick[];
  /** The plot area (inside the margins). */
  plot: { left: number; top: number; right: number; bottom: number };
}

/** The time axis: from the oldest sample to the moment shown (at least MIN_SPAN_MS). */
export function timeDomain(firstAt: number | undefined, now: number): [number, number] {
  return [Math.min(firstAt ?? now, now - MIN_SPAN_MS), now];
}

/** Scales and ticks for a time × count chart. Counts get whole-number ticks. */
export function chartFrame(domain: [number, number], yMax: number, size: ChartSize): ChartFrame {
  const plot = { left: CHART_MARGIN.left, top: CHART_MARGIN.top, right: size.width - CHART_MARGIN.right, bottom: size.height - CHART_MARGIN.bottom };
  const x = scaleLinear().domain(domain).range([plot.left, Math.max(plot.left + 1, plot.right)]);
  const y = scaleLinear()
    .domain([0, Math.max(1, yMax)])
    .range([Math.max(plot.top + 1, plot.bottom), plot.top]);
  const yTicks = y
    .ticks(Math.min(4, Math.max(1, yMax)))
    .filter((v) => Number.isInteger(v))
    .map((value) => ({ value, pos: y(value), label: String(value) }));
  const xTicks = x.ticks(Math.max(2, Math.floor((plot.right - plot.left) / 90))).map((value) => ({ value, pos: x(value), label: timeLabel(value) }));
  return { x, y, xTicks, yTicks, plot };
}

/** `+00:01:20`; before the session began (the cluster came up at −60 s), `−00:00:10`. */
export function timeLabel(ms: number): string {
  return ms < 0 ? `−${clockElapsed(-ms).slice(1)}` : clockElapsed(ms);
}

/** Samples carried on to `now`: the last value holds until the moment shown. */
function carried<T extends { at: number }>(samples: readonly T[], now: number): T[] {
  if (samples.length === 0) return [];
  const last = samples[samples.length - 1];
  return last.at < now ? [...samples, { ...last, at: now }] : samples.slice();
}

export interface MarkerMark {
  x: number;
  at: number;
  kind: FaultKind;
  label: string;
  /** Several markers this close together are drawn as one, labelled with all of them. */
  count: number;
}

/** Fault markers within the domain, merged when closer than `minGapPx`. */
export function markerMarks(markers: readonly FaultMarker[], frame: ChartFrame, minGapPx = 6): MarkerMark[] {
  const [from, to] = frame.x.domain();
  const out: MarkerMark[] = [];
  for (const m of markers) {
    if (m.at < from || m.at > to) continue;
    const x = frame.x(m.at);
    const prev = out[out.length - 1];
    if (prev && x - prev.x < minGapPx && prev.kind === m.kind) {
      prev.count++;
      prev.label = `${prev.label}\n${m.label}`;
      continue;
    }
    out.push({ x, at: m.at, kind: m.kind, label: m.label, count: 1 });
  }
  return out;
}

export interface ReplicaChart {
  frame: ChartFrame;
  desiredPath: string;
  readyPath: string;
  /** The gap between ready and desired: where the workload was short of replicas. */
  dipPath: string;
  markers: MarkerMark[];
  latest: ReplicaSample | undefined;
  /** Stretches (x from–to) where ready was below desired. */
  dips: { from: number; to: number }[];
}

/** Desired vs ready over time, with the dips shaded and the faults marked. */
export function replicaChart(detail: Pick<WorkloadDetail, 'samples' | 'markers'>, now: number, size: ChartSize): ReplicaChart {
  const points = carried(detail.samples, now);
  const domain = timeDomain(points[0]?.at, now);
  const yMax = Math.max(1, ...points.map((p) => Math.max(p.desired, p.ready)));
  const frame = chartFrame(domain, yMax, size);
  const { x, y } = frame;
  const at = (p: ReplicaSample) => x(Math.max(domain[0], p.at));
  const desiredPath = line<ReplicaSample>().x(at).y((p) => y(p.desired)).curve(curveStepAfter)(points) ?? '';
  const readyPath = line<ReplicaSample>().x(at).y((p) => y(p.ready)).curve(curveStepAfter)(points) ?? '';
  const dipPath =
    area<ReplicaSample>()
      .x(at)
      .y0((p) => y(Math.max(p.ready, 0)))
      .y1((p) => y(Math.max(p.desired, p.ready)))
      .curve(curveStepAfter)(points) ?? '';
  const dips: { from: number; to: number }[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    if (points[i].ready >= points[i].desired) continue;
    const from = at(points[i]);
    const to = at(points[i + 1]);
    const prev = dips[dips.length - 1];
    if (prev && Math.abs(prev.to - from) < 0.5) prev.to = to;
    else dips.push({ from, to });
  }
  return { frame, desiredPath, readyPath, dipPath, markers: markerMarks(detail.markers, frame), latest: detail.samples[detail.samples.length - 1], dips };
}

export interface RolloutLayer {
  name: string;
  revision: string;
  /** The Deployment's current revision (the new ReplicaSet). */
  current: boolean;
  path: string;
  /** Its replicas at the moment shown. */
  replicas: number;
}

export interface RolloutChart {
  frame: ChartFrame;
  layers: RolloutLayer[];
  /** desired + maxSurge as a step line, and the band above it (more replicas than the rollout may have). */
  ceilingPath: string;
  ceilingBand: string;
  /** desired − maxUnavailable as a step line, and the band below it (fewer available than the rollout may have). */
  floorPath: string;
  floorBand: string;
  /** Σ available replicas. */
  availablePath: string;
  latest: { desired: number; surge: number; unavailable: number; ceiling: number; floor: number; total: number; available: number } | undefined;
  /** Samples taken mid-rollout, and those where the replicas rose above the ceiling or availability fell below the floor. */
  crossings: { rolling: number; ceiling: number; floor: number };
}

/** One row per sample: replicas by ReplicaSet name (0 when a set did not exist yet). */
type StackRow = Record<string, number> & { at: number };

/** Old and new ReplicaSets' replicas stacked over time, between the maxSurge ceiling and maxUnavailable floor. */
export function rolloutChart(samples: readonly RolloutSample[], currentRevision: number, now: number, size: ChartSize): RolloutChart {
  const points = carried(samples, now);
  const domain = timeDomain(points[0]?.at, now);
  const names: string[] = [];
  const revisions = new Map<string, string>();
  for (const p of points) {
    for (const s of p.sets) {
      if (!revisions.has(s.name)) names.push(s.name);
      revisions.set(s.name, s.revision);
    }
  }
  // Oldest revision at the bottom, the new ReplicaSet on top.
  names.sort((a, b) => Number(revisions.get(a)) - Number(revisions.get(b)));
  const rows: StackRow[] = points.map((p) => {
    const row = { at: p.at } as StackRow;
    for (const n of names) row[n] = 0;
    for (const s of p.sets) row[s.name] = s.replicas;
    return row;
  });
  const total = (p: RolloutSample) => p.sets.reduce((n, s) => n + s.replicas, 0);
  const yMax = Math.max(1, ...points.map((p) => Math.max(total(p), p.desired + p.surge, p.available)));
  const frame = chartFrame(domain, yMax + 0.5, size);
  const { x, y } = frame;
  const xAt = (at: number) => x(Math.max(domain[0], at));
  const series = stack<StackRow>().keys(names)(rows);
  const layerArea = area<[number, number] & { data: StackRow }>()
    .x((d) => xAt(d.data.at))
    .y0((d) => y(d[0]))
    .y1((d) => y(d[1]))
    .curve(curveStepAfter);
  const last = points[points.length - 1];
  const layers: RolloutLayer[] = series.map((s) => ({
    name: s.key,
    revision: revisions.get(s.key) ?? '',
    current: Number(revisions.get(s.key)) === currentRevision,
    path: layerArea(s as unknown as ([number, number] & { data: StackRow })[]) ?? '',
    replicas: last?.sets.find((set) => set.name === s.key)?.replicas ?? 0,
  }));
  const stepLine = (value: (p: RolloutSample) => number) => line<RolloutSample>().x((p) => xAt(p.at)).y((p) => y(value(p))).curve(curveStepAfter)(points) ?? '';
  const top = frame.plot.top;
  const bottom = frame.plot.bottom;
  const band = (edge: (p: RolloutSample) => number, toward: number) =>
    area<RolloutSample>()
      .x((p) => xAt(p.at))
      .y0(() => toward)
      .y1((p) => y(edge(p)))
      .curve(curveStepAfter)(points) ?? '';
  const ceiling = (p: RolloutSample) => p.desired + p.surge;
  const floor = (p: RolloutSample) => Math.max(0, p.desired - p.unavailable);
  let overCeiling = 0;
  let underFloor = 0;
  for (const p of samples) {
    if (!isRolling(p)) continue;
    if (total(p) > ceiling(p)) overCeiling++;
    if (p.available < floor(p)) underFloor++;
  }
  return {
    frame,
    layers,
    ceilingPath: stepLine(ceiling),
    ceilingBand: band(ceiling, top),
    floorPath: stepLine(floor),
    floorBand: band(floor, bottom),
    availablePath: stepLine((p) => p.available),
    latest: last && { desired: last.desired, surge: last.surge, unavailable: last.unavailable, ceiling: ceiling(last), floor: floor(last), total: total(last), available: last.available },
    crossings: { rolling: samples.filter(isRolling).length, ceiling: overCeiling, floor: underFloor },
  };
}

/** A rollout is in progress: more than one ReplicaSet has replicas (the fenceposts bind only then). */
export function isRolling(p: RolloutSample): boolean {
  return p.sets.filter((s) => s.replicas > 0).length > 1;
}

/** Plain words for a fault kind (legend and tooltips). */
export const FAULT_NAMES: Record<FaultKind, string> = {
  node: 'Node not ready',
  kill: 'Container killed',
  oom: 'OOM killed',
  eviction: 'Evicted',
  delete: 'Pod deleted',
};
