/**
 * The functions a kubectl go-template can call: text/template's builtins (funcs.go: comparison
 * rules of Go 1.18+, `index`, `len`, `print*`), kubectl's `exists` and `base64decode`. kubectl
 * v1.31 has no sprig functions: `{{upper .x}}` fails with `function "upper" not defined`, as
 * recorded. Values follow go-template.ts (`bigint` = int,
 * `number` = float64, `undefined` = invalid, `null` = nil).
 */
import { formatFloatG } from './gofloat.ts';
import { goQuote } from './gofmt.ts';
import { compareGoStrings } from './selector.ts';

/** A function failed; `arity` marks Go's "wrong number of args" (reported at the name). */
export class FuncError extends Error {
  constructor(
    message: string,
    readonly arity = false,
    readonly argIndex?: number,
  ) {
    super(message);
  }
}

type Fn = (args: unknown[]) => unknown;
interface FuncSpec {
  /** Fixed parameter count, or the minimum when `variadic`. */
  n: number;
  variadic?: boolean;
  /** Parameters that must be strings (checked as text/template's validateType does). */
  strings?: number[];
  fn: Fn;
}

/**
 * Go's type name of a value, as `%T` and error texts print it. Integers are named for the common
 * case, a whole number from the object (int64); template literals are Go ints, which we do not
 * tell apart.
 */
export function typeName(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'bigint') return 'int64';
  if (typeof v === 'number') return 'float64';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  return Array.isArray(v) ? '[]interface {}' : 'map[string]interface {}';
}

/** `%v` of one value. */
function fmtV(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'number') return formatFloatG(v);
  if (typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return `[${v.map(fmtV).join(' ')}]`;
  const m = v as Record<string, unknown>;
  const keys = Object.keys(m).filter((k) => m[k] !== undefined).sort(compareGoStrings);
  return `map[${keys.map((k) => `${k}:${fmtV(m[k])}`).join(' ')}]`;
}

/** fmt.Sprint: operands separated by a space when neither side is a string. */
export function fmtSprint(args: unknown[]): string {
  let out = '';
  args.forEach((a, i) => {
    if (i > 0 && typeof a !== 'string' && typeof args[i - 1] !== 'string') out += ' ';
    out += fmtV(a);
  });
  return out;
}

/** text/template's truth: empty strings, lists and maps, zero numbers, false and nil are false. */
export function isTrue(v: unknown): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') return v.length > 0;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'bigint') return v !== 0n;
  if (Array.isArray(v)) return v.length > 0;
  return Object.keys(v as object).length > 0;
}

type Kind = 'invalid' | 'bool' | 'int' | 'float' | 'string' | 'other';

function basicKind(v: unknown): Kind {
  if (v === undefined || v === null) return 'invalid';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'bigint') return 'int';
  if (typeof v === 'number') return 'float';
  if (typeof v === 'string') return 'string';
  return 'other';
}

function eq(args: unknown[]): boolean {
  const [a, ...rest] = args;
  if (rest.length === 0) throw new FuncError('missing argument for comparison');
  const ka = basicKind(a);
  for (const b of rest) {
    const kb = basicKind(b);
    if (ka !== kb) {
      if (ka !== 'invalid' && kb !== 'invalid') throw new FuncError('incompatible types for comparison');
      continue;
    }
    if (ka === 'other') throw new FuncError(`non-comparable type ${fmtV(a)}: ${typeName(a)}`);
    if (ka === 'invalid' || a === b) return true;
  }
  return false;
}

function lt(a: unknown, b: unknown): boolean {
  const ka = basicKind(a);
  const kb = basicKind(b);
  if (ka === 'invalid' || kb === 'invalid' || ka === 'other' || kb === 'other') throw new FuncError('invalid type for comparison');
  if (ka !== kb) throw new FuncError('incompatible types for comparison');
  if (ka === 'bool') throw new FuncError('invalid type for comparison');
  if (ka === 'string') return compareGoStrings(a as string, b as string) < 0;
  return (a as number) < (b as number);
}

function length(v: unknown): bigint {
  if (v === undefined) throw new FuncError('reflect: call of reflect.Value.Type on zero Value');
  if (v === null) throw new FuncError('len of nil pointer');
  if (typeof v === 'string') return BigInt(new TextEncoder().encode(v).length);
  if (Array.isArray(v)) return BigInt(v.length);
  if (typeof v === 'object') return BigInt(Object.keys(v).length);
  throw new FuncError(`len of type ${typeName(v)}`);
}

function indexArg(i: unknown, len: number): number {
  if (typeof i !== 'bigint') throw new FuncError(`cannot index slice/array with type ${typeName(i)}`);
  if (i < 0n || i >= BigInt(len)) throw new FuncError(`index out of range: ${i}`);
  return Number(i);
}

