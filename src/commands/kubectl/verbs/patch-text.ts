/**
 * Reading the text of `kubectl patch -p`: apimachinery's yaml.ToJSON (text starting with `{` is
 * taken as JSON as it is, anything else is YAML converted to JSON, with go-yaml's error wording),
 * and Go's encoding/json syntax errors for the JSON the API server (or kubectl, with --local)
 * then decodes — `invalid character 'b' looking for beginning of object key string`,
 * `unexpected end of JSON input`.
 */
import { LineCounter, parseDocument } from 'yaml';

/** The patch after ToJSON: JSON text kept verbatim, or the value YAML gave. */
export type PatchText = { kind: 'json'; text: string } | { kind: 'value'; value: unknown };

/** yaml.ToJSON; throws the go-yaml message (`yaml: line 1: did not find expected ',' or ']'`). */
export function toJson(text: string): PatchText {
  if (text.trimStart().startsWith('{')) return { kind: 'json', text };
  const lines = new LineCounter();
  const doc = parseDocument(text, { version: '1.1', uniqueKeys: false, lineCounter: lines });
  const problem = doc.errors[0];
  if (problem) throw new Error(`yaml: ${goYamlMessage(problem.code, problem.message, lines.linePos(problem.pos[0]).line, text)}`);
  return { kind: 'value', value: doc.toJS({ maxAliasCount: 100 }) ?? null };
}

/**
 * go-yaml (yaml.v2) words: scanner errors name their 1-based line only past the first line;
 * parser errors name the line before the token the `yaml` library blames, an unclosed flow
 * collection the line where the stream ended.
 */
function goYamlMessage(code: string, message: string, line: number, text: string): string {
  const scanner = (m: string) => (line > 1 ? `line ${line}: ${m}` : m);
  if (code === 'BLOCK_AS_IMPLICIT_KEY' || code === 'MULTILINE_IMPLICIT_KEY') return scanner('mapping values are not allowed in this context');
  if (code === 'TAB_AS_INDENT') return scanner('found character that cannot start any token');
  if (code === 'MISSING_CHAR' && message.includes('quote')) return scanner('found unexpected end of stream');
  if (message.startsWith('Flow sequence')) return `line ${Math.max(1, line)}: did not find expected ',' or ']'`;
  if (message.startsWith('Flow map')) return `line ${Math.max(1, line)}: did not find expected ',' or '}'`;
  const previous = Math.max(1, line - 1);
  const before = text.split('\n').slice(0, line - 1).filter((l) => l.trim() !== '').pop() ?? '';
  return before.trim().startsWith('- ') ? `line ${previous}: did not find expected '-' indicator` : `line ${previous}: did not find expected key`;
}

/** encoding/json's Unmarshal syntax check and decode; throws Go's SyntaxError text. */
export function goJsonParse(text: string): unknown {
  new GoJsonScanner(text).check();
  return JSON.parse(text) as unknown;
}

/** The Go type name json.Unmarshal names for a decoded value (`cannot unmarshal array into ...`). */
export function goJsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'object';
  return typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'bool' : 'string';
}

/** quoteChar: how Go's scanner shows the offending character. */
function quoteChar(c: string): string {
  if (c === "'") return "'\\''";
  if (c === '"') return `'"'`;
  const q = JSON.stringify(c);
  return `'${q.slice(1, -1)}'`;
}

class GoSyntaxError extends Error {}

/** A recursive-descent check with the messages of encoding/json's scanner. */
class GoJsonScanner {
  private i = 0;

  constructor(private readonly s: string) {}

  check(): void {
    this.ws();
    this.value('looking for beginning of value');
    this.ws();
    if (this.i < this.s.length) this.fail('after top-level value');
  }

  private fail(context: string): never {
    if (this.i >= this.s.length) throw new GoSyntaxError('unexpected end of JSON input');
    throw new GoSyntaxError(`invalid character ${quoteChar(this.s[this.i])} ${context}`);
  }

  private ws(): void {
    while (this.i < this.s.length && ' \t\r\n'.includes(this.s[this.i])) this.i++;
  }

  private value(context: string): void {
    const c = this.s[this.i];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    if (c === '-' || (c >= '0' && c <= '9')) return this.number();
    for (const lit of ['true', 'false', 'null']) if (c === lit[0]) return this.literal(lit);
    this.fail(context);
  }

