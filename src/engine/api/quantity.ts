/**
 * Kubernetes `resource.Quantity` (apimachinery/pkg/api/resource, as of v0.31): parsing with the API
 * server's exact acceptance rules and error texts, and the canonical `String()` form it stores and
 * prints (`1.5` → `1500m`, `1024Mi` → `1Gi`, `0.5Gi` → `512Mi`).
 *
 * Parsing is exact (BigInt, nano resolution, rounding up like Go). The public {@link Quantity}
 * carries the value as a JS number of milli-units: exact for |milli| < 2^53 (about 9e15, i.e. 9e12
 * whole units — 8 TiB of bytes or 9 billion cores) and for larger values made of powers of two
 * (`16Ti`, `1Ei`); beyond that the last digits may round. Sub-milli values (down to `1n`) appear as
 * fractional milli.
 *
 * @example
 * formatQuantity(parseQuantity('1.5Gi')) // '1536Mi'
 * cpuMilli('0.25') // 250
 */
import { memoizeString } from '../kernel/memo.ts';

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

/** A parsed quantity. */
export interface Quantity {
  /** The value in thousandths of a unit (millicores for cpu, millibytes for memory). */
  milli: number;
  /** The suffix family the value was written in; printing keeps it when it can. */
  format: QuantityFormat;
  /**
   * The text exactly as given when the API server keeps it verbatim (it was already canonical, or
   * Go's fast path reuses it, e.g. `100m`, `1Gi`, `+1`). Absent for computed quantities.
   */
  text?: string;
}

export const QUANTITY_REGEX = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';
/** resource.ErrFormatWrong */
export const QUANTITY_ERR_FORMAT = `quantities must match the regular expression '${QUANTITY_REGEX}'`;
/** resource.ErrNumeric */
export const QUANTITY_ERR_NUMERIC = 'unable to parse numeric part of quantity';
/** resource.ErrSuffix */
export const QUANTITY_ERR_SUFFIX = "unable to parse quantity's suffix";

/** A string the API server refuses to decode as a quantity; `message` is Go's error text. */
export class QuantityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QuantityError';
  }
}

const NANO_PER_UNIT = 1_000_000_000n;
const NANO_PER_MILLI = 1_000_000n;
const MAX_INT64 = (1n << 63n) - 1n;
/** Exponents past this would build absurdly large BigInts; Go accepts them, we refuse. */
const MAX_EXPONENT_MAGNITUDE = 10_000;

const DECIMAL_SUFFIXES: Readonly<Record<string, number>> = {
  '': 0, n: -9, u: -6, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18,
};
const BINARY_SUFFIXES: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL_SUFFIX_BY_EXPONENT = new Map(Object.entries(DECIMAL_SUFFIXES).map(([s, e]) => [e, s]));
const BINARY_SUFFIX_BY_POWER = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

/** The exact value as Go holds it: nano-units, plus format and reusable text. */
export interface ExactQuantity {
  nano: bigint;
  format: QuantityFormat;
  text?: string;
}

interface Scanned {
  positive: boolean;
  value: string;
  num: string;
  denom: string;
  suffix: string;
}

const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const SUFFIX_CHARS = 'eEinumkKMGTP';

/** Splits a quantity into sign, number and suffix the way Go's parseQuantityString scans it. */
function scan(s: string): Scanned {
  const end = s.length;
  let pos = 0;
  let positive = true;
  if (s[0] === '-') {
    positive = false;
    pos++;
  } else if (s[0] === '+') {
    pos++;
  }
  while (pos < end && s[pos] === '0') pos++;
  if (pos >= end) return { positive, value: '0', num: '0', denom: '', suffix: '' };

  let i = pos;
  while (i < end && isDigit(s[i])) i++;
  let num = s.slice(pos, i);
  if (i >= end) return { positive, value: s, num, denom: '', suffix: '' };
  pos = i;
  if (num === '') num = '0';

  let denom = '';
  if (s[pos] === '.') {
    pos++;
    let j = pos;
    while (j < end && isDigit(s[j])) j++;
    denom = s.slice(pos, j);
    if (j >= end) return { positive, value: s, num, denom, suffix: '' };
    pos = j;
  }
  const value = s.slice(0, pos);
  const suffixStart = pos;
  while (pos < end && SUFFIX_CHARS.includes(s[pos])) pos++;
  if (pos < end && (s[pos] === '-' || s[pos] === '+')) pos++;
  while (pos < end && isDigit(s[pos])) pos++;
  if (pos < end) throw new QuantityError(QUANTITY_ERR_FORMAT);
  return { positive, value, num, denom, suffix: s.slice(suffixStart) };
}

interface Suffix {
  base: 10 | 2;
  exponent: number;
  format: QuantityFormat;
}

