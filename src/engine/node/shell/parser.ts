/**
 * Recursive-descent parser for the POSIX sh subset container commands are written in: lists,
 * `&&`/`||`, pipelines, `!`, `{ }`, `( )`, if/while/until/for, redirections and assignments, and
 * bash's `[[ ]]` (cond.ts).
 * Not parsed (a syntax error, as an unknown construct would be): `case`, functions, heredocs.
 */
import type { Assign, CondItem, NodeId, Program, Redir, ShNode, SyntaxProblem, TokenName, Word } from './ast.ts';
import { LexError, tokenize, type Token } from './lexer.ts';

export type ParseResult = { ok: true; program: Program } | { ok: false; problem: SyntaxProblem };

const RESERVED = new Set(['if', 'then', 'elif', 'else', 'fi', 'while', 'until', 'do', 'done', 'for', 'in', '!', '{', '}', 'case', 'esac']);
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Parses a script into a program, or the syntax problem a shell would report. */
export function parseScript(src: string): ParseResult {
  try {
    const parser = new Parser(tokenize(src));
    return { ok: true, program: parser.program() };
  } catch (error) {
    if (error instanceof LexError) return { ok: false, problem: error.problem };
    throw error;
  }
}

/** The unquoted literal text of a word, if it is one piece (how keywords are recognised). */
function plainText(word: Word): string | undefined {
  const [part, ...more] = word.parts;
  return more.length === 0 && part?.t === 'lit' && !part.q ? part.v : undefined;
}

class Parser {
  private pos = 0;
  private readonly nodes: ShNode[] = [];

  constructor(private readonly tokens: Token[]) {}

  program(): Program {
    const root = this.list(new Set(), false);
    if (this.peek().k !== 'eof') this.unexpected();
    return { nodes: this.nodes, root };
  }

  /** Commands until a keyword in `stops`, `)` or the end; `required` wants at least one. */
  private list(stops: Set<string>, required: boolean, expecting?: string): NodeId {
    const items: NodeId[] = [];
    for (;;) {
      this.skipNewlines();
      if (this.atListEnd(stops)) break;
      items.push(this.andOr());
      const t = this.peek();
      if (t.k === 'op' && (t.op === ';' || t.op === '&' || t.op === '\n')) this.pos++;
      else if (!this.atListEnd(stops)) this.unexpected();
    }
    if (required && items.length === 0) this.unexpected(expecting);
    return this.add({ t: 'list', items });
  }

  private atListEnd(stops: Set<string>): boolean {
    const t = this.peek();
    if (t.k === 'eof' || (t.k === 'op' && (t.op === ')' || t.op === ';;'))) return true;
    const kw = this.keyword();
    return kw !== undefined && (stops.has(kw) || (RESERVED.has(kw) && !STARTERS.has(kw)));
  }

  private andOr(): NodeId {
    const first = this.pipeline();
    const rest: Array<{ op: '&&' | '||'; id: NodeId }> = [];
    for (let t = this.peek(); t.k === 'op' && (t.op === '&&' || t.op === '||'); t = this.peek()) {
      this.pos++;
      this.skipNewlines();
      rest.push({ op: t.op, id: this.pipeline() });
    }
    return rest.length === 0 ? first : this.add({ t: 'andor', first, rest });
  }

  private pipeline(): NodeId {
    const bang = this.keyword() === '!';
    if (bang) this.pos++;
    const cmds = [this.command()];
    for (let t = this.peek(); t.k === 'op' && t.op === '|'; t = this.peek()) {
      this.pos++;
      this.skipNewlines();
      cmds.push(this.command());
    }
    return cmds.length === 1 && !bang ? cmds[0] : this.add({ t: 'pipe', bang, cmds });
  }

  private command(): NodeId {
    const t = this.peek();
    if (t.k === 'op' && t.op === '(') {
      this.pos++;
      const body = this.list(new Set(), true);
      this.expectOp(')');
      return this.add({ t: 'group', body, subshell: true, redirs: this.redirs() });
    }
    if (t.k === 'word' && plainText(t.word) === '[[') return this.condCommand();
    switch (this.keyword()) {
      case '{': return this.braceGroup();
      case 'if': return this.ifClause();
      case 'while': case 'until': return this.loop();
      case 'for': return this.forClause();
      case undefined: return this.simple();
      default: return this.simpleOrUnexpected();
    }
  }

  private simpleOrUnexpected(): NodeId {
    if (STARTERS.has(this.keyword() ?? '')) return this.simple();
    return this.unexpected();
  }

  private braceGroup(): NodeId {
    this.pos++;
    const body = this.list(new Set(['}']), true);
    this.expectWord('}');
    return this.add({ t: 'group', body, subshell: false, redirs: this.redirs() });
  }

  private ifClause(): NodeId {
    const clauses: Array<{ cond: NodeId; body: NodeId }> = [];
    let elseBody: NodeId | null = null;
    for (let kw = 'if'; kw === 'if' || kw === 'elif'; ) {
      this.pos++;
      const cond = this.list(new Set(['then']), true);
      this.expectWord('then');
      clauses.push({ cond, body: this.list(new Set(['elif', 'else', 'fi']), true) });
      kw = this.keyword() ?? '';
    }
    if (this.keyword() === 'else') {
      this.pos++;
      elseBody = this.list(new Set(['fi']), true);
    }
    this.expectWord('fi');
    return this.add({ t: 'if', clauses, elseBody, redirs: this.redirs() });
  }

