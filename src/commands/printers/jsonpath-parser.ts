/**
 * Parser for kubectl's JSONPath templates, following client-go `util/jsonpath/parser.go`
 * (node kinds, error messages and its quirks, e.g. `['a.b']` splitting at the dot).
 */
import { goRuneU } from './gofmt.ts';

/** One `[start:end:step]` slot; `derived` marks the implicit end of `[i]` (i+1). */
export interface JpParam {
  known: boolean;
  value: number;
  derived: boolean;
}

/** A list of nodes: the template root, one `{...}` action, or a filter/union operand. */
export interface JpList {
  type: 'list';
  nodes: JpNode[];
}

/** The parsed template's node kinds (client-go `node.go`). */
export type JpNode =
  | JpList
  | { type: 'text'; text: string }
  | { type: 'field'; value: string }
  | { type: 'array'; params: [JpParam, JpParam, JpParam] }
  | { type: 'filter'; left: JpList; right: JpList; operator: string }
  | { type: 'int'; value: number }
  | { type: 'float'; value: number }
  | { type: 'bool'; value: boolean }
  | { type: 'wildcard' }
  | { type: 'recursive' }
  | { type: 'union'; nodes: JpList[] }
  | { type: 'identifier'; name: string };

/** A template syntax error; `message` is client-go's text (e.g. `unterminated array`). */
export class JpParseError extends Error {}

const EOF = '';
const DICT_KEY = /^'([^']*)'$/;
const SLICE = /^(-?[0-9]*)(:-?[0-9]*)?(:-?[0-9]*)?$/;
const FILTER = /^([^!<>=]+)([!<>=]+)(.+?)$/s;
const INT = /^[+-]?[0-9]+$/;
const FLOAT = /^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)$/;

function isSpace(r: string): boolean {
  return r === ' ' || r === '\t';
}

function isEndOfLine(r: string): boolean {
  return r === '\r' || r === '\n';
}

function isTerminator(r: string): boolean {
  return r === EOF || isSpace(r) || isEndOfLine(r) || '.,[]$@{}'.includes(r);
}

/** Go `unicode.IsDigit`. */
export function isUnicodeDigit(r: string): boolean {
  return /^\p{Nd}$/u.test(r);
}

function isAlphaNumeric(r: string): boolean {
  return r === '_' || /^[\p{L}\p{Nd}]$/u.test(r);
}

/** Parses a template into its root list; throws {@link JpParseError}. */
export function parseJsonPath(text: string): JpList {
  return new Parser(text).parse();
}

/** client-go `parseAction`: parses `{text}` and returns that action's list. */
function parseAction(text: string): JpList {
  return parseJsonPath(`{${text}}`).nodes[0] as JpList;
}

class Parser {
  private readonly root: JpList = { type: 'list', nodes: [] };
  private pos = 0;
  private start = 0;
  private width = 0;

  constructor(private readonly input: string) {}

  parse(): JpList {
    this.parseText(this.root);
    return this.root;
  }

  private consumeText(): string {
    const value = this.input.slice(this.start, this.pos);
    this.start = this.pos;
    return value;
  }

  private next(): string {
    if (this.pos >= this.input.length) {
      this.width = 0;
      return EOF;
    }
    const cp = this.input.codePointAt(this.pos) ?? 0;
    const r = String.fromCodePoint(cp);
    this.width = r.length;
    this.pos += this.width;
    return r;
  }

  private peek(): string {
    const r = this.next();
    this.backup();
    return r;
  }

  private backup(): void {
    this.pos -= this.width;
  }

  private parseText(cur: JpList): void {
    for (;;) {
      if (this.input.startsWith('{', this.pos)) {
        if (this.pos > this.start) cur.nodes.push({ type: 'text', text: this.consumeText() });
        this.pos += 1;
        this.consumeText();
        const action: JpList = { type: 'list', nodes: [] };
        cur.nodes.push(action);
        this.parseInsideAction(action);
        return;
      }
      if (this.next() === EOF) break;
    }
    if (this.pos > this.start) cur.nodes.push({ type: 'text', text: this.consumeText() });
  }

