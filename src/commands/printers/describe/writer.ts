/**
 * The pieces every kubectl describer shares (kubectl/pkg/describe/describe.go): the prefix writer
 * with its two-space indentation levels over a tabwriter (`tabbedString`: minwidth 0, tabwidth 8,
 * padding 2, spaces), the multi-line Labels / Annotations / Taints / Tolerations blocks, RFC 1123
 * times and the small formatting helpers.
 *
 * The prefix writer only indents the start of each `write`; text after an embedded newline is
 * written as given (the volume sources rely on that); ESC and CR are escaped as kubectl does.
 * `flush()` ends a tabwriter block: what was written before is aligned on its own, as Go's
 * `Flush` does before the Events table.
 */
import type { Taint, Toleration } from '../../../engine/api/types.ts';
import { EPOCH_UNIX_MS, parseTimestamp } from '../../../engine/kernel/time.ts';
import { alignTabs, type TabwriterOptions } from '../tabwriter.ts';
import { goSort } from './go-sort.ts';

/** describe.go `tabbedString`: `tabwriter.Init(buf, 0, 8, 2, ' ', 0)`. */
export const DESCRIBE_TABWRITER: TabwriterOptions = { minWidth: 0, padding: 2, padChar: ' ' };

export const LEVEL_0 = 0;
export const LEVEL_1 = 1;
export const LEVEL_2 = 2;
export const LEVEL_3 = 3;
export const LEVEL_4 = 4;

/** cli-runtime printers.WriteEscaped: ESC and CR cannot reach the terminal. */
function escapeTerminal(s: string): string {
  return s.includes('\x1b') || s.includes('\r') ? s.replaceAll('\x1b', '^[').replaceAll('\r', '\\r') : s;
}

/** describe.go PrefixWriter over a tabwriter. */
export class PrefixWriter {
  private readonly blocks: string[] = [];
  private buf = '';

  /** Writes `text` after `level` two-space indents. */
  write(level: number, text: string): void {
    this.buf += escapeTerminal('  '.repeat(level) + text);
  }

  /** `WriteLine(a)`: the text and a newline, not indented. */
  writeLine(text = ''): void {
    this.buf += escapeTerminal(`${text}\n`);
  }

  /** Aligns everything written so far as one tabwriter flush. */
  flush(): void {
    this.blocks.push(this.buf);
    this.buf = '';
  }

  /** The text as written, tabs left as they are (a PrefixWriter straight onto a buffer). */
  raw(): string {
    return [...this.blocks, this.buf].join('');
  }

  /** The aligned output. */
  toString(): string {
    return [...this.blocks, this.buf].map((b) => alignTabs(b, DESCRIBE_TABWRITER)).join('');
  }
}

