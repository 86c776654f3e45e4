/**
 * Durations as kubectl prints them in AGE-like columns.
 *
 * `humanDuration` follows apimachinery's `duration.HumanDuration` (two units of precision for short
 * spans, one for long ones); `shortHumanDuration` follows `duration.ShortHumanDuration` (one unit).
 * All arithmetic truncates toward zero, like Go's integer conversion of a `time.Duration`.
 */
import { parseTimestamp } from '../../engine/kernel/time.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Handles the sub-two-minute range shared by both formats; undefined when `ms` is longer. */
function shortSpan(ms: number, limitSeconds: number): string | undefined {
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < limitSeconds) return `${seconds}s`;
  return undefined;
}

/** Joins a major and a minor unit, dropping the minor one when it is zero (`3h`, `3h1m`). */
function twoUnits(major: number, majorUnit: string, minor: number, minorUnit: string): string {
  return minor === 0 ? `${major}${majorUnit}` : `${major}${majorUnit}${minor}${minorUnit}`;
}

/**
 * Formats an elapsed time like `duration.HumanDuration`: `59s`, `119s`, `2m1s`, `10m`, `179m`,
 * `3h1m`, `47h`, `2d1h`, `367d`, `2y1d`, `8y`. Below −1 s it is `<invalid>`; −1 s … 0 is `0s`.
 * @param ms the duration in milliseconds
 */
export function humanDuration(ms: number): string {
  const short = shortSpan(ms, 120);
  if (short !== undefined) return short;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 10) return twoUnits(minutes, 'm', Math.trunc(ms / SECOND) % 60, 's');
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 8) return twoUnits(hours, 'h', minutes % 60, 'm');
  if (hours < 48) return `${hours}h`;
  const days = Math.trunc(hours / 24);
  if (hours < 24 * 8) return twoUnits(days, 'd', hours % 24, 'h');
  if (hours < 24 * 365 * 2) return `${days}d`;
  const years = Math.trunc(days / 365);
  if (hours < 24 * 365 * 8) return twoUnits(years, 'y', days % 365, 'd');
  return `${years}y`;
}

/**
 * Formats an elapsed time like `duration.ShortHumanDuration`, with one unit only:
 * `59s`, `1m`, `59m`, `1h`, `23h`, `1d`, `364d`, `1y`.
 * @param ms the duration in milliseconds
 */
export function shortHumanDuration(ms: number): string {
  const short = shortSpan(ms, 60);
  if (short !== undefined) return short;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 24) return `${hours}h`;
  if (hours < 24 * 365) return `${Math.trunc(hours / 24)}d`;
  return `${Math.trunc(hours / 24 / 365)}y`;
}

/**
 * The age of a timestamp at simulated time `nowMs`, as printers.go's `translateTimestampSince`:
 * `<unknown>` when the timestamp is missing (or unparsable), else {@link humanDuration}.
 * @param ts an RFC 3339 timestamp (`metav1.Time` or `metav1.MicroTime`)
 * @param nowMs the current simulated time (ms since the simulation epoch)
 */
export function translateTimestampSince(ts: string | null | undefined, nowMs: number): string {
  if (ts === undefined || ts === null || ts === '') return '<unknown>';
  const t = parseTimestamp(ts);
  if (Number.isNaN(t)) return '<unknown>';
  return humanDuration(nowMs - t);
}
