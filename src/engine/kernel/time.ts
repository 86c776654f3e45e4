/**
 * Simulated time. The engine counts milliseconds from a fixed epoch and never reads the wall clock.
 * `0` is 2025-01-01T00:00:00Z.
 */
export type SimTimeMs = number;

/** Unix milliseconds of simulated time 0 (2025-01-01T00:00:00Z). */
export const EPOCH_UNIX_MS = Date.UTC(2025, 0, 1, 0, 0, 0);

export const SECOND_MS = 1000;
export const MINUTE_MS = 60 * SECOND_MS;
export const HOUR_MS = 60 * MINUTE_MS;

/** RFC 3339 timestamp with second precision, as Kubernetes serialises `metav1.Time`. */
export function formatTimestamp(t: SimTimeMs): string {
  const second = Math.floor(t / 1000);
  // Many objects are written in the same simulated second: format each second once.
  if (second !== lastSecond) {
    lastSecond = second;
    lastFormatted = new Date(EPOCH_UNIX_MS + second * 1000).toISOString().replace('.000Z', 'Z');
  }
  return lastFormatted;
}

let lastSecond = Number.NaN;
let lastFormatted = '';

/** RFC 3339 with microseconds, as Kubernetes serialises `metav1.MicroTime` (e.g. Event.eventTime). */
export function formatMicroTimestamp(t: SimTimeMs): string {
  // Date keeps whole milliseconds, truncating toward zero as Math.trunc does.
  const unix = Math.trunc(EPOCH_UNIX_MS + t);
  const second = Math.floor(unix / 1000);
  // As in formatTimestamp: format the date and time of each second once, then add the fraction.
  if (second !== lastMicroSecond) {
    // toISOString throws a RangeError for NaN and out-of-range times, as before.
    const iso = new Date(second * 1000).toISOString();
    lastMicroSecond = second;
    lastMicroPrefix = iso.slice(0, iso.length - 4); // up to and including the '.' of '.000Z'
  }
  const ms = unix - second * 1000;
  return lastMicroPrefix + (ms < 10 ? '00' : ms < 100 ? '0' : '') + ms + '000Z';
}

let lastMicroSecond = Number.NaN;
let lastMicroPrefix = '';

/** Parses an RFC 3339 timestamp back into simulated time; NaN when it is not one. */
export function parseTimestamp(s: string): SimTimeMs {
  return Date.parse(s) - EPOCH_UNIX_MS;
}

const UNIT_MS: Record<string, number> = { ms: 1, s: SECOND_MS, m: MINUTE_MS, h: HOUR_MS };

/**
 * Parses a Go-style duration (`500ms`, `30s`, `5m`, `2h`, `1h30m`) into milliseconds.
 * Returns undefined for anything else (negative, empty, unknown unit).
 * @example parseDuration('1m30s') === 90_000
 */
export function parseDuration(text: string): number | undefined {
  if (!/^(\d+(\.\d+)?(ms|s|m|h))+$/.test(text)) return undefined;
  let total = 0;
  for (const [, num, , unit] of text.matchAll(/(\d+(\.\d+)?)(ms|s|m|h)/g)) {
    total += Number(num) * UNIT_MS[unit];
  }
  return Math.round(total);
}
