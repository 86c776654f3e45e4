/**
 * CronJob schedules as the API server validates them and the CronJob controller runs them: the
 * standard five-field cron syntax of robfig/cron v3 `ParseStandard` (lists, ranges, steps, month
 * and weekday names, `*` and `?`, the `@hourly`… descriptors, `@every <duration>`, a `TZ=`/`CRON_TZ=`
 * prefix) with its error wording, and `Next` — the first matching instant strictly after a time,
 * computed on the wall clock of the schedule's time zone.
 *
 * Times here are Unix milliseconds (UTC). A small table of IANA zones stands in for the tz
 * database (fixed offsets, plus the EU, US and south-east Australian daylight-saving rules).
 */
import { SECOND_MS, MINUTE_MS, HOUR_MS } from '../kernel/time.ts';

/** A schedule that could not be parsed; `message` is robfig/cron's error text. */
export class CronError extends Error {}

/** A parsed schedule: per-field bit sets (bit 63 marks a `*`/`?` field) in a zone, or `@every`. */
export type CronSchedule =
  | { kind: 'spec'; minute: bigint; hour: bigint; dom: bigint; month: bigint; dow: bigint; zone: TimeZone }
  | { kind: 'every'; delayMs: number };

/** A time zone: its IANA name and its UTC offset at an instant. */
export interface TimeZone {
  name: string;
  offsetMs(unixMs: number): number;
}

const STAR_BIT = 1n << 63n;

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const MINUTES: Bounds = { min: 0, max: 59 };
const HOURS: Bounds = { min: 0, max: 23 };
const DOM: Bounds = { min: 1, max: 31 };
const MONTHS: Bounds = {
  min: 1,
  max: 12,
  names: { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 },
};
const DOW: Bounds = { min: 0, max: 6, names: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } };

const DESCRIPTORS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

/** strconv.Atoi's error for a string that is not a decimal integer. */
function atoi(s: string): number {
  if (!/^[+-]?[0-9]+$/.test(s)) throw new CronError(`failed to parse int from ${s}: strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`);
  return Number(s);
}

/** mustParseInt */
function parseUint(expr: string): number {
  const n = atoi(expr);
  if (n < 0) throw new CronError(`negative number (${n}) not allowed: ${expr}`);
  return n;
}

function parseIntOrName(expr: string, names: Record<string, number> | undefined): number {
  const named = names?.[expr.toLowerCase()];
  return named ?? parseUint(expr);
}

function bits(start: number, end: number, step: number): bigint {
  let b = 0n;
  for (let i = start; i <= end; i += step) b |= 1n << BigInt(i);
  return b;
}

/** getRange: `*`, `N`, `N-M`, each with an optional `/step` (`N/step` means N-max/step). */
function getRange(expr: string, r: Bounds): bigint {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0].split('-');
  let start: number;
  let end: number;
  let extra = 0n;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = r.min;
    end = r.max;
    extra = STAR_BIT;
  } else {
    start = parseIntOrName(lowAndHigh[0], r.names);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = parseIntOrName(lowAndHigh[1], r.names);
    else throw new CronError(`too many hyphens: ${expr}`);
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    step = parseUint(rangeAndStep[1]);
    if (lowAndHigh.length === 1) end = r.max;
    if (step > 1) extra = 0n;
  } else if (rangeAndStep.length > 2) {
    throw new CronError(`too many slashes: ${expr}`);
  }
  if (start < r.min) throw new CronError(`beginning of range (${start}) below minimum (${r.min}): ${expr}`);
  if (end > r.max) throw new CronError(`end of range (${end}) above maximum (${r.max}): ${expr}`);
  if (start > end) throw new CronError(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0) throw new CronError(`step of range should be a positive number: ${expr}`);
  return bits(start, end, step) | extra;
}

/** getField: a comma-separated list of ranges. */
function getField(field: string, r: Bounds): bigint {
  let b = 0n;
  for (const expr of field.split(',').filter((s) => s !== '')) b |= getRange(expr, r);
  return b;
}

/**
 * cron.ParseStandard. `defaultZone` is the zone a schedule without `TZ=` runs in (the controller
 * passes the CronJob's spec.timeZone this way, as formatSchedule prefixes it).
 * @example parseStandard('*\/15 9-17 * * mon-fri')
 */
export function parseStandard(spec: string, defaultZone: TimeZone = UTC): CronSchedule {
  if (spec.length === 0) throw new CronError('empty spec string');
  let zone = defaultZone;
  let rest = spec;
  if (rest.startsWith('TZ=') || rest.startsWith('CRON_TZ=')) {
    const space = rest.indexOf(' ');
    const eq = rest.indexOf('=');
    const name = rest.slice(eq + 1, space < 0 ? rest.length : space);
    const loaded = loadLocation(name);
    if (typeof loaded === 'string') throw new CronError(`provided bad location ${name}: ${loaded}`);
    zone = loaded;
    rest = space < 0 ? '' : rest.slice(space).trim();
  }
  if (rest.startsWith('@')) return parseDescriptor(rest, zone);
  const fields = rest.split(/\s+/).filter((f) => f !== '');
  if (fields.length !== 5) throw new CronError(`expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`);
  return {
    kind: 'spec',
    minute: getField(fields[0], MINUTES),
    hour: getField(fields[1], HOURS),
    dom: getField(fields[2], DOM),
    month: getField(fields[3], MONTHS),
    dow: getField(fields[4], DOW),
    zone,
  };
}

