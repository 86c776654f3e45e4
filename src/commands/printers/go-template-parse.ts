/**
 * Lexer and parser for the Go text/template subset kubectl users write (`-o go-template=`),
 * following Go's text/template/parse (lex.go, parse.go, node.go): token kinds, trim markers
 * (`{{- ` / ` -}}`), comments, variables and their scopes, `else if`/`else with`, and Go's parse
 * error texts (`template: output:1: unclosed action`). `define`/`template`/`block` are not
 * supported and report a parse error.
 */

/** A template Go's parser rejects; `message` is Go's text (`template: output:LINE: ...`). */
export class GoTemplateParseError extends Error {}

type TokType =
  | 'text' | 'left' | 'right' | 'space' | 'field' | 'variable' | 'identifier' | 'keyword' | 'string' | 'rawString'
  | 'char' | 'charConstant' | 'number' | 'bool' | 'nil' | 'dot' | 'pipe' | 'leftParen' | 'rightParen'
  | 'declare' | 'assign' | 'error' | 'eof';

interface Token {
  typ: TokType;
  val: string;
  pos: number;
  line: number;
}

const KEYWORDS = new Set(['if', 'else', 'end', 'range', 'with', 'break', 'continue', 'define', 'template', 'block']);

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\r' || c === '\n';
}

function isAlnum(c: string): boolean {
  return c !== '' && (c === '_' || /^[\p{L}\p{Nd}]$/u.test(c));
}

