/**
 * The kubelet's per-key exponential back-off (client-go `util/flowcontrol/backoff.go`, as the
 * v1.31 kubelet uses it), as pure functions over a small serialisable record, so a node's
 * back-off state snapshots with the simulation.
 *
 * Two users in the kubelet, same shape (initial 10 s, factor 2, max 300 s, no jitter):
 * - CrashLoopBackOff (`kuberuntime_manager.go` doBackOff): before restarting an exited container,
 *   `isInBackOffSince(entry, finishedAt, now)`; if so the container waits (`CrashLoopBackOff`),
 *   else `nextBackoff(entry, now, finishedAt)` and restart. See {@link crashLoopDecision}.
 * - ImagePullBackOff (`images/image_manager.go` EnsureImageExists): before pulling,
 *   `isInBackOffSinceUpdate(entry, now)`; if so `ImagePullBackOff` ("Back-off pulling image ..."),
 *   else pull; on failure `nextBackoff(entry, now)` (ErrImagePull); on success the entry stays
 *   (only the periodic GC drops it, see {@link isBackoffGarbage}).
 *
 * Resulting delays before restarts #2, #3, ...: 10 s, 20 s, 40 s, 80 s, 160 s, 300 s, 300 s...
 * (reference §9.1). An entry last updated more than 2 × max = 600 s before the event is stale:
 * the next failure starts again at 10 s ("ran 10 minutes without problems").
 */

/** flowcontrol.backoffEntry: the current delay and when it was last advanced (simulated ms). */
export interface BackoffEntry {
  backoffMs: number;
  lastUpdateMs: number;
}

/** The two durations a flowcontrol.Backoff is built with. */
export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
}

/** kubelet.go: `backOffPeriod` 10 s and `MaxContainerBackOff` 300 s (CrashLoopBackOff). */
export const CRASH_LOOP_BACKOFF: BackoffPolicy = Object.freeze({ initialMs: 10_000, maxMs: 300_000 });
/** kubelet.go: `backOffPeriod` 10 s and `MaxImageBackOff` 300 s (ImagePullBackOff). */
export const IMAGE_PULL_BACKOFF: BackoffPolicy = Object.freeze({ initialMs: 10_000, maxMs: 300_000 });

/** hasExpired: stable if nothing happened for twice the max (600 s with the kubelet's policies). */
function hasExpired(eventMs: number, entry: BackoffEntry, policy: BackoffPolicy): boolean {
  return eventMs - entry.lastUpdateMs > policy.maxMs * 2;
}

/**
 * Backoff.Next: a fresh entry at `initialMs` when there is none or it expired relative to the
 * event, otherwise the delay doubled up to `maxMs`. `lastUpdateMs` is always `nowMs` (Go uses
 * Clock.Now(), not the event time).
 * @example nextBackoff(undefined, 0) // { backoffMs: 10000, lastUpdateMs: 0 }
 */
export function nextBackoff(
  entry: BackoffEntry | undefined,
  nowMs: number,
  eventMs: number = nowMs,
  policy: BackoffPolicy = CRASH_LOOP_BACKOFF,
): BackoffEntry {
  if (entry === undefined || hasExpired(eventMs, entry, policy)) return { backoffMs: policy.initialMs, lastUpdateMs: nowMs };
  return { backoffMs: Math.min(entry.backoffMs * 2, policy.maxMs), lastUpdateMs: nowMs };
}

/** Backoff.IsInBackOffSince: less than the current delay has passed since `eventMs`. */
export function isInBackOffSince(
  entry: BackoffEntry | undefined,
  eventMs: number,
  nowMs: number,
  policy: BackoffPolicy = CRASH_LOOP_BACKOFF,
): boolean {
  if (entry === undefined || hasExpired(eventMs, entry, policy)) return false;
  return nowMs - eventMs < entry.backoffMs;
}

/** Backoff.IsInBackOffSinceUpdate: less than the current delay has passed since the last update. */
export function isInBackOffSinceUpdate(
  entry: BackoffEntry | undefined,
  eventMs: number,
  policy: BackoffPolicy = IMAGE_PULL_BACKOFF,
): boolean {
  if (entry === undefined || hasExpired(eventMs, entry, policy)) return false;
  return eventMs - entry.lastUpdateMs < entry.backoffMs;
}

/** Backoff.GC: entries not updated for 2 × max are dropped (the kubelet calls GC periodically). */
export function isBackoffGarbage(entry: BackoffEntry, nowMs: number, policy: BackoffPolicy = CRASH_LOOP_BACKOFF): boolean {
  return nowMs - entry.lastUpdateMs > policy.maxMs * 2;
}

/** What doBackOff decides for an exited container. */
export type CrashLoopDecision =
  /** Still backing off: report waiting reason CrashLoopBackOff; `retryAtMs` is when it may restart. */
  | { kind: 'wait'; backoffMs: number; retryAtMs: number }
  /** Restart now and store `entry`. */
  | { kind: 'restart'; entry: BackoffEntry };

/**
 * kuberuntime_manager.go doBackOff for a container that exited at `finishedAtMs`: the first
 * failure restarts at once (creating the 10 s entry), later ones wait out the current delay.
 */
export function crashLoopDecision(entry: BackoffEntry | undefined, finishedAtMs: number, nowMs: number): CrashLoopDecision {
  if (entry !== undefined && isInBackOffSince(entry, finishedAtMs, nowMs)) {
    return { kind: 'wait', backoffMs: entry.backoffMs, retryAtMs: finishedAtMs + entry.backoffMs };
  }
  return { kind: 'restart', entry: nextBackoff(entry, nowMs, finishedAtMs) };
}

/**
 * The waiting message of a container in CrashLoopBackOff, e.g.
 * `back-off 40s restarting failed container=app pod=web-0_default(0a1b...)` (format.Pod).
 */
export function crashLoopMessage(backoffMs: number, container: string, pod: { name: string; namespace: string; uid: string }): string {
  return `back-off ${formatGoDuration(backoffMs)} restarting failed container=${container} pod=${pod.name}_${pod.namespace}(${pod.uid})`;
}

/**
 * Go's time.Duration.String() for a whole number of milliseconds: `0s`, `500ms`, `10s`, `1.5s`,
 * `1m20s`, `5m0s`, `1h0m0s`.
 */
export function formatGoDuration(ms: number): string {
  if (ms === 0) return '0s';
  const sign = ms < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(ms));
  if (abs < 1000) return `${sign}${abs}ms`;
  const hours = Math.floor(abs / 3_600_000);
  const minutes = Math.floor((abs % 3_600_000) / 60_000);
  const secondsMs = abs % 60_000;
  const fraction = secondsMs % 1000 === 0 ? '' : `.${String(secondsMs % 1000).padStart(3, '0').replace(/0+$/, '')}`;
  const seconds = `${Math.floor(secondsMs / 1000)}${fraction}s`;
  if (hours > 0) return `${sign}${hours}h${minutes}m${seconds}`;
  if (minutes > 0) return `${sign}${minutes}m${seconds}`;
  return sign + seconds;
}
