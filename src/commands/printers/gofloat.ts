/**
 * Go's number formatting where it differs from JavaScript: `strconv.FormatFloat(f, 'g', -1, 64)`
 * (used by `fmt`'s `%v` and by go-yaml for floats) switches to exponent form from 1e+06 on and
 * writes at least two exponent digits (`1e+06`, `1.5e-07`).
 */

/** Whether a JS number stands for a Go int64 in an unstructured object (integral and in range). */
export function isGoInt(n: number): boolean {
  return Number.isInteger(n) && Math.abs(n) < 1e21;
}

/** `strconv.FormatFloat(f, 'g', -1, 64)`: shortest digits; exponent form when the exponent is < -4 or >= 6. */
export function formatFloatG(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (!Number.isFinite(f)) return f > 0 ? '+Inf' : '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const [mantissa, expText] = f.toExponential().split('e');
  const exp = Number(expText);
  if (exp < -4 || exp >= 6) {
    const sign = exp < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return String(f);
}

/** A number as Go's `fmt.Sprint` prints an unstructured value: int64 plainly, float64 with `%v`. */
export function formatGoNumber(n: number): string {
  return isGoInt(n) ? String(n) : formatFloatG(n);
}