  private object(): void {
    this.i++;
    this.ws();
    if (this.s[this.i] === '}') {
      this.i++;
      return;
    }
    for (;;) {
      if (this.s[this.i] !== '"') this.fail('looking for beginning of object key string');
      this.string();
      this.ws();
      if (this.s[this.i] !== ':') this.fail('after object key');
      this.i++;
      this.ws();
      this.value('looking for beginning of value');
      this.ws();
      if (this.s[this.i] === ',') {
        this.i++;
        this.ws();
        continue;
      }
      if (this.s[this.i] === '}') {
        this.i++;
        return;
      }
      this.fail('after object key:value pair');
    }
  }

  private array(): void {
    this.i++;
    this.ws();
    if (this.s[this.i] === ']') {
      this.i++;
      return;
    }
    for (;;) {
      this.value('looking for beginning of value');
      this.ws();
      if (this.s[this.i] === ',') {
        this.i++;
        this.ws();
        continue;
      }
      if (this.s[this.i] === ']') {
        this.i++;
        return;
      }
      this.fail('after array element');
    }
  }

  private string(): void {
    this.i++;
    while (this.i < this.s.length) {
      const c = this.s[this.i];
      if (c === '"') {
        this.i++;
        return;
      }
      if (c < ' ') this.fail('in string literal');
      if (c === '\\') {
        this.i++;
        const e = this.s[this.i];
        if (e === 'u') {
          for (let k = 1; k <= 4; k++) {
            this.i++;
            if (!/[0-9a-fA-F]/.test(this.s[this.i] ?? '')) this.fail('in \\u hexadecimal character escape');
          }
        } else if (e === undefined || !'"\\/bfnrt'.includes(e)) this.fail('in string escape code');
      }
      this.i++;
    }
    this.fail('in string literal');
  }

  private number(): void {
    if (this.s[this.i] === '-') this.i++;
    if (this.s[this.i] === '0') this.i++;
    else if (this.digits() === 0) this.fail('in numeric literal');
    if (this.s[this.i] === '.') {
      this.i++;
      if (this.digits() === 0) this.fail('after decimal point in numeric literal');
    }
    if (this.s[this.i] === 'e' || this.s[this.i] === 'E') {
      this.i++;
      if (this.s[this.i] === '+' || this.s[this.i] === '-') this.i++;
      if (this.digits() === 0) this.fail('in exponent of numeric literal');
    }
  }

  private digits(): number {
    const start = this.i;
    while (this.s[this.i] >= '0' && this.s[this.i] <= '9') this.i++;
    return this.i - start;
  }

  private literal(lit: string): void {
    for (let k = 0; k < lit.length; k++, this.i++) {
      if (this.s[this.i] !== lit[k]) this.fail(`in literal ${lit} (expecting ${quoteChar(lit[k])})`);
    }
  }
}

// ---- JSON patch, as evanphx/json-patch (v4) applies it -------------------------------------------

type Doc = Record<string, unknown> | unknown[];

const MISSING = 'missing value';
const BAD_INDEX = 'invalid index referenced';

/** decodePatchKey: `~1` is `/`, `~0` is `~`. */
const decodeKey = (k: string): string => k.replace(/~1/g, '/').replace(/~0/g, '~');

const isDoc = (v: unknown): v is Doc => v !== null && typeof v === 'object';

/** findObject: the container of the path's last part and that part (decoded), or undefined. */
function findObject(doc: Doc, path: string): { con: Doc; key: string } | undefined {
  const split = path.split('/');
  if (split.length < 2) return undefined;
  let con: Doc = doc;
  for (const part of split.slice(1, -1)) {
    let next: unknown;
    try {
      next = get(con, decodeKey(part));
    } catch {
      return undefined;
    }
    if (!isDoc(next)) return undefined;
    con = next;
  }
  return { con, key: decodeKey(split[split.length - 1]) };
}

/** An array index as partialArray reads it (negative counts from the end); throws when out of range. */
function index(arr: unknown[], key: string, allowEnd: boolean): number {
  const i = /^-?\d+$/.test(key) ? Number(key) : NaN;
  if (Number.isNaN(i)) throw new Error(`value was not a proper array index: '${key}': strconv.Atoi: parsing ${JSON.stringify(key)}: invalid syntax`);
  const limit = allowEnd ? arr.length : arr.length - 1;
  if (i > limit || i < -arr.length) throw new Error(`Unable to access invalid index: ${i}: ${BAD_INDEX}`);
  return i < 0 ? arr.length + i : i;
}