function interpretSuffix(suffix: string): Suffix {
  if (Object.hasOwn(DECIMAL_SUFFIXES, suffix)) return { base: 10, exponent: DECIMAL_SUFFIXES[suffix], format: 'DecimalSI' };
  if (Object.hasOwn(BINARY_SUFFIXES, suffix)) return { base: 2, exponent: BINARY_SUFFIXES[suffix], format: 'BinarySI' };
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E') && /^[+-]?[0-9]+$/.test(suffix.slice(1))) {
    const exponent = BigInt(suffix.slice(1));
    if (exponent > MAX_INT64 || exponent < -MAX_INT64 - 1n) throw new QuantityError(QUANTITY_ERR_SUFFIX);
    if (exponent > BigInt(MAX_EXPONENT_MAGNITUDE) || exponent < BigInt(-MAX_EXPONENT_MAGNITUDE)) {
      throw new QuantityError(QUANTITY_ERR_NUMERIC);
    }
    return { base: 10, exponent: Number(exponent), format: 'DecimalExponent' };
  }
  throw new QuantityError(QUANTITY_ERR_SUFFIX);
}

/** Go's fast path (int64 arithmetic, no rounding), or undefined when Go would take the slow path. */
function fastPath(sc: Scanned, sfx: Suffix, input: string): ExactQuantity | undefined {
  let precision: number;
  let scale = 0;
  let mantissa = 1n;
  if (sfx.base === 10) {
    scale = sfx.exponent;
    precision = 18 - (sc.num.length + sc.denom.length);
  } else if (sc.denom.length === 0) {
    mantissa = 1n << BigInt(sfx.exponent);
    precision = 15 - sc.num.length - Math.trunc((sfx.exponent * 3) / 10) - 1;
  } else {
    return undefined;
  }
  if (precision < 0) return undefined;
  scale -= sc.denom.length;
  if (scale < -9) return undefined;
  const shifted = sc.num + sc.denom;
  const value = BigInt(shifted);
  const magnitude = value * mantissa;
  if (magnitude > MAX_INT64) return undefined;
  const result = sc.positive ? magnitude : -magnitude;
  const nano = result * 10n ** BigInt(scale + 9);
  const reuse =
    sfx.format === 'BinarySI'
      ? sfx.exponent % 10 === 0 && (value & 7n) !== 0n
      : scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
  return reuse ? { nano, format: sfx.format, text: input } : { nano, format: sfx.format };
}

/** Ceil-divides magnitudes (Go's inf.RoundUp is away from zero). */
function divAwayFromZero(n: bigint, d: bigint): bigint {
  const q = n / d;
  return n % d === 0n ? q : n < 0n ? q - 1n : q + 1n;
}

/** Go's slow path: exact decimal, rounded up to nano, BinarySI capped at 2^63-1. */
function slowPath(sc: Scanned, sfx: Suffix): ExactQuantity {
  const m = /^([+-]?)([0-9]*)(?:\.([0-9]*))?$/.exec(sc.value);
  if (!m || (m[2] === '' && (m[3] === undefined || m[3] === ''))) throw new QuantityError(QUANTITY_ERR_NUMERIC);
  const fraction = m[3] ?? '';
  let digits = BigInt((m[2] || '0') + fraction);
  if (m[1] === '-') digits = -digits;
  let num = digits;
  let den = 10n ** BigInt(fraction.length);
  if (sfx.base === 10) {
    if (sfx.exponent >= 0) num *= 10n ** BigInt(sfx.exponent);
    else den *= 10n ** BigInt(-sfx.exponent);
  } else {
    num *= 1n << BigInt(sfx.exponent);
  }
  let nano = divAwayFromZero(num * NANO_PER_UNIT, den);
  let format = sfx.format;
  const magnitude = nano < 0n ? -nano : nano;
  if (format === 'BinarySI' && magnitude > MAX_INT64 * NANO_PER_UNIT) {
    nano = nano < 0n ? -MAX_INT64 * NANO_PER_UNIT : MAX_INT64 * NANO_PER_UNIT;
  }
  if (format === 'BinarySI' && magnitude > 0n && magnitude < NANO_PER_UNIT) format = 'DecimalSI';
  return { nano, format };
}

/** resource.ParseQuantity with the exact value kept (nano-units). Throws {@link QuantityError}. */
export const parseExactQuantity: (input: string) => ExactQuantity = memoizeString(parseExactQuantityUncached);

function parseExactQuantityUncached(input: string): ExactQuantity {
  if (input.length === 0) throw new QuantityError(QUANTITY_ERR_FORMAT);
  if (input === '0') return { nano: 0n, format: 'DecimalSI', text: '0' };
  const sc = scan(input);
  const sfx = interpretSuffix(sc.suffix);
  return fastPath(sc, sfx, input) ?? slowPath(sc, sfx);
}

/** resource.ParseQuantity. Throws {@link QuantityError} with Go's message for malformed input. */
export function parseQuantity(input: string): Quantity {
  return { ...parseQuantityCached(input) };
}

