/** Pure layout for the Timeline: where markers go, how they group, what the labels say. */
import type { MarkerKind, TimelineMarker } from '../protocol.ts';
import { clockElapsed } from './format.ts';

/** Legend order and words for each marker kind. */
export const MARKER_KIND_NAMES: Record<MarkerKind, string> = {
  node: 'Node failure',
  rollout: 'Rollout',
  oom: 'OOM kill',
  eviction: 'Eviction',
  kill: 'Pod killed',
  scheduling: 'Scheduling failed',
  command: 'Your command',
  fork: 'Fork',
};

export const MARKER_KINDS = Object.keys(MARKER_KIND_NAMES) as MarkerKind[];

/** Where `at` sits on the track, 0–100. An empty history puts everything at the live end. */
export function positionPercent(at: number, start: number, end: number): number {
  if (end <= start) return 100;
  return Math.min(100, Math.max(0, ((at - start) / (end - start)) * 100));
}

/** Markers of one kind close enough to share a spot on the track. */
export interface MarkerGroup {
  kind: MarkerKind;
  /** Position of the group's first marker, 0–100. */
  percent: number;
  /** Time of the group's first marker (clicking the group seeks there). */
  at: number;
  count: number;
  /** Tooltip: the first few labels, and how many more. */
  title: string;
}

const TITLE_LINES = 4;

/**
 * Groups markers of the same kind that fall into the same of `buckets` slots of the track, so a
 * burst of events is one mark with a count (and the DOM stays small however long the history).
 */
export function groupMarkers(markers: readonly TimelineMarker[], start: number, end: number, buckets = 300): MarkerGroup[] {
  const groups = new Map<string, { kind: MarkerKind; at: number; labels: string[]; count: number }>();
  for (const m of markers) {
    const slot = Math.min(buckets - 1, Math.floor((positionPercent(m.at, start, end) / 100) * buckets));
    const key = `${m.kind}:${slot}`;
    const g = groups.get(key);
    if (g === undefined) groups.set(key, { kind: m.kind, at: m.at, labels: [m.label], count: 1 });
    else {
      g.count++;
      if (g.labels.length < TITLE_LINES) g.labels.push(m.label);
    }
  }
  return [...groups.values()].map((g) => ({
    kind: g.kind,
    at: g.at,
    percent: positionPercent(g.at, start, end),
    count: g.count,
    title: [`${clockElapsed(g.at)} ${MARKER_KIND_NAMES[g.kind]}${g.count > 1 ? ` ×${g.count}` : ''}`, ...g.labels, ...(g.count > g.labels.length ? [`…and ${g.count - g.labels.length} more`] : [])].join('\n'),
  }));
}

/** A short span: `0s`, `45s`, `2m 05s`, `1h 02m`, `3d 4h`. */
export function durationLabel(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h ${String(Math.floor(s / 60) % 60).padStart(2, '0')}m`;
  return `${Math.floor(s / 86_400)}d ${Math.floor(s / 3600) % 24}h`;
}

/** The time of the nearest marker strictly before (`-1`) or after (`1`) `now`, if any. */
export function adjacentMarker(markers: readonly TimelineMarker[], now: number, dir: -1 | 1): number | undefined {
  let best: number | undefined;
  for (const m of markers) {
    if (dir < 0 ? m.at < now && (best === undefined || m.at > best) : m.at > now && (best === undefined || m.at < best)) best = m.at;
  }
  return best;
}

/** Where a key press on the Timeline slider goes; undefined for keys it leaves alone. */
export function keyTarget(key: string, shift: boolean, now: number, start: number, end: number, markers: readonly TimelineMarker[]): number | undefined {
  const stepMs = shift ? 10_000 : 1000;
  switch (key) {
    case 'ArrowLeft':
    case 'ArrowDown':
      return Math.max(start, now - stepMs);
    case 'ArrowRight':
    case 'ArrowUp':
      return Math.min(end, now + stepMs);
    case 'PageUp':
      return adjacentMarker(markers, now, -1) ?? start;
    case 'PageDown':
      return adjacentMarker(markers, now, 1) ?? end;
    case 'Home':
      return start;
    case 'End':
      return end;
    default:
      return undefined;
  }
}
