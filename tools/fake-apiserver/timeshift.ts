/**
 * Moving served objects in time. kubectl computes ages (`describe`'s Events `Age`, `Last State`
 * durations) from the wall clock, Podlab from simulated time; shifting every timestamp by
 * (wall − sim), in whole seconds, makes kubectl compute the ages Podlab does. `unshiftOutput` then
 * moves the absolute dates kubectl printed back to simulated time.
 */

const RFC3339 = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d+)?Z$/;

/** A copy of a JSON value with every RFC 3339 string moved by `shiftMs` (a multiple of 1000). */
export function shiftTimestamps<T>(value: T, shiftMs: number): T {
  if (shiftMs === 0) return value;
  return shiftValue(value, shiftMs) as T;
}

function shiftValue(v: unknown, shiftMs: number): unknown {
  if (typeof v === 'string') return shiftString(v, shiftMs);
  if (Array.isArray(v)) return v.map((x) => shiftValue(x, shiftMs));
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shiftValue(x, shiftMs)]));
  }
  return v;
}

function shiftString(s: string, shiftMs: number): string {
  const m = RFC3339.exec(s);
  if (!m) return s;
  const seconds = Date.parse(`${m[1]}Z`);
  const moved = new Date(seconds + shiftMs).toISOString().slice(0, 19);
  return `${moved}${m[2] ?? ''}Z`;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const RFC1123Z = /\b(Sun|Mon|Tue|Wed|Thu|Fri|Sat), (\d\d) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d\d):(\d\d):(\d\d) \+0000\b/g;
const RFC3339_IN_TEXT = /\b(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(\.\d+)?Z/g;
/** Go's time.Time.String() in UTC (`describe networkpolicy`'s `Created on:`). */
const GO_TIME_STRING = /\b(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(\.\d+)? \+0000 UTC\b/g;

const pad = (n: number) => String(n).padStart(2, '0');

/** Go's time.RFC1123Z in UTC: `Wed, 01 Jan 2025 00:00:00 +0000`. */
function formatRfc1123z(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

/**
 * kubectl output with every absolute date at or after `shiftedFromMs` (Unix ms; only served,
 * shifted times are that late) moved back by `shiftMs`: RFC 1123Z dates (kubectl run with TZ=UTC),
 * RFC 3339 ones and Go's time.Time.String().
 */
export function unshiftOutput(text: string, shiftMs: number, shiftedFromMs: number): string {
  if (shiftMs === 0) return text;
  const back = (ms: number) => (ms >= shiftedFromMs ? ms - shiftMs : ms);
  const rfc1123 = text.replace(RFC1123Z, (_all, _day, dd: string, mon: string, yyyy: string, hh: string, mi: string, ss: string) =>
    formatRfc1123z(back(Date.UTC(Number(yyyy), MONTHS.indexOf(mon), Number(dd), Number(hh), Number(mi), Number(ss)))),
  );
  const rfc3339 = rfc1123.replace(RFC3339_IN_TEXT, (all: string, yyyy: string, mo: string, dd: string, hh: string, mi: string, ss: string, frac: string | undefined) => {
    const ms = Date.UTC(Number(yyyy), Number(mo) - 1, Number(dd), Number(hh), Number(mi), Number(ss));
    return ms >= shiftedFromMs ? `${new Date(back(ms)).toISOString().slice(0, 19)}${frac ?? ''}Z` : all;
  });
  return rfc3339.replace(GO_TIME_STRING, (all: string, yyyy: string, mo: string, dd: string, hh: string, mi: string, ss: string, frac: string | undefined) => {
    const ms = Date.UTC(Number(yyyy), Number(mo) - 1, Number(dd), Number(hh), Number(mi), Number(ss));
    return ms >= shiftedFromMs ? `${new Date(back(ms)).toISOString().slice(0, 19).replace('T', ' ')}${frac ?? ''} +0000 UTC` : all;
  });
}
