/**
 * Go's `time.ParseDuration`, which pflag's Duration flags (`kubectl wait --timeout`) and
 * client-go's `--request-timeout` use: a signed sequence of decimal numbers with units (`300ms`,
 * `-1.5h`, `2h45m`), `0` alone without a unit. Errors carry Go's wording.
 */

/** A duration Go would reject; `message` is Go's text, e.g. `time: invalid duration "abc"`. */
export class GoDurationError extends Error {}

/** Milliseconds per unit; Go's `µs` is accepted as U+00B5 and U+03BC. */
const UNIT_MS: Readonly<Record<string, number>> = {
  ns: 1e-6,
  us: 1e-3,
  'µs': 1e-3,
  'μs': 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** Go's `quote` for the duration in error messages (strconv.Quote for printable text). */
const quoted = (s: string): string => JSON.stringify(s);

/**
 * Parses a Go duration into (possibly fractional) milliseconds; throws {@link GoDurationError}.
 * @example parseGoDuration('1m30s') === 90_000; parseGoDuration('-1s') === -1000
 */
export function parseGoDuration(text: string): number {
  const invalid = (): GoDurationError => new GoDurationError(`time: invalid duration ${quoted(text)}`);
  let s = text;
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    sign = s.startsWith('-') ? -1 : 1;
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') throw invalid();
  let totalMs = 0;
  while (s !== '') {
    const num = /^(\d*)(\.\d*)?/.exec(s)?.[0] ?? '';
    if (num === '' || num === '.') throw invalid();
    s = s.slice(num.length);
    const unit = /^[^\d.]*/.exec(s)?.[0] ?? '';
    if (unit === '') throw new GoDurationError(`time: missing unit in duration ${quoted(text)}`);
    const perUnitMs = UNIT_MS[unit];
    if (perUnitMs === undefined) throw new GoDurationError(`time: unknown unit ${quoted(unit)} in duration ${quoted(text)}`);
    totalMs += Number(num.startsWith('.') ? `0${num}` : num) * perUnitMs;
    s = s.slice(unit.length);
  }
  return sign * totalMs;
}