  private parseInsideAction(cur: JpList): void {
    // Each step parses one token and loops, where client-go recurses.
    while (this.step(cur)) {
      /* keep going */
    }
  }

  /** Parses one token of an action; false once the action's closing `}` has been handled. */
  private step(cur: JpList): boolean {
    const rest = this.input.slice(this.pos);
    if (rest.startsWith('}')) {
      this.pos += 1;
      this.consumeText();
      this.parseText(this.root);
      return false;
    }
    if (rest.startsWith('[?(')) return this.parseFilter(cur);
    if (rest.startsWith('..')) return this.parseRecursive(cur);
    const r = this.next();
    if (r === EOF || isEndOfLine(r)) throw new JpParseError('unclosed action');
    if (r === ' ' || r === '@' || r === '$') {
      this.consumeText();
      return true;
    }
    if (r === '[') return this.parseArray(cur);
    if (r === '"' || r === "'") return this.parseQuote(cur, r);
    if (r === '.') return this.parseField(cur);
    if (r === '+' || r === '-' || isUnicodeDigit(r)) {
      this.backup();
      return this.parseNumber(cur);
    }
    if (isAlphaNumeric(r)) {
      this.backup();
      return this.parseIdentifier(cur);
    }
    throw new JpParseError(`unrecognized character in action: ${goRuneU(r)}`);
  }

  private parseIdentifier(cur: JpList): boolean {
    while (!isTerminator(this.next()));
    this.backup();
    const value = this.consumeText();
    if (value === 'true' || value === 'false') cur.nodes.push({ type: 'bool', value: value === 'true' });
    else cur.nodes.push({ type: 'identifier', name: value });
    return true;
  }

  private parseRecursive(cur: JpList): boolean {
    if (cur.nodes.at(-1)?.type === 'recursive') throw new JpParseError('invalid multiple recursive descent');
    this.pos += 2;
    this.consumeText();
    cur.nodes.push({ type: 'recursive' });
    if (isAlphaNumeric(this.peek())) return this.parseField(cur);
    return true;
  }

  private parseNumber(cur: JpList): boolean {
    const first = this.peek();
    if (first === '+' || first === '-') this.next();
    for (;;) {
      const r = this.next();
      if (r !== '.' && !isUnicodeDigit(r)) {
        this.backup();
        break;
      }
    }
    const value = this.consumeText();
    if (INT.test(value) && Math.abs(Number(value)) <= Number.MAX_SAFE_INTEGER) {
      cur.nodes.push({ type: 'int', value: Number(value) });
    } else if (FLOAT.test(value)) {
      cur.nodes.push({ type: 'float', value: Number(value) });
    } else {
      throw new JpParseError(`cannot parse number ${value}`);
    }
    return true;
  }

  private parseArray(cur: JpList): boolean {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === '\n') throw new JpParseError('unterminated array');
      if (r === ']') break;
    }
    let text = this.consumeText().slice(1, -1);
    if (text === '*') text = ':';
    const parts = text.split(',');
    if (parts.length > 1) {
      const nodes = parts.map((part) => parseAction(`[${part.replace(/^ +| +$/g, '')}]`));
      cur.nodes.push({ type: 'union', nodes });
      return true;
    }
    const dict = DICT_KEY.exec(text);
    if (dict) {
      cur.nodes.push(...parseAction(`.${dict[1]}`).nodes);
      return true;
    }
    cur.nodes.push({ type: 'array', params: sliceParams(text) });
    return true;
  }

  private parseFilter(cur: JpList): boolean {
    this.pos += 3;
    this.consumeText();
    let begin = false;
    let end = false;
    let pair = '';
    for (;;) {
      const r = this.next();
      if (r === EOF || r === '\n') throw new JpParseError('unterminated filter');
      if (r === '"' || r === "'") {
        if (!begin) {
          begin = true;
          pair = r;
          continue;
        }
        if (this.input[this.pos - 2] !== '\\' && r === pair) end = true;
      } else if (r === ')' && begin === end) break;
    }
    if (this.next() !== ']') throw new JpParseError('unclosed array expect ]');
    const text = this.consumeText().slice(0, -2);
    const m = FILTER.exec(text);
    if (!m) cur.nodes.push({ type: 'filter', left: parseAction(text), right: { type: 'list', nodes: [] }, operator: 'exists' });
    else cur.nodes.push({ type: 'filter', left: parseAction(m[1]), right: parseAction(m[3]), operator: m[2] });
    return true;
  }

  private parseQuote(cur: JpList, end: string): boolean {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === '\n') throw new JpParseError('unterminated quoted string');
      if (r === end && this.input[this.pos - 2] !== '\\') break;
    }
    const value = this.consumeText();
    const text = unquoteExtend(value);
    if (text === undefined) throw new JpParseError(`unquote string ${value} error invalid syntax`);
    cur.nodes.push({ type: 'text', text });
    return true;
  }

  private parseField(cur: JpList): boolean {
    this.consumeText();
    for (;;) {
      const r = this.next();
      if (r === '\\') this.next();
      else if (isTerminator(r)) {
        this.backup();
        break;
      }
    }
    const value = this.consumeText();
    if (value === '*') cur.nodes.push({ type: 'wildcard' });
    else cur.nodes.push({ type: 'field', value: value.replaceAll('\\', '') });
    return true;
  }
}

