/**
 * docker/go-units as the Docker CLI uses it: sizes in decimal units with 3 significant digits
 * (`180MB`, `7.81kB`), memory sizes in binary units (`--memory 256m` = 256 MiB), and durations
 * (`2 minutes ago`). Pure.
 */
import { humanDuration } from '../components/kubelet/node-shell.ts';

const DECIMAL_UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];

/** Go's `%.3g`: 3 significant digits, trailing zeros dropped, exponent form past the precision. */
function goG3(value: number): string {
  if (value === 0) return '0';
  const exp = Math.floor(Math.log10(Math.abs(value)));
  const rounded = Number(value.toPrecision(3));
  const roundedExp = Math.floor(Math.log10(Math.abs(rounded)));
  if (exp < -4 || roundedExp >= 3) {
    const [mant, e] = rounded.toExponential(2).split('e');
    const m = mant.replace(/\.?0+$/, '');
    const n = Number(e);
    return `${m}e${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(2, '0')}`;
  }
  return String(rounded);
}

/**
 * go-units HumanSizeWithPrecision(size, 3): `docker images` SIZE, `docker history` SIZE.
 * @example humanSize(187_500_000) // '188MB'
 */
export function humanSize(bytes: number): string {
  let size = bytes;
  let i = 0;
  while (size >= 1000 && i < DECIMAL_UNITS.length - 1) {
    size /= 1000;
    i++;
  }
  return `${goG3(size)}${DECIMAL_UNITS[i]}`;
}

/**
 * go-units RAMInBytes: `256m` → 268435456 (binary multiples, `b k m g t p`, case-insensitive),
 * or undefined when it does not parse.
 */
export function ramInBytes(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*([kKmMgGtTpP]?)[iI]?[bB]?$/.exec(text.trim());
  if (!m) return undefined;
  const power = ' kmgtp'.indexOf(m[2].toLowerCase() || ' ');
  return Math.trunc(Number(m[1]) * 1024 ** power);
}

/** `2 minutes ago` (go-units HumanDuration + " ago"), for CREATED columns. */
export const ago = (ms: number): string => `${humanDuration(ms)} ago`;