const parseQuantityCached = memoizeString(parseQuantityUncached);

function parseQuantityUncached(input: string): Quantity {
  const q = parseExactQuantity(input);
  const out: Quantity = { milli: nanoToMilli(q.nano), format: q.format };
  if (q.text !== undefined) out.text = q.text;
  return out;
}

function nanoToMilli(nano: bigint): number {
  const whole = nano / NANO_PER_MILLI;
  const rest = nano % NANO_PER_MILLI;
  return rest === 0n ? Number(whole) : Number(whole) + Number(rest) / 1e6;
}

function milliToNano(milli: number): bigint {
  if (!Number.isFinite(milli)) throw new RangeError(`quantity out of range: ${milli}`);
  if (Number.isInteger(milli)) return BigInt(milli) * NANO_PER_MILLI;
  const [whole, frac = ''] = milli.toFixed(6).split('.');
  const negative = whole.startsWith('-');
  const magnitude = BigInt(whole.replace('-', '')) * NANO_PER_MILLI + BigInt(frac.padEnd(6, '0'));
  return negative ? -magnitude : magnitude;
}

/** Quantity.String() for an exact value: the canonical text Kubernetes stores and prints. */
export function canonicalQuantity(nano: bigint, format: QuantityFormat): string {
  if (nano === 0n) return '0';
  const negative = nano < 0n;
  const magnitude = negative ? -nano : nano;
  const sign = negative ? '-' : '';
  if (format === 'BinarySI' && magnitude >= 1024n * NANO_PER_UNIT && magnitude % NANO_PER_UNIT === 0n) {
    let units = magnitude / NANO_PER_UNIT;
    let power = 0;
    while (units >= 1024n && units % 1024n === 0n) {
      units /= 1024n;
      power++;
    }
    // v1.31 prints no suffix past Ei (a Go quirk kept for fidelity).
    return sign + units.toString() + (BINARY_SUFFIX_BY_POWER[power] ?? '');
  }
  let mantissa = magnitude;
  let exponent = -9;
  while (mantissa >= 10n && mantissa % 10n === 0n) {
    mantissa /= 10n;
    exponent++;
  }
  while (exponent % 3 !== 0) {
    mantissa *= 10n;
    exponent--;
  }
  const suffix =
    format === 'DecimalExponent'
      ? exponent === 0
        ? ''
        : `e${exponent}`
      : (DECIMAL_SUFFIX_BY_EXPONENT.get(exponent) ?? ''); // v1.31 drops unknown exponents (Go quirk)
  return sign + mantissa.toString() + suffix;
}

/** Quantity.String(): the stored text if Go would reuse it, else the canonical form. */
export function formatQuantity(q: Quantity): string {
  return q.text ?? canonicalQuantity(milliToNano(q.milli), q.format);
}

/**
 * What the API server stores for a quantity inside a ResourceList: parsed, rounded up to milli
 * precision (SetDefaults_ResourceList), then printed. Throws {@link QuantityError}.
 * @example normalizeResourceQuantity('0.1m') // '1m'
 */
export const normalizeResourceQuantity: (input: string) => string = memoizeString(normalizeResourceQuantityUncached);

function normalizeResourceQuantityUncached(input: string): string {
  const q = parseExactQuantity(input);
  if (q.nano % NANO_PER_MILLI === 0n) return q.text ?? canonicalQuantity(q.nano, q.format);
  const rounded = divAwayFromZero(q.nano, NANO_PER_MILLI) * NANO_PER_MILLI;
  return canonicalQuantity(rounded, q.format);
}

/** Compares two quantities by value: -1, 0 or 1. */
export function compareQuantity(a: Quantity, b: Quantity): number {
  const x = milliToNano(a.milli);
  const y = milliToNano(b.milli);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Quantity.MilliValue(): ceil(value × 1000). Throws {@link QuantityError}. */
export const cpuMilli: (s: string) => number = memoizeString((s) => Number(divAwayFromZero(parseExactQuantity(s).nano, NANO_PER_MILLI)));

/** Quantity.Value(): the value rounded up to a whole unit (bytes for memory). Throws {@link QuantityError}. */
export const memoryBytes: (s: string) => number = memoizeString((s) => Number(divAwayFromZero(parseExactQuantity(s).nano, NANO_PER_UNIT)));

/** resource.NewQuantity(n, BinarySI), e.g. for node memory: `bytesToQuantity(4 * 2 ** 30)` prints `4Gi`. */
export function bytesToQuantity(bytes: number): Quantity {
  return { milli: bytes * 1000, format: 'BinarySI' };
}

/** resource.NewMilliQuantity(m, DecimalSI), e.g. `milliToCpuQuantity(1500)` prints `1500m`. */
export function milliToCpuQuantity(milli: number): Quantity {
  return { milli, format: 'DecimalSI' };
}
