/**
 * Splits sh source into tokens: words (with their quoting and `$` expansions already parsed
 * into parts), operators, redirections and newlines. Reserved words are left to the parser,
 * because `if` is only a keyword where a command starts.
 */
import type { ParamOp, SyntaxProblem, Word, WordPart } from './ast.ts';

export type Token =
  | { k: 'word'; word: Word; line: number }
  | { k: 'op'; op: string; line: number }
  | { k: 'redir'; fd: number | null; op: '>' | '>>' | '<' | '>&' | '<&' | '<<'; line: number }
  | { k: 'eof'; line: number };

/** Thrown (and caught by the parser) when the source cannot be tokenised. */
export class LexError extends Error {
  constructor(readonly problem: SyntaxProblem) {
    super(problem.kind);
  }
}

const META = new Set([' ', '\t', '\n', ';', '&', '|', '<', '>', '(', ')']);
const OPERATORS = ['&&', '||', ';;', ';', '&', '|', '(', ')'];
const REDIRS = ['>>', '>&', '>|', '<&', '<<', '>', '<'] as const;
const PARAM_OPS: ParamOp[] = [':-', ':=', ':+', ':?', '-', '=', '+', '?'];
const SPECIAL_PARAMS = '?$#@*!-0123456789';
/** Inside double quotes a backslash escapes only these; before anything else it stays. */
const DQ_ESCAPABLE = '$`"\\\n';

/** Tokenises a whole script. */
export function tokenize(src: string): Token[] {
  const lexer = new Lexer(src);
  const tokens: Token[] = [];
  for (;;) {
    const token = lexer.next();
    tokens.push(token);
    if (token.k === 'eof') return tokens;
  }
}

/** Parses the text of `${VAR:-text}`'s argument into word parts. */
export function lexWordText(text: string, quoted: boolean): Word {
  const lexer = new Lexer(text);
  const parts = quoted ? lexer.readDoubleBody(text.length) : lexer.readWordParts(true);
  return { parts };
}

class Lexer {
  private pos = 0;
  private line = 1;

  constructor(private readonly src: string) {}

  next(): Token {
    this.skipBlanksAndComments();
    const line = this.line;
    const c = this.src[this.pos];
    if (c === undefined) return { k: 'eof', line };
    if (c === '\n') {
      this.pos++;
      this.line++;
      return { k: 'op', op: '\n', line };
    }
    const fd = /^\d+(?=[<>])/.exec(this.src.slice(this.pos, this.pos + 12));
    if (fd) this.pos += fd[0].length;
    const redir = REDIRS.find((r) => this.src.startsWith(r, this.pos));
    if (redir) {
      this.pos += redir.length;
      return { k: 'redir', fd: fd ? Number(fd[0]) : null, op: redir === '>|' ? '>' : redir, line };
    }
    const op = OPERATORS.find((o) => this.src.startsWith(o, this.pos));
    if (op) {
      this.pos += op.length;
      return { k: 'op', op, line };
    }
    return { k: 'word', word: { parts: this.readWordParts(false) }, line };
  }

  private skipBlanksAndComments(): void {
    for (;;) {
      const c = this.src[this.pos];
      if (c === ' ' || c === '\t') this.pos++;
      else if (c === '\\' && this.src[this.pos + 1] === '\n') this.newlineAt(this.pos + 2);
      else if (c === '#') while (this.pos < this.src.length && this.src[this.pos] !== '\n') this.pos++;
      else return;
    }
  }

  /** Reads one word; `all` reads to the end of the source (for `${VAR:-...}` arguments). */
  readWordParts(all: boolean): WordPart[] {
    const parts: WordPart[] = [];
    while (this.pos < this.src.length && (all || !META.has(this.src[this.pos]))) {
      const c = this.src[this.pos];
      if (c === '\\') this.readBackslash(parts);
      else if (c === "'") this.readSingle(parts);
      else if (c === '"') {
        this.pos++;
        const end = this.findDoubleEnd();
        parts.push(...this.readDoubleBody(end), { t: 'lit', v: '', q: true });
        this.pos = end + 1;
      } else if (c === '$') parts.push(this.readDollar(false));
      else if (c === '`') parts.push(this.readBacktick(false));
      else {
        parts.push({ t: 'lit', v: c, q: false });
        this.pos++;
      }
    }
    return mergeLiterals(parts);
  }

  private readBackslash(parts: WordPart[]): void {
    const next = this.src[this.pos + 1];
    if (next === '\n') return this.newlineAt(this.pos + 2);
    parts.push({ t: 'lit', v: next ?? '\\', q: true });
    this.pos += next === undefined ? 1 : 2;
  }

