/**
 * Go `fmt`/`strconv` renderings of unstructured values, needed to reproduce kubectl error text:
 * `%q` (strconv.Quote), `%v`, `%#v` and `%#U`. Maps print with sorted keys, as fmt does.
 */
import { formatGoNumber } from './gofloat.ts';
import { compareGoStrings } from './selector.ts';

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;
const QUOTE_ESCAPES: Record<string, string> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  '"': '\\"',
  '\\': '\\\\',
};

/** Go's `strconv.IsPrint` (approximated by Unicode general categories). */
export function isGoPrint(ch: string): boolean {
  return PRINTABLE.test(ch);
}

/** `strconv.Quote` / `%q` of a string. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (QUOTE_ESCAPES[ch] !== undefined) out += QUOTE_ESCAPES[ch];
    else if (isGoPrint(ch)) out += ch;
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if (cp >= 0xd800 && cp <= 0xdfff) out += '\\ufffd';
    else if (cp < 0x10000) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += `\\U${cp.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}

/** `%#U` of a rune: `U+0021 '!'` (the quoted form only for printable runes). */
export function goRuneU(ch: string): string {
  const hex = (ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
  return isGoPrint(ch) ? `U+${hex} '${ch}'` : `U+${hex}`;
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function mapKeys(m: Record<string, unknown>): string[] {
  return Object.keys(m)
    .filter((k) => m[k] !== undefined)
    .sort(compareGoStrings);
}

/** `%v` of an unstructured value: `map[a:1 b:[x y]]`, `<nil>`, strings unquoted. */
export function goV(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return formatGoNumber(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(goV).join(' ')}]`;
  if (isMap(v)) return `map[${mapKeys(v).map((k) => `${k}:${goV(v[k])}`).join(' ')}]`;
  return String(v);
}

/** `%#v` of an unstructured value: `map[string]interface {}{"a":1}`, `[]interface {}{...}`. */
export function goSharpV(v: unknown): string {
  if (v === null || v === undefined) return 'interface {}(nil)';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number') return formatGoNumber(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[]interface {}{${v.map(goSharpV).join(', ')}}`;
  if (isMap(v)) {
    return `map[string]interface {}{${mapKeys(v)
      .map((k) => `${goQuote(k)}:${goSharpV(v[k])}`)
      .join(', ')}}`;
  }
  return String(v);
}