/** Go's `%#U` of a rune. */
function runeU(c: string): string {
  const hex = (c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
  return /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(c) ? `U+${hex} '${c}'` : `U+${hex}`;
}

/** Splits a template into tokens; a lexing error ends the stream with an `error` token. */
class Lexer {
  readonly tokens: Token[] = [];
  private pos = 0;
  private line = 1;
  private parenDepth = 0;

  constructor(private readonly src: string) {}

  run(): Token[] {
    while (this.lexText() && this.lexAction());
    return this.tokens;
  }

  private emit(typ: TokType, start: number, end: number, line = this.line): void {
    this.tokens.push({ typ, val: this.src.slice(start, end), pos: start, line });
  }

  private fail(msg: string): false {
    this.tokens.push({ typ: 'error', val: msg, pos: this.pos, line: this.line });
    return false;
  }

  private advanceTo(end: number): void {
    for (let i = this.pos; i < end; i++) if (this.src[i] === '\n') this.line++;
    this.pos = end;
  }

  private lexText(): boolean {
    const start = this.pos;
    const line = this.line;
    const at = this.src.indexOf('{{', start);
    const end = at < 0 ? this.src.length : at;
    let textEnd = end;
    const trim = at >= 0 && this.src[at + 2] === '-' && isSpace(this.src[at + 3] ?? '');
    if (trim) while (textEnd > start && isSpace(this.src[textEnd - 1])) textEnd--;
    if (textEnd > start) this.tokens.push({ typ: 'text', val: this.src.slice(start, textEnd), pos: start, line });
    this.advanceTo(end);
    if (at < 0) {
      this.tokens.push({ typ: 'eof', val: '', pos: this.pos, line: this.line });
      return false;
    }
    return true;
  }

  /** After `{{`: a comment, or action tokens up to `}}`. */
  private lexAction(): boolean {
    const trimLeft = this.src[this.pos + 2] === '-' && isSpace(this.src[this.pos + 3] ?? '');
    const after = this.pos + 2 + (trimLeft ? 2 : 0);
    if (this.src.startsWith('/*', after)) return this.lexComment(after);
    this.emit('left', this.pos, this.pos + 2);
    this.advanceTo(after);
    this.parenDepth = 0;
    for (;;) {
      const r = this.rightDelim();
      if (r > 0) {
        if (this.parenDepth > 0) return this.fail('unclosed left paren');
        this.emit('right', this.pos, this.pos + r);
        this.advanceTo(this.pos + r);
        if (r === 4) this.skipSpace();
        return true;
      }
      if (!this.lexInsideAction()) return false;
    }
  }

  /** Length of the right delimiter here: 4 for ` -}}`, 2 for `}}`, 0 if none. */
  private rightDelim(): number {
    if (isSpace(this.src[this.pos] ?? '') && this.src.startsWith('-}}', this.pos + 1)) return 4;
    return this.src.startsWith('}}', this.pos) ? 2 : 0;
  }

  private skipSpace(): void {
    let end = this.pos;
    while (end < this.src.length && isSpace(this.src[end])) end++;
    this.advanceTo(end);
  }

  private lexComment(after: number): boolean {
    const close = this.src.indexOf('*/', after + 2);
    if (close < 0) return this.fail('unclosed comment');
    let end = close + 2;
    const trimRight = isSpace(this.src[end] ?? '') && this.src.startsWith('-}}', end + 1);
    if (trimRight) end += 1;
    if (!this.src.startsWith(trimRight ? '-}}' : '}}', end)) {
      this.advanceTo(end);
      return this.fail('comment ends before closing delimiter');
    }
    this.advanceTo(end + (trimRight ? 3 : 2));
    if (trimRight) this.skipSpace();
    return true;
  }

  private lexInsideAction(): boolean {
    const c = this.src[this.pos] ?? '';
    const start = this.pos;
    if (c === '') return this.fail('unclosed action');
    if (isSpace(c)) {
      let end = start;
      while (end < this.src.length && isSpace(this.src[end])) end++;
      // A trim-marked right delimiter owns the space before its dash.
      if (this.src.startsWith('-}}', end)) end--;
      this.emit('space', start, end);
      this.advanceTo(end);
      return true;
    }
    if (c === '=') return this.single('assign');
    if (c === ':') {
      if (this.src[start + 1] !== '=') return this.fail('expected :=');
      this.emit('declare', start, start + 2);
      this.pos += 2;
      return true;
    }
    if (c === '|') return this.single('pipe');
    if (c === '"') return this.quote();
    if (c === '`') return this.rawQuote();
    if (c === "'") return this.charConstant();
    if (c === '$') return this.fieldOrVariable('variable', start + 1);
    if (c === '.') {
      const n = this.src[start + 1] ?? '';
      if (n >= '0' && n <= '9') return this.number();
      return this.fieldOrVariable('field', start + 1);
    }
    if (c === '+' || c === '-' || (c >= '0' && c <= '9')) return this.number();
    if (isAlnum(c)) return this.identifier();
    if (c === '(') {
      this.parenDepth++;
      return this.single('leftParen');
    }
    if (c === ')') {
      this.parenDepth--;
      if (this.parenDepth < 0) return this.fail('unexpected right paren');
      return this.single('rightParen');
    }
    const cp = c.codePointAt(0) ?? 0;
    if (cp < 0x80 && cp >= 0x20 && cp < 0x7f) return this.single('char');
    return this.fail(`unrecognized character in action: ${runeU(c)}`);
  }

  private single(typ: TokType): boolean {
    this.emit(typ, this.pos, this.pos + 1);
    this.pos++;
    return true;
  }

  private atTerminator(i: number): boolean {
    const c = this.src[i] ?? '';
    if (c === '' || isSpace(c) || '.,|:)('.includes(c)) return true;
    return this.src.startsWith('}}', i);
  }

  private fieldOrVariable(typ: 'field' | 'variable', from: number): boolean {
    let end = from;
    while (isAlnum(this.src[end] ?? '')) end++;
    if (end === from && typ === 'field') {
      this.emit('dot', this.pos, end);
      this.pos = end;
      return true;
    }
    if (!this.atTerminator(end)) {
      this.pos = end;
      return this.fail(`bad character ${runeU(String.fromCodePoint(this.src.codePointAt(end) ?? 0))}`);
    }
    this.emit(typ, this.pos, end);
    this.pos = end;
    return true;
  }

  private identifier(): boolean {
    let end = this.pos;
    while (isAlnum(this.src[end] ?? '')) end++;
    if (!this.atTerminator(end)) {
      this.pos = end;
      return this.fail(`bad character ${runeU(String.fromCodePoint(this.src.codePointAt(end) ?? 0))}`);
    }
    const word = this.src.slice(this.pos, end);
    const typ: TokType = KEYWORDS.has(word) ? 'keyword' : word === 'true' || word === 'false' ? 'bool' : word === 'nil' ? 'nil' : 'identifier';
    this.emit(typ, this.pos, end);
    this.pos = end;
    return true;
  }

  private number(): boolean {
    const m = /^[+-]?(0[xX][0-9a-fA-F_]*(\.[0-9a-fA-F_]*)?([pP][+-]?[0-9_]+)?|0[oObB][0-9_]*|[0-9_]*(\.[0-9_]*)?([eE][+-]?[0-9_]+)?)i?/.exec(this.src.slice(this.pos));
    const end = this.pos + (m ? m[0].length : 1);
    if (isAlnum(this.src[end] ?? '') || this.src[end] === '.') {
      const text = this.src.slice(this.pos, end + 1);
      this.pos = end + 1;
      return this.fail(`bad number syntax: "${text}"`);
    }
    this.emit('number', this.pos, end);
    this.pos = end;
    return true;
  }

  private quote(): boolean {
    let i = this.pos + 1;
    for (;;) {
      const c = this.src[i] ?? '';
      if (c === '\\') {
        i += 2;
        continue;
      }
      if (c === '' || c === '\n') return this.fail('unterminated quoted string');
      if (c === '"') break;
      i++;
    }
    this.emit('string', this.pos, i + 1);
    this.pos = i + 1;
    return true;
  }

  private rawQuote(): boolean {
    const close = this.src.indexOf('`', this.pos + 1);
    if (close < 0) return this.fail('unterminated raw quoted string');
    this.emit('rawString', this.pos, close + 1);
    this.advanceTo(close + 1);
    return true;
  }

  private charConstant(): boolean {
    let i = this.pos + 1;
    for (;;) {
      const c = this.src[i] ?? '';
      if (c === '\\') {
        i += 2;
        continue;
      }
      if (c === '' || c === '\n') return this.fail('unterminated character constant');
      if (c === "'") break;
      i++;
    }
    this.emit('charConstant', this.pos, i + 1);
    this.pos = i + 1;
    return true;
  }
}

/** A pipeline operand (Go's parse nodes that can start or be an argument of a command). */
export type Arg =
  | { t: 'field'; names: string[]; pos: number; text: string }
  | { t: 'variable'; names: string[]; pos: number; text: string }
  | { t: 'ident'; name: string; pos: number; text: string }
  | { t: 'dot'; pos: number; text: string }
  | { t: 'nil'; pos: number; text: string }
  | { t: 'bool'; value: boolean; pos: number; text: string }
  | { t: 'number'; value: number | bigint; pos: number; text: string }
  | { t: 'string'; value: string; pos: number; text: string }
  | { t: 'pipe'; pipe: Pipe; pos: number; text: string }
  | { t: 'chain'; node: Arg; fields: string[]; pos: number; text: string };

/** A command: operands, the first of which may be a function. */
export interface Cmd {
  args: Arg[];
  pos: number;
  text: string;
}

/** A pipeline with its optional variable declaration (`$x :=`) or assignment (`$x =`). */
export interface Pipe {
  decl: string[];
  isAssign: boolean;
  cmds: Cmd[];
  pos: number;
}

/** A parsed template node. */
export type TNode =
  | { t: 'text'; text: string }
  | { t: 'action'; pipe: Pipe; pos: number }
  | BlockNode
  | { t: 'break' | 'continue'; pos: number }
  | { t: 'template'; name: string; pos: number; text: string };

/** `if`, `with` or `range` with its body and optional else branch. */
export interface BlockNode {
  t: 'if' | 'with' | 'range';
  pipe: Pipe;
  list: TNode[];
  elseList?: TNode[];
  pos: number;
}

type Ctl = { t: 'end'; pos: number } | { t: 'else'; pos: number };

/** The function names a template may call (checked at parse time, as Go does). */
export type FuncNames = ReadonlySet<string>;

/** A parsed template: its nodes and the source (for error positions). */
export interface ParsedTemplate {
  nodes: TNode[];
  source: string;
}

/** Parses a template named `output` as kubectl's GoTemplatePrinter does. */
export function parseGoTemplate(src: string, funcs: FuncNames): ParsedTemplate {
  return { nodes: new Parser(new Lexer(src).run(), funcs).parse(), source: src };
}

class Parser {
  private i = 0;
  private vars: string[] = ['$'];
  private rangeDepth = 0;
  private actionLine = 0;

  constructor(
    private readonly toks: Token[],
    private readonly funcs: FuncNames,
  ) {}

  private errorf(msg: string, tok: Token = this.toks[Math.max(0, this.i - 1)]): never {
    throw new GoTemplateParseError(`template: output:${tok.line}: ${msg}`);
  }

  private next(): Token {
    return this.toks[Math.min(this.i++, this.toks.length - 1)];
  }

  private backup(): void {
    this.i--;
  }

  private peek(): Token {
    return this.toks[Math.min(this.i, this.toks.length - 1)];
  }

  private nextNonSpace(): Token {
    let t = this.next();
    while (t.typ === 'space') t = this.next();
    return t;
  }

  private peekNonSpace(): Token {
    const t = this.nextNonSpace();
    this.backup();
    return t;
  }

  private tokString(t: Token): string {
    if (t.typ === 'eof') return 'EOF';
    if (t.typ === 'error') return t.val;
    if (t.typ === 'keyword') return `<${t.val}>`;
    const q = JSON.stringify(t.val);
    return t.val.length > 10 ? `${JSON.stringify(t.val.slice(0, 10))}...` : q;
  }

  private unexpected(t: Token, context: string): never {
    if (t.typ === 'error') {
      let extra = '';
      if (this.actionLine !== 0 && this.actionLine !== t.line) {
        extra = ` in ${context}`;
        if (t.val.endsWith(' action')) extra = extra.slice(' in action'.length);
      }
      this.errorf(`${t.val}${extra}`, t);
    }
    this.errorf(`unexpected ${this.tokString(t)} in ${context}`, t);
  }

  private expect(typ: TokType, context: string): Token {
    const t = this.nextNonSpace();
    if (t.typ !== typ) this.unexpected(t, context);
    return t;
  }

  parse(): TNode[] {
    const list: TNode[] = [];
    while (this.peek().typ !== 'eof') {
      const n = this.textOrAction();
      if (n.t === 'end' || n.t === 'else') this.errorf(`unexpected {{${n.t}}}`);
      list.push(n);
    }
    return list;
  }

  private itemList(): [TNode[], Ctl] {
    const list: TNode[] = [];
    while (this.peekNonSpace().typ !== 'eof') {
      const n = this.textOrAction();
      if (n.t === 'end' || n.t === 'else') return [list, n];
      list.push(n);
    }
    this.errorf('unexpected EOF', this.peek());
  }

  private textOrAction(): TNode | Ctl {
    const t = this.nextNonSpace();
    if (t.typ === 'text') return { t: 'text', text: t.val };
    if (t.typ === 'left') {
      this.actionLine = t.line;
      try {
        return this.action();
      } finally {
        this.actionLine = 0;
      }
    }
    if (t.typ === 'error') this.errorf(t.val, t);
    this.unexpected(t, 'input');
  }

  private action(): TNode | Ctl {
    const t = this.nextNonSpace();
    if (t.typ === 'keyword') {
      switch (t.val) {
        case 'if':
        case 'range':
        case 'with':
          return this.control(t.val, t.pos);
        case 'end':
          return { t: 'end', pos: this.expect('right', 'end').pos };
        case 'else':
          return this.elseControl();
        case 'break':
        case 'continue':
          if (this.rangeDepth === 0) this.errorf(`{{${t.val}}} outside {{range}}`);
          this.expect('right', t.val);
          return { t: t.val, pos: t.pos };
        case 'template':
          return this.templateControl();
        default:
          this.errorf(`{{${t.val}}} is not supported by Podlab`);
      }
    }
    this.backup();
    // An action's variables stay in scope to the end of the enclosing block.
    const pipe = this.pipeline('command', 'right');
    return { t: 'action', pipe, pos: t.pos };
  }

  /** `{{template "name" pipeline}}`: parsed; executing it fails, as only `output` exists. */
  private templateControl(): TNode {
    const tok = this.nextNonSpace();
    if (tok.typ !== 'string' && tok.typ !== 'rawString') this.unexpected(tok, 'template clause');
    const name = tok.typ === 'string' ? unquoteGo(tok.val, (m) => this.errorf(m, tok)) : tok.val.slice(1, -1);
    let text = `{{template ${goQuoteName(name)}}}`;
    if (this.nextNonSpace().typ !== 'right') {
      this.backup();
      const pipe = this.pipeline('template clause', 'right');
      text = `{{template ${goQuoteName(name)} ${pipeText(pipe)}}}`;
    }
    return { t: 'template', name, pos: tok.pos, text };
  }

  private elseControl(): Ctl {
    const p = this.peekNonSpace();
    if (p.typ === 'keyword' && (p.val === 'if' || p.val === 'with')) return { t: 'else', pos: p.pos };
    return { t: 'else', pos: this.expect('right', 'else').pos };
  }

  private control(kind: 'if' | 'range' | 'with', pos: number): TNode {
    const mark = this.vars.length;
    try {
      const pipe = this.pipeline(kind, 'right');
      if (kind === 'range') this.rangeDepth++;
      const [list, next] = this.itemList();
      if (kind === 'range') this.rangeDepth--;
      let elseList: TNode[] | undefined;
      if (next.t === 'else') {
        const p = this.peekNonSpace();
        if (kind !== 'range' && p.typ === 'keyword' && p.val === kind) {
          this.nextNonSpace();
          elseList = [this.control(kind, p.pos)];
        } else {
          const [els, end] = this.itemList();
          if (end.t !== 'end') this.errorf(`expected end; found {{${end.t}}}`);
          elseList = els;
        }
      }
      return { t: kind, pipe, list, elseList, pos };
    } finally {
      this.vars.length = mark;
    }
  }

  private pipeline(context: string, end: 'right' | 'rightParen'): Pipe {
    const pipe: Pipe = { decl: [], isAssign: false, cmds: [], pos: this.peekNonSpace().pos };
    this.declaration(pipe, context);
    for (;;) {
      const t = this.nextNonSpace();
      if (t.typ === end) {
        if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`);
        return pipe;
      }
      if (['bool', 'charConstant', 'dot', 'field', 'identifier', 'number', 'nil', 'rawString', 'string', 'variable', 'leftParen'].includes(t.typ)) {
        this.backup();
        pipe.cmds.push(this.command());
      } else {
        this.unexpected(t, context);
      }
    }
  }

  /** `$x :=`, `$x =`, or in range `$i, $e :=`. */
  private declaration(pipe: Pipe, context: string): void {
    const v = this.peekNonSpace();
    if (v.typ !== 'variable') return;
    const save = this.i;
    this.nextNonSpace();
    const next = this.nextNonSpace();
    if (next.typ === 'declare' || next.typ === 'assign') {
      pipe.isAssign = next.typ === 'assign';
      pipe.decl.push(v.val);
      if (!pipe.isAssign) this.vars.push(v.val);
      else if (!this.vars.includes(v.val)) this.errorf(`undefined variable "${v.val}"`);
      return;
    }
    if (next.typ === 'char' && next.val === ',' && context === 'range') {
      const v2 = this.nextNonSpace();
      const op = this.nextNonSpace();
      if (v2.typ === 'variable' && (op.typ === 'declare' || op.typ === 'assign')) {
        pipe.isAssign = op.typ === 'assign';
        pipe.decl.push(v.val, v2.val);
        if (!pipe.isAssign) this.vars.push(v.val, v2.val);
        return;
      }
      this.errorf('range can only initialize variables');
    }
    this.i = save;
  }

  private command(): Cmd {
    const cmd: Cmd = { args: [], pos: this.peekNonSpace().pos, text: '' };
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand) cmd.args.push(operand);
      const t = this.next();
      if (t.typ === 'space') continue;
      if (t.typ === 'right' || t.typ === 'rightParen') this.backup();
      else if (t.typ !== 'pipe') this.unexpected(t, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.errorf('empty command');
    cmd.text = cmd.args.map((a) => a.text).join(' ');
    return cmd;
  }

  private operand(): Arg | undefined {
    const node = this.term();
    if (!node || this.peek().typ !== 'field') return node;
    const fields: string[] = [];
    const pos = this.peek().pos;
    while (this.peek().typ === 'field') fields.push(this.next().val.slice(1));
    const suffix = fields.map((f) => `.${f}`).join('');
    if (node.t === 'field') return { t: 'field', names: [...node.names, ...fields], pos, text: node.text + suffix };
    if (node.t === 'variable') return { t: 'variable', names: [...node.names, ...fields], pos, text: node.text + suffix };
    if (['bool', 'string', 'number', 'nil', 'dot'].includes(node.t)) this.errorf(`unexpected . after term ${JSON.stringify(node.text)}`);
    return { t: 'chain', node, fields, pos, text: node.text + suffix };
  }

  private term(): Arg | undefined {
    const t = this.nextNonSpace();
    switch (t.typ) {
      case 'identifier':
        if (!this.funcs.has(t.val)) this.errorf(`function ${JSON.stringify(t.val)} not defined`, t);
        return { t: 'ident', name: t.val, pos: t.pos, text: t.val };
      case 'dot':
        return { t: 'dot', pos: t.pos, text: '.' };
      case 'nil':
        return { t: 'nil', pos: t.pos, text: 'nil' };
      case 'variable':
        if (!this.vars.includes(t.val)) this.errorf(`undefined variable ${JSON.stringify(t.val)}`, t);
        return { t: 'variable', names: [t.val], pos: t.pos, text: t.val };
      case 'field':
        return { t: 'field', names: [t.val.slice(1)], pos: t.pos, text: t.val };
      case 'bool':
        return { t: 'bool', value: t.val === 'true', pos: t.pos, text: t.val };
      case 'number':
      case 'charConstant':
        return this.number(t);
      case 'leftParen': {
        const pipe = this.pipeline('parenthesized pipeline', 'rightParen');
        return { t: 'pipe', pipe, pos: t.pos, text: `(${pipe.cmds.map((c) => c.text).join(' | ')})` };
      }
      case 'string':
        return { t: 'string', value: unquoteGo(t.val, (m) => this.errorf(m, t)), pos: t.pos, text: t.val };
      case 'rawString':
        return { t: 'string', value: t.val.slice(1, -1).replaceAll('\r', ''), pos: t.pos, text: t.val };
      case 'error':
        this.errorf(t.val, t);
    }
    this.backup();
    return undefined;
  }

  private number(t: Token): Arg {
    if (t.typ === 'charConstant') {
      const s = unquoteGo(`"${t.val.slice(1, -1)}"`, (m) => this.errorf(m, t));
      return { t: 'number', value: BigInt(s.codePointAt(0) ?? 0), pos: t.pos, text: t.val };
    }
    const text = t.val.replaceAll('_', '');
    const isFloat = /[.eEpP]/.test(text) && !/^[+-]?0[xX][0-9a-fA-F]*$/.test(text);
    if (!isFloat) {
      try {
        const neg = text.startsWith('-');
        const body = text.replace(/^[+-]/, '').replace(/^0([0-7]+)$/, '0o$1');
        const v = BigInt(body);
        return { t: 'number', value: neg ? -v : v, pos: t.pos, text: t.val };
      } catch {
        this.errorf(`illegal number syntax: ${JSON.stringify(t.val)}`, t);
      }
    }
    const f = Number(text);
    if (Number.isNaN(f)) this.errorf(`illegal number syntax: ${JSON.stringify(t.val)}`, t);
    return { t: 'number', value: f, pos: t.pos, text: t.val };
  }
}

/** PipeNode.String(): the declaration, then the commands joined by ` | `. */
export function pipeText(pipe: Pipe): string {
  const decl = pipe.decl.length > 0 ? `${pipe.decl.join(', ')} ${pipe.isAssign ? '=' : ':='} ` : '';
  return decl + pipe.cmds.map((c) => c.text).join(' | ');
}

function goQuoteName(s: string): string {
  return JSON.stringify(s);
}

const ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"', "'": "'" };

/** strconv.Unquote of a double-quoted Go string literal. */
function unquoteGo(lit: string, fail: (msg: string) => never): string {
  const body = lit.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[++i];
    if (ESCAPES[e] !== undefined) out += ESCAPES[e];
    else if (e === 'x' || e === 'u' || e === 'U') {
      const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + n);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== n) fail('invalid syntax');
      out += String.fromCodePoint(parseInt(hex, 16));
      i += n;
    } else if (e >= '0' && e <= '7') {
      out += String.fromCharCode(parseInt(body.slice(i, i + 3), 8));
      i += 2;
    } else fail('invalid syntax');
  }
  return out;
}