function parseDescriptor(descriptor: string, zone: TimeZone): CronSchedule {
  const expanded = DESCRIPTORS[descriptor];
  if (expanded !== undefined) return parseStandard(expanded, zone);
  if (descriptor.startsWith('@every ')) {
    const text = descriptor.slice('@every '.length);
    const ns = parseGoDuration(text);
    if (ns === undefined) throw new CronError(`failed to parse duration ${descriptor}: time: invalid duration ${JSON.stringify(text)}`);
    // cron.Every: at least a second, and whole seconds.
    const ms = Math.max(SECOND_MS, Math.floor(ns / 1e6));
    return { kind: 'every', delayMs: ms - (ms % SECOND_MS) };
  }
  throw new CronError(`unrecognized descriptor: ${descriptor}`);
}

const DURATION_UNITS_NS: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** time.ParseDuration, in nanoseconds; undefined where Go reports "invalid duration". */
export function parseGoDuration(text: string): number | undefined {
  let s = text;
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    if (s[0] === '-') sign = -1;
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') return undefined;
  let total = 0;
  const re = /^([0-9]*(?:\.[0-9]*)?)(ns|us|µs|μs|ms|s|m|h)/;
  while (s.length > 0) {
    const m = re.exec(s);
    if (!m || m[1] === '' || m[1] === '.') return undefined;
    total += Number(m[1]) * DURATION_UNITS_NS[m[2]];
    s = s.slice(m[0].length);
  }
  return sign * total;
}

/** Wall-clock fields of a "wall" time (Unix ms shifted by the zone offset). */
function fields(wallMs: number): { y: number; mo: number; d: number; h: number; mi: number; dow: number } {
  const t = new Date(wallMs);
  return { y: t.getUTCFullYear(), mo: t.getUTCMonth() + 1, d: t.getUTCDate(), h: t.getUTCHours(), mi: t.getUTCMinutes(), dow: t.getUTCDay() };
}

const has = (set: bigint, i: number): boolean => (set & (1n << BigInt(i))) !== 0n;

/** dayMatches: with a `*` in day-of-month or day-of-week both must match, otherwise either. */
function dayMatches(s: Extract<CronSchedule, { kind: 'spec' }>, f: { d: number; dow: number }): boolean {
  const domMatch = has(s.dom, f.d);
  const dowMatch = has(s.dow, f.dow);
  if ((s.dom & STAR_BIT) !== 0n || (s.dow & STAR_BIT) !== 0n) return domMatch && dowMatch;
  return domMatch || dowMatch;
}

/** The Unix time of a wall-clock time in a zone (the offset in force just before it). */
function fromWall(wallMs: number, zone: TimeZone): number {
  const guess = wallMs - zone.offsetMs(wallMs);
  return wallMs - zone.offsetMs(guess);
}

/**
 * SpecSchedule.Next / ConstantDelaySchedule.Next: the first activation strictly after `unixMs`,
 * or undefined when none falls within five years (e.g. `0 0 30 2 *`).
 */
export function nextActivation(s: CronSchedule, unixMs: number): number | undefined {
  const afterSecond = unixMs - (((unixMs % SECOND_MS) + SECOND_MS) % SECOND_MS) + SECOND_MS;
  if (s.kind === 'every') return unixMs - (((unixMs % SECOND_MS) + SECOND_MS) % SECOND_MS) + s.delayMs;
  // Standard schedules fire at second 0: start at the next whole minute.
  let wall = afterSecond + s.zone.offsetMs(afterSecond);
  wall = Math.ceil(wall / MINUTE_MS) * MINUTE_MS;
  const yearLimit = fields(wall).y + 5;
  for (;;) {
    const f = fields(wall);
    if (f.y > yearLimit) return undefined;
    if (!has(s.month, f.mo)) {
      wall = Date.UTC(f.y, f.mo, 1); // first day of the next month
      continue;
    }
    if (!dayMatches(s, f)) {
      wall = Date.UTC(f.y, f.mo - 1, f.d + 1);
      continue;
    }
    if (!has(s.hour, f.h)) {
      wall = Date.UTC(f.y, f.mo - 1, f.d, f.h + 1);
      continue;
    }
    if (!has(s.minute, f.mi)) {
      wall += MINUTE_MS;
      continue;
    }
    return fromWall(wall, s.zone);
  }
}

// ---- time zones ------------------------------------------------------------------------------

const fixed = (name: string, offsetMs: number): TimeZone => ({ name, offsetMs: () => offsetMs });

/** UTC, the zone kube-controller-manager runs schedules in when spec.timeZone is unset. */
export const UTC: TimeZone = fixed('UTC', 0);