/** A describer's body, written through a fresh writer and returned aligned (`tabbedString`). */
export function tabbedString(fn: (w: PrefixWriter) => void): string {
  const w = new PrefixWriter();
  fn(w);
  return w.toString();
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** Go's zero time.Time (what a missing metav1.Time is) in RFC1123Z. */
const ZERO_TIME = 'Mon, 01 Jan 0001 00:00:00 +0000';

const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * `t.Format(time.RFC1123Z)` (`Mon, 02 Jan 2006 15:04:05 -0700`) for an API timestamp, in UTC (the
 * zone kubectl runs in here). Missing or unparsable timestamps are Go's zero time.
 */
export function rfc1123z(ts: unknown): string {
  if (typeof ts !== 'string' || ts === '') return ZERO_TIME;
  const ms = parseTimestamp(ts);
  if (Number.isNaN(ms)) return ZERO_TIME;
  const d = new Date(EPOCH_UNIX_MS + ms);
  const year = String(d.getUTCFullYear()).padStart(4, '0');
  return `${DAYS[d.getUTCDay()]}, ${pad2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${year} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} +0000`;
}

/** describe.go printBool. */
export function printBool(v: unknown): string {
  return v === true ? 'True' : 'False';
}

/** describe.go stringOrNone. */
export function stringOrNone(s: string): string {
  return s.length > 0 ? s : '<none>';
}

/** Go's `%v` for a value read from JSON: strings as they are, absent as the zero value. */
export function str(v: unknown): string {
  return v === undefined || v === null ? '' : String(v);
}

/** Go's `len` of a string: its UTF-8 byte length. */
export function byteLength(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

/** `s[:n]` in bytes, kept to whole characters. */
function byteSlice(s: string, n: number): string {
  let out = '';
  let used = 0;
  for (const ch of s) {
    const w = byteLength(ch);
    if (used + w > n) break;
    out += ch;
    used += w;
  }
  return out;
}

/** Go's string `<` (bytewise; the same as code-point order). */
export function goLess(a: string, b: string): boolean {
  return a < b;
}

/** Go's `sort.Strings`. */
export function sortedStrings(xs: Iterable<string>): string[] {
  return goSort([...xs], goLess);
}

/** printLabelsMultilineWithIndent: `Labels:  a=b` then one `k=v` per line, `<none>` when empty. */
export function printLabelsMultiline(
  w: PrefixWriter,
  title: string,
  labels: Record<string, string> | undefined,
  initialIndent = '',
  innerIndent = '\t',
): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`);
  const keys = sortedStrings(Object.keys(labels ?? {}));
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) {
      w.write(LEVEL_0, initialIndent);
      w.write(LEVEL_0, innerIndent);
    }
    w.write(LEVEL_0, `${key}=${labels![key]}\n`);
  });
}

/** Annotations describe never shows (describe.go skipAnnotations). */
const SKIP_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration']);
/** describe.go maxAnnotationLen. */
const MAX_ANNOTATION_LEN = 140;

function shorten(s: string, maxLength: number): string {
  return byteLength(s) > maxLength ? `${byteSlice(s, maxLength)}...` : s;
}

/** printAnnotationsMultiline: long or multi-line values go on their own indented lines. */
export function printAnnotationsMultiline(w: PrefixWriter, title: string, annotations: Record<string, string> | undefined): void {
  w.write(LEVEL_0, `${title}:\t`);
  const all = annotations ?? {};
  const keys = sortedStrings(Object.keys(all).filter((k) => !SKIP_ANNOTATIONS.has(k)));
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  const indent = '\t';
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_0, indent);
    const value = all[key].endsWith('\n') ? all[key].slice(0, -1) : all[key];
    if (byteLength(value) + byteLength(key) + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(LEVEL_0, `${key}:\n`);
      for (const s of value.split('\n')) w.write(LEVEL_0, `${indent}  ${shorten(s, MAX_ANNOTATION_LEN - 2)}\n`);
    } else {
      w.write(LEVEL_0, `${key}: ${value}\n`);
    }
  });
}

/** corev1.Taint.ToString: `key=value:Effect` or `key:Effect`. */
export function taintString(t: Taint): string {
  return t.value ? `${t.key}=${t.value}:${t.effect}` : `${t.key}:${t.effect}`;
}

/** printTaintsMultilineWithIndent: sorted by `effect,key`. */
export function printTaintsMultiline(w: PrefixWriter, title: string, taints: readonly Taint[] | undefined): void {
  w.write(LEVEL_0, `${title}:\t`);
  if (!taints || taints.length === 0) {
    w.writeLine('<none>');
    return;
  }
  const cmpKey = (t: Taint): string => `${t.effect},${t.key}`;
  const sorted = goSort([...taints], (a, b) => cmpKey(a) < cmpKey(b));
  sorted.forEach((t, i) => {
    if (i !== 0) w.write(LEVEL_0, '\t');
    w.write(LEVEL_0, `${taintString(t)}\n`);
  });
}

/** printTolerationsMultilineWithIndent: sorted by key, `key=value:Effect op=Exists for 300s`. */
export function printTolerationsMultiline(w: PrefixWriter, title: string, tolerations: readonly Toleration[] | undefined, initialIndent = ''): void {
  w.write(LEVEL_0, `${initialIndent}${title}:\t`);
  if (!tolerations || tolerations.length === 0) {
    w.writeLine('<none>');
    return;
  }
  const sorted = goSort([...tolerations], (a, b) => (a.key ?? '') < (b.key ?? ''));
  sorted.forEach((t, i) => {
    if (i !== 0) {
      w.write(LEVEL_0, initialIndent);
      w.write(LEVEL_0, '\t');
    }
    const key = t.key ?? '';
    const value = t.value ?? '';
    const effect = t.effect ?? '';
    let line = key;
    if (value !== '') line += `=${value}`;
    if (effect !== '') line += `:${effect}`;
    if (t.operator === 'Exists' && value === '') line += key !== '' || effect !== '' ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) line += ` for ${t.tolerationSeconds}s`;
    w.write(LEVEL_0, `${line}\n`);
  });
}

/** metav1.GetControllerOf formatted as describe's `Controlled By`: `ReplicaSet/web-5d8f`. */
export function controlledBy(meta: { ownerReferences?: { kind: string; name: string; controller?: boolean }[] }): string {
  const ref = meta.ownerReferences?.find((r) => r.controller === true);
  return ref ? `${ref.kind}/${ref.name}` : '';
}