function sliceParams(text: string): [JpParam, JpParam, JpParam] {
  const m = SLICE.exec(text);
  if (!m) throw new JpParseError(`invalid array index ${text}`);
  const params: JpParam[] = [];
  for (let i = 0; i < 3; i++) {
    let part = m[i + 1] ?? '';
    if (part === '') {
      if (i === 1) params.push({ known: true, value: params[0].value + 1, derived: true });
      else params.push({ known: false, value: 0, derived: false });
      continue;
    }
    if (i > 0) part = part.slice(1);
    if (i > 0 && part === '') {
      params.push({ known: false, value: 0, derived: false });
      continue;
    }
    if (!/^[+-]?[0-9]+$/.test(part)) throw new JpParseError(`array index ${part} is not a number`);
    params.push({ known: true, value: Number(part), derived: false });
  }
  return params as [JpParam, JpParam, JpParam];
}

const SIMPLE_ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };

/** client-go `UnquoteExtend`: Go string-literal unquoting for `"..."` and `'...'`; undefined on error. */
export function unquoteExtend(s: string): string | undefined {
  const quote = s[0];
  if (s.length < 2 || (quote !== '"' && quote !== "'") || s.at(-1) !== quote) return undefined;
  const body = s.slice(1, -1);
  if (!body.includes('\\') && !body.includes(quote)) return body;
  let out = '';
  for (let i = 0; i < body.length; ) {
    const ch = body[i];
    if (ch === quote) return undefined;
    if (ch !== '\\') {
      out += ch;
      i++;
      continue;
    }
    const esc = unquoteEscape(body, i + 1, quote);
    if (esc === undefined) return undefined;
    out += esc.text;
    i = esc.next;
  }
  return out;
}

function unquoteEscape(body: string, i: number, quote: string): { text: string; next: number } | undefined {
  const c = body[i];
  if (c === undefined) return undefined;
  if (SIMPLE_ESCAPES[c] !== undefined) return { text: SIMPLE_ESCAPES[c], next: i + 1 };
  if (c === "'" || c === '"') return c === quote ? { text: c, next: i + 1 } : undefined;
  const hexLen = c === 'x' ? 2 : c === 'u' ? 4 : c === 'U' ? 8 : 0;
  if (hexLen > 0) {
    const hex = body.slice(i + 1, i + 1 + hexLen);
    if (!new RegExp(`^[0-9a-fA-F]{${hexLen}}$`).test(hex)) return undefined;
    const cp = parseInt(hex, 16);
    if (c !== 'x' && (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))) return undefined;
    return { text: String.fromCodePoint(cp), next: i + 1 + hexLen };
  }
  const oct = body.slice(i, i + 3);
  if (/^[0-7]{3}$/.test(oct) && parseInt(oct, 8) <= 255) return { text: String.fromCodePoint(parseInt(oct, 8)), next: i + 3 };
  return undefined;
}