  private readSingle(parts: WordPart[]): void {
    const end = this.src.indexOf("'", this.pos + 1);
    if (end < 0) throw new LexError({ kind: 'unterminated', what: 'quote', line: this.line });
    const text = this.src.slice(this.pos + 1, end);
    parts.push({ t: 'lit', v: text, q: true });
    this.newlineAt(end + 1, text);
  }

  private findDoubleEnd(): number {
    for (let i = this.pos; i < this.src.length; i++) {
      if (this.src[i] === '\\') i++;
      else if (this.src[i] === '"') return i;
      else if (this.src[i] === '$' && this.src[i + 1] === '(') i = this.balancedEnd(i + 1, '(', ')');
      else if (this.src[i] === '`') i = this.src.indexOf('`', i + 1);
      if (i < 0) break;
    }
    throw new LexError({ kind: 'unterminated', what: 'quote', line: this.line });
  }

  /** Parts of double-quoted text from `pos` up to (not including) `end`; all quoted. */
  readDoubleBody(end: number): WordPart[] {
    const parts: WordPart[] = [];
    while (this.pos < end) {
      const c = this.src[this.pos];
      if (c === '\\' && DQ_ESCAPABLE.includes(this.src[this.pos + 1] ?? '')) {
        if (this.src[this.pos + 1] !== '\n') parts.push({ t: 'lit', v: this.src[this.pos + 1], q: true });
        this.newlineAt(this.pos + 2, this.src[this.pos + 1]);
      } else if (c === '$') parts.push(this.readDollar(true));
      else if (c === '`') parts.push(this.readBacktick(true));
      else {
        parts.push({ t: 'lit', v: c, q: true });
        this.newlineAt(this.pos + 1, c);
      }
    }
    return mergeLiterals(parts);
  }

  private readDollar(q: boolean): WordPart {
    const next = this.src[this.pos + 1] ?? '';
    if (next === '{') return this.readBraced(q);
    if (next === '(') {
      const end = this.balancedEnd(this.pos + 1, '(', ')');
      const src = this.src.slice(this.pos + 2, end);
      this.newlineAt(end + 1, src);
      return { t: 'cmdsub', src, q };
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.src.slice(this.pos + 1));
    if (name) {
      this.pos += 1 + name[0].length;
      return { t: 'param', name: name[0], q };
    }
    if (next !== '' && SPECIAL_PARAMS.includes(next)) {
      this.pos += 2;
      return { t: 'param', name: next, q };
    }
    this.pos++;
    return { t: 'lit', v: '$', q };
  }

  private readBraced(q: boolean): WordPart {
    const end = this.balancedEnd(this.pos + 1, '{', '}');
    const body = this.src.slice(this.pos + 2, end);
    this.newlineAt(end + 1, body);
    if (body.startsWith('#') && body.length > 1) return { t: 'param', name: body.slice(1), op: 'len', q };
    const name = /^([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[?$#@*!-])/.exec(body);
    if (!name) throw new LexError({ kind: 'unexpected', token: { t: 'word', text: body }, line: this.line });
    const rest = body.slice(name[0].length);
    if (rest === '') return { t: 'param', name: name[0], q };
    const op = PARAM_OPS.find((o) => rest.startsWith(o));
    if (!op) throw new LexError({ kind: 'unexpected', token: { t: 'word', text: body }, line: this.line });
    return { t: 'param', name: name[0], op, arg: lexWordText(rest.slice(op.length), q), q };
  }

  private readBacktick(q: boolean): WordPart {
    const end = this.src.indexOf('`', this.pos + 1);
    if (end < 0) throw new LexError({ kind: 'unterminated', what: 'quote', line: this.line });
    const src = this.src.slice(this.pos + 1, end);
    this.newlineAt(end + 1, src);
    return { t: 'cmdsub', src, q };
  }

  /** Index of the `close` matching the `open` at `start`, skipping quoted text. */
  private balancedEnd(start: number, open: string, close: string): number {
    let depth = 0;
    for (let i = start; i < this.src.length; i++) {
      const c = this.src[i];
      if (c === '\\') i++;
      else if (c === "'") i = this.src.indexOf("'", i + 1);
      else if (c === open) depth++;
      else if (c === close && --depth === 0) return i;
      if (i < 0) break;
    }
    throw new LexError({ kind: 'unterminated', what: 'subst', line: this.line });
  }

  /** Moves to `pos`, counting the newlines in the text skipped (line numbers in messages). */
  private newlineAt(pos: number, skipped = '\n'): void {
    this.line += skipped.split('\n').length - 1;
    this.pos = pos;
  }
}

function mergeLiterals(parts: WordPart[]): WordPart[] {
  const out: WordPart[] = [];
  for (const part of parts) {
    const last = out[out.length - 1];
    if (part.t === 'lit' && last?.t === 'lit' && last.q === part.q) last.v += part.v;
    else out.push(part.t === 'lit' ? { ...part } : part);
  }
  return out;
}