function index(args: unknown[]): unknown {
  let item = args[0];
  if (item === undefined || item === null) throw new FuncError('index of untyped nil');
  for (const i of args.slice(1)) {
    if (item === undefined || item === null) throw new FuncError('index of untyped nil');
    if (Array.isArray(item)) item = item[indexArg(i, item.length)];
    else if (typeof item === 'string') item = BigInt(new TextEncoder().encode(item)[indexArg(i, new TextEncoder().encode(item).length)]);
    else if (typeof item === 'object') {
      if (typeof i !== 'string') throw new FuncError(`value has type ${typeName(i)}; should be string`);
      const m = item as Record<string, unknown>;
      item = Object.hasOwn(m, i) ? m[i] : null;
    } else throw new FuncError(`can't index item of type ${typeName(item)}`);
  }
  return item;
}

function base64decode(s: string): string {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 !== 0) {
    const bad = s.search(/[^A-Za-z0-9+/=]/);
    throw new FuncError(`base64 decode failed: illegal base64 data at input byte ${bad >= 0 ? bad : s.length - (s.length % 4)}`);
  }
  return new TextDecoder().decode(Uint8Array.from(atob(s), (c) => c.charCodeAt(0)));
}


/** kubectl's `exists`: whether a chain of keys/indexes leads somewhere. */
function exists(args: unknown[]): boolean {
  let item = args[0];
  for (const i of args.slice(1)) {
    if (Array.isArray(item) && typeof i === 'bigint' && i >= 0n && i < BigInt(item.length)) item = item[Number(i)];
    else if (item && typeof item === 'object' && !Array.isArray(item) && typeof i === 'string' && Object.hasOwn(item, i)) item = (item as Record<string, unknown>)[i];
    else return false;
  }
  return true;
}

function sliceOf(args: unknown[]): unknown {
  const [item, ...idx] = args;
  if (item === undefined || item === null) throw new FuncError('slice of untyped nil');
  if (idx.length > 3) throw new FuncError(`too many slice indexes: ${idx.length}`);
  const len = typeof item === 'string' ? item.length : Array.isArray(item) ? item.length : -1;
  if (len < 0) throw new FuncError(`can't slice item of type ${typeName(item)}`);
  if (typeof item === 'string' && idx.length === 3) throw new FuncError('cannot 3-index slice a string');
  const ix = idx.map((i) => {
    if (typeof i !== 'bigint') throw new FuncError(`cannot index slice/array with type ${typeName(i)}`);
    if (i < 0n || i > BigInt(len)) throw new FuncError(`index out of range: ${i}`);
    return Number(i);
  });
  const [from = 0, to = len] = ix;
  if (from > to) throw new FuncError(`invalid slice index: ${from} > ${to}`);
  return typeof item === 'string' ? item.slice(from, to) : (item as unknown[]).slice(from, to);
}

/** text/template's JSEscapeString. */
function jsEscape(s: string): string {
  let out = '';
  for (const c of s) {
    const cp = c.codePointAt(0) ?? 0;
    if (c === '\\' || c === "'" || c === '"') out += `\\${c}`;
    else if (c === '<' || c === '>' || c === '&' || c === '=' || cp < 0x20) out += `\\u${cp.toString(16).toUpperCase().padStart(4, '0')}`;
    else out += c;
  }
  return out;
}

const HTML_ESCAPES: Record<string, string> = { '"': '&#34;', "'": '&#39;', '&': '&amp;', '<': '&lt;', '>': '&gt;', '\0': '\uFFFD' };