  private loop(): NodeId {
    const until = this.keyword() === 'until';
    this.pos++;
    const cond = this.list(new Set(['do']), true);
    const body = this.doGroup();
    return this.add({ t: 'loop', until, cond, body, redirs: this.redirs() });
  }

  private doGroup(): NodeId {
    this.expectWord('do');
    const body = this.list(new Set(['done']), true);
    this.expectWord('done');
    return body;
  }

  private forClause(): NodeId {
    this.pos++;
    const nameTok = this.peek();
    const name = nameTok.k === 'word' ? plainText(nameTok.word) : undefined;
    if (name === undefined || !NAME.test(name)) return this.unexpected();
    this.pos++;
    this.skipNewlines();
    let words: Word[] | null = null;
    if (this.keyword() === 'in') {
      this.pos++;
      words = [];
      for (let t = this.peek(); t.k === 'word'; t = this.peek()) {
        words.push(t.word);
        this.pos++;
      }
      this.expectSeparator();
    } else if (this.peek().k === 'op' && (this.peek() as { op: string }).op === ';') this.pos++;
    this.skipNewlines();
    const body = this.doGroup();
    return this.add({ t: 'for', name, words, body, redirs: this.redirs() });
  }

  /** bash's `[[ EXPR ]]`: the words up to `]]`, with `&&` `||` `(` `)` (and `<` `>` as operators) between them. */
  private condCommand(): NodeId {
    const line = this.peek().line;
    this.pos++;
    const items: CondItem[] = [];
    for (;;) {
      const t = this.peek();
      this.pos++;
      if (t.k === 'word' && plainText(t.word) === ']]') break;
      if (t.k === 'word') items.push({ w: t.word });
      else if (t.k === 'op' && (t.op === '&&' || t.op === '||' || t.op === '(' || t.op === ')')) items.push({ op: t.op });
      else if (t.k === 'redir' && t.fd === null && (t.op === '<' || t.op === '>')) items.push({ w: { parts: [{ t: 'lit', v: t.op, q: false }] } });
      else if (!(t.k === 'op' && t.op === '\n')) {
        this.pos--;
        return this.unexpected();
      }
    }
    if (items.length === 0) {
      this.pos--;
      return this.unexpected();
    }
    return this.add({ t: 'cond', items, line });
  }

  private simple(): NodeId {
    const line = this.peek().line;
    const assigns: Assign[] = [];
    const words: Word[] = [];
    const redirs: Redir[] = [];
    for (let t = this.peek(); t.k === 'word' || t.k === 'redir'; t = this.peek()) {
      if (t.k === 'redir') redirs.push(this.redir());
      else {
        const assign = words.length === 0 ? asAssignment(t.word) : undefined;
        if (assign) assigns.push(assign);
        else words.push(t.word);
        this.pos++;
      }
    }
    if (assigns.length + words.length + redirs.length === 0) this.unexpected();
    return this.add({ t: 'simple', assigns, words, redirs, line });
  }

  private redirs(): Redir[] {
    const out: Redir[] = [];
    while (this.peek().k === 'redir') out.push(this.redir());
    return out;
  }

  private redir(): Redir {
    const t = this.peek() as Extract<Token, { k: 'redir' }>;
    if (t.op === '<<') return this.unexpected();
    this.pos++;
    const target = this.peek();
    if (target.k !== 'word') return this.unexpected();
    this.pos++;
    const fd = t.fd ?? (t.op.startsWith('<') ? 0 : 1);
    return { fd, op: t.op, target: target.word };
  }

  private expectWord(kw: string): void {
    if (this.keyword() !== kw) this.unexpected(kw);
    this.pos++;
  }

  private expectOp(op: string): void {
    const t = this.peek();
    if (t.k !== 'op' || t.op !== op) this.unexpected(op);
    this.pos++;
  }

  private expectSeparator(): void {
    const t = this.peek();
    if (t.k === 'op' && (t.op === ';' || t.op === '\n')) this.pos++;
    else this.unexpected();
  }

  private skipNewlines(): void {
    while (this.peek().k === 'op' && (this.peek() as { op: string }).op === '\n') this.pos++;
  }

  private keyword(): string | undefined {
    const t = this.peek();
    const text = t.k === 'word' ? plainText(t.word) : undefined;
    return text !== undefined && RESERVED.has(text) ? text : undefined;
  }

  private peek(): Token {
    return this.tokens[this.pos];
  }

  private add(node: ShNode): NodeId {
    this.nodes.push(node);
    return this.nodes.length - 1;
  }

  private unexpected(expecting?: string): never {
    const t = this.peek();
    throw new LexError({ kind: 'unexpected', token: tokenName(t), expecting, line: t.line });
  }
}

/** Keywords that begin a command (anything else reserved ends a list or is out of place). */
const STARTERS = new Set(['if', 'while', 'until', 'for', '!', '{']);

function tokenName(t: Token): TokenName {
  if (t.k === 'eof') return { t: 'eof' };
  if (t.k === 'op') return t.op === '\n' ? { t: 'newline' } : { t: 'op', text: t.op };
  if (t.k === 'redir') return { t: 'op', text: t.op };
  const text = plainText(t.word);
  return text !== undefined && RESERVED.has(text) ? { t: 'op', text } : { t: 'word', text: text ?? '' };
}

function asAssignment(word: Word): Assign | undefined {
  const [first, ...rest] = word.parts;
  if (first?.t !== 'lit' || first.q) return undefined;
  const m = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(first.v);
  if (!m) return undefined;
  const tail = first.v.slice(m[0].length);
  const parts = tail === '' ? rest : [{ ...first, v: tail }, ...rest];
  return { name: m[1], value: { parts } };
}
