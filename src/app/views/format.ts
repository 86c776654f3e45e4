/** Display formatting for the views. Pure functions of the view data. */
import { formatTimestamp } from '../../engine/kernel/time.ts';

/** `2025-01-01T00:05:30Z`: the simulated wall clock, as Kubernetes timestamps print it. */
export function clockIso(nowMs: number): string {
  return formatTimestamp(nowMs);
}

/** `+00:05:30` since the simulation started; days are added past 24 hours (`+2d 03:00:00`). */
export function clockElapsed(nowMs: number): string {
  const total = Math.floor(nowMs / 1000);
  const days = Math.floor(total / 86_400);
  const hms = [Math.floor(total / 3600) % 24, Math.floor(total / 60) % 60, total % 60].map((n) => String(n).padStart(2, '0')).join(':');
  return days > 0 ? `+${days}d ${hms}` : `+${hms}`;
}

/** `0.25×`, `10×`. */
export function speedLabel(speed: number): string {
  return `${speed}×`;
}

/** `250m` below a core, `1.5` or `2` cores above. */
export function cpuLabel(milli: number): string {
  if (milli < 1000) return `${milli}m`;
  return String(Math.round(milli / 100) / 10);
}

/** Binary units with at most one decimal: `512Mi`, `3.9Gi`. */
export function bytesLabel(bytes: number): string {
  const units = ['', 'Ki', 'Mi', 'Gi', 'Ti'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${Math.round(v * 10) / 10}${units[i]}`;
}

/** Share of `total` used, 0–100, for meters. */
export function percent(used: number, total: number): number {
  if (total <= 0) return used > 0 ? 100 : 0;
  return Math.min(100, Math.round((used / total) * 100));
}

/** A CSS class for a pod STATUS: ok, wait, bad or done. */
export function statusTone(status: string): 'ok' | 'wait' | 'bad' | 'done' {
  if (status === 'Running') return 'ok';
  if (status === 'Completed' || status === 'Succeeded' || status === 'Terminating') return 'done';
  if (status === 'Pending' || status === 'ContainerCreating' || status === 'PodInitializing' || status.startsWith('Init:')) {
    return /^Init:(\d+\/\d+)$/.test(status) || !status.startsWith('Init:') ? 'wait' : 'bad';
  }
  return 'bad';
}

/** Status tones from best to worst, for summing up a group of pods by its worst member. */
const TONE_RANK = { done: 0, ok: 1, wait: 2, bad: 3 } as const;

/**
 * One line about a group of pods: `10 pods, all Running`, or the count per status, most common
 * first (`10 pods: 9 Running, 1 CrashLoopBackOff`), toned by the worst status in the group.
 */
export function podGroupSummary(statuses: readonly string[]): { text: string; tone: 'ok' | 'wait' | 'bad' | 'done' } {
  const noun = statuses.length === 1 ? 'pod' : 'pods';
  const counts = new Map<string, number>();
  for (const s of statuses) counts.set(s, (counts.get(s) ?? 0) + 1);
  let tone: 'ok' | 'wait' | 'bad' | 'done' = 'done';
  for (const s of counts.keys()) if (TONE_RANK[statusTone(s)] > TONE_RANK[tone]) tone = statusTone(s);
  if (counts.size === 1) {
    const [only] = counts.keys();
    return { text: `${statuses.length} ${noun}, ${statuses.length === 1 ? '' : 'all '}${only}`, tone };
  }
  const parts = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([s, n]) => `${n} ${s}`);
  return { text: `${statuses.length} ${noun}: ${parts.join(', ')}`, tone };
}