/** The callable functions by name. */
export const FUNCS: Record<string, FuncSpec> = {
  not: { n: 1, fn: ([a]) => !isTrue(a) },
  len: { n: 1, fn: ([a]) => length(a) },
  index: { n: 1, variadic: true, fn: index },
  print: { n: 0, variadic: true, fn: fmtSprint },
  println: { n: 0, variadic: true, fn: (a: unknown[]) => `${a.map(fmtV).join(' ')}\n` },
  printf: { n: 1, variadic: true, strings: [0], fn: ([f, ...rest]) => sprintf(f as string, rest) },
  eq: { n: 1, variadic: true, fn: eq },
  ne: { n: 2, fn: (a) => !eq(a) },
  lt: { n: 2, fn: ([a, b]) => lt(a, b) },
  le: { n: 2, fn: ([a, b]) => lt(a, b) || eq([a, b]) },
  gt: { n: 2, fn: ([a, b]) => !lt(a, b) && !eq([a, b]) },
  ge: { n: 2, fn: ([a, b]) => !lt(a, b) },
  exists: { n: 1, variadic: true, fn: exists },
  base64decode: { n: 1, strings: [0], fn: ([a]) => base64decode(a as string) },
  slice: { n: 1, variadic: true, fn: sliceOf },
  html: { n: 0, variadic: true, fn: (a) => fmtSprint(a).replace(/["'&<>\0]/g, (c) => HTML_ESCAPES[c]) },
  urlquery: { n: 0, variadic: true, fn: (a) => encodeURIComponent(fmtSprint(a)).replace(/%20/g, '+').replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`) },
  js: { n: 0, variadic: true, fn: (a) => jsEscape(fmtSprint(a)) },
  call: { n: 1, variadic: true, fn: ([f]) => {
    throw new FuncError(f === undefined || f === null ? 'call of nil' : `non-function of type ${typeName(f)}`);
  } },
};

/** Calls a function by name with evaluated arguments, checking arity and string parameters. */
export function callFunc(name: string, args: unknown[]): unknown {
  const spec = FUNCS[name];
  if (spec.variadic ? args.length < spec.n : args.length !== spec.n) {
    throw new FuncError(`wrong number of args for ${name}: want ${spec.variadic ? 'at least ' : ''}${spec.n} got ${args.length}`, true);
  }
  for (const i of spec.strings ?? []) {
    const v = args[i];
    if (v === undefined) throw new FuncError('invalid value; expected string', true, i);
    if (typeof v !== 'string') throw new FuncError(`wrong type for value; expected string; got ${typeName(v)}`, true, i);
  }
  return spec.fn(args);
}

/** fmt.Sprintf for the verbs templates use: %s %v %d %q %f %g %e %x %X %t %c %%. */
export function sprintf(format: string, args: unknown[]): string {
  let out = '';
  let argi = 0;
  const re = /%([-+# 0]*)(\d+|\*)?(?:\.(\d+|\*)?)?([a-zA-Z%])?/gy;
  let last = 0;
  for (let i = format.indexOf('%'); i >= 0; i = format.indexOf('%', last)) {
    out += format.slice(last, i);
    re.lastIndex = i;
    const m = re.exec(format) as RegExpExecArray;
    last = re.lastIndex;
    const [, flags, width, prec, verb] = m;
    if (verb === undefined) {
      out += '%!(NOVERB)';
      continue;
    }
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (argi >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    out += pad(formatOne(verb, args[argi++], prec === undefined ? undefined : Number(prec || 0), flags), width, flags);
  }
  out += format.slice(last);
  if (argi < args.length) out += `%!(EXTRA ${args.slice(argi).map((a) => `${typeName(a)}=${fmtV(a)}`).join(', ')})`;
  return out;
}

function pad(s: string, width: string | undefined, flags: string): string {
  const w = width === undefined ? 0 : Number(width);
  const n = [...s].length;
  if (n >= w) return s;
  if (flags.includes('-')) return s + ' '.repeat(w - n);
  if (flags.includes('0') && /^[+-]?\d/.test(s)) {
    const sign = /^[+-]/.test(s) ? s[0] : '';
    return sign + '0'.repeat(w - n) + s.slice(sign.length);
  }
  return ' '.repeat(w - n) + s;
}

function bad(verb: string, v: unknown): string {
  return v === null || v === undefined ? `%!${verb}(<nil>)` : `%!${verb}(${typeName(v)}=${fmtV(v)})`;
}

function formatOne(verb: string, v: unknown, prec: number | undefined, flags: string): string {
  switch (verb) {
    case 'v':
      return fmtV(v);
    case 's':
      if (typeof v === 'string') return prec === undefined ? v : [...v].slice(0, prec).join('');
      return typeof v === 'object' && v !== null ? fmtV(v) : bad(verb, v);
    case 'q':
      return typeof v === 'string' ? goQuote(v) : bad(verb, v);
    case 'd':
      if (typeof v !== 'bigint') return bad(verb, v);
      return flags.includes('+') && v >= 0n ? `+${v}` : String(v);
    case 't':
      return typeof v === 'boolean' ? String(v) : bad(verb, v);
    case 'c':
      return typeof v === 'bigint' ? String.fromCodePoint(Number(v)) : bad(verb, v);
    case 'x':
    case 'X': {
      let s: string;
      if (typeof v === 'bigint') s = v.toString(16);
      else if (typeof v === 'string') s = [...new TextEncoder().encode(v)].map((b) => b.toString(16).padStart(2, '0')).join('');
      else return bad(verb, v);
      return verb === 'X' ? s.toUpperCase() : s;
    }
    case 'f':
    case 'F':
    case 'e':
    case 'g':
      if (typeof v !== 'number') return bad(verb, v);
      if (verb === 'g') return prec === undefined ? formatFloatG(v) : String(Number(v.toPrecision(prec)));
      if (verb === 'e') return v.toExponential(prec ?? 6).replace(/e([+-])(\d)$/, 'e$10$2');
      return v.toFixed(prec ?? 6);
    default:
      return bad(verb, v);
  }
}
