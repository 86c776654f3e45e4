/**
 * JSON as kubectl prints it (`-o json`, and maps/lists inside `-o jsonpath`): Go's encoding/json
 * applied to an unstructured object, so object keys are sorted (byte order), `<`, `>` and `&` are
 * escaped as `\u003c`, `\u003e`, `\u0026`, and `-o json` indents with 4 spaces and ends in `\n`.
 */
import { compareGoStrings } from './selector.ts';

const SHORT_ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

function hex4(cp: number): string {
  return `\\u${cp.toString(16).padStart(4, '0')}`;
}

/** A string literal as Go's encoding/json writes it (HTML-safe escaping on). */
export function goJsonString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (SHORT_ESCAPES[ch] !== undefined) out += SHORT_ESCAPES[ch];
    else if (cp < 0x20 || ch === '<' || ch === '>' || ch === '&' || cp === 0x2028 || cp === 0x2029) out += hex4(cp);
    else if (cp >= 0xd800 && cp <= 0xdfff) out += '\\ufffd';
    else out += ch;
  }
  return `${out}"`;
}

/** A number as encoding/json writes a float64 or int64 (same thresholds as JavaScript). */
export function goJsonNumber(n: number): string {
  if (!Number.isFinite(n)) return 'null';
  return Object.is(n, -0) ? '0' : String(n);
}

/** Keys of an object that encoding/json would write, in Go's sorted order. */
export function sortedEntries(obj: Record<string, unknown>): [string, unknown][] {
  return Object.keys(obj)
    .filter((k) => obj[k] !== undefined && typeof obj[k] !== 'function')
    .sort(compareGoStrings)
    .map((k) => [k, obj[k]]);
}

function encode(value: unknown, indent: string | undefined, depth: number): string {
  if (value === null || value === undefined || typeof value === 'function') return 'null';
  if (typeof value === 'string') return goJsonString(value);
  if (typeof value === 'number') return goJsonNumber(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const items: string[] = Array.isArray(value)
    ? value.map((v) => encode(v, indent, depth + 1))
    : sortedEntries(value as Record<string, unknown>).map(
        ([k, v]) => `${goJsonString(k)}:${indent === undefined ? '' : ' '}${encode(v, indent, depth + 1)}`,
      );
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  if (items.length === 0) return open + close;
  if (indent === undefined) return open + items.join(',') + close;
  const inner = `\n${indent.repeat(depth + 1)}`;
  return `${open}${inner}${items.join(`,${inner}`)}\n${indent.repeat(depth)}${close}`;
}

/** Compact JSON, as Go's `json.Marshal` of an unstructured value. */
export function goJsonCompact(value: unknown): string {
  return encode(value, undefined, 0);
}

/**
 * `kubectl get -o json` output: `json.MarshalIndent(obj, "", "    ")` plus a trailing newline.
 * Properties whose value is `undefined` are omitted.
 */
export function toJson(value: unknown): string {
  return `${encode(value, '    ', 0)}\n`;
}