/** The Unix ms of the `n`th (1-based; -1 = last) Sunday of a month at `hourUtc` UTC. */
function nthSunday(year: number, month0: number, n: number, hourUtcMs: number): number {
  if (n > 0) {
    const first = new Date(Date.UTC(year, month0, 1)).getUTCDay();
    const day = 1 + ((7 - first) % 7) + (n - 1) * 7;
    return Date.UTC(year, month0, day) + hourUtcMs;
  }
  const lastDate = new Date(Date.UTC(year, month0 + 1, 0));
  const day = lastDate.getUTCDate() - lastDate.getUTCDay();
  return Date.UTC(year, month0, day) + hourUtcMs;
}

/** EU rule: summer time from the last Sunday of March to the last Sunday of October, 01:00 UTC. */
function eu(name: string, stdHours: number): TimeZone {
  return {
    name,
    offsetMs(t) {
      const y = new Date(t).getUTCFullYear();
      const summer = t >= nthSunday(y, 2, -1, HOUR_MS) && t < nthSunday(y, 9, -1, HOUR_MS);
      return (stdHours + (summer ? 1 : 0)) * HOUR_MS;
    },
  };
}

/** US rule: daylight time from the second Sunday of March to the first Sunday of November, 02:00 local. */
function us(name: string, stdHours: number): TimeZone {
  return {
    name,
    offsetMs(t) {
      const y = new Date(t).getUTCFullYear();
      const start = nthSunday(y, 2, 2, (2 - stdHours) * HOUR_MS);
      const end = nthSunday(y, 10, 1, (1 - stdHours) * HOUR_MS);
      return (stdHours + (t >= start && t < end ? 1 : 0)) * HOUR_MS;
    },
  };
}

/** South-east Australia: daylight time from the first Sunday of October to the first Sunday of April. */
function aus(name: string, stdHours: number): TimeZone {
  return {
    name,
    offsetMs(t) {
      const y = new Date(t).getUTCFullYear();
      const end = nthSunday(y, 3, 1, (3 - stdHours - 1) * HOUR_MS);
      const start = nthSunday(y, 9, 1, (2 - stdHours) * HOUR_MS);
      return (stdHours + (t < end || t >= start ? 1 : 0)) * HOUR_MS;
    },
  };
}

const ZONES: ReadonlyMap<string, TimeZone> = new Map(
  [
    UTC,
    fixed('Etc/UTC', 0),
    fixed('GMT', 0),
    fixed('Etc/GMT', 0),
    fixed('Asia/Tokyo', 9 * HOUR_MS),
    fixed('Asia/Seoul', 9 * HOUR_MS),
    fixed('Asia/Shanghai', 8 * HOUR_MS),
    fixed('Asia/Singapore', 8 * HOUR_MS),
    fixed('Asia/Hong_Kong', 8 * HOUR_MS),
    fixed('Asia/Kolkata', 5.5 * HOUR_MS),
    fixed('Asia/Dubai', 4 * HOUR_MS),
    fixed('America/Sao_Paulo', -3 * HOUR_MS),
    fixed('Africa/Johannesburg', 2 * HOUR_MS),
    fixed('Africa/Lagos', 1 * HOUR_MS),
    eu('Europe/London', 0),
    eu('Europe/Dublin', 0),
    eu('Europe/Lisbon', 0),
    ...['Berlin', 'Paris', 'Amsterdam', 'Madrid', 'Rome', 'Stockholm', 'Oslo', 'Warsaw', 'Vienna', 'Zurich', 'Brussels', 'Prague'].map((c) => eu(`Europe/${c}`, 1)),
    ...['Athens', 'Helsinki', 'Kyiv', 'Bucharest'].map((c) => eu(`Europe/${c}`, 2)),
    us('America/New_York', -5),
    us('America/Chicago', -6),
    us('America/Denver', -7),
    us('America/Los_Angeles', -8),
    aus('Australia/Sydney', 10),
    aus('Australia/Melbourne', 10),
    ...Array.from({ length: 26 }, (_, i) => i - 12)
      .filter((n) => n !== 0 && n <= 12)
      .map((n) => fixed(`Etc/GMT${n > 0 ? '+' : '-'}${Math.abs(n)}`, -n * HOUR_MS)),
  ].map((z) => [z.name, z]),
);

/**
 * time.LoadLocation: the zone, or Go's error text (`unknown time zone X`). "" means UTC, as in Go;
 * Podlab knows the zones of its table only.
 */
export function loadLocation(name: string): TimeZone | string {
  if (name === '') return UTC;
  return ZONES.get(name) ?? `unknown time zone ${name}`;
}

/** Go's RFC 3339 format of an instant in a zone: `2025-01-01T09:00:00+09:00`, or `...Z` at offset 0. */
export function formatRfc3339In(unixMs: number, zone: TimeZone): string {
  const offset = zone.offsetMs(unixMs);
  const wall = new Date(unixMs - (unixMs % SECOND_MS) + offset).toISOString().slice(0, 19);
  if (offset === 0) return `${wall}Z`;
  const abs = Math.abs(offset) / MINUTE_MS;
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${wall}${offset < 0 ? '-' : '+'}${hh}:${mm}`;
}
