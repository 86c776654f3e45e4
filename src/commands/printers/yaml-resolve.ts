/**
 * go-yaml v2 (as vendored by sigs.k8s.io/yaml) decisions that depend on a scalar's text:
 * whether a string could be written plain without reading back as another type (`resolve` plus
 * the base-60 check), and the order of mapping keys (`keyList.Less`).
 */

const RESOLVE_MAP = new Set([
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'],
  ...['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'],
  ...['', '~', 'null', 'Null', 'NULL'],
  ...['.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF'],
]);

/** First characters for which go-yaml's `resolveTable` has a hint (others always resolve to str). */
const HINTED = /^[-+0-9yYnNtTfFoO~.]/;

const GO_INT = /^[+-]?(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/;
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const DOT_FLOAT = /^\.[0-9]+([eE][-+]?[0-9]+)?$/;
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
const TIMESTAMP = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt]|( ))(\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d+)?(Z|[+-]\d{2}:\d{2})?)?$/;

function daysIn(month: number, year: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** go-yaml v2 `parseTimestamp`: the four time.Parse layouts it tries, with Go's range checks. */
export function isYamlTimestamp(s: string): boolean {
  const m = TIMESTAMP.exec(s);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysIn(month, year)) return false;
  if (m[5] === undefined) return true;
  // The space-separated layout has no zone; the T/t layouts require one.
  if ((m[4] === ' ') !== (m[8] === undefined)) return false;
  return Number(m[5]) < 24 && Number(m[6]) < 60 && Number(m[7]) < 60;
}

function resolvesToNumber(s: string): boolean {
  if (isYamlTimestamp(s)) return true;
  const plain = s.replaceAll('_', '');
  if (GO_INT.test(plain)) return true;
  if (YAML_STYLE_FLOAT.test(plain) && Number.isFinite(Number(plain))) return true;
  return /^-?0b[01]+$/.test(plain);
}

/**
 * Whether go-yaml v2 would emit the string unquoted: it must resolve back to a string (not a bool,
 * null, int, float or timestamp) and not look like a YAML 1.1 base-60 number.
 */
export function canUsePlain(s: string): boolean {
  if (s === '') return false; // resolves to null
  if (!HINTED.test(s)) return true;
  if (RESOLVE_MAP.has(s)) return false;
  const first = s.charAt(0);
  if (first === '.') return !DOT_FLOAT.test(s);
  if (/[-+0-9]/.test(first)) return !(resolvesToNumber(s) || BASE60_FLOAT.test(s));
  return true;
}

const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;

function digitRun(runes: string[], from: number, start: number): [number, number] {
  let value = start;
  let end = from;
  for (; end < runes.length && DIGIT.test(runes[end]); end++) {
    value = value * 10 + ((runes[end].codePointAt(0) ?? 48) - 48);
  }
  return [value, end];
}

/**
 * go-yaml v2 `keyList.Less` for string keys: letters compare by code point, a non-letter sorts
 * before a letter, and runs of digits compare numerically (`a2` < `a10`).
 */
export function yamlKeyLess(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = LETTER.test(ar[i]);
    const bl = LETTER.test(br[i]);
    if (al && bl) return (ar[i].codePointAt(0) ?? 0) < (br[i].codePointAt(0) ?? 0);
    if (al || bl) return bl;
    let seed = 0;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && DIGIT.test(ar[j]); j--) {
        if (ar[j] !== '0') {
          seed = 1;
          break;
        }
      }
    }
    const [an, ai] = digitRun(ar, i, seed);
    const [bn, bi] = digitRun(br, i, seed);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return (ar[i].codePointAt(0) ?? 0) < (br[i].codePointAt(0) ?? 0);
  }
  return ar.length < br.length;
}

/** Comparator form of {@link yamlKeyLess}, for `Array.prototype.sort`. */
export function compareYamlKeys(a: string, b: string): number {
  if (yamlKeyLess(a, b)) return -1;
  return yamlKeyLess(b, a) ? 1 : 0;
}