function get(con: Doc, key: string): unknown {
  if (Array.isArray(con)) return con[index(con, key, false)];
  return con[key];
}

function add(con: Doc, key: string, value: unknown): void {
  if (!Array.isArray(con)) con[key] = value;
  else if (key === '-') con.push(value);
  else con.splice(index(con, key, true), 0, value);
}

function remove(con: Doc, key: string): void {
  if (Array.isArray(con)) con.splice(index(con, key, false), 1);
  else if (key in con) delete con[key];
  else throw new Error(`Unable to remove nonexistent key: ${key}: ${MISSING}`);
}

/** Runs `fn`, prefixing its error as evanphx wraps it (`error in remove for path: '/x': ...`). */
function wrapped<T>(what: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw new Error(`${what}: ${(e as Error).message}`);
  }
}

interface Operation {
  op?: unknown;
  path?: unknown;
  from?: unknown;
  value?: unknown;
}

/** Patch.Apply on a copy of `doc`, with the library's error texts. */
export function applyJsonPatch(doc: unknown, ops: readonly unknown[]): unknown {
  const out = structuredClone(doc) as Doc;
  for (const raw of ops) {
    const op = (isDoc(raw) && !Array.isArray(raw) ? raw : {}) as Operation;
    applyOne(out, String(op.op ?? ''), String(op.path ?? ''), String(op.from ?? ''), op.value === undefined ? null : op.value);
  }
  return out;
}

function applyOne(root: Doc, kind: string, p: string, f: string, value: unknown): void {
  switch (kind) {
    case 'add': {
      const t = findObject(root, p);
      if (!t) throw new Error(`add operation does not apply: doc is missing path: ${JSON.stringify(p)}: ${MISSING}`);
      return wrapped(`error in add for path: '${p}'`, () => add(t.con, t.key, structuredClone(value)));
    }
    case 'remove': {
      const t = findObject(root, p);
      if (!t) throw new Error(`remove operation does not apply: doc is missing path: ${JSON.stringify(p)}: ${MISSING}`);
      return wrapped(`error in remove for path: '${p}'`, () => remove(t.con, t.key));
    }
    case 'replace': {
      const t = findObject(root, p);
      if (!t) throw new Error(`replace operation does not apply: doc is missing path: ${p}: ${MISSING}`);
      try {
        get(t.con, t.key);
      } catch {
        throw new Error(`replace operation does not apply: doc is missing key: ${p}: ${MISSING}`);
      }
      if (Array.isArray(t.con)) t.con[index(t.con, t.key, false)] = structuredClone(value);
      else t.con[t.key] = structuredClone(value);
      return;
    }
    case 'move': {
      const s = findObject(root, f);
      if (!s) throw new Error(`move operation does not apply: doc is missing from path: ${f}: ${MISSING}`);
      const v = wrapped(`error in move for path: '${s.key}'`, () => get(s.con, s.key));
      wrapped(`error in move for path: '${s.key}'`, () => remove(s.con, s.key));
      const t = findObject(root, p);
      if (!t) throw new Error(`move operation does not apply: doc is missing destination path: ${p}: ${MISSING}`);
      return wrapped(`error in move for path: '${t.key}'`, () => add(t.con, t.key, v));
    }
    case 'copy': {
      const s = findObject(root, f);
      if (!s) throw new Error(`copy operation does not apply: doc is missing from path: ${f}: ${MISSING}`);
      // A missing key copies as null: the library does not check it.
      const v = wrapped(`error in copy for from: '${f}'`, () => get(s.con, s.key)) ?? null;
      const t = findObject(root, p);
      if (!t) throw new Error(`copy operation does not apply: doc is missing destination path: ${p}: ${MISSING}`);
      return wrapped(`error in copy for path: '${p}'`, () => add(t.con, t.key, structuredClone(v)));
    }
    case 'test': {
      const t = findObject(root, p);
      if (!t) throw new Error(`test operation does not apply: is missing path: ${p}: ${MISSING}`);
      const v = wrapped(`error in test for path: '${p}'`, () => get(t.con, t.key));
      if (JSON.stringify(sortKeys(v ?? null)) !== JSON.stringify(sortKeys(value))) throw new Error(`testing value ${p} failed: test failed`);
      return;
    }
    default:
      throw new Error(`Unexpected kind: ${kind}`);
  }
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (!isDoc(v)) return v;
  return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]));
}
